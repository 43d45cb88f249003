//! Targeting through the API: the registry's eligible households ranked by priority.

use axum::http::StatusCode;
use emgek_domain::access::Role;
use serde_json::json;

use crate::applications::{family_n, open_call};
use crate::helpers::{TestApp, add_user};

/// A family of two adults and one child on the benefit, in Sokuluk.
async fn small_family(admin: &TestApp, n: u32) -> i64 {
    let body = json!({
        "household": {"household_ref": format!("SOK-{n}"), "oblast": "KG-C", "rayon": "KG-C-SOK", "consent": "yes",
                      "benefit_since": "2023-01-01", "benefit_monthly_som": "1500"},
        "members": [
            {"pin": format!("2150319850{n}011"), "full_name": "Токтогулов Азамат", "birth_date": "1985-03-15", "sex": "M", "relation": "head"},
            {"pin": format!("1100520160{n}012"), "full_name": "Токтогулова Айпери", "birth_date": "2016-05-10", "sex": "F", "relation": "child"}
        ]
    });
    let (status, h) = admin.json("POST", "/api/v1/households", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{h}");
    h["id"].as_i64().unwrap()
}

pub async fn targeting_ranks_the_registrys_eligible_households_by_priority_with_their_reasons(admin: TestApp) {
    open_call(&admin).await;
    let (_, programmes) = admin.json("GET", "/api/v1/programmes", None).await;
    let programme = programmes[0]["id"].as_i64().unwrap();
    let small = small_family(&admin, 1).await;
    let large = family_n(&admin, 2).await;
    let mut not_on_benefit = json!({
        "household": {"household_ref": "SOK-9", "oblast": "KG-C", "rayon": "KG-C-SOK", "consent": "yes"},
        "members": [{"pin": "21503198509021", "full_name": "Бакиров Эрлан", "birth_date": "1985-03-15", "sex": "M", "relation": "head"}]
    });
    let (status, _) = admin.json("POST", "/api/v1/households", Some(not_on_benefit.take())).await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, body) = admin.json("GET", &format!("/api/v1/programmes/{programme}/targeting"), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["assessed"].as_u64(), body["eligible"].as_u64()), (Some(3), Some(2)));
    let order: Vec<(i64, i64)> = body["households"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["household_id"].as_i64().unwrap(), h["priority"].as_i64().unwrap()))
        .collect();
    assert_eq!(order, [(large, 60), (small, 0)], "three children and a disabled child come first");
    assert_eq!(body["households"][0]["rank"], 1);
    assert_eq!(body["households"][0]["rayon"], "KG-O-KSU");
    assert_eq!(body["households"][0]["points"][0]["reason"], "priority.three_or_more_children");
    assert_eq!(body["households"][0]["points"][0]["text"], "three or more children");

    let (_, sokuluk) =
        admin.json("GET", &format!("/api/v1/programmes/{programme}/targeting?rayon=KG-C-SOK&limit=1"), None).await;
    assert_eq!((sokuluk["assessed"].as_u64(), sokuluk["eligible"].as_u64()), (Some(2), Some(1)));

    let worker = add_user(&admin.store, "aida", &[(Role::CaseWorker, "rayon:KG-C-SOK")], false).await;
    let worker = TestApp::signed_in(admin.store.clone(), worker).await;
    let (_, hers) = worker.json("GET", &format!("/api/v1/programmes/{programme}/targeting"), None).await;
    assert_eq!(hers["households"].as_array().unwrap().len(), 1, "a case worker ranks her own rayon only: {hers}");
    let analyst = add_user(&admin.store, "bolot", &[(Role::HqAnalyst, "country")], false).await;
    let analyst = TestApp::signed_in(admin.store.clone(), analyst).await;
    let (status, counts) = analyst.json("GET", &format!("/api/v1/programmes/{programme}/targeting"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(counts["eligible"].as_u64(), Some(2), "an analyst counts");
    assert_eq!(counts["households"], json!([]), "but a ranking by disability and children names no family to her");

    let (status, errors) =
        admin.json("GET", &format!("/api/v1/programmes/{programme}/targeting?rayon=KG-X-NOP&limit=20000"), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let named: Vec<(&str, &str)> = errors["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(named, [("limit", "number.at_most_10000"), ("rayon", "rayon.unknown")]);

    // A household registered since is in the next ranking: the held registry follows the data.
    let another = small_family(&admin, 3).await;
    let (_, again) = admin.json("GET", &format!("/api/v1/programmes/{programme}/targeting"), None).await;
    assert_eq!(again["eligible"].as_u64(), Some(3));
    assert_eq!(again["households"][2]["household_id"], another);
}
