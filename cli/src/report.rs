//! Printing what `validate`, `import` and `pack` found: lines for people, or one
//! JSON document for CI.
//!
//! A line is the file name and the core's [`Diagnostic`] as it prints
//! itself, so editors and terminals that understand `FILE:LINE:COLUMN:`
//! jump to the place: `outlets.geojson:12:40: error[duplicate_id]: ...`.

use crate::import::{Encoding, ImportError, Imported};
use locator_core::{Diagnostic, Report};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// The features left out: distinct feature numbers among the errors.
fn features_left_out(report: &Report) -> usize {
    let mut numbers: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == locator_core::Severity::Error)
        .filter_map(|d| d.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.len()
}

/// `1 warning`, `2 warnings`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The validation report as lines: one per problem, then a summary.
pub fn validation_text(file: &str, report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let _ = writeln!(out, "{file}:{d}");
    }
    let (errors, warnings) = (report.error_count(), report.warning_count());
    let _ = match &report.dataset {
        None => writeln!(
            out,
            "{file}: cannot be used ({}, {})",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        ),
        Some(data) => writeln!(
            out,
            "{file}: {} read, {} left out; {}, {}",
            plural(data.outlets.len(), "outlet", "outlets"),
            plural(features_left_out(report), "feature", "features"),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        ),
    };
    out
}

fn diagnostic_json(d: &Diagnostic) -> Value {
    json!({
        "severity": d.severity.id(),
        "code": d.code,
        "line": d.line,
        "column": d.column,
        "feature": d.number,
        "id": d.id,
        "field": d.field,
        "message": d.message,
    })
}

/// The validation report as one JSON document.
///
/// `ok` is false when there is an error; `usable` is false when the file
/// cannot be used at all; `outlets` counts the outlets the app would show.
pub fn validation_json(file: &str, report: &Report) -> Value {
    json!({
        "file": file,
        "ok": report.is_ok(),
        "usable": report.dataset.is_some(),
        "outlets": report.dataset.as_ref().map_or(0, |d| d.outlets.len()),
        "features_left_out": features_left_out(report),
        "errors": report.error_count(),
        "warnings": report.warning_count(),
        "diagnostics": report.diagnostics.iter().map(diagnostic_json).collect::<Vec<_>>(),
    })
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The report of `pack` when the file was written: one line per problem,
/// as `validate` prints them, then a summary with the sizes.
///
/// ```text
/// outlets.geojson: 292 outlets packed, 0 features left out, 1 warning; 310,245 bytes in, 41,002 bytes out (outlets.pack)
/// ```
pub fn pack_text(
    file: &str,
    output: &str,
    report: &Report,
    bytes_in: usize,
    bytes_out: usize,
) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let _ = writeln!(out, "{file}:{d}");
    }
    let kept = report.dataset.as_ref().map_or(0, |d| d.outlets.len());
    let _ = writeln!(
        out,
        "{file}: {} packed, {} left out, {}; {} bytes in, {} bytes out ({output})",
        plural(kept, "outlet", "outlets"),
        plural(features_left_out(report), "feature", "features"),
        plural(report.warning_count(), "warning", "warnings"),
        thousands(bytes_in),
        thousands(bytes_out),
    );
    out
}

/// The import report as lines: one per problem, then a summary.
pub fn import_text(file: &str, imported: &Imported) -> String {
    let mut out = String::new();
    if imported.encoding != Encoding::Utf8 {
        let _ = writeln!(
            out,
            "{file}: read as {} (not UTF-8) and converted; check that the names look right",
            imported.encoding.id().to_uppercase()
        );
    }
    for p in &imported.problems {
        let _ = writeln!(out, "{file}: {p}");
    }
    let warnings = imported
        .problems
        .iter()
        .filter(|p| p.severity == locator_core::Severity::Warning)
        .count();
    let _ = writeln!(
        out,
        "{file}: imported {} of {} ({} left out, {})",
        imported.imported,
        plural(imported.rows, "row", "rows"),
        imported.rows - imported.imported,
        plural(warnings, "warning", "warnings")
    );
    out
}

/// The import report as one JSON document.
pub fn import_json(file: &str, imported: &Imported) -> Value {
    json!({
        "file": file,
        "encoding": imported.encoding.id(),
        "ok": imported.is_complete(),
        "rows": imported.rows,
        "imported": imported.imported,
        "left_out": imported.rows - imported.imported,
        "problems": imported.problems.iter().map(|p| json!({
            "severity": p.severity.id(),
            "code": p.code,
            "row": p.row,
            "id": p.id,
            "column": p.column,
            "message": p.message,
        })).collect::<Vec<_>>(),
    })
}

/// An import that could not start, as JSON.
pub fn import_error_json(file: &str, error: &ImportError) -> Value {
    json!({
        "file": file,
        "ok": false,
        "error": error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(83_123_456), "83,123,456");
    }
}
