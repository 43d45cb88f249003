use std::path::Path;

use emgek_domain::Money;
use emgek_domain::access::{Access, Grant, Role, Scope};
use emgek_i18n::Lang;
use emgek_store::Source;

use super::*;
use crate::testing::on_both_backends;

pub(super) fn officer(name: &str, role: Role, scope: &str) -> Caller {
    let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
    Caller::user(1, name, access, Source::Import, "")
}

pub(super) fn file(dir: &Path, kind: Kind, name: &str, text: &str, all_or_nothing: bool) -> RecordsFile {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    RecordsFile {
        kind,
        path,
        all_or_nothing,
        rejects: Some(dir.join(format!("{name}.rejects.csv"))),
        tr: Tr::new(Lang::En),
        sheet: None,
        mapping: None,
    }
}

pub(super) async fn run(app: &App, caller: &Caller, f: &RecordsFile) -> RecordsReport {
    import(app, caller, f, &mut |_, _| {}).await.unwrap_or_else(|e| panic!("{e}"))
}

pub(super) fn counts(r: &RecordsReport) -> (u64, u64, u64, u64) {
    (r.rows_read, r.added, r.already_held, r.rows_rejected)
}

/// Rates as the National Bank's table is often kept: Russian headings, `;`, decimal commas.
const RATES: &str =
    "Валюта;Дата;Курс\nUSD;01.01.2024;89,20\nKZT;01.01.2024;0,1950\nUSD;01.01.2024;89,20\nXYZ;01.01.2024;1\n";

const PRODUCERS: &str = "producer_ref,kind,name,rayon,village,contract_number,contact,publish_contact\n\
    P-1,cooperative,Ала-Тоо бал,KG-T-TAL,Кара-Суу,,+996555000111,yes\n\
    P-2,enterprise,Жибек жолу,KG-O-KSU,Кара-Суу,,,no\n\
    P-3,household,Үй бизнеси,KG-T-TAL,Кара-Суу,SC-2019-KG-T-000001,,no\n\
    P-1,cooperative,Ала-Тоо бал экинчи,KG-T-TAL,Кара-Суу,,,no\n\
    P-4,cooperative,Жок район,KG-T-XXX,Кара-Суу,,,no\n";

const PRODUCTS: &str = "product_ref,producer_ref,category,name_ky,name_ru,name_en,local_resources,developed_on\n\
    PR-1,P-1,honey,Тоо балы,Горный мёд,Mountain honey,honey,2019-05-01\n\
    PR-2,P-2,felt,Шырдак,Ширдак,Shyrdak,wool,12.03.2018\n\
    PR-3,P-9,felt,Шырдак,Ширдак,Shyrdak,wool,2018-03-12\n";

const CERTIFICATES: &str = "certificate_number,product_ref,level,valid_from,valid_until\n\
    kg-t-2020-01,PR-1,regional,2020-01-10,2023-01-09\n\
    KG-2021-07,PR-1,national,2021-06-01,2024-05-31\n\
    KG-2021-08,PR-2,national,2021-06-01,2024-05-31\n\
    KG-T-2020-02,PR-1,regional,2023-01-10,2022-01-09\n";

const EXPORTS: &str = "contract_reference,producer_ref,product_ref,buyer,country,signed_on,quantity,unit,currency,value\n\
    EX-1,P-1,PR-1,ТОО Бал,KZ,2024-03-01,500,kg,KZT,2 500 000\n\
    EX-2,P-1,,ТОО Бал,KZ,2023-03-01,500,kg,KZT,2500000\n";

async fn the_ovop_files_import_through_the_use_cases_and_again_add_nothing(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let root = Caller::operator("root");

    let rates = file(dir.path(), Kind::Rates, "rates.csv", RATES, false);
    let r = run(&app, &root, &rates).await;
    assert_eq!(counts(&r), (4, 2, 0, 2), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("reference.twice_in_file"), Some(&1));
    assert_eq!(r.rejected_by_rule.get("rate.currency_unknown"), Some(&1));
    assert_eq!((r.shape.delimiter, r.committed), (Some(';'), true));

    let producers = file(dir.path(), Kind::OvopProducers, "producers.csv", PRODUCERS, false);
    let r = run(&app, &root, &producers).await;
    assert_eq!(counts(&r), (5, 2, 0, 3), "{r:?}");
    for rule in ["contract.unknown", "reference.twice_in_file", "rayon.unknown"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let rejects = std::fs::read_to_string(dir.path().join("producers.csv.rejects.csv")).unwrap();
    assert!(
        rejects.starts_with("row,field,rule,value,message\n4,contract_number,contract.unknown,SC-2019-KG-T-000001,")
    );

    let r = run(&app, &root, &file(dir.path(), Kind::OvopProducts, "products.csv", PRODUCTS, false)).await;
    assert_eq!(counts(&r), (3, 2, 0, 1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("producer.unknown"), Some(&1));

    let r = run(&app, &root, &file(dir.path(), Kind::OvopCertifications, "certs.csv", CERTIFICATES, false)).await;
    assert_eq!(counts(&r), (4, 2, 0, 2), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("certification.regional_required"), Some(&1), "PR-2 has no regional one");
    assert_eq!(r.rejected_by_rule.get("certificate.validity_order"), Some(&1));

    let r = run(&app, &root, &file(dir.path(), Kind::OvopExports, "exports.csv", EXPORTS, false)).await;
    assert_eq!(counts(&r), (2, 1, 0, 1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("rate.missing"), Some(&1), "no rate held for 2023");

    // Counted as if typed: the indicators see the export at the day's rates.
    let figures = crate::ovop::indicators(&app, &root, time::macros::date!(2024 - 06 - 01)).await.unwrap();
    assert_eq!(figures.exports.contracts, 1);
    assert_eq!(figures.exports.som_tyiyn, 48_750_000, "2,500,000 tenge at 0.1950 som, in tyiyn");
    assert_eq!((figures.national_brand, figures.certified), (0, 0), "both certificates ran out in 2023 and 2024");

    // The same files again change nothing: every good row is held.
    let again = run(&app, &root, &producers).await;
    assert_eq!(counts(&again), (5, 0, 2, 3), "{again:?}");
    let again = run(&app, &root, &file(dir.path(), Kind::OvopExports, "exports.csv", EXPORTS, false)).await;
    assert_eq!(counts(&again), (2, 0, 1, 1), "{again:?}");

    // Where they are sold: one outlet found again by its name, country and rayon.
    let outlets = "Продукция;Торговая точка;Тип;Страна;Район;Адрес\n\
        PR-1;Талас базары;market;KG;KG-T-TAL;Борбордук көчө\nPR-2;Талас базары;market;KG;KG-T-TAL;\n\
        PR-1;Almaty Green Bazaar;market;KZ;;\nPR-1;Талас базары;bazaar;KG;KG-T-TAL;\nPR-9;Талас базары;market;KG;KG-T-TAL;\n";
    let f = file(dir.path(), Kind::OvopOutlets, "outlets.csv", outlets, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (5, 3, 0, 2), "{r:?}");
    for rule in ["outlet.kind_unknown", "product.unknown"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    assert_eq!(app.store.outlets().await.unwrap().len(), 2, "the Talas market once, and the Almaty one");
    assert_eq!(counts(&run(&app, &root, &f).await), (5, 0, 3, 2));
    assert_eq!(app.store.export_contracts().await.unwrap().len(), 1);
    assert_eq!(app.store.producers().await.unwrap().len(), 2);

    // An officer of Talas is told Osh's producer is outside her places, not that it is held.
    let talas = officer("aigul", Role::OvopOfficer, "rayon:KG-T-TAL");
    let hers = run(&app, &talas, &producers).await;
    assert_eq!((hers.already_held, hers.rejected_by_rule.get("scope.outside")), (1, Some(&1)), "{hers:?}");
}

async fn all_or_nothing_writes_no_row_of_a_file_with_a_rejected_one_and_all_of_a_clean_one(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let root = Caller::operator("root");
    let r = run(&app, &root, &file(dir.path(), Kind::OvopProducers, "producers.csv", PRODUCERS, true)).await;
    assert_eq!((r.added, r.rows_rejected, r.committed), (0, 3, false), "{r:?}");
    assert!(app.store.producers().await.unwrap().is_empty());
    let clean: String = PRODUCERS.lines().take(3).map(|l| format!("{l}\n")).collect();
    let r = run(&app, &root, &file(dir.path(), Kind::OvopProducers, "clean.csv", &clean, true)).await;
    assert_eq!((r.added, r.rows_rejected, r.committed), (2, 0, true), "{r:?}");
}

async fn an_officer_imports_within_her_places_and_without_the_permission_is_refused(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let talas = officer("aigul", Role::OvopOfficer, "rayon:KG-T-TAL");
    let r = run(&app, &talas, &file(dir.path(), Kind::OvopProducers, "producers.csv", PRODUCERS, false)).await;
    assert_eq!((r.added, r.rows_rejected), (1, 4), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("scope.outside"), Some(&1), "Osh's producer is not hers");
    let case_worker = officer("bakyt", Role::CaseWorker, "rayon:KG-T-TAL");
    let refused =
        import(&app, &case_worker, &file(dir.path(), Kind::Rates, "rates.csv", RATES, false), &mut |_, _| {}).await;
    assert!(matches!(refused, Err(RecordsError::App(AppError::Refused("import.not_allowed")))), "{refused:?}");
}

async fn monthly_reports_import_on_the_contracts_they_name_and_a_month_held_is_never_rewritten(app: App) {
    emgek_exchange::demo::load_if_empty(&app.store, 800, time::macros::date!(2026 - 12 - 05)).await.unwrap();
    crate::demo::create_social_contract_if_none(&app).await.unwrap();
    // The demonstration's contracts reported July and August 2024: 12,000 som earned, 4,500 spent, 2 jobs.
    let number = app.store.contract_context(1).await.unwrap().contract.number;
    let text = format!(
        "Номер контракта;Месяц;Доход;Расходы;Рабочие места\n\
         {number};2024-07;12 000;4 500;2\n\
         {number};2024-08;13000;4500;2\n\
         {number};2024-09;15 000,50;5000;1\n\
         {number};2024-09;15000;5000;1\n\
         SC-2024-KG-X-999999;2024-09;1;1;1\n\
         {number};2031-01;1;1;1\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let root = Caller::operator("root");
    let f = file(dir.path(), Kind::ScReports, "reports.csv", &text, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (6, 1, 1, 4), "{r:?}");
    for rule in ["report.month_exists", "reference.twice_in_file", "contract.unknown", "report.month_outside"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let september = app.store.reports(1).await.unwrap().into_iter().find(|m| m.month.month() == time::Month::September);
    assert_eq!(september.map(|m| (m.revenue_tyiyn, m.jobs)), Some((1_500_050, 1)));
    let again = run(&app, &root, &f).await;
    assert_eq!(counts(&again), (6, 0, 2, 4), "{again:?}");
    // Reports are written in batches; a month typed on the page while its file was read fails
    // its batch, and then that row alone is refused, the others written.
    let input = |month: &str| crate::social_contract::contracts::ReportInput {
        month: month.into(),
        revenue_som: "100".into(),
        costs_som: "50".into(),
        jobs: "1".into(),
        purchases: Vec::new(),
        receipts: Vec::new(),
    };
    let typed = crate::social_contract::contracts::check_report(&app, &root, 1, &input("2024-10")).await.unwrap();
    let later = crate::social_contract::contracts::check_report(&app, &root, 1, &input("2024-11")).await.unwrap();
    app.store.add_report(&root.actor(), &typed.as_new()).await.unwrap();
    let held = Held::load(&app, Kind::ScReports).await.unwrap();
    let mut pass = Pass::new(&app, &root, true, held);
    pass.queued = vec![(7, super::batch::Queued::Report(typed)), (8, super::batch::Queued::Report(later))];
    let refused = pass.flush().await.unwrap();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!((refused[0].0, refused[0].1[0].rule), (7, "report.month_exists"));
    let november = app.store.reports(1).await.unwrap().into_iter().any(|m| m.month.month() == time::Month::November);
    assert!(november, "the rest of the batch is written");
    // A case worker of another rayon reaches no contract of this one.
    let far = officer("far", Role::CaseWorker, "rayon:KG-T-TAL");
    let elsewhere = app.store.contract_context(1).await.unwrap();
    if elsewhere.rayon != "KG-T-TAL" {
        let r = run(&app, &far, &f).await;
        assert_eq!((r.added, r.already_held), (0, 0), "{r:?}");
        assert!(r.rejected_by_rule.contains_key("scope.outside"), "{r:?}");
    }
}

const FACILITIES: &str = "Код;Наименование;Тип;Район;Населенный пункт;Вместимость;Дата учета;Численность\n\
    st-1;Колония, Степное;colony;KG-C-SOK;Степное;900;01.01.2026;850\n\
    st-1;Колония, Степное;colony;KG-C-SOK;Степное;900;01.01.2026;850\n\
    nv-2;Колония, Ново-Покровка;zoo;KG-Y-YSY;Ново-Покровка;600;;\n";

const WORKSHOPS: &str = "facility,code,name,activity,opened_on,wage_som\n\
    st-1,w1,Нан цехи,bakery,2016-03-01,7000\n\
    st-1,w2,Тигүү цехи,sewing,2018-09-01,8 000\n\
    nv-2,w1,Нан цехи,bakery,2016-03-01,7000\n";

const INMATES: &str = "facility,register_number,full_name,sex,workshop,starts,wage_som\n\
    st-1,ST-000001,Садыков Мирлан,M,w1,2026-01-15,\n\
    st-1,ST-000002,Токтогулов Канат,M,,,\n\
    st-1,ST-000003,Осмонов Бакыт,M,w9,2026-01-15,\n";

async fn prison_files_bring_facilities_workshops_and_inmates_at_work_and_again_add_nothing(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let root = Caller::operator("root");
    let facilities = file(dir.path(), Kind::PrisonFacilities, "facilities.csv", FACILITIES, false);
    let r = run(&app, &root, &facilities).await;
    assert_eq!(counts(&r), (3, 1, 0, 2), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("facility.kind_unknown"), Some(&1), "{r:?}");
    let st = app.store.facilities().await.unwrap()[0].facility_id;
    assert_eq!(app.store.populations(st).await.unwrap(), vec![(time::macros::date!(2026 - 01 - 01), 850)]);

    let r = run(&app, &root, &file(dir.path(), Kind::PrisonWorkshops, "workshops.csv", WORKSHOPS, false)).await;
    assert_eq!(counts(&r), (3, 2, 0, 1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("facility.unknown"), Some(&1));

    // Another facility's manager reaches none of Stepnoe's inmates.
    let other = officer("manager", Role::EnterpriseManager, "facility:nv-2");
    let inmates = file(dir.path(), Kind::PrisonInmates, "inmates.csv", INMATES, false);
    let r = run(&app, &other, &inmates).await;
    assert_eq!((r.added, r.rejected_by_rule.get("scope.outside")), (0, Some(&3)), "{r:?}");

    let manager = officer("manager", Role::EnterpriseManager, "facility:st-1");
    let r = run(&app, &manager, &inmates).await;
    assert_eq!(counts(&r), (3, 2, 0, 1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("workshop.unknown"), Some(&1));
    let held = app.store.inmates(st).await.unwrap();
    let at_work = app.store.assignments(held.iter().find(|i| i.register_number == "ST-000001").unwrap().inmate_id);
    assert_eq!(at_work.await.unwrap().len(), 1, "he works in the bakery from 15 January");

    assert_eq!(counts(&run(&app, &root, &facilities).await), (3, 0, 1, 2));
    assert_eq!(counts(&run(&app, &manager, &inmates).await), (3, 0, 2, 1));
    assert_eq!(app.store.inmates(st).await.unwrap().len(), 2);

    // A month's output: held when the same, refused when a file would rewrite it.
    let output = "Учреждение;Цех;Месяц;Продукция;Единица;Количество;Для нужд УИС;Цена для УИС;Накормлено осужденных
        st-1;w1;2026-01;Нан;loaf;12 000;11 000;25;800
        st-1;w1;2026-02;Нан;loaf;11 500;10 500;25;800
        st-1;w9;2026-02;Нан;loaf;1;0;0;0
";
    let f = file(dir.path(), Kind::PrisonProduction, "output.csv", output, false);
    assert_eq!(counts(&run(&app, &manager, &f).await), (3, 2, 0, 1));
    let changed = output.replace("11 500;10 500", "11 600;10 500");
    let r = run(&app, &manager, &file(dir.path(), Kind::PrisonProduction, "changed.csv", &changed, false)).await;
    assert_eq!(counts(&r), (3, 0, 1, 2), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("production.month_exists"), Some(&1));

    // Headcounts: the day the facilities' file counted is held; a new day is added.
    let counts_file = "Учреждение;Дата;Численность\nst-1;01.01.2026;850\nst-1;01.02.2026;860\n\
        st-1;2026-03-01;много\nxx;01.02.2026;1\n";
    let f = file(dir.path(), Kind::PrisonHeadcounts, "headcounts.csv", counts_file, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (4, 1, 1, 2), "{r:?}");
    assert_eq!(
        (r.rejected_by_rule.get("number.whole"), r.rejected_by_rule.get("facility.unknown")),
        (Some(&1), Some(&1))
    );
    assert_eq!(app.store.populations(st).await.unwrap().len(), 2);

    // Orders: each delivered quantity a sale on its day; the workshop's number keys the order.
    let orders =
        "Учреждение;Цех;Номер заказа;Заказчик;Дата заказа;Срок;Продукция;Количество;Цена;Поставлено;Дата поставки
        st-1;w1;З-1;Мектеп;01.02.2026;30.06.2026;Нан;1 000;25;400;15.02.2026
        st-1;w1;З-2;Бажы;01.03.2026;30.06.2026;Нан;100;25;;
        st-1;w1;З-1;Мектеп;01.02.2026;30.06.2026;Нан;1 000;25;400;15.02.2026
        st-1;w1;З-3;Бажы;01.03.2026;30.06.2026;Нан;100;25;101;15.03.2026
        st-1;w1;З-4;Бажы;01.03.2026;30.06.2026;Нан;100;25;10;15.02.2026
";
    let f = file(dir.path(), Kind::PrisonOrders, "orders.csv", orders, false);
    let r = run(&app, &manager, &f).await;
    assert_eq!(counts(&r), (5, 2, 0, 3), "{r:?}");
    for rule in ["reference.twice_in_file", "order.over_delivery", "order.delivered_before_ordered"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let bakery = app.store.workshops(st).await.unwrap().into_iter().find(|w| w.code == "w1").unwrap().workshop_id;
    let held = app.store.orders(bakery).await.unwrap();
    let first = held.iter().find(|o| o.customer == "Мектеп").expect("imported");
    let lines = app.store.order_lines(first.order_id).await.unwrap();
    assert_eq!(lines.iter().map(|l| (l.quantity, l.delivered)).collect::<Vec<_>>(), [(1_000, 400)]);
    assert_eq!(counts(&run(&app, &manager, &f).await), (5, 0, 2, 3));

    // Sales outside orders, by the workshop's number of each (a receipt); revenue follows.
    let sales = "Учреждение;Цех;Накладная;Дата продажи;Покупатель;Продукция;Количество;Цена
        st-1;w1;Н-1;20.02.2026;Базар;Нан;200;25
        st-1;w1;Н-2;21.02.2026;Базар;Нан;0;25
        st-1;w1;Н-1;22.02.2026;Базар;Нан;10;25
        st-1;w9;Н-3;22.02.2026;Базар;Нан;10;25
        st-1;w1;Н*4;22.02.2026;Базар;Нан;10;25
";
    let f = file(dir.path(), Kind::PrisonSales, "sales.csv", sales, false);
    let r = run(&app, &manager, &f).await;
    assert_eq!(counts(&r), (5, 1, 0, 4), "{r:?}");
    for rule in ["production.quantity_positive", "reference.twice_in_file", "workshop.unknown", "reference.format"] {
        assert_eq!(r.rejected_by_rule.get(rule), Some(&1), "{rule}: {r:?}");
    }
    let (from, to) = (time::macros::date!(2026 - 02 - 01), time::macros::date!(2026 - 02 - 28));
    let sold = app.store.sales(bakery, from, to).await.unwrap();
    let market: Vec<i64> = sold.iter().filter(|s| s.customer == "Базар").map(|s| s.amount_tyiyn).collect();
    assert_eq!(market, [500_000], "200 loaves at 25 som: {sold:?}");
    assert_eq!(counts(&run(&app, &manager, &f).await), (5, 0, 1, 4), "a file sent again adds nothing");

    // Timesheets: an inmate's days at work in a workshop's month.
    let timesheets = "Учреждение;Цех;Табель за;Личный номер;Рабочих дней;Отработано дней
        st-1;w1;2026-02;ST-000001;20;18
        st-1;w1;2026-02;ST-000002;20;21
        st-1;w1;2026-02;ST-000009;20;10
        st-1;w1;2026-02;ST-000001;20;18
        st-1;w1;1990-02;ST-000001;20;18
        st-1;w1;2026-03;ST-000001;20;21
";
    let f = file(dir.path(), Kind::PrisonTimesheets, "timesheets.csv", timesheets, false);
    let r = run(&app, &manager, &f).await;
    assert_eq!(counts(&r), (6, 1, 0, 5), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("timesheet.days_over_month"), Some(&1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("timesheet.not_a_worker"), Some(&3), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("reference.twice_in_file"), Some(&1), "{r:?}");
    let february = time::macros::date!(2026 - 02 - 01);
    let workers = app.store.month_workers(bakery, february, time::macros::date!(2026 - 02 - 28)).await.unwrap();
    let first = workers.iter().find(|w| w.register_number == "ST-000001").unwrap();
    assert_eq!((first.working_days, first.days_worked), (Some(20), Some(18)));
    assert_eq!(counts(&run(&app, &manager, &f).await), (6, 0, 1, 5), "a file sent again adds nothing");
    let other = "facility,workshop,month,register_number,working_days,days_worked\nst-1,w1,2026-02,ST-000001,20,17\n";
    let r = run(&app, &manager, &file(dir.path(), Kind::PrisonTimesheets, "other.csv", other, false)).await;
    assert_eq!(r.rejected_by_rule.get("timesheet.month_exists"), Some(&1), "never rewritten by a file: {r:?}");

    // Training: a course added by its first row, its trainees' places and their certificates.
    let training = "facility,course,trade,starts,months,places,register_number,enrolled_on,finished_on,completed,certificate_number
        st-1,Наабайчылык,baker,2026-01-10,3,2,ST-000001,2026-01-10,2026-04-10,yes,НК-001
        st-1,Наабайчылык,baker,2026-01-10,3,2,ST-000002,2026-01-10,2026-02-01,no,
        st-1,Наабайчылык,baker,2026-01-10,3,2,ST-000009,2026-01-10,,,
        st-1,Наабайчылык,baker,2026-01-10,3,2,ST-000001,2026-01-10,,,
";
    let f = file(dir.path(), Kind::PrisonTraining, "training.csv", training, false);
    let r = run(&app, &manager, &f).await;
    assert_eq!(counts(&r), (4, 2, 0, 2), "{r:?}");
    assert_eq!(
        (r.rejected_by_rule.get("inmate.unknown"), r.rejected_by_rule.get("reference.twice_in_file")),
        (Some(&1), Some(&1))
    );
    let course = app.store.courses(st).await.unwrap();
    assert_eq!((course.len(), course[0].completed), (1, 1), "{course:?}");
    assert_eq!(counts(&run(&app, &manager, &f).await), (4, 0, 2, 2));

    // Releases and what followed them.
    let releases = "Учреждение;Личный номер;Дата освобождения\nst-1;ST-000001;01.03.2026\nst-1;ST-000009;01.03.2026\n\
        st-1;ST-000002;01.01.2030\n";
    let f = file(dir.path(), Kind::PrisonReleases, "releases.csv", releases, false);
    let r = run(&app, &manager, &f).await;
    assert_eq!(counts(&r), (3, 1, 0, 2), "{r:?}");
    assert_eq!((r.rejected_by_rule.get("inmate.unknown"), r.rejected_by_rule.get("date.future")), (Some(&1), Some(&1)));
    let moved = "facility,register_number,released_on\nst-1,ST-000001,2026-03-01\nst-1,ST-000001,2026-03-02\n";
    let r = run(&app, &manager, &file(dir.path(), Kind::PrisonReleases, "moved.csv", moved, false)).await;
    assert_eq!(counts(&r), (2, 0, 1, 1), "{r:?}");
    let follow = "facility,register_number,months_after,checked_on,outcome,note\n\
        st-1,ST-000001,3,2026-06-01,employed,Нан заводу\nst-1,ST-000002,3,2026-06-01,employed,\n\
        st-1,ST-000001,6,2026-06-01,employed,\n";
    let f = file(dir.path(), Kind::PrisonFollowUps, "follow.csv", follow, false);
    let r = run(&app, &manager, &f).await;
    assert_eq!(counts(&r), (3, 1, 0, 2), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("follow_up.not_released"), Some(&1), "{r:?}");
    assert_eq!(counts(&run(&app, &manager, &f).await), (3, 0, 1, 2));
}

async fn programmes_and_calls_import_as_the_rules_form_reads_them_and_versions_are_never_rewritten(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let root = Caller::operator("root");
    // A programme defined by its first row; the second version keeps what it leaves blank.
    let programmes = "Программа;Вид программы;name_ky;name_ru;name_en;Действует с;Бюджет;Предельная сумма гранта;\
        Первый транш;Первый транш через;Второй транш;Второй транш через;Квота\n\
        sc-osh;;Социалдык келишим;Социальный контракт;Social Contract;01.01.2024;1 000 000 000;100 000;70;0;30;6;10000\n\
        sc-osh;;;;;01.01.2025;;120 000;100;0;;;\n\
        sc-osh;;;;;01.01.2026;;;60;0;30;6;\n\
        sc-new;;;;;01.01.2024;;;;;;;\n\
        sc-osh;;;;;01.01.2025;;130 000;;;;;\n";
    let f = file(dir.path(), Kind::ScProgrammes, "programmes.csv", programmes, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (5, 2, 0, 3), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("programme.tranches_not_whole"), Some(&1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("programme.name_required"), Some(&1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("reference.twice_in_file"), Some(&1), "{r:?}");
    let listed = app.store.programmes().await.unwrap();
    let osh = listed.iter().find(|p| p.code == "sc-osh").expect("created");
    assert_eq!((osh.kind.as_str(), osh.name_en.as_str()), ("social_contract", "Social Contract"));
    let book = app.store.rule_book(osh.programme_id).await.unwrap();
    let [first, second] = book.versions() else { panic!("two versions: {book:?}") };
    assert_eq!(
        (first.grant_cap, first.budget, first.quota_total),
        (Money::som(100_000), Money::som(1_000_000_000), 10_000)
    );
    assert_eq!(
        (second.grant_cap, second.budget, second.tranches.len(), second.eligibility.clone()),
        (Money::som(120_000), Money::som(1_000_000_000), 1, first.eligibility.clone())
    );
    // Again: both versions held; one of them changed is refused, never rewritten.
    let again = "programme,effective_from,grant_cap_som\nsc-osh,2024-01-01,\nsc-osh,2025-01-01,150000\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScProgrammes, "again.csv", again, false)).await;
    assert_eq!(counts(&r), (2, 0, 1, 1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("rules.version_exists"), Some(&1));

    let calls = "Программа;Набор;Открыт с;Открыт до\nsc-osh;2024;01.02.2024;30.11.2024\n\
        sc-osh;2025;2025-02-01;2025-01-01\nsc-xx;2024;01.02.2024;30.11.2024\n";
    let f = file(dir.path(), Kind::ScCalls, "calls.csv", calls, false);
    let r = run(&app, &root, &f).await;
    assert_eq!(counts(&r), (3, 1, 0, 2), "{r:?}");
    assert_eq!(
        (r.rejected_by_rule.get("call.closes_before_opening"), r.rejected_by_rule.get("programme.unknown")),
        (Some(&1), Some(&1))
    );
    let moved = "programme,call,opens,closes\nsc-osh,2024,2024-02-01,2024-11-30\nsc-osh,2024,2024-03-01,2024-11-30\n";
    let r = run(&app, &root, &file(dir.path(), Kind::ScCalls, "moved.csv", moved, false)).await;
    assert_eq!(counts(&r), (2, 0, 1, 1), "{r:?}");
    assert_eq!(r.rejected_by_rule.get("reference.twice_in_file"), Some(&1));
    assert_eq!(app.store.calls(osh.programme_id).await.unwrap().len(), 1);
    // An oblast's administrator imports neither.
    let oblast = officer("osh-admin", Role::Administrator, "oblast:KG-O");
    let refused = import(&app, &oblast, &f, &mut |_, _| {}).await;
    assert!(matches!(refused, Err(RecordsError::App(AppError::Refused("import.not_allowed")))));
}

/// A hotline's register kept in Russian headings: two good complaints, one naming a rayon that
/// is not, one repeating a number, one of a rayon the officer does not handle.
const GRIEVANCES: &str = "Номер обращения;Дата поступления;Канал;Категория;Район;Анонимно;Заявитель;Телефон;Язык;Жалоба\n\
    HL-1;03.02.2025;hotline;payment.late;KG-O-KSU;нет;Асанова Гүлнара;+996555123456;ru;Транш не пришёл\n\
    HL-2;2025-02-04;;integrity.corruption;KG-O-KSU;да;;;;Комиссия просила деньги\n\
    HL-3;2025-02-05;letter;data.wrong;KG-O-XXX;нет;Осмонов Бекжан;;ky;Адрес неверный\n\
    HL-1;2025-02-06;hotline;payment.late;KG-O-KSU;нет;Асанова Гүлнара;;ky;Ещё раз\n\
    HL-4;2025-02-07;hotline;payment.late;KG-T-TAL;нет;Бакиев Марат;;ky;Транш не пришёл\n";

async fn grievances_taken_elsewhere_import_numbered_in_the_register_and_again_add_nothing(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let worker = officer("aigul", Role::CaseWorker, "rayon:KG-O-KSU");
    let f = file(dir.path(), Kind::Grievances, "hotline.csv", GRIEVANCES, false);
    let r = run(&app, &worker, &f).await;
    assert_eq!(counts(&r), (5, 2, 0, 3), "{r:?}");
    assert_eq!(
        (r.rejected_by_rule.get("rayon.unknown"), r.rejected_by_rule.get("reference.twice_in_file")),
        (Some(&1), Some(&1)),
        "{r:?}"
    );
    assert_eq!(r.rejected_by_rule.get("scope.outside"), Some(&1), "Talas is not hers");
    let rejects = std::fs::read_to_string(dir.path().join("hotline.csv.rejects.csv")).unwrap();
    assert!(
        rejects.contains("\n4,rayon,rayon.unknown,KG-O-XXX") && rejects.contains("\n6,row,scope.outside"),
        "{rejects}"
    );

    let all = app.store.grievances_since(time::macros::date!(2000 - 01 - 01), 10).await.unwrap();
    assert_eq!(all.len(), 2);
    let late = all.iter().find(|g| g.category == "payment.late").unwrap();
    assert_eq!(
        (late.channel.as_str(), late.language.as_str(), late.received_on),
        ("hotline", "ru", time::macros::date!(2025 - 02 - 03))
    );
    let bribe = all.iter().find(|g| g.sensitive).unwrap();
    assert_eq!((bribe.channel.as_str(), bribe.anonymous), ("import", true), "an empty channel is the file's");
    assert!(app.store.notices_after(0, 10).await.unwrap().is_empty(), "the past tells nobody");

    let again = run(&app, &worker, &f).await;
    assert_eq!((again.added, again.already_held), (0, 2), "{again:?}");
    assert_eq!(app.store.grievances_since(time::macros::date!(2000 - 01 - 01), 10).await.unwrap().len(), 2);
}

on_both_backends!(
    the_ovop_files_import_through_the_use_cases_and_again_add_nothing,
    all_or_nothing_writes_no_row_of_a_file_with_a_rejected_one_and_all_of_a_clean_one,
    an_officer_imports_within_her_places_and_without_the_permission_is_refused,
    monthly_reports_import_on_the_contracts_they_name_and_a_month_held_is_never_rewritten,
    prison_files_bring_facilities_workshops_and_inmates_at_work_and_again_add_nothing,
    programmes_and_calls_import_as_the_rules_form_reads_them_and_versions_are_never_rewritten,
    grievances_taken_elsewhere_import_numbered_in_the_register_and_again_add_nothing,
);
