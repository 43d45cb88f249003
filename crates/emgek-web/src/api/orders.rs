//! Customers' orders through the API: an order and its lines, deliveries (each a sale),
//! invoices for what was delivered, and payments, each bank reference paid once.

use crate::api::json::Json;
use crate::api::json::Path;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_domain::access::Permission;
use emgek_store::Source;
use emgek_store::prison::{InvoiceRow, OrderLineRow, OrderRow};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

use super::enterprises::som_text;
use crate::auth::CurrentUser;
use crate::auth::routes::declared_api;
use crate::error::{ApiError, ApiErrors};
use crate::scope::order_within;
use crate::scope::workshop_within;
use crate::state::AppState;
use emgek_app::prison::orders as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared_api("/workshops/{id}/orders"), get(list_orders).post(create_order))
        .route(declared_api("/orders/{id}"), get(get_order))
        .route(declared_api("/orders/{id}/deliveries"), post(deliver))
        .route(declared_api("/orders/{id}/invoices"), post(invoice))
        .route(declared_api("/invoices/{id}/payments"), post(pay))
}

#[derive(Serialize, ToSchema)]
pub struct OrderDto {
    pub id: i64,
    pub workshop_id: i64,
    pub customer: String,
    pub ordered_on: Date,
    pub due_on: Date,
    pub ordered_tyiyn: i64,
    pub delivered_tyiyn: i64,
    pub invoiced_tyiyn: i64,
    pub paid_tyiyn: i64,
}

impl From<OrderRow> for OrderDto {
    fn from(o: OrderRow) -> Self {
        Self {
            id: o.order_id,
            workshop_id: o.workshop_id,
            customer: o.customer,
            ordered_on: o.ordered_on,
            due_on: o.due_on,
            ordered_tyiyn: o.ordered_tyiyn,
            delivered_tyiyn: o.delivered_tyiyn,
            invoiced_tyiyn: o.invoiced_tyiyn,
            paid_tyiyn: o.paid_tyiyn,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderLineDto {
    pub id: i64,
    pub product: String,
    pub quantity: i64,
    pub unit_price: i64,
    pub delivered: i64,
}

impl From<OrderLineRow> for OrderLineDto {
    fn from(l: OrderLineRow) -> Self {
        Self {
            id: l.order_line_id,
            product: l.product,
            quantity: l.quantity,
            unit_price: l.unit_price,
            delivered: l.delivered,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct InvoiceDto {
    pub id: i64,
    pub number: String,
    pub issued_on: Date,
    pub amount_tyiyn: i64,
    pub paid_tyiyn: i64,
}

impl From<InvoiceRow> for InvoiceDto {
    fn from(i: InvoiceRow) -> Self {
        Self {
            id: i.invoice_id,
            number: i.number,
            issued_on: i.issued_on,
            amount_tyiyn: i.amount_tyiyn,
            paid_tyiyn: i.paid_tyiyn,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct OrderDetail {
    pub order: OrderDto,
    pub lines: Vec<OrderLineDto>,
    pub invoices: Vec<InvoiceDto>,
}

/// A workshop's orders, newest first.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/orders", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<OrderDto>), (status = 404, body = ApiErrors)))]
pub async fn list_orders(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<OrderDto>>, ApiError> {
    workshop_within(&state, &user, Permission::ReadEnterprises, id).await?;
    Ok(Json(state.store.orders(id).await?.into_iter().map(OrderDto::from).collect()))
}

#[derive(Deserialize, ToSchema)]
pub struct OrderLineBody {
    pub product: String,
    pub quantity: i64,
    /// Tyiyn a unit.
    pub unit_price: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct OrderBody {
    pub customer: String,
    pub ordered_on: Date,
    pub due_on: Date,
    pub lines: Vec<OrderLineBody>,
}

/// Record a customer's order.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/orders", tag = "enterprises", params(("id" = i64, Path)),
    request_body = OrderBody, responses((status = 201, body = OrderDto), (status = 404, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn create_order(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<OrderBody>,
) -> Result<(StatusCode, Json<OrderDto>), ApiError> {
    let (ordered, due) = (b.ordered_on.to_string(), b.due_on.to_string());
    let texts: Vec<(String, String)> =
        b.lines.iter().map(|l| (l.quantity.to_string(), som_text(l.unit_price))).collect();
    let lines = b.lines.iter().zip(&texts).map(|(l, (q, p))| (l.product.as_str(), q.as_str(), p.as_str())).collect();
    let f = steps::OrderForm { customer: &b.customer, ordered_on: &ordered, due_on: &due, lines, reference: "" };
    let order = steps::create_order(state.app(), &user.caller(Source::Api), id, f).await?;
    let row = state.store.order(order).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

/// An order with its lines and invoices.
#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "enterprises", params(("id" = i64, Path)),
    responses((status = 200, body = OrderDetail), (status = 404, body = ApiErrors)))]
pub async fn get_order(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<OrderDetail>, ApiError> {
    let (order, _, _) = order_within(&state, &user, Permission::ReadEnterprises, id).await?;
    let lines = state.store.order_lines(id).await?;
    let invoices = state.store.invoices(id).await?;
    Ok(Json(OrderDetail {
        order: order.into(),
        lines: lines.into_iter().map(OrderLineDto::from).collect(),
        invoices: invoices.into_iter().map(InvoiceDto::from).collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct DeliveryBody {
    pub line_id: i64,
    pub delivered_on: Date,
    pub quantity: i64,
}

/// Deliver part of a line of the order; it is recorded as a sale of the workshop.
#[utoipa::path(post, path = "/api/v1/orders/{id}/deliveries", tag = "enterprises", params(("id" = i64, Path)),
    request_body = DeliveryBody, responses((status = 201), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn deliver(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<DeliveryBody>,
) -> Result<StatusCode, ApiError> {
    let (line, on, quantity) = (b.line_id.to_string(), b.delivered_on.to_string(), b.quantity.to_string());
    steps::deliver(state.app(), &user.caller(Source::Api), id, (&line, &on, &quantity)).await?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, ToSchema)]
pub struct InvoiceBody {
    pub number: String,
    pub issued_on: Date,
}

/// Invoice what was delivered and not yet invoiced.
#[utoipa::path(post, path = "/api/v1/orders/{id}/invoices", tag = "enterprises", params(("id" = i64, Path)),
    request_body = InvoiceBody, responses((status = 201, body = InvoiceDto), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn invoice(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<InvoiceBody>,
) -> Result<(StatusCode, Json<InvoiceDto>), ApiError> {
    let on = b.issued_on.to_string();
    let invoice = steps::invoice(state.app(), &user.caller(Source::Api), id, (&b.number, &on)).await?;
    let row = state.store.invoice_by_id(invoice).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[derive(Deserialize, ToSchema)]
pub struct PaymentBody {
    pub paid_on: Date,
    pub amount_tyiyn: i64,
    /// The bank's reference: the same payment sent twice is recorded once.
    pub reference: String,
}

/// Record a payment of an invoice: 201 when recorded, 200 when this bank reference was
/// recorded before (nothing is paid twice).
#[utoipa::path(post, path = "/api/v1/invoices/{id}/payments", tag = "enterprises", params(("id" = i64, Path)),
    request_body = PaymentBody, responses((status = 201), (status = 200), (status = 404, body = ApiErrors), (status = 409, body = ApiErrors), (status = 422, body = ApiErrors)))]
pub async fn pay(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Json(b): Json<PaymentBody>,
) -> Result<StatusCode, ApiError> {
    let (on, amount) = (b.paid_on.to_string(), som_text(b.amount_tyiyn));
    let new = steps::pay(state.app(), &user.caller(Source::Api), id, (&on, &amount, &b.reference)).await?;
    Ok(if new { StatusCode::CREATED } else { StatusCode::OK })
}
