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
