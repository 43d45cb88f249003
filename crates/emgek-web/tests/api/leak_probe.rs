//! The leak probe: canary values of personal data — two families' PINs and disability groups in
//! two rayons, two inmates' names and register numbers in two prison facilities, a
//! complainant's name, contact and words and a complaint of abuse — and every
//! readable route of the route table, read by every role in the country, a rayon and a
//! facility. No canary may reach a role or a place that may not see it: a page, an API answer,
//! an export (CSV, or XLSX read back), a report, the audit trail or the dashboards' records.
//!
//! The routes come from `auth::routes::ROUTES`: a new route is probed without anyone writing a
//! test for it. Contract PDFs are left out (their text is compressed).

use std::io::Cursor;

use axum::http::StatusCode;
use calamine::{Data, Reader};
use emgek_domain::access::{Access, Grant, Permission, Role, Scope};
use emgek_web::auth::routes::{GET, ROUTES};
use serde_json::json;

use crate::applications::{open_call, submitted_application, trained};
use crate::helpers::{TestApp, add_user};

/// A family's canaries and where it lives: its head's PIN and disability group (a different
/// group in each family, so that a leak names its family).
struct Family {
    pin: &'static str,
    disability: &'static str,
    /// The group as an English page writes it.
    label: &'static str,
    oblast: &'static str,
    rayon: &'static str,
}

const FAMILIES: [Family; 2] = [
    Family { pin: "21503198577701", disability: "III", label: "Group III", oblast: "KG-C", rayon: "KG-C-SOK" },
    Family { pin: "21503198577702", disability: "I", label: "Group I", oblast: "KG-B", rayon: "KG-B-BAT" },
];

/// An inmate's canaries and her facility.
struct Inmate {
    register: &'static str,
    name: &'static str,
    facility: &'static str,
}

const INMATES: [Inmate; 2] = [
    Inmate { register: "CAN-0001", name: "Канарейкина Айгерим", facility: "stepnoe" },
    Inmate { register: "CAN-0002", name: "Канарейкина Бермет", facility: "novo" },
];

/// A grievance's canaries: who complains and in what words, seen only by those who handle
/// grievances where it is answered (a sensitive one: only by its integrity officers).
struct Complaint {
    category: &'static str,
    name: &'static str,
    contact: &'static str,
    words: &'static str,
    sensitive: bool,
    oblast: &'static str,
    rayon: &'static str,
}

const COMPLAINTS: [Complaint; 2] = [
    Complaint {
        category: "payment.late",
        name: "Канарейкина Арызчы",
        contact: "+996 555 770 001",
        words: "Канарейка транш келген жок",
        sensitive: false,
        oblast: "KG-C",
        rayon: "KG-C-SOK",
    },
    Complaint {
        category: "integrity.abuse",
        name: "",
        contact: "",
        words: "Канарейка комиссия акча сурады",
        sensitive: true,
        oblast: "KG-C",
        rayon: "KG-C-SOK",
    },
];

async fn seed(admin: &TestApp) {
    for c in &COMPLAINTS {
        let body = json!({"channel": "hotline", "category": c.category, "rayon": c.rayon, "anonymous": c.name.is_empty(),
                          "name": c.name, "contact": c.contact, "summary": c.words});
        let (status, opened) = admin.json("POST", "/api/v1/grievances", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{opened}");
    }
    for (n, f) in FAMILIES.iter().enumerate() {
        let household = json!({
            "household": {"household_ref": format!("CANARY-{n}"), "oblast": f.oblast, "rayon": f.rayon, "consent": "yes",
                          "benefit_since": "2024-01-01", "benefit_monthly_som": "1200"},
            "members": [{"pin": f.pin, "full_name": "Канарейкин Азамат", "birth_date": "1977-01-15", "sex": "M",
                         "relation": "head", "disability": f.disability}]
        });
        let (status, created) = admin.json("POST", "/api/v1/households", Some(household)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let member = created["members"][0]["id"].as_i64().unwrap();
        // A change, so that the audit trail and the history hold the canaries before and after.
        let fixed = json!({"pin": f.pin, "full_name": "Канарейкин Азамат Бекович", "birth_date": "1977-01-15",
                           "sex": "M", "relation": "head", "disability": f.disability});
        assert_eq!(admin.json("PUT", &format!("/api/v1/members/{member}"), Some(fixed)).await.0, StatusCode::OK);
    }
    // Sokuluk's family applies: its frozen facts hold the disability group.
    let call = open_call(admin).await;
    submitted_application(admin, call, trained(admin, call, 1).await).await;

    let (_, workshop, _) = crate::enterprises::stepnoe(admin).await;
    let novo = json!({"code": "novo", "name": "Colony, Novo-Pokrovka", "kind": "colony", "rayon": "KG-Y-YSY",
                      "locality": "Novo-Pokrovka", "capacity": 900});
    let (status, f) = admin.json("POST", "/api/v1/facilities", Some(novo)).await;
    assert_eq!(status, StatusCode::CREATED, "{f}");
    let ids = [(1, Some(workshop)), (f["id"].as_i64().unwrap(), None)];
    for (inmate, (facility, workshop)) in INMATES.iter().zip(ids) {
        let mut body = json!({"register_number": inmate.register, "full_name": inmate.name, "sex": "F"});
        if let Some(w) = workshop {
            body["workshop_id"] = json!(w);
            body["starts"] = json!("2026-01-15");
        }
        let (status, i) = admin.json("POST", &format!("/api/v1/facilities/{facility}/inmates"), Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{i}");
    }
    // Stepnoe's inmate contests a deduction from her pay: grievance 3, her facility's only.
    let upkeep = json!({"kind": "upkeep", "rate_bp": 2000});
    assert_eq!(admin.json("POST", "/api/v1/inmates/1/deductions", Some(upkeep)).await.0, StatusCode::CREATED);
    let contest = json!({"channel": "letter", "category": "prison.deduction", "name": INMATES[0].name,
                         "about": "deduction", "about_ref": "1",
                         "summary": format!("{}: кармоо эки жолу алынды", INMATES[0].register)});
    let (status, opened) = admin.json("POST", "/api/v1/grievances", Some(contest)).await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    assert_eq!(opened["id"], 3);
}

/// Every address a reader can open: the table's GET routes with their parameters filled in
/// (each `{id}` with the first few ids, which in this small database name every record), and
/// the lists, exports and records with the filters that pick the canaries.
fn addresses() -> Vec<String> {
    let mut out = Vec::new();
    for (method, path, _) in ROUTES {
        if *method != GET || path.contains("{*rest}") || path.starts_with("/lang/") || path.ends_with(".pdf") {
            continue;
        }
        let fills: Vec<String> = if path.contains("{id}") {
            (1..=3).map(|id| path.replace("{id}", &id.to_string())).collect()
        } else {
            vec![path.to_string()]
        };
        for p in fills {
            let views = ["all", "social-contract", "ovop", "prison"];
            if p.contains("{view}") {
                out.extend(views.iter().map(|v| p.replace("{view}", v)));
            } else if p.contains("{kind}/{format}") {
                for kind in ["quarterly", "donor"] {
                    out.extend(["csv", "xlsx"].iter().map(|f| p.replace("{kind}", kind).replace("{format}", f)));
                }
            } else if p.contains("{kind}") {
                out.extend(["quarterly", "donor"].iter().map(|k| p.replace("{kind}", k)));
            } else {
                out.push(p.replace("{code}", "families-with-contracts"));
            }
        }
    }
    out.extend(
        [
            "/households?q=2150319857770",
            "/api/v1/households?q=21503198577701",
            "/api/v1/households/export?format=csv",
            "/api/v1/households/export?format=xlsx",
            "/households/export.csv?disability=yes",
            "/dashboards/records?indicator=families-with-contracts&disability=yes",
            "/dashboards/records?indicator=families-with-contracts&format=csv",
            "/api/v1/indicators/families-with-contracts/figures?by=disability",
            "/api/v1/calls/1/applications",
            "/audit?action=member.",
        ]
        .map(String::from),
    );
    out
}

/// A response body as text: a spreadsheet read back cell by cell.
fn text_of(content_type: &str, body: &[u8]) -> String {
    if !content_type.contains("spreadsheetml") {
        return String::from_utf8_lossy(body).into_owned();
    }
    let mut book = calamine::Xlsx::new(Cursor::new(body.to_vec())).expect("an XLSX answer reads back");
    let mut text = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for cell in range.used_cells() {
            if let Data::String(s) = cell.2 {
                text.push_str(s);
            } else {
                text.push_str(&cell.2.to_string());
            }
            text.push('\t');
        }
    }
    text
}

/// Whether `text` shows the family's disability group: as a value (`"disability": "III"` in
/// JSON, escaped HTML or CSV) or as a page writes it in a cell, not among a form's choices.
fn shows_disability(text: &str, f: &Family) -> bool {
    let plain = text.replace("&quot;", "\"").replace("&#34;", "\"").replace(['"', ' ', '\\'], "");
    let key = format!("disability:{}", f.disability);
    let as_value = plain.match_indices(&key).any(|(at, _)| !plain[at + key.len()..].starts_with('I'));
    let cell = format!(">{}<", f.label);
    let as_cell = text.match_indices(&cell).any(|(at, _)| {
        let before = &text[text[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i)..at];
        !before.contains("<option")
    });
    as_value || as_cell
}

/// What of the canaries `text` holds that the reader may not see.
fn leaks(access: &Access, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let sensitive = access.areas(Permission::ViewSensitive);
    for f in &FAMILIES {
        if sensitive.contains(f.oblast, f.rayon) {
            continue;
        }
        if text.contains(f.pin) {
            found.push(format!("PIN {}", f.pin));
        }
        if shows_disability(text, f) {
            found.push(format!("disability group {} of {}", f.disability, f.rayon));
        }
    }
    for c in &COMPLAINTS {
        let handles = if c.sensitive { Permission::HandleSensitiveGrievances } else { Permission::HandleGrievances };
        let seen =
            text.contains(c.words) || (!c.name.is_empty() && (text.contains(c.name) || text.contains(c.contact)));
        if seen && !access.areas(handles).contains(c.oblast, c.rayon) {
            found.push(format!("the words or name of a complaint ({}) of {}", c.category, c.rayon));
        }
    }
    let inmates = access.facilities(Permission::ReadInmates);
    for i in &INMATES {
        if !inmates.contains(i.facility) && (text.contains(i.name) || text.contains(i.register)) {
            found.push(format!("inmate {}", i.register));
        }
    }
    found
}

pub async fn no_canary_of_personal_data_reaches_a_role_or_a_place_that_may_not_see_it(admin: TestApp) {
    seed(&admin).await;
    let addresses = addresses();
    assert!(addresses.len() > 150, "the probe reads every route: {}", addresses.len());
    let mut readers = Vec::new();
    for role in Role::ALL {
        for scope in ["country", "rayon:KG-C-SOK", "facility:stepnoe"] {
            let name = format!("probe-{}-{}", role.code(), scope.replace([':', '_'], "-")).to_lowercase();
            let id = add_user(&admin.store, &name, &[(*role, scope)], false).await;
            let access = Access::new(vec![Grant { role: *role, scope: Scope::parse(scope).unwrap() }]);
            readers.push((name, access, TestApp::signed_in(admin.store.clone(), id).await));
        }
    }
    let mut found = Vec::new();
    let mut read = 0;
    for (name, access, app) in &readers {
        for uri in &addresses {
            let (status, headers, body) = app.download(uri, "en").await;
            assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{name} {uri}: 500");
            let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
            if status.is_success() {
                read += 1;
            }
            for leak in leaks(access, &text_of(content_type, &body)) {
                found.push(format!("{name} read {leak} at {uri} ({status})"));
            }
        }
    }
    assert!(found.is_empty(), "{} leaks:\n{}", found.len(), found.join("\n"));
    assert!(read > 1_000, "the readers read what their roles allow: {read} answers");
    // The probe sees what it looks for: the national administrator reads every canary.
    let (_, _, all) = admin.download("/api/v1/households/export?format=csv", "en").await;
    let all = String::from_utf8(all).unwrap();
    assert!(FAMILIES.iter().all(|f| all.contains(f.pin)), "{all}");
    let (_, _, complaint) = admin.download("/api/v1/grievances/1", "en").await;
    let complaint = String::from_utf8_lossy(&complaint).into_owned();
    assert!(complaint.contains(COMPLAINTS[0].words) && complaint.contains(COMPLAINTS[0].name), "{complaint}");
    let (_, _, contest) = admin.download("/api/v1/grievances/3", "en").await;
    assert!(String::from_utf8_lossy(&contest).contains(INMATES[0].name));
    let (_, _, inmates) = admin.download("/facilities/2/inmates", "en").await;
    assert!(String::from_utf8_lossy(&inmates).contains(INMATES[1].register));
}
