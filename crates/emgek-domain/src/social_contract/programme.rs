//! A programme's rules, as administrators set them, in force from a date.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::money::Money;
use crate::social_contract::business_plan::BudgetCategory;

/// One payment of the grant: a share (in basis points, 10,000 = 100%) paid a number of months
/// after the contract starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Tranche {
    pub share_bp: u32,
    pub after_months: u32,
}

/// What makes a household eligible. Each rule can be switched off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EligibilityRules {
    /// The household receives the need-based benefit (үй-бүлөгө көмөк).
    pub require_benefit: bool,
    /// At least one member of working age without a group I disability.
    pub require_working_age_adult: bool,
    pub working_age_min: i32,
    pub working_age_max: i32,
    /// No contract under way.
    pub no_active_contract: bool,
    /// Not funded before within this many years (0: never funded before counts only).
    pub not_funded_within_years: i32,
    /// Attended the business-plan training.
    pub require_training: bool,
}

/// Points a household earns towards priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PriorityWeights {
    /// Three or more children under 18.
    pub three_or_more_children: u32,
    /// A member with a disability.
    pub member_with_disability: u32,
    /// The business makes a One Village – One Product product.
    pub ovop_product: u32,
    /// A green project.
    pub green_project: u32,
    /// The plan's 12-month margin is at least `profitable_margin_bp`.
    pub profitable_plan: u32,
    pub profitable_margin_bp: u32,
}

/// The most a plan may spend on one category, in basis points of its total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SpendingCap {
    pub category: BudgetCategory,
    pub max_share_bp: u32,
}

/// A criterion commission members score a plan on, from 0 to `max_points`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Criterion {
    pub code: String,
    pub max_points: u32,
}

/// The criteria of the reported practice: a viable plan, a market for the product, use of local
/// resources, and jobs.
pub fn default_criteria() -> Vec<Criterion> {
    [("viability", 10), ("market", 10), ("local_resources", 5), ("jobs", 5)]
        .into_iter()
        .map(|(code, max_points)| Criterion { code: code.into(), max_points })
        .collect()
}

/// Every rule of a Social Contract programme in force from `effective_from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProgrammeRules {
    pub effective_from: Date,
    pub budget: Money,
    /// The most one grant may be.
    pub grant_cap: Money,
    pub tranches: Vec<Tranche>,
    pub quota_total: u32,
    pub quota_by_oblast: BTreeMap<String, u32>,
    pub quota_by_rayon: BTreeMap<String, u32>,
    pub eligibility: EligibilityRules,
    pub priority: PriorityWeights,
    pub spending_caps: Vec<SpendingCap>,
    /// Whether an application must name its One Village – One Product category.
    pub require_ovop: bool,
    pub contract_months: u32,
    pub follow_up_months: u32,
    /// A graduated family's right to the benefit is limited for this many years.
    pub benefit_limitation_years: u32,
    pub window_opens: Date,
    pub window_closes: Date,
    /// What commission members score plans on.
    #[serde(default = "default_criteria")]
    pub criteria: Vec<Criterion>,
    /// Whether a commission may decide against the majority of its members' recommendations
    /// (or settle a tie), with a written reason that the minutes show. Off unless the rules
    /// say so: a decision follows the panel.
    #[serde(default)]
    pub decision_override: bool,
    /// Days a family has to appeal a rejection or its place on the waiting list.
    #[serde(default = "default_appeal_days")]
    pub appeal_days: u32,
}

fn default_appeal_days() -> u32 {
    super::appeal::DEFAULT_APPEAL_DAYS
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("tranche shares must add up to 100%")]
    TranchesNotWhole,
    #[error("the application window closes before it opens")]
    WindowBackwards,
    #[error("the grant cap exceeds the budget")]
    CapOverBudget,
    #[error("a spending cap is over 100%")]
    CapOverWhole,
}

impl RulesError {
    pub fn rule(self) -> &'static str {
        match self {
            RulesError::TranchesNotWhole => "programme.tranches_not_whole",
            RulesError::WindowBackwards => "programme.window_backwards",
            RulesError::CapOverBudget => "programme.cap_over_budget",
            RulesError::CapOverWhole => "programme.spending_cap_over_whole",
        }
    }
}

impl ProgrammeRules {
    /// Checks that the rules make sense together.
    pub fn check(&self) -> Result<(), RulesError> {
        if self.tranches.iter().map(|t| t.share_bp).sum::<u32>() != 10_000 {
            return Err(RulesError::TranchesNotWhole);
        }
        if self.window_closes < self.window_opens {
            return Err(RulesError::WindowBackwards);
        }
        if self.grant_cap.minor() > self.budget.minor() {
            return Err(RulesError::CapOverBudget);
        }
        if self.spending_caps.iter().any(|c| c.max_share_bp > 10_000) {
            return Err(RulesError::CapOverWhole);
        }
        Ok(())
    }

    /// The amounts of the tranches of a grant: shares rounded down to the tyiyn, the last
    /// tranche taking the remainder, so that they add up to the grant exactly.
    pub fn tranche_amounts(&self, grant: Money) -> Vec<Money> {
        let mut paid = 0i64;
        let n = self.tranches.len();
        self.tranches
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let amount =
                    if i + 1 == n { grant.minor() - paid } else { grant.minor() * i64::from(t.share_bp) / 10_000 };
                paid += amount;
                Money::from_minor(amount, grant.currency())
            })
            .collect()
    }

    /// The 2024 Social Contract as reported: 2 billion som for 20,000 families, grants of
    /// 100,000 som in two tranches, priority for large families and disability, at most 15% on
    /// premises, a 12-month contract, 12 months of follow-up and 3 years of benefit limitation.
    /// A starting point for administrators and the demonstration, not a rule of the code.
    pub fn example_2024() -> Self {
        use time::macros::date;
        Self {
            effective_from: date!(2024 - 01 - 01),
            budget: Money::som(2_000_000_000),
            grant_cap: Money::som(100_000),
            tranches: vec![Tranche { share_bp: 7_000, after_months: 0 }, Tranche { share_bp: 3_000, after_months: 6 }],
            quota_total: 20_000,
            quota_by_oblast: BTreeMap::new(),
            quota_by_rayon: BTreeMap::new(),
            eligibility: EligibilityRules {
                require_benefit: true,
                require_working_age_adult: true,
                working_age_min: 18,
                working_age_max: 63,
                no_active_contract: true,
                not_funded_within_years: 5,
                require_training: true,
            },
            priority: PriorityWeights {
                three_or_more_children: 30,
                member_with_disability: 30,
                ovop_product: 15,
                green_project: 10,
                profitable_plan: 15,
                profitable_margin_bp: 2_000,
            },
            spending_caps: vec![SpendingCap { category: BudgetCategory::Premises, max_share_bp: 1_500 }],
            require_ovop: false,
            contract_months: 12,
            follow_up_months: 12,
            benefit_limitation_years: 3,
            window_opens: date!(2024 - 02 - 01),
            window_closes: date!(2024 - 11 - 30),
            criteria: default_criteria(),
            decision_override: false,
            appeal_days: super::appeal::DEFAULT_APPEAL_DAYS,
        }
    }
}

/// Rules that change over time: each version in force from its date until the next.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleBook {
    versions: Vec<ProgrammeRules>,
}

impl RuleBook {
    /// Adds a version; versions are kept in order of their dates, one per date.
    pub fn add(&mut self, rules: ProgrammeRules) -> Result<(), RulesError> {
        rules.check()?;
        self.versions.retain(|v| v.effective_from != rules.effective_from);
        self.versions.push(rules);
        self.versions.sort_by_key(|v| v.effective_from);
        Ok(())
    }

    /// Every version, oldest first.
    pub fn versions(&self) -> &[ProgrammeRules] {
        &self.versions
    }

    /// The rules in force on `date`, if any had taken effect.
    pub fn in_force(&self, date: Date) -> Option<&ProgrammeRules> {
        self.versions.iter().rev().find(|v| v.effective_from <= date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn the_2024_example_is_consistent() {
        assert_eq!(ProgrammeRules::example_2024().check(), Ok(()));
    }

    #[test]
    fn the_rules_in_force_are_those_of_the_latest_date_not_after_the_day() {
        let mut book = RuleBook::default();
        let mut y2025 = ProgrammeRules::example_2024();
        y2025.effective_from = date!(2025 - 01 - 01);
        y2025.grant_cap = Money::som(150_000);
        book.add(y2025).unwrap();
        book.add(ProgrammeRules::example_2024()).unwrap();
        assert_eq!(book.in_force(date!(2023 - 12 - 31)), None);
        assert_eq!(book.in_force(date!(2024 - 12 - 31)).unwrap().grant_cap, Money::som(100_000));
        assert_eq!(book.in_force(date!(2025 - 01 - 01)).unwrap().grant_cap, Money::som(150_000));
    }

    #[test]
    fn inconsistent_rules_are_refused_with_their_rule() {
        let mut r = ProgrammeRules::example_2024();
        r.tranches[0].share_bp = 6_000;
        assert_eq!(r.check().map_err(RulesError::rule), Err("programme.tranches_not_whole"));
    }

    proptest! {
        #[test]
        fn tranches_always_add_up_to_the_grant(grant in 0i64..1_000_000_000, first in 0u32..=10_000) {
            let mut r = ProgrammeRules::example_2024();
            r.tranches = vec![Tranche { share_bp: first, after_months: 0 }, Tranche { share_bp: 10_000 - first, after_months: 6 }];
            let amounts = r.tranche_amounts(Money::from_minor(grant, crate::Currency::KGS));
            prop_assert_eq!(amounts.iter().map(|m| m.minor()).sum::<i64>(), grant);
            prop_assert!(amounts.iter().all(|m| m.minor() >= 0));
        }
    }
}
