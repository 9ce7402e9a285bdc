//! Decimal numbers read from text (`?at=`, `?radius=`, a theme's CSS
//! lengths) with serde_json's number parser, which the wasm carries anyway
//! for the dataset, rather than `str::parse::<f64>`, whose correctly
//! rounding parser and its tables add about 12 KiB (brotli) to the wasm.

/// Reads `s` as `str::parse::<f64>` does: the same texts are numbers
/// (`-31.2`, `+.5`, `5.`, `1E3`, `007`, `inf`, `NaN`, any case), the same
/// are not (spaces, `1e`, `.`, `0x10`), and a number too large for an `f64`
/// is infinite.
///
/// The value is the same, to the bit, for numbers of up to 15 significant
/// digits with a decimal exponent within ±22: every coordinate, zoom and
/// radius a person or this app writes. Beyond that, serde_json may round
/// the last bit differently.
///
/// # Examples
/// ```
/// use locator_core::parse_f64;
/// assert_eq!(parse_f64("31.2304"), Some(31.2304));
/// assert_eq!(parse_f64("+.5e1"), Some(5.0));
/// assert_eq!(parse_f64("-1e999"), Some(f64::NEG_INFINITY));
/// assert_eq!(parse_f64(" 1"), None);
/// ```
pub fn parse_f64(s: &str) -> Option<f64> {
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let special = match rest.len() {
        3 if rest.eq_ignore_ascii_case("inf") => Some(f64::INFINITY),
        8 if rest.eq_ignore_ascii_case("infinity") => Some(f64::INFINITY),
        3 if rest.eq_ignore_ascii_case("nan") => Some(f64::NAN),
        _ => None,
    };
    if let Some(x) = special {
        return Some(if negative { -x } else { x });
    }
    // The same number as JSON writes it: no `+`, no leading zeros, a digit
    // on each side of a point, or no point.
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(e) => (&rest[..e], Some(&rest[e + 1..])),
        None => (rest, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    let mut json = String::with_capacity(s.len() + 2);
    if negative {
        json.push('-');
    }
    let int = int.trim_start_matches('0');
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    if let Some(exponent) = exponent {
        let unsigned = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if unsigned.is_empty() || !digits(unsigned) {
            return None;
        }
        json.push('e');
        json.push_str(exponent);
    }
    // The text is a number: the only error left is one too large.
    Some(serde_json::from_str(&json).unwrap_or(if negative {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s);
        match (want, got) {
            (Some(w), Some(g)) if w.is_nan() => assert!(g.is_nan(), "{s}"),
            (Some(w), Some(g)) => assert_eq!(w.to_bits(), g.to_bits(), "{s}: {w} vs {g}"),
            (w, g) => assert_eq!(w, g, "{s}"),
        }
    }

    #[test]
    fn reads_what_str_parse_reads() {
        for s in [
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            "00",
            "007",
            "1",
            "-1",
            "+1",
            "1.",
            "-1.",
            ".5",
            "-.5",
            "+.5",
            "1.5",
            "1e3",
            "1E3",
            "1e+3",
            "1e-3",
            "1.e3",
            ".5e1",
            "1e0",
            "1e-0",
            "1e007",
            "31.230411",
            "121.473701",
            "-90",
            "180.000001",
            "20",
            "0.1",
            "1e22",
            "1e-22",
            "123456789012345",
            "1.23456789012345",
            "1e308",
            "1e309",
            "-1e309",
            "1e999",
            "1e99999999999999999999",
            "0e999",
            "1e-400",
            "inf",
            "-inf",
            "+inf",
            "INF",
            "Inf",
            "infinity",
            "-Infinity",
            "INFINITY",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "",
            " ",
            "-",
            "+",
            ".",
            "-.",
            "e",
            "1e",
            "1e+",
            "1e-",
            "e1",
            ".e1",
            "1.2.3",
            "1e2e3",
            "1e2.5",
            " 1",
            "1 ",
            "1,5",
            "0x10",
            "1_000",
            "--1",
            "+-1",
            "-+1",
            "in",
            "infinit",
            "infinityy",
            "nana",
            "١",
            "1e+-3",
            "١٢",
            "٣.٥",
        ] {
            same(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Up to 15 significant digits, exponent within ±22: the same bits.
        #[test]
        fn short_numbers_are_the_same(
            sign in "[+-]?",
            int in "[0-9]{0,8}",
            frac in "[0-9]{0,7}",
            point in any::<bool>(),
            exp in proptest::option::of(-9i32..=9),
            e in "[eE]",
        ) {
            let mut s = format!("{sign}{int}");
            if point || !frac.is_empty() {
                s.push('.');
                s.push_str(&frac);
            }
            if let Some(x) = exp {
                s.push_str(&format!("{e}{x}"));
            }
            same(&s);
        }

        /// Any text: a number for both or for neither.
        #[test]
        fn the_same_texts_are_numbers(s in "[-+0-9.eE nafiINFty]{0,12}") {
            prop_assert_eq!(s.parse::<f64>().is_ok(), parse_f64(&s).is_some(), "{}", s);
        }
    }
}
