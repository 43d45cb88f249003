//! emgek's persistence, one interface over SQLite (the default) and PostgreSQL (production).
//!
//! The SQL is written once, in `queries.rs`, and compiled for each backend by a macro: both
//! backends run the same statements, so the same tests prove both. The URL scheme chooses the
//! backend at start-up.

mod access_queries;
mod allocation_commit_queries;
mod allocation_queries;
mod appeal_queries;
pub mod audit;
mod checkpoint;
mod contract_queries;
mod error;
mod grievance_queries;
mod history_queries;
mod import;
mod import_queries;
mod import_undo;
mod indicator_queries;
mod monitoring_queries;
mod notice_queries;
pub mod ovop;
mod ovop_queries;
mod plan_queries;
pub mod plans;
pub mod prison;
mod prison_queries;
mod prison_trade_queries;
mod prison_training_queries;
mod programme_queries;
pub mod programmes;
mod queries;
mod records;
mod targeting_queries;
mod users;
mod write_tx;

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, SqlitePool};

pub use audit::{AuditCheck, AuditEntry, AuditFilter, AuditRow};
pub use error::{Result, StoreError};
pub use import::{BATCH as IMPORT_BATCH, ImportLog, ImportProfileRow, ImportTx, RowOutcome};
pub use records::*;
pub use users::{NewUser, TokenRow, UserRecord};

/// How stale an API token's time of last use may be: it is written at most this often.
pub const TOKEN_USE_GRAIN: time::Duration = time::Duration::minutes(1);

/// The domain contract of a stored contract row (the same on both backends).
pub fn as_contract(row: &programmes::ContractRow) -> Result<emgek_domain::social_contract::contract::Contract> {
    records::as_contract(row)
}

pub use records::as_contract_status;

#[allow(dead_code)]
pub(crate) mod sqlite {
    use crate::write_tx::begin_sqlite as begin;
    crate::queries::queries!(sqlx::Sqlite);
    crate::access_queries::access_queries!();
    crate::programme_queries::programme_queries!();
    crate::allocation_queries::allocation_queries!();
    crate::allocation_commit_queries::allocation_commit_queries!();
    crate::contract_queries::contract_queries!();
    crate::monitoring_queries::monitoring_queries!();
    crate::prison_queries::prison_queries!();
    crate::prison_trade_queries::prison_trade_queries!();
    crate::prison_training_queries::prison_training_queries!();
    crate::plan_queries::plan_queries!();
    crate::ovop_queries::ovop_queries!();
    crate::indicator_queries::indicator_queries!();
    crate::history_queries::history_queries!();
    crate::import_queries::import_queries!();
    crate::targeting_queries::targeting_queries!();
    crate::grievance_queries::grievance_queries!();
    crate::notice_queries::notice_queries!();
    crate::appeal_queries::appeal_queries!();
}
#[allow(dead_code)]
pub(crate) mod postgres {
    use crate::write_tx::begin_postgres as begin;
    crate::queries::queries!(sqlx::Postgres);
    crate::access_queries::access_queries!();
    crate::programme_queries::programme_queries!();
    crate::allocation_queries::allocation_queries!();
    crate::allocation_commit_queries::allocation_commit_queries!();
    crate::contract_queries::contract_queries!();
    crate::monitoring_queries::monitoring_queries!();
    crate::prison_queries::prison_queries!();
    crate::prison_trade_queries::prison_trade_queries!();
    crate::prison_training_queries::prison_training_queries!();
    crate::plan_queries::plan_queries!();
    crate::ovop_queries::ovop_queries!();
    crate::indicator_queries::indicator_queries!();
    crate::history_queries::history_queries!();
    crate::import_queries::import_queries!();
    crate::targeting_queries::targeting_queries!();
    crate::grievance_queries::grievance_queries!();
    crate::notice_queries::notice_queries!();
    crate::appeal_queries::appeal_queries!();
}

/// Calls the same query function on whichever backend this store runs on.
macro_rules! on_backend {
    ($store:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match $store {
            Store::Sqlite(pool) => crate::sqlite::$f(pool, $($arg),*).await,
            Store::Postgres(pool) => crate::postgres::$f(pool, $($arg),*).await,
        }
    };
}

/// Declares `Store` methods, one line each, that run the query of the same name with the same
/// arguments on the backend in use: a new query is its SQL, written once for both backends in a
/// `*_queries.rs` file, and one line in a `forward!` list.
macro_rules! forward {
    ($($(#[$attr:meta])* pub async fn $name:ident(&self $(, $arg:ident: $ty:ty)* $(,)?) -> $ret:ty;)*) => {
        $(
            $(#[$attr])*
            pub async fn $name(&self $(, $arg: $ty)*) -> $ret {
                on_backend!(self, $name($($arg),*))
            }
        )*
    };
}

// Declared after `on_backend!` and `forward!` so that they can use them.
pub mod appeals;
mod contract_store;
pub mod grievances;
pub mod history;
pub mod indicators;
pub mod notices;
mod ovop_store;
mod plan_store;
mod prison_store;

/// A handle on the database; cheap to clone (it is a connection pool).
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Store {
    /// Opens `sqlite:PATH` (created if missing; WAL mode, durable commits) or `postgres://…`.
    /// Does not migrate: call [`Store::migrate`].
    pub async fn connect(url: &str) -> Result<Self> {
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Store::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let pool = checkpoint::sqlite_pool(url).await?;
            Ok(Store::Sqlite(pool))
        } else {
            Err(StoreError::Config(format!(
                "unknown database URL scheme in {url:?}: use sqlite:PATH or postgres://USER@HOST/DB"
            )))
        }
    }

    /// Applies the migrations this backend has not seen yet.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Store::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Store::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite(_) => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite(pool) => pool.close().await,
            Store::Postgres(pool) => pool.close().await,
        }
    }

    /// A consistent copy of a live SQLite database (`VACUUM INTO`), safe while others write.
    pub async fn backup_sqlite(&self, path: &str) -> Result<()> {
        match self {
            Store::Sqlite(pool) => {
                sqlx::query("VACUUM INTO $1").bind(path).execute(pool).await?;
                Ok(())
            }
            Store::Postgres(_) => {
                Err(StoreError::Config("backups of PostgreSQL are made with pg_dump; see docs/operations.md".into()))
            }
        }
    }

    forward! {
        pub async fn ping(&self) -> Result<()>;
        pub async fn oblasts(&self) -> Result<Vec<OblastRow>>;
        pub async fn rayons(&self) -> Result<Vec<RayonRow>>;
        pub async fn count_households(&self) -> Result<i64>;
        pub async fn list_households(&self, filter: &HouseholdFilter, page: PageRequest) -> Result<Page<HouseholdSummary>>;
        pub async fn household(&self, id: i64) -> Result<HouseholdRecord>;
        pub async fn create_household(&self, by: &Actor, h: &emgek_domain::household::HouseholdFields, members: &[emgek_domain::household::MemberFields]) -> Result<i64>;
        /// Corrects a household's record; a grievance that showed it was wrong, if named (and
        /// still open: `grievance.closed_already`), is named in its history and its steps.
        pub async fn update_household(&self, by: &Actor, id: i64, h: &emgek_domain::household::HouseholdFields, grievance: Option<i64>) -> Result<()>;
        pub async fn add_member(&self, by: &Actor, household_id: i64, m: &emgek_domain::household::MemberFields) -> Result<i64>;
        /// As `update_household`, for a person; answers her household.
        pub async fn update_member(&self, by: &Actor, member_id: i64, m: &emgek_domain::household::MemberFields, grievance: Option<i64>) -> Result<i64>;
        pub async fn member(&self, member_id: i64) -> Result<MemberRecord>;
        pub async fn history(&self, household_id: i64) -> Result<Vec<Change>>;
        pub async fn imports(&self, limit: i64) -> Result<Vec<ImportLog>>;
        pub async fn save_import_profile(&self, by: &Actor, p: &import::ImportProfileRow) -> Result<()>;
        pub async fn import_profiles(&self, kind: &str) -> Result<Vec<import::ImportProfileRow>>;
    }

    /// Calls `each` with every exported row (one per member) of the households the filter
    /// selects, in household order, streaming: memory stays flat however many there are.
    pub async fn export_rows<E>(
        &self,
        filter: &HouseholdFilter,
        each: impl FnMut(ExportRow) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<(), E>> {
        on_backend!(self, export_rows(filter, each))
    }

    forward! {
        /// Appends one entry to the audit log.
        pub async fn audit(&self, entry: &AuditEntry) -> Result<()>;
        /// Many entries appended to the chain in one transaction, a few hundred to a statement.
        pub async fn audit_all(&self, entries: &[AuditEntry]) -> Result<()>;
        /// The newest audit rows first, optionally of one actor or of actions starting with `action`.
        pub async fn list_audit(&self, filter: &AuditFilter, before_id: Option<i64>, limit: i64) -> Result<Vec<AuditRow>>;
    }

    /// Every audit row in order, streaming.
    pub async fn each_audit_row<E>(
        &self,
        each: impl FnMut(&AuditRow) -> std::result::Result<(), E>,
    ) -> Result<std::result::Result<(), E>> {
        on_backend!(self, each_audit_row(each))
    }

    forward! {
        /// Checks the audit log's hash chain from the first row to the head.
        pub async fn verify_audit(&self) -> Result<AuditCheck>;
        pub async fn count_users(&self) -> Result<i64>;
        pub async fn user_by_username(&self, username: &str) -> Result<Option<UserRecord>>;
        pub async fn user(&self, id: i64) -> Result<UserRecord>;
        pub async fn list_users(&self) -> Result<Vec<UserRecord>>;
        pub async fn create_user(&self, by: &Actor, user: &NewUser) -> Result<i64>;
        pub async fn set_grants(&self, by: &Actor, id: i64, grants: &[emgek_domain::access::Grant]) -> Result<()>;
        pub async fn set_password(&self, by: &Actor, id: i64, hash: &str, must_change: bool) -> Result<()>;
        pub async fn set_disabled(&self, by: &Actor, id: i64, disabled: bool) -> Result<()>;
        pub async fn create_session(&self, user_id: i64, token_hash: &str, csrf: &str, ip: &str, expires_at: time::OffsetDateTime) -> Result<()>;
        /// (session id, CSRF token, absolute expiry, last seen, user) of a session token's hash.
        pub async fn session(&self, token_hash: &str) -> Result<Option<(i64, String, time::OffsetDateTime, time::OffsetDateTime, UserRecord)>>;
        pub async fn touch_session(&self, session_id: i64) -> Result<()>;
        pub async fn delete_session(&self, token_hash: &str) -> Result<()>;
        /// Counts a failed sign-in; this address's failures older than `forget_before` go.
        pub async fn record_login_failure(&self, username: &str, ip: &str, forget_before: time::OffsetDateTime) -> Result<()>;
        /// The times of the failed sign-ins from `ip` since `since` (for `username` only if given),
        /// newest first, at most `limit`.
        pub async fn login_failures(&self, username: Option<&str>, ip: &str, since: time::OffsetDateTime, limit: i64) -> Result<Vec<time::OffsetDateTime>>;
        /// Failed sign-ins under a user name since `since`, from any address.
        pub async fn login_failures_of(&self, username: &str, since: time::OffsetDateTime) -> Result<i64>;
        /// Opens sign-in again for a user shut out by failed attempts (audited); how many it forgot.
        pub async fn unlock_sign_in(&self, by: &Actor, id: i64) -> Result<u64>;
        pub async fn clear_login_failures(&self, username: &str) -> Result<()>;
        pub async fn create_token(&self, by: &Actor, user_id: i64, name: &str, hash: &str, prefix: &str) -> Result<i64>;
        pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<TokenRow>>;
        pub async fn revoke_token(&self, by: &Actor, user_id: i64, token_id: i64) -> Result<()>;
        pub async fn user_by_token(&self, hash: &str) -> Result<Option<UserRecord>>;
    }

    pub async fn create_programme(&self, by: &Actor, code: &str, kind: &str, names: [&str; 3]) -> Result<i64> {
        on_backend!(self, create_programme(by, code, kind, names))
    }

    forward! {
        pub async fn programmes(&self) -> Result<Vec<programmes::ProgrammeRow>>;
        pub async fn programme(&self, id: i64) -> Result<programmes::ProgrammeRow>;
        /// Adds a version of a programme's rules; a version, once written, never changes.
        pub async fn add_rules(&self, by: &Actor, programme_id: i64, rules: &emgek_domain::social_contract::programme::ProgrammeRules) -> Result<()>;
        pub async fn rule_book(&self, programme_id: i64) -> Result<emgek_domain::social_contract::programme::RuleBook>;
        pub async fn create_call(&self, by: &Actor, programme_id: i64, title: &str, opens: time::Date, closes: time::Date) -> Result<i64>;
        pub async fn call(&self, id: i64) -> Result<programmes::CallRow>;
        pub async fn calls(&self, programme_id: i64) -> Result<Vec<programmes::CallRow>>;
        pub async fn create_training(&self, by: &Actor, call_id: i64, title: &str, held_on: time::Date, rayon: &str) -> Result<i64>;
        /// A call's trainings: (id, title, held on, rayon, households attending).
        pub async fn trainings(&self, call_id: i64) -> Result<Vec<(i64, String, time::Date, String, i64)>>;
        /// (call, rayon) of a training.
        pub async fn training(&self, id: i64) -> Result<(i64, String)>;
        pub async fn record_attendance(&self, by: &Actor, training_id: i64, household_id: i64) -> Result<()>;
        pub async fn attended_training(&self, call_id: i64, household_id: i64) -> Result<bool>;
        /// (a funded application under way, the date it was last funded).
        pub async fn funding_history(&self, household_id: i64) -> Result<(bool, Option<time::Date>)>;
        /// `household` is (id, oblast, rayon).
        pub async fn create_application(&self, by: &Actor, call_id: i64, household: (i64, &str, &str), plan: &emgek_domain::social_contract::business_plan::BusinessPlan) -> Result<i64>;
        pub async fn application(&self, id: i64) -> Result<programmes::ApplicationRecord>;
        pub async fn update_plan(&self, by: &Actor, id: i64, plan: &emgek_domain::social_contract::business_plan::BusinessPlan) -> Result<()>;
        /// Moves an application by `event`, with its history line and audit line, and writes
        /// the notices that tell the family in the same transaction (each keyed by the
        /// history line: `application:ID:EVENT_ID`).
        #[allow(clippy::too_many_arguments)]
        pub async fn transition_telling(&self, by: &Actor, id: i64, event: emgek_domain::social_contract::application::Event, reason: &str, submission: Option<&programmes::Submission>, score_x100: Option<i64>, notices: &[notices::NewNotice]) -> Result<emgek_domain::social_contract::application::Status>;
        pub async fn application_events(&self, id: i64) -> Result<Vec<programmes::ApplicationEvent>>;
        pub async fn list_applications(&self, call_id: i64, areas: &emgek_domain::access::Areas, status: Option<emgek_domain::social_contract::application::Status>, page: PageRequest) -> Result<Page<programmes::ApplicationRecord>>;
        pub async fn create_commission(&self, by: &Actor, call_id: i64, rayon: &str, name: &str, quorum: i64, conflict_rule: &str) -> Result<i64>;
        pub async fn commission(&self, id: i64) -> Result<programmes::CommissionRow>;
        pub async fn add_commission_member(&self, by: &Actor, commission_id: i64, user_id: i64, aiyl_okmotu: &str) -> Result<()>;
        /// Every commission of a call, by rayon, with its members.
        pub async fn commissions(&self, call_id: i64) -> Result<Vec<(programmes::CommissionRow, Vec<programmes::CommissionMemberRow>)>>;
        pub async fn commission_for(&self, call_id: i64, rayon: &str) -> Result<Option<(programmes::CommissionRow, Vec<programmes::CommissionMemberRow>)>>;
        pub async fn record_review(&self, by: &Actor, review: &programmes::NewReview) -> Result<()>;
        /// The reviews of an application or of an enterprise plan, in the order they were given.
        pub async fn reviews(&self, subject: programmes::ReviewSubject) -> Result<Vec<programmes::ReviewRow>>;
        pub async fn allocation_input(&self, call_id: i64) -> Result<( Vec<emgek_domain::social_contract::allocation::Candidate>, emgek_domain::social_contract::allocation::Usage, )>;
        pub async fn ledger(&self, programme_id: i64) -> Result<emgek_domain::social_contract::ledger::Ledger>;
        /// A contract's own accounts (`Ledger::of_contract`), summed from its postings.
        pub async fn contract_ledger(&self, contract_id: i64) -> Result<emgek_domain::social_contract::ledger::Ledger>;
        pub async fn commit_allocation(&self, by: &Actor, round: &programmes::RoundToCommit<'_>) -> Result<programmes::AllocationRun>;
    }

    /// Starts an import: everything it writes is one transaction, committed or rolled back
    /// whole, so a killed import leaves the database as it was.
    /// `areas` is where the importer may write; rows elsewhere come back as
    /// [`RowOutcome::OutOfScope`].
    /// Moves an application by `event`, telling nobody (see [`Store::transition_telling`]).
    pub async fn transition(
        &self,
        by: &Actor,
        id: i64,
        event: emgek_domain::social_contract::application::Event,
        reason: &str,
        submission: Option<&programmes::Submission>,
        score_x100: Option<i64>,
    ) -> Result<emgek_domain::social_contract::application::Status> {
        self.transition_telling(by, id, event, reason, submission, score_x100, &[]).await
    }

    pub async fn begin_import(&self, by: &Actor, areas: emgek_domain::access::Areas) -> Result<ImportTx> {
        ImportTx::begin(self, by, areas).await
    }
}
