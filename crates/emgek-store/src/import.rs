//! The write side of a bulk import: households keyed on their registry number, members keyed on
//! PIN, so that importing the same file twice changes nothing the second time.
//!
//! **All or nothing, without holding the write lock.** On PostgreSQL an import is one
//! transaction: other writers go on beside it. SQLite has one write lock for the whole database,
//! and a country's registry takes minutes to write; held that long, every other user's write
//! would give up after its busy timeout. So on SQLite an import writes on a connection of its
//! own and commits once it has held the lock for [`HOLD`], then leaves it free for [`PAUSE`]. What keeps it all-or-nothing is the
//! undo it leaves as it goes (migration 0014): its record says `running` until the end, the
//! households and people it adds carry its id, and each household and person it changes is kept
//! as it was before. An import that is refused, fails or is dropped is undone at once; one whose
//! process was killed is undone the next time emgek opens the database or starts an import
//! (it knows the import's owner is gone when the lock file the owner held is free).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::PathBuf;

use emgek_domain::access::Areas;
use emgek_domain::household::{HouseholdFields, MemberFields};
use serde::Serialize;
use sqlx::{ConnectOptions, Connection, Postgres, Sqlite, SqliteConnection, Transaction};
use time::OffsetDateTime;

use crate::audit::AuditEntry;
use crate::error::Result;
use crate::error::StoreError;
use crate::import_undo::{lock_path, release};
use crate::records::{Actor, HouseholdKeys, MemberRecord, snapshot_household, snapshot_member};
use crate::{Store, postgres, sqlite};

/// A saved mapping of an office's headings to emgek's columns (`columns` is its JSON).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ImportProfileRow {
    pub office: String,
    /// What the profile maps: `households`, or a kind of records' code (`sc-contracts`, …).
    pub kind: String,
    pub name: String,
    pub columns: String,
    pub created_by: String,
}

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
    /// Begun and neither done nor undone (never listed).
    #[serde(skip)]
    #[sqlx(skip)]
    pub running: bool,
}

impl ImportLog {
    /// The record's state: `running`, `done` (committed) or `undone`.
    pub fn state(&self) -> &'static str {
        match (self.running, self.committed) {
            (true, _) => "running",
            (false, true) => "done",
            (false, false) => "undone",
        }
    }
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
    /// Committed or rolled back.
    Done,
    /// One transaction (an in-memory database).
    Sqlite(Transaction<'static, Sqlite>),
    /// A connection of the import's own, committing batch by batch: see the module's doc.
    Batched(Batches),
    Postgres(Transaction<'static, Postgres>),
}

struct Batches {
    conn: SqliteConnection,
    /// When the transaction open on `conn` began, if one is.
    open: Option<std::time::Instant>,
    /// How long a transaction may hold the write lock before the batch that ends it commits.
    hold: std::time::Duration,
    /// The lock file held while the import runs: free, it tells that the import was abandoned.
    lock: Option<(File, PathBuf)>,
}

macro_rules! on_tx {
    ($tx:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match $tx {
            Tx::Sqlite(tx) => sqlite::$f(tx, $($arg),*).await,
            Tx::Batched(b) => sqlite::$f(&mut b.conn, $($arg),*).await,
            Tx::Postgres(tx) => postgres::$f(tx, $($arg),*).await,
            Tx::Done => Err(StoreError::Commit("the import is over".into())),
        }
    };
}

impl Batches {
    /// Closes the import's connection, then lets go of the lock file and removes it.
    async fn finish(self) {
        let Batches { conn, lock, .. } = self;
        if let Err(e) = conn.close().await {
            tracing::warn!(error = %e, "closing an import's connection");
        }
        release(lock);
    }
}

/// An import dropped half-way (its caller failed or was cancelled) is undone at once: its open
/// batch rolls back as its connection closes, and what it committed is undone in a task.
impl Drop for ImportTx {
    fn drop(&mut self) {
        if let Tx::Batched(b) = std::mem::replace(&mut self.tx, Tx::Done) {
            let Batches { conn, lock, .. } = b;
            drop(conn);
            release(lock);
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                let store = self.store.clone();
                runtime.spawn(async move {
                    if let Err(e) = store.undo_abandoned_imports().await {
                        tracing::warn!(error = %e, "undoing an abandoned import");
                    }
                });
            }
        }
    }
}

/// How long an import holds SQLite's write lock at most, give or take a batch, before it lets
/// others write (they wait in their busy timeout, 10 s). A commit writes every page the rows
/// since the last one touched, and rows with random keys (PINs, names) touch a page of each
/// index apiece: a commit for every batch of a country's registry would write the same index
/// pages over and over. Two seconds' worth of rows share the cost.
pub const HOLD: std::time::Duration = std::time::Duration::from_secs(2);

/// How long the import leaves the write lock free after each commit. Others waiting for it
/// sleep in SQLite's busy handler and try again at most 100 ms apart; a shorter gap could pass
/// between two of their tries, again and again (seen in CI: a write waited out a whole import).
/// About 5% of a long import's time.
pub const PAUSE: std::time::Duration = std::time::Duration::from_millis(110);

/// An import under way. Dropping it without [`ImportTx::commit`] rolls everything back.
pub struct ImportTx {
    tx: Tx,
    store: Store,
    by: Actor,
    log: ImportLog,
    /// Households met in this batch: registry number → (id, fields as last written).
    households: HashMap<String, (i64, HouseholdFields)>,
    /// Where the importer may write.
    areas: Areas,
    /// Rows waiting to be written in the next batch.
    queued: Vec<(u64, HouseholdFields, MemberFields)>,
    queued_pins: HashSet<u64>,
}

/// How many rows are written together: a few statements for each batch instead of a few for
/// each row (a statement's round trip, not SQL, is what an import row by row spends its time
/// on). Within both engines' limits on bound values (13 a household, 12 a person).
pub const BATCH: usize = 1000;

/// The household a queued person goes to: one in the database, or the batch's i-th new one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Stored(i64),
    New(usize),
}

/// Gives the import's connection back SQLite's default page cache (2 MB) before it returns to
/// the pool: left at the import's 256 MB, a server that ran an import from its upload page
/// would keep that much memory in one connection for good (B5's goal is 100 MB idle). Dirty
/// pages stay until the commit writes them; only clean ones are let go.
async fn shrink_cache(tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>) -> Result<()> {
    sqlx::query("PRAGMA cache_size = -2000").execute(&mut **tx).await?;
    Ok(())
}

/// What a batch writes once its rows are sorted out.
#[derive(Default)]
struct Batch {
    households: Vec<HouseholdFields>,
    index: HashMap<String, usize>,
    members: Vec<(Target, MemberFields)>,
    updates: Vec<(MemberRecord, Target, MemberFields)>,
}

impl ImportTx {
    pub(crate) async fn begin(store: &Store, by: &Actor, areas: Areas) -> Result<Self> {
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
            running: true,
        };
        let tx = match store {
            Store::Sqlite(pool) if pool.connect_options().get_filename().is_file() => {
                store.undo_abandoned_imports().await?;
                let db = pool.connect_options().get_filename().to_path_buf();
                let mut conn = (*pool.connect_options()).clone().connect().await?;
                // A registry's import writes hundreds of megabytes: with SQLite's default 2 MB
                // page cache its pages spill again and again. 256 MB holds the indexes' hot
                // pages (B1 in docs/benchmarks.md); the connection is the import's own and
                // closes with it.
                sqlx::query("PRAGMA cache_size = -262144").execute(&mut conn).await?;
                sqlx::raw_sql("BEGIN IMMEDIATE").execute(&mut conn).await?;
                log.id = sqlite::insert_import(&mut conn, &log).await?;
                // Held before the record is committed, so that no running import is ever
                // without its lock.
                let path = lock_path(&db, log.id);
                let file = File::create(&path).map_err(|e| StoreError::Config(format!("{}: {e}", path.display())))?;
                file.try_lock().map_err(|e| StoreError::Config(format!("{}: {e}", path.display())))?;
                sqlx::raw_sql("COMMIT").execute(&mut conn).await?;
                Tx::Batched(Batches { conn, open: None, hold: HOLD, lock: Some((file, path)) })
            }
            Store::Sqlite(pool) => {
                let mut tx = Tx::Sqlite(pool.begin().await?);
                log.id = on_tx!(&mut tx, insert_import(&log))?;
                tx
            }
            Store::Postgres(pool) => {
                let mut tx = Tx::Postgres(pool.begin().await?);
                log.id = on_tx!(&mut tx, insert_import(&log))?;
                tx
            }
        };
        Ok(Self {
            tx,
            store: store.clone(),
            by: by.clone(),
            log,
            households: HashMap::new(),
            areas,
            queued: Vec::new(),
            queued_pins: HashSet::new(),
        })
    }

    /// Queues one valid row (`row` is the caller's number for it). Rows are written in batches
    /// of [`BATCH`], a few statements a batch: the outcome of each row written by this call is
    /// returned, in the order queued (none until a batch is full). [`ImportTx::flush`] writes
    /// the rest.
    pub async fn apply(&mut self, row: u64, h: HouseholdFields, m: MemberFields) -> Result<Vec<(u64, RowOutcome)>> {
        // The same person twice in a batch: the second row must find the first one written.
        let mut written = Vec::new();
        if !self.queued_pins.insert(m.pin.as_u64()) {
            written = self.flush().await?;
            self.queued_pins.insert(m.pin.as_u64());
        }
        self.queued.push((row, h, m));
        if self.queued.len() >= BATCH {
            written.extend(self.flush().await?);
        }
        Ok(written)
    }

    /// Writes every queued row and says what became of each.
    pub async fn flush(&mut self) -> Result<Vec<(u64, RowOutcome)>> {
        let rows = std::mem::take(&mut self.queued);
        self.queued_pins.clear();
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        self.open_batch().await?;
        let outcomes = self.write_rows(rows).await?;
        self.commit_batch().await?;
        Ok(outcomes)
    }

    /// Begins a batch's transaction on the import's own connection (nothing to do otherwise).
    async fn open_batch(&mut self) -> Result<()> {
        if let Tx::Batched(b) = &mut self.tx
            && b.open.is_none()
        {
            // IMMEDIATE: the write lock is taken now or waited for (busy timeout), never met
            // half-way through the batch.
            sqlx::raw_sql("BEGIN IMMEDIATE").execute(&mut b.conn).await?;
            b.open = Some(std::time::Instant::now());
        }
        Ok(())
    }

    /// Commits on the import's own connection once its transaction has held the write lock for
    /// [`HOLD`], freeing it for others.
    async fn commit_batch(&mut self) -> Result<()> {
        if let Tx::Batched(b) = &mut self.tx
            && b.open.is_some_and(|since| since.elapsed() >= b.hold)
        {
            sqlx::raw_sql("COMMIT").execute(&mut b.conn).await?;
            b.open = None;
            if let Store::Sqlite(pool) = &self.store {
                crate::checkpoint::committed(pool);
            }
            tokio::time::sleep(PAUSE).await;
        }
        Ok(())
    }

    async fn write_rows(&mut self, rows: Vec<(u64, HouseholdFields, MemberFields)>) -> Result<Vec<(u64, RowOutcome)>> {
        // What the database holds already of these rows' people and households.
        let pins: Vec<&str> = rows.iter().map(|(_, _, m)| m.pin.as_str()).collect();
        let existing: HashMap<String, MemberRecord> = on_tx!(&mut self.tx, members_by_pins(&pins))?
            .into_iter()
            .map(|m| (m.fields.pin.as_str().to_string(), m))
            .collect();
        let mut refs: Vec<&str> = rows
            .iter()
            .map(|(_, h, _)| h.household_ref.as_str())
            .filter(|r| !self.households.contains_key(*r))
            .collect();
        refs.sort_unstable();
        refs.dedup();
        let mut stored: HashMap<String, (i64, HouseholdFields)> =
            on_tx!(&mut self.tx, households_by(HouseholdKeys::Refs(&refs)))?
                .into_iter()
                .map(|(id, f)| (f.household_ref.clone(), (id, f)))
                .collect();
        // Neither the household nor the person may already live outside the importer's reach.
        let mut places: HashMap<i64, HouseholdFields> = HashMap::new();
        if !self.areas.everywhere {
            let ids: Vec<i64> = existing.values().map(|m| m.household_id).collect();
            places = on_tx!(&mut self.tx, households_by(HouseholdKeys::Ids(&ids)))?.into_iter().collect();
            places.extend(stored.values().cloned());
        }

        let mut batch = Batch::default();
        let mut outcomes = Vec::with_capacity(rows.len());
        for (row, h, m) in rows {
            let before = existing.get(m.pin.as_str());
            if !self.in_reach(&h, before, &stored, &places) {
                outcomes.push((row, RowOutcome::OutOfScope));
                continue;
            }
            let target = self.household(&h, &mut stored, &mut batch).await?;
            let outcome = match before {
                None => {
                    self.log.members_created += 1;
                    batch.members.push((target, m));
                    RowOutcome::Created
                }
                Some(b) if b.fields == m && target == Target::Stored(b.household_id) => RowOutcome::Unchanged,
                Some(b) => {
                    self.log.members_updated += 1;
                    batch.updates.push((b.clone(), target, m));
                    RowOutcome::Updated
                }
            };
            outcomes.push((row, outcome));
        }
        self.write(batch).await?;
        // A country's households would not fit: the next batch reads those it meets again
        // (as last written, in this transaction), which costs no extra query.
        self.households.clear();
        Ok(outcomes)
    }

    fn in_reach(
        &self,
        h: &HouseholdFields,
        before: Option<&MemberRecord>,
        stored: &HashMap<String, (i64, HouseholdFields)>,
        places: &HashMap<i64, HouseholdFields>,
    ) -> bool {
        if !self.areas.contains(&h.oblast, &h.rayon) {
            return false;
        }
        if self.areas.everywhere {
            return true;
        }
        let ids = stored.get(&h.household_ref).map(|(id, _)| *id).into_iter().chain(before.map(|b| b.household_id));
        ids.filter_map(|id| places.get(&id)).all(|there| self.areas.contains(&there.oblast, &there.rayon))
    }

    /// Where the row's person lives: a household written before (brought up to date when the
    /// row says otherwise) or one new in this batch (the last row's fields win, as when written
    /// row by row).
    async fn household(
        &mut self,
        h: &HouseholdFields,
        stored: &mut HashMap<String, (i64, HouseholdFields)>,
        batch: &mut Batch,
    ) -> Result<Target> {
        if let Some((id, written)) = self.households.get(&h.household_ref) {
            let id = *id;
            if written != h {
                on_tx!(&mut self.tx, keep_household_before(self.log.id, id))?;
                on_tx!(&mut self.tx, write_household(id, h))?;
                self.households.insert(h.household_ref.clone(), (id, h.clone()));
            }
            return Ok(Target::Stored(id));
        }
        if let Some(&i) = batch.index.get(&h.household_ref) {
            if batch.households[i] != *h {
                batch.households[i] = h.clone();
            }
            return Ok(Target::New(i));
        }
        if let Some((id, before)) = stored.remove(&h.household_ref) {
            if before != *h {
                on_tx!(&mut self.tx, keep_household_before(self.log.id, id))?;
                on_tx!(&mut self.tx, write_household(id, h))?;
                let (b, a) = (snapshot_household(&before), snapshot_household(h));
                let import = Some(self.log.id);
                on_tx!(&mut self.tx, record_import_change(&self.by, id, "household.update", Some(b), a, import))?;
            }
            self.households.insert(h.household_ref.clone(), (id, h.clone()));
            return Ok(Target::Stored(id));
        }
        self.log.households_created += 1;
        batch.index.insert(h.household_ref.clone(), batch.households.len());
        batch.households.push(h.clone());
        Ok(Target::New(batch.households.len() - 1))
    }

    /// New households in one statement, then new people in one, then the changed people.
    async fn write(&mut self, batch: Batch) -> Result<()> {
        let fields: Vec<&HouseholdFields> = batch.households.iter().collect();
        let ids: HashMap<String, i64> = on_tx!(&mut self.tx, insert_households(&fields, Some(self.log.id)))?
            .into_iter()
            .map(|(id, r)| (r, id))
            .collect();
        let mut new_ids = Vec::with_capacity(batch.households.len());
        for h in batch.households {
            let id = *ids.get(&h.household_ref).ok_or(StoreError::NotFound)?;
            new_ids.push(id);
            self.households.insert(h.household_ref.clone(), (id, h));
        }
        let id_of = |t: Target| match t {
            Target::Stored(id) => id,
            Target::New(i) => new_ids[i],
        };
        // A person added to a household that was there before carries the import's id, to be
        // taken out if it is undone; one in a new household goes with it.
        let import = Some(self.log.id);
        let members: Vec<(i64, &MemberFields, Option<i64>)> = batch
            .members
            .iter()
            .map(|(t, m)| (id_of(*t), m, if matches!(t, Target::Stored(_)) { import } else { None }))
            .collect();
        on_tx!(&mut self.tx, insert_members(&members))?;
        for (before, target, m) in batch.updates {
            let household_id = id_of(target);
            on_tx!(&mut self.tx, keep_member_before(self.log.id, before.id))?;
            on_tx!(&mut self.tx, write_member(before.id, household_id, &m))?;
            let (b, a) = (snapshot_member(&before.fields), snapshot_member(&m));
            on_tx!(&mut self.tx, record_import_change(&self.by, household_id, "member.update", Some(b), a, import))?;
        }
        Ok(())
    }

    /// Commits everything written, with the import's record.
    pub async fn commit(
        mut self,
        file_name: &str,
        all_or_nothing: bool,
        rows_read: i64,
        rows_rejected: i64,
    ) -> Result<ImportLog> {
        // Rows still queued are written first; call `flush` before to learn their outcomes.
        self.flush().await?;
        self.fill(file_name, all_or_nothing, rows_read, rows_rejected, true);
        self.open_batch().await?;
        on_tx!(&mut self.tx, finish_import(&self.log))?;
        on_tx!(&mut self.tx, forget_undo(self.log.id))?;
        // Taken last: an import holds the chain's head only for the moment of its commit.
        let slot = on_tx!(&mut self.tx, reserve_audit())?;
        let entry = self.audit_entry("import.commit");
        on_tx!(&mut self.tx, write_audit(slot, &entry))?;
        match std::mem::replace(&mut self.tx, Tx::Done) {
            Tx::Sqlite(mut tx) => {
                shrink_cache(&mut tx).await?;
                tx.commit().await?;
                if let Store::Sqlite(pool) = &self.store {
                    crate::checkpoint::committed(pool);
                }
            }
            Tx::Batched(mut b) => {
                sqlx::raw_sql("COMMIT").execute(&mut b.conn).await?;
                b.finish().await;
                if let Store::Sqlite(pool) = &self.store {
                    crate::checkpoint::committed(pool);
                }
            }
            Tx::Postgres(tx) => tx.commit().await?,
            Tx::Done => {}
        }
        Ok(self.log.clone())
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
        let tx = std::mem::replace(&mut self.tx, Tx::Done);
        let (store, by) = (self.store.clone(), self.by.clone());
        let mut log = self.log.clone();
        log.households_created = 0;
        log.members_created = 0;
        log.members_updated = 0;
        match tx {
            Tx::Sqlite(mut tx) => {
                shrink_cache(&mut tx).await?;
                tx.rollback().await?;
            }
            Tx::Batched(mut b) => {
                if b.open.is_some() {
                    sqlx::raw_sql("ROLLBACK").execute(&mut b.conn).await?;
                }
                // Named and counted as read before it is undone, for the audit log.
                if let Store::Sqlite(pool) = &store {
                    let mut conn = pool.acquire().await?;
                    let mut named = log.clone();
                    named.running = true;
                    sqlite::finish_import(&mut conn, &named).await?;
                }
                store.undo_import(log.id, &import_entry(&by, &log, "import.rollback")).await?;
                b.finish().await;
                return Ok(log);
            }
            Tx::Postgres(tx) => tx.rollback().await?,
            Tx::Done => {}
        }
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
        self.log.running = false;
    }

    /// Commits on SQLite once a transaction has held the write lock this long (by default
    /// [`HOLD`]; zero commits every batch).
    pub fn hold_lock_for(&mut self, hold: std::time::Duration) {
        if let Tx::Batched(b) = &mut self.tx {
            b.hold = hold;
        }
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
