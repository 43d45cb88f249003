//! The money's way out and back: the bank's file of ordered tranches, and the bank's
//! confirmations, which disburse them in the ledger. National operations: only a caller who
//! sends payments for the whole country takes the file or applies the confirmations.

use emgek_domain::access::Permission;
use emgek_domain::notice::{NoticeEvent, Placeholder};
use emgek_store::StoreError;
use emgek_store::notices::NewNotice;
use emgek_store::programmes::{BankLine, Confirmation};

use crate::{App, AppError, Caller};

/// The first line of a file of confirmations, spaces aside.
pub const CONFIRMATIONS_HEADER: &str = "payment_order_id,status,bank_reference,value_date";

/// What a file of confirmations did: orders paid, orders failed, and the lines not applied
/// with the rule each broke (line 1 is the header).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Confirmations {
    pub paid: u32,
    pub failed: u32,
    pub errors: Vec<(u64, &'static str)>,
}

fn national(caller: &Caller) -> Result<(), AppError> {
    if caller.access.is_national(Permission::SendPayments) { Ok(()) } else { Err(AppError::Refused("scope.national")) }
}

/// Every ordered payment not yet sent, for the bank; they are marked sent.
pub async fn take_bank_file(app: &App, caller: &Caller) -> Result<Vec<BankLine>, AppError> {
    national(caller)?;
    Ok(app.store.take_bank_file(&caller.actor()).await?)
}

/// Applies the bank's confirmations (CSV with [`CONFIRMATIONS_HEADER`]; status `paid` or
/// `failed`; a missing value date is today): paid orders are disbursed in the ledger and the
/// first tranche starts the contract's term on its value date. The same file twice changes
/// nothing; a line that can't be applied is named with its rule and the rest still apply.
pub async fn confirm(app: &App, caller: &Caller, text: &str) -> Result<Confirmations, AppError> {
    national(caller)?;
    let header = text.lines().next().unwrap_or_default().trim().trim_start_matches('\u{feff}');
    if header.replace(' ', "") != CONFIRMATIONS_HEADER {
        let shown: String = header.chars().take(80).collect();
        return Err(AppError::field("confirmations", "confirmations.header", shown));
    }
    let mut report = Confirmations::default();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    for (i, record) in reader.records().enumerate() {
        let line = i as u64 + 2;
        let Ok(r) = record else {
            report.errors.push((line, "csv.malformed"));
            continue;
        };
        let paid = match r.get(1).map(str::trim) {
            Some("paid") => true,
            Some("failed") => false,
            _ => {
                report.errors.push((line, "payment.status_unknown"));
                continue;
            }
        };
        let Some(id) = r.get(0).and_then(|s| s.trim().parse::<i64>().ok()) else {
            report.errors.push((line, "payment.order_unknown"));
            continue;
        };
        let value_date = r.get(3).and_then(emgek_domain::household::parse_date).unwrap_or_else(|| app.clock.today());
        let Ok(facts) = app.store.payment_facts(id).await else {
            report.errors.push((line, "payment.order_unknown"));
            continue;
        };
        let reference = r.get(2).unwrap_or("").trim();
        // Paid: the family is told what reached it, once (the order's key).
        let told: Vec<_> = if paid {
            let number = facts.contract_number.clone();
            crate::notices::to_household(app, facts.household_id, NoticeEvent::TranchePaid, |l| {
                vec![
                    (Placeholder::Number, number),
                    (Placeholder::Amount, crate::notices::amount(l, facts.amount_tyiyn)),
                    (Placeholder::Date, crate::notices::date(l, value_date)),
                ]
            })
            .await?
            .map(|n| NewNotice { event_key: format!("payment:{id}:paid"), ..n })
            .into_iter()
            .collect()
        } else {
            Vec::new()
        };
        let confirmation = Confirmation {
            order_id: id,
            paid,
            bank_reference: reference,
            programme_id: facts.programme_id,
            on: value_date,
            told: &told,
        };
        match app.store.confirm_payment(&caller.actor(), &confirmation).await {
            Ok(_) if paid => report.paid += 1,
            Ok(_) => report.failed += 1,
            Err(StoreError::Conflict(rule)) => report.errors.push((line, rule)),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::{Access, Grant, Role, Scope};
    use emgek_domain::social_contract::ledger::Account;
    use emgek_store::Source;

    use super::*;
    use crate::testing::on_both_backends;

    async fn the_banks_confirmations_apply_once_and_name_each_line_they_cannot(app: App) {
        emgek_exchange::demo::load_if_empty(&app.store, 800, app.clock.today()).await.unwrap();
        crate::demo::create_social_contract_if_none(&app).await.unwrap();
        let ministry = Caller::demo();
        // A signed contract whose first tranche was not ordered yet.
        let contracts = app.store.indicator_facts().await.unwrap().contracts;
        let mut unpaid = None;
        for c in &contracts {
            if app.store.payment_orders(c.contract_id).await.unwrap().is_empty() {
                unpaid = Some(c.contract_id);
            }
        }
        let contract = unpaid.expect("the demonstration leaves a signed contract unpaid");
        let key = "test-tranche-1";
        let (order, _) = super::super::contracts::order_tranche(&app, &ministry, contract, 1, key).await.unwrap();

        let rayon =
            Access::new(vec![Grant { role: Role::Administrator, scope: Scope::parse("rayon:KG-O-KSU").unwrap() }]);
        let local = Caller::user(5, "rayon-admin", rayon, Source::Api, "");
        assert!(matches!(take_bank_file(&app, &local).await, Err(AppError::Refused("scope.national"))));
        let lines = take_bank_file(&app, &ministry).await.unwrap();
        assert_eq!(lines.iter().map(|l| l.payment_order_id).collect::<Vec<_>>(), [order.payment_order_id]);

        let no_header = format!("{},paid,B1,2024-07-02\n", order.payment_order_id);
        let refused = confirm(&app, &ministry, &no_header).await;
        assert!(matches!(refused, Err(AppError::Invalid(e)) if e[0].rule == "confirmations.header"));
        let file = format!(
            "{CONFIRMATIONS_HEADER}\n{},paid,B1,2024-07-02\n999999,paid,B2,2024-07-02\n{},lost,B3,2024-07-02\n",
            order.payment_order_id, order.payment_order_id
        );
        let done = confirm(&app, &ministry, &file).await.unwrap();
        assert_eq!(done.paid, 1);
        assert_eq!(done.errors, [(3, "payment.order_unknown"), (4, "payment.status_unknown")]);
        let ledger = app.store.ledger(1).await.unwrap();
        let disbursed = ledger.contract_balance(contract, Account::Disbursed);
        assert_eq!(disbursed, order.amount_tyiyn);
        confirm(&app, &ministry, &file).await.unwrap();
        let again = app.store.ledger(1).await.unwrap().contract_balance(contract, Account::Disbursed);
        assert_eq!(again, disbursed, "the same file twice pays once");
    }

    on_both_backends!(the_banks_confirmations_apply_once_and_name_each_line_they_cannot);
}
