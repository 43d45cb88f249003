//! The main journey in a real browser (Debian's headless Chromium through chromedriver):
//! list → switch to Kyrgyz → open a household → fix an invalid field and see the error go.
//!
//! Ignored by plain `cargo test`; `scripts/test` runs it with `--ignored` where chromedriver is
//! installed (always in CI). Screenshots go to `target/screenshots/` for people to look at.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

mod appeals;
mod grievances;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn browser() -> (Driver, Client) {
    let port = free_port();
    let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (apt-get install chromium-driver)");
    let driver = Driver(driver);
    let mut caps = serde_json::Map::new();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US"]
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        match ClientBuilder::new(HttpConnector::new()).capabilities(caps.clone()).connect(&url).await {
            Ok(client) => return (driver, client),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("chromedriver did not start on {url}");
}

async fn serve() -> String {
    let store = emgek_testing::fresh_store("sqlite").await;
    let today = time::OffsetDateTime::now_utc().date();
    emgek_exchange::demo::load_if_empty(&store, 40, today).await.expect("demo data");
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(store.clone())).await.expect("demo accounts");
    // The grievances' sweep, as `emgek serve` runs it, but every second.
    tokio::spawn(emgek_app::grievances::sweep_every(
        emgek_app::App::new(store.clone()),
        Duration::from_secs(1),
        Duration::from_secs(1),
    ));
    let state = emgek_web::AppState::new(store).await.expect("state").with_demo(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

async fn shot(client: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(png) = client.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// The text of the first element matching `css`, once it satisfies `ok`: a click starts a
/// navigation that may not have finished when the next line runs.
async fn text_when(client: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(element) = client.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if ok(&text) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never showed what was expected; last seen: {last:?}");
}

async fn text(client: &Client, css: &str) -> String {
    text_when(client, css, |_| true).await
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn a_case_worker_signs_in_switches_to_kyrgyz_opens_a_household_and_fixes_a_wrong_phone() {
    let base = serve().await;
    let (_driver, client) = browser().await;

    client.goto(&format!("{base}/households")).await.unwrap();
    text_when(&client, "h1", |t| t == "Sign in").await;
    assert!(text(&client, ".demo").await.contains(emgek_app::demo::DEMO_PASSWORD), "the demo accounts are listed");
    shot(&client, "0-login-en").await;
    client.find(Locator::Id("username")).await.unwrap().send_keys("admin").await.unwrap();
    client.find(Locator::Id("password")).await.unwrap().send_keys(emgek_app::demo::DEMO_PASSWORD).await.unwrap();
    client.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Households").await;
    shot(&client, "1-list-en").await;

    client.find(Locator::LinkText("Кыргызча")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Үй чарбалар").await;
    assert_eq!(client.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap().as_deref(), Some("ky"));
    shot(&client, "2-list-ky").await;

    client.find(Locator::Css("tbody tr:first-child td a")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.starts_with("Үй чарба KG")).await;
    shot(&client, "3-household-ky").await;

    client.find(Locator::LinkText("Өзгөртүү")).await.unwrap().click().await.unwrap();
    let phone = client.find(Locator::Id("phone")).await.unwrap();
    phone.clear().await.unwrap();
    phone.send_keys("12345").await.unwrap();
    client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
    shot(&client, "4-edit-error-ky").await;
    let error = text(&client, "#phone-error").await;
    let _ = text_when(&client, "h1", |t| t.starts_with("Үй чарбаны өзгөртүү")).await;
    assert!(error.contains("+996 жана тогуз сан жазыңыз (берилген: 12345)"), "{error}");
    assert!(text(&client, "#error-summary").await.contains("Телефон"));
    shot(&client, "4-edit-error-ky").await;

    let phone = client.find(Locator::Id("phone")).await.unwrap();
    phone.clear().await.unwrap();
    phone.send_keys("0555 12 34 56").await.unwrap();
    client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
    shot(&client, "5-saved-ky").await;
    text_when(&client, ".flash", |t| t == "Сакталды.").await;
    assert!(client.find(Locator::Id("phone-error")).await.is_err(), "the error is gone");
    assert!(text(&client, "main").await.contains("+996555123456"));
    assert!(text(&client, ".history").await.contains("Үй чарба өзгөртүлдү"));
    shot(&client, "5-saved-ky").await;

    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Кирүү").await;

    client.close().await.unwrap();
}

/// A call open today with the 2024 rules, a Kara-Suu commission with nurlan and cholpon on it,
/// and a large family on the benefit, with a phone: (call id, the family's household number).
/// The phone of the setting's family.
const FAMILY_PHONE: &str = "+996555123456";

async fn social_contract_setting(store: &emgek_store::Store) -> (i64, String) {
    use emgek_domain::household::{HouseholdInput, MemberInput};
    use emgek_domain::social_contract::programme::ProgrammeRules;
    use emgek_store::{Actor, Source};
    let by = Actor::new("test", Source::Cli);
    let programme = store
        .create_programme(
            &by,
            "sc-test",
            "social_contract",
            ["Социалдык келишим", "Социальный контракт", "Social Contract"],
        )
        .await
        .unwrap();
    store.add_rules(&by, programme, &ProgrammeRules::example_2024()).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let call = store
        .create_call(&by, programme, "Browser", today - time::Duration::days(5), today + time::Duration::days(5))
        .await
        .unwrap();
    let commission = store.create_commission(&by, call, "KG-O-KSU", "Кара-Суу", 1, "same_aiyl_okmotu").await.unwrap();
    let nurlan = store.user_by_username("nurlan").await.unwrap().unwrap();
    store.add_commission_member(&by, commission, nurlan.id, "Мады а/о").await.unwrap();
    let cholpon = store.user_by_username("cholpon").await.unwrap().unwrap();
    store.add_commission_member(&by, commission, cholpon.id, "Кара-Суу шаары").await.unwrap();
    let h = HouseholdInput {
        household_ref: "BRW-1".into(),
        oblast: "KG-O".into(),
        rayon: "KG-O-KSU".into(),
        phone: FAMILY_PHONE.into(),
        consent: "yes".into(),
        benefit_since: "2023-01-01".into(),
        benefit_monthly_som: "1500".into(),
        ..Default::default()
    }
    .validate(today)
    .unwrap();
    let members: Vec<_> = [
        ("21503198577001", "1985-03-15", "head"),
        ("11005201277002", "2012-05-10", "child"),
        ("21005201577003", "2015-05-10", "child"),
        ("11005201877004", "2018-05-10", "child"),
    ]
    .iter()
    .map(|(pin, birth, relation)| {
        MemberInput {
            pin: pin.to_string(),
            full_name: "Осмонов Талант".into(),
            birth_date: birth.to_string(),
            sex: if pin.starts_with('1') { "F".into() } else { "M".into() },
            relation: relation.to_string(),
            ..Default::default()
        }
        .validate(today)
        .unwrap()
    })
    .collect();
    let household = store.create_household(&by, &h, &members).await.unwrap();
    let training = store.create_training(&by, call, "Бизнес-план", today, "KG-O-KSU").await.unwrap();
    store.record_attendance(&by, training, household).await.unwrap();
    (call, "BRW-1".into())
}

async fn sign_in(client: &Client, base: &str, user: &str) {
    client.goto(&format!("{base}/login")).await.unwrap();
    client.find(Locator::Id("username")).await.unwrap().send_keys(user).await.unwrap();
    client.find(Locator::Id("password")).await.unwrap().send_keys(emgek_app::demo::DEMO_PASSWORD).await.unwrap();
    client.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(client, ".who a", |t| !t.is_empty()).await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn a_plan_is_written_approved_funded_signed_and_paid_in_the_browser() {
    let store = emgek_testing::fresh_store("sqlite").await;
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    let (call, reference) = social_contract_setting(&store).await;
    let state = emgek_web::AppState::new(store).await.unwrap().with_demo(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (_driver, client) = browser().await;

    sign_in(&client, &base, "aigul").await;
    client.goto(&format!("{base}/lang/ky?next=/calls/{call}")).await.unwrap();
    text_when(&client, "h1", |t| t.starts_with("Арыз кабыл алуу")).await;
    client.find(Locator::Id("household_ref")).await.unwrap().send_keys(&reference).await.unwrap();
    client.find(Locator::Css("main form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Жаңы арыз").await;
    client.find(Locator::Id("activity")).await.unwrap().send_keys("Сүт уйлары").await.unwrap();
    client.find(Locator::Css("input[name=line_0_item]")).await.unwrap().send_keys("Уй").await.unwrap();
    client.find(Locator::Id("line_0_quantity")).await.unwrap().send_keys("2").await.unwrap();
    client.find(Locator::Id("line_0_price")).await.unwrap().send_keys("45000").await.unwrap();
    client
        .execute("for (let m = 0; m < 12; m++) { document.getElementById('month_' + m + '_revenue').value = '12000'; document.getElementById('month_' + m + '_costs').value = '4000'; }", vec![])
        .await
        .unwrap();
    shot(&client, "6-plan-ky").await;
    client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, ".flash", |t| t == "Сакталды.").await;
    let url = client.current_url().await.unwrap();
    let application = url.path().to_string();
    client.find(Locator::XPath("//button[text()='Тапшыруу']")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.ends_with("тапшырылды")).await;
    text_when(&client, ".checks-list", |t| t.contains("үй-бүлөгө көмөк алат")).await;
    shot(&client, "7-submitted-ky").await;
    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();

    sign_in(&client, &base, "nurlan").await;
    client.goto(&format!("{base}{application}")).await.unwrap();
    client.find(Locator::XPath("//button[text()='Кароого алуу']")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.ends_with("каралууда")).await;
    for (code, points) in [("viability", "8"), ("market", "7"), ("local_resources", "5"), ("jobs", "3")] {
        client.find(Locator::Id(&format!("score_{code}"))).await.unwrap().send_keys(points).await.unwrap();
    }
    client.find(Locator::Css("#recommendation option[value=approve]")).await.unwrap().click().await.unwrap();
    client.find(Locator::XPath("//button[text()='Баа берүү']")).await.unwrap().click().await.unwrap();
    // The page before also says "saved" (the review was started): wait for the review itself.
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//td[@class='num' and text()='23']"))
        .await
        .unwrap();
    text_when(&client, ".flash", |t| t == "Сакталды.").await;
    client.find(Locator::XPath("//button[text()='Жактыруу']")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.ends_with("жактырылды")).await;
    shot(&client, "8-approved-ky").await;
    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();

    // The programme's administrator looks at the rules, then funds the approved plan.
    sign_in(&client, &base, "admin").await;
    client.goto(&format!("{base}/programmes")).await.unwrap();
    client.find(Locator::Css("main a[href$='/rules']")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.starts_with("Эрежелер")).await;
    text_when(&client, "#budget legend", |t| t == "Бюджет жана грант").await;
    shot(&client, "9-rules-ky").await;
    client.goto(&format!("{base}/calls/{call}/allocation")).await.unwrap();
    text_when(&client, "h1", |t| t == "Бөлүштүрүү").await;
    shot(&client, "10-allocation-ky").await;
    client.find(Locator::XPath("//button[text()='Бөлүштүрүүнү ырастоо']")).await.unwrap().click().await.unwrap();
    text_when(&client, ".flash", |t| !t.is_empty()).await;

    // The contract: signed with the family, its first tranche ordered once, printable as PDF.
    client.goto(&format!("{base}{application}")).await.unwrap();
    let contract = client.find(Locator::Css("main a[href^='/contracts/']")).await.unwrap();
    contract.click().await.unwrap();
    text_when(&client, "h1", |t| t.starts_with("Социалдык келишим №")).await;
    client.find(Locator::XPath("//button[text()='Келишимге кол коюу']")).await.unwrap().click().await.unwrap();
    text_when(&client, ".flash", |t| t == "Сакталды.").await;
    client
        .find(Locator::XPath("//button[starts-with(text(),'Траншты буйрутма кылуу')]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//td[text()='буйрутма кылынды']"))
        .await
        .unwrap();
    let pdf = client
        .execute(
            "return fetch(document.querySelector(\"a[href$='contract.pdf?lang=ru']\").href)\
               .then(r => r.blob()).then(b => b.type + ' ' + b.size)",
            vec![],
        )
        .await
        .unwrap();
    let pdf = pdf.as_str().unwrap_or_default().to_string();
    assert!(pdf.starts_with("application/pdf "), "the contract's PDF link gives a PDF: {pdf}");
    shot(&client, "11-contract-ky").await;
    client.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn a_workshop_manager_fills_the_months_timesheet_and_closes_its_payroll() {
    let store = emgek_testing::fresh_store("sqlite").await;
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    emgek_app::demo::prison::create_prison_enterprises_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    let state = emgek_web::AppState::new(store).await.unwrap().with_demo(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (_driver, client) = browser().await;

    client.goto(&format!("{base}/login")).await.unwrap();
    client.find(Locator::Id("username")).await.unwrap().send_keys("bakyt").await.unwrap();
    client.find(Locator::Id("password")).await.unwrap().send_keys(emgek_app::demo::DEMO_PASSWORD).await.unwrap();
    client.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Prison enterprises").await;
    shot(&client, "p0-enterprises").await;
    client.find(Locator::LinkText("Аялдар колониясы, Степное")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.contains("Степное")).await;
    client.find(Locator::LinkText("Тигүү цехи")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.starts_with("Тигүү цехи")).await;
    let days = client.find_all(Locator::Css("input[name^=days_]")).await.unwrap();
    assert!(days.len() > 10, "this month's sewing workers are listed: {}", days.len());
    for (n, input) in days.iter().enumerate() {
        input.send_keys(if n == 0 { "30" } else { "20" }).await.unwrap();
    }
    client.find(Locator::Css("form[action$='/timesheet'] button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, ".error-summary", |t| t.contains("more days worked")).await;
    shot(&client, "p1-timesheet-error").await;
    let first = client.find(Locator::Css("input[name^=days_]")).await.unwrap();
    first.clear().await.unwrap();
    first.send_keys("20").await.unwrap();
    client.find(Locator::Css("form[action$='/timesheet'] button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, ".flash", |t| t == "Saved.").await;
    client.find(Locator::Css("form#payroll button[type=submit]")).await.unwrap().click().await.unwrap();
    let closed = text_when(&client, ".flash.closed", |t| t.starts_with("Payroll closed by")).await;
    assert!(closed.contains("bakyt"), "{closed}");
    assert!(
        client.find_all(Locator::Css("input[name^=days_]")).await.unwrap().is_empty(),
        "a closed month is not edited"
    );
    shot(&client, "p2-payroll-closed").await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn an_expert_scores_the_waiting_plan_and_a_manager_buys_within_the_approved_budget() {
    let store = emgek_testing::fresh_store("sqlite").await;
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    emgek_app::demo::prison::create_prison_enterprises_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    let state = emgek_web::AppState::new(store).await.unwrap().with_demo(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (_driver, client) = browser().await;

    // An Expert Group member lands on the plans, opens the one under review and scores it.
    sign_in(&client, &base, "aizada").await;
    text_when(&client, "h1", |t| t == "Business plans").await;
    let approved = text(&client, "#approved-head + .table-wrap").await;
    assert!(approved.contains("231,000 USD"), "the three approved plans: {approved}");
    shot(&client, "e0-plans").await;
    client.find(Locator::LinkText("Лицейдеги чач тарач салону")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.contains("under review")).await;
    for (criterion, points) in [("viability", "8"), ("market", "7"), ("inmate_jobs", "8"), ("training", "5")] {
        client.find(Locator::Id(&format!("score_{criterion}"))).await.unwrap().send_keys(points).await.unwrap();
    }
    client.find(Locator::Id("recommendation")).await.unwrap().select_by_value("approve").await.unwrap();
    client.find(Locator::Css("form[action$='/reviews'] button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, ".error-summary", |t| t.contains("score every criterion")).await;
    shot(&client, "e1-review-error").await;
    client.find(Locator::Id("score_food_self_sufficiency")).await.unwrap().send_keys("2").await.unwrap();
    for (criterion, points) in [("viability", "8"), ("market", "7"), ("inmate_jobs", "8"), ("training", "5")] {
        let input = client.find(Locator::Id(&format!("score_{criterion}"))).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(points).await.unwrap();
    }
    client.find(Locator::Id("recommendation")).await.unwrap().select_by_value("approve").await.unwrap();
    client.find(Locator::Css("form[action$='/reviews'] button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, ".flash", |t| t == "Saved.").await;
    let reviews = client.find_all(Locator::Css("section table tbody tr")).await.unwrap();
    assert!(reviews.len() >= 4, "two budget lines and two reviews: {}", reviews.len());
    client.find(Locator::Css("button[name=step][value=approve]")).await.unwrap().click().await.unwrap();
    text_when(&client, ".error-summary", |t| t.contains("not enough reviews")).await;
    shot(&client, "e2-quorum").await;

    // The manager records a purchase against the approved soya-milk plan, within its line.
    client.delete_all_cookies().await.unwrap();
    sign_in(&client, &base, "bakyt").await;
    client.goto(&format!("{base}/enterprises/plans")).await.unwrap();
    client.find(Locator::LinkText("Соя сүтү цехи: жабдуу жана окутуу")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.contains("approved")).await;
    client.find(Locator::Css("#purchases-head ~ details summary")).await.unwrap().click().await.unwrap();
    client.find(Locator::Id("line_id")).await.unwrap().select_by_index(1).await.unwrap();
    client.find(Locator::Id("supplier")).await.unwrap().send_keys("ОсОО «Агромаш»").await.unwrap();
    client.find(Locator::Id("method")).await.unwrap().select_by_value("quotations").await.unwrap();
    client.find(Locator::Id("contract_reference")).await.unwrap().send_keys("UNODC/2026/001").await.unwrap();
    client.find(Locator::Id("plan_amount")).await.unwrap().send_keys("999999").await.unwrap();
    client.find(Locator::Css("form[action$='/purchases'] button[type=submit]")).await.unwrap().click().await.unwrap();
    let refused = text_when(&client, ".error-summary", |t| t.contains("is left on this budget line")).await;
    assert!(refused.contains("23500.00 USD"), "48,000 approved, 24,500 bought: {refused}");
    shot(&client, "e3-over-budget").await;
    let amount = client.find(Locator::Id("plan_amount")).await.unwrap();
    amount.clear().await.unwrap();
    amount.send_keys("3500").await.unwrap();
    client.find(Locator::Css("form[action$='/purchases'] button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, ".flash", |t| t == "Saved.").await;
    let purchases = text(&client, "#purchases-head + .table-wrap").await;
    assert!(purchases.contains("UNODC/2026/001") && purchases.contains("3,500 USD"), "{purchases}");
    shot(&client, "e4-purchase").await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn a_brand_committee_member_certifies_a_product_and_a_buyer_finds_it_in_kyrgyz() {
    let store = emgek_testing::fresh_store("sqlite").await;
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    emgek_app::demo::ovop::create_ovop_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    let juice =
        store.products().await.unwrap().into_iter().find(|p| p.name_en == "Apple juice “Teploklyuchenka”").unwrap();
    assert!(store.certifications(juice.ovop_product_id).await.unwrap().is_empty(), "not certified yet");
    let state = emgek_web::AppState::new(store).await.unwrap().with_demo(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (_driver, client) = browser().await;

    // Issyk-Kul's brand committee member lands on the programme and assesses the juice.
    sign_in(&client, &base, "erkin").await;
    text_when(&client, "h1", |t| t == "One Village – One Product").await;
    shot(&client, "o0-ovop").await;
    client.goto(&format!("{base}/ovop/products/{}", juice.ovop_product_id)).await.unwrap();
    text_when(&client, "h1", |t| t.starts_with("Apple juice")).await;
    client.find(Locator::Css("#cert-head ~ details summary")).await.unwrap().click().await.unwrap();
    for (criterion, points) in [("local_resources", "9"), ("quality", "9"), ("tradition", "4"), ("market", "8")] {
        client.find(Locator::Id(&format!("score_{criterion}"))).await.unwrap().send_keys(points).await.unwrap();
    }
    client.find(Locator::Id("certificate_number")).await.unwrap().send_keys("KG-Y/2026/777").await.unwrap();
    client
        .find(Locator::Css("form[action$='/certifications'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    text_when(&client, ".error-summary", |t| t.contains("Packaging: score every criterion")).await;
    shot(&client, "o1-assessment-error").await;
    client.find(Locator::Id("score_packaging")).await.unwrap().send_keys("4").await.unwrap();
    client
        .find(Locator::Css("form[action$='/certifications'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    text_when(&client, ".flash", |t| t == "Saved.").await;
    let assessed = text(&client, "#cert-head + .table-wrap").await;
    assert!(assessed.contains("KG-Y/2026/777") && assessed.contains("34 / 40"), "{assessed}");

    // A buyer, not signed in, finds it in Kyrgyz with its regional brand.
    client.delete_all_cookies().await.unwrap();
    client.goto(&format!("{base}/catalogue")).await.unwrap();
    text_when(&client, "h1", |t| t.contains("catalogue")).await;
    client.find(Locator::Css(".langs a[lang=ky]")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "«Бир айыл – бир продукт» каталогу").await;
    client.find(Locator::Id("oblast")).await.unwrap().select_by_value("KG-Y").await.unwrap();
    client.find(Locator::Id("q")).await.unwrap().send_keys("Алма шербети «Теплоключенка»").await.unwrap();
    client.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    // Waits for the filtered list: the whole catalogue before it lists other apple syrups too.
    let found = text_when(&client, ".products", |t| t.contains("«Теплоключенка»") && !t.contains("«Арстанбап»")).await;
    assert!(found.contains("Аймактык бренд · KG-Y/2026/777"), "{found}");
    shot(&client, "o2-catalogue-ky").await;
    client.find(Locator::Css(".products h2 a")).await.unwrap().click().await.unwrap();
    let certificates = text_when(&client, "#brand-head + ul", |t| t.contains("KG-Y/2026/777")).await;
    assert!(certificates.contains("Аймактык бренд"), "{certificates}");
    shot(&client, "o3-product-ky").await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn an_analyst_reads_the_dashboards_drills_to_the_records_and_opens_the_quarterly_report() {
    let store = emgek_testing::fresh_store("sqlite").await;
    let today = time::OffsetDateTime::now_utc().date();
    emgek_exchange::demo::load_if_empty(&store, 300, today).await.unwrap();
    emgek_app::demo::create_users_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    emgek_app::demo::create_social_contract_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    emgek_app::demo::prison::create_prison_enterprises_if_none(&emgek_app::App::new(store.clone())).await.unwrap();
    let by = emgek_store::Actor::new("test", emgek_store::Source::Cli);
    store.add_rates(&by, &[("USD".into(), time::macros::date!(2024 - 01 - 01), 894_500)]).await.unwrap();
    let state = emgek_web::AppState::new(store).await.unwrap().with_demo(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    let (_driver, client) = browser().await;

    sign_in(&client, &base, "dinara").await;
    client.find(Locator::LinkText("Dashboards")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "National dashboard").await;
    assert!(!client.find_all(Locator::Css("svg.chart")).await.unwrap().is_empty(), "charts drawn on the server");
    shot(&client, "d0-national").await;
    client.find(Locator::Css("nav.tabs a[href='/dashboards/prison']")).await.unwrap().click().await.unwrap();
    text_when(&client, "nav.tabs a[aria-current=page]", |t| t == "Prison enterprises").await;
    client.find(Locator::Css("details.filters summary")).await.unwrap().click().await.unwrap();
    client.find(Locator::Id("year")).await.unwrap().select_by_value("2011").await.unwrap();
    client.find(Locator::Css("details.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    let figure = text_when(&client, "table.figures tbody tr td.num a", |t| t == "13.0%").await;
    shot(&client, "d1-prison-2011").await;
    client.find(Locator::LinkText(&figure)).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Share of inmates in productive work: 13.0%").await;
    let records = client.find_all(Locator::Css("tbody tr")).await.unwrap();
    assert_eq!(records.len(), 10, "the ten facilities whose headcounts make the figure");
    shot(&client, "d2-records").await;

    client.goto(&format!("{base}/dashboards/social-contract")).await.unwrap();
    client.find(Locator::LinkText("Show in US dollars")).await.unwrap().click().await.unwrap();
    text_when(&client, "table.figures", |t| t.contains(" USD")).await;
    client.find(Locator::LinkText("Русский")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Социальный контракт").await;
    shot(&client, "d3-usd-russian").await;
    client.goto(&format!("{base}/reports")).await.unwrap();
    client.find(Locator::Css("a[href='/reports/quarterly?year=2024&quarter=3']")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Квартальный отчёт: 2024, 3-й квартал").await;
    let pdf = client.find(Locator::LinkText("Скачать PDF")).await.unwrap().attr("href").await.unwrap().unwrap();
    assert!(pdf.starts_with("/reports/quarterly/pdf?"), "{pdf}");
    shot(&client, "d4-quarterly").await;
}
