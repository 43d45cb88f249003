//! Social Contract pages: programmes and calls, a call's applications, a new application with
//! its business plan, and an application's page with its assessment, reviews and next steps.

use emgek_app::review::Scorecard;
use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::social_contract::application::{Event, Status};
use emgek_domain::social_contract::business_plan::{BudgetCategory, BudgetLine, BusinessPlan, MonthProjection, Sector};
use emgek_domain::social_contract::review::Recommendation;
use emgek_domain::{Currency, FieldError, Money};
use emgek_store::programmes::ReviewSubject;
use emgek_store::{HouseholdFilter, PageRequest, Source};
use serde::Deserialize;

use super::form::Saved;
use super::form::summary;
use super::review::{EventLine, ReviewLine, event_lines, review_lines, sent_review};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/calls/{id}/applications/new"), get(new_application).post(create_application))
        .route(declared("/applications/{id}"), get(show_application))
        .route(declared("/applications/{id}/step"), post(take_step))
        .route(declared("/applications/{id}/reviews"), post(give_review))
}

pub(super) fn coded(ui: &Ui, prefix: &str, code: &str) -> String {
    ui.tr.t(&format!("{prefix}-{}", code.replace(['_', '.'], "-")))
}

pub(super) fn som(ui: &Ui, minor: i64) -> String {
    ui.tr.som(&Money::from_minor(minor, Currency::KGS))
}

const LINES: usize = 5;
const MONTHS: usize = 12;

#[derive(Template, WebTemplate)]
#[template(path = "social/application_form.html")]
struct FormPage {
    ui: Ui,
    call_id: i64,
    values: BTreeMap<String, String>,
    sectors: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    /// One Village – One Product's categories and local resources: code and name.
    ovop_categories: Vec<(String, String)>,
    resources: Vec<(String, String)>,
    lines: Vec<usize>,
    months: Vec<usize>,
    errors: Vec<(String, String)>,
}

impl FormPage {
    fn value(&self, name: &str) -> String {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// A local resource is ticked: in the form sent back, or in the plan being edited.
    fn has_resource(&self, code: &str) -> bool {
        self.values.contains_key(&format!("resource_{code}"))
            || self.value("local_resources").split([',', ' ']).any(|r| r.trim() == code)
    }

    /// Resources written in words by a plan outside the programme's list, kept as they are.
    fn free_resources(&self) -> String {
        let text = self.value("local_resources");
        if emgek_domain::ovop::catalogue::parse_resources(&text).is_ok() { String::new() } else { text }
    }

    fn line(&self, i: &usize, part: &str) -> String {
        self.value(&format!("line_{i}_{part}"))
    }

    fn month(&self, i: &usize, part: &str) -> String {
        self.value(&format!("month_{i}_{part}"))
    }
}

fn form_page(ui: Ui, call_id: i64, values: BTreeMap<String, String>, errors: &[FieldError]) -> FormPage {
    let sectors = Sector::ALL.iter().map(|s| (s.code().to_string(), coded(&ui, "sector", s.code()))).collect();
    let categories = BudgetCategory::ALL.iter().map(|c| (c.code().to_string(), ui.tr.field(c.code()))).collect();
    let ovop_categories = emgek_domain::ovop::catalogue::Category::ALL
        .iter()
        .map(|c| (c.code().to_string(), coded(&ui, "ovop-category", c.code())))
        .collect();
    let resources = emgek_domain::ovop::catalogue::LocalResource::ALL
        .iter()
        .map(|r| (r.code().to_string(), coded(&ui, "ovop-resource", r.code())))
        .collect();
    FormPage {
        errors: summary(&ui, errors),
        ui,
        call_id,
        values,
        sectors,
        categories,
        ovop_categories,
        resources,
        lines: (0..LINES).collect(),
        months: (0..MONTHS).collect(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    household_ref: String,
}

async fn new_application(ui: Ui, Path(call): Path<i64>, Query(q): Query<NewQuery>) -> FormPage {
    let mut values = BTreeMap::from([("household_ref".to_string(), q.household_ref)]);
    values.insert("own_contribution".into(), "0".into());
    values.insert("jobs".into(), "1".into());
    form_page(ui, call, values, &[])
}

/// Reads the plan from the form, or every field it gets wrong.
fn read_plan(v: &BTreeMap<String, String>) -> Result<BusinessPlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let get = |k: &str| v.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
    let mut money = |field: String, text: String| match Money::parse_major(&text, Currency::KGS) {
        Ok(m) => m,
        Err(_) => {
            errors.push(FieldError::new(field, "money.format", text));
            Money::som(0)
        }
    };
    let own = money("own_contribution".into(), get("own_contribution"));
    let mut lines = Vec::new();
    for i in 0..LINES {
        let item = get(&format!("line_{i}_item"));
        if item.is_empty() {
            continue;
        }
        let price = money(format!("line_{i}_price"), get(&format!("line_{i}_price")));
        let category = BudgetCategory::parse(&get(&format!("line_{i}_category"))).unwrap_or(BudgetCategory::Other);
        let quantity = get(&format!("line_{i}_quantity")).parse().unwrap_or(0);
        lines.push(BudgetLine { category, item, quantity, unit_price: price });
    }
    let mut projection = Vec::new();
    for i in 0..MONTHS {
        let revenue = money(format!("month_{i}_revenue"), get(&format!("month_{i}_revenue")));
        let costs = money(format!("month_{i}_costs"), get(&format!("month_{i}_costs")));
        projection.push(MonthProjection { revenue, costs });
    }
    let plan = BusinessPlan {
        sector: Sector::parse(&get("sector")).unwrap_or(Sector::Agriculture),
        activity: get("activity"),
        ovop_category: Some(get("ovop_category")).filter(|s| !s.is_empty()),
        // The page ticks resources (`resource_CODE`); the API and older forms send the list.
        local_resources: {
            let ticked: Vec<&str> = emgek_domain::ovop::catalogue::LocalResource::ALL
                .iter()
                .map(|r| r.code())
                .filter(|code| v.contains_key(&format!("resource_{code}")))
                .collect();
            if ticked.is_empty() { get("local_resources") } else { ticked.join(",") }
        },
        lines,
        own_contribution: own,
        projection,
        jobs: get("jobs").parse().unwrap_or(0),
        green: !get("green").is_empty(),
    };
    if plan.activity.is_empty() {
        errors.push(FieldError::new("activity", "plan.activity_required", ""));
    }
    if plan.lines.is_empty() {
        errors.push(FieldError::new("lines", "plan.lines_required", ""));
    }
    for (i, l) in plan.lines.iter().enumerate() {
        if l.quantity == 0 {
            errors.push(FieldError::new(format!("line_{i}_quantity"), "plan.quantity_zero", "0"));
        }
    }
    if errors.is_empty() { Ok(plan) } else { Err(errors) }
}

async fn create_application(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    state.store.call(call).await?;
    let values: BTreeMap<String, String> = fields.into_iter().filter(|(k, _)| k != "_csrf").collect();
    let reference = values.get("household_ref").map(|s| s.trim().to_string()).unwrap_or_default();
    let filter = HouseholdFilter {
        q: Some(reference.clone()),
        areas: Some(caller.areas(Permission::EditApplications)),
        ..Default::default()
    };
    let found = state.store.list_households(&filter, PageRequest::new(None, Some(5))).await?;
    let household = found.items.into_iter().find(|h| h.household_ref == reference);
    let mut errors = Vec::new();
    if household.is_none() {
        errors.push(FieldError::new("household_ref", "application.household_unknown", reference.as_str()));
    }
    let plan = read_plan(&values).map_err(|e| errors.extend(e)).ok();
    if let (Some(h), Some(plan), true) = (&household, &plan, errors.is_empty()) {
        let caller = user.caller(Source::Web);
        match emgek_app::social_contract::create_application(state.app(), &caller, call, h.id, plan).await {
            Ok(id) => return Ok(Redirect::to(&format!("/applications/{id}?saved=1")).into_response()),
            Err(AppError::Conflict(rule)) => errors.push(FieldError::new("household_ref", rule, reference.as_str())),
            Err(e) => return Err(PageError::app(&ui, e)),
        }
    }
    Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(ui, call, values, &errors)).into_response())
}

pub struct PlanLine {
    pub category: String,
    pub item: String,
    pub quantity: u32,
    pub price: String,
    pub total: String,
}

pub struct CheckLine {
    pub passed: bool,
    pub text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/application.html")]
pub(super) struct ApplicationPage {
    ui: Ui,
    id: i64,
    call_id: i64,
    household_id: i64,
    household_ref: String,
    status: String,
    activity: String,
    sector: String,
    plan: Vec<PlanLine>,
    figures: Vec<(String, String)>,
    checks: Vec<CheckLine>,
    points: Vec<(String, u32)>,
    priority: Option<u32>,
    eligible: Option<bool>,
    reviews: Vec<ReviewLine>,
    events: Vec<EventLine>,
    criteria: Vec<(String, String, u32)>,
    review_action: String,
    step_action: String,
    decision_title: String,
    can_submit: bool,
    can_withdraw: bool,
    can_start_review: bool,
    can_return: bool,
    can_review: bool,
    errors: Vec<(String, String)>,
    saved: bool,
    /// (id, number) of the contract of a funded application.
    contract: Option<(i64, String)>,
    /// The reader may open the household's registry page.
    can_see_household: bool,
    /// (id, number, status) of the application's appeals.
    appeals: Vec<(i64, String, String)>,
    /// The reader registers appeals here and the decision may still be appealed.
    can_appeal: bool,
}

pub(super) async fn application_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    errors: &[FieldError],
    saved: bool,
) -> Result<ApplicationPage, PageError> {
    let caller = user.caller(Source::Web);
    let a = state.app().reach(&user.caller(Source::Web)).application(Permission::ReadApplications, id).await?;
    let household = state.store.household(a.household_id).await?;
    let f = a.plan.figures();
    let figures = vec![
        (ui.tr.t("plan-total"), ui.tr.som(&f.total_budget)),
        (ui.tr.field("own_contribution"), ui.tr.som(&a.plan.own_contribution)),
        (ui.tr.t("plan-grant"), ui.tr.som(&f.grant_requested)),
        (ui.tr.t("plan-revenue"), ui.tr.som(&f.revenue_12m)),
        (ui.tr.t("plan-costs"), ui.tr.som(&f.costs_12m)),
        (ui.tr.t("plan-profit"), ui.tr.som(&f.profit_12m)),
        (ui.tr.t("plan-margin"), f.margin_bp.map(|m| format!("{}%", m / 100)).unwrap_or_else(|| "—".into())),
        (
            ui.tr.t("plan-payback"),
            f.payback_months.map(|m| ui.tr.count("months-count", m)).unwrap_or_else(|| "—".into()),
        ),
        (ui.tr.field("jobs"), a.plan.jobs.to_string()),
    ];
    let mut figures = figures;
    if let Some(c) = a.plan.ovop_category.as_deref().filter(|c| !c.is_empty()) {
        // A category or resources typed before the programme's lists were kept as typed.
        let named = |prefix: &str, code: &str| {
            let id = format!("{prefix}-{}", code.replace('_', "-"));
            if ui.tr.has(&id) { ui.tr.t(&id) } else { code.to_string() }
        };
        let resources: Vec<String> = a
            .plan
            .local_resources
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(|r| named("ovop-resource", r))
            .collect();
        figures.push((ui.tr.field("ovop_category"), named("ovop-category", c)));
        figures.push((ui.tr.t("local-resources"), resources.join(", ")));
    }
    let plan = a
        .plan
        .lines
        .iter()
        .map(|l| PlanLine {
            category: ui.tr.field(l.category.code()),
            item: l.item.clone(),
            quantity: l.quantity,
            price: ui.tr.som(&l.unit_price),
            total: ui.tr.som(&l.total()),
        })
        .collect();
    let (checks, points) = match &a.assessment {
        Some(x) => (
            x.checks.iter().map(|c| CheckLine { passed: c.passed, text: coded(&ui, "check", &c.rule) }).collect(),
            x.points.iter().map(|p| (coded(&ui, "check", &p.reason), p.points)).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let review_lines = review_lines(state, &ui, ReviewSubject::Application(id)).await?;
    let events = event_lines(&ui, state.store.application_events(id).await?);
    let call = state.store.call(a.call_id).await?;
    let book = state.store.rule_book(call.programme_id).await?;
    let criteria = a
        .rules_from
        .and_then(|d| book.in_force(d))
        .map(|r| r.criteria.iter().map(|c| (c.code.clone(), ui.tr.field(&c.code), c.max_points)).collect())
        .unwrap_or_default();
    let contract = state.store.contract_of(id).await?.map(|c| (c.contract_id, c.number));
    let mut appeals = Vec::new();
    for ap in state.store.appeals_of_application(id).await? {
        let g = state.store.grievance(ap.grievance_id).await?;
        appeals.push((
            ap.appeal_id,
            emgek_app::grievances::number_of(&g).to_string(),
            coded(&ui, "appeal-status", &ap.status),
        ));
    }
    let contestable = emgek_app::social_contract::appeals::may_appeal(state.app(), &a).await?;
    let can_appeal = caller.may(Permission::HandleGrievances, &a.oblast, &a.rayon)
        && contestable.is_some()
        && !state
            .store
            .appeals_of_application(id)
            .await?
            .iter()
            .any(|ap| Some(ap.contested.as_str()) == contestable.map(|c| c.code()));
    let edit = caller.may(Permission::EditApplications, &a.oblast, &a.rayon);
    let review = caller.may(Permission::ReviewApplications, &a.oblast, &a.rayon);
    Ok(ApplicationPage {
        id,
        call_id: a.call_id,
        household_id: a.household_id,
        household_ref: household.fields.household_ref,
        status: coded(&ui, "status", a.status.code()),
        activity: a.plan.activity.clone(),
        sector: coded(&ui, "sector", a.plan.sector.code()),
        plan,
        figures,
        checks,
        points,
        priority: a.assessment.as_ref().map(|x| x.priority),
        eligible: a.assessment.as_ref().map(|x| x.eligible),
        reviews: review_lines,
        events,
        criteria,
        review_action: format!("/applications/{id}/reviews"),
        step_action: format!("/applications/{id}/step"),
        decision_title: ui.tr.t("decision"),
        can_submit: edit && matches!(a.status, Status::Draft | Status::Returned),
        can_withdraw: edit && a.status.after(Event::Withdraw).is_ok(),
        can_start_review: review && a.status == Status::Submitted,
        can_return: review && a.status.after(Event::ReturnForRevision).is_ok(),
        can_review: review && a.status == Status::UnderReview,
        errors: summary(&ui, errors),
        saved,
        contract,
        can_see_household: caller.may(Permission::ReadRegistry, &a.oblast, &a.rayon),
        appeals,
        can_appeal,
        ui,
    })
}

async fn show_application(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<ApplicationPage, PageError> {
    application_page(&state, &user, ui, id, &[], !q.saved.is_empty()).await
}

#[derive(Deserialize)]
struct StepForm {
    step: String,
    #[serde(default)]
    reason: String,
}

/// After a step: back to the application, or its page again with what went wrong.
async fn after(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    result: Result<(), AppError>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/applications/{id}?saved=1")).into_response()),
        Err(AppError::Invalid(errors)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, application_page(state, user, ui, id, &errors, false).await?)
                .into_response())
        }
        Err(AppError::Conflict(rule) | AppError::Store(emgek_store::StoreError::Conflict(rule))) => {
            let errors = [FieldError::new("status", rule, "")];
            Ok((StatusCode::CONFLICT, application_page(state, user, ui, id, &errors, false).await?).into_response())
        }
        Err(other) => Err(PageError::app(&ui, other)),
    }
}

/// The buttons of the application page: submit, withdraw, start the review, return, decide.
async fn take_step(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> Result<Response, PageError> {
    let s = &state;
    let result = match form.step.as_str() {
        "submit" => emgek_app::social_contract::submit(s.app(), &user.caller(Source::Web), id).await,
        "withdraw" => {
            emgek_app::social_contract::move_on(
                s.app(),
                &user.caller(Source::Web),
                id,
                Permission::EditApplications,
                Event::Withdraw,
                &form.reason,
            )
            .await
        }
        "start_review" => {
            emgek_app::social_contract::move_on(
                s.app(),
                &user.caller(Source::Web),
                id,
                Permission::ReviewApplications,
                Event::StartReview,
                "",
            )
            .await
        }
        "return" => {
            emgek_app::social_contract::move_on(
                s.app(),
                &user.caller(Source::Web),
                id,
                Permission::ReviewApplications,
                Event::ReturnForRevision,
                &form.reason,
            )
            .await
        }
        "approve" => {
            emgek_app::social_contract::decide(
                s.app(),
                &user.caller(Source::Web),
                id,
                Recommendation::Approve,
                &form.reason,
            )
            .await
        }
        "reject" => {
            emgek_app::social_contract::decide(
                s.app(),
                &user.caller(Source::Web),
                id,
                Recommendation::Reject,
                &form.reason,
            )
            .await
        }
        _ => return Err(PageError::new(&ui, StatusCode::BAD_REQUEST)),
    };
    after(&state, &user, ui, id, result).await
}

/// A commission member's review from the page's form: `score_CODE` fields, a recommendation,
/// or a declared conflict.
async fn give_review(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let result = match sent_review(&fields) {
        Ok(r) => {
            let card = Scorecard {
                conflict: r.conflict,
                scores: r.scores,
                recommendation: r.recommendation,
                comment: &r.comment,
            };
            emgek_app::social_contract::review(state.app(), &user.caller(Source::Web), id, card).await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    after(&state, &user, ui, id, result).await
}
