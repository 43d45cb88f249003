//! The import pages of programme records, one for each kind (`/import/rates`,
//! `/import/ovop-products`, …): the kind's columns, an upload, and the report with the rejected
//! rows once the file is imported. Each route holds the permission of the use case that writes
//! the kind; the import runs while the page waits (these files are a few thousand rows).

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use emgek_app::records::{self, Kind, RecordsFile, RecordsReport};
use emgek_store::Source;

use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::pages::import::{MAX_UPLOAD, receive_upload};
use crate::state::AppState;
use crate::ui::Ui;

/// Rejected lines a page shows; the rest are counted by rule.
const SHOWN_REJECTS: usize = 200;

pub fn router() -> Router<AppState> {
    let mut router = Router::new().route(declared("/import/records"), get(show_kinds));
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
        Kind::OvopProducers => "/import/ovop-producers",
        Kind::OvopProducts => "/import/ovop-products",
        Kind::OvopCertifications => "/import/ovop-certifications",
        Kind::OvopExports => "/import/ovop-exports",
        Kind::OvopOutlets => "/import/ovop-outlets",
        Kind::ScProgrammes => "/import/sc-programmes",
        Kind::ScCalls => "/import/sc-calls",
        Kind::ScApplications => "/import/sc-applications",
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
    file_name: String,
    report: Option<RecordsReport>,
    read_as: String,
    by_rule: Vec<(String, String)>,
    rejects: Vec<RejectLine>,
}

fn page(ui: Ui, kind: Kind) -> RecordsPage {
    let columns = kind
        .layout()
        .columns
        .iter()
        .map(|(name, required)| Column { name, label: ui.tr.field(name), required: *required })
        .collect();
    RecordsPage {
        action: page_path(kind),
        kind_name: ui.tr.t(&format!("import-kind-{}", kind.code())),
        columns,
        error: None,
        file_name: String::new(),
        report: None,
        read_as: String::new(),
        by_rule: Vec::new(),
        rejects: Vec::new(),
        ui,
    }
}

async fn show(State(_): State<AppState>, _user: CurrentUser, ui: Ui, kind: Kind) -> RecordsPage {
    page(ui, kind)
}

/// Saves the upload in a temporary folder, imports it, and shows the report.
async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    mut multipart: Multipart,
    kind: Kind,
) -> Result<Response, PageError> {
    let mut shown = page(ui.clone(), kind);
    let refuse = |mut shown: RecordsPage, message: String| -> Response {
        shown.error = Some(message);
        (StatusCode::UNPROCESSABLE_ENTITY, shown).into_response()
    };
    tokio::fs::create_dir_all(&state.work_dir).await.map_err(|e| PageError::internal(&ui, &e))?;
    let dir = tempfile::tempdir_in(&state.work_dir).map_err(|e| PageError::internal(&ui, &e))?;
    let upload = match receive_upload(&mut multipart, &ui, |ext| dir.path().join(format!("upload.{ext}"))).await? {
        Ok(upload) => upload,
        Err(message) => return Ok(refuse(shown, ui.tr.t(message))),
    };
    let all_or_nothing = upload.all_or_nothing;
    let Some((path, name)) = upload.file.filter(|(_, name)| !name.is_empty()) else {
        return Ok(refuse(shown, ui.tr.t("import-no-file")));
    };
    let rejects = dir.path().join("rejects.csv");
    let file = RecordsFile {
        kind,
        path,
        all_or_nothing,
        rejects: Some(rejects.clone()),
        tr: ui.tr.clone(),
        sheet: None,
        mapping: None,
    };
    let mut caller = user.caller(Source::Web);
    caller.source = Source::Import;
    let report = match records::import(state.app(), &caller, &file, &mut |_, _| {}).await {
        Ok(report) => report,
        Err(records::RecordsError::App(e)) => return Err(e.into()),
        Err(records::RecordsError::File(emgek_exchange::ImportError::Store(e))) => return Err(e.into()),
        Err(records::RecordsError::File(e)) => return Ok(refuse(shown, e.to_string())),
    };
    shown.rejects = reject_lines(&ui, &rejects).map_err(|e| PageError::internal(&ui, &e))?;
    shown.read_as = super::import::read_as(&ui, &report.shape);
    shown.by_rule = report
        .rejected_by_rule
        .iter()
        .map(|(rule, n)| (ui.tr.rule(rule), ui.tr.number(i64::try_from(*n).unwrap_or(i64::MAX))))
        .collect();
    shown.file_name = name;
    shown.report = Some(report);
    Ok(shown.into_response())
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
