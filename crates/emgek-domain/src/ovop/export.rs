//! Export contracts: a buyer abroad, the country, the volume, and the value in the contract's
//! currency with its som equivalent at the official rate of the day it was signed. The som (and
//! dollar) equivalents are fixed when the contract is recorded, with the rates used, so that a
//! later rate never changes a reported figure.

use serde::Serialize;

use crate::field_error::FieldError;
use crate::money::{Currency, Money};
use crate::rates::{from_som, to_som};

/// The countries Kyrgyz producers export to, as ISO 3166 alpha-2 codes (their names are in the
/// messages, `country-jp`, …).
pub const COUNTRIES: [&str; 24] = [
    "AE", "AT", "AU", "BY", "CA", "CH", "CN", "DE", "FR", "GB", "IN", "IT", "JP", "KR", "KZ", "MN", "NL", "PL", "RU",
    "SA", "TJ", "TR", "US", "UZ",
];

/// A country code emgek knows, in either case.
pub fn parse_country(text: &str) -> Result<&'static str, FieldError> {
    COUNTRIES
        .into_iter()
        .find(|c| c.eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| FieldError::new("country", "country.unknown", text.trim()))
}

/// A contract's value and what it is worth in som and dollars on the day it was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Valued {
    pub value: Money,
    /// The official rate used for the value (10,000 for som).
    pub rate_x10000: i64,
    pub som: Money,
    /// The dollar rate of the day (for the dollar equivalent).
    pub usd_rate_x10000: i64,
    pub usd: Money,
}

/// The som and dollar equivalents of `value` at the rates of the day (`rate` of its currency,
/// `usd_rate` of the dollar). A dollar contract is worth exactly its value in dollars.
pub fn value(value: Money, rate: i64, usd_rate: i64) -> Valued {
    let som = to_som(value, rate);
    let usd = if value.currency() == Currency::USD { value } else { from_som(som, Currency::USD, usd_rate) };
    Valued { value, rate_x10000: rate, som, usd_rate_x10000: usd_rate, usd }
}

/// Checks what a contract's author typed besides the money: the buyer, a positive volume.
pub fn check_contract(buyer: &str, quantity: i64) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if buyer.trim().is_empty() || buyer.trim().chars().count() > 200 {
        errors.push(FieldError::new("buyer", "text.required", buyer.trim()));
    }
    if quantity <= 0 {
        errors.push(FieldError::new("quantity", "production.quantity_positive", quantity.to_string()));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_known_iso_codes_in_order() {
        assert_eq!(parse_country(" jp"), Ok("JP"));
        assert_eq!(parse_country("Japan").unwrap_err().rule, "country.unknown");
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_contract_in_euros_is_worth_som_and_dollars_at_the_rates_of_its_day() {
        let euros = Money::from_minor(1_000_000, Currency::EUR);
        let v = value(euros, 960_000, 890_000);
        assert_eq!(v.som, Money::som(960_000));
        // 960,000 som at 89.00 som a dollar: 10,786.52 USD.
        assert_eq!(v.usd, Money::from_minor(1_078_652, Currency::USD));
        let dollars = value(Money::from_minor(100, Currency::USD), 894_500, 894_500);
        assert_eq!((dollars.som.minor(), dollars.usd.minor()), (8_945, 100));
        assert_eq!(check_contract(" ", 0).len(), 2);
    }
}
