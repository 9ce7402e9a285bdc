//! Property tests of the CSV import: outlets written to a spreadsheet and
//! imported again come back the same; positions in another datum come back
//! in WGS-84 within centimetres; any bytes at all give either a reason or a
//! dataset that passes the checks.

use evl_data::import::{import_csv, ImportOptions, COLUMNS};
use locator_core::{
    convert, format_time_of_day, generate_dataset, validate, Bookable, Datum, Day, LatLng,
    LocalText, Outlet, Region,
};
use proptest::prelude::*;
use std::sync::Arc;

fn options(datum: Datum) -> ImportOptions {
    ImportOptions {
        datum,
        brand: LocalText::new("青云汽车", "Qingyun Motors"),
        updated: "2026-11-20".parse().unwrap(),
        time_zone: "Asia/Shanghai".into(),
        sample: true,
        delimiter: None,
    }
}

/// The documented columns, all of them.
const HEADER: [&str; 36] = COLUMNS;

/// An outlet as a spreadsheet row (its hours' exceptions, which a
/// spreadsheet cannot hold, left out).
fn row(o: &Outlet, lat: f64, lng: f64) -> Vec<String> {
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    let group = o.partner_group.clone().unwrap_or_default();
    let day = |d: Day| match &o.hours {
        None => String::new(),
        Some(h) if h.day(d).is_empty() => "closed".into(),
        Some(h) => h
            .day(d)
            .iter()
            .map(|r| {
                format!(
                    "{}-{}",
                    format_time_of_day(r.start_min),
                    format_time_of_day(r.end_min)
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
    };
    let (mobile_services, radius) = match &o.mobile_service {
        None => (String::new(), String::new()),
        Some(m) => (
            m.services
                .iter()
                .map(|s| s.id())
                .collect::<Vec<_>>()
                .join(";"),
            match m.area {
                locator_core::ServiceArea::Radius { radius_km } => radius_km.to_string(),
                _ => String::new(),
            },
        ),
    };
    let mut cells = vec![
        o.id.clone(),
        o.kind.id().into(),
        o.status.id().into(),
        o.relocated_to.clone().unwrap_or_default(),
        o.opening_date.map(|d| d.to_string()).unwrap_or_default(),
        text(&o.name.zh),
        text(&o.name.en),
        text(&o.address.zh),
        text(&o.address.en),
        text(&o.city.zh),
        text(&o.city.en),
        text(&o.province.zh),
        text(&o.province.en),
        lat.to_string(),
        lng.to_string(),
        o.phone.clone().unwrap_or_default(),
        o.website.clone().unwrap_or_default(),
        o.services
            .iter()
            .map(|s| s.id())
            .collect::<Vec<_>>()
            .join(","),
    ];
    cells.extend(Bookable::ALL.map(|what| o.own_booking(what).unwrap_or_default().to_string()));
    cells.extend([text(&group.zh), text(&group.en)]);
    cells.extend(Day::ALL.map(day));
    cells.push(mobile_services);
    cells.push(radius);
    cells
}

fn write_csv(rows: &[Vec<String>], delimiter: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    w.write_record(HEADER).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

/// Positions in mainland China.
fn mainland() -> impl Strategy<Value = LatLng> {
    (18.0f64..54.0, 73.0f64..135.0)
        .prop_map(|(lat, lng)| LatLng { lat, lng })
        .prop_filter("outside mainland China", |p| {
            locator_core::in_mainland_china(*p) && Region::China.contains(*p)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Generated outlets → CSV (comma or tab, with or without a byte-order
    /// mark) → import: the same outlets, but for the hours' exceptions.
    #[test]
    fn outlets_survive_a_spreadsheet(
        count in 1usize..40,
        seed in any::<u64>(),
        tab in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let mut original = generate_dataset(count, seed).unwrap();
        // Some outlets with a web page and their own booking pages, which
        // generated networks do not have.
        for o in original.outlets.iter_mut().step_by(3) {
            o.website = Some(format!("https://dealer.example/{}", o.id));
            o.booking = [
                (Bookable::Service(locator_core::Service::AfterSales), format!("https://dealer.example/s?o={}", o.id)),
                (Bookable::Notify, "https://dealer.example/n".to_string()),
            ]
            .into();
        }
        let rows: Vec<Vec<String>> = original
            .outlets
            .iter()
            .map(|o| row(o, o.location.lat, o.location.lng))
            .collect();
        let mut bytes = if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() };
        bytes.extend(write_csv(&rows, if tab { b'\t' } else { b',' }));
        let imported = import_csv(&bytes, &options(Datum::Wgs84)).unwrap();
        prop_assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        prop_assert_eq!(imported.imported, count);
        let back = locator_core::Dataset::parse(&imported.geojson).unwrap();
        prop_assert_eq!(back.outlets.len(), count);
        for (a, b) in original.outlets.iter().zip(&back.outlets) {
            let mut a = a.clone();
            if let Some(h) = &mut a.hours {
                Arc::make_mut(h).exceptions.clear();
            }
            prop_assert_eq!(&a, b);
        }
    }

    /// A position given in GCJ-02 or BD-09 comes back in WGS-84 within
    /// 20 cm (the output keeps 6 decimals).
    #[test]
    fn datums_round_trip(p in mainland(), bd09 in any::<bool>()) {
        let datum = if bd09 { Datum::Bd09 } else { Datum::Gcj02 };
        let template = generate_dataset(1, 1).unwrap().outlets[0].clone();
        let shifted = convert(p, Datum::Wgs84, datum);
        let bytes = write_csv(&[row(&template, shifted.lat, shifted.lng)], b',');
        let imported = import_csv(&bytes, &options(datum)).unwrap();
        let back = locator_core::Dataset::parse(&imported.geojson).unwrap();
        // Far from the template's city, the only problem may be that warning.
        prop_assert!(imported.problems.iter().all(|p| p.code == "far_from_city"), "{:?}", imported.problems);
        let got = back.outlets[0].location;
        prop_assert!(got.distance_m(p) < 0.2, "{:?} came back as {:?}", p, got);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any bytes after a valid header: no panic; what is imported passes the
    /// dataset checks with no error, and every problem has a row in the file.
    #[test]
    fn any_rows(body in prop::collection::vec(any::<u8>(), 0..300), tab in any::<bool>()) {
        let mut bytes = HEADER.join(if tab { "\t" } else { "," }).into_bytes();
        bytes.push(b'\n');
        bytes.extend(body);
        if let Ok(imported) = import_csv(&bytes, &options(Datum::Wgs84)) {
            let report = validate(&imported.geojson);
            prop_assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
            prop_assert_eq!(report.dataset.unwrap().outlets.len(), imported.imported);
            // Lines as CSV counts them: a bare CR ends one too (old Mac files).
            let lines = bytes
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
                .count()
                + 1;
            for p in &imported.problems {
                prop_assert!(p.row >= 2 && p.row <= lines, "{}", p);
            }
        }
    }

    /// Rows of plausible cells in any order: the same guarantees.
    #[test]
    fn plausible_rows(
        cells in prop::collection::vec(
            prop::collection::vec(
                prop_oneof![
                    Just(String::new()),
                    "[a-z_]{1,10}",
                    "-?[0-9]{1,3}\\.[0-9]{1,5}",
                    Just("ev_home".to_string()),
                    Just("partner".to_string()),
                    Just("sales;test_drive".to_string()),
                    Just("10:00-22:00".to_string()),
                    Just("上海".to_string()),
                    Just("31.2304".to_string()),
                    Just("121.4737".to_string()),
                    Just("https://dealer.example/b".to_string()),
                ],
                HEADER.len(),
            ),
            0..8,
        ),
    ) {
        let bytes = write_csv(&cells, b',');
        let imported = import_csv(&bytes, &options(Datum::Gcj02)).unwrap();
        let report = validate(&imported.geojson);
        prop_assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
        prop_assert_eq!(imported.imported + imported.problems.iter()
            .filter(|p| p.severity == locator_core::Severity::Error)
            .map(|p| p.row).collect::<std::collections::HashSet<_>>().len(), imported.rows);
    }
}

/// Booking pages from their columns; a bad one names its column.
#[test]
fn booking_columns() {
    let csv = "id,kind,name_zh,address_zh,city_zh,province_zh,lat,lng,services,booking_after_sales,booking_test_drive\n\
               ptn-sh-01,partner,上海浦东店,世纪大道1号,上海,上海,31.2200,121.5400,sales;after_sales,https://dealer.example/s,\n\
               ptn-sh-02,partner,上海静安店,南京西路1号,上海,上海,31.2304,121.4737,sales,,javascript:alert(1)\n";
    let imported = import_csv(csv.as_bytes(), &options(Datum::Wgs84)).unwrap();
    assert_eq!(imported.imported, 1);
    let back = locator_core::Dataset::parse(&imported.geojson).unwrap();
    assert_eq!(
        back.outlets[0].own_booking(Bookable::Service(locator_core::Service::AfterSales)),
        Some("https://dealer.example/s")
    );
    assert_eq!(back.outlets[0].booking.len(), 1, "an empty cell is no page");
    let p = imported
        .problems
        .iter()
        .find(|p| p.code != "partner_without_group")
        .unwrap();
    assert_eq!((p.row, p.column.as_str()), (3, "booking_test_drive"), "{p}");
}
