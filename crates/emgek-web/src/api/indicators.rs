//! Indicators through the API: the library, any indicator's figures for a selection broken down
//! by period or place, and targets. The figures are the dashboards' own (one cube of cells).

use crate::api::json::Json;
use crate::api::json::{Path, Query};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use emgek_domain::indicators::cube::{By, Figure};
use emgek_domain::indicators::{Dimension, LIBRARY, Programme, Records, Unit, indicator};
use emgek_store::Source;
use emgek_store::indicators::TargetRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::ApiError;
use crate::state::AppState;
use emgek_app::indicators::{self as steps, Params, Reach, Selection, TargetForm};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/indicators"), get(library))
        .route(declared_api("/indicators/{code}/figures"), get(figures))
        .route(declared_api("/indicator-targets"), get(list_targets).post(set_target))
}

/// An indicator of the library, named in the caller's language.
#[derive(Serialize, ToSchema)]
pub struct IndicatorDto {
    pub code: &'static str,
    pub programme: Programme,
    pub name: String,
    pub definition: String,
    pub unit: Unit,
    /// The breakdowns that apply.
    pub dimensions: Vec<Dimension>,
    /// The kind of record a figure is made of.
    pub records: Records,
}

/// The indicator library.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "indicators", responses((status = 200, body = Vec<IndicatorDto>)))]
pub async fn library(_user: CurrentUser, ApiLang(tr): ApiLang) -> Json<Vec<IndicatorDto>> {
    Json(
        LIBRARY
            .iter()
            .map(|i| IndicatorDto {
                code: i.code,
                programme: i.programme,
                name: tr.t(&format!("indicator-{}", i.code)),
                definition: tr.t(&format!("indicator-{}-definition", i.code)),
                unit: i.unit,
                dimensions: i.dimensions.to_vec(),
                records: i.records,
            })
            .collect(),
    )
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct ByParam {
    /// `period` (by the `grain`), `oblast`, `rayon`, `programme`, `facility`, `sex` or
    /// `disability`; none: the total only.
    pub by: String,
}

/// An indicator's figures: the total for the selection and, with `by`, its parts. Money is in
/// tyiyn with `usd` cents; a share in basis points with its parts.
#[derive(Serialize, ToSchema)]
#[schema(as = IndicatorFigures)]
pub struct Figures {
    pub indicator: &'static str,
    pub unit: Unit,
    pub total: Figure,
    /// The parts, by the label of their period or the code of their place: `[label, figure]`
    /// pairs.
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub parts: Vec<(String, Figure)>,
    /// The audit trail's last id when the figures were computed.
    pub data_version: i64,
}

/// The figures of an indicator for a selection (period, place, programme, facility, sex,
/// disability), over the records the caller may read.
#[utoipa::path(get, path = "/api/v1/indicators/{code}/figures", tag = "indicators",
    params(("code" = String, Path), Params, ByParam),
    responses((status = 200, body = Figures), (status = 400, body = crate::error::ApiErrors), (status = 404)))]
pub async fn figures(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(code): Path<String>,
    Query(params): Query<Params>,
    Query(by): Query<ByParam>,
) -> Result<Json<Figures>, ApiError> {
    let ind = indicator(&code).ok_or_else(|| ApiError::status(&tr, StatusCode::NOT_FOUND, "not_found"))?;
    let sel = Selection::parse(&params).map_err(|e| ApiError::validation(&tr, &e))?;
    let by = match by.by.trim() {
        "" => None,
        "period" => Some(By::Period(sel.grain)),
        "oblast" => Some(By::Dimension(Dimension::Oblast)),
        "rayon" => Some(By::Dimension(Dimension::Rayon)),
        "programme" => Some(By::Dimension(Dimension::Programme)),
        "facility" => Some(By::Dimension(Dimension::Facility)),
        "sex" => Some(By::Dimension(Dimension::Sex)),
        "disability" => Some(By::Dimension(Dimension::Disability)),
        other => {
            let e = emgek_domain::FieldError::new("by", "breakdown.unknown", other);
            return Err(ApiError::validation(&tr, &[e]));
        }
    };
    let cube = steps::cube(state.app()).await?;
    let reach = Reach::of(&user.caller(Source::Api), &cube);
    let parts = by.map(|b| reach.evaluate(ind, &cube.cells, &sel.filter, b).into_iter().collect()).unwrap_or_default();
    Ok(Json(Figures {
        indicator: ind.code,
        unit: ind.unit,
        total: reach.total(ind, &cube.cells, &sel.filter),
        parts,
        data_version: cube.version,
    }))
}

/// A target: the figure an indicator should reach in a year (`quarter` 0) or a quarter, for the
/// country (`oblast_code` empty) or an oblast. `value` in the indicator's unit: a number; tyiyn;
/// basis points.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TargetDto {
    pub indicator: String,
    pub year: i64,
    pub quarter: i64,
    pub oblast_code: String,
    pub value: i64,
}

impl From<TargetRow> for TargetDto {
    fn from(t: TargetRow) -> Self {
        Self { indicator: t.indicator, year: t.year, quarter: t.quarter, oblast_code: t.oblast_code, value: t.value }
    }
}

/// Every target set.
#[utoipa::path(get, path = "/api/v1/indicator-targets", tag = "indicators", responses((status = 200, body = Vec<TargetDto>)))]
pub async fn list_targets(State(state): State<AppState>, _user: CurrentUser) -> Result<Json<Vec<TargetDto>>, ApiError> {
    let targets = state.store.targets().await?;
    Ok(Json(targets.into_iter().map(TargetDto::from).collect()))
}

/// A target as sent: `value` as typed on the page, in the indicator's unit: a whole number; som
/// with up to two decimals; a percent with up to two decimals.
#[derive(Deserialize, ToSchema)]
pub struct NewTarget {
    pub indicator: String,
    pub year: i64,
    #[serde(default)]
    pub quarter: i64,
    #[serde(default)]
    pub oblast_code: String,
    pub value: String,
}

/// Sets a target, replacing the one of the same indicator, period and place.
#[utoipa::path(post, path = "/api/v1/indicator-targets", tag = "indicators", request_body = NewTarget,
    responses((status = 200, body = TargetDto), (status = 422, body = crate::error::ApiErrors)))]
pub async fn set_target(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(t): Json<NewTarget>,
) -> Result<Json<TargetDto>, ApiError> {
    let (year, quarter) = (t.year.to_string(), t.quarter.to_string());
    let form =
        TargetForm { indicator: &t.indicator, year: &year, quarter: &quarter, oblast: &t.oblast_code, value: &t.value };
    let row = steps::set_target(state.app(), &user.caller(Source::Api), form).await?;
    Ok(Json(row.into()))
}
