//! A district commission's review: conflicts of interest, scores on the programme's criteria,
//! quorum, and the average score that ranks approved applications.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field_error::FieldError;
use crate::social_contract::programme::Criterion;

/// When a member may not review an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConflictRule {
    /// Only declared conflicts count.
    None,
    /// A member may not review a family of her own aiyl okmotu.
    SameAiylOkmotu,
}

impl ConflictRule {
    pub fn code(self) -> &'static str {
        match self {
            ConflictRule::None => "none",
            ConflictRule::SameAiylOkmotu => "same_aiyl_okmotu",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "none" => Some(ConflictRule::None),
            "same_aiyl_okmotu" => Some(ConflictRule::SameAiylOkmotu),
            _ => None,
        }
    }

    /// Whether the rule bars a member living in `member_aiyl` from a household of `household_aiyl`.
    pub fn bars(self, member_aiyl: &str, household_aiyl: &str) -> bool {
        match self {
            ConflictRule::None => false,
            ConflictRule::SameAiylOkmotu => {
                let key = crate::names::search_key;
                !member_aiyl.trim().is_empty() && key(member_aiyl) == key(household_aiyl)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Approve,
    Reject,
    Return,
}

/// Checks a member's scores against the criteria and gives their total.
pub fn total(criteria: &[Criterion], scores: &BTreeMap<String, u32>) -> Result<u32, Vec<FieldError>> {
    let mut errors = Vec::new();
    for c in criteria {
        match scores.get(&c.code) {
            None => errors.push(FieldError::new(format!("scores.{}", c.code), "review.score_missing", "")),
            Some(p) if *p > c.max_points => {
                errors.push(FieldError::new(format!("scores.{}", c.code), "review.score_over_max", p.to_string()))
            }
            Some(_) => {}
        }
    }
    for code in scores.keys() {
        if !criteria.iter().any(|c| &c.code == code) {
            errors.push(FieldError::new(format!("scores.{code}"), "review.criterion_unknown", code.as_str()));
        }
    }
    if errors.is_empty() { Ok(criteria.iter().filter_map(|c| scores.get(&c.code)).sum()) } else { Err(errors) }
}

/// The commission's average of the totals of members without a conflict, times 100, once the
/// quorum is met.
pub fn average_x100(totals: &[u32], quorum: u32) -> Option<i64> {
    let n = u32::try_from(totals.len()).ok()?;
    if n == 0 || n < quorum {
        return None;
    }
    Some(totals.iter().map(|t| i64::from(*t)).sum::<i64>() * 100 / i64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::social_contract::programme::default_criteria;

    fn scores(v: &[(&str, u32)]) -> BTreeMap<String, u32> {
        v.iter().map(|(k, p)| (k.to_string(), *p)).collect()
    }

    #[test]
    fn a_complete_scorecard_adds_up() {
        let s = scores(&[("viability", 8), ("market", 7), ("local_resources", 5), ("jobs", 3)]);
        assert_eq!(total(&default_criteria(), &s), Ok(23));
    }

    #[test]
    fn missing_excessive_and_unknown_scores_are_named() {
        let s = scores(&[("viability", 11), ("market", 7), ("jobs", 3), ("charm", 5)]);
        let rules: Vec<(String, &str)> =
            total(&default_criteria(), &s).unwrap_err().into_iter().map(|e| (e.field, e.rule)).collect();
        assert_eq!(
            rules,
            [
                ("scores.viability".into(), "review.score_over_max"),
                ("scores.local_resources".into(), "review.score_missing"),
                ("scores.charm".into(), "review.criterion_unknown")
            ]
        );
    }

    #[test]
    fn no_average_before_the_quorum() {
        assert_eq!(average_x100(&[20, 25], 3), None);
        assert_eq!(average_x100(&[20, 25, 26], 3), Some(2_366));
    }

    #[test]
    fn a_member_of_the_same_aiyl_okmotu_is_barred_in_either_script() {
        let rule = ConflictRule::SameAiylOkmotu;
        assert!(rule.bars("Ак-Жар а/о", "Ak-Jar a/o"));
        assert!(!rule.bars("Ак-Жар а/о", "Көк-Жар а/о"));
        assert!(!ConflictRule::None.bars("Ак-Жар", "Ак-Жар"));
    }
}
