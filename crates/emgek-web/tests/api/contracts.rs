//! Social contracts through the API: signing, tranches, reports, termination, refunds, graduation.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::json;

use crate::applications::*;
use crate::helpers::{TestApp, add_user};

/// A trained family of the call with an approved 45,000-som plan, funded by a committed
/// allocation: the household and its draft contract.
pub(crate) async fn funded_contract(admin: &TestApp, call: i64) -> (i64, i64) {
    funded_contract_of(admin, call, family(admin).await).await
}

/// As [`funded_contract`], for a household registered already.
pub(crate) async fn funded_contract_of(admin: &TestApp, call: i64, household: i64) -> (i64, i64) {
    let household = trained(admin, call, household).await;
    let id = submitted_application(admin, call, household).await;
    admin.json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
    let (_, c) = admin
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/commissions"),
            Some(json!({"rayon": "KG-O-KSU", "name": "Kara-Suu", "quorum": 1, "conflict_rule": "none"})),
        )
        .await;
    admin
        .json(
            "POST",
            &format!("/api/v1/commissions/{}/members", c["id"]),
            Some(json!({"user_id": admin.user_id, "aiyl_okmotu": ""})),
        )
        .await;
    let scores = json!({"viability": 8, "market": 7, "local_resources": 5, "jobs": 3});
    admin
        .json(
            "POST",
            &format!("/api/v1/applications/{id}/reviews"),
            Some(json!({"scores": scores, "recommendation": "approve"})),
        )
        .await;
    admin.json("POST", &format!("/api/v1/applications/{id}/decision"), Some(json!({"outcome": "approve"}))).await;
    let (_, run) = admin.json("POST", &format!("/api/v1/calls/{call}/allocation"), Some(json!({"commit": true}))).await;
    let contract = run["contracts"][0][0].as_i64().unwrap();
    (household, contract)
}

pub async fn a_contract_is_signed_paid_once_per_request_terminated_and_refunded(admin: TestApp) {
    let call = open_call(&admin).await;
    let (_, programmes) = admin.json("GET", "/api/v1/programmes", None).await;
    let programme = programmes[0]["id"].as_i64().unwrap();
    let (_, contract) = funded_contract(&admin, call).await;

    let pay = json!({"tranche": 1, "idempotency_key": "order-2024-0001"});
    let (status, body) = admin.json("POST", &format!("/api/v1/contracts/{contract}/payments"), Some(pay.clone())).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("payment.contract_not_signed"))
    );
    let (status, signed) = admin.json("POST", &format!("/api/v1/contracts/{contract}/sign"), None).await;
    assert_eq!((status, signed["status"].as_str()), (StatusCode::OK, Some("signed")));
    let (status, first) =
        admin.json("POST", &format!("/api/v1/contracts/{contract}/payments"), Some(pay.clone())).await;
    assert_eq!((status, first["amount"].as_i64()), (StatusCode::CREATED, Some(6_650_000)), "70% of 95,000 som");
    let (status, again) =
        admin.json("POST", &format!("/api/v1/contracts/{contract}/payments"), Some(pay.clone())).await;
    assert_eq!(
        (status, again["id"].clone()),
        (StatusCode::OK, first["id"].clone()),
        "the retried request is the same order"
    );
    let (status, body) = admin
        .json(
            "POST",
            &format!("/api/v1/contracts/{contract}/payments"),
            Some(json!({"tranche": 1, "idempotency_key": "another"})),
        )
        .await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("payment.tranche_ordered")));

    let (status, file) = admin.post_text("/api/v1/payments/bank-file").await;
    assert_eq!(status, StatusCode::OK);
    let order = first["id"].as_i64().unwrap();
    assert!(file.contains(&format!("{order},SC-")) && file.contains("Асанов Айбек,66500.00"), "{file}");
    let (status, print) = admin.page(&format!("/contracts/{contract}"), "ru").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        print.contains("Социальный контракт № SC-") && print.contains("Вернуть грант, если контракт нарушен"),
        "the printable contract, in Russian"
    );
    assert!(print.contains("21503198501001"), "the case worker's print shows the PIN");
    let auditor_id = add_user(&admin.store, "eu-auditor", &[(Role::Auditor, "country")], false).await;
    let auditor = TestApp::signed_in(admin.store.clone(), auditor_id).await;
    let (_, masked) = auditor.page(&format!("/contracts/{contract}"), "ky").await;
    assert!(
        masked.contains("Социалдык келишим") && !masked.contains("21503198501001") && masked.contains("**********1001")
    );
    assert!(print.contains(&format!("/contracts/{contract}/contract.pdf?lang=ky")), "the print page offers the PDF");
    for (reader, lang) in [(&admin, "ky"), (&admin, "ru"), (&auditor, "")] {
        let (status, headers, pdf) =
            reader.download(&format!("/contracts/{contract}/contract.pdf?lang={lang}"), "en").await;
        assert_eq!(status, StatusCode::OK, "the contract as PDF in {lang:?}");
        assert_eq!(headers["content-type"], "application/pdf");
        assert_eq!(headers["cache-control"], "no-store", "a file naming a family is not kept by caches");
        assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    }
    let (status, _, _) = admin.download(&format!("/contracts/{contract}/contract.pdf?lang=xx"), "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no PDF in a language emgek does not speak");
    let (_, file_again) = admin.post_text("/api/v1/payments/bank-file").await;
    assert_eq!(file_again.lines().count(), 1, "an order goes to the bank once");
    let confirmation = format!("payment_order_id,status,bank_reference,value_date\n{order},paid,BANK-77,2024-04-01\n");
    for _ in 0..2 {
        let (status, report) =
            admin.raw("POST", "/api/v1/payments/confirmations", "text/csv", confirmation.clone().into_bytes()).await;
        assert_eq!((status, report["paid"].as_u64()), (StatusCode::OK, Some(1)), "{report}");
    }
    let (_, k) = admin.json("GET", &format!("/api/v1/contracts/{contract}"), None).await;
    assert_eq!(
        (k["status"].as_str(), k["starts"].as_str(), k["disbursed"].as_i64(), k["committed"].as_i64()),
        (Some("active"), Some("2024-04-01"), Some(6_650_000), Some(2_850_000)),
        "paid once though confirmed twice"
    );
    let (status, body) = admin
        .json("POST", &format!("/api/v1/contracts/{contract}/extend"), Some(json!({"months": 7, "reason": "illness"})))
        .await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::CONFLICT, Some("contract.extension_too_long"))
    );
    let (status, k) = admin
        .json(
            "POST",
            &format!("/api/v1/contracts/{contract}/extend"),
            Some(json!({"months": 2, "reason": "fire in the barn"})),
        )
        .await;
    assert_eq!((status, k["ends"].as_str()), (StatusCode::OK, Some("2025-06-01")));

    let (status, k) = admin
        .json(
            "POST",
            &format!("/api/v1/contracts/{contract}/terminate"),
            Some(json!({"violation": true, "reason": "the cows were sold"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{k}");
    assert_eq!(
        (k["committed"].as_i64(), k["disbursed"].as_i64(), k["refund_due"].as_i64()),
        (Some(0), Some(0), Some(6_650_000))
    );
    use emgek_domain::social_contract::ledger::Account;
    let repay = json!({"amount_som": "10000", "idempotency_key": "receipt-1"});
    admin.json("POST", &format!("/api/v1/contracts/{contract}/repayments"), Some(repay.clone())).await;
    let (_, k) = admin.json("POST", &format!("/api/v1/contracts/{contract}/repayments"), Some(repay)).await;
    assert_eq!(
        (k["refund_due"].as_i64(), k["recovered"].as_i64()),
        (Some(5_650_000), Some(1_000_000)),
        "one receipt, one repayment"
    );
    let (status, e) = admin
        .json(
            "POST",
            &format!("/api/v1/contracts/{contract}/repayments"),
            Some(json!({"amount_som": "60000", "idempotency_key": "receipt-2"})),
        )
        .await;
    assert_eq!((status, e["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("amount_som")));
    assert_eq!(e["errors"][0]["rule"], "refund.more_than_due", "{e}");

    // The same repayment from the contract page.
    let (_, page) = admin.page(&format!("/contracts/{contract}"), "en").await;
    assert!(page.contains("Refund still owed: 56") && page.contains("Record a repayment"), "what is owed is shown");
    let (status, page) =
        admin.form(&format!("/contracts/{contract}/step"), "step=repay&key=page-1&amount_som=1O00", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("write an amount such as 1200 or 1200.50 (given: 1O00)"), "the typo is named");
    for _ in 0..2 {
        let (status, _) =
            admin.form(&format!("/contracts/{contract}/step"), "step=repay&key=page-1&amount_som=1000", "en").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let ledger = admin.store.ledger(programme).await.unwrap();
    assert_eq!(ledger.contract_balance(contract, Account::RefundDue), 5_550_000, "the form sent twice posts once");
    let ledger = admin.store.ledger(programme).await.unwrap();
    assert!(ledger.balances_hold());
    let total = [Account::Available, Account::Committed, Account::Disbursed, Account::RefundDue, Account::Recovered]
        .map(|a| ledger.balance(a))
        .iter()
        .sum::<i64>();
    assert_eq!(total, -ledger.balance(Account::Appropriation), "every tyiyn of the budget is accounted for");
}

pub async fn a_completed_contract_graduates_the_family_off_the_benefit(admin: TestApp) {
    let call = open_call(&admin).await;
    let (household, contract) = funded_contract(&admin, call).await;
    admin.json("POST", &format!("/api/v1/contracts/{contract}/sign"), None).await;
    for tranche in 1..=2 {
        let (_, order) = admin
            .json(
                "POST",
                &format!("/api/v1/contracts/{contract}/payments"),
                Some(json!({"tranche": tranche, "idempotency_key": format!("t{tranche}")})),
            )
            .await;
        admin.post_text("/api/v1/payments/bank-file").await;
        let csv = format!(
            "payment_order_id,status,bank_reference,value_date\n{},paid,B{tranche},2024-0{}-01\n",
            order["id"],
            tranche + 2
        );
        admin.raw("POST", "/api/v1/payments/confirmations", "text/csv", csv.into_bytes()).await;
    }
    let (status, body) =
        admin.json("POST", &format!("/api/v1/contracts/{contract}/complete"), Some(json!({"on": "2025-02-01"}))).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("contract.too_early")));
    let (status, k) =
        admin.json("POST", &format!("/api/v1/contracts/{contract}/complete"), Some(json!({"on": "2025-03-01"}))).await;
    assert_eq!(
        (status, k["status"].as_str(), k["disbursed"].as_i64()),
        (StatusCode::OK, Some("completed"), Some(9_500_000))
    );
    let (_, h) = admin.json("GET", &format!("/api/v1/households/{household}"), None).await;
    assert_eq!(h["benefit_since"], "", "the family left the benefit");
    let (_, history) = admin.json("GET", &format!("/api/v1/households/{household}/history"), None).await;
    assert_eq!(history[0]["before"]["benefit_monthly_som"], "1500.00");
}
