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
use emgek_app::profiles::{self, FileKind};
use emgek_app::records;
use emgek_app::registry::import::{self, ImportFile};
use emgek_i18n::Tr;
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
    Router::new()
        .route(
            declared_api("/imports/households"),
            post(import_households).layer(DefaultBodyLimit::max(crate::pages::MAX_UPLOAD)),
        )
        .merge(records_router())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Write nothing if any row is rejected (a file of records is checked whole first).
    #[serde(default)]
    pub all_or_nothing: bool,
    /// `csv` or `xlsx`; by default taken from Content-Type.
    pub format: Option<String>,
    /// The sheet of a workbook to read (at most 100 characters); by default the first sheet
    /// that has a header row.
    pub sheet: Option<String>,
    /// An import profile of this kind of file, of an office within the caller's places: how
    /// its files name their columns (`profile.unknown` if there is none of this name).
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
    let ext = extension(&tr, &headers, params.format.as_deref(), params.sheet.as_deref())?;
    let mapping = mapping(&state, &caller, &tr, FileKind::Households, params.profile.as_deref()).await?;
    let internal = |e: &dyn std::fmt::Display| ApiError::internal(&tr, e);
    let (dir, path) = receive(&state, &tr, &ext, body).await?;
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
    let rejects = read_rejects(&rejects_path).map_err(|e| internal(&e))?;
    drop(dir);
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

/// The file's type: `format`, else the Content-Type; and the sheet's name checked.
fn extension(tr: &Tr, headers: &HeaderMap, format: Option<&str>, sheet: Option<&str>) -> Result<String, ApiError> {
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let ext = match format {
        Some(f) => f.to_ascii_lowercase(),
        None if content_type.contains("spreadsheetml") => "xlsx".into(),
        None => "csv".into(),
    };
    if !matches!(ext.as_str(), "csv" | "xlsx") {
        return Err(ApiError::bad_request(tr.t("import-wrong-type")));
    }
    if let Some(sheet) = sheet.filter(|s| s.chars().count() > 100 || s.chars().any(char::is_control)) {
        let shown: String = sheet.chars().take(100).collect();
        return Err(ApiError::validation(tr, &[emgek_domain::FieldError::new("sheet", "text.too_long", shown)]));
    }
    Ok(ext)
}

/// The request body saved in a temporary folder of the work directory (gone when the folder
/// is dropped), at most `MAX_UPLOAD` bytes.
async fn receive(
    state: &AppState,
    tr: &Tr,
    ext: &str,
    body: Body,
) -> Result<(tempfile::TempDir, std::path::PathBuf), ApiError> {
    let internal = |e: &dyn std::fmt::Display| ApiError::internal(tr, e);
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
            return Err(ApiError::status(tr, StatusCode::PAYLOAD_TOO_LARGE, "too_large"));
        }
        file.write_all(&chunk).await.map_err(|e| internal(&e))?;
    }
    file.flush().await.map_err(|e| internal(&e))?;
    Ok((dir, path))
}

/// The lines of a reject file.
fn read_rejects(path: &std::path::Path) -> Result<Vec<RejectDto>, csv::Error> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut rejects = Vec::new();
    for record in csv::Reader::from_path(path)?.records() {
        let r = record?;
        rejects.push(RejectDto {
            row: r.get(0).and_then(|s| s.parse().ok()).unwrap_or(0),
            field: r.get(1).unwrap_or_default().into(),
            rule: r.get(2).unwrap_or_default().into(),
            value: r.get(3).unwrap_or_default().into(),
            message: r.get(4).unwrap_or_default().into(),
        });
    }
    Ok(rejects)
}

/// What an import of programme records did.
#[derive(Serialize, ToSchema)]
pub struct RecordsReportDto {
    /// The kind of records (`rates`, `ovop-producers`, …).
    pub kind: String,
    /// False when `all_or_nothing` was asked and a row was rejected: nothing was written.
    pub committed: bool,
    pub rows_read: u64,
    /// Records written.
    pub added: u64,
    /// Rows whose key was held already: nothing changed.
    pub already_held: u64,
    pub rows_rejected: u64,
    pub ignored_columns: Vec<String>,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub header_row: u64,
    pub rejects: Vec<RejectDto>,
}

/// The mapping of the profile a request names, for its kind of file.
async fn mapping(
    state: &AppState,
    caller: &emgek_app::Caller,
    tr: &Tr,
    kind: FileKind,
    profile: Option<&str>,
) -> Result<Option<profiles::Mapping>, ApiError> {
    match profile {
        Some(name) if name.chars().count() > profiles::MAX_PROFILE_NAME => {
            let shown: String = name.chars().take(profiles::MAX_PROFILE_NAME).collect();
            Err(ApiError::validation(tr, &[emgek_domain::FieldError::new("profile", "profile.unknown", shown)]))
        }
        Some(name) => {
            let found = profiles::profile(state.app(), caller, kind, name).await;
            Ok(Some(found.map_err(|e| ApiError::from_app(tr, e))?))
        }
        None => Ok(None),
    }
}

async fn import_records(
    state: AppState,
    user: CurrentUser,
    tr: Tr,
    kind: records::Kind,
    params: ImportParams,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<RecordsReportDto>, ApiError> {
    let caller = user.caller(Source::Api);
    let ext = extension(&tr, &headers, params.format.as_deref(), params.sheet.as_deref())?;
    let mapping = mapping(&state, &caller, &tr, FileKind::Records(kind), params.profile.as_deref()).await?;
    let (dir, path) = receive(&state, &tr, &ext, body).await?;
    let rejects_path = dir.path().join("rejects.csv");
    let file = records::RecordsFile {
        kind,
        path,
        all_or_nothing: params.all_or_nothing,
        rejects: Some(rejects_path.clone()),
        tr: tr.clone(),
        sheet: params.sheet,
        mapping,
    };
    let report = records::import(state.app(), &caller, &file, &mut |_, _| {}).await.map_err(|e| match e {
        records::RecordsError::App(e) => ApiError::from_app(&tr, e),
        records::RecordsError::File(emgek_exchange::ImportError::Store(e)) => ApiError::from_store(&tr, e),
        records::RecordsError::File(other) => ApiError::bad_request(other.to_string()),
    })?;
    let rejects = read_rejects(&rejects_path).map_err(|e| ApiError::internal(&tr, &e))?;
    drop(dir);
    Ok(Json(RecordsReportDto {
        kind: report.kind.to_string(),
        committed: report.committed,
        rows_read: report.rows_read,
        added: report.added,
        already_held: report.already_held,
        rows_rejected: report.rows_rejected,
        ignored_columns: report.ignored_columns,
        encoding: report.shape.encoding.map(str::to_string),
        delimiter: report.shape.delimiter.map(String::from),
        sheet: report.shape.sheet,
        header_row: report.shape.header_row,
        rejects,
    }))
}

/// A handler and its OpenAPI entry for each kind of records.
macro_rules! records_routes {
    ($($handler:ident, $path:literal, $kind:ident, $tag:literal, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            #[utoipa::path(post, path = $path, tag = $tag, params(ImportParams),
                request_body(content = String, content_type = "text/csv", description = "The file, with a header row (docs/import.md)"),
                responses((status = 200, body = RecordsReportDto), (status = 400, body = ApiErrors), (status = 403, body = ApiErrors),
                    (status = 413, body = ApiErrors), (status = 422, body = ApiErrors)))]
            pub async fn $handler(
                State(state): State<AppState>,
                user: CurrentUser,
                ApiLang(tr): ApiLang,
                Query(params): Query<ImportParams>,
                headers: HeaderMap,
                body: Body,
            ) -> Result<Json<RecordsReportDto>, ApiError> {
                import_records(state, user, tr, records::Kind::$kind, params, headers, body).await
            }
        )*

        fn records_router() -> Router<AppState> {
            Router::new()
                $(.route(
                    declared_api(&$path["/api/v1".len()..]),
                    post($handler).layer(DefaultBodyLimit::max(crate::pages::MAX_UPLOAD)),
                ))*
        }
    };
}

records_routes! {
    import_rates, "/api/v1/imports/rates", Rates, "ovop", "Import the official rates: currency, rate_on, rate.";
    import_calendar, "/api/v1/imports/calendar", Calendar, "grievances", "Import the year's calendar: day, kind (holiday, day_off, working_day), name.";
    import_grievances, "/api/v1/imports/grievances", Grievances, "grievances", "Import grievances taken in another register, keyed by their number there (reference): each checked as one typed at the office, numbered in emgek's register, no notice sent.";
    import_ovop_producers, "/api/v1/imports/ovop-producers", OvopProducers, "ovop", "Import One Village – One Product producers, keyed by register number.";
    import_ovop_products, "/api/v1/imports/ovop-products", OvopProducts, "ovop", "Import products, each naming its producer's register number.";
    import_ovop_certifications, "/api/v1/imports/ovop-certifications", OvopCertifications, "ovop", "Import brand certificates issued before emgek.";
    import_ovop_exports, "/api/v1/imports/ovop-exports", OvopExports, "ovop", "Import export contracts, valued at the official rates of the day each was signed.";
    import_ovop_outlets, "/api/v1/imports/ovop-outlets", OvopOutlets, "ovop", "Import where products are sold, an outlet found by its name, country and rayon or added.";
    import_sc_programmes, "/api/v1/imports/sc-programmes", ScProgrammes, "programmes", "Import programmes and versions of their rules, a blank cell keeping the version before.";
    import_sc_calls, "/api/v1/imports/sc-calls", ScCalls, "programmes", "Import calls for applications, keyed by programme and title.";
    import_sc_applications, "/api/v1/imports/sc-applications", ScApplications, "applications", "Import applications decided before emgek, keyed by application number.";
    import_sc_decisions, "/api/v1/imports/sc-decisions", ScDecisions, "applications", "Import commissions' decisions on applications held, from their minutes: the day, the average score and the reason.";
    import_sc_contracts, "/api/v1/imports/sc-contracts", ScContracts, "contracts", "Import contracts signed on funded applications, keyed by contract number.";
    import_sc_payments, "/api/v1/imports/sc-payments", ScPayments, "contracts", "Import tranches paid, a contract and a tranche a row.";
    import_sc_reports, "/api/v1/imports/sc-reports", ScReports, "contracts", "Import families' monthly reports on the contracts they name by number.";
    import_sc_visits, "/api/v1/imports/sc-visits", ScVisits, "contracts", "Import field visits, a contract and a day a row.";
    import_sc_extensions, "/api/v1/imports/sc-extensions", ScExtensions, "contracts", "Import the months contracts' terms were extended by.";
    import_sc_graduations, "/api/v1/imports/sc-graduations", ScGraduations, "contracts", "Import contracts completed and their families graduated, on the day each graduated.";
    import_sc_terminations, "/api/v1/imports/sc-terminations", ScTerminations, "contracts", "Import contracts ended early, after a violation their grant claimed back on the day.";
    import_sc_repayments, "/api/v1/imports/sc-repayments", ScRepayments, "contracts", "Import refunds repaid, keyed by contract and bank reference.";
    import_prison_facilities, "/api/v1/imports/prison-facilities", PrisonFacilities, "enterprises", "Import prison facilities, keyed by code, with a headcount on a day.";
    import_prison_workshops, "/api/v1/imports/prison-workshops", PrisonWorkshops, "enterprises", "Import workshops, each naming its facility's code.";
    import_prison_inmates, "/api/v1/imports/prison-inmates", PrisonInmates, "enterprises", "Import inmates by register number, with the work each starts.";
    import_prison_production, "/api/v1/imports/prison-production", PrisonProduction, "enterprises", "Import workshops' output, a month and a product a row.";
    import_prison_orders, "/api/v1/imports/prison-orders", PrisonOrders, "enterprises", "Import customers' orders to workshops, keyed by the workshop's order number, with what was delivered.";
    import_prison_sales, "/api/v1/imports/prison-sales", PrisonSales, "enterprises", "Import workshops' sales outside any order, keyed by the workshop's number of the sale (a receipt or invoice).";
    import_prison_timesheets, "/api/v1/imports/prison-timesheets", PrisonTimesheets, "enterprises", "Import inmates' days at work: a workshop's month and an inmate a row.";
    import_prison_training, "/api/v1/imports/prison-training", PrisonTraining, "enterprises", "Import trainees' places on courses, a course added when not held.";
    import_prison_releases, "/api/v1/imports/prison-releases", PrisonReleases, "enterprises", "Import inmates released, a facility and register number a row.";
    import_prison_follow_ups, "/api/v1/imports/prison-follow-ups", PrisonFollowUps, "enterprises", "Import what released inmates were doing 3, 6 or 12 months on.";
    import_prison_headcounts, "/api/v1/imports/prison-headcounts", PrisonHeadcounts, "enterprises", "Import facilities' headcounts, a day a row.";
}
