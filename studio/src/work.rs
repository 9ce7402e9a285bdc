//! The work in progress: the file opened, what its columns mean, the
//! collection's facts a sheet does not hold, and the edits made; checked
//! with the very code the app and `evl-data` use, so that what passes here
//! is what buyers see.

use crate::source::Source;
use evl_data::columns::guess_columns;
use evl_data::import::{import_sheet, ImportOptions, COLUMNS};
use locator_core::{Dataset, Datum, LatLng, LocalText, Severity};
use serde_json::Value;
use std::collections::BTreeSet;

/// One problem the check found, in the words `evl-data` prints.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error (the record is left out) or warning (it is kept).
    pub severity: Severity,
    /// The check's stable code (`duplicate_id`).
    pub code: &'static str,
    /// The record: a sheet's row number (the header is row 1), or a
    /// dataset file's feature number (1-based); `None` for the file's own.
    pub record: Option<usize>,
    /// The sheet columns at fault (indexes into the header), for the form
    /// to mark.
    pub columns: Vec<usize>,
    /// The line as `evl-data import` or `evl-data validate` prints it
    /// (without the file name).
    pub text: String,
}

impl Problem {
    /// A dataset check's diagnostic, as the studio lists it.
    fn of(d: &locator_core::Diagnostic) -> Problem {
        Problem {
            severity: d.severity,
            code: d.code,
            record: d.number,
            columns: Vec::new(),
            text: d.to_string(),
        }
    }
}

/// What a check gave.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// Why nothing could be checked (a column missing, a file that is no
    /// dataset), in plain words.
    pub fatal: Option<String>,
    /// Something the team should know about the whole file (it was read as
    /// GB18030).
    pub notice: Option<String>,
    /// Every problem, errors and warnings, in record order.
    pub problems: Vec<Problem>,
    /// Records read (rows, features, packed outlets).
    pub records: usize,
    /// The outlets kept.
    pub dataset: Option<Dataset>,
    /// The dataset file of the outlets kept, when the source can give one
    /// (a packed file cannot).
    pub geojson: Option<String>,
}

impl Checked {
    /// Errors found.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Warnings found.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Outlets kept.
    pub fn kept(&self) -> usize {
        self.dataset.as_ref().map_or(0, |d| d.outlets.len())
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// What the page shows of a check, and what it exports: the same in the
/// page's thread and from a worker (its text parts travel as JSON, the
/// files beside them).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// As [`Checked::fatal`].
    pub fatal: Option<String>,
    /// As [`Checked::notice`].
    pub notice: Option<String>,
    /// Every problem, in record order.
    pub problems: Vec<Listed>,
    /// Records read.
    pub records: usize,
    /// Outlets kept.
    pub kept: usize,
    /// The brand's name the kept dataset gives, Chinese.
    pub brand_zh: Option<String>,
    /// The brand's name, English.
    pub brand_en: Option<String>,
    /// The dataset file of the outlets kept, when the source can give one.
    #[serde(skip)]
    pub geojson: Option<String>,
    /// The packed form of the outlets kept (what the preview loads and the
    /// export offers), when any were kept.
    #[serde(skip)]
    pub pack: Option<Vec<u8>>,
}

/// One problem, as the page lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Listed {
    /// An error (else a warning).
    pub error: bool,
    /// As [`Problem::record`].
    pub record: Option<usize>,
    /// As [`Problem::columns`].
    pub columns: Vec<usize>,
    /// As [`Problem::text`].
    pub text: String,
}

impl Summary {
    /// Errors found.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.error).count()
    }

    /// Warnings found.
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| !p.error).count()
    }
}

impl Checked {
    /// What the page shows of this check, with the files it exports.
    pub fn summary(self) -> Summary {
        let brand = self
            .dataset
            .as_ref()
            .map(|d| d.meta.brand.clone())
            .unwrap_or_default();
        Summary {
            kept: self.kept(),
            pack: self.dataset.as_ref().map(locator_core::pack),
            fatal: self.fatal,
            notice: self.notice,
            problems: self
                .problems
                .into_iter()
                .map(|p| Listed {
                    error: p.severity == Severity::Error,
                    record: p.record,
                    columns: p.columns,
                    text: p.text,
                })
                .collect(),
            records: self.records,
            brand_zh: brand.zh,
            brand_en: brand.en,
            geojson: self.geojson,
        }
    }
}

/// The work in progress.
#[derive(Debug, Clone)]
pub struct Work {
    /// The file's name, as opened.
    pub name: String,
    /// What it holds, with the edits made.
    pub source: Source,
    /// For a sheet: what each column means (a field of the documented
    /// layout, `None` for a column left out), one entry per header cell.
    pub mapping: Vec<Option<&'static str>>,
    /// For a sheet: the datum of its coordinates and the collection's facts.
    pub options: ImportOptions,
    /// The edits made since the file was opened, in order: what is saved in
    /// the browser and replayed on the file's bytes after a reload.
    pub edits: Vec<Edit>,
}

/// One edit made to the opened file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// A sheet's cell: spreadsheet row `record`, header index `column`.
    Cell {
        /// The row number (the header is row 1).
        record: usize,
        /// The column, an index into the header.
        column: usize,
        /// The cell's new text.
        value: String,
    },
    /// A dataset file's feature `record` (1-based), replaced by `json`.
    Feature {
        /// The feature's number.
        record: usize,
        /// The feature, as JSON text.
        json: String,
    },
    /// A dataset file's `brand`.
    Brand {
        /// The Chinese name, if any.
        zh: Option<String>,
        /// The English name, if any.
        en: Option<String>,
    },
}

impl Work {
    /// New work on `source`: a sheet's columns guessed from their headers
    /// and first values, its datum from the headers, today's date.
    pub fn new(name: &str, source: Source, updated: locator_core::Date) -> Work {
        let (mapping, datum) = match &source {
            Source::Sheet(sheet) => {
                let samples: Vec<Vec<&str>> = sheet
                    .rows
                    .iter()
                    .take(5)
                    .map(|(_, r)| r.iter().collect())
                    .collect();
                (
                    guess_columns(&sheet.header, &samples),
                    datum_from_header(&sheet.header).unwrap_or(Datum::Wgs84),
                )
            }
            _ => (Vec::new(), Datum::Wgs84),
        };
        Work {
            name: name.to_string(),
            source,
            mapping,
            options: ImportOptions {
                datum,
                brand: LocalText::default(),
                updated,
                time_zone: "Asia/Shanghai".into(),
                sample: false,
                delimiter: None,
            },
            edits: Vec::new(),
        }
    }

    /// Makes `edit` and logs it.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        match &edit {
            Edit::Cell {
                record,
                column,
                value,
            } => self.set_cell(*record, *column, value)?,
            Edit::Feature { record, json } => self.set_feature(*record, json)?,
            Edit::Brand { zh, en } => self.set_brand(LocalText {
                zh: zh.clone(),
                en: en.clone(),
            })?,
        }
        self.edits.push(edit);
        Ok(())
    }

    /// Gives column `column` the meaning `field` (`None`: left out). A field
    /// means one column: a column that had it loses it.
    pub fn set_column(&mut self, column: usize, field: Option<&'static str>) {
        if column >= self.mapping.len() {
            return;
        }
        if let Some(f) = field {
            for m in self.mapping.iter_mut() {
                if *m == Some(f) {
                    *m = None;
                }
            }
        }
        self.mapping[column] = field;
    }

    /// Checks the work as `evl-data import` (a sheet) or `evl-data
    /// validate` (a dataset file, a packed one) would.
    pub fn check(&self) -> Checked {
        match &self.source {
            Source::Sheet(sheet) => {
                let notice = (sheet.encoding != evl_data::import::Encoding::Utf8).then(|| {
                    format!(
                        "read as {} (not UTF-8) and converted; check that the names look right",
                        sheet.encoding.id().to_uppercase()
                    )
                });
                let imported = match import_sheet(sheet, &self.mapping, &self.options) {
                    Ok(i) => i,
                    Err(e) => {
                        return Checked {
                            fatal: Some(e.to_string()),
                            notice,
                            records: sheet.rows.len(),
                            ..Checked::default()
                        }
                    }
                };
                let problems = imported
                    .problems
                    .iter()
                    .map(|p| Problem {
                        severity: p.severity,
                        code: p.code,
                        record: Some(p.row),
                        columns: self.columns_named(&p.column),
                        text: p.to_string(),
                    })
                    .collect();
                let dataset = Dataset::parse(&imported.geojson).ok();
                Checked {
                    fatal: None,
                    notice,
                    problems,
                    records: imported.rows,
                    dataset,
                    geojson: Some(imported.geojson),
                }
            }
            Source::GeoJson(text) => {
                let report = locator_core::validate(text);
                let problems: Vec<Problem> = report
                    .diagnostics
                    .iter()
                    .map(Problem::of)
                    .collect();
                let Some(dataset) = report.dataset else {
                    return Checked {
                        fatal: Some(format!(
                            "{} cannot be used as a dataset: see the errors below",
                            self.name
                        )),
                        problems,
                        ..Checked::default()
                    };
                };
                let rejected: BTreeSet<usize> = dataset.rejected.iter().map(|r| r.number).collect();
                let geojson = if rejected.is_empty() {
                    Some(text.clone())
                } else {
                    without_features(text, &rejected)
                };
                Checked {
                    fatal: None,
                    notice: None,
                    problems,
                    records: dataset.outlets.len() + rejected.len(),
                    dataset: Some(dataset),
                    geojson,
                }
            }
            Source::NotUtf8(bytes) => Checked {
                fatal: Some(format!(
                    "{} cannot be used as a dataset: see the errors below",
                    self.name
                )),
                problems: locator_core::validate_bytes(bytes)
                    .diagnostics
                    .iter()
                    .map(Problem::of)
                    .collect(),
                ..Checked::default()
            },
            Source::Pack(bytes) => match Dataset::from_pack(bytes) {
                Ok(dataset) => Checked {
                    notice: Some(
                        "a packed file holds only the outlets that passed; it can be exported packed, not as GeoJSON".into(),
                    ),
                    records: dataset.outlets.len(),
                    dataset: Some(dataset),
                    ..Checked::default()
                },
                Err(e) => Checked {
                    fatal: Some(format!("{}: {e}", self.name)),
                    ..Checked::default()
                },
            },
        }
    }

    /// The header indexes of the columns a problem names (`lat/lng`,
    /// `mon…sun`), by the fields they were given.
    fn columns_named(&self, named: &str) -> Vec<usize> {
        let Source::Sheet(sheet) = &self.source else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for part in named.split('/').map(str::trim).filter(|p| !p.is_empty()) {
            if let Some(i) = sheet.header.iter().position(|h| h == part) {
                out.push(i);
                continue;
            }
            let fields: Vec<&str> = match part {
                "mon…sun" | "mon...sun" | "hours" => {
                    vec!["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                }
                "booking" => COLUMNS
                    .iter()
                    .copied()
                    .filter(|c| c.starts_with("booking_"))
                    .collect(),
                other => vec![other],
            };
            for f in fields {
                if let Some(i) = self.mapping.iter().position(|m| *m == Some(f)) {
                    out.push(i);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The record a problem names, for the form: a sheet row's cells with
    /// their headers, or a feature as JSON text.
    pub fn record(&self, record: usize) -> Option<Record> {
        match &self.source {
            Source::Sheet(sheet) => {
                let row = sheet.index_of_row(record)?;
                Some(Record::Row(
                    sheet
                        .header
                        .iter()
                        .enumerate()
                        .map(|(c, h)| (h.clone(), sheet.cell(row, c).to_string()))
                        .collect(),
                ))
            }
            Source::GeoJson(text) => {
                let value: Value = serde_json::from_str(text).ok()?;
                let feature = value
                    .get("features")?
                    .as_array()?
                    .get(record.checked_sub(1)?)?;
                serde_json::to_string_pretty(feature)
                    .ok()
                    .map(Record::Feature)
            }
            Source::Pack(_) | Source::NotUtf8(_) => None,
        }
    }

    /// Writes a sheet row's cell (`column`, a header index) for spreadsheet
    /// row `record` (not logged: see [`Work::apply`]).
    fn set_cell(&mut self, record: usize, column: usize, value: &str) -> Result<(), EditError> {
        let Source::Sheet(sheet) = &mut self.source else {
            return Err(EditError::NotASheet);
        };
        let row = sheet
            .index_of_row(record)
            .ok_or(EditError::NoRecord(record))?;
        sheet.set_cell(row, column, value);
        Ok(())
    }

    /// Replaces feature `record` (1-based) of a dataset file by `json` (not
    /// logged: see [`Work::apply`]).
    fn set_feature(&mut self, record: usize, json: &str) -> Result<(), EditError> {
        let Source::GeoJson(text) = &mut self.source else {
            return Err(EditError::NotADataset);
        };
        let feature: Value = serde_json::from_str(json).map_err(|e| EditError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if !feature.is_object() {
            return Err(EditError::NotAFeature);
        }
        let mut value: Value = serde_json::from_str(text).map_err(|_| EditError::NotADataset)?;
        let slot = value
            .get_mut("features")
            .and_then(Value::as_array_mut)
            .and_then(|f| f.get_mut(record.checked_sub(1)?))
            .ok_or(EditError::NoRecord(record))?;
        *slot = feature;
        *text = one_feature_per_line(&value);
        Ok(())
    }

    /// The brand's name the work gives the dataset: a sheet's options, or
    /// a dataset file's own `brand`.
    pub fn brand(&self) -> LocalText {
        match &self.source {
            Source::Sheet(_) => self.options.brand.clone(),
            _ => self
                .check_brand()
                .unwrap_or_else(|| self.options.brand.clone()),
        }
    }

    fn check_brand(&self) -> Option<LocalText> {
        match &self.source {
            Source::GeoJson(text) => {
                let value: Value = serde_json::from_str(text).ok()?;
                serde_json::from_value(value.get("brand")?.clone()).ok()
            }
            Source::Pack(bytes) => Dataset::from_pack(bytes).ok().map(|d| d.meta.brand),
            Source::Sheet(_) | Source::NotUtf8(_) => None,
        }
    }

    /// Sets the brand's name: in the sheet's options, or in a dataset
    /// file's `brand` member. A packed file cannot be changed. (Not logged:
    /// see [`Work::apply`].)
    fn set_brand(&mut self, brand: LocalText) -> Result<(), EditError> {
        match &mut self.source {
            Source::Sheet(_) => {
                self.options.brand = brand;
                Ok(())
            }
            Source::GeoJson(text) => {
                let mut value: Value =
                    serde_json::from_str(text).map_err(|_| EditError::NotADataset)?;
                let object = value.as_object_mut().ok_or(EditError::NotADataset)?;
                let mut b = serde_json::Map::new();
                for (lang, t) in [("zh", &brand.zh), ("en", &brand.en)] {
                    if let Some(t) = t.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                        b.insert(lang.into(), Value::String(t.into()));
                    }
                }
                object.insert("brand".into(), Value::Object(b));
                *text = one_feature_per_line(&value);
                Ok(())
            }
            Source::Pack(_) => Err(EditError::Packed),
            Source::NotUtf8(_) => Err(EditError::NotADataset),
        }
    }

    /// Where the sheet's points fall, read in its chosen datum: how many lie
    /// in mainland China (where the datums differ, by 300 to 700 m for
    /// GCJ-02, about 1 km more for BD-09) and how many outside, for the
    /// datum hint. A hint needs no census: of a long sheet, at most
    /// [`HINT_ROWS`] rows spread evenly over it are read.
    pub fn points_in_china(&self) -> (usize, usize) {
        let Source::Sheet(sheet) = &self.source else {
            return (0, 0);
        };
        let at = |f: &str| self.mapping.iter().position(|m| *m == Some(f));
        let (Some(lat), Some(lng)) = (at("lat"), at("lng")) else {
            return (0, 0);
        };
        let (mut inside, mut outside) = (0, 0);
        let step = sheet.rows.len().div_ceil(HINT_ROWS).max(1);
        for row in (0..sheet.rows.len()).step_by(step) {
            let p = (
                locator_core::parse_f64(sheet.cell(row, lat)),
                locator_core::parse_f64(sheet.cell(row, lng)),
            );
            if let (Some(la), Some(ln)) = p {
                if let Ok(p) = LatLng::new(la, ln) {
                    if locator_core::in_mainland_china(p) {
                        inside += 1;
                    } else {
                        outside += 1;
                    }
                }
            }
        }
        (inside, outside)
    }
}

/// The most rows [`Work::points_in_china`] reads.
pub const HINT_ROWS: usize = 2_000;

/// A record shown in the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// A sheet row: each header with the row's cell.
    Row(Vec<(String, String)>),
    /// A dataset file's feature, as indented JSON.
    Feature(String),
}

/// Why an edit was not made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    /// Cells belong to sheets.
    #[error("only a sheet has cells")]
    NotASheet,
    /// Features belong to dataset files.
    #[error("the file is not a dataset file that can be edited")]
    NotADataset,
    /// The record is gone.
    #[error("there is no record {0}")]
    NoRecord(usize),
    /// The feature typed is not JSON.
    #[error("line {line}, column {column} of the feature: {message}")]
    Json {
        /// 1-based line in the text typed.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's words.
        message: String,
    },
    /// JSON, but not an object.
    #[error("a feature is a JSON object ({{\"type\": \"Feature\", ...}})")]
    NotAFeature,
    /// A packed file is read only.
    #[error("a packed file cannot be changed: open its GeoJSON to edit it")]
    Packed,
}

/// The datum a sheet's headers name (`百度经度`, `gcj_lat`, `高德坐标`), if any.
///
/// # Examples
/// ```
/// use evl_studio::work::datum_from_header;
/// use locator_core::Datum;
/// assert_eq!(datum_from_header(&["门店", "百度纬度", "百度经度"]), Some(Datum::Bd09));
/// assert_eq!(datum_from_header(&["id", "lat_gcj02", "lng_gcj02"]), Some(Datum::Gcj02));
/// assert_eq!(datum_from_header(&["id", "lat", "lng"]), None);
/// ```
pub fn datum_from_header<H: AsRef<str>>(header: &[H]) -> Option<Datum> {
    let all = header
        .iter()
        .map(|h| h.as_ref().to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    if ["百度", "baidu", "bd09", "bd-09", "bd_"]
        .iter()
        .any(|k| all.contains(k))
    {
        Some(Datum::Bd09)
    } else if ["高德", "腾讯", "火星", "amap", "gaode", "gcj"]
        .iter()
        .any(|k| all.contains(k))
    {
        Some(Datum::Gcj02)
    } else if ["wgs", "gps"].iter().any(|k| all.contains(k)) {
        Some(Datum::Wgs84)
    } else {
        None
    }
}

/// The dataset text without the features numbered in `numbers` (1-based).
fn without_features(text: &str, numbers: &BTreeSet<usize>) -> Option<String> {
    let mut value: Value = serde_json::from_str(text).ok()?;
    let features = value.get_mut("features")?.as_array_mut()?;
    let kept: Vec<Value> = std::mem::take(features)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !numbers.contains(&(i + 1)))
        .map(|(_, f)| f)
        .collect();
    *features = kept;
    Some(one_feature_per_line(&value))
}

/// A collection written as `evl-data import` writes one: its members, then
/// one feature per line, so that line numbers name features.
pub fn one_feature_per_line(value: &Value) -> String {
    let Some(object) = value.as_object() else {
        return value.to_string();
    };
    let mut out = String::from("{\n");
    for (k, v) in object.iter().filter(|(k, _)| *k != "features") {
        out.push_str(&format!("  {}: {},\n", Value::String(k.clone()), v));
    }
    out.push_str("  \"features\": [\n");
    let features = object
        .get("features")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let n = features.len();
    for (i, f) in features.iter().enumerate() {
        out.push_str("    ");
        out.push_str(&f.to_string());
        out.push_str(if i + 1 < n { ",\n" } else { "\n" });
    }
    out.push_str("  ]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::open;
    use locator_core::Date;

    const SAMPLE: &str = include_str!("../../public/data/outlets.geojson");

    fn day() -> Date {
        "2026-12-01".parse().unwrap()
    }

    fn sheet_work(csv: &str) -> Work {
        let mut w = Work::new("net.csv", open("net.csv", csv.as_bytes()).unwrap(), day());
        w.options.brand = LocalText {
            zh: Some("青云汽车".into()),
            en: None,
        };
        w
    }

    const FOREIGN: &str = "门店编码,门店类型,门店名称,详细地址,城市,省份,纬度,经度,服务\n\
        sh-1,ev_home,上海静安店,南京西路1号,上海,上海,31.23,121.45,sales;test_drive\n\
        sh-2,dealer,上海浦东店,世纪大道2号,上海,上海,31.22,121.54,sales\n";

    #[test]
    fn a_sheet_with_chinese_headers_is_mapped_checked_fixed_and_rechecked() {
        let mut w = sheet_work(FOREIGN);
        assert_eq!(
            w.mapping,
            [
                Some("id"),
                Some("kind"),
                Some("name_zh"),
                Some("address_zh"),
                Some("city_zh"),
                Some("province_zh"),
                Some("lat"),
                Some("lng"),
                Some("services")
            ]
        );
        let checked = w.check();
        assert_eq!(checked.fatal, None);
        assert_eq!(
            (checked.records, checked.kept(), checked.errors()),
            (2, 1, 1)
        );
        let p = &checked.problems[0];
        assert_eq!(p.record, Some(3));
        assert_eq!(p.columns, [1], "the kind column is marked");
        assert!(
            p.text
                .starts_with("row 3 (id \"sh-2\"), column kind: error[invalid_value]"),
            "{}",
            p.text
        );
        w.apply(Edit::Cell {
            record: 3,
            column: 1,
            value: "partner".into(),
        })
        .unwrap();
        let checked = w.check();
        // A partner needs its dealer group: the check says so, in the same words.
        assert!(
            checked.problems.iter().all(|p| p.record == Some(3)),
            "{:?}",
            checked.problems
        );
        assert_eq!(
            w.record(3),
            Some(Record::Row(
                [
                    "门店编码",
                    "门店类型",
                    "门店名称",
                    "详细地址",
                    "城市",
                    "省份",
                    "纬度",
                    "经度",
                    "服务"
                ]
                .iter()
                .zip([
                    "sh-2",
                    "partner",
                    "上海浦东店",
                    "世纪大道2号",
                    "上海",
                    "上海",
                    "31.22",
                    "121.54",
                    "sales"
                ])
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
            ))
        );
    }

    #[test]
    fn the_summary_counts_lists_and_packs_what_the_check_kept() {
        let w = sheet_work(FOREIGN);
        let summary = w.check().summary();
        assert_eq!(
            (
                summary.records,
                summary.kept,
                summary.errors(),
                summary.warnings()
            ),
            (2, 1, 1, 0)
        );
        assert_eq!(summary.brand_zh.as_deref(), Some("青云汽车"));
        let packed = Dataset::from_pack(summary.pack.as_deref().unwrap()).unwrap();
        assert_eq!(packed.outlets.len(), 1);
        let json = serde_json::to_string(&summary).unwrap();
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back.problems, summary.problems);
        assert!(
            back.pack.is_none() && back.geojson.is_none(),
            "the files travel beside the JSON"
        );
    }

    #[test]
    fn a_missing_column_is_the_one_fatal_problem() {
        let mut w = sheet_work(FOREIGN);
        w.set_column(6, None);
        assert_eq!(
            w.check().fatal.as_deref(),
            Some("the header has no lat column")
        );
        // Giving a field to a second column takes it from the first.
        w.set_column(6, Some("lng"));
        assert_eq!(w.mapping[7], None);
        assert_eq!(w.mapping[6], Some("lng"));
    }

    #[test]
    fn a_dataset_file_is_checked_as_evl_data_validate_checks_it() {
        let w = Work::new(
            "outlets.geojson",
            open("o.geojson", SAMPLE.as_bytes()).unwrap(),
            day(),
        );
        let checked = w.check();
        let report = locator_core::validate(SAMPLE);
        assert_eq!(checked.problems.len(), report.diagnostics.len());
        assert_eq!(checked.kept(), report.dataset.unwrap().outlets.len());
        assert!(checked.kept() > 10);
        assert_eq!(checked.errors(), 0);
    }

    #[test]
    fn a_rejected_feature_is_fixed_as_json_and_left_out_of_the_export_until_then() {
        let mut value: Value = serde_json::from_str(SAMPLE).unwrap();
        value["features"][1]["properties"]["kind"] = Value::String("dealer".into());
        let broken = one_feature_per_line(&value);
        let mut w = Work::new(
            "o.geojson",
            open("o.geojson", broken.as_bytes()).unwrap(),
            day(),
        );
        let checked = w.check();
        assert_eq!(checked.errors(), 1);
        assert_eq!(checked.problems[0].record, Some(2));
        assert!(
            checked.problems[0]
                .text
                .contains("error[invalid_value]: outlet 2"),
            "{}",
            checked.problems[0].text
        );
        let exported = locator_core::validate(checked.geojson.as_deref().unwrap());
        assert!(exported.is_ok(), "{:?}", exported.diagnostics);
        assert_eq!(exported.dataset.unwrap().outlets.len(), checked.kept());

        let Some(Record::Feature(json)) = w.record(2) else {
            panic!("no feature 2")
        };
        assert!(w
            .apply(Edit::Feature {
                record: 2,
                json: "{\"type\": ".into()
            })
            .unwrap_err()
            .to_string()
            .starts_with("line 1, column 9 of the feature"));
        w.apply(Edit::Feature {
            record: 2,
            json: json.replace("\"dealer\"", "\"partner\""),
        })
        .unwrap();
        assert_eq!(w.edits.len(), 1, "the failed edit is not logged");
        let fixed = w.check();
        assert_eq!(fixed.kept(), checked.kept() + 1);
        assert_eq!(fixed.errors(), 0);
    }

    #[test]
    fn the_brand_of_a_dataset_file_is_edited_in_it() {
        let mut w = Work::new(
            "o.geojson",
            open("o.geojson", SAMPLE.as_bytes()).unwrap(),
            day(),
        );
        w.apply(Edit::Brand {
            zh: Some("星河汽车".into()),
            en: Some("Xinghe".into()),
        })
        .unwrap();
        let data = w.check().dataset.unwrap();
        assert_eq!(data.meta.brand.zh.as_deref(), Some("星河汽车"));
        assert_eq!(w.brand().en.as_deref(), Some("Xinghe"));
    }

    #[test]
    fn a_packed_file_is_previewed_and_says_what_it_cannot_give() {
        let data = Dataset::parse(SAMPLE).unwrap();
        let bytes = locator_core::pack(&data);
        let w = Work::new("o.evlpack", open("o.evlpack", &bytes).unwrap(), day());
        let checked = w.check();
        assert_eq!(checked.kept(), data.outlets.len());
        assert!(checked.geojson.is_none());
        assert!(checked.notice.unwrap().contains("not as GeoJSON"));
        let mut truncated = Work::new(
            "o.evlpack",
            open("o.evlpack", &bytes[..bytes.len() / 2]).unwrap(),
            day(),
        );
        assert!(truncated.check().fatal.unwrap().starts_with("o.evlpack: "));
        assert_eq!(
            truncated.apply(Edit::Brand { zh: None, en: None }),
            Err(EditError::Packed)
        );
        assert!(truncated.edits.is_empty());
    }

    #[test]
    fn where_the_points_fall_is_counted_for_the_datum_hint() {
        let w = sheet_work(FOREIGN);
        assert_eq!(w.points_in_china(), (2, 0));
        // Of a long sheet, a sample spread over it.
        let mut long = String::from("id,kind,name_zh,lat,lng\n");
        for i in 0..10_000 {
            let (lat, lng) = if i % 2 == 0 {
                (31.2, 121.4)
            } else {
                (48.85, 2.35)
            };
            long.push_str(&format!("x{i},ev_home,店,{lat},{lng}\n"));
        }
        let (inside, outside) = sheet_work(&long).points_in_china();
        assert_eq!(inside + outside, HINT_ROWS);
        assert_eq!(inside, outside, "both halves are sampled");
    }
}
