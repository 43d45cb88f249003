//! Programmes, their rules and their calls: the JSON API and the administrators' pages check
//! the same rules here.

pub mod form;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::programme::{ProgrammeRules, RulesError};
use time::Date;

use crate::{App, AppError, Caller};

type Problem = AppError;

/// Programmes apply to every rayon, so only administrators for the whole country set them.
fn national(caller: &Caller) -> Result<(), Problem> {
    if caller.access.areas(Permission::ManageProgrammes).everywhere {
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
pub async fn create_programme(app: &App, caller: &Caller, p: NewProgramme<'_>) -> Result<i64, Problem> {
    check_programme(caller, &p)?;
    let names = p.names.map(str::trim);
    Ok(app.store.create_programme(&caller.actor(), p.code.trim(), p.kind, names).await?)
}

/// Checks a programme as `create_programme` does, writing nothing.
pub fn check_programme(caller: &Caller, p: &NewProgramme<'_>) -> Result<(), Problem> {
    national(caller)?;
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
    if errors.is_empty() { Ok(()) } else { Err(Problem::Invalid(errors)) }
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
pub async fn add_rules(app: &App, caller: &Caller, programme: i64, rules: &ProgrammeRules) -> Result<(), Problem> {
    national(caller)?;
    app.store.programme(programme).await?;
    check_rules(caller, rules)?;
    Ok(app.store.add_rules(&caller.actor(), programme, rules).await?)
}

/// Checks a version of the rules as `add_rules` does, without its programme.
pub fn check_rules(caller: &Caller, rules: &ProgrammeRules) -> Result<(), Problem> {
    national(caller)?;
    rules.check().map_err(|e| Problem::Invalid(vec![FieldError::new(rules_field(e), e.rule(), "")]))
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
    app: &App,
    caller: &Caller,
    programme: i64,
    title: &str,
    opens: &str,
    closes: &str,
) -> Result<i64, Problem> {
    let call = check_call(app, caller, programme, title, opens, closes).await?;
    Ok(app.store.create_call(&caller.actor(), programme, &call.title, call.opens, call.closes).await?)
}

/// A call that `create_call` would open, checked and not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedCall {
    pub title: String,
    pub opens: Date,
    pub closes: Date,
}

/// Checks a call as `create_call` does, writing nothing.
pub async fn check_call(
    app: &App,
    caller: &Caller,
    programme: i64,
    title: &str,
    opens: &str,
    closes: &str,
) -> Result<CheckedCall, Problem> {
    national(caller)?;
    app.store.programme(programme).await?;
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
    let (Some(opens), Some(closes), true) = (opens_on, closes_on, errors.is_empty()) else {
        return Err(Problem::Invalid(errors));
    };
    Ok(CheckedCall { title: title.trim().to_string(), opens, closes })
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::{Access, Grant, Role, Scope};
    use emgek_store::Source;

    use super::*;
    use crate::testing::on_both_backends;

    const SOCIAL_CONTRACT: NewProgramme<'static> = NewProgramme {
        code: "social-contract",
        kind: "social_contract",
        names: ["Социалдык келишим", "Социальный контракт", "Social Contract"],
    };

    async fn only_a_national_administrator_defines_programmes_and_their_calls_are_checked(app: App) {
        let access =
            Access::new(vec![Grant { role: Role::Administrator, scope: Scope::parse("oblast:KG-O").unwrap() }]);
        let oblast = Caller::user(3, "osh-admin", access, Source::Web, "");
        let refused = create_programme(&app, &oblast, SOCIAL_CONTRACT).await;
        assert!(matches!(refused, Err(AppError::Invalid(e)) if e[0].rule == "scope.national"));
        let national = Caller::operator("root");
        let bad = NewProgramme { code: "Social Contract", ..SOCIAL_CONTRACT };
        let Err(AppError::Invalid(errors)) = create_programme(&app, &national, bad).await else { panic!("refused") };
        assert_eq!(errors[0].rule, "programme.code_format");
        let id = create_programme(&app, &national, SOCIAL_CONTRACT).await.unwrap();
        let backwards = create_call(&app, &national, id, "2024", "2024-11-30", "01.02.2024").await;
        assert!(matches!(backwards, Err(AppError::Invalid(e)) if e[0].rule == "call.closes_before_opening"));
        let call = create_call(&app, &national, id, "2024", "01.02.2024", "2024-11-30").await.unwrap();
        assert!(call > 0);
        let missing = create_call(&app, &national, 999_999, "2025", "2025-02-01", "2025-11-30").await;
        assert!(matches!(missing, Err(AppError::NotFound)));
    }

    on_both_backends!(only_a_national_administrator_defines_programmes_and_their_calls_are_checked);
}
