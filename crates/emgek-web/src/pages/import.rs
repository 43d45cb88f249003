//! The import page: upload a CSV or XLSX file, watch it progress, download the reject file.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use emgek_app::profiles::{self, FileKind};
use emgek_app::registry::import::{self, Done, ImportFile};
use emgek_exchange::{ImportReport, columns};
use emgek_store::{ImportLog, Source};
use std::collections::BTreeMap;
use time::OffsetDateTime;
use tokio::io::AsyncWriteExt;

use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

/// The largest file the upload page takes.
pub const MAX_UPLOAD: usize = 512 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/import"), get(show_import).post(upload_import).layer(DefaultBodyLimit::max(MAX_UPLOAD)))
        .route(declared("/import/template.csv"), get(template_csv))
        .route(declared("/import/template.xlsx"), get(template_xlsx))
        .route(declared("/import/jobs/{id}"), get(show_job))
        .route(declared("/import/jobs/{id}/rejects.csv"), get(download_rejects))
        .route(declared("/import/map/{id}"), get(show_map).post(post_map))
}

pub struct ColumnRow {
    pub name: &'static str,
    pub label: String,
    pub required: bool,
    pub rule: String,
}

pub struct LogRow {
    pub at: String,
    pub file_name: String,
    pub actor: String,
    pub committed: bool,
    pub read: String,
    pub rejected: String,
    pub created: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "import/index.html")]
struct ImportPage {
    ui: Ui,
    /// The kinds of programme records the reader may import, each on its page.
    kinds: Vec<super::import_records::KindGroup>,
    columns: Vec<ColumnRow>,
    logs: Vec<LogRow>,
    error: Option<String>,
}

fn log_row(ui: &Ui, log: &ImportLog) -> LogRow {
    LogRow {
        at: format!("{} {:02}:{:02}", ui.tr.date(&log.at.date()), log.at.hour(), log.at.minute()),
        file_name: log.file_name.clone(),
        actor: log.actor.clone(),
        committed: log.committed,
        read: ui.tr.number(log.rows_read),
        rejected: ui.tr.number(log.rows_rejected),
        created: ui.tr.number(log.households_created),
    }
}

/// The upload page with the last imports the reader may see: all of them for a national
/// importer, else those of the users she manages and her own (file names can name people).
async fn import_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    error: Option<String>,
) -> Result<ImportPage, PageError> {
    let logs = import::recent(state.app(), &user.caller(Source::Web), 10).await?;
    let columns = columns::COLUMNS
        .iter()
        .map(|(name, required)| ColumnRow {
            name,
            label: ui.tr.field(name),
            required: *required,
            rule: ui.tr.t(&format!("column-{}", name.replace('_', "-"))),
        })
        .collect();
    let kinds = super::import_records::kinds_for(&ui, user);
    Ok(ImportPage { logs: logs.iter().map(|l| log_row(&ui, l)).collect(), kinds, columns, error, ui })
}

async fn show_import(State(state): State<AppState>, user: CurrentUser, ui: Ui) -> Result<ImportPage, PageError> {
    import_page(&state, &user, ui, None).await
}

/// Saves the upload to disk as it arrives, starts the import in the background and sends the
/// reader to the job's page.
async fn upload_import(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    tokio::fs::create_dir_all(&state.work_dir).await.map_err(|e| PageError::internal(&ui, &e))?;
    let stamp = OffsetDateTime::now_utc().unix_timestamp_nanos();
    let place = |ext: &str| state.work_dir.join(format!("upload-{stamp}.{ext}"));
    let upload = match receive_upload(&mut multipart, &ui, place).await? {
        Ok(upload) => upload,
        Err(message) => {
            let page = import_page(&state, &user, ui.clone(), Some(ui.tr.t(message))).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let all_or_nothing = upload.all_or_nothing;
    let Some((path, name)) = upload.file.filter(|(_, name)| !name.is_empty()) else {
        let page = import_page(&state, &user, ui.clone(), Some(ui.tr.t("import-no-file"))).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // Headings emgek does not know: one of the office's profiles that reads them, or the
    // mapping step.
    let (mapping, needs_mapping) = match profiles::reading(state.app(), &caller, FileKind::Households, &path).await? {
        profiles::Reading::Known => (None, false),
        profiles::Reading::Profile(mapping) => (Some(mapping), false),
        profiles::Reading::Unknown => (None, true),
    };
    let file = ImportFile {
        rejects: Some(path.with_extension("rejects.csv")),
        path,
        file_name: Some(name),
        all_or_nothing,
        tr: ui.tr.clone(),
        sheet: None,
        mapping,
    };
    if needs_mapping {
        let id = import::hold(state.app(), &caller, file);
        return Ok(Redirect::to(&format!("/import/map/{id}")).into_response());
    }
    // The import's rows are written by the import, in the caller's name.
    let mut caller = caller;
    caller.source = Source::Import;
    match import::start(state.app(), &caller, file) {
        Ok(id) => Ok(Redirect::to(&format!("/import/jobs/{id}")).into_response()),
        Err(import::Busy) => {
            let page = import_page(&state, &user, ui.clone(), Some(ui.tr.t("import-busy"))).await?;
            Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response())
        }
    }
}

/// An upload form's file, saved as it arrived, with its name as sent; and its check box.
pub(super) struct Upload {
    pub file: Option<(std::path::PathBuf, String)>,
    pub all_or_nothing: bool,
}

/// Reads an upload form (`file`, `all_or_nothing`), saving the file where `place` says for its
/// extension as it arrives; a file that is not CSV or XLSX is refused with the message id.
pub(super) async fn receive_upload(
    multipart: &mut Multipart,
    ui: &Ui,
    place: impl Fn(&str) -> std::path::PathBuf,
) -> Result<Result<Upload, &'static str>, PageError> {
    let mut upload = Upload { file: None, all_or_nothing: false };
    while let Some(mut field) = multipart.next_field().await.map_err(|_| PageError::new(ui, StatusCode::BAD_REQUEST))? {
        match field.name() {
            Some("all_or_nothing") => upload.all_or_nothing = true,
            Some("file") => {
                let name = field.file_name().unwrap_or_default().to_string();
                let ext = std::path::Path::new(&name)
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !matches!(ext.as_str(), "csv" | "xlsx") {
                    return Ok(Err("import-wrong-type"));
                }
                let path = place(&ext);
                let mut file = tokio::fs::File::create(&path).await.map_err(|e| PageError::internal(ui, &e))?;
                while let Some(chunk) = field.chunk().await.map_err(|_| PageError::new(ui, StatusCode::BAD_REQUEST))? {
                    file.write_all(&chunk).await.map_err(|e| PageError::internal(ui, &e))?;
                }
                file.flush().await.map_err(|e| PageError::internal(ui, &e))?;
                upload.file = Some((path, name));
            }
            _ => {}
        }
    }
    Ok(Ok(upload))
}

#[derive(Template, WebTemplate)]
#[template(path = "import/job.html")]
struct JobPage {
    ui: Ui,
    id: u64,
    file_name: String,
    running: bool,
    percent: u64,
    report: Option<ImportReport>,
    failure: Option<String>,
    by_rule: Vec<(String, String)>,
    /// How the file was read, in words.
    read_as: String,
}

/// How a file was read, in the reader's language: "windows-1251, semicolon-separated, header
/// on row 3" or "sheet «Тизме», header on row 1".
pub(super) fn read_as(ui: &Ui, shape: &emgek_exchange::import::FileShape) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(encoding) = shape.encoding {
        parts.push(encoding.to_string());
    }
    if let Some(d) = shape.delimiter {
        let id = match d {
            ';' => "import-delimiter-semicolon",
            '\t' => "import-delimiter-tab",
            '|' => "import-delimiter-bar",
            _ => "import-delimiter-comma",
        };
        parts.push(ui.tr.t(id));
    }
    if let Some(sheet) = &shape.sheet {
        parts.push(ui.tr.t_with("import-shape-sheet", &[("value", sheet.clone().into())]));
    }
    parts.push(ui.tr.t_with("import-shape-header", &[("n", i64::try_from(shape.header_row).unwrap_or(0).into())]));
    parts.join(", ")
}

async fn show_job(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
) -> Result<JobPage, PageError> {
    let job = import::job(state.app(), &user.caller(Source::Web), id)?;
    let percent = (job.done * 100).checked_div(job.total).unwrap_or(0);
    let (report, failure) = match job.outcome.clone() {
        None => (None, None),
        Some(Ok(Done::Households(report))) => (Some(report), None),
        Some(Ok(Done::Records(_))) => return Err(PageError::new(&ui, StatusCode::NOT_FOUND)),
        Some(Err(message)) => (None, Some(message)),
    };
    let by_rule = report.as_ref().map(|r| by_rule(&ui, &r.rejected_by_rule)).unwrap_or_default();
    let read_as = report.as_ref().map(|r| read_as(&ui, &r.shape)).unwrap_or_default();
    Ok(JobPage {
        id,
        file_name: job.file_name,
        running: job.outcome.is_none(),
        percent,
        report,
        failure,
        by_rule,
        read_as,
        ui,
    })
}

async fn download_rejects(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
) -> Result<Response, PageError> {
    let path = import::rejects(state.app(), &user.caller(Source::Web), id)?;
    rejects_file(&ui, &path, id).await
}

/// The rows rejected by each rule, as a job's page lists them: the rule's message and how many.
pub(super) fn by_rule(ui: &Ui, counts: &std::collections::BTreeMap<String, u64>) -> Vec<(String, String)> {
    counts.iter().map(|(rule, n)| (ui.tr.rule(rule), ui.tr.number(i64::try_from(*n).unwrap_or(i64::MAX)))).collect()
}

/// A job's reject file, to download.
pub(super) async fn rejects_file(ui: &Ui, path: &std::path::Path, id: u64) -> Result<Response, PageError> {
    let body = tokio::fs::read(path).await.map_err(|e| PageError::internal(ui, &e))?;
    Ok(attachment("text/csv; charset=utf-8", &format!("rejects-{id}.csv"), body))
}

pub fn attachment(content_type: &str, file_name: &str, body: impl Into<axum::body::Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
        ],
        body.into(),
    )
        .into_response()
}

async fn template_csv() -> Response {
    attachment("text/csv; charset=utf-8", "emgek-households-template.csv", columns::template_csv())
}

async fn template_xlsx(ui: Ui) -> Result<Response, PageError> {
    let body = columns::template_xlsx().map_err(|e| PageError::internal(&ui, &e))?;
    Ok(attachment(emgek_exchange::ExportFormat::Xlsx.content_type(), "emgek-households-template.xlsx", body))
}

/// A heading of the file and the column it is given.
pub struct MapLine {
    pub index: usize,
    pub heading: String,
    pub column: &'static str,
    /// The heading's first values, for a person to recognise the column.
    pub sample: String,
}

/// A row of the preview as the import would read it.
pub struct PreviewLine {
    pub row: u64,
    pub problems: Vec<String>,
}

/// Where a mapping step belongs: the file's columns, where its form goes and the page to go
/// back to.
pub struct MapTarget {
    pub layout: &'static columns::Layout,
    pub action: String,
    pub back: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "import/map.html")]
pub struct MapPage {
    ui: Ui,
    action: String,
    back: &'static str,
    file_name: String,
    lines: Vec<MapLine>,
    options: Vec<(&'static str, String)>,
    missing: String,
    rows: Vec<PreviewLine>,
    name: String,
    errors: Vec<String>,
}

pub fn map_page(
    ui: Ui,
    target: MapTarget,
    file_name: String,
    preview: &emgek_exchange::import::Preview,
    name: String,
    errors: Vec<String>,
) -> MapPage {
    let columns = target.layout.columns;
    let lines = preview
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.trim().is_empty())
        .map(|(i, h)| MapLine {
            index: i,
            heading: h.trim().to_string(),
            column: preview.columns[i].map(|c| columns[c].0).unwrap_or(""),
            sample: preview
                .rows
                .iter()
                .filter_map(|(_, cells, _)| cells.get(i))
                .filter(|v| !v.is_empty())
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(" · "),
        })
        .collect();
    let options = columns.iter().map(|(name, _)| (*name, ui.tr.field(name))).collect();
    let missing = preview.missing.iter().map(|m| ui.tr.field(m)).collect::<Vec<_>>().join(", ");
    let rows = preview
        .rows
        .iter()
        .map(|(row, _, problems)| PreviewLine {
            row: *row,
            problems: problems.iter().map(|e| ui.tr.labelled_error(e)).collect(),
        })
        .collect();
    MapPage { action: target.action, back: target.back, file_name, lines, options, missing, rows, name, errors, ui }
}

/// The mapping step: the file's headings, a column for each, and its first rows checked.
async fn show_map(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let held = import::held(state.app(), &caller, id)?;
    match import::preview(state.app(), &caller, id, None)? {
        Ok(preview) => {
            Ok(map_page(ui, households(id), held.file_name, &preview, String::new(), Vec::new()).into_response())
        }
        Err(e) => Ok(import_page(&state, &user, ui, Some(e.to_string())).await?.into_response()),
    }
}

/// Checks the mapping on the file's first rows, or saves it as the office's profile and
/// starts the import with it.
async fn post_map(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let held = import::held(state.app(), &caller, id)?;
    let unmapped = match import::preview(state.app(), &caller, id, None)? {
        Ok(p) => p,
        Err(e) => return Ok(import_page(&state, &user, ui, Some(e.to_string())).await?.into_response()),
    };
    let mapping = mapping_from(&unmapped, &fields);
    let name = fields.get("name").cloned().unwrap_or_default();
    let mut errors = Vec::new();
    if fields.get("action").map(String::as_str) == Some("import") {
        let mut importer = caller.clone();
        importer.source = Source::Import;
        match import::map_and_start(state.app(), &importer, id, &name, mapping.clone(), ui.tr.clone()).await {
            Ok(Ok(job)) => return Ok(Redirect::to(&format!("/import/jobs/{job}")).into_response()),
            Ok(Err(import::Busy)) => errors.push(ui.tr.t("import-busy")),
            Err(e) => errors.extend(PageError::field_errors(&ui, e)?.iter().map(|e| ui.tr.labelled_error(e))),
        }
    }
    let preview = match import::preview(state.app(), &caller, id, Some(&mapping))? {
        Ok(p) => p,
        Err(e) => return Ok(import_page(&state, &user, ui, Some(e.to_string())).await?.into_response()),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, map_page(ui, households(id), held.file_name, &preview, name, errors)).into_response())
}

/// The mapping step of a household file.
fn households(id: u64) -> MapTarget {
    MapTarget { layout: &columns::HOUSEHOLDS, action: format!("/import/map/{id}"), back: "/import" }
}

/// A mapping from the mapping step's form: each heading of the file (as read without a
/// mapping) and the column chosen for it, or none.
pub fn mapping_from(unmapped: &emgek_exchange::import::Preview, fields: &BTreeMap<String, String>) -> import::Mapping {
    import::Mapping(
        unmapped
            .headings
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.trim().is_empty())
            .map(|(i, h)| import::MappedHeading {
                heading: h.trim().to_string(),
                column: fields.get(&format!("column_{i}")).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()),
            })
            .collect(),
    )
}
