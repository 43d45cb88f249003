//! Text cells that are safe to open in a spreadsheet. Excel and LibreOffice run a cell that
//! starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so a
//! village or a user name typed as `=HYPERLINK(…)` would run on an officer's computer when she
//! opens an export ("CSV injection"). Every text cell emgek writes to a CSV file goes through
//! [`safe`], which puts an apostrophe before such a cell unless it is a plain number (a phone
//! `+996555123456` or an amount `-12.50` stays as it is); the import reads the apostrophe
//! away again with [`unquote`], so an exported file imports back unchanged.

use std::borrow::Cow;

fn starts_like_a_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A plain number: an optional sign, digits, at most one decimal point.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or("0");
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a spreadsheet would run the text, or the text is an apostrophe before such text
/// (quoted once more, so that reading it back gives it as it was).
fn needs_quote(text: &str) -> bool {
    (starts_like_a_formula(text) && !is_plain_number(text)) || text.strip_prefix('\'').is_some_and(needs_quote)
}

/// A text cell as it is written to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeCell<'a>(Cow<'a, str>);

impl SafeCell<'_> {
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl AsRef<[u8]> for SafeCell<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl PartialEq<&str> for SafeCell<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// The cell as written to a file: an apostrophe before text a spreadsheet would run.
pub fn safe(text: &str) -> SafeCell<'_> {
    SafeCell(if needs_quote(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) })
}

/// A cell read from a file: the apostrophe [`safe`] put there is taken away.
pub fn unquote(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_written_as_text() {
        for formula in ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(safe(formula).into_owned(), format!("'{formula}"));
        }
        for plain in ["+996555123456", "-12.50", "100000.00", "Ак-Суу", "", "a=b", "'quoted"] {
            assert_eq!(safe(plain), plain);
        }
    }

    proptest! {
        #[test]
        fn what_is_written_reads_back_as_it_was(text in "[=+@'a-z0-9 .\\-]{0,12}") {
            let written = safe(&text).into_owned();
            prop_assert_eq!(unquote(&written), text.as_str());
            prop_assert!(!starts_like_a_formula(&written) || is_plain_number(&text));
        }
    }
}
