//! The core at 300, 10,000 and 100,000 outlets of a synthetic network
//! (`locator_core::generate`, spread over Chinese cities like a real one):
//! parse and validate the GeoJSON, decode and encode its packed form
//! (`evl-data pack`), build the spatial index, the nearest 10
//! from a new origin, filter and rank the whole list, build the cluster
//! index and query a city view, and a search keystroke.
//!
//! Prints figures; passes or fails on nothing.
//!
//! ```sh
//! cargo bench -p locator-core --bench scale -- --warm-up-time 1 --measurement-time 3
//! # only loading 100,000 outlets, GeoJSON against packed:
//! cargo bench -p locator-core --bench scale -- 'scale/100000/(parse|pack)'
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use locator_core::{
    generate, pack, rank, spread_origins, Bounds, ClusterIndex, ClusterInput, ClusterOptions,
    Dataset, Filters, Gazetteer, OutletKind, PinyinTable, SearchIndex, Service, SpatialIndex,
};
use std::hint::black_box;
use std::time::Duration;

const SIZES: [usize; 3] = [300, 10_000, 100_000];

fn scale(c: &mut Criterion) {
    // Origins around China, one per iteration, so no two queries are alike.
    let origins = spread_origins(64);
    let gazetteer =
        Gazetteer::parse(include_str!("../../public/data/places.json")).unwrap_or_default();
    let pinyin =
        PinyinTable::parse(include_str!("../../public/data/pinyin.json")).unwrap_or_default();
    for n in SIZES {
        let text = generate(n, 1);
        let data = Dataset::parse(&text).expect("the generator writes valid data");
        let index = SpatialIndex::new(&data.outlets);
        let mut g = c.benchmark_group(format!("scale/{n}"));
        g.throughput(Throughput::Elements(n as u64));
        if n >= 100_000 {
            g.sample_size(10);
        }

        g.bench_function(BenchmarkId::new("parse and validate", n), |b| {
            b.iter(|| Dataset::parse(black_box(&text)).unwrap())
        });
        let packed = pack(&data);
        g.bench_function(BenchmarkId::new("pack decode", n), |b| {
            b.iter(|| Dataset::from_pack(black_box(&packed)).unwrap())
        });
        g.bench_function(BenchmarkId::new("pack encode", n), |b| {
            b.iter(|| pack(black_box(&data)))
        });
        g.bench_function(BenchmarkId::new("index build", n), |b| {
            b.iter(|| SpatialIndex::new(black_box(&data.outlets)))
        });
        let mut k = 0;
        g.bench_function(BenchmarkId::new("nearest 10 from a new origin", n), |b| {
            b.iter(|| {
                k = (k + 1) % origins.len();
                index.nearest(origins[k]).take(10).collect::<Vec<_>>()
            })
        });
        let filters = Filters {
            kind: Some(OutletKind::Partner),
            services: [Service::AfterSales].into_iter().collect(),
        };
        g.bench_function(
            BenchmarkId::new("filter and rank all from an origin", n),
            |b| {
                b.iter(|| {
                    k = (k + 1) % origins.len();
                    rank(&data, black_box(&filters), Some(origins[k]))
                })
            },
        );
        let inputs: Vec<ClusterInput> = data
            .outlets
            .iter()
            .enumerate()
            .map(|(i, o)| ClusterInput {
                position: o.location,
                id: i as u32,
                category: u8::from(o.kind == OutletKind::Partner),
            })
            .collect();
        let options = ClusterOptions {
            max_zoom: 15,
            ..ClusterOptions::default()
        };
        g.bench_function(BenchmarkId::new("cluster index build", n), |b| {
            b.iter(|| ClusterIndex::<2>::new(black_box(inputs.clone()), options).unwrap())
        });
        let clusters = ClusterIndex::<2>::new(inputs.clone(), options).unwrap();
        let shanghai = Bounds {
            west: 121.2,
            south: 31.0,
            east: 121.8,
            north: 31.4,
        };
        let china = Bounds {
            west: 73.0,
            south: 18.0,
            east: 135.0,
            north: 54.0,
        };
        g.bench_function(BenchmarkId::new("cluster a city view (zoom 11)", n), |b| {
            b.iter(|| clusters.clusters(black_box(shanghai), 11.0))
        });
        g.bench_function(BenchmarkId::new("cluster all of China (zoom 4)", n), |b| {
            b.iter(|| clusters.clusters(black_box(china), 4.0))
        });
        let search = SearchIndex::new(&gazetteer, &data, &pinyin);
        let keystrokes = [
            "s", "sh", "sha", "shan", "shang", "shangh", "shangha", "shanghai",
        ];
        g.bench_function(
            BenchmarkId::new("search keystroke (shanghai, letter by letter)", n),
            |b| {
                b.iter(|| {
                    k = (k + 1) % keystrokes.len();
                    search.search(black_box(keystrokes[k]), 8)
                })
            },
        );
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = scale
}
criterion_main!(benches);
