//! Write transactions. SQLite lets one writer at a time through; when several connections of a
//! process try at once, the others wait in SQLite's busy handler, which sleeps and tries again
//! (1 ms, 2 ms, 5 ms, … up to 100 ms a try), so that a burst of writers waits far longer than
//! their writes take and a server's write rate falls as its load rises. Writers to one SQLite
//! database therefore take turns in the process first, first come first served, and reach
//! SQLite one at a time. PostgreSQL queues writers itself, row by row.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use sqlx::{Database, PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use tokio::sync::OwnedMutexGuard;

use crate::Result;

/// A transaction begun for writing; used like sqlx's (`&mut *tx` is its connection).
pub struct WriteTx<DB: Database> {
    tx: Transaction<'static, DB>,
    /// Held until the transaction ends: SQLite's turn to write.
    _turn: Option<OwnedMutexGuard<()>>,
}

impl<DB: Database> Deref for WriteTx<DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl<DB: Database> DerefMut for WriteTx<DB> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl<DB: Database> WriteTx<DB> {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}

/// Waits for this database's turn to write, then begins.
pub async fn begin_sqlite(pool: &SqlitePool) -> Result<WriteTx<Sqlite>> {
    let turn = turn_of(pool.connect_options().get_filename()).lock_owned().await;
    Ok(WriteTx { tx: pool.begin().await?, _turn: Some(turn) })
}

pub async fn begin_postgres(pool: &PgPool) -> Result<WriteTx<Postgres>> {
    Ok(WriteTx { tx: pool.begin().await?, _turn: None })
}

/// The turn of the SQLite database at `path`, one for each database the process opens.
fn turn_of(path: &Path) -> Arc<tokio::sync::Mutex<()>> {
    static TURNS: LazyLock<Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>> = LazyLock::new(Default::default);
    let mut turns = TURNS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    turns.entry(path.to_path_buf()).or_default().clone()
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
}
