//! Dataset parsing and validation: any bytes as a dataset file.
//!
//! Checks, beyond not panicking: every diagnostic has a position; the app's
//! reading (`Dataset::parse`) and the report agree; what is kept is
//! consistent (unique ids, relocations to kept outlets, positions in China).

#![no_main]

use libfuzzer_sys::fuzz_target;
use locator_core::{validate_bytes, Dataset, Region};

fuzz_target!(|data: &[u8]| {
    let report = validate_bytes(data);
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d}");
    }
    let Ok(text) = std::str::from_utf8(data) else {
        assert!(report.dataset.is_none());
        return;
    };
    match (Dataset::parse(text), &report.dataset) {
        (Ok(parsed), Some(reported)) => {
            assert_eq!(parsed.outlets, reported.outlets);
            assert_eq!(parsed.rejected.len(), report.error_count());
            for (i, o) in parsed.outlets.iter().enumerate() {
                assert_eq!(parsed.index_of(&o.id), Some(i), "ids are unique");
                if let Some(to) = &o.relocated_to {
                    assert!(parsed.index_of(to).is_some(), "relocated to a kept outlet");
                }
                assert!(Region::China.contains(o.location));
            }
            assert_eq!(parsed.default_order().len(), parsed.outlets.len());
        }
        (Err(_), None) => {}
        (parsed, reported) => panic!(
            "parse and validate disagree: {:?} / {}",
            parsed.err(),
            reported.is_some()
        ),
    }
});
