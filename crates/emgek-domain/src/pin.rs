//! The personal identification number (ПИН) of a Kyrgyz citizen.
//!
//! Fourteen digits: the first encodes sex (1 female, 2 male), the next eight the birth date
//! as DDMMYYYY, the last five a registry serial. Length and digits are checked strictly; a PIN
//! whose date or sex disagrees with the person's record is kept but flagged for review, because
//! real registries hold such errors and refusing them would lose real people.

use std::fmt;

use serde::Serialize;
use time::{Date, Month};

use crate::household::Sex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pin([u8; 14]);

/// Why a text is not a PIN. The codes are the rule names used in messages and reject files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN has exactly 14 digits")]
    Length,
    #[error("a PIN has digits only")]
    Digits,
    #[error("the first digit of a PIN is 1 (female) or 2 (male)")]
    SexDigit,
    /// Excel showed the PIN as a number in scientific notation (`1,15032E+13`) and saved it
    /// so: its last digits are gone and are never guessed.
    #[error("the PIN was saved by a spreadsheet as a number in scientific notation: its digits are lost")]
    Scientific,
}

impl PinError {
    pub fn rule(self) -> &'static str {
        match self {
            PinError::Length => "pin.length",
            PinError::Digits => "pin.digits",
            PinError::SexDigit => "pin.sex_digit",
            PinError::Scientific => "pin.scientific",
        }
    }
}

/// A disagreement between a PIN and the record it belongs to: kept, shown for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PinWarning {
    /// The eight date digits are not a calendar date.
    DateInvalid,
    /// The date digits are a date, but not the recorded birth date.
    BirthDateMismatch,
    /// The first digit says another sex than the record.
    SexMismatch,
}

impl PinWarning {
    pub fn code(self) -> &'static str {
        match self {
            PinWarning::DateInvalid => "pin.date_invalid",
            PinWarning::BirthDateMismatch => "pin.birth_date_mismatch",
            PinWarning::SexMismatch => "pin.sex_mismatch",
        }
    }
}

/// Whether a text is a number in a spreadsheet's scientific notation: digits, one decimal
/// separator, an `E` and a signed exponent (`1,15032E+13`, `2.1503E13`).
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else { return false };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once([',', '.']) {
        Some((whole, fraction)) => digits(whole) && (fraction.is_empty() || digits(fraction)),
        None => digits(mantissa),
    };
    mantissa_ok && digits(exponent)
}

impl Pin {
    /// Parses a PIN as people type it: spaces and dashes between its digits are ignored
    /// (`1 1503 1985 00123`, `1-1503-1985-00123`).
    pub fn parse(text: &str) -> Result<Self, PinError> {
        let text = text.trim();
        if is_scientific(text) {
            return Err(PinError::Scientific);
        }
        let kept: String;
        let text = if text.contains([' ', '-', '\u{a0}', '\u{202f}']) {
            kept = text.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}' | '\u{202f}')).collect();
            kept.as_str()
        } else {
            text
        };
        if !text.chars().all(|c| c.is_ascii_digit()) {
            // Say "digits" before "length" only when the length is right: "12345678901abc" is a
            // digit problem, "123" a length problem.
            if text.chars().count() == 14 {
                return Err(PinError::Digits);
            }
            return Err(if text.chars().any(|c| c.is_alphabetic()) { PinError::Digits } else { PinError::Length });
        }
        let bytes: [u8; 14] = text.as_bytes().try_into().map_err(|_| PinError::Length)?;
        if !matches!(bytes[0], b'1' | b'2') {
            return Err(PinError::SexDigit);
        }
        Ok(Self(bytes))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("a PIN holds ASCII digits only")
    }

    /// The PIN as a number, for compact sets of millions of PINs.
    pub fn as_u64(&self) -> u64 {
        self.0.iter().fold(0, |acc, b| acc * 10 + u64::from(b - b'0'))
    }

    pub fn sex(&self) -> Sex {
        if self.0[0] == b'1' { Sex::Female } else { Sex::Male }
    }

    /// The birth date written in the PIN, if its digits form a calendar date.
    pub fn birth_date(&self) -> Option<Date> {
        let n = |a: usize, b: usize| self.as_str()[a..b].parse::<u32>().ok();
        let day = u8::try_from(n(1, 3)?).ok()?;
        let month = Month::try_from(u8::try_from(n(3, 5)?).ok()?).ok()?;
        let year = i32::try_from(n(5, 9)?).ok()?;
        Date::from_calendar_date(year, month, day).ok()
    }

    /// Builds the PIN a registry would give a person: sex digit, birth date, serial.
    pub fn compose(sex: Sex, birth: Date, serial: u32) -> Self {
        let digit = if sex == Sex::Female { 1 } else { 2 };
        let text = format!(
            "{digit}{:02}{:02}{:04}{:05}",
            birth.day(),
            u8::from(birth.month()),
            birth.year(),
            serial % 100_000
        );
        Self::parse(&text).expect("a composed PIN is well formed")
    }

    /// What in this PIN disagrees with the person's recorded birth date and sex.
    pub fn check_against(&self, birth: Option<Date>, sex: Sex) -> Vec<PinWarning> {
        let mut warnings = Vec::new();
        match (self.birth_date(), birth) {
            (None, _) => warnings.push(PinWarning::DateInvalid),
            (Some(in_pin), Some(recorded)) if in_pin != recorded => warnings.push(PinWarning::BirthDateMismatch),
            _ => {}
        }
        if self.sex() != sex {
            warnings.push(PinWarning::SexMismatch);
        }
        warnings
    }
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Pin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn a_well_formed_pin_gives_its_sex_and_birth_date() {
        let pin = Pin::parse("21503198512345").unwrap();
        assert_eq!(pin.sex(), Sex::Male);
        assert_eq!(pin.birth_date(), Some(date!(1985 - 03 - 15)));
        assert!(pin.check_against(Some(date!(1985 - 03 - 15)), Sex::Male).is_empty());
    }

    #[test]
    fn wrong_length_letters_and_sex_digit_are_refused_with_their_rule() {
        assert_eq!(Pin::parse("2150319851234"), Err(PinError::Length));
        assert_eq!(Pin::parse("215031985123456"), Err(PinError::Length));
        assert_eq!(Pin::parse("2150319851234O"), Err(PinError::Digits));
        assert_eq!(Pin::parse("31503198512345"), Err(PinError::SexDigit));
        assert_eq!(Pin::parse(""), Err(PinError::Length));
    }

    #[test]
    fn a_pin_typed_with_spaces_or_dashes_is_read_and_one_excel_turned_into_a_number_is_refused() {
        let pin = Pin::parse("21503198512345").unwrap();
        for typed in ["2 1503 1985 12345", "2-1503-1985-12345", " 2\u{a0}15031985\u{a0}12345 "] {
            assert_eq!(Pin::parse(typed), Ok(pin), "{typed:?}");
        }
        for saved in ["2,1503E+13", "2.15032E+13", "1,15032E+13", "2.1503198512345e13", "2E13"] {
            assert_eq!(Pin::parse(saved), Err(PinError::Scientific), "{saved}");
        }
        assert_eq!(Pin::parse("2150E"), Err(PinError::Digits), "not a number: a typo");
        assert_eq!(PinError::Scientific.rule(), "pin.scientific");
    }

    #[test]
    fn a_date_or_sex_mismatch_is_a_warning_not_a_refusal() {
        let pin = Pin::parse("13102198512345").unwrap();
        assert_eq!(
            pin.check_against(Some(date!(1985 - 03 - 15)), Sex::Male),
            vec![PinWarning::DateInvalid, PinWarning::SexMismatch]
        );
        let pin = Pin::parse("11503198512345").unwrap();
        assert_eq!(pin.check_against(Some(date!(1986 - 03 - 15)), Sex::Female), vec![PinWarning::BirthDateMismatch]);
    }

    proptest! {
        #[test]
        fn a_composed_pin_agrees_with_the_person_it_was_made_for(
            days in 0i64..45_000, serial in 0u32..100_000, female in any::<bool>()
        ) {
            let birth = date!(1900 - 01 - 01) + time::Duration::days(days);
            let sex = if female { Sex::Female } else { Sex::Male };
            let pin = Pin::compose(sex, birth, serial);
            prop_assert!(pin.check_against(Some(birth), sex).is_empty());
            prop_assert_eq!(Pin::parse(pin.as_str()), Ok(pin));
            prop_assert_eq!(pin.as_u64().to_string(), pin.as_str().to_string());
        }
    }
}
