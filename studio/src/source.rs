//! What a file the web team opens is: a spreadsheet export, a dataset file
//! or its packed form, or something the studio cannot read, said plainly.

use evl_data::import::{read_sheet, ImportError, Sheet};
use std::fmt;

/// The largest file the studio opens, in bytes (100 MB): a network of
/// 100,000 outlets is about 40 MB of GeoJSON.
pub const MAX_BYTES: usize = 100_000_000;

/// A file opened, read for what it is.
#[derive(Debug, Clone)]
pub enum Source {
    /// A CSV or tab-separated export, its columns still to be given a meaning.
    Sheet(Sheet),
    /// A dataset file (GeoJSON), as text.
    GeoJson(String),
    /// A packed dataset (`evl-data pack`), as bytes.
    Pack(Vec<u8>),
    /// A file named as a dataset whose bytes are not UTF-8: kept as they
    /// are, for the check to say where they stop being text.
    NotUtf8(Vec<u8>),
}

impl Source {
    /// `sheet`, `geojson`, `pack`.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Sheet(_) => "sheet",
            Source::GeoJson(_) => "geojson",
            Source::Pack(_) => "pack",
            Source::NotUtf8(_) => "not-utf8",
        }
    }
}

/// Why a file cannot be opened.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpenError {
    /// Nothing in it.
    #[error("{name} is empty")]
    Empty {
        /// The file's name.
        name: String,
    },
    /// Over [`MAX_BYTES`].
    #[error("{name} is {size_mb:.1} MB; the studio opens files up to {max_mb} MB (split the sheet, or check it with evl-data validate)")]
    TooLarge {
        /// The file's name.
        name: String,
        /// Its size, in MB (10^6 bytes).
        size_mb: f64,
        /// The limit, in MB.
        max_mb: usize,
    },
    /// An Excel workbook, not its CSV export.
    #[error("{name} is an Excel workbook (.xlsx or .xls): in Excel, save it as \"CSV UTF-8\" and open that")]
    Workbook {
        /// The file's name.
        name: String,
    },
    /// Bytes that are not text (a picture, an archive).
    #[error("{name} is not a text file (byte {offset} is binary): open a CSV, a GeoJSON or an .evlpack file")]
    Binary {
        /// The file's name.
        name: String,
        /// 0-based offset of the first byte that no text has.
        offset: usize,
    },
    /// A CSV that cannot be read (a broken quote, an undecodable byte).
    #[error("{name}: {error}")]
    Sheet {
        /// The file's name.
        name: String,
        /// What the reader found.
        error: ImportError,
    },
}

/// The error for a file `name` of `size` bytes that is over [`MAX_BYTES`]
/// (told before its bytes are read), if it is.
///
/// ```
/// use evl_studio::source::too_large;
/// assert!(too_large("a.csv", 1_000).is_none());
/// assert_eq!(too_large("big.csv", 200_000_000).unwrap().to_string(),
///     "big.csv is 200.0 MB; the studio opens files up to 100 MB (split the sheet, or check it with evl-data validate)");
/// ```
pub fn too_large(name: &str, size: usize) -> Option<OpenError> {
    (size > MAX_BYTES).then(|| OpenError::TooLarge {
        name: name.to_string(),
        size_mb: size as f64 / 1e6,
        max_mb: MAX_BYTES / 1_000_000,
    })
}

/// Reads `bytes`, the file `name`, for what it is: a packed dataset by its
/// first bytes, a dataset file when its text starts with `{`, else a
/// spreadsheet export.
///
/// # Examples
/// ```
/// use evl_studio::source::{open, Source, OpenError};
/// assert!(matches!(open("a.csv", "id,kind\nx,ev_home\n".as_bytes()), Ok(Source::Sheet(_))));
/// assert!(matches!(open("a.geojson", b" {\"type\": \"FeatureCollection\"}"), Ok(Source::GeoJson(_))));
/// assert_eq!(open("a.csv", b"").unwrap_err().to_string(), "a.csv is empty");
/// ```
pub fn open(name: &str, bytes: &[u8]) -> Result<Source, OpenError> {
    let name = name.to_string();
    let lower = name.to_lowercase();
    // A file named as a dataset is checked as one, whatever it holds: the
    // check names an empty file, a web page or a cut-off one as
    // `evl-data validate` does.
    let dataset_name = lower.ends_with(".geojson") || lower.ends_with(".json");
    if dataset_name && bytes.len() <= MAX_BYTES && !locator_core::is_pack(bytes) {
        return Ok(match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Source::GeoJson(text),
            Err(e) => Source::NotUtf8(e.into_bytes()),
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(OpenError::Empty { name });
    }
    if let Some(e) = too_large(&name, bytes.len()) {
        return Err(e);
    }
    if locator_core::is_pack(bytes) {
        return Ok(Source::Pack(bytes.to_vec()));
    }
    // A .xlsx is a zip archive; an old .xls an OLE compound file.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err(OpenError::Workbook { name });
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if let Some(offset) = head
        .iter()
        .position(|b| *b == 0 || (*b < 0x20 && !b"\t\n\r\x0c".contains(b)))
    {
        return Err(OpenError::Binary { name, offset });
    }
    let text_start = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if text_start == Some(&b'{') {
        // The dataset check names where the text stops being UTF-8.
        return Ok(Source::GeoJson(String::from_utf8_lossy(bytes).into_owned()));
    }
    read_sheet(bytes, None)
        .map(Source::Sheet)
        .map_err(|error| OpenError::Sheet { name, error })
}

/// A size in bytes for people: `812 B`, `3.4 KB`, `41.2 MB`.
pub struct Size(pub usize);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0 as f64;
        if self.0 < 1000 {
            write!(f, "{} B", self.0)
        } else if b < 1e6 {
            write!(f, "{:.1} KB", b / 1e3)
        } else {
            write!(f, "{:.1} MB", b / 1e6)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cannot_be_opened_is_named() {
        let said = |bytes: &[u8]| open("f", bytes).unwrap_err().to_string();
        assert_eq!(said(b" \n "), "f is empty");
        assert!(said(b"PK\x03\x04rest").contains("Excel workbook"));
        assert_eq!(
            said(b"\x89PNG\r\n\x1a\n"),
            "f is not a text file (byte 6 is binary): open a CSV, a GeoJSON or an .evlpack file"
        );
        assert_eq!(
            said(b"id,name\nx,\"Nanjing Rd\nno 1\ny,z\n"),
            "f: the file cannot be read as CSV: the quote opened on line 2 is never closed"
        );
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(said(&big).starts_with("f is 100.0 MB; the studio opens files up to 100 MB"));
    }

    #[test]
    fn a_file_named_as_a_dataset_is_left_to_the_dataset_check() {
        for bytes in [&b""[..], b"<!DOCTYPE html><p>502", b"{\"type\": \"Feat"] {
            let source = open("outlets.geojson", bytes).unwrap();
            assert!(matches!(source, Source::GeoJson(_)), "{bytes:?}");
        }
    }

    #[test]
    fn gbk_sheets_open_converted() {
        let bytes = gbk("门店编码,名称\na1,上海静安店\n");
        let Ok(Source::Sheet(sheet)) = open("f.csv", &bytes) else {
            panic!("not a sheet")
        };
        assert_eq!(sheet.header, ["门店编码", "名称"]);
        assert_eq!(sheet.encoding, evl_data::import::Encoding::Gb18030);
    }

    /// GBK bytes of `text`, as a Chinese Excel saves them (test only).
    fn gbk(text: &str) -> Vec<u8> {
        // The two characters' GBK codes, written out: no encoder needed.
        let mut out = Vec::new();
        for c in text.chars() {
            match c {
                '门' => out.extend([0xc3, 0xc5]),
                '店' => out.extend([0xb5, 0xea]),
                '编' => out.extend([0xb1, 0xe0]),
                '码' => out.extend([0xc2, 0xeb]),
                '名' => out.extend([0xc3, 0xfb]),
                '称' => out.extend([0xb3, 0xc6]),
                '上' => out.extend([0xc9, 0xcf]),
                '海' => out.extend([0xba, 0xa3]),
                '静' => out.extend([0xbe, 0xb2]),
                '安' => out.extend([0xb0, 0xb2]),
                c => out.push(c as u8),
            }
        }
        out
    }
}
