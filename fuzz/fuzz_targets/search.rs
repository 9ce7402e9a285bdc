//! Place search: any text typed in the search box, against the shipped
//! gazetteer, pinyin table and sample outlets (indexed once).
//!
//! Checks, beyond not panicking: at most `limit` hits, each pointing at a
//! real place or outlet, best first.

#![no_main]

use libfuzzer_sys::fuzz_target;
use locator_core::{Dataset, Gazetteer, PinyinTable, SearchHit, SearchIndex};
use std::sync::LazyLock;

struct Engine {
    index: SearchIndex,
    places: usize,
    outlets: usize,
}

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let gazetteer = Gazetteer::parse(include_str!("../../public/data/places.json")).unwrap();
    let pinyin = PinyinTable::parse(include_str!("../../public/data/pinyin.json")).unwrap();
    let dataset = Dataset::parse(include_str!("../../public/data/outlets.geojson")).unwrap();
    Engine {
        index: SearchIndex::new(&gazetteer, &dataset, &pinyin),
        places: gazetteer.places.len(),
        outlets: dataset.outlets.len(),
    }
});

fuzz_target!(|data: &[u8]| {
    let Some((&first, typed)) = data.split_first() else {
        return;
    };
    let Ok(typed) = std::str::from_utf8(typed) else {
        return;
    };
    let limit = usize::from(first % 16);
    let hits = ENGINE.index.search(typed, limit);
    assert!(hits.len() <= limit);
    let mut last = u32::MAX;
    for hit in &hits {
        match hit {
            SearchHit::Place { index, .. } => assert!(*index < ENGINE.places),
            SearchHit::Outlet { index, .. } => assert!(*index < ENGINE.outlets),
        }
        assert!(hit.score() <= last, "best first");
        last = hit.score();
    }
});
