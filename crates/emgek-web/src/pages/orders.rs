//! A workshop's customers' orders: the list and a new order, then an order with its lines,
//! deliveries, invoices and payments.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_store::Source;
use emgek_store::prison::{FacilityRow, OrderRow, WorkshopRow};

use super::applications::som;
use super::form::Saved;
use super::form::{Failed, FieldView, Sent, choose, refusal, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::scope::workshop_within;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison::orders as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/workshops/{id}/orders"), get(list).post(create))
        .route(declared("/orders/{id}"), get(show))
        .route(declared("/orders/{id}/deliveries"), post(deliver))
        .route(declared("/orders/{id}/invoices"), post(invoice))
        .route(declared("/orders/{id}/payments"), post(pay))
}

/// An order as a line of a table: customer, dates and money.
pub struct OrderLine {
    pub id: i64,
    pub customer: String,
    pub ordered_on: String,
    pub due_on: String,
    /// Ordered, delivered, invoiced, paid.
    pub money: [String; 4],
}

fn order_line(ui: &Ui, o: &OrderRow) -> OrderLine {
    OrderLine {
        id: o.order_id,
        customer: o.customer.clone(),
        ordered_on: ui.tr.date(&o.ordered_on),
        due_on: ui.tr.date(&o.due_on),
        money: [o.ordered_tyiyn, o.delivered_tyiyn, o.invoiced_tyiyn, o.paid_tyiyn].map(|v| som(ui, v)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/orders.html")]
struct OrdersPage {
    ui: Ui,
    workshop: WorkshopRow,
    facility: FacilityRow,
    orders: Vec<OrderLine>,
    form: Vec<FieldView>,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<OrdersPage, PageError> {
    let caller = user.caller(Source::Web);
    let (workshop, facility) = workshop_within(state, user, Permission::ReadEnterprises, id).await?;
    let orders = state.store.orders(id).await?.iter().map(|o| order_line(&ui, o)).collect();
    let form = if caller.may_in(Permission::RunEnterprises, &facility.code) {
        let today = state.app().clock.today().to_string();
        vec![
            failed.field(&ui, "order", "customer", "").required(),
            failed.field(&ui, "order", "ordered_on", &today).required().input("date"),
            failed.field(&ui, "order", "due_on", "").required().input("date"),
            failed.field(&ui, "order", "product", "").required(),
            failed.field(&ui, "order", "quantity", "").required().numeric(),
            failed.field(&ui, "order", "unit_price", "").required().numeric(),
        ]
    } else {
        Vec::new()
    };
    Ok(OrdersPage { workshop, facility, orders, form, errors: failed.summary(&ui), saved: false, ui })
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<OrdersPage, PageError> {
    let mut p = list_page(&state, &user, ui, id, Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    Ok(p)
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::OrderForm {
        customer: get("customer"),
        ordered_on: get("ordered_on"),
        due_on: get("due_on"),
        lines: vec![(get("product"), get("quantity"), get("unit_price"))],
        reference: "",
    };
    match steps::create_order(state.app(), &user.caller(Source::Web), id, f).await {
        Ok(order) => Ok(Redirect::to(&format!("/orders/{order}?saved=1")).into_response()),
        Err(problem) => {
            let (status, mut errors) = refusal(problem, "customer")?;
            for e in &mut errors {
                if let Some(name) = e.field.strip_prefix("lines[0].") {
                    e.field = name.to_string();
                }
            }
            Ok((status, list_page(&state, &user, ui, id, Failed::new("order", errors, form)).await?).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/order.html")]
struct OrderPage {
    ui: Ui,
    order: OrderLine,
    workshop: WorkshopRow,
    facility: FacilityRow,
    /// Product, ordered, delivered, price a unit.
    lines: Vec<[String; 4]>,
    /// Number, issued, amount, paid.
    invoices: Vec<[String; 4]>,
    delivery_form: Vec<FieldView>,
    invoice_form: Vec<FieldView>,
    payment_form: Vec<FieldView>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
    /// A payment whose bank reference was recorded before: nothing was paid twice.
    repeated: bool,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct OrderQuery {
    saved: String,
    repeated: String,
}

async fn order_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<OrderPage, PageError> {
    let caller = user.caller(Source::Web);
    let (order, workshop, facility) = crate::scope::order_within(state, user, Permission::ReadEnterprises, id).await?;
    let order_lines = state.store.order_lines(id).await?;
    let invoices = state.store.invoices(id).await?;
    let runs = caller.may_in(Permission::RunEnterprises, &facility.code);
    let today = state.app().clock.today().to_string();
    let (delivery_form, invoice_form, payment_form) = if runs {
        let open: Vec<(String, String)> = std::iter::once(choose(&ui))
            .chain(order_lines.iter().filter(|l| l.delivered < l.quantity).map(|l| {
                (l.order_line_id.to_string(), format!("{} ({})", l.product, ui.tr.number(l.quantity - l.delivered)))
            }))
            .collect();
        let unpaid: Vec<(String, String)> = std::iter::once(choose(&ui))
            .chain(invoices.iter().filter(|i| i.paid_tyiyn < i.amount_tyiyn).map(|i| {
                (i.invoice_id.to_string(), format!("{} · {}", i.number, som(&ui, i.amount_tyiyn - i.paid_tyiyn)))
            }))
            .collect();
        let delivery = if open.len() > 1 {
            vec![
                failed.field(&ui, "delivery", "order_line", "").required().select(open),
                failed.field(&ui, "delivery", "delivered_on", &today).required().input("date"),
                failed.field(&ui, "delivery", "delivered_quantity", "").required().numeric(),
            ]
        } else {
            Vec::new()
        };
        let invoice = if order.delivered_tyiyn > order.invoiced_tyiyn {
            vec![
                failed.field(&ui, "invoice", "invoice_number", "").required(),
                failed.field(&ui, "invoice", "issued_on", &today).required().input("date"),
            ]
        } else {
            Vec::new()
        };
        let payment = if unpaid.len() > 1 {
            vec![
                failed.field(&ui, "payment", "invoice", "").required().select(unpaid),
                failed.field(&ui, "payment", "paid_on", &today).required().input("date"),
                failed.field(&ui, "payment", "paid_amount", "").required().numeric(),
                failed.field(&ui, "payment", "reference", "").required(),
            ]
        } else {
            Vec::new()
        };
        (delivery, invoice, payment)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    Ok(OrderPage {
        order: order_line(&ui, &order),
        lines: order_lines
            .iter()
            .map(|l| [l.product.clone(), ui.tr.number(l.quantity), ui.tr.number(l.delivered), som(&ui, l.unit_price)])
            .collect(),
        invoices: invoices
            .iter()
            .map(|i| [i.number.clone(), ui.tr.date(&i.issued_on), som(&ui, i.amount_tyiyn), som(&ui, i.paid_tyiyn)])
            .collect(),
        workshop,
        facility,
        delivery_form,
        invoice_form,
        payment_form,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        repeated: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<OrderQuery>,
) -> Result<OrderPage, PageError> {
    let mut p = order_page(&state, &user, ui, id, Failed::default()).await?;
    p.saved = !q.saved.is_empty();
    p.repeated = !q.repeated.is_empty();
    Ok(p)
}

/// The order again with the failed form, or the order with "saved".
async fn answer(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    (id, name, conflict_field): (i64, &'static str, &str),
    result: Result<&str, emgek_app::AppError>,
    form: BTreeMap<String, String>,
) -> Result<Response, PageError> {
    let sent = Sent::new(name, form, conflict_field);
    respond(
        ui,
        result,
        sent,
        |flag| format!("/orders/{id}?{flag}=1"),
        async |ui, failed| order_page(state, user, ui, id, failed).await,
    )
    .await
}

async fn deliver(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let fields = (get("order_line"), get("delivered_on"), get("delivered_quantity"));
    let result = steps::deliver(state.app(), &user.caller(Source::Web), id, fields).await.map(|_| "saved");
    answer(&state, &user, ui, (id, "delivery", "delivered_quantity"), result, form).await
}

async fn invoice(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = steps::invoice(state.app(), &user.caller(Source::Web), id, (get("invoice_number"), get("issued_on")))
        .await
        .map(|_| "saved");
    answer(&state, &user, ui, (id, "invoice", "invoice_number"), result, form).await
}

async fn pay(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let invoice = get("invoice").parse::<i64>().unwrap_or(0);
    let belongs = state.store.invoice_by_id(invoice).await.is_ok_and(|i| i.order_id == id);
    let result = if belongs {
        let fields = (get("paid_on"), get("paid_amount"), get("reference"));
        steps::pay(state.app(), &user.caller(Source::Web), invoice, fields)
            .await
            .map(|new| if new { "saved" } else { "repeated" })
    } else {
        Err(emgek_app::AppError::Invalid(vec![emgek_domain::FieldError::new("invoice", "invoice.unknown", "")]))
    };
    answer(&state, &user, ui, (id, "payment", "paid_amount"), result, form).await
}
