//! Eligibility and priority, computed from the registry with a readable account of each rule
//! passed or failed and each point earned. A decision keeps this report: later edits of the
//! registry never change it.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::household::{Disability, age_on};
use crate::social_contract::business_plan::PlanFigures;
use crate::social_contract::programme::ProgrammeRules;

/// The household facts a decision rests on, frozen when the application is submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HouseholdSnapshot {
    pub on_benefit: bool,
    /// Birth date and disability of every member.
    pub members: Vec<(Date, Disability)>,
    pub has_active_contract: bool,
    /// When the household was last funded by the programme, if ever.
    pub last_funded: Option<Date>,
    pub attended_training: bool,
}

/// One rule and whether the household met it. `rule` names the rule (and its message).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Check {
    pub rule: String,
    pub passed: bool,
}

/// Points earned for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Points {
    pub reason: String,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Assessment {
    pub eligible: bool,
    pub checks: Vec<Check>,
    pub priority: u32,
    pub points: Vec<Points>,
}

/// Assesses a household and its plan on `on` against the rules in force.
pub fn assess(
    rules: &ProgrammeRules,
    h: &HouseholdSnapshot,
    plan: Option<&PlanFigures>,
    ovop: bool,
    green: bool,
    on: Date,
) -> Assessment {
    let e = &rules.eligibility;
    let mut checks = Vec::new();
    let mut check = |rule: &str, applies: bool, passed: bool| {
        if applies {
            checks.push(Check { rule: rule.into(), passed });
        }
    };
    check("eligibility.benefit", e.require_benefit, h.on_benefit);
    let working_adult = h.members.iter().any(|(birth, disability)| {
        let age = age_on(*birth, on);
        (e.working_age_min..=e.working_age_max).contains(&age) && *disability != Disability::GroupI
    });
    check("eligibility.working_age_adult", e.require_working_age_adult, working_adult);
    check("eligibility.no_active_contract", e.no_active_contract, !h.has_active_contract);
    let funded_recently = h.last_funded.is_some_and(|d| age_on(d, on) < e.not_funded_within_years);
    check("eligibility.not_funded_recently", e.not_funded_within_years > 0, !funded_recently);
    check("eligibility.training", e.require_training, h.attended_training);

    let w = &rules.priority;
    let children = h.members.iter().filter(|(birth, _)| age_on(*birth, on) < 18).count();
    let disability = h.members.iter().any(|(_, d)| *d != Disability::None);
    let profitable = plan.and_then(|p| p.margin_bp).is_some_and(|m| m >= i64::from(w.profitable_margin_bp));
    let mut points = Vec::new();
    for (reason, earned, weight) in [
        ("priority.three_or_more_children", children >= 3, w.three_or_more_children),
        ("priority.member_with_disability", disability, w.member_with_disability),
        ("priority.ovop_product", ovop, w.ovop_product),
        ("priority.green_project", green, w.green_project),
        ("priority.profitable_plan", profitable, w.profitable_plan),
    ] {
        if earned && weight > 0 {
            points.push(Points { reason: reason.into(), points: weight });
        }
    }
    Assessment {
        eligible: checks.iter().all(|c| c.passed),
        checks,
        priority: points.iter().map(|p| p.points).sum(),
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const ON: Date = date!(2024 - 06 - 01);

    fn family() -> HouseholdSnapshot {
        HouseholdSnapshot {
            on_benefit: true,
            members: vec![
                (date!(1985 - 01 - 01), Disability::None),
                (date!(2012 - 01 - 01), Disability::None),
                (date!(2015 - 01 - 01), Disability::Child),
                (date!(2018 - 01 - 01), Disability::None),
            ],
            has_active_contract: false,
            last_funded: None,
            attended_training: true,
        }
    }

    #[test]
    fn a_large_family_with_a_disabled_child_is_eligible_with_priority_points() {
        let a = assess(&ProgrammeRules::example_2024(), &family(), None, true, false, ON);
        assert!(a.eligible);
        let reasons: Vec<&str> = a.points.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(
            reasons,
            ["priority.three_or_more_children", "priority.member_with_disability", "priority.ovop_product"]
        );
        assert_eq!(a.priority, 75);
    }

    #[test]
    fn each_failed_rule_is_named() {
        let mut h = family();
        h.on_benefit = false;
        h.last_funded = Some(date!(2021 - 01 - 01));
        h.members = vec![(date!(1950 - 01 - 01), Disability::None), (date!(1990 - 01 - 01), Disability::GroupI)];
        let a = assess(&ProgrammeRules::example_2024(), &h, None, false, false, ON);
        assert!(!a.eligible);
        let failed: Vec<&str> = a.checks.iter().filter(|c| !c.passed).map(|c| c.rule.as_str()).collect();
        assert_eq!(failed, ["eligibility.benefit", "eligibility.working_age_adult", "eligibility.not_funded_recently"]);
    }

    #[test]
    fn a_rule_switched_off_is_not_checked() {
        let mut rules = ProgrammeRules::example_2024();
        rules.eligibility.require_training = false;
        let mut h = family();
        h.attended_training = false;
        let a = assess(&rules, &h, None, false, false, ON);
        assert!(a.eligible && a.checks.iter().all(|c| c.rule != "eligibility.training"));
    }
}
