//! Official exchange rates and the som equivalent of an amount on a date.
//!
//! The National Bank of the Kyrgyz Republic sets an official rate for each currency every
//! working day; an amount in another currency is worth, in som, its amount times the rate in
//! force on the day it was agreed (the latest rate set on or before that day). A rate is som for
//! one unit of the currency to four decimals, kept as an integer: 89.4500 som per dollar is
//! `894_500`. Conversions round half away from zero to the tyiyn (or cent) and never use floats.

use serde::Serialize;
use time::Date;

use crate::field_error::FieldError;
use crate::money::{Currency, Money};

/// Som for one unit of a currency, times 10,000.
pub const RATE_SCALE: i64 = 10_000;

/// An official rate: som for one unit of `currency`, from `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExchangeRate {
    pub currency: Currency,
    pub on: Date,
    /// Som for one unit, times 10,000 (89.4500 → 894500).
    pub som_x10000: i64,
}

/// Reads a rate as it is published, `89.45` or `89,4500`: positive, at most four decimals, at
/// most a million som for a unit.
pub fn parse_rate(text: &str) -> Result<i64, FieldError> {
    let bad = || FieldError::new("rate", "rate.format", text.trim());
    let t = text.trim().replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 4 || whole.len() > 7 {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let frac: i64 = format!("{frac:0<4}").parse().map_err(|_| bad())?;
    let rate = whole * RATE_SCALE + frac;
    if rate <= 0 || whole > 1_000_000 {
        return Err(bad());
    }
    Ok(rate)
}

/// A rate as people read it, with four decimals and a dot: `89.4500`.
pub fn rate_plain(som_x10000: i64) -> String {
    format!("{}.{:04}", som_x10000 / RATE_SCALE, som_x10000 % RATE_SCALE)
}

/// `numerator / denominator`, rounded half away from zero.
fn divide_rounded(numerator: i128, denominator: i128) -> i128 {
    let half = denominator / 2;
    if numerator >= 0 { (numerator + half) / denominator } else { (numerator - half) / denominator }
}

/// The som equivalent of `m` at `som_x10000`; som stay as they are.
pub fn to_som(m: Money, som_x10000: i64) -> Money {
    if m.currency() == Currency::KGS {
        return m;
    }
    let tyiyn = divide_rounded(i128::from(m.minor()) * i128::from(som_x10000), i128::from(RATE_SCALE));
    Money::from_minor(i64::try_from(tyiyn).unwrap_or(i64::MAX), Currency::KGS)
}

/// An amount in som expressed in `currency` at `som_x10000` (the dollar equivalent of a som
/// total, say).
pub fn from_som(som: Money, currency: Currency, som_x10000: i64) -> Money {
    if currency == Currency::KGS {
        return som;
    }
    let minor = divide_rounded(i128::from(som.minor()) * i128::from(RATE_SCALE), i128::from(som_x10000.max(1)));
    Money::from_minor(i64::try_from(minor).unwrap_or(i64::MAX), currency)
}

/// The rate of `currency` in force on `on`: the latest set on or before that day. Som need no
/// rate; `None` when none was set by then.
pub fn rate_on(rates: &[ExchangeRate], currency: Currency, on: Date) -> Option<i64> {
    if currency == Currency::KGS {
        return Some(RATE_SCALE);
    }
    rates.iter().filter(|r| r.currency == currency && r.on <= on).max_by_key(|r| r.on).map(|r| r.som_x10000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn rates_are_read_as_the_national_bank_publishes_them() {
        assert_eq!(parse_rate("89.45"), Ok(894_500));
        assert_eq!(parse_rate("89,4512"), Ok(894_512));
        assert_eq!(parse_rate(" 0.6 "), Ok(6_000));
        for bad in ["", "0", "0.0000", "-89", "89.45678", "8 9", "abc", "99999999"] {
            assert_eq!(parse_rate(bad).map_err(|e| e.rule), Err("rate.format"), "{bad}");
        }
        assert_eq!(rate_plain(894_500), "89.4500");
    }

    #[test]
    fn a_dollar_contract_is_worth_its_amount_at_the_rate_of_its_day() {
        let usd = |d: i64| Money::from_minor(d * 100, Currency::USD);
        assert_eq!(to_som(usd(1_000), 894_500), Money::som(89_450));
        // 0.01 USD at 89.4550 = 0.894550 som: rounded to 89 tyiyn.
        assert_eq!(to_som(Money::from_minor(1, Currency::USD), 894_550).minor(), 89);
        assert_eq!(to_som(Money::som(5), 1), Money::som(5), "som need no rate");
        assert_eq!(from_som(Money::som(89_450), Currency::USD, 894_500), usd(1_000));
    }

    #[test]
    fn the_rate_in_force_is_the_latest_set_on_or_before_the_day() {
        let r = |on, som_x10000| ExchangeRate { currency: Currency::USD, on, som_x10000 };
        let rates = [r(date!(2024 - 03 - 01), 894_000), r(date!(2024 - 03 - 04), 895_000)];
        assert_eq!(rate_on(&rates, Currency::USD, date!(2024 - 03 - 02)), Some(894_000), "a Saturday");
        assert_eq!(rate_on(&rates, Currency::USD, date!(2024 - 03 - 04)), Some(895_000));
        assert_eq!(rate_on(&rates, Currency::USD, date!(2024 - 02 - 29)), None);
        assert_eq!(rate_on(&rates, Currency::EUR, date!(2024 - 03 - 04)), None);
        assert_eq!(rate_on(&[], Currency::KGS, date!(2024 - 03 - 04)), Some(RATE_SCALE));
    }

    proptest! {
        #[test]
        fn conversion_is_off_by_at_most_half_a_tyiyn(cents in 0i64..1_000_000_000_000, rate in 1i64..100_000_000) {
            let som = to_som(Money::from_minor(cents, Currency::EUR), rate).minor();
            let exact = i128::from(cents) * i128::from(rate);
            prop_assert!((i128::from(som) * 10_000 - exact).abs() <= 5_000);
        }

        #[test]
        fn a_larger_amount_is_never_worth_fewer_som(a in 0i64..1_000_000_000, b in 0i64..1_000_000_000, rate in 1i64..10_000_000) {
            let (low, high) = (a.min(b), a.max(b));
            let som = |c| to_som(Money::from_minor(c, Currency::USD), rate).minor();
            prop_assert!(som(low) <= som(high));
        }

        #[test]
        fn the_plain_rate_parses_back(rate in 1i64..10_000_000_000) {
            prop_assert_eq!(parse_rate(&rate_plain(rate)), Ok(rate));
        }
    }
}
