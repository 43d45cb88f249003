//! Kyrgyz phone numbers, kept in one form: `+996` and nine digits.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    /// Accepts `+996 555 12 34 56`, `996555123456`, `0555 123 456` and the like: spaces,
    /// dashes and brackets are ignored; a leading `0` stands for `+996`.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '+' | '\u{a0}')).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err("phone.format");
        }
        let national = if let Some(rest) = digits.strip_prefix("996") {
            rest
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else {
            digits.as_str()
        };
        if national.len() != 9 {
            return Err("phone.format");
        }
        Ok(Self(format!("+996{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_ways_of_writing_a_number_give_one_form() {
        for s in ["+996 555 12 34 56", "996555123456", "0555 123 456", "555123456", "(0555) 12-34-56"] {
            assert_eq!(Phone::parse(s).unwrap().as_str(), "+996555123456", "{s}");
        }
    }

    #[test]
    fn numbers_of_the_wrong_length_or_with_letters_are_refused() {
        for s in ["12345", "+996 555 12 34 5", "0555 12 34 5x", "+7 495 123 45 67"] {
            assert_eq!(Phone::parse(s), Err("phone.format"), "{s}");
        }
    }
}
