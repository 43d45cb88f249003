//! The categories of grievances and their deadlines, as versions of rules by date like the
//! programmes' rules: each version is in force from its day until the next one's.

use serde::{Deserialize, Serialize};
use time::Date;
use time::macros::date;

use crate::FieldError;

coded!(
    /// How much harm a grievance of a category speaks of: the order of the queue.
    Severity {
        Low = "low",
        Medium = "medium",
        High = "high",
        Critical = "critical",
    }
);

coded!(
    /// Who handles a category first: the rayon's office, the oblast's, the ministry's
    /// programme team, or the officers named for sensitive grievances (abuse, corruption),
    /// never the rayon's staff they may concern.
    Team {
        Rayon = "rayon",
        Oblast = "oblast",
        Ministry = "ministry",
        Integrity = "integrity",
    }
);

/// A category of grievance. Two levels: a group (`payment`) and its categories
/// (`payment.late`); a grievance takes a category, never a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Category {
    /// `group.name`, lower-case letters and `_`.
    pub code: String,
    pub severity: Severity,
    /// Whether only the officers named for sensitive grievances may see it (every view
    /// audited).
    pub sensitive: bool,
    /// Working days from its receipt to its answer.
    pub deadline_days: u32,
    pub team: Team,
}

impl Category {
    /// The group of a category: the part of its code before the dot.
    pub fn group(&self) -> &str {
        self.code.split_once('.').map_or(self.code.as_str(), |(g, _)| g)
    }
}

/// Every rule of grievance handling in force from `effective_from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GrievanceRules {
    pub effective_from: Date,
    /// Working days to acknowledge a grievance (the law: registered within one working day).
    pub acknowledge_days: u32,
    /// A grievance is *at risk* this many working days before its deadline.
    pub at_risk_days: u32,
    /// Working days an escalated grievance is given at its new level.
    pub escalation_days: u32,
    /// The most working days a supervisor may extend a deadline by, once.
    pub extension_max_days: u32,
    /// Working days after a decision within which a family may appeal it.
    pub appeal_days: u32,
    pub categories: Vec<Category>,
}

impl GrievanceRules {
    /// Names every rule a version breaks.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let days = |field: &str, n: u32, errors: &mut Vec<FieldError>| {
            if !(1..=90).contains(&n) {
                errors.push(FieldError::new(field, "grievance_rules.days", n.to_string()));
            }
        };
        days("acknowledge_days", self.acknowledge_days, &mut errors);
        days("at_risk_days", self.at_risk_days, &mut errors);
        days("escalation_days", self.escalation_days, &mut errors);
        days("extension_max_days", self.extension_max_days, &mut errors);
        days("appeal_days", self.appeal_days, &mut errors);
        if self.categories.is_empty() || self.categories.len() > 200 {
            errors.push(FieldError::new("categories", "grievance_rules.categories", self.categories.len().to_string()));
        }
        for (i, c) in self.categories.iter().enumerate() {
            let well_formed = c.code.split_once('.').is_some_and(|(g, n)| {
                let word =
                    |s: &str| !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
                word(g) && word(n)
            });
            if !well_formed {
                errors.push(FieldError::new(format!("categories[{i}].code"), "grievance_rules.code", &c.code));
            } else if self.categories[..i].iter().any(|o| o.code == c.code) {
                errors.push(FieldError::new(format!("categories[{i}].code"), "grievance_rules.code_twice", &c.code));
            }
            days(&format!("categories[{i}].deadline_days"), c.deadline_days, &mut errors);
            if c.deadline_days <= self.at_risk_days && (1..=90).contains(&c.deadline_days) {
                errors.push(FieldError::new(
                    format!("categories[{i}].deadline_days"),
                    "grievance_rules.deadline_within_risk",
                    c.deadline_days.to_string(),
                ));
            }
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    pub fn category(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == code.trim())
    }

    /// The rules a new installation starts with: the law's one working day to register and
    /// fourteen days to answer (ten working days), payment problems sooner, abuse and
    /// corruption to the integrity officers.
    pub fn standard() -> Self {
        use Severity::*;
        use Team::*;
        let c = |code: &str, severity, sensitive, deadline_days, team| Category {
            code: code.into(),
            severity,
            sensitive,
            deadline_days,
            team,
        };
        Self {
            effective_from: date!(2024 - 01 - 01),
            acknowledge_days: 1,
            at_risk_days: 3,
            escalation_days: 5,
            extension_max_days: 10,
            appeal_days: 10,
            categories: vec![
                c("targeting.exclusion", Medium, false, 10, Rayon),
                c("targeting.inclusion", Medium, false, 10, Rayon),
                c("payment.late", High, false, 5, Oblast),
                c("payment.missing", High, false, 5, Oblast),
                c("commission.conduct", Medium, false, 10, Oblast),
                c("integrity.abuse", Critical, true, 10, Integrity),
                c("integrity.corruption", Critical, true, 10, Integrity),
                c("data.wrong", Low, false, 10, Rayon),
                c("service.other", Low, false, 10, Rayon),
                // An appeal of a commission's decision: heard by its other members.
                c("appeal.decision", High, false, 10, Rayon),
                // An inmate's contest of a payroll deduction: answered in the facility.
                c("prison.deduction", Medium, false, 10, Rayon),
            ],
        }
    }
}

/// The versions of the grievance rules, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrievanceRuleBook {
    versions: Vec<GrievanceRules>,
}

impl GrievanceRuleBook {
    pub fn new(mut versions: Vec<GrievanceRules>) -> Self {
        versions.sort_by_key(|v| v.effective_from);
        versions.dedup_by_key(|v| v.effective_from);
        Self { versions }
    }

    pub fn versions(&self) -> &[GrievanceRules] {
        &self.versions
    }

    /// The rules in force on `day`, if any had taken effect.
    pub fn in_force(&self, day: Date) -> Option<&GrievanceRules> {
        self.versions.iter().rev().find(|v| v.effective_from <= day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_rules_hold_together_and_sensitive_categories_go_to_integrity_officers() {
        let rules = GrievanceRules::standard();
        rules.check().unwrap();
        assert!(rules.categories.iter().filter(|c| c.sensitive).all(|c| c.team == Team::Integrity));
        assert_eq!(rules.category(" payment.late").unwrap().group(), "payment");
        assert!(rules.category("payment").is_none(), "a group is not a category");
    }

    #[test]
    fn a_version_names_each_rule_it_breaks() {
        let mut rules = GrievanceRules::standard();
        rules.acknowledge_days = 0;
        rules.categories[1].code = "targeting.exclusion".into();
        rules.categories[2].code = "Payment late".into();
        rules.categories[3].deadline_days = 2;
        let errors = rules.check().unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.rule)).collect();
        assert_eq!(
            found,
            [
                ("acknowledge_days", "grievance_rules.days"),
                ("categories[1].code", "grievance_rules.code_twice"),
                ("categories[2].code", "grievance_rules.code"),
                ("categories[3].deadline_days", "grievance_rules.deadline_within_risk"),
            ]
        );
    }

    #[test]
    fn the_rules_in_force_are_the_latest_version_begun_by_that_day() {
        let old = GrievanceRules::standard();
        let new = GrievanceRules { effective_from: date!(2026 - 07 - 01), acknowledge_days: 2, ..old.clone() };
        let book = GrievanceRuleBook::new(vec![new, old]);
        assert_eq!(book.in_force(date!(2026 - 06 - 30)).unwrap().acknowledge_days, 1);
        assert_eq!(book.in_force(date!(2026 - 07 - 01)).unwrap().acknowledge_days, 2);
        assert!(book.in_force(date!(2023 - 12 - 31)).is_none());
    }
}
