//! The search box: building the index, and one search per keystroke while
//! typing "shanghai" letter by letter and then 上, 上海, against the shipped
//! gazetteer (about 2,300 places) with the sample dataset (about 300
//! outlets), and with the sample's outlets copied to 100,000.
//!
//! Prints figures; passes or fails on nothing.
//!
//! ```sh
//! cargo bench -p locator-core --bench search -- --warm-up-time 1 --measurement-time 2
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use locator_core::{Dataset, Gazetteer, PinyinTable, SearchIndex};
use serde_json::Value;
use std::hint::black_box;

const PLACES: &str = include_str!("../../public/data/places.json");
const PINYIN: &str = include_str!("../../public/data/pinyin.json");
const OUTLETS: &str = include_str!("../../public/data/outlets.geojson");

/// What the box holds after each keystroke.
const KEYSTROKES: [&str; 10] = [
    "s", "sh", "sha", "shan", "shang", "shangh", "shangha", "shanghai", "上", "上海",
];

/// How many hits the box shows.
const LIMIT: usize = 10;

/// The sample's outlets copied until there are `count`, each copy with new ids.
fn scaled(count: usize) -> Dataset {
    let mut collection: Value = serde_json::from_str(OUTLETS).expect("sample is JSON");
    let features = collection["features"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::with_capacity(count);
    for copy in 0.. {
        for feature in &features {
            if out.len() == count {
                break;
            }
            let mut feature = feature.clone();
            let props = &mut feature["properties"];
            let id = format!("{}-{copy}", props["id"].as_str().unwrap_or("x"));
            props["id"] = Value::String(id);
            if let Some(to) = props["relocated_to"].as_str() {
                props["relocated_to"] = Value::String(format!("{to}-{copy}"));
            }
            out.push(feature);
        }
        if out.len() == count {
            break;
        }
    }
    collection["features"] = Value::Array(out);
    Dataset::parse(&collection.to_string()).expect("scaled sample parses")
}

fn search(c: &mut Criterion) {
    let gazetteer = Gazetteer::parse(PLACES).expect("places.json parses");
    let pinyin = PinyinTable::parse(PINYIN).expect("pinyin.json parses");
    let sample = Dataset::parse(OUTLETS).expect("sample parses");
    let large = scaled(100_000);

    let mut build = c.benchmark_group("search/build");
    build.sample_size(10);
    build.bench_function("sample", |b| {
        b.iter(|| SearchIndex::new(&gazetteer, black_box(&sample), &pinyin))
    });
    build.bench_function("100k outlets", |b| {
        b.iter(|| SearchIndex::new(&gazetteer, black_box(&large), &pinyin))
    });
    build.finish();

    for (name, dataset) in [("sample", &sample), ("100k outlets", &large)] {
        let index = SearchIndex::new(&gazetteer, dataset, &pinyin);
        let mut group = c.benchmark_group(format!("search/keystroke/{name}"));
        if dataset.outlets.len() > 10_000 {
            group.sample_size(20);
        }
        for query in KEYSTROKES {
            group.bench_with_input(BenchmarkId::from_parameter(query), query, |b, q| {
                b.iter(|| index.search(black_box(q), LIMIT))
            });
        }
        // A typo: the exact passes find nothing, so the typo pass runs.
        group.bench_with_input(
            BenchmarkId::from_parameter("shangahi"),
            "shangahi",
            |b, q| b.iter(|| index.search(black_box(q), LIMIT)),
        );
        group.finish();
    }
}

criterion_group!(benches, search);
criterion_main!(benches);
