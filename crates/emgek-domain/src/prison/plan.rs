//! A prison enterprise's business plan: what a facility's manager asks the national Expert Group
//! to approve, its budget in som or US dollars, and the purchases made against that budget once
//! approved.
//!
//! A plan travels the same road as a Social Contract application (`application::Status`) and is
//! scored with the same review engine (`review::total`, `review::average_x100`) on the criteria
//! below; only what is particular to an enterprise lives here.

use serde::{Deserialize, Serialize};

use crate::field_error::FieldError;
use crate::money::Currency;
use crate::social_contract::programme::Criterion;

/// What the Expert Group scores a plan on: a viable business, a market for the product, work
/// for inmates, a trade they can take out of prison, and food for the prisons.
pub fn criteria() -> Vec<Criterion> {
    [("viability", 10), ("market", 10), ("inmate_jobs", 10), ("training", 5), ("food_self_sufficiency", 5)]
        .into_iter()
        .map(|(code, max_points)| Criterion { code: code.into(), max_points })
        .collect()
}

/// What a budget line pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineCategory {
    Equipment,
    Materials,
    Works,
    Training,
    Other,
}

impl LineCategory {
    pub const ALL: [LineCategory; 5] = [
        LineCategory::Equipment,
        LineCategory::Materials,
        LineCategory::Works,
        LineCategory::Training,
        LineCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LineCategory::Equipment => "equipment",
            LineCategory::Materials => "materials",
            LineCategory::Works => "works",
            LineCategory::Training => "training",
            LineCategory::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code.trim())
    }
}

/// How a purchase was procured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Procurement {
    /// An open tender.
    Tender,
    /// A request for at least three quotations.
    Quotations,
    /// Direct purchase from a single supplier.
    Direct,
}

impl Procurement {
    pub const ALL: [Procurement; 3] = [Procurement::Tender, Procurement::Quotations, Procurement::Direct];

    pub fn code(self) -> &'static str {
        match self {
            Procurement::Tender => "tender",
            Procurement::Quotations => "quotations",
            Procurement::Direct => "direct",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code.trim())
    }
}

/// The plan's heading as its author writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanHeading {
    pub title: String,
    pub activity: String,
    pub summary: String,
    pub currency: Currency,
    pub inmate_jobs: i64,
}

/// Checks a heading: a title and an activity named, a summary of reasonable length, no negative
/// count of jobs.
pub fn check_heading(h: &PlanHeading) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (field, text, max) in [("title", &h.title, 200), ("activity", &h.activity, 120)] {
        if text.trim().is_empty() || text.chars().count() > max {
            errors.push(FieldError::new(field, "text.required", text.trim()));
        }
    }
    if h.summary.chars().count() > 4_000 {
        errors.push(FieldError::new("summary", "plan.summary_too_long", "4000"));
    }
    if h.inmate_jobs < 0 {
        errors.push(FieldError::new("inmate_jobs", "number.whole", h.inmate_jobs.to_string()));
    }
    errors
}

/// Checks a budget line: an item named and a positive amount (in the plan's minor units).
pub fn check_line(item: &str, amount_minor: i64) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if item.trim().is_empty() || item.chars().count() > 200 {
        errors.push(FieldError::new("item", "text.required", item.trim()));
    }
    if amount_minor <= 0 {
        errors.push(FieldError::new("plan_amount", "plan.amount_positive", amount_minor.to_string()));
    }
    errors
}

/// What is left of a budget line after what was already spent on it, or why `amount` more
/// cannot be spent: a line's purchases may not exceed what the Expert Group approved.
pub fn check_purchase(approved: i64, spent: i64, amount: i64) -> Result<i64, FieldError> {
    let left = approved - spent;
    if amount <= 0 {
        return Err(FieldError::new("plan_amount", "plan.amount_positive", amount.to_string()));
    }
    if amount > left {
        return Err(FieldError::new("plan_amount", "plan.over_budget", left.to_string()));
    }
    Ok(left - amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_expert_group_scores_five_criteria_out_of_forty() {
        let c = criteria();
        assert_eq!(c.len(), 5);
        assert_eq!(c.iter().map(|c| c.max_points).sum::<u32>(), 40);
    }

    #[test]
    fn a_heading_without_title_or_activity_names_both_fields() {
        let h = PlanHeading {
            title: " ".into(),
            activity: String::new(),
            summary: String::new(),
            currency: Currency::USD,
            inmate_jobs: -1,
        };
        let fields: Vec<String> = check_heading(&h).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "activity", "inmate_jobs"]);
    }

    #[test]
    fn a_purchase_beyond_the_line_says_how_much_is_left() {
        assert_eq!(check_purchase(10_000, 4_000, 6_000), Ok(0));
        let e = check_purchase(10_000, 4_000, 6_001).unwrap_err();
        assert_eq!((e.field.as_str(), e.rule, e.value.as_str()), ("plan_amount", "plan.over_budget", "6000"));
        assert_eq!(check_purchase(10_000, 0, 0).unwrap_err().rule, "plan.amount_positive");
    }

    #[test]
    fn codes_read_back_as_what_they_name() {
        for c in LineCategory::ALL {
            assert_eq!(LineCategory::parse(c.code()), Some(c));
        }
        for p in Procurement::ALL {
            assert_eq!(Procurement::parse(p.code()), Some(p));
        }
        assert_eq!(Currency::parse("usd"), Some(Currency::USD));
    }

    proptest! {
        #[test]
        fn accepted_purchases_never_spend_more_than_the_line(
            approved in 1i64..10_000_000,
            amounts in proptest::collection::vec(1i64..5_000_000, 0..20),
        ) {
            let mut spent = 0;
            for a in amounts {
                if let Ok(left) = check_purchase(approved, spent, a) {
                    spent += a;
                    prop_assert_eq!(left, approved - spent);
                }
                prop_assert!(spent <= approved);
            }
        }
    }
}
