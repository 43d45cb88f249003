//! Programme administration in the pages: a programme, a version of its rules, a call.

use axum::http::StatusCode;
use emgek_domain::access::Role;

use crate::helpers::{TestApp, add_user};

/// The rules form as an administrator fills it for 2026: every field, percentages and amounts
/// typed as people type them.
fn rules_form(effective_from: &str, second_share: &str) -> String {
    [
        ("effective_from", effective_from),
        ("budget_som", "1 500 000 000"),
        ("grant_cap_som", "120000"),
        ("tranche_share_0", "60"),
        ("tranche_after_0", "0"),
        ("tranche_share_1", second_share),
        ("tranche_after_1", "4"),
        ("quota_total", "12000"),
        ("quota_oblast_KG-O", "3000"),
        ("quota_rayon_KG-O-KSU", "400"),
        ("require_benefit", "yes"),
        ("require_working_age_adult", "yes"),
        ("working_age_min", "18"),
        ("working_age_max", "63"),
        ("no_active_contract", "yes"),
        ("not_funded_within_years", "5"),
        ("three_or_more_children", "30"),
        ("member_with_disability", "30"),
        ("ovop_product", "20"),
        ("green_project", "10"),
        ("profitable_plan", "10"),
        ("profitable_margin_pct", "20"),
        ("cap_premises", "15"),
        ("cap_livestock", "80,5"),
        ("require_ovop", "yes"),
        ("contract_months", "12"),
        ("follow_up_months", "12"),
        ("benefit_limitation_years", "3"),
        ("window_opens", "2026-02-01"),
        ("window_closes", "2026-11-30"),
        ("criterion_code_0", "viability"),
        ("criterion_max_0", "10"),
        ("criterion_code_1", "market"),
        ("criterion_max_1", "10"),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", v.replace(' ', "+").replace(',', "%2C")))
    .collect::<Vec<_>>()
    .join("&")
}

pub async fn an_administrator_defines_a_programme_its_rules_and_a_call_in_the_pages(admin: TestApp) {
    let (status, location) = admin
        .form_location(
            "/programmes",
            "code=social-contract-2026&name_ky=%D0%A1%D0%BE%D1%86%D0%B8%D0%B0%D0%BB%D0%B4%D1%8B%D0%BA&name_ru=%D0%A1%D0%BE%D1%86&name_en=Social+Contract+2026",
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "a new programme opens on its rules");
    let id: i64 = location.trim_start_matches("/programmes/").trim_end_matches("/rules").parse().expect(&location);
    let (_, page) = admin.page(&format!("/programmes/{id}/rules"), "en").await;
    assert!(page.contains("No rules yet"), "a new programme has no rules");
    assert!(page.contains("value=\"2000000000\""), "the form starts from the reported 2024 practice");

    let (status, html) = admin.form(&format!("/programmes/{id}/rules"), &rules_form("2026-01-01", "30"), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "tranches of 60% and 30% are refused");
    assert!(html.contains("Tranches: the tranches must add up to 100%."), "the summary names the rule");
    assert!(html.contains("value=\"1 500 000 000\""), "what was typed is kept");
    let (status, html) = admin
        .form(
            &format!("/programmes/{id}/rules"),
            &rules_form("2026-01-01", "40").replace("quota_total=12000", "quota_total=many"),
            "ru",
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Всего семей: укажите целое число"), "the field and rule, in Russian: {html}");

    let (status, _) = admin.form(&format!("/programmes/{id}/rules"), &rules_form("2026-01-01", "40"), "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "a whole set of rules is saved");
    let (_, versions) = admin.json("GET", &format!("/api/v1/programmes/{id}/rules"), None).await;
    let v = &versions[0];
    assert_eq!(v["budget"]["minor"], 150_000_000_000i64, "1.5 billion som, in tyiyn: {v}");
    assert_eq!(v["tranches"][1]["share_bp"], 4_000);
    assert_eq!(v["quota_by_rayon"]["KG-O-KSU"], 400);
    assert_eq!(v["spending_caps"].as_array().map(Vec::len), Some(2), "{v}");
    assert_eq!(v["require_ovop"], true);
    assert_eq!(v["eligibility"]["require_training"], false, "an unticked box is a rule switched off");
    assert_eq!(v["criteria"].as_array().map(Vec::len), Some(2));
    let (_, page) = admin.page(&format!("/programmes/{id}/rules"), "en").await;
    assert!(page.contains("in force") && page.contains("value=\"120000\""), "the next version starts from this one");

    let (status, html) = admin.form(&format!("/programmes/{id}/rules"), &rules_form("01.01.2026", "40"), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a version is never rewritten");
    assert!(html.contains("rules from this date exist already"), "{html}");

    let today = time::OffsetDateTime::now_utc().date();
    let (status, html) = admin
        .form(&format!("/programmes/{id}/calls"), &format!("title=2026&opens={today}&closes=2025-01-01"), "en")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("the call closes before it opens") && html.contains("value=\"2025-01-01\""));
    let (status, location) = admin
        .form_location(&format!("/programmes/{id}/calls"), &format!("title=2026&opens={today}&closes={today}"))
        .await;
    assert_eq!((status, location.starts_with("/calls/")), (StatusCode::SEE_OTHER, true), "the call opens on its page");

    let rayon_admin = add_user(&admin.store, "rayon-admin", &[(Role::Administrator, "rayon:KG-O-KSU")], false).await;
    let rayon_admin = TestApp::signed_in(admin.store.clone(), rayon_admin).await;
    let (status, html) =
        rayon_admin.form(&format!("/programmes/{id}/rules"), &rules_form("2026-06-01", "40"), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a rayon's administrator does not set national rules");
    assert!(html.contains("only an administrator for the whole country"), "{html}");
    let (_, page) = rayon_admin.page(&format!("/programmes/{id}/rules"), "en").await;
    assert!(!page.contains("New version of the rules"), "and is not offered the form");
    let worker = add_user(&admin.store, "worker", &[(Role::CaseWorker, "rayon:KG-O-KSU")], false).await;
    let worker = TestApp::signed_in(admin.store.clone(), worker).await;
    let (status, _) = worker.form(&format!("/programmes/{id}/rules"), &rules_form("2026-06-01", "40"), "en").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a case worker may read the rules, not write them");
    let (_, versions) = admin.json("GET", &format!("/api/v1/programmes/{id}/rules"), None).await;
    assert_eq!(versions.as_array().map(Vec::len), Some(1), "nothing was added by the refused tries");
}

pub async fn an_administrator_sets_up_a_district_commission_and_seats_its_members_in_the_pages(admin: TestApp) {
    let call = crate::applications::open_call(&admin).await;
    let page_uri = format!("/calls/{call}/commissions");
    let (status, page) = admin.page(&page_uri, "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("No commission yet."));
    let (status, html) =
        admin.form(&page_uri, "rayon=KG-O-KSU&name=&quorum=0&conflict_rule=same_aiyl_okmotu", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Quorum: a commission needs a quorum of at least 1"), "{html}");
    assert!(html.contains("<option value=\"KG-O-KSU\" selected>"), "the rayon chosen is kept");
    let (status, location) =
        admin.form_location(&page_uri, "rayon=KG-O-KSU&name=&quorum=2&conflict_rule=same_aiyl_okmotu").await;
    assert_eq!((status, location), (StatusCode::SEE_OTHER, format!("{page_uri}?saved=1")));
    let (status, html) = admin.form(&page_uri, "rayon=KG-O-KSU&name=Again&quorum=1&conflict_rule=none", "en").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("this call already has a commission for this rayon"));

    let member = add_user(&admin.store, "nurlan", &[(Role::CommissionMember, "rayon:KG-O-KSU")], false).await;
    let worker = add_user(&admin.store, "talas", &[(Role::CaseWorker, "rayon:KG-T-BAK")], false).await;
    let (_, page) = admin.page(&page_uri, "en").await;
    assert!(page.contains("Kara-Suu District · Кара-Суу району"), "named after its rayon");
    assert!(page.contains("nurlan") && !page.contains("(talas)"), "only users who may review the rayon are offered");
    let commission = admin.store.commission_for(call, "KG-O-KSU").await.unwrap().unwrap().0.commission_id;
    let members_uri = format!("/commissions/{commission}/members");
    let (status, location) = admin.form_location(&members_uri, &format!("user_id={member}&aiyl_okmotu=Mady")).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let (status, html) = admin.form(&members_uri, &format!("user_id={worker}&aiyl_okmotu="), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("this user may not review applications of the commission"), "{html}");
    let (status, html) = admin.form(&members_uri, &format!("user_id={member}&aiyl_okmotu=Mady"), "en").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(html.contains("this user is a member already"));
    let (_, members) = admin.store.commission_for(call, "KG-O-KSU").await.unwrap().unwrap();
    assert_eq!(members.len(), 1, "one member, seated once, with her aiyl okmotu");
    assert_eq!(members[0].aiyl_okmotu, "Mady");

    let chui = add_user(&admin.store, "chui-admin", &[(Role::Administrator, "oblast:KG-C")], false).await;
    let chui = TestApp::signed_in(admin.store.clone(), chui).await;
    let (status, html) = chui.form(&page_uri, "rayon=KG-O-KSU&name=&quorum=1&conflict_rule=none", "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "Chüy's administrator does not set up Osh's commissions");
    assert!(html.contains("this place is outside the places you work in"));
    let (_, page) = chui.page(&page_uri, "en").await;
    assert!(!page.contains("Kara-Suu District ·"), "nor sees them");
}
