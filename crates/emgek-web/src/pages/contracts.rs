//! A contract's page: printable as the contract itself (in the reader's language), with its
//! payments, monthly reports and field visits below the signatures on screen.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use emgek_domain::access::Permission;
use emgek_domain::{Currency, Money};
use emgek_store::StoreError;

use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/contracts/{id}"), get(show_contract))
}

pub struct TrancheLine {
    pub amount: String,
    pub after_months: u32,
}

pub struct PaymentLine {
    pub tranche: i64,
    pub amount: String,
    pub status: String,
    pub reference: String,
}

pub struct ReportLine {
    pub month: String,
    pub revenue: String,
    pub costs: String,
    pub jobs: i64,
}

pub struct VisitLine {
    pub on: String,
    pub outcome: String,
    pub reasons: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/contract.html")]
struct ContractPage {
    ui: Ui,
    number: String,
    status: String,
    rayon: String,
    head_name: String,
    head_pin: String,
    household_ref: String,
    activity: String,
    grant: String,
    term: u32,
    starts: String,
    ends: String,
    tranches: Vec<TrancheLine>,
    payments: Vec<PaymentLine>,
    reports: Vec<ReportLine>,
    visits: Vec<VisitLine>,
    application_id: i64,
}

async fn show_contract(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
) -> Result<ContractPage, PageError> {
    let fail = |e: StoreError| PageError::store(&ui, e);
    let c = state.store.contract_context(id).await.map_err(fail)?;
    if !user.areas(Permission::ReadApplications).contains(&c.oblast, &c.rayon) {
        return Err(PageError::store(&ui, StoreError::NotFound));
    }
    let household = state.store.household(c.household_id).await.map_err(fail)?;
    let sensitive = crate::scope::viewed(&state, &user, &household).await.map_err(fail)?;
    let head = household
        .members
        .iter()
        .find(|m| m.fields.relation == emgek_domain::household::Relation::Head)
        .or(household.members.first());
    let application = state.store.application(c.contract.application_id).await.map_err(fail)?;
    let book = state.store.rule_book(c.programme_id).await.map_err(fail)?;
    let rules = c.rules_from.and_then(|d| book.in_force(d));
    let grant = Money::from_minor(c.contract.grant_tyiyn, Currency::KGS);
    let tranches = rules
        .map(|r| {
            r.tranche_amounts(grant)
                .iter()
                .zip(&r.tranches)
                .map(|(amount, t)| TrancheLine { amount: ui.tr.som(amount), after_months: t.after_months })
                .collect()
        })
        .unwrap_or_default();
    let contract = emgek_store::as_contract(&c.contract).map_err(fail)?;
    let som = |minor: i64| ui.tr.som(&Money::from_minor(minor, Currency::KGS));
    let payments = state
        .store
        .payment_orders(id)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|o| PaymentLine {
            tranche: o.tranche_no,
            amount: som(o.amount_tyiyn),
            status: ui.tr.t(&format!("payment-{}", o.status)),
            reference: o.bank_reference,
        })
        .collect();
    let reports = state
        .store
        .reports(id)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|r| ReportLine {
            month: format!("{:02}.{}", u8::from(r.month.month()), r.month.year()),
            revenue: som(r.revenue_tyiyn),
            costs: som(r.costs_tyiyn),
            jobs: r.jobs,
        })
        .collect();
    let visits = state
        .store
        .visits(id)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|v| VisitLine {
            on: ui.tr.date(&v.visited_on),
            outcome: ui.tr.t(&format!("visit-{}", v.outcome)),
            reasons: v.reasons,
        })
        .collect();
    Ok(ContractPage {
        number: c.contract.number.clone(),
        status: ui.tr.t(&format!("contract-status-{}", c.contract.status)),
        rayon: state.geo.rayon_name(&c.rayon, ui.lang()),
        head_name: head.map(|m| m.fields.full_name.clone()).unwrap_or_default(),
        head_pin: head
            .map(|m| {
                if sensitive { m.fields.pin.to_string() } else { emgek_domain::access::mask_pin(m.fields.pin.as_str()) }
            })
            .unwrap_or_default(),
        household_ref: household.fields.household_ref.clone(),
        activity: application.plan.activity.clone(),
        grant: ui.tr.som(&grant),
        term: contract.term_months + contract.extended_months,
        starts: contract.starts.map(|d| ui.tr.date(&d)).unwrap_or_else(|| "—".into()),
        ends: contract.ends().map(|d| ui.tr.date(&d)).unwrap_or_else(|| "—".into()),
        tranches,
        payments,
        reports,
        visits,
        application_id: c.contract.application_id,
        ui,
    })
}
