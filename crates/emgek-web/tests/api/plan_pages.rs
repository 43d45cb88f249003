//! Prison enterprises' business plans in the pages: a manager writes and submits a plan, a
//! national administrator sets up the Expert Group, its members review and approve the plan,
//! and the manager records purchases within the approved lines.

use axum::http::StatusCode;
use emgek_domain::access::Role;

use super::enterprises::stepnoe;
use super::helpers::{TestApp, add_user};

async fn seated_expert(admin: &TestApp, name: &str) -> TestApp {
    let id = add_user(&admin.store, name, &[(Role::ExpertGroupMember, "country")], false).await;
    let (status, page) = admin.form("/enterprises/expert-group/members", &format!("user_id={id}"), "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    TestApp::signed_in(admin.store.clone(), id).await
}

const SCORES: &str =
    "score_viability=8&score_market=8&score_inmate_jobs=8&score_training=3&score_food_self_sufficiency=3";

pub async fn a_manager_and_the_expert_group_take_a_plan_to_its_purchases_in_the_pages(admin: TestApp) {
    let (facility, _, manager) = stepnoe(&admin).await;

    // The manager's form names each broken rule beside its field, in Kyrgyz, and keeps the input.
    let bad = format!("facility_id={facility}&title=&activity=soya+milk&currency=EUR&inmate_jobs=");
    let (status, page) = manager.form("/enterprises/plans", &bad, "ky").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("сомду же АКШ долларын тандаңыз"), "the currency rule in Kyrgyz: {page}");
    assert!(page.contains(r#"value="soya milk""#), "what was typed is kept");
    let good = format!(
        "facility_id={facility}&title=Soya+milk+for+the+colony&activity=soya+milk&summary=Equipment&currency=USD&inmate_jobs=15"
    );
    let (status, location) = manager.form_location("/enterprises/plans", &good).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let plan: i64 = location.trim_start_matches("/enterprise-plans/").trim_end_matches("?saved=1").parse().unwrap();
    let base = format!("/enterprise-plans/{plan}");

    // Budget lines in dollars: every bad value named; the totals in dollars, never in som.
    let (status, page) = manager.form(&format!("{base}/lines"), "item=&category=&plan_amount=lots", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in ["choose what the line pays for", "Item:", "Amount:"] {
        assert!(page.contains(message), "{message}: {page}");
    }
    for line in
        ["item=Soya+mill&category=equipment&plan_amount=45000", "item=Beans&category=materials&plan_amount=20000"]
    {
        assert_eq!(manager.form_location(&format!("{base}/lines"), line).await.0, StatusCode::SEE_OTHER);
    }
    let (_, page) = manager.page(&base, "en").await;
    assert!(page.contains("65,000 USD") && !page.contains("65,000 som"), "{page}");
    assert_eq!(manager.form_location(&format!("{base}/author-steps"), "step=submit").await.0, StatusCode::SEE_OTHER);
    let (_, page) = manager.page(&base, "en").await;
    assert!(page.contains("submitted") && !page.contains("Add a budget line"), "a submitted plan is not edited");

    // A national administrator sets up the Expert Group; a quorum of 0 is refused by name.
    let (status, page) = admin.form("/enterprises/expert-group", "name=Expert+Group&quorum=0", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("a commission needs a quorum of at least 1"), "{page}");
    assert_eq!(
        admin.form_location("/enterprises/expert-group", "name=Expert+Group&quorum=2").await.0,
        StatusCode::SEE_OTHER
    );
    let aida = seated_expert(&admin, "aida").await;
    let bolot = seated_expert(&admin, "bolot").await;
    let (_, group) = manager.page("/enterprises/expert-group", "en").await;
    assert!(group.contains("aida") && group.contains("bolot") && !group.contains("Seat on the Expert Group"));

    // The group takes the plan into review, scores it, and decides once its quorum is in.
    let (_, page) = aida.page(&base, "en").await;
    assert!(page.contains("Take into review"), "{page}");
    assert_eq!(aida.form_location(&format!("{base}/review-steps"), "step=start_review").await.0, StatusCode::SEE_OTHER);
    let (_, page) = aida.page(&base, "en").await;
    assert!(page.contains(r#"name="score_food_self_sufficiency""#), "the plan criteria's scorecard: {page}");
    let review = format!("{SCORES}&recommendation=approve&comment=Good");
    assert_eq!(aida.form_location(&format!("{base}/reviews"), &review).await.0, StatusCode::SEE_OTHER);
    let (status, page) = aida.form(&format!("{base}/review-steps"), "step=approve&reason=", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("not enough reviews without conflict of interest"), "{page}");
    assert_eq!(bolot.form_location(&format!("{base}/reviews"), &review).await.0, StatusCode::SEE_OTHER);
    assert_eq!(bolot.form_location(&format!("{base}/review-steps"), "step=approve").await.0, StatusCode::SEE_OTHER);
    let (_, page) = manager.page(&base, "en").await;
    assert!(page.contains("approved") && page.contains("30.00"), "approved with the average score: {page}");

    // Purchases stay within their line and each contract is recorded once.
    let (_, detail) = manager.json("GET", &format!("/api/v1{base}"), None).await;
    let mill = detail["lines"].as_array().unwrap().iter().find(|l| l["item"] == "Soya mill").unwrap()["id"].clone();
    let buy = |reference: &str, dollars: i64| {
        format!(
            "line_id={mill}&purchased_on=2026-03-02&supplier=Agromash&method=tender&contract_reference={reference}&plan_amount={dollars}"
        )
    };
    let (status, page) = manager.form(&format!("{base}/purchases"), &buy("T-1", 46_000), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("only 45000.00 USD is left on this budget line"), "{page}");
    assert_eq!(manager.form_location(&format!("{base}/purchases"), &buy("T-1", 30_000)).await.0, StatusCode::SEE_OTHER);
    let (status, page) = manager.form(&format!("{base}/purchases"), &buy("T-1", 100), "ru").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("покупка с этим номером по этому плану уже записана"), "{page}");
    let (_, list) = aida.page("/enterprises/plans", "en").await;
    assert!(list.contains("Approved plans") && list.contains("35,000 USD"), "65,000 approved, 30,000 spent: {list}");
}
