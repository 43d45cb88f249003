//! A workshop's month: its production and sales, the inmates' timesheet and the payroll that
//! is previewed from it and then closed. Inmates' names and pay lines are shown only to those
//! who may see inmates; others see the month's totals.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::prison::finance::CostCategory;
use emgek_domain::prison::production::Unit;
use emgek_domain::social_contract::monitoring::{month_of, next_month};
use emgek_store::Source;
use emgek_store::prison::{FacilityRow, WorkshopRow};
use serde::Deserialize;
use time::Date;

use super::applications::som;
use super::form::{Failed, FieldView, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison::{self as steps, last_day};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/workshops/{id}"), get(show))
        .route(declared("/workshops/{id}/production"), post(record_production))
        .route(declared("/workshops/{id}/sales"), post(record_sale))
        .route(declared("/workshops/{id}/timesheet"), post(save_timesheet))
        .route(declared("/workshops/{id}/payroll"), post(close_payroll))
        .route(declared("/workshops/{id}/costs"), post(record_cost))
}

pub struct OutputLine {
    pub on: String,
    pub product: String,
    pub quantity: String,
    pub internal: String,
    pub transfer_price: String,
    pub fed: String,
}

pub struct SaleLine {
    pub on: String,
    pub customer: String,
    pub product: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
}

pub struct PayLineView {
    pub inmate_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub wage: String,
    /// What the days field shows: typed, kept, or empty.
    pub days: String,
    pub gross: String,
    pub withheld: String,
    pub net: String,
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/workshop.html")]
struct WorkshopPage {
    ui: Ui,
    workshop: WorkshopRow,
    facility: FacilityRow,
    month: String,
    month_label: String,
    previous: String,
    next: String,
    output: Vec<OutputLine>,
    sales: Vec<SaleLine>,
    internal_value: String,
    sales_total: String,
    inmates_fed: String,
    assets: Vec<(String, String, String, String)>,
    /// Day, category, description, amount.
    costs: Vec<(String, String, String, String)>,
    costs_total: String,
    /// Revenue less costs and wages.
    profit: String,
    cost_form: Vec<FieldView>,
    /// Names and pay lines, for those who may see inmates.
    lines: Vec<PayLineView>,
    show_inmates: bool,
    workers: String,
    working_days: String,
    gross: String,
    withheld: String,
    net: String,
    closed: String,
    rules_missing: bool,
    min_net: String,
    /// The forms of those who run this workshop; empty for readers.
    production_form: Vec<FieldView>,
    sale_form: Vec<FieldView>,
    can_run: bool,
    errors: Vec<(String, String)>,
    failed: &'static str,
    /// The failed form's errors by field, for fields drawn outside `field.html`.
    field_errors: Vec<(String, String)>,
    whole_month_typed: bool,
    saved: bool,
}

impl WorkshopPage {
    fn has_error(&self, field: &str) -> bool {
        self.field_errors.iter().any(|(f, _)| f == field)
    }

    fn error_of(&self, field: &str) -> Option<String> {
        let messages: Vec<&str> =
            self.field_errors.iter().filter(|(f, _)| f == field).map(|(_, m)| m.as_str()).collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    }

    fn typed_whole_month(&self) -> bool {
        self.whole_month_typed
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MonthQuery {
    month: String,
    saved: String,
}

fn month_code(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), u8::from(d.month()))
}

/// "Сентябрь 2011", "September 2011", "2011-ж., сентябрь".
fn month_label(ui: &Ui, first: Date) -> String {
    let name = ui.tr.t(&format!("month-{}", u8::from(first.month())));
    match ui.lang() {
        emgek_i18n::Lang::Ky => format!("{}-ж., {name}", first.year()),
        _ => format!("{name} {}", first.year()),
    }
}

fn previous_month(first: Date) -> Date {
    month_of(first.previous_day().expect("a day before"))
}

async fn workshop_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    first: Date,
    failed: Failed,
) -> Result<WorkshopPage, PageError> {
    let (workshop, facility) = crate::scope::workshop_within(state, user, Permission::ReadEnterprises, id).await?;
    let last = last_day(first);
    let production = state.store.production(id, first, last).await?;
    let sales = state.store.sales(id, first, last).await?;
    let payroll = steps::payroll(&state.store, id, first).await?;
    let caller = user.caller(Source::Web);
    let reach = |p| caller.may_in(p, &facility.code);
    let show_inmates = reach(Permission::ReadInmates);
    let can_run = reach(Permission::RunEnterprises);
    let unit = |code: &str| ui.tr.t(&format!("unit-{code}"));
    let output = production
        .iter()
        .map(|p| OutputLine {
            on: if p.whole_month { ui.tr.t("production-whole-month") } else { ui.tr.date(&p.produced_on) },
            product: p.product.clone(),
            quantity: format!("{} {}", ui.tr.number(p.quantity), unit(&p.unit)),
            internal: ui.tr.number(p.internal_quantity),
            transfer_price: som(&ui, p.transfer_price),
            fed: if p.inmates_fed > 0 { ui.tr.number(p.inmates_fed) } else { String::new() },
        })
        .collect();
    let internal_value: i64 = production.iter().map(|p| p.internal_quantity.saturating_mul(p.transfer_price)).sum();
    let fed = production.iter().map(|p| p.inmates_fed).max().unwrap_or(0);
    let sales_total: i64 = sales.iter().map(|s| s.amount_tyiyn).sum();
    let cost_rows = state.store.costs(id, first, last).await?;
    let costs_total: i64 = cost_rows.iter().map(|c| c.amount_tyiyn).sum();
    let costs = cost_rows
        .into_iter()
        .map(|c| {
            let category = ui.tr.t(&format!("cost-{}", c.category));
            (ui.tr.date(&c.spent_on), category, c.description, som(&ui, c.amount_tyiyn))
        })
        .collect();
    let sale_lines = sales
        .iter()
        .map(|s| SaleLine {
            on: ui.tr.date(&s.sold_on),
            customer: s.customer.clone(),
            product: s.product.clone(),
            quantity: ui.tr.number(s.quantity),
            unit_price: som(&ui, s.unit_price),
            amount: som(&ui, s.amount_tyiyn),
        })
        .collect();
    let assets = state
        .store
        .assets(id)
        .await?
        .into_iter()
        .map(|a| {
            let source = ui.tr.t(&format!("funding-{}", a.funding_source.replace('_', "-")));
            (a.name, source, som(&ui, a.value_tyiyn), ui.tr.date(&a.acquired_on))
        })
        .collect();
    let typed_days = |inmate: i64| {
        (failed.form == "timesheet").then(|| failed.typed.get(&format!("days_{inmate}")).cloned()).flatten()
    };
    let lines = if show_inmates {
        payroll
            .lines
            .iter()
            .map(|l| {
                let field = format!("days_{}", l.inmate_id);
                let error: Vec<String> =
                    failed.errors.iter().filter(|e| e.field == field).map(|e| ui.tr.field_error(e)).collect();
                PayLineView {
                    inmate_id: l.inmate_id,
                    register_number: l.register_number.clone(),
                    full_name: l.full_name.clone(),
                    wage: som(&ui, l.wage_tyiyn),
                    days: typed_days(l.inmate_id)
                        .unwrap_or_else(|| l.days_worked.map(|d| d.to_string()).unwrap_or_default()),
                    gross: l.pay.as_ref().map(|p| som(&ui, p.gross)).unwrap_or_default(),
                    withheld: l.pay.as_ref().map(|p| som(&ui, p.gross - p.net)).unwrap_or_default(),
                    net: l.pay.as_ref().map(|p| som(&ui, p.net)).unwrap_or_default(),
                    error: (!error.is_empty()).then(|| error.join(" ")),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let kept_days = payroll
        .lines
        .iter()
        .find_map(|l| l.working_days)
        .map_or_else(|| emgek_domain::prison::payroll::weekdays(first).to_string(), |d| d.to_string());
    let working_days = if failed.form == "timesheet" {
        failed.typed.get("working_days").cloned().unwrap_or_default()
    } else {
        kept_days
    };
    let closed = payroll
        .closed
        .as_ref()
        .map(|r| format!("{} · {}", r.closed_by, ui.tr.date(&r.created_at.date())))
        .unwrap_or_default();
    let profit = sales_total + internal_value - costs_total - payroll.gross_tyiyn;
    let cost_form = if can_run {
        let categories = std::iter::once(choose(&ui))
            .chain(CostCategory::ALL.iter().map(|c| (c.code().to_string(), ui.tr.t(&format!("cost-{}", c.code())))))
            .collect();
        let today = state.app().clock.today();
        let day = if (first..=last).contains(&today) { today } else { first }.to_string();
        vec![
            failed.field(&ui, "cost", "spent_on", &day).required().input("date"),
            failed.field(&ui, "cost", "category", "").required().select(categories),
            failed.field(&ui, "cost", "description", "").required(),
            failed.field(&ui, "cost", "amount", "").required().numeric(),
        ]
    } else {
        Vec::new()
    };
    let (production_form, sale_form) = if can_run {
        let today = state.app().clock.today();
        let day = if (first..=last).contains(&today) { today } else { first };
        let units = std::iter::once(choose(&ui))
            .chain(Unit::ALL.iter().map(|u| (u.code().to_string(), unit(u.code()))))
            .collect();
        let on = day.to_string();
        (
            vec![
                failed.field(&ui, "production", "produced_on", &on).required().input("date"),
                failed.field(&ui, "production", "product", "").required(),
                failed.field(&ui, "production", "unit", "").required().select(units),
                failed.field(&ui, "production", "quantity", "").required().numeric(),
                failed.field(&ui, "production", "internal_quantity", "").numeric(),
                failed.field(&ui, "production", "transfer_price", "").numeric(),
                failed.field(&ui, "production", "inmates_fed", "").numeric(),
            ],
            vec![
                failed.field(&ui, "sale", "sold_on", &on).required().input("date"),
                failed.field(&ui, "sale", "customer", "").required(),
                failed.field(&ui, "sale", "sale_product", "").required(),
                failed.field(&ui, "sale", "sale_quantity", "").required().numeric(),
                failed.field(&ui, "sale", "unit_price", "").required().numeric(),
            ],
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(WorkshopPage {
        month: month_code(first),
        month_label: month_label(&ui, first),
        previous: month_code(previous_month(first)),
        next: month_code(next_month(first)),
        output,
        sales: sale_lines,
        internal_value: som(&ui, internal_value),
        sales_total: som(&ui, sales_total),
        inmates_fed: if fed > 0 { ui.tr.number(fed) } else { String::new() },
        assets,
        costs,
        costs_total: som(&ui, costs_total),
        profit: som(&ui, profit),
        cost_form,
        lines,
        show_inmates,
        workers: ui.tr.number(i64::try_from(payroll.lines.len()).unwrap_or(0)),
        working_days,
        gross: som(&ui, payroll.gross_tyiyn),
        withheld: som(&ui, payroll.withheld_tyiyn),
        net: som(&ui, payroll.net_tyiyn),
        closed,
        rules_missing: payroll.inmate_min_net_bp.is_none(),
        min_net: payroll.inmate_min_net_bp.map(|bp| ui.tr.percent(bp)).unwrap_or_default(),
        production_form,
        sale_form,
        can_run,
        errors: failed.summary(&ui),
        field_errors: failed.errors.iter().map(|e| (e.field.clone(), ui.tr.field_error(e))).collect(),
        whole_month_typed: failed.typed.get("whole_month").is_some_and(|v| v == "on"),
        failed: failed.form,
        saved: false,
        workshop,
        facility,
        ui,
    })
}

/// The month asked for (`YYYY-MM`), or the current one.
fn month_or_now(text: &str, today: Date) -> Date {
    steps::month(text).unwrap_or_else(|_| month_of(today))
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<MonthQuery>,
) -> Result<WorkshopPage, PageError> {
    let mut p =
        workshop_page(&state, &user, ui, id, month_or_now(&q.month, state.app().clock.today()), Failed::default())
            .await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

/// The page again with the failed form, or the month with "saved".
async fn answer(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    (id, first): (i64, Date),
    sent: Sent<'_>,
    result: Result<(), emgek_app::AppError>,
) -> Result<Response, PageError> {
    let redirect = |()| format!("/workshops/{id}?month={}&saved=1", month_code(first));
    respond(ui, result, sent, redirect, async |ui, failed| workshop_page(state, user, ui, id, first, failed).await)
        .await
}

fn first_of(form: &BTreeMap<String, String>, key: &str, today: Date) -> Date {
    let text = form.get(key).map(String::as_str).unwrap_or("");
    steps::month(text.get(..7).unwrap_or(text)).unwrap_or_else(|_| month_of(today))
}

async fn record_production(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::OutputForm {
        produced_on: get("produced_on"),
        whole_month: get("whole_month") == "on",
        product: get("product"),
        unit: get("unit"),
        quantity: get("quantity"),
        internal_quantity: get("internal_quantity"),
        transfer_price_som: get("transfer_price"),
        inmates_fed: get("inmates_fed"),
    };
    let result = steps::record_production(state.app(), &user.caller(Source::Web), id, f).await.map(|_| ());
    let first = first_of(&form, "produced_on", state.app().clock.today());
    let sent = Sent { name: "production", typed: form, conflict_field: "product", rename: &[] };
    answer(&state, &user, ui, (id, first), sent, result).await
}

async fn record_sale(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::SaleForm {
        sold_on: get("sold_on"),
        customer: get("customer"),
        product: get("sale_product"),
        quantity: get("sale_quantity"),
        unit_price_som: get("unit_price"),
    };
    let result = steps::record_sale(state.app(), &user.caller(Source::Web), id, f).await.map(|_| ());
    let first = first_of(&form, "sold_on", state.app().clock.today());
    let rename = [("product", "sale_product"), ("quantity", "sale_quantity")];
    let sent = Sent { name: "sale", typed: form, conflict_field: "customer", rename: &rename };
    answer(&state, &user, ui, (id, first), sent, result).await
}

async fn save_timesheet(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let first = first_of(&form, "month", state.app().clock.today());
    let days: Vec<(i64, String)> =
        form.iter().filter_map(|(k, v)| Some((k.strip_prefix("days_")?.parse::<i64>().ok()?, v.clone()))).collect();
    let working = form.get("working_days").map(String::as_str).unwrap_or("");
    let result = steps::save_timesheet(state.app(), &user.caller(Source::Web), id, first, working, &days).await;
    let sent = Sent { name: "timesheet", typed: form, conflict_field: "working_days", rename: &[] };
    answer(&state, &user, ui, (id, first), sent, result).await
}

async fn close_payroll(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let first = first_of(&form, "month", state.app().clock.today());
    let result = steps::close_payroll(state.app(), &user.caller(Source::Web), id, first).await.map(|_| ());
    let result = result.map_err(|p| match p {
        emgek_app::AppError::Invalid(errors) => emgek_app::AppError::Invalid(
            errors
                .into_iter()
                .map(|e| if e.field == "month" { FieldError { field: "payroll".into(), ..e } } else { e })
                .collect(),
        ),
        other => other,
    });
    let sent = Sent { name: "timesheet", typed: BTreeMap::new(), conflict_field: "payroll", rename: &[] };
    answer(&state, &user, ui, (id, first), sent, result).await
}

async fn record_cost(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = emgek_app::prison::finance::CostForm {
        spent_on: get("spent_on"),
        category: get("category"),
        description: get("description"),
        amount_som: get("amount"),
    };
    let result =
        emgek_app::prison::finance::record_cost(state.app(), &user.caller(Source::Web), id, f).await.map(|_| ());
    let first = first_of(&form, "spent_on", state.app().clock.today());
    let sent = Sent { name: "cost", typed: form, conflict_field: "description", rename: &[] };
    answer(&state, &user, ui, (id, first), sent, result).await
}
