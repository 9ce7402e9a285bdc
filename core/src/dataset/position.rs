//! Where in the file a problem is: byte offsets into the text, turned into
//! the 1-based line and column people and editors use.
//!
//! Every part of the file the reader looks at is a slice borrowed from the
//! file's text, so its offset is a pointer difference; serde_json reports its
//! own errors as a line and a byte column within the slice it read, which
//! [`offset_in_slice`] turns back into an offset.

/// The byte offset of `part` within `file`; `part` must be a slice of it
/// (anything else gives 0).
pub(super) fn offset_of_slice(file: &str, part: &str) -> usize {
    let (start, end) = (file.as_ptr() as usize, file.as_ptr() as usize + file.len());
    let at = part.as_ptr() as usize;
    if at >= start && at <= end {
        at - start
    } else {
        0
    }
}

/// The byte offset of serde_json's 1-based `line` and byte `column` in
/// `text` (column 0, which serde_json uses at the very start, counts as 1).
pub(super) fn offset_in_slice(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Lines and columns of byte offsets in one text, for many offsets: line
/// starts are found once, and a column is counted from the previous answer
/// when it lies further along the same line (a minified file is one long
/// line).
pub(crate) struct Positions<'a> {
    text: &'a str,
    starts: Option<Vec<usize>>,
    /// The last answer: (offset, line, column).
    last: Option<(usize, usize, usize)>,
}

impl<'a> Positions<'a> {
    /// Positions in `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Positions {
            text,
            starts: None,
            last: None,
        }
    }

    /// The 1-based line and column of the byte `offset`. Columns count
    /// characters (Unicode scalar values), not bytes; an offset inside a
    /// character counts as that character's start, one past the end as the
    /// end.
    pub(crate) fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let column = match self.last {
            Some((at, l, c)) if l == line && at <= offset => c + text[at..offset].chars().count(),
            _ => text[line_start..offset].chars().count() + 1,
        };
        self.last = Some((offset, line, column));
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "ab\n上海 x\n";
        let mut p = Positions::new(text);
        assert_eq!(p.line_column(0), (1, 1));
        assert_eq!(p.line_column(3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(p.line_column(x), (2, 4));
        // inside 海: its start
        assert_eq!(p.line_column(7), (2, 2));
        assert_eq!(p.line_column(text.len()), (3, 1));
        assert_eq!(p.line_column(usize::MAX), (3, 1));
    }

    #[test]
    fn the_incremental_count_agrees_with_a_fresh_one() {
        let text = "{\"a\": \"上海\", \"b\": [1, 2, \"北京\"], \"c\": 3}";
        let mut incremental = Positions::new(text);
        for offset in 0..=text.len() {
            let fresh = Positions::new(text).line_column(offset);
            assert_eq!(incremental.line_column(offset), fresh, "{offset}");
        }
        // and going backwards
        for offset in (0..=text.len()).rev() {
            let fresh = Positions::new(text).line_column(offset);
            assert_eq!(incremental.line_column(offset), fresh, "{offset}");
        }
    }

    #[test]
    fn serde_positions() {
        let text = "[1,\n 2, x]";
        let e = serde_json::from_str::<Vec<u8>>(text).unwrap_err();
        assert_eq!(&text[offset_in_slice(text, e.line(), e.column())..], "x]");
        assert_eq!(offset_in_slice(text, 0, 0), 0);
        assert_eq!(offset_in_slice(text, 9, 9), text.len());
        let part = &text[4..];
        assert_eq!(offset_of_slice(text, part), 4);
        assert_eq!(offset_of_slice(text, "elsewhere"), 0);
    }
}
