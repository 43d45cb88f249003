//! Imports started in the background (the upload pages', of households and of records); the
//! page polls their progress.
//!
//! The jobs live in memory: a restart forgets the progress of a running import, but never its
//! data: a household import is one transaction and its log is in the database, and each
//! record's row is written with its audit line (a file sent again adds nothing). A server runs at
//! most [`MAX_RUNNING`] imports at once, and forgets a finished one after [`KEPT_FOR`], deleting
//! its reject file: those files hold PINs and names, and stay no longer than it takes to read
//! them.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Imports running at once on one server; one more is asked to wait.
pub const MAX_RUNNING: usize = 4;
/// How long a finished import's page and reject file are kept.
pub const KEPT_FOR: Duration = Duration::from_secs(60 * 60);

use emgek_exchange::ImportReport;

use crate::profiles::FileKind;
use crate::records::RecordsReport;

/// The server already runs [`MAX_RUNNING`] imports: the caller is asked to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// What a finished import did.
#[derive(Debug, Clone)]
pub enum Done {
    Households(ImportReport),
    Records(RecordsReport),
}

impl Done {
    fn rejects_path(&self) -> Option<PathBuf> {
        match self {
            Done::Households(r) => r.rejects_path.clone(),
            Done::Records(r) => r.rejects_path.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Job {
    /// What the file holds.
    pub kind: FileKind,
    pub file_name: String,
    /// Who started it: only she sees its page and reject file.
    pub owner: String,
    pub done: u64,
    pub total: u64,
    pub outcome: Option<Result<Done, String>>,
    pub rejects: Option<PathBuf>,
    finished: Option<Instant>,
}

/// A file uploaded and waiting for its columns to be mapped; kept [`KEPT_FOR`], then deleted.
#[derive(Debug, Clone)]
pub struct Waiting {
    /// What the file holds.
    pub kind: FileKind,
    pub path: PathBuf,
    pub file_name: String,
    /// Who uploaded it: only she maps and imports it.
    pub owner: String,
    pub all_or_nothing: bool,
    since: Instant,
}

#[derive(Default)]
pub struct Jobs {
    next: AtomicU64,
    jobs: Mutex<HashMap<u64, Job>>,
    waiting: Mutex<HashMap<u64, Waiting>>,
}

impl Jobs {
    /// A new job's id, or none while [`MAX_RUNNING`] imports run.
    pub fn start(&self, kind: FileKind, file_name: String, owner: String) -> Option<u64> {
        self.sweep(Instant::now());
        let mut jobs = self.lock();
        if jobs.values().filter(|j| j.outcome.is_none()).count() >= MAX_RUNNING {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let job = Job { kind, file_name, owner, done: 0, total: 0, outcome: None, rejects: None, finished: None };
        jobs.insert(id, job);
        Some(id)
    }

    /// Keeps an uploaded file until its columns are mapped; answers its number.
    pub fn hold(&self, kind: FileKind, path: PathBuf, file_name: String, owner: String, all_or_nothing: bool) -> u64 {
        self.sweep(Instant::now());
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let waiting = Waiting { kind, path, file_name, owner, all_or_nothing, since: Instant::now() };
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(id, waiting);
        id
    }

    /// A file waiting for its mapping.
    pub fn waiting(&self, id: u64) -> Option<Waiting> {
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&id).cloned()
    }

    /// Takes a waiting file out of the waiting room (its import starts).
    pub fn take_waiting(&self, id: u64) -> Option<Waiting> {
        self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&id)
    }

    /// Forgets the jobs finished more than [`KEPT_FOR`] before `now` and deletes their reject
    /// files, and the files that waited for a mapping as long.
    pub fn sweep(&self, now: Instant) {
        let stale: Vec<Waiting> = {
            let mut waiting = self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let ids: Vec<u64> = waiting
                .iter()
                .filter(|(_, w)| now.saturating_duration_since(w.since) > KEPT_FOR)
                .map(|(id, _)| *id)
                .collect();
            ids.iter().filter_map(|id| waiting.remove(id)).collect()
        };
        for w in stale {
            let _ = std::fs::remove_file(&w.path);
        }
        let old: Vec<Job> = {
            let mut jobs = self.lock();
            let ids: Vec<u64> = jobs
                .iter()
                .filter(|(_, j)| j.finished.is_some_and(|at| now.saturating_duration_since(at) > KEPT_FOR))
                .map(|(id, _)| *id)
                .collect();
            ids.iter().filter_map(|id| jobs.remove(id)).collect()
        };
        for path in old.into_iter().filter_map(|j| j.rejects) {
            if let Err(e) = std::fs::remove_file(&path)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!(error = %e, "a reject file could not be deleted");
            }
        }
    }

    pub fn progress(&self, id: u64, done: u64, total: u64) {
        if let Some(job) = self.lock().get_mut(&id) {
            job.done = done;
            job.total = total;
        }
    }

    pub fn finish(&self, id: u64, outcome: Result<Done, String>) {
        if let Some(job) = self.lock().get_mut(&id) {
            job.rejects = outcome.as_ref().ok().and_then(Done::rejects_path);
            job.outcome = Some(outcome);
            job.finished = Some(Instant::now());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_import_is_forgotten_after_a_while_with_its_reject_file() {
        let dir = tempfile::tempdir().unwrap();
        let rejects = dir.path().join("upload.rejects.csv");
        std::fs::write(&rejects, "row,field,rule,value,message\n2,pin,pin.length,2150,…\n").unwrap();
        let jobs = Jobs::default();
        let id = jobs.start(FileKind::Households, "list.csv".into(), "aigul".into()).unwrap();
        jobs.finish(id, Err("two rows rejected".into()));
        jobs.lock().get_mut(&id).unwrap().rejects = Some(rejects.clone());
        jobs.sweep(Instant::now());
        assert!(jobs.get(id).is_some() && rejects.exists(), "kept while it may be read");
        jobs.sweep(Instant::now() + KEPT_FOR + Duration::from_secs(1));
        assert!(jobs.get(id).is_none() && !rejects.exists(), "then forgotten, and the PINs with it");
    }

    #[test]
    fn no_more_imports_run_at_once_than_the_server_allows() {
        let jobs = Jobs::default();
        let ids: Vec<u64> = (0..MAX_RUNNING)
            .map(|i| jobs.start(FileKind::Households, format!("{i}.csv"), "a".into()).unwrap())
            .collect();
        assert_eq!(
            jobs.start(FileKind::Records(crate::records::Kind::ScReports), "one-more.csv".into(), "a".into()),
            None
        );
        jobs.finish(ids[0], Err("stopped".into()));
        assert!(jobs.start(FileKind::Households, "now.csv".into(), "a".into()).is_some());
    }
}
