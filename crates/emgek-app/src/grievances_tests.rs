use emgek_domain::access::{Access, Grant, Role};
use emgek_store::Source;
use emgek_store::audit::AuditFilter;
use time::macros::{date, datetime};

use super::*;
use crate::Clock;
use crate::testing::on_both_backends;

fn caller(name: &str, role: Role, scope: &str) -> Caller {
    let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
    Caller::user(7, name, access, Source::Web, "")
}

fn on(app: &App, day: time::PrimitiveDateTime) -> App {
    app.clone().with_clock(Clock::Fixed(day.assume_utc()))
}

/// Orozo Ait and Nooruz, 20 and 21 March 2026 (a Friday and a Saturday).
async fn spring_2026(app: &App) {
    let days = [
        (date!(2026 - 03 - 20), "holiday".to_string(), "Орозо айт".to_string()),
        (date!(2026 - 03 - 21), "holiday".to_string(), "Нооруз".to_string()),
    ];
    app.store.save_calendar_days(&Caller::operator("root").actor(), &days).await.unwrap();
}

async fn audit_lines(app: &App, action: &str) -> Vec<emgek_store::AuditRow> {
    let filter = AuditFilter { action: Some(action.to_string()), ..AuditFilter::default() };
    app.store.list_audit(&filter, None, 10).await.unwrap()
}

fn late_payment(rayon: &str) -> GrievanceForm {
    GrievanceForm {
        channel: "hotline".into(),
        category: "payment.late".into(),
        rayon: rayon.into(),
        name: "Асанова Гүлнара".into(),
        contact: "+996 555 123 456".into(),
        language: "ky".into(),
        summary: "Экинчи транш келе элек".into(),
        ..GrievanceForm::default()
    }
}

async fn a_grievance_is_numbered_without_gaps_in_its_year_and_due_by_the_working_days_calendar(app: App) {
    spring_2026(&app).await;
    let app = on(&app, datetime!(2026-03-19 10:00));
    let worker = caller("aigul", Role::CaseWorker, "rayon:KG-C-SOK");
    let first = open(&app, &worker, &late_payment("KG-C-SOK")).await.unwrap();
    assert_eq!(first.number.to_string(), "GR-2026-000001");
    // Received on Thursday: Friday and Saturday are holidays, so it is acknowledged by Monday
    // and answered five working days after Thursday (Friday 27 March).
    assert_eq!((first.acknowledge_by, first.answer_by), (date!(2026 - 03 - 23), date!(2026 - 03 - 27)));

    let bad = GrievanceForm {
        category: "payment".into(),
        name: String::new(),
        rayon: "KG-X".into(),
        summary: " ".into(),
        ..late_payment("")
    };
    let Err(AppError::Invalid(errors)) = open(&app, &worker, &bad).await else { panic!("refused") };
    let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.rule)).collect();
    assert_eq!(
        fields,
        [
            ("category", "grievance.category_unknown"),
            ("summary", "grievance.summary_required"),
            ("name", "grievance.name_required"),
            ("rayon", "rayon.unknown"),
        ]
    );
    let elsewhere = open(&app, &worker, &late_payment("KG-T-TAL")).await;
    assert!(matches!(elsewhere, Err(AppError::NotFound)), "another rayon's: {elsewhere:?}");

    // A refused grievance took no number; a letter of last December takes 2025's first.
    let second = open(&app, &worker, &late_payment("KG-C-SOK")).await.unwrap();
    assert_eq!(second.number.to_string(), "GR-2026-000002");
    let letter =
        GrievanceForm { channel: "letter".into(), received_on: "29.12.2025".into(), ..late_payment("KG-C-SOK") };
    assert_eq!(open(&app, &worker, &letter).await.unwrap().number.to_string(), "GR-2025-000001");
    let anonymous = GrievanceForm {
        anonymous: true,
        name: "Кимдир бирөө".into(),
        contact: String::new(),
        ..late_payment("KG-C-SOK")
    };
    let kept = open(&app, &worker, &anonymous).await.unwrap();
    let (row, events) = view(&app, &worker, kept.id).await.unwrap();
    assert_eq!((row.complainant_name.as_str(), row.status.as_str(), row.level.as_str()), ("", "received", "oblast"));
    assert_eq!(events.iter().map(|e| e.step.as_str()).collect::<Vec<_>>(), ["received"]);
}

async fn a_sensitive_grievance_reaches_only_the_integrity_officers_and_each_view_is_audited(app: App) {
    let worker = caller("aigul", Role::CaseWorker, "rayon:KG-C-SOK");
    let abuse = GrievanceForm {
        category: "integrity.abuse".into(),
        anonymous: true,
        name: String::new(),
        summary: "Комиссиянын мүчөсү акча сурады".into(),
        ..late_payment("KG-C-SOK")
    };
    let opened = open(&app, &worker, &abuse).await.unwrap();
    for reader in [
        worker.clone(),
        caller("admin", Role::Administrator, "country"),
        caller("donor", Role::Auditor, "country"),
        caller("integrity-talas", Role::IntegrityOfficer, "oblast:KG-T"),
    ] {
        let seen = view(&app, &reader, opened.id).await;
        assert!(matches!(seen, Err(AppError::NotFound)), "{}: {seen:?}", reader.name);
    }
    let officer = caller("integrity-chui", Role::IntegrityOfficer, "oblast:KG-C");
    let (row, _) = view(&app, &officer, opened.id).await.unwrap();
    assert!(row.sensitive && row.team == "integrity" && row.level == "ministry");
    let views = audit_lines(&app, "grievance.view").await;
    assert_eq!(views.len(), 1, "one view, one line");
    assert_eq!(views[0].actor, "integrity-chui");
    let line = &audit_lines(&app, "grievance.open").await[0];
    assert!(!line.detail.contains("акча") && !line.detail.contains("Асанова"), "no words, no name: {}", line.detail);
}

async fn an_overdue_grievance_goes_up_a_level_and_a_supervisor_extends_its_deadline_once(app: App) {
    spring_2026(&app).await;
    let monday = on(&app, datetime!(2026-03-02 09:00));
    let worker = caller("aigul", Role::CaseWorker, "rayon:KG-C-SOK");
    let data = GrievanceForm { category: "data.wrong".into(), ..late_payment("KG-C-SOK") };
    let g = open(&monday, &worker, &data).await.unwrap();
    assert_eq!(g.answer_by, date!(2026 - 03 - 16), "ten working days");
    acknowledge(&monday, &worker, g.id).await.unwrap();
    let twice = acknowledge(&monday, &worker, g.id).await;
    assert!(matches!(twice, Err(AppError::Conflict("grievance.acknowledged_already"))), "{twice:?}");

    let system = Caller::operator("sweep");
    let on_time = sweep(&monday, &system).await.unwrap();
    assert_eq!(on_time, Swept { open: 1, at_risk: 0, overdue: 0, escalated: 0 });
    let thursday = on(&app, datetime!(2026-03-12 09:00));
    assert_eq!(sweep(&thursday, &system).await.unwrap().at_risk, 1);
    // Missed: the oblast answers it, within five working days (Orozo Ait and Nooruz skipped).
    let late = on(&app, datetime!(2026-03-17 09:00));
    assert_eq!(sweep(&late, &system).await.unwrap().escalated, 1);
    let row = app.store.grievance(g.id).await.unwrap();
    assert_eq!((row.level.as_str(), row.answer_by), ("oblast", date!(2026 - 03 - 25)));
    assert_eq!(sweep(&late, &system).await.unwrap().escalated, 0, "once a day is once");

    let refused = extend(&late, &worker, g.id, "5", "Банктан жооп күтүлүүдө").await;
    assert!(matches!(refused, Err(AppError::Refused("grievance.extend_supervisor"))), "{refused:?}");
    let supervisor = caller("bakyt", Role::CaseWorker, "oblast:KG-C");
    let Err(AppError::Invalid(errors)) = extend(&late, &supervisor, g.id, "30", "").await else { panic!("refused") };
    assert_eq!(
        errors.iter().map(|e| e.rule).collect::<Vec<_>>(),
        ["grievance.extension_days", "grievance.reason_required"]
    );
    let until = extend(&late, &supervisor, g.id, "3", "Банктан жооп күтүлүүдө").await.unwrap();
    assert_eq!(until, date!(2026 - 03 - 30));
    let again = extend(&late, &supervisor, g.id, "1", "дагы").await;
    assert!(matches!(again, Err(AppError::Conflict("grievance.extended_once"))), "{again:?}");

    close(&late, &worker, g.id, "upheld", "Маалымат оңдолду").await.unwrap();
    let closed = close(&late, &worker, g.id, "rejected", "экинчи жолу").await;
    assert!(matches!(closed, Err(AppError::Conflict("grievance.closed"))), "{closed:?}");
    feedback(&late, &worker, g.id, true).await.unwrap();
    let (row, events) = view(&late, &worker, g.id).await.unwrap();
    assert_eq!((row.status.as_str(), row.decision.as_deref(), row.satisfied), ("closed", Some("upheld"), Some(true)));
    let steps: Vec<_> = events.iter().map(|e| e.step.as_str()).collect();
    assert_eq!(steps, ["received", "acknowledged", "escalated", "extended", "closed", "feedback"]);
    assert_eq!(sweep(&late, &system).await.unwrap().open, 0);
}

async fn a_step_on_a_grievance_changed_meanwhile_is_refused_and_nothing_of_it_is_kept(app: App) {
    let worker = caller("aigul", Role::CaseWorker, "rayon:KG-C-SOK");
    let g = open(&app, &worker, &late_payment("KG-C-SOK")).await.unwrap();
    let row = app.store.grievance(g.id).await.unwrap();
    acknowledge(&app, &worker, g.id).await.unwrap();
    // A second officer's step computed from what the grievance held before the first's.
    let stale = step_of(
        &row,
        "closed",
        State::received(emgek_domain::grievance::rules::Team::Oblast),
        "x".into(),
        app.clock.now(),
    );
    let taken = app.store.take_grievance_steps(&worker.actor(), &[stale]).await;
    assert!(matches!(taken, Err(emgek_store::StoreError::Conflict("grievance.changed"))), "{taken:?}");
    let events = app.store.grievance_events(g.id).await.unwrap();
    assert_eq!(events.len(), 2);
    assert!(app.store.verify_audit().await.unwrap().first_broken.is_none());
}

async fn the_calendar_imports_from_its_published_table_and_deadlines_follow_it(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("календарь.csv");
    // As the ministry's table is kept: Kyrgyz headings, `;`, days as 31.12.2026.
    let text = "Күнү;Түрү;Аталышы\n20.03.2026;holiday;Орозо айт\n21.03.2026;holiday;Нооруз\n\
                23.03.2026;day_off;Майрамдан кийинки эс алуу\n24.03.2026;working_day;Жумуш күнү\n\
                20.03.2026;holiday;Орозо айт\n25.03.2026;feast;Майрам\n";
    std::fs::write(&path, text).unwrap();
    let file = |path: &std::path::Path| crate::records::RecordsFile {
        kind: emgek_exchange::records::Kind::Calendar,
        path: path.to_path_buf(),
        all_or_nothing: false,
        rejects: None,
        tr: emgek_i18n::Tr::new(emgek_i18n::Lang::En),
        sheet: None,
        mapping: None,
    };
    let import = |caller: Caller, path: std::path::PathBuf| {
        let app = app.clone();
        async move { crate::records::import(&app, &caller, &file(&path), &mut |_, _| {}).await }
    };
    let oblast = caller("osh-admin", Role::Administrator, "oblast:KG-O");
    assert!(import(oblast, path.clone()).await.is_err(), "the country's calendar is national staff's");
    let root = Caller::operator("root");
    let r = import(root.clone(), path.clone()).await.unwrap();
    assert_eq!((r.rows_read, r.added, r.rows_rejected), (6, 3, 3), "{r:?}");
    for rule in ["calendar.working_day_on_weekday", "reference.twice_in_file", "calendar.kind_unknown"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let again = import(root.clone(), path.clone()).await.unwrap();
    assert_eq!((again.added, again.already_held), (0, 3), "{again:?}");
    // A decree makes 23 March a working day again and 27 March a day off.
    let decree = dir.path().join("decree.csv");
    std::fs::write(&decree, "day,kind,name\n2026-03-23,holiday,Нооруз (которулган)\n2026-03-27,day_off,Токтом\n")
        .unwrap();
    let changed = import(root, decree).await.unwrap();
    assert_eq!((changed.added, changed.rows_rejected), (2, 0), "{changed:?}");
    let days = calendar_days(&app).await.unwrap();
    assert_eq!(days.iter().map(|d| d.day.day()).collect::<Vec<_>>(), [20, 21, 23, 27]);
    assert_eq!(days[2].name, "Нооруз (которулган)");
    // Received on Thursday the 19th: the 20th to the 23rd are off, so acknowledged by Tuesday.
    let app = on(&app, datetime!(2026-03-19 10:00));
    let worker = caller("aigul", Role::CaseWorker, "rayon:KG-C-SOK");
    let g = open(&app, &worker, &late_payment("KG-C-SOK")).await.unwrap();
    assert_eq!((g.acknowledge_by, g.answer_by), (date!(2026 - 03 - 24), date!(2026 - 03 - 31)));
}

/// A facility with a workshop and an inmate at work there, whose pay the manager `bakyt`
/// orders a fifth withheld as upkeep: (inmate, workshop, order).
async fn an_inmate_with_a_deduction(app: &App) -> (i64, i64, i64) {
    use crate::prison::{self, FacilityForm, InmateForm, WorkshopForm};
    let hq = caller("hq", Role::Administrator, "country");
    let facility = FacilityForm {
        code: "stepnoe",
        name: "ИК-47 Степное",
        kind: "colony",
        rayon: "KG-C-SOK",
        locality: "Степное",
        capacity: "800",
        description: "",
    };
    let facility = prison::create_facility(app, &hq, facility).await.unwrap();
    prison::add_rules(app, &hq, "2000-01-01", "0", "25").await.unwrap();
    let sewing = WorkshopForm {
        code: "sewing",
        name: "Тигүү цехи",
        activity: "тигүү",
        opened_on: "2020-01-01",
        wage_som: "2000",
    };
    let workshop = prison::create_workshop(app, &hq, facility, sewing).await.unwrap();
    let manager = caller("bakyt", Role::EnterpriseManager, "facility:stepnoe");
    let inmate = InmateForm {
        register_number: "ST-26-0001",
        full_name: "Исаков Нурлан",
        sex: "male",
        workshop: &workshop.to_string(),
        starts: "2026-01-01",
        wage_som: "",
    };
    let inmate = prison::add_inmate(app, &manager, facility, inmate).await.unwrap();
    prison::add_deduction(app, &manager, inmate, "upkeep", "20").await.unwrap();
    let order = app.store.inmate_deductions(inmate).await.unwrap()[0].deduction_order_id;
    prison::save_timesheet(app, &manager, workshop, date!(2026 - 03 - 01), "22", &[(inmate, "22".into())])
        .await
        .unwrap();
    (inmate, workshop, order)
}

/// What the month's payroll withholds from the inmate, in tyiyn.
async fn withheld(app: &App, workshop: i64) -> i64 {
    crate::prison::payroll(&app.store, workshop, date!(2026 - 03 - 01)).await.unwrap().withheld_tyiyn
}

async fn an_inmates_contest_suspends_the_deduction_is_answered_in_the_facility_only_and_upheld_ends_it(app: App) {
    let app = on(&app, datetime!(2026-03-19 10:00));
    let (_, workshop, order) = an_inmate_with_a_deduction(&app).await;
    assert_eq!(withheld(&app, workshop).await, 40_000, "a fifth of 2,000 som");
    let manager = caller("bakyt", Role::EnterpriseManager, "facility:stepnoe");
    let contest = GrievanceForm {
        channel: "letter".into(),
        category: "prison.deduction".into(),
        name: "Исаков Нурлан".into(),
        language: "ru".into(),
        about: "deduction".into(),
        about_ref: order.to_string(),
        summary: "Удержание на содержание взято дважды".into(),
        ..GrievanceForm::default()
    };
    // The category and the record go together.
    let wrong = GrievanceForm { category: "payment.late".into(), ..contest.clone() };
    let Err(AppError::Invalid(errors)) = open(&app, &manager, &wrong).await else { panic!("refused") };
    assert_eq!(errors[0].rule, "grievance.deduction_category");
    let no_order =
        GrievanceForm { about: "none".into(), about_ref: String::new(), rayon: "KG-C-SOK".into(), ..contest.clone() };
    let Err(AppError::Invalid(errors)) = open(&app, &manager, &no_order).await else { panic!("refused") };
    assert_eq!(errors[0].rule, "grievance.deduction_only");
    // The rayon's case worker, around the facility, reaches no inmate's order.
    let worker = caller("aigul", Role::CaseWorker, "rayon:KG-C-SOK");
    let Err(AppError::Invalid(errors)) = open(&app, &worker, &contest).await else { panic!("refused") };
    assert_eq!(errors.iter().map(|e| e.rule).collect::<Vec<_>>(), ["grievance.record_unknown"]);

    let g = open(&app, &manager, &contest).await.unwrap();
    let row = app.store.grievance(g.id).await.unwrap();
    assert_eq!((row.facility_code.as_deref(), row.rayon_code.as_str()), (Some("stepnoe"), "KG-C-SOK"));
    assert_eq!(withheld(&app, workshop).await, 0, "nothing withheld while the contest is open");
    let again = open(&app, &manager, &contest).await;
    assert!(matches!(again, Err(AppError::Invalid(ref e)) if e[0].rule == "deduction.contested_already"), "{again:?}");

    // Only those who read the facility's inmates see it: not the rayon's staff, not an
    // auditor, not an integrity officer.
    for outsider in [
        worker.clone(),
        caller("audit", Role::Auditor, "country"),
        caller("integrity", Role::IntegrityOfficer, "country"),
        caller("other", Role::EnterpriseManager, "facility:jany-jol"),
    ] {
        assert!(list(&app, &outsider, false, 50).await.unwrap().is_empty(), "{} lists it", outsider.name);
        assert!(matches!(view(&app, &outsider, g.id).await, Err(AppError::NotFound)), "{} reads it", outsider.name);
    }
    assert_eq!(list(&app, &manager, false, 50).await.unwrap().len(), 1);
    let (seen, _) = view(&app, &manager, g.id).await.unwrap();
    assert_eq!(seen.complainant_name, "Исаков Нурлан");

    // Whoever recorded the order does not judge its contest; the Prison Service's HQ does.
    let own = close(&app, &manager, g.id, "upheld", "Удержано дважды").await;
    assert!(matches!(own, Err(AppError::Refused("grievance.own_order"))), "{own:?}");
    let hq = caller("hq", Role::Administrator, "country");
    close(&app, &hq, g.id, "upheld", "Удержано дважды: приказ отменён").await.unwrap();
    let ended = app.store.deduction_order(order).await.unwrap();
    assert_eq!((ended.ended_on, ended.suspended, ended.contest_id), (Some(date!(2026 - 03 - 19)), false, Some(g.id)));
    assert_eq!(withheld(&app, workshop).await, 0, "an ended order is withheld no more");
}

async fn an_inmates_contest_rejected_lets_the_order_be_withheld_again(app: App) {
    let app = on(&app, datetime!(2026-03-19 10:00));
    let (_, workshop, order) = an_inmate_with_a_deduction(&app).await;
    let other = caller("ainura", Role::EnterpriseManager, "facility:stepnoe");
    let contest = GrievanceForm {
        channel: "office".into(),
        category: "prison.deduction".into(),
        anonymous: true,
        about: "deduction".into(),
        about_ref: order.to_string(),
        summary: "Не согласен с размером".into(),
        ..GrievanceForm::default()
    };
    let g = open(&app, &other, &contest).await.unwrap();
    assert_eq!(withheld(&app, workshop).await, 0);
    // Another officer of the facility answers it.
    close(&app, &other, g.id, "rejected", "Размер по закону").await.unwrap();
    let order = app.store.deduction_order(order).await.unwrap();
    assert_eq!((order.ended_on, order.suspended), (None, false));
    assert_eq!(withheld(&app, workshop).await, 40_000);
}

on_both_backends!(
    the_calendar_imports_from_its_published_table_and_deadlines_follow_it,
    a_grievance_is_numbered_without_gaps_in_its_year_and_due_by_the_working_days_calendar,
    a_sensitive_grievance_reaches_only_the_integrity_officers_and_each_view_is_audited,
    an_overdue_grievance_goes_up_a_level_and_a_supervisor_extends_its_deadline_once,
    a_step_on_a_grievance_changed_meanwhile_is_refused_and_nothing_of_it_is_kept,
    an_inmates_contest_suspends_the_deduction_is_answered_in_the_facility_only_and_upheld_ends_it,
    an_inmates_contest_rejected_lets_the_order_be_withheld_again,
);
