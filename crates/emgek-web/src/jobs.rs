//! Imports started from the upload page run in the background; the page polls their progress.
//!
//! The jobs live in memory: a restart forgets the progress of a running import, but never its
//! data, because an import is one transaction and its log is in the database.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use emgek_exchange::ImportReport;

#[derive(Debug, Clone)]
pub struct Job {
    pub file_name: String,
    /// Who started it: only she sees its page and reject file.
    pub owner: String,
    pub done: u64,
    pub total: u64,
    pub outcome: Option<Result<ImportReport, String>>,
    pub rejects: Option<PathBuf>,
}

#[derive(Default)]
pub struct Jobs {
    next: AtomicU64,
    jobs: Mutex<HashMap<u64, Job>>,
}

impl Jobs {
    pub fn start(&self, file_name: String, owner: String) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let job = Job { file_name, owner, done: 0, total: 0, outcome: None, rejects: None };
        self.lock().insert(id, job);
        id
    }

    pub fn progress(&self, id: u64, done: u64, total: u64) {
        if let Some(job) = self.lock().get_mut(&id) {
            job.done = done;
            job.total = total;
        }
    }

    pub fn finish(&self, id: u64, outcome: Result<ImportReport, String>) {
        if let Some(job) = self.lock().get_mut(&id) {
            job.rejects = outcome.as_ref().ok().and_then(|r| r.rejects_path.clone());
            job.outcome = Some(outcome);
        }
    }

    pub fn get(&self, id: u64) -> Option<Job> {
        self.lock().get(&id).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Job>> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
