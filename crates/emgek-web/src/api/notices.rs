//! The texts of the notices sent to families, as the programmes' administrators keep them: each
//! event's text in Kyrgyz and Russian, in versions; the newest is sent.

use emgek_app::notices;
use emgek_domain::notice::{NoticeEvent, NoticeLanguage, standard};
use emgek_store::Source;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::ApiLang;
use crate::api::json::Json;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    Router::new().route(declared_api("/notice-templates"), get(list).post(write))
}

#[derive(Serialize, ToSchema)]
pub struct TemplateDto {
    /// `application_received`, `decision`, `grievance_closed`, …
    pub event: NoticeEvent,
    pub language: NoticeLanguage,
    /// 0: the standard text, which is sent until a version is written.
    pub version: i32,
    /// The text with its placeholders: `{number}`, `{date}`, `{amount}`, `{programme}`,
    /// `{outcome}`, `{fix}`.
    pub body: String,
    pub created_by: Option<String>,
    pub created_at: Option<OffsetDateTime>,
}

/// Every event's text in each language: the versions written, newest first, and the standard
/// text (version 0) last. The newest is the one sent.
#[utoipa::path(get, path = "/api/v1/notice-templates", tag = "notices",
    responses((status = 200, body = Vec<TemplateDto>), (status = 403, body = ApiErrors)))]
pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
) -> Result<Json<Vec<TemplateDto>>, ApiError> {
    let written =
        notices::templates(state.app(), &user.caller(Source::Api)).await.map_err(|e| ApiError::from_app(&tr, e))?;
    let mut out = Vec::new();
    for event in NoticeEvent::ALL {
        for language in NoticeLanguage::ALL {
            for t in written.iter().filter(|t| t.event == event.code() && t.language == language.code()) {
                out.push(TemplateDto {
                    event: *event,
                    language: *language,
                    version: t.version,
                    body: t.body.clone(),
                    created_by: Some(t.created_by.clone()),
                    created_at: Some(t.created_at),
                });
            }
            out.push(TemplateDto {
                event: *event,
                language: *language,
                version: 0,
                body: standard(*event, *language).to_string(),
                created_by: None,
                created_at: None,
            });
        }
    }
    Ok(Json(out))
}

#[derive(Deserialize, ToSchema)]
pub struct NewTemplateDto {
    pub event: String,
    /// `ky` or `ru`.
    pub language: String,
    /// At most 201 characters (three SMS in UCS-2); only the placeholders listed.
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct TemplateVersionDto {
    pub version: i32,
}

/// A new version of an event's text, by a programmes' administrator of the whole country:
/// sent from now on. A template naming anything but its placeholders is refused
/// (`notice.template_placeholder`), so no text can carry a PIN or a disability.
#[utoipa::path(post, path = "/api/v1/notice-templates", tag = "notices", request_body = NewTemplateDto,
    responses((status = 201, body = TemplateVersionDto), (status = 403, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn write(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Json(body): Json<NewTemplateDto>,
) -> Result<(StatusCode, Json<TemplateVersionDto>), ApiError> {
    let version =
        notices::write_template(state.app(), &user.caller(Source::Api), &body.event, &body.language, &body.body)
            .await
            .map_err(|e| ApiError::from_app(&tr, e))?;
    Ok((StatusCode::CREATED, Json(TemplateVersionDto { version })))
}
