//! SQLite's connections, and checkpoints off the writers' path.
//!
//! In WAL mode a commit appends its pages to the log (`emgek.db-wal`) and syncs it: that is
//! what makes it durable. Copying the pages back into the database file (a *checkpoint*) can
//! wait. Left to SQLite, the connection whose commit takes the log past 1,000 pages checkpoints
//! there and then, inside its `COMMIT`: a sqlite3 test on the tier-M database took 0.152 s to
//! commit an allocation's writes that way, against 0.017 s without, and under B4's load one
//! commit in a few hundred paid for everyone's. So this process's connections never checkpoint
//! on their own (`wal_autocheckpoint = 0`); after a commit, a task of its own copies the log
//! back a moment later (`PRAGMA wal_checkpoint(PASSIVE)`, which waits for nobody and blocks
//! nobody), and again while commits keep coming. The last connection to close checkpoints
//! whatever is left, as SQLite always does.
//!
//! A passive checkpoint never starts the log again from its beginning while commits keep
//! coming (an import, sustained load): each copies back what was there when it began, and the
//! log only grows (13.4 GB beside a 2.4 GB database during the L country's import). So once the
//! log holds more than [`RESTART_AT`] pages after a passive checkpoint, the checkpointer takes
//! the writers' turn (`write_tx`: the batch open commits first), copies the rest back and
//! empties the log (`TRUNCATE`): a pause of a fraction of a second for this process's writers,
//! once every few tens of megabytes written. (Another process writing to the same file, a CLI
//! import beside a server, still competes in SQLite's busy handler.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::Result;

/// How long after a commit the log is copied back: commits meanwhile share the checkpoint.
const AFTER: Duration = Duration::from_millis(250);

/// Pages in the log after a passive checkpoint beyond which it is emptied (64 MiB of 4 KiB
/// pages; a few pages in this crate's tests, to see it happen).
const RESTART_AT: i64 = if cfg!(test) { 64 } else { 16_384 };

/// The pool of a SQLite database: created if missing, WAL mode, durable commits, foreign keys,
/// and checkpoints left to [`committed`].
pub(crate) async fn sqlite_pool(url: &str) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: a commit survives a power cut, as a payment or an edit must.
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .pragma("wal_autocheckpoint", "0");
    // An embedded database's connection can't drop: no ping before each use.
    Ok(SqlitePoolOptions::new().max_connections(8).test_before_acquire(false).connect_with(options).await?)
}

/// Whether a checkpointer of one database is running, and whether a commit came since it began.
#[derive(Default)]
struct Checkpointer {
    running: AtomicBool,
    behind: AtomicBool,
}

/// Tells the database's checkpointer that a commit added to the log; starts it if it is idle.
pub(crate) fn committed(pool: &SqlitePool) {
    let checkpointer = checkpointer_of(pool.connect_options().get_filename());
    checkpointer.behind.store(true, Ordering::SeqCst);
    if checkpointer.running.swap(true, Ordering::SeqCst) {
        return;
    }
    let pool = pool.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(AFTER).await;
            checkpointer.behind.store(false, Ordering::SeqCst);
            if pool.is_closed() {
                // Its last connection checkpointed as it closed.
                checkpointer.running.store(false, Ordering::SeqCst);
                break;
            }
            if let Err(e) = checkpoint(&pool).await {
                tracing::warn!(error = %e, "checkpoint failed; the next commit starts another");
            }
            if checkpointer.behind.load(Ordering::SeqCst) {
                continue;
            }
            checkpointer.running.store(false, Ordering::SeqCst);
            // A commit that came between the look and the stop found it still running.
            if !checkpointer.behind.load(Ordering::SeqCst) || checkpointer.running.swap(true, Ordering::SeqCst) {
                break;
            }
        }
    });
}

/// Copies the log back without waiting for anyone; empties it, waiting for the writer of the
/// moment, if it still holds more than [`RESTART_AT`] pages.
async fn checkpoint(pool: &SqlitePool) -> Result<()> {
    // (whether it could not finish, pages in the log, pages copied back)
    let passive = || sqlx::query_as::<_, (i64, i64, i64)>("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(pool);
    let (_, log, _) = passive().await?;
    if log > RESTART_AT {
        // What commits added while it copied is copied too, a few times at most, while the
        // writers go on: the writers then wait only for the last few pages.
        for _ in 0..4 {
            let (_, log, copied) = passive().await?;
            if log - copied < RESTART_AT / 16 {
                break;
            }
        }
        let (busy, log, copied) = crate::write_tx::truncate_log(pool).await?;
        tracing::debug!(busy, log, copied, "the write-ahead log emptied");
    }
    Ok(())
}

fn checkpointer_of(path: &Path) -> Arc<Checkpointer> {
    static CHECKPOINTERS: PerDatabase<Checkpointer> = LazyLock::new(Default::default);
    one_per_database(&CHECKPOINTERS, path)
}

/// Something kept once for each SQLite database file the process opens.
pub(crate) type PerDatabase<T> = LazyLock<Mutex<HashMap<PathBuf, Arc<T>>>>;

/// The one `T` of the database at `path`, made on first use.
pub(crate) fn one_per_database<T: Default>(all: &PerDatabase<T>, path: &Path) -> Arc<T> {
    let mut all = all.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    all.entry(path.to_path_buf()).or_default().clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_size(path: &Path) -> u64 {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_commit_returns_before_its_pages_are_copied_into_the_database_file_and_they_are_soon_after() {
        let url = emgek_testing::fresh_url("sqlite").await;
        let pool = sqlite_pool(&url).await.unwrap();
        let path = pool.connect_options().get_filename().to_path_buf();
        let mut tx = crate::write_tx::begin_sqlite(&pool).await.unwrap();
        sqlx::query("CREATE TABLE b (x BLOB)").execute(&mut *tx).await.unwrap();
        sqlx::query("INSERT INTO b VALUES (zeroblob(400000))").execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
        assert!(file_size(&path) < 400_000, "copied into the database file inside the commit");
        assert!(file_size(&PathBuf::from(format!("{}-wal", path.display()))) >= 400_000, "the commit is in the log");
        let mut waited = Duration::ZERO;
        while file_size(&path) < 400_000 {
            assert!(waited < Duration::from_secs(5), "not copied back within 5 s");
            tokio::time::sleep(Duration::from_millis(50)).await;
            waited += Duration::from_millis(50);
        }
        let kib: i64 = sqlx::query_scalar("PRAGMA wal_autocheckpoint").fetch_one(&pool).await.unwrap();
        assert_eq!(kib, 0, "connections leave checkpoints to the checkpointer");
        pool.close().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_log_stays_bounded_while_commits_keep_coming() {
        let url = emgek_testing::fresh_url("sqlite").await;
        let pool = sqlite_pool(&url).await.unwrap();
        let path = pool.connect_options().get_filename().to_path_buf();
        let wal = PathBuf::from(format!("{}-wal", path.display()));
        sqlx::query("CREATE TABLE b (x BLOB)").execute(&pool).await.unwrap();
        // 3 s of commits back to back, 16 pages each: about 100 MiB through the log, never a
        // quiet moment for a passive checkpoint to catch up in.
        let (mut largest, started) = (0, std::time::Instant::now());
        while started.elapsed() < Duration::from_secs(3) {
            let mut tx = crate::write_tx::begin_sqlite(&pool).await.unwrap();
            sqlx::query("INSERT INTO b VALUES (randomblob(65536))").execute(&mut *tx).await.unwrap();
            tx.commit().await.unwrap();
            largest = largest.max(file_size(&wal));
        }
        let written: i64 = sqlx::query_scalar("SELECT count(*) FROM b").fetch_one(&pool).await.unwrap();
        assert!(written > 100, "only {written} commits");
        // Emptied once past RESTART_AT pages, a quarter of a second after a commit: the log
        // holds what a fraction of a second of commits writes, never most of what they wrote.
        let through = 65_536 * written as u64;
        assert!(largest < through / 4, "the log reached {largest} bytes of the {through} written through it");
        pool.close().await;
    }
}
