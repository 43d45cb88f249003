//! One Village – One Product through the API: producers and their products with photos, brand
//! certification and its rules, and the programme's indicators. Rates, outlets and export
//! contracts are in `ovop_trade.rs`.

use std::collections::BTreeMap;

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_domain::access::Permission;
use emgek_store::Source;
use emgek_store::ovop::{CertificationRow, ProducerRow, ProductRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use super::ApiLang;
use super::programmes::Created;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::scope::product_within;
use crate::state::AppState;
use emgek_app::ovop::{self as steps, Indicators};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/ovop/producers"), get(list_producers).post(create_producer))
        .route(declared_api("/ovop/producers/{id}/products"), post(create_product))
        .route(declared_api("/ovop/products"), get(list_products))
        .route(declared_api("/ovop/products/{id}"), get(get_product))
        .route(declared_api("/ovop/products/{id}/photos"), post(add_photo))
        .route(declared_api("/ovop/products/{id}/certifications"), get(list_certifications).post(assess))
        .route(declared_api("/ovop/indicators"), get(indicators))
        .route(declared_api("/ovop/rules"), get(list_rules).post(add_rules))
        .merge(super::ovop_trade::router())
}

#[derive(Serialize, ToSchema)]
pub struct ProducerDto {
    pub id: i64,
    /// household | cooperative | prison_workshop | enterprise
    pub kind: String,
    pub name: String,
    pub rayon: String,
    pub oblast: String,
    pub village: String,
    pub contract_id: Option<i64>,
    pub workshop_id: Option<i64>,
    pub contact: String,
    pub publish_contact: bool,
    pub products: i64,
}

impl From<ProducerRow> for ProducerDto {
    fn from(p: ProducerRow) -> Self {
        Self {
            id: p.ovop_producer_id,
            kind: p.kind,
            name: p.name,
            rayon: p.rayon_code,
            oblast: p.oblast_code,
            village: p.village,
            contract_id: p.contract_id,
            workshop_id: p.workshop_id,
            contact: p.contact,
            publish_contact: p.publish_contact,
            products: p.products,
        }
    }
}

/// The producers of the places the caller reaches.
#[utoipa::path(get, path = "/api/v1/ovop/producers", tag = "ovop", responses((status = 200, body = Vec<ProducerDto>)))]
pub async fn list_producers(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<ProducerDto>>, ApiError> {
    let caller = user.caller(Source::Api);
    let list = state.app().reach(&caller).producers(Permission::ReadOvop).await?;
    Ok(Json(list.into_iter().map(ProducerDto::from).collect()))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct ProducerBody {
    pub kind: String,
    pub name: String,
    pub rayon: String,
    pub village: String,
    /// The Social Contract that funded a household business.
    pub contract_id: Option<i64>,
    /// A prison workshop.
    pub workshop_id: Option<i64>,
    pub contact: String,
    /// Whether the producer agreed that the public catalogue shows its name, village and contact.
    pub publish_contact: bool,
}

pub(super) fn id_text(id: Option<i64>) -> String {
    id.map(|n| n.to_string()).unwrap_or_default()
}

/// Register a producer in a rayon the caller covers.
#[utoipa::path(post, path = "/api/v1/ovop/producers", tag = "ovop", request_body = ProducerBody,
    responses((status = 201, body = Created), (status = 422, body = ApiErrors)))]
pub async fn create_producer(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Json(b): Json<ProducerBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let (contract, workshop) = (id_text(b.contract_id), id_text(b.workshop_id));
    let f = steps::ProducerForm {
        reference: "",
        kind: &b.kind,
        name: &b.name,
        rayon: &b.rayon,
        village: &b.village,
        contract_id: &contract,
        workshop_id: &workshop,
        contact: &b.contact,
        publish_contact: if b.publish_contact { "yes" } else { "no" },
    };
    let id = steps::create_producer(state.app(), &user.caller(Source::Api), f)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// A product with its names and descriptions in the three languages.
#[derive(Serialize, ToSchema)]
pub struct ProductDto {
    pub id: i64,
    pub producer_id: i64,
    pub producer: String,
    pub oblast: String,
    pub rayon: String,
    pub category: String,
    pub name: emgek_domain::ovop::catalogue::Texts,
    pub description: emgek_domain::ovop::catalogue::Texts,
    /// LocalResource codes.
    pub local_resources: Vec<String>,
    pub developed_on: Date,
    pub published: bool,
    pub photos: i64,
}

impl From<ProductRow> for ProductDto {
    fn from(p: ProductRow) -> Self {
        use emgek_domain::ovop::catalogue::Texts;
        Self {
            id: p.ovop_product_id,
            producer_id: p.ovop_producer_id,
            producer: p.producer_name,
            oblast: p.oblast_code,
            rayon: p.rayon_code,
            category: p.category,
            name: Texts { ky: p.name_ky, ru: p.name_ru, en: p.name_en },
            description: Texts { ky: p.description_ky, ru: p.description_ru, en: p.description_en },
            local_resources: p.local_resources.split(',').filter(|s| !s.is_empty()).map(String::from).collect(),
            developed_on: p.developed_on,
            published: p.published,
            photos: p.photos,
        }
    }
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct ProductBody {
    pub category: String,
    pub name: emgek_domain::ovop::catalogue::Texts,
    pub description: emgek_domain::ovop::catalogue::Texts,
    /// LocalResource codes, e.g. `["wool"]`.
    pub local_resources: Vec<String>,
    pub developed_on: String,
    pub published: bool,
}

/// Add a product to a producer the caller covers.
#[utoipa::path(post, path = "/api/v1/ovop/producers/{id}/products", tag = "ovop", params(("id" = i64, Path)),
    request_body = ProductBody, responses((status = 201, body = Created), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_product(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<ProductBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let resources = b.local_resources.join(",");
    let f = steps::ProductForm {
        reference: "",
        category: &b.category,
        names: [&b.name.ky, &b.name.ru, &b.name.en],
        descriptions: [&b.description.ky, &b.description.ru, &b.description.en],
        local_resources: &resources,
        developed_on: &b.developed_on,
        published: if b.published { "yes" } else { "no" },
    };
    let product = steps::create_product(state.app(), &user.caller(Source::Api), id, f)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(Created { id: product })))
}

/// The products of the places the caller reaches, newest first.
#[utoipa::path(get, path = "/api/v1/ovop/products", tag = "ovop", responses((status = 200, body = Vec<ProductDto>)))]
pub async fn list_products(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<ProductDto>>, ApiError> {
    let caller = user.caller(Source::Api);
    let list = state.app().reach(&caller).products(Permission::ReadOvop).await?;
    Ok(Json(list.into_iter().map(ProductDto::from).collect()))
}

#[utoipa::path(get, path = "/api/v1/ovop/products/{id}", tag = "ovop", params(("id" = i64, Path)),
    responses((status = 200, body = ProductDto), (status = 404, body = ApiErrors)))]
pub async fn get_product(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<ProductDto>, ApiError> {
    let p = product_within(&state, &user, Permission::ReadOvop, id).await?;
    Ok(Json(p.into()))
}

#[derive(Serialize, ToSchema)]
pub struct PhotoCreated {
    pub id: i64,
    /// False when the same photo was there already.
    pub new: bool,
}

/// Add a photo: the body is the JPEG or PNG itself (at most 8 MiB; its type read from its
/// bytes). The same photo again is the same photo.
#[utoipa::path(post, path = "/api/v1/ovop/products/{id}/photos", tag = "ovop", params(("id" = i64, Path)),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = PhotoCreated), (status = 200, body = PhotoCreated), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<PhotoCreated>), ApiError> {
    let (photo, new) = steps::add_photo(state.app(), &user.caller(Source::Api), id, &body)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((if new { StatusCode::CREATED } else { StatusCode::OK }, Json(PhotoCreated { id: photo, new })))
}

#[derive(Serialize, ToSchema)]
pub struct CertificationDto {
    pub id: i64,
    /// regional | national
    pub level: String,
    pub oblast: Option<String>,
    pub assessed_on: Date,
    pub scores: BTreeMap<String, u32>,
    pub total: i64,
    pub max_points: i64,
    pub passed: bool,
    pub certificate_number: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub comment: String,
    pub assessed_by: String,
}

impl From<CertificationRow> for CertificationDto {
    fn from(c: CertificationRow) -> Self {
        Self {
            id: c.ovop_certification_id,
            level: c.level,
            oblast: c.oblast_code,
            assessed_on: c.assessed_on,
            scores: serde_json::from_str(&c.scores_json).unwrap_or_default(),
            total: c.total,
            max_points: c.max_points,
            passed: c.passed,
            certificate_number: c.certificate_number,
            valid_from: c.valid_from,
            valid_until: c.valid_until,
            comment: c.comment,
            assessed_by: c.created_by,
        }
    }
}

/// A product's assessments, latest first.
#[utoipa::path(get, path = "/api/v1/ovop/products/{id}/certifications", tag = "ovop", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CertificationDto>), (status = 404, body = ApiErrors)))]
pub async fn list_certifications(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<CertificationDto>>, ApiError> {
    product_within(&state, &user, Permission::ReadOvop, id).await?;
    let list = state.store.certifications(id).await?;
    Ok(Json(list.into_iter().map(CertificationDto::from).collect()))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct AssessmentBody {
    /// regional | national
    pub level: String,
    pub assessed_on: String,
    /// Points by criterion: local_resources, quality, market (0–10), tradition, packaging
    /// (0–5), and for the national brand export_readiness (0–10).
    pub scores: BTreeMap<String, u32>,
    /// Needed when the product passes.
    pub certificate_number: String,
    pub comment: String,
}

/// A brand committee's assessment: a region's committee for the product's oblast, the national
/// commission for the national brand.
#[utoipa::path(post, path = "/api/v1/ovop/products/{id}/certifications", tag = "ovop", params(("id" = i64, Path)),
    request_body = AssessmentBody,
    responses((status = 201, body = Created), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn assess(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Path(id): Path<i64>,
    Json(b): Json<AssessmentBody>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let f = steps::AssessmentForm {
        level: &b.level,
        assessed_on: &b.assessed_on,
        scores: b.scores,
        certificate_number: &b.certificate_number,
        comment: &b.comment,
    };
    let c = steps::assess_product(state.app(), &user.caller(Source::Api), id, f)
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok((StatusCode::CREATED, Json(Created { id: c })))
}

/// The programme's indicators over the places the caller reaches, computed from the records:
/// products developed (by year, and in the last five years), products certified today, the
/// national brand, export contracts and their value by year, oblast and country.
#[utoipa::path(get, path = "/api/v1/ovop/indicators", tag = "ovop", responses((status = 200, body = Indicators)))]
pub async fn indicators(State(state): State<AppState>, user: CurrentUser) -> Result<Json<Indicators>, ApiError> {
    let today = state.app().clock.today();
    let out = steps::indicators(state.app(), &user.caller(Source::Api), today).await?;
    Ok(Json(out))
}

/// The versions of the certification rules, latest first.
#[utoipa::path(get, path = "/api/v1/ovop/rules", tag = "ovop",
    responses((status = 200, body = Vec<emgek_domain::ovop::certification::CertificationRules>)))]
pub async fn list_rules(
    State(state): State<AppState>,
    _user: CurrentUser,
) -> Result<Json<Vec<emgek_domain::ovop::certification::CertificationRules>>, ApiError> {
    Ok(Json(state.store.ovop_rules().await?))
}

#[derive(Deserialize, ToSchema)]
pub struct RulesBody {
    pub effective_from: String,
    /// The pass mark in percent of the most points, e.g. `70`.
    pub pass_percent: String,
    pub validity_years: String,
}

/// Add a version of the certification rules, in force from its date (national administrators).
#[utoipa::path(post, path = "/api/v1/ovop/rules", tag = "ovop", request_body = RulesBody,
    responses((status = 201), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn add_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Json(b): Json<RulesBody>,
) -> Result<StatusCode, ApiError> {
    steps::add_rules(state.app(), &user.caller(Source::Api), (&b.effective_from, &b.pass_percent, &b.validity_years))
        .await
        .map_err(|p| ApiError::from_app(&tr, p))?;
    Ok(StatusCode::CREATED)
}
