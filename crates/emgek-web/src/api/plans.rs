//! Prison enterprises' business plans through the API: a plan and its budget lines, the road
//! to the Expert Group's decision (the same reviews and decisions as a Social Contract
//! application's), purchases against an approved budget, and the Expert Group itself.

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_app::review::Scorecard;
use emgek_domain::access::Permission;
use emgek_domain::money::Money;
use emgek_domain::social_contract::application::Event;
use emgek_store::Source;
use emgek_store::plans::{PlanLineRow, PlanRow, PurchaseRow};
use emgek_store::programmes::ReviewSubject;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use super::ApiLang;
use super::review::{DecisionDto, NewReviewDto, ReviewDto};
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::scope::plan_within;
use crate::state::AppState;
use emgek_app::prison::plans::{self as steps, currency};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/enterprise-plans"), get(list_plans).post(create_plan))
        .route(declared_api("/enterprise-plans/{id}"), get(get_plan))
        .route(declared_api("/enterprise-plans/{id}/lines"), post(add_line))
        .route(declared_api("/enterprise-plans/{id}/lines/{line}/remove"), post(remove_line))
        .route(declared_api("/enterprise-plans/{id}/submit"), post(submit))
        .route(declared_api("/enterprise-plans/{id}/withdraw"), post(withdraw))
        .route(declared_api("/enterprise-plans/{id}/start-review"), post(start_review))
        .route(declared_api("/enterprise-plans/{id}/return"), post(return_for_revision))
        .route(declared_api("/enterprise-plans/{id}/reviews"), get(list_reviews).post(review))
        .route(declared_api("/enterprise-plans/{id}/decision"), post(decide))
        .route(declared_api("/enterprise-plans/{id}/purchases"), get(list_purchases).post(purchase))
        .route(declared_api("/expert-group"), get(expert_group).put(set_expert_group))
        .route(declared_api("/expert-group/members"), post(add_expert))
}

/// A business plan with its budget and spending, in minor units of its currency (tyiyn or
/// cents).
#[derive(Serialize, ToSchema)]
pub struct PlanDto {
    pub id: i64,
    pub facility_id: i64,
    pub title: String,
    pub activity: String,
    pub summary: String,
    /// `KGS` or `USD`: the currency of every amount of the plan.
    pub currency: String,
    pub inmate_jobs: i64,
    /// The same statuses as an application's: draft, submitted, returned, under_review,
    /// approved, rejected, withdrawn.
    pub status: String,
    /// The Expert Group's average score times 100, once it decided.
    pub score_x100: Option<i64>,
    pub submitted_on: Option<Date>,
    pub decided_on: Option<Date>,
    pub budget_minor: i64,
    pub spent_minor: i64,
}

impl From<PlanRow> for PlanDto {
    fn from(p: PlanRow) -> Self {
        Self {
            id: p.enterprise_plan_id,
            facility_id: p.facility_id,
            title: p.title,
            activity: p.activity,
            summary: p.summary,
            currency: p.currency,
            inmate_jobs: p.inmate_jobs,
            status: p.status,
            score_x100: p.score_x100,
            submitted_on: p.submitted_on,
            decided_on: p.decided_on,
            budget_minor: p.budget_minor,
            spent_minor: p.spent_minor,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlanLineDto {
    pub id: i64,
    pub item: String,
    /// equipment | materials | works | training | other
    pub category: String,
    pub amount_minor: i64,
    pub spent_minor: i64,
}

impl From<PlanLineRow> for PlanLineDto {
    fn from(l: PlanLineRow) -> Self {
        Self {
            id: l.enterprise_plan_line_id,
            item: l.item,
            category: l.category,
            amount_minor: l.amount_minor,
            spent_minor: l.spent_minor,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlanDetail {
    pub plan: PlanDto,
    pub lines: Vec<PlanLineDto>,
}

/// The plans of the facilities the caller may read, newest first.
#[utoipa::path(get, path = "/api/v1/enterprise-plans", tag = "enterprises", responses((status = 200, body = Vec<PlanDto>)))]
pub async fn list_plans(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Vec<PlanDto>>, ApiError> {
    let plans = steps::plans(state.app(), &user.caller(Source::Api)).await?;
    Ok(Json(plans.into_iter().map(PlanDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct PlanBody {
    pub facility_id: i64,
    pub title: String,
    /// What the workshop will make, e.g. "soya milk".
    pub activity: String,
    #[serde(default)]
    pub summary: String,
    /// `KGS` or `USD`.
    pub currency: String,
    #[serde(default)]
    pub inmate_jobs: i64,
}

/// Start a draft business plan for a facility where the caller runs enterprises.
#[utoipa::path(post, path = "/api/v1/enterprise-plans", tag = "enterprises", request_body = PlanBody,
    responses((status = 201, body = PlanDto), (status = 422, body = ApiErrors)))]
pub async fn create_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(b): Json<PlanBody>,
) -> Result<(StatusCode, Json<PlanDto>), ApiError> {
    let jobs = b.inmate_jobs.to_string();
    let f = steps::PlanForm {
        facility_id: b.facility_id,
        title: &b.title,
        activity: &b.activity,
        summary: &b.summary,
        currency: &b.currency,
        inmate_jobs: &jobs,
    };
    let id = steps::create_plan(state.app(), &user.caller(Source::Api), f).await?;
    let row = state.store.plan(id).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// A plan with its budget lines and what has been spent on each.
#[utoipa::path(get, path = "/api/v1/enterprise-plans/{id}", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = PlanDetail), (status = 404, body = ApiErrors)))]
pub async fn get_plan(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<PlanDetail>, ApiError> {
    let (plan, _) = plan_within(&state, &user, Permission::ReadEnterprises, id).await?;
    let lines = state.store.plan_lines(id).await?;
    Ok(Json(PlanDetail { plan: plan.into(), lines: lines.into_iter().map(PlanLineDto::from).collect() }))
}

#[derive(Deserialize, ToSchema)]
pub struct LineBody {
    pub item: String,
    /// equipment | materials | works | training | other
    pub category: String,
    /// In minor units of the plan's currency.
    pub amount_minor: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Add a budget line to a draft or returned plan.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/lines", tag = "enterprises", params(("id" = i64, Path)),
    request_body = LineBody, responses((status = 201, body = Created), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_line(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<LineBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let (plan, _) = plan_within(&state, &user, Permission::RunEnterprises, id).await?;
    let amount = Money::from_minor(b.amount_minor, currency(&plan)).to_plain();
    let line = steps::add_line(state.app(), &user.caller(Source::Api), id, &b.item, &b.category, &amount).await?;
    Ok((StatusCode::CREATED, Json(Created { id: line })))
}

/// Remove a budget line from a draft or returned plan.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/lines/{line}/remove", tag = "enterprises",
    params(("id" = i64, Path), ("line" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn remove_line(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, line)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    steps::remove_line(state.app(), &user.caller(Source::Api), id, line).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Submit the plan to the Expert Group; it needs at least one budget line.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/submit", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    steps::submit(state.app(), &user.caller(Source::Api), id).await?;
    Ok(StatusCode::OK)
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct ReasonBody {
    /// Required to return a plan for revision.
    pub reason: String,
}

async fn step(
    state: &AppState,
    user: &CurrentUser,
    tr: &emgek_i18n::Tr,
    id: i64,
    event: Event,
    reason: &str,
) -> Result<StatusCode, ApiError> {
    steps::move_on(state.app(), &user.caller(Source::Api), id, event, reason)
        .await
        .map_err(|e| ApiError::from_app(tr, e))?;
    Ok(StatusCode::OK)
}

/// The author withdraws the plan.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/withdraw", tag = "enterprises", params(("id" = i64, Path)),
    request_body = ReasonBody, responses((status = 200), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<ReasonBody>,
) -> Result<StatusCode, ApiError> {
    step(&state, &user, &tr, id, Event::Withdraw, &b.reason).await
}

/// The Expert Group takes up a submitted plan.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/start-review", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn start_review(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    step(&state, &user, &tr, id, Event::StartReview, "").await
}

/// The Expert Group returns the plan to its author for revision, with a reason.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/return", tag = "enterprises", params(("id" = i64, Path)),
    request_body = ReasonBody, responses((status = 200), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn return_for_revision(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<ReasonBody>,
) -> Result<StatusCode, ApiError> {
    step(&state, &user, &tr, id, Event::ReturnForRevision, &b.reason).await
}

/// The Expert Group's reviews of the plan.
#[utoipa::path(get, path = "/api/v1/enterprise-plans/{id}/reviews", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<ReviewDto>), (status = 404, body = ApiErrors)))]
pub async fn list_reviews(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ReviewDto>>, ApiError> {
    plan_within(&state, &user, Permission::ReadEnterprises, id).await?;
    let rows = state.store.reviews(ReviewSubject::EnterprisePlan(id)).await?;
    Ok(Json(rows.into_iter().map(ReviewDto::from).collect()))
}

/// An Expert Group member's review: a declared conflict, or a score on every plan criterion
/// (viability, market, inmate_jobs, training, food_self_sufficiency) with a recommendation.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/reviews", tag = "enterprises", params(("id" = i64, Path)),
    request_body = NewReviewDto, responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn review(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<NewReviewDto>,
) -> Result<StatusCode, ApiError> {
    steps::review(
        state.app(),
        &user.caller(Source::Api),
        id,
        Scorecard { conflict: b.conflict, scores: b.scores, recommendation: b.recommendation, comment: &b.comment },
    )
    .await?;
    Ok(StatusCode::CREATED)
}

/// The Expert Group's decision once its quorum of reviews without conflict is in: approve,
/// reject or return, with reasons; approval records the average score.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/decision", tag = "enterprises", params(("id" = i64, Path)),
    request_body = DecisionDto, responses((status = 200), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<DecisionDto>,
) -> Result<StatusCode, ApiError> {
    steps::decide(state.app(), &user.caller(Source::Api), id, b.outcome, &b.reason).await?;
    Ok(StatusCode::OK)
}

#[derive(Serialize, ToSchema)]
pub struct PurchaseDto {
    pub id: i64,
    pub line_id: i64,
    pub purchased_on: Date,
    pub supplier: String,
    /// tender | quotations | direct
    pub method: String,
    pub reference: String,
    pub amount_minor: i64,
}

impl From<PurchaseRow> for PurchaseDto {
    fn from(p: PurchaseRow) -> Self {
        Self {
            id: p.enterprise_plan_purchase_id,
            line_id: p.enterprise_plan_line_id,
            purchased_on: p.purchased_on,
            supplier: p.supplier,
            method: p.method,
            reference: p.reference,
            amount_minor: p.amount_minor,
        }
    }
}

/// Purchases made against the plan's budget.
#[utoipa::path(get, path = "/api/v1/enterprise-plans/{id}/purchases", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<PurchaseDto>), (status = 404, body = ApiErrors)))]
pub async fn list_purchases(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<PurchaseDto>>, ApiError> {
    plan_within(&state, &user, Permission::ReadEnterprises, id).await?;
    Ok(Json(state.store.purchases(id).await?.into_iter().map(PurchaseDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct PurchaseBody {
    pub line_id: i64,
    pub purchased_on: Date,
    pub supplier: String,
    /// tender | quotations | direct
    pub method: String,
    /// The contract or invoice number: recorded once per plan.
    pub reference: String,
    /// In minor units of the plan's currency.
    pub amount_minor: i64,
}

/// Record a purchase against a line of an approved plan; a line's purchases may not exceed what
/// was approved for it.
#[utoipa::path(post, path = "/api/v1/enterprise-plans/{id}/purchases", tag = "enterprises", params(("id" = i64, Path)),
    request_body = PurchaseBody, responses((status = 201, body = Created), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn purchase(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<PurchaseBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let (plan, _) = plan_within(&state, &user, Permission::RunEnterprises, id).await?;
    let (line, on) = (b.line_id.to_string(), b.purchased_on.to_string());
    let amount = Money::from_minor(b.amount_minor, currency(&plan)).to_plain();
    let f = steps::PurchaseForm {
        line_id: &line,
        purchased_on: &on,
        supplier: &b.supplier,
        method: &b.method,
        reference: &b.reference,
        amount: &amount,
    };
    let id = steps::record_purchase(state.app(), &user.caller(Source::Api), id, f).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Serialize, ToSchema)]
pub struct ExpertGroupDto {
    pub id: i64,
    pub name: String,
    pub quorum: i64,
    pub member_user_ids: Vec<i64>,
}

/// The national Expert Group, once set up (404 before).
#[utoipa::path(get, path = "/api/v1/expert-group", tag = "enterprises",
    responses((status = 200, body = ExpertGroupDto), (status = 404, body = ApiErrors)))]
pub async fn expert_group(
    State(state): State<AppState>,
    ApiLang(tr): ApiLang,
) -> Result<Json<ExpertGroupDto>, ApiError> {
    let fail = |e| ApiError::from_store(&tr, e);
    let (g, members) = state.store.expert_group().await?.ok_or_else(|| fail(emgek_store::StoreError::NotFound))?;
    Ok(Json(ExpertGroupDto {
        id: g.commission_id,
        name: g.name,
        quorum: g.quorum,
        member_user_ids: members.into_iter().map(|m| m.user_id).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct ExpertGroupBody {
    pub name: String,
    /// Reviews without conflict needed before a decision.
    pub quorum: i64,
}

/// Set up the Expert Group, or change its name and quorum (national administrators).
#[utoipa::path(put, path = "/api/v1/expert-group", tag = "enterprises", request_body = ExpertGroupBody,
    responses((status = 200, body = Created), (status = 422, body = ApiErrors)))]
pub async fn set_expert_group(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(b): Json<ExpertGroupBody>,
) -> Result<Json<Created>, ApiError> {
    let id = steps::set_expert_group(state.app(), &user.caller(Source::Api), &b.name, &b.quorum.to_string()).await?;
    Ok(Json(Created { id }))
}

#[derive(Deserialize, ToSchema)]
pub struct ExpertBody {
    pub user_id: i64,
}

/// Seat a user on the Expert Group; she must hold the expert role for the whole country.
#[utoipa::path(post, path = "/api/v1/expert-group/members", tag = "enterprises", request_body = ExpertBody,
    responses((status = 204), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_expert(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(b): Json<ExpertBody>,
) -> Result<StatusCode, ApiError> {
    steps::add_expert(state.app(), &user.caller(Source::Api), b.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
