//! Importing outlets from a spreadsheet export (CSV or tab-separated, UTF-8
//! with or without a byte-order mark, or GB18030/GBK as Chinese spreadsheets
//! often save it: detected, converted and said) into a dataset file.
//!
//! The column layout is documented in `docs/dataset.md` ("Importing from a
//! spreadsheet"). Each row becomes one feature; its cells go into the
//! feature as written (trimmed), its position is converted from the chosen
//! datum to WGS-84, and the whole collection is then read by the same
//! checks as the app and `validate` ([`Dataset::parse`]). A row with any
//! problem is reported with its row number (the header is row 1, as a
//! spreadsheet counts) and left out; nothing is ever corrected: swapped
//! coordinates, a misspelt kind or a service outside the catalogue are
//! errors, not guesses. Warnings (a partner without a group, an outlet far
//! from its city) are reported and the row kept.

use locator_core::{convert, Dataset, Date, Datum, LocalText, RecordProblem, Severity, TimeZone};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// How to import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// The datum of the `lat` and `lng` columns.
    pub datum: Datum,
    /// The brand's name (at least one language).
    pub brand: LocalText,
    /// The day the data was checked.
    pub updated: Date,
    /// The IANA time zone of the opening hours.
    pub time_zone: String,
    /// Whether to mark the dataset as made-up sample data.
    pub sample: bool,
    /// The cell separator; `None` guesses from the header (a tab in it
    /// means tab-separated, else comma).
    pub delimiter: Option<u8>,
}

/// Why nothing could be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Bytes that are neither UTF-8 nor GB18030 text.
    #[error(
        "the file is not UTF-8 text (line {line}, column {column}), nor GB18030 (GBK); export it as \"CSV UTF-8\""
    )]
    NotUtf8 {
        /// 1-based line of the first byte that is not UTF-8.
        line: usize,
        /// 1-based column (in characters) of that byte.
        column: usize,
    },
    /// No header row.
    #[error("the file is empty: it needs a header row naming the columns")]
    Empty,
    /// The CSV reader gave up.
    #[error("the file cannot be read as CSV (line {line}): {message}")]
    Csv {
        /// 1-based line.
        line: u64,
        /// The reader's explanation.
        message: String,
    },
    /// A quoted cell whose quote never closes: the rest of the file would
    /// be read as that one cell.
    #[error("the file cannot be read as CSV: the quote opened on line {line} is never closed")]
    UnclosedQuote {
        /// 1-based line of the opening quote.
        line: usize,
    },
    /// A header cell that names no known column.
    #[error("unknown column \"{0}\" in the header; the columns are listed in docs/dataset.md")]
    UnknownColumn(String),
    /// A column named twice.
    #[error("column \"{0}\" appears twice in the header")]
    DuplicateColumn(String),
    /// A required column is absent.
    #[error("the header has no {0} column")]
    MissingColumn(&'static str),
    /// The collection-level options make no valid dataset.
    #[error("{0}")]
    Options(String),
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// Error (the row is left out) or warning (it is kept).
    pub severity: Severity,
    /// A stable identifier: the dataset check's codes, and `bad_cell_count`,
    /// `not_a_number` for problems of the spreadsheet itself.
    pub code: &'static str,
    /// Row number as a spreadsheet shows it: the header is row 1.
    pub row: usize,
    /// The row's id cell, when not empty.
    pub id: Option<String>,
    /// The spreadsheet column(s) at fault (`kind`, `lat/lng`), or "".
    pub column: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    /// `row 5 (id "x"), column kind: error[invalid_value]: unknown variant ...`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(id) = &self.id {
            write!(f, " (id \"{id}\")")?;
        }
        if !self.column.is_empty() {
            write!(f, ", column {}", self.column)?;
        }
        write!(
            f,
            ": {}[{}]: {}",
            self.severity.id(),
            self.code,
            self.message
        )
    }
}

/// The text encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GB18030, of which GBK (Excel's "CSV" on a Chinese Windows) is a part.
    Gb18030,
}

impl Encoding {
    /// `utf-8`, `gb18030`.
    pub fn id(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// What an import gave.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The encoding the file was read in (converted to UTF-8 if not UTF-8).
    pub encoding: Encoding,
    /// The dataset file of the rows kept (GeoJSON, WGS-84, one feature per
    /// line).
    pub geojson: String,
    /// Data rows read (not counting the header and empty rows).
    pub rows: usize,
    /// Rows that became outlets.
    pub imported: usize,
    /// Every problem, by row.
    pub problems: Vec<RowProblem>,
}

impl Imported {
    /// Whether every row was imported (warnings allowed).
    pub fn is_complete(&self) -> bool {
        self.imported == self.rows
    }
}

/// The columns a file may have, in the order of the documented layout
/// (docs/dataset.md).
pub const COLUMNS: [&str; 36] = [
    "id",
    "kind",
    "status",
    "relocated_to",
    "opening_date",
    "name_zh",
    "name_en",
    "address_zh",
    "address_en",
    "city_zh",
    "city_en",
    "province_zh",
    "province_en",
    "lat",
    "lng",
    "phone",
    "website",
    "services",
    "booking_sales",
    "booking_test_drive",
    "booking_delivery",
    "booking_after_sales",
    "booking_body_paint",
    "booking_charging",
    "booking_notify",
    "partner_group_zh",
    "partner_group_en",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "mobile_services",
    "mobile_radius_km",
];

/// Columns every file needs; for texts, one of the two languages.
const REQUIRED: [&[&str]; 9] = [
    &["id"],
    &["kind"],
    &["lat"],
    &["lng"],
    &["services"],
    &["name_zh", "name_en"],
    &["address_zh", "address_en"],
    &["city_zh", "city_en"],
    &["province_zh", "province_en"],
];

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// ---- the feature written for a row ----------------------------------------

#[derive(Serialize)]
struct Feature {
    #[serde(rename = "type")]
    type_: &'static str,
    geometry: Point,
    properties: Properties,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    type_: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize, Default)]
struct Text {
    #[serde(skip_serializing_if = "Option::is_none")]
    zh: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    en: Option<String>,
}

#[derive(Serialize, Default)]
struct Properties {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relocated_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opening_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    province: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
    services: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    booking: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner_group: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<Hours>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_service: Option<Mobile>,
}

#[derive(Serialize, Default)]
struct Hours {
    #[serde(skip_serializing_if = "Option::is_none")]
    mon: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tue: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wed: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thu: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fri: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sat: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sun: Option<Vec<String>>,
}

#[derive(Serialize)]
struct Mobile {
    services: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    radius_km: Option<f64>,
}

// ---- reading ----------------------------------------------------------------

/// The cells of one row by column, trimmed; empty cells are absent.
struct Cells<'r> {
    by_column: &'r HashMap<&'static str, usize>,
    record: &'r csv::StringRecord,
}

impl Cells<'_> {
    fn get(&self, column: &str) -> Option<String> {
        let i = *self.by_column.get(column)?;
        let cell = self.record.get(i)?.trim();
        (!cell.is_empty()).then(|| cell.to_string())
    }

    fn text(&self, stem: &str) -> Option<Text> {
        let text = Text {
            zh: self.get(&format!("{stem}_zh")),
            en: self.get(&format!("{stem}_en")),
        };
        (text.zh.is_some() || text.en.is_some()).then_some(text)
    }

    /// A list cell: items separated by `;`, `,`, `|` or white space.
    fn list(&self, column: &str) -> Option<Vec<String>> {
        self.get(column).map(|cell| {
            cell.split(|c: char| matches!(c, ';' | ',' | '|') || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
    }
}

/// A number cell; `Err` names what is wrong.
fn number(cell: &str) -> Result<f64, String> {
    match cell.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!(
            "\"{cell}\" is not a number (write decimals with a point, like 31.2304)"
        )),
    }
}

/// The file's text: UTF-8 as it is, else GB18030 converted, else where the
/// first byte that is not UTF-8 is. A file that is valid UTF-8 is never
/// taken for GB18030 (UTF-8's byte patterns almost never occur by chance).
fn decode(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, Encoding), ImportError> {
    let e = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.into(), Encoding::Utf8)),
        Err(e) => e,
    };
    if let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return Ok((text, Encoding::Gb18030));
    }
    let prefix = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
    Err(ImportError::NotUtf8 {
        line: prefix.matches('\n').count() + 1,
        column: prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
    })
}

/// The spreadsheet column(s) of a dataset field path.
fn column_of(field: &str) -> String {
    let Some(rest) = field.strip_prefix("properties.") else {
        return if field.starts_with("geometry") {
            "lat/lng".into()
        } else {
            String::new()
        };
    };
    let (head, tail) = rest
        .split_once(['.', '['])
        .map_or((rest, ""), |(h, _)| (h, &rest[h.len()..]));
    match head {
        "name" | "address" | "city" | "province" | "partner_group" => {
            match tail.strip_prefix('.') {
                Some(lang @ ("zh" | "en")) => format!("{head}_{lang}"),
                _ => format!("{head}_zh/{head}_en"),
            }
        }
        "hours" => tail
            .strip_prefix('.')
            .and_then(|t| DAYS.iter().find(|d| t.starts_with(*d)))
            .map_or("mon…sun".into(), |d| d.to_string()),
        "booking" => match tail.strip_prefix('.') {
            Some(key) if COLUMNS.contains(&format!("booking_{key}").as_str()) => {
                format!("booking_{key}")
            }
            _ => "booking_…".into(),
        },
        "mobile_service" => {
            if tail.starts_with(".radius_km") {
                "mobile_radius_km".into()
            } else if tail.starts_with(".services") {
                "mobile_services".into()
            } else {
                "mobile_services/mobile_radius_km".into()
            }
        }
        other => other.to_string(),
    }
}

/// A spreadsheet file read into rows, before its columns are given a
/// meaning: what the studio shows to map the columns, and what an import
/// reads.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The encoding the file was read in.
    pub encoding: Encoding,
    /// The cell separator (`b','` or `b'\t'`).
    pub delimiter: u8,
    /// The header row's cells, trimmed, as written.
    pub header: Vec<String>,
    /// The data rows that are not empty, each with its row number as a
    /// spreadsheet shows it (the header is row 1).
    pub rows: Vec<(usize, csv::StringRecord)>,
}

impl Sheet {
    /// The cell of `row` (an index into [`Sheet::rows`]) in column `column`,
    /// trimmed, or "".
    pub fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|(_, r)| r.get(column))
            .map_or("", str::trim)
    }

    /// The index in [`Sheet::rows`] of spreadsheet row `number`.
    pub fn index_of_row(&self, number: usize) -> Option<usize> {
        self.rows.binary_search_by_key(&number, |(n, _)| *n).ok()
    }

    /// Sets one cell of `row` (an index into [`Sheet::rows`]), growing a
    /// short row with empty cells.
    pub fn set_cell(&mut self, row: usize, column: usize, value: &str) {
        let Some((_, record)) = self.rows.get_mut(row) else {
            return;
        };
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = value.to_string();
        *record = csv::StringRecord::from(cells);
    }
}

/// Reads a CSV or tab-separated file into a [`Sheet`]: decoded (UTF-8 or
/// GB18030), the byte-order mark dropped, the separator guessed from the
/// header when `delimiter` is `None` (a tab in it means tab-separated).
pub fn read_sheet(bytes: &[u8], delimiter: Option<u8>) -> Result<Sheet, ImportError> {
    let (text, encoding) = decode(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = delimiter.unwrap_or(if first_line.contains('\t') {
        b'\t'
    } else {
        b','
    });
    if let Some(line) = unclosed_quote(text, delimiter) {
        return Err(ImportError::UnclosedQuote { line });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let csv_error = |e: csv::Error| ImportError::Csv {
        line: e.position().map_or(0, csv::Position::line),
        message: e.to_string(),
    };
    let header: Vec<String> = records
        .next()
        .ok_or(ImportError::Empty)?
        .map_err(csv_error)?
        .iter()
        .map(|c| c.trim().to_string())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(ImportError::Empty);
    }
    let mut rows = Vec::new();
    for (i, record) in records.enumerate() {
        let record = record.map_err(csv_error)?;
        if !record.iter().all(|c| c.trim().is_empty()) {
            rows.push((i + 2, record));
        }
    }
    Ok(Sheet {
        encoding,
        delimiter,
        header,
        rows,
    })
}

/// The line of a quote that opens a cell and never closes, if any. The CSV
/// reader would take the rest of the file as that cell, without a word.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let delimiter = char::from(delimiter);
    let (mut line, mut opened) = (1, None);
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if opened.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    opened = None;
                }
            }
        } else if c == '"' && at_cell_start {
            opened = Some(line);
        }
        if c == '\n' {
            line += 1;
        }
        at_cell_start = opened.is_none() && (c == delimiter || c == '\n' || c == '\r');
    }
    opened
}

/// The meaning of each header cell as the documented layout names them
/// (docs/dataset.md): `Some(column)` from [`COLUMNS`], `None` for an empty
/// header cell. A name outside the layout is an error, as is a name given
/// twice.
pub fn layout_columns(header: &[String]) -> Result<Vec<Option<&'static str>>, ImportError> {
    let mut mapping = Vec::with_capacity(header.len());
    for name in header {
        let name = name.trim().to_ascii_lowercase();
        if name.is_empty() {
            mapping.push(None);
            continue;
        }
        let Some(known) = COLUMNS.iter().find(|c| **c == name) else {
            return Err(ImportError::UnknownColumn(name.chars().take(64).collect()));
        };
        mapping.push(Some(*known));
    }
    Ok(mapping)
}

/// Imports the bytes of a CSV file whose header names the documented
/// columns ([`read_sheet`], [`layout_columns`], [`import_sheet`]).
///
/// # Examples
/// ```
/// use evl_data::import::{import_csv, ImportOptions};
/// use locator_core::{Datum, LocalText};
/// let csv = "id,kind,name_zh,address_zh,city_zh,province_zh,lat,lng,services\n\
///            evh-sh-01,ev_home,上海静安店,南京西路1号,上海,上海,31.2304,121.4737,sales;test_drive\n\
///            evh-sh-02,dealer,上海浦东店,世纪大道1号,上海,上海,31.2200,121.5400,sales\n";
/// let options = ImportOptions {
///     datum: Datum::Wgs84,
///     brand: LocalText::new("青云汽车", "Qingyun Motors"),
///     updated: "2026-11-20".parse().unwrap(),
///     time_zone: "Asia/Shanghai".into(),
///     sample: false,
///     delimiter: None,
/// };
/// let imported = import_csv(csv.as_bytes(), &options).unwrap();
/// assert_eq!((imported.rows, imported.imported), (2, 1));
/// assert_eq!(imported.problems[0].to_string(),
///     "row 3 (id \"evh-sh-02\"), column kind: error[invalid_value]: unknown variant `dealer`, expected `ev_home` or `partner`");
/// ```
pub fn import_csv(bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let sheet = read_sheet(bytes, options.delimiter)?;
    let head = collection_head(options)?;
    let mapping = layout_columns(&sheet.header)?;
    import_rows(&sheet, &mapping, head, options.datum)
}

/// Imports a [`Sheet`] whose columns mean what `mapping` says (one entry
/// per header cell, `None` for a column left out), with the same checks
/// and report as [`import_csv`]. `options.delimiter` is not used.
pub fn import_sheet(
    sheet: &Sheet,
    mapping: &[Option<&'static str>],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let head = collection_head(options)?;
    import_rows(sheet, mapping, head, options.datum)
}

fn import_rows(
    sheet: &Sheet,
    mapping: &[Option<&'static str>],
    head: String,
    datum: Datum,
) -> Result<Imported, ImportError> {
    let mut by_column: HashMap<&'static str, usize> = HashMap::new();
    for (i, column) in mapping.iter().enumerate() {
        let Some(column) = column else { continue };
        if by_column.insert(column, i).is_some() {
            return Err(ImportError::DuplicateColumn(column.to_string()));
        }
    }
    if by_column.is_empty() {
        return Err(ImportError::Empty);
    }
    for group in REQUIRED {
        if !group.iter().any(|c| by_column.contains_key(c)) {
            let name = match group {
                [one] => *one,
                ["name_zh", ..] => "name_zh or name_en",
                ["address_zh", ..] => "address_zh or address_en",
                ["city_zh", ..] => "city_zh or city_en",
                _ => "province_zh or province_en",
            };
            return Err(ImportError::MissingColumn(name));
        }
    }

    // Each data row: its number, its id, and its feature text (or problems).
    let mut problems = Vec::new();
    let mut features: Vec<(usize, Option<String>, String)> = Vec::new();
    let mut rows = 0;
    let header_len = sheet.header.len();
    for (row, record) in &sheet.rows {
        let (row, record) = (*row, record);
        rows += 1;
        let cells = Cells {
            by_column: &by_column,
            record,
        };
        let id = cells.get("id").map(|s| s.chars().take(64).collect());
        let mut row_problem = |code, column: &str, message: String| {
            problems.push(RowProblem {
                severity: Severity::Error,
                code,
                row,
                id: id.clone(),
                column: column.into(),
                message,
            });
        };
        if record.len() != header_len {
            row_problem(
                "bad_cell_count",
                "",
                format!(
                    "the row has {} cells, the header {}",
                    record.len(),
                    header_len
                ),
            );
            continue;
        }
        match row_feature(&cells, datum) {
            Ok(feature) => {
                features.push((row, id, to_json(&feature)));
            }
            Err((column, message)) => row_problem("not_a_number", column, message),
        }
    }

    // Read them all as a dataset, with the app's checks.
    let assemble = |features: &mut dyn Iterator<Item = &String>| {
        let mut out = head.clone();
        for (k, f) in features.enumerate() {
            out.push_str(if k == 0 { "\n  " } else { ",\n  " });
            out.push_str(f);
        }
        out.push_str("\n ]\n}\n");
        out
    };
    let all = assemble(&mut features.iter().map(|(_, _, f)| f));
    let data = Dataset::parse(&all).map_err(|e| ImportError::Options(e.to_string()))?;
    let row_of = |number: usize| features.get(number - 1).map_or(0, |f| f.0);
    let mut left_out = vec![false; features.len()];
    for e in &data.rejected {
        left_out[e.number - 1] = true;
        let message = match &e.problem {
            RecordProblem::DuplicateId { id, first_number } => {
                format!(
                    "id \"{id}\" is already used by row {}",
                    row_of(*first_number)
                )
            }
            RecordProblem::RelocationTargetLeftOut { id, number } => format!(
                "relocated_to names \"{id}\" (row {}), which is left out for its own errors",
                row_of(*number)
            ),
            other => other.to_string(),
        };
        problems.push(RowProblem {
            severity: Severity::Error,
            code: e.problem.code(),
            row: row_of(e.number),
            id: features[e.number - 1].1.clone(),
            column: column_of(&e.field),
            message,
        });
    }
    for w in &data.warnings {
        let Some(number) = w.number else { continue };
        problems.push(RowProblem {
            severity: Severity::Warning,
            code: w.problem.code(),
            row: row_of(number),
            id: features[number - 1].1.clone(),
            column: column_of(&w.field),
            message: w.problem.to_string(),
        });
    }
    problems.sort_by_key(|p| (p.row, p.severity));
    let kept: Vec<&String> = features
        .iter()
        .zip(&left_out)
        .filter(|(_, out)| !**out)
        .map(|((_, _, f), _)| f)
        .collect();
    Ok(Imported {
        encoding: sheet.encoding,
        geojson: assemble(&mut kept.iter().copied()),
        rows,
        imported: kept.len(),
        problems,
    })
}

/// The start of the output file, up to `"features": [`, one member per
/// line as the sample is written; checked by reading it as an empty dataset.
fn collection_head(options: &ImportOptions) -> Result<String, ImportError> {
    let options_error = |e: &dyn std::fmt::Display| ImportError::Options(e.to_string());
    TimeZone::from_iana(&options.time_zone).map_err(|e| options_error(&e))?;
    let brand = Text {
        zh: options.brand.zh.clone(),
        en: options.brand.en.clone(),
    };
    let mut head = String::from("{\n \"type\": \"FeatureCollection\",\n");
    let _ = writeln!(
        head,
        " \"schema_version\": {},",
        locator_core::SCHEMA_VERSION
    );
    let _ = writeln!(head, " \"brand\": {},", to_json(&brand));
    if options.sample {
        head.push_str(" \"sample\": true,\n");
    }
    let _ = writeln!(head, " \"updated\": \"{}\",", options.updated);
    let _ = writeln!(head, " \"time_zone\": {},", to_json(&options.time_zone));
    head.push_str(" \"features\": [");
    Dataset::parse(&format!("{head}]}}")).map_err(|e| options_error(&e))?;
    Ok(head)
}

/// JSON text of strings and plain structs, which always serialize.
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The feature of a row; `Err` names a column whose cell is not a number.
fn row_feature(cells: &Cells, datum: Datum) -> Result<Feature, (&'static str, String)> {
    let lat = cells
        .get("lat")
        .ok_or(("lat", "the cell is empty".to_string()))?;
    let lng = cells
        .get("lng")
        .ok_or(("lng", "the cell is empty".to_string()))?;
    let lat = number(&lat).map_err(|m| ("lat", m))?;
    let lng = number(&lng).map_err(|m| ("lng", m))?;
    let coordinates = if datum == Datum::Wgs84 {
        [lng, lat]
    } else {
        // The conversion keeps what is not a position as it is, for the
        // checks to name.
        let p = convert(locator_core::LatLng { lat, lng }, datum, Datum::Wgs84);
        let round = |x: f64| (x * 1e6).round() / 1e6;
        [round(p.lng), round(p.lat)]
    };
    let radius = cells
        .get("mobile_radius_km")
        .map(|r| number(&r))
        .transpose()
        .map_err(|m| ("mobile_radius_km", m))?;
    let mobile_services = cells.list("mobile_services");
    let mobile_service = match (mobile_services, radius) {
        (None, None) => None,
        (services, radius_km) => Some(Mobile {
            services: services.unwrap_or_default(),
            radius_km,
        }),
    };
    let day = |d: &str| {
        cells.get(d).map(|cell| {
            if cell.eq_ignore_ascii_case("closed") {
                Vec::new()
            } else {
                cells.list(d).unwrap_or_default()
            }
        })
    };
    let hours = Hours {
        mon: day("mon"),
        tue: day("tue"),
        wed: day("wed"),
        thu: day("thu"),
        fri: day("fri"),
        sat: day("sat"),
        sun: day("sun"),
    };
    let any_day = [
        &hours.mon, &hours.tue, &hours.wed, &hours.thu, &hours.fri, &hours.sat, &hours.sun,
    ]
    .iter()
    .any(|d| d.is_some());
    Ok(Feature {
        type_: "Feature",
        geometry: Point {
            type_: "Point",
            coordinates,
        },
        properties: Properties {
            id: cells.get("id"),
            kind: cells.get("kind"),
            status: cells.get("status"),
            relocated_to: cells.get("relocated_to"),
            opening_date: cells.get("opening_date"),
            name: cells.text("name"),
            address: cells.text("address"),
            city: cells.text("city"),
            province: cells.text("province"),
            phone: cells.get("phone"),
            website: cells.get("website"),
            services: cells.list("services").unwrap_or_default(),
            booking: COLUMNS
                .iter()
                .filter_map(|c| Some((c.strip_prefix("booking_")?, cells.get(c)?)))
                .collect(),
            partner_group: cells.text("partner_group"),
            hours: any_day.then_some(hours),
            mobile_service,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_of_fields() {
        for (field, column) in [
            ("properties.kind", "kind"),
            ("properties.name", "name_zh/name_en"),
            ("properties.name.en", "name_en"),
            ("properties.services[2]", "services"),
            ("properties.hours.tue[0]", "tue"),
            ("properties.hours", "mon…sun"),
            ("properties.mobile_service.radius_km", "mobile_radius_km"),
            ("properties.booking.after_sales", "booking_after_sales"),
            ("properties.booking", "booking_…"),
            (
                "properties.mobile_service",
                "mobile_services/mobile_radius_km",
            ),
            ("geometry.coordinates", "lat/lng"),
            ("", ""),
        ] {
            assert_eq!(column_of(field), column, "{field}");
        }
    }

    fn options() -> ImportOptions {
        ImportOptions {
            datum: Datum::Gcj02,
            brand: LocalText::new("青云汽车", "Qingyun Motors"),
            updated: "2026-11-20".parse().unwrap(),
            time_zone: "Asia/Shanghai".into(),
            sample: false,
            delimiter: None,
        }
    }

    #[test]
    fn a_sheet_with_its_own_headers_imports_through_a_mapping() {
        let csv = "门店编码\t类型\t门店名称\t地址\t城市\t省份\t纬度\t经度\t服务\t备注\n\
                   a1\tev_home\t上海静安店\t南京西路1号\t上海\t上海\t31.2304\t121.4737\tsales\t新店\n\
                   \t\t\t\t\t\t\t\t\t\n\
                   a2\tev_home\t上海浦东店\t世纪大道1号\t上海\t上海\t北纬31度\t121.54\tsales\t\n";
        let sheet = read_sheet(csv.as_bytes(), None).unwrap();
        assert_eq!(sheet.delimiter, b'\t');
        assert_eq!(sheet.header[0], "门店编码");
        // The empty row is skipped, the rows keep their numbers.
        assert_eq!(
            sheet.rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            [2, 4]
        );
        assert!(matches!(
            layout_columns(&sheet.header),
            Err(ImportError::UnknownColumn(c)) if c == "门店编码"
        ));
        let mapping = crate::columns::guess_columns(&sheet.header, &[] as &[Vec<&str>]);
        assert_eq!(mapping[9], None);
        let imported = import_sheet(&sheet, &mapping, &options()).unwrap();
        assert_eq!((imported.rows, imported.imported), (2, 1));
        assert_eq!(
            imported.problems[0].to_string(),
            "row 4 (id \"a2\"), column lat: error[not_a_number]: \"北纬31度\" is not a number (write decimals with a point, like 31.2304)"
        );
        // GCJ-02 converted: the point moved by a few hundred metres.
        assert!(!imported.geojson.contains("121.4737"));

        // A fix in place, and the row comes in.
        let mut fixed = sheet.clone();
        let row = fixed.index_of_row(4).unwrap();
        fixed.set_cell(row, 6, "31.22");
        assert_eq!(fixed.cell(row, 6), "31.22");
        let imported = import_sheet(&fixed, &mapping, &options()).unwrap();
        assert!(imported.is_complete(), "{:?}", imported.problems);
    }

    #[test]
    fn a_mapping_that_names_a_column_twice_or_misses_one_is_refused() {
        let sheet = read_sheet(b"a,b,c,d,e,f,g,h,i\n1,2,3,4,5,6,7,8,9\n", None).unwrap();
        let mut mapping: Vec<Option<&'static str>> = vec![
            Some("id"),
            Some("kind"),
            Some("name_zh"),
            Some("address_zh"),
            Some("city_zh"),
            Some("province_zh"),
            Some("lat"),
            Some("lng"),
            Some("services"),
        ];
        assert!(import_sheet(&sheet, &mapping, &options()).is_ok());
        mapping[8] = Some("lng");
        assert_eq!(
            import_sheet(&sheet, &mapping, &options()).unwrap_err(),
            ImportError::DuplicateColumn("lng".into())
        );
        mapping[8] = None;
        assert_eq!(
            import_sheet(&sheet, &mapping, &options()).unwrap_err(),
            ImportError::MissingColumn("services")
        );
    }

    #[test]
    fn a_quote_that_never_closes_is_found() {
        assert_eq!(unclosed_quote("a,b\n\"x\ny\",\"z\"\"\"\n", b','), None);
        assert_eq!(unclosed_quote("a,b\nx,\"y\nz,w\n", b','), Some(2));
        // A quote inside a cell opens nothing.
        assert_eq!(unclosed_quote("a,b\n5\" screen,x\n", b','), None);
        assert_eq!(unclosed_quote("a\tb\n\"x\ty\n", b'\t'), Some(2));
    }

    #[test]
    fn numbers() {
        assert_eq!(number("31.5"), Ok(31.5));
        assert!(number("31,5").is_err());
        assert!(number("NaN").is_err());
        assert!(number("inf").is_err());
    }
}
