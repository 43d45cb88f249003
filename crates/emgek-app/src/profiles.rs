//! Import profiles: how an office's files name their columns, saved once under a name for a
//! kind of file (the registry's households, or a kind of records) and used again by the import
//! page, the CLI (`--profile NAME`) and the API (`?profile=NAME`). A profile belongs to the
//! office that saved it; the offices above it may use it too.

use std::path::Path;

use emgek_domain::FieldError;
use emgek_domain::access::{Permission, Scope};
use emgek_exchange::columns::Layout;
pub use emgek_exchange::columns::{MappedHeading, Mapping};
use emgek_exchange::records::Kind;
use emgek_store::ImportProfileRow;

use crate::{App, AppError, Caller};

/// The longest name of an import profile, in characters.
pub const MAX_PROFILE_NAME: usize = 60;

/// What a file holds: the registry's households, or a kind of programme records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Households,
    Records(Kind),
}

impl FileKind {
    /// The code a profile is saved under: `households` or the kind's (`sc-contracts`, …).
    pub fn code(self) -> &'static str {
        match self {
            FileKind::Households => "households",
            FileKind::Records(kind) => kind.code(),
        }
    }

    /// A file kind from its code; none for an unknown one.
    pub fn parse(code: &str) -> Option<FileKind> {
        match code.trim() {
            "households" => Some(FileKind::Households),
            code => Kind::parse(code).map(FileKind::Records),
        }
    }

    /// The file's columns.
    pub fn layout(self) -> &'static Layout {
        match self {
            FileKind::Households => &emgek_exchange::columns::HOUSEHOLDS,
            FileKind::Records(kind) => kind.layout(),
        }
    }

    /// The permission that imports such a file.
    pub fn permission(self) -> Permission {
        match self {
            FileKind::Households => Permission::ImportRegistry,
            FileKind::Records(kind) => crate::records::permission(kind),
        }
    }
}

/// The office a caller imports for: the scope of her grant that lets her import the kind (the
/// first, where she holds several); `country` for the national staff.
fn office(caller: &Caller, kind: FileKind) -> Result<String, AppError> {
    let permission = kind.permission();
    if caller.national(permission) {
        return Ok(Scope::Country.code());
    }
    let grant = caller.access.grants.iter().find(|g| g.role.permissions().contains(&permission));
    grant.map(|g| g.scope.code()).ok_or(AppError::Refused("import.no_office"))
}

/// Saves how the caller's office names the columns of a kind of file, under a name (replacing
/// the office's profile of that name for that kind); in the audit log.
pub async fn save_profile(
    app: &App,
    caller: &Caller,
    kind: FileKind,
    name: &str,
    mapping: &Mapping,
) -> Result<(), AppError> {
    let office = office(caller, kind)?;
    let name = name.trim();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > MAX_PROFILE_NAME || name.chars().any(char::is_control) {
        errors.push(FieldError::new("name", "profile.name", name));
    }
    let layout = kind.layout();
    errors.extend(mapping.check(layout));
    if !mapping.0.iter().any(|m| m.column.as_deref().is_some_and(|c| layout.position(c).is_some())) {
        errors.push(FieldError::new("columns", "mapping.empty", ""));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let columns = serde_json::to_string(mapping).map_err(|e| AppError::Internal(e.to_string()))?;
    let row = ImportProfileRow {
        office,
        kind: kind.code().to_string(),
        name: name.to_string(),
        columns,
        created_by: caller.name.clone(),
    };
    Ok(app.store.save_import_profile(&caller.actor(), &row).await?)
}

/// The profiles of a kind of file the caller may use: her office's and those of the offices
/// within her places (every office's for the national staff).
pub async fn profiles(app: &App, caller: &Caller, kind: FileKind) -> Result<Vec<ImportProfileRow>, AppError> {
    let own = office(caller, kind).ok();
    let places = caller.areas(kind.permission());
    let within = |office: &str| match Scope::parse(office) {
        Some(Scope::Country) => places.everywhere,
        Some(Scope::Oblast(o)) => places.everywhere || places.oblasts.contains(&o),
        Some(Scope::Rayon(r)) => emgek_domain::geography::rayon(&r).is_some_and(|g| places.contains(g.oblast, &r)),
        _ => false,
    };
    let all = app.store.import_profiles(kind.code()).await?;
    Ok(all.into_iter().filter(|p| own.as_deref() == Some(p.office.as_str()) || within(&p.office)).collect())
}

/// The mapping of a profile of a kind of file the caller may use, by name (her own office's
/// first); an unknown name is `profile.unknown`.
pub async fn profile(app: &App, caller: &Caller, kind: FileKind, name: &str) -> Result<Mapping, AppError> {
    let own = office(caller, kind).ok();
    let mut usable = profiles(app, caller, kind).await?;
    usable.retain(|p| p.name == name.trim());
    usable.sort_by_key(|p| own.as_deref() != Some(p.office.as_str()));
    let found = usable.into_iter().next().ok_or_else(|| AppError::field("profile", "profile.unknown", name.trim()))?;
    mapping_of(&found)
}

/// A saved profile's mapping.
pub fn mapping_of(profile: &ImportProfileRow) -> Result<Mapping, AppError> {
    serde_json::from_str(&profile.columns).map_err(|e| AppError::Internal(format!("profile {}: {e}", profile.name)))
}

/// How an uploaded file's headings are to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// emgek knows them (or the file cannot be read: the import will say why).
    Known,
    /// One of the caller's profiles of the kind reads them.
    Profile(Mapping),
    /// Neither: a person maps the columns first.
    Unknown,
}

/// How a file's headings are to be read: known, through the first of the caller's profiles of
/// the kind that names every required column, or to be mapped by a person.
pub async fn reading(app: &App, caller: &Caller, kind: FileKind, path: &Path) -> Result<Reading, AppError> {
    let names_all = |mapping: Option<&Mapping>| {
        emgek_exchange::import::top(kind.layout(), path, None, mapping).is_ok_and(|p| p.missing.is_empty())
    };
    let unknown = emgek_exchange::import::top(kind.layout(), path, None, None).is_ok_and(|p| !p.missing.is_empty());
    if !unknown {
        return Ok(Reading::Known);
    }
    for profile in profiles(app, caller, kind).await? {
        let Ok(mapping) = mapping_of(&profile) else { continue };
        if names_all(Some(&mapping)) {
            return Ok(Reading::Profile(mapping));
        }
    }
    Ok(Reading::Unknown)
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::{Access, Grant, Role};
    use emgek_store::Source;

    use super::*;
    use crate::testing::on_both_backends;

    fn importer(name: &str, role: Role, scope: &str) -> Caller {
        let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
        Caller::user(1, name, access, Source::Import, "")
    }

    async fn a_profile_saved_by_an_office_is_used_again_and_only_within_reach(app: App) {
        let talas = importer("aigul", Role::CaseWorker, "rayon:KG-T-TAL");
        let mapping = Mapping(vec![
            MappedHeading { heading: "Код".into(), column: Some("household_ref".into()) },
            MappedHeading { heading: "Эскертүү".into(), column: None },
        ]);
        save_profile(&app, &talas, FileKind::Households, "Талас 2024", &mapping).await.unwrap();
        assert_eq!(profile(&app, &talas, FileKind::Households, " Талас 2024 ").await.unwrap(), mapping);
        let oblast = importer("bolot", Role::CaseWorker, "oblast:KG-T");
        assert_eq!(
            profile(&app, &oblast, FileKind::Households, "Талас 2024").await.unwrap(),
            mapping,
            "the oblast reaches its rayons' profiles"
        );
        let osh = importer("bakyt", Role::CaseWorker, "rayon:KG-O-KSU");
        let unknown = profile(&app, &osh, FileKind::Households, "Талас 2024").await;
        assert!(
            matches!(unknown, Err(AppError::Invalid(e)) if e[0].rule == "profile.unknown"),
            "another rayon's is not hers"
        );
        let broken = Mapping(vec![MappedHeading { heading: "x".into(), column: Some("nothing".into()) }]);
        let refused = save_profile(&app, &talas, FileKind::Households, "", &broken).await;
        let Err(AppError::Invalid(errors)) = refused else { panic!("{refused:?}") };
        let rules: Vec<&str> = errors.iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["profile.name", "mapping.column_unknown", "mapping.empty"]);
        let audit = app.store.list_audit(&Default::default(), None, 1).await.unwrap();
        assert_eq!(audit[0].action, "import.profile");
    }

    async fn a_profile_maps_one_kind_of_file_and_is_checked_against_its_columns(app: App) {
        let talas = importer("aigul", Role::CaseWorker, "rayon:KG-T-TAL");
        let reports = FileKind::Records(Kind::ScReports);
        let mapping = Mapping(vec![
            MappedHeading { heading: "Договор №".into(), column: Some("contract_number".into()) },
            MappedHeading { heading: "Выручка".into(), column: Some("revenue_som".into()) },
        ]);
        save_profile(&app, &talas, reports, "Отчёты", &mapping).await.unwrap();
        assert_eq!(profile(&app, &talas, reports, "Отчёты").await.unwrap(), mapping);
        let households = profile(&app, &talas, FileKind::Households, "Отчёты").await;
        assert!(
            matches!(households, Err(AppError::Invalid(e)) if e[0].rule == "profile.unknown"),
            "a profile of reports reads no household file"
        );
        let refused = save_profile(&app, &talas, FileKind::Households, "Отчёты", &mapping).await;
        let Err(AppError::Invalid(errors)) = refused else { panic!("{refused:?}") };
        assert!(errors.iter().any(|e| e.rule == "mapping.column_unknown"), "{errors:?}");
        let prison = FileKind::Records(Kind::PrisonInmates);
        let no_office = save_profile(&app, &talas, prison, "Осужденные", &mapping).await;
        assert!(matches!(no_office, Err(AppError::Refused("import.no_office"))), "{no_office:?}");
        assert_eq!(FileKind::parse(" sc-reports "), Some(reports));
        assert_eq!(FileKind::parse("households"), Some(FileKind::Households));
        assert_eq!(FileKind::parse("people"), None);
    }

    on_both_backends!(
        a_profile_saved_by_an_office_is_used_again_and_only_within_reach,
        a_profile_maps_one_kind_of_file_and_is_checked_against_its_columns,
    );
}
