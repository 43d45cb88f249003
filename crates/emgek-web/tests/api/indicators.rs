//! Indicators, dashboards and reports: figures computed from the demonstration's records,
//! checked against the records themselves and the articles' figures; what each reader may see;
//! targets; the dashboards, their drill-down and downloads; the reports pinned by snapshots.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::{Value, json};

use super::enterprises::rules_of;
use super::helpers::{TestApp, add_user};

async fn demonstration(admin: &TestApp) {
    let today = time::OffsetDateTime::now_utc().date();
    emgek_exchange::demo::load_if_empty(&admin.store, 800, today).await.unwrap();
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(admin.store.clone())).await.unwrap();
    emgek_app::demo::create_social_contract_if_none(&emgek_app::App::new(admin.store.clone())).await.unwrap();
    emgek_app::demo::prison::create_prison_enterprises_if_none(&emgek_app::App::new(admin.store.clone()))
        .await
        .unwrap();
}

async fn as_role(admin: &TestApp, name: &str, role: Role, scope: &str) -> TestApp {
    let id = add_user(&admin.store, name, &[(role, scope)], false).await;
    TestApp::signed_in(admin.store.clone(), id).await
}

async fn figure(app: &TestApp, code: &str, query: &str) -> Value {
    let (status, body) = app.json("GET", &format!("/api/v1/indicators/{code}/figures?{query}"), None).await;
    assert_eq!(status, StatusCode::OK, "{code}?{query}: {body}");
    body
}

pub async fn every_figure_comes_from_the_records_and_each_reader_sees_her_own(admin: TestApp) {
    demonstration(&admin).await;
    let (_, library) = admin.json_lang("GET", "/api/v1/indicators", None, "ru").await;
    let library = library.as_array().unwrap();
    assert_eq!(library.len(), emgek_domain::indicators::LIBRARY.len());
    assert_eq!(library[0]["name"], "Семьи с контрактами");

    // The figures are the records': contracts signed, tranches paid, all in Kara-Suu (Osh oblast).
    let families = figure(&admin, "families-with-contracts", "by=oblast").await;
    let signed = admin.store.indicator_facts().await.unwrap().contracts.len() as i64;
    assert!(signed > 0);
    assert_eq!(families["total"]["value"].as_i64(), Some(signed));
    assert_eq!(families["parts"].as_array().unwrap().len(), 1);
    assert_eq!(families["parts"][0][0], "KG-O");
    let grants = figure(&admin, "grants-disbursed", "year=2024").await;
    let paid = grants["total"]["value"].as_i64().unwrap();
    let mut orders = Vec::new();
    for c in admin.store.indicator_facts().await.unwrap().contracts {
        let paid_orders = admin.store.payment_orders(c.contract_id).await.unwrap();
        orders.extend(paid_orders.iter().filter(|o| o.status == "paid").map(|o| o.amount_tyiyn));
    }
    assert!(paid > 0);
    assert_eq!(paid, orders.iter().sum::<i64>(), "every tranche the bank paid");
    assert_eq!(grants["total"]["usd"], Value::Null, "no official rate yet");
    // Reading a family's record is audited but changes no figure: the figures stay as computed.
    let page = emgek_store::PageRequest::new(Some(1), Some(1));
    let someone = admin.store.list_households(&Default::default(), page).await.unwrap().items[0].id;
    let (status, _) = admin.page(&format!("/households/{someone}"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(figure(&admin, "grants-disbursed", "year=2024").await["data_version"], grants["data_version"]);
    // A new rate is a write: the figures follow at once.
    let rate = json!({"currency": "USD", "rate_on": "2024-06-01", "rate": "89.45"});
    assert_eq!(admin.json("POST", "/api/v1/exchange-rates", Some(rate)).await.0, StatusCode::CREATED);
    let grants = figure(&admin, "grants-disbursed", "year=2024").await;
    // Each tranche at the rate in force at the end of its month, to the cent.
    let cents: i64 = orders.iter().map(|t| (t * 10_000 * 2 + 894_500) / (2 * 894_500)).sum();
    assert_eq!(grants["total"]["usd"].as_i64(), Some(cents));

    // The articles' prison figures, from the records.
    assert_eq!(figure(&admin, "inmates-working", "year=2007").await["total"]["value"], 740);
    assert_eq!(figure(&admin, "inmates-working", "year=2011").await["total"]["value"], 1_300);
    let profit = figure(&admin, "enterprise-profit", "from=2011-01&to=2012-06").await;
    assert_eq!(profit["total"]["value"].as_i64(), Some(1_826_670 * 100));

    // Bad choices are named, field by field.
    let (status, body) = admin
        .json("GET", "/api/v1/indicators/families-with-contracts/figures?year=20x&quarter=5&currency=EUR", None)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rules_of(&body),
        vec![
            ("year".into(), "period.year".into()),
            ("quarter".into(), "period.quarter".into()),
            ("currency".into(), "currency.report".into())
        ]
    );
    let (status, body) = admin.json("GET", "/api/v1/indicators/families-with-contracts/figures?by=planet", None).await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("by".into(), "breakdown.unknown".into())])
    );
    assert_eq!(admin.json("GET", "/api/v1/indicators/happiness/figures", None).await.0, StatusCode::NOT_FOUND);

    // A case worker sees her rayon's families only; a workshop manager his facility and no family.
    let elsewhere = as_role(&admin, "sokuluk", Role::CaseWorker, "rayon:KG-C-SOK").await;
    assert_eq!(figure(&elsewhere, "families-with-contracts", "").await["total"]["value"], 0);
    let kara_suu = as_role(&admin, "karasuu", Role::CaseWorker, "rayon:KG-O-KSU").await;
    assert_eq!(figure(&kara_suu, "families-with-contracts", "").await["total"]["value"].as_i64(), Some(signed));
    let manager = as_role(&admin, "stepnoe", Role::EnterpriseManager, "facility:stepnoe").await;
    assert_eq!(figure(&manager, "families-with-contracts", "").await["total"]["value"], 0);
    let stepnoe = figure(&manager, "inmates-working", "year=2011&by=facility").await;
    assert_eq!(stepnoe["parts"].as_array().unwrap().len(), 1, "{stepnoe}");
    assert_eq!(manager.json("GET", "/api/v1/indicator-targets", None).await.0, StatusCode::OK);

    // Targets: set by administrators, checked field by field, replaced when set again.
    let target = |value: &str| json!({"indicator": "families-with-contracts", "year": 2024, "value": value});
    assert_eq!(admin.json("POST", "/api/v1/indicator-targets", Some(target("10"))).await.0, StatusCode::OK);
    let (status, saved) = admin.json("POST", "/api/v1/indicator-targets", Some(target("12"))).await;
    assert_eq!((status, saved["value"].as_i64()), (StatusCode::OK, Some(12)));
    let bad = json!({"indicator": "happiness", "year": 1990, "quarter": 7, "oblast_code": "KG-X", "value": "-1"});
    let (status, body) = admin.json("POST", "/api/v1/indicator-targets", Some(bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        rules_of(&body),
        vec![
            ("indicator".into(), "indicator.unknown".into()),
            ("year".into(), "period.year".into()),
            ("quarter".into(), "period.quarter".into()),
            ("oblast".into(), "oblast.unknown".into())
        ]
    );
    let share = json!({"indicator": "women-participants", "year": 2024, "value": "100.5"});
    let (_, body) = admin.json("POST", "/api/v1/indicator-targets", Some(share)).await;
    assert_eq!(rules_of(&body), vec![("value".into(), "target.share".into())]);
    let analyst = as_role(&admin, "analyst", Role::HqAnalyst, "country").await;
    assert_eq!(analyst.json("POST", "/api/v1/indicator-targets", Some(target("1"))).await.0, StatusCode::FORBIDDEN);
    let (_, targets) = analyst.json("GET", "/api/v1/indicator-targets", None).await;
    assert_eq!(targets.as_array().unwrap().len(), 1);
    assert_eq!(admin.store.verify_audit().await.unwrap().first_broken, None);
}

pub async fn after_a_write_the_figures_in_use_are_served_until_the_new_ones_are_counted(admin: TestApp) {
    demonstration(&admin).await;
    // A dashboard that never waits: at a country's scale the figures take seconds to count.
    let hurried = TestApp::signed_in_waiting(admin.store.clone(), admin.user_id, std::time::Duration::ZERO).await;
    let before = figure(&hurried, "grants-disbursed", "year=2024").await;
    assert_eq!(before["total"]["usd"], Value::Null, "no official rate yet");
    let rate = json!({"currency": "USD", "rate_on": "2024-06-01", "rate": "89.45"});
    assert_eq!(admin.json("POST", "/api/v1/exchange-rates", Some(rate)).await.0, StatusCode::CREATED);
    let during = figure(&hurried, "grants-disbursed", "year=2024").await;
    assert_eq!(during, before, "the figures in use, while the new ones are counted");
    let mut after = during;
    for _ in 0..1_500 {
        if after["data_version"] != before["data_version"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        after = figure(&hurried, "grants-disbursed", "year=2024").await;
    }
    assert!(after["data_version"].as_i64() > before["data_version"].as_i64(), "counted within 30 s: {after}");
    assert!(after["total"]["usd"].as_i64().is_some_and(|usd| usd > 0), "the rate is counted: {after}");
    assert_eq!(after["total"]["value"], before["total"]["value"]);
}

/// The rows of a page's tables as text, tags dropped: what a snapshot pins.
fn rows(html: &str) -> Vec<String> {
    html.split("<tr")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap_or_default();
            let row = row.split_once('>').map_or(row, |(_, rest)| rest);
            let mut text = String::new();
            let mut inside = false;
            for c in row.chars() {
                match c {
                    '<' => {
                        inside = true;
                        text.push(' ');
                    }
                    '>' => inside = false,
                    c if !inside => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

pub async fn an_analyst_opens_each_dashboard_drills_to_the_records_and_takes_the_reports(admin: TestApp) {
    demonstration(&admin).await;
    let analyst = as_role(&admin, "analyst", Role::HqAnalyst, "country").await;
    let (status, page) = analyst.page("/dashboards", "ky").await;
    assert_eq!(status, StatusCode::OK);
    for words in ["Улуттук көрсөткүчтөр тактасы", "Келишими бар үй-бүлөлөр", "Эмгекке тартылган соттолгондордун үлүшү"]
    {
        assert!(page.contains(words), "{words}");
    }
    assert!(page.contains("<svg role=\"img\""), "charts are drawn on the server");
    let (_, prison) = analyst.page("/dashboards/prison?year=2011&indicator=inmates-working", "ru").await;
    assert!(prison.contains("Доля осуждённых, занятых трудом") && prison.contains("13,0"), "the article's 13%");
    let (_, profit) =
        analyst.page("/dashboards/prison?from=2011-01&to=2012-06&indicator=enterprise-profit", "en").await;
    assert!(profit.contains("1,826,670 som"), "the article's profit");
    let (status, bad) = analyst.page("/dashboards/social-contract?year=20x&oblast=KG-X", "ky").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(bad.contains("2000дөн 2100гө чейинки жыл") && bad.contains("aria-invalid"), "named in Kyrgyz by the field");
    let (_, usd) = analyst.page("/dashboards/social-contract?currency=USD", "en").await;
    assert!(usd.contains("Show in som"), "the switch back to som");

    // From a number to its records, and the records as a file.
    let (status, records) =
        analyst.page("/dashboards/records?indicator=families-with-contracts&oblast=KG-O", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(records.contains("href=\"/contracts/") && records.contains("SC-2024-KG-O-"), "contracts listed");
    let (status, headers, csv) =
        analyst.download("/dashboards/records?indicator=families-with-contracts&format=csv", "en").await;
    assert_eq!((status, headers["content-type"].to_str().unwrap()), (StatusCode::OK, "text/csv; charset=utf-8"));
    assert!(String::from_utf8_lossy(&csv).contains("SC-2024-KG-O-"));
    let (_, _, xlsx) = analyst.download("/dashboards/all/export", "en").await;
    assert!(xlsx.starts_with(b"PK"), "the dashboard as XLSX");
    let (_, _, summary) = analyst.download("/dashboards/all/export?table=summary", "en").await;
    assert!(String::from_utf8_lossy(&summary).contains("Families with contracts"));

    // A target set in the page shows beside its figure.
    let (status, location) = admin
        .form_location("/indicators/targets", "indicator=families-with-contracts&year=2024&quarter=0&oblast=&value=40")
        .await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/indicators?saved=1#targets"));
    let (_, library) = analyst.page("/indicators", "en").await;
    assert!(library.contains("Families with contracts") && library.contains("40") && !library.contains("Set a target"));
    let (_, year) = analyst.page("/dashboards/social-contract?year=2024", "en").await;
    assert!(
        rows(&year).iter().any(|r| r.starts_with("Families with contracts number") && r.contains(" 40 ")),
        "{:?}",
        rows(&year)
    );

    // The reports, as pages, PDF, XLSX and CSV; the CSV is pinned.
    let (status, index) = analyst.page("/reports", "en").await;
    assert!(status == StatusCode::OK && index.contains("/reports/quarterly?year=2024&#38;quarter=3"), "{index}");
    let (status, quarterly) = analyst.page("/reports/quarterly?year=2024&quarter=3", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(quarterly.contains("Quarterly report: 2024, quarter 3"));
    let (_, _, pdf) = analyst.download("/reports/quarterly/pdf?year=2024&quarter=3", "ky").await;
    assert!(pdf.starts_with(b"%PDF-"));
    let (_, _, xlsx) = analyst.download("/reports/quarterly/xlsx?year=2024&quarter=3", "ru").await;
    assert!(xlsx.starts_with(b"PK"));
    let (_, _, csv) = analyst.download("/reports/quarterly/csv?year=2024&quarter=3", "en").await;
    insta::assert_snapshot!("quarterly-2024-q3-en", String::from_utf8_lossy(&csv[3..]));
    let (_, _, csv) = analyst.download("/reports/donor/csv?year=2011", "ru").await;
    insta::assert_snapshot!("donor-2011-ru", String::from_utf8_lossy(&csv[3..]));
    assert_eq!(
        analyst.page("/reports/quarterly?year=2024", "en").await.0,
        StatusCode::BAD_REQUEST,
        "a quarter is asked"
    );
    assert_eq!(analyst.page("/reports/weekly?year=2024", "en").await.0, StatusCode::NOT_FOUND);
    // A donor (the auditor's role) reads the same, and a commission member no figures at all.
    let donor = as_role(&admin, "donor", Role::Auditor, "country").await;
    let (status, page) = donor.page("/dashboards/prison?year=2011", "en").await;
    assert!(status == StatusCode::OK && page.contains("13.0%"));
    let (status, _, xlsx) = donor.download("/reports/quarterly/xlsx?year=2024&quarter=3", "en").await;
    assert!(status == StatusCode::OK && xlsx.starts_with(b"PK"));
    let member = as_role(&admin, "member", Role::CommissionMember, "rayon:KG-O-KSU").await;
    assert_eq!(member.page("/dashboards", "en").await.0, StatusCode::FORBIDDEN);
}

pub async fn the_earlier_years_reproduce_the_articles_people_and_children_from_records(admin: TestApp) {
    use emgek_app::demo::history::{BLOCK, BLOCKS, create_history_if_none};
    // The demonstration's 100 blocks are the article's figures; one block is tested here.
    assert_eq!((BLOCK.0 * BLOCKS, BLOCK.1 * 100, BLOCK.2 * 100), (13_000, 55_400, 33_500));
    let app = emgek_app::App::new(admin.store.clone());
    assert_eq!(create_history_if_none(&app, 1).await.unwrap(), 130);
    assert_eq!(create_history_if_none(&app, 1).await.unwrap(), 0, "once only");
    let total = |v: &Value| v["total"]["value"].as_i64();
    assert_eq!(total(&figure(&admin, "families-with-contracts", "").await), Some(130));
    assert_eq!(total(&figure(&admin, "people-income-rose", "").await), Some(BLOCK.1));
    assert_eq!(total(&figure(&admin, "children-income-rose", "").await), Some(BLOCK.2));
    assert_eq!(total(&figure(&admin, "households-left-benefit", "").await), Some(91), "seven in ten graduated");
    assert_eq!(total(&figure(&admin, "operating-12-months", "").await), Some(10_000), "all reported a year of trade");
    let women = figure(&admin, "women-participants", "").await;
    assert_eq!((women["total"]["numerator"].as_i64(), total(&women)), (Some(124), Some(9_538)));
    let grants = figure(&admin, "grants-disbursed", "by=period&grain=year").await;
    assert_eq!(total(&grants), Some(130 * 100_000 * 100));
    assert_eq!(grants["parts"].as_array().unwrap().len(), 5, "2019 to 2023");
    let by_oblast = figure(&admin, "families-with-contracts", "by=oblast").await;
    let south: i64 = by_oblast["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| matches!(p[0].as_str(), Some("KG-J" | "KG-O")))
        .map(|p| p[1]["value"].as_i64().unwrap())
        .sum();
    assert!(south * 2 > 130, "most projects are in Jalal-Abad and Osh oblasts: {south}");
    let programme =
        admin.store.programmes().await.unwrap().into_iter().find(|p| p.code == "social-contract-2019").unwrap();
    assert!(admin.store.ledger(programme.programme_id).await.unwrap().balances_hold());
    assert_eq!(admin.store.verify_audit().await.unwrap().first_broken, None);
}
