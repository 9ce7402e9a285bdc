//! Property tests of dataset checking: one mistake put anywhere in a valid
//! dataset gives the right error, on the right feature, at the right place,
//! and nothing else is lost; any input at all is read without panicking.

use locator_core::{generate, validate, validate_bytes, Dataset, LatLng, Region, Severity};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The mistakes, each with the code it must produce.
#[derive(Debug, Clone)]
enum Mistake {
    DropKind,
    Kind(String),
    SwapCoordinates,
    Service(String),
    Hours(String),
    DuplicateId,
    RelocatedNowhere,
    Seoul,
    NameIsANumber,
}

impl Mistake {
    fn code(&self) -> &'static str {
        match self {
            Mistake::DropKind => "missing_field",
            Mistake::Kind(_) => "invalid_value",
            Mistake::SwapCoordinates => "swapped_coordinates",
            Mistake::Service(_) => "unknown_service",
            Mistake::Hours(_) => "unreadable_hours",
            Mistake::DuplicateId => "duplicate_id",
            Mistake::RelocatedNowhere => "unknown_relocation_target",
            Mistake::Seoul => "outside_region",
            Mistake::NameIsANumber => "wrong_type",
        }
    }

    /// Makes the mistake in `features[k]`.
    fn apply(&self, features: &mut [Value], k: usize) {
        let first_id = features[0]["properties"]["id"].clone();
        let f = &mut features[k];
        let p = &mut f["properties"];
        match self {
            Mistake::DropKind => {
                p.as_object_mut().unwrap().remove("kind");
            }
            Mistake::Kind(kind) => p["kind"] = json!(kind),
            Mistake::SwapCoordinates => {
                let c = f["geometry"]["coordinates"].as_array_mut().unwrap();
                c.swap(0, 1);
            }
            Mistake::Service(s) => p["services"].as_array_mut().unwrap().push(json!(s)),
            Mistake::Hours(range) => p["hours"] = json!({"mon": [range]}),
            Mistake::DuplicateId => p["id"] = first_id,
            Mistake::RelocatedNowhere => {
                p["status"] = json!("relocated");
                p["relocated_to"] = json!("no-such-outlet");
            }
            Mistake::Seoul => f["geometry"]["coordinates"] = json!([126.978, 37.5665]),
            Mistake::NameIsANumber => p["name"] = json!(42),
        }
    }
}

fn mistake() -> impl Strategy<Value = Mistake> {
    prop_oneof![
        Just(Mistake::DropKind),
        "[a-z_]{1,12}"
            .prop_filter("a real kind", |k| k != "ev_home" && k != "partner")
            .prop_map(Mistake::Kind),
        Just(Mistake::SwapCoordinates),
        "x_[a-z]{1,8}".prop_map(Mistake::Service),
        "[0-9]{1,2}-[0-9]{1,2}".prop_map(Mistake::Hours),
        Just(Mistake::DuplicateId),
        Just(Mistake::RelocatedNowhere),
        Just(Mistake::Seoul),
        Just(Mistake::NameIsANumber),
    ]
}

/// A generated dataset's JSON and its features.
fn generated(count: usize, seed: u64) -> Value {
    serde_json::from_str(&generate(count, seed)).unwrap()
}

/// The 1-based line and character column of `text` as a suffix from there.
fn at(text: &str, line: usize, column: usize) -> String {
    text.lines()
        .nth(line - 1)
        .unwrap_or("")
        .chars()
        .skip(column - 1)
        .collect()
}

/// Positions in China (by rejection from its bounding box).
fn in_china() -> impl Strategy<Value = LatLng> {
    (18.0f64..54.0, 73.0f64..135.0)
        .prop_map(|(lat, lng)| LatLng { lat, lng })
        .prop_filter("outside China", |p| Region::China.contains(*p))
}

/// One mistake in `features[k]`: its code on that feature (and, for a
/// feature others moved to, their relocation errors), every other outlet
/// kept.
fn one_mistake(count: usize, seed: u64, k: usize, mistake: &Mistake) -> Result<(), TestCaseError> {
    let mut v = generated(count, seed);
    let features = v["features"].as_array_mut().unwrap();
    let bad_id = features[k]["properties"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    mistake.apply(features, k);
    let text = serde_json::to_string_pretty(&v).unwrap();
    let report = validate(&text);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    prop_assert!(
        errors
            .iter()
            .any(|d| d.number == Some(k + 1) && d.code == mistake.code()),
        "{:?}: {:?}",
        mistake,
        errors
    );
    for d in &errors {
        // An outlet that moved to this one: its target was left out, or,
        // when the mistake took this one's id away, no longer exists.
        let target_gone = d.code == "relocation_target_left_out"
            || (matches!(mistake, Mistake::DuplicateId) && d.code == "unknown_relocation_target");
        let moved_here = target_gone && d.message.contains(&format!("\"{bad_id}\""));
        prop_assert!(
            d.number == Some(k + 1) || moved_here,
            "{:?}: {}",
            mistake,
            d
        );
    }
    let data = report.dataset.unwrap();
    let left_out = errors
        .iter()
        .filter_map(|d| d.number)
        .collect::<std::collections::HashSet<_>>();
    prop_assert_eq!(data.outlets.len(), count - left_out.len());
    prop_assert!(
        report
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Error),
        "warnings: {:?}",
        report.diagnostics
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// One mistake in one feature, anywhere but the first (a duplicate
    /// needs an earlier feature to copy).
    #[test]
    fn one_mistake_one_feature(
        count in 2usize..25,
        seed in any::<u64>(),
        pick in any::<prop::sample::Index>(),
        mistake in mistake(),
    ) {
        one_mistake(count, seed, 1 + pick.index(count - 1), &mistake)?;
    }

    /// The line and column of an error point at the start of the bad value.
    #[test]
    fn positions_point_at_the_value(
        count in 1usize..10,
        seed in any::<u64>(),
        kind in "[a-z]{1,10}".prop_filter("a real kind", |k| k != "ev_home" && k != "partner"),
        pretty in any::<bool>(),
    ) {
        let mut v = generated(count, seed);
        let k = count - 1;
        v["features"][k]["properties"]["kind"] = json!(kind);
        let text = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
        let data = Dataset::parse(&text).unwrap();
        prop_assert_eq!(data.rejected.len(), 1);
        let e = &data.rejected[0];
        prop_assert_eq!(e.field.as_str(), "properties.kind");
        let quoted = format!("\"{}\"", kind);
        prop_assert!(at(&text, e.line, e.column).starts_with(&quoted), "{}", at(&text, e.line, e.column));
    }

    /// Every position in China written latitude first is named as swapped.
    #[test]
    fn swapped_positions_are_named(p in in_china()) {
        let mut v = generated(1, 0);
        v["features"][0]["geometry"]["coordinates"] = json!([p.lat, p.lng]);
        let report = validate(&v.to_string());
        prop_assert_eq!(report.diagnostics.len(), 1);
        prop_assert_eq!(report.diagnostics[0].code, "swapped_coordinates");
    }

    /// The app's reading and the report agree.
    #[test]
    fn parse_and_validate_agree(
        count in 2usize..15,
        seed in any::<u64>(),
        pick in any::<prop::sample::Index>(),
        mistake in mistake(),
    ) {
        let mut v = generated(count, seed);
        let features = v["features"].as_array_mut().unwrap();
        mistake.apply(features, 1 + pick.index(count - 1));
        let text = v.to_string();
        let data = Dataset::parse(&text).unwrap();
        let report = validate(&text);
        let from_report = report.dataset.as_ref().unwrap();
        prop_assert_eq!(&data.outlets, &from_report.outlets);
        prop_assert_eq!(data.rejected.len(), report.error_count());
        prop_assert_eq!(data.warnings.len(), report.warning_count());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any bytes: no panic, and every position lies in the file.
    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let report = validate_bytes(&bytes);
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
        for d in &report.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= lines && d.column >= 1, "{}", d);
        }
    }

    /// Text that looks like a dataset, cut and spliced anywhere: no panic,
    /// and positions lie in the file.
    #[test]
    fn spliced_datasets(seed in any::<u64>(), cut in any::<prop::sample::Index>(), insert in "[\\[\\]{}\",:0-9a-z \n-]{0,12}") {
        let text = generate(3, seed);
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let spliced = format!("{}{}{}", &text[..at], insert, &text[at..]);
        let report = validate(&spliced);
        let lines = spliced.lines().count() + 1;
        for d in &report.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= lines && d.column >= 1, "{}", d);
        }
    }
}

/// A duplicate id in a feature another outlet moved to: the move names an
/// id no longer there (found by CI; every position of that dataset).
#[test]
fn duplicate_of_a_relocation_target() {
    for k in 1..15 {
        one_mistake(15, 8479425061536708612, k, &Mistake::DuplicateId).unwrap();
    }
}
