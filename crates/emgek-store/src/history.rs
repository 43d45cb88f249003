//! A programme's earlier records carried over: in bulk (the demonstration's years), or one
//! record at a time as the import of a ministry's files brings them, each checked first by the
//! application's use case (SQL in `history_queries.rs`).

use emgek_domain::social_contract::application::Status;
use emgek_domain::social_contract::business_plan::BusinessPlan;
use time::Date;

use crate::programmes::Submission;
use crate::{Actor, Result, Store};

/// An application decided before emgek, as the ministry's file holds it, checked.
#[derive(Debug, Clone)]
pub struct ImportedApplication<'a> {
    /// The ministry's number of it.
    pub reference: &'a str,
    pub call_id: i64,
    /// The household, its oblast and rayon.
    pub household: (i64, &'a str, &'a str),
    pub status: Status,
    pub plan: &'a BusinessPlan,
    /// Its facts, eligibility and priority, frozen as a submission freezes them.
    pub submission: &'a Submission,
}

/// What freezing the facts of many households' applications reads of their history, at once.
#[derive(Debug, Default)]
pub struct Applicants {
    /// Their applications still open (neither rejected nor withdrawn): (call, household,
    /// application).
    pub open: Vec<(i64, i64, i64)>,
    /// The calls whose training each attended: (call, household).
    pub attended: Vec<(i64, i64)>,
    /// The day each last had an application funded: (household, day).
    pub funded: Vec<(i64, Date)>,
}

/// An application as checking a decision on it needs it, read with many others.
#[derive(Debug, Clone)]
pub struct ApplicationAtHand {
    pub id: i64,
    pub call_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub status: Status,
    /// The date of the rules it was judged by.
    pub rules_from: Option<Date>,
    /// Whether its decision is held (`Store::application_decided`).
    pub decided: bool,
    pub grant_requested: i64,
    /// The number of its contract, if one is held.
    pub contract: Option<String>,
}

/// A contract signed before emgek on an application held, checked.
#[derive(Debug, Clone)]
pub struct ImportedContract<'a> {
    pub application_id: i64,
    pub programme_id: i64,
    pub number: &'a str,
    /// `signed`, `active`, `completed` or `terminated`.
    pub status: &'a str,
    pub grant_tyiyn: i64,
    pub term_months: i64,
    pub starts: Date,
}

/// A tranche ordered before emgek, paid by the bank or waiting for it, checked.
#[derive(Debug, Clone)]
pub struct ImportedPayment {
    pub contract_id: i64,
    pub programme_id: i64,
    pub tranche_no: i64,
    pub amount_tyiyn: i64,
    /// The day the bank paid it; none for an order the bank has not confirmed yet.
    pub paid_on: Option<Date>,
    /// The bank's reference of the payment (or of the payment order), if the file gives one.
    pub bank_reference: Option<String>,
}

/// A commission's decision on an application, as its minutes hold it, checked: the status the
/// application holds already, the day, the average score and the reason.
#[derive(Debug, Clone)]
pub struct ImportedDecision<'a> {
    pub application_id: i64,
    pub status: Status,
    pub decided_on: Date,
    pub score_x100: Option<i64>,
    /// The reason, with the minutes' number when the file gives one.
    pub reason: &'a str,
}

/// A contract funded before emgek, as the ministry's records hold it.
#[derive(Debug, Clone)]
pub struct CarriedContract {
    pub household_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub call_id: i64,
    /// `SC-YEAR-OBLAST-SEQUENCE`, as numbered then.
    pub number: String,
    pub grant_tyiyn: i64,
    /// The day the grant was paid and the contract started.
    pub starts: Date,
    /// The business plan, as applications keep it.
    pub plan_json: String,
    /// Each month's report from the first: revenue and costs in tyiyn, people working.
    pub months: Vec<(i64, i64, i64)>,
    /// The day it graduated and the day its right to the benefit is limited until.
    pub graduated: Option<(Date, Date)>,
}

impl Store {
    forward! {
        /// Households whose number begins with `prefix`: (number, id), by number.
        pub async fn household_ids_by_ref(&self, prefix: &str) -> Result<Vec<(String, i64)>>;
        /// The contract that carries a number, if any.
        pub async fn contract_id_by_number(&self, number: &str) -> Result<Option<i64>>;
        /// The contracts of these numbers that are held: (number, id).
        pub async fn contract_ids_by_numbers(&self, numbers: &[&str]) -> Result<Vec<(String, i64)>>;
        /// A household by its number, if held.
        pub async fn household_by_ref(&self, reference: &str) -> Result<Option<i64>>;
        /// Whether the ledger holds a posting made under this idempotency key.
        pub async fn posting_held(&self, key: &str) -> Result<bool>;
        /// The applications brought from files: (their number, id).
        pub async fn application_refs(&self) -> Result<Vec<(String, i64)>>;
        /// The households of these numbers with their members, a few hundred to a query.
        pub async fn households_by_refs(&self, refs: &[&str]) -> Result<Vec<crate::HouseholdRecord>>;
        /// What freezing their applications' facts reads of these households' history
        /// (`open_application`, `attended_training`, `funding_history` for many at once).
        pub async fn applicants(&self, household_ids: &[i64]) -> Result<Applicants>;
        /// These applications as checking a decision or a contract on each needs them.
        pub async fn applications_at_hand(&self, ids: &[i64]) -> Result<Vec<ApplicationAtHand>>;
        /// The household's application in the call that is still open (neither rejected nor
        /// withdrawn), if any.
        pub async fn open_application(&self, call_id: i64, household_id: i64) -> Result<Option<i64>>;
        /// Writes applications brought from a file in one transaction, or none of them: each
        /// with its frozen facts and one event from draft to its status.
        pub async fn import_applications(&self, by: &Actor, applications: &[ImportedApplication<'_>]) -> Result<()>;
        /// Writes contracts brought from a file in one transaction, or none of them: each with
        /// its grant appropriated and committed in the programme's ledger.
        pub async fn import_contracts(&self, by: &Actor, contracts: &[ImportedContract<'_>]) -> Result<()>;
        /// Writes tranches ordered before emgek in one transaction, or none of them: each paid
        /// one disbursed in the programme's ledger, each order waiting for the bank not.
        pub async fn import_payments(&self, by: &Actor, payments: &[ImportedPayment]) -> Result<()>;
        /// Whether the application's decision is held: the day it was taken, or (decided before
        /// that day was kept) its score.
        pub async fn application_decided(&self, application_id: i64) -> Result<bool>;
        /// Writes commissions' decisions brought from their minutes in one transaction, or none:
        /// the day and the score on each application, an event in its history with the reason,
        /// and an audit entry each.
        pub async fn import_decisions(&self, by: &Actor, decisions: &[ImportedDecision<'_>]) -> Result<()>;
        /// Writes the carried-over contracts of a programme in one transaction, or none.
        pub async fn carry_over_contracts(&self, by: &Actor, programme_id: i64, rows: &[CarriedContract]) -> Result<usize>;
    }
}
