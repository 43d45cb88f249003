//! How a prison enterprise's profit is shared with the state budget, by the rules in force on
//! the profit's date (see [`super::rules`]).

use serde::Serialize;
use time::Date;

use super::rules::{EnterpriseRules, rules_on};

/// A profit split between the state budget and the enterprise, in tyiyn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Split {
    pub to_state_budget: i64,
    /// Stays with the Prison Service for reinvestment.
    pub retained: i64,
}

/// Shares a profit made on `day`. A loss, or a day before any rules, sends nothing to the
/// budget; the budget's part is rounded down to the tyiyn.
pub fn split(versions: &[EnterpriseRules], day: Date, profit: i64) -> Split {
    let bp = rules_on(versions, day).map_or(0, |r| r.state_budget_bp.min(10_000));
    let to_state_budget =
        if profit > 0 { i64::try_from(i128::from(profit) * i128::from(bp) / 10_000).unwrap_or(profit) } else { 0 };
    Split { to_state_budget, retained: profit - to_state_budget }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    fn kyrgyz_rules() -> Vec<EnterpriseRules> {
        vec![
            EnterpriseRules { effective_from: date!(2012 - 05 - 01), state_budget_bp: 0, inmate_min_net_bp: 2_500 },
            EnterpriseRules { effective_from: date!(2000 - 01 - 01), state_budget_bp: 5_000, inmate_min_net_bp: 2_500 },
        ]
    }

    #[test]
    fn half_goes_to_the_budget_until_may_2012_and_nothing_after() {
        let rules = kyrgyz_rules();
        assert_eq!(
            split(&rules, date!(2012 - 04 - 30), 1_000_001),
            Split { to_state_budget: 500_000, retained: 500_001 }
        );
        assert_eq!(split(&rules, date!(2012 - 05 - 01), 1_000_001), Split { to_state_budget: 0, retained: 1_000_001 });
    }

    #[test]
    fn a_loss_or_a_day_before_any_rule_sends_nothing_to_the_budget() {
        let rules = kyrgyz_rules();
        assert_eq!(split(&rules, date!(2011 - 06 - 01), -40_000), Split { to_state_budget: 0, retained: -40_000 });
        assert_eq!(split(&rules, date!(1999 - 01 - 01), 40_000).to_state_budget, 0);
    }

    proptest! {
        #[test]
        fn the_two_parts_always_add_up_to_the_profit(profit in -1_000_000_000_000i64..1_000_000_000_000, days in 0i64..20_000, bp in 0u32..=10_000) {
            let rules = vec![EnterpriseRules { effective_from: date!(2000 - 01 - 01), state_budget_bp: bp, inmate_min_net_bp: 0 }];
            let day = date!(1995 - 01 - 01) + time::Duration::days(days);
            let s = split(&rules, day, profit);
            prop_assert_eq!(s.to_state_budget + s.retained, profit);
            prop_assert!(s.to_state_budget >= 0 && s.to_state_budget <= profit.max(0));
        }
    }
}
