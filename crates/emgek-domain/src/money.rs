//! Money as integer minor units with a currency. Never floating point.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The currencies emgek keeps amounts in: the som, and those of budgets (US dollars) and of
/// export contracts. Every amount is kept in hundredths of its currency's unit (tyiyn, cents),
/// also for the yen and the won, whose hundredths are then always zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Currency {
    /// Kyrgyz som; 1 som = 100 tyiyn.
    KGS,
    USD,
    EUR,
    CNY,
    RUB,
    KZT,
    JPY,
    KRW,
}

impl Currency {
    pub const ALL: [Currency; 8] = [
        Currency::KGS,
        Currency::USD,
        Currency::EUR,
        Currency::CNY,
        Currency::RUB,
        Currency::KZT,
        Currency::JPY,
        Currency::KRW,
    ];

    /// The currencies a business plan's budget may be in.
    pub const BUDGET: [Currency; 2] = [Currency::KGS, Currency::USD];

    /// An ISO 4217 code emgek knows, in either case.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn code(self) -> &'static str {
        match self {
            Currency::KGS => "KGS",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::CNY => "CNY",
            Currency::RUB => "RUB",
            Currency::KZT => "KZT",
            Currency::JPY => "JPY",
            Currency::KRW => "KRW",
        }
    }
}

/// An amount in minor units: hundredths of its currency (tyiyn for KGS, cents for USD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("not an amount: write digits with at most two decimals, e.g. 4500 or 4500.50")]
    Format,
    #[error("amount is too large")]
    Overflow,
    #[error("amount must not be negative")]
    Negative,
}

/// The largest amount one figure typed or sent may hold: ten billion som (10^12 tyiyn), five
/// times the Social Contract's yearly budget. A sale, a cost, a payment or a price beyond it is
/// a typing error, and millions of such figures still add up within 64 bits.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000;
/// The largest count one figure typed or sent may hold (units produced or sold, days, people).
pub const MAX_COUNT: i64 = 1_000_000_000;

/// Parses a non-negative decimal with at most two decimals, as people type it, into hundredths:
/// `4500` → 450000, `4 500,5` → 450050, `33.33` → 3333. Amounts of money (in tyiyn) and
/// percentages (in basis points) are both read this way.
pub fn parse_hundredths(text: &str) -> Result<i64, MoneyError> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    if cleaned.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    let (whole, frac) = match cleaned.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(frac) || frac.len() > 2 {
        return Err(MoneyError::Format);
    }
    let whole: i64 = whole.parse().map_err(|_| MoneyError::Overflow)?;
    let frac: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| MoneyError::Format)? * 10,
        _ => frac.parse().map_err(|_| MoneyError::Format)?,
    };
    whole.checked_mul(100).and_then(|m| m.checked_add(frac)).ok_or(MoneyError::Overflow)
}

impl Money {
    pub const fn from_minor(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    pub fn som(som: i64) -> Self {
        Self { minor: som * 100, currency: Currency::KGS }
    }

    pub fn minor(self) -> i64 {
        self.minor
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    /// Parses a non-negative decimal amount in major units as people type it:
    /// `4500`, `4500.5`, `4 500,50`. Spaces (also non-breaking) group thousands; a comma or a
    /// dot separates at most two decimals.
    pub fn parse_major(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        Ok(Self { minor: parse_hundredths(text)?, currency })
    }

    /// The amount in major units with two decimals and a dot, no grouping: `4500.50`.
    /// This is the exchange format of files and the API.
    pub fn to_plain(self) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// The amount grouped for reading: `sep` between thousands, `dec` before the decimals,
    /// which are left out when zero (`4 500`, `4 500,50`).
    pub fn grouped(self, sep: &str, dec: &str) -> String {
        let abs = self.minor.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut out = String::new();
        if self.minor < 0 {
            out.push('-');
        }
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(ch);
        }
        if !abs.is_multiple_of(100) {
            out.push_str(&format!("{dec}{:02}", abs % 100));
        }
        out
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_plain(), self.currency.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_are_parsed_as_people_type_them() {
        let som = |s| Money::parse_major(s, Currency::KGS).map(Money::minor);
        assert_eq!(som("4500"), Ok(450_000));
        assert_eq!(som("4500.5"), Ok(450_050));
        assert_eq!(som("4 500,05"), Ok(450_005));
        assert_eq!(som("100000"), Ok(10_000_000));
    }

    #[test]
    fn malformed_or_negative_amounts_are_refused() {
        for bad in ["", "abc", "1.234", "1,2,3", "12a", ".5"] {
            assert_eq!(Money::parse_major(bad, Currency::KGS), Err(MoneyError::Format), "{bad}");
        }
        assert_eq!(Money::parse_major("-5", Currency::KGS), Err(MoneyError::Negative));
        assert_eq!(Money::parse_major("99999999999999999999", Currency::KGS), Err(MoneyError::Overflow));
    }

    #[test]
    fn grouping_follows_the_separators_given() {
        assert_eq!(Money::som(1_234_567).grouped("\u{a0}", ","), "1\u{a0}234\u{a0}567");
        assert_eq!(Money::from_minor(123_450, Currency::KGS).grouped(",", "."), "1,234.50");
        assert_eq!(Money::som(999).grouped(",", "."), "999");
    }

    proptest! {
        #[test]
        fn the_plain_form_parses_back_to_the_same_amount(minor in 0i64..i64::MAX / 2) {
            let m = Money::from_minor(minor, Currency::KGS);
            prop_assert_eq!(Money::parse_major(&m.to_plain(), Currency::KGS), Ok(m));
        }

        #[test]
        fn the_grouped_form_parses_back_to_the_same_amount(minor in 0i64..i64::MAX / 2) {
            let m = Money::from_minor(minor, Currency::KGS);
            prop_assert_eq!(Money::parse_major(&m.grouped(" ", ","), Currency::KGS), Ok(m));
        }
    }
}
