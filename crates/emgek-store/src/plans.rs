//! Prison enterprises' business plans as the store keeps them: the plan, its budget lines, the
//! purchases made against them, and the national Expert Group that reviews plans (a commission
//! of kind `expert_group`, with the same members and reviews tables as district commissions).

use serde::Serialize;
use time::Date;

/// A plan with its budget and what has been spent of it, both in the plan's minor units.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PlanRow {
    pub enterprise_plan_id: i64,
    pub facility_id: i64,
    pub title: String,
    pub activity: String,
    pub summary: String,
    pub currency: String,
    pub inmate_jobs: i64,
    pub status: String,
    pub score_x100: Option<i64>,
    pub submitted_on: Option<Date>,
    pub decided_on: Option<Date>,
    pub created_by: String,
    pub budget_minor: i64,
    pub spent_minor: i64,
}

/// A plan's heading as its author writes it; checked by the caller.
#[derive(Debug, Clone)]
pub struct NewPlan {
    pub facility_id: i64,
    pub title: String,
    pub activity: String,
    pub summary: String,
    pub currency: String,
    pub inmate_jobs: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PlanLineRow {
    pub enterprise_plan_line_id: i64,
    pub item: String,
    pub category: String,
    pub amount_minor: i64,
    pub spent_minor: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PurchaseRow {
    pub enterprise_plan_purchase_id: i64,
    pub enterprise_plan_line_id: i64,
    pub purchased_on: Date,
    pub supplier: String,
    pub method: String,
    pub reference: String,
    pub amount_minor: i64,
    pub created_by: String,
}

/// A purchase against an approved plan's line; checked by the caller, and again by the store
/// against what is left of the line.
#[derive(Debug, Clone)]
pub struct NewPurchase {
    pub plan_id: i64,
    pub line_id: i64,
    pub purchased_on: Date,
    pub supplier: String,
    pub method: String,
    pub reference: String,
    pub amount_minor: i64,
}

/// The Expert Group: a national commission with no call and no rayon.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PanelRow {
    pub commission_id: i64,
    pub name: String,
    pub quorum: i64,
    pub conflict_rule: String,
}
