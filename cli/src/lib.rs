//! `evl-data`: the outlet dataset on the command line, with the same core as
//! the app (`locator-core`).
//!
//! - `validate FILE`: every problem with its line and column, feature, id
//!   and field ([`locator_core::validate`]), as lines or JSON;
//! - `import FILE.csv`: a spreadsheet export to a dataset file
//!   ([`import::import_csv`]);
//! - `generate --count N --seed S`: a synthetic dataset
//!   ([`locator_core::generate`]);
//! - `stats FILE`: counts by kind, status, service and city ([`stats`]);
//! - [`columns`]: what the columns of a sheet with other headers mean, guessed
//!   for the studio to propose;
//! - `pack FILE --output FILE`: the outlets kept, in the packed form the app
//!   loads fast ([`locator_core::pack`]).
//!
//! Exit status: [`EXIT_OK`] (warnings allowed), [`EXIT_DATA`] (errors in
//! the data), [`EXIT_USAGE`] (a wrong command line, or a file that cannot be
//! read or written). The binary (`main.rs`) only calls [`run`].

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod args;
pub mod columns;
pub mod import;
pub mod report;
pub mod stats;

use args::{Command, Format, GenerateArgs, ImportArgs, PackArgs, StatsArgs, ValidateArgs};
use locator_core::{Date, LocalText, ParseOptions};
use std::io::{Read, Write};

/// Exit status: done, no error in the data (there may be warnings).
pub const EXIT_OK: u8 = 0;
/// Exit status: errors in the data.
pub const EXIT_DATA: u8 = 1;
/// Exit status: a wrong command line, or a file that cannot be read or
/// written.
pub const EXIT_USAGE: u8 = 2;

/// Where a command reads and writes: standard streams, or buffers in tests.
pub struct Io<'a> {
    /// Standard input, for a file named `-`.
    pub stdin: &'a mut dyn Read,
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard error.
    pub stderr: &'a mut dyn Write,
}

/// Runs the command line `args` (without the program name) and returns the
/// exit status.
pub fn run(args: &[String], io: &mut Io) -> u8 {
    let command = match args::parse(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(
                io.stderr,
                "evl-data: {e}\n\n{}",
                args::usage(args.first().map(String::as_str))
            );
            return EXIT_USAGE;
        }
    };
    let status = match command {
        Command::Help(topic) => {
            let _ = write!(io.stdout, "{}", args::usage(topic.as_deref()));
            Ok(EXIT_OK)
        }
        Command::Version => {
            let _ = writeln!(io.stdout, "evl-data {}", env!("CARGO_PKG_VERSION"));
            Ok(EXIT_OK)
        }
        Command::Validate(a) => validate(&a, io),
        Command::Import(a) => import(&a, io),
        Command::Generate(a) => generate(&a, io),
        Command::Stats(a) => stats(&a, io),
        Command::Pack(a) => pack(&a, io),
    };
    status.unwrap_or_else(|message| {
        let _ = writeln!(io.stderr, "evl-data: {message}");
        EXIT_USAGE
    })
}

/// The bytes of `file`, or of standard input for `-`.
fn read(file: &str, io: &mut Io) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = if file == "-" {
        io.stdin.read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(file).map(|b| bytes = b)
    };
    result
        .map(|_| bytes)
        .map_err(|e| format!("cannot read {file}: {e}"))
}

/// Writes `text` to `output`, or to standard output.
fn write_out(output: Option<&str>, text: &str, io: &mut Io) -> Result<(), String> {
    match output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => io
            .stdout
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    }
}

fn print_json(out: &mut dyn Write, value: &serde_json::Value) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let _ = writeln!(out, "{text}");
}

fn validate(a: &ValidateArgs, io: &mut Io) -> Result<u8, String> {
    let bytes = read(&a.file, io)?;
    let report = match std::str::from_utf8(&bytes) {
        Ok(text) => locator_core::validate_with(text, ParseOptions { region: a.region }),
        // A packed file, or bytes that are not text.
        Err(_) => locator_core::validate_file(&bytes),
    };
    match a.format {
        Format::Text => {
            let _ = write!(io.stdout, "{}", report::validation_text(&a.file, &report));
        }
        Format::Json => print_json(io.stdout, &report::validation_json(&a.file, &report)),
    }
    Ok(if report.is_ok() { EXIT_OK } else { EXIT_DATA })
}

/// Today's date in UTC, from the system clock.
fn today() -> Option<Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Date::from_days_since_epoch(i64::try_from(secs / 86_400).ok()?)
}

fn import(a: &ImportArgs, io: &mut Io) -> Result<u8, String> {
    let bytes = read(&a.file, io)?;
    let options = import::ImportOptions {
        datum: a.datum,
        brand: LocalText {
            zh: a.brand_zh.clone(),
            en: a.brand_en.clone(),
        },
        updated: a
            .updated
            .or_else(today)
            .ok_or("the system clock gives no date; pass --updated YYYY-MM-DD")?,
        time_zone: a.time_zone.clone(),
        sample: a.sample,
        delimiter: a.delimiter,
    };
    let imported = match import::import_csv(&bytes, &options) {
        Ok(i) => i,
        Err(import::ImportError::Options(message)) => return Err(message),
        Err(e) => {
            match a.format {
                Format::Text => {
                    let _ = writeln!(io.stderr, "{}: {e}", a.file);
                }
                Format::Json => print_json(io.stderr, &report::import_error_json(&a.file, &e)),
            }
            return Ok(EXIT_DATA);
        }
    };
    write_out(a.output.as_deref(), &imported.geojson, io)?;
    match a.format {
        Format::Text => {
            let _ = write!(io.stderr, "{}", report::import_text(&a.file, &imported));
        }
        Format::Json => print_json(io.stderr, &report::import_json(&a.file, &imported)),
    }
    Ok(if imported.is_complete() {
        EXIT_OK
    } else {
        EXIT_DATA
    })
}

/// Streams the synthetic dataset: any size takes little memory.
fn generate(a: &GenerateArgs, io: &mut Io) -> Result<u8, String> {
    let written = match &a.output {
        Some(path) => std::fs::File::create(path)
            .and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                locator_core::write_generated(a.count, a.seed, &mut out)?;
                out.flush()
            })
            .map_err(|e| format!("cannot write {path}: {e}")),
        None => {
            let mut out = std::io::BufWriter::new(&mut *io.stdout);
            locator_core::write_generated(a.count, a.seed, &mut out)
                .and_then(|()| out.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    };
    written.map(|()| EXIT_OK)
}

fn stats(a: &StatsArgs, io: &mut Io) -> Result<u8, String> {
    let bytes = read(&a.file, io)?;
    let report = locator_core::validate_bytes(&bytes);
    let Some(data) = &report.dataset else {
        let _ = write!(io.stderr, "{}", report::validation_text(&a.file, &report));
        return Ok(EXIT_DATA);
    };
    let counts = stats::stats(data);
    match a.format {
        Format::Text => {
            let _ = write!(io.stdout, "{}", counts.to_text(&a.file));
        }
        Format::Json => print_json(io.stdout, &counts.to_json(&a.file)),
    }
    Ok(EXIT_OK)
}

/// Validates as `validate` does, then writes the packed form of the outlets
/// kept; nothing is written when the file cannot be used.
fn pack(a: &PackArgs, io: &mut Io) -> Result<u8, String> {
    let bytes = read(&a.file, io)?;
    let report = match std::str::from_utf8(&bytes) {
        Ok(text) => locator_core::validate_with(text, ParseOptions { region: a.region }),
        Err(_) => locator_core::validate_bytes(&bytes),
    };
    let Some(data) = &report.dataset else {
        let _ = write!(io.stdout, "{}", report::validation_text(&a.file, &report));
        return Ok(EXIT_DATA);
    };
    let packed = locator_core::pack(data);
    std::fs::write(&a.output, &packed).map_err(|e| format!("cannot write {}: {e}", a.output))?;
    let _ = write!(
        io.stdout,
        "{}",
        report::pack_text(&a.file, &a.output, &report, bytes.len(), packed.len())
    );
    Ok(if report.is_ok() { EXIT_OK } else { EXIT_DATA })
}
