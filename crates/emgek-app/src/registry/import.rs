//! Households brought in from a file (CSV or XLSX) by the command line, the API (whose answer
//! waits for the import) and the upload page (a job in the background whose progress the page
//! polls). Rows outside the importer's places are rejected, each with its reason in the reject
//! file; an import is one transaction, recorded in the import log.

use std::path::PathBuf;

use emgek_domain::access::Permission;
use emgek_exchange::import::Progress;
use emgek_exchange::{ImportError, ImportOptions, ImportReport};
use emgek_i18n::Tr;
use emgek_store::ImportLog;

pub use crate::jobs::{Busy, Done, Job, Jobs, KEPT_FOR, MAX_RUNNING};
use crate::profiles::FileKind;
pub use crate::profiles::{MappedHeading, Mapping};
use crate::{App, AppError, Caller};

/// A file to import, saved where the door put it.
pub struct ImportFile {
    pub path: PathBuf,
    /// The name recorded in the import log (the uploaded file's name, say).
    pub file_name: Option<String>,
    /// Commit nothing if any row is rejected.
    pub all_or_nothing: bool,
    /// Where the reject file goes; by default beside the file, as `NAME.rejects.csv`.
    pub rejects: Option<PathBuf>,
    /// The language of the reject file's messages.
    pub tr: Tr,
    /// The sheet of a workbook to read; by default the first that has a header row.
    pub sheet: Option<String>,
    /// The office's own headings, from an import profile ([`crate::profiles`]).
    pub mapping: Option<Mapping>,
}

impl ImportFile {
    fn options(&self, app: &App, caller: &Caller) -> ImportOptions {
        ImportOptions {
            all_or_nothing: self.all_or_nothing,
            rejects: self.rejects.clone(),
            actor: caller.actor(),
            today: app.clock.today(),
            tr: self.tr.clone(),
            file_name: self.file_name.clone(),
            areas: caller.areas(Permission::ImportRegistry),
            sheet: self.sheet.clone(),
            mapping: self.mapping.clone(),
        }
    }
}

/// Imports the file now, into the places where the caller may import; `progress` is told
/// (done, total) as it reads.
pub async fn run(
    app: &App,
    caller: &Caller,
    file: &ImportFile,
    progress: Progress<'_>,
) -> Result<ImportReport, ImportError> {
    emgek_exchange::import_households(&app.store, &file.path, &file.options(app, caller), progress).await
}

/// Starts the import in the background and answers its job's number; the file is deleted when
/// the import is over. Only the caller sees the job and its reject file.
pub fn start(app: &App, caller: &Caller, file: ImportFile) -> Result<u64, Busy> {
    let name = file.file_name.clone().unwrap_or_default();
    let Some(id) = app.imports.start(FileKind::Households, name, caller.name.clone()) else {
        let _ = std::fs::remove_file(&file.path);
        return Err(Busy);
    };
    let options = file.options(app, caller);
    let (jobs, store) = (app.imports.clone(), app.store.clone());
    tokio::spawn(async move {
        let progress_jobs = jobs.clone();
        let mut progress = move |done: u64, total: u64| progress_jobs.progress(id, done, total);
        let outcome = emgek_exchange::import_households(&store, &file.path, &options, &mut progress).await;
        let _ = tokio::fs::remove_file(&file.path).await;
        jobs.finish(id, outcome.map(Done::Households).map_err(|e| e.to_string()));
    });
    Ok(id)
}

/// Keeps an uploaded file whose columns are to be mapped on the import page; answers its
/// number. Only the caller maps and imports it; it is deleted after [`KEPT_FOR`].
pub fn hold(app: &App, caller: &Caller, file: ImportFile) -> u64 {
    let name = file.file_name.unwrap_or_default();
    app.imports.hold(FileKind::Households, file.path, name, caller.name.clone(), file.all_or_nothing)
}

/// A file the caller uploaded, waiting for its mapping; anyone else's is not found.
pub fn held(app: &App, caller: &Caller, id: u64) -> Result<crate::jobs::Waiting, AppError> {
    let waiting = app.imports.waiting(id).filter(|w| w.owner == caller.name && w.kind == FileKind::Households);
    waiting.ok_or(AppError::NotFound)
}

/// The top of a waiting file under a mapping, its first rows checked as the import would.
pub fn preview(
    app: &App,
    caller: &Caller,
    id: u64,
    mapping: Option<&Mapping>,
) -> Result<Result<emgek_exchange::import::Preview, ImportError>, AppError> {
    let w = held(app, caller, id)?;
    Ok(emgek_exchange::import::preview(&w.path, None, mapping, app.clock.today()))
}

/// Saves the mapping as the office's profile `name` and starts the waiting file's import with
/// it; answers the job's number.
pub async fn map_and_start(
    app: &App,
    caller: &Caller,
    id: u64,
    name: &str,
    mapping: Mapping,
    tr: Tr,
) -> Result<Result<u64, Busy>, AppError> {
    let w = held(app, caller, id)?;
    crate::profiles::save_profile(app, caller, crate::profiles::FileKind::Households, name, &mapping).await?;
    let w = app.imports.take_waiting(id).unwrap_or(w);
    let file = ImportFile {
        rejects: Some(w.path.with_extension("rejects.csv")),
        path: w.path,
        file_name: Some(w.file_name),
        all_or_nothing: w.all_or_nothing,
        tr,
        sheet: None,
        mapping: Some(mapping),
    };
    Ok(start(app, caller, file))
}

/// A job the caller started; anyone else's is not found.
pub fn job(app: &App, caller: &Caller, id: u64) -> Result<Job, AppError> {
    let job = app.imports.get(id).filter(|j| j.owner == caller.name && j.kind == FileKind::Households);
    job.ok_or(AppError::NotFound)
}

/// The reject file of a job the caller started, while it is kept.
pub fn rejects(app: &App, caller: &Caller, id: u64) -> Result<PathBuf, AppError> {
    job(app, caller, id)?.rejects.ok_or(AppError::NotFound)
}

/// The last `n` imports the caller may see: all of them for a national importer, else those of
/// the users whose grants lie within her places and her own (file names can name people).
pub async fn recent(app: &App, caller: &Caller, n: usize) -> Result<Vec<ImportLog>, AppError> {
    let actors = app.reach(caller).actors(Permission::ImportRegistry).await?;
    let logs = app.store.imports(200).await?;
    Ok(logs.into_iter().filter(|l| actors.as_ref().is_none_or(|a| a.contains(&l.actor))).take(n).collect())
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::{Access, Grant, Role, Scope};
    use emgek_i18n::Lang;
    use emgek_store::Source;

    use super::*;
    use crate::testing::on_both_backends;

    fn importer(name: &str, scope: &str) -> Caller {
        let access = Access::new(vec![Grant { role: Role::CaseWorker, scope: Scope::parse(scope).unwrap() }]);
        Caller::user(1, name, access, Source::Import, "")
    }

    const FILE: &str = "household_ref,oblast,rayon,consent,pin,full_name,birth_date,sex,relation\n\
        TAL-1,KG-T,KG-T-TAL,yes,21503198512345,Асанов Айбек,1985-03-15,M,head\n\
        KSU-1,KG-O,KG-O-KSU,yes,21503198512346,Бектуров Айбек,1985-03-15,M,head\n";

    async fn rows_outside_the_importers_places_are_rejected_and_her_imports_are_hers(app: App) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.csv");
        std::fs::write(&path, FILE).unwrap();
        let talas = importer("aigul", "rayon:KG-T-TAL");
        let file = ImportFile {
            path,
            file_name: Some("list.csv".into()),
            all_or_nothing: false,
            rejects: Some(dir.path().join("rejects.csv")),
            tr: Tr::new(Lang::En),
            sheet: None,
            mapping: None,
        };
        let report = run(&app, &talas, &file, &mut |_, _| {}).await.unwrap();
        assert_eq!((report.rows_read, report.rows_rejected), (2, 1), "{report:?}");
        assert_eq!(report.rejected_by_rule.get("scope.outside"), Some(&1));
        assert_eq!(report.log.households_created, 1);
        let seen = recent(&app, &talas, 10).await.unwrap();
        assert_eq!(seen.len(), 1);
        let elsewhere = importer("bakyt", "rayon:KG-O-KSU");
        assert!(recent(&app, &elsewhere, 10).await.unwrap().is_empty(), "another rayon's importer sees none");
        let national = importer("root", "country");
        assert_eq!(recent(&app, &national, 10).await.unwrap().len(), 1);
    }

    on_both_backends!(rows_outside_the_importers_places_are_rejected_and_her_imports_are_hers,);
}
