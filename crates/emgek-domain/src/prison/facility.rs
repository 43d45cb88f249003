//! Facilities (colonies, prisons, settlements), their workshops and the inmates who work in
//! them: the codes and the checks of the few facts emgek keeps about each.

use serde::{Deserialize, Serialize};

use crate::field_error::FieldError;

/// What kind of institution a facility is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    /// A correctional colony (most convicted inmates).
    Colony,
    /// A closed prison.
    Prison,
    /// A colony-settlement (open regime).
    Settlement,
    /// A pre-trial detention centre.
    PreTrial,
}

impl FacilityKind {
    pub const ALL: [FacilityKind; 4] =
        [FacilityKind::Colony, FacilityKind::Prison, FacilityKind::Settlement, FacilityKind::PreTrial];

    pub fn code(self) -> &'static str {
        match self {
            FacilityKind::Colony => "colony",
            FacilityKind::Prison => "prison",
            FacilityKind::Settlement => "settlement",
            FacilityKind::PreTrial => "pre_trial",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }
}

/// Facility and workshop codes: 2 to 40 lower-case Latin letters, digits and hyphens
/// (`stepnoe-colony-2`). A facility's code names it in access grants (`facility:CODE`).
pub fn check_code(field: &str, code: &str) -> Result<String, FieldError> {
    let code = code.trim();
    let ok = (2..=40).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-');
    if ok { Ok(code.to_string()) } else { Err(FieldError::new(field, "prison.code_format", code)) }
}

/// An inmate's register number as the facility's records give it: 1 to 20 letters (Latin or
/// Cyrillic), digits, hyphens or slashes, kept in upper case so `ab-12` and `AB-12` are one.
pub fn check_register_number(text: &str) -> Result<String, FieldError> {
    let number = text.trim().to_uppercase();
    let ok = (1..=20).contains(&number.chars().count())
        && number.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '/');
    if ok { Ok(number) } else { Err(FieldError::new("register_number", "inmate.register_number_format", text.trim())) }
}

/// A share in basis points (1% = 100), rounded half up: `part` of `whole`, none of nothing.
pub fn share_bp(part: u64, whole: u64) -> Option<u32> {
    if whole == 0 {
        return None;
    }
    let bp = (u128::from(part) * 20_000 + u128::from(whole)) / (u128::from(whole) * 2);
    u32::try_from(bp).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facility_kinds_round_trip_through_their_codes() {
        for k in FacilityKind::ALL {
            assert_eq!(FacilityKind::parse(k.code()), Some(k));
        }
        assert_eq!(FacilityKind::parse("hotel"), None);
    }

    #[test]
    fn codes_are_lower_case_latin_words_joined_by_hyphens() {
        assert_eq!(check_code("code", " stepnoe-2 ").unwrap(), "stepnoe-2");
        for bad in ["", "a", "Stepnoe", "степное", "a b", "-x", &"x".repeat(41)] {
            assert_eq!(check_code("code", bad).unwrap_err().rule, "prison.code_format", "{bad:?}");
        }
    }

    #[test]
    fn register_numbers_are_kept_in_upper_case_and_checked() {
        assert_eq!(check_register_number(" жк-27/114 ").unwrap(), "ЖК-27/114");
        assert_eq!(check_register_number("ab-12").unwrap(), "AB-12");
        for bad in ["", "   ", "12 34", "12;drop", &"1".repeat(21)] {
            assert_eq!(check_register_number(bad).unwrap_err().rule, "inmate.register_number_format");
        }
    }

    #[test]
    fn shares_round_half_up_to_a_basis_point() {
        assert_eq!(share_bp(74, 1000), Some(740));
        assert_eq!(share_bp(13, 100), Some(1300));
        assert_eq!(share_bp(1, 3), Some(3333));
        assert_eq!(share_bp(2, 3), Some(6667));
        assert_eq!(share_bp(1, 0), None);
    }
}
