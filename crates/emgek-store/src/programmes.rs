//! Programmes, calls and applications as the store keeps them.

use emgek_domain::social_contract::application::Status;
use emgek_domain::social_contract::business_plan::BusinessPlan;
use emgek_domain::social_contract::eligibility::{Assessment, HouseholdSnapshot};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::error::{Result, StoreError};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProgrammeRow {
    pub programme_id: i64,
    pub code: String,
    pub kind: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CallRow {
    pub call_id: i64,
    pub programme_id: i64,
    pub title: String,
    pub opens: Date,
    pub closes: Date,
}

/// What submission freezes: the household's facts, the assessment and the rules it used.
#[derive(Debug, Clone)]
pub struct Submission {
    pub snapshot: HouseholdSnapshot,
    pub assessment: Assessment,
    pub rules_from: Date,
}

#[derive(Debug, Clone)]
pub struct ApplicationRecord {
    pub id: i64,
    pub call_id: i64,
    pub household_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub status: Status,
    pub plan: BusinessPlan,
    pub grant_requested: i64,
    pub snapshot: Option<HouseholdSnapshot>,
    pub assessment: Option<Assessment>,
    pub rules_from: Option<Date>,
    pub submitted_seq: Option<i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
pub(crate) struct ApplicationRow {
    pub application_id: i64,
    pub call_id: i64,
    pub household_id: i64,
    pub oblast_code: String,
    pub rayon_code: String,
    pub status: String,
    pub plan_json: String,
    pub grant_requested_tyiyn: i64,
    pub snapshot_json: Option<String>,
    pub assessment_json: Option<String>,
    pub rules_effective_from: Option<Date>,
    pub submitted_seq: Option<i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// An application's columns, read `FROM` [`APPLICATIONS`].
pub(crate) const APPLICATION_COLUMNS: &str = "a.application_id, a.call_id, a.household_id, a.oblast_code, a.rayon_code, \
    a.status, d.plan_json, a.grant_requested_tyiyn, d.snapshot_json, d.assessment_json, a.rules_effective_from, \
    a.submitted_seq, a.created_at, a.updated_at";

/// Applications with their documents (kept apart so that a status change rewrites a narrow row).
pub(crate) const APPLICATIONS: &str =
    "applications a JOIN application_documents d ON d.application_id = a.application_id";

fn json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

impl ApplicationRow {
    pub fn record(self) -> Result<ApplicationRecord> {
        Ok(ApplicationRecord {
            id: self.application_id,
            call_id: self.call_id,
            household_id: self.household_id,
            oblast: self.oblast_code,
            rayon: self.rayon_code,
            status: Status::parse(&self.status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {}", self.status)))?,
            plan: json("plan", &self.plan_json)?,
            grant_requested: self.grant_requested_tyiyn,
            snapshot: self.snapshot_json.as_deref().map(|s| json("snapshot", s)).transpose()?,
            assessment: self.assessment_json.as_deref().map(|s| json("assessment", s)).transpose()?,
            rules_from: self.rules_effective_from,
            submitted_seq: self.submitted_seq,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// One change of an application's status.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ApplicationEvent {
    pub actor: String,
    pub from_status: String,
    pub to_status: String,
    pub reason: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CommissionRow {
    pub commission_id: i64,
    pub call_id: i64,
    pub rayon_code: String,
    pub name: String,
    pub quorum: i64,
    pub conflict_rule: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CommissionMemberRow {
    pub user_id: i64,
    pub aiyl_okmotu: String,
}

/// A review of one subject (the caller knows which: it asked for that subject's reviews).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReviewRow {
    pub review_id: i64,
    pub user_id: i64,
    pub conflict: bool,
    pub scores_json: String,
    pub total: i64,
    pub recommendation: String,
    pub comment: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What the review engine reviews: a Social Contract application (by its district commission)
/// or a prison enterprise's business plan (by the national Expert Group).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewSubject {
    Application(i64),
    EnterprisePlan(i64),
    /// The hearing of an appeal of an application's decision, by other members.
    Appeal(i64),
}

impl ReviewSubject {
    /// The audit log's name for the subject, e.g. `application:12`.
    pub fn target(self) -> String {
        match self {
            ReviewSubject::Application(id) => format!("application:{id}"),
            ReviewSubject::EnterprisePlan(id) => format!("enterprise_plan:{id}"),
            ReviewSubject::Appeal(id) => format!("appeal:{id}"),
        }
    }

    /// The audit log's action for a review of it.
    pub fn review_action(self) -> &'static str {
        match self {
            ReviewSubject::Application(_) => "application.review",
            ReviewSubject::EnterprisePlan(_) => "enterprise_plan.review",
            ReviewSubject::Appeal(_) => "appeal.review",
        }
    }

    pub fn application_id(self) -> Option<i64> {
        if let ReviewSubject::Application(id) = self { Some(id) } else { None }
    }

    pub fn enterprise_plan_id(self) -> Option<i64> {
        if let ReviewSubject::EnterprisePlan(id) = self { Some(id) } else { None }
    }
}

/// A review as a member gives it.
#[derive(Debug, Clone)]
pub struct NewReview {
    pub subject: ReviewSubject,
    pub user_id: i64,
    pub conflict: bool,
    pub scores: std::collections::BTreeMap<String, u32>,
    pub total: u32,
    pub recommendation: String,
    pub comment: String,
}

/// An allocation to commit: the call's decisions, and what the ledger and the contracts need.
pub struct RoundToCommit<'a> {
    pub call_id: i64,
    pub programme_id: i64,
    pub allocation: &'a emgek_domain::social_contract::allocation::Allocation,
    /// The programme's budget, appropriated in the ledger by its first run.
    pub budget: i64,
    pub term_months: i64,
    /// The year in the new contracts' numbers.
    pub year: i32,
    /// What the families are told, if anything.
    pub told: Option<&'a AllocationNotices>,
}

/// The texts of an allocation's notices, each with its template's version, and `{number}` left
/// in it for the store to fill: the contract's number (contract ready to sign), or `№` and the
/// application's id (put on the waiting list). Sent by SMS, in Kyrgyz, to the families whose
/// phone is registered with their consent, once per contract and per application.
#[derive(Debug, Clone)]
pub struct AllocationNotices {
    /// In Kyrgyz and in Russian, each family's in its language: (template version, text).
    pub contract_ready: [(i32, String); 2],
    pub waiting: [(i32, String); 2],
}

/// A contract completed, and the family's graduation off the benefit.
#[derive(Debug, Clone)]
pub struct Completion {
    pub contract_id: i64,
    pub contract: emgek_domain::social_contract::contract::Contract,
    pub programme_id: i64,
    pub household_id: i64,
    pub on: Date,
    /// Until when the family may not receive the benefit again.
    pub limited_until: Date,
}

/// A contract ended early: by agreement, or after a violation (what was paid is claimed back).
pub struct Ending<'a> {
    pub contract_id: i64,
    pub contract: &'a emgek_domain::social_contract::contract::Contract,
    pub programme_id: i64,
    pub violation: bool,
    pub reason: &'a str,
    /// The day the refund is claimed, when the ending comes from a file; typed endings keep
    /// the moment they are recorded.
    pub on: Option<Date>,
    /// The family's notice of the refund claimed, written if one is claimed.
    pub told: &'a [crate::notices::NewNotice],
}

/// The bank's word on a payment order.
pub struct Confirmation<'a> {
    pub order_id: i64,
    /// Paid, or refused by the bank.
    pub paid: bool,
    pub bank_reference: &'a str,
    pub programme_id: i64,
    /// The bank's value day.
    pub on: Date,
    /// The family's notice, written with a payment.
    pub told: &'a [crate::notices::NewNotice],
}

/// What a payment order's notice names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentFacts {
    pub programme_id: i64,
    pub household_id: i64,
    pub contract_number: String,
    pub amount_tyiyn: i64,
}

/// A monthly report as stored: amounts in tyiyn, purchases as JSON.
pub struct NewReport<'a> {
    pub contract_id: i64,
    pub month: Date,
    pub revenue: i64,
    pub costs: i64,
    pub jobs: i64,
    pub purchases_json: &'a str,
    pub receipts: &'a str,
}

/// A field visit to a contract's business, to be stored.
#[derive(Debug, Clone)]
pub struct NewVisit {
    pub contract_id: i64,
    pub visited_on: Date,
    /// `VisitOutcome`'s code.
    pub outcome: String,
    pub reasons: String,
}

/// What an allocation committed.
#[derive(Debug, Clone, Serialize)]
pub struct AllocationRun {
    pub run_id: i64,
    pub funded: i64,
    pub waiting: i64,
    pub spent: i64,
    pub contracts: Vec<(i64, String)>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ContractRow {
    pub contract_id: i64,
    pub application_id: i64,
    pub number: String,
    pub status: String,
    pub grant_tyiyn: i64,
    pub term_months: i64,
    pub extended_months: i64,
    pub starts: Option<Date>,
}

/// A contract with what it hangs on: its programme, household and the rules version.
#[derive(Debug, Clone, Serialize)]
pub struct ContractContext {
    pub contract: ContractRow,
    pub programme_id: i64,
    pub household_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub rules_from: Option<Date>,
}

/// A contract with what it hangs on and its application's business plan, read for a file.
#[derive(sqlx::FromRow)]
pub(crate) struct ContractAtHand {
    pub contract_id: i64,
    pub application_id: i64,
    pub number: String,
    pub status: String,
    pub grant_tyiyn: i64,
    pub term_months: i64,
    pub extended_months: i64,
    pub starts: Option<Date>,
    pub programme_id: i64,
    pub household_id: i64,
    pub oblast_code: String,
    pub rayon_code: String,
    pub rules_effective_from: Option<Date>,
    pub plan_json: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PaymentOrderRow {
    pub payment_order_id: i64,
    pub contract_id: i64,
    pub tranche_no: i64,
    pub amount_tyiyn: i64,
    pub status: String,
    pub idempotency_key: String,
    pub bank_reference: String,
}

/// One line of the bank's payment file.
#[derive(Debug, Clone, Serialize)]
pub struct BankLine {
    pub payment_order_id: i64,
    pub contract_number: String,
    pub recipient: String,
    pub amount_tyiyn: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MonthlyReportRow {
    pub monthly_report_id: i64,
    pub contract_id: i64,
    pub month: Date,
    pub revenue_tyiyn: i64,
    pub costs_tyiyn: i64,
    pub jobs: i64,
    pub purchases_json: String,
    pub receipts: String,
    pub created_by: String,
}

/// A receipt attached to a monthly report, without its content.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReceiptRow {
    pub report_receipt_id: i64,
    pub monthly_report_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_by: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FieldVisitRow {
    pub field_visit_id: i64,
    pub contract_id: i64,
    pub visited_on: Date,
    pub outcome: String,
    pub reasons: String,
    pub visitor: String,
}

/// A contract under monitoring: where it is and which months it has reported.
#[derive(Debug, Clone, Serialize)]
pub struct MonitoredContract {
    pub contract: ContractRow,
    pub oblast: String,
    pub rayon: String,
    pub reported: Vec<Date>,
}
