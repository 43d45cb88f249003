//! Access control through HTTP: sign-in, sessions, CSRF, throttling, tokens, scopes, masking,
//! the route table for every role, and the audit trail.

use axum::http::StatusCode;
use emgek_domain::access::{Permission, Role};
use emgek_web::auth::routes::{ROUTES, Rule};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp, add_user};

fn household(reference: &str, rayon: &str, pin: &str) -> serde_json::Value {
    let oblast = emgek_domain::geography::rayon(rayon).unwrap().oblast;
    json!({
        "household": {"household_ref": reference, "oblast": oblast, "rayon": rayon, "consent": "yes"},
        "members": [{"pin": pin, "full_name": "Асанов Айбек", "birth_date": "1985-03-15", "sex": "M", "relation": "head", "disability": "II"}]
    })
}

/// Two households, one in Sokuluk (KG-C-SOK) and one in Batken (KG-B-BAT): their ids.
async fn two_households(admin: &TestApp) -> (i64, i64) {
    let (_, a) = admin.json("POST", "/api/v1/households", Some(household("SOK-1", "KG-C-SOK", "21503198500001"))).await;
    let (_, b) = admin.json("POST", "/api/v1/households", Some(household("BAT-1", "KG-B-BAT", "21503198500002"))).await;
    (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap())
}

pub async fn an_anonymous_caller_is_sent_to_sign_in_or_answered_401(app: TestApp) {
    let (status, headers, _) = app.anonymous("GET", "/households?page=2", "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get("location").unwrap(), "/login?next=%2Fhouseholds%3Fpage%3D2");
    let (status, _, body) = app.anonymous("GET", "/api/v1/households", "").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("\"code\":\"unauthorized\""), "{body}");
    let (status, _, _) = app.anonymous("GET", "/healthz", "").await;
    assert_eq!(status, StatusCode::OK);
}

pub async fn signing_in_opens_a_session_and_a_wrong_password_does_not(app: TestApp) {
    let (status, headers, _) = app.sign_in(&format!("username=tester&password={PASSWORD}&next=%2Fimport")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get("location").unwrap(), "/import");
    let cookie = headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        cookie.starts_with("emgek_session=")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Secure"),
        "{cookie}"
    );
    let (status, headers, body) = app.sign_in("username=tester&password=wrong-password-123").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(crate::helpers::session_cookie(&headers).is_none(), "no session");
    assert!(body.contains("Неверное имя") || body.contains("Wrong user name") || body.contains("туура эмес"));
    let (_, _, unknown) = app.sign_in("username=nobody&password=wrong-password-123").await;
    assert_eq!(
        unknown.contains("Wrong user name"),
        body.contains("Wrong user name"),
        "the same answer for an unknown name"
    );
}

pub async fn five_wrong_passwords_lock_the_account_even_against_the_right_one(app: TestApp) {
    for _ in 0..5 {
        let (status, _, _) = app.sign_in("username=tester&password=not-the-password").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, headers, _) = app.sign_in(&format!("username=tester&password={PASSWORD}")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(crate::helpers::session_cookie(&headers).is_none(), "no session");
    let (_, rows) = app.json("GET", "/api/v1/households", None).await;
    assert!(rows.is_object(), "the user's other sessions and tokens keep working");
}

pub async fn a_form_without_its_csrf_token_or_from_another_site_is_refused(app: TestApp) {
    let body = "household_ref=HH-1&oblast=KG-C&rayon=KG-C-SOK&consent=yes";
    let (status, _, html) = app.form_full("/households", body, "en").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("The form has expired"), "{html}");
    let (status, _, _) = app.form_full("/households", &format!("{body}&_csrf=forged"), "en").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let request = axum::http::Request::builder()
        .method("POST")
        .uri("/households")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("emgek_session={}", app.session))
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::from(format!("{body}&_csrf={}", app.csrf)))
        .unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::FORBIDDEN, "a cross-site request, even with the token");
    let (status, _) = app.form("/households", body, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "with its token the form is read (and its errors shown)");
}

pub async fn an_idle_or_expired_session_ends(app: TestApp) {
    assert_eq!(app.page("/households", "en").await.0, StatusCode::OK);
    app.sql("UPDATE sessions SET last_seen_at = '2020-01-01T00:00:00+00:00'").await;
    let (status, _) = app.page("/households", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "30 minutes idle end a session");
}

pub async fn a_revoked_token_is_refused(app: TestApp) {
    assert_eq!(app.json("GET", "/api/v1/households", None).await.0, StatusCode::OK);
    let tokens = app.store.tokens_of(app.user_id).await.unwrap();
    let (status, _) = app.form(&format!("/account/tokens/{}/revoke", tokens[0].api_token_id), "x=1", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, body) = app.json("GET", "/api/v1/households", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}

pub async fn a_token_created_in_the_page_carries_its_owners_permissions(app: TestApp) {
    let (status, html) = app.form("/account/tokens", "name=laptop", "en").await;
    assert_eq!(status, StatusCode::OK);
    let start = html.find("emgek_").unwrap();
    let token: String = html[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    assert_eq!(token.len(), 46);
    let request = axum::http::Request::builder()
        .uri("/api/v1/households")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::OK);
    let stored = app.store.tokens_of(app.user_id).await.unwrap();
    assert!(stored.iter().all(|t| !token.contains(&t.prefix) || t.prefix.len() == 12));
}

pub async fn a_case_worker_sees_and_edits_only_her_rayon(admin: TestApp) {
    let (sokuluk, batken) = two_households(&admin).await;
    let worker_id = add_user(&admin.store, "aida", &[(Role::CaseWorker, "rayon:KG-C-SOK")], false).await;
    let worker = TestApp::signed_in(admin.store.clone(), worker_id).await;
    let (_, list) = worker.json("GET", "/api/v1/households", None).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["household_ref"], "SOK-1");
    assert_eq!(worker.json("GET", &format!("/api/v1/households/{sokuluk}"), None).await.0, StatusCode::OK);
    let (status, outside) = worker.json("GET", &format!("/api/v1/households/{batken}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "outside her rayon is as if it did not exist");
    let (missing_status, missing) = worker.json("GET", "/api/v1/households/999999", None).await;
    assert_eq!((status, outside), (missing_status, missing));
    assert_eq!(worker.page(&format!("/households/{batken}"), "en").await.0, StatusCode::NOT_FOUND);
    let (status, body) =
        worker.json("POST", "/api/v1/households", Some(household("BAT-2", "KG-B-BAT", "21503198500003"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["rule"], "scope.outside");
    let moved = json!({"household_ref": "SOK-1", "oblast": "KG-B", "rayon": "KG-B-BAT", "consent": "yes"});
    let (status, _) = worker.json("PUT", &format!("/api/v1/households/{sokuluk}"), Some(moved)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "she cannot move a household out of her rayon");
    let csv = "household_ref,oblast,rayon,consent,pin,full_name,birth_date,sex,relation\n\
        SOK-2,KG-C,KG-C-SOK,yes,21503198500004,Асанов Бакыт,1985-03-15,M,head\n\
        BAT-3,KG-B,KG-B-BAT,yes,21503198500005,Асанов Талант,1985-03-15,M,head\n\
        SOK-3,KG-C,KG-C-SOK,yes,21503198500002,Асанов Нурлан,1985-03-15,M,head\n";
    let (_, report) = worker.raw("POST", "/api/v1/imports/households", "text/csv", csv.as_bytes().to_vec()).await;
    let rejected: Vec<(u64, String)> = report["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["row"].as_u64().unwrap(), r["rule"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        rejected,
        [(3, "scope.outside".to_string()), (4, "scope.outside".to_string())],
        "another rayon's household, and a person living there"
    );
}

pub async fn read_only_roles_see_personal_data_masked_everywhere(admin: TestApp) {
    let (sokuluk, _) = two_households(&admin).await;
    let auditor_id = add_user(&admin.store, "eu-auditor", &[(Role::Auditor, "country")], false).await;
    let auditor = TestApp::signed_in(admin.store.clone(), auditor_id).await;
    let (_, h) = auditor.json("GET", &format!("/api/v1/households/{sokuluk}"), None).await;
    assert_eq!(h["members"][0]["pin"], "**********0001");
    assert_eq!(h["members"][0]["disability"], "hidden");
    assert_eq!(h["facts"]["members_with_disability"], serde_json::Value::Null);
    let (_, page) = auditor.page(&format!("/households/{sokuluk}"), "en").await;
    assert!(!page.contains("21503198500001") && page.contains("**********0001"));
    let (_, csv) = auditor.page("/households/export.csv", "en").await;
    assert!(!csv.contains("21503198500001") && csv.contains("**********0001") && csv.contains("hidden"), "{csv}");
    let (_, history) = auditor.json("GET", &format!("/api/v1/households/{sokuluk}/history"), None).await;
    assert!(!history.to_string().contains("21503198500001"), "{history}");
    let (_, admin_view) = admin.json("GET", &format!("/api/v1/households/{sokuluk}"), None).await;
    assert_eq!(admin_view["members"][0]["pin"], "21503198500001");
    assert_eq!(
        auditor.json("PUT", &format!("/api/v1/households/{sokuluk}"), Some(json!({}))).await.0,
        StatusCode::FORBIDDEN
    );
}

pub async fn every_route_allows_exactly_the_roles_the_table_names(admin: TestApp) {
    let (sokuluk, _) = two_households(&admin).await;
    let member = admin.store.household(sokuluk).await.unwrap().members[0].id;
    let admin_id = admin.user_id;
    let concrete = |path: &str| {
        path.replace("/households/{id}", &format!("/households/{sokuluk}"))
            .replace("/members/{id}", &format!("/members/{member}"))
            .replace("/users/{id}", &format!("/users/{admin_id}"))
            .replace("/tokens/{id}", "/tokens/999999")
            .replace("/jobs/{id}", "/jobs/999999")
            .replace("{code}", "en")
            .replace("{id}", "999999")
            .replace("{*rest}", "index.css")
    };
    for role in Role::ALL {
        let id =
            add_user(&admin.store, &format!("user-{}", role.code().replace('_', "-")), &[(*role, "country")], false)
                .await;
        let app = TestApp::signed_in(admin.store.clone(), id).await;
        for (method, path, rule) in ROUTES {
            if *path == "/logout" || *path == "/setup" || *path == "/login" {
                continue;
            }
            let uri = concrete(path);
            let (status, _, _) = if path.starts_with("/api/v1") && *method != "GET" {
                let (s, _) = app.json(method, &uri, Some(json!({}))).await;
                (s, Default::default(), String::new())
            } else if *method == "GET" {
                let (s, _) = app.page(&uri, "en").await;
                (s, Default::default(), String::new())
            } else {
                app.form_full(&uri, &format!("_csrf={}", app.csrf), "en").await
            };
            let allowed = match rule {
                Rule::Public | Rule::SignedIn => true,
                Rule::Needs(p) | Rule::National(p) => role.permissions().contains(p),
                // No user carries the gateway's key.
                Rule::Gateway => false,
            };
            assert_eq!(status == StatusCode::FORBIDDEN, !allowed, "{} {method} {path}: {status}", role.code());
            assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{} {method} {path}: 500", role.code());
        }
    }
    let anonymous = &admin;
    for (method, path, rule) in ROUTES {
        if *rule == Rule::Public || *path == "/logout" {
            continue;
        }
        let (status, _, _) = anonymous.anonymous(method, &concrete(path), "").await;
        let expected = if *rule == Rule::Gateway {
            StatusCode::FORBIDDEN
        } else if path.starts_with("/api/") {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::SEE_OTHER
        };
        assert_eq!(status, expected, "anonymous {method} {path}");
    }
    assert!(
        ROUTES.iter().filter(|r| matches!(r.2, Rule::Needs(Permission::ViewSensitive))).count() == 0,
        "ViewSensitive masks, it guards no route"
    );
}

pub async fn a_new_installation_asks_for_its_first_administrator(app: TestApp) {
    let store = emgek_testing::fresh_store(if matches!(app.store, emgek_store::Store::Sqlite(_)) {
        "sqlite"
    } else {
        "postgres"
    })
    .await;
    let state = emgek_web::AppState::new(store.clone()).await.unwrap();
    let fresh = TestApp { router: emgek_web::app(state), store, ..app };
    let (status, headers, _) = fresh.anonymous("GET", "/households", "").await;
    assert_eq!((status, headers.get("location").unwrap().to_str().unwrap()), (StatusCode::SEE_OTHER, "/setup"));
    let (status, _, body) =
        fresh.anonymous("POST", "/setup", "username=root&display_name=Root&password=short&password_again=short").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body.contains("сырсөз кеминде 12 белгиден турат"),
        "the rule, in Kyrgyz for a browser that asks for no language: {body}"
    );
    let form = "username=root&display_name=Root&password=Ysyk-Kol-summer-2026&password_again=Ysyk-Kol-summer-2026";
    let (status, headers, _) = fresh.anonymous("POST", "/setup", form).await;
    assert_eq!(
        (status, headers.get("location").unwrap().to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/login?done=setup")
    );
    let (status, headers, _) = fresh.anonymous("POST", "/setup", &form.replace("root", "intruder")).await;
    assert_eq!(
        (status, headers.get("location").unwrap().to_str().unwrap()),
        (StatusCode::SEE_OTHER, "/login"),
        "setup happens once"
    );
    assert_eq!(fresh.store.count_users().await.unwrap(), 1);
}

pub async fn an_initial_password_must_be_changed_before_anything_else(admin: TestApp) {
    let id = add_user(&admin.store, "newcomer", &[(Role::CaseWorker, "rayon:KG-C-SOK")], true).await;
    let user = TestApp::signed_in(admin.store.clone(), id).await;
    let (status, html) = user.page("/households", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{html}");
    let (status, _) = user.page("/account/password", "en").await;
    assert_eq!(status, StatusCode::OK);
    let form = format!("current={PASSWORD}&password=Chui-valley-2026-new&password_again=Chui-valley-2026-new");
    let (status, headers, _) = user.form_full("/account/password", &format!("{form}&_csrf={}", user.csrf), "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers.get("set-cookie").is_some(), "a new session replaces the old ones");
    assert_eq!(user.page("/households", "en").await.0, StatusCode::SEE_OTHER, "the old session ended");
    assert!(!admin.store.user(id).await.unwrap().must_change_password);
}

pub async fn logins_views_and_writes_are_in_an_intact_audit_trail(admin: TestApp) {
    let (sokuluk, _) = two_households(&admin).await;
    admin.sign_in("username=tester&password=wrong-password-123").await;
    admin.page(&format!("/households/{sokuluk}"), "en").await;
    let (_, html) = admin.page("/audit?verify=1", "en").await;
    assert!(html.contains("The chain holds"), "{html}");
    for action in ["login.failure", "household.view", "household.create"] {
        assert!(html.contains(action), "{action} is in the audit log");
    }
    let views = emgek_store::AuditFilter { action: Some("household.view".into()), ..Default::default() };
    let rows = admin.store.list_audit(&views, None, 10).await.unwrap();
    assert_eq!((rows[0].actor.as_str(), rows[0].object.clone()), ("tester", format!("household:{sokuluk}")));
    admin.sql("UPDATE audit_log SET detail = '{}' WHERE audit_id = 1").await;
    let (_, html) = admin.page("/audit?verify=1", "en").await;
    assert!(html.contains("The chain holds"), "a server checks the whole chain at most once a minute");
    // A minute later (here: a server that has not checked yet) the check runs again.
    let later = TestApp::signed_in(admin.store.clone(), admin.user_id).await;
    let (_, html) = later.page("/audit?verify=1", "en").await;
    assert!(html.contains("The chain is broken at row 1"), "{html}");
}

pub async fn a_session_cookie_replayed_after_sign_out_opens_nothing(app: TestApp) {
    assert_eq!(app.page("/households", "en").await.0, StatusCode::OK);
    let (status, headers, _) = app.form_full("/logout", &format!("_csrf={}", app.csrf), "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(headers.get("set-cookie").unwrap().to_str().unwrap().contains("Max-Age=0"), "the cookie is removed");
    let (status, _) = app.page("/households", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the same cookie, sent again, is a stranger's");
    let (status, _) = app.form("/households", "household_ref=X", "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

pub async fn pages_naming_families_are_never_cached_or_framed(app: TestApp) {
    for uri in ["/households", "/api/v1/households"] {
        let (status, headers, _) = app.download(uri, "en").await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(headers["cache-control"], "no-store", "{uri} is not kept by caches");
        assert_eq!(headers["x-frame-options"], "DENY", "{uri} is framed by no other site");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "same-origin");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'none'") && csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
    }
    let (_, headers, _) = app.download("/api/docs/", "en").await;
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"), "Swagger UI runs its own scripts: {csp}");
    let (_, headers, _) = app.download("/static/app.css", "en").await;
    assert_eq!(headers["cache-control"], "public, max-age=3600", "the stylesheet is cached as it says");
}
