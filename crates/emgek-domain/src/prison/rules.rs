//! The Prison Service's rules for its enterprises, as versions with dates of effect: the share
//! of profit paid to the state budget (half until May 2012, none after) and the share of an
//! inmate's pay that deductions must leave him. Each profit and each month's pay uses the
//! version in force on its date.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::field_error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EnterpriseRules {
    pub effective_from: Date,
    /// Basis points of a profit paid to the state budget (5000 = 50%).
    pub state_budget_bp: u32,
    /// Basis points of gross pay credited to the inmate whatever is deducted (2500 = 25%).
    pub inmate_min_net_bp: u32,
}

pub fn check_rules(rules: &EnterpriseRules) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if rules.state_budget_bp > 10_000 {
        errors.push(FieldError::new("state_budget_share", "share.range", rules.state_budget_bp.to_string()));
    }
    if rules.inmate_min_net_bp > 10_000 {
        errors.push(FieldError::new("inmate_min_net_share", "share.range", rules.inmate_min_net_bp.to_string()));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The version in force on `day`: the latest that took effect on or before it.
pub fn rules_on(versions: &[EnterpriseRules], day: Date) -> Option<&EnterpriseRules> {
    versions.iter().filter(|r| r.effective_from <= day).max_by_key(|r| r.effective_from)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_version_in_force_is_the_latest_that_took_effect() {
        let v = [
            EnterpriseRules { effective_from: date!(2012 - 05 - 01), state_budget_bp: 0, inmate_min_net_bp: 2_500 },
            EnterpriseRules { effective_from: date!(2000 - 01 - 01), state_budget_bp: 5_000, inmate_min_net_bp: 2_500 },
        ];
        assert_eq!(rules_on(&v, date!(2012 - 04 - 30)).unwrap().state_budget_bp, 5_000);
        assert_eq!(rules_on(&v, date!(2012 - 05 - 01)).unwrap().state_budget_bp, 0);
        assert!(rules_on(&v, date!(1999 - 12 - 31)).is_none());
    }

    #[test]
    fn shares_over_the_whole_are_refused_by_field() {
        let bad = EnterpriseRules {
            effective_from: date!(2012 - 05 - 01),
            state_budget_bp: 10_001,
            inmate_min_net_bp: 20_000,
        };
        let fields: Vec<String> = check_rules(&bad).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["state_budget_share", "inmate_min_net_share"]);
    }
}
