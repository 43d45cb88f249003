//! Programmes, their rules and their calls, as both doors use them: the JSON API and the
//! administrators' pages check the same rules here.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::programme::{ProgrammeRules, RulesError};
use emgek_store::Source;
use time::Date;

use crate::auth::CurrentUser;
use crate::social::Problem;
use crate::state::AppState;

/// Programmes apply to every rayon, so only administrators for the whole country set them.
fn national(user: &CurrentUser) -> Result<(), Problem> {
    if user.areas(Permission::ManageProgrammes).everywhere {
        Ok(())
    } else {
        Err(Problem::Invalid(vec![FieldError::new("programme", "scope.national", "")]))
    }
}

/// A programme as an administrator defines it.
pub struct NewProgramme<'a> {
    pub code: &'a str,
    pub kind: &'a str,
    /// Its name in Kyrgyz, Russian and English.
    pub names: [&'a str; 3],
}

/// Defines a programme; its rules come next, as their first version.
pub async fn create_programme(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    p: NewProgramme<'_>,
) -> Result<i64, Problem> {
    national(user)?;
    let mut errors = Vec::new();
    let code = p.code.trim();
    if code.is_empty()
        || code.len() > 40
        || !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push(FieldError::new("code", "programme.code_format", code));
    }
    if p.kind != "social_contract" {
        errors.push(FieldError::new("kind", "programme.kind_unknown", p.kind));
    }
    for (field, name) in ["name_ky", "name_ru", "name_en"].into_iter().zip(p.names) {
        if name.trim().is_empty() {
            errors.push(FieldError::new(field, "programme.name_required", ""));
        }
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors));
    }
    let names = p.names.map(str::trim);
    Ok(state.store.create_programme(&user.actor(source), code, p.kind, names).await?)
}

/// The field of the rules form that a broken rule belongs to.
pub fn rules_field(e: RulesError) -> &'static str {
    match e {
        RulesError::TranchesNotWhole => "tranches",
        RulesError::WindowBackwards => "window_closes",
        RulesError::CapOverBudget => "grant_cap_som",
        RulesError::CapOverWhole => "spending_caps",
    }
}

/// Adds a version of the rules, in force from its date. Versions are never rewritten: a
/// decision names the version it used.
pub async fn add_rules(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    programme: i64,
    rules: &ProgrammeRules,
) -> Result<(), Problem> {
    national(user)?;
    state.store.programme(programme).await?;
    rules.check().map_err(|e| Problem::Invalid(vec![FieldError::new(rules_field(e), e.rule(), "")]))?;
    Ok(state.store.add_rules(&user.actor(source), programme, rules).await?)
}

/// A date typed as `YYYY-MM-DD` or `DD.MM.YYYY`; an error naming the field when it is not one.
pub fn date(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<Date> {
    let d = emgek_domain::household::parse_date(text);
    if d.is_none() {
        errors.push(FieldError::new(field, "date.invalid", text));
    }
    d
}

/// Opens a call for applications: a title and a window of dates (`YYYY-MM-DD` or `DD.MM.YYYY`).
pub async fn create_call(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    programme: i64,
    title: &str,
    opens: &str,
    closes: &str,
) -> Result<i64, Problem> {
    national(user)?;
    state.store.programme(programme).await?;
    let mut errors = Vec::new();
    if title.trim().is_empty() {
        errors.push(FieldError::new("title", "call.title_required", ""));
    }
    let (opens_on, closes_on) = (date(&mut errors, "opens", opens), date(&mut errors, "closes", closes));
    if let (Some(o), Some(c)) = (opens_on, closes_on)
        && c < o
    {
        errors.push(FieldError::new("closes", "call.closes_before_opening", closes));
    }
    let (Some(opens_on), Some(closes_on), true) = (opens_on, closes_on, errors.is_empty()) else {
        return Err(Problem::Invalid(errors));
    };
    Ok(state.store.create_call(&user.actor(source), programme, title.trim(), opens_on, closes_on).await?)
}
