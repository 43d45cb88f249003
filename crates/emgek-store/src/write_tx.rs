//! Write transactions.
//!
//! **SQLite: turns, and group commit.** SQLite lets one writer at a time through; when several
//! connections of a process try at once, the others wait in SQLite's busy handler, which sleeps
//! and tries again (1 ms, 2 ms, 5 ms, … up to 100 ms a try), so that a burst of writers waits
//! far longer than their writes take. Writers to one SQLite database therefore take turns in
//! the process first, first come first served, and reach SQLite one at a time.
//!
//! A durable commit costs an fsync, about 0.3 ms here, whatever it carries; a monthly report's
//! own statements cost less. So the writers who take their turns one after another share one
//! transaction (a *batch*): each writes inside a savepoint of its own, which it releases when it
//! commits, or rolls back when it fails, so one writer's failure never undoes another's work.
//! When a writer has released its savepoint it leaves the turn and waits; a flush, queued on
//! the turn behind the writers already waiting, commits the batch and only then answers each
//! of them. Nobody hears "saved" before the fsync that saves them, and a busy server pays one
//! fsync for many writers (`docs/architecture.md`, "Group commit").
//!
//! **PostgreSQL** queues writers itself, row by row: a write transaction is a plain one.

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::{Arc, LazyLock};

use sqlx::{PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};
use tokio::sync::{OwnedMutexGuard, oneshot};

use crate::Result;
use crate::checkpoint::{PerDatabase, one_per_database};
use crate::error::StoreError;

/// A PostgreSQL transaction begun for writing; used like sqlx's (`&mut *tx` is its connection).
pub struct PgWriteTx {
    tx: Transaction<'static, Postgres>,
}

impl Deref for PgWriteTx {
    type Target = sqlx::PgConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl DerefMut for PgWriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl PgWriteTx {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}

pub async fn begin_postgres(pool: &PgPool) -> Result<PgWriteTx> {
    Ok(PgWriteTx { tx: pool.begin().await? })
}

// The savepoint each SQLite writer of a batch writes inside.
const SAVEPOINT: &str = "SAVEPOINT emgek_write";
const RELEASE: &str = "RELEASE emgek_write";
const UNDO: &str = "ROLLBACK TO emgek_write; RELEASE emgek_write";

/// The shared transaction of one SQLite database, and who is waiting for it to commit.
#[derive(Default)]
struct Batch {
    tx: Option<Transaction<'static, Sqlite>>,
    /// A writer's savepoint is open: it is writing, or it left without committing.
    savepoint_open: bool,
    /// The writers whose work is in the batch, each to be told how the commit went.
    joined: Vec<oneshot::Sender<std::result::Result<(), String>>>,
    /// A flush is queued on the turn.
    flush_queued: bool,
    /// Batches committed so far (how many fsyncs the writers shared).
    commits: u64,
    /// The pool the batch's connections come from.
    pool: Option<SqlitePool>,
}

impl Batch {
    fn conn(&mut self) -> &mut SqliteConnection {
        self.tx.as_mut().expect("a writer holds the batch open")
    }

    /// Undoes the work of a writer that left without committing (an error, a dropped request).
    async fn settle(&mut self) {
        if !self.savepoint_open {
            return;
        }
        self.savepoint_open = false;
        let Some(tx) = self.tx.as_mut() else { return };
        if let Err(e) = sqlx::raw_sql(UNDO).execute(&mut **tx).await {
            // SQLite ends the whole transaction on some errors (a full disk, an I/O error):
            // then nobody's work in the batch is saved, and each writer is told so.
            self.abort(format!("the shared transaction ended: {e}")).await;
        }
    }

    async fn abort(&mut self, why: String) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.rollback().await;
        }
        self.answer(Err(why));
    }

    /// Tells each writer in the batch how its commit went.
    fn answer(&mut self, outcome: std::result::Result<(), String>) {
        for writer in self.joined.drain(..) {
            let _ = writer.send(outcome.clone());
        }
    }

    /// Commits the batch and answers each writer in it.
    async fn flush(&mut self) {
        self.flush_queued = false;
        self.settle().await;
        let Some(tx) = self.tx.take() else { return };
        let outcome = tx.commit().await.map_err(|e| format!("the shared commit failed: {e}"));
        if outcome.is_ok() {
            self.commits += 1;
            if let Some(pool) = &self.pool {
                crate::checkpoint::committed(pool);
            }
        }
        self.answer(outcome);
    }
}

type Turn = Arc<tokio::sync::Mutex<Batch>>;

/// A writer's hold on the turn. However it ends (committed, failed, or its request dropped
/// half-way), a batch left open behind it gets a flush.
struct Hold {
    batch: Option<OwnedMutexGuard<Batch>>,
    turn: Turn,
}

impl Hold {
    fn batch(&mut self) -> &mut Batch {
        self.batch.as_mut().expect("held until dropped")
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        let Some(mut batch) = self.batch.take() else { return };
        if batch.tx.is_some() && !batch.flush_queued {
            batch.flush_queued = true;
            let turn = self.turn.clone();
            // Queued behind the writers already waiting, so their work joins this batch.
            tokio::spawn(async move { turn.lock_owned().await.flush().await });
        }
    }
}

/// A SQLite write: a savepoint in the batch (`&mut *tx` is its connection). Dropped without
/// [`SqliteWriteTx::commit`], its work is undone.
pub struct SqliteWriteTx {
    hold: Hold,
}

impl Deref for SqliteWriteTx {
    type Target = SqliteConnection;
    fn deref(&self) -> &Self::Target {
        self.hold.batch.as_ref().and_then(|b| b.tx.as_deref()).expect("a writer holds the batch open")
    }
}

impl DerefMut for SqliteWriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.hold.batch().conn()
    }
}

impl SqliteWriteTx {
    /// Returns once the batch holding this work has committed durably. Once called, the
    /// release goes through even if the caller is dropped meanwhile (its work is then saved,
    /// as a commit whose answer was lost would be).
    pub async fn commit(self) -> Result<()> {
        let mut hold = self.hold;
        let (told, outcome) = oneshot::channel();
        whole(async move {
            let batch = hold.batch();
            sqlx::raw_sql(RELEASE).execute(batch.conn()).await?;
            batch.savepoint_open = false;
            batch.joined.push(told);
            Ok(())
        })
        .await?;
        match outcome.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(why)) => Err(StoreError::Commit(why)),
            Err(_) => Err(StoreError::Commit("the shared commit was abandoned".into())),
        }
    }

    pub async fn rollback(self) -> Result<()> {
        let mut hold = self.hold;
        whole(async move {
            hold.batch().settle().await;
            Ok(())
        })
        .await
    }
}

/// Waits for this database's turn to write, then opens a savepoint in its batch.
pub async fn begin_sqlite(pool: &SqlitePool) -> Result<SqliteWriteTx> {
    let turn = turn_of(pool.connect_options().get_filename());
    let mut hold = Hold { batch: Some(turn.clone().lock_owned().await), turn };
    let pool = pool.clone();
    whole(async move {
        let batch = hold.batch();
        batch.settle().await;
        if batch.tx.is_none() {
            // IMMEDIATE: the batch takes SQLite's write lock before anyone writes in it, so no
            // writer's statement can meet SQLITE_BUSY, which may end the whole transaction.
            batch.tx = Some(pool.begin_with("BEGIN IMMEDIATE").await?);
            batch.pool.get_or_insert(pool);
        }
        sqlx::raw_sql(SAVEPOINT).execute(batch.conn()).await?;
        batch.savepoint_open = true;
        Ok(SqliteWriteTx { hold })
    })
    .await
}

/// Empties the write-ahead log (`PRAGMA wal_checkpoint(TRUNCATE)`) on the database's turn,
/// after the batch open, if any, has committed: no writer of this process holds SQLite's write
/// lock meanwhile, so the checkpoint need not win a race against them in SQLite's busy handler.
/// Answers SQLite's (whether it could not finish, pages in the log, pages copied back).
pub(crate) async fn truncate_log(pool: &SqlitePool) -> Result<(i64, i64, i64)> {
    let turn = turn_of(pool.connect_options().get_filename());
    let pool = pool.clone();
    whole(async move {
        let mut batch = turn.lock_owned().await;
        batch.flush().await;
        Ok(sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&pool).await?)
    })
    .await
}

/// Runs a step of the batch's bookkeeping to its end in a task of its own. A request can be
/// dropped at any await (its client hung up); a step dropped half-way would leave the batch's
/// flags saying other than what SQLite holds (a savepoint released but still marked open, whose
/// undo would then fail and end everyone's work), or leave a failed writer's work in.
async fn whole<T: Send + 'static>(step: impl Future<Output = Result<T>> + Send + 'static) -> Result<T> {
    tokio::spawn(step)
        .await
        .map_err(|e| StoreError::Commit(format!("a step of the shared transaction stopped: {e}")))?
}

/// The turn of the SQLite database at `path`, one for each database the process opens.
fn turn_of(path: &Path) -> Turn {
    static TURNS: PerDatabase<tokio::sync::Mutex<Batch>> = LazyLock::new(Default::default);
    one_per_database(&TURNS, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_database_has_one_turn_shared_by_its_writers() {
        let a = turn_of(Path::new("/tmp/a.db"));
        assert!(Arc::ptr_eq(&a, &turn_of(Path::new("/tmp/a.db"))));
        assert!(!Arc::ptr_eq(&a, &turn_of(Path::new("/tmp/b.db"))));
    }

    /// A pool with the server's own settings (WAL, durable commits) on the database at `url`.
    async fn pool(url: &str) -> SqlitePool {
        match crate::Store::connect(url).await.unwrap() {
            crate::Store::Sqlite(pool) => pool,
            crate::Store::Postgres(_) => unreachable!("a sqlite: URL"),
        }
    }

    /// A new database with one table, and its URL.
    async fn database() -> (String, SqlitePool) {
        let url = emgek_testing::fresh_url("sqlite").await;
        let pool = pool(&url).await;
        sqlx::query("CREATE TABLE t (x INTEGER PRIMARY KEY)").execute(&pool).await.unwrap();
        (url, pool)
    }

    async fn written(url: &str) -> Vec<i64> {
        // Another pool: sees only what was committed.
        let other = pool(url).await;
        let rows = sqlx::query_scalar("SELECT x FROM t ORDER BY x").fetch_all(&other).await.unwrap();
        other.close().await;
        rows
    }

    /// Writer `i` inserts `i`; every third leaves without committing, and every writer above 40
    /// also inserts 1000, which only one of them can. True when it committed.
    async fn write(pool: SqlitePool, i: i64) -> Result<bool> {
        let mut tx = begin_sqlite(&pool).await?;
        sqlx::query("INSERT INTO t (x) VALUES ($1)").bind(i).execute(&mut *tx).await?;
        if i > 40 {
            sqlx::query("INSERT INTO t (x) VALUES (1000)").execute(&mut *tx).await?;
        }
        tokio::task::yield_now().await;
        if i % 3 == 0 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writers_share_commits_and_each_keeps_its_own_work_and_loses_only_its_own_failure() {
        let (url, pool) = database().await;
        let writers: Vec<_> = (1..=60).map(|i| (i, tokio::spawn(write(pool.clone(), i)))).collect();
        let mut committed = Vec::new();
        for (i, writer) in writers {
            match writer.await.unwrap() {
                Ok(true) => committed.push(i),
                Ok(false) => {}
                Err(e) => assert!(i > 40 && matches!(e, StoreError::Other(_)), "writer {i}: {e}"),
            }
        }
        let took_1000: Vec<i64> = committed.iter().copied().filter(|i| *i > 40).collect();
        assert_eq!(took_1000.len(), 1, "{took_1000:?}");
        let all_below_41: Vec<i64> = (1..=40).filter(|i| i % 3 != 0).collect();
        assert_eq!(committed[..committed.len() - 1], all_below_41[..]);
        // Every writer told "saved" finds its rows committed, and nothing else is there.
        let mut expected = committed.clone();
        expected.push(1000);
        assert_eq!(written(&url).await, expected);
        let commits = turn_of(pool.connect_options().get_filename()).lock().await.commits;
        assert!(commits < 27, "27 writers committed in {commits} commits: none were shared");
        pool.close().await;
    }

    /// Writer `i` inserts `i` and `i + 10000`, with a pause between.
    async fn write_two(pool: SqlitePool, i: i64) -> Result<()> {
        let mut tx = begin_sqlite(&pool).await?;
        sqlx::query("INSERT INTO t (x) VALUES ($1)").bind(i).execute(&mut *tx).await?;
        tokio::task::yield_now().await;
        sqlx::query("INSERT INTO t (x) VALUES ($1)").bind(i + 10000).execute(&mut *tx).await?;
        tx.commit().await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writers_dropped_at_any_moment_keep_all_or_none_of_their_work_and_fail_nobody_else() {
        let (url, pool) = database().await;
        // Every other writer is dropped after 0–600 µs: waiting for its turn, half-way through
        // its statements, in its release or waiting for the commit, as a client hanging up is.
        let writers: Vec<_> = (1..=200)
            .map(|i| {
                let pool = pool.clone();
                let patience = (i % 2 == 0).then(|| std::time::Duration::from_micros((i as u64 * 37) % 600));
                let writer = tokio::spawn(async move {
                    match patience {
                        Some(p) => tokio::time::timeout(p, write_two(pool, i)).await.ok(),
                        None => Some(write_two(pool, i).await),
                    }
                });
                (i, writer)
            })
            .collect();
        let mut saved = Vec::new();
        for (i, writer) in writers {
            match writer.await.unwrap() {
                Some(Ok(())) => saved.push(i),
                Some(Err(e)) => panic!("writer {i} failed: {e}"),
                None => {}
            }
        }
        let rows = written(&url).await;
        for i in 1..=200 {
            let (first, second) = (rows.contains(&i), rows.contains(&(i + 10000)));
            assert_eq!(first, second, "writer {i} left half of its work");
            if saved.contains(&i) {
                assert!(first, "writer {i} heard saved, but its rows are not there");
            }
            if i % 2 == 1 {
                assert!(saved.contains(&i), "writer {i} was never dropped, yet did not finish");
            }
        }
        // And the batch goes on: the next writer commits.
        write_two(pool.clone(), 500).await.unwrap();
        assert!(written(&url).await.contains(&10500));
        pool.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_writer_dropped_during_its_release_fails_nobody_who_shares_its_batch() {
        use futures_util::FutureExt;
        let (url, pool) = database().await;
        let mut first = begin_sqlite(&pool).await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (3)").execute(&mut *first).await.unwrap();
        // The second writer waits for its turn behind the first, so it joins her batch.
        let second = tokio::spawn({
            let pool = pool.clone();
            async move {
                let mut tx = begin_sqlite(&pool).await.unwrap();
                sqlx::query("INSERT INTO t (x) VALUES (1)").execute(&mut *tx).await.unwrap();
                sqlx::query("INSERT INTO t (x) VALUES (10001)").execute(&mut *tx).await.unwrap();
                // Her release is sent, then her request is dropped before it is answered.
                let mut commit = Box::pin(tx.commit());
                assert!((&mut commit).now_or_never().is_none());
            }
        });
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let first = tokio::spawn(first.commit());
        second.await.unwrap();
        first.await.unwrap().expect("the first writer's commit is not undone by the second's leaving");
        let rows = written(&url).await;
        assert!(rows.contains(&3));
        assert_eq!(rows.contains(&1), rows.contains(&10001));
        pool.close().await;
    }

    #[tokio::test]
    async fn a_writer_hears_saved_only_once_its_work_is_visible_to_everyone() {
        let (url, pool) = database().await;
        for i in 1..=3 {
            let mut tx = begin_sqlite(&pool).await.unwrap();
            sqlx::query("INSERT INTO t (x) VALUES ($1)").bind(i).execute(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
            assert_eq!(written(&url).await.len(), i as usize);
        }
        let mut tx = begin_sqlite(&pool).await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (9)").execute(&mut *tx).await.unwrap();
        tx.rollback().await.unwrap();
        let mut tx = begin_sqlite(&pool).await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (4)").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(written(&url).await, vec![1, 2, 3, 4]);
        pool.close().await;
    }
}
