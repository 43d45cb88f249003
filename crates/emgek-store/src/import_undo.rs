//! Undoing an import that stopped half-way on SQLite (see `import.rs`): what it changed put
//! back, what it added taken out, in short transactions; and telling an abandoned import from
//! a running one by the lock file its owner holds.

use std::fs::File;
use std::path::PathBuf;

use crate::audit::AuditEntry;
use crate::error::{Result, StoreError};
use crate::records::{Actor, Source};
use crate::{Store, sqlite};

/// Rows undone in one short transaction.
pub(crate) const UNDO_STEP: i64 = 1000;

/// The file whose lock tells that import `id` of the SQLite database `db` is still running.
pub(crate) fn lock_path(db: &std::path::Path, id: i64) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(format!(".import-{id}.lock"));
    PathBuf::from(name)
}

pub(crate) fn release(lock: Option<(File, PathBuf)>) {
    if let Some((file, path)) = lock {
        drop(file);
        let _ = std::fs::remove_file(path);
    }
}

impl Store {
    /// Undoes every import of this SQLite database whose owner is gone (its lock file free or
    /// missing): an import whose process was killed. Nothing to do on PostgreSQL, where an
    /// import is one transaction. Returns how many it undid.
    pub async fn undo_abandoned_imports(&self) -> Result<usize> {
        let Store::Sqlite(pool) = self else { return Ok(0) };
        // One look at a time in a process: a dropped import's task and a command's look would
        // otherwise both undo it.
        static LOOKING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
        let _one = LOOKING.lock().await;
        let db = pool.connect_options().get_filename().to_path_buf();
        let mut undone = 0;
        for id in sqlite::running_imports(pool).await? {
            let path = lock_path(&db, id);
            let held = match File::options().read(true).write(true).open(&path) {
                Ok(file) => match file.try_lock() {
                    Ok(()) => Some((file, path)),
                    // Its owner is at work.
                    Err(std::fs::TryLockError::WouldBlock) => continue,
                    Err(std::fs::TryLockError::Error(e)) => {
                        return Err(StoreError::Config(format!("{}: {e}", path.display())));
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(StoreError::Config(format!("{}: {e}", path.display()))),
            };
            // It may have finished between the look and the lock.
            if !sqlite::running_imports(pool).await?.contains(&id) {
                release(held);
                continue;
            }
            let by = Actor::new("system", Source::Import);
            let detail = serde_json::json!({ "reason": "abandoned" });
            self.undo_import(id, &AuditEntry::new(&by, "import.rollback", format!("import:{id}"), detail)).await?;
            release(held);
            tracing::warn!(import = id, "undid an import whose process stopped half-way");
            undone += 1;
        }
        Ok(undone)
    }

    /// Undoes what import `id` committed batch by batch, in short transactions: the households
    /// and people it changed put back, then what it added taken out; then its record says
    /// `undone` and the audit log has `entry`.
    pub(crate) async fn undo_import(&self, id: i64, entry: &AuditEntry) -> Result<()> {
        let Store::Sqlite(pool) = self else { return Ok(()) };
        while sqlite::undo_import_step(pool, id).await? {}
        let households = sqlite::households_of_import(pool, id).await?;
        for chunk in households.chunks(UNDO_STEP as usize) {
            sqlite::remove_households(pool, chunk).await?;
        }
        sqlite::close_undone_import(pool, id, entry).await
    }
}
