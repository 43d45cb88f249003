//! The outbox of notices, as the store keeps it: a notice is inserted in the transaction of
//! the event it tells of ([`NewNotice`], carried by the event's own write), and the outbox's
//! sender claims it, records each try and the gateway's delivery reports. Every change of state
//! names the state and the try it expects, so that two servers, or a sender and a delivery
//! report, never undo each other. The SQL is in `notice_queries.rs`.

use emgek_domain::notice::Placeholder;
use serde::Serialize;
use time::OffsetDateTime;

use crate::{Actor, Result, Store};

/// A notice to write with an event. The store renders its template with `values` (adding
/// what only it knows, such as a new grievance's number) and decides whether it is queued or
/// withheld (the address opted out; the text looks as if it carries a PIN).
#[derive(Debug, Clone)]
pub struct NewNotice {
    pub event: String,
    /// One event, one notice: a second notice with the same key is not written.
    pub event_key: String,
    pub channel: String,
    pub address: String,
    pub language: String,
    /// The template's version; 0 for the standard text.
    pub template_version: i32,
    pub template: String,
    pub values: Vec<(Placeholder, String)>,
    pub household_id: Option<i64>,
    pub grievance_id: Option<i64>,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct NoticeRow {
    pub notice_id: i64,
    pub event: String,
    pub event_key: String,
    pub channel: String,
    pub address: String,
    pub language: String,
    pub template_version: i32,
    pub body: String,
    pub household_id: Option<i64>,
    pub grievance_id: Option<i64>,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_ms: i64,
    pub sent_at: Option<OffsetDateTime>,
    pub delivered_at: Option<OffsetDateTime>,
    pub last_report: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
}

/// An administrator's version of a notice's text.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct NoticeTemplateRow {
    pub event: String,
    pub language: String,
    pub version: i32,
    pub body: String,
    pub created_by: String,
    pub created_at: OffsetDateTime,
}

/// How many notices are in each state, by channel and event.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct NoticeCount {
    pub channel: String,
    pub event: String,
    pub state: String,
    pub notices: i64,
}

/// What tidying the outbox found: notices whose sender died while sending (now unsure), and
/// unsure notices that no delivery report settled within the grace period (queued again).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Settled {
    pub unsure: u64,
    pub requeued: u64,
}

impl Store {
    forward! {
        /// Hands at most `limit` due notices of the channels the sender has (`sms`, `email`)
        /// to it, as one more try each, held until `lease_until_ms`: a notice is handed to one
        /// sender only.
        pub async fn claim_notices(&self, now_ms: i64, lease_until_ms: i64, limit: i64, sms: bool, email: bool) -> Result<Vec<NoticeRow>>;
        /// The gateway took try `attempt`: false if the notice had moved on meanwhile (a
        /// delivery report came first).
        pub async fn notice_sent(&self, notice_id: i64, attempt: i32, at: OffsetDateTime) -> Result<bool>;
        /// Try `attempt` failed: queued again at `next_attempt_ms`, or failed for good when
        /// that is `None`.
        pub async fn notice_not_sent(&self, notice_id: i64, attempt: i32, error: &str, next_attempt_ms: Option<i64>, at: OffsetDateTime) -> Result<bool>;
        /// A delivery report for try `attempt`: `state` is what it settles (`sent`,
        /// `delivered`, `failed`), or `None` for a report that settles nothing. False when the
        /// report is not for the notice's last try.
        pub async fn notice_report(&self, notice_id: i64, attempt: i32, report: i32, state: Option<&str>, at: OffsetDateTime) -> Result<bool>;
        /// Sending notices whose lease ended become unsure; unsure notices since before
        /// `grace_ms` (e-mail: at once, no report will come) are queued again.
        pub async fn settle_abandoned_notices(&self, now_ms: i64, sms_grace_ms: i64) -> Result<Settled>;
        pub async fn notice(&self, notice_id: i64) -> Result<NoticeRow>;
        /// A grievance's notices, oldest first.
        pub async fn grievance_notices(&self, grievance_id: i64) -> Result<Vec<NoticeRow>>;
        /// Every notice, oldest first, from `after_id` on: at most `limit`.
        pub async fn notices_after(&self, after_id: i64, limit: i64) -> Result<Vec<NoticeRow>>;
        pub async fn notice_counts(&self) -> Result<Vec<NoticeCount>>;
        /// Writes notices of an event that has no other write (a status reply, a reminder).
        pub async fn add_notices(&self, notices: &[NewNotice]) -> Result<()>;
        /// Active contracts that started by `month`'s end, whose report of `month` is missing and
        /// whose family (with a phone, and consent) was not told of it as `kind` yet: (contract
        /// id, number, household id, phone), at most `limit`. `kind` is a word of the notice's
        /// key, `contract:ID:KIND:YYYY-MM`.
        pub async fn reports_missing(&self, month: time::Date, kind: &str, limit: i64) -> Result<Vec<(i64, String, i64, String, String)>>;
        /// Sends no more notices to `address`; audited.
        pub async fn opt_out(&self, by: &Actor, address: &str, via: &str, at: OffsetDateTime) -> Result<()>;
        pub async fn opted_out(&self, address: &str) -> Result<bool>;
        /// Whether emgek told `address` of the grievance: its complainant's phone or e-mail.
        pub async fn grievance_told_to(&self, address: &str, grievance_id: i64) -> Result<bool>;
        /// The grievance whose decision `address` was told last.
        pub async fn last_decision_told_to(&self, address: &str) -> Result<Option<i64>>;
        /// The household whose phone is `phone` (+996…): its id and rayon.
        pub async fn household_by_phone(&self, phone: &str) -> Result<Option<(i64, String)>>;
        /// Adds a version of an event's text in a language: its number.
        pub async fn add_notice_template(&self, by: &Actor, event: &str, language: &str, body: &str, at: OffsetDateTime) -> Result<i32>;
        /// Every version of every text, newest first.
        pub async fn notice_templates(&self) -> Result<Vec<NoticeTemplateRow>>;
    }
}
