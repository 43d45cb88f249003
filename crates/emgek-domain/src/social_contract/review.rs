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

/// What the panel recommends: the recommendation given by more of its members without a
/// conflict than any other; none when no review is in or the most given are tied.
pub fn panel_recommendation(given: &[Recommendation]) -> Option<Recommendation> {
    let count = |r: Recommendation| given.iter().filter(|g| **g == r).count();
    let mut counts = [Recommendation::Approve, Recommendation::Reject, Recommendation::Return].map(|r| (count(r), r));
    counts.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    match counts {
        [(0, _), ..] => None,
        [(a, _), (b, _), _] if a == b => None,
        [(_, r), ..] => Some(r),
    }
}

/// How a decision stands against its panel's recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ruling {
    /// The decision is what most of the panel recommended.
    FollowsPanel,
    /// The decision departs from the panel (or settles a tie): allowed only where the rules
    /// allow overrides, with a written reason, and shown as such in the minutes.
    Overrides,
}

/// Whether a decision may be taken given the panel's recommendation: it must follow the
/// majority; a tie goes back to the panel; departing from it needs rules that allow overrides
/// and a written reason. The error is the rule broken.
pub fn rule_on(
    panel: Option<Recommendation>,
    outcome: Recommendation,
    reason: &str,
    overrides_allowed: bool,
) -> Result<Ruling, &'static str> {
    if panel == Some(outcome) {
        return Ok(Ruling::FollowsPanel);
    }
    if !overrides_allowed {
        return Err(if panel.is_none() { "review.tied" } else { "review.against_panel" });
    }
    if reason.trim().is_empty() {
        return Err("review.override_reason_required");
    }
    Ok(Ruling::Overrides)
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
    fn the_panel_recommends_what_most_of_its_members_gave_and_nothing_on_a_tie() {
        use Recommendation::*;
        assert_eq!(panel_recommendation(&[Approve, Reject, Reject]), Some(Reject));
        assert_eq!(panel_recommendation(&[Approve, Approve, Return]), Some(Approve));
        assert_eq!(panel_recommendation(&[Approve, Reject]), None);
        assert_eq!(panel_recommendation(&[Approve, Reject, Return]), None);
        assert_eq!(panel_recommendation(&[]), None);
        assert_eq!(panel_recommendation(&[Return]), Some(Return));
    }

    #[test]
    fn a_decision_against_the_panel_needs_rules_that_allow_it_and_a_reason() {
        use Recommendation::*;
        assert_eq!(rule_on(Some(Reject), Reject, "", false), Ok(Ruling::FollowsPanel));
        assert_eq!(rule_on(Some(Reject), Approve, "good plan", false), Err("review.against_panel"));
        assert_eq!(rule_on(None, Approve, "good plan", false), Err("review.tied"));
        assert_eq!(rule_on(Some(Reject), Approve, "  ", true), Err("review.override_reason_required"));
        assert_eq!(rule_on(Some(Reject), Approve, "the market study was updated", true), Ok(Ruling::Overrides));
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
