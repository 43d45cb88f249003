//! Prison enterprises through the API and the pages: headquarters sets up a facility, a
//! workshop manager runs a month (production, sales, timesheet, payroll closed once), inmates'
//! records stay with those who may see them, and the demonstration data reproduces the
//! article's figures from records.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::{Value, json};

use super::helpers::{TestApp, add_user};

pub(super) fn rules_of(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| (e["field"].as_str().unwrap_or("").to_string(), e["rule"].as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// A facility `stepnoe` with 100 inmates counted on 2026-01-01, a sewing workshop paying 2,000
/// som a month, the rules of 2012 (nothing to the budget, a quarter of pay left to the inmate),
/// and its manager. Returns (facility, workshop, manager).
pub(super) async fn stepnoe(admin: &TestApp) -> (i64, i64, TestApp) {
    let (status, f) = admin
        .json(
            "POST",
            "/api/v1/facilities",
            Some(json!({"code": "stepnoe", "name": "Women's colony, Stepnoe", "kind": "colony",
                        "rayon": "KG-C-CHU", "locality": "Stepnoe", "capacity": 400})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{f}");
    let facility = f["id"].as_i64().unwrap();
    let (status, _) = admin
        .json(
            "POST",
            &format!("/api/v1/facilities/{facility}/populations"),
            Some(json!({"counted_on": "2026-01-01", "inmates": 100})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, w) = admin
        .json(
            "POST",
            &format!("/api/v1/facilities/{facility}/workshops"),
            Some(json!({"code": "sewing", "name": "Sewing", "activity": "sewing", "opened_on": "2005-03-01", "wage_tyiyn": 200_000})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{w}");
    let rules = json!({"effective_from": "2012-05-01", "state_budget_bp": 0, "inmate_min_net_bp": 2_500});
    assert_eq!(admin.json("POST", "/api/v1/enterprise-rules", Some(rules)).await.0, StatusCode::CREATED);
    let manager = add_user(&admin.store, "bakyt", &[(Role::EnterpriseManager, "facility:stepnoe")], false).await;
    (facility, w["id"].as_i64().unwrap(), TestApp::signed_in(admin.store.clone(), manager).await)
}

pub async fn headquarters_sets_up_a_facility_and_bad_values_are_named_by_field(admin: TestApp) {
    let bad = json!({"code": "Stepnoe colony", "name": " ", "kind": "hotel", "rayon": "KG-C-XXX", "locality": "Stepnoe", "capacity": -5});
    let (status, body) = admin.json("POST", "/api/v1/facilities", Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rules_of(&body),
        [
            ("code".into(), "prison.code_format".into()),
            ("name".into(), "text.required".into()),
            ("kind".into(), "facility.kind_unknown".into()),
            ("rayon".into(), "rayon.unknown".into()),
            ("capacity".into(), "number.whole".into()),
        ]
    );
    let (facility, _, _) = stepnoe(&admin).await;
    let again = json!({"code": "stepnoe", "name": "Another", "kind": "prison", "rayon": "KG-C-CHU", "locality": "x", "capacity": 1});
    let (status, body) = admin.json("POST", "/api/v1/facilities", Some(again)).await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::CONFLICT, vec![("facility".into(), "facility.code_taken".into())])
    );
    let (status, body) = admin
        .json(
            "POST",
            "/api/v1/enterprise-rules",
            Some(json!({"effective_from": "2012-05-01", "state_budget_bp": 0, "inmate_min_net_bp": 2500})),
        )
        .await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("rules.version_exists")));
    let (status, body) = admin
        .json(
            "POST",
            "/api/v1/enterprise-rules",
            Some(json!({"effective_from": "2013-01-01", "state_budget_bp": 12000, "inmate_min_net_bp": 2500})),
        )
        .await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("state_budget_share".into(), "percent.format".into())])
    );
    // A rayon's administrator does not set up prisons.
    let local = add_user(&admin.store, "rayon-admin", &[(Role::Administrator, "rayon:KG-C-CHU")], false).await;
    let local = TestApp::signed_in(admin.store.clone(), local).await;
    let other =
        json!({"code": "osh", "name": "Osh", "kind": "colony", "rayon": "KG-O-KSU", "locality": "Osh", "capacity": 10});
    let (status, body) = local.json("POST", "/api/v1/facilities", Some(other)).await;
    assert_eq!(
        (status, body["errors"][0]["rule"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("enterprise.national"))
    );
    let (_, detail) = admin.json("GET", &format!("/api/v1/facilities/{facility}"), None).await;
    assert_eq!(detail["headcounts"], json!([{"counted_on": "2026-01-01", "inmates": 100}]));
    assert_eq!(detail["workshops"][0]["wage_tyiyn"], 200_000);
}

pub async fn a_workshop_manager_runs_a_month_and_closes_its_payroll_once(admin: TestApp) {
    let (facility, workshop, manager) = stepnoe(&admin).await;
    let mut inmates = Vec::new();
    for (number, name) in
        [("ST-26-0001", "Асанова Айгүл"), ("st-26-0002", "Осмонова Бермет"), ("ST-26-0003", "Исакова Динара")]
    {
        let body = json!({"register_number": number, "full_name": name, "sex": "F", "workshop_id": workshop, "starts": "2026-01-15"});
        let (status, i) = manager.json("POST", &format!("/api/v1/facilities/{facility}/inmates"), Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{i}");
        inmates.push(i["id"].as_i64().unwrap());
    }
    let twice = json!({"register_number": "ST-26-0002", "full_name": "Someone", "sex": "F"});
    let (status, body) = manager.json("POST", &format!("/api/v1/facilities/{facility}/inmates"), Some(twice)).await;
    assert_eq!(
        (status, rules_of(&body)[0].1.as_str()),
        (StatusCode::CONFLICT, "inmate.register_taken"),
        "kept in upper case"
    );
    let bad = json!({"register_number": "12;drop", "full_name": "", "sex": "X"});
    let (status, body) = manager.json("POST", &format!("/api/v1/facilities/{facility}/inmates"), Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rules_of(&body).into_iter().map(|(f, _)| f).collect::<Vec<_>>(),
        ["register_number", "full_name", "sex"]
    );
    for (kind, rate) in [("upkeep", 5_000), ("alimony", 3_300)] {
        let (status, _) = manager
            .json(
                "POST",
                &format!("/api/v1/inmates/{}/deductions", inmates[0]),
                Some(json!({"kind": kind, "rate_bp": rate})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }

    // Production and sales of November.
    let output = json!({"produced_on": "2026-11-03", "product": "Uniform", "unit": "piece", "quantity": 10, "internal_quantity": 12});
    let (status, body) = manager.json("POST", &format!("/api/v1/workshops/{workshop}/production"), Some(output)).await;
    assert_eq!(
        (status, rules_of(&body)[0].1.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "production.internal_over_output")
    );
    let output = json!({"produced_on": "2026-11-01", "whole_month": true, "product": "Uniform", "unit": "piece", "quantity": 120});
    assert_eq!(
        manager.json("POST", &format!("/api/v1/workshops/{workshop}/production"), Some(output)).await.0,
        StatusCode::CREATED
    );
    let sale = json!({"sold_on": "2026-11-20", "customer": "State Customs Service", "product": "Uniform", "quantity": 100, "unit_price": 115_000});
    assert_eq!(
        manager.json("POST", &format!("/api/v1/workshops/{workshop}/sales"), Some(sale)).await.0,
        StatusCode::CREATED
    );
    let (_, sales) = manager.json("GET", &format!("/api/v1/workshops/{workshop}/sales?month=2026-11"), None).await;
    assert_eq!(sales[0]["amount_tyiyn"], 11_500_000);
    let (_, output) = admin.json("GET", &format!("/api/v1/workshops/{workshop}/production?month=2026-11"), None).await;
    assert_eq!((output[0]["quantity"].as_i64(), output[0]["whole_month"].as_bool()), (Some(120), Some(true)));

    // The timesheet: every inmate who worked must have a line before the payroll closes.
    let payroll = format!("/api/v1/workshops/{workshop}/payroll?month=2026-11");
    let timesheet = format!("/api/v1/workshops/{workshop}/timesheet?month=2026-11");
    let (_, preview) = manager.json("GET", &payroll, None).await;
    assert_eq!((preview["closed"].as_bool(), preview["lines"].as_array().map(Vec::len)), (Some(false), Some(3)));
    let (status, body) = manager.json("POST", &payroll, None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rules_of(&body)[0], (format!("days_{}", inmates[0]), "payroll.timesheet_missing".into()));
    let over = json!({"working_days": 21, "days": [{"inmate_id": inmates[0], "days_worked": 25}]});
    let (status, body) = manager.json("PUT", &timesheet, Some(over)).await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![(format!("days_{}", inmates[0]), "timesheet.days_over_month".into())])
    );
    let stranger = json!({"working_days": 21, "days": [{"inmate_id": 999_999, "days_worked": 5}]});
    let (_, body) = manager.json("PUT", &timesheet, Some(stranger)).await;
    assert_eq!(rules_of(&body)[0].1, "timesheet.not_a_worker");
    let days = json!({"working_days": 21, "days": [
        {"inmate_id": inmates[0], "days_worked": 21}, {"inmate_id": inmates[1], "days_worked": 10}, {"inmate_id": inmates[2], "days_worked": 0}]});
    assert_eq!(manager.json("PUT", &timesheet, Some(days)).await.0, StatusCode::NO_CONTENT);
    let (_, preview) = manager.json("GET", &payroll, None).await;
    // A full month: 2,000 som; alimony 33% (660) first, upkeep cut to leave a quarter (500).
    assert_eq!(preview["lines"][0]["pay"]["gross"], 200_000);
    assert_eq!(preview["lines"][0]["pay"]["deductions"], json!([["alimony", 66_000], ["upkeep", 84_000]]));
    assert_eq!(preview["lines"][0]["pay"]["net"], 50_000);
    // 10 of 21 days: 2,000 × 10 / 21 = 952.38 som.
    assert_eq!(preview["lines"][1]["pay"]["gross"], 95_238);
    assert_eq!((preview["gross_tyiyn"].as_i64(), preview["net_tyiyn"].as_i64()), (Some(295_238), Some(145_238)));

    assert_eq!(manager.json("POST", &payroll, None).await.0, StatusCode::CREATED);
    let (status, body) = manager.json("POST", &payroll, None).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "payroll.closed"), "closed once");
    let late = json!({"working_days": 21, "days": [{"inmate_id": inmates[1], "days_worked": 21}]});
    let (status, body) = manager.json("PUT", &timesheet, Some(late)).await;
    assert_eq!((status, rules_of(&body)[0].1.as_str()), (StatusCode::CONFLICT, "payroll.closed"));
    let (_, closed) = admin.json("GET", &payroll, None).await;
    assert_eq!((closed["closed"].as_bool(), closed["closed_by"].as_str()), (Some(true), Some("bakyt")));
    assert_eq!(closed["lines"][1]["pay"]["gross"], 95_238, "the closed month reads as it was closed");
    assert_eq!(admin.store.personal_account(inmates[0]).await.unwrap(), 50_000);

    // Headquarters sees the share of inmates at work: none on 1 January, 3 of 120 on 1 February.
    let count = json!({"counted_on": "2026-02-01", "inmates": 120});
    assert_eq!(
        admin.json("POST", &format!("/api/v1/facilities/{facility}/populations"), Some(count)).await.0,
        StatusCode::CREATED
    );
    let (_, indicators) = admin.json("GET", "/api/v1/enterprise-indicators", None).await;
    assert_eq!(
        indicators["work_share"],
        json!([
            {"on": "2026-01-01", "population": 100, "working": 0, "share_bp": 0},
            {"on": "2026-02-01", "population": 120, "working": 3, "share_bp": 250}
        ])
    );
    assert_eq!(indicators["facilities"][0]["share"]["working"], 3);

    // Nobody's name reaches the audit trail.
    let audit = admin.store.list_audit(&Default::default(), None, 500).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "payroll.close"));
    assert!(
        audit.iter().all(|a| !a.detail.contains("Асанова") && !a.detail.contains("ST-26")),
        "inmates appear by id only"
    );
}

pub async fn inmates_records_stay_with_their_facility_and_the_roles_that_need_them(admin: TestApp) {
    let (facility, workshop, manager) = stepnoe(&admin).await;
    let body = json!({"register_number": "ST-1", "full_name": "Асанова Айгүл", "sex": "F", "workshop_id": workshop, "starts": "2026-01-15"});
    let (_, inmate) = manager.json("POST", &format!("/api/v1/facilities/{facility}/inmates"), Some(body)).await;
    let inmate = inmate["id"].as_i64().unwrap();
    let other =
        add_user(&admin.store, "other-manager", &[(Role::EnterpriseManager, "facility:novo-pokrovka")], false).await;
    let other = TestApp::signed_in(admin.store.clone(), other).await;
    for uri in [
        format!("/api/v1/facilities/{facility}"),
        format!("/api/v1/facilities/{facility}/inmates"),
        format!("/api/v1/workshops/{workshop}/payroll?month=2026-11"),
        format!("/api/v1/workshops/{workshop}/production?month=2026-11"),
    ] {
        assert_eq!(other.json("GET", &uri, None).await.0, StatusCode::NOT_FOUND, "another facility's {uri}");
    }
    let output = json!({"produced_on": "2026-11-01", "product": "Bread", "unit": "loaf", "quantity": 1});
    assert_eq!(
        other.json("POST", &format!("/api/v1/workshops/{workshop}/production"), Some(output)).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, _) = other
        .json("POST", &format!("/api/v1/inmates/{inmate}/deductions"), Some(json!({"kind": "upkeep", "rate_bp": 100})))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(other.json("GET", "/api/v1/facilities", None).await.1, json!([]));
    for role in [Role::HqAnalyst, Role::Auditor] {
        let id = add_user(&admin.store, role.code(), &[(role, "country")], false).await;
        let reader = TestApp::signed_in(admin.store.clone(), id).await;
        assert_eq!(reader.json("GET", &format!("/api/v1/facilities/{facility}"), None).await.0, StatusCode::OK);
        assert_eq!(
            reader.json("GET", &format!("/api/v1/facilities/{facility}/inmates"), None).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            reader.json("GET", &format!("/api/v1/workshops/{workshop}/payroll?month=2026-11"), None).await.0,
            StatusCode::FORBIDDEN
        );
        let (status, page) = reader.page(&format!("/workshops/{workshop}?month=2026-11"), "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("Timesheet and payroll") && !page.contains("ST-1") && !page.contains("Асанова"),
            "totals only"
        );
        assert_eq!(reader.page(&format!("/inmates/{inmate}"), "en").await.0, StatusCode::FORBIDDEN);
    }
}

pub async fn a_workshop_manager_runs_a_month_in_the_pages(admin: TestApp) {
    let (facility, workshop, manager) = stepnoe(&admin).await;
    let (status, location) = manager
        .form_location(
            &format!("/facilities/{facility}/inmates"),
            &format!(
                "register_number=ST-26-0001&full_name=Асанова+Айгүл&sex=F&workshop={workshop}&starts=2026-01-15&wage="
            ),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let inmate: i64 = location.trim_start_matches("/inmates/").split('?').next().unwrap().parse().unwrap();
    let (status, page) =
        manager.form(&format!("/facilities/{facility}/inmates"), "register_number=&full_name=&sex=", "ky").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("1ден 20га чейин тамга") && page.contains("error-summary"), "the rule in Kyrgyz");

    let month = format!("/workshops/{workshop}?month=2026-11");
    let (_, page) = manager.page(&month, "ru").await;
    assert!(
        page.contains("Ноябрь 2026")
            && page.contains("ST-26-0001")
            && page.contains(&format!("name=\"days_{inmate}\""))
    );
    assert!(page.contains("value=\"21\""), "the month's weekdays are offered as its working days");
    let (status, page) = manager
        .form(
            &format!("/workshops/{workshop}/timesheet"),
            &format!("month=2026-11&working_days=21&days_{inmate}=30"),
            "ru",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("отработано больше дней") && page.contains("value=\"30\""), "the typed value stays");
    let (status, location) = manager
        .form_location(
            &format!("/workshops/{workshop}/timesheet"),
            &format!("month=2026-11&working_days=21&days_{inmate}=21"),
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, format!("/workshops/{workshop}?month=2026-11&saved=1").as_str())
    );
    let (status, location) =
        manager.form_location(&format!("/workshops/{workshop}/production"), "produced_on=2026-11-03&product=Uniform&unit=piece&quantity=40&internal_quantity=&transfer_price=&inmates_fed=").await;
    assert_eq!((status, location.contains("month=2026-11")), (StatusCode::SEE_OTHER, true));
    let (status, page) = manager
        .form(
            &format!("/workshops/{workshop}/sales"),
            "sold_on=2026-11-20&customer=&sale_product=&sale_quantity=0&unit_price=x",
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("href=\"#sale_product\"") && page.contains("href=\"#customer\""),
        "errors link to the sale form's fields"
    );
    let (_, page) = manager.page(&month, "en").await;
    let net = page.split("Total").nth(1).unwrap_or_default();
    assert!(net.contains("2,000 som") && page.contains("Uniform"), "the preview pays the full wage");
    let (status, _) = manager.form_location(&format!("/workshops/{workshop}/payroll"), "month=2026-11").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = manager.page(&month, "en").await;
    assert!(
        page.contains("Payroll closed by") && !page.contains(&format!("name=\"days_{inmate}\"")),
        "closed: no more editing"
    );
    let (status, page) = manager.form(&format!("/workshops/{workshop}/payroll"), "month=2026-11", "en").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("payroll is closed"), "{}", &page[page.find("error-summary").unwrap_or(0)..][..600]);
    assert_eq!(admin.store.personal_account(inmate).await.unwrap(), 200_000, "the personal account is credited");
    let (status, page) = manager.page(&format!("/inmates/{inmate}"), "en").await;
    assert!(status == StatusCode::OK && page.contains("Personal account"));
    let (_, page) = manager.page("/enterprises", "en").await;
    assert!(page.contains("colony, Stepnoe"));
    assert!(!page.contains("Add a facility"), "a manager does not set up facilities");
}

pub async fn the_demonstration_prison_enterprises_reproduce_the_articles_figures(admin: TestApp) {
    let today = time::macros::date!(2026 - 11 - 22);
    let made =
        emgek_app::demo::prison::create_prison_enterprises_if_none(&super::helpers::demo_app(&admin.store, today))
            .await
            .unwrap();
    assert!(made > 3_000, "{made} inmates' records");
    assert_eq!(
        emgek_app::demo::prison::create_prison_enterprises_if_none(&super::helpers::demo_app(&admin.store, today))
            .await
            .unwrap(),
        0,
        "once only"
    );
    let (_, indicators) = admin.json("GET", "/api/v1/enterprise-indicators", None).await;
    let series: Vec<(String, i64, i64)> = indicators["work_share"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (s["on"].as_str().unwrap().to_string(), s["working"].as_i64().unwrap(), s["share_bp"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(series[0], ("2007-12-31".into(), 740, 740), "7.4% of inmates working in 2007");
    assert_eq!(series[4], ("2011-12-31".into(), 1_274, 1_300), "13% in 2011");
    let (_, facilities) = admin.json("GET", "/api/v1/facilities", None).await;
    let stepnoe =
        facilities.as_array().unwrap().iter().find(|f| f["code"] == "stepnoe").unwrap()["id"].as_i64().unwrap();
    let (_, detail) = admin.json("GET", &format!("/api/v1/facilities/{stepnoe}"), None).await;
    let in_2011 = detail["headcounts"].as_array().unwrap().iter().find(|h| h["counted_on"] == "2011-12-31").unwrap();
    assert_eq!(in_2011["inmates"], 260, "260 women in the Stepnoe colony");
    let sewing = &detail["workshops"].as_array().unwrap().iter().find(|w| w["code"] == "sewing").unwrap().clone();
    assert_eq!(sewing["wage_tyiyn"], 200_000, "the sewing workshop pays 2,000 som a month");
    let sewing = sewing["id"].as_i64().unwrap();
    let (_, orders) = admin.json("GET", &format!("/api/v1/workshops/{sewing}/orders"), None).await;
    let customs = &orders[0];
    assert_eq!(customs["customer"], "Мамлекеттик бажы кызматы");
    let (_, detail) = admin.json("GET", &format!("/api/v1/orders/{}", customs["id"]), None).await;
    let line = &detail["lines"][0];
    assert_eq!((line["quantity"].as_i64(), line["delivered"].as_i64()), (Some(2_500), Some(2_500)), "2,500 uniforms");
    assert_eq!(
        (customs["delivered_tyiyn"].as_i64(), customs["paid_tyiyn"].as_i64()),
        (Some(287_500_000), Some(287_500_000))
    );
    let (_, september) = admin.json("GET", &format!("/api/v1/workshops/{sewing}/payroll?month=2011-09"), None).await;
    assert_eq!(september["closed"], true);
    assert!(september["lines"].as_array().unwrap().iter().all(|l| l["wage_tyiyn"] == 200_000));
    let (_, this_month) = admin.json("GET", &format!("/api/v1/workshops/{sewing}/payroll?month=2026-11"), None).await;
    assert_eq!(this_month["closed"], false, "this month is left for the manager to close");
    let novo =
        facilities.as_array().unwrap().iter().find(|f| f["code"] == "novo-pokrovka").unwrap()["id"].as_i64().unwrap();
    let (_, detail) = admin.json("GET", &format!("/api/v1/facilities/{novo}"), None).await;
    let bakery =
        detail["workshops"].as_array().unwrap().iter().find(|w| w["code"] == "bakery").unwrap()["id"].as_i64().unwrap();
    let (_, bread) = admin.json("GET", &format!("/api/v1/workshops/{bakery}/production?month=2011-09"), None).await;
    assert!(bread[0]["inmates_fed"].as_i64().unwrap() > 1_000, "the bakery feeds over 1,000 inmates");
    let (_, money) = admin.json("GET", "/api/v1/enterprise-finance?from=2011-01-01&to=2012-06-30", None).await;
    assert_eq!(money["national"]["profit"], 182_667_000, "profits since 2011: 1,826,670 som");
    let (_, funding) = admin.json("GET", "/api/v1/funding", None).await;
    assert_eq!(
        (funding[0]["committed_tyiyn"].as_i64(), funding[0]["disbursed_tyiyn"].as_i64()),
        (Some(5_000_000_000), Some(2_200_000_000)),
        "50 million som committed, 22 million disbursed"
    );
    let outcomes = &indicators["outcomes"];
    assert_eq!(outcomes["certified"], json!([{"year": 2011, "certified": 10}, {"year": 2012, "certified": 15}]));
    assert_eq!(
        outcomes["employment"][1],
        json!({"months_after": 6, "followed_up": 8, "working": 5, "share_bp": 6_250})
    );
    assert!(outcomes["food"]["inmates_fed"].as_i64().unwrap() > 1_000, "{outcomes}");
}
