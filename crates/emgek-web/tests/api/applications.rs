//! Social Contract programmes, calls and applications through the API.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::{Value, json};

use crate::helpers::{TestApp, add_user};

pub fn som(n: i64) -> Value {
    json!({ "minor": n * 100, "currency": "KGS" })
}

pub fn plan(cow_price: i64) -> Value {
    json!({
        "sector": "agriculture", "activity": "Dairy cows", "ovop_category": "dairy", "local_resources": "milk",
        "lines": [
            {"category": "livestock", "item": "Cow", "quantity": 2, "unit_price": som(cow_price)},
            {"category": "premises", "item": "Barn repair", "quantity": 1, "unit_price": som(10_000)}
        ],
        "own_contribution": som(5_000),
        "projection": (0..12).map(|_| json!({"revenue": som(12_000), "costs": som(4_000)})).collect::<Vec<_>>(),
        "jobs": 2, "green": false
    })
}

/// A programme with the 2024 rules and a call open today: the call's id.
pub async fn open_call(admin: &TestApp) -> i64 {
    let (status, programme) = admin
        .json(
            "POST",
            "/api/v1/programmes",
            Some(json!({"code": "social-contract", "kind": "social_contract",
            "name_ky": "Социалдык келишим", "name_ru": "Социальный контракт", "name_en": "Social Contract"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{programme}");
    let id = programme["id"].as_i64().unwrap();
    let rules = serde_json::to_value(emgek_domain::social_contract::programme::ProgrammeRules::example_2024()).unwrap();
    let (status, body) = admin.json("POST", &format!("/api/v1/programmes/{id}/rules"), Some(rules)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let today = time::OffsetDateTime::now_utc().date();
    let window = json!({"title": "2024", "opens": (today - time::Duration::days(10)).to_string(), "closes": (today + time::Duration::days(10)).to_string()});
    let (status, call) = admin.json("POST", &format!("/api/v1/programmes/{id}/calls"), Some(window)).await;
    assert_eq!(status, StatusCode::CREATED, "{call}");
    call["id"].as_i64().unwrap()
}

/// A large family on the benefit in Kara-Suu, with a disabled child: its id.
pub async fn family(admin: &TestApp) -> i64 {
    family_n(admin, 1).await
}

/// Records that the household attended a training of the call (an eligibility rule of 2024).
pub async fn trained(admin: &TestApp, call: i64, household: i64) -> i64 {
    let by = emgek_store::Actor::new("test", emgek_store::Source::Cli);
    let today = time::OffsetDateTime::now_utc().date();
    let training = admin.store.create_training(&by, call, "Business plans", today, "KG-O-KSU").await.unwrap();
    admin.store.record_attendance(&by, training, household).await.unwrap();
    household
}

/// The household's application to the call with a 45,000-som plan, submitted: its id.
pub async fn submitted_application(admin: &TestApp, call: i64, household: i64) -> i64 {
    let plan = json!({"household_id": household, "plan": plan(45_000)});
    let (_, a) = admin.json("POST", &format!("/api/v1/calls/{call}/applications"), Some(plan)).await;
    let id = a["id"].as_i64().unwrap();
    let (status, body) = admin.json("POST", &format!("/api/v1/applications/{id}/submit"), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

pub async fn family_n(admin: &TestApp, n: u32) -> i64 {
    let body = json!({
        "household": {"household_ref": format!("KSU-{n}"), "oblast": "KG-O", "rayon": "KG-O-KSU", "consent": "yes",
                      "phone": format!("0700 100 {n:03}"),
                      "aiyl_okmotu": "Ак-Жар а/о", "benefit_since": "2023-01-01", "benefit_monthly_som": "1500"},
        "members": [
            {"pin": format!("2150319850{n}001"), "full_name": "Асанов Айбек", "birth_date": "1985-03-15", "sex": "M", "relation": "head"},
            {"pin": format!("1100520120{n}002"), "full_name": "Асанова Айжан", "birth_date": "2012-05-10", "sex": "F", "relation": "child"},
            {"pin": format!("2100520150{n}003"), "full_name": "Асанов Бекзат", "birth_date": "2015-05-10", "sex": "M", "relation": "child", "disability": "child"},
            {"pin": format!("1100520180{n}004"), "full_name": "Асанова Нуриза", "birth_date": "2018-05-10", "sex": "F", "relation": "child"}
        ]
    });
    let (status, h) = admin.json("POST", "/api/v1/households", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{h}");
    h["id"].as_i64().unwrap()
}

pub async fn a_case_worker_submits_an_application_and_its_assessment_is_frozen(admin: TestApp) {
    let call = open_call(&admin).await;
    let household = family(&admin).await;
    let worker_id = add_user(&admin.store, "aigul", &[(Role::CaseWorker, "rayon:KG-O-KSU")], false).await;
    let worker = TestApp::signed_in(admin.store.clone(), worker_id).await;
    let (status, training) = worker
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/trainings"),
            Some(json!({"title": "Business plans", "held_on": "2024-03-01", "rayon": "KG-O-KSU"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{training}");
    let t = training["id"].as_i64().unwrap();
    let (status, _) = worker
        .json("POST", &format!("/api/v1/trainings/{t}/attendance"), Some(json!({"household_id": household})))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, a) = worker
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/applications"),
            Some(json!({"household_id": household, "plan": plan(45_000)})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{a}");
    assert_eq!(a["status"], "draft");
    assert_eq!(a["figures"]["grant_requested"]["minor"], 9_500_000);
    let id = a["id"].as_i64().unwrap();
    let (status, again) = worker
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/applications"),
            Some(json!({"household_id": household, "plan": plan(45_000)})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    assert_eq!(again["errors"][0]["rule"], "application.open_exists");
    let (status, a) = worker.json("POST", &format!("/api/v1/applications/{id}/submit"), None).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["status"], "submitted");
    assert_eq!(a["assessment"]["eligible"], true);
    let reasons: Vec<&str> =
        a["assessment"]["points"].as_array().unwrap().iter().map(|p| p["reason"].as_str().unwrap()).collect();
    assert_eq!(
        reasons,
        [
            "priority.three_or_more_children",
            "priority.member_with_disability",
            "priority.ovop_product",
            "priority.profitable_plan"
        ]
    );
    assert_eq!(a["rules_from"], "2024-01-01");
    // The registry changes afterwards; the decision's facts do not.
    let moved = json!({"household_ref": "KSU-1", "oblast": "KG-O", "rayon": "KG-O-KSU", "consent": "yes"});
    admin.json("PUT", &format!("/api/v1/households/{household}"), Some(moved)).await;
    let (_, later) = worker.json("GET", &format!("/api/v1/applications/{id}"), None).await;
    assert_eq!(later["snapshot"]["on_benefit"], true);
    assert_eq!(later["assessment"], a["assessment"]);
}

pub async fn a_plan_over_the_caps_cannot_be_submitted_and_says_why(admin: TestApp) {
    let call = open_call(&admin).await;
    let household = family(&admin).await;
    let (_, a) = admin
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/applications"),
            Some(json!({"household_id": household, "plan": plan(60_000)})),
        )
        .await;
    let id = a["id"].as_i64().unwrap();
    let (status, errors) = admin.json("POST", &format!("/api/v1/applications/{id}/submit"), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let rules: Vec<&str> = errors["errors"].as_array().unwrap().iter().map(|e| e["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["plan.grant_over_cap"]);
    assert!(errors["errors"][0]["detail"].as_str().unwrap().contains("exceeds the programme's cap"));
    let (_, still) = admin.json("GET", &format!("/api/v1/applications/{id}"), None).await;
    assert_eq!(still["status"], "draft", "nothing changed");
}

pub async fn a_commission_returns_an_application_and_the_family_revises_it(admin: TestApp) {
    let call = open_call(&admin).await;
    let household = family(&admin).await;
    let (_, a) = admin
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/applications"),
            Some(json!({"household_id": household, "plan": plan(45_000)})),
        )
        .await;
    let id = a["id"].as_i64().unwrap();
    admin.json("POST", &format!("/api/v1/applications/{id}/submit"), None).await;
    let member_id = add_user(&admin.store, "nurlan", &[(Role::CommissionMember, "rayon:KG-O-KSU")], false).await;
    let member = TestApp::signed_in(admin.store.clone(), member_id).await;
    let (status, _) = member.json("POST", &format!("/api/v1/applications/{id}/return"), Some(json!({}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a return needs a reason");
    let (status, a) = member
        .json("POST", &format!("/api/v1/applications/{id}/return"), Some(json!({"reason": "add the price quotes"})))
        .await;
    assert_eq!((status, a["status"].as_str()), (StatusCode::OK, Some("returned")));
    assert_eq!(
        member.json("PUT", &format!("/api/v1/applications/{id}/plan"), Some(plan(44_000))).await.0,
        StatusCode::FORBIDDEN,
        "the commission does not write plans"
    );
    let (status, a) = admin.json("PUT", &format!("/api/v1/applications/{id}/plan"), Some(plan(44_000))).await;
    assert_eq!((status, a["figures"]["grant_requested"]["minor"].as_i64()), (StatusCode::OK, Some(9_300_000)));
    admin.json("POST", &format!("/api/v1/applications/{id}/submit"), None).await;
    let (status, a) = member.json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
    assert_eq!((status, a["status"].as_str()), (StatusCode::OK, Some("under_review")));
    let (status, body) = admin.json("PUT", &format!("/api/v1/applications/{id}/plan"), Some(plan(40_000))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let steps: Vec<&str> = a["events"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap()).collect();
    assert_eq!(steps, ["submitted", "returned", "submitted", "under_review"]);
    let (status, _) = member.json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
    assert_eq!(status, StatusCode::CONFLICT, "a step the status does not allow");
}

pub async fn applications_outside_ones_places_do_not_exist(admin: TestApp) {
    let call = open_call(&admin).await;
    let household = family(&admin).await;
    let (_, a) = admin
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/applications"),
            Some(json!({"household_id": household, "plan": plan(45_000)})),
        )
        .await;
    let id = a["id"].as_i64().unwrap();
    let other_id = add_user(&admin.store, "bolot", &[(Role::CaseWorker, "rayon:KG-C-SOK")], false).await;
    let other = TestApp::signed_in(admin.store.clone(), other_id).await;
    assert_eq!(other.json("GET", &format!("/api/v1/applications/{id}"), None).await.0, StatusCode::NOT_FOUND);
    let (_, list) = other.json("GET", &format!("/api/v1/calls/{call}/applications"), None).await;
    assert_eq!(list["total"], 0);
    let (status, _) = other
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/applications"),
            Some(json!({"household_id": household, "plan": plan(45_000)})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "she cannot apply for a household outside her rayon");
}

pub async fn a_commission_reviews_decides_and_allocation_funds_within_the_budget(admin: TestApp) {
    let call = open_call(&admin).await;
    let (_, calls) = admin.json("GET", "/api/v1/programmes", None).await;
    let programme = calls[0]["id"].as_i64().unwrap();
    // From today a tighter budget: room for one grant of 95,000 som, not two.
    let mut rules = emgek_domain::social_contract::programme::ProgrammeRules::example_2024();
    rules.effective_from = time::OffsetDateTime::now_utc().date();
    rules.budget = emgek_domain::Money::som(150_000);
    let (status, body) = admin
        .json("POST", &format!("/api/v1/programmes/{programme}/rules"), Some(serde_json::to_value(&rules).unwrap()))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let mut ids = Vec::new();
    for n in 1..=2 {
        let household = trained(&admin, call, family_n(&admin, n).await).await;
        let (_, a) = admin
            .json(
                "POST",
                &format!("/api/v1/calls/{call}/applications"),
                Some(json!({"household_id": household, "plan": plan(45_000)})),
            )
            .await;
        let id = a["id"].as_i64().unwrap();
        let (status, body) = admin.json("POST", &format!("/api/v1/applications/{id}/submit"), None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        ids.push(id);
    }
    let (status, c) = admin
        .json(
            "POST",
            &format!("/api/v1/calls/{call}/commissions"),
            Some(json!({"rayon": "KG-O-KSU", "name": "Kara-Suu", "quorum": 2, "conflict_rule": "same_aiyl_okmotu"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let commission = c["id"].as_i64().unwrap();
    let mut members = Vec::new();
    for (name, aiyl) in [("neighbour", "Ak-Jar a/o"), ("nurlan", "Кара-Суу а/о"), ("gulnara", "Мады а/о")]
    {
        let id = add_user(&admin.store, name, &[(Role::CommissionMember, "rayon:KG-O-KSU")], false).await;
        let (status, _) = admin
            .json(
                "POST",
                &format!("/api/v1/commissions/{commission}/members"),
                Some(json!({"user_id": id, "aiyl_okmotu": aiyl})),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        members.push(TestApp::signed_in(admin.store.clone(), id).await);
    }
    let outsider_id = add_user(&admin.store, "outsider", &[(Role::CommissionMember, "rayon:KG-O-KSU")], false).await;
    let outsider = TestApp::signed_in(admin.store.clone(), outsider_id).await;
    let scores = json!({"viability": 8, "market": 7, "local_resources": 5, "jobs": 3});
    for (i, id) in ids.iter().enumerate() {
        let (status, body) = members[0]
            .json(
                "POST",
                &format!("/api/v1/applications/{id}/reviews"),
                Some(json!({"scores": scores, "recommendation": "approve"})),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["errors"][0]["rule"], "review.not_under_review");
        members[1].json("POST", &format!("/api/v1/applications/{id}/review"), None).await;
        let (_, body) = members[0]
            .json(
                "POST",
                &format!("/api/v1/applications/{id}/reviews"),
                Some(json!({"scores": scores, "recommendation": "approve"})),
            )
            .await;
        assert_eq!(body["errors"][0]["rule"], "review.conflict_of_interest", "the same aiyl okmotu, written in Latin");
        let (status, _) = members[0]
            .json("POST", &format!("/api/v1/applications/{id}/reviews"), Some(json!({"conflict": true})))
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, body) = outsider
            .json(
                "POST",
                &format!("/api/v1/applications/{id}/reviews"),
                Some(json!({"scores": scores, "recommendation": "approve"})),
            )
            .await;
        assert_eq!(
            (status, body["errors"][0]["rule"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("review.not_member"))
        );
        let (status, _) = members[1]
            .json(
                "POST",
                &format!("/api/v1/applications/{id}/reviews"),
                Some(json!({"scores": scores, "recommendation": "approve"})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
        let (status, body) = members[1]
            .json(
                "POST",
                &format!("/api/v1/applications/{id}/reviews"),
                Some(json!({"scores": scores, "recommendation": "approve"})),
            )
            .await;
        assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("review.already_given")));
        let (status, body) = members[1]
            .json("POST", &format!("/api/v1/applications/{id}/decision"), Some(json!({"outcome": "approve"})))
            .await;
        assert_eq!(
            (status, body["errors"][0]["rule"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("review.quorum")),
            "a conflicted review does not count"
        );
        let extra = if i == 0 {
            json!({"viability": 10, "market": 9, "local_resources": 5, "jobs": 5})
        } else {
            scores.clone()
        };
        members[2]
            .json(
                "POST",
                &format!("/api/v1/applications/{id}/reviews"),
                Some(json!({"scores": extra, "recommendation": "approve"})),
            )
            .await;
        let (status, _) = members[1]
            .json("POST", &format!("/api/v1/applications/{id}/decision"), Some(json!({"outcome": "approve"})))
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, preview) = admin.json("POST", &format!("/api/v1/calls/{call}/allocation"), Some(json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(
        (preview["committed"].as_bool(), preview["funded"].as_u64(), preview["waiting"].as_u64()),
        (Some(false), Some(1), Some(1))
    );
    let reasons: Vec<(i64, &str)> = preview["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["application_id"].as_i64().unwrap(), d["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(reasons, [(ids[0], "allocation.funded"), (ids[1], "allocation.budget")], "the higher score goes first");
    let (_, first) = admin.json("GET", &format!("/api/v1/applications/{}", ids[0]), None).await;
    assert_eq!(first["status"], "approved", "a preview changes nothing");

    let (status, run) =
        admin.json("POST", &format!("/api/v1/calls/{call}/allocation"), Some(json!({"commit": true}))).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    // Contracts are numbered by the year the call opened, the oblast and a sequence.
    let opens_year = (time::OffsetDateTime::now_utc().date() - time::Duration::days(10)).year();
    assert_eq!(run["contracts"][0][1], format!("SC-{opens_year}-KG-O-000001"));
    let (_, first) = admin.json("GET", &format!("/api/v1/applications/{}", ids[0]), None).await;
    let (_, second) = admin.json("GET", &format!("/api/v1/applications/{}", ids[1]), None).await;
    assert_eq!((first["status"].as_str(), second["status"].as_str()), (Some("funded"), Some("waiting_list")));
    let ledger = admin.store.ledger(programme).await.unwrap();
    use emgek_domain::social_contract::ledger::Account;
    assert_eq!(ledger.balance(Account::Committed), 9_500_000);
    assert_eq!(ledger.balance(Account::Available), 15_000_000 - 9_500_000);
    assert!(ledger.balances_hold());
    let (_, again) =
        admin.json("POST", &format!("/api/v1/calls/{call}/allocation"), Some(json!({"commit": true}))).await;
    assert_eq!(
        (again["funded"].as_u64(), again["contracts"].as_array().map(Vec::len)),
        (Some(0), Some(0)),
        "no grant is committed twice"
    );
    assert_eq!(admin.store.ledger(programme).await.unwrap().balance(Account::Committed), 9_500_000);
    assert_eq!(admin.store.verify_audit().await.unwrap().first_broken, None);
}

pub async fn the_demonstration_programme_has_applications_in_every_state(admin: TestApp) {
    let today = time::OffsetDateTime::now_utc().date();
    emgek_exchange::demo::load_if_empty(&admin.store, 800, today).await.unwrap();
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(admin.store.clone())).await.unwrap();
    let made =
        emgek_app::demo::create_social_contract_if_none(&emgek_app::App::new(admin.store.clone())).await.unwrap();
    assert!(made >= 20, "{made} applications");
    assert_eq!(
        emgek_app::demo::create_social_contract_if_none(&emgek_app::App::new(admin.store.clone())).await.unwrap(),
        0,
        "once only"
    );
    let (_, list) = admin.json("GET", "/api/v1/calls/1/applications?per_page=200", None).await;
    let mut states: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|a| a["status"].as_str().unwrap()).collect();
    states.sort_unstable();
    states.dedup();
    assert_eq!(
        states,
        ["draft", "funded", "rejected", "returned", "submitted", "under_review", "waiting_list", "withdrawn"]
    );
    let (_, rules) = admin.json("GET", "/api/v1/programmes/1/rules", None).await;
    assert_eq!(
        (rules[0]["quota_total"].as_u64(), rules[0]["grant_cap"]["minor"].as_i64()),
        (Some(20_000), Some(10_000_000))
    );
    let ledger = admin.store.ledger(1).await.unwrap();
    assert!(ledger.balances_hold());
    assert_eq!(admin.store.verify_audit().await.unwrap().first_broken, None);
}
