//! The write side of a bulk import: one transaction, households keyed on their registry number,
//! members keyed on PIN, so that importing the same file twice changes nothing the second time.

use std::collections::HashMap;

use emgek_domain::access::Areas;
use emgek_domain::household::{HouseholdFields, MemberFields};
use serde::Serialize;
use sqlx::{Postgres, Sqlite, Transaction};
use time::OffsetDateTime;

use crate::audit::AuditEntry;
use crate::error::Result;
use crate::records::{Actor, snapshot_household, snapshot_member};
use crate::{Store, postgres, sqlite};

/// The record of one import, kept whether it committed or not.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ImportLog {
    pub id: i64,
    pub actor: String,
    pub file_name: String,
    pub all_or_nothing: bool,
    /// False when the import was rolled back: nothing of it stayed but this record.
    pub committed: bool,
    pub rows_read: i64,
    pub rows_rejected: i64,
    pub households_created: i64,
    pub members_created: i64,
    pub members_updated: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// What importing one row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    Created,
    Updated,
    Unchanged,
    /// The row would change a household or person outside the importer's reach: not written.
    OutOfScope,
}

enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

macro_rules! on_tx {
    ($tx:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match $tx {
            Tx::Sqlite(tx) => sqlite::$f(tx, $($arg),*).await,
            Tx::Postgres(tx) => postgres::$f(tx, $($arg),*).await,
        }
    };
}

/// An import under way. Dropping it without [`ImportTx::commit`] rolls everything back.
pub struct ImportTx {
    tx: Tx,
    store: Store,
    by: Actor,
    log: ImportLog,
    /// Households met in this import: registry number → (id, fields as last written).
    households: HashMap<String, (i64, HouseholdFields)>,
    /// Where the importer may write.
    areas: Areas,
}

impl ImportTx {
    pub(crate) async fn begin(store: &Store, by: &Actor, areas: Areas) -> Result<Self> {
        let mut tx = match store {
            Store::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Store::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        };
        let mut log = ImportLog {
            id: 0,
            actor: by.name.clone(),
            file_name: String::new(),
            all_or_nothing: false,
            committed: false,
            rows_read: 0,
            rows_rejected: 0,
            households_created: 0,
            members_created: 0,
            members_updated: 0,
            at: OffsetDateTime::now_utc(),
        };
        log.id = on_tx!(&mut tx, insert_import(&log))?;
        Ok(Self { tx, store: store.clone(), by: by.clone(), log, households: HashMap::new(), areas })
    }

    /// Writes one valid row: its household (created or brought up to date) and its member.
    pub async fn apply(&mut self, h: &HouseholdFields, m: &MemberFields) -> Result<RowOutcome> {
        if !self.areas.contains(&h.oblast, &h.rayon) {
            return Ok(RowOutcome::OutOfScope);
        }
        let existing = on_tx!(&mut self.tx, member_by_pin(m.pin.as_str()))?;
        if !self.areas.everywhere {
            // Neither the household nor the person may already live outside the importer's reach.
            let mut ids = Vec::new();
            if let Some(id) = on_tx!(&mut self.tx, household_id_by_ref(&h.household_ref))? {
                ids.push(id);
            }
            if let Some(before) = &existing {
                ids.push(before.household_id);
            }
            for id in ids {
                let there = on_tx!(&mut self.tx, household_in(id))?.fields;
                if !self.areas.contains(&there.oblast, &there.rayon) {
                    return Ok(RowOutcome::OutOfScope);
                }
            }
        }
        let household_id = self.household(h).await?;
        match existing {
            None => {
                on_tx!(&mut self.tx, insert_member(household_id, m))?;
                self.log.members_created += 1;
                Ok(RowOutcome::Created)
            }
            Some(before) if before.fields == *m && before.household_id == household_id => Ok(RowOutcome::Unchanged),
            Some(before) => {
                on_tx!(&mut self.tx, write_member(before.id, household_id, m))?;
                let (b, a) = (snapshot_member(&before.fields), snapshot_member(m));
                on_tx!(&mut self.tx, record_change(&self.by, household_id, "member.update", Some(b), a))?;
                self.log.members_updated += 1;
                Ok(RowOutcome::Updated)
            }
        }
    }

    async fn household(&mut self, h: &HouseholdFields) -> Result<i64> {
        if let Some((id, written)) = self.households.get(&h.household_ref) {
            let id = *id;
            if written != h {
                on_tx!(&mut self.tx, write_household(id, h))?;
                self.households.insert(h.household_ref.clone(), (id, h.clone()));
            }
            return Ok(id);
        }
        let id = match on_tx!(&mut self.tx, household_id_by_ref(&h.household_ref))? {
            None => {
                self.log.households_created += 1;
                on_tx!(&mut self.tx, insert_household(h, Some(self.log.id)))?
            }
            Some(id) => {
                let before = on_tx!(&mut self.tx, household_in(id))?;
                if before.fields != *h {
                    on_tx!(&mut self.tx, write_household(id, h))?;
                    let (b, a) = (snapshot_household(&before.fields), snapshot_household(h));
                    on_tx!(&mut self.tx, record_change(&self.by, id, "household.update", Some(b), a))?;
                }
                id
            }
        };
        self.households.insert(h.household_ref.clone(), (id, h.clone()));
        Ok(id)
    }

    /// Commits everything written, with the import's record.
    pub async fn commit(
        mut self,
        file_name: &str,
        all_or_nothing: bool,
        rows_read: i64,
        rows_rejected: i64,
    ) -> Result<ImportLog> {
        self.fill(file_name, all_or_nothing, rows_read, rows_rejected, true);
        on_tx!(&mut self.tx, finish_import(&self.log))?;
        // Taken last: an import holds the chain's head only for the moment of its commit.
        let slot = on_tx!(&mut self.tx, reserve_audit())?;
        let entry = self.audit_entry("import.commit");
        on_tx!(&mut self.tx, write_audit(slot, &entry))?;
        match self.tx {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(self.log)
    }

    /// Undoes everything written and keeps only a record that the import was tried.
    pub async fn rollback(
        mut self,
        file_name: &str,
        all_or_nothing: bool,
        rows_read: i64,
        rows_rejected: i64,
    ) -> Result<ImportLog> {
        self.fill(file_name, all_or_nothing, rows_read, rows_rejected, false);
        let ImportTx { tx, store, mut log, by, .. } = self;
        match tx {
            Tx::Sqlite(tx) => tx.rollback().await?,
            Tx::Postgres(tx) => tx.rollback().await?,
        }
        log.households_created = 0;
        log.members_created = 0;
        log.members_updated = 0;
        log.id = match &store {
            Store::Sqlite(pool) => sqlite::insert_import(&mut *pool.acquire().await?, &log).await?,
            Store::Postgres(pool) => postgres::insert_import(&mut *pool.acquire().await?, &log).await?,
        };
        store.audit(&import_entry(&by, &log, "import.rollback")).await?;
        Ok(log)
    }

    fn fill(&mut self, file_name: &str, all_or_nothing: bool, rows_read: i64, rows_rejected: i64, committed: bool) {
        self.log.file_name = file_name.to_string();
        self.log.all_or_nothing = all_or_nothing;
        self.log.rows_read = rows_read;
        self.log.rows_rejected = rows_rejected;
        self.log.committed = committed;
    }

    pub fn log(&self) -> &ImportLog {
        &self.log
    }

    fn audit_entry(&self, action: &str) -> AuditEntry {
        import_entry(&self.by, &self.log, action)
    }
}

fn import_entry(by: &Actor, log: &ImportLog, action: &str) -> AuditEntry {
    let detail = serde_json::json!({
        "file": log.file_name, "rows_read": log.rows_read, "rows_rejected": log.rows_rejected,
        "households_created": log.households_created, "members_created": log.members_created,
        "members_updated": log.members_updated, "all_or_nothing": log.all_or_nothing,
    });
    AuditEntry::new(by, action, format!("import:{}", log.id), detail)
}
