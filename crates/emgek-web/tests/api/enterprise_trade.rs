//! Prison enterprises' money, orders and training through the API and the pages: a workshop's
//! profit shared by the rules in force, funding, a customer's order paid once, and courses,
//! release and follow-up.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::{Value, json};

use super::enterprises::{rules_of, stepnoe};
use super::helpers::{TestApp, add_user};

pub async fn a_workshops_money_adds_up_to_a_profit_shared_by_the_rules_in_force(admin: TestApp) {
    let (_, workshop, manager) = stepnoe(&admin).await;
    let before = json!({"effective_from": "2000-01-01", "state_budget_bp": 5_000, "inmate_min_net_bp": 2_500});
    assert_eq!(admin.json("POST", "/api/v1/enterprise-rules", Some(before)).await.0, StatusCode::CREATED);
    let post = |uri: String, body: Value| {
        let manager = &manager;
        async move { manager.json("POST", &uri, Some(body)).await }
    };
    let costs = format!("/api/v1/workshops/{workshop}/costs");
    let (status, body) = post(
        costs.clone(),
        json!({"spent_on": "2012-04-02", "category": "fabric", "description": " ", "amount_tyiyn": 0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rules_of(&body),
        [
            ("category".into(), "cost.category_unknown".into()),
            ("description".into(), "text.required".into()),
            ("amount".into(), "money.positive".into())
        ]
    );
    // March loses 20,000 som, April earns 70,000: the year under the 50% rule makes 50,000.
    for (on, amount) in [("2012-03-10", 2_000_000), ("2012-04-02", 4_000_000)] {
        let c = json!({"spent_on": on, "category": "materials", "description": "Fabric", "amount_tyiyn": amount});
        assert_eq!(post(costs.clone(), c).await.0, StatusCode::CREATED);
    }
    let sale = json!({"sold_on": "2012-04-20", "customer": "Customs", "product": "Uniform", "quantity": 100, "unit_price": 100_000});
    assert_eq!(post(format!("/api/v1/workshops/{workshop}/sales"), sale).await.0, StatusCode::CREATED);
    let used = json!({"produced_on": "2012-04-01", "whole_month": true, "product": "Uniform", "unit": "piece", "quantity": 10, "internal_quantity": 10, "transfer_price": 100_000});
    assert_eq!(post(format!("/api/v1/workshops/{workshop}/production"), used).await.0, StatusCode::CREATED);
    // June, under the 2012 amendment, keeps all of its 30,000.
    let june = json!({"sold_on": "2012-06-05", "customer": "Hospital", "product": "Gowns", "quantity": 30, "unit_price": 100_000});
    assert_eq!(post(format!("/api/v1/workshops/{workshop}/sales"), june).await.0, StatusCode::CREATED);
    let (status, f) = admin.json("GET", "/api/v1/enterprise-finance?from=2012-01-01&to=2012-12-31", None).await;
    assert_eq!(status, StatusCode::OK, "{f}");
    assert_eq!(
        (f["national"]["sales"].as_i64(), f["national"]["internal"].as_i64(), f["national"]["costs"].as_i64()),
        (Some(13_000_000), Some(1_000_000), Some(6_000_000))
    );
    assert_eq!(
        (
            f["national"]["profit"].as_i64(),
            f["national"]["to_state_budget"].as_i64(),
            f["national"]["retained"].as_i64()
        ),
        (Some(8_000_000), Some(2_500_000), Some(5_500_000))
    );
    assert_eq!(f["workshops"][0]["figures"], f["facilities"][0]["figures"]);
    let (_, page) = admin.page("/enterprises/finance?from=2012-01-01&to=2012-12-31", "en").await;
    assert!(page.contains("80,000 som") && page.contains("25,000 som"), "the page shows the same figures");

    // Funding: never more paid out than was committed; only national administrators record it.
    let (status, c) = admin
        .json("POST", "/api/v1/funding", Some(json!({"source": "state_budget", "purpose": "Workshops", "committed_on": "2011-06-01", "amount_tyiyn": 5_000_000_000_i64})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    let id = c["id"].as_i64().unwrap();
    let pay = |amount: i64| json!({"disbursed_on": "2011-09-01", "amount_tyiyn": amount});
    assert_eq!(
        admin.json("POST", &format!("/api/v1/funding/{id}/disbursements"), Some(pay(2_200_000_000))).await.0,
        StatusCode::CREATED
    );
    let (status, body) =
        admin.json("POST", &format!("/api/v1/funding/{id}/disbursements"), Some(pay(2_800_000_001))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "funding.over_commitment"));
    assert_eq!(manager.json("POST", "/api/v1/funding", Some(json!({}))).await.0, StatusCode::FORBIDDEN);
    let (_, funding) = manager.json("GET", "/api/v1/funding", None).await;
    assert_eq!(
        (funding[0]["committed_tyiyn"].as_i64(), funding[0]["disbursed_tyiyn"].as_i64()),
        (Some(5_000_000_000), Some(2_200_000_000))
    );
}

pub async fn a_facility_trains_certifies_releases_and_follows_up_its_inmates(admin: TestApp) {
    let (facility, workshop, manager) = stepnoe(&admin).await;
    let mut inmates = Vec::new();
    for number in ["ST-1", "ST-2"] {
        let body = json!({"register_number": number, "full_name": "Асанова Айгүл", "sex": "F", "workshop_id": workshop, "starts": "2026-01-15"});
        let (_, i) = manager.json("POST", &format!("/api/v1/facilities/{facility}/inmates"), Some(body)).await;
        inmates.push(i["id"].as_i64().unwrap());
    }
    let courses = format!("/api/v1/facilities/{facility}/courses");
    let bad = json!({"name": "", "trade": "seamstress", "starts": "2026-02-01", "months": 0, "places": 0});
    let (status, body) = manager.json("POST", &courses, Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rules_of(&body).into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
        ["text.required", "course.months_range", "course.places_positive"]
    );
    let soya = json!({"name": "Soya milk production", "trade": "soya-milk maker", "starts": "2026-02-01", "months": 5, "places": 1});
    let (status, course) = manager.json("POST", &courses, Some(soya)).await;
    assert_eq!(status, StatusCode::CREATED, "{course}");
    let course = course["id"].as_i64().unwrap();
    let enrol = |inmate: i64| json!({"inmate_id": inmate, "enrolled_on": "2026-02-01"});
    let enrolments = format!("/api/v1/courses/{course}/enrolments");
    assert_eq!(manager.json("POST", &enrolments, Some(enrol(inmates[0]))).await.0, StatusCode::CREATED);
    let (status, body) = manager.json("POST", &enrolments, Some(enrol(inmates[1]))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "course.full"));
    let (_, list) = manager.json("GET", &enrolments, None).await;
    let enrolment = list[0]["id"].as_i64().unwrap();
    let completion = format!("/api/v1/enrolments/{enrolment}/completion");
    let (status, body) =
        manager.json("POST", &completion, Some(json!({"completed": true, "finished_on": "2026-06-30"}))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "certificate.required"));
    let done = json!({"completed": true, "finished_on": "2026-06-30", "certificate_number": "SOYA-2026-001"});
    assert_eq!(manager.json("POST", &completion, Some(done.clone())).await.0, StatusCode::CREATED);
    let (status, body) = manager.json("POST", &completion, Some(done)).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "enrolment.finished"));

    let release = format!("/api/v1/inmates/{}/release", inmates[0]);
    let (status, body) = manager.json("POST", &release, Some(json!({"released_on": "2026-01-10"}))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "release.before_work"));
    assert_eq!(manager.json("POST", &release, Some(json!({"released_on": "2026-07-01"}))).await.0, StatusCode::CREATED);
    let (status, body) = manager.json("POST", &release, Some(json!({"released_on": "2026-07-02"}))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "inmate.released"));
    let (_, payroll) = manager.json("GET", &format!("/api/v1/workshops/{workshop}/payroll?month=2026-08"), None).await;
    assert_eq!(payroll["lines"].as_array().map(Vec::len), Some(1), "released, she no longer works in August");

    let follow_ups = format!("/api/v1/inmates/{}/follow-ups", inmates[0]);
    let check = |months: i64, on: &str| json!({"months_after": months, "checked_on": on, "outcome": "employed", "note": "sewing shop, Bishkek"});
    let (status, body) = manager.json("POST", &follow_ups, Some(check(3, "2026-09-01"))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "follow_up.too_early"));
    let (status, body) = manager.json("POST", &follow_ups, Some(check(9, "2026-10-01"))).await;
    assert_eq!(rules_of(&body)[0].1, "follow_up.months", "{status}");
    assert_eq!(manager.json("POST", &follow_ups, Some(check(3, "2026-10-02"))).await.0, StatusCode::CREATED);
    let (status, body) = manager.json("POST", &follow_ups, Some(check(3, "2026-10-03"))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "follow_up.recorded"));
    let not_out = format!("/api/v1/inmates/{}/follow-ups", inmates[1]);
    let (_, body) = manager.json("POST", &not_out, Some(check(3, "2026-10-02"))).await;
    assert_eq!(rules_of(&body)[0].1, "follow_up.not_released");

    let (_, indicators) = admin.json("GET", "/api/v1/enterprise-indicators", None).await;
    assert_eq!(indicators["outcomes"]["certified"], json!([{"year": 2026, "certified": 1}]));
    assert_eq!(
        indicators["outcomes"]["employment"],
        json!([{"months_after": 3, "followed_up": 1, "working": 1, "share_bp": 10_000}])
    );
    let id = add_user(&admin.store, "analyst", &[(Role::HqAnalyst, "country")], false).await;
    let analyst = TestApp::signed_in(admin.store.clone(), id).await;
    assert_eq!(analyst.json("GET", &enrolments, None).await.0, StatusCode::FORBIDDEN);
    assert_eq!(analyst.json("GET", &courses, None).await.1[0]["completed"], 1);
    let (_, page) = manager.page(&format!("/inmates/{}", inmates[0]), "en").await;
    assert!(page.contains("SOYA-2026-001") && page.contains("After release") && page.contains("sewing shop, Bishkek"));
    let (_, page) = analyst.page("/enterprises", "en").await;
    assert!(page.contains("Trainees certified") && page.contains("100.0%"));
}

pub async fn a_customers_order_is_delivered_invoiced_and_paid_once(admin: TestApp) {
    let (_, workshop, manager) = stepnoe(&admin).await;
    let orders = format!("/api/v1/workshops/{workshop}/orders");
    let bad = json!({"customer": "", "ordered_on": "2026-03-01", "due_on": "2026-02-01", "lines": [{"product": "Uniform", "quantity": 0, "unit_price": -5}]});
    let (status, body) = manager.json("POST", &orders, Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rules_of(&body),
        [
            ("customer".into(), "text.required".into()),
            ("due_on".into(), "order.due_before_ordered".into()),
            ("lines[0].quantity".into(), "production.quantity_positive".into()),
            ("lines[0].unit_price".into(), "money.format".into())
        ]
    );
    let order = json!({"customer": "State Customs Service", "ordered_on": "2026-03-01", "due_on": "2026-05-31",
        "lines": [{"product": "Uniform", "quantity": 2500, "unit_price": 115_000}]});
    let (status, o) = manager.json("POST", &orders, Some(order)).await;
    assert_eq!((status, o["ordered_tyiyn"].as_i64()), (StatusCode::CREATED, Some(287_500_000)), "{o}");
    let id = o["id"].as_i64().unwrap();
    let (_, detail) = manager.json("GET", &format!("/api/v1/orders/{id}"), None).await;
    let line = detail["lines"][0]["id"].as_i64().unwrap();
    let invoices = format!("/api/v1/orders/{id}/invoices");
    let (status, body) =
        manager.json("POST", &invoices, Some(json!({"number": "ST-1", "issued_on": "2026-03-02"}))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "invoice.nothing_to_invoice"));
    let deliveries = format!("/api/v1/orders/{id}/deliveries");
    let lot = |on: &str, quantity: i64| json!({"line_id": line, "delivered_on": on, "quantity": quantity});
    assert_eq!(manager.json("POST", &deliveries, Some(lot("2026-04-10", 900))).await.0, StatusCode::CREATED);
    let (status, body) = manager.json("POST", &deliveries, Some(lot("2026-04-11", 1_601))).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "order.over_delivery"));
    let (status, inv) =
        manager.json("POST", &invoices, Some(json!({"number": "ST-1", "issued_on": "2026-04-10"}))).await;
    assert_eq!(
        (status, inv["amount_tyiyn"].as_i64()),
        (StatusCode::CREATED, Some(103_500_000)),
        "900 delivered so far"
    );
    let payments = format!("/api/v1/invoices/{}/payments", inv["id"]);
    let payment = json!({"paid_on": "2026-04-20", "amount_tyiyn": 103_500_000, "reference": "KAZ-0042"});
    assert_eq!(manager.json("POST", &payments, Some(payment.clone())).await.0, StatusCode::CREATED);
    assert_eq!(
        manager.json("POST", &payments, Some(payment)).await.0,
        StatusCode::OK,
        "the same payment twice is paid once"
    );
    let (status, body) = manager
        .json("POST", &payments, Some(json!({"paid_on": "2026-04-21", "amount_tyiyn": 1, "reference": "KAZ-0043"})))
        .await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "invoice.overpaid"));
    let (_, detail) = manager.json("GET", &format!("/api/v1/orders/{id}"), None).await;
    assert_eq!(
        (
            detail["order"]["delivered_tyiyn"].as_i64(),
            detail["order"]["invoiced_tyiyn"].as_i64(),
            detail["order"]["paid_tyiyn"].as_i64()
        ),
        (Some(103_500_000), Some(103_500_000), Some(103_500_000))
    );
    let (_, sales) = manager.json("GET", &format!("/api/v1/workshops/{workshop}/sales?month=2026-04"), None).await;
    assert_eq!(sales[0]["amount_tyiyn"], 103_500_000, "a delivery is a sale, so revenue follows");

    // The same in the pages: the last lot, then its invoice; a repeated payment says so.
    let (status, location) = manager
        .form_location(
            &format!("/orders/{id}/deliveries"),
            &format!("order_line={line}&delivered_on=2026-05-20&delivered_quantity=1600"),
        )
        .await;
    assert_eq!((status, location), (StatusCode::SEE_OTHER, format!("/orders/{id}?saved=1")));
    let (status, page) =
        manager.form(&format!("/orders/{id}/invoices"), "invoice_number=ST-1&issued_on=2026-05-20", "en").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("another invoice has this number"));
    manager.form_location(&format!("/orders/{id}/invoices"), "invoice_number=ST-2&issued_on=2026-05-20").await;
    let (_, detail) = manager.json("GET", &format!("/api/v1/orders/{id}"), None).await;
    let second = detail["invoices"][1]["id"].as_i64().unwrap();
    let pay = format!("invoice={second}&paid_on=2026-05-30&paid_amount=1840000&reference=KAZ-0050");
    assert_eq!(manager.form_location(&format!("/orders/{id}/payments"), &pay).await.1, format!("/orders/{id}?saved=1"));
    assert_eq!(
        manager.form_location(&format!("/orders/{id}/payments"), &pay).await.1,
        format!("/orders/{id}?repeated=1")
    );
    let (_, page) = manager.page(&format!("/orders/{id}?repeated=1"), "ru").await;
    assert!(page.contains("дважды ничего не оплачено") && page.contains("2\u{202f}875\u{202f}000 сом"));
}
