//! Tranches a bank paid before emgek, from a file: each checked as a typed one is, ordered and
//! disbursed in the programme's ledger (`social_contract::imported::check_payment`).

use super::*;

/// `contract_number, tranche, amount_som, paid_on`: a tranche the bank paid before emgek
/// (`social_contract::imported::check_payment`), disbursed in the programme's ledger. A
/// tranche held is held if its amount is the same and rejected (`payment.tranche_ordered`)
/// if not.
pub(in crate::records) async fn payment(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    if number.is_empty() {
        return Err(AppError::field("contract_number", "text.required", ""));
    }
    let id = contract_id(pass, number).await?;
    pass.first_time("tranche", &format!("{number} {}", v[1].trim())).map_err(AppError::Invalid)?;
    // The contract and its orders read once (with the rows ahead, `payments_ahead`).
    if !pass.held.funded.tranches.contains_key(&id) {
        room_for_tranches(pass, 1);
        let orders = pass.app.store.payment_orders(id).await?;
        hold_tranches(&mut pass.held.funded, &[id], orders);
    }
    if !pass.held.funded.payment_contexts.contains_key(&id) {
        let context = within_reach(payment_context(pass.app, pass.caller, id).await)?;
        if pass.held.funded.payment_contexts.len() >= CONTRACTS_KEPT {
            pass.held.funded.payment_contexts.clear();
        }
        pass.held.funded.payment_contexts.insert(id, context);
    }
    let tranches = &pass.held.funded.tranches[&id];
    let tranche = v[1].trim().parse::<i64>().ok();
    let held = tranche.and_then(|t| tranches.get(&t)).copied();
    let paid_before: i64 = tranches.iter().filter(|(t, _)| Some(**t) != tranche).map(|(_, t)| t.amount).sum();
    let context = pass.held.funded.payment_contexts.get(&id).and_then(Option::as_ref).ok_or(AppError::NotFound)?;
    let today = pass.app.clock.today();
    if let Some(held) = held {
        let c = &context.c;
        let typed = emgek_domain::Money::parse_major(&v[2], emgek_domain::Currency::KGS).map(|m| m.minor());
        if typed != Ok(held.amount) {
            return Err(AppError::field("tranche", "payment.tranche_ordered", v[1].trim()));
        }
        // An order held and waiting for the bank, now paid: the bank's confirmation.
        let mut errors = Vec::new();
        let paid_on = check_paid_on(today, &v[3], c.contract.starts, &mut errors);
        let reference = crate::keys::register_ref(&mut errors, "bank_reference", &v[4]);
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let (Some(on), false) = (paid_on, held.paid) else { return Ok(Outcome::Held) };
        if pass.write {
            let order = held.order.ok_or(AppError::NotFound)?;
            let reference = reference.unwrap_or_else(|| format!("import-{id}-{}", v[1].trim()));
            let confirmation = Confirmation {
                order_id: order,
                paid: true,
                bank_reference: &reference,
                programme_id: c.programme_id,
                on,
                told: &[],
            };
            pass.app.store.confirm_payment(&pass.caller.actor(), &confirmation).await?;
        }
        let t = tranche.unwrap_or_default();
        pass.held.funded.tranches.entry(id).or_default().insert(t, Tranche { paid: true, ..held });
        return Ok(Outcome::Added);
    }
    let form = PaymentForm {
        contract_id: id,
        tranche: &v[1],
        amount_som: &v[2],
        paid_on: &v[3],
        bank_reference: &v[4],
        paid_before,
    };
    let checked = check_payment_in(context, &form, today)?;
    // Its order's id is known once its batch is written; a file names a tranche once, and the
    // next file reads the orders again.
    let t = Tranche { order: None, amount: checked.amount_tyiyn, paid: checked.paid_on.is_some() };
    pass.held.funded.tranches.entry(id).or_default().insert(checked.tranche_no, t);
    // Written with the next batch (`Pass::flush`).
    pass.queue(Queued::Payment(checked));
    Ok(Outcome::Added)
}
