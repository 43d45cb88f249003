//! Programmes for administrators: define a programme, open its calls, and write a new version
//! of its rules from a form (`rules_form.rs`) that starts from the version in force. Versions are never
//! rewritten; each is in force from its date until the next.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::programme::ProgrammeRules;
use emgek_i18n::Lang;
use emgek_store::Source;
use emgek_store::programmes::ProgrammeRow;

use super::form::Saved;
use super::rules_form::{RulesSection, parse_rules, rules_sections, rules_summary, rules_values};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::AppError;
use emgek_app::programmes as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/programmes"), get(list_programmes).post(create_programme))
        .route(declared("/programmes/{id}/calls"), post(create_call))
        .route(declared("/programmes/{id}/rules"), get(show_rules).post(add_rules))
}

pub struct CallLine {
    pub id: i64,
    pub title: String,
    pub window: String,
}

pub struct ProgrammeLine {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub calls: Vec<CallLine>,
    /// "in force since …", or that no rules are in force yet.
    pub rules: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/programmes.html")]
struct ProgrammesPage {
    ui: Ui,
    programmes: Vec<ProgrammeLine>,
    /// Whether the reader defines programmes and opens calls.
    manage: bool,
    /// Which form failed (`programme`, or `call-<id>`), its errors and what was typed in it.
    failed: String,
    errors: Vec<(String, String)>,
    typed: BTreeMap<String, String>,
}

impl ProgrammesPage {
    fn typed(&self, form: &str, name: &str) -> &str {
        if self.failed == form { self.typed.get(name).map(String::as_str).unwrap_or("") } else { "" }
    }
}

fn programme_name(p: &ProgrammeRow, lang: Lang) -> String {
    match lang {
        Lang::Ky => p.name_ky.clone(),
        Lang::Ru => p.name_ru.clone(),
        Lang::En => p.name_en.clone(),
    }
}

/// Whether the reader sets programmes (administrators for the whole country; the steps check
/// it again).
fn national(user: &CurrentUser) -> bool {
    let caller = user.caller(Source::Web);
    caller.national(Permission::ManageProgrammes)
}

async fn programmes_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    failed: &str,
    errors: &[FieldError],
    typed: BTreeMap<String, String>,
) -> Result<ProgrammesPage, PageError> {
    let today = state.app().clock.today();
    let mut programmes = Vec::new();
    for p in state.store.programmes().await? {
        let calls = state.store.calls(p.programme_id).await?;
        let book = state.store.rule_book(p.programme_id).await?;
        let rules = match book.in_force(today) {
            Some(r) => format!("{} {}", ui.tr.t("rules-in-force-since"), ui.tr.date(&r.effective_from)),
            None => ui.tr.t("rules-none-in-force"),
        };
        let calls = calls
            .into_iter()
            .map(|c| CallLine {
                id: c.call_id,
                window: format!("{} – {}", ui.tr.date(&c.opens), ui.tr.date(&c.closes)),
                title: c.title,
            })
            .collect();
        programmes.push(ProgrammeLine {
            id: p.programme_id,
            name: programme_name(&p, ui.lang()),
            code: p.code,
            calls,
            rules,
        });
    }
    Ok(ProgrammesPage {
        errors: super::form::summary(&ui, errors),
        manage: national(user),
        failed: failed.to_string(),
        typed,
        programmes,
        ui,
    })
}

async fn list_programmes(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
) -> Result<ProgrammesPage, PageError> {
    programmes_page(&state, &user, ui, "", &[], BTreeMap::new()).await
}

/// What a step's refusal becomes on a page: the form again with its errors, or an error page.
async fn refused(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    failed: &str,
    problem: AppError,
    typed: BTreeMap<String, String>,
) -> Result<Response, PageError> {
    let errors = match problem {
        AppError::Invalid(errors) => errors,
        AppError::Conflict(rule) | AppError::Store(emgek_store::StoreError::Conflict(rule)) => {
            vec![FieldError::new("code", rule, "")]
        }
        other => return Err(PageError::app(&ui, other)),
    };
    let page = programmes_page(state, user, ui, failed, &errors, typed).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn create_programme(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let p = steps::NewProgramme {
        code: get("code"),
        kind: "social_contract",
        names: [get("name_ky"), get("name_ru"), get("name_en")],
    };
    let result = steps::create_programme(state.app(), &user.caller(Source::Web), p).await;
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/programmes/{id}/rules")).into_response()),
        Err(problem) => refused(&state, &user, ui, "programme", problem, form).await,
    }
}

async fn create_call(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result =
        steps::create_call(state.app(), &user.caller(Source::Web), id, get("title"), get("opens"), get("closes")).await;
    match result {
        Ok(call) => Ok(Redirect::to(&format!("/calls/{call}")).into_response()),
        Err(problem) => refused(&state, &user, ui, &format!("call-{id}"), problem, form).await,
    }
}

pub struct VersionLine {
    pub effective_from: String,
    pub in_force: bool,
    pub budget: String,
    pub grant_cap: String,
    pub quota: String,
    pub window: String,
    pub sections: Vec<RulesSection>,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/rules.html")]
struct RulesPage {
    ui: Ui,
    id: i64,
    name: String,
    versions: Vec<VersionLine>,
    manage: bool,
    form: Vec<RulesSection>,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn rules_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    typed: Option<BTreeMap<String, String>>,
    errors: &[FieldError],
) -> Result<RulesPage, PageError> {
    let programme = state.store.programme(id).await?;
    let book = state.store.rule_book(id).await?;
    let today = state.app().clock.today();
    let in_force = book.in_force(today).map(|r| r.effective_from);
    let versions = book
        .versions()
        .iter()
        .rev()
        .map(|r| VersionLine {
            effective_from: ui.tr.date(&r.effective_from),
            in_force: Some(r.effective_from) == in_force,
            budget: ui.tr.som(&r.budget),
            grant_cap: ui.tr.som(&r.grant_cap),
            quota: ui.tr.number(i64::from(r.quota_total)),
            window: format!("{} – {}", ui.tr.date(&r.window_opens), ui.tr.date(&r.window_closes)),
            sections: rules_sections(&ui, &state.geo, &rules_values(r), &[]),
        })
        .collect();
    // A new version starts from the latest one (or the reported 2024 practice), with its date
    // left for the administrator to give.
    let values = typed.unwrap_or_else(|| {
        let mut v = rules_values(book.versions().last().unwrap_or(&ProgrammeRules::example_2024()));
        v.insert("effective_from".into(), String::new());
        v
    });
    let form = rules_sections(&ui, &state.geo, &values, errors);
    Ok(RulesPage {
        id,
        name: programme_name(&programme, ui.lang()),
        versions,
        manage: national(user),
        errors: rules_summary(&ui, &form, errors),
        saved: false,
        form,
        ui,
    })
}

async fn show_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<Saved>,
) -> Result<RulesPage, PageError> {
    let mut page = rules_page(&state, &user, ui, id, None, &[]).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

async fn add_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(values): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let oblasts: Vec<&str> = state.geo.oblasts.iter().map(|o| o.oblast_code.as_str()).collect();
    let rayons: Vec<&str> = state.geo.rayons.iter().map(|r| r.rayon_code.as_str()).collect();
    let result = match parse_rules(&values, &oblasts, &rayons) {
        Err(errors) => Err(errors),
        Ok(rules) => match steps::add_rules(state.app(), &user.caller(Source::Web), id, &rules).await {
            Ok(()) => Ok(()),
            Err(AppError::Invalid(errors)) => Err(errors),
            Err(AppError::Conflict(rule) | AppError::Store(emgek_store::StoreError::Conflict(rule))) => {
                Err(vec![FieldError::new(
                    "effective_from",
                    rule,
                    values.get("effective_from").cloned().unwrap_or_default(),
                )])
            }
            Err(other) => return Err(PageError::app(&ui, other)),
        },
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/programmes/{id}/rules?saved=1")).into_response()),
        Err(errors) => {
            let page = rules_page(&state, &user, ui, id, Some(values), &errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
