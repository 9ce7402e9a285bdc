//! The command line: which command, with which file and options.
//!
//! Hand-rolled (four commands and a dozen options do not need a parser
//! crate): options are `--name value` or `--name=value`, in any order
//! around the one file argument; `-` as the file means standard input.

use locator_core::{Date, Datum, Region};

/// Text for people or JSON for CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Lines for people.
    #[default]
    Text,
    /// One JSON document.
    Json,
}

/// `validate FILE`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidateArgs {
    /// The dataset file, or `-` for standard input.
    pub file: String,
    /// How to print the report.
    pub format: Format,
    /// Where the outlets must be.
    pub region: Region,
}

/// `import FILE.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportArgs {
    /// The CSV file, or `-` for standard input.
    pub file: String,
    /// Where to write the dataset; standard output when `None`.
    pub output: Option<String>,
    /// The datum of the coordinates in the file.
    pub datum: Datum,
    /// The brand in Chinese.
    pub brand_zh: Option<String>,
    /// The brand in English.
    pub brand_en: Option<String>,
    /// The day the data was checked; today (UTC) when `None`.
    pub updated: Option<Date>,
    /// The time zone of the hours.
    pub time_zone: String,
    /// Mark the output as sample data.
    pub sample: bool,
    /// `,` or tab; guessed from the header when `None`.
    pub delimiter: Option<u8>,
    /// How to print the report (on standard error).
    pub format: Format,
}

/// `generate --count N --seed S`.
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateArgs {
    /// How many outlets.
    pub count: usize,
    /// The seed.
    pub seed: u64,
    /// Where to write the dataset; standard output when `None`.
    pub output: Option<String>,
}

/// `pack FILE --output FILE`.
#[derive(Debug, Clone, PartialEq)]
pub struct PackArgs {
    /// The dataset file, or `-` for standard input.
    pub file: String,
    /// Where to write the packed dataset.
    pub output: String,
    /// Where the outlets must be.
    pub region: Region,
}

/// `stats FILE`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsArgs {
    /// The dataset file, or `-` for standard input.
    pub file: String,
    /// How to print the counts.
    pub format: Format,
}

/// What to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Check a dataset file.
    Validate(ValidateArgs),
    /// Convert a CSV file into a dataset file.
    Import(ImportArgs),
    /// Write a synthetic dataset.
    Generate(GenerateArgs),
    /// Count a dataset's outlets.
    Stats(StatsArgs),
    /// Write the packed form of a dataset.
    Pack(PackArgs),
    /// Print the usage (of one command, if named).
    Help(Option<String>),
    /// Print the version.
    Version,
}

/// What is wrong with the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsageError {
    /// No command given.
    #[error("no command given")]
    NoCommand,
    /// A command that does not exist.
    #[error("unknown command \"{0}\"")]
    UnknownCommand(String),
    /// An option the command does not take.
    #[error("{command} does not take the option {option}")]
    UnknownOption {
        /// The command.
        command: &'static str,
        /// The option as written.
        option: String,
    },
    /// An option given twice.
    #[error("the option --{0} is given twice")]
    Repeated(String),
    /// An option without its value.
    #[error("the option --{0} needs a value")]
    MissingValue(String),
    /// A flag given a value.
    #[error("the option --{0} takes no value")]
    UnexpectedValue(String),
    /// A value that cannot be used.
    #[error("--{option} {value:?}: {expected}")]
    BadValue {
        /// The option.
        option: &'static str,
        /// The value as written.
        value: String,
        /// What it should be.
        expected: &'static str,
    },
    /// No file, or more than one.
    #[error("{command} needs exactly one file (or - for standard input)")]
    FileCount {
        /// The command.
        command: &'static str,
    },
    /// A required option is absent.
    #[error("{command} needs {what}")]
    Missing {
        /// The command.
        command: &'static str,
        /// What it needs.
        what: &'static str,
    },
}

/// The tokens after the command: files, and options with their values.
struct Scanned {
    command: &'static str,
    files: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Scanned {
    /// Splits `tokens`; `valued` options take a value, `flags` none.
    fn new(
        command: &'static str,
        tokens: &[String],
        valued: &[&str],
        flags: &[&str],
    ) -> Result<Scanned, UsageError> {
        let mut scanned = Scanned {
            command,
            files: Vec::new(),
            options: Vec::new(),
        };
        let mut tokens = tokens.iter();
        while let Some(token) = tokens.next() {
            // `-o FILE` is short for `--output FILE`.
            let token = if token == "-o" && valued.contains(&"output") {
                &"--output".to_string()
            } else {
                token
            };
            let Some(option) = token.strip_prefix("--") else {
                if token.starts_with('-') && token != "-" {
                    return Err(UsageError::UnknownOption {
                        command,
                        option: token.clone(),
                    });
                }
                scanned.files.push(token.clone());
                continue;
            };
            let (name, inline) = match option.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (option, None),
            };
            if scanned.options.iter().any(|(n, _)| n == name) {
                return Err(UsageError::Repeated(name.into()));
            }
            let value = if valued.contains(&name) {
                match inline {
                    Some(v) => Some(v),
                    None => Some(
                        tokens
                            .next()
                            .cloned()
                            .ok_or_else(|| UsageError::MissingValue(name.into()))?,
                    ),
                }
            } else if flags.contains(&name) {
                if inline.is_some() {
                    return Err(UsageError::UnexpectedValue(name.into()));
                }
                None
            } else {
                return Err(UsageError::UnknownOption {
                    command,
                    option: token.clone(),
                });
            };
            scanned.options.push((name.into(), value));
        }
        Ok(scanned)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    fn file(&self) -> Result<String, UsageError> {
        match self.files.as_slice() {
            [one] => Ok(one.clone()),
            _ => Err(UsageError::FileCount {
                command: self.command,
            }),
        }
    }

    fn region(&self) -> Result<Region, UsageError> {
        match self.value("region") {
            None | Some("china") => Ok(Region::China),
            Some("anywhere") => Ok(Region::Anywhere),
            Some(other) => Err(bad("region", other, "china or anywhere")),
        }
    }

    fn format(&self) -> Result<Format, UsageError> {
        match self.value("format") {
            None | Some("text") => Ok(Format::Text),
            Some("json") => Ok(Format::Json),
            Some(other) => Err(bad("format", other, "text or json")),
        }
    }

    fn no_files(&self) -> Result<(), UsageError> {
        if self.files.is_empty() {
            Ok(())
        } else {
            Err(UsageError::UnknownOption {
                command: self.command,
                option: self.files[0].clone(),
            })
        }
    }
}

fn bad(option: &'static str, value: &str, expected: &'static str) -> UsageError {
    UsageError::BadValue {
        option,
        value: value.chars().take(64).collect(),
        expected,
    }
}

/// Reads the arguments after the program name.
///
/// ```
/// use evl_data::args::{parse, Command, Format};
/// let args: Vec<String> = ["validate", "data.geojson", "--format=json"].map(String::from).to_vec();
/// match parse(&args).unwrap() {
///     Command::Validate(v) => assert_eq!((v.file.as_str(), v.format), ("data.geojson", Format::Json)),
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let Some((command, rest)) = args.split_first() else {
        return Err(UsageError::NoCommand);
    };
    match command.as_str() {
        "validate" => {
            let s = Scanned::new("validate", rest, &["format", "region"], &[])?;
            Ok(Command::Validate(ValidateArgs {
                file: s.file()?,
                format: s.format()?,
                region: s.region()?,
            }))
        }
        "import" => {
            let s = Scanned::new(
                "import",
                rest,
                &[
                    "output",
                    "datum",
                    "brand-zh",
                    "brand-en",
                    "updated",
                    "time-zone",
                    "delimiter",
                    "format",
                ],
                &["sample"],
            )?;
            let datum = match s.value("datum") {
                None => Datum::Wgs84,
                Some(d) => {
                    Datum::from_id(d).ok_or_else(|| bad("datum", d, "wgs84, gcj02 or bd09"))?
                }
            };
            let updated = s
                .value("updated")
                .map(|d| {
                    d.parse::<Date>()
                        .map_err(|_| bad("updated", d, "a date like 2026-11-20"))
                })
                .transpose()?;
            let delimiter = match s.value("delimiter") {
                None => None,
                Some("comma" | ",") => Some(b','),
                Some("tab" | "\\t") => Some(b'\t'),
                Some(other) => return Err(bad("delimiter", other, "comma or tab")),
            };
            let text = |name| {
                s.value(name)
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
            };
            let (brand_zh, brand_en) = (text("brand-zh"), text("brand-en"));
            if brand_zh.is_none() && brand_en.is_none() {
                return Err(UsageError::Missing {
                    command: "import",
                    what: "the brand's name: --brand-zh TEXT and/or --brand-en TEXT",
                });
            }
            Ok(Command::Import(ImportArgs {
                file: s.file()?,
                output: s.value("output").map(String::from),
                datum,
                brand_zh,
                brand_en,
                updated,
                time_zone: s.value("time-zone").unwrap_or("Asia/Shanghai").to_string(),
                sample: s.flag("sample"),
                delimiter,
                format: s.format()?,
            }))
        }
        "generate" => {
            let s = Scanned::new("generate", rest, &["count", "seed", "output"], &[])?;
            s.no_files()?;
            let count = s.value("count").ok_or(UsageError::Missing {
                command: "generate",
                what: "--count N",
            })?;
            let count = count
                .parse::<usize>()
                .map_err(|_| bad("count", count, "a whole number of outlets"))?;
            let seed = match s.value("seed") {
                None => 0,
                Some(seed) => seed.parse::<u64>().map_err(|_| {
                    bad(
                        "seed",
                        seed,
                        "a whole number from 0 to 18446744073709551615",
                    )
                })?,
            };
            Ok(Command::Generate(GenerateArgs {
                count,
                seed,
                output: s.value("output").map(String::from),
            }))
        }
        "stats" => {
            let s = Scanned::new("stats", rest, &["format"], &[])?;
            Ok(Command::Stats(StatsArgs {
                file: s.file()?,
                format: s.format()?,
            }))
        }
        "pack" => {
            let s = Scanned::new("pack", rest, &["output", "region"], &[])?;
            let output = s.value("output").ok_or(UsageError::Missing {
                command: "pack",
                what: "--output FILE",
            })?;
            Ok(Command::Pack(PackArgs {
                file: s.file()?,
                output: output.to_string(),
                region: s.region()?,
            }))
        }
        "help" | "--help" | "-h" => Ok(Command::Help(rest.first().cloned())),
        "--version" | "-V" | "version" => Ok(Command::Version),
        other => Err(UsageError::UnknownCommand(other.chars().take(64).collect())),
    }
}

/// The usage text, of one command or of all.
pub fn usage(command: Option<&str>) -> &'static str {
    match command {
        Some("validate") => VALIDATE,
        Some("import") => IMPORT,
        Some("generate") => GENERATE,
        Some("stats") => STATS,
        Some("pack") => PACK,
        _ => USAGE,
    }
}

const USAGE: &str = "\
evl-data: check, import, generate and count the EV store locator's outlet dataset

Usage:
  evl-data validate FILE [--format text|json] [--region china|anywhere]
  evl-data import FILE.csv --brand-zh TEXT|--brand-en TEXT [--datum wgs84|gcj02|bd09]
                 [--output FILE] [--updated YYYY-MM-DD] [--time-zone ZONE] [--sample]
                 [--delimiter comma|tab] [--format text|json]
  evl-data generate --count N [--seed S] [--output FILE]
  evl-data stats FILE [--format text|json]
  evl-data pack FILE --output FILE [--region china|anywhere]
  evl-data help [COMMAND]

FILE may be - for standard input.
Exit status: 0 all good (warnings allowed), 1 errors in the data,
2 a wrong command line or a file that cannot be read or written.
The dataset format and the CSV columns: docs/dataset.md.
";

const VALIDATE: &str = "\
evl-data validate FILE [--format text|json] [--region china|anywhere]

Checks a dataset file as the app reads it and lists every problem with its
line and column, feature number, id and field: errors (the file cannot be
used, or a feature is left out) and warnings (a partner without a group, an
outlet far from its city, an unknown key in the hours). A packed file
(evl-data pack) is read as the app reads it: whole, or refused with one error.

  --format json       one JSON document for CI instead of lines
  --region anywhere   do not require positions in China

Exit status: 0 no error (warnings allowed), 1 errors, 2 the file cannot be read.
";

const IMPORT: &str = "\
evl-data import FILE.csv --brand-zh TEXT|--brand-en TEXT [options]

Converts a spreadsheet export (UTF-8, with or without a byte-order mark, or
GB18030/GBK, which is converted and said; comma- or tab-separated, a header row naming the columns of docs/dataset.md)
into a dataset file. Rows with problems are reported by row number (the header
is row 1) and left out; nothing is corrected.

  --datum D           wgs84 (default), gcj02 or bd09: the datum of lat and lng
  --output FILE, -o FILE   write the dataset there instead of standard output
  --brand-zh TEXT     the brand's name in Chinese (this and/or --brand-en)
  --brand-en TEXT     the brand's name in English
  --updated DATE      the day the data was checked (default: today, UTC)
  --time-zone ZONE    the zone of the opening hours (default: Asia/Shanghai)
  --sample            mark the dataset as made-up sample data
  --delimiter D       comma or tab (default: tab if the header has one)
  --format json       the report (on standard error) as JSON

Exit status: 0 every row imported (warnings allowed), 1 rows left out or a
header that cannot be used, 2 a wrong command line or unreadable file.
";

const GENERATE: &str = "\
evl-data generate --count N [--seed S] [--output FILE]

Writes a synthetic dataset of N outlets spread over the cities of mainland
China by population, the same for the same seed (default 0). It passes
validate with no error and no warning.
";

const STATS: &str = "\
evl-data stats FILE [--format text|json]

Counts the outlets of a dataset by kind, status, service and city (the
outlets the app would show; features left out are counted apart).

Exit status: 0 counted, 1 the file cannot be used as a dataset, 2 unreadable.
";

const PACK: &str = "\
evl-data pack FILE --output FILE [--region china|anywhere]

Reads a dataset file as validate does, prints its problems the same way, and
writes the outlets kept in the packed form the app loads fast (large
networks). The GeoJSON stays the file to edit; pack it again after a change.

  --output FILE, -o FILE   where to write the packed dataset
  --region anywhere   do not require positions in China

Exit status: 0 packed with no error (warnings allowed), 1 features left out
(the kept outlets are still packed) or a file that cannot be used (nothing is
written), 2 a wrong command line or a file that cannot be read or written.
";

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn options_before_or_after_the_file() {
        let a = parse(&args("import --datum gcj02 x.csv --brand-en Q --sample")).unwrap();
        let b = parse(&args("import x.csv --brand-en=Q --sample --datum=gcj02")).unwrap();
        assert_eq!(a, b);
        let Command::Import(i) = a else { panic!() };
        assert_eq!(i.datum, Datum::Gcj02);
        assert!(i.sample);
        assert_eq!(i.time_zone, "Asia/Shanghai");
    }

    #[test]
    fn usage_errors() {
        assert_eq!(parse(&[]), Err(UsageError::NoCommand));
        assert!(matches!(
            parse(&args("check x")),
            Err(UsageError::UnknownCommand(_))
        ));
        assert!(matches!(
            parse(&args("validate x --fromat json")),
            Err(UsageError::UnknownOption { .. })
        ));
        assert!(matches!(
            parse(&args("validate")),
            Err(UsageError::FileCount { .. })
        ));
        assert!(matches!(
            parse(&args("validate a b")),
            Err(UsageError::FileCount { .. })
        ));
        assert!(matches!(
            parse(&args("validate a --format")),
            Err(UsageError::MissingValue(_))
        ));
        assert!(matches!(
            parse(&args("validate a --format xml")),
            Err(UsageError::BadValue { .. })
        ));
        assert!(matches!(
            parse(&args("validate a --format text --format json")),
            Err(UsageError::Repeated(_))
        ));
        assert!(matches!(
            parse(&args("import a.csv")),
            Err(UsageError::Missing { .. })
        ));
        assert!(matches!(
            parse(&args("import a.csv --brand-en Q --datum mars")),
            Err(UsageError::BadValue { .. })
        ));
        assert!(matches!(
            parse(&args("generate")),
            Err(UsageError::Missing { .. })
        ));
        assert!(matches!(
            parse(&args("generate --count -3")),
            Err(UsageError::BadValue { .. })
        ));
        assert!(matches!(
            parse(&args("generate --count 3 extra")),
            Err(UsageError::UnknownOption { .. })
        ));
        assert!(matches!(
            parse(&args("import a.csv --brand-en Q --sample=yes")),
            Err(UsageError::UnexpectedValue(_))
        ));
        assert!(matches!(
            parse(&args("pack a.geojson")),
            Err(UsageError::Missing { .. })
        ));
        assert!(matches!(
            parse(&args("pack a.geojson -o x.pack --region mars")),
            Err(UsageError::BadValue { .. })
        ));
    }

    #[test]
    fn standard_input_and_help() {
        let Command::Stats(s) = parse(&args("stats -")).unwrap() else {
            panic!()
        };
        assert_eq!(s.file, "-");
        assert_eq!(
            parse(&args("help import")),
            Ok(Command::Help(Some("import".into())))
        );
        assert_eq!(parse(&args("--version")), Ok(Command::Version));
        assert!(usage(Some("import")).contains("--datum"));
        assert!(usage(Some("pack")).contains("--output"));
    }
}
