//! The demonstration Expert Group and its business plans: in 2011 it approved three plans —
//! soya milk and textiles at Stepnoe, bread at Novo-Pokrovka — worth 231,000 USD in total, and
//! the project bought equipment, building materials and furniture against them. A fourth plan,
//! a hairdressing salon, waits for the group's review so that the demo's expert has work.

use emgek_domain::access::{Access, Grant, Role, Scope};
use emgek_domain::social_contract::application::Event;
use emgek_domain::social_contract::review::Recommendation;
use emgek_store::Source;

use crate::prison::plans::{PlanForm, PurchaseForm};
use crate::review::Scorecard;
use crate::{App, AppError, Caller, Clock, accounts, prison};
use time::Date;
use time::macros::date;

/// The Expert Group's members: the first is a demonstration account (see `demo::DEMO_USERS`).
pub const EXPERTS: [(&str, &str); 3] =
    [("aizada", "Айзада Токтогулова"), ("talant", "Талант Жумабаев"), ("gulnara", "Гүлнара Асанова")];

/// (facility index in the demo's places, title, activity, jobs, lines of (item, category, USD),
/// purchases of (line, day, supplier, method, reference, USD)).
type Purchase = (usize, Date, &'static str, &'static str, &'static str, i64);
type Plan = (usize, &'static str, &'static str, i64, &'static [(&'static str, &'static str, i64)], &'static [Purchase]);

const APPROVED: [Plan; 3] = [
    (
        0,
        "Соя сүтү цехи: жабдуу жана окутуу",
        "соя сүтү",
        15,
        &[
            ("Соя сүтүн өндүрүү линиясы", "equipment", 48_000),
            ("Курулуш материалдары", "works", 14_000),
            ("Эмерек", "other", 6_000),
        ],
        &[
            (0, date!(2011 - 08 - 15), "ОсОО «Агромаш»", "tender", "UNODC/2011/017", 24_500),
            (1, date!(2011 - 07 - 04), "ОсОО «Курулуш Сервис»", "quotations", "UNODC/2011/012", 13_200),
        ],
    ),
    (
        1,
        "Наабайкананы жаңылоо",
        "нан",
        40,
        &[
            ("Нан бышыруучу меш жана камыр аралаштыргыч", "equipment", 70_000),
            ("Курулуш материалдары", "works", 18_000),
        ],
        &[
            (0, date!(2011 - 05 - 20), "ОсОО «Пекарь-Азия»", "tender", "UNODC/2011/009", 49_000),
            (1, date!(2011 - 04 - 28), "ОсОО «Курулуш Сервис»", "quotations", "UNODC/2011/006", 17_650),
        ],
    ),
    (
        0,
        "Тигүү цехин кеңейтүү",
        "текстиль",
        30,
        &[
            ("Өнөр жай тигүү машиналары", "equipment", 60_000),
            ("Эмерек", "other", 8_000),
            ("Кездеме", "materials", 7_000),
        ],
        &[(0, date!(2011 - 06 - 10), "ОсОО «Текстиль-Техно»", "tender", "UNODC/2011/011", 41_800)],
    ),
];

/// Points per criterion (viability, market, inmate_jobs, training, food_self_sufficiency) each
/// expert gave each approved plan.
const POINTS: [[[u32; 5]; 3]; 3] = [
    [[8, 9, 8, 5, 4], [7, 8, 8, 5, 4], [8, 8, 9, 4, 5]],
    [[9, 8, 9, 3, 5], [9, 9, 8, 3, 5], [8, 9, 9, 3, 5]],
    [[7, 9, 9, 4, 1], [8, 8, 9, 5, 1], [7, 8, 8, 4, 2]],
];
const CRITERIA: [&str; 5] = ["viability", "market", "inmate_jobs", "training", "food_self_sufficiency"];

/// The demo's experts, created if the demo's accounts do not already hold them, as callers.
async fn experts(app: &App) -> Result<Vec<Caller>, AppError> {
    let mut experts = Vec::new();
    for (username, name) in EXPERTS {
        let access = Access::new(vec![Grant { role: Role::ExpertGroupMember, scope: Scope::Country }]);
        let id = match app.store.user_by_username(username).await? {
            Some(u) => u.id,
            None => {
                let expert = [(username, name, access.grants.clone())];
                let password = super::DEMO_PASSWORD;
                accounts::add_accounts_sharing_password(app, &Caller::demo(), password, &expert).await?[0]
            }
        };
        experts.push(Caller::user(id, username, access, Source::Demo, ""));
    }
    Ok(experts)
}

fn scorecard(points: [u32; 5]) -> Scorecard<'static> {
    let scores = CRITERIA.iter().zip(points).map(|(c, p)| (c.to_string(), p)).collect();
    Scorecard { conflict: false, scores, recommendation: Some(Recommendation::Approve), comment: "" }
}

/// The app on a day of the story: what each step takes for today.
fn on(app: &App, day: Date) -> App {
    let noon = day.with_time(time::macros::time!(12:00)).assume_utc();
    app.clone().with_clock(Clock::Fixed(noon))
}

/// The Expert Group, its members, and the plans of `facilities` (Stepnoe, Novo-Pokrovka).
pub async fn create(app: &App, facilities: [i64; 2]) -> Result<(), AppError> {
    let demo = Caller::demo();
    let group = "Эксперттик топ (түрмөлөрдөгү киреше алып келүүчү иш-аракеттер)";
    prison::plans::set_expert_group(app, &demo, group, "3").await?;
    let experts = experts(app).await?;
    for expert in &experts {
        prison::plans::add_expert(app, &demo, expert.user_id.expect("a user")).await?;
    }
    // The demo's enterprise manager writes the plans of both facilities.
    let access = Access::new(vec![Grant { role: Role::EnterpriseManager, scope: Scope::Country }]);
    let manager = Caller { name: "bakyt".into(), access, ..Caller::demo() };
    let summary = "ЕБ/БУУнун Баңгизат жана кылмыштуулук боюнча башкармалыгынын долбоору аркылуу";
    for (n, (place, title, activity, jobs, lines, purchases)) in APPROVED.iter().enumerate() {
        let written = on(app, date!(2011 - 02 - 15));
        let plan = PlanForm {
            facility_id: facilities[*place],
            title,
            activity,
            summary,
            currency: "USD",
            inmate_jobs: &jobs.to_string(),
        };
        let id = prison::plans::create_plan(&written, &manager, plan).await?;
        let mut line_ids = Vec::new();
        for (item, category, dollars) in *lines {
            line_ids.push(prison::plans::add_line(&written, &manager, id, item, category, &dollars.to_string()).await?);
        }
        prison::plans::submit(&written, &manager, id).await?;
        prison::plans::move_on(&on(app, date!(2011 - 03 - 01)), &experts[0], id, Event::StartReview, "").await?;
        for (expert, points) in experts.iter().zip(POINTS[n]) {
            prison::plans::review(&on(app, date!(2011 - 03 - 20)), expert, id, scorecard(points)).await?;
        }
        let decided = on(app, date!(2011 - 03 - 25));
        prison::plans::decide(&decided, &experts[0], id, Recommendation::Approve, "").await?;
        for (line, day, supplier, method, reference, dollars) in *purchases {
            let purchase = PurchaseForm {
                line_id: &line_ids[*line].to_string(),
                purchased_on: &day.to_string(),
                supplier,
                method,
                reference,
                amount: &dollars.to_string(),
            };
            prison::plans::record_purchase(&on(app, *day), &manager, id, purchase).await?;
        }
    }
    // A plan the group is still reviewing, in som: one expert has scored it.
    let salon = PlanForm {
        facility_id: facilities[0],
        title: "Лицейдеги чач тарач салону",
        activity: "чач тарач",
        summary: "Бошотулганга чейин кесип: 12 аял окуйт жана иштейт",
        currency: "KGS",
        inmate_jobs: "12",
    };
    let id = prison::plans::create_plan(app, &manager, salon).await?;
    prison::plans::add_line(app, &manager, id, "Чач тарач отургучтары жана күзгүлөр", "equipment", "310000").await?;
    prison::plans::add_line(app, &manager, id, "Окутуу (5 ай)", "training", "90000").await?;
    prison::plans::submit(app, &manager, id).await?;
    prison::plans::move_on(app, &experts[0], id, Event::StartReview, "").await?;
    let card = Scorecard {
        comment: "Базар бар, бирок чыгымдарды тактоо керек", ..scorecard([7, 6, 6, 5, 0])
    };
    prison::plans::review(app, &experts[1], id, card).await?;
    Ok(())
}
