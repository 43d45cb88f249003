//! A family's business plan: what it buys, what it expects to earn, and the checks against the
//! programme's caps.

use serde::{Deserialize, Serialize};

use crate::field_error::FieldError;
use crate::money::{Currency, Money};
use crate::social_contract::programme::ProgrammeRules;

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text.trim() { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

codes!(
    /// The sector of the business (2024: agriculture ~73%, manufacturing ~14%, trade ~7%,
    /// services ~6% of contracts).
    Sector { Agriculture = "agriculture", Manufacturing = "manufacturing", Trade = "trade", Services = "services" }
);

codes!(
    /// What a budget line buys; caps apply per category.
    BudgetCategory {
        Livestock = "livestock",
        Equipment = "equipment",
        Materials = "materials",
        Premises = "premises",
        Seeds = "seeds",
        Training = "training",
        Other = "other",
    }
);

/// One thing the plan buys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BudgetLine {
    pub category: BudgetCategory,
    pub item: String,
    pub quantity: u32,
    pub unit_price: Money,
}

impl BudgetLine {
    pub fn total(&self) -> Money {
        Money::from_minor(self.unit_price.minor().saturating_mul(i64::from(self.quantity)), self.unit_price.currency())
    }
}

/// One month of the 12-month projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MonthProjection {
    pub revenue: Money,
    pub costs: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BusinessPlan {
    pub sector: Sector,
    pub activity: String,
    /// The One Village – One Product category the product belongs to, if any.
    pub ovop_category: Option<String>,
    pub local_resources: String,
    pub lines: Vec<BudgetLine>,
    pub own_contribution: Money,
    pub projection: Vec<MonthProjection>,
    pub jobs: u32,
    pub green: bool,
}

/// What follows from a plan's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanFigures {
    pub total_budget: Money,
    /// What the plan asks of the programme: the budget less the family's own contribution.
    pub grant_requested: Money,
    pub revenue_12m: Money,
    pub costs_12m: Money,
    pub profit_12m: Money,
    /// Profit over revenue, in basis points (None without revenue).
    pub margin_bp: Option<i64>,
    /// Months of average profit that repay the grant (None if the plan makes no profit).
    pub payback_months: Option<i64>,
}

/// The most any one amount of a family's plan may be: ten million som, a hundred grants.
pub const MAX_PLAN_AMOUNT: i64 = 1_000_000_000;
/// The most budget lines a plan may have, and units a line may buy.
pub const MAX_PLAN_LINES: usize = 100;
pub const MAX_PLAN_QUANTITY: u32 = 100_000;

fn som(minor: i64) -> Money {
    Money::from_minor(minor, Currency::KGS)
}

impl BusinessPlan {
    pub fn figures(&self) -> PlanFigures {
        let total: i64 = self.lines.iter().map(|l| l.total().minor()).fold(0, i64::saturating_add);
        let revenue: i64 = self.projection.iter().map(|m| m.revenue.minor()).fold(0, i64::saturating_add);
        let costs: i64 = self.projection.iter().map(|m| m.costs.minor()).fold(0, i64::saturating_add);
        let profit = revenue - costs;
        let grant = (total - self.own_contribution.minor()).max(0);
        let months = i64::try_from(self.projection.len().max(1)).unwrap_or(12);
        let monthly_profit = profit / months;
        PlanFigures {
            total_budget: som(total),
            grant_requested: som(grant),
            revenue_12m: som(revenue),
            costs_12m: som(costs),
            profit_12m: som(profit),
            margin_bp: (revenue > 0).then(|| profit * 10_000 / revenue),
            // Rounded up: a part-month of repayment is a month.
            payback_months: (monthly_profit > 0).then(|| (grant + monthly_profit - 1) / monthly_profit),
        }
    }

    /// Every rule of the programme the plan breaks, each naming its field.
    pub fn check(&self, rules: &ProgrammeRules) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let f = self.figures();
        if self.activity.trim().is_empty() {
            errors.push(FieldError::new("activity", "plan.activity_required", ""));
        }
        if self.lines.is_empty() {
            errors.push(FieldError::new("lines", "plan.lines_required", ""));
        }
        // Amounts sent as JSON pass the rules of amounts typed in the form: som, not negative,
        // and no larger than a plan can mean.
        let mut amount = |field: String, m: Money| {
            if m.currency() != Currency::KGS {
                errors.push(FieldError::new(field, "plan.currency_unknown", m.currency().code()));
            } else if m.minor() < 0 {
                errors.push(FieldError::new(field, "money.negative", m.to_plain()));
            } else if m.minor() > MAX_PLAN_AMOUNT {
                errors.push(FieldError::new(field, "money.too_large", m.to_plain()));
            }
        };
        for (i, line) in self.lines.iter().enumerate() {
            amount(format!("lines[{i}].unit_price"), line.unit_price);
        }
        amount("own_contribution".into(), self.own_contribution);
        for (i, month) in self.projection.iter().enumerate() {
            amount(format!("projection[{i}].revenue"), month.revenue);
            amount(format!("projection[{i}].costs"), month.costs);
        }
        if self.lines.len() > MAX_PLAN_LINES {
            errors.push(FieldError::new("lines", "plan.too_many_lines", MAX_PLAN_LINES.to_string()));
        }
        for (i, line) in self.lines.iter().enumerate() {
            if line.quantity > MAX_PLAN_QUANTITY {
                errors.push(FieldError::new(
                    format!("lines[{i}].quantity"),
                    "number.too_large",
                    line.quantity.to_string(),
                ));
            }
            if line.item.trim().is_empty() {
                errors.push(FieldError::new(format!("lines[{i}].item"), "plan.item_required", ""));
            }
            if line.quantity == 0 {
                errors.push(FieldError::new(format!("lines[{i}].quantity"), "plan.quantity_zero", "0"));
            }
        }
        if self.projection.len() != 12 {
            errors.push(FieldError::new("projection", "plan.projection_months", self.projection.len().to_string()));
        }
        if self.own_contribution.minor() > f.total_budget.minor() {
            errors.push(FieldError::new(
                "own_contribution",
                "plan.contribution_over_budget",
                self.own_contribution.to_plain(),
            ));
        }
        if f.grant_requested.minor() > rules.grant_cap.minor() {
            errors.push(FieldError::new("lines", "plan.grant_over_cap", f.grant_requested.to_plain()));
        }
        match self.ovop_category.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None if rules.require_ovop => errors.push(FieldError::new("ovop_category", "plan.ovop_required", "")),
            None => {}
            // A business that fits One Village – One Product names the programme's category and
            // the local resources it is made from.
            Some(code) => {
                if crate::ovop::catalogue::Category::parse(code).is_none() {
                    errors.push(FieldError::new("ovop_category", "ovop.category_unknown", code));
                }
                if let Err(e) = crate::ovop::catalogue::parse_resources(&self.local_resources) {
                    errors.push(e);
                }
            }
        }
        for cap in &rules.spending_caps {
            let spent: i64 = self.lines.iter().filter(|l| l.category == cap.category).map(|l| l.total().minor()).sum();
            if f.total_budget.minor() > 0 && spent * 10_000 > f.total_budget.minor() * i64::from(cap.max_share_bp) {
                let share = spent * 100 / f.total_budget.minor();
                errors.push(FieldError::new(
                    format!("lines.{}", cap.category.code()),
                    "plan.category_over_cap",
                    format!("{share}%"),
                ));
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn plan() -> BusinessPlan {
        BusinessPlan {
            sector: Sector::Agriculture,
            activity: "Dairy cows".into(),
            ovop_category: Some("dairy".into()),
            local_resources: "milk".into(),
            lines: vec![
                BudgetLine {
                    category: BudgetCategory::Livestock,
                    item: "Cow".into(),
                    quantity: 2,
                    unit_price: Money::som(45_000),
                },
                BudgetLine {
                    category: BudgetCategory::Premises,
                    item: "Barn repair".into(),
                    quantity: 1,
                    unit_price: Money::som(15_000),
                },
            ],
            own_contribution: Money::som(5_000),
            projection: vec![MonthProjection { revenue: Money::som(12_000), costs: Money::som(4_000) }; 12],
            jobs: 2,
            green: false,
        }
    }

    #[test]
    fn negative_foreign_or_huge_amounts_sent_as_json_are_refused_by_field() {
        let mut p = plan();
        p.projection[0].costs = Money::from_minor(-100_000_000, Currency::KGS);
        p.lines[0].unit_price = Money::from_minor(100, Currency::USD);
        p.own_contribution = Money::from_minor(MAX_PLAN_AMOUNT + 1, Currency::KGS);
        let found: Vec<(String, &str)> =
            p.check(&ProgrammeRules::example_2024()).into_iter().map(|e| (e.field, e.rule)).collect();
        for expected in [
            ("lines[0].unit_price".to_string(), "plan.currency_unknown"),
            ("own_contribution".to_string(), "money.too_large"),
            ("projection[0].costs".to_string(), "money.negative"),
        ] {
            assert!(found.contains(&expected), "{expected:?} in {found:?}");
        }
    }

    #[test]
    fn figures_add_up_the_lines_and_the_projection() {
        let f = plan().figures();
        assert_eq!(f.total_budget, Money::som(105_000));
        assert_eq!(f.grant_requested, Money::som(100_000));
        assert_eq!(f.profit_12m, Money::som(96_000));
        assert_eq!(f.margin_bp, Some(6_666));
        assert_eq!(f.payback_months, Some(13));
    }

    #[test]
    fn a_plan_that_fits_one_village_one_product_names_its_category_and_local_resources() {
        let rules = ProgrammeRules::example_2024();
        let mut p = plan();
        p.ovop_category = Some("cheese".into());
        p.local_resources = "pasture".into();
        let rules_broken: Vec<_> = p.check(&rules).into_iter().map(|e| (e.field, e.rule)).collect();
        assert_eq!(
            rules_broken,
            [
                ("ovop_category".to_string(), "ovop.category_unknown"),
                ("local_resources".to_string(), "ovop.resource_unknown")
            ]
        );
        p.ovop_category = None;
        assert!(p.check(&rules).is_empty(), "a plan outside the programme may describe its resources freely");
        let strict = ProgrammeRules { require_ovop: true, ..rules };
        assert_eq!(p.check(&strict)[0].rule, "plan.ovop_required");
    }

    #[test]
    fn a_plan_within_the_caps_passes() {
        assert!(plan().check(&ProgrammeRules::example_2024()).is_empty());
    }

    #[test]
    fn spending_over_a_cap_names_the_category_and_the_share() {
        let mut p = plan();
        p.lines[1].unit_price = Money::som(20_000);
        p.own_contribution = Money::som(10_000);
        let errors = p.check(&ProgrammeRules::example_2024());
        assert_eq!(errors, vec![FieldError::new("lines.premises", "plan.category_over_cap", "18%")]);
    }

    #[test]
    fn a_grant_over_the_cap_and_an_incomplete_projection_are_both_reported() {
        let mut p = plan();
        p.own_contribution = Money::som(0);
        p.projection.truncate(6);
        let rules: Vec<&str> = p.check(&ProgrammeRules::example_2024()).iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["plan.projection_months", "plan.grant_over_cap"]);
    }
}
