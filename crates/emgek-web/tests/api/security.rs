//! The attacks of the security review, each tried as it worked before and refused now.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::json;

use crate::applications::{open_call, submitted_application, trained};
use crate::helpers::{TestApp, add_user};

fn household(reference: &str, rayon: &str, pin: &str, village: &str) -> serde_json::Value {
    let oblast = emgek_domain::geography::rayon(rayon).unwrap().oblast;
    json!({
        "household": {"household_ref": reference, "oblast": oblast, "rayon": rayon, "village": village, "consent": "yes"},
        "members": [{"pin": pin, "full_name": "Асанов Айбек", "birth_date": "1985-03-15", "sex": "M", "relation": "head", "disability": "II"}]
    })
}

async fn signed_in_as(admin: &TestApp, name: &str, role: Role, scope: &str) -> (i64, TestApp) {
    let id = add_user(&admin.store, name, &[(role, scope)], false).await;
    (id, TestApp::signed_in(admin.store.clone(), id).await)
}

pub async fn a_rayon_administrator_acts_only_on_users_of_her_rayon_and_gives_no_wider_grant(admin: TestApp) {
    let (_, rayon_admin) = signed_in_as(&admin, "kara-suu-admin", Role::Administrator, "rayon:KG-O-KSU").await;
    let expert = add_user(&admin.store, "expert", &[(Role::ExpertGroupMember, "country")], false).await;
    let local = add_user(&admin.store, "local", &[(Role::CaseWorker, "rayon:KG-O-KSU")], false).await;
    let before = admin.store.user(expert).await.unwrap().access;
    let (status, _) =
        rayon_admin.form(&format!("/users/{expert}"), "action=save&role_0=admin&scope_0=country", "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a user beyond her rayon does not exist for her");
    for action in ["action=reset&password=Kara-Suu-bazaar-2026", "action=disable"] {
        assert_eq!(rayon_admin.form(&format!("/users/{expert}"), action, "en").await.0, StatusCode::NOT_FOUND);
    }
    let after = admin.store.user(expert).await.unwrap();
    assert_eq!((after.access, after.disabled, after.must_change_password), (before, false, false));

    let (status, page) =
        rayon_admin.form(&format!("/users/{local}"), "action=save&role_0=admin&scope_0=country", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("only within your own places"), "{page}");
    let (status, _) = rayon_admin
        .form(&format!("/users/{local}"), "action=save&role_0=case_worker&scope_0=rayon%3AKG-C-SOK", "en")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "another rayon is beyond her too");
    assert_eq!(admin.store.user(local).await.unwrap().access.grants.len(), 1);
    let (status, _) = rayon_admin
        .form(&format!("/users/{local}"), "action=save&role_0=case_worker&scope_0=rayon%3AKG-O-KSU", "en")
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "within her rayon she manages");

    let new_national = "username=newboss&display_name=B&password=Kara-Suu-bazaar-2026&role_0=admin&scope_0=country";
    assert_eq!(rayon_admin.form("/users/new", new_national, "en").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, list) = rayon_admin.page("/users", "en").await;
    assert!(list.contains("local") && !list.contains("expert") && !list.contains(">tester<"), "{list}");
}

pub async fn national_money_operations_answer_only_national_administrators_and_change_state_only_by_post(
    admin: TestApp,
) {
    let (_, oblast_admin) = signed_in_as(&admin, "osh-admin", Role::Administrator, "oblast:KG-O").await;
    let call = open_call(&admin).await;
    for (uri, body) in [
        ("/api/v1/payments/bank-file".to_string(), json!({})),
        ("/api/v1/payments/confirmations".to_string(), json!({})),
        (format!("/api/v1/calls/{call}/allocation"), json!({"commit": true})),
        (
            "/api/v1/exchange-rates".to_string(),
            json!({"currency": "USD", "rate_on": "2024-01-02", "som_per_unit": "89.5"}),
        ),
        ("/api/v1/indicator-targets".to_string(), json!({"indicator": "x", "year": 2024, "quarter": 0, "value": 1})),
    ] {
        let (status, body) = oblast_admin.json("POST", &uri, Some(body)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}: {body}");
    }
    assert_eq!(oblast_admin.form("/payments/bank-file.csv", "", "en").await.0, StatusCode::FORBIDDEN);
    assert_eq!(oblast_admin.page("/payments", "en").await.0, StatusCode::FORBIDDEN);
    let (status, _) = admin.json("GET", "/api/v1/payments/bank-file", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "a link followed by accident marks nothing sent");
    let (status, _) = admin.page("/payments/bank-file.csv", "en").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, file) = admin.post_text("/api/v1/payments/bank-file").await;
    assert_eq!(status, StatusCode::OK);
    assert!(file.starts_with("payment_order_id,"), "{file}");
}

pub async fn a_commissions_decision_follows_the_majority_of_its_reviews(admin: TestApp) {
    let call = open_call(&admin).await;
    let household = trained(&admin, call, crate::applications::family(&admin).await).await;
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
    for name in ["aibek", "bermet", "chynara"] {
        let (user, app) = signed_in_as(&admin, name, Role::CommissionMember, "rayon:KG-O-KSU").await;
        let seat = json!({"user_id": user, "aiyl_okmotu": "Мады а/о"});
        admin.json("POST", &format!("/api/v1/commissions/{commission}/members"), Some(seat)).await;
        members.push(app);
    }
    members[0].json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
    let scores = json!({"viability": 3, "market": 2, "local_resources": 1, "jobs": 1});
    for (member, recommendation) in [(&members[1], "reject"), (&members[2], "reject"), (&members[0], "approve")] {
        let review = json!({"scores": scores, "recommendation": recommendation});
        let (status, body) = member.json("POST", &format!("/api/v1/applications/{id}/reviews"), Some(review)).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    let (status, body) = members[0]
        .json("POST", &format!("/api/v1/applications/{id}/decision"), Some(json!({"outcome": "approve"})))
        .await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("review.against_panel")),
        "{body}"
    );
    let (_, application) = admin.json("GET", &format!("/api/v1/applications/{id}"), None).await;
    assert_eq!(application["status"], "under_review", "nothing changed");
    let decision = json!({"outcome": "reject", "reason": "the market is not there"});
    let (status, body) = members[0].json("POST", &format!("/api/v1/applications/{id}/decision"), Some(decision)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, minutes) = admin.page(&format!("/calls/{call}/minutes?rayon=KG-O-KSU"), "en").await;
    assert!(minutes.contains("Panel recommended") && !minutes.contains("decided against the panel"), "{minutes}");
    // The family was told by SMS that its application was received, and then the decision.
    let told: Vec<(String, String, String)> = admin
        .store
        .notices_after(0, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.household_id == Some(household))
        .map(|n| (n.event, n.address, n.body))
        .collect();
    assert_eq!(
        told,
        [
            (
                "application_received".to_string(),
                "+996700100001".to_string(),
                format!("Сиздин №{id} арызыңыз кабыл алынды. Кабар ушул номерге келет.")
            ),
            (
                "decision".to_string(),
                "+996700100001".to_string(),
                format!("№{id} арызы боюнча комиссиянын чечими: четке кагылды.")
            ),
        ]
    );

    // A family the rules found ineligible (no training) is rejected whatever the reviews say:
    // that follows the rules, so it is no departure from the panel.
    let untrained = crate::applications::family_n(&admin, 2).await;
    let id = submitted_application(&admin, call, untrained).await;
    members[0].json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
    for member in &members[1..] {
        let review = json!({"scores": scores, "recommendation": "approve"});
        member.json("POST", &format!("/api/v1/applications/{id}/reviews"), Some(review)).await;
    }
    let decision = json!({"outcome": "reject", "reason": "no business training attended"});
    let (status, body) = members[0].json("POST", &format!("/api/v1/applications/{id}/decision"), Some(decision)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, minutes) = admin.page(&format!("/calls/{call}/minutes?rayon=KG-O-KSU"), "en").await;
    assert!(!minutes.contains("decided against the panel"), "{minutes}");
}

pub async fn a_reader_who_may_not_see_pins_finds_nothing_by_their_digits_nor_filters_by_disability(admin: TestApp) {
    let (status, _) =
        admin.json("POST", "/api/v1/households", Some(household("SOK-1", "KG-C-SOK", "21503198500001", ""))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, analyst) = signed_in_as(&admin, "dinara", Role::HqAnalyst, "country").await;
    for q in ["2", "2150", "21503198500001"] {
        let (_, mine) = admin.json("GET", &format!("/api/v1/households?q={q}"), None).await;
        assert_eq!(mine["total"], 1, "the administrator finds the family by its PIN ({q})");
        let (_, theirs) = analyst.json("GET", &format!("/api/v1/households?q={q}"), None).await;
        assert_eq!(theirs["total"], 0, "whether the family stays in the list tells the analyst nothing ({q})");
    }
    let (_, by_ref) = analyst.json("GET", "/api/v1/households?q=SOK-1", None).await;
    assert_eq!(by_ref["total"], 1, "the household's own number is no secret");
    let (status, body) = analyst.json("GET", "/api/v1/households?disability=yes", None).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("filter.sensitive"))
    );
    assert_eq!(
        analyst.page("/api/v1/households/export?format=csv&disability=yes", "en").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (status, page) = analyst.page("/households?disability=yes", "ru").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("не можете отбирать"), "in the reader's language: {page}");
    let records = "/dashboards/records?indicator=families-with-contracts&disability=yes";
    assert_eq!(analyst.page(records, "en").await.0, StatusCode::UNPROCESSABLE_ENTITY, "no list of such families");
    assert_eq!(analyst.page(&format!("{records}&format=csv"), "en").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(admin.page(records, "en").await.0, StatusCode::OK);
}

pub async fn an_applications_frozen_facts_reach_only_readers_of_the_familys_personal_data(admin: TestApp) {
    let call = open_call(&admin).await;
    let household = trained(&admin, call, crate::applications::family(&admin).await).await;
    let id = submitted_application(&admin, call, household).await;
    let (_, mine) = admin.json("GET", &format!("/api/v1/applications/{id}"), None).await;
    assert!(mine["snapshot"]["members"].is_array(), "{mine}");
    for (name, role, scope) in [
        ("member", Role::CommissionMember, "rayon:KG-O-KSU"),
        ("dinara", Role::HqAnalyst, "country"),
        ("auditor", Role::Auditor, "country"),
    ] {
        let (_, reader) = signed_in_as(&admin, name, role, scope).await;
        let (status, theirs) = reader.json("GET", &format!("/api/v1/applications/{id}"), None).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert!(theirs["snapshot"].is_null(), "{name} sees no member's birth date or disability: {theirs}");
        let (_, list) = reader.json("GET", &format!("/api/v1/calls/{call}/applications"), None).await;
        assert!(list["items"][0]["snapshot"].is_null(), "{name}: {list}");
    }
}

pub async fn the_audit_trail_masks_pins_and_disability_and_shows_a_scoped_administrator_her_places_only(
    admin: TestApp,
) {
    let (_, created) =
        admin.json("POST", "/api/v1/households", Some(household("SOK-1", "KG-C-SOK", "21503198500001", ""))).await;
    let member = created["members"][0]["id"].as_i64().unwrap();
    let fixed = json!({"pin": "21503198500001", "full_name": "Асанов Айбек", "birth_date": "1985-03-15", "sex": "M", "relation": "head", "disability": "I"});
    assert_eq!(admin.json("PUT", &format!("/api/v1/members/{member}"), Some(fixed)).await.0, StatusCode::OK);
    let (_, auditor) = signed_in_as(&admin, "auditor", Role::Auditor, "country").await;
    let (status, page) = auditor.page("/audit", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("member.update") && page.contains("**********0001"), "{page}");
    assert!(!page.contains("21503198500001") && !page.contains("&quot;II&quot;"), "{page}");
    let (status, _, csv) = auditor.download("/audit/export.csv", "en").await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("member.update") && !csv.contains("21503198500001") && !csv.contains("\"\"II\"\""), "{csv}");
    let (_, national) = admin.page("/audit?action=member.", "en").await;
    assert!(national.contains("21503198500001"), "a national administrator sees what she may see");

    let (_, rayon_admin) = signed_in_as(&admin, "sokuluk-admin", Role::Administrator, "rayon:KG-C-SOK").await;
    let (_, scoped) = rayon_admin.page("/audit", "en").await;
    assert!(!scoped.contains("member.update"), "the national administrator's work is beyond her: {scoped}");
}

pub async fn cells_a_spreadsheet_would_run_are_exported_as_text_and_import_back_unchanged(admin: TestApp) {
    let formula = "=HYPERLINK(\"http://evil.example\",\"open\")";
    let (status, body) =
        admin.json("POST", "/api/v1/households", Some(household("SOK-1", "KG-C-SOK", "21503198500001", formula))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, csv) = admin.page("/api/v1/households/export?format=csv", "en").await;
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(!csv.lines().any(|l| l.contains(",=") || l.contains(",\"=")), "{csv}");
    let (_, report) = admin.raw("POST", "/api/v1/imports/households", "text/csv", csv.into_bytes()).await;
    assert_eq!((report["rows_rejected"].as_u64(), report["members_updated"].as_u64()), (Some(0), Some(0)), "{report}");
    let (_, list) = admin.json("GET", "/api/v1/households?q=SOK-1", None).await;
    let id = list["items"][0]["id"].as_i64().unwrap();
    let (_, read) = admin.json("GET", &format!("/api/v1/households/{id}"), None).await;
    assert_eq!(read["village"], formula, "the village imported back is the village typed");
}

pub async fn a_workbook_with_a_cell_at_the_last_address_of_a_sheet_is_read_in_bounded_memory(admin: TestApp) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in
        ["household_ref", "oblast", "rayon", "consent", "pin", "full_name", "birth_date", "sex", "relation"]
            .iter()
            .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    let row = ["HH-X", "KG-T", "KG-T-TAL", "yes", "21503198512345", "Асанов Айбек", "1985-03-15", "M", "head"];
    for (col, value) in row.iter().enumerate() {
        sheet.write_string(1, col as u16, *value).unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let (status, report) = admin.raw("POST", "/api/v1/imports/households", content_type, bytes).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["households_created"], 1, "{report}");
    assert_eq!(report["rows_read"], 1, "the far cell's row holds nothing in the columns emgek reads: {report}");
}

pub async fn an_address_no_route_serves_is_not_found_in_the_readers_language(admin: TestApp) {
    let (status, body) = admin.json_lang("GET", "/api/v1/nothing", None, "ru").await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(body["errors"][0]["detail"], "По этому адресу ничего нет.");
    let (status, page) = admin.page("/nonexistent", "ky").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("lang=\"ky\""));
    let (status, _, _) = admin.anonymous("GET", "/nonexistent", "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

pub async fn a_failure_a_handler_passes_up_is_told_in_the_readers_language_with_her_menu(admin: TestApp) {
    use emgek_i18n::{Lang, Tr};
    let (status, body) = admin.json_lang("GET", "/api/v1/households/999999", None, "ru").await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert_eq!(body["errors"][0]["detail"], Tr::new(Lang::Ru).t("error-not-found"));
    let (_, body) = admin.json_lang("GET", "/api/v1/households/999999", None, "ky").await;
    assert_eq!(body["errors"][0]["detail"], Tr::new(Lang::Ky).t("error-not-found"));
    let (status, page) = admin.page("/households/999999", "ru").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("lang=\"ru\"") && page.contains(&Tr::new(Lang::Ru).t("error-not-found-title")), "{page}");
    let nav = Tr::new(Lang::Ru).t("nav-households");
    assert!(page.contains(&format!("<a href=\"/households\">{nav}</a>")), "the reader's menu is on the page");
}

pub async fn a_next_address_never_leads_to_another_site(admin: TestApp) {
    for next in ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "/%0A/evil.example"] {
        let (_, headers) = admin.head(&format!("/lang/en?next={next}")).await;
        assert_eq!(headers.get("location").unwrap(), "/", "{next}");
        let form = format!("username=tester&password={}&next={next}", crate::helpers::PASSWORD);
        let (status, headers, _) = admin.sign_in(&form).await;
        assert_eq!(
            (status, headers.get("location").unwrap().to_str().unwrap()),
            (StatusCode::SEE_OTHER, "/"),
            "{next}"
        );
    }
}

pub async fn a_month_far_in_the_future_is_refused_not_a_crash(admin: TestApp) {
    let (_, workshop, _) = crate::enterprises::stepnoe(&admin).await;
    for what in ["production", "sales", "costs", "payroll"] {
        let (status, body) =
            admin.json("GET", &format!("/api/v1/workshops/{workshop}/{what}?month=9999-12"), None).await;
        assert_eq!(
            (status, body["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("month")),
            "{what}: {body}"
        );
    }
    assert!(emgek_domain::household::parse_date("9999-12-31").is_none());
    assert!(emgek_domain::household::parse_date("2100-12-31").is_some());
}

pub async fn a_token_dies_with_a_password_reset_obeys_a_forced_change_and_cannot_reach_the_account(admin: TestApp) {
    let (user, holder) = signed_in_as(&admin, "token-holder", Role::CaseWorker, "rayon:KG-O-KSU").await;
    assert_eq!(holder.json("GET", "/api/v1/households", None).await.0, StatusCode::OK);
    let (status, _) = holder.json("POST", "/account/tokens", Some(json!({"name": "another"}))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a token can't mint tokens or reach its owner's account");
    let (status, _) = admin.form(&format!("/users/{user}"), "action=reset&password=Kara-Suu-bazaar-2026", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // Another server (here: another application state) that never saw the token before.
    let elsewhere = emgek_web::app(emgek_web::AppState::new(admin.store.clone()).await.unwrap());
    let holder = TestApp { router: elsewhere, ..holder };
    assert_eq!(
        holder.json("GET", "/api/v1/households", None).await.0,
        StatusCode::UNAUTHORIZED,
        "revoked by the reset"
    );
    let temporary = add_user(&admin.store, "newcomer", &[(Role::CaseWorker, "rayon:KG-O-KSU")], true).await;
    let newcomer = TestApp::signed_in(admin.store.clone(), temporary).await;
    assert_eq!(
        newcomer.json("GET", "/api/v1/households", None).await.0,
        StatusCode::FORBIDDEN,
        "change the password first"
    );
}

pub async fn sign_in_attempts_can_not_grow_the_audit_trail_without_bound(admin: TestApp) {
    let audit_rows = |app: &TestApp| {
        let store = app.store.clone();
        async move { store.list_audit(&Default::default(), None, 10_000).await.unwrap().len() }
    };
    let before = audit_rows(&admin).await;
    let long = "a".repeat(2_000_000);
    let (status, _, _) = admin.sign_in(&format!("username={long}&password=x")).await;
    assert!(status.is_client_error(), "{status}");
    let (status, _, _) = admin.sign_in(&format!("username={}&password=x", "b".repeat(5_000))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audit_rows(&admin).await, before, "nothing written for an impossible name");
    for _ in 0..12 {
        admin.sign_in("username=tester&password=not-the-password").await;
    }
    assert_eq!(audit_rows(&admin).await, before + 5, "the five failures that lock, and nothing while locked");
}

/// Moves every recorded sign-in failure `minutes` into the past.
async fn age_failures(app: &TestApp, minutes: i64) {
    let rows: Vec<(i64, String)> = match &app.store {
        emgek_store::Store::Sqlite(p) => {
            sqlx::query_as("SELECT login_failure_id, created_at FROM login_failures").fetch_all(p).await.unwrap()
        }
        emgek_store::Store::Postgres(p) => {
            sqlx::query_as("SELECT login_failure_id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM login_failures")
                .fetch_all(p)
                .await
                .unwrap()
        }
    };
    let rfc = &time::format_description::well_known::Rfc3339;
    for (id, at) in rows {
        let moved = time::OffsetDateTime::parse(&at, rfc).unwrap() - time::Duration::minutes(minutes);
        let moved = moved.format(rfc).unwrap();
        app.sql(&format!("UPDATE login_failures SET created_at = '{moved}' WHERE login_failure_id = {id}")).await;
    }
}

pub async fn a_sign_in_lock_grows_with_each_failure_after_it_and_an_administrator_opens_it(admin: TestApp) {
    let id = add_user(&admin.store, "aibek", &[(Role::CaseWorker, "rayon:KG-O-KSU")], false).await;
    let right = format!("username=aibek&password={}", crate::helpers::PASSWORD);
    let wrong = "username=aibek&password=not-the-password";
    for _ in 0..5 {
        assert_eq!(admin.sign_in(wrong).await.0, StatusCode::UNAUTHORIZED);
    }
    let (status, _, page) = admin.sign_in(&right).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "five failures shut sign-in");
    // The sign-in page speaks Kyrgyz to a browser that asks for nothing else.
    assert!(page.contains("1 мүнөттөн кийин"), "{page}");
    age_failures(&admin, 2).await;
    assert_eq!(admin.sign_in(wrong).await.0, StatusCode::UNAUTHORIZED, "a minute later it is open again");
    let (status, _, page) = admin.sign_in(&right).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the sixth failure shuts it again");
    assert!(page.contains("2 мүнөттөн кийин"), "for two minutes: {page}");
    age_failures(&admin, 1).await;
    assert_eq!(admin.sign_in(&right).await.0, StatusCode::TOO_MANY_REQUESTS, "a minute later it is still shut");
    // From another address the name is open: whoever guesses elsewhere can't shut her out.
    admin.sql("UPDATE login_failures SET ip = '203.0.113.9'").await;
    assert_eq!(admin.sign_in(&right).await.0, StatusCode::SEE_OTHER, "another address is not shut");
    for _ in 0..5 {
        admin.sign_in(wrong).await;
    }
    assert_eq!(admin.sign_in(&right).await.0, StatusCode::TOO_MANY_REQUESTS);
    let (status, page) = admin.page(&format!("/users/{id}"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("failed sign-ins in the last day") && page.contains("value=\"unlock\""), "{page}");
    let (status, _) = admin.form(&format!("/users/{id}"), "action=unlock", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(admin.sign_in(&right).await.0, StatusCode::SEE_OTHER, "the administrator opened sign-in");
    let audit = admin.store.list_audit(&Default::default(), None, 10_000).await.unwrap();
    assert!(
        audit.iter().any(|a| a.action == "user.unlock" && a.object == format!("user:{id}")),
        "unlocking is audited"
    );
}

pub async fn api_bodies_out_of_bounds_are_refused_by_field_on_both_databases(admin: TestApp) {
    let (facility, workshop, manager) = crate::enterprises::stepnoe(&admin).await;
    let nul = json!({"name": "Швейный\u{0}цех", "product": "x", "opened_on": "2024-01-01", "wage_tyiyn": 100});
    let (status, body) = admin.json("POST", &format!("/api/v1/facilities/{facility}/workshops"), Some(nul)).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("text.control")));
    assert_eq!(body["errors"][0]["field"], "name");
    let huge = json!({"sold_on": "2024-01-05", "buyer": "Customs", "product": "uniform", "quantity": 1, "amount_tyiyn": 50_000_000_000_000_000_i64});
    let (status, body) = manager.json("POST", &format!("/api/v1/workshops/{workshop}/sales"), Some(huge)).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("number.too_large"))
    );
    // Within the body's bounds but beyond what a sale can mean: two sales of 6 billion som.
    let sale = json!({"sold_on": "2024-01-05", "customer": "Customs", "product": "uniform", "quantity": 2, "unit_price": 600_000_000_000_i64});
    let (status, body) = manager.json("POST", &format!("/api/v1/workshops/{workshop}/sales"), Some(sale)).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("money.too_large"))
    );
    let (status, body) = admin.raw("POST", "/api/v1/households", "application/json", b"{not json".to_vec()).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::BAD_REQUEST, Some("bad_request")));
    let (status, _) = admin.json("GET", "/api/v1/enterprise-finance?from=2024-01-01&to=2024-12-31", None).await;
    assert_eq!(status, StatusCode::OK, "the national sums still answer");
}

pub async fn figures_by_disability_leave_small_counts_out_for_readers_who_may_not_see_personal_data(admin: TestApp) {
    let call = open_call(&admin).await;
    let (_, contract) = crate::contracts::funded_contract(&admin, call).await;
    let (status, body) = admin.json("POST", &format!("/api/v1/contracts/{contract}/sign"), Some(json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let uri = "/api/v1/indicators/families-with-contracts/figures?by=disability";
    let (_, national) = admin.json("GET", uri, None).await;
    let (_, analyst) = signed_in_as(&admin, "dinara", Role::HqAnalyst, "country").await;
    let (status, masked) = analyst.json("GET", uri, None).await;
    assert_eq!(status, StatusCode::OK, "{masked}");
    let parts = national["parts"].as_array().unwrap();
    assert!(!parts.is_empty(), "{national}");
    for (i, part) in parts.iter().enumerate() {
        let value = part[1]["value"].as_i64().unwrap();
        assert!(value > 0 && value < 5, "a small count: {national}");
        assert_eq!(masked["parts"][i][0], part[0]);
        assert!(masked["parts"][i][1]["value"].is_null(), "{masked}");
    }
    let (_, total) = analyst.json("GET", "/api/v1/indicators/families-with-contracts/figures", None).await;
    assert_eq!(total["total"]["value"], national["total"]["value"], "the total, not chosen by disability, stays");
}

pub async fn an_importer_sees_only_the_imports_of_her_places(admin: TestApp) {
    let csv = "household_ref,oblast,rayon,consent,pin,full_name,birth_date,sex,relation\n\
        HH-9,KG-T,KG-T-TAL,yes,21503198512345,Асанов Айбек,1985-03-15,M,head\n";
    let (status, _) = admin.raw("POST", "/api/v1/imports/households", "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::OK);
    let (_, worker) = signed_in_as(&admin, "aigul", Role::CaseWorker, "rayon:KG-O-KSU").await;
    let local = csv.replace("HH-9,KG-T,KG-T-TAL", "KSU-9,KG-O,KG-O-KSU").replace("21503198512345", "21503198512346");
    let (status, report) = worker.raw("POST", "/api/v1/imports/households", "text/csv", local.into_bytes()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    let (status, page) = worker.page("/import", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("aigul") && !page.contains("tester"), "{page}");
    let (_, national) = admin.page("/import", "en").await;
    assert!(national.contains("aigul") && national.contains("tester"));
}

pub async fn concurrent_deliveries_invoices_and_payments_never_go_beyond_the_order(admin: TestApp) {
    let (_, workshop, manager) = crate::enterprises::stepnoe(&admin).await;
    let order = json!({"customer": "State Customs Service", "ordered_on": "2026-03-01", "due_on": "2026-05-31",
        "lines": [{"product": "Uniform", "quantity": 10, "unit_price": 115_000}]});
    let (_, o) = manager.json("POST", &format!("/api/v1/workshops/{workshop}/orders"), Some(order)).await;
    let id = o["id"].as_i64().unwrap();
    let (_, detail) = manager.json("GET", &format!("/api/v1/orders/{id}"), None).await;
    let line = detail["lines"][0]["id"].as_i64().unwrap();
    let deliveries = format!("/api/v1/orders/{id}/deliveries");
    let lot = json!({"line_id": line, "delivered_on": "2026-04-10", "quantity": 10});
    let sent =
        futures_util::future::join_all((0..6).map(|_| manager.json("POST", &deliveries, Some(lot.clone())))).await;
    assert_eq!(sent.iter().filter(|(s, _)| *s == StatusCode::CREATED).count(), 1, "{sent:?}");
    let invoices = format!("/api/v1/orders/{id}/invoices");
    let sent = futures_util::future::join_all((0..6).map(|n| {
        manager.json("POST", &invoices, Some(json!({"number": format!("ST-{n}"), "issued_on": "2026-04-10"})))
    }))
    .await;
    let made: Vec<&serde_json::Value> =
        sent.iter().filter(|(s, _)| *s == StatusCode::CREATED).map(|(_, b)| b).collect();
    assert_eq!(made.len(), 1, "what was delivered is invoiced once: {sent:?}");
    let payments = format!("/api/v1/invoices/{}/payments", made[0]["id"]);
    let sent = futures_util::future::join_all((0..6).map(|n| {
        let payment = json!({"paid_on": "2026-04-20", "amount_tyiyn": 1_150_000, "reference": format!("KAZ-{n}")});
        manager.json("POST", &payments, Some(payment))
    }))
    .await;
    assert_eq!(sent.iter().filter(|(s, _)| *s == StatusCode::CREATED).count(), 1, "{sent:?}");
    let (_, detail) = manager.json("GET", &format!("/api/v1/orders/{id}"), None).await;
    let order = &detail["order"];
    assert_eq!(
        (order["delivered_tyiyn"].as_i64(), order["invoiced_tyiyn"].as_i64(), order["paid_tyiyn"].as_i64()),
        (Some(1_150_000), Some(1_150_000), Some(1_150_000))
    );
}

pub async fn a_sign_in_form_posted_from_elsewhere_opens_no_session(admin: TestApp) {
    let form = format!("username=tester&password={}", crate::helpers::PASSWORD);
    let (status, headers, page) = admin.anonymous("POST", "/login", &form).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no token: another site's form");
    assert!(crate::helpers::session_cookie(&headers).is_none() && page.contains("Форманын мөөнөтү бүттү"), "{page}");
    let (status, headers, _) = admin.anonymous("POST", "/login", &format!("{form}&_login=guessed")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(crate::helpers::session_cookie(&headers).is_none());
    let (status, headers, _) = admin.sign_in(&form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the page's own form signs in");
    assert!(headers.get("set-cookie").unwrap().to_str().unwrap().starts_with("emgek_session="));
}

pub async fn page_forms_refuse_control_characters_and_overlong_values_on_both_databases(admin: TestApp) {
    let form = "household_ref=HH-7&oblast=KG-T&rayon=KG-T-TAL&village=Ak%00Suu&consent=yes&pin=21503198512345\
        &full_name=%D0%90%D1%81%D0%B0%D0%BD%D0%BE%D0%B2&birth_date=1985-03-15&sex=M&relation=head&disability=none";
    let (status, page) = admin.form("/households", form, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("remove the control characters"), "{page}");
    let long = form.replace("Ak%00Suu", &"a".repeat(20_001));
    assert_eq!(admin.form("/households", &long, "en").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, list) = admin.json("GET", "/api/v1/households", None).await;
    assert_eq!(list["total"], 0, "nothing saved");
    let fine = form.replace("Ak%00Suu", "Ak-Suu");
    assert_eq!(admin.form("/households", &fine, "en").await.0, StatusCode::SEE_OTHER);
}
