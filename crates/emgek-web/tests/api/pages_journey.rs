//! A Social Contract from business plan to contract, through the pages a case worker, a
//! commission member and a programme manager use.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::json;

use crate::applications::*;
use crate::helpers::{TestApp, add_user};

fn plan_form(household_ref: &str, price: &str) -> String {
    let mut f = format!(
        "household_ref={household_ref}&sector=agriculture&activity=Dairy&ovop_category=dairy&resource_milk=yes&resource_herbs=yes&local_resources=&own_contribution=5000&jobs=2\
         &line_0_category=livestock&line_0_item=Cow&line_0_quantity=2&line_0_price={price}\
         &line_1_category=premises&line_1_item=Barn&line_1_quantity=1&line_1_price=10000"
    );
    for m in 0..12 {
        f.push_str(&format!("&month_{m}_revenue=12000&month_{m}_costs=4000"));
    }
    f
}

pub async fn a_case_worker_and_a_commission_take_an_application_through_the_pages(admin: TestApp) {
    let call = open_call(&admin).await;
    let household = family(&admin).await;
    let (_, c) = admin
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/commissions"),
            Some(json!({"rayon": "KG-O-KSU", "name": "Kara-Suu", "quorum": 1, "conflict_rule": "same_aiyl_okmotu"})),
        )
        .await;
    let member_id = add_user(&admin.store, "nurlan", &[(Role::CommissionMember, "rayon:KG-O-KSU")], false).await;
    admin
        .json(
            "POST",
            &format!("/api/v1/commissions/{}/members", c["id"]),
            Some(json!({"user_id": member_id, "aiyl_okmotu": "Мады а/о"})),
        )
        .await;
    let worker_id = add_user(&admin.store, "aigul", &[(Role::CaseWorker, "rayon:KG-O-KSU")], false).await;
    let worker = TestApp::signed_in(admin.store.clone(), worker_id).await;
    let member = TestApp::signed_in(admin.store.clone(), member_id).await;

    let (status, html) = worker.page(&format!("/calls/{call}/applications/new?household_ref=KSU-1"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("value=\"KSU-1\""));
    let (status, html) =
        worker.form(&format!("/calls/{call}/applications/new"), &plan_form("KSU-1", "abc"), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Write an amount such as 1200 or 1200.50 (given: abc)"), "the typed value is named");
    assert!(!html.contains("field-"), "no message id reaches the reader");
    assert!(html.contains("value=\"Dairy\""), "nothing typed is lost");
    assert!(
        html.contains(r#"name="resource_milk" value="yes" checked"#)
            && html.contains(r#"<option value="dairy" selected>"#),
        "the One Village – One Product category and resources ticked are kept"
    );
    let (status, html) =
        worker.form(&format!("/calls/{call}/applications/new"), &plan_form("NOPE-9", "45000"), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("no household with this number in your places"));
    let (status, location) =
        worker.form_location(&format!("/calls/{call}/applications/new"), &plan_form("KSU-1", "45000")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id: i64 = location.trim_start_matches("/applications/").trim_end_matches("?saved=1").parse().unwrap();

    let (status, _) = worker.form(&format!("/applications/{id}/step"), "step=submit", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, submitted) = worker.json("GET", &format!("/api/v1/applications/{id}"), None).await;
    assert_eq!(submitted["assessment"]["eligible"], false, "no training attended");
    let (_, ru) = worker.page(&format!("/applications/{id}"), "ru").await;
    assert!(
        ru.contains("молочные продукты") && ru.contains("молоко, травы"),
        "the category and resources, named: {ru}"
    );
    let (_, page) = worker.page(&format!("/applications/{id}"), "ky").await;
    assert!(
        page.contains("тапшырылды") && page.contains("үй-бүлөгө көмөк алат"),
        "the status and each rule, in Kyrgyz"
    );
    let (status, _) = worker.form(&format!("/applications/{id}/step"), "step=approve", "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a case worker does not decide");

    assert_eq!(
        member.form(&format!("/applications/{id}/step"), "step=start_review", "en").await.0,
        StatusCode::SEE_OTHER
    );
    let (status, html) = member
        .form(
            &format!("/applications/{id}/reviews"),
            "score_viability=8&score_market=7&score_local_resources=5&score_jobs=3",
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("give a recommendation"));
    let review =
        "score_viability=8&score_market=7&score_local_resources=5&score_jobs=3&recommendation=approve&comment=good";
    assert_eq!(member.form(&format!("/applications/{id}/reviews"), review, "en").await.0, StatusCode::SEE_OTHER);
    let (status, html) = member.form(&format!("/applications/{id}/step"), "step=approve", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an ineligible family cannot be approved");
    assert!(html.contains("did not meet every eligibility rule"));
    // Returned, the family attends the training and applies again.
    assert_eq!(
        member.form(&format!("/applications/{id}/step"), "step=return&reason=attend+the+training", "en").await.0,
        StatusCode::SEE_OTHER
    );
    let today = time::OffsetDateTime::now_utc().date();
    let (status, html) = worker
        .form(&format!("/calls/{call}/trainings"), &format!("title=Plans&held_on={today}&rayon=KG-C-SOK"), "en")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "not her rayon");
    assert!(html.contains("this place is outside the places you work in"));
    assert_eq!(
        worker
            .form(&format!("/calls/{call}/trainings"), &format!("title=Plans&held_on={today}&rayon=KG-O-KSU"), "en")
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    let training = admin.store.trainings(call).await.unwrap()[0].0;
    assert_eq!(
        worker
            .form(&format!("/calls/{call}/attendance"), &format!("training={training}&household_ref=KSU-1"), "en")
            .await
            .0,
        StatusCode::SEE_OTHER
    );
    assert!(admin.store.attended_training(call, household).await.unwrap());
    assert_eq!(worker.form(&format!("/applications/{id}/step"), "step=submit", "en").await.0, StatusCode::SEE_OTHER);
    assert_eq!(
        member.form(&format!("/applications/{id}/step"), "step=start_review", "en").await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        member.form(&format!("/applications/{id}/step"), "step=approve", "en").await.0,
        StatusCode::SEE_OTHER,
        "the member's earlier review still counts"
    );
    let (_, page) = member.page(&format!("/applications/{id}"), "ru").await;
    assert!(page.contains("одобрена") && page.contains(">23<"), "approved, with the member's 23 points");
    let (status, minutes) = member.page(&format!("/calls/{call}/minutes?rayon=KG-O-KSU"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        minutes.contains("Minutes: Kara-Suu")
            && minutes.contains(&format!("/applications/{id}\">{id}<"))
            && minutes.contains("KSU-1")
            && minutes.contains("attend the training"),
        "the minutes list the approval and the earlier return with its reason"
    );
    assert_eq!(
        member.page(&format!("/calls/{call}/minutes?rayon=KG-C-SOK"), "en").await.0,
        StatusCode::NOT_FOUND,
        "no minutes outside the member's rayon"
    );

    let (status, preview) = admin.page(&format!("/calls/{call}/allocation"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        preview.contains("Would be funded")
            && preview.contains(&format!("/applications/{id}\">{id}<"))
            && preview.contains("funded")
    );
    assert_eq!(
        worker.page(&format!("/calls/{call}/allocation"), "en").await.0,
        StatusCode::FORBIDDEN,
        "only programme managers allocate"
    );
    let (status, location) = admin.form_location(&format!("/calls/{call}/allocation"), "x=1").await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, format!("/calls/{call}/allocation?contracts=1").as_str())
    );
    let (_, page) = worker.page(&format!("/applications/{id}"), "en").await;
    assert!(page.contains("Social contract: <a href=\"/contracts/"), "the funded application links its contract");

    // The contract's life in its page.
    let contract = admin.store.contract_of(id).await.unwrap().unwrap().contract_id;
    assert_eq!(worker.form(&format!("/contracts/{contract}/step"), "step=sign", "en").await.0, StatusCode::SEE_OTHER);
    assert_eq!(
        worker.form(&format!("/contracts/{contract}/step"), "step=order&tranche=1&key=k1", "en").await.0,
        StatusCode::NOT_FOUND,
        "case workers do not order payments"
    );
    for _ in 0..2 {
        assert_eq!(
            admin.form(&format!("/contracts/{contract}/step"), "step=order&tranche=1&key=form-key-1", "en").await.0,
            StatusCode::SEE_OTHER
        );
    }
    assert_eq!(admin.store.payment_orders(contract).await.unwrap().len(), 1, "the form sent twice ordered once");
    let (status, file) = admin.form("/payments/bank-file.csv", "", "en").await;
    assert_eq!(status, StatusCode::OK);
    let order = admin.store.payment_orders(contract).await.unwrap()[0].payment_order_id;
    assert!(
        file.starts_with("payment_order_id,contract_number,recipient,amount_som")
            && file.contains(&format!("{order},SC-")),
        "{file}"
    );
    let today = time::OffsetDateTime::now_utc().date();
    let csv =
        format!("payment_order_id,status,bank_reference,value_date\n{order},paid,B1,{today}\n999,paid,B2,{today}\n");
    let body = serde_urlencoded::to_string([("confirmations", csv.as_str())]).unwrap();
    let (status, html) = admin.form("/payments", &body, "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("paid: 1") && html.contains("3: no such payment order"), "{html}");
    let (_, overdue) = worker.page(&format!("/calls/{call}/overdue"), "en").await;
    assert!(overdue.contains("No report is overdue."), "the term started this month");
    let month = format!("{}-{:02}", today.year(), u8::from(today.month()));
    let (_, page) = worker.page(&format!("/contracts/{contract}"), "en").await;
    assert!(page.contains("<label for=\"purchase_0\">Cow × 2</label>"), "each budget line can be reported on");
    let (status, html) = worker
        .form(
            &format!("/contracts/{contract}/reports"),
            &format!("month={month}&revenue_som=12000&costs_som=4000&jobs=two&purchase_0=9O000"),
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Jobs: write a whole number such as 3 (given: two)")
            && html.contains("write an amount such as 1200 or 1200.50 (given: 9O000)"),
        "both typos are named, none becomes a zero"
    );
    assert!(
        html.contains("name=\"jobs\" type=\"text\" inputmode=\"numeric\" value=\"two\"")
            && html.contains("value=\"9O000\"")
            && html.contains("value=\"12000\""),
        "what was typed is still in the form"
    );
    let report =
        format!("month={month}&revenue_som=12000&costs_som=4000&jobs=2&receipts=No.+7%3B+No.+8&purchase_0=90000");
    assert_eq!(worker.form(&format!("/contracts/{contract}/reports"), &report, "en").await.0, StatusCode::SEE_OTHER);
    let saved = &admin.store.reports(contract).await.unwrap()[0];
    assert!(saved.purchases_json.contains("\"line\":0") && saved.purchases_json.contains("9000000"), "{saved:?}");
    assert_eq!(saved.jobs, 2);
    let (status, html) = worker.form(&format!("/contracts/{contract}/reports"), &report, "en").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("this month has been reported already"));

    // Receipts: a photo from the page, a scan through the API; the same photo twice is one.
    let report = saved.monthly_report_id;
    let photo = [&b"\x89PNG\r\n\x1a\n"[..], &[7u8; 64]].concat();
    let upload = format!("/reports/{report}/receipts");
    let (status, location) = worker.upload(&upload, "receipt", "чек №7.png", &photo).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, format!("/contracts/{contract}?saved=1").as_str()));
    assert_eq!(worker.upload(&upload, "receipt", "again.png", &photo).await.0, StatusCode::SEE_OTHER);
    let (status, html) = worker.upload(&upload, "receipt", "notes.html", b"<script>alert(1)</script>").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Receipt: attach a photo (JPEG or PNG) or a PDF scan (given: notes.html)."), "{html}");
    let (status, created) = worker
        .raw(
            "POST",
            &format!("/api/v1/reports/{report}/receipts?name=scan.pdf"),
            "application/pdf",
            b"%PDF-1.4 scan".to_vec(),
        )
        .await;
    assert_eq!((status, created["content_type"].as_str()), (StatusCode::CREATED, Some("application/pdf")), "{created}");
    let big = [&photo[..], &vec![0u8; emgek_domain::social_contract::monitoring::RECEIPT_MAX_BYTES]].concat();
    let (status, refused) =
        worker.raw("POST", &format!("/api/v1/reports/{report}/receipts?name=big.png"), "image/png", big).await;
    assert_eq!(
        (status, refused["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("receipt.too_large"))
    );
    let (_, reports) = worker.json("GET", &format!("/api/v1/contracts/{contract}/reports"), None).await;
    let files = reports[0]["attachments"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), 2, "one photo (sent twice) and one scan: {reports}");
    assert_eq!(files[0]["name"], "чек №7.png");
    let (_, page) = worker.page(&format!("/contracts/{contract}"), "en").await;
    assert!(page.contains(&format!("<a href=\"/receipts/{}\">чек №7.png</a>", files[0]["id"])), "the page links it");
    let (status, headers, bytes) = worker.download(&format!("/receipts/{}", files[0]["id"]), "en").await;
    assert_eq!((status, bytes), (StatusCode::OK, photo.clone()), "the photo comes back as it was sent");
    assert_eq!(headers["content-type"], "image/png");
    assert!(headers["content-disposition"].to_str().unwrap().contains("UTF-8''%D1%87%D0%B5%D0%BA"));
    let elsewhere = add_user(&admin.store, "talas-worker", &[(Role::CaseWorker, "rayon:KG-T-BAK")], false).await;
    let elsewhere = TestApp::signed_in(admin.store.clone(), elsewhere).await;
    assert_eq!(elsewhere.download(&format!("/receipts/{}", files[0]["id"]), "en").await.0, StatusCode::NOT_FOUND);
    assert_eq!(elsewhere.upload(&upload, "receipt", "x.png", &photo).await.0, StatusCode::NOT_FOUND);
    let (status, html) = worker
        .form(&format!("/contracts/{contract}/visits"), &format!("visited_on={today}&outcome=closed&reasons="), "en")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("say why the business is struggling or closed"));
    assert_eq!(
        worker.form(&format!("/contracts/{contract}/step"), "step=extend&months=2&reason=illness", "en").await.0,
        StatusCode::SEE_OTHER
    );
    let (status, html) = worker.form(&format!("/contracts/{contract}/step"), "step=complete&on=", "en").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("the term is not over yet"));
    let (_, page) = worker.page(&format!("/contracts/{contract}"), "en").await;
    assert!(
        page.contains("running") && page.contains("14 months") && page.contains("12,000 som"),
        "active, extended to 14 months, the report listed"
    );
}
