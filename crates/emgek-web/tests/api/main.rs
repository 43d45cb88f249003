//! The web application through HTTP, on SQLite and on PostgreSQL: the JSON API and the pages.

mod access;
mod applications;
mod contracts;
mod enterprise_plans;
mod enterprise_trade;
mod enterprises;
mod grievances;
mod helpers;
mod indicators;
mod leak_probe;
mod ovop;
mod pages_journey;
mod plan_pages;
mod programmes;
mod security;
mod targeting;

use access::*;
use applications::*;
use contracts::*;
use enterprise_plans::*;
use enterprise_trade::*;
use enterprises::*;
use grievances::*;
use indicators::*;
use leak_probe::*;
use ovop::*;
use pages_journey::*;
use plan_pages::*;
use programmes::*;
use security::*;
use targeting::*;

use axum::http::StatusCode;
use helpers::{TestApp, finished_job};
use serde_json::{Value, json};

fn new_household(reference: &str, pin: &str) -> Value {
    json!({
        "household": {
            "household_ref": reference, "oblast": "KG-N", "rayon": "KG-N-ATB",
            "aiyl_okmotu": "Ат-Башы", "village": "Ак-Муз", "phone": "0555 12 34 56", "consent": "yes",
            "benefit_since": "2024-02-01", "benefit_monthly_som": "1200"
        },
        "members": [
            {"pin": pin, "full_name": "Асанов Айбек Бакыт уулу", "birth_date": "1985-03-15", "sex": "M", "relation": "head"},
            {"pin": "11005201512345", "full_name": "Асанова Жылдыз", "birth_date": "2015-05-10", "sex": "F", "relation": "child", "disability": "child"}
        ]
    })
}

async fn a_household_registered_through_the_api_reads_back_with_its_facts(app: TestApp) {
    let (status, body) = app.json("POST", "/api/v1/households", Some(new_household("HH-1", "21503198512345"))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_i64().unwrap();
    let (status, body) = app.json("GET", &format!("/api/v1/households/{id}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["phone"], "+996555123456", "the phone is kept in one form");
    assert_eq!(body["benefit_monthly_som"], "1200.00");
    assert_eq!(body["members"].as_array().unwrap().len(), 2);
    assert_eq!(body["facts"], json!({"size": 2, "children_under_18": 1, "members_with_disability": 1}));
}

async fn bad_input_is_refused_naming_every_field_and_rule_and_nothing_is_saved(app: TestApp) {
    let mut body = new_household("HH-1", "2150319851234");
    body["household"]["rayon"] = json!("KG-C-SOK");
    body["members"][1]["birth_date"] = json!("2015-02-30");
    let (status, errors) = app.json("POST", "/api/v1/households", Some(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let found: Vec<(String, String)> = errors["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["rule"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("rayon".into(), "rayon.oblast_mismatch".into()),
            ("members[0].pin".into(), "pin.length".into()),
            ("members[1].birth_date".into(), "date.invalid".into())
        ]
    );
    assert!(errors["errors"][1]["detail"].as_str().unwrap().contains("14 digits"));
    let (_, list) = app.json("GET", "/api/v1/households", None).await;
    assert_eq!(list["total"], 0);
}

async fn errors_speak_the_language_the_client_asks_for(app: TestApp) {
    let mut body = new_household("HH-1", "21503198512345");
    body["household"]["phone"] = json!("12");
    let (status, errors) = app.json_lang("POST", "/api/v1/households", Some(body), "ky").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(errors["errors"][0]["detail"], "Телефон: +996 жана тогуз сан жазыңыз (берилген: 12).");
}

async fn a_pin_registered_twice_is_a_conflict_with_a_sentence(app: TestApp) {
    app.json("POST", "/api/v1/households", Some(new_household("HH-1", "21503198512345"))).await;
    let mut second = new_household("HH-2", "21503198512345");
    second["members"].as_array_mut().unwrap().truncate(1);
    let (status, body) = app.json("POST", "/api/v1/households", Some(second)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["errors"][0]["rule"], "pin.taken");
    assert_eq!(body["errors"][0]["detail"], "PIN: a person with this PIN is already registered.");
}

async fn an_edit_through_the_api_is_in_the_household_history(app: TestApp) {
    let (_, created) = app.json("POST", "/api/v1/households", Some(new_household("HH-1", "21503198512345"))).await;
    let id = created["id"].as_i64().unwrap();
    let mut household = new_household("HH-1", "x")["household"].clone();
    household["village"] = json!("Жаңы-Жер");
    let (status, _) = app.json("PUT", &format!("/api/v1/households/{id}"), Some(household)).await;
    assert_eq!(status, StatusCode::OK);
    let member = created["members"][0]["id"].as_i64().unwrap();
    let fixed = json!({"pin": "21503198512345", "full_name": "Асанов Айбек Бакыт уулу", "full_name_latin": "Asanov Aibek",
        "birth_date": "1985-03-15", "sex": "M", "relation": "head"});
    let (status, _) = app.json("PUT", &format!("/api/v1/members/{member}"), Some(fixed)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, history) = app.json("GET", &format!("/api/v1/households/{id}/history"), None).await;
    let what: Vec<&str> = history.as_array().unwrap().iter().map(|c| c["what"].as_str().unwrap()).collect();
    assert_eq!(what, ["member.update", "household.update", "household.create"]);
    assert_eq!(history[1]["before"]["village"], "Ак-Муз");
    assert_eq!(history[1]["after"]["village"], "Жаңы-Жер");
    assert_eq!(history[1]["source"], "api");
}

async fn the_list_finds_a_cyrillic_name_typed_in_latin_letters(app: TestApp) {
    app.json("POST", "/api/v1/households", Some(new_household("HH-1", "21503198512345"))).await;
    let (_, found) = app.json("GET", "/api/v1/households?q=Asanov&rayon=KG-N-ATB", None).await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["head_name"], "Асанов Айбек Бакыт уулу");
    let (_, none) = app.json("GET", "/api/v1/households?q=Asanov&oblast=KG-C", None).await;
    assert_eq!(none["total"], 0);
}

async fn an_unknown_household_is_a_404_in_the_one_error_shape(app: TestApp) {
    let (status, body) = app.json("GET", "/api/v1/households/999", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["errors"][0]["code"], "not_found");
    let (status, _) = app.page("/households/999", "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn the_filtered_list_exports_as_csv_in_the_import_columns(app: TestApp) {
    app.json("POST", "/api/v1/households", Some(new_household("HH-1", "21503198512345"))).await;
    let (status, csv) = app.page("/api/v1/households/export?format=csv&rayon=KG-N-ATB", "en").await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("household_ref,oblast,rayon,"));
    assert!(lines[1].contains("21503198512345"));
    let (status, _) = app.page("/api/v1/households/export?format=pdf", "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

async fn an_import_through_the_api_reports_each_rejected_row(app: TestApp) {
    let csv = "household_ref,oblast,rayon,consent,pin,full_name,birth_date,sex,relation\n\
        HH-9,KG-T,KG-T-TAL,yes,21503198512345,Асанов Айбек,1985-03-15,M,head\n\
        HH-9,KG-T,KG-T-TAL,yes,1150319851234,Асанова Айгүл,1985-03-15,F,spouse\n";
    let (status, report) = app.raw("POST", "/api/v1/imports/households", "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!((report["rows_read"].as_u64(), report["rows_rejected"].as_u64()), (Some(2), Some(1)));
    assert_eq!(report["rejects"][0]["row"], 3);
    assert_eq!(report["rejects"][0]["rule"], "pin.length");
    assert_eq!(report["committed"], true);
    let (status, report) =
        app.raw("POST", "/api/v1/imports/households?all_or_nothing=true", "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(report["committed"], false);
}

async fn a_russian_excel_csv_in_windows_1251_with_a_title_row_imports_through_the_api(app: TestApp) {
    let text = "Список получателей, Таласский район, 2024;;;;;;;;\r\n\
        ;;;;;;;;\r\n\
        № семьи;Область;Район;ФИО;Пол;Дата рождения;ПИН;Родство;Согласие\r\n\
        TAL-1;Таласская область;Таласский район;Асанов Айбек;М;15.03.1985;2 1503 1985 12345;Глава семьи;да\r\n\
        TAL-1;Таласская область;Таласский район;Асанова Айгуль;Ж;20/07/1990;1,15032E+13;Супруга;да\r\n";
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!lossy);
    let (status, report) = app.raw("POST", "/api/v1/imports/households", "text/csv", bytes.into_owned()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!((report["encoding"].as_str(), report["delimiter"].as_str()), (Some("windows-1251"), Some(";")));
    assert_eq!(report["header_row"], 3);
    assert_eq!((report["rows_read"].as_u64(), report["rows_rejected"].as_u64()), (Some(2), Some(1)), "{report}");
    assert_eq!(
        (report["rejects"][0]["row"].as_u64(), report["rejects"][0]["rule"].as_str()),
        (Some(5), Some("pin.scientific"))
    );
    let (_, list) = app.json("GET", "/api/v1/households?q=TAL-1", None).await;
    let id = list["items"][0]["id"].as_i64().expect("the household is in");
    let (_, household) = app.json("GET", &format!("/api/v1/households/{id}"), None).await;
    assert_eq!((household["oblast"].as_str(), household["rayon"].as_str()), (Some("KG-T"), Some("KG-T-TAL")));
    assert_eq!(household["members"][0]["pin"], "21503198512345", "{household}");
}

async fn the_import_page_says_how_it_read_a_russian_excel_file(app: TestApp) {
    let text = "Список получателей;;;;;;;;\r\n\
        № семьи;Область;Район;ФИО;Пол;Дата рождения;ПИН;Родство;Согласие\r\n\
        TAL-2;Таласская область;Таласский район;Асанов Айбек;М;15.03.1985;2 1503 1985 12345;Глава семьи;да\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let (status, location) = app.upload("/import", "file", "список.csv", &bytes).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
    let mut html = String::new();
    for _ in 0..100 {
        html = app.page(&location, "en").await.1;
        if !html.contains("refresh") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(html.contains("windows-1251, semicolon-separated, header on row 2"), "{html}");
    assert!(html.contains("Households created</dt><dd>1</dd>"), "{html}");
}

/// Waits for an import job's page to stop refreshing and answers it.
async fn an_offices_own_headings_are_mapped_once_on_the_page_and_its_next_file_imports_by_itself(app: TestApp) {
    let file = |reference: &str, pin: &str| {
        format!(
            "Тизме\nКод;Облус;Аймак;Адам;Ж;Туулду;Жеке;Ким;Макул;Эскертүү\n\
             {reference};Талас облусу;Талас району;Асанова Гульнара;Ж;15.03.1985;{pin};башчысы;ооба;жаңы\n"
        )
    };
    let (status, location) =
        app.upload("/import", "file", "тизме.csv", file("TAL-8", "11503198500123").as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/import/map/"), "unknown headings go to the mapping step: {location}");
    let (status, html) = app.page(&location, "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(">Код</label>") && html.contains("Required columns still without a heading"), "{html}");
    // Columns by their index in the header: Код, Облус (known), Аймак, Адам, Ж, Туулду, Жеке, Ким, Макул, Эскертүү.
    let mapping = "column_0=household_ref&column_1=oblast&column_2=rayon&column_3=full_name&column_4=sex\
        &column_5=birth_date&column_6=pin&column_7=relation&column_8=consent&column_9=";
    let (status, html) = app.form(&location, &format!("{mapping}&name=&action=check"), "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Row 3: ready"), "{html}");
    let (status, html) = app.form(&location, &format!("{mapping}&name=&action=import"), "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a mapping needs a name");
    assert!(html.contains("1 to 60 characters"), "{html}");
    let (status, job) = app.form_location(&location, &format!("{mapping}&name=Talas+list&action=import")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(finished_job(&app, &job).await.contains("Households created</dt><dd>1</dd>"));
    let (status, again) =
        app.upload("/import", "file", "тизме-2.csv", file("TAL-9", "21503198500124").as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(again.starts_with("/import/jobs/"), "the saved profile reads the next file: {again}");
    assert!(finished_job(&app, &again).await.contains("Households created</dt><dd>1</dd>"));
    // Another importer on the same server: the waiting files are not hers.
    let (status, unknown) = app.upload("/import", "file", "тизме-3.csv", "A;B;C\n1;2;3\n".as_bytes()).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{unknown}");
    let id =
        helpers::add_user(&app.store, "bolot", &[(emgek_domain::access::Role::Administrator, "country")], false).await;
    let bolot = TestApp { router: app.router.clone(), ..TestApp::signed_in(app.store.clone(), id).await };
    assert_eq!(bolot.page(&unknown, "en").await.0, StatusCode::NOT_FOUND, "another user's upload is not hers");
    assert_eq!(app.page(&unknown, "en").await.0, StatusCode::OK);
}

async fn the_openapi_document_describes_every_api_route(app: TestApp) {
    let (status, doc) = app.json("GET", "/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    for path in [
        "/api/v1/households",
        "/api/v1/households/{id}",
        "/api/v1/households/{id}/history",
        "/api/v1/households/{id}/members",
        "/api/v1/members/{id}",
        "/api/v1/households/export",
        "/api/v1/imports/households",
        "/api/v1/oblasts",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is not documented");
    }
    let (status, html) = app.page("/api/docs/", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("https://"), "the docs page loads nothing from elsewhere");
}

async fn the_kyrgyz_list_page_has_no_english_words_of_the_interface(app: TestApp) {
    app.json("POST", "/api/v1/households", Some(new_household("HH-1", "21503198512345"))).await;
    let (status, html) = app.page("/households", "ky").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"ky\">"));
    assert!(html.contains("Үй чарбалар"));
    for english in ["Households", "Search", "Need-based benefit", "Children under 18", "Head of household"] {
        assert!(!html.contains(english), "English '{english}' on the Kyrgyz page");
    }
}

async fn the_edit_form_names_the_broken_rule_beside_the_field_and_keeps_the_input(app: TestApp) {
    let (_, created) = app.json("POST", "/api/v1/households", Some(new_household("HH-1", "21503198512345"))).await;
    let id = created["id"].as_i64().unwrap();
    let form = "household_ref=HH-1&oblast=KG-N&rayon=KG-N-ATB&aiyl_okmotu=&village=Ak-Muz&phone=12345&benefit_since=&benefit_monthly_som=&consent=yes";
    let (status, html) = app.form(&format!("/households/{id}/edit"), form, "en").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("id=\"phone-error\""), "{html}");
    assert!(html.contains("write +996 and nine digits (given: 12345)"));
    assert!(html.contains("value=\"Ak-Muz\""), "what was typed is kept");
    let fixed = form.replace("phone=12345", "phone=%2B996555123456");
    let (status, _) = app.form(&format!("/households/{id}/edit"), &fixed, "en").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.page(&format!("/households/{id}"), "en").await;
    assert!(page.contains("+996555123456") && page.contains("Household changed"));
}

async fn a_household_registered_in_the_form_opens_on_its_page(app: TestApp) {
    let form = "household_ref=HH-7&oblast=KG-T&rayon=KG-T-TAL&consent=yes&pin=21503198512345\
        &full_name=%D0%90%D1%81%D0%B0%D0%BD%D0%BE%D0%B2&birth_date=1985-03-15&sex=M&relation=head&disability=none";
    let (status, location) = app.form_location("/households", form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/households/") && location.ends_with("?saved=1"), "{location}");
    let (status, html) = app.form("/households", form, "ru").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the same household twice");
    assert!(html.contains("у другого домохозяйства уже есть такой номер"), "{html}");
}

async fn the_language_switch_remembers_the_choice_and_returns(app: TestApp) {
    let (status, headers) = app.head("/lang/ru?next=/households%3Fpage%3D2").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get("location").unwrap(), "/households?page=2");
    assert!(headers.get("set-cookie").unwrap().to_str().unwrap().starts_with("emgek_lang=ru;"));
    let (_, headers) = app.head("/lang/ky?next=//evil.example").await;
    assert_eq!(headers.get("location").unwrap(), "/", "no redirect to another site");
}

macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $scenario() { super::$scenario(super::TestApp::new("sqlite").await).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $scenario() { super::$scenario(super::TestApp::new("postgres").await).await })*
        }
    };
}

on_both_backends!(
    a_household_registered_through_the_api_reads_back_with_its_facts,
    a_grievance_is_registered_answered_and_read_back_by_whom_may_read_it,
    a_complaint_of_abuse_reaches_only_the_integrity_officers_of_its_place,
    a_case_worker_registers_and_answers_a_grievance_in_the_pages,
    bad_input_is_refused_naming_every_field_and_rule_and_nothing_is_saved,
    errors_speak_the_language_the_client_asks_for,
    a_pin_registered_twice_is_a_conflict_with_a_sentence,
    an_edit_through_the_api_is_in_the_household_history,
    the_list_finds_a_cyrillic_name_typed_in_latin_letters,
    an_unknown_household_is_a_404_in_the_one_error_shape,
    the_filtered_list_exports_as_csv_in_the_import_columns,
    an_import_through_the_api_reports_each_rejected_row,
    a_russian_excel_csv_in_windows_1251_with_a_title_row_imports_through_the_api,
    the_import_page_says_how_it_read_a_russian_excel_file,
    an_offices_own_headings_are_mapped_once_on_the_page_and_its_next_file_imports_by_itself,
    the_openapi_document_describes_every_api_route,
    the_kyrgyz_list_page_has_no_english_words_of_the_interface,
    the_edit_form_names_the_broken_rule_beside_the_field_and_keeps_the_input,
    a_household_registered_in_the_form_opens_on_its_page,
    the_language_switch_remembers_the_choice_and_returns,
    an_anonymous_caller_is_sent_to_sign_in_or_answered_401,
    signing_in_opens_a_session_and_a_wrong_password_does_not,
    five_wrong_passwords_lock_the_account_even_against_the_right_one,
    a_form_without_its_csrf_token_or_from_another_site_is_refused,
    an_idle_or_expired_session_ends,
    a_revoked_token_is_refused,
    a_token_created_in_the_page_carries_its_owners_permissions,
    a_case_worker_sees_and_edits_only_her_rayon,
    read_only_roles_see_personal_data_masked_everywhere,
    every_route_allows_exactly_the_roles_the_table_names,
    a_new_installation_asks_for_its_first_administrator,
    an_initial_password_must_be_changed_before_anything_else,
    logins_views_and_writes_are_in_an_intact_audit_trail,
    a_session_cookie_replayed_after_sign_out_opens_nothing,
    pages_naming_families_are_never_cached_or_framed,
    a_case_worker_submits_an_application_and_its_assessment_is_frozen,
    a_plan_over_the_caps_cannot_be_submitted_and_says_why,
    a_commission_returns_an_application_and_the_family_revises_it,
    applications_outside_ones_places_do_not_exist,
    a_commission_reviews_decides_and_allocation_funds_within_the_budget,
    targeting_ranks_the_registrys_eligible_households_by_priority_with_their_reasons,
    a_contract_is_signed_paid_once_per_request_terminated_and_refunded,
    a_completed_contract_graduates_the_family_off_the_benefit,
    the_demonstration_programme_has_applications_in_every_state,
    a_case_worker_and_a_commission_take_an_application_through_the_pages,
    an_administrator_defines_a_programme_its_rules_and_a_call_in_the_pages,
    an_administrator_sets_up_a_district_commission_and_seats_its_members_in_the_pages,
    headquarters_sets_up_a_facility_and_bad_values_are_named_by_field,
    a_workshop_manager_runs_a_month_and_closes_its_payroll_once,
    inmates_records_stay_with_their_facility_and_the_roles_that_need_them,
    a_workshop_manager_runs_a_month_in_the_pages,
    the_demonstration_prison_enterprises_reproduce_the_articles_figures,
    a_workshops_money_adds_up_to_a_profit_shared_by_the_rules_in_force,
    a_facility_trains_certifies_releases_and_follows_up_its_inmates,
    a_customers_order_is_delivered_invoiced_and_paid_once,
    the_expert_group_reviews_a_plan_and_purchases_stay_within_its_approved_budget,
    the_demonstration_has_three_approved_plans_worth_231_000_dollars,
    a_manager_and_the_expert_group_take_a_plan_to_its_purchases_in_the_pages,
    official_rates_are_set_once_a_day_and_imported_line_by_line,
    the_programmes_files_import_through_the_api_each_kind_by_whom_may_write_it,
    an_ovop_officer_imports_her_products_on_their_page_in_her_language,
    an_offices_headings_for_a_kind_of_records_are_mapped_once_and_read_again_by_page_and_api,
    a_brand_committee_certifies_a_product_and_its_exports_are_valued_at_the_rates_of_their_day,
    a_brand_committee_certifies_in_the_pages_and_a_buyer_finds_the_product_in_each_language,
    the_demonstration_reproduces_the_articles_280_products_and_167_export_contracts,
    rates_are_pasted_in_the_page_and_an_officer_says_where_a_product_is_sold,
    every_figure_comes_from_the_records_and_each_reader_sees_her_own,
    an_analyst_opens_each_dashboard_drills_to_the_records_and_takes_the_reports,
    the_earlier_years_reproduce_the_articles_people_and_children_from_records,
    after_a_write_the_figures_in_use_are_served_until_the_new_ones_are_counted,
    a_rayon_administrator_acts_only_on_users_of_her_rayon_and_gives_no_wider_grant,
    national_money_operations_answer_only_national_administrators_and_change_state_only_by_post,
    a_commissions_decision_follows_the_majority_of_its_reviews,
    a_reader_who_may_not_see_pins_finds_nothing_by_their_digits_nor_filters_by_disability,
    the_audit_trail_masks_pins_and_disability_and_shows_a_scoped_administrator_her_places_only,
    cells_a_spreadsheet_would_run_are_exported_as_text_and_import_back_unchanged,
    a_workbook_with_a_cell_at_the_last_address_of_a_sheet_is_read_in_bounded_memory,
    an_address_no_route_serves_is_not_found_in_the_readers_language,
    a_failure_a_handler_passes_up_is_told_in_the_readers_language_with_her_menu,
    a_next_address_never_leads_to_another_site,
    a_month_far_in_the_future_is_refused_not_a_crash,
    a_token_dies_with_a_password_reset_obeys_a_forced_change_and_cannot_reach_the_account,
    sign_in_attempts_can_not_grow_the_audit_trail_without_bound,
    a_sign_in_lock_grows_with_each_failure_after_it_and_an_administrator_opens_it,
    api_bodies_out_of_bounds_are_refused_by_field_on_both_databases,
    an_applications_frozen_facts_reach_only_readers_of_the_familys_personal_data,
    figures_by_disability_leave_small_counts_out_for_readers_who_may_not_see_personal_data,
    an_importer_sees_only_the_imports_of_her_places,
    concurrent_deliveries_invoices_and_payments_never_go_beyond_the_order,
    a_sign_in_form_posted_from_elsewhere_opens_no_session,
    no_canary_of_personal_data_reaches_a_role_or_a_place_that_may_not_see_it,
    page_forms_refuse_control_characters_and_overlong_values_on_both_databases,
    an_anonymous_complaint_through_the_public_page_is_numbered_told_and_reaches_only_its_officers,
    the_sms_gateway_is_heard_only_with_its_key_and_settles_the_try_it_names,
    a_rejected_family_appeals_at_the_rayon_office_and_other_members_set_the_rejection_aside,
    a_family_appeals_its_contracts_termination_nothing_is_recovered_meanwhile_and_the_claim_is_set_aside,
    a_case_worker_finds_the_complainant_by_pin_or_name_and_the_form_starts_with_her_household,
    an_inmate_contests_a_deduction_in_her_facility_and_the_prison_service_upholds_it,
    a_family_written_to_in_russian_hears_that_its_contract_is_ready_in_russian,
    a_grievance_that_shows_a_record_is_wrong_opens_its_correction_named_in_the_records_history,
    a_national_programmes_administrator_writes_a_notice_text_and_the_next_notice_uses_it,
);
