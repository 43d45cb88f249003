//! The Social Contract's history brought from files, kind after kind in the order
//! `emgek import country` takes them: applications, the commissions' decisions, contracts,
//! tranches (orders and the bank's confirmations), reports, visits, extensions, graduations,
//! terminations and repayments.

use std::collections::HashMap;

use super::tests::{counts, file, officer, run};
use super::*;
use crate::testing::on_both_backends;

async fn applications_contracts_and_tranches_paid_before_emgek_import_in_their_order_and_again_add_nothing(app: App) {
    emgek_exchange::demo::load_if_empty(&app.store, 50, time::macros::date!(2026 - 12 - 05)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = Caller::operator("root");
    let programmes = "programme,name_ky,name_ru,name_en,effective_from\n\
        sc,Социалдык келишим,Социальный контракт,Social Contract,2024-01-01\n";
    run(&app, &root, &file(dir.path(), Kind::ScProgrammes, "p.csv", programmes, false)).await;
    let calls = "programme,call,opens,closes\nsc,2024,2024-02-01,2024-11-30\n";
    run(&app, &root, &file(dir.path(), Kind::ScCalls, "c.csv", calls, false)).await;
    let households = app.store.household_ids_by_ref("").await.unwrap();
    let [h1, h2, h3, h4] = [0, 1, 2, 3].map(|i| households[i].0.clone());

    let applications = format!(
        "Номер заявки;household_ref;Программа;call;Статус;Сектор;Вид деятельности;Запрошенный грант;\
         Собственный вклад;Рабочие места;Дата подачи\n\
         A-1;{h1};sc;2024;funded;agriculture;Сүт уйлары;100 000;5 000;2;15.03.2024\n\
         A-2;{h2};sc;2024;rejected;trade;Дүкөн;60 000;;1;2024-03-20\n\
         A-3;{h1};sc;2024;funded;trade;Дүкөн;60 000;;1;2024-03-20\n\
         A-4;KG-H-NOBODY;sc;2024;funded;trade;Дүкөн;60 000;;1;2024-03-20\n\
         A-5;{h3};sc;2024;funded;trade;Дүкөн;150 000;;1;2024-03-20\n\
         A-6;{h3};sc;2024;draft;trade;Дүкөн;60 000;;1;2024-03-20\n\
         A-7;{h4};sc;2024;funded;trade;Дүкөн;60 000;;1;2023-01-10\n\
         A-8;{h4};sc;2025;funded;trade;Дүкөн;60 000;;1;2024-03-20\n"
    );
    let f = file(dir.path(), Kind::ScApplications, "applications.csv", &applications, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (8, 2, 0, 6), "{r:?}");
    for rule in [
        "application.open_exists",
        "application.household_unknown",
        "plan.grant_over_cap",
        "application.status_unknown",
        "call.closed",
        "call.unknown",
    ] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let refs: HashMap<String, i64> = app.store.application_refs().await.unwrap().into_iter().collect();
    let funded = app.store.application(refs["A-1"]).await.unwrap();
    assert_eq!((funded.status.code(), funded.grant_requested, funded.plan.jobs), ("funded", 10_000_000, 2));
    assert!(funded.snapshot.is_some() && funded.assessment.is_some() && funded.submitted_seq.is_some());

    // A case worker of a rayon where none of these households lives reaches none of them, nor
    // their applications.
    let mut places = Vec::new();
    for (_, id) in &households[..4] {
        places.push(app.store.household(*id).await.unwrap().fields.rayon);
    }
    let rayons = app.store.rayons().await.unwrap();
    let elsewhere = rayons.iter().find(|r| !places.contains(&r.rayon_code)).unwrap();
    let far = officer("far", emgek_domain::access::Role::CaseWorker, &format!("rayon:{}", elsewhere.rayon_code));
    let theirs = format!(
        "application_ref,household_ref,programme,call,status,sector,activity,grant_requested_som,submitted_on\n\
         A-20,{h2},sc,2024,funded,trade,Дүкөн,60000,2024-03-20\n"
    );
    let r = run(&app, &far, &file(dir.path(), Kind::ScApplications, "far.csv", &theirs, false)).await;
    assert_eq!((r.added, r.rejected_by_rule.get("scope.outside")), (0, Some(&1)), "{r:?}");
    let decided = "application_ref,decided_on,decision,score,reason,minutes\nA-1,20.03.2024,approve,24,,12\n";
    let r = run(&app, &far, &file(dir.path(), Kind::ScDecisions, "far-decisions.csv", decided, false)).await;
    assert_eq!((r.added, r.rejected_by_rule.get("scope.outside")), (0, Some(&1)), "{r:?}");

    // The commission's decisions, from its minutes: each agrees with the status imported.
    let decisions = "Номер заявки;Дата решения;Решение;Средний балл;Причина;Протокол №\n\
        A-1;20.03.2024;одобрить;24,5;;12\n\
        A-2;25.03.2024;approve;12;;12\n\
        A-9;25.03.2024;approve;12;;12\n";
    let f = file(dir.path(), Kind::ScDecisions, "decisions.csv", decisions, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (3, 1, 0, 2), "{r:?}");
    for rule in ["decision.status_differs", "application.unknown"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let rejections = "application_ref,decided_on,decision,score,reason,minutes\n\
        A-2,25.03.2024,отказать,31,,12\nA-2,2024-01-10,reject,12,Слабый план,\n";
    for (row, rule) in rejections.lines().skip(1).zip([
        ["decision.score_over_max", "application.reason_required"].as_slice(),
        ["decision.before_call"].as_slice(),
    ]) {
        let one = format!("application_ref,decided_on,decision,score,reason,minutes\n{row}\n");
        let r = run(&app, &root, &file(dir.path(), Kind::ScDecisions, "bad.csv", &one, false)).await;
        assert_eq!(counts(&r), (1, 0, 0, 1), "{row}: {r:?}");
        for rule in rule {
            assert_eq!(r.rejected_by_rule.get(*rule), Some(&1), "{rule}: {r:?}");
        }
    }
    let rejected = "application_ref,decided_on,decision,score,reason,minutes\n\
        A-2,25.03.2024,четке кагылды,\"12,5\",Бизнес-план жетиштүү эмес,12\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScDecisions, "rejected.csv", rejected, false)).await;
    assert_eq!(counts(&r), (1, 1, 0, 0), "{r:?}");
    let events = app.store.application_events(refs["A-2"]).await.unwrap();
    let last = events.last().expect("the decision's event");
    assert_eq!((last.to_status.as_str(), last.reason.as_str()), ("rejected", "№ 12: Бизнес-план жетиштүү эмес"));
    assert!(app.store.application_decided(refs["A-1"]).await.unwrap());
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (3, 0, 1, 2), "a decision held is held: {r:?}");

    let contracts = "Номер контракта;Номер заявки;Сумма гранта;Дата начала;Срок;Статус\n\
        SC-2024-X-1;A-1;100 000;01.04.2024;12;active\n\
        SC-2024-X-2;A-2;60 000;01.04.2024;12;active\n\
        SC-2024-X-3;A-1;100 000;01.04.2024;12;active\n\
        SC-2024-X-4;A-9;100 000;01.04.2024;12;active\n";
    let f = file(dir.path(), Kind::ScContracts, "contracts.csv", contracts, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (4, 1, 0, 3), "{r:?}");
    for rule in ["contract.application_not_funded", "reference.twice_in_file", "application.unknown"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let contract = app.store.contract_id_by_number("SC-2024-X-1").await.unwrap().expect("imported");

    let payments = "contract_number,tranche,amount_som,paid_on\n\
        SC-2024-X-1,1,70000,2024-04-01\nSC-2024-X-1,2,40000,2024-10-01\nSC-2024-X-1,3,1,2024-10-01\n";
    let f = file(dir.path(), Kind::ScPayments, "payments.csv", payments, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (3, 1, 0, 2), "{r:?}");
    assert_eq!(
        (r.rejected_by_rule.get("payment.over_grant"), r.rejected_by_rule.get("payment.tranche_unknown")),
        (Some(&1), Some(&1))
    );
    // The second tranche ordered and not yet paid: an order waiting for the bank, nothing
    // disbursed.
    let payments = "contract_number,tranche,amount_som,paid_on,bank_reference\n\
        SC-2024-X-1,1,70000,2024-04-01,\nSC-2024-X-1,2,30000,,ПП-77\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScPayments, "again.csv", payments, false)).await;
    assert_eq!(counts(&r), (2, 1, 1, 0), "{r:?}");
    let orders = app.store.payment_orders(contract).await.unwrap();
    let shown = |orders: &[emgek_store::programmes::PaymentOrderRow]| {
        orders.iter().map(|o| (o.amount_tyiyn, o.status.clone(), o.bank_reference.clone())).collect::<Vec<_>>()
    };
    assert_eq!(
        shown(&orders),
        [(7_000_000, "paid".into(), format!("import-{contract}-1")), (3_000_000, "ordered".into(), "ПП-77".into())]
    );
    let ledger = app.store.ledger(funded_programme(&app).await).await.unwrap();
    assert_eq!(ledger.balance(emgek_domain::social_contract::ledger::Account::Disbursed), 7_000_000);
    // The bank's confirmation: the same tranche with the day it was paid settles the order.
    let paid = "contract_number,tranche,amount_som,paid_on,bank_reference\nSC-2024-X-1,2,30000,2024-10-01,ПП-77\n\
        SC-2024-X-1,2,30000,2024-10-01,ПП-77\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScPayments, "paid.csv", paid, false)).await;
    assert_eq!(counts(&r), (2, 1, 0, 1), "{r:?}");
    let orders = app.store.payment_orders(contract).await.unwrap();
    assert_eq!(shown(&orders)[1], (3_000_000, "paid".into(), "ПП-77".into()));
    let r = run(&app, &root, &file(dir.path(), Kind::ScPayments, "paid-again.csv", paid, false)).await;
    assert_eq!(counts(&r), (2, 0, 1, 1), "a confirmation sent twice changes nothing: {r:?}");

    // The contract's reports now import, and the ledger disbursed the whole grant.
    let reports = "contract_number,month,revenue_som,costs_som,jobs\nSC-2024-X-1,2024-05,12000,4000,2\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScReports, "reports.csv", reports, false)).await;
    assert_eq!(counts(&r), (1, 1, 0, 0), "{r:?}");
    let ledger = app.store.ledger(funded_programme(&app).await).await.unwrap();
    assert_eq!(ledger.balance(emgek_domain::social_contract::ledger::Account::Disbursed), 10_000_000);

    // Its visit, extension and graduation.
    let visits = "Номер контракта;Дата посещения;Результат;Причины\n\
        SC-2024-X-1;15.10.2024;operating;\nSC-2024-X-1;15.11.2024;closed;\nSC-2024-X-1;15.12.2024;flourishing;\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScVisits, "visits.csv", visits, false)).await;
    assert_eq!(counts(&r), (3, 1, 0, 2), "{r:?}");
    for rule in ["visit.reasons_required", "visit.outcome_unknown"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    // The day visited is held; the same day with another outcome is not rewritten.
    let again = "contract_number,visited_on,outcome,reasons
        SC-2024-X-1,2024-10-15,operating,
SC-2024-X-1,2024-10-15,closed,Жабык
";
    let r = run(&app, &root, &file(dir.path(), Kind::ScVisits, "again.csv", again, false)).await;
    assert_eq!((counts(&r), r.rejected_by_rule.get("reference.twice_in_file")), ((2, 0, 1, 1), Some(&1)), "{r:?}");
    let other = "contract_number,visited_on,outcome,reasons
SC-2024-X-1,2024-10-15,closed,Жабык
";
    let r = run(&app, &root, &file(dir.path(), Kind::ScVisits, "other.csv", other, false)).await;
    assert_eq!((counts(&r), r.rejected_by_rule.get("visit.exists")), ((1, 0, 0, 1), Some(&1)), "{r:?}");
    assert_eq!(app.store.visits(contract).await.unwrap().len(), 1);
    let extensions = "contract_number,extended_months,reason\nSC-2024-X-1,9,Мал ооруду\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScExtensions, "long.csv", extensions, false)).await;
    assert_eq!(r.rejected_by_rule.get("contract.extension_too_long"), Some(&1), "{r:?}");
    let extensions = "contract_number,extended_months,reason\nSC-2024-X-1,3,Мал ооруду\n";
    let f = file(dir.path(), Kind::ScExtensions, "extensions.csv", extensions, false);
    assert_eq!(counts(&run(&app, &root, &f).await), (1, 1, 0, 0));
    assert_eq!(counts(&run(&app, &root, &f).await), (1, 0, 1, 0));
    // The term ran to July 2025 with its extension: graduating in April is too early.
    let early = "contract_number,graduated_on\nSC-2024-X-1,2025-04-01\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScGraduations, "early.csv", early, false)).await;
    assert_eq!(r.rejected_by_rule.get("contract.too_early"), Some(&1), "{r:?}");
    let graduations = "contract_number,graduated_on\nSC-2024-X-1,01.07.2025\nSC-2024-X-9,01.07.2025\n";
    let f = file(dir.path(), Kind::ScGraduations, "graduations.csv", graduations, false);
    assert_eq!(counts(&run(&app, &root, &f).await), (2, 1, 0, 1));
    assert_eq!(app.store.contract_context(contract).await.unwrap().contract.status, "completed");
    assert_eq!(counts(&run(&app, &root, &f).await), (2, 0, 1, 1));
    // A completed contract is not ended early; an unknown one is named.
    let ended = "Номер контракта;Дата расторжения;Нарушение;Причина\n\
        SC-2024-X-1;01.08.2025;да;Грант колдонулган эмес\nSC-2024-X-9;01.08.2025;нет;Макулдашуу\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScTerminations, "ended.csv", ended, false)).await;
    assert_eq!(counts(&r), (2, 0, 0, 2), "{r:?}");
    assert_eq!(
        (r.rejected_by_rule.get("contract.transition"), r.rejected_by_rule.get("contract.unknown")),
        (Some(&1), Some(&1))
    );
    let repaid = "contract_number,reference,amount_som,repaid_on\nSC-2024-X-1,ПП-1,100,2025-09-01\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScRepayments, "repaid.csv", repaid, false)).await;
    assert_eq!(r.rejected_by_rule.get("refund.more_than_due"), Some(&1), "nothing is due: {r:?}");

    // Again: every record held, the same rows rejected for the same reasons.
    let r = run(&app, &root, &file(dir.path(), Kind::ScApplications, "applications.csv", &applications, false)).await;
    assert_eq!(counts(&r), (8, 0, 2, 6), "{r:?}");
    let r = run(&app, &root, &file(dir.path(), Kind::ScContracts, "contracts.csv", contracts, false)).await;
    assert_eq!(counts(&r), (4, 0, 1, 3), "{r:?}");
}

async fn funded_programme(app: &App) -> i64 {
    app.store.programmes().await.unwrap().iter().find(|p| p.code == "sc").unwrap().programme_id
}

on_both_backends!(applications_contracts_and_tranches_paid_before_emgek_import_in_their_order_and_again_add_nothing);
