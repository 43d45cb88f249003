//! The demonstration Expert Group and its business plans: in 2011 it approved three plans —
//! soya milk and textiles at Stepnoe, bread at Novo-Pokrovka — worth 231,000 USD in total, and
//! the project bought equipment, building materials and furniture against them. A fourth plan,
//! a hairdressing salon, waits for the group's review so that the demo's expert has work.

use std::collections::BTreeMap;

use emgek_domain::access::{Grant, Role, Scope};
use emgek_domain::social_contract::application::Event;
use emgek_store::plans::{NewPlan, NewPurchase};
use emgek_store::programmes::{NewReview, ReviewSubject};
use emgek_store::{Actor, Source, Store};

use crate::{App, AppError};
use time::Date;
use time::macros::date;

/// The Expert Group's members: the first is a demonstration account (see `demo::DEMO_USERS`).
pub const EXPERTS: [(&str, &str); 3] =
    [("aizada", "Айзада Токтогулова"), ("talant", "Талант Жумабаев"), ("gulnara", "Гүлнара Асанова")];

const USD: i64 = 100;

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

/// The demo's experts, created if the demo's accounts do not already hold them.
async fn experts(store: &Store) -> Result<Vec<i64>, AppError> {
    let mut ids = Vec::new();
    for (username, name) in EXPERTS {
        if let Some(u) = store.user_by_username(username).await? {
            ids.push(u.id);
            continue;
        }
        let expert = [(username, name, vec![Grant { role: Role::ExpertGroupMember, scope: Scope::Country }])];
        let app = crate::App::new(store.clone());
        let (caller, password) = (crate::Caller::demo(), super::DEMO_PASSWORD);
        let added = crate::accounts::add_accounts_sharing_password(&app, &caller, password, &expert).await;
        ids.extend(added?);
    }
    Ok(ids)
}

fn scorecard(points: [u32; 5]) -> BTreeMap<String, u32> {
    CRITERIA.iter().zip(points).map(|(c, p)| (c.to_string(), p)).collect()
}

/// The Expert Group, its members, and the plans of `facilities` (Stepnoe, Novo-Pokrovka).
pub async fn create(app: &App, by: &Actor, facilities: [i64; 2]) -> Result<(), AppError> {
    let store = &app.store;
    let group = "Эксперттик топ (түрмөлөрдөгү киреше алып келүүчү иш-аракеттер)";
    store.set_expert_group(by, group, 3).await?;
    let members = experts(store).await?;
    let (group_id, _) = store.expert_group().await?.map(|(g, m)| (g.commission_id, m)).expect("just set up");
    for id in &members {
        store.add_commission_member(by, group_id, *id, "").await?;
    }
    let manager = Actor::new("bakyt", Source::Demo);
    for (n, (place, title, activity, jobs, lines, purchases)) in APPROVED.iter().enumerate() {
        let plan = NewPlan {
            facility_id: facilities[*place],
            title: (*title).into(),
            activity: (*activity).into(),
            summary: "ЕБ/БУУнун Баңгизат жана кылмыштуулук боюнча башкармалыгынын долбоору аркылуу".into(),
            currency: "USD".into(),
            inmate_jobs: *jobs,
        };
        let id = store.create_plan(&manager, &plan).await?;
        let mut line_ids = Vec::new();
        for (item, category, dollars) in *lines {
            line_ids.push(store.add_plan_line(&manager, id, item, category, dollars * USD).await?);
        }
        store.plan_transition(&manager, id, Event::Submit, "", None, date!(2011 - 02 - 15)).await?;
        store.plan_transition(by, id, Event::StartReview, "", None, date!(2011 - 03 - 01)).await?;
        let mut sum = 0;
        for (m, user_id) in members.iter().enumerate() {
            let points = POINTS[n][m];
            let total: u32 = points.iter().sum();
            sum += i64::from(total);
            let review = NewReview {
                subject: ReviewSubject::EnterprisePlan(id),
                user_id: *user_id,
                conflict: false,
                scores: scorecard(points),
                total,
                recommendation: "approve".into(),
                comment: String::new(),
            };
            store.record_review(&Actor::new(EXPERTS[m].0, Source::Demo), &review).await?;
        }
        let score = sum * 100 / 3;
        store.plan_transition(by, id, Event::Approve, "", Some(score), date!(2011 - 03 - 25)).await?;
        for (line, on, supplier, method, reference, dollars) in *purchases {
            let p = NewPurchase {
                plan_id: id,
                line_id: line_ids[*line],
                purchased_on: *on,
                supplier: (*supplier).into(),
                method: (*method).into(),
                reference: (*reference).into(),
                amount_minor: dollars * USD,
            };
            store.record_purchase(&manager, &p).await?;
        }
    }
    // A plan the group is still reviewing, in som: one expert has scored it.
    let salon = NewPlan {
        facility_id: facilities[0],
        title: "Лицейдеги чач тарач салону".into(),
        activity: "чач тарач".into(),
        summary: "Бошотулганга чейин кесип: 12 аял окуйт жана иштейт".into(),
        currency: "KGS".into(),
        inmate_jobs: 12,
    };
    let id = store.create_plan(&manager, &salon).await?;
    store.add_plan_line(&manager, id, "Чач тарач отургучтары жана күзгүлөр", "equipment", 310_000 * 100).await?;
    store.add_plan_line(&manager, id, "Окутуу (5 ай)", "training", 90_000 * 100).await?;
    let today = time::OffsetDateTime::now_utc().date();
    store.plan_transition(&manager, id, Event::Submit, "", None, today).await?;
    store.plan_transition(by, id, Event::StartReview, "", None, today).await?;
    let review = NewReview {
        subject: ReviewSubject::EnterprisePlan(id),
        user_id: members[1],
        conflict: false,
        scores: scorecard([7, 6, 6, 5, 0]),
        total: 24,
        recommendation: "approve".into(),
        comment: "Базар бар, бирок чыгымдарды тактоо керек".into(),
    };
    store.record_review(&Actor::new(EXPERTS[1].0, Source::Demo), &review).await?;
    Ok(())
}
