//! Prison enterprises' money for a period: revenue, costs, wages and profit by facility and
//! workshop and for the nation, the part paid to the state budget, and the funding promised
//! against what was paid out. National administrators record funding here.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::prison::finance::Figures;
use emgek_store::Source;
use serde::Deserialize;
use time::{Date, Month};

use super::applications::som;
use super::form::{Failed, FieldView, choose, refusal};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison::finance as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/enterprises/finance"), get(show))
        .route(declared("/enterprises/funding"), post(add_commitment))
        .route(declared("/enterprises/disbursements"), post(add_disbursement))
}

/// A row of figures as shown: the name, then revenue, costs, wages, profit, to the budget, retained.
pub struct FiguresLine {
    pub name: String,
    pub href: String,
    pub cells: [String; 6],
}

fn line(ui: &Ui, name: String, href: String, f: &Figures) -> FiguresLine {
    FiguresLine {
        name,
        href,
        cells: [f.revenue(), f.costs, f.wages, f.profit, f.to_state_budget, f.retained].map(|v| som(ui, v)),
    }
}

pub struct FundingLine {
    pub id: i64,
    pub source: String,
    pub purpose: String,
    pub committed_on: String,
    pub committed: String,
    pub disbursed: String,
    pub remaining: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/finance.html")]
struct FinancePage {
    ui: Ui,
    from: String,
    to: String,
    /// The headings of the figures' columns.
    columns: Vec<String>,
    national: FiguresLine,
    facilities: Vec<FiguresLine>,
    workshops: Vec<FiguresLine>,
    funding: Vec<FundingLine>,
    commitment_form: Vec<FieldView>,
    disbursement_form: Vec<FieldView>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Period {
    from: String,
    to: String,
    saved: String,
}

/// The period asked for, or this year so far.
fn period(q: &Period, today: Date) -> (Date, Date) {
    let parse = |t: &str| emgek_domain::household::parse_date(t);
    let from =
        parse(&q.from).unwrap_or_else(|| Date::from_calendar_date(today.year(), Month::January, 1).expect("1 January"));
    let to = parse(&q.to).filter(|t| *t >= from).unwrap_or_else(|| today.max(from));
    (from, to)
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    (from, to): (Date, Date),
    failed: Failed,
) -> Result<FinancePage, PageError> {
    let caller = user.caller(Source::Web);
    let f = steps::finance(state.app(), &user.caller(Source::Web), from, to).await?;
    let funding = steps::funding(state.app())
        .await?
        .into_iter()
        .map(|r| FundingLine {
            id: r.funding_commitment_id,
            source: ui.tr.t(&format!("funding-{}", r.source.replace('_', "-"))),
            purpose: r.purpose,
            committed_on: ui.tr.date(&r.committed_on),
            committed: som(&ui, r.amount_tyiyn),
            disbursed: som(&ui, r.disbursed_tyiyn),
            remaining: som(&ui, r.amount_tyiyn - r.disbursed_tyiyn),
        })
        .collect::<Vec<_>>();
    let national_admin = caller.national(Permission::ManageEnterprises);
    let (commitment_form, disbursement_form) = if national_admin {
        let today = state.app().clock.today().to_string();
        let sources = vec![
            choose(&ui),
            ("state_budget".into(), ui.tr.t("funding-state-budget")),
            ("donor_project".into(), ui.tr.t("funding-donor-project")),
        ];
        let facilities = std::iter::once((String::new(), ui.tr.t("funding-whole-programme")))
            .chain(state.store.facilities().await?.into_iter().map(|f| (f.facility_id.to_string(), f.name)))
            .collect();
        let commitments = std::iter::once(choose(&ui))
            .chain(funding.iter().map(|l| (l.id.to_string(), format!("{} · {}", l.purpose, l.committed))))
            .collect();
        (
            vec![
                failed.field(&ui, "commitment", "source", "").required().select(sources),
                failed.field(&ui, "commitment", "purpose", "").required(),
                failed.field(&ui, "commitment", "committed_on", &today).required().input("date"),
                failed.field(&ui, "commitment", "amount", "").required().numeric(),
            ],
            vec![
                failed.field(&ui, "disbursement", "commitment", "").required().select(commitments),
                failed.field(&ui, "disbursement", "facility", "").select(facilities),
                failed.field(&ui, "disbursement", "disbursed_on", &today).required().input("date"),
                failed.field(&ui, "disbursement", "disbursed_amount", "").required().numeric(),
            ],
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(FinancePage {
        from: from.to_string(),
        to: to.to_string(),
        columns: [
            "finance-revenue",
            "finance-costs",
            "finance-wages",
            "finance-profit",
            "finance-to-budget",
            "finance-retained",
        ]
        .into_iter()
        .map(|k| ui.tr.t(k))
        .collect(),
        national: line(&ui, ui.tr.t("finance-national"), String::new(), &f.national),
        facilities: f
            .facilities
            .iter()
            .map(|r| line(&ui, r.facility.clone(), format!("/facilities/{}", r.facility_id), &r.figures))
            .collect(),
        workshops: f
            .workshops
            .iter()
            .map(|r| {
                line(
                    &ui,
                    format!("{} · {}", r.facility, r.workshop),
                    format!("/workshops/{}", r.workshop_id),
                    &r.figures,
                )
            })
            .collect(),
        funding,
        commitment_form,
        disbursement_form,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<Period>,
) -> Result<FinancePage, PageError> {
    let mut p = page(&state, &user, ui, period(&q, state.app().clock.today()), Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

async fn add_commitment(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let fields = (get("source"), get("purpose"), get("committed_on"), get("amount"));
    match steps::add_commitment(state.app(), &user.caller(Source::Web), fields).await {
        Ok(_) => Ok(Redirect::to("/enterprises/finance?saved=1").into_response()),
        Err(problem) => {
            let (status, errors) = refusal(problem, "purpose")?;
            let page = page(
                &state,
                &user,
                ui,
                period(&Period::default(), state.app().clock.today()),
                Failed::new("commitment", errors, form),
            )
            .await?;
            Ok((status, page).into_response())
        }
    }
}

async fn add_disbursement(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let fields = (get("facility"), get("disbursed_on"), get("disbursed_amount"));
    let id = get("commitment").parse::<i64>().unwrap_or(0);
    let result = steps::add_disbursement(state.app(), &user.caller(Source::Web), id, fields).await;
    match result {
        Ok(_) => Ok(Redirect::to("/enterprises/finance?saved=1").into_response()),
        Err(problem) => {
            let (status, mut errors) = refusal(problem, "disbursed_amount")?;
            for e in &mut errors {
                if e.field == "amount" {
                    e.field = "disbursed_amount".into();
                }
            }
            let page = page(
                &state,
                &user,
                ui,
                period(&Period::default(), state.app().clock.today()),
                Failed::new("disbursement", errors, form),
            )
            .await?;
            Ok((status, page).into_response())
        }
    }
}
