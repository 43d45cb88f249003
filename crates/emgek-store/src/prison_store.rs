//! The store's doors for prison enterprises. The SQL is in `prison_queries.rs`.

use emgek_domain::prison::payroll::PayLine;
use emgek_domain::prison::rules::EnterpriseRules;
use time::Date;

use crate::prison::*;
use crate::{Actor, Result, Store};

impl Store {
    pub async fn create_facility(&self, by: &Actor, f: &NewFacility) -> Result<i64> {
        on_backend!(self, create_facility(by, f))
    }

    pub async fn facilities(&self) -> Result<Vec<FacilityRow>> {
        on_backend!(self, facilities())
    }

    pub async fn facility(&self, id: i64) -> Result<FacilityRow> {
        on_backend!(self, facility(id))
    }

    pub async fn add_population(&self, by: &Actor, facility: i64, on: Date, inmates: i64) -> Result<()> {
        on_backend!(self, add_population(by, facility, on, inmates))
    }

    /// Headcounts of a facility, latest first.
    pub async fn populations(&self, facility: i64) -> Result<Vec<(Date, i64)>> {
        on_backend!(self, populations(facility))
    }

    pub async fn create_workshop(&self, by: &Actor, w: &NewWorkshop) -> Result<i64> {
        on_backend!(self, create_workshop(by, w))
    }

    pub async fn workshops(&self, facility: i64) -> Result<Vec<WorkshopRow>> {
        on_backend!(self, workshops(facility))
    }

    pub async fn workshop(&self, id: i64) -> Result<WorkshopRow> {
        on_backend!(self, workshop(id))
    }

    pub async fn add_asset(
        &self,
        by: &Actor,
        workshop: i64,
        name: &str,
        funding_source: &str,
        value_tyiyn: i64,
        acquired_on: Date,
    ) -> Result<i64> {
        on_backend!(self, add_asset(by, workshop, name, funding_source, value_tyiyn, acquired_on))
    }

    pub async fn assets(&self, workshop: i64) -> Result<Vec<AssetRow>> {
        on_backend!(self, assets(workshop))
    }

    pub async fn add_inmate(&self, by: &Actor, i: &NewInmate) -> Result<i64> {
        on_backend!(self, add_inmate(by, i))
    }

    /// Many inmates with their work in one transaction.
    pub async fn add_inmates_with_work(
        &self,
        by: &Actor,
        facility: i64,
        items: &[(NewInmate, Vec<Work>)],
    ) -> Result<()> {
        on_backend!(self, add_inmates_with_work(by, facility, items))
    }

    pub async fn inmates(&self, facility: i64) -> Result<Vec<InmateRow>> {
        on_backend!(self, inmates(facility))
    }

    pub async fn inmate(&self, id: i64) -> Result<InmateRow> {
        on_backend!(self, inmate(id))
    }

    /// Puts an inmate to work from `starts`, ending the work he had before the day before.
    pub async fn assign_work(&self, by: &Actor, inmate: i64, workshop: i64, starts: Date, wage: i64) -> Result<i64> {
        on_backend!(self, assign_work(by, inmate, workshop, starts, wage))
    }

    pub async fn assignments(&self, inmate: i64) -> Result<Vec<AssignmentRow>> {
        on_backend!(self, assignments(inmate))
    }

    pub async fn add_deduction(&self, by: &Actor, inmate: i64, kind: &str, rate_bp: i64) -> Result<()> {
        on_backend!(self, add_deduction(by, inmate, kind, rate_bp))
    }

    pub async fn inmate_deductions(&self, inmate: i64) -> Result<Vec<DeductionRow>> {
        on_backend!(self, inmate_deductions(inmate))
    }

    pub async fn month_workers(&self, workshop: i64, first: Date, last: Date) -> Result<Vec<Worker>> {
        on_backend!(self, month_workers(workshop, first, last))
    }

    pub async fn month_deductions(&self, workshop: i64, first: Date, last: Date) -> Result<Vec<DeductionRow>> {
        on_backend!(self, month_deductions(workshop, first, last))
    }

    pub async fn save_timesheet(&self, by: &Actor, workshop: i64, month: Date, lines: &[TimesheetLine]) -> Result<()> {
        on_backend!(self, save_timesheet(by, workshop, month, lines))
    }

    /// Closes a month's payroll: lines of (inmate, days worked, pay).
    pub async fn close_payroll(
        &self,
        by: &Actor,
        workshop: i64,
        month: Date,
        lines: &[(i64, i64, PayLine)],
    ) -> Result<i64> {
        on_backend!(self, close_payroll(by, workshop, month, lines))
    }

    pub async fn payroll_run(
        &self,
        workshop: i64,
        month: Date,
    ) -> Result<Option<(PayrollRunRow, Vec<PayrollLineRow>)>> {
        on_backend!(self, payroll_run(workshop, month))
    }

    pub async fn personal_account(&self, inmate: i64) -> Result<i64> {
        on_backend!(self, personal_account(inmate))
    }

    pub async fn record_production(&self, by: &Actor, p: &NewProduction) -> Result<i64> {
        on_backend!(self, record_production(by, p))
    }

    pub async fn production(&self, workshop: i64, from: Date, to: Date) -> Result<Vec<ProductionRow>> {
        on_backend!(self, production(workshop, from, to))
    }

    pub async fn record_sale(&self, by: &Actor, s: &NewSale) -> Result<i64> {
        on_backend!(self, record_sale(by, s))
    }

    pub async fn sales(&self, workshop: i64, from: Date, to: Date) -> Result<Vec<SaleRow>> {
        on_backend!(self, sales(workshop, from, to))
    }

    pub async fn record_cost(&self, by: &Actor, c: &NewCost) -> Result<i64> {
        on_backend!(self, record_cost(by, c))
    }

    pub async fn costs(&self, workshop: i64, from: Date, to: Date) -> Result<Vec<CostRow>> {
        on_backend!(self, costs(workshop, from, to))
    }

    /// Every workshop's money between two days, summed by workshop, day and kind.
    pub async fn money_lines(&self, from: Date, to: Date) -> Result<Vec<MoneyLine>> {
        on_backend!(self, money_lines(from, to))
    }

    pub async fn add_commitment(&self, by: &Actor, source: &str, purpose: &str, on: Date, amount: i64) -> Result<i64> {
        on_backend!(self, add_commitment(by, source, purpose, on, amount))
    }

    /// Pays out part of a commitment (`funding.over_commitment` beyond what remains).
    pub async fn add_disbursement(
        &self,
        by: &Actor,
        commitment: i64,
        facility: Option<i64>,
        on: Date,
        amount: i64,
    ) -> Result<i64> {
        on_backend!(self, add_disbursement(by, commitment, facility, on, amount))
    }

    pub async fn funding(&self) -> Result<Vec<FundingRow>> {
        on_backend!(self, funding())
    }

    pub async fn create_course(&self, by: &Actor, c: &NewCourse) -> Result<i64> {
        on_backend!(self, create_course(by, c))
    }

    pub async fn courses(&self, facility: i64) -> Result<Vec<CourseRow>> {
        on_backend!(self, courses(facility))
    }

    pub async fn course(&self, id: i64) -> Result<CourseRow> {
        on_backend!(self, course(id))
    }

    /// Enrols an inmate while the course has a free place (`course.full` otherwise).
    pub async fn enrol(&self, by: &Actor, course: i64, inmate: i64, on: Date) -> Result<i64> {
        on_backend!(self, enrol(by, course, inmate, on))
    }

    pub async fn enrolments(&self, course: i64) -> Result<Vec<EnrolmentRow>> {
        on_backend!(self, enrolments(course))
    }

    pub async fn inmate_enrolments(&self, inmate: i64) -> Result<Vec<EnrolmentRow>> {
        on_backend!(self, inmate_enrolments(inmate))
    }

    pub async fn enrolment(&self, id: i64) -> Result<EnrolmentRow> {
        on_backend!(self, enrolment(id))
    }

    /// Ends a place on a course once: `completed` with its certificate, or `dropped`.
    pub async fn finish_enrolment(
        &self,
        by: &Actor,
        id: i64,
        status: &str,
        on: Date,
        certificate: Option<&str>,
    ) -> Result<()> {
        on_backend!(self, finish_enrolment(by, id, status, on, certificate))
    }

    /// Releases an inmate; his open work and courses end that day.
    pub async fn release(&self, by: &Actor, inmate: i64, on: Date) -> Result<()> {
        on_backend!(self, release(by, inmate, on))
    }

    pub async fn add_follow_up(
        &self,
        by: &Actor,
        inmate: i64,
        months_after: i64,
        checked_on: Date,
        outcome: &str,
        note: &str,
    ) -> Result<i64> {
        on_backend!(self, add_follow_up(by, inmate, months_after, checked_on, outcome, note))
    }

    pub async fn follow_ups(&self, inmate: i64) -> Result<Vec<FollowUpRow>> {
        on_backend!(self, follow_ups(inmate))
    }

    pub async fn outcome_lines(&self) -> Result<Vec<OutcomeLine>> {
        on_backend!(self, outcome_lines())
    }

    /// For each facility, the most inmates its own food output fed in the month.
    pub async fn inmates_fed(&self, first: Date, last: Date) -> Result<Vec<(i64, i64)>> {
        on_backend!(self, inmates_fed(first, last))
    }

    /// Each facility's latest day with food output recorded.
    pub async fn last_food_days(&self) -> Result<Vec<(i64, Date)>> {
        on_backend!(self, last_food_days())
    }

    pub async fn create_order(&self, by: &Actor, o: &NewOrder) -> Result<i64> {
        on_backend!(self, create_order(by, o))
    }

    pub async fn orders(&self, workshop: i64) -> Result<Vec<OrderRow>> {
        on_backend!(self, orders(workshop))
    }

    pub async fn order(&self, id: i64) -> Result<OrderRow> {
        on_backend!(self, order(id))
    }

    pub async fn order_lines(&self, order: i64) -> Result<Vec<OrderLineRow>> {
        on_backend!(self, order_lines(order))
    }

    /// Delivers part of an order line as a sale (`order.over_delivery` beyond what remains).
    pub async fn deliver(&self, by: &Actor, line: i64, on: Date, quantity: i64) -> Result<i64> {
        on_backend!(self, deliver(by, line, on, quantity))
    }

    /// Invoices what was delivered and not yet invoiced.
    pub async fn invoice(&self, by: &Actor, order: i64, number: &str, on: Date) -> Result<i64> {
        on_backend!(self, invoice(by, order, number, on))
    }

    pub async fn invoices(&self, order: i64) -> Result<Vec<InvoiceRow>> {
        on_backend!(self, invoices(order))
    }

    pub async fn invoice_by_id(&self, id: i64) -> Result<InvoiceRow> {
        on_backend!(self, invoice_by_id(id))
    }

    /// Records a payment of an invoice once per bank reference; `false` when it was already.
    pub async fn pay_invoice(&self, by: &Actor, invoice: i64, on: Date, amount: i64, reference: &str) -> Result<bool> {
        on_backend!(self, pay_invoice(by, invoice, on, amount, reference))
    }

    /// Adds a version of the enterprises' rules; versions are never rewritten.
    pub async fn add_enterprise_rules(&self, by: &Actor, rules: &EnterpriseRules) -> Result<()> {
        on_backend!(self, add_enterprise_rules(by, rules))
    }

    /// Every version of the enterprises' rules, oldest first.
    pub async fn enterprise_rules(&self) -> Result<Vec<EnterpriseRules>> {
        on_backend!(self, enterprise_rules())
    }

    /// The days on which some facility's headcount was taken, oldest first.
    pub async fn population_dates(&self) -> Result<Vec<Date>> {
        on_backend!(self, population_dates())
    }

    pub async fn working_share(&self, on: Date) -> Result<Vec<WorkingShare>> {
        on_backend!(self, working_share(on))
    }
}
