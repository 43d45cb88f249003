//! The import pages of programme records, one for each kind (`/import/rates`,
//! `/import/ovop-products`, …): the kind's columns and an upload. The import runs in the
//! background and its page (`/import/records/jobs/{id}`) shows its progress, then the report
//! with the rejected rows. A file whose headings emgek does not know, and no profile of the
//! office reads, goes first to the mapping step (`/import/records/map/{id}`), whose mapping is
//! saved as the office's profile of the kind. Each kind's page holds the permission of the use
//! case that writes the kind; a job and a waiting file are their owner's only, and only while
//! she may import their kind (`emgek_app::records::job`, `held`).

use askama::Template;
use askama_web::WebTemplate;
use std::collections::BTreeMap;

use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use emgek_app::AppError;
use emgek_app::jobs::{Busy, Done};
use emgek_app::profiles::{self, FileKind};
use emgek_app::records::{self, Kind, RecordsFile, RecordsReport};
use emgek_store::Source;
use time::OffsetDateTime;

use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::pages::import::{
    MAX_UPLOAD, MapTarget, by_rule, map_page, mapping_from, read_as, receive_upload, rejects_file,
};
use crate::state::AppState;
use crate::ui::Ui;

/// Rejected lines a page shows; the rest are counted by rule.
const SHOWN_REJECTS: usize = 200;

pub fn router() -> Router<AppState> {
    let mut router = Router::new()
        .route(declared("/import/records"), get(show_kinds))
        .route(declared("/import/records/jobs/{id}"), get(show_job))
        .route(declared("/import/records/jobs/{id}/rejects.csv"), get(download_rejects))
        .route(declared("/import/records/map/{id}"), get(show_map).post(post_map));
    for kind in Kind::ALL {
        let path = declared(page_path(kind));
        router = router.route(
            path,
            get(move |state, user, ui| show(state, user, ui, kind))
                .post(move |state, user, ui, multipart| upload(state, user, ui, multipart, kind))
                .layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        );
    }
    router
}

/// The page of a kind: `/import/` and its code.
pub fn page_path(kind: Kind) -> &'static str {
    match kind {
        Kind::Rates => "/import/rates",
        Kind::Calendar => "/import/calendar",
        Kind::Grievances => "/import/grievances",
        Kind::OvopProducers => "/import/ovop-producers",
        Kind::OvopProducts => "/import/ovop-products",
        Kind::OvopCertifications => "/import/ovop-certifications",
        Kind::OvopExports => "/import/ovop-exports",
        Kind::OvopOutlets => "/import/ovop-outlets",
        Kind::ScProgrammes => "/import/sc-programmes",
        Kind::ScCalls => "/import/sc-calls",
        Kind::ScApplications => "/import/sc-applications",
        Kind::ScDecisions => "/import/sc-decisions",
        Kind::ScContracts => "/import/sc-contracts",
        Kind::ScPayments => "/import/sc-payments",
        Kind::ScReports => "/import/sc-reports",
        Kind::ScVisits => "/import/sc-visits",
        Kind::ScExtensions => "/import/sc-extensions",
        Kind::ScGraduations => "/import/sc-graduations",
        Kind::ScTerminations => "/import/sc-terminations",
        Kind::ScRepayments => "/import/sc-repayments",
        Kind::PrisonFacilities => "/import/prison-facilities",
        Kind::PrisonWorkshops => "/import/prison-workshops",
        Kind::PrisonInmates => "/import/prison-inmates",
        Kind::PrisonProduction => "/import/prison-production",
        Kind::PrisonHeadcounts => "/import/prison-headcounts",
        Kind::PrisonOrders => "/import/prison-orders",
        Kind::PrisonSales => "/import/prison-sales",
        Kind::PrisonTimesheets => "/import/prison-timesheets",
        Kind::PrisonTraining => "/import/prison-training",
        Kind::PrisonReleases => "/import/prison-releases",
        Kind::PrisonFollowUps => "/import/prison-follow-ups",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "import/kinds.html")]
struct KindsPage {
    ui: Ui,
    kinds: Vec<KindGroup>,
}

/// The kinds of records the reader may import, for those who may import no households (the
/// import page lists them for those who may).
async fn show_kinds(user: CurrentUser, ui: Ui) -> KindsPage {
    KindsPage { kinds: kinds_for(&ui, &user), ui }
}

/// A kind the reader may import, for a list of links.
pub struct KindLink {
    pub href: &'static str,
    pub name: String,
}

/// The kinds of one programme (or the official rates), under its name.
pub struct KindGroup {
    pub title: String,
    pub kinds: Vec<KindLink>,
}

/// The menu entry that names a kind's programme.
fn group_of(kind: Kind) -> &'static str {
    match kind.code().split('-').next() {
        Some("sc") => "nav-programmes",
        Some("ovop") => "nav-ovop",
        Some("prison") => "nav-enterprises",
        Some("calendar") => "import-group-calendar",
        Some("grievances") => "nav-grievances",
        _ => "nav-rates",
    }
}

/// The kinds of records the caller may import, with their pages, by programme in the order
/// they are imported.
pub fn kinds_for(ui: &Ui, user: &CurrentUser) -> Vec<KindGroup> {
    let caller = user.caller(Source::Web);
    let mut groups: Vec<(&'static str, Vec<KindLink>)> = Vec::new();
    for k in Kind::ALL.into_iter().filter(|k| records::may_import(&caller, *k)) {
        let link = KindLink { href: page_path(k), name: ui.tr.t(&format!("import-kind-{}", k.code())) };
        match groups.iter_mut().find(|(g, _)| *g == group_of(k)) {
            Some((_, kinds)) => kinds.push(link),
            None => groups.push((group_of(k), vec![link])),
        }
    }
    groups.into_iter().map(|(g, kinds)| KindGroup { title: ui.tr.t(g), kinds }).collect()
}

pub struct Column {
    pub name: &'static str,
    pub label: String,
    pub required: bool,
}

pub struct RejectLine {
    pub row: u64,
    pub field: String,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "import/records.html")]
struct RecordsPage {
    ui: Ui,
    action: &'static str,
    kind_name: String,
    columns: Vec<Column>,
    error: Option<String>,
}

/// The reader's words, with the kind's columns labelled as its layout means them.
fn scoped(mut ui: Ui, kind: Kind) -> Ui {
    ui.tr = ui.tr.scoped(kind.code());
    ui
}

fn page(ui: Ui, kind: Kind) -> RecordsPage {
    let ui = scoped(ui, kind);
    let columns = kind
        .layout()
        .columns
        .iter()
        .map(|(name, required)| Column { name, label: ui.tr.field(name), required: *required })
        .collect();
    RecordsPage { action: page_path(kind), kind_name: kind_name(&ui, kind), columns, error: None, ui }
}

fn kind_name(ui: &Ui, kind: Kind) -> String {
    ui.tr.t(&format!("import-kind-{}", kind.code()))
}

async fn show(State(_): State<AppState>, _user: CurrentUser, ui: Ui, kind: Kind) -> RecordsPage {
    page(ui, kind)
}

/// Saves the upload in the work folder and starts its import in the background, or sends a
/// file whose headings are unknown to the mapping step.
async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    mut multipart: Multipart,
    kind: Kind,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    if !records::may_import(&caller, kind) {
        return Err(AppError::Refused("import.not_allowed").into());
    }
    let shown = page(ui.clone(), kind);
    let refuse = |mut shown: RecordsPage, status: StatusCode, message: String| -> Response {
        shown.error = Some(message);
        (status, shown).into_response()
    };
    tokio::fs::create_dir_all(&state.work_dir).await.map_err(|e| PageError::internal(&ui, &e))?;
    let stamp = OffsetDateTime::now_utc().unix_timestamp_nanos();
    let place = |ext: &str| state.work_dir.join(format!("records-{stamp}.{ext}"));
    let upload = match receive_upload(&mut multipart, &ui, place).await? {
        Ok(upload) => upload,
        Err(message) => return Ok(refuse(shown, StatusCode::UNPROCESSABLE_ENTITY, ui.tr.t(message))),
    };
    let all_or_nothing = upload.all_or_nothing;
    let Some((path, name)) = upload.file.filter(|(_, name)| !name.is_empty()) else {
        return Ok(refuse(shown, StatusCode::UNPROCESSABLE_ENTITY, ui.tr.t("import-no-file")));
    };
    let mut file = RecordsFile {
        kind,
        rejects: Some(path.with_extension("rejects.csv")),
        path,
        all_or_nothing,
        tr: ui.tr.clone(),
        sheet: None,
        mapping: None,
    };
    match profiles::reading(state.app(), &caller, FileKind::Records(kind), &file.path).await? {
        profiles::Reading::Known => {}
        profiles::Reading::Profile(mapping) => file.mapping = Some(mapping),
        profiles::Reading::Unknown => {
            let id = records::hold(state.app(), &caller, file, name);
            return Ok(Redirect::to(&format!("/import/records/map/{id}")).into_response());
        }
    }
    // The rows are written by the import, in the caller's name.
    let mut importer = caller;
    importer.source = Source::Import;
    match records::start(state.app(), &importer, file, name) {
        Ok(id) => Ok(Redirect::to(&format!("/import/records/jobs/{id}")).into_response()),
        Err(Busy) => Ok(refuse(shown, StatusCode::TOO_MANY_REQUESTS, ui.tr.t("import-busy"))),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "import/records_job.html")]
struct JobPage {
    ui: Ui,
    id: u64,
    file_name: String,
    kind_name: String,
    /// The kind's page, to import another file.
    again: &'static str,
    running: bool,
    percent: u64,
    report: Option<RecordsReport>,
    failure: Option<String>,
    read_as: String,
    by_rule: Vec<(String, String)>,
    rejects: Vec<RejectLine>,
}

/// An import of records: its progress while it runs (the page reloads itself), then its report
/// with the first rejected rows.
async fn show_job(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
) -> Result<JobPage, PageError> {
    let (kind, job) = records::job(state.app(), &user.caller(Source::Web), id)?;
    let ui = scoped(ui, kind);
    let percent = (job.done * 100).checked_div(job.total).unwrap_or(0);
    let (report, failure) = match job.outcome {
        None => (None, None),
        Some(Ok(Done::Records(report))) => (Some(report), None),
        Some(Ok(Done::Households(_))) => return Err(PageError::new(&ui, StatusCode::NOT_FOUND)),
        Some(Err(message)) => (None, Some(message)),
    };
    let rejects = match &job.rejects {
        Some(path) => reject_lines(&ui, path).map_err(|e| PageError::internal(&ui, &e))?,
        None => Vec::new(),
    };
    let by_rule = report.as_ref().map(|r| by_rule(&ui, &r.rejected_by_rule)).unwrap_or_default();
    Ok(JobPage {
        id,
        file_name: job.file_name,
        kind_name: kind_name(&ui, kind),
        again: page_path(kind),
        running: report.is_none() && failure.is_none(),
        percent,
        read_as: report.as_ref().map(|r| read_as(&ui, &r.shape)).unwrap_or_default(),
        report,
        failure,
        by_rule,
        rejects,
        ui,
    })
}

async fn download_rejects(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
) -> Result<Response, PageError> {
    let path = records::rejects(state.app(), &user.caller(Source::Web), id)?;
    rejects_file(&ui, &path, id).await
}

/// The mapping step of a file of records.
fn target(kind: Kind, id: u64) -> MapTarget {
    MapTarget { layout: kind.layout(), action: format!("/import/records/map/{id}"), back: page_path(kind) }
}

/// The mapping step: the file's headings, a column of the kind for each, and its first rows
/// checked as the import would check them.
async fn show_map(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let (kind, held) = records::held(state.app(), &caller, id)?;
    let ui = scoped(ui, kind);
    match records::preview(state.app(), &caller, id, None).await? {
        Ok(preview) => {
            Ok(map_page(ui, target(kind, id), held.file_name, &preview, String::new(), Vec::new()).into_response())
        }
        Err(e) => {
            let mut shown = page(ui, kind);
            shown.error = Some(e.to_string());
            Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
        }
    }
}

/// Checks the mapping on the file's first rows, or saves it as the office's profile of the kind
/// and starts the import with it.
async fn post_map(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<u64>,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let (kind, held) = records::held(state.app(), &caller, id)?;
    let ui = scoped(ui, kind);
    let failed = |ui: Ui, e: emgek_exchange::ImportError| {
        let mut shown = page(ui, kind);
        shown.error = Some(e.to_string());
        (StatusCode::UNPROCESSABLE_ENTITY, shown).into_response()
    };
    let unmapped = match records::preview(state.app(), &caller, id, None).await? {
        Ok(p) => p,
        Err(e) => return Ok(failed(ui, e)),
    };
    let mapping = mapping_from(&unmapped, &fields);
    let name = fields.get("name").cloned().unwrap_or_default();
    let mut errors = Vec::new();
    if fields.get("action").map(String::as_str) == Some("import") {
        let mut importer = caller.clone();
        importer.source = Source::Import;
        match records::map_and_start(state.app(), &importer, id, &name, mapping.clone(), ui.tr.clone()).await {
            Ok(Ok(job)) => return Ok(Redirect::to(&format!("/import/records/jobs/{job}")).into_response()),
            Ok(Err(Busy)) => errors.push(ui.tr.t("import-busy")),
            Err(e) => errors.extend(PageError::field_errors(&ui, e)?.iter().map(|e| ui.tr.labelled_error(e))),
        }
    }
    let preview = match records::preview(state.app(), &caller, id, Some(&mapping)).await? {
        Ok(p) => p,
        Err(e) => return Ok(failed(ui, e)),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, map_page(ui, target(kind, id), held.file_name, &preview, name, errors)).into_response())
}

/// The first rejected lines of a reject file, with their field in words.
fn reject_lines(ui: &Ui, path: &std::path::Path) -> Result<Vec<RejectLine>, csv::Error> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut lines = Vec::new();
    for record in csv::Reader::from_path(path)?.records().take(SHOWN_REJECTS) {
        let r = record?;
        let field = ui.tr.field(r.get(1).unwrap_or_default());
        // The file's message names the field first; the page has a column for it.
        let message = r.get(4).unwrap_or_default();
        let message = message.strip_prefix(&format!("{field}: ")).unwrap_or(message).to_string();
        lines.push(RejectLine { row: r.get(0).and_then(|s| s.parse().ok()).unwrap_or(0), field, message });
    }
    Ok(lines)
}
