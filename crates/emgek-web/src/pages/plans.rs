//! Prison enterprises' business plans: every plan the reader reaches with its budget and
//! spending, the approved plans' totals in each currency, and a new plan for a facility's
//! manager.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_domain::prison::plan::criteria;
use emgek_store::Source;
use emgek_store::plans::PlanRow;

use super::applications::coded;
use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison::plans::{self as steps, approved_totals, currency};

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/enterprises/plans"), get(list).post(create))
}

/// An amount of a plan in the plan's own currency.
pub fn plan_money(ui: &Ui, p: &PlanRow, minor: i64) -> String {
    ui.tr.money(&Money::from_minor(minor, currency(p)))
}

pub struct PlanLine {
    pub id: i64,
    pub title: String,
    pub facility: String,
    pub activity: String,
    pub budget: String,
    pub spent: String,
    pub status: String,
    pub submitted_on: String,
    pub decided_on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/plans.html")]
struct PlansPage {
    ui: Ui,
    /// Per currency: the currency, approved plans, their budget, spent, left.
    approved: Vec<[String; 5]>,
    plans: Vec<PlanLine>,
    /// What the Expert Group scores: criterion and most points.
    criteria: Vec<(String, u32)>,
    /// A manager's form for a new plan; empty for readers.
    form: Vec<FieldView>,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn plans_page(state: &AppState, user: &CurrentUser, ui: Ui, failed: Failed) -> Result<PlansPage, PageError> {
    let caller = user.caller(Source::Web);
    let rows = steps::plans(state.app(), &user.caller(Source::Web)).await?;
    let facilities = state.store.facilities().await?;
    let name_of = |id: i64| facilities.iter().find(|f| f.facility_id == id).map(|f| f.name.clone()).unwrap_or_default();
    let approved = approved_totals(&rows)
        .into_iter()
        .map(|(c, count, budget, spent)| {
            let money = |minor| ui.tr.money(&Money::from_minor(minor, c));
            [
                ui.tr.t(&format!("currency-{}", c.code().to_lowercase())),
                ui.tr.number(i64::try_from(count).unwrap_or(i64::MAX)),
                money(budget),
                money(spent),
                money(budget - spent),
            ]
        })
        .collect();
    let plans = rows
        .iter()
        .map(|p| PlanLine {
            id: p.enterprise_plan_id,
            title: p.title.clone(),
            facility: name_of(p.facility_id),
            activity: p.activity.clone(),
            budget: plan_money(&ui, p, p.budget_minor),
            spent: plan_money(&ui, p, p.spent_minor),
            status: coded(&ui, "status", &p.status),
            submitted_on: ui.tr.date_opt(&p.submitted_on),
            decided_on: ui.tr.date_opt(&p.decided_on),
        })
        .collect();
    let runs = caller.facilities(Permission::RunEnterprises);
    let own: Vec<(String, String)> = facilities
        .iter()
        .filter(|f| runs.contains(&f.code))
        .map(|f| (f.facility_id.to_string(), f.name.clone()))
        .collect();
    let form = if own.is_empty() {
        Vec::new()
    } else {
        let only = if own.len() == 1 { own[0].0.clone() } else { String::new() };
        let currencies = std::iter::once(choose(&ui))
            .chain(
                Currency::BUDGET
                    .into_iter()
                    .map(|c| (c.code().to_string(), ui.tr.t(&format!("currency-{}", c.code().to_lowercase())))),
            )
            .collect();
        vec![
            failed.field(&ui, "plan", "facility_id", &only).required().select([vec![choose(&ui)], own].concat()),
            failed.field(&ui, "plan", "title", "").required(),
            failed.field(&ui, "plan", "activity", "").required(),
            failed.field(&ui, "plan", "summary", "").input("textarea"),
            failed.field(&ui, "plan", "currency", "").required().select(currencies),
            failed.field(&ui, "plan", "inmate_jobs", "").numeric(),
        ]
    };
    Ok(PlansPage {
        approved,
        plans,
        criteria: criteria().into_iter().map(|c| (ui.tr.field(&c.code), c.max_points)).collect(),
        form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<Saved>,
) -> Result<PlansPage, PageError> {
    let mut page = plans_page(&state, &user, ui, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::PlanForm {
        facility_id: get("facility_id").trim().parse().unwrap_or(0),
        title: get("title"),
        activity: get("activity"),
        summary: get("summary"),
        currency: get("currency"),
        inmate_jobs: get("inmate_jobs"),
    };
    let result = steps::create_plan(state.app(), &user.caller(Source::Web), f).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("plan", form, "title"),
        |id| format!("/enterprise-plans/{id}?saved=1"),
        async |ui, failed| plans_page(state, user, ui, failed).await,
    )
    .await
}
