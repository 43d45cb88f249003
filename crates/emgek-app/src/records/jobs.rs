//! The import of a file of records as a job in the background, for the pages: started, or
//! held for its columns to be mapped (with its first rows checked, nothing written), and its
//! progress, report and reject file, each seen only by the officer who started it.

use std::path::PathBuf;

use emgek_exchange::ImportError;
use emgek_exchange::columns::Mapping;
use emgek_exchange::import::Preview;
use emgek_i18n::Tr;

use super::{Held, Kind, Pass, RecordsFile, import, may_import};
use crate::jobs::{Busy, Done, Job, Waiting};
use crate::profiles::FileKind;
use crate::{App, AppError, Caller};

/// Starts the import of a file of records in the background and answers its job's number;
/// the file is deleted when the import is over. Only the caller sees the job and its reject
/// file.
pub fn start(app: &App, caller: &Caller, file: RecordsFile, file_name: String) -> Result<u64, Busy> {
    let Some(id) = app.imports.start(FileKind::Records(file.kind), file_name, caller.name.clone()) else {
        let _ = std::fs::remove_file(&file.path);
        return Err(Busy);
    };
    let (app, caller) = (app.clone(), caller.clone());
    tokio::spawn(async move {
        let jobs = app.imports.clone();
        let mut progress = |done: u64, total: u64| jobs.progress(id, done, total);
        let outcome = import(&app, &caller, &file, &mut progress).await;
        let _ = tokio::fs::remove_file(&file.path).await;
        app.imports.finish(id, outcome.map(Done::Records).map_err(|e| e.to_string()));
    });
    Ok(id)
}

/// Keeps an uploaded file of records whose columns are to be mapped on its import page;
/// answers its number. Only the caller maps and imports it; it is deleted after
/// [`crate::jobs::KEPT_FOR`].
pub fn hold(app: &App, caller: &Caller, file: RecordsFile, file_name: String) -> u64 {
    let kind = FileKind::Records(file.kind);
    app.imports.hold(kind, file.path, file_name, caller.name.clone(), file.all_or_nothing)
}

/// A file of records the caller uploaded, waiting for its mapping, and its kind; anyone
/// else's is not found, and so is one of a kind she may no longer import.
pub fn held(app: &App, caller: &Caller, id: u64) -> Result<(Kind, Waiting), AppError> {
    let waiting = app.imports.waiting(id).filter(|w| w.owner == caller.name).ok_or(AppError::NotFound)?;
    match waiting.kind {
        FileKind::Records(kind) if may_import(caller, kind) => Ok((kind, waiting)),
        _ => Err(AppError::NotFound),
    }
}

/// The top of a waiting file of records under a mapping, its first rows checked as the import
/// would check them (nothing is written).
pub async fn preview(
    app: &App,
    caller: &Caller,
    id: u64,
    mapping: Option<&Mapping>,
) -> Result<Result<Preview, ImportError>, AppError> {
    let (kind, waiting) = held(app, caller, id)?;
    let mut preview = match emgek_exchange::import::top(kind.layout(), &waiting.path, None, mapping) {
        Ok(preview) => preview,
        Err(e) => return Ok(Err(e)),
    };
    if preview.missing.is_empty() {
        let layout = kind.layout();
        let at: Vec<Option<usize>> =
            (0..layout.columns.len()).map(|c| preview.columns.iter().position(|f| *f == Some(c))).collect();
        let held = Held::load(app, kind).await?;
        let mut pass = Pass::new(app, caller, false, held);
        for (_, cells, errors) in &mut preview.rows {
            let values: Vec<String> = at
                .iter()
                .map(|i| i.and_then(|i| cells.get(i)).map(|c| c.trim().to_string()).unwrap_or_default())
                .collect();
            if let Err(broken) = pass.row(kind, &values).await? {
                *errors = broken;
            }
        }
    }
    Ok(Ok(preview))
}

/// Saves the mapping as the office's profile `name` for the waiting file's kind and starts
/// its import with it; answers the job's number.
pub async fn map_and_start(
    app: &App,
    caller: &Caller,
    id: u64,
    name: &str,
    mapping: Mapping,
    tr: Tr,
) -> Result<Result<u64, Busy>, AppError> {
    let (kind, waiting) = held(app, caller, id)?;
    crate::profiles::save_profile(app, caller, FileKind::Records(kind), name, &mapping).await?;
    let waiting = app.imports.take_waiting(id).unwrap_or(waiting);
    let file = RecordsFile {
        kind,
        rejects: Some(waiting.path.with_extension("rejects.csv")),
        path: waiting.path,
        all_or_nothing: waiting.all_or_nothing,
        tr,
        sheet: None,
        mapping: Some(mapping),
    };
    Ok(start(app, caller, file, waiting.file_name))
}

/// A job of records the caller started, and its kind; anyone else's is not found.
pub fn job(app: &App, caller: &Caller, id: u64) -> Result<(Kind, Job), AppError> {
    let job = app.imports.get(id).filter(|j| j.owner == caller.name).ok_or(AppError::NotFound)?;
    match job.kind {
        FileKind::Records(kind) => Ok((kind, job)),
        FileKind::Households => Err(AppError::NotFound),
    }
}

/// The reject file of a job of records the caller started, while it is kept.
pub fn rejects(app: &App, caller: &Caller, id: u64) -> Result<PathBuf, AppError> {
    job(app, caller, id)?.1.rejects.ok_or(AppError::NotFound)
}
