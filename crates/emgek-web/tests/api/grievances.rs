//! Grievances through the API: registered, read by whom may read them, moved to their answer.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::json;

use crate::helpers::{TestApp, add_user};

async fn as_role(admin: &TestApp, name: &str, role: Role, scope: &str) -> TestApp {
    let id = add_user(&admin.store, name, &[(role, scope)], false).await;
    TestApp::signed_in(admin.store.clone(), id).await
}

pub async fn a_grievance_is_registered_answered_and_read_back_by_whom_may_read_it(admin: TestApp) {
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-C-SOK").await;
    let complaint = json!({
        "channel": "hotline", "category": "payment.late", "rayon": "KG-C-SOK",
        "name": "Асанова Гүлнара", "contact": "+996 555 123 456", "language": "ky",
        "summary": "Экинчи транш келе элек"
    });
    let (status, opened) = worker.json("POST", "/api/v1/grievances", Some(complaint.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let year = time::OffsetDateTime::now_utc().year();
    assert_eq!(opened["number"], format!("GR-{year}-000001"));
    let id = opened["id"].as_i64().unwrap();

    let (status, bad) =
        worker.json("POST", "/api/v1/grievances", Some(json!({"channel": "fax", "category": "payment.late"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["channel", "summary", "name", "rayon"], "{bad}");
    let mut talas = complaint.clone();
    talas["rayon"] = json!("KG-T-TAL");
    let (status, _) = worker.json("POST", "/api/v1/grievances", Some(talas)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another rayon's grievances are not hers to take");

    assert_eq!(
        worker.json("POST", &format!("/api/v1/grievances/{id}/acknowledge"), None).await.0,
        StatusCode::NO_CONTENT
    );
    let (status, again) = worker.json("POST", &format!("/api/v1/grievances/{id}/acknowledge"), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    let (status, refused) = worker
        .json("POST", &format!("/api/v1/grievances/{id}/extend"), Some(json!({"days": 3, "reason": "банк"})))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a rayon's officer does not extend: {refused}");
    let supervisor = as_role(&admin, "bakyt", Role::CaseWorker, "oblast:KG-C").await;
    let (status, extended) = supervisor
        .json("POST", &format!("/api/v1/grievances/{id}/extend"), Some(json!({"days": 3, "reason": "банк"})))
        .await;
    assert_eq!(status, StatusCode::OK, "{extended}");
    let close = json!({"decision": "upheld", "reason": "Транш 5-декабрда төлөндү"});
    assert_eq!(
        worker.json("POST", &format!("/api/v1/grievances/{id}/close"), Some(close)).await.0,
        StatusCode::NO_CONTENT
    );
    let feedback = json!({"satisfied": true});
    assert_eq!(
        worker.json("POST", &format!("/api/v1/grievances/{id}/feedback"), Some(feedback)).await.0,
        StatusCode::NO_CONTENT
    );

    let (status, read) = worker.json("GET", &format!("/api/v1/grievances/{id}"), None).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    let g = &read["grievance"];
    assert_eq!(
        (g["status"].as_str(), g["decision"].as_str(), g["satisfied"].as_bool()),
        (Some("closed"), Some("upheld"), Some(true))
    );
    assert_eq!(g["answer_by"], extended["answer_by"]);
    assert_eq!(g["complainant_name"], "Асанова Гүлнара");
    let steps: Vec<&str> = read["steps"].as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(steps, ["received", "acknowledged", "extended", "closed", "feedback"]);

    // The auditor reads the register, not who complains nor in what words.
    let auditor = as_role(&admin, "donor", Role::Auditor, "country").await;
    let (status, list) = auditor.json("GET", "/api/v1/grievances", None).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!((list[0]["complainant_name"].as_str(), list[0]["summary"].as_str()), (Some(""), Some("")));
    let (_, open_only) = auditor.json("GET", "/api/v1/grievances?open=true", None).await;
    assert!(open_only.as_array().unwrap().is_empty(), "{open_only}");
    let talas_worker = as_role(&admin, "talas", Role::CaseWorker, "rayon:KG-T-TAL").await;
    assert!(talas_worker.json("GET", "/api/v1/grievances", None).await.1.as_array().unwrap().is_empty());
    assert_eq!(talas_worker.json("GET", &format!("/api/v1/grievances/{id}"), None).await.0, StatusCode::NOT_FOUND);
    let analyst = as_role(&admin, "analyst", Role::HqAnalyst, "country").await;
    assert_eq!(analyst.json("GET", "/api/v1/grievances", None).await.0, StatusCode::FORBIDDEN);
}

pub async fn a_complaint_of_abuse_reaches_only_the_integrity_officers_of_its_place(admin: TestApp) {
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-C-SOK").await;
    let abuse = json!({
        "channel": "hotline", "category": "integrity.abuse", "rayon": "KG-C-SOK", "anonymous": true,
        "summary": "Комиссиянын мүчөсү акча сурады"
    });
    let (status, opened) = worker.json("POST", "/api/v1/grievances", Some(abuse)).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let id = opened["id"].as_i64().unwrap();
    let chui = as_role(&admin, "integrity-chui", Role::IntegrityOfficer, "oblast:KG-C").await;
    for reader in [&worker, &admin, &as_role(&admin, "integrity-talas", Role::IntegrityOfficer, "oblast:KG-T").await] {
        assert_eq!(reader.json("GET", &format!("/api/v1/grievances/{id}"), None).await.0, StatusCode::NOT_FOUND);
        assert!(reader.json("GET", "/api/v1/grievances", None).await.1.as_array().unwrap().is_empty());
    }
    let (status, read) = chui.json("GET", &format!("/api/v1/grievances/{id}"), None).await;
    assert_eq!(status, StatusCode::OK, "{read}");
    assert_eq!(
        (read["grievance"]["summary"].as_str(), read["grievance"]["level"].as_str()),
        (Some("Комиссиянын мүчөсү акча сурады"), Some("ministry"))
    );
    let (_, list) = chui.json("GET", "/api/v1/grievances?limit=5", None).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
}

pub async fn a_case_worker_registers_and_answers_a_grievance_in_the_pages(admin: TestApp) {
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-C-SOK").await;
    let (status, page) = worker.page("/grievances/new", "ky").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Даттанууну каттоо") && page.contains("төлөм кечигип жатат"), "{page}");
    assert!(page.contains("value=\"KG-C-SOK\"") && !page.contains("value=\"KG-T-TAL\""), "only her rayons");

    // A form without what it needs comes back with each error beside its field; nothing is kept.
    let bad = "channel=office&category=&rayon=KG-C-SOK&anonymous=no&name=&summary=";
    let (status, page) = worker.form("/grievances/new", bad, "ru").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("укажите имя заявителя") && page.contains("опишите суть жалобы"), "{page}");
    assert_eq!(admin.store.grievances_since(time::macros::date!(2000 - 01 - 01), 10).await.unwrap().len(), 0);

    let form = "channel=hotline&category=payment.late&rayon=KG-C-SOK&anonymous=no&name=Асанова Гүлнара\
                &contact=0555123456&language=ky&about=none&about_ref=&received_on=&summary=Транш келе элек";
    let (status, location) = worker.form_location("/grievances/new", form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let id: i64 = location.trim_start_matches("/grievances/").split('?').next().unwrap().parse().unwrap();
    let (_, page) = worker.page(&location, "ky").await;
    let year = time::OffsetDateTime::now_utc().year();
    assert!(page.contains(&format!("GR-{year}-000001")) && page.contains("Асанова Гүлнара"), "{page}");
    assert!(page.contains("Даттануучуга билдирилди"), "the next step is offered: {page}");
    assert!(!page.contains("Мөөнөттү узартуу"), "a rayon's officer does not extend");

    let (status, _) = worker.form(&format!("/grievances/{id}/acknowledge"), "", "ky").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = worker.form(&format!("/grievances/{id}/close"), "decision=&reason=", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("write the reason"), "{page}");
    let (status, _) = worker.form(&format!("/grievances/{id}/close"), "decision=upheld&reason=Төлөндү", "ky").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = worker.page(&format!("/grievances/{id}"), "en").await;
    assert!(page.contains("upheld") && page.contains("Is the complainant satisfied"), "{page}");
    let (status, _) = worker.form(&format!("/grievances/{id}/feedback"), "satisfied=yes", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let (_, list) = worker.page("/grievances", "ru").await;
    assert!(list.contains(&format!("GR-{year}-000001")) && list.contains("выплата задерживается"), "{list}");
    let auditor = as_role(&admin, "donor", Role::Auditor, "country").await;
    let (status, page) = auditor.page(&format!("/grievances/{id}"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("Асанова")
            && !page.contains("Транш келе элек")
            && !page.contains("<form method=\"post\" action=\"/grievances/"),
        "{page}"
    );
    let (status, _) = auditor.page("/grievances/new", "en").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

pub async fn an_anonymous_complaint_through_the_public_page_is_numbered_told_and_reaches_only_its_officers(
    admin: TestApp,
) {
    let (status, _, page) = admin.anonymous("GET", "/complaints", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("action=\"/complaints\"") && page.contains("integrity.abuse"), "{page}");
    let form = "category=integrity.abuse&rayon=KG-C-SOK&anonymous=yes&name=&contact=0700+55+66+77&language=ky\
                &summary=%D0%90%D0%BA%D1%87%D0%B0+%D1%81%D1%83%D1%80%D0%B0%D0%B4%D1%8B";
    let (status, headers, _) = admin.anonymous("POST", "/complaints", form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to = headers.get("location").unwrap().to_str().unwrap().to_string();
    let year = time::OffsetDateTime::now_utc().year();
    assert!(to.starts_with(&format!("/complaints/sent?number=GR-{year}-000001&by=")), "{to}");
    let (status, _, receipt) = admin.anonymous("GET", &to, "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(receipt.contains(&format!("GR-{year}-000001")), "{receipt}");

    // Abuse: the rayon's case worker and the national administrator don't see it; the oblast's
    // integrity officer does.
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-C-SOK").await;
    let officer = as_role(&admin, "gulzat", Role::IntegrityOfficer, "oblast:KG-C").await;
    for (reader, sees) in [(&worker, false), (&admin, false), (&officer, true)] {
        let (_, list) = reader.json("GET", "/api/v1/grievances", None).await;
        assert_eq!(list.as_array().map(|l| l.len()), Some(usize::from(sees)), "{list}");
    }
    // She is told its number by SMS, queued in the outbox.
    let told = admin.store.grievance_notices(1).await.unwrap();
    assert_eq!((told[0].address.as_str(), told[0].state.as_str()), ("+996700556677", "queued"));
    assert!(told[0].body.contains(&format!("GR-{year}-000001")));

    // A form refused is shown again with the rule; an address that sends too many is stopped.
    let (status, _, again) = admin.anonymous("POST", "/complaints", "category=integrity.abuse&rayon=KG-C-SOK").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.contains("даттануу эмне жөнүндө экенин жазыңыз"), "{again}");
    let mut last = StatusCode::OK;
    for _ in 0..10 {
        (last, _, _) = admin.anonymous("POST", "/complaints", "category=x").await;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}

pub async fn the_sms_gateway_is_heard_only_with_its_key_and_settles_the_try_it_names(admin: TestApp) {
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-C-SOK").await;
    let complaint = json!({
        "channel": "hotline", "category": "payment.late", "rayon": "KG-C-SOK", "name": "Асанова Гүлнара",
        "contact": "+996 555 123 456", "language": "ky", "summary": "Экинчи транш келе элек"
    });
    let (status, opened) = worker.json("POST", "/api/v1/grievances", Some(complaint)).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let number = opened["number"].as_str().unwrap().to_string();
    let now = (time::OffsetDateTime::now_utc().unix_timestamp() + 1) * 1000;
    let claimed = admin.store.claim_notices(now, now + 60_000, 10, true, true).await.unwrap();
    let id = claimed[0].notice_id;

    let key = "gateway-key-of-this-test";
    let state = emgek_web::AppState::new(admin.store.clone()).await.unwrap().with_gateway_key(Some(key.into()));
    let gateway = TestApp { router: emgek_web::app(state), ..worker };
    let report = |k: &str| format!("/gateway/kannel/dlr?notice={id}&attempt=1&type=8&key={k}");
    for (app, uri) in [(&admin, report(key)), (&gateway, report("")), (&gateway, report("gateway-key-of-this-tesT"))] {
        let (status, _, _) = app.anonymous("GET", &uri, "").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}");
    }
    assert_eq!(admin.store.notice(id).await.unwrap().state, "sending");
    let (status, _, body) = gateway.anonymous("GET", &report(key), "").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok\n"));
    assert_eq!(admin.store.notice(id).await.unwrap().state, "sent");
    let (status, _, _) = gateway.anonymous("GET", &format!("/gateway/kannel/dlr?key={key}&notice=x"), "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Her number sent back by SMS: the status is queued for her phone.
    let uri = format!("/gateway/kannel/sms?key={key}&from=%2B996555123456&id=k-1&text={number}");
    let (status, _, _) = gateway.anonymous("GET", &uri, "").await;
    assert_eq!(status, StatusCode::OK);
    let reply = admin.store.notices_after(id, 10).await.unwrap();
    assert_eq!(reply.len(), 1);
    assert_eq!(reply[0].body, format!("{number} даттануусунун абалы: алынды."));
}

pub async fn a_rejected_family_appeals_at_the_rayon_office_and_other_members_set_the_rejection_aside(admin: TestApp) {
    use crate::applications::{family, open_call, submitted_application, trained};
    let call = open_call(&admin).await;
    let household = trained(&admin, call, family(&admin).await).await;
    let id = submitted_application(&admin, call, household).await;
    let (_, c) = admin
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/commissions"),
            Some(json!({"rayon": "KG-O-KSU", "name": "Kara-Suu", "quorum": 2, "conflict_rule": "none"})),
        )
        .await;
    let commission = c["id"].as_i64().unwrap();
    let mut members = Vec::new();
    for name in ["aibek", "bermet", "chynara", "dastan", "elmira"] {
        let member = as_role(&admin, name, Role::CommissionMember, "rayon:KG-O-KSU").await;
        let seat = json!({"user_id": member.user_id, "aiyl_okmotu": "Мады а/о"});
        admin.json("POST", &format!("/api/v1/commissions/{commission}/members"), Some(seat)).await;
        members.push(member);
    }
    // Rejected by aibek and bermet.
    members[0].json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
    let scores = json!({"viability": 3, "market": 2, "local_resources": 1, "jobs": 1});
    for member in &members[..2] {
        let review = json!({"scores": scores, "recommendation": "reject"});
        let (status, body) = member.json("POST", &format!("/api/v1/applications/{id}/reviews"), Some(review)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let decision = json!({"outcome": "reject", "reason": "the market is not there"});
    let (status, body) = members[0].json("POST", &format!("/api/v1/applications/{id}/decision"), Some(decision)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The family appeals at the rayon office.
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-O-KSU").await;
    let (status, bad) =
        worker.json("POST", &format!("/api/v1/applications/{id}/appeals"), Some(json!({"grounds": " "}))).await;
    assert_eq!(
        (status, bad["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("appeal.grounds_required"))
    );
    let grounds = json!({"grounds": "Базар бар: айылда жылкы эти сатылат"});
    let (status, lodged) =
        worker.json("POST", &format!("/api/v1/applications/{id}/appeals"), Some(grounds.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{lodged}");
    let appeal = lodged["id"].as_i64().unwrap();
    let (status, again) = worker.json("POST", &format!("/api/v1/applications/{id}/appeals"), Some(grounds)).await;
    assert_eq!((status, again["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("appeal.lodged_already")));
    // It is a grievance of the register, about the family's household.
    let grievance = lodged["grievance_id"].as_i64().unwrap();
    let (_, g) = worker.json("GET", &format!("/api/v1/grievances/{grievance}"), None).await;
    let g = &g["grievance"];
    assert_eq!(
        (g["category"].as_str(), g["number"].as_str()),
        (Some("appeal.decision"), lodged["number"].as_str()),
        "{g}"
    );

    // Those who took part don't hear it; the others do, and set the rejection aside.
    let good = json!({"viability": 8, "market": 7, "local_resources": 5, "jobs": 3});
    let (status, refused) = members[1]
        .json(
            "POST",
            &format!("/api/v1/appeals/{appeal}/reviews"),
            Some(json!({"scores": good, "recommendation": "approve"})),
        )
        .await;
    assert_eq!(
        (status, refused["errors"][0]["rule"].as_str()),
        (StatusCode::FORBIDDEN, Some("appeal.took_part")),
        "{refused}"
    );
    for member in &members[2..4] {
        let review = json!({"scores": good, "recommendation": "approve"});
        let (status, body) = member.json("POST", &format!("/api/v1/appeals/{appeal}/reviews"), Some(review)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, body) = members[4]
        .json("POST", &format!("/api/v1/appeals/{appeal}/decision"), Some(json!({"outcome": "reject", "reason": "no"})))
        .await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("review.against_panel"))
    );
    let upheld = json!({"outcome": "approve", "reason": "the market study shows buyers in the village"});
    let (status, body) = members[2].json("POST", &format!("/api/v1/appeals/{appeal}/decision"), Some(upheld)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (_, a) = admin.json("GET", &format!("/api/v1/applications/{id}"), None).await;
    assert_eq!(a["status"], "approved", "{a}");
    let (_, shown) = admin.json("GET", &format!("/api/v1/appeals/{appeal}"), None).await;
    assert_eq!((shown["status"].as_str(), shown["score_x100"].as_i64()), (Some("upheld"), Some(2300)), "{shown}");
    let (_, g) = worker.json("GET", &format!("/api/v1/grievances/{grievance}"), None).await;
    let g = &g["grievance"];
    assert_eq!((g["status"].as_str(), g["decision"].as_str()), (Some("closed"), Some("upheld")), "{g}");
    // Its own line in the minutes, and the family told by SMS: the grievance's decision and
    // the application's.
    let (_, minutes) = admin.page(&format!("/calls/{call}/minutes?rayon=KG-O-KSU"), "en").await;
    assert!(minutes.contains("the market study shows buyers in the village"), "{minutes}");
    let told: Vec<String> = admin
        .store
        .notices_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.address == "+996700100001")
        .map(|n| n.body)
        .collect();
    let number = lodged["number"].as_str().unwrap();
    assert!(
        told.contains(&format!(
            "{number} даттануусу боюнча чечим: канааттандырылды. Канааттандыңызбы? ООБА же ЖОК деп жооп бериңиз."
        )),
        "{told:?}"
    );
    assert!(told.contains(&format!("№{id} арызы боюнча комиссиянын чечими: жактырылды.")), "{told:?}");
    // Decided: no second hearing.
    let (status, _) = members[3]
        .json("POST", &format!("/api/v1/appeals/{appeal}/decision"), Some(json!({"outcome": "approve", "reason": "x"})))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    // A family the rules found ineligible (no training) is not approved by its appeal either.
    let untrained = crate::applications::family_n(&admin, 2).await;
    let id = submitted_application(&admin, call, untrained).await;
    members[0].json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
    for member in &members[..2] {
        let review = json!({"scores": scores, "recommendation": "reject"});
        member.json("POST", &format!("/api/v1/applications/{id}/reviews"), Some(review)).await;
    }
    let decision = json!({"outcome": "reject", "reason": "no business training attended"});
    members[0].json("POST", &format!("/api/v1/applications/{id}/decision"), Some(decision)).await;
    let grounds = json!({"grounds": "Мен окуудан өткөм"});
    let (_, lodged) = worker.json("POST", &format!("/api/v1/applications/{id}/appeals"), Some(grounds)).await;
    let appeal = lodged["id"].as_i64().unwrap();
    for member in &members[2..4] {
        let review = json!({"scores": good, "recommendation": "approve"});
        member.json("POST", &format!("/api/v1/appeals/{appeal}/reviews"), Some(review)).await;
    }
    let upheld = json!({"outcome": "approve", "reason": "she says she was trained"});
    let (status, body) = members[2].json("POST", &format!("/api/v1/appeals/{appeal}/decision"), Some(upheld)).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("review.not_eligible"))
    );
    let (_, a) = admin.json("GET", &format!("/api/v1/applications/{id}"), None).await;
    assert_eq!(a["status"], "rejected");
}

pub async fn a_national_programmes_administrator_writes_a_notice_text_and_the_next_notice_uses_it(admin: TestApp) {
    let (status, all) = admin.json("GET", "/api/v1/notice-templates", None).await;
    assert_eq!(status, StatusCode::OK);
    let standard = all.as_array().unwrap().iter().find(|t| t["event"] == "grievance_received" && t["language"] == "ky");
    assert_eq!(standard.unwrap()["version"], 0, "{all}");
    let (status, bad) = admin
        .json(
            "POST",
            "/api/v1/notice-templates",
            Some(json!({"event": "grievance_received", "language": "ky", "body": "{pin}"})),
        )
        .await;
    assert_eq!(
        (status, bad["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("notice.template_placeholder"))
    );
    let text =
        json!({"event": "grievance_received", "language": "ky", "body": "{number} катталды, жооп {date} чейин."});
    let (status, written) = admin.json("POST", "/api/v1/notice-templates", Some(text.clone())).await;
    assert_eq!((status, written["version"].as_i64()), (StatusCode::CREATED, Some(1)), "{written}");
    let rayon_admin = as_role(&admin, "rayon-admin", Role::Administrator, "rayon:KG-C-SOK").await;
    let (status, _) = rayon_admin.json("POST", "/api/v1/notice-templates", Some(text)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the texts are national");

    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-C-SOK").await;
    let complaint = json!({
        "channel": "hotline", "category": "payment.late", "rayon": "KG-C-SOK", "name": "Асанова Гүлнара",
        "contact": "+996 555 123 456", "language": "ky", "summary": "Экинчи транш келе элек"
    });
    let (_, opened) = worker.json("POST", "/api/v1/grievances", Some(complaint)).await;
    let told = admin.store.grievance_notices(opened["id"].as_i64().unwrap()).await.unwrap();
    let number = opened["number"].as_str().unwrap();
    let by: Vec<&str> = opened["answer_by"].as_str().unwrap().split('-').collect();
    assert_eq!(told[0].body, format!("{number} катталды, жооп {}.{}.{} чейин.", by[2], by[1], by[0]));
    assert_eq!(told[0].template_version, 1);

    // The same texts on their page, with what was sent so far; a new version from its form.
    let (status, page) = admin.page("/notices", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Grievance registered · Кыргызча") && page.contains("катталды, жооп {date} чейин."));
    assert!(page.contains("Version 1 · tester") && page.contains("Messages so far"), "{page}");
    let (status, page) = admin.form("/notices", "event=decision&language=ru&body=%7Bpin%7D", "ru").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("{pin}"), "what was typed is kept");
    let (status, _) =
        admin.form("/notices", "event=decision&language=ru&body=%7Bnumber%7D%3A+%7Boutcome%7D", "ru").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, all) = admin.json("GET", "/api/v1/notice-templates", None).await;
    let newest = all.as_array().unwrap().iter().find(|t| t["event"] == "decision" && t["language"] == "ru");
    assert_eq!(
        (newest.unwrap()["version"].as_i64(), newest.unwrap()["body"].as_str()),
        (Some(1), Some("{number}: {outcome}"))
    );
    let (status, _) = rayon_admin.form("/notices", "event=decision&language=ru&body=x", "ru").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the texts are national");
    let (status, _) = worker.page("/notices", "ru").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a case worker does not manage programmes");
}

pub async fn a_family_appeals_its_contracts_termination_nothing_is_recovered_meanwhile_and_the_claim_is_set_aside(
    admin: TestApp,
) {
    use emgek_domain::social_contract::ledger::Account;
    let call = crate::applications::open_call(&admin).await;
    let (_, contract) = crate::contracts::funded_contract(&admin, call).await;
    admin.json("POST", &format!("/api/v1/contracts/{contract}/sign"), None).await;
    let pay = json!({"tranche": 1, "idempotency_key": "order-t-1"});
    let (_, order) = admin.json("POST", &format!("/api/v1/contracts/{contract}/payments"), Some(pay)).await;
    admin.post_text("/api/v1/payments/bank-file").await;
    let paid = format!("payment_order_id,status,bank_reference,value_date\n{},paid,BANK-T1,2024-04-01\n", order["id"]);
    for _ in 0..2 {
        admin.raw("POST", "/api/v1/payments/confirmations", "text/csv", paid.clone().into_bytes()).await;
    }
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-O-KSU").await;
    let grounds = json!({"grounds": "Уйлар сатылган жок, алар жайытта"});

    // A running contract is not contested.
    let (status, body) =
        worker.json("POST", &format!("/api/v1/contracts/{contract}/appeals"), Some(grounds.clone())).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("appeal.not_contestable"))
    );
    let ending = json!({"violation": true, "reason": "the cows were sold"});
    let (status, k) = admin.json("POST", &format!("/api/v1/contracts/{contract}/terminate"), Some(ending)).await;
    assert_eq!((status, k["refund_due"].as_i64()), (StatusCode::OK, Some(6_650_000)), "{k}");
    let repay = json!({"amount_som": "10000", "idempotency_key": "receipt-t-1"});
    admin.json("POST", &format!("/api/v1/contracts/{contract}/repayments"), Some(repay)).await;
    // The family heard of the tranche once (though the bank confirmed it twice) and of the claim.
    let number = k["number"].as_str().unwrap().to_string();
    let told = admin.store.notices_after(0, 1_000).await.unwrap();
    let of = |event: &str| told.iter().filter(|n| n.event == event).map(|n| n.body.clone()).collect::<Vec<_>>();
    let paid = of("tranche_paid");
    assert_eq!(paid.len(), 1, "{paid:?}");
    assert!(paid[0].starts_with(&format!("{number} келишими боюнча 66")) && paid[0].contains("которулду"), "{paid:?}");
    let ready = of("contract_ready");
    assert_eq!(ready, vec![format!("{number} социалдык келишими кол коюуга даяр. Райондук бөлүмгө келиңиз.")]);
    let claimed = of("refund_claimed");
    assert_eq!(claimed.len(), 1, "{claimed:?}");
    assert!(claimed[0].contains(&number) && claimed[0].contains("Даттанууга укугуңуз бар"), "{claimed:?}");

    // The family appeals at the rayon office: nothing more is recovered while it is open.
    let (status, lodged) =
        worker.json("POST", &format!("/api/v1/contracts/{contract}/appeals"), Some(grounds.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{lodged}");
    let appeal = lodged["id"].as_i64().unwrap();
    let (status, again) = worker.json("POST", &format!("/api/v1/contracts/{contract}/appeals"), Some(grounds)).await;
    assert_eq!((status, again["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("appeal.lodged_already")));
    let held = json!({"amount_som": "5000", "idempotency_key": "receipt-t-2"});
    let (status, body) = admin.json("POST", &format!("/api/v1/contracts/{contract}/repayments"), Some(held)).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("refund.under_appeal"))
    );
    let (_, page) = admin.page(&format!("/contracts/{contract}"), "en").await;
    assert!(page.contains(lodged["number"].as_str().unwrap()), "the contract's page lists its appeal");

    // Who recorded the termination (and decided the application) does not hear it; another
    // member does, on the facts: no plan is scored again.
    let (_, page) = admin.page(&format!("/appeals/{appeal}"), "en").await;
    assert!(page.contains("termination and its refund claim"), "{page}");
    let (status, body) = admin
        .json("POST", &format!("/api/v1/appeals/{appeal}/reviews"), Some(json!({"recommendation": "approve"})))
        .await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::FORBIDDEN, Some("appeal.took_part")));
    let (commission, _) = admin.store.commission_for(call, "KG-O-KSU").await.unwrap().unwrap();
    let member = as_role(&admin, "chynara", Role::CommissionMember, "rayon:KG-O-KSU").await;
    let seat = json!({"user_id": member.user_id, "aiyl_okmotu": "Мады а/о"});
    admin.json("POST", &format!("/api/v1/commissions/{}/members", commission.commission_id), Some(seat)).await;
    let review = json!({"recommendation": "approve", "comment": "the cows are on the pasture"});
    let (status, body) = member.json("POST", &format!("/api/v1/appeals/{appeal}/reviews"), Some(review)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let upheld = json!({"outcome": "approve", "reason": "the field visit found the cows"});
    let (status, body) = member.json("POST", &format!("/api/v1/appeals/{appeal}/decision"), Some(upheld)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // What was still due is set aside; what was repaid stays recovered; the books balance.
    let (_, k) = admin.json("GET", &format!("/api/v1/contracts/{contract}"), None).await;
    assert_eq!(
        (k["status"].as_str(), k["refund_due"].as_i64(), k["recovered"].as_i64(), k["disbursed"].as_i64()),
        (Some("terminated"), Some(0), Some(1_000_000), Some(5_650_000)),
        "{k}"
    );
    let (_, shown) = admin.json("GET", &format!("/api/v1/appeals/{appeal}"), None).await;
    assert_eq!((shown["status"].as_str(), shown["contested"].as_str()), (Some("upheld"), Some("termination")));
    let programme = admin.store.contract_context(contract).await.unwrap().programme_id;
    let ledger = admin.store.ledger(programme).await.unwrap();
    assert!(ledger.balances_hold());
    assert_eq!(ledger.contract_balance(contract, Account::RefundDue), 0);
    let ending = admin.store.contract_ending(contract).await.unwrap();
    assert_eq!((ending.termination.as_deref(), ending.claimed_tyiyn), (Some("set_aside"), Some(1_000_000)));
    let (status, body) = admin
        .json(
            "POST",
            &format!("/api/v1/contracts/{contract}/repayments"),
            Some(json!({"amount_som": "1", "idempotency_key": "receipt-t-3"})),
        )
        .await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("refund.more_than_due"))
    );
}

pub async fn a_case_worker_finds_the_complainant_by_pin_or_name_and_the_form_starts_with_her_household(admin: TestApp) {
    crate::applications::family(&admin).await;
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-O-KSU").await;
    for q in ["Asanov%20Aibek", "%D0%B0%D1%81%D0%B0%D0%BD%D0%BE%D0%B2", "215031985", "KSU-1"] {
        let (status, page) = worker.page(&format!("/grievances/new?q={q}"), "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("/grievances/new?household=KSU-1") && page.contains("Асанов Айбек"), "{q}: {page}");
    }
    let (_, page) = worker.page("/grievances/new?household=KSU-1", "en").await;
    for value in ["value=\"Асанов Айбек\"", "value=\"+996700100001\"", "value=\"KSU-1\""] {
        assert!(page.contains(value), "the form starts with {value}");
    }
    assert!(page.contains("<option value=\"household\" selected"), "about the household");

    // Elsewhere nothing is found, nor filled in; without the registry there is no lookup.
    let other = as_role(&admin, "other-rayon", Role::CaseWorker, "rayon:KG-C-SOK").await;
    let (_, page) = other.page("/grievances/new?q=Asanov", "en").await;
    assert!(page.contains("No household of your places matches.") && !page.contains("KSU-1"));
    let (_, page) = other.page("/grievances/new?household=KSU-1", "en").await;
    assert!(!page.contains("Асанов Айбек"), "another rayon's household is not filled in");
    let officer = as_role(&admin, "gulzat", Role::IntegrityOfficer, "oblast:KG-O").await;
    let (_, page) = officer.page("/grievances/new?q=Asanov", "en").await;
    assert!(!page.contains("name=\"q\"") && !page.contains("Асанов Айбек"), "an integrity officer reads no registry");
}

pub async fn an_inmate_contests_a_deduction_in_her_facility_and_the_prison_service_upholds_it(admin: TestApp) {
    let (facility, _, manager) = crate::enterprises::stepnoe(&admin).await;
    let inmate = json!({"register_number": "ST-26-0007", "full_name": "Исакова Динара", "sex": "F"});
    let (status, i) = manager.json("POST", &format!("/api/v1/facilities/{facility}/inmates"), Some(inmate)).await;
    assert_eq!(status, StatusCode::CREATED, "{i}");
    let inmate = i["id"].as_i64().unwrap();
    let upkeep = json!({"kind": "upkeep", "rate_bp": 2000});
    let path = format!("/api/v1/inmates/{inmate}/deductions");
    assert_eq!(manager.json("POST", &path, Some(upkeep)).await.0, StatusCode::CREATED);

    // The inmate's page offers her contest to the facility's handler; the form starts with it.
    let (status, page) = manager.page(&format!("/inmates/{inmate}"), "ru").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("действует") && page.contains("/grievances/new?about=deduction&#38;about_ref=1"), "{page}");
    let (_, form) = manager.page("/grievances/new?about=deduction&about_ref=1", "ru").await;
    assert!(form.contains(r#"value="prison.deduction" selected"#), "the category chosen: {form}");
    assert!(!form.contains(r#"name="rayon""#), "no rayon to choose in a facility");

    let contest = json!({"channel": "letter", "category": "prison.deduction", "name": "Исакова Динара",
                         "language": "ru", "about": "deduction", "about_ref": "1",
                         "summary": "Удержание на содержание взято за месяц, когда я не работала"});
    let (status, opened) = manager.json("POST", "/api/v1/grievances", Some(contest.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let id = opened["id"].as_i64().unwrap();
    let (status, again) = manager.json("POST", "/api/v1/grievances", Some(contest)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{again}");
    assert_eq!(again["errors"][0]["rule"], "deduction.contested_already");
    let (_, page) = manager.page(&format!("/inmates/{inmate}"), "ru").await;
    assert!(page.contains("приостановлено") && page.contains(&format!("/grievances/{id}")), "{page}");

    // The rayon's office around the facility, and a national auditor, never see it.
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-C-CHU").await;
    let auditor = as_role(&admin, "audit", Role::Auditor, "country").await;
    for outsider in [&worker, &auditor] {
        let (_, listed) = outsider.json("GET", "/api/v1/grievances", None).await;
        assert_eq!(listed.as_array().map(Vec::len), Some(0), "{listed}");
        assert_eq!(outsider.json("GET", &format!("/api/v1/grievances/{id}"), None).await.0, StatusCode::NOT_FOUND);
    }
    let (_, shown) = manager.json("GET", &format!("/api/v1/grievances/{id}"), None).await;
    let shown = &shown["grievance"];
    assert_eq!(
        (shown["facility_code"].as_str(), shown["complainant_name"].as_str()),
        (Some("stepnoe"), Some("Исакова Динара"))
    );

    // He recorded the order: he does not judge its contest. The Prison Service's HQ does.
    let upheld = json!({"decision": "upheld", "reason": "В марте не работала: удержание отменено"});
    let close = format!("/api/v1/grievances/{id}/close");
    let (status, refused) = manager.json("POST", &close, Some(upheld.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert_eq!(admin.json("POST", &close, Some(upheld)).await.0, StatusCode::NO_CONTENT);
    let (_, page) = manager.page(&format!("/inmates/{inmate}"), "en").await;
    assert!(page.contains("by the inmate&#39;s contest") || page.contains("by the inmate's contest"), "{page}");

    // The register's figures count it nationally and in the facility, never in the rayon.
    let (status, national) = admin.json("GET", "/api/v1/grievances/figures", None).await;
    assert_eq!(status, StatusCode::OK, "{national}");
    assert_eq!(national["grievances"]["by_category"][0]["code"], "prison.deduction");
    assert_eq!(
        (national["grievances"]["closed"].as_i64(), national["grievances"]["closed_in_time_bp"].as_i64()),
        (Some(1), Some(10_000))
    );
    let (_, local) = worker.json("GET", "/api/v1/grievances/figures", None).await;
    assert_eq!(local["grievances"]["received"], 0, "{local}");
    let (status, bad) = worker.json("GET", "/api/v1/grievances/figures?from=2026-12-31&to=2026-01-01", None).await;
    assert_eq!(
        (status, bad["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("figures.period_backwards"))
    );
    let (status, page) = manager.page("/grievances/figures", "ky").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("эмгек акыдан кармоого даттануу"), "the facility's own figures: {page}");
}

pub async fn a_family_written_to_in_russian_hears_that_its_contract_is_ready_in_russian(admin: TestApp) {
    let call = crate::applications::open_call(&admin).await;
    let household = crate::applications::family(&admin).await;
    let path = format!("/api/v1/households/{household}");
    let (_, mut h) = admin.json("GET", &path, None).await;
    assert_eq!(h["language"], "ky", "Kyrgyz unless told otherwise");
    h["language"] = json!("de");
    let (status, bad) = admin.json("PUT", &path, Some(h.clone())).await;
    assert_eq!(
        (status, bad["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("household.language"))
    );
    h["language"] = json!("русский");
    let (status, saved) = admin.json("PUT", &path, Some(h)).await;
    assert_eq!((status, saved["language"].as_str()), (StatusCode::OK, Some("ru")), "{saved}");
    let (_, page) = admin.page(&format!("/households/{household}"), "en").await;
    assert!(page.contains("Language of messages") && page.contains("Russian"), "{page}");

    let (_, contract) = crate::contracts::funded_contract_of(&admin, call, household).await;
    let told = admin.store.notices_after(0, 1_000).await.unwrap();
    let ready: Vec<_> = told.iter().filter(|n| n.event == "contract_ready").collect();
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0].language, "ru");
    assert!(
        ready[0].body.starts_with("Социальный контракт SC-") && ready[0].body.ends_with("районный отдел."),
        "{}",
        ready[0].body
    );
    let (_, k) = admin.json("GET", &format!("/api/v1/contracts/{contract}"), None).await;
    assert!(ready[0].body.contains(k["number"].as_str().unwrap()), "{k}");
}

pub async fn a_grievance_that_shows_a_record_is_wrong_opens_its_correction_named_in_the_records_history(
    admin: TestApp,
) {
    let household = crate::applications::family_n(&admin, 1).await;
    let other = crate::applications::family_n(&admin, 2).await;
    let worker = as_role(&admin, "aigul", Role::CaseWorker, "rayon:KG-O-KSU").await;
    let wrong = json!({"channel": "office", "category": "data.wrong", "name": "Асанова Гүлнара", "language": "ky",
                       "about": "household", "about_ref": "KSU-1", "summary": "Айылы туура эмес жазылган"});
    let (status, opened) = worker.json("POST", "/api/v1/grievances", Some(wrong)).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let (id, number) = (opened["id"].as_i64().unwrap(), opened["number"].as_str().unwrap().to_string());

    // The grievance's page leads its handler to the household, and the household's to the edit.
    let (_, page) = worker.page(&format!("/grievances/{id}"), "en").await;
    assert!(page.contains(&format!("/households/{household}?grievance={id}")), "{page}");
    let (_, page) = worker.page(&format!("/households/{household}?grievance={id}"), "en").await;
    assert!(page.contains(&format!("/households/{household}/edit?grievance={id}")) && page.contains(&number), "{page}");

    let path = format!("/api/v1/households/{household}");
    let (_, mut h) = worker.json("GET", &path, None).await;
    h["village"] = json!("Ак-Жар");
    let (status, body) =
        worker.json("PUT", &format!("/api/v1/households/{other}?grievance={id}"), Some(h.clone())).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("grievance.other_record"))
    );
    let (status, body) = worker.json("PUT", &format!("{path}?grievance={id}"), Some(h.clone())).await;
    assert_eq!((status, body["village"].as_str()), (StatusCode::OK, Some("Ак-Жар")), "{body}");
    let (_, history) = worker.json("GET", &format!("{path}/history"), None).await;
    assert_eq!(history[0]["grievance"], number.as_str(), "{history}");
    let (_, read) = worker.json("GET", &format!("/api/v1/grievances/{id}"), None).await;
    let steps: Vec<&str> = read["steps"].as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    assert_eq!(steps, ["received", "corrected"]);
    assert_eq!(read["steps"][1]["detail"], "KSU-1", "the household named, nothing of its people");

    // Closed, it takes no more corrections; the record's own edit goes on without it.
    let close = json!({"decision": "upheld", "reason": "Айылы оңдолду"});
    assert_eq!(
        worker.json("POST", &format!("/api/v1/grievances/{id}/close"), Some(close)).await.0,
        StatusCode::NO_CONTENT
    );
    h["village"] = json!("Ак-Жар-2");
    let (status, body) = worker.json("PUT", &format!("{path}?grievance={id}"), Some(h.clone())).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("grievance.closed_already")));
    assert_eq!(worker.json("PUT", &path, Some(h)).await.0, StatusCode::OK);
    let (_, page) = worker.page(&format!("/households/{household}"), "ky").await;
    assert!(page.contains("даттануу боюнча") && page.contains(&format!("/grievances/{id}")), "{page}");
}
