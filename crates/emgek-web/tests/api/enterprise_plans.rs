//! Prison enterprises' business plans: a manager writes and submits one, the national Expert
//! Group reviews it through the same review engine as Social Contract applications and decides,
//! and purchases are recorded against the approved budget without exceeding it.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::{Value, json};

use super::enterprises::{rules_of, stepnoe};
use super::helpers::{TestApp, add_user};

async fn expert(admin: &TestApp, name: &str) -> (i64, TestApp) {
    let id = add_user(&admin.store, name, &[(Role::ExpertGroupMember, "country")], false).await;
    (id, TestApp::signed_in(admin.store.clone(), id).await)
}

fn scores(points: [u32; 5]) -> Value {
    json!({"viability": points[0], "market": points[1], "inmate_jobs": points[2], "training": points[3],
           "food_self_sufficiency": points[4]})
}

pub async fn the_expert_group_reviews_a_plan_and_purchases_stay_within_its_approved_budget(admin: TestApp) {
    let (facility, _, manager) = stepnoe(&admin).await;
    let bad = json!({"facility_id": facility, "title": " ", "activity": "soya milk", "currency": "EUR"});
    let (status, body) = manager.json("POST", "/api/v1/enterprise-plans", Some(bad)).await;
    assert_eq!(
        (status, rules_of(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("currency".into(), "plan.currency_unknown".into()), ("title".into(), "text.required".into())]
        )
    );
    let good = json!({"facility_id": facility, "title": "Soya milk for the colony", "activity": "soya milk",
                      "summary": "Equipment and a five-month course", "currency": "USD", "inmate_jobs": 15});
    let (status, plan) = manager.json("POST", "/api/v1/enterprise-plans", Some(good)).await;
    assert_eq!(status, StatusCode::CREATED, "{plan}");
    assert_eq!((plan["status"].as_str(), plan["currency"].as_str()), (Some("draft"), Some("USD")));
    let id = plan["id"].as_i64().unwrap();
    let base = format!("/api/v1/enterprise-plans/{id}");

    // No budget, no submission; a budget line needs an item, a known category and an amount.
    let (status, body) = manager.json("POST", &format!("{base}/submit"), None).await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("lines".into(), "plan.no_lines".into())])
    );
    let (status, body) = manager
        .json("POST", &format!("{base}/lines"), Some(json!({"item": "", "category": "toys", "amount_minor": 0})))
        .await;
    assert_eq!(
        (status, rules_of(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("category".into(), "plan.category_unknown".into()),
                ("item".into(), "text.required".into()),
                ("plan_amount".into(), "plan.amount_positive".into())
            ]
        )
    );
    let line = |item: &str, category: &str, dollars: i64| json!({"item": item, "category": category, "amount_minor": dollars * 100});
    let (status, equipment) =
        manager.json("POST", &format!("{base}/lines"), Some(line("Soya mill and boiler", "equipment", 45_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{equipment}");
    let equipment = equipment["id"].as_i64().unwrap();
    let (_, typo) =
        manager.json("POST", &format!("{base}/lines"), Some(line("Soya beans (typo)", "materials", 1))).await;
    let typo = typo["id"].as_i64().unwrap();
    assert_eq!(manager.json("POST", &format!("{base}/lines/{typo}/remove"), None).await.0, StatusCode::NO_CONTENT);
    manager.json("POST", &format!("{base}/lines"), Some(line("Soya beans, first year", "materials", 20_000))).await;
    assert_eq!(manager.json("POST", &format!("{base}/submit"), None).await.0, StatusCode::OK);
    let (status, body) = manager.json("POST", &format!("{base}/lines"), Some(line("More", "other", 5))).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("plan.not_editable")));

    // The Expert Group: national experts only; the manager does not review.
    let (status, body) =
        admin.json("PUT", "/api/v1/expert-group", Some(json!({"name": "Expert Group", "quorum": 0}))).await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("quorum".into(), "commission.quorum_zero".into())])
    );
    let (status, _) =
        admin.json("PUT", "/api/v1/expert-group", Some(json!({"name": "Expert Group", "quorum": 2}))).await;
    assert_eq!(status, StatusCode::OK);
    let (aida_id, aida) = expert(&admin, "aida").await;
    let (bolot_id, bolot) = expert(&admin, "bolot").await;
    let local = add_user(&admin.store, "local-expert", &[(Role::ExpertGroupMember, "facility:stepnoe")], false).await;
    let (status, body) = admin.json("POST", "/api/v1/expert-group/members", Some(json!({"user_id": local}))).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("expert_group.member_cannot_review"))
    );
    for member in [aida_id, bolot_id] {
        let (status, _) = admin.json("POST", "/api/v1/expert-group/members", Some(json!({"user_id": member}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (_, group) = aida.json("GET", "/api/v1/expert-group", None).await;
    assert_eq!((group["quorum"].as_i64(), group["member_user_ids"].as_array().map(Vec::len)), (Some(2), Some(2)));
    let review = |points: [u32; 5]| json!({"scores": scores(points), "recommendation": "approve"});
    assert_eq!(manager.json("POST", &format!("{base}/reviews"), Some(review([9; 5]))).await.0, StatusCode::FORBIDDEN);
    let (status, body) = aida.json("POST", &format!("{base}/reviews"), Some(review([8, 8, 9, 4, 3]))).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("plan.not_under_review"))
    );
    assert_eq!(aida.json("POST", &format!("{base}/start-review"), None).await.0, StatusCode::OK);

    // Reviews on the plan criteria, the quorum, then the decision with the average score.
    assert_eq!(
        aida.json("POST", &format!("{base}/reviews"), Some(review([8, 8, 9, 4, 3]))).await.0,
        StatusCode::CREATED
    );
    let (status, body) = aida.json("POST", &format!("{base}/reviews"), Some(review([8, 8, 9, 4, 3]))).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("review.already_given")));
    let (status, body) = aida.json("POST", &format!("{base}/decision"), Some(json!({"outcome": "approve"}))).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str(), body["errors"][0]["detail"].as_str().map(|d| d.contains("1/2"))),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("review.quorum"), Some(true))
    );
    let (status, body) = bolot
        .json(
            "POST",
            &format!("{base}/reviews"),
            Some(json!({"scores": {"viability": 11, "charm": 3}, "recommendation": "approve"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(rules_of(&body).contains(&("scores.viability".into(), "review.score_over_max".into())), "{body}");
    assert!(rules_of(&body).contains(&("scores.charm".into(), "review.criterion_unknown".into())), "{body}");
    assert_eq!(
        bolot.json("POST", &format!("{base}/reviews"), Some(review([7, 7, 8, 3, 3]))).await.0,
        StatusCode::CREATED
    );
    let (status, body) = bolot.json("POST", &format!("{base}/decision"), Some(json!({"outcome": "approve"}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, detail) = manager.json("GET", &base, None).await;
    assert_eq!(
        (
            detail["plan"]["status"].as_str(),
            detail["plan"]["score_x100"].as_i64(),
            detail["plan"]["budget_minor"].as_i64()
        ),
        (Some("approved"), Some(3_000), Some(6_500_000)),
        "the average of 32 and 28 points; 65,000 USD"
    );
    let (_, reviews) = manager.json("GET", &format!("{base}/reviews"), None).await;
    assert_eq!(reviews.as_array().map(Vec::len), Some(2));

    // Purchases: within each line, each contract once.
    let buy = |reference: &str, dollars: i64| {
        json!({"line_id": equipment, "purchased_on": "2026-03-02", "supplier": "Agromash LLC", "method": "tender",
               "reference": reference, "amount_minor": dollars * 100})
    };
    let (status, body) = manager.json("POST", &format!("{base}/purchases"), Some(buy("T-2026-01", 30_000))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = manager.json("POST", &format!("{base}/purchases"), Some(buy("T-2026-01", 1_000))).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("purchase.reference_taken")));
    let (status, body) = manager.json("POST", &format!("{base}/purchases"), Some(buy("T-2026-02", 16_000))).await;
    assert_eq!(
        (
            status,
            rules_of(&body),
            body["errors"][0]["detail"].as_str().map(|d| d.contains("only 15000.00 USD is left"))
        ),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("plan_amount".into(), "plan.over_budget".into())], Some(true)),
        "{body}"
    );
    let (_, detail) = manager.json("GET", &base, None).await;
    assert_eq!(detail["plan"]["spent_minor"].as_i64(), Some(3_000_000));
    assert_eq!(detail["lines"][0]["spent_minor"].as_i64(), Some(3_000_000));
    let (_, purchases) = aida.json("GET", &format!("{base}/purchases"), None).await;
    assert_eq!(purchases[0]["reference"], "T-2026-01");

    // Another facility's manager does not see the plan; the Social Contract's reviews are apart.
    let other =
        add_user(&admin.store, "other-manager", &[(Role::EnterpriseManager, "facility:novo-pokrovka")], false).await;
    let other = TestApp::signed_in(admin.store.clone(), other).await;
    assert_eq!(other.json("GET", &base, None).await.0, StatusCode::NOT_FOUND);
    let (_, listed) = other.json("GET", "/api/v1/enterprise-plans", None).await;
    assert_eq!(listed, json!([]));
}

pub async fn the_demonstration_has_three_approved_plans_worth_231_000_dollars(admin: TestApp) {
    let today = time::macros::date!(2026 - 11 - 22);
    emgek_app::demo::prison::create_prison_enterprises_if_none(&super::helpers::demo_app(&admin.store, today))
        .await
        .unwrap();
    let (_, plans) = admin.json("GET", "/api/v1/enterprise-plans", None).await;
    let approved: Vec<&Value> = plans.as_array().unwrap().iter().filter(|p| p["status"] == "approved").collect();
    let mut activities: Vec<&str> = approved.iter().map(|p| p["activity"].as_str().unwrap()).collect();
    activities.sort();
    assert_eq!(activities, ["нан", "соя сүтү", "текстиль"], "bread, soya milk, textiles");
    assert!(approved.iter().all(|p| p["currency"] == "USD"));
    let total: i64 = approved.iter().map(|p| p["budget_minor"].as_i64().unwrap()).sum();
    assert_eq!(total, 231_000 * 100, "231,000 USD");
    let id = approved[0]["id"].as_i64().unwrap();
    let (_, reviews) = admin.json("GET", &format!("/api/v1/enterprise-plans/{id}/reviews"), None).await;
    assert!(reviews.as_array().unwrap().len() >= 3, "reviewed by the Expert Group: {reviews}");
}
