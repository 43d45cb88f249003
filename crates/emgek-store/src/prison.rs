//! Prison enterprises as the store keeps them: facilities, workshops, inmates and their work,
//! timesheets, payroll runs, production and sales.

use serde::Serialize;
use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FacilityRow {
    pub facility_id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub rayon_code: String,
    pub locality: String,
    pub capacity: i64,
    pub description: String,
}

/// A facility as HQ sets it up; checked by the caller.
#[derive(Debug, Clone)]
pub struct NewFacility {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub rayon_code: String,
    pub locality: String,
    pub capacity: i64,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct WorkshopRow {
    pub workshop_id: i64,
    pub facility_id: i64,
    pub code: String,
    pub name: String,
    pub activity: String,
    pub opened_on: Date,
    pub wage_tyiyn: i64,
}

#[derive(Debug, Clone)]
pub struct NewWorkshop {
    pub facility_id: i64,
    pub code: String,
    pub name: String,
    pub activity: String,
    pub opened_on: Date,
    pub wage_tyiyn: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AssetRow {
    pub asset_id: i64,
    pub workshop_id: i64,
    pub name: String,
    pub funding_source: String,
    pub value_tyiyn: i64,
    pub acquired_on: Date,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct InmateRow {
    pub inmate_id: i64,
    pub facility_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub sex: String,
    pub released_on: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct NewInmate {
    pub facility_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub sex: String,
}

/// A spell of work in a workshop, as a bulk load gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    pub workshop_id: i64,
    pub starts: Date,
    /// None while it goes on.
    pub ends: Option<Date>,
    /// For a full month, in tyiyn.
    pub wage_tyiyn: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AssignmentRow {
    pub work_assignment_id: i64,
    pub inmate_id: i64,
    pub workshop_id: i64,
    pub starts: Date,
    pub ends: Option<Date>,
    pub wage_tyiyn: i64,
}

/// An inmate who worked in a workshop during a month, with the month's timesheet if kept.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Worker {
    pub inmate_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub wage_tyiyn: i64,
    pub working_days: Option<i64>,
    pub days_worked: Option<i64>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DeductionRow {
    pub deduction_order_id: i64,
    pub inmate_id: i64,
    pub kind: String,
    pub rate_bp: i64,
    /// Who recorded it: she does not answer its contest ('' for orders recorded before this
    /// was kept).
    pub recorded_by: String,
    /// The day a contest upheld ended it: no payroll withholds it after.
    pub ended_on: Option<Date>,
    /// Whether an open contest suspends it: no payroll withholds it meanwhile.
    pub suspended: bool,
    /// The contest (a grievance) that suspends it, or that ended it: its id, year and number.
    pub contest_id: Option<i64>,
    pub contest_year: Option<i32>,
    pub contest_seq: Option<i32>,
}

/// One inmate's line of a month's timesheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimesheetLine {
    pub inmate_id: i64,
    pub working_days: i64,
    pub days_worked: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PayrollRunRow {
    pub payroll_run_id: i64,
    pub workshop_id: i64,
    pub month: Date,
    pub gross_tyiyn: i64,
    pub withheld_tyiyn: i64,
    pub net_tyiyn: i64,
    pub closed_by: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PayrollLineRow {
    pub inmate_id: i64,
    pub days_worked: i64,
    pub gross_tyiyn: i64,
    /// `[[kind, tyiyn], …]`.
    pub deductions_json: String,
    pub net_tyiyn: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProductionRow {
    pub production_id: i64,
    pub workshop_id: i64,
    pub produced_on: Date,
    pub whole_month: bool,
    pub product: String,
    pub unit: String,
    pub quantity: i64,
    pub internal_quantity: i64,
    pub transfer_price: i64,
    pub inmates_fed: i64,
}

#[derive(Debug, Clone)]
pub struct NewProduction {
    pub workshop_id: i64,
    pub produced_on: Date,
    pub whole_month: bool,
    pub product: String,
    pub unit: String,
    pub quantity: i64,
    pub internal_quantity: i64,
    pub transfer_price: i64,
    pub inmates_fed: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SaleRow {
    pub sale_id: i64,
    pub workshop_id: i64,
    pub sold_on: Date,
    pub customer: String,
    pub product: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub amount_tyiyn: i64,
}

#[derive(Debug, Clone)]
pub struct NewSale {
    pub workshop_id: i64,
    pub sold_on: Date,
    pub customer: String,
    pub product: String,
    pub quantity: i64,
    pub unit_price: i64,
    /// The workshop's number of the sale, for one brought from its files.
    pub sale_ref: Option<String>,
}

/// A facility's headcount and working inmates on a day: the share of inmates in work.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct WorkingShare {
    pub facility_id: i64,
    /// The latest headcount on or before the day, if any was taken.
    pub population: Option<i64>,
    pub working: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CostRow {
    pub cost_id: i64,
    pub workshop_id: i64,
    pub spent_on: Date,
    pub category: String,
    pub description: String,
    pub amount_tyiyn: i64,
}

#[derive(Debug, Clone)]
pub struct NewCost {
    pub workshop_id: i64,
    pub spent_on: Date,
    pub category: String,
    pub description: String,
    pub amount_tyiyn: i64,
}

/// One movement of a workshop's money on a day: `sale`, `internal` (use inside the Prison
/// Service at transfer prices), `cost` or `wages` (a closed payroll, on its month's first day).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MoneyLine {
    pub workshop_id: i64,
    pub on_day: Date,
    pub kind: String,
    pub amount_tyiyn: i64,
}

/// Money promised to the income-generating activities, and how much of it was paid out.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FundingRow {
    pub funding_commitment_id: i64,
    pub source: String,
    pub purpose: String,
    pub committed_on: Date,
    pub amount_tyiyn: i64,
    pub disbursed_tyiyn: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CourseRow {
    pub course_id: i64,
    pub facility_id: i64,
    pub name: String,
    pub trade: String,
    pub starts: Date,
    pub months: i64,
    pub places: i64,
    /// Enrolments that are not dropped.
    pub taken: i64,
    pub completed: i64,
}

#[derive(Debug, Clone)]
pub struct NewCourse {
    pub facility_id: i64,
    pub name: String,
    pub trade: String,
    pub starts: Date,
    pub months: i64,
    pub places: i64,
}

/// An inmate's place on a course, with the course and the inmate named.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct EnrolmentRow {
    pub enrolment_id: i64,
    pub course_id: i64,
    pub course: String,
    pub trade: String,
    pub facility_id: i64,
    pub inmate_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub enrolled_on: Date,
    pub status: String,
    pub finished_on: Option<Date>,
    pub certificate_number: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FollowUpRow {
    pub follow_up_id: i64,
    pub inmate_id: i64,
    pub months_after: i64,
    pub checked_on: Date,
    pub outcome: String,
    pub note: String,
}

/// Completions and follow-ups for the indicators: one row per event, with its facility.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OutcomeLine {
    pub facility_id: i64,
    pub on_day: Date,
    /// `certified`, or a follow-up's `<months>:<outcome>`.
    pub kind: String,
}

/// A customer's order with what was delivered, invoiced and paid of it, in tyiyn.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrderRow {
    pub order_id: i64,
    pub workshop_id: i64,
    pub customer: String,
    pub ordered_on: Date,
    pub due_on: Date,
    pub ordered_tyiyn: i64,
    pub delivered_tyiyn: i64,
    pub invoiced_tyiyn: i64,
    pub paid_tyiyn: i64,
}

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub workshop_id: i64,
    /// The workshop's own number of the order, when it comes from a file.
    pub reference: Option<String>,
    pub customer: String,
    pub ordered_on: Date,
    pub due_on: Date,
    /// Product, quantity, unit price in tyiyn.
    pub lines: Vec<(String, i64, i64)>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrderLineRow {
    pub order_line_id: i64,
    pub order_id: i64,
    pub product: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub delivered: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct InvoiceRow {
    pub invoice_id: i64,
    pub order_id: i64,
    pub number: String,
    pub issued_on: Date,
    pub amount_tyiyn: i64,
    pub paid_tyiyn: i64,
}
