//! Grievances through the API: registered by another system (a hotline's, an SMS gateway's),
//! listed, read with their steps, and moved: acknowledged, extended, closed, the complainant's
//! word recorded. The rules (`emgek_app::grievances`) decide who reaches which.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_app::grievances as steps;
use emgek_store::Source;
use emgek_store::grievances::{GrievanceEventRow, GrievanceRow};
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use utoipa::{IntoParams, ToSchema};

use crate::api::json::{Json, Path, Query};
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/grievances"), get(list).post(open))
        .route(declared_api("/grievances/figures"), get(figures))
        .route(declared_api("/grievances/{id}"), get(read))
        .route(declared_api("/grievances/{id}/acknowledge"), post(acknowledge))
        .route(declared_api("/grievances/{id}/extend"), post(extend))
        .route(declared_api("/grievances/{id}/close"), post(close))
        .route(declared_api("/grievances/{id}/feedback"), post(feedback))
}

/// A grievance as its reader may see it: the complainant's name, contact and words are blank
/// for a reader who does not handle it (an auditor).
#[derive(Serialize, ToSchema)]
pub struct GrievanceDto {
    pub id: i64,
    /// `GR-2026-000001`: gap-free within its year.
    pub number: String,
    /// office | hotline | letter | sms | web | import | api
    pub channel: String,
    pub category: String,
    /// low | medium | high | critical
    pub severity: String,
    pub sensitive: bool,
    /// rayon | oblast | ministry: who answers it now.
    pub level: String,
    /// received | acknowledged | closed
    pub status: String,
    /// on_time | at_risk | overdue, as of the last sweep.
    pub standing: String,
    pub oblast_code: String,
    pub rayon_code: String,
    /// The prison facility that answers it (an inmate's contest, a workshop's grievance):
    /// only readers of that facility's inmates see these at all.
    pub facility_code: Option<String>,
    pub anonymous: bool,
    pub complainant_name: String,
    pub complainant_contact: String,
    /// ky | ru | en: the answer's language.
    pub language: String,
    /// none | household | application | decision | contract | payment | refund | workshop |
    /// deduction | product
    pub about: String,
    pub about_ref: String,
    pub summary: String,
    pub received_on: Date,
    pub acknowledge_by: Date,
    pub answer_by: Date,
    pub acknowledged_on: Option<Date>,
    pub extended: bool,
    /// upheld | partly_upheld | rejected | withdrawn | referred, once closed.
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub closed_on: Option<Date>,
    /// The complainant's word on the answer.
    pub satisfied: Option<bool>,
}

impl From<GrievanceRow> for GrievanceDto {
    fn from(g: GrievanceRow) -> Self {
        Self {
            id: g.grievance_id,
            number: steps::number_of(&g).to_string(),
            channel: g.channel,
            category: g.category,
            severity: g.severity,
            sensitive: g.sensitive,
            level: g.level,
            status: g.status,
            standing: g.standing,
            oblast_code: g.oblast_code,
            rayon_code: g.rayon_code,
            facility_code: g.facility_code,
            anonymous: g.anonymous,
            complainant_name: g.complainant_name,
            complainant_contact: g.complainant_contact,
            language: g.language,
            about: g.about_kind,
            about_ref: g.about_ref,
            summary: g.summary,
            received_on: g.received_on,
            acknowledge_by: g.acknowledge_by,
            answer_by: g.answer_by,
            acknowledged_on: g.acknowledged_on,
            extended: g.extended,
            decision: g.decision,
            decision_reason: g.decision_reason,
            closed_on: g.closed_on,
            satisfied: g.satisfied,
        }
    }
}

/// A step taken on a grievance.
#[derive(Serialize, ToSchema)]
pub struct GrievanceEventDto {
    /// received | acknowledged | extended | escalated | closed | feedback
    pub step: String,
    /// The level that answered it after the step.
    pub level: String,
    /// The reason or note written with it: for `received`, the channel; for `escalated`, the
    /// deadline missed (`YYYY-MM-DD`).
    pub detail: String,
    pub by: String,
    pub at: OffsetDateTime,
}

impl From<GrievanceEventRow> for GrievanceEventDto {
    fn from(e: GrievanceEventRow) -> Self {
        Self { step: e.step, level: e.level, detail: e.detail, by: e.created_by, at: e.created_at }
    }
}

#[derive(Serialize, ToSchema)]
pub struct GrievanceWithSteps {
    pub grievance: GrievanceDto,
    pub steps: Vec<GrievanceEventDto>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct ListParams {
    /// Only those not closed.
    pub open: bool,
    /// At most this many, newest first: 1 to 500 (100 when not given).
    pub limit: Option<i64>,
}

/// The newest grievances of the caller's places: the sensitive ones only for integrity officers.
#[utoipa::path(get, path = "/api/v1/grievances", tag = "grievances", params(ListParams),
    responses((status = 200, body = Vec<GrievanceDto>)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(p): Query<ListParams>,
) -> Result<Json<Vec<GrievanceDto>>, ApiError> {
    let rows = steps::list(state.app(), &user.caller(Source::Api), p.open, p.limit.unwrap_or(100)).await?;
    Ok(Json(rows.into_iter().map(GrievanceDto::from).collect()))
}

/// Register a grievance: its number and deadlines in working days are given. `channel` is how
/// it came (`hotline`, `sms`, `letter`, `office`, `import`, `api`); `about` and `about_ref` name
/// the record it is about, which then decides the rayon that answers it.
#[utoipa::path(post, path = "/api/v1/grievances", tag = "grievances", request_body = steps::GrievanceForm,
    responses((status = 201, body = steps::Opened), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors),
    (status = 422, body = ApiErrors)))]
pub async fn open(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(form): Json<steps::GrievanceForm>,
) -> Result<(StatusCode, Json<steps::Opened>), ApiError> {
    let opened = steps::open(state.app(), &user.caller(Source::Api), &form).await?;
    Ok((StatusCode::CREATED, Json(opened)))
}

/// A grievance with its steps; a view of a sensitive one is written to the audit trail first.
#[utoipa::path(get, path = "/api/v1/grievances/{id}", tag = "grievances", params(("id" = i64, Path)),
    responses((status = 200, body = GrievanceWithSteps), (status = 404, body = ApiErrors)))]
pub async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<GrievanceWithSteps>, ApiError> {
    let (g, events) = steps::view(state.app(), &user.caller(Source::Api), id).await?;
    Ok(Json(GrievanceWithSteps { grievance: g.into(), steps: events.into_iter().map(Into::into).collect() }))
}

/// The complainant has been told of the grievance's number and deadline.
#[utoipa::path(post, path = "/api/v1/grievances/{id}/acknowledge", tag = "grievances", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn acknowledge(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    steps::acknowledge(state.app(), &user.caller(Source::Api), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct ExtendBody {
    /// Working days added to the deadline: 1 to the rules' most.
    pub days: u32,
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct Extended {
    pub answer_by: Date,
}

/// A supervisor (a grant for the oblast or the country) extends the deadline, once, with a reason.
#[utoipa::path(post, path = "/api/v1/grievances/{id}/extend", tag = "grievances", params(("id" = i64, Path)),
    request_body = ExtendBody, responses((status = 200, body = Extended), (status = 403, body = ApiErrors),
    (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn extend(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<ExtendBody>,
) -> Result<Json<Extended>, ApiError> {
    let answer_by = steps::extend(state.app(), &user.caller(Source::Api), id, &b.days.to_string(), &b.reason).await?;
    Ok(Json(Extended { answer_by }))
}

#[derive(Deserialize, ToSchema)]
pub struct CloseBody {
    /// upheld | partly_upheld | rejected | withdrawn | referred
    pub decision: String,
    /// What the complainant is told.
    pub reason: String,
}

/// Close a grievance with its decision and the reason the complainant is told.
#[utoipa::path(post, path = "/api/v1/grievances/{id}/close", tag = "grievances", params(("id" = i64, Path)),
    request_body = CloseBody, responses((status = 204), (status = 403, body = ApiErrors), (status = 404, body = ApiErrors),
    (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<CloseBody>,
) -> Result<StatusCode, ApiError> {
    steps::close(state.app(), &user.caller(Source::Api), id, &b.decision, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
pub struct FeedbackBody {
    pub satisfied: bool,
}

/// The complainant's word on the answer, once the grievance is closed.
#[utoipa::path(post, path = "/api/v1/grievances/{id}/feedback", tag = "grievances", params(("id" = i64, Path)),
    request_body = FeedbackBody, responses((status = 204), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors)))]
pub async fn feedback(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<FeedbackBody>,
) -> Result<StatusCode, ApiError> {
    steps::feedback(state.app(), &user.caller(Source::Api), id, b.satisfied).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct FiguresParams {
    /// The first day (`YYYY-MM-DD`); the first of January of this year when not given.
    pub from: String,
    /// The last day; today when not given. At most five years after `from`.
    pub to: String,
}

/// The register's figures over a period, for the places where the caller reads indicators:
/// grievances received by category, oblast and channel, the share closed by the deadline, the
/// median days to close, repeat complainants, appeals decided and upheld, notices sent,
/// delivered and failed. Complaints of abuse and corruption are counted for national readers
/// only; a prison facility's grievances where its figures may be read.
#[utoipa::path(get, path = "/api/v1/grievances/figures", tag = "grievances", params(FiguresParams),
    responses((status = 200, body = steps::RegisterFigures), (status = 422, body = ApiErrors)))]
pub async fn figures(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(p): Query<FiguresParams>,
) -> Result<Json<steps::RegisterFigures>, ApiError> {
    Ok(Json(steps::figures(state.app(), &user.caller(Source::Api), &p.from, &p.to).await?))
}
