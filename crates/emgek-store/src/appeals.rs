//! Appeals as the store keeps them: each with its grievance in the register, its hearing's
//! reviews (`ReviewSubject::Appeal`, table `appeal_reviews`) and its outcome, which moves the
//! application, closes the grievance and tells the family in one transaction. The SQL is in
//! `appeal_queries.rs`.

use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::grievances::{GrievanceStep, NewGrievance};
use crate::notices::NewNotice;
use crate::{Actor, Result, Store};

/// An appeal to register, with its grievance.
#[derive(Debug, Clone)]
pub struct NewAppeal {
    pub application_id: i64,
    /// `rejection` or `waiting_list`: also the status the application must still hold.
    pub contested: String,
    pub contested_status: String,
    pub grounds: String,
    pub lodged_on: Date,
    pub grievance: NewGrievance,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AppealRow {
    pub appeal_id: i64,
    pub application_id: i64,
    pub grievance_id: i64,
    pub contested: String,
    pub status: String,
    pub grounds: String,
    pub lodged_on: Date,
    pub decided_on: Option<Date>,
    pub outcome_reason: Option<String>,
    pub score_x100: Option<i64>,
    pub created_by: String,
    pub created_at: OffsetDateTime,
}

/// How a contract ended, for an appeal of its termination.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContractEnding {
    pub contract_id: i64,
    pub application_id: i64,
    pub status: String,
    pub terminated_on: Option<Date>,
    pub terminated_by: Option<String>,
    /// `violation`, `agreement`, `set_aside` (by an appeal); empty for terminations recorded
    /// before emgek kept it, whose refund claim tells.
    pub termination: Option<String>,
    pub claimed_on: Option<Date>,
    /// The refund claimed, if any, and what of it is repaid.
    pub claimed_tyiyn: Option<i64>,
    pub repaid_tyiyn: Option<i64>,
    pub updated_at: OffsetDateTime,
}

impl ContractEnding {
    /// Whether the contract was ended for a violation (a refund claimed says so for the
    /// terminations recorded before the reason was kept).
    pub fn for_violation(&self) -> bool {
        match self.termination.as_deref() {
            Some(t) => t == "violation",
            None => self.claimed_tyiyn.is_some(),
        }
    }

    /// The day the termination took effect.
    pub fn ended_on(&self) -> Date {
        self.terminated_on.or(self.claimed_on).unwrap_or(self.updated_at.date())
    }
}

/// An appeal's outcome as the store applies it.
#[derive(Debug, Clone)]
pub struct AppealOutcome {
    pub appeal_id: i64,
    pub application_id: i64,
    /// What the appeal contests (`rejection`, `waiting_list`, `termination`).
    pub contested: String,
    pub upheld: bool,
    /// The status the application must still hold (what the appeal contests).
    pub contested_status: String,
    /// The status it takes (the same when dismissed, or for a waiting place upheld).
    pub status: String,
    /// The hearing's average score: the application's when upheld (not for a termination).
    pub score_x100: i64,
    pub reason: String,
    pub decided_on: Date,
    /// The line of the application's history (and of the minutes).
    pub history: String,
    /// Closes the grievance, with the complainant's notice.
    pub closing: GrievanceStep,
    /// The family's notice of the application's new decision, if it changed.
    pub notices: Vec<NewNotice>,
    pub at: OffsetDateTime,
}

impl Store {
    forward! {
        /// Registers an appeal and its grievance: (appeal id, grievance id, grievance number in
        /// its year). A decision already appealed is `appeal.lodged_already`; an application
        /// whose status moved on is `appeal.changed`.
        pub async fn lodge_appeal(&self, by: &Actor, a: &NewAppeal) -> Result<(i64, i64, i32)>;
        pub async fn appeal(&self, id: i64) -> Result<AppealRow>;
        pub async fn appeals_of_application(&self, application_id: i64) -> Result<Vec<AppealRow>>;
        /// Applies a hearing's outcome: refused (`appeal.not_lodged`, `appeal.changed`) when the
        /// appeal was decided meanwhile or the application moved on; nothing of it is kept then.
        /// A termination's appeal upheld sets aside what is still due of the refund claim (a
        /// ledger posting back to disbursed) and marks the termination `set_aside`.
        pub async fn decide_appeal(&self, by: &Actor, o: &AppealOutcome) -> Result<()>;
        /// How the contract ended, if it did.
        pub async fn contract_ending(&self, contract_id: i64) -> Result<ContractEnding>;
        /// The day the application took its present status.
        pub async fn status_since(&self, application_id: i64) -> Result<Option<Date>>;
        /// Who took part in the application's decision: the users who reviewed it (a declared
        /// conflict included), those who recorded its steps and whoever ended its contract, by
        /// user name.
        pub async fn took_part(&self, application_id: i64) -> Result<Vec<String>>;
    }
}
