//! The corpus of broken datasets under `tests/datasets/` (see its README):
//! each `NN-name.geojson` must produce exactly the lines of its
//! `NN-name.expected`, one diagnostic per line as [`Diagnostic`] prints
//! itself (`LINE:COLUMN: severity[code]: outlet N (id "x"), field: message`).
//!
//! Files in `malformed/` must have at least one error; files in
//! `warnings/` warnings and no error.
//!
//! After a deliberate change of wording, rewrite the expected files with
//! `EVL_BLESS=1 cargo test -p locator-core --test corpus` and review the diff.

use locator_core::{validate_bytes, Diagnostic, Severity};
use std::fs;
use std::path::{Path, PathBuf};

fn corpus(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/datasets")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "geojson"))
        .collect();
    files.sort();
    files
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{d}\n"))
        .collect::<String>()
}

/// Checks every file of `dir`; returns how many there are.
fn check(dir: &str, want: fn(&[Diagnostic]) -> Result<(), String>) -> usize {
    let bless = std::env::var_os("EVL_BLESS").is_some();
    let files = corpus(dir);
    let mut failures = Vec::new();
    for file in &files {
        let report = validate_bytes(&fs::read(file).unwrap());
        let got = lines(&report.diagnostics);
        let expected_path = file.with_extension("expected");
        if bless {
            fs::write(&expected_path, &got).unwrap();
        }
        let name = file.file_name().unwrap().to_string_lossy();
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == got => {}
            Ok(expected) => failures.push(format!("{name}: expected\n{expected}got\n{got}")),
            Err(e) => failures.push(format!("{name}: no expected file ({e})")),
        }
        if let Err(e) = want(&report.diagnostics) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    files.len()
}

#[test]
fn malformed_datasets_give_exactly_their_errors() {
    let n = check("malformed", |d| {
        if d.iter().any(|d| d.severity == Severity::Error) {
            Ok(())
        } else {
            Err("no error".into())
        }
    });
    assert!(n >= 25, "only {n} malformed datasets");
}

#[test]
fn warnings_leave_everything_in() {
    let n = check("warnings", |d| {
        match (
            d.iter().any(|d| d.severity == Severity::Error),
            d.iter().any(|d| d.severity == Severity::Warning),
        ) {
            (false, true) => Ok(()),
            _ => Err("expected warnings and no error".into()),
        }
    });
    assert!(n >= 3);
}

/// Every `.expected` file belongs to a dataset (no leftovers after a rename).
#[test]
fn no_orphan_expectations() {
    for dir in ["malformed", "warnings"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/datasets")
            .join(dir);
        for entry in fs::read_dir(&root).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "expected") {
                assert!(
                    path.with_extension("geojson").exists(),
                    "{} has no dataset",
                    path.display()
                );
            }
        }
    }
}
