use emgek_domain::access::{Access, Grant, Role, Scope};
use emgek_store::Source;
use time::macros::datetime;

use super::reminders;
use super::sender::{Gateways, Pass, http_client, pass};
use super::*;
use crate::grievances::{self, GrievanceForm};
use crate::testing::on_both_backends;
use crate::{Clock, grievances::sweep};

fn caller(role: Role, scope: &str) -> Caller {
    let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
    Caller::user(7, "aigul", access, Source::Web, "")
}

fn on(app: &App, at: time::PrimitiveDateTime) -> App {
    app.clone().with_clock(Clock::Fixed(at.assume_utc()))
}

fn complaint(contact: &str, language: &str) -> GrievanceForm {
    GrievanceForm {
        channel: "hotline".into(),
        category: "payment.late".into(),
        rayon: "KG-C-SOK".into(),
        name: "Асанова Гүлнара".into(),
        contact: contact.into(),
        language: language.into(),
        summary: "Экинчи транш келе элек".into(),
        ..GrievanceForm::default()
    }
}

async fn a_grievance_tells_its_complainant_each_step_in_her_language_once(app: App) {
    let app = on(&app, datetime!(2026-03-19 10:00));
    let worker = caller(Role::CaseWorker, "rayon:KG-C-SOK");
    let kyrgyz = grievances::open(&app, &worker, &complaint("0700 123 456", "ky")).await.unwrap();
    let russian = grievances::open(&app, &worker, &complaint("gulnara@example.kg", "ru")).await.unwrap();
    let by_letter = grievances::open(&app, &worker, &complaint("Сокулук, Ленин к. 5", "ky")).await.unwrap();

    let told = app.store.grievance_notices(kyrgyz.id).await.unwrap();
    assert_eq!(told.len(), 1);
    let n = &told[0];
    assert_eq!(
        (n.event.as_str(), n.channel.as_str(), n.address.as_str()),
        ("grievance_received", "sms", "+996700123456")
    );
    assert_eq!(n.state, "queued");
    assert_eq!(n.body, "Даттанууңуз GR-2026-000001 катталды. Жооп 26.03.2026 чейин берилет.");
    let told = app.store.grievance_notices(russian.id).await.unwrap();
    assert_eq!((told[0].channel.as_str(), told[0].language.as_str()), ("email", "ru"));
    assert!(told[0].body.starts_with("Ваша жалоба GR-2026-000002 зарегистрирована"), "{}", told[0].body);
    assert!(app.store.grievance_notices(by_letter.id).await.unwrap().is_empty(), "a letter answers a postal address");

    // Closed: she is told the decision in words, never the officer's reason.
    grievances::close(&app, &worker, kyrgyz.id, "upheld", "Транш 18.03.2026 которулган, ПИН 21204199000123")
        .await
        .unwrap();
    let told = app.store.grievance_notices(kyrgyz.id).await.unwrap();
    assert_eq!(told.len(), 2);
    assert_eq!(
        told[1].body,
        "GR-2026-000001 даттануусу боюнча чечим: канааттандырылды. Канааттандыңызбы? ООБА же ЖОК деп жооп бериңиз."
    );
    assert!(!told.iter().any(|n| n.body.contains("21204199000123")));

    // Late, it goes up a level, and she is told so once, however often the sweep runs.
    let later = on(&app, datetime!(2026-04-06 09:00));
    sweep(&later, &Caller::system("test")).await.unwrap();
    sweep(&later, &Caller::system("test")).await.unwrap();
    let told = app.store.grievance_notices(russian.id).await.unwrap();
    let events: Vec<_> = told.iter().map(|n| n.event.as_str()).collect();
    assert_eq!(events, ["grievance_received", "grievance_escalated"]);
}

async fn an_address_that_opted_out_and_a_text_that_carries_a_pin_are_withheld(app: App) {
    let app = on(&app, datetime!(2026-03-19 10:00));
    let worker = caller(Role::CaseWorker, "rayon:KG-C-SOK");
    app.store.opt_out(&worker.actor(), "+996700123456", "sms", app.clock.now()).await.unwrap();
    let g = grievances::open(&app, &worker, &complaint("+996 700 123 456", "ky")).await.unwrap();
    let told = app.store.grievance_notices(g.id).await.unwrap();
    assert_eq!((told[0].state.as_str(), told[0].last_error.as_deref()), ("withheld", Some("opted_out")));

    // An administrator's template can't name a PIN; a value that would make one is caught.
    let admin = caller(Role::Administrator, "country");
    let refused = write_template(&app, &admin, "grievance_received", "ky", "{pin} {number}").await;
    assert!(matches!(&refused, Err(AppError::Invalid(e)) if e[0].rule == "notice.template_placeholder"), "{refused:?}");
    let version =
        write_template(&app, &admin, "grievance_received", "ky", "Даттануу {number} 21204 19900 0123 катталды")
            .await
            .unwrap();
    assert_eq!(version, 1);
    let g = grievances::open(&app, &worker, &complaint("+996 555 000 111", "ky")).await.unwrap();
    let told = app.store.grievance_notices(g.id).await.unwrap();
    assert_eq!((told[0].state.as_str(), told[0].last_error.as_deref()), ("withheld", Some("personal_data")));
    assert_eq!(told[0].template_version, 1);
    // Only a national programmes' administrator writes the texts.
    let rayon_admin = caller(Role::Administrator, "rayon:KG-C-SOK");
    assert!(matches!(write_template(&app, &rayon_admin, "decision", "ky", "{number}").await, Err(AppError::NotFound)));
}

async fn a_delivery_report_settles_only_the_try_it_is_for_and_never_undoes_a_final_state(app: App) {
    let app = on(&app, datetime!(2026-03-19 10:00));
    let worker = caller(Role::CaseWorker, "rayon:KG-C-SOK");
    let g = grievances::open(&app, &worker, &complaint("0700 123 456", "ky")).await.unwrap();
    let now_ms = (app.clock.now().unix_timestamp_nanos() / 1_000_000) as i64;
    // Claimed by a sender that dies: after its lease it is unsure, not sent again at once.
    let claimed = app.store.claim_notices(now_ms, now_ms + 1_000, 10, true, true).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert!(app.store.claim_notices(now_ms, now_ms + 1_000, 10, true, true).await.unwrap().is_empty(), "claimed once");
    let settled = app.store.settle_abandoned_notices(now_ms + 2_000, 60_000).await.unwrap();
    assert_eq!((settled.unsure, settled.requeued), (1, 0));
    // Kannel's report for that try arrives: it was sent, and is delivered.
    let id = claimed[0].notice_id;
    assert!(!delivery_report(&app, id, 2, 8).await.unwrap(), "a report for another try changes nothing");
    assert!(delivery_report(&app, id, 1, 8).await.unwrap());
    assert!(delivery_report(&app, id, 1, 1).await.unwrap());
    assert!(!delivery_report(&app, id, 1, 8).await.unwrap(), "a late 'sent' does not undo 'delivered'");
    assert_eq!(app.store.notice(id).await.unwrap().state, "delivered");
    let settled = app.store.settle_abandoned_notices(now_ms + 120_000, 60_000).await.unwrap();
    assert_eq!((settled.unsure, settled.requeued), (0, 0));
    assert_eq!(app.store.grievance_notices(g.id).await.unwrap()[0].attempts, 1);
}

async fn without_a_reachable_gateway_a_notice_waits_and_is_tried_again_later(app: App) {
    let app = on(&app, datetime!(2026-03-19 10:00));
    let worker = caller(Role::CaseWorker, "rayon:KG-C-SOK");
    let g = grievances::open(&app, &worker, &complaint("0700 123 456", "ky")).await.unwrap();
    // A Kannel nobody runs: port 9 of this host refuses.
    let kannel = sender::Kannel {
        sendsms_url: "http://127.0.0.1:9/cgi-bin/sendsms".into(),
        username: "emgek".into(),
        password: "x".into(),
        from: "1414".into(),
        report_url: "http://127.0.0.1:8080/gateway/kannel/dlr".into(),
        key: "k".repeat(16),
    };
    let gateways = Gateways::new(Some(kannel), None);
    let done = pass(&app, &gateways, &http_client()).await.unwrap();
    assert_eq!(done, Pass { claimed: 1, again: 1, ..Pass::default() });
    let n = &app.store.grievance_notices(g.id).await.unwrap()[0];
    assert_eq!((n.state.as_str(), n.attempts), ("queued", 1));
    assert!(n.last_error.as_deref().unwrap_or_default().starts_with("Kannel"), "{:?}", n.last_error);
    // Not due again before its back-off (30 s): the next pass finds nothing.
    assert_eq!(pass(&app, &gateways, &http_client()).await.unwrap().claimed, 0);
    let later = on(&app, datetime!(2026-03-19 10:01));
    assert_eq!(pass(&later, &gateways, &http_client()).await.unwrap().claimed, 1);
    // E-mail waits for a mail server this installation does not have.
    let e = grievances::open(&app, &worker, &complaint("g@example.kg", "ky")).await.unwrap();
    pass(&later, &gateways, &http_client()).await.unwrap();
    assert_eq!(app.store.grievance_notices(e.id).await.unwrap()[0].attempts, 0);
}

async fn a_family_asks_by_sms_and_hears_only_of_what_she_was_told(app: App) {
    use super::inbound::{Received, sms_received};
    use crate::registry::create_household;
    use emgek_domain::household::{HouseholdInput, MemberInput};
    let app = on(&app, datetime!(2026-03-19 10:00));
    let worker = caller(Role::CaseWorker, "rayon:KG-C-SOK");
    let gateway = Caller::system("sms-gateway");
    let g = grievances::open(&app, &worker, &complaint("0700 123 456", "ky")).await.unwrap();
    let number = g.number.to_string();
    let replies = |app: App| async move {
        let all = app.store.notices_after(0, 100).await.unwrap();
        all.into_iter().filter(|n| n.event == "status_reply").map(|n| (n.address, n.body)).collect::<Vec<_>>()
    };

    // Her number asks: the status, in Kyrgyz. Kannel repeating the call is answered once.
    for _ in 0..2 {
        let got = sms_received(&app, &gateway, "996700123456", "k-1", &number.to_lowercase()).await.unwrap();
        assert_eq!(got, Received::Answered);
    }
    // Another phone asks the same number: not found, as for a number that does not exist.
    sms_received(&app, &gateway, "+996555000111", "k-2", &number).await.unwrap();
    sms_received(&app, &gateway, "+996555000111", "k-3", "GR-2026-009999").await.unwrap();
    sms_received(&app, &gateway, "+996555000111", "k-4", "салам").await.unwrap();
    let got = replies(app.clone()).await;
    assert_eq!(
        got,
        [
            ("+996700123456".to_string(), format!("{number} даттануусунун абалы: алынды.")),
            ("+996555000111".to_string(), format!("{number} деген даттануу табылган жок.")),
            ("+996555000111".to_string(), "GR-2026-009999 деген даттануу табылган жок.".to_string()),
            (
                "+996555000111".to_string(),
                "Даттануунун номерин (GR-2026-000001) же ДАТТАНУУ деген сөздөн кийин даттанууңузду жөнөтүңүз. Кабар албоо үчүн: СТОП."
                    .to_string()
            ),
        ]
    );

    // Told the decision, she answers "ооба": her word is recorded, once.
    grievances::close(&app, &worker, g.id, "rejected", "Транш убагында которулган").await.unwrap();
    assert_eq!(sms_received(&app, &gateway, "0700123456", "k-5", "Ооба").await.unwrap(), Received::Feedback);
    assert_eq!(sms_received(&app, &gateway, "0700123456", "k-6", "жок").await.unwrap(), Received::Feedback);
    assert_eq!(app.store.grievance(g.id).await.unwrap().satisfied, Some(true), "the first word stands");

    // A complaint by SMS from a registered household's phone is registered in its rayon.
    let household = HouseholdInput {
        household_ref: "HH-SMS-1".into(),
        oblast: "KG-C".into(),
        rayon: "KG-C-SOK".into(),
        aiyl_okmotu: "Сокулук".into(),
        village: "Сокулук".into(),
        phone: "+996 777 010 203".into(),
        consent: "yes".into(),
        ..Default::default()
    };
    let head = MemberInput {
        pin: "21503198500001".into(),
        full_name: "Асанова Айгүл".into(),
        birth_date: "1985-03-15".into(),
        sex: "F".into(),
        relation: "head".into(),
        disability: "none".into(),
        ..Default::default()
    };
    create_household(&app, &worker, &household, &[head]).await.unwrap();
    let got = sms_received(&app, &gateway, "+996777010203", "k-7", "Жалоба Деньги не пришли").await.unwrap();
    let Received::Registered(n) = got else { panic!("{got:?}") };
    let opened = app.store.grievance_by_number(n.year, n.seq as i32).await.unwrap();
    assert_eq!(
        (opened.channel.as_str(), opened.rayon_code.as_str(), opened.language.as_str()),
        ("sms", "KG-C-SOK", "ru")
    );
    assert_eq!(opened.summary, "Деньги не пришли");
    let told = app.store.grievance_notices(opened.grievance_id).await.unwrap();
    assert!(told[0].body.starts_with(&format!("Ваша жалоба {n} зарегистрирована")), "{}", told[0].body);
    // From a phone no household has, she is sent to the office.
    sms_received(&app, &gateway, "+996222333444", "k-8", "даттануу акча жок").await.unwrap();

    // STOP: nothing more to that number.
    assert_eq!(sms_received(&app, &gateway, "+996700123456", "k-9", "STOP").await.unwrap(), Received::OptedOut);
    sms_received(&app, &gateway, "+996700123456", "k-10", &number).await.unwrap();
    let last = app.store.notices_after(0, 100).await.unwrap().pop().unwrap();
    assert_eq!((last.state.as_str(), last.last_error.as_deref()), ("withheld", Some("opted_out")));
    assert_eq!(sms_received(&app, &gateway, "hello", "k-11", "STOP").await.unwrap(), Received::Ignored);
}

/// The demonstration's families report on July and August 2024: in October, September's report
/// is due until the 5th and overdue after, and each family is told each once.
async fn a_family_without_last_months_report_is_reminded_once_and_told_once_it_is_overdue(app: App) {
    emgek_exchange::demo::load_if_empty(&app.store, 800, app.clock.today()).await.unwrap();
    crate::demo::create_users_if_none(&app).await.unwrap();
    crate::demo::create_social_contract_if_none(&app).await.unwrap();
    let in_september = reminders::sweep(&on(&app, datetime!(2024-09-03 09:00))).await.unwrap();
    assert_eq!(in_september, 0, "August's reports are in");

    let early = on(&app, datetime!(2024-10-03 09:00));
    let due = reminders::sweep(&early).await.unwrap();
    assert!(due > 0, "September's reports are due");
    assert_eq!(reminders::sweep(&early).await.unwrap(), 0, "a family is reminded once");
    // The first family reminded is written to in Russian from now on.
    let first = app.store.notices_after(0, 1_000).await.unwrap().into_iter().find(|n| n.event == "report_due").unwrap();
    let family = first.household_id.unwrap();
    let mut fields = app.store.household(family).await.unwrap().fields;
    fields.language = emgek_domain::notice::NoticeLanguage::Ru;
    app.store.update_household(&Caller::operator("root").actor(), family, &fields, None).await.unwrap();
    let late = reminders::sweep(&on(&app, datetime!(2024-10-07 09:00))).await.unwrap();
    assert_eq!(late, due, "and told once it is overdue");
    let told = app.store.notices_after(0, 1_000).await.unwrap();
    let reminded: Vec<_> = told.iter().filter(|n| n.event == "report_due").collect();
    assert_eq!(reminded.len(), due);
    assert!(
        reminded[0].body.starts_with("SC-2024-") && reminded[0].body.contains("05.10.2024 чейин"),
        "{}",
        reminded[0].body
    );
    let (russian, kyrgyz): (Vec<_>, Vec<_>) =
        told.iter().filter(|n| n.event == "report_overdue").partition(|n| n.household_id == Some(family));
    assert!(kyrgyz.iter().all(|n| n.body.contains("мөөнөтүндө тапшырылган жок")));
    assert!(
        russian.len() == 1 && russian[0].language == "ru" && russian[0].body.ends_with("не сдан в срок."),
        "{russian:?}"
    );
}

on_both_backends!(
    a_family_without_last_months_report_is_reminded_once_and_told_once_it_is_overdue,
    a_family_asks_by_sms_and_hears_only_of_what_she_was_told,
    a_grievance_tells_its_complainant_each_step_in_her_language_once,
    an_address_that_opted_out_and_a_text_that_carries_a_pin_are_withheld,
    a_delivery_report_settles_only_the_try_it_is_for_and_never_undoes_a_final_state,
    without_a_reachable_gateway_a_notice_waits_and_is_tried_again_later,
);
