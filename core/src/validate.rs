//! Checking a dataset file for people and CI: every problem the reader
//! finds, as one flat list of [`Diagnostic`]s with a severity, a stable
//! code, a line and column, the feature and the field.
//!
//! This is the same reading the app does ([`Dataset::parse`]), laid out for
//! a report: the errors that keep the file from being used at all, then the
//! errors of features left out and the warnings, in file order. The
//! command-line tool `evl-data validate` prints it.

use crate::dataset::{self, Dataset, DatasetError, ParseOptions};
use std::fmt;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something is left out, or the file cannot be used at all.
    Error,
    /// Worth a look; nothing is left out.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem of a dataset file, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable identifier of the kind of problem (`duplicate_id`,
    /// `far_from_city`; see `docs/dataset.md` for the list).
    pub code: &'static str,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file, in characters.
    pub column: usize,
    /// 1-based position of the feature in `features`; `None` for the
    /// collection or the file.
    pub number: Option<usize>,
    /// The feature's id as written, when it has one.
    pub id: Option<String>,
    /// The field at fault as a path (`properties.services[1]`), or "".
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    /// `12:40: error[duplicate_id]: outlet 3 (id "a"), properties.id: id "a" is already used by outlet 1`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}[{}]: ",
            self.line,
            self.column,
            self.severity.id(),
            self.code
        )?;
        if let Some(number) = self.number {
            write!(f, "outlet {number}")?;
            if let Some(id) = &self.id {
                write!(f, " (id \"{id}\")")?;
            }
            f.write_str(if self.field.is_empty() { ": " } else { ", " })?;
        }
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

/// What [`validate`] found.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every problem: first those that keep the file from being used, then
    /// per feature in file order (errors and warnings interleaved by
    /// position).
    pub diagnostics: Vec<Diagnostic>,
    /// The dataset as the app would show it, unless the file cannot be used.
    pub dataset: Option<Dataset>,
}

impl Report {
    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Whether there is no error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.error_count() == 0
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks the text of a dataset file, expecting outlets in China.
///
/// # Examples
/// A duplicate id, and a partner without a dealer group:
/// ```
/// use locator_core::{validate, Severity};
/// let feature = |id: &str, kind: &str| format!(
///     r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [121.47, 31.23]}},
///        "properties": {{"id": "{id}", "kind": "{kind}", "name": {{"en": "A"}}, "address": {{"en": "B"}},
///        "city": {{"zh": "上海"}}, "province": {{"zh": "上海"}}, "services": []}}}}"#);
/// let text = format!(
///     r#"{{"type": "FeatureCollection", "schema_version": 1, "brand": {{"en": "Q"}},
///         "updated": "2026-11-20", "time_zone": "Asia/Shanghai", "features": [
/// {},
/// {},
/// {}]}}"#, feature("a", "ev_home"), feature("a", "ev_home"), feature("b", "partner"));
/// let report = validate(&text);
/// assert_eq!(report.error_count(), 1);
/// let lines: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
/// assert_eq!(lines[0], r#"7:29: error[duplicate_id]: outlet 2 (id "a"), properties.id: id "a" is already used by outlet 1"#);
/// assert_eq!(report.warning_count(), 1);
/// assert_eq!(report.diagnostics[1].severity, Severity::Warning);
/// assert_eq!(report.diagnostics[1].code, "partner_without_group");
/// ```
pub fn validate(text: &str) -> Report {
    validate_with(text, ParseOptions::default())
}

/// Checks the text of a dataset file as [`validate`] does, with `options`.
pub fn validate_with(text: &str, options: ParseOptions) -> Report {
    let reading = dataset::read(text, options);
    let mut diagnostics = Vec::new();
    let meta = match reading.meta {
        Ok(meta) => Some(meta),
        Err(fatal) => {
            diagnostics.extend(fatal.into_iter().map(|f| Diagnostic {
                severity: Severity::Error,
                code: f.error.code(),
                line: f.line,
                column: f.column,
                number: None,
                id: None,
                field: f.error.field().into(),
                message: f.error.to_string(),
            }));
            None
        }
    };
    let mut per_feature: Vec<(usize, usize, usize, Diagnostic)> = Vec::new();
    for (k, e) in reading.rejected.iter().enumerate() {
        per_feature.push((
            e.number,
            0,
            k,
            Diagnostic {
                severity: Severity::Error,
                code: e.problem.code(),
                line: e.line,
                column: e.column,
                number: Some(e.number),
                id: e.id.clone(),
                field: e.field.clone(),
                message: e.problem.to_string(),
            },
        ));
    }
    for (k, w) in reading.warnings.iter().enumerate() {
        per_feature.push((
            w.number.unwrap_or(0),
            1,
            k,
            Diagnostic {
                severity: Severity::Warning,
                code: w.problem.code(),
                line: w.line,
                column: w.column,
                number: w.number,
                id: w.id.clone(),
                field: w.field.clone(),
                message: w.problem.to_string(),
            },
        ));
    }
    // Collection warnings first (number 0), then each feature's, by position.
    per_feature.sort_by_key(|(number, severity, k, d)| (*number, d.line, d.column, *severity, *k));
    diagnostics.extend(per_feature.into_iter().map(|(.., d)| d));
    let dataset = meta.map(|meta| {
        Dataset::from_reading(meta, reading.outlets, reading.rejected, reading.warnings)
    });
    Report {
        diagnostics,
        dataset,
    }
}

/// Checks a dataset file given as bytes: as [`validate`], after checking
/// that the bytes are UTF-8 text (a byte-order mark is allowed).
///
/// ```
/// use locator_core::validate_bytes;
/// let report = validate_bytes(b"{\n  \"type\": \"Feature\xff\"}");
/// assert_eq!(report.diagnostics[0].code, "not_utf8");
/// assert_eq!((report.diagnostics[0].line, report.diagnostics[0].column), (2, 19));
/// ```
pub fn validate_bytes(bytes: &[u8]) -> Report {
    match Dataset::decode(bytes.to_vec()) {
        Ok(text) => validate(&text),
        Err(error) => {
            let (line, column) = match error {
                DatasetError::NotUtf8 { line, column } => (line, column),
                _ => (1, 1),
            };
            Report {
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    code: error.code(),
                    line,
                    column,
                    number: None,
                    id: None,
                    field: String::new(),
                    message: error.to_string(),
                }],
                dataset: None,
            }
        }
    }
}

/// Checks a file that is either a dataset file (GeoJSON, as
/// [`validate_bytes`]) or its packed form (`evl-data pack`), told apart by
/// its first bytes. A pack holds only outlets that passed when it was made:
/// it is either read whole (no diagnostics) or refused with one error.
///
/// ```
/// use locator_core::{pack, validate_file, Dataset};
/// let text = include_str!("../../public/data/outlets.geojson");
/// let packed = pack(&Dataset::parse(text).unwrap());
/// assert!(validate_file(&packed).is_ok());
/// let cut = validate_file(&packed[..packed.len() / 2]);
/// assert_eq!(cut.error_count(), 1);
/// assert!(cut.dataset.is_none());
/// ```
pub fn validate_file(bytes: &[u8]) -> Report {
    if !crate::is_pack(bytes) {
        return validate_bytes(bytes);
    }
    match Dataset::from_pack(bytes) {
        Ok(dataset) => Report {
            diagnostics: Vec::new(),
            dataset: Some(dataset),
        },
        Err(error) => Report {
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                code: error.code(),
                line: 1,
                column: 1,
                number: None,
                id: None,
                field: String::new(),
                message: error.to_string(),
            }],
            dataset: None,
        },
    }
}
