//! One prison enterprise's business plan: its heading and budget lines, which its author edits
//! while it is a draft or returned; the road to the Expert Group's decision with the review
//! engine's scorecard; once approved, the purchases against its lines.

use emgek_app::review::Scorecard;
use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::prison::plan::{LineCategory, Procurement, criteria};
use emgek_domain::social_contract::application::{Event, Status};
use emgek_domain::social_contract::review::Recommendation;
use emgek_store::Source;
use emgek_store::plans::{PlanLineRow, PlanRow};
use emgek_store::prison::FacilityRow;
use emgek_store::programmes::ReviewSubject;

use super::applications::coded;
use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use super::plans::plan_money;
use super::review::{EventLine, ReviewLine, criteria_fields, event_lines, review_lines, sent_review};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::scope::plan_within;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::AppError;
use emgek_app::prison::plans as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/enterprise-plans/{id}"), get(show))
        .route(declared("/enterprise-plans/{id}/lines"), post(add_line))
        .route(declared("/enterprise-plans/{id}/lines/{line}/remove"), post(remove_line))
        .route(declared("/enterprise-plans/{id}/author-steps"), post(author_step))
        .route(declared("/enterprise-plans/{id}/review-steps"), post(review_step))
        .route(declared("/enterprise-plans/{id}/reviews"), post(give_review))
        .route(declared("/enterprise-plans/{id}/purchases"), post(purchase))
}

pub struct LineView {
    pub id: i64,
    pub item: String,
    pub category: String,
    pub amount: String,
    pub spent: String,
    pub left: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/plan.html")]
struct PlanPage {
    ui: Ui,
    id: i64,
    title: String,
    status: String,
    facility: FacilityRow,
    /// The heading, budget and decision as label and value.
    facts: Vec<(String, String)>,
    summary: String,
    lines: Vec<LineView>,
    /// A draft or returned plan, and the reader runs its facility's enterprises.
    editable: bool,
    line_form: Vec<FieldView>,
    can_submit: bool,
    can_withdraw: bool,
    can_start_review: bool,
    can_return: bool,
    /// An Expert Group member, the plan under review: the scorecard and decision (review.html).
    can_review: bool,
    review_action: String,
    step_action: String,
    decision_title: String,
    criteria: Vec<(String, String, u32)>,
    reviews: Vec<ReviewLine>,
    /// Bought on, line, supplier, procurement, reference, amount.
    purchases: Vec<[String; 6]>,
    purchase_form: Vec<FieldView>,
    events: Vec<EventLine>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

fn line_view(ui: &Ui, p: &PlanRow, l: &PlanLineRow) -> LineView {
    LineView {
        id: l.enterprise_plan_line_id,
        item: l.item.clone(),
        category: coded(ui, "plan-category", &l.category),
        amount: plan_money(ui, p, l.amount_minor),
        spent: plan_money(ui, p, l.spent_minor),
        left: plan_money(ui, p, l.amount_minor - l.spent_minor),
    }
}

fn facts(ui: &Ui, p: &PlanRow, facility: &FacilityRow) -> Vec<(String, String)> {
    let mut facts = vec![
        (ui.tr.field("facility"), facility.name.clone()),
        (ui.tr.field("activity"), p.activity.clone()),
        (ui.tr.field("currency"), ui.tr.t(&format!("currency-{}", p.currency.to_lowercase()))),
        (ui.tr.field("inmate_jobs"), ui.tr.number(p.inmate_jobs)),
        (ui.tr.t("plans-budget"), plan_money(ui, p, p.budget_minor)),
        (ui.tr.t("plans-spent"), plan_money(ui, p, p.spent_minor)),
        (ui.tr.t("plans-left"), plan_money(ui, p, p.budget_minor - p.spent_minor)),
    ];
    if let Some(d) = p.submitted_on {
        facts.push((ui.tr.t("plans-submitted-on"), ui.tr.date(&d)));
    }
    if let Some(d) = p.decided_on {
        facts.push((ui.tr.t("plans-decided-on"), ui.tr.date(&d)));
    }
    if let Some(s) = p.score_x100 {
        facts.push((ui.tr.t("plans-score"), ui.tr.hundredths(s)));
    }
    facts
}

fn coded_options(ui: &Ui, prefix: &str, codes: impl IntoIterator<Item = &'static str>) -> Vec<(String, String)> {
    std::iter::once(choose(ui)).chain(codes.into_iter().map(|c| (c.to_string(), coded(ui, prefix, c)))).collect()
}

async fn plan_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<PlanPage, PageError> {
    let caller = user.caller(Source::Web);
    let (p, facility) = plan_within(state, user, Permission::ReadEnterprises, id).await?;
    let lines = state.store.plan_lines(id).await?;
    let status = Status::parse(&p.status);
    let runs = caller.may_in(Permission::RunEnterprises, &facility.code);
    let reviewer = caller.may_in(Permission::ReviewEnterprisePlans, &facility.code);
    let editable = runs && matches!(status, Some(Status::Draft | Status::Returned));
    let seated = match state.store.expert_group().await? {
        Some((_, members)) => members.iter().any(|m| Some(m.user_id) == user.id),
        None => false,
    };
    let line_form = if editable {
        vec![
            failed.field(&ui, "line", "item", "").required(),
            failed.field(&ui, "line", "category", "").required().select(coded_options(
                &ui,
                "plan-category",
                LineCategory::ALL.map(LineCategory::code),
            )),
            failed.field(&ui, "line", "plan_amount", "").required().numeric(),
        ]
    } else {
        Vec::new()
    };
    let open: Vec<&PlanLineRow> = lines.iter().filter(|l| l.spent_minor < l.amount_minor).collect();
    let purchase_form = if runs && status == Some(Status::Approved) && !open.is_empty() {
        let choices = std::iter::once(choose(&ui))
            .chain(open.iter().map(|l| {
                let left = plan_money(&ui, &p, l.amount_minor - l.spent_minor);
                (l.enterprise_plan_line_id.to_string(), format!("{} ({}: {left})", l.item, ui.tr.t("plans-left")))
            }))
            .collect();
        let today = state.app().clock.today().to_string();
        vec![
            failed.field(&ui, "purchase", "line_id", "").required().select(choices),
            failed.field(&ui, "purchase", "purchased_on", &today).required().input("date"),
            failed.field(&ui, "purchase", "supplier", "").required(),
            failed.field(&ui, "purchase", "method", "").required().select(coded_options(
                &ui,
                "procurement",
                Procurement::ALL.map(Procurement::code),
            )),
            failed.field(&ui, "purchase", "contract_reference", "").required(),
            failed.field(&ui, "purchase", "plan_amount", "").required().numeric(),
        ]
    } else {
        Vec::new()
    };
    let item_of = |line: i64| lines.iter().find(|l| l.enterprise_plan_line_id == line).map(|l| l.item.clone());
    let purchases = state
        .store
        .purchases(id)
        .await?
        .iter()
        .map(|b| {
            [
                ui.tr.date(&b.purchased_on),
                item_of(b.enterprise_plan_line_id).unwrap_or_default(),
                b.supplier.clone(),
                coded(&ui, "procurement", &b.method),
                b.reference.clone(),
                plan_money(&ui, &p, b.amount_minor),
            ]
        })
        .collect();
    let events = event_lines(&ui, state.store.plan_events(id).await?);
    Ok(PlanPage {
        id,
        title: p.title.clone(),
        status: coded(&ui, "status", &p.status),
        facts: facts(&ui, &p, &facility),
        summary: p.summary.clone(),
        lines: lines.iter().map(|l| line_view(&ui, &p, l)).collect(),
        editable,
        line_form,
        can_submit: editable,
        can_withdraw: runs && status.is_some_and(|s| s.after(Event::Withdraw).is_ok()),
        can_start_review: reviewer && status == Some(Status::Submitted),
        can_return: reviewer && status == Some(Status::Submitted),
        can_review: reviewer && seated && status == Some(Status::UnderReview),
        review_action: format!("/enterprise-plans/{id}/reviews"),
        step_action: format!("/enterprise-plans/{id}/review-steps"),
        decision_title: ui.tr.t("plans-decision"),
        criteria: criteria_fields(&ui, &criteria()),
        reviews: review_lines(state, &ui, ReviewSubject::EnterprisePlan(id)).await?,
        purchases,
        purchase_form,
        events,
        facility,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<PlanPage, PageError> {
    let mut page = plan_page(&state, &user, ui, id, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

/// The plan again with "saved", or with the failed form.
async fn answer<T>(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    (id, sent): (i64, Sent<'_>),
    result: Result<T, AppError>,
) -> Result<Response, PageError> {
    respond(
        ui,
        result,
        sent,
        |_| format!("/enterprise-plans/{id}?saved=1"),
        async |ui, failed| plan_page(state, user, ui, id, failed).await,
    )
    .await
}

async fn add_line(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result =
        steps::add_line(state.app(), &user.caller(Source::Web), id, get("item"), get("category"), get("plan_amount"))
            .await;
    answer(&state, &user, ui, (id, Sent::new("line", form, "item")), result).await
}

async fn remove_line(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path((id, line)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let result = steps::remove_line(state.app(), &user.caller(Source::Web), id, line).await;
    answer(&state, &user, ui, (id, Sent::new("step", BTreeMap::new(), "status")), result).await
}

/// The author's buttons: submit the plan, or withdraw it.
async fn author_step(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = match get("step") {
        "submit" => steps::submit(state.app(), &user.caller(Source::Web), id).await,
        "withdraw" => steps::move_on(state.app(), &user.caller(Source::Web), id, Event::Withdraw, get("reason")).await,
        _ => return Err(PageError::new(&ui, StatusCode::BAD_REQUEST)),
    };
    answer(&state, &user, ui, (id, Sent::new("step", form, "status")), result).await
}

/// The Expert Group's buttons: take the plan into review, return it, approve or reject it.
async fn review_step(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let (s, reason) = (&state, get("reason"));
    let result = match get("step") {
        "start_review" => steps::move_on(s.app(), &user.caller(Source::Web), id, Event::StartReview, "").await,
        "return" => steps::move_on(s.app(), &user.caller(Source::Web), id, Event::ReturnForRevision, reason).await,
        "approve" => steps::decide(s.app(), &user.caller(Source::Web), id, Recommendation::Approve, reason).await,
        "reject" => steps::decide(s.app(), &user.caller(Source::Web), id, Recommendation::Reject, reason).await,
        _ => return Err(PageError::new(&ui, StatusCode::BAD_REQUEST)),
    };
    answer(&state, &user, ui, (id, Sent::new("step", form, "status")), result).await
}

/// An Expert Group member's scorecard from the page's form.
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
            steps::review(state.app(), &user.caller(Source::Web), id, card).await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    let typed = fields.into_iter().collect();
    answer(&state, &user, ui, (id, Sent::new("review", typed, "status")), result).await
}

async fn purchase(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::PurchaseForm {
        line_id: get("line_id"),
        purchased_on: get("purchased_on"),
        supplier: get("supplier"),
        method: get("method"),
        reference: get("contract_reference"),
        amount: get("plan_amount"),
    };
    let result = steps::record_purchase(state.app(), &user.caller(Source::Web), id, f).await;
    answer(&state, &user, ui, (id, Sent::new("purchase", form, "contract_reference")), result).await
}
