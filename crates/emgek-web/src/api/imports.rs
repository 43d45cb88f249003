//! Imports through the API: the file is the request body; the answer is the report, rejects
//! included, once the import has committed or rolled back.

use crate::api::json::Json;
use crate::api::json::Query;
use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use emgek_app::registry::import::{self, ImportFile};
use emgek_store::Source;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;
use utoipa::{IntoParams, ToSchema};

use super::ApiLang;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(
        declared_api("/imports/households"),
        post(import_households).layer(DefaultBodyLimit::max(crate::pages::MAX_UPLOAD)),
    )
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Commit nothing if any row is rejected.
    #[serde(default)]
    pub all_or_nothing: bool,
    /// `csv` or `xlsx`; by default taken from Content-Type.
    pub format: Option<String>,
    /// The sheet of a workbook to read (at most 100 characters); by default the first sheet
    /// that has a header row.
    pub sheet: Option<String>,
    /// An import profile of an office within the caller's places: how its files name their
    /// columns (`profile.unknown` if there is none of this name).
    pub profile: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RejectDto {
    pub row: u64,
    pub field: String,
    pub rule: String,
    pub value: String,
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct ImportReportDto {
    pub import_id: i64,
    /// False when `all_or_nothing` was asked and a row was rejected: nothing was written.
    pub committed: bool,
    pub rows_read: u64,
    pub rows_rejected: u64,
    pub rows_with_warnings: u64,
    pub households_created: i64,
    pub members_created: i64,
    pub members_updated: i64,
    pub ignored_columns: Vec<String>,
    /// How the file was read: a CSV's encoding (`UTF-8`, `windows-1251`, `UTF-16LE`) and
    /// delimiter, or the sheet of a workbook; the header's row (rows above it were titles or
    /// blank).
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub header_row: u64,
    pub rejects: Vec<RejectDto>,
}

/// Import households from a CSV or XLSX file sent as the request body.
#[utoipa::path(post, path = "/api/v1/imports/households", tag = "households", params(ImportParams),
    request_body(content = String, content_type = "text/csv", description = "The file, with a header row"),
    responses((status = 200, body = ImportReportDto), (status = 400, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn import_households(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiLang(tr): ApiLang,
    Query(params): Query<ImportParams>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ImportReportDto>, ApiError> {
    let caller = user.caller(Source::Api);
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let ext = match params.format.as_deref() {
        Some(f) => f.to_ascii_lowercase(),
        None if content_type.contains("spreadsheetml") => "xlsx".into(),
        None => "csv".into(),
    };
    if !matches!(ext.as_str(), "csv" | "xlsx") {
        return Err(ApiError::bad_request(tr.t("import-wrong-type")));
    }
    if let Some(sheet) = params.sheet.as_deref().filter(|s| s.chars().count() > 100 || s.chars().any(char::is_control))
    {
        let shown: String = sheet.chars().take(100).collect();
        return Err(ApiError::validation(&tr, &[emgek_domain::FieldError::new("sheet", "text.too_long", shown)]));
    }
    let mapping = match params.profile.as_deref() {
        Some(name) if name.chars().count() > import::MAX_PROFILE_NAME => {
            let shown: String = name.chars().take(import::MAX_PROFILE_NAME).collect();
            return Err(ApiError::validation(
                &tr,
                &[emgek_domain::FieldError::new("profile", "profile.unknown", shown)],
            ));
        }
        Some(name) => Some(import::profile(state.app(), &caller, name).await.map_err(|e| ApiError::from_app(&tr, e))?),
        None => None,
    };
    let internal = |e: &dyn std::fmt::Display| ApiError::internal(&tr, e);
    tokio::fs::create_dir_all(&state.work_dir).await.map_err(|e| internal(&e))?;
    let dir = tempfile::tempdir_in(&state.work_dir).map_err(|e| internal(&e))?;
    let path = dir.path().join(format!("upload.{ext}"));
    let mut file = tokio::fs::File::create(&path).await.map_err(|e| internal(&e))?;
    // A raw body is not held to DefaultBodyLimit: the stream is counted here.
    let mut stream = body.into_data_stream();
    let mut received = 0usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| ApiError::bad_request(e.to_string()))?;
        received += chunk.len();
        if received > crate::pages::MAX_UPLOAD {
            return Err(ApiError::status(&tr, StatusCode::PAYLOAD_TOO_LARGE, "too_large"));
        }
        file.write_all(&chunk).await.map_err(|e| internal(&e))?;
    }
    file.flush().await.map_err(|e| internal(&e))?;
    let rejects_path = dir.path().join("rejects.csv");
    let file = ImportFile {
        path,
        file_name: Some(format!("api upload ({ext})")),
        all_or_nothing: params.all_or_nothing,
        rejects: Some(rejects_path.clone()),
        tr: tr.clone(),
        sheet: params.sheet.clone(),
        mapping,
    };
    let report = import::run(state.app(), &caller, &file, &mut |_, _| {}).await.map_err(|e| match e {
        emgek_exchange::ImportError::Store(e) => ApiError::from_store(&tr, e),
        other => ApiError::bad_request(other.to_string()),
    })?;
    let mut rejects = Vec::new();
    let mut reader = csv::Reader::from_path(&rejects_path).map_err(|e| internal(&e))?;
    for record in reader.records() {
        let r = record.map_err(|e| internal(&e))?;
        rejects.push(RejectDto {
            row: r.get(0).and_then(|s| s.parse().ok()).unwrap_or(0),
            field: r.get(1).unwrap_or_default().into(),
            rule: r.get(2).unwrap_or_default().into(),
            value: r.get(3).unwrap_or_default().into(),
            message: r.get(4).unwrap_or_default().into(),
        });
    }
    Ok(Json(ImportReportDto {
        import_id: report.log.id,
        committed: report.log.committed,
        rows_read: report.rows_read,
        rows_rejected: report.rows_rejected,
        rows_with_warnings: report.rows_with_warnings,
        households_created: report.log.households_created,
        members_created: report.log.members_created,
        members_updated: report.log.members_updated,
        ignored_columns: report.ignored_columns,
        encoding: report.shape.encoding.map(str::to_string),
        delimiter: report.shape.delimiter.map(String::from),
        sheet: report.shape.sheet,
        header_row: report.shape.header_row,
        rejects,
    }))
}
