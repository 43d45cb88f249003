//! An appeal in the browser, with the family's SMS seen arriving: the server sends its notices
//! through a real Kannel (bearerbox and smsbox) to the fake SMSC of `kannel-extras`.

use emgek_app::social_contract as sc;
use emgek_app::{App, Caller};
use emgek_domain::Money;
use emgek_domain::social_contract::business_plan::{BudgetCategory, BudgetLine, BusinessPlan, MonthProjection, Sector};
use emgek_domain::social_contract::review::Recommendation;
use emgek_store::Source;
use emgek_testing::gateways::{self, Kannel};

use super::*;

const KEY: &str = "browser-test-gateway-key";

/// The setting's family applies, nurlan approves, and the round's money runs out before it:
/// its application waits. Returns the application's id.
async fn waiting_family(app: &App, call: i64, reference: &str) -> i64 {
    let ministry = Caller::demo();
    let household = app.store.household_by_ref(reference).await.unwrap().unwrap();
    let plan = BusinessPlan {
        sector: Sector::Agriculture,
        activity: "Сүт уйлары".into(),
        ovop_category: None,
        local_resources: "жайыт".into(),
        lines: vec![BudgetLine {
            category: BudgetCategory::Livestock,
            item: "Уй".into(),
            quantity: 2,
            unit_price: Money::som(45_000),
        }],
        own_contribution: Money::som(5_000),
        projection: vec![MonthProjection { revenue: Money::som(12_000), costs: Money::som(4_000) }; 12],
        jobs: 1,
        green: false,
    };
    let id = sc::create_application(app, &ministry, call, household, &plan).await.unwrap();
    sc::submit(app, &ministry, id).await.unwrap();
    let review = emgek_domain::access::Permission::ReviewApplications;
    sc::move_on(app, &ministry, id, review, emgek_domain::social_contract::application::Event::StartReview, "")
        .await
        .unwrap();
    let u = app.store.user_by_username("nurlan").await.unwrap().unwrap();
    let nurlan = Caller::user(u.id, u.username, u.access, Source::Web, "");
    let card = emgek_app::review::Scorecard {
        conflict: false,
        scores: [("viability", 5), ("market", 4), ("local_resources", 2), ("jobs", 1)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        recommendation: Some(Recommendation::Approve),
        comment: "",
    };
    sc::review(app, &nurlan, id, card).await.unwrap();
    sc::decide(app, &nurlan, id, Recommendation::Approve, "").await.unwrap();
    sc::allocation_of_round(app, &ministry, call, Some(1), true).await.unwrap();
    assert_eq!(app.store.application(id).await.unwrap().status.code(), "waiting_list");
    id
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver and Kannel: scripts/test runs it"]
async fn a_family_on_the_waiting_list_appeals_at_the_rayon_office_is_heard_by_another_member_and_reads_the_outcome_by_sms_in_kyrgyz()
 {
    let missing = gateways::missing();
    assert!(missing.is_empty(), "the appeal's journey needs {}", missing.join(", "));
    let store = emgek_testing::fresh_store("sqlite").await;
    let app = App::new(store.clone());
    emgek_app::demo::create_users_if_none(&app).await.unwrap();
    let (call, reference) = social_contract_setting(&store).await;
    let application = waiting_family(&app, call, &reference).await;

    // The server, with Kannel in front of the fake SMSC and the outbox's sender beside it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let dir = std::env::temp_dir().join(format!("emgek-browser-kannel-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let kannel = Kannel::start(&dir, &base, KEY);
    let mut outbox = emgek_app::notices::sender::Gateways::new(
        Some(emgek_app::notices::sender::Kannel {
            sendsms_url: kannel.sendsms_url.clone(),
            username: kannel.username.clone(),
            password: kannel.password.clone(),
            from: "1212".into(),
            report_url: format!("{base}/gateway/kannel/dlr"),
            key: KEY.into(),
        }),
        None,
    );
    outbox.idle = Duration::from_millis(200);
    tokio::spawn(emgek_app::notices::sender::run(app.clone(), outbox));
    let state =
        emgek_web::AppState::new(store.clone()).await.unwrap().with_demo(true).with_gateway_key(Some(KEY.into()));
    let service = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await });
    let (_driver, client) = browser().await;

    // The rayon office registers the family's appeal, in Kyrgyz.
    sign_in(&client, &base, "aigul").await;
    client.goto(&format!("{base}/lang/ky?next=/applications/{application}")).await.unwrap();
    text_when(&client, "h1", |t| t.ends_with("күтүү тизмесинде")).await;
    client
        .find(Locator::Id("grounds"))
        .await
        .unwrap()
        .send_keys("Үй-бүлөдө төрт бала бар, баллы туура эмес эсептелген")
        .await
        .unwrap();
    shot(&client, "appeal-1-lodge-ky").await;
    client.find(Locator::XPath("//button[text()='Даттанууну каттоо']")).await.unwrap().click().await.unwrap();
    let number = text_when(&client, "h1", |t| t.contains("GR-")).await;
    let number = number.rsplit(' ').next().unwrap().to_string();
    let appeal = client.current_url().await.unwrap().path().to_string();
    shot(&client, "appeal-2-lodged-ky").await;
    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();

    // Nurlan decided: the appeal is not his to hear.
    sign_in(&client, &base, "nurlan").await;
    client.goto(&format!("{base}{appeal}")).await.unwrap();
    text_when(&client, "h1", |t| !t.is_empty()).await;
    assert!(client.find(Locator::Id("score_viability")).await.is_err(), "who decided does not hear the appeal");
    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();

    // Cholpon, who took no part, scores the plan again and upholds the appeal.
    sign_in(&client, &base, "cholpon").await;
    client.goto(&format!("{base}{appeal}")).await.unwrap();
    text_when(&client, "h1", |t| t.contains(&number)).await;
    for (code, points) in [("viability", "9"), ("market", "8"), ("local_resources", "5"), ("jobs", "4")] {
        client.find(Locator::Id(&format!("score_{code}"))).await.unwrap().send_keys(points).await.unwrap();
    }
    client.find(Locator::Css("#recommendation option[value=approve]")).await.unwrap().click().await.unwrap();
    client.find(Locator::XPath("//button[text()='Баа берүү']")).await.unwrap().click().await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath("//td[@class='num' and text()='26']"))
        .await
        .unwrap();
    client
        .find(Locator::Id("decision_reason"))
        .await
        .unwrap()
        .send_keys("Бизнес-план рыногу жана жумуш орундары боюнча жогору бааланды")
        .await
        .unwrap();
    shot(&client, "appeal-3-hearing-ky").await;
    client.find(Locator::XPath("//button[@value='approve']")).await.unwrap().click().await.unwrap();
    text_when(&client, "main", |t| t.contains("канааттандырылды")).await;
    shot(&client, "appeal-4-upheld-ky").await;

    // The application keeps its place on the list with the hearing's score, and says why.
    client.goto(&format!("{base}/applications/{application}")).await.unwrap();
    text_when(&client, "main", |t| t.contains(&format!("{number} upheld"))).await;

    // The family's phone had heard it waits, and now gets the outcome, in Kyrgyz.
    let waiting = format!("№{application} арызы боюнча комиссиянын чечими: күтүү тизмесинде.");
    let mut told = None;
    for _ in 0..100 {
        told = kannel.received().into_iter().find(|s| s.text.contains(&number) && s.text.contains("чечим"));
        if told.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let sms = told.unwrap_or_else(|| panic!("no SMS of the outcome; the fake SMSC got {:?}", kannel.received()));
    assert_eq!(sms.to, FAMILY_PHONE, "{sms:?}");
    assert!(sms.text.contains("канааттандырылды") && sms.text.contains("ООБА"), "in Kyrgyz: {:?}", sms.text);
    assert!(kannel.received().iter().any(|s| s.text == waiting), "{waiting:?} in {:?}", kannel.received());
    // Its delivery report comes back through Kannel: the grievance shows the notice delivered.
    let grievance = store.appeal(appeal.rsplit('/').next().unwrap().parse().unwrap()).await.unwrap().grievance_id;
    let mut delivered = false;
    for _ in 0..100 {
        let notices = store.grievance_notices(grievance).await.unwrap();
        if notices.iter().any(|n| n.event == "grievance_closed" && n.state == "delivered") {
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(delivered, "the delivery report is recorded: {:?}", store.grievance_notices(grievance).await.unwrap());
    client.close().await.unwrap();
    kannel.stop();
    let _ = std::fs::remove_dir_all(&dir);
}
