//! CSV import: any bytes as a spreadsheet export (the first byte picks the
//! datum).
//!
//! Checks, beyond not panicking: what is imported passes the dataset checks
//! with no error, with as many outlets as rows imported.

#![no_main]

use evl_data::import::{import_csv, ImportOptions};
use libfuzzer_sys::fuzz_target;
use locator_core::{validate, Datum, LocalText};

fuzz_target!(|data: &[u8]| {
    let Some((&first, csv)) = data.split_first() else {
        return;
    };
    let options = ImportOptions {
        datum: Datum::ALL[usize::from(first % 3)],
        brand: LocalText::new("青云汽车", "Qingyun Motors"),
        updated: "2026-11-20".parse().unwrap(),
        time_zone: "Asia/Shanghai".into(),
        sample: false,
        delimiter: None,
    };
    if let Ok(imported) = import_csv(csv, &options) {
        assert!(imported.imported <= imported.rows);
        let report = validate(&imported.geojson);
        assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
        let outlets = report.dataset.map(|d| d.outlets.len());
        assert_eq!(outlets, Some(imported.imported));
    }
});
