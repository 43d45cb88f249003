use crate::api::json::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::routes::declared_api;
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(declared_api("/oblasts"), get(list_oblasts))
}

#[derive(Serialize, ToSchema)]
pub struct RayonDto {
    pub code: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
}

#[derive(Serialize, ToSchema)]
pub struct OblastDto {
    /// ISO 3166-2:KG.
    pub code: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
    pub rayons: Vec<RayonDto>,
}

/// Oblasts, the cities of Bishkek and Osh, and their rayons, in three languages.
#[utoipa::path(get, path = "/api/v1/oblasts", tag = "reference", responses((status = 200, body = Vec<OblastDto>)))]
pub async fn list_oblasts(State(state): State<AppState>) -> Result<Json<Vec<OblastDto>>, ApiError> {
    let geo = &state.geo;
    Ok(Json(
        geo.oblasts
            .iter()
            .map(|o| OblastDto {
                code: o.oblast_code.clone(),
                name_ky: o.name_ky.clone(),
                name_ru: o.name_ru.clone(),
                name_en: o.name_en.clone(),
                rayons: geo
                    .rayons
                    .iter()
                    .filter(|r| r.oblast_code == o.oblast_code)
                    .map(|r| RayonDto {
                        code: r.rayon_code.clone(),
                        name_ky: r.name_ky.clone(),
                        name_ru: r.name_ru.clone(),
                        name_en: r.name_en.clone(),
                    })
                    .collect(),
            })
            .collect(),
    ))
}
