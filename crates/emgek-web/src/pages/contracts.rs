//! A contract's page: printable as the contract itself (in the reader's language), with its
//! payments, monthly reports and field visits below the signatures on screen.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use emgek_domain::FieldError;
use emgek_i18n::{Lang, Tr};
use emgek_store::Source;
use serde::Deserialize;

use super::form::Saved;
use super::form::summary;
use emgek_app::AppError;
use emgek_app::social_contract::contracts as steps;
use emgek_domain::access::Permission;
use emgek_domain::{Currency, Money};

use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/contracts/{id}"), get(show_contract))
        .route(declared("/contracts/{id}/contract.pdf"), get(download_pdf))
        .route(declared("/contracts/{id}/step"), post(take_step))
        .route(declared("/contracts/{id}/reports"), post(add_report))
        .route(declared("/contracts/{id}/visits"), post(add_visit))
        .route(
            declared("/reports/{id}/receipts"),
            post(upload_receipt).layer(DefaultBodyLimit::max(crate::receipts::RECEIPT_BODY_LIMIT)),
        )
        .route(declared("/receipts/{id}"), get(show_receipt))
}

pub struct PaymentLine {
    pub tranche: i64,
    pub amount: String,
    pub status: String,
    pub reference: String,
}

pub struct ReportLine {
    pub id: i64,
    pub month: String,
    pub revenue: String,
    pub costs: String,
    pub jobs: i64,
    /// Attached receipts: id and name.
    pub receipts: Vec<(i64, String)>,
    /// Receipt numbers or notes typed with the report.
    pub notes: String,
}

pub struct VisitLine {
    pub on: String,
    pub outcome: String,
    pub reasons: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/contract.html")]
pub(super) struct ContractPage {
    ui: Ui,
    /// The contract's own words, as the PDF has them.
    document: emgek_pdf::Contract,
    number: String,
    status: String,
    payments: Vec<PaymentLine>,
    reports: Vec<ReportLine>,
    visits: Vec<VisitLine>,
    application_id: i64,
    id: i64,
    errors: Vec<(String, String)>,
    saved: bool,
    can_sign: bool,
    /// The next tranche to order, if the reader may order it.
    next_tranche: Option<usize>,
    /// A fresh key for the order form: sending the form twice orders once.
    payment_key: String,
    can_report: bool,
    can_extend: bool,
    can_terminate: bool,
    can_complete: bool,
    /// What the family still owes on a refund claim, formatted, when it owes anything.
    refund_due: Option<String>,
    can_repay: bool,
    /// (id, number, status) of the appeals of the contract's termination.
    appeals: Vec<(i64, String, String)>,
    /// The reader registers appeals here and the termination may still be appealed.
    can_appeal: bool,
    /// The plan's budget lines, for the purchases of a monthly report.
    plan_lines: Vec<String>,
    /// What was typed in the form that failed, so that nothing is lost.
    typed: Vec<(String, String)>,
    /// The languages the PDF can be had in: code and name in that language.
    pdf_languages: Vec<(&'static str, &'static str)>,
}

impl ContractPage {
    /// The value typed in a field of the form that failed, or nothing.
    fn typed(&self, name: &str) -> &str {
        self.typed.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// The amount typed for budget line `i` of a monthly report that failed.
    fn purchase(&self, i: &usize) -> &str {
        self.typed(&format!("purchase_{i}"))
    }
}

async fn show_contract(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<Saved>,
) -> Result<ContractPage, PageError> {
    contract_page(&state, &user, ui, id, &[], !q.saved.is_empty()).await
}

/// What a contract says, gathered once for its page and its PDF.
struct Loaded {
    c: emgek_store::programmes::ContractContext,
    contract: emgek_domain::social_contract::contract::Contract,
    application: emgek_store::programmes::ApplicationRecord,
    rules: Option<emgek_domain::social_contract::programme::ProgrammeRules>,
    grant: Money,
    head_name: String,
    /// The head's PIN, masked unless the reader may see it.
    head_pin: String,
    household_ref: String,
}

/// The contract, if the reader may read it: outside her rayons it does not exist for her.
async fn load(state: &AppState, user: &CurrentUser, ui: &Ui, id: i64) -> Result<Loaded, PageError> {
    let caller = user.caller(Source::Web);
    let reach = state.app().reach(&caller);
    let c = reach.contract(Permission::ReadApplications, id).await.map_err(|e| PageError::app(ui, e))?;
    let household = state.store.household(c.household_id).await?;
    let sensitive = crate::scope::viewed(state, user, &household).await?;
    let head = household
        .members
        .iter()
        .find(|m| m.fields.relation == emgek_domain::household::Relation::Head)
        .or(household.members.first());
    let application = state.store.application(c.contract.application_id).await?;
    let book = state.store.rule_book(c.programme_id).await?;
    let rules = c.rules_from.and_then(|d| book.in_force(d)).cloned();
    let contract = emgek_store::as_contract(&c.contract)?;
    Ok(Loaded {
        grant: Money::from_minor(c.contract.grant_tyiyn, Currency::KGS),
        head_name: head.map(|m| m.fields.full_name.clone()).unwrap_or_default(),
        head_pin: head.map(|m| emgek_app::registry::shown_pin(m.fields.pin.as_str(), sensitive)).unwrap_or_default(),
        household_ref: household.fields.household_ref.clone(),
        c,
        contract,
        application,
        rules,
    })
}

/// The contract's words in one language: the print page shows them and the PDF typesets them,
/// so the two never say different things.
fn document(state: &AppState, tr: &Tr, l: &Loaded) -> emgek_pdf::Contract {
    let rayon = state.geo.rayon_name(&l.c.rayon, tr.lang);
    let number = &l.c.contract.number;
    let section = |heading: &str, paragraphs: Vec<String>, items: Vec<String>| emgek_pdf::Section {
        heading: tr.t(heading),
        paragraphs,
        items,
    };
    let tranches = l
        .rules
        .as_ref()
        .map(|r| {
            r.tranche_amounts(l.grant)
                .iter()
                .zip(&r.tranches)
                .map(|(amount, t)| {
                    format!("{} — {}", tr.som(amount), tr.count("contract-after-months", t.after_months as i64))
                })
                .collect()
        })
        .unwrap_or_default();
    let term = l.contract.term_months + l.contract.extended_months;
    emgek_pdf::Contract {
        lang: tr.lang.code().into(),
        title: format!("{} № {number}", tr.t("contract-title")),
        place_and_date: match l.contract.starts {
            Some(d) => format!("{rayon} · {}", tr.date(&d)),
            None => rayon.clone(),
        },
        parties: format!(
            "{} {rayon}{} {} ({} {}; {} {}){}",
            tr.t("contract-parties-office"),
            tr.t("contract-parties-and"),
            l.head_name,
            tr.field("pin"),
            l.head_pin,
            tr.field("household_ref"),
            l.household_ref,
            tr.t("contract-parties-agree"),
        ),
        sections: vec![
            section(
                "contract-subject",
                vec![format!(
                    "{} {}. {}: {}.",
                    tr.t("contract-subject-text"),
                    l.application.plan.activity,
                    tr.t("contract-grant"),
                    tr.som(&l.grant)
                )],
                vec![],
            ),
            section("contract-payment", vec![], tranches),
            section(
                "contract-term",
                vec![match (l.contract.starts, l.contract.ends()) {
                    (Some(starts), Some(ends)) => {
                        format!("{}: {} – {}.", tr.count("months-count", term as i64), tr.date(&starts), tr.date(&ends))
                    }
                    _ => format!("{}, {}.", tr.count("months-count", term as i64), tr.t("contract-term-from-payment")),
                }],
                vec![],
            ),
            section(
                "contract-obligations",
                vec![],
                ["plan", "report", "receipts", "visits", "refund"]
                    .iter()
                    .map(|o| tr.t(&format!("contract-obligation-{o}")))
                    .collect(),
            ),
        ],
        signatures: vec![tr.t("contract-sign-office"), l.head_name.clone()],
        footer: format!("{} № {number}", tr.t("contract-title")),
    }
}

pub(super) async fn contract_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    errors: &[FieldError],
    saved: bool,
) -> Result<ContractPage, PageError> {
    let caller = user.caller(Source::Web);
    let l = load(state, user, &ui, id).await?;
    let due = state
        .store
        .contract_ledger(id)
        .await?
        .contract_balance(id, emgek_domain::social_contract::ledger::Account::RefundDue);
    let contract = &l.contract;
    let (oblast, rayon) = (&l.c.oblast, &l.c.rayon);
    let som = |minor: i64| ui.tr.som(&Money::from_minor(minor, Currency::KGS));
    let orders = state.store.payment_orders(id).await?;
    let tranche_count = l.rules.as_ref().map(|r| r.tranches.len()).unwrap_or(0);
    let ordered = |n: usize| orders.iter().any(|o| o.tranche_no == n as i64 && o.status != "failed");
    let edit = caller.may(Permission::EditApplications, oblast, rayon);
    let manage = caller.may(Permission::ManageProgrammes, oblast, rayon);
    use emgek_domain::social_contract::contract::ContractStatus as S;
    let running = matches!(contract.status, S::Signed | S::Active);
    let next_tranche = (1..=tranche_count)
        .find(|n| !ordered(*n))
        .filter(|n| manage && running && (*n == 1 || contract.status == S::Active));
    let payments = orders
        .into_iter()
        .map(|o| PaymentLine {
            tranche: o.tranche_no,
            amount: som(o.amount_tyiyn),
            status: ui.tr.t(&format!("payment-{}", o.status)),
            reference: o.bank_reference,
        })
        .collect();
    let mut receipts = state.store.receipts(id).await?;
    let reports = state
        .store
        .reports(id)
        .await?
        .into_iter()
        .map(|r| ReportLine {
            id: r.monthly_report_id,
            notes: r.receipts.lines().collect::<Vec<_>>().join("; "),
            receipts: receipts
                .extract_if(.., |f| f.monthly_report_id == r.monthly_report_id)
                .map(|f| (f.report_receipt_id, f.file_name))
                .collect(),
            month: format!("{:02}.{}", u8::from(r.month.month()), r.month.year()),
            revenue: som(r.revenue_tyiyn),
            costs: som(r.costs_tyiyn),
            jobs: r.jobs,
        })
        .collect();
    let visits = state
        .store
        .visits(id)
        .await?
        .into_iter()
        .map(|v| VisitLine {
            on: ui.tr.date(&v.visited_on),
            outcome: ui.tr.t(&format!("visit-{}", v.outcome)),
            reasons: v.reasons,
        })
        .collect();
    let mut appeals = Vec::new();
    for ap in state.store.appeals_of_application(l.c.contract.application_id).await? {
        if ap.contested == "termination" {
            let g = state.store.grievance(ap.grievance_id).await?;
            let number = emgek_app::grievances::number_of(&g).to_string();
            appeals.push((ap.appeal_id, number, super::applications::coded(&ui, "appeal-status", &ap.status)));
        }
    }
    let can_appeal = caller.may(Permission::HandleGrievances, oblast, rayon)
        && contract.status == S::Terminated
        && emgek_app::social_contract::appeals::may_appeal_termination(state.app(), id).await?;
    Ok(ContractPage {
        document: document(state, &ui.tr, &l),
        number: l.c.contract.number.clone(),
        status: ui.tr.t(&format!("contract-status-{}", l.c.contract.status)),
        payments,
        reports,
        visits,
        application_id: l.c.contract.application_id,
        id,
        errors: summary(&ui, errors),
        saved,
        can_sign: edit && contract.status == S::Draft,
        next_tranche,
        payment_key: emgek_app::accounts::secrets::random_token(),
        can_report: edit && matches!(contract.status, S::Active | S::Completed),
        can_extend: edit && contract.status == S::Active,
        can_terminate: manage && running,
        can_complete: edit && contract.status == S::Active,
        can_repay: manage && due > 0,
        appeals,
        can_appeal,
        typed: Vec::new(),
        plan_lines: l.application.plan.lines.iter().map(|l| format!("{} × {}", l.item, l.quantity)).collect(),
        refund_due: (due > 0).then(|| ui.tr.som(&Money::from_minor(due, Currency::KGS))),
        pdf_languages: Lang::ALL.iter().map(|l| (l.code(), l.native_name())).collect(),
        ui,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PdfQuery {
    lang: String,
}

/// The contract as a PDF in the language asked for (the reader's own by default), to print
/// and sign or to send. It names the family, so no copy is kept by browsers or proxies.
async fn download_pdf(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<PdfQuery>,
) -> Result<Response, PageError> {
    let lang = if q.lang.is_empty() {
        ui.lang()
    } else {
        Lang::parse(&q.lang).ok_or_else(|| PageError::new(&ui, StatusCode::NOT_FOUND))?
    };
    let l = load(&state, &user, &ui, id).await?;
    let doc = document(&state, &Tr::new(lang), &l);
    let pdf = tokio::task::spawn_blocking(move || emgek_pdf::contract_pdf(&doc))
        .await
        .map_err(|e| PageError::internal(&ui, &e))?
        .map_err(|e| PageError::internal(&ui, &e))?;
    let name = format!("contract-{}-{}.pdf", l.c.contract.number, lang.code());
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "no-store".to_string()),
            // A file, not a page: the browser's PDF viewer must be free to show it.
            (header::CONTENT_SECURITY_POLICY, "frame-ancestors 'none'".to_string()),
        ],
        pdf,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StepForm {
    step: String,
    reason: String,
    months: String,
    violation: String,
    on: String,
    tranche: String,
    key: String,
    amount_som: String,
}

async fn after(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    result: Result<(), AppError>,
    typed: Vec<(String, String)>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/contracts/{id}?saved=1")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page = contract_page(state, user, ui, id, &errors, false).await?;
            page.typed = typed;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(AppError::Conflict(rule) | AppError::Store(emgek_store::StoreError::Conflict(rule))) => {
            let errors = [FieldError::new("contract", rule, "")];
            let mut page = contract_page(state, user, ui, id, &errors, false).await?;
            page.typed = typed;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(other) => Err(PageError::app(&ui, other)),
    }
}

/// The buttons of the contract page.
async fn take_step(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(f): Form<StepForm>,
) -> Result<Response, PageError> {
    let s = &state;
    let result = match f.step.as_str() {
        "sign" => steps::sign(s.app(), &user.caller(Source::Web), id).await,
        "order" => steps::order_tranche(s.app(), &user.caller(Source::Web), id, f.tranche.parse().unwrap_or(0), &f.key)
            .await
            .map(|_| ()),
        "extend" => {
            steps::extend(s.app(), &user.caller(Source::Web), id, f.months.trim().parse().unwrap_or(0), &f.reason).await
        }
        "terminate" => {
            steps::terminate(s.app(), &user.caller(Source::Web), id, !f.violation.is_empty(), &f.reason).await
        }
        "complete" => steps::complete(s.app(), &user.caller(Source::Web), id, Some(&f.on)).await,
        "repay" => steps::repay(s.app(), &user.caller(Source::Web), id, &f.amount_som, &f.key).await.map(|_| ()),
        _ => return Err(PageError::new(&ui, StatusCode::BAD_REQUEST)),
    };
    let typed = [("reason", f.reason), ("months", f.months), ("on", f.on), ("amount_som", f.amount_som)];
    after(&state, &user, ui, id, result, typed.map(|(k, v)| (k.to_string(), v)).to_vec()).await
}

/// The report form: month, amounts, jobs, receipts, and `purchase_{line}` for each budget line
/// of the plan on which something was spent.
async fn add_report(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let value =
        |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let mut purchases: Vec<(usize, String)> = fields
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("purchase_")?.parse().ok()?, v.trim().to_string())))
        .filter(|(_, v): &(usize, String)| !v.is_empty())
        .collect();
    purchases.sort();
    let input = steps::ReportInput {
        month: value("month"),
        revenue_som: value("revenue_som"),
        costs_som: value("costs_som"),
        jobs: value("jobs"),
        purchases: purchases.clone(),
        receipts: value("receipts").split(';').map(str::trim).filter(|r| !r.is_empty()).map(str::to_string).collect(),
    };
    let result = steps::add_report(state.app(), &user.caller(Source::Web), id, &input).await.map(|_| ());
    // Errors about the i-th purchase are shown against the purchases, naming the line's amount.
    let result = result.map_err(|p| match p {
        AppError::Invalid(errors) => AppError::Invalid(
            errors
                .into_iter()
                .map(|e| {
                    match e.field.strip_prefix("purchases[").and_then(|r| r.split(']').next()?.parse::<usize>().ok()) {
                        Some(i) => {
                            FieldError::new("purchases", e.rule, purchases.get(i).map(|p| p.1.as_str()).unwrap_or(""))
                        }
                        None => e,
                    }
                })
                .collect(),
        ),
        other => other,
    });
    after(&state, &user, ui, id, result, fields).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VisitForm {
    visited_on: String,
    outcome: String,
    reasons: String,
}

async fn add_visit(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(f): Form<VisitForm>,
) -> Result<Response, PageError> {
    use emgek_domain::social_contract::monitoring::VisitOutcome;
    let outcome = match f.outcome.as_str() {
        "struggling" => VisitOutcome::Struggling,
        "closed" => VisitOutcome::Closed,
        _ => VisitOutcome::Operating,
    };
    let result = steps::add_visit(state.app(), &user.caller(Source::Web), id, &f.visited_on, outcome, &f.reasons)
        .await
        .map(|_| ());
    let typed = [("visited_on", f.visited_on), ("outcome", f.outcome), ("reasons", f.reasons)];
    after(&state, &user, ui, id, result, typed.map(|(k, v)| (k.to_string(), v)).to_vec()).await
}

/// A receipt attached from the contract page: a photo or a scan of one report's receipt.
async fn upload_receipt(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(report): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let mut file = (String::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(|_| PageError::new(&ui, StatusCode::BAD_REQUEST))? {
        if field.name() == Some("receipt") {
            let name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|_| PageError::new(&ui, StatusCode::PAYLOAD_TOO_LARGE))?;
            file = (name, bytes.to_vec());
        }
    }
    let contract = state.store.report_contract(report).await?;
    match steps::add_receipt(state.app(), &user.caller(Source::Web), report, &file.0, &file.1).await {
        Ok(_) => Ok(Redirect::to(&format!("/contracts/{contract}?saved=1")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = contract_page(&state, &user, ui, contract, &errors, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(PageError::app(&ui, other)),
    }
}

async fn show_receipt(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (row, content) = steps::receipt(state.app(), &user.caller(Source::Web), id).await?;
    Ok(crate::receipts::response(&row, content))
}
