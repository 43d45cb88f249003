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

pub use super::jobs::{Job, Jobs, KEPT_FOR, MAX_RUNNING};
use crate::{App, AppError, Caller};
use emgek_domain::access::Scope;
pub use emgek_exchange::columns::{MappedHeading, Mapping};
use emgek_store::ImportProfileRow;

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
    /// The office's own headings, from an import profile ([`profile`]).
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

/// The longest name of an import profile, in characters.
pub const MAX_PROFILE_NAME: usize = 60;

/// The office a caller imports for: the scope of her grant that lets her import (the first,
/// where she holds several); `country` for the national staff.
fn office(caller: &Caller) -> Result<String, AppError> {
    if caller.national(Permission::ImportRegistry) {
        return Ok(Scope::Country.code());
    }
    let grant = caller.access.grants.iter().find(|g| g.role.permissions().contains(&Permission::ImportRegistry));
    grant.map(|g| g.scope.code()).ok_or(AppError::Refused("import.no_office"))
}

/// Saves how the caller's office names its columns, under a name (replacing the office's
/// profile of that name); in the audit log.
pub async fn save_profile(app: &App, caller: &Caller, name: &str, mapping: &Mapping) -> Result<(), AppError> {
    let office = office(caller)?;
    let name = name.trim();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > MAX_PROFILE_NAME || name.chars().any(char::is_control) {
        errors.push(emgek_domain::FieldError::new("name", "profile.name", name));
    }
    errors.extend(mapping.check(&emgek_exchange::columns::HOUSEHOLDS));
    let known = |c: &str| emgek_exchange::columns::COLUMNS.iter().any(|(name, _)| *name == c);
    if !mapping.0.iter().any(|m| m.column.as_deref().is_some_and(known)) {
        errors.push(emgek_domain::FieldError::new("columns", "mapping.empty", ""));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let columns = serde_json::to_string(mapping).map_err(|e| AppError::Internal(e.to_string()))?;
    let row = ImportProfileRow { office, name: name.to_string(), columns, created_by: caller.name.clone() };
    Ok(app.store.save_import_profile(&caller.actor(), &row).await?)
}

/// The profiles the caller may use: her office's and those of the offices within her places
/// (every office's for the national staff).
pub async fn profiles(app: &App, caller: &Caller) -> Result<Vec<ImportProfileRow>, AppError> {
    let own = office(caller).ok();
    let places = caller.areas(Permission::ImportRegistry);
    let within = |office: &str| match Scope::parse(office) {
        Some(Scope::Country) => places.everywhere,
        Some(Scope::Oblast(o)) => places.everywhere || places.oblasts.contains(&o),
        Some(Scope::Rayon(r)) => emgek_domain::geography::rayon(&r).is_some_and(|g| places.contains(g.oblast, &r)),
        _ => false,
    };
    let all = app.store.import_profiles().await?;
    Ok(all.into_iter().filter(|p| own.as_deref() == Some(p.office.as_str()) || within(&p.office)).collect())
}

/// The mapping of a profile the caller may use, by name (her own office's first); an unknown
/// name is `profile.unknown`.
pub async fn profile(app: &App, caller: &Caller, name: &str) -> Result<Mapping, AppError> {
    let own = office(caller).ok();
    let mut usable = profiles(app, caller).await?;
    usable.retain(|p| p.name == name.trim());
    usable.sort_by_key(|p| own.as_deref() != Some(p.office.as_str()));
    let found = usable.into_iter().next().ok_or_else(|| AppError::field("profile", "profile.unknown", name.trim()))?;
    serde_json::from_str(&found.columns).map_err(|e| AppError::Internal(format!("profile {}: {e}", found.name)))
}

/// The server already runs [`MAX_RUNNING`] imports: the caller is asked to wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// Starts the import in the background and answers its job's number; the file is deleted when
/// the import is over. Only the caller sees the job and its reject file.
pub fn start(app: &App, caller: &Caller, file: ImportFile) -> Result<u64, Busy> {
    let name = file.file_name.clone().unwrap_or_default();
    let Some(id) = app.imports.start(name, caller.name.clone()) else {
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
        jobs.finish(id, outcome.map_err(|e| e.to_string()));
    });
    Ok(id)
}

/// Keeps an uploaded file whose columns are to be mapped on the import page; answers its
/// number. Only the caller maps and imports it; it is deleted after [`KEPT_FOR`].
pub fn hold(app: &App, caller: &Caller, file: ImportFile) -> u64 {
    let name = file.file_name.unwrap_or_default();
    app.imports.hold(file.path, name, caller.name.clone(), file.all_or_nothing)
}

/// A file the caller uploaded, waiting for its mapping; anyone else's is not found.
pub fn held(app: &App, caller: &Caller, id: u64) -> Result<super::jobs::Waiting, AppError> {
    app.imports.waiting(id).filter(|w| w.owner == caller.name).ok_or(AppError::NotFound)
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
    save_profile(app, caller, name, &mapping).await?;
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
    app.imports.get(id).filter(|j| j.owner == caller.name).ok_or(AppError::NotFound)
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

    async fn a_profile_saved_by_an_office_is_used_again_and_only_within_reach(app: App) {
        let talas = importer("aigul", "rayon:KG-T-TAL");
        let mapping = Mapping(vec![
            MappedHeading { heading: "Код".into(), column: Some("household_ref".into()) },
            MappedHeading { heading: "Эскертүү".into(), column: None },
        ]);
        save_profile(&app, &talas, "Талас 2024", &mapping).await.unwrap();
        assert_eq!(profile(&app, &talas, " Талас 2024 ").await.unwrap(), mapping);
        let oblast = importer("bolot", "oblast:KG-T");
        assert_eq!(
            profile(&app, &oblast, "Талас 2024").await.unwrap(),
            mapping,
            "the oblast reaches its rayons' profiles"
        );
        let osh = importer("bakyt", "rayon:KG-O-KSU");
        let unknown = profile(&app, &osh, "Талас 2024").await;
        assert!(
            matches!(unknown, Err(AppError::Invalid(e)) if e[0].rule == "profile.unknown"),
            "another rayon's is not hers"
        );
        let broken = Mapping(vec![MappedHeading { heading: "x".into(), column: Some("nothing".into()) }]);
        let refused = save_profile(&app, &talas, "", &broken).await;
        let Err(AppError::Invalid(errors)) = refused else { panic!("{refused:?}") };
        let rules: Vec<&str> = errors.iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["profile.name", "mapping.column_unknown", "mapping.empty"]);
        let audit = app.store.list_audit(&Default::default(), None, 1).await.unwrap();
        assert_eq!(audit[0].action, "import.profile");
    }

    on_both_backends!(
        rows_outside_the_importers_places_are_rejected_and_her_imports_are_hers,
        a_profile_saved_by_an_office_is_used_again_and_only_within_reach,
    );
}
