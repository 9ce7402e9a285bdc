//! URL state: any text as a decoded query string, `k=v&k=v`.
//!
//! Checks, beyond not panicking: the query the app writes back to the URL
//! (`to_pairs`) reads again without warnings into the same URL.

#![no_main]

use libfuzzer_sys::fuzz_target;
use locator_core::Query;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pairs = text
        .split('&')
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")));
    let (query, _warnings) = Query::from_pairs(pairs);
    let written = query.to_pairs();
    let (again, warnings) = Query::from_pairs(written.clone());
    assert!(warnings.is_empty(), "{written:?}: {warnings:?}");
    assert_eq!(again.to_pairs(), written);
});
