//! A GeoJSON dataset read away from the buyer's app.
//!
//! The buyer's app reads the packed form ([`Dataset::from_pack`]) itself.
//! A GeoJSON file (a `data=` preview, a configuration naming GeoJSON with
//! no pack beside it) goes to the reader (`reader/`, a Web Worker built
//! from this crate), which reads it with [`Dataset::parse`], answers with
//! its pack, and words what was wrong in both languages, as the app would
//! have. So the app carries no GeoJSON reader (about 24 KiB of its wasm,
//! brotli), and a large file is read off the page's main thread.
//!
//! This module sits above the dataset, the pack and the messages: it only
//! puts their results in the form that crosses to the app.

use crate::dataset::Dataset;
use crate::messages::Localized;
use crate::pack::pack;
use serde::{Deserialize, Serialize};
use std::fmt;

/// At most this many dataset warnings cross to the app (which only writes
/// them to the console).
pub const MAX_WARNINGS: usize = 50;

/// A problem as the reader put it, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worded {
    /// The Chinese words.
    pub zh: String,
    /// The English words.
    pub en: String,
}

impl Worded {
    /// `problem`'s words in both languages.
    pub fn of(problem: &impl Localized) -> Worded {
        Worded {
            zh: problem.chinese(),
            en: problem.to_string(),
        }
    }
}

impl fmt::Display for Worded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl Localized for Worded {
    fn chinese(&self) -> String {
        self.zh.clone()
    }
}

/// One problem of an outlet that was left out (a
/// [`RecordError`](crate::RecordError), worded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordedRecord {
    /// 1-based position of the feature in the file's `features`.
    pub number: usize,
    /// What is wrong, with where.
    pub words: Worded,
}

impl fmt::Display for WordedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words.fmt(f)
    }
}

impl Localized for WordedRecord {
    fn chinese(&self) -> String {
        self.words.chinese()
    }
}

/// What the reader says of a file beside its pack.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReadReport {
    /// Why the file cannot be shown at all (a
    /// [`DatasetError`](crate::DatasetError), worded): there is no pack then.
    pub error: Option<Worded>,
    /// The problems of the outlets left out, in the file's order.
    pub rejected: Vec<WordedRecord>,
    /// The first [`MAX_WARNINGS`] dataset warnings, in English (for the
    /// console).
    pub warnings: Vec<String>,
}

impl ReadReport {
    /// The report as it crosses from the worker to the app.
    pub fn to_json(&self) -> String {
        // Strings and numbers only: writing them cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A report from [`to_json`](ReadReport::to_json)'s text; `None` for
    /// anything else.
    pub fn from_json(text: &str) -> Option<ReadReport> {
        serde_json::from_str(text).ok()
    }
}

/// Reads a GeoJSON file's `bytes` as the app would have: its pack (`None`
/// when the file cannot be used) and the report.
///
/// ```
/// use locator_core::{generate, read_geojson, Dataset};
/// let text = generate(20, 3);
/// let (packed, report) = read_geojson(text.clone().into_bytes());
/// let back = Dataset::from_pack(&packed.unwrap()).unwrap();
/// assert_eq!(back.outlets, Dataset::parse(&text).unwrap().outlets);
/// assert_eq!(report.error, None);
///
/// let (packed, report) = read_geojson(b"<html>".to_vec());
/// assert!(packed.is_none());
/// assert!(report.error.unwrap().en.contains("web page (HTML)"));
/// ```
pub fn read_geojson(bytes: Vec<u8>) -> (Option<Vec<u8>>, ReadReport) {
    let read = Dataset::decode(bytes).and_then(|text| Dataset::parse(&text));
    match read {
        Err(e) => (
            None,
            ReadReport {
                error: Some(Worded::of(&e)),
                ..ReadReport::default()
            },
        ),
        Ok(data) => {
            let report = ReadReport {
                error: None,
                rejected: worded_rejected(&data),
                warnings: data
                    .warnings
                    .iter()
                    .take(MAX_WARNINGS)
                    .map(ToString::to_string)
                    .collect(),
            };
            (Some(pack(&data)), report)
        }
    }
}

/// The problems of `data`'s outlets left out, worded.
pub fn worded_rejected(data: &Dataset) -> Vec<WordedRecord> {
    data.rejected
        .iter()
        .map(|r| WordedRecord {
            number: r.number,
            words: Worded::of(r),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, DatasetError, Lang};

    const SAMPLE: &str = include_str!("../../public/data/outlets.geojson");

    #[test]
    fn the_sample_comes_back_whole_from_its_pack() {
        let (packed, report) = read_geojson(SAMPLE.as_bytes().to_vec());
        let direct = Dataset::parse(SAMPLE).unwrap();
        let back = Dataset::from_pack(&packed.unwrap()).unwrap();
        assert_eq!(back.meta, direct.meta);
        assert_eq!(back.outlets, direct.outlets);
        assert_eq!((report.error, report.rejected.len()), (None, 0));
        // The sample's one partner without a group.
        assert_eq!(report.warnings.len(), 1);
        assert_eq!(report.warnings[0], direct.warnings[0].to_string());
    }

    #[test]
    fn rejected_records_and_warnings_are_worded_as_the_app_words_them() {
        let text = r#"{"type": "FeatureCollection", "schema_version": 1,
          "brand": {"zh": "青云汽车", "en": "Qingyun Motors"}, "updated": "2026-11-20",
          "time_zone": "Asia/Shanghai", "features": [
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.4581, 31.2222]},
           "properties": {"id": "a", "kind": "partner", "name": {"zh": "上海 A"},
            "address": {"zh": "南京西路 1 号"}, "city": {"zh": "上海"}, "province": {"zh": "上海"},
            "services": ["sales"]}},
          {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.5, 31.2]},
           "properties": {"id": "x", "kind": "dealer"}}]}"#;
        let direct = Dataset::parse(text).unwrap();
        assert!(!direct.rejected.is_empty() && !direct.warnings.is_empty());
        let (packed, report) = read_geojson(text.as_bytes().to_vec());
        assert_eq!(
            Dataset::from_pack(&packed.unwrap()).unwrap().outlets,
            direct.outlets
        );
        assert_eq!(report.rejected.len(), direct.rejected.len());
        for (worded, record) in report.rejected.iter().zip(&direct.rejected) {
            assert_eq!(worded.number, record.number);
            for lang in [Lang::Zh, Lang::En] {
                assert_eq!(worded.localized(lang), record.localized(lang));
            }
        }
        let warnings: Vec<String> = direct.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(report.warnings, warnings);
    }

    #[test]
    fn a_file_that_cannot_be_used_is_worded_with_where() {
        let bytes = b"{\n  \"type\": \"FeatureCollection\",\n  \"a\": \xc9\xcf}".to_vec();
        let (packed, report) = read_geojson(bytes);
        assert!(packed.is_none());
        let error = DatasetError::NotUtf8 { line: 3, column: 8 };
        assert_eq!(report.error, Some(Worded::of(&error)));
        assert_eq!(report.error.unwrap().localized(Lang::Zh), error.chinese());
    }

    #[test]
    fn the_report_crosses_as_json_unchanged() {
        let (_, report) = read_geojson(b"{\"type\": \"FeatureCollection\"}".to_vec());
        assert!(report.error.is_some());
        assert_eq!(ReadReport::from_json(&report.to_json()), Some(report));
        assert_eq!(ReadReport::from_json("{\"error\": 1}"), None);
    }

    #[test]
    fn no_more_than_fifty_warnings_cross() {
        // Sixty partners without a group: a warning each.
        let features: Vec<String> = (0..60)
            .map(|k| {
                format!(
                    r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [121.4, 31.2]}},
                     "properties": {{"id": "p{k}", "kind": "partner", "name": {{"zh": "店 {k}"}},
                      "address": {{"zh": "路 {k} 号"}}, "city": {{"zh": "上海"}},
                      "province": {{"zh": "上海"}}, "services": ["sales"]}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"type": "FeatureCollection", "schema_version": 1,
              "brand": {{"zh": "青云汽车", "en": "Qingyun Motors"}}, "updated": "2026-11-20",
              "time_zone": "Asia/Shanghai", "features": [{}]}}"#,
            features.join(",")
        );
        let direct = Dataset::parse(&text).unwrap();
        assert_eq!((direct.outlets.len(), direct.warnings.len()), (60, 60));
        let (_, report) = read_geojson(text.into_bytes());
        assert_eq!(report.warnings.len(), MAX_WARNINGS);
        assert_eq!(report.warnings[0], direct.warnings[0].to_string());
    }
}
