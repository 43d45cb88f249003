//! The store's doors for prison enterprises. The SQL is in `prison_queries.rs`.

use emgek_domain::prison::payroll::PayLine;
use emgek_domain::prison::rules::EnterpriseRules;
use time::Date;

use crate::prison::*;
use crate::{Actor, Result, Store};

impl Store {
    forward! {
        pub async fn create_facility(&self, by: &Actor, f: &NewFacility) -> Result<i64>;
        pub async fn facilities(&self) -> Result<Vec<FacilityRow>>;
        pub async fn facility(&self, id: i64) -> Result<FacilityRow>;
        pub async fn add_population(&self, by: &Actor, facility: i64, on: Date, inmates: i64) -> Result<()>;
        /// Headcounts of a facility, latest first.
        pub async fn populations(&self, facility: i64) -> Result<Vec<(Date, i64)>>;
        pub async fn create_workshop(&self, by: &Actor, w: &NewWorkshop) -> Result<i64>;
        pub async fn workshops(&self, facility: i64) -> Result<Vec<WorkshopRow>>;
        pub async fn workshop(&self, id: i64) -> Result<WorkshopRow>;
        pub async fn add_asset(&self, by: &Actor, workshop: i64, name: &str, funding_source: &str, value_tyiyn: i64, acquired_on: Date) -> Result<i64>;
        pub async fn assets(&self, workshop: i64) -> Result<Vec<AssetRow>>;
        pub async fn add_inmate(&self, by: &Actor, i: &NewInmate) -> Result<i64>;
        /// Many inmates with their work in one transaction.
        pub async fn add_inmates_with_work(&self, by: &Actor, facility: i64, items: &[(NewInmate, Vec<Work>)]) -> Result<()>;
        pub async fn inmates(&self, facility: i64) -> Result<Vec<InmateRow>>;
        pub async fn inmate(&self, id: i64) -> Result<InmateRow>;
        /// Puts an inmate to work from `starts`, ending the work he had before the day before.
        pub async fn assign_work(&self, by: &Actor, inmate: i64, workshop: i64, starts: Date, wage: i64) -> Result<i64>;
        pub async fn assignments(&self, inmate: i64) -> Result<Vec<AssignmentRow>>;
        pub async fn add_deduction(&self, by: &Actor, inmate: i64, kind: &str, rate_bp: i64) -> Result<()>;
        /// An inmate's deduction orders, ended and suspended ones with them.
        pub async fn inmate_deductions(&self, inmate: i64) -> Result<Vec<DeductionRow>>;
        pub async fn deduction_order(&self, id: i64) -> Result<DeductionRow>;
        pub async fn month_workers(&self, workshop: i64, first: Date, last: Date) -> Result<Vec<Worker>>;
        /// The orders a month's payroll withholds: neither suspended by an open contest nor ended.
        pub async fn month_deductions(&self, workshop: i64, first: Date, last: Date) -> Result<Vec<DeductionRow>>;
        pub async fn save_timesheet(&self, by: &Actor, workshop: i64, month: Date, lines: &[TimesheetLine]) -> Result<()>;
        /// Timesheets of workshops' months (workshop, month, lines) in one transaction, or none.
        pub async fn save_timesheets(&self, by: &Actor, sheets: &[(i64, Date, Vec<TimesheetLine>)]) -> Result<()>;
        /// Closes a month's payroll: lines of (inmate, days worked, pay).
        pub async fn close_payroll(&self, by: &Actor, workshop: i64, month: Date, lines: &[(i64, i64, PayLine)]) -> Result<i64>;
        pub async fn payroll_run(&self, workshop: i64, month: Date) -> Result<Option<(PayrollRunRow, Vec<PayrollLineRow>)>>;
        pub async fn personal_account(&self, inmate: i64) -> Result<i64>;
        pub async fn record_production(&self, by: &Actor, p: &NewProduction) -> Result<i64>;
        pub async fn production(&self, workshop: i64, from: Date, to: Date) -> Result<Vec<ProductionRow>>;
        pub async fn record_sale(&self, by: &Actor, s: &NewSale) -> Result<i64>;
        pub async fn sales(&self, workshop: i64, from: Date, to: Date) -> Result<Vec<SaleRow>>;
        pub async fn record_cost(&self, by: &Actor, c: &NewCost) -> Result<i64>;
        pub async fn costs(&self, workshop: i64, from: Date, to: Date) -> Result<Vec<CostRow>>;
        /// Every workshop's money between two days, summed by workshop, day and kind.
        pub async fn money_lines(&self, from: Date, to: Date) -> Result<Vec<MoneyLine>>;
        pub async fn add_commitment(&self, by: &Actor, source: &str, purpose: &str, on: Date, amount: i64) -> Result<i64>;
        /// Pays out part of a commitment (`funding.over_commitment` beyond what remains).
        pub async fn add_disbursement(&self, by: &Actor, commitment: i64, facility: Option<i64>, on: Date, amount: i64) -> Result<i64>;
        pub async fn funding(&self) -> Result<Vec<FundingRow>>;
        pub async fn create_course(&self, by: &Actor, c: &NewCourse) -> Result<i64>;
        pub async fn courses(&self, facility: i64) -> Result<Vec<CourseRow>>;
        pub async fn course(&self, id: i64) -> Result<CourseRow>;
        /// Enrols an inmate while the course has a free place (`course.full` otherwise).
        pub async fn enrol(&self, by: &Actor, course: i64, inmate: i64, on: Date) -> Result<i64>;
        pub async fn enrolments(&self, course: i64) -> Result<Vec<EnrolmentRow>>;
        pub async fn inmate_enrolments(&self, inmate: i64) -> Result<Vec<EnrolmentRow>>;
        pub async fn enrolment(&self, id: i64) -> Result<EnrolmentRow>;
        /// Ends a place on a course once: `completed` with its certificate, or `dropped`.
        pub async fn finish_enrolment(&self, by: &Actor, id: i64, status: &str, on: Date, certificate: Option<&str>) -> Result<()>;
        /// Releases an inmate; his open work and courses end that day.
        pub async fn release(&self, by: &Actor, inmate: i64, on: Date) -> Result<()>;
        pub async fn add_follow_up(&self, by: &Actor, inmate: i64, months_after: i64, checked_on: Date, outcome: &str, note: &str) -> Result<i64>;
        pub async fn follow_ups(&self, inmate: i64) -> Result<Vec<FollowUpRow>>;
        pub async fn outcome_lines(&self) -> Result<Vec<OutcomeLine>>;
        /// For each facility, the most inmates its own food output fed in the month.
        pub async fn inmates_fed(&self, first: Date, last: Date) -> Result<Vec<(i64, i64)>>;
        /// Each facility's latest day with food output recorded.
        pub async fn last_food_days(&self) -> Result<Vec<(i64, Date)>>;
        pub async fn create_order(&self, by: &Actor, o: &NewOrder) -> Result<i64>;
        pub async fn orders(&self, workshop: i64) -> Result<Vec<OrderRow>>;
        /// The sales of a workshop brought from files: (their number, id).
        pub async fn sale_refs(&self, workshop: i64) -> Result<Vec<(String, i64)>>;
        /// The orders of a workshop brought from files: (their number, id).
        pub async fn order_refs(&self, workshop: i64) -> Result<Vec<(String, i64)>>;
        pub async fn order(&self, id: i64) -> Result<OrderRow>;
        pub async fn order_lines(&self, order: i64) -> Result<Vec<OrderLineRow>>;
        /// Delivers part of an order line as a sale (`order.over_delivery` beyond what remains).
        pub async fn deliver(&self, by: &Actor, line: i64, on: Date, quantity: i64) -> Result<i64>;
        /// Invoices what was delivered and not yet invoiced.
        pub async fn invoice(&self, by: &Actor, order: i64, number: &str, on: Date) -> Result<i64>;
        pub async fn invoices(&self, order: i64) -> Result<Vec<InvoiceRow>>;
        pub async fn invoice_by_id(&self, id: i64) -> Result<InvoiceRow>;
        /// Records a payment of an invoice once per bank reference; `false` when it was already.
        pub async fn pay_invoice(&self, by: &Actor, invoice: i64, on: Date, amount: i64, reference: &str) -> Result<bool>;
        /// Adds a version of the enterprises' rules; versions are never rewritten.
        pub async fn add_enterprise_rules(&self, by: &Actor, rules: &EnterpriseRules) -> Result<()>;
        /// Every version of the enterprises' rules, oldest first.
        pub async fn enterprise_rules(&self) -> Result<Vec<EnterpriseRules>>;
        /// The days on which some facility's headcount was taken, oldest first.
        pub async fn population_dates(&self) -> Result<Vec<Date>>;
        pub async fn working_share(&self, on: Date) -> Result<Vec<WorkingShare>>;
    }
}
