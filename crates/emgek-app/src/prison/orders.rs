//! Customers' orders: an order and its lines, deliveries (each recorded
//! as a sale, so revenue follows), invoices for what was delivered, and their payments, each
//! bank reference paid once.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_store::prison::NewOrder;
use time::Date;

use super::{invalid, required, som, whole};
use crate::programmes::date;
use crate::{App, AppError, Caller};

/// An order as typed: its customer, dates and lines of (product, quantity, price a unit in som),
/// and the workshop's own number of it when it comes from a file (blank when typed).
pub struct OrderForm<'a> {
    pub customer: &'a str,
    pub ordered_on: &'a str,
    pub due_on: &'a str,
    pub lines: Vec<(&'a str, &'a str, &'a str)>,
    pub reference: &'a str,
}

pub async fn create_order(app: &App, caller: &Caller, workshop: i64, f: OrderForm<'_>) -> Result<i64, AppError> {
    let new = check_order(app, caller, workshop, f).await?;
    Ok(app.store.create_order(&caller.actor(), &new).await?)
}

/// Checks an order as `create_order` does, writing nothing.
pub async fn check_order(app: &App, caller: &Caller, workshop: i64, f: OrderForm<'_>) -> Result<NewOrder, AppError> {
    app.reach(caller).workshop(Permission::RunEnterprises, workshop).await?;
    let mut errors = Vec::new();
    let reference = crate::keys::register_ref(&mut errors, "order", f.reference);
    let customer = required(&mut errors, "customer", f.customer, 200);
    let ordered_on = date(&mut errors, "ordered_on", f.ordered_on);
    let due_on = date(&mut errors, "due_on", f.due_on);
    if let (Some(o), Some(d)) = (ordered_on, due_on)
        && d < o
    {
        errors.push(FieldError::new("due_on", "order.due_before_ordered", d.to_string()));
    }
    let mut lines = Vec::new();
    for (i, (product, quantity, price)) in f.lines.iter().enumerate() {
        let field = |name: &str| format!("lines[{i}].{name}");
        let product = required(&mut errors, &field("product"), product, 120);
        let quantity = whole(&mut errors, &field("quantity"), quantity);
        if quantity == 0 && !errors.iter().any(|e| e.field == field("quantity")) {
            errors.push(FieldError::new(field("quantity"), "production.quantity_positive", "0"));
        }
        let price = som(&mut errors, &field("unit_price"), price);
        lines.push((product, quantity, price));
    }
    if lines.is_empty() {
        errors.push(FieldError::new("lines", "order.no_lines", ""));
    }
    invalid(errors)?;
    Ok(NewOrder {
        workshop_id: workshop,
        reference,
        customer,
        ordered_on: ordered_on.expect("checked"),
        due_on: due_on.expect("checked"),
        lines,
    })
}

/// What a file says was delivered of an order's one line: `None` when nothing (a blank or 0).
/// Never more than ordered (`order.over_delivery`), on a day a date of the order or after
/// (`order.delivered_before_ordered`), and not in the future.
pub fn check_delivered(
    app: &App,
    order: &NewOrder,
    (delivered, delivered_on): (&str, &str),
) -> Result<Option<(Date, i64)>, AppError> {
    let mut errors = Vec::new();
    let quantity = whole(&mut errors, "delivered", super::empty_is_zero(delivered));
    if quantity == 0 {
        return invalid(errors).map(|()| None);
    }
    if order.lines.first().is_some_and(|(_, ordered, _)| quantity > *ordered) {
        errors.push(FieldError::new("delivered", "order.over_delivery", delivered.trim()));
    }
    let on = date(&mut errors, "delivered_on", delivered_on);
    match on {
        Some(on) if on < order.ordered_on => {
            errors.push(FieldError::new("delivered_on", "order.delivered_before_ordered", on.to_string()))
        }
        Some(on) if on > app.clock.today() => {
            errors.push(FieldError::new("delivered_on", "date.future", on.to_string()))
        }
        _ => {}
    }
    invalid(errors)?;
    Ok(on.map(|on| (on, quantity)))
}

/// Delivers part of one of the order's lines.
pub async fn deliver(
    app: &App,
    caller: &Caller,
    order: i64,
    (line, delivered_on, quantity): (&str, &str, &str),
) -> Result<i64, AppError> {
    app.reach(caller).order(Permission::RunEnterprises, order).await?;
    let mut errors = Vec::new();
    let lines = app.store.order_lines(order).await?;
    let line = line.trim().parse::<i64>().ok().filter(|l| lines.iter().any(|x| x.order_line_id == *l));
    if line.is_none() {
        errors.push(FieldError::new("order_line", "order.line_unknown", ""));
    }
    let on = date(&mut errors, "delivered_on", delivered_on);
    let quantity_value = whole(&mut errors, "delivered_quantity", quantity);
    if quantity_value == 0 && !errors.iter().any(|e| e.field == "delivered_quantity") {
        errors.push(FieldError::new("delivered_quantity", "production.quantity_positive", quantity));
    }
    invalid(errors)?;
    let by = caller.actor();
    Ok(app.store.deliver(&by, line.expect("checked"), on.expect("checked"), quantity_value).await?)
}

/// Invoices what was delivered and not yet invoiced, under the invoice's number.
pub async fn invoice(
    app: &App,
    caller: &Caller,
    order: i64,
    (number, issued_on): (&str, &str),
) -> Result<i64, AppError> {
    app.reach(caller).order(Permission::RunEnterprises, order).await?;
    let mut errors = Vec::new();
    let number = required(&mut errors, "invoice_number", number, 40);
    let on = date(&mut errors, "issued_on", issued_on);
    invalid(errors)?;
    Ok(app.store.invoice(&caller.actor(), order, &number, on.expect("checked")).await?)
}

/// Records a payment of an invoice of the order; `false` when the bank reference was recorded
/// already (nothing is paid twice).
pub async fn pay(
    app: &App,
    caller: &Caller,
    invoice: i64,
    (paid_on, amount, reference): (&str, &str, &str),
) -> Result<bool, AppError> {
    let inv = app.store.invoice_by_id(invoice).await?;
    app.reach(caller).order(Permission::RunEnterprises, inv.order_id).await?;
    let mut errors = Vec::new();
    let on = date(&mut errors, "paid_on", paid_on);
    let amount = match Money::parse_major(amount, Currency::KGS) {
        Ok(m) if m.minor() > 0 => m.minor(),
        _ => {
            errors.push(FieldError::new("paid_amount", "money.positive", amount.trim()));
            0
        }
    };
    let reference = required(&mut errors, "reference", reference, 80);
    invalid(errors)?;
    Ok(app.store.pay_invoice(&caller.actor(), invoice, on.expect("checked"), amount, &reference).await?)
}
