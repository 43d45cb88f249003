//! A workshop's output: how much of a product it made on a day or in a month, how much of it
//! the prisons used themselves (at a transfer price, feeding inmates) and how much was sold.

use serde::{Deserialize, Serialize};

use crate::field_error::FieldError;

/// The units products are counted in. Quantities are whole units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Piece,
    Kilogram,
    Litre,
    Loaf,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Piece, Unit::Kilogram, Unit::Litre, Unit::Loaf];

    pub fn code(self) -> &'static str {
        match self {
            Unit::Piece => "piece",
            Unit::Kilogram => "kg",
            Unit::Litre => "litre",
            Unit::Loaf => "loaf",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == code.trim())
    }
}

/// One line of output as a workshop records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub product: String,
    pub quantity: i64,
    /// Of the quantity, what the prisons used themselves.
    pub internal_quantity: i64,
    /// Price per unit charged inside the Prison Service, in tyiyn.
    pub transfer_price: i64,
    /// Inmates whose food this output covered that day or month (0 when it is not food).
    pub inmates_fed: i64,
}

/// Checks a line of output: a product named, a positive quantity, internal use within it, no
/// negative price or count.
pub fn check_output(o: &Output) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if o.product.trim().is_empty() || o.product.chars().count() > 120 {
        errors.push(FieldError::new("product", "production.product_required", o.product.trim()));
    }
    if o.quantity <= 0 {
        errors.push(FieldError::new("quantity", "production.quantity_positive", o.quantity.to_string()));
    }
    if o.internal_quantity < 0 || o.internal_quantity > o.quantity.max(0) {
        errors.push(FieldError::new(
            "internal_quantity",
            "production.internal_over_output",
            o.internal_quantity.to_string(),
        ));
    }
    if o.transfer_price < 0 {
        errors.push(FieldError::new("transfer_price", "production.price_negative", o.transfer_price.to_string()));
    }
    if o.inmates_fed < 0 {
        errors.push(FieldError::new("inmates_fed", "production.fed_negative", o.inmates_fed.to_string()));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The value of internal use at the transfer price, in tyiyn.
pub fn internal_value(o: &Output) -> i64 {
    o.internal_quantity.saturating_mul(o.transfer_price)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bread() -> Output {
        Output {
            product: "Bread".into(),
            quantity: 1_200,
            internal_quantity: 1_100,
            transfer_price: 1_800,
            inmates_fed: 1_050,
        }
    }

    #[test]
    fn a_day_of_bread_is_valued_at_its_transfer_price() {
        assert_eq!(check_output(&bread()), Ok(()));
        assert_eq!(internal_value(&bread()), 1_100 * 1_800);
    }

    #[test]
    fn more_used_inside_than_was_made_is_refused_with_every_broken_field() {
        let o = Output { product: " ".into(), quantity: 0, internal_quantity: 5, transfer_price: -1, inmates_fed: -1 };
        let rules: Vec<&str> = check_output(&o).unwrap_err().iter().map(|e| e.rule).collect();
        assert_eq!(
            rules,
            [
                "production.product_required",
                "production.quantity_positive",
                "production.internal_over_output",
                "production.price_negative",
                "production.fed_negative"
            ]
        );
    }

    #[test]
    fn units_round_trip_through_their_codes() {
        for u in Unit::ALL {
            assert_eq!(Unit::parse(u.code()), Some(u));
        }
    }
}
