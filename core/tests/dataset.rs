//! Reading datasets: good ones, broken files, and broken records among good ones.

use locator_core::{Dataset, DatasetError, OutletKind, OutletStatus, RecordProblem, Service};
use serde_json::{json, Value};

fn feature(id: &str, lng: f64, lat: f64) -> Value {
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lng, lat]},
        "properties": {
            "id": id,
            "kind": "ev_home",
            "name": {"zh": "上海静安 EV Home", "en": "EV Home Shanghai Jing'an"},
            "address": {"zh": "南京西路 1 号", "en": "1 Nanjing West Road"},
            "city": {"zh": "上海", "en": "Shanghai"},
            "province": {"zh": "上海", "en": "Shanghai"},
            "services": ["sales", "test_drive"]
        }
    })
}

fn collection(features: Vec<Value>) -> Value {
    json!({
        "type": "FeatureCollection",
        "schema_version": 1,
        "brand": {"zh": "青云汽车", "en": "Qingyun Motors"},
        "updated": "2026-11-20",
        "time_zone": "Asia/Shanghai",
        "features": features
    })
}

/// Pretty-printed, so that each property sits on its own line.
fn parse(v: &Value) -> Result<Dataset, DatasetError> {
    Dataset::parse(&serde_json::to_string_pretty(v).unwrap())
}

mod whole_file {
    use super::*;

    #[test]
    fn reads_a_valid_collection() {
        let mut partner = feature("ptn-1", 120.6, 31.3);
        partner["properties"]["kind"] = json!("partner");
        partner["properties"]["partner_group"] = json!({"zh": "远航汽车集团"});
        partner["properties"]["services"] = json!(["sales", "after_sales", "body_paint"]);
        partner["properties"]["hours"] = json!({"mon": ["08:30-18:00"], "exceptions": []});
        partner["properties"]["unknown_future_field"] = json!({"anything": [1, 2]});
        let mut v = collection(vec![feature("evh-1", 121.45, 31.22), partner]);
        v["sample"] = json!(true);
        v["some_future_member"] = json!(42);
        let d = parse(&v).unwrap();
        assert!(d.rejected.is_empty(), "{:?}", d.rejected);
        assert_eq!(d.outlets.len(), 2);
        assert!(d.meta.sample);
        assert_eq!(d.meta.time_zone, "Asia/Shanghai");
        let p = d.outlet("ptn-1").unwrap();
        assert_eq!(p.kind, OutletKind::Partner);
        assert_eq!(p.status, OutletStatus::Open);
        assert!(p.services.contains(Service::BodyPaint));
        assert_eq!(p.location.lat, 31.3);
        assert_eq!(d.index_of("evh-1"), Some(0));
    }

    #[test]
    fn accepts_a_byte_order_mark_and_an_empty_list() {
        let text = format!("\u{feff}{}", collection(vec![]));
        assert_eq!(Dataset::parse(&text).unwrap().outlets.len(), 0);
    }

    #[test]
    fn names_fatal_problems() {
        assert_eq!(Dataset::parse("  \n").unwrap_err(), DatasetError::Empty);
        assert_eq!(
            Dataset::parse("<!DOCTYPE html><html><body>404 Not Found</body></html>").unwrap_err(),
            DatasetError::Html
        );
        let full = serde_json::to_string_pretty(&collection(vec![feature("a", 1.0, 2.0)])).unwrap();
        let truncated = &full[..full.len() / 2];
        match Dataset::parse(truncated).unwrap_err() {
            DatasetError::NotJson { line, message, .. } => {
                assert!(line > 1);
                assert!(message.contains("EOF"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Dataset::parse("[1, 2]").unwrap_err(),
            DatasetError::NotFeatureCollection { found } if found == "an array"
        ));
        let mut v = collection(vec![]);
        v["type"] = json!("Feature");
        assert!(matches!(
            parse(&v).unwrap_err(),
            DatasetError::NotFeatureCollection { .. }
        ));
    }

    #[test]
    fn refuses_other_versions() {
        let mut v = collection(vec![]);
        v["schema_version"] = json!(2);
        assert_eq!(
            parse(&v).unwrap_err(),
            DatasetError::UnsupportedVersion { found: "2".into() }
        );
        v["schema_version"] = json!("1");
        assert!(matches!(
            parse(&v).unwrap_err(),
            DatasetError::UnsupportedVersion { .. }
        ));
        v.as_object_mut().unwrap().remove("schema_version");
        assert_eq!(parse(&v).unwrap_err(), DatasetError::MissingVersion);
        let msg = DatasetError::UnsupportedVersion { found: "2".into() }.to_string();
        assert!(
            msg.contains("version 2") && msg.contains("version 1"),
            "{msg}"
        );
    }

    #[test]
    fn names_bad_collection_members() {
        for (member, value) in [
            ("brand", json!("")),
            ("updated", json!("20 Nov 2026")),
            ("time_zone", json!("CST")),
            ("features", json!({"a": 1})),
            ("sample", json!("yes")),
        ] {
            let mut v = collection(vec![]);
            v[member] = value;
            match parse(&v).unwrap_err() {
                DatasetError::BadMember { member: m, .. } => assert_eq!(m, member),
                other => panic!("{member}: {other:?}"),
            }
        }
        let mut v = collection(vec![]);
        v.as_object_mut().unwrap().remove("brand");
        assert_eq!(
            parse(&v).unwrap_err(),
            DatasetError::BadMember {
                member: "brand",
                problem: "is missing".into()
            }
        );
    }
}

mod records {
    use super::*;

    /// Parses a collection of a good feature, `bad`, and another good one;
    /// returns the single rejection after checking the good ones were kept.
    fn reject(bad: Value) -> locator_core::RecordError {
        let v = collection(vec![
            feature("good-1", 121.0, 31.0),
            bad,
            feature("good-2", 120.0, 30.0),
        ]);
        let d = parse(&v).unwrap();
        assert_eq!(
            d.outlets.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
            ["good-1", "good-2"],
            "{:?}",
            d.rejected
        );
        assert_eq!(d.rejected.len(), 1, "{:?}", d.rejected);
        d.rejected[0].clone()
    }

    fn with(prop: &str, value: Value) -> Value {
        let mut f = feature("bad-1", 116.4, 39.9);
        f["properties"][prop] = value;
        f
    }

    #[test]
    fn unknown_kind_is_named_with_its_field_and_id() {
        let e = reject(with("kind", json!("dealer")));
        assert_eq!(e.number, 2);
        assert_eq!(e.id.as_deref(), Some("bad-1"));
        assert_eq!(e.field, "properties.kind");
        let text = e.to_string();
        assert!(
            text.contains("dealer") && text.contains("ev_home"),
            "{text}"
        );
        assert!(text.starts_with("outlet 2 (line "), "{text}");
    }

    #[test]
    fn the_line_points_at_the_bad_property() {
        let v = collection(vec![
            feature("good-1", 121.0, 31.0),
            with("kind", json!("dealer")),
        ]);
        let text = serde_json::to_string_pretty(&v).unwrap();
        let d = Dataset::parse(&text).unwrap();
        let line = text.lines().nth(d.rejected[0].line - 1).unwrap();
        assert!(
            line.contains("\"dealer\""),
            "line {}: {line}",
            d.rejected[0].line
        );
    }

    #[test]
    fn missing_property() {
        let mut f = feature("bad-1", 116.4, 39.9);
        f["properties"].as_object_mut().unwrap().remove("city");
        let e = reject(f);
        assert_eq!(e.field, "properties.city");
        assert_eq!(e.problem, RecordProblem::Missing);
        assert!(e
            .to_string()
            .ends_with("properties.city: required, but missing"));
    }

    #[test]
    fn service_outside_the_catalogue() {
        let e = reject(with("services", json!(["sales", "car_wash"])));
        assert_eq!(e.field, "properties.services[1]");
        assert!(e.problem.to_string().contains("car_wash"));
    }

    #[test]
    fn mistyped_and_malformed_values() {
        assert_eq!(reject(with("name", json!(42))).field, "properties.name");
        assert_eq!(
            reject(with("name", json!({"zh": ""}))).field,
            "properties.name"
        );
        assert_eq!(
            reject(with("id", json!("has space"))).field,
            "properties.id"
        );
        assert_eq!(
            reject(with("phone", json!("call us!"))).field,
            "properties.phone"
        );
        assert_eq!(
            reject(with("opening_date", json!("2027-02-30"))).field,
            "properties.opening_date"
        );
        assert_eq!(
            reject(with("status", json!("closed"))).field,
            "properties.status"
        );
        let e = reject(with("hours", json!({"mon": ["9-18"]})));
        assert_eq!(e.field, "properties.hours.mon[0]");
        assert!(e.problem.to_string().contains("9-18"));
    }

    #[test]
    fn an_outlets_own_booking_pages() {
        let mut f = feature("evh-1", 121.45, 31.22);
        f["properties"]["booking"] = json!({
            "notify": "https://dealer.cn/opening",
            "test_drive": " https://dealer.cn/td?store=1 "
        });
        let d = parse(&collection(vec![f])).unwrap();
        assert!(d.rejected.is_empty(), "{:?}", d.rejected);
        let own = &d.outlets[0].booking;
        assert_eq!(
            own.iter()
                .map(|(w, u)| (w.id(), u.as_str()))
                .collect::<Vec<_>>(),
            [
                ("test_drive", "https://dealer.cn/td?store=1"),
                ("notify", "https://dealer.cn/opening")
            ],
            "in catalogue order, trimmed"
        );
        assert!(parse(&collection(vec![feature("evh-2", 121.0, 31.0)]))
            .unwrap()
            .outlets[0]
            .booking
            .is_empty());
        // Checked like `website`: the outlet is left out, and said why.
        let e = reject(with(
            "booking",
            json!({"test_drive": "javascript:alert(1)"}),
        ));
        assert_eq!(e.field, "properties.booking.test_drive");
        assert!(
            e.problem
                .to_string()
                .contains("must be an https:// or http:// address"),
            "{}",
            e.problem
        );
        let e = reject(with("booking", json!({"car_wash": "https://dealer.cn/w"})));
        assert!(e.field.starts_with("properties.booking"), "{}", e.field);
        assert!(e.problem.to_string().contains("car_wash"), "{}", e.problem);
        assert_eq!(
            reject(with("booking", json!("https://dealer.cn"))).field,
            "properties.booking"
        );
    }

    #[test]
    fn bad_coordinates() {
        let e = reject(feature("bad-1", 31.2, 121.4)); // lat/lng swapped: latitude 121.4
        assert_eq!(e.field, "geometry.coordinates");
        assert!(matches!(
            e.problem,
            RecordProblem::SwappedCoordinates { .. }
        ));
        assert!(e.to_string().contains("[longitude, latitude]"));
        let e = reject(feature("bad-1", 121.4, 95.0)); // not swapped: simply out of range
        assert!(matches!(e.problem, RecordProblem::Position(_)));
        let mut f = feature("bad-1", 0.0, 0.0);
        f["geometry"]["coordinates"] = json!([121.4]);
        assert_eq!(reject(f).problem, RecordProblem::CoordinateCount(1));
        let mut f = feature("bad-1", 0.0, 0.0);
        f["geometry"] = json!({"type": "LineString", "coordinates": [[1, 2], [3, 4]]});
        assert_eq!(reject(f).field, "geometry.type");
        let mut f = feature("bad-1", 0.0, 0.0);
        f["geometry"] = Value::Null;
        assert_eq!(reject(f).field, "geometry");
    }

    #[test]
    fn a_feature_that_is_not_an_object() {
        let e = reject(json!("oops"));
        assert_eq!(e.id, None);
        assert!(e.problem.to_string().contains("Feature"), "{}", e.problem);
    }

    #[test]
    fn duplicate_ids_keep_the_first() {
        let v = collection(vec![feature("a", 121.0, 31.0), feature("a", 120.0, 30.0)]);
        let d = parse(&v).unwrap();
        assert_eq!(d.outlets.len(), 1);
        assert_eq!(d.outlets[0].location.lat, 31.0);
        assert_eq!(
            d.rejected[0].problem,
            RecordProblem::DuplicateId {
                id: "a".into(),
                first_number: 1
            }
        );
    }

    #[test]
    fn relocations_must_point_to_a_kept_outlet() {
        let mut moved = with("status", json!("relocated"));
        moved["properties"]["relocated_to"] = json!("good-2");
        let v = collection(vec![
            feature("good-1", 121.0, 31.0),
            moved,
            feature("good-2", 120.0, 30.0),
        ]);
        let d = parse(&v).unwrap();
        assert!(d.rejected.is_empty());
        assert_eq!(
            d.outlet("bad-1").unwrap().relocated_to.as_deref(),
            Some("good-2")
        );

        let mut nowhere = with("status", json!("relocated"));
        nowhere["properties"]["relocated_to"] = json!("gone");
        assert_eq!(
            reject(nowhere).problem,
            RecordProblem::UnknownRelocationTarget("gone".into())
        );
        assert_eq!(
            reject(with("status", json!("relocated"))).problem,
            RecordProblem::RelocatedWithoutTarget
        );
        let mut itself = with("status", json!("relocated"));
        itself["properties"]["relocated_to"] = json!("bad-1");
        assert_eq!(reject(itself).problem, RecordProblem::RelocatedToItself);
    }

    #[test]
    fn default_order_groups_by_province_and_city() {
        let mut bj = feature("bj", 116.4, 39.9);
        bj["properties"]["province"] = json!({"zh": "北京", "en": "Beijing"});
        bj["properties"]["city"] = json!({"zh": "北京", "en": "Beijing"});
        let v = collection(vec![feature("sh", 121.4, 31.2), bj]);
        let d = parse(&v).unwrap();
        let order: Vec<&str> = d
            .default_order()
            .iter()
            .map(|&i| d.outlets[i].id.as_str())
            .collect();
        assert_eq!(order, ["bj", "sh"]);
    }
}

mod lines {
    use super::*;

    /// The rejection's line holds `needle`, in a pretty-printed file.
    fn line_holds(bad: Value, needle: &str) {
        let v = collection(vec![feature("good-1", 121.0, 31.0), bad]);
        let text = serde_json::to_string_pretty(&v).unwrap();
        let d = Dataset::parse(&text).unwrap();
        let line = text.lines().nth(d.rejected[0].line - 1).unwrap();
        assert!(line.contains(needle), "line {}: {line}", d.rejected[0].line);
    }

    #[test]
    fn point_at_the_bad_value() {
        let mut f = feature("bad-1", 116.4, 39.9);
        f["properties"]["kind"] = json!("dealer");
        line_holds(f, "\"dealer\"");
        let mut f = feature("bad-1", 116.4, 39.9);
        f["geometry"]["coordinates"] = json!(["x", 1]);
        line_holds(f, "\"x\"");
        line_holds(feature("bad-1", 31.2, 121.4), "\"coordinates\"");
    }
}

mod the_sample {
    use locator_core::{find_city, Dataset, WarningProblem};

    /// The shipped sample reads whole, with its one deliberate oddity as a
    /// warning, and every city it names is in the city table (so the
    /// far-from-city check runs on every outlet, and passes).
    #[test]
    fn reads_whole_with_one_warning() {
        let d = Dataset::parse(include_str!("../../public/data/outlets.geojson")).unwrap();
        assert_eq!(d.outlets.len(), 292);
        assert!(d.rejected.is_empty(), "{:?}", d.rejected);
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        let w = &d.warnings[0];
        assert_eq!(w.problem, WarningProblem::PartnerWithoutGroup);
        assert_eq!(w.id.as_deref(), Some("ptn-xuzhou-01"));
        for o in &d.outlets {
            assert!(
                find_city(&o.city, Some(&o.province)).is_some(),
                "{:?}",
                o.city
            );
        }
    }
}

mod shared_hours {
    use super::*;
    use locator_core::WarningProblem;
    use std::sync::Arc;

    fn with_hours(id: &str, hours: Value) -> Value {
        let mut f = feature(id, 121.4 + id.len() as f64 * 0.01, 31.2);
        f["properties"]["hours"] = hours;
        f
    }

    /// Outlets with the same timetable hold one copy of it; a different
    /// timetable is its own.
    #[test]
    fn equal_hours_are_held_once() {
        let week = json!({"mon": ["10:00-20:00"], "sat": ["09:00-21:00"]});
        let d = parse(&collection(vec![
            with_hours("a", week.clone()),
            with_hours("bb", json!({"mon": ["08:00-18:00"]})),
            with_hours("ccc", week),
        ]))
        .unwrap();
        let hours: Vec<&Arc<_>> = d
            .outlets
            .iter()
            .map(|o| o.hours.as_ref().unwrap())
            .collect();
        assert!(Arc::ptr_eq(hours[0], hours[2]));
        assert!(!Arc::ptr_eq(hours[0], hours[1]));
        assert_ne!(hours[0], hours[1]);
    }

    /// Hours with a warning are read again each time, so every outlet
    /// carrying them is named; and an error in one copy leaves only that
    /// outlet out.
    #[test]
    fn hours_with_a_warning_or_an_error_are_read_each_time() {
        let odd = json!({"mon": ["10:00-20:00"], "holiday": []});
        let d = parse(&collection(vec![
            with_hours("a", odd.clone()),
            with_hours("bb", odd),
            with_hours("ccc", json!({"mon": ["25:00-20:00"]})),
            with_hours("dddd", json!({"mon": ["25:00-20:00"]})),
        ]))
        .unwrap();
        let warned: Vec<_> = d
            .warnings
            .iter()
            .filter(|w| matches!(w.problem, WarningProblem::UnknownHoursKey(_)))
            .map(|w| w.id.as_deref().unwrap())
            .collect();
        assert_eq!(warned, ["a", "bb"]);
        let left_out: Vec<_> = d
            .rejected
            .iter()
            .map(|r| r.id.as_deref().unwrap())
            .collect();
        assert_eq!(left_out, ["ccc", "dddd"]);
        assert_eq!(d.outlets.len(), 2);
    }
}

mod shared_texts {
    use super::*;
    use std::sync::Arc;

    /// Outlets of one city share its names, and its province's; partners of
    /// one dealer group share the group's; read from GeoJSON or from a pack.
    #[test]
    fn cities_provinces_and_groups_are_held_once() {
        let partner = |id: &str, group: &str| {
            let mut f = feature(id, 121.4 + id.len() as f64 * 0.01, 31.2);
            f["properties"]["kind"] = json!("partner");
            f["properties"]["partner_group"] = json!({ "zh": group });
            f
        };
        let d = parse(&collection(vec![
            partner("a", "远航汽车集团"),
            partner("bb", "远航汽车集团"),
            partner("ccc", "星河汽车集团"),
        ]))
        .unwrap();
        for d in [Dataset::from_pack(&locator_core::pack(&d)).unwrap(), d] {
            let o = &d.outlets;
            assert!(Arc::ptr_eq(&o[0].city, &o[2].city));
            assert!(Arc::ptr_eq(&o[0].province, &o[1].province));
            let group = |i: usize| o[i].partner_group.as_ref().unwrap();
            assert!(Arc::ptr_eq(group(0), group(1)));
            assert!(!Arc::ptr_eq(group(0), group(2)));
            assert_eq!(group(2).zh.as_deref(), Some("星河汽车集团"));
        }
    }
}
