//! The families' side in the browser: a complaint through the public page and the register's
//! sweep.

use super::*;

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn an_anonymous_complaint_of_abuse_reaches_only_the_integrity_officer_and_an_overdue_letter_goes_up_by_itself() {
    let base = serve().await;
    let (_driver, client) = browser().await;

    // Anyone, not signed in, in Kyrgyz.
    client.goto(&format!("{base}/lang/ky?next=/complaints")).await.unwrap();
    text_when(&client, "h1", |t| t == "Даттануу берүү").await;
    client.find(Locator::Id("category")).await.unwrap().select_by_value("integrity.abuse").await.unwrap();
    client.find(Locator::Id("rayon")).await.unwrap().select_by_value("KG-O-KSU").await.unwrap();
    client.find(Locator::Id("anonymous")).await.unwrap().select_by_value("yes").await.unwrap();
    client
        .find(Locator::Id("summary"))
        .await
        .unwrap()
        .send_keys("Айыл өкмөтүнүн кызматкери акча сурады")
        .await
        .unwrap();
    shot(&client, "grievance-1-public-ky").await;
    client.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    let number = text_when(&client, ".big-number", |t| t.starts_with("GR-")).await;
    shot(&client, "grievance-2-receipt-ky").await;

    // The Kara-Suu case worker neither lists nor opens it; the oblast's integrity officer does.
    sign_in(&client, &base, "aigul").await;
    client.goto(&format!("{base}/grievances")).await.unwrap();
    text_when(&client, "h1", |t| !t.is_empty()).await;
    assert!(!text(&client, "main").await.contains(&number), "the rayon's staff don't see it");
    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();
    sign_in(&client, &base, "gulzat").await;
    client.goto(&format!("{base}/grievances")).await.unwrap();
    client.find(Locator::LinkText(&number)).await.unwrap().click().await.unwrap();
    text_when(&client, "main", |t| t.contains("Айыл өкмөтүнүн кызматкери акча сурады")).await;
    shot(&client, "grievance-3-integrity-officer").await;
    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();

    // A letter received a month ago, registered today, is overdue: the sweep sends it up to the
    // oblast by itself.
    sign_in(&client, &base, "aigul").await;
    client.goto(&format!("{base}/grievances/new")).await.unwrap();
    client.find(Locator::Id("channel")).await.unwrap().select_by_value("letter").await.unwrap();
    client.find(Locator::Id("category")).await.unwrap().select_by_value("data.wrong").await.unwrap();
    client.find(Locator::Id("rayon")).await.unwrap().select_by_value("KG-O-KSU").await.unwrap();
    client.find(Locator::Id("name")).await.unwrap().send_keys("Осмонова Айжан").await.unwrap();
    let month_ago = time::OffsetDateTime::now_utc().date() - time::Duration::days(30);
    let typed = format!("{:02}.{:02}.{}", month_ago.day(), u8::from(month_ago.month()), month_ago.year());
    client
        .execute("document.getElementById('received_on').value = arguments[0];", vec![json!(month_ago.to_string())])
        .await
        .unwrap();
    client.find(Locator::Id("summary")).await.unwrap().send_keys("Туулган күнү туура эмес жазылган").await.unwrap();
    client.find(Locator::Css("main form[method=post] button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, "main", |t| t.contains(&typed)).await;
    let page = client.current_url().await.unwrap().to_string();
    let mut escalated = false;
    for _ in 0..30 {
        client.goto(&page).await.unwrap();
        let main = text(&client, "main").await;
        if main.contains("жогорку деңгээлге өттү") {
            escalated = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    shot(&client, "grievance-4-escalated").await;
    assert!(escalated, "the sweep sent it up: {}", text(&client, "main").await);
    client.close().await.unwrap();
}
