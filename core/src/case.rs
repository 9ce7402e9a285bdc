//! Lowercase for the scripts the locator's names are written in, without
//! the Unicode case tables (`char::to_lowercase`), which add about 5 KiB
//! (brotli) to the wasm.

/// `c` in lower case, as `char::to_lowercase` gives it when that is one
/// character, for ASCII, the Latin-1 Supplement, Latin Extended-A, the
/// regular runs of Latin Extended-B (pinyin's `Ǎ`…`Ǜ`, `Ǹ`), Latin
/// Extended Additional (`Ḿ`, `Ế`, `Ề`…), the Greek capitals `Ά`…`Ϋ`,
/// Cyrillic and Armenian. `İ`, whose lower case is two characters, and the
/// other capitals (`Ɓ`, `ẞ`, Georgian, Cherokee, circled letters, Roman
/// numerals…) stay as they are. Chinese has no case.
pub(crate) fn to_lower(c: char) -> char {
    let u = c as u32;
    let even = u.is_multiple_of(2);
    let lower = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE | 0x391..=0x3A1 | 0x3A3..=0x3AB => u + 0x20,
        0x410..=0x42F => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0x531..=0x556 => u + 0x30,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        0x178 => 0xFF,
        0x4C0 => 0x4CF,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if even => u + 1,
        0x1DE..=0x1EF | 0x1F8..=0x21F | 0x460..=0x481 | 0x48A..=0x4BF if even => u + 1,
        0x4D0..=0x52F | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even => u + 1,
        0x139..=0x148 | 0x179..=0x17E | 0x1CD..=0x1DC | 0x4C1..=0x4CE if !even => u + 1,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `char::to_lowercase` when it gives one character, else `c`.
    fn std_lower(c: char) -> char {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(low), None) => low,
            _ => c,
        }
    }

    #[test]
    fn matches_std_in_the_scripts_it_knows() {
        let known = [
            0..=0x17F,
            0x1CD..=0x1DC,
            0x1DE..=0x1EF,
            0x1F8..=0x21F,
            0x386..=0x3AB,
            0x400..=0x58F,
            0x1E00..=0x1E95,
            0x1EA0..=0x1EFF,
        ]
        .into_iter()
        .flatten();
        for c in known.filter_map(char::from_u32) {
            assert_eq!(to_lower(c), std_lower(c), "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn elsewhere_changes_only_capitals() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let low = to_lower(c);
            assert!(low == c || low == std_lower(c), "{c:?}");
        }
        assert_eq!(to_lower('İ'), 'İ');
        assert_eq!(to_lower('苏'), '苏');
    }
}
