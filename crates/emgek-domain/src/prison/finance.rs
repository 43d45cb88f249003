//! A workshop's money month by month: revenue (sales, and what the prisons used themselves at
//! transfer prices), costs, wages, the profit, and its split with the state budget by the
//! rules in force at the month's end.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use super::profit::split;
use super::rules::EnterpriseRules;

/// What a cost was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CostCategory {
    Materials,
    Utilities,
    Equipment,
    Transport,
    Other,
}

impl CostCategory {
    pub const ALL: [CostCategory; 5] = [
        CostCategory::Materials,
        CostCategory::Utilities,
        CostCategory::Equipment,
        CostCategory::Transport,
        CostCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CostCategory::Materials => "materials",
            CostCategory::Utilities => "utilities",
            CostCategory::Equipment => "equipment",
            CostCategory::Transport => "transport",
            CostCategory::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code.trim())
    }
}

/// One month of one workshop, in tyiyn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = EnterpriseFigures)]
pub struct Figures {
    pub sales: i64,
    /// Output used inside the Prison Service, at transfer prices.
    pub internal: i64,
    pub costs: i64,
    pub wages: i64,
    pub profit: i64,
    pub to_state_budget: i64,
    pub retained: i64,
}

impl Figures {
    pub fn revenue(&self) -> i64 {
        self.sales + self.internal
    }

    fn add(&mut self, other: &Figures) {
        self.sales += other.sales;
        self.internal += other.internal;
        self.costs += other.costs;
        self.wages += other.wages;
        self.profit += other.profit;
        self.to_state_budget += other.to_state_budget;
        self.retained += other.retained;
    }
}

/// What a month's records give before the profit is worked out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Month {
    pub sales: i64,
    pub internal: i64,
    pub costs: i64,
    pub wages: i64,
}

/// A month's figures: the profit, shared by the rules in force on `last_day` of the month.
pub fn month_figures(m: &Month, last_day: Date, rules: &[EnterpriseRules]) -> Figures {
    let profit = m.sales + m.internal - m.costs - m.wages;
    let s = split(rules, last_day, profit);
    Figures {
        sales: m.sales,
        internal: m.internal,
        costs: m.costs,
        wages: m.wages,
        profit,
        to_state_budget: s.to_state_budget,
        retained: s.retained,
    }
}

/// Adds up figures by a key (a workshop, a facility, the nation).
pub fn total<'a, K: Ord + Clone + 'a>(items: impl IntoIterator<Item = (&'a K, &'a Figures)>) -> BTreeMap<K, Figures> {
    let mut out: BTreeMap<K, Figures> = BTreeMap::new();
    for (k, f) in items {
        out.entry(k.clone()).or_default().add(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    fn rules() -> Vec<EnterpriseRules> {
        vec![
            EnterpriseRules { effective_from: date!(2000 - 01 - 01), state_budget_bp: 5_000, inmate_min_net_bp: 2_500 },
            EnterpriseRules { effective_from: date!(2012 - 05 - 01), state_budget_bp: 0, inmate_min_net_bp: 2_500 },
        ]
    }

    #[test]
    fn a_month_before_may_2012_pays_half_its_profit_to_the_budget_and_after_it_none() {
        let m = Month { sales: 1_000_000, internal: 200_000, costs: 300_000, wages: 100_000 };
        let april = month_figures(&m, date!(2012 - 04 - 30), &rules());
        assert_eq!((april.profit, april.to_state_budget, april.retained), (800_000, 400_000, 400_000));
        let may = month_figures(&m, date!(2012 - 05 - 31), &rules());
        assert_eq!((may.to_state_budget, may.retained), (0, 800_000));
    }

    #[test]
    fn a_loss_pays_nothing_to_the_budget() {
        let m = Month { sales: 0, internal: 0, costs: 50_000, wages: 10_000 };
        let f = month_figures(&m, date!(2011 - 12 - 31), &rules());
        assert_eq!((f.profit, f.to_state_budget, f.retained), (-60_000, 0, -60_000));
    }

    #[test]
    fn cost_categories_round_trip_through_their_codes() {
        for c in CostCategory::ALL {
            assert_eq!(CostCategory::parse(c.code()), Some(c));
        }
    }

    proptest! {
        #[test]
        fn totals_keep_every_tyiyn(months in prop::collection::vec((0i64..1_000_000_000, 0i64..1_000_000_000, 0i64..1_000_000_000, 0i64..1_000_000_000, 0u8..3), 0..40)) {
            let figures: Vec<(u8, Figures)> = months
                .iter()
                .map(|(s, i, c, w, k)| (*k, month_figures(&Month { sales: *s, internal: *i, costs: *c, wages: *w }, date!(2011 - 06 - 30), &rules())))
                .collect();
            let by_key = total(figures.iter().map(|(k, f)| (k, f)));
            let national = total(by_key.values().map(|f| (&(), f)));
            let all = national.get(&()).copied().unwrap_or_default();
            let profit: i64 = months.iter().map(|(s, i, c, w, _)| s + i - c - w).sum();
            prop_assert_eq!(all.profit, profit);
            prop_assert_eq!(all.to_state_budget + all.retained, all.profit);
            prop_assert_eq!(all.revenue() - all.costs - all.wages, all.profit);
        }
    }
}
