//! One Village – One Product through the API: official rates, a producer and its product, a
//! regional brand committee's certificate and the national brand, and an export contract valued
//! at the rates of the day it was signed.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::{Value, json};

use super::enterprises::rules_of;
use super::helpers::{TestApp, add_user, finished_job};

async fn as_role(admin: &TestApp, name: &str, role: Role, scope: &str) -> TestApp {
    let id = add_user(&admin.store, name, &[(role, scope)], false).await;
    TestApp::signed_in(admin.store.clone(), id).await
}

fn scores(points: [u32; 5]) -> Value {
    json!({"local_resources": points[0], "quality": points[1], "tradition": points[2], "packaging": points[3], "market": points[4]})
}

/// 1x1 transparent PNG.
/// A whole 1×1 PNG (every chunk with its CRC).
const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\xf8\x0f\x04\x00\x09\xfb\x03\xfd\xfb\x5e\x6b\x2b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

pub async fn official_rates_are_set_once_a_day_and_imported_line_by_line(admin: TestApp) {
    let rate = |c: &str, on: &str, r: &str| json!({"currency": c, "rate_on": on, "rate": r});
    assert_eq!(
        admin.json("POST", "/api/v1/exchange-rates", Some(rate("USD", "2024-03-01", "89.45"))).await.0,
        StatusCode::CREATED
    );
    let (status, body) = admin.json("POST", "/api/v1/exchange-rates", Some(rate("USD", "2024-03-01", "89.50"))).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("rate.exists")));
    let (status, body) = admin.json("POST", "/api/v1/exchange-rates", Some(rate("KGS", "2024-13-01", "8,945.1"))).await;
    assert_eq!(
        (status, rules_of(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("currency".into(), "rate.currency_unknown".into()),
                ("rate_on".into(), "date.invalid".into()),
                ("rate".into(), "rate.format".into())
            ]
        )
    );
    let csv = "currency,rate_on,rate\nEUR,2024-03-01,97.10\nUSD,2024-03-01,89.45\nCNY,2024-03-01,x\n";
    let (status, report) =
        admin.raw("POST", "/api/v1/exchange-rates/import?all_or_nothing=true", "text/csv", csv.into()).await;
    assert_eq!(
        (status, report["committed"].as_bool(), report["added"].as_i64()),
        (StatusCode::OK, Some(false), Some(0))
    );
    let (_, report) = admin.raw("POST", "/api/v1/exchange-rates/import", "text/csv", csv.into()).await;
    assert_eq!((report["lines_read"].as_i64(), report["added"].as_i64()), (Some(3), Some(1)), "{report}");
    let rejected: Vec<(i64, &str)> = report["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_i64().unwrap(), r["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(rejected, [(3, "rate.exists"), (4, "rate.format")]);
    let (_, rates) = admin.json("GET", "/api/v1/exchange-rates", None).await;
    assert_eq!(rates.as_array().map(Vec::len), Some(2));
    let officer = as_role(&admin, "officer", Role::OvopOfficer, "oblast:KG-Y").await;
    assert_eq!(
        officer.json("POST", "/api/v1/exchange-rates", Some(rate("EUR", "2024-03-04", "97.2"))).await.0,
        StatusCode::FORBIDDEN
    );
}

pub async fn a_brand_committee_certifies_a_product_and_its_exports_are_valued_at_the_rates_of_their_day(
    admin: TestApp,
) {
    for (c, r) in [("USD", "89.45"), ("EUR", "97.10")] {
        let body = json!({"currency": c, "rate_on": "2024-03-01", "rate": r});
        assert_eq!(admin.json("POST", "/api/v1/exchange-rates", Some(body)).await.0, StatusCode::CREATED);
    }
    let officer = as_role(&admin, "officer", Role::OvopOfficer, "oblast:KG-Y").await;
    // Certificates are counted while valid, products over the last five years: dates near today.
    let today = time::OffsetDateTime::now_utc().date();
    let assessed = today - time::Duration::days(30);
    let until = emgek_domain::ovop::certification::valid_until(assessed, 3).to_string();
    let developed = format!("{}-06-01", today.year() - 1);

    // A producer of the officer's oblast; every bad value named.
    let bad = json!({"kind": "household", "name": " ", "rayon": "KG-C-SOK", "village": "Ак-Суу"});
    let (status, body) = officer.json("POST", "/api/v1/ovop/producers", Some(bad)).await;
    assert_eq!(
        (status, rules_of(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("name".into(), "text.required".into()),
                ("rayon".into(), "scope.outside".into()),
                ("contract_id".into(), "ovop.contract_for_households".into())
            ]
        )
    );
    let good = json!({"kind": "cooperative", "name": "Кооператив «Ак-Суу балы»", "rayon": "KG-Y-AKS", "village": "Теплоключенка",
                      "contact": "+996 555 000 111", "publish_contact": true});
    let (status, producer) = officer.json("POST", "/api/v1/ovop/producers", Some(good)).await;
    assert_eq!(status, StatusCode::CREATED, "{producer}");
    let producer = producer["id"].as_i64().unwrap();

    // Its product, named in the three languages and made of local resources.
    let product = |en: &str, resources: Value| {
        json!({"category": "honey", "name": {"ky": "Тоо балы", "ru": "Горный мёд", "en": en},
               "description": {"ky": "Ысык-Көлдүн тоо балы", "ru": "", "en": "Mountain honey from Issyk-Kul"},
               "local_resources": resources, "developed_on": developed, "published": true})
    };
    let (status, body) = officer
        .json("POST", &format!("/api/v1/ovop/producers/{producer}/products"), Some(product("", json!(["gold"]))))
        .await;
    assert_eq!(
        (status, rules_of(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("name_en".into(), "text.required".into()),
                ("local_resources".into(), "ovop.resource_unknown".into())
            ]
        )
    );
    let (status, created) = officer
        .json(
            "POST",
            &format!("/api/v1/ovop/producers/{producer}/products"),
            Some(product("Mountain honey", json!(["honey"]))),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let base = format!("/api/v1/ovop/products/{id}");
    let (status, photo) = officer.raw("POST", &format!("{base}/photos"), "image/png", PNG.to_vec()).await;
    assert_eq!((status, photo["new"].as_bool()), (StatusCode::CREATED, Some(true)));
    let (status, again) = officer.raw("POST", &format!("{base}/photos"), "image/png", PNG.to_vec()).await;
    assert_eq!((status, again["id"].clone()), (StatusCode::OK, photo["id"].clone()), "the same photo is one");
    let (status, body) = officer.raw("POST", &format!("{base}/photos"), "text/plain", b"not a photo".to_vec()).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("photo.type")));
    // A phone's photo carries the GPS position of the family's home: it is kept without it.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 25];
    jpeg.extend_from_slice(b"Exif\0\0GPS 42.87N 74.59E");
    jpeg.extend_from_slice(&[0xFF, 0xDB, 0, 4, 1, 2, 0xFF, 0xDA, 0, 3, 9, 0xAB, 0xCD, 0xFF, 0xD9]);
    let (status, photo) = officer.raw("POST", &format!("{base}/photos"), "image/jpeg", jpeg).await;
    assert_eq!(status, StatusCode::CREATED, "{photo}");
    let (status, _, stored) = officer.download(&format!("/ovop/photos/{}", photo["id"]), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(stored.starts_with(&[0xFF, 0xD8]) && !stored.windows(3).any(|w| w == b"GPS"), "{stored:?}");

    // The Issyk-Kul committee certifies it; another oblast's committee does not see it.
    let committee = as_role(&admin, "committee", Role::BrandCommitteeMember, "oblast:KG-Y").await;
    let elsewhere = as_role(&admin, "chui-committee", Role::BrandCommitteeMember, "oblast:KG-C").await;
    let assessment = |level: &str, points: [u32; 5], number: &str| json!({"level": level, "assessed_on": assessed.to_string(), "scores": scores(points), "certificate_number": number});
    assert_eq!(
        elsewhere.json("POST", &format!("{base}/certifications"), Some(assessment("regional", [9; 5], "X-1"))).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, body) =
        committee.json("POST", &format!("{base}/certifications"), Some(assessment("regional", [9; 5], "X-1"))).await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("assessed_on".into(), "certification.rules_missing".into())]),
        "no rules, no certificate"
    );
    let rules = json!({"effective_from": "2000-01-01", "pass_percent": "70", "validity_years": "3"});
    let (status, body) = officer.json("POST", "/api/v1/ovop/rules", Some(rules.clone())).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("ovop.national")));
    let (status, body) = admin
        .json(
            "POST",
            "/api/v1/ovop/rules",
            Some(json!({"effective_from": "2000-01-01", "pass_percent": "0", "validity_years": "20"})),
        )
        .await;
    assert_eq!(
        (status, rules_of(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("pass_share".into(), "share.range".into()),
                ("validity_years".into(), "certification.validity_range".into())
            ]
        )
    );
    assert_eq!(admin.json("POST", "/api/v1/ovop/rules", Some(rules.clone())).await.0, StatusCode::CREATED);
    let (status, body) = admin.json("POST", "/api/v1/ovop/rules", Some(rules)).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("rules.version_exists")));
    let (status, body) = committee
        .json("POST", &format!("{base}/certifications"), Some(assessment("regional", [9, 9, 5, 4, 8], "")))
        .await;
    assert_eq!(
        (status, rules_of(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("certificate_number".into(), "certificate.format".into())]),
        "a passed product needs its certificate's number"
    );
    let (status, body) = committee
        .json("POST", &format!("{base}/certifications"), Some(assessment("national", [9, 9, 5, 4, 8], "KG-Y/1")))
        .await;
    assert!(rules_of(&body).contains(&("level".into(), "certification.national_only".into())), "{status} {body}");
    let (status, _) = committee
        .json("POST", &format!("{base}/certifications"), Some(assessment("regional", [5, 5, 2, 2, 5], "")))
        .await;
    assert_eq!(status, StatusCode::CREATED, "a failed assessment is recorded, with no certificate");
    let (status, _) = committee
        .json("POST", &format!("{base}/certifications"), Some(assessment("regional", [9, 9, 5, 4, 8], "kg-y/2024/015")))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, list) = committee.json("GET", &format!("{base}/certifications"), None).await;
    assert_eq!(
        (list[0]["passed"].as_bool(), list[0]["certificate_number"].as_str(), list[0]["valid_until"].as_str()),
        (Some(true), Some("KG-Y/2024/015"), Some(until.as_str())),
        "three years, to the day before the anniversary: {list}"
    );
    assert_eq!(list[1]["passed"].as_bool(), Some(false));
    let national = as_role(&admin, "national", Role::BrandCommitteeMember, "country").await;
    let mut points = assessment("national", [9, 9, 5, 4, 8], "KG/NB/2024/001");
    points["scores"]["export_readiness"] = json!(8);
    assert_eq!(national.json("POST", &format!("{base}/certifications"), Some(points)).await.0, StatusCode::CREATED);

    // An export contract in euros: its som and dollar equivalents at the rates of its day.
    let export = |reference: &str, currency: &str, signed_on: &str| {
        json!({"product_id": id, "reference": reference, "buyer": "Bienen GmbH", "country": "de", "signed_on": signed_on,
               "quantity": 2000, "unit": "kg", "currency": currency, "value": "10000"})
    };
    let exports = format!("/api/v1/ovop/producers/{producer}/exports");
    let (status, body) = officer.json("POST", &exports, Some(export("DE-1", "JPY", "2024-03-02"))).await;
    assert_eq!(
        (status, rules_of(&body), body["errors"][0]["detail"].as_str().map(|d| d.contains("JPY 2024-03-02"))),
        (StatusCode::UNPROCESSABLE_ENTITY, vec![("signed_on".into(), "rate.missing".into())], Some(true))
    );
    assert_eq!(officer.json("POST", &exports, Some(export("DE-1", "EUR", "2024-03-02"))).await.0, StatusCode::CREATED);
    let (status, body) = officer.json("POST", &exports, Some(export("DE-1", "EUR", "2024-03-05"))).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("export.reference_taken")));
    let (_, list) = admin.json("GET", "/api/v1/ovop/exports", None).await;
    assert_eq!(
        (
            list[0]["country"].as_str(),
            list[0]["rate"].as_str(),
            list[0]["som_tyiyn"].as_i64(),
            list[0]["usd_cents"].as_i64()
        ),
        (Some("DE"), Some("97.1000"), Some(97_100_000), Some(1_085_523)),
        "10,000 EUR at 97.10 = 971,000 som = 10,855.23 USD at 89.45"
    );

    // It is sold at a shop abroad, once.
    let shop = json!({"name": "Kyrgyz Honey Tokyo", "kind": "shop", "country": "jp", "address": "Shibuya"});
    let (status, outlet) = officer.json("POST", "/api/v1/ovop/outlets", Some(shop)).await;
    assert_eq!(status, StatusCode::CREATED, "{outlet}");
    let sell = json!({"outlet_id": outlet["id"]});
    assert_eq!(officer.json("POST", &format!("{base}/outlets"), Some(sell.clone())).await.0, StatusCode::NO_CONTENT);
    let (status, body) = officer.json("POST", &format!("{base}/outlets"), Some(sell)).await;
    assert_eq!((status, body["errors"][0]["rule"].as_str()), (StatusCode::CONFLICT, Some("outlet.already_linked")));
    let (_, sold) = committee.json("GET", &format!("{base}/outlets"), None).await;
    assert_eq!((sold[0]["country"].as_str(), sold[0]["rayon"].as_str()), (Some("JP"), None));

    // The indicators count it all, for the places each reader reaches.
    let (_, ind) = admin.json("GET", "/api/v1/ovop/indicators", None).await;
    assert_eq!(
        (ind["developed_five_years"].as_i64(), ind["certified"].as_i64(), ind["national_brand"].as_i64()),
        (Some(1), Some(1), Some(1)),
        "{ind}"
    );
    assert_eq!(ind["exports_by_country"]["DE"]["som_tyiyn"].as_i64(), Some(97_100_000));
    assert_eq!(ind["exports_by_oblast"]["KG-Y"]["contracts"].as_i64(), Some(1));
    let chui = as_role(&admin, "chui-officer", Role::OvopOfficer, "oblast:KG-C").await;
    let (_, ind) = chui.json("GET", "/api/v1/ovop/indicators", None).await;
    assert_eq!((ind["exports"]["contracts"].as_i64(), ind["developed_five_years"].as_i64()), (Some(0), Some(0)));
}

/// A page as a buyer sees it: nobody signed in, the language chosen.
async fn as_buyer(app: &TestApp, uri: &str, lang: &str) -> (StatusCode, String) {
    let request = axum::http::Request::builder()
        .uri(uri)
        .header("cookie", format!("emgek_lang={lang}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, _, body) = app.send(request).await;
    (status, String::from_utf8_lossy(&body).into_owned())
}

pub async fn a_brand_committee_certifies_in_the_pages_and_a_buyer_finds_the_product_in_each_language(admin: TestApp) {
    let officer = as_role(&admin, "officer", Role::OvopOfficer, "oblast:KG-Y").await;
    let producer = "kind=cooperative&name=Ak-Suu+Honey&rayon=KG-Y-AKS&village=Teploklyuchenka&contact=0555000111&publish_contact=no";
    let (status, location) = officer.form_location("/ovop", producer).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let producer: i64 = location.trim_start_matches("/ovop/producers/").trim_end_matches("?saved=1").parse().unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let product = |published: &str| {
        format!(
            "category=honey&name_ky=%D0%A2%D0%BE%D0%BE+%D0%B1%D0%B0%D0%BB%D1%8B&name_ru=%D0%93%D0%BE%D1%80%D0%BD%D1%8B%D0%B9+%D0%BC%D1%91%D0%B4\
             &name_en=Mountain+honey&description_en=From+the+Terskey+Ala-Too&local_resources=honey&developed_on={today}&published={published}"
        )
    };
    let (status, page) = officer
        .form(&format!("/ovop/producers/{producer}/products"), "category=honey&name_ky=&local_resources=gold", "ky")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("бул программанын жергиликтүү ресурсу эмес"), "the rule in Kyrgyz: {page}");
    let (_, location) = officer.form_location(&format!("/ovop/producers/{producer}/products"), &product("yes")).await;
    let id: i64 = location.trim_start_matches("/ovop/products/").trim_end_matches("?saved=1").parse().unwrap();
    let (_, hidden) = officer.form_location(&format!("/ovop/producers/{producer}/products"), &product("no")).await;
    let hidden: i64 = hidden.trim_start_matches("/ovop/products/").trim_end_matches("?saved=1").parse().unwrap();

    // The Issyk-Kul committee member scores it by the rules in force; a missing score is named.
    let rules = serde_json::json!({"effective_from": "2000-01-01", "pass_percent": "70", "validity_years": "3"});
    assert_eq!(admin.json("POST", "/api/v1/ovop/rules", Some(rules)).await.0, StatusCode::CREATED);
    let committee = as_role(&admin, "committee", Role::BrandCommitteeMember, "oblast:KG-Y").await;
    let (_, page) = committee.page(&format!("/ovop/products/{id}"), "en").await;
    assert!(page.contains(r#"name="score_packaging""#) && !page.contains(r#"value="national""#), "{page}");
    let scores = "score_local_resources=9&score_quality=9&score_tradition=5&score_packaging=4&score_market=8";
    let (status, page) = committee
        .form(
            &format!("/ovop/products/{id}/certifications"),
            &format!("level=regional&assessed_on={today}&score_quality=9"),
            "en",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Packaging: score every criterion"), "{page}");
    let certify = format!("level=regional&assessed_on={today}&{scores}&certificate_number=KG-Y%2F2026%2F001");
    assert_eq!(
        committee.form_location(&format!("/ovop/products/{id}/certifications"), &certify).await.0,
        StatusCode::SEE_OTHER
    );
    let (_, page) = committee.page(&format!("/ovop/products/{id}"), "en").await;
    assert!(page.contains("KG-Y/2026/001") && page.contains("35 / 40"), "{page}");

    // A buyer finds it without signing in, in each language; the producer did not agree to be named.
    for (lang, name, brand) in [
        ("ky", "Тоо балы", "Аймактык бренд"),
        ("ru", "Горный мёд", "Региональный бренд"),
        ("en", "Mountain honey", "Regional brand"),
    ] {
        let (status, page) = as_buyer(&admin, "/catalogue?category=honey", lang).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(name) && page.contains(brand), "{lang}: {page}");
        assert!(!page.contains("Ak-Suu Honey") && !page.contains("0555000111"), "{lang}: the producer is not named");
    }
    let (status, page) = as_buyer(&admin, &format!("/catalogue/{id}"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("From the Terskey Ala-Too") && page.contains("KG-Y/2026/001"), "{page}");
    assert_eq!(as_buyer(&admin, &format!("/catalogue/{hidden}"), "en").await.0, StatusCode::NOT_FOUND, "unpublished");
    let (_, page) = as_buyer(&admin, "/catalogue?q=mountain", "en").await;
    assert!(page.contains("1 product"), "{page}");
}

pub async fn the_demonstration_reproduces_the_articles_280_products_and_167_export_contracts(admin: TestApp) {
    let today = time::OffsetDateTime::now_utc().date();
    emgek_app::demo::prison::create_prison_enterprises_if_none(&super::helpers::demo_app(&admin.store, today))
        .await
        .unwrap();
    let products =
        emgek_app::demo::ovop::create_ovop_if_none(&super::helpers::demo_app(&admin.store, today)).await.unwrap();
    assert_eq!(products, 320, "280 over the last five years and 40 before");
    let (_, ind) = admin.json("GET", "/api/v1/ovop/indicators", None).await;
    assert_eq!(ind["developed_five_years"].as_i64(), Some(280), "{ind}");
    assert_eq!(
        (
            ind["exports"]["contracts"].as_i64(),
            ind["exports"]["som_tyiyn"].as_i64(),
            ind["exports"]["usd_cents"].as_i64()
        ),
        (Some(167), Some(238_000_000 * 100), Some(2_670_000 * 100)),
        "167 contracts worth 238 million som and $2,670,000, computed from the records"
    );
    let countries = ind["exports_by_country"].as_object().unwrap();
    for country in ["JP", "CN", "KR", "US", "DE"] {
        assert!(countries.contains_key(country), "exports to {country}");
    }
    assert!(ind["exports_by_oblast"]["KG-Y"]["contracts"].as_i64() > Some(0), "Issyk-Kul exports");
    assert!(ind["certified"].as_i64() > Some(50) && ind["national_brand"].as_i64() > Some(0), "{ind}");
    let (_, producers) = admin.json("GET", "/api/v1/ovop/producers", None).await;
    assert!(producers.as_array().unwrap().iter().any(|p| p["kind"] == "prison_workshop"), "the Stepnoe workshop");
    let (status, page) = as_buyer(&admin, "/catalogue?oblast=KG-Y&category=honey", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Mountain honey “Teploklyuchenka”"), "{page}");
    assert!(!page.contains("+996 555 000"), "a producer that did not agree is not named");
    // Running the demo again adds nothing.
    assert_eq!(
        emgek_app::demo::ovop::create_ovop_if_none(&super::helpers::demo_app(&admin.store, today)).await.unwrap(),
        0
    );
}

pub async fn rates_are_pasted_in_the_page_and_an_officer_says_where_a_product_is_sold(admin: TestApp) {
    // An administrator pastes the National Bank's rates; the bad line is named, the rest saved.
    let csv = "currency%2Crate_on%2Crate%0AUSD%2C2024-03-01%2C89.45%0AEUR%2C2024-03-01%2Cabc%0A";
    let (status, page) = admin.form("/rates/import", &format!("csv={csv}"), "en").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Line 3") && page.contains("write som for one unit"), "{page}");
    let (_, page) = admin.page("/rates", "ru").await;
    assert!(page.contains("89.4500") && page.contains("Официальные курсы валют"), "{page}");
    let officer = as_role(&admin, "officer", Role::OvopOfficer, "oblast:KG-Y").await;
    assert_eq!(officer.form("/rates/import", &format!("csv={csv}"), "en").await.0, StatusCode::FORBIDDEN);

    // The officer adds an outlet (every bad value named) and sells a product there.
    let (status, page) = officer.form("/ovop/outlets", "name=&kind=kiosk&country=KG&rayon=KG-Y-AKS", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("choose what kind of outlet this is"), "{page}");
    let shop = "name=Karakol+OVOP+shop&kind=shop&country=KG&rayon=KG-Y-AKS&address=Toktogul+st.+120";
    assert_eq!(officer.form_location("/ovop/outlets", shop).await.0, StatusCode::SEE_OTHER);
    let (_, overview) = officer.page("/ovop", "en").await;
    assert!(overview.contains("<title>One Village – One Product · emgek</title>"), "a plain title: {overview}");
    assert!(overview.contains("Karakol OVOP shop") && overview.contains("Certification rules"), "{overview}");
    let producer = json!({"kind": "cooperative", "name": "Felt makers", "rayon": "KG-Y-TON", "village": "Bokonbaev"});
    let (_, producer) = officer.json("POST", "/api/v1/ovop/producers", Some(producer)).await;
    let product = json!({"category": "felt", "name": {"ky": "Шырдак", "ru": "Шырдак", "en": "Shyrdak"},
                         "local_resources": ["wool"], "developed_on": "2025-05-01", "published": true});
    let (_, product) =
        officer.json("POST", &format!("/api/v1/ovop/producers/{}/products", producer["id"]), Some(product)).await;
    let id = product["id"].as_i64().unwrap();
    let (_, page) = officer.page(&format!("/ovop/products/{id}"), "en").await;
    let outlet = page.split(r#"<option value=""#).nth(2).and_then(|o| o.split('"').next()).unwrap().to_string();
    assert_eq!(
        officer.form_location(&format!("/ovop/products/{id}/outlets"), &format!("outlet={outlet}")).await.0,
        StatusCode::SEE_OTHER
    );
    let (status, page) = officer.form(&format!("/ovop/products/{id}/outlets"), &format!("outlet={outlet}"), "en").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("the product is sold there already"), "{page}");
    let (_, page) = as_buyer(&admin, &format!("/catalogue/{id}"), "en").await;
    assert!(page.contains("Where to buy") && page.contains("Karakol OVOP shop (shop), Ak-Suu District"), "{page}");
}

pub async fn the_programmes_files_import_through_the_api_each_kind_by_whom_may_write_it(admin: TestApp) {
    // The National Bank's table as an office keeps it: Russian headings, `;`, decimal commas.
    let rates = "Курсы НБКР;;\nВалюта;Дата;Курс\nUSD;01.01.2024;89,20\nKZT;01.01.2024;0,1950\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(rates);
    let (status, report) = admin.raw("POST", "/api/v1/imports/rates", "text/csv", bytes.into_owned()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!((report["kind"].as_str(), report["added"].as_u64()), (Some("rates"), Some(2)), "{report}");
    assert_eq!((report["encoding"].as_str(), report["header_row"].as_u64()), (Some("windows-1251"), Some(2)));

    let producers = "producer_ref,kind,name,rayon,village\nP-1,cooperative,Ала-Тоо бал,KG-T-TAL,Кара-Суу\n\
        P-2,enterprise,Жибек жолу,KG-O-KSU,Кара-Суу\n";
    let talas = as_role(&admin, "ovop-talas", Role::OvopOfficer, "rayon:KG-T-TAL").await;
    let (status, report) = talas.raw("POST", "/api/v1/imports/ovop-producers", "text/csv", producers.into()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!((report["added"].as_u64(), report["rows_rejected"].as_u64()), (Some(1), Some(1)), "{report}");
    assert_eq!(
        (report["rejects"][0]["row"].as_u64(), report["rejects"][0]["rule"].as_str()),
        (Some(3), Some("scope.outside"))
    );
    let (_, again) = admin.raw("POST", "/api/v1/imports/ovop-producers", "text/csv", producers.into()).await;
    assert_eq!((again["added"].as_u64(), again["already_held"].as_u64()), (Some(1), Some(1)), "{again}");

    let products = "product_ref,producer_ref,category,name_ky,name_ru,name_en,local_resources,developed_on\n\
        PR-1,P-1,honey,Тоо балы,Горный мёд,Mountain honey,honey,2019-05-01\n";
    let (_, report) = talas.raw("POST", "/api/v1/imports/ovop-products", "text/csv", products.into()).await;
    assert_eq!(report["added"], 1, "{report}");
    let exports = "contract_reference,producer_ref,product_ref,buyer,country,signed_on,quantity,unit,currency,value\n\
        EX-1,P-1,PR-1,ТОО Бал,KZ,2024-03-01,500,kg,KZT,2 500 000\n";
    let (_, report) = talas.raw("POST", "/api/v1/imports/ovop-exports", "text/csv", exports.into()).await;
    assert_eq!(report["added"], 1, "{report}");
    let (_, figures) = admin.json("GET", "/api/v1/ovop/indicators", None).await;
    assert_eq!(figures["exports"]["som_tyiyn"], 48_750_000, "{figures}");

    // Each kind by whom may write it: the rates are national; a case worker writes no producer.
    let (status, _) = talas.raw("POST", "/api/v1/imports/rates", "text/csv", rates.into()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let worker = as_role(&admin, "worker-talas", Role::CaseWorker, "rayon:KG-T-TAL").await;
    let (status, _) = worker.raw("POST", "/api/v1/imports/ovop-producers", "text/csv", producers.into()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, report) =
        admin.raw("POST", "/api/v1/imports/ovop-products", "text/csv", "a,b,c\n1,2,3\n".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{report}");
    assert!(report.to_string().contains("product_ref"), "the missing columns are named: {report}");
}

pub async fn an_ovop_officer_imports_her_products_on_their_page_in_her_language(admin: TestApp) {
    let producers = "producer_ref,kind,name,rayon,village\nP-1,cooperative,Ала-Тоо бал,KG-T-TAL,Кара-Суу\n";
    admin.raw("POST", "/api/v1/imports/ovop-producers", "text/csv", producers.into()).await;
    let talas = as_role(&admin, "ovop-page", Role::OvopOfficer, "rayon:KG-T-TAL").await;
    for lang in ["ky", "ru", "en"] {
        let (status, html) = talas.page("/import/ovop-products", lang).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("product_ref") && html.contains("local_resources"), "the columns are listed");
        assert!(!html.contains("field-") && !html.contains("import-records"), "{lang}: every word is translated");
    }
    // Russian headings, a title row, one row with a product of a producer emgek does not hold.
    let text = "Продукция ОСОП, Таласский район;;;;;;;\n\
        Номер продукта;Производитель;Категория;Название на кыргызском;Название на русском;Название на английском;Местное сырье;Дата разработки\n\
        PR-1;P-1;honey;Тоо балы;Горный мёд;Mountain honey;honey;01.05.2019\n\
        PR-2;P-9;felt;Шырдак;Ширдак;Shyrdak;wool;01.05.2019\n";
    let (status, job) = talas.upload("/import/ovop-products", "file", "продукция.csv", text.as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{job}");
    assert!(job.starts_with("/import/records/jobs/"), "the import runs in the background: {job}");
    let html = finished_job(&talas, &job).await;
    assert!(html.contains("Records added</dt><dd>1</dd>"), "{html}");
    assert!(html.contains("header on row 2"), "{html}");
    assert!(html.contains("no producer has this register number"), "the rejected row says why: {html}");
    // Her menu leads to the kinds she may import, and only those.
    let (_, html) = talas.page("/import/records", "ru").await;
    assert!(html.contains("href=\"/import/records\""), "the menu's import: {html}");
    assert!(html.contains("href=\"/import/ovop-products\"") && !html.contains("href=\"/import/rates\""), "{html}");
    assert!(!html.contains("href=\"/import/prison-inmates\"") && !html.contains("href=\"/import/sc-reports\""));
    let worker = as_role(&admin, "worker-page", Role::CaseWorker, "rayon:KG-T-TAL").await;
    assert_eq!(worker.page("/import/ovop-products", "en").await.0, StatusCode::FORBIDDEN);
    let (_, html) = admin.page("/import", "en").await;
    assert!(html.contains("href=\"/import/ovop-exports\"") && html.contains("href=\"/import/rates\""), "{html}");
}

pub async fn an_offices_headings_for_a_kind_of_records_are_mapped_once_and_read_again_by_page_and_api(admin: TestApp) {
    let producers = "producer_ref,kind,name,rayon,village\nP-1,cooperative,Ала-Тоо бал,KG-T-TAL,Кара-Суу\n";
    admin.raw("POST", "/api/v1/imports/ovop-producers", "text/csv", producers.into()).await;
    let talas = as_role(&admin, "ovop-map", Role::OvopOfficer, "rayon:KG-T-TAL").await;
    // The office's own headings, none of which emgek knows; the second row names a producer
    // emgek does not hold.
    let file = |a: &str, b: &str| {
        format!(
            "Тизме\nШифр;Кооператив;Тармак;Кыргызча;Орусча;Англисче;Чийки зат;Башталган;Эскертүү\n\
             {a};P-1;honey;Тоо балы;Горный мёд;Mountain honey;honey;01.05.2019;жаңы\n\
             {b};P-9;felt;Шырдак;Ширдак;Shyrdak;wool;01.05.2019;\n"
        )
    };
    let (status, location) =
        talas.upload("/import/ovop-products", "file", "продукция.csv", file("PR-1", "PR-2").as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/import/records/map/"), "unknown headings go to the mapping step: {location}");
    let (status, html) = talas.page(&location, "ru").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains(">Шифр</label>") && html.contains("Тоо балы"), "the headings and their values: {html}");
    assert!(html.contains("value=\"local_resources\""), "the kind's columns are offered: {html}");
    assert!(!html.contains("value=\"pin\""), "not the household file's");
    let mapping = "column_0=product_ref&column_1=producer_ref&column_2=category&column_3=name_ky&column_4=name_ru\
        &column_5=name_en&column_6=local_resources&column_7=developed_on&column_8=";
    let (status, html) = talas.form(&location, &format!("{mapping}&name=&action=check"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Row 3: ready"), "each row checked as the import would, nothing written: {html}");
    assert!(html.contains("Row 4:") && html.contains("no producer has this register number"), "{html}");
    let (_, catalogue) = admin.json("GET", "/api/v1/ovop/products", None).await;
    assert_eq!(catalogue.as_array().map(Vec::len), Some(0), "the check wrote nothing: {catalogue}");
    let (status, job) = talas.form_location(&location, &format!("{mapping}&name=Талас+продукция&action=import")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let html = finished_job(&talas, &job).await;
    assert!(html.contains("Records added</dt><dd>1</dd>") && html.contains("Rows rejected</dt><dd>1</dd>"), "{html}");
    assert!(html.contains(&format!("{job}/rejects.csv")), "the reject file is offered: {html}");
    let (status, rejects) = talas.page(&format!("{job}/rejects.csv"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(rejects.contains("PR-2") || rejects.contains("P-9"), "{rejects}");

    // The next file in the same headings imports by itself, and the API reads it by the
    // profile's name.
    let (status, next) =
        talas.upload("/import/ovop-products", "file", "продукция-2.csv", file("PR-3", "PR-4").as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(next.starts_with("/import/records/jobs/"), "the saved profile reads it: {next}");
    assert!(finished_job(&talas, &next).await.contains("Records added</dt><dd>1</dd>"));
    let path = "/api/v1/imports/ovop-products?profile=%D0%A2%D0%B0%D0%BB%D0%B0%D1%81%20\
        %D0%BF%D1%80%D0%BE%D0%B4%D1%83%D0%BA%D1%86%D0%B8%D1%8F";
    let (status, report) = talas.raw("POST", path, "text/csv", file("PR-5", "PR-6").into()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!((report["added"].as_u64(), report["rows_rejected"].as_u64()), (Some(1), Some(1)), "{report}");
    // A profile is of one kind of file: the products' reads no export contracts.
    let exports = path.replace("ovop-products", "ovop-exports");
    let (status, report) = talas.raw("POST", &exports, "text/csv", file("EX-1", "EX-2").into()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{report}");
    assert!(report.to_string().contains("profile.unknown"), "{report}");
    // Another user's job and waiting file are not found.
    let other = as_role(&admin, "ovop-other", Role::OvopOfficer, "rayon:KG-T-TAL").await;
    assert_eq!(other.page(&job, "en").await.0, StatusCode::NOT_FOUND);
    assert_eq!(other.page(&location, "en").await.0, StatusCode::NOT_FOUND);
}
