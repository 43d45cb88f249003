//! Vocational training and reintegration through the API: courses, enrolments and
//! certificates, release, and the follow-up of employment after it.

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_domain::access::Permission;
use emgek_store::Source;
use emgek_store::prison::{CourseRow, EnrolmentRow, FollowUpRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::scope::course_within;
use crate::scope::facility_within;
use crate::state::AppState;
use emgek_app::prison::training as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/facilities/{id}/courses"), get(list_courses).post(create_course))
        .route(declared_api("/courses/{id}/enrolments"), get(list_enrolments).post(enrol))
        .route(declared_api("/enrolments/{id}/completion"), post(finish))
        .route(declared_api("/inmates/{id}/release"), post(release))
        .route(declared_api("/inmates/{id}/follow-ups"), get(list_follow_ups).post(add_follow_up))
}

#[derive(Serialize, ToSchema)]
pub struct CourseDto {
    pub id: i64,
    pub facility_id: i64,
    pub name: String,
    pub trade: String,
    pub starts: Date,
    pub months: i64,
    pub places: i64,
    /// Places taken (not dropped).
    pub taken: i64,
    pub completed: i64,
}

impl From<CourseRow> for CourseDto {
    fn from(c: CourseRow) -> Self {
        Self {
            id: c.course_id,
            facility_id: c.facility_id,
            name: c.name,
            trade: c.trade,
            starts: c.starts,
            months: c.months,
            places: c.places,
            taken: c.taken,
            completed: c.completed,
        }
    }
}

/// A facility's courses.
#[utoipa::path(get, path = "/api/v1/facilities/{id}/courses", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CourseDto>), (status = 404, body = ApiErrors)))]
pub async fn list_courses(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<CourseDto>>, ApiError> {
    facility_within(&state, &user, Permission::ReadEnterprises, id).await?;
    Ok(Json(state.store.courses(id).await?.into_iter().map(CourseDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct CourseBody {
    pub name: String,
    pub trade: String,
    pub starts: Date,
    pub months: i64,
    pub places: i64,
}

/// Open a course in a facility.
#[utoipa::path(post, path = "/api/v1/facilities/{id}/courses", tag = "enterprises", params(("id" = i64, Path)),
    request_body = CourseBody, responses((status = 201, body = CourseDto), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_course(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<CourseBody>,
) -> Result<(StatusCode, Json<CourseDto>), ApiError> {
    let (starts, months, places) = (b.starts.to_string(), b.months.to_string(), b.places.to_string());
    let f = steps::CourseForm { name: &b.name, trade: &b.trade, starts: &starts, months: &months, places: &places };
    let course = steps::create_course(state.app(), &user.caller(Source::Api), id, f).await?;
    let row = state.store.course(course).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[derive(Serialize, ToSchema)]
pub struct EnrolmentDto {
    pub id: i64,
    pub course_id: i64,
    pub inmate_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub enrolled_on: Date,
    /// enrolled | completed | dropped
    pub status: String,
    pub finished_on: Option<Date>,
    pub certificate_number: Option<String>,
}

impl From<EnrolmentRow> for EnrolmentDto {
    fn from(e: EnrolmentRow) -> Self {
        Self {
            id: e.enrolment_id,
            course_id: e.course_id,
            inmate_id: e.inmate_id,
            register_number: e.register_number,
            full_name: e.full_name,
            enrolled_on: e.enrolled_on,
            status: e.status,
            finished_on: e.finished_on,
            certificate_number: e.certificate_number,
        }
    }
}

/// Who is on a course (those who may see the facility's inmates).
#[utoipa::path(get, path = "/api/v1/courses/{id}/enrolments", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EnrolmentDto>), (status = 404, body = ApiErrors)))]
pub async fn list_enrolments(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<EnrolmentDto>>, ApiError> {
    course_within(&state, &user, Permission::ReadInmates, id).await?;
    Ok(Json(state.store.enrolments(id).await?.into_iter().map(EnrolmentDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct EnrolBody {
    pub inmate_id: i64,
    pub enrolled_on: Date,
}

/// Enrol an inmate of the course's facility while places remain.
#[utoipa::path(post, path = "/api/v1/courses/{id}/enrolments", tag = "enterprises", params(("id" = i64, Path)),
    request_body = EnrolBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn enrol(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<EnrolBody>,
) -> Result<StatusCode, ApiError> {
    let (inmate, on) = (b.inmate_id.to_string(), b.enrolled_on.to_string());
    steps::enrol(state.app(), &user.caller(Source::Api), id, &inmate, &on).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, ToSchema)]
pub struct FinishBody {
    /// True: completed with `certificate_number`; false: dropped.
    pub completed: bool,
    pub finished_on: Date,
    #[serde(default)]
    pub certificate_number: String,
}

/// End a place on a course, once: completed with a certificate, or dropped.
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/completion", tag = "enterprises", params(("id" = i64, Path)),
    request_body = FinishBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn finish(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<FinishBody>,
) -> Result<StatusCode, ApiError> {
    let on = b.finished_on.to_string();
    steps::finish(state.app(), &user.caller(Source::Api), id, (b.completed, &on, &b.certificate_number)).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, ToSchema)]
pub struct ReleaseBody {
    pub released_on: Date,
}

/// Release an inmate: his open work and courses end that day.
#[utoipa::path(post, path = "/api/v1/inmates/{id}/release", tag = "enterprises", params(("id" = i64, Path)),
    request_body = ReleaseBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn release(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<ReleaseBody>,
) -> Result<StatusCode, ApiError> {
    steps::release(state.app(), &user.caller(Source::Api), id, &b.released_on.to_string()).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Serialize, ToSchema)]
pub struct FollowUpDto {
    pub id: i64,
    pub months_after: i64,
    pub checked_on: Date,
    /// employed | self_employed | studying | unemployed | not_reached
    pub outcome: String,
    pub note: String,
}

impl From<FollowUpRow> for FollowUpDto {
    fn from(f: FollowUpRow) -> Self {
        Self {
            id: f.follow_up_id,
            months_after: f.months_after,
            checked_on: f.checked_on,
            outcome: f.outcome,
            note: f.note,
        }
    }
}

/// A released inmate's follow-ups.
#[utoipa::path(get, path = "/api/v1/inmates/{id}/follow-ups", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<FollowUpDto>), (status = 404, body = ApiErrors)))]
pub async fn list_follow_ups(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<FollowUpDto>>, ApiError> {
    state.app().reach(&user.caller(Source::Api)).inmate(Permission::ReadInmates, id).await?;
    Ok(Json(state.store.follow_ups(id).await?.into_iter().map(FollowUpDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct FollowUpBody {
    /// 3, 6 or 12.
    pub months_after: i64,
    pub checked_on: Date,
    pub outcome: String,
    #[serde(default)]
    pub note: String,
}

/// Record what a released inmate was doing 3, 6 or 12 months on.
#[utoipa::path(post, path = "/api/v1/inmates/{id}/follow-ups", tag = "enterprises", params(("id" = i64, Path)),
    request_body = FollowUpBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_follow_up(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<FollowUpBody>,
) -> Result<StatusCode, ApiError> {
    let (months, on) = (b.months_after.to_string(), b.checked_on.to_string());
    steps::follow_up(state.app(), &user.caller(Source::Api), id, (&months, &on, &b.outcome, &b.note)).await?;
    Ok(StatusCode::CREATED)
}
