//! Grievances as the store keeps them: the calendar's named days, the grievance rules'
//! versions, the register and each grievance's steps. Values are checked by the caller
//! (`emgek-domain`'s `grievance`); the store numbers, keeps and audits them. The SQL is in
//! `grievance_queries.rs`.

use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::{Actor, Result, Store};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CalendarDayRow {
    pub day: Date,
    pub kind: String,
    pub name: String,
}

/// A grievance to register; its number is given by the store.
#[derive(Debug, Clone)]
pub struct NewGrievance {
    pub year: i32,
    pub channel: String,
    pub category: String,
    pub severity: String,
    pub sensitive: bool,
    pub team: String,
    pub level: String,
    pub standing: String,
    pub oblast_code: String,
    pub rayon_code: String,
    pub anonymous: bool,
    pub complainant_name: String,
    pub complainant_contact: String,
    pub member_id: Option<i64>,
    pub language: String,
    pub about_kind: String,
    pub about_ref: String,
    pub household_id: Option<i64>,
    /// The prison facility that answers it (its code): an inmate's contest, which the rayon's
    /// office never sees.
    pub facility_code: Option<String>,
    /// Its number in the register it was brought from (a file), if any: unique.
    pub source_ref: Option<String>,
    /// The deduction order it contests, suspended while it is open
    /// (`deduction.contested_already` if another contest holds it, or it has ended).
    pub suspends_order: Option<i64>,
    pub summary: String,
    pub received_on: Date,
    pub acknowledge_by: Date,
    pub answer_by: Date,
    /// When it was registered, by the application's clock.
    pub at: OffsetDateTime,
    /// The complainant's notice that it was registered: the store gives it the grievance's
    /// id, number and event key.
    pub notice: Option<crate::notices::NewNotice>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct GrievanceRow {
    pub grievance_id: i64,
    pub year: i32,
    pub seq: i32,
    pub channel: String,
    pub category: String,
    pub severity: String,
    pub sensitive: bool,
    pub team: String,
    pub level: String,
    pub status: String,
    pub standing: String,
    pub oblast_code: String,
    pub rayon_code: String,
    pub anonymous: bool,
    pub complainant_name: String,
    pub complainant_contact: String,
    pub member_id: Option<i64>,
    pub language: String,
    pub about_kind: String,
    pub about_ref: String,
    pub household_id: Option<i64>,
    /// The prison facility that answers it: read only where inmates' records may be read.
    pub facility_code: Option<String>,
    pub summary: String,
    pub received_on: Date,
    pub acknowledge_by: Date,
    pub answer_by: Date,
    pub acknowledged_on: Option<Date>,
    pub extended: bool,
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub closed_on: Option<Date>,
    pub satisfied: Option<bool>,
    pub created_at: OffsetDateTime,
}

/// A step taken on a grievance: what it held before (so that two officers acting at once do
/// not both win) and what it holds after.
#[derive(Debug, Clone)]
pub struct GrievanceStep {
    pub grievance_id: i64,
    /// `acknowledged`, `extended`, `escalated`, `closed`, `feedback`, `standing`.
    pub step: String,
    pub was_status: String,
    pub was_level: String,
    pub status: String,
    pub level: String,
    pub standing: String,
    pub answer_by: Date,
    pub acknowledged_on: Option<Date>,
    pub extended: bool,
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub closed_on: Option<Date>,
    pub satisfied: Option<bool>,
    /// The reason or the note written with the step.
    pub detail: String,
    /// When it was taken, by the application's clock.
    pub at: OffsetDateTime,
    /// The notices the step sends, written with it.
    pub notices: Vec<crate::notices::NewNotice>,
    /// On closing: whether the deduction order it suspended ends (upheld), rather than being
    /// applied again. A closing step always lifts the suspension.
    pub ends_order: bool,
}

/// What the register's figures need of a grievance: the complainant only as a key to count
/// those who came back.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GrievanceFactRow {
    pub category: String,
    pub channel: String,
    pub oblast_code: String,
    pub received_on: Date,
    pub answer_by: Date,
    pub closed_on: Option<Date>,
    pub anonymous: bool,
    pub household_id: Option<i64>,
    pub complainant_contact: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct GrievanceEventRow {
    pub step: String,
    pub level: String,
    pub detail: String,
    pub created_by: String,
    pub created_at: OffsetDateTime,
}

impl Store {
    forward! {
        /// Adds days to the calendar (day, kind, name), or changes the kind or name of a day
        /// held (the Cabinet moves days off by decree); an audit line each.
        pub async fn save_calendar_days(&self, by: &Actor, days: &[(Date, String, String)]) -> Result<usize>;
        /// Every named day, in order.
        pub async fn calendar_days(&self) -> Result<Vec<CalendarDayRow>>;
        /// Adds a version of the grievance rules (its JSON), replacing the one of the same day.
        pub async fn add_grievance_rules(&self, by: &Actor, effective_from: Date, rules_json: &str) -> Result<()>;
        /// Every version's JSON, oldest first.
        pub async fn grievance_rules(&self) -> Result<Vec<String>>;
        /// Registers a grievance under the next number of its year: its id and number.
        pub async fn open_grievance(&self, by: &Actor, g: &NewGrievance) -> Result<(i64, i32)>;
        /// Registers grievances brought from a file, in one transaction (each numbered, each its
        /// audit line), or none.
        pub async fn import_grievances(&self, by: &Actor, gs: &[&NewGrievance]) -> Result<()>;
        pub async fn grievance(&self, id: i64) -> Result<GrievanceRow>;
        pub async fn grievance_by_number(&self, year: i32, seq: i32) -> Result<GrievanceRow>;
        /// The grievances received from `from` on, newest first, at most `limit`.
        pub async fn grievances_since(&self, from: Date, limit: i64) -> Result<Vec<GrievanceRow>>;
        /// The newest grievances, at most `limit`: those not sensitive of the places `read`
        /// reaches, the sensitive ones of the places `sensitive` reaches (neither an inmate's),
        /// and the prison facilities' of the facilities `facilities` names.
        pub async fn grievances_within(&self, read: &emgek_domain::access::Areas, sensitive: &emgek_domain::access::Areas, facilities: &emgek_domain::access::Facilities, open_only: bool, limit: i64) -> Result<Vec<GrievanceRow>>;
        /// The grievances received or closed from `from` to `to` in the places named (as
        /// `grievances_within` reads them), for the register's figures.
        pub async fn grievance_facts(&self, from: Date, to: Date, read: &emgek_domain::access::Areas, sensitive: &emgek_domain::access::Areas, facilities: &emgek_domain::access::Facilities) -> Result<Vec<GrievanceFactRow>>;
        /// The appeals decided from `from` to `to` whose grievances lie in those places: (status,
        /// how many).
        pub async fn appeal_outcomes(&self, from: Date, to: Date, read: &emgek_domain::access::Areas, sensitive: &emgek_domain::access::Areas, facilities: &emgek_domain::access::Facilities) -> Result<Vec<(String, i64)>>;
        /// The notices written from `from` until `until` to the households and complainants of
        /// the places and facilities named: (state, how many).
        pub async fn notice_states(&self, from: OffsetDateTime, until: OffsetDateTime, areas: &emgek_domain::access::Areas, facilities: &emgek_domain::access::Facilities) -> Result<Vec<(String, i64)>>;
        /// Every grievance not closed, the soonest due first.
        pub async fn open_grievances(&self) -> Result<Vec<GrievanceRow>>;
        /// Takes steps, each only if its grievance still holds what it held
        /// (`grievance.changed` otherwise, and none is taken); audited.
        pub async fn take_grievance_steps(&self, by: &Actor, steps: &[GrievanceStep]) -> Result<()>;
        pub async fn grievance_events(&self, id: i64) -> Result<Vec<GrievanceEventRow>>;
        /// The numbers the grievances brought from other registers had there.
        pub async fn grievance_source_refs(&self) -> Result<Vec<String>>;
        /// An application's id by its number, as a complainant gives it.
        pub async fn application_id_by_ref(&self, application_ref: &str) -> Result<Option<i64>>;
    }
}
