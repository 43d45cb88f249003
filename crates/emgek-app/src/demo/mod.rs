//! The demonstration: a made-up country built through the use cases, so that a change in a
//! rule reaches it too. Accounts, one per role, their passwords shown on the sign-in page of a
//! demonstration installation (and only there); the Social Contract's 2024 round; the earlier
//! years carried over ([`history`]); the prison enterprises ([`prison`], with the Expert
//! Group's plans in [`plans`]); One Village – One Product ([`ovop`]); and Kara-Suu's
//! grievances ([`grievances`]).

pub mod grievances;
pub mod history;
pub mod ovop;
mod plans;
pub mod prison;

use emgek_domain::access::{Grant, Role, Scope};
use emgek_store::Source;

use crate::{App, AppError, Caller, Clock};
use emgek_domain::access::Permission;
use time::Date;

/// The password of every demonstration account. Not a secret: it is printed on the page.
pub const DEMO_PASSWORD: &str = "demo-Ala-Too-2026";

/// (user name, display name, role, scope) of the demonstration accounts.
pub const DEMO_USERS: &[(&str, &str, Role, &str)] = &[
    ("admin", "Администратор", Role::Administrator, "country"),
    ("aigul", "Айгүл Бекова", Role::CaseWorker, "rayon:KG-O-KSU"),
    ("nurlan", "Нурлан Осмонов", Role::CommissionMember, "rayon:KG-O-KSU"),
    // Sits on the same commission, but took part in none of its decisions: she hears appeals.
    ("cholpon", "Чолпон Асанова", Role::CommissionMember, "rayon:KG-O-KSU"),
    ("bakyt", "Бакыт Сыдыков", Role::EnterpriseManager, "facility:stepnoe"),
    ("aizada", "Айзада Токтогулова", Role::ExpertGroupMember, "country"),
    ("asel", "Асель Мамытова", Role::OvopOfficer, "oblast:KG-Y"),
    ("erkin", "Эркин Садыров", Role::BrandCommitteeMember, "oblast:KG-Y"),
    ("dinara", "Динара Исакова", Role::HqAnalyst, "country"),
    ("auditor", "Auditor (EU)", Role::Auditor, "country"),
    ("gulzat", "Гүлзат Абдыкадырова", Role::IntegrityOfficer, "oblast:KG-O"),
];

/// Creates the demonstration accounts on a database without users; returns how many.
pub async fn create_users_if_none(app: &App) -> Result<usize, AppError> {
    let store = &app.store;
    if store.count_users().await? > 0 {
        return Ok(0);
    }
    let accounts: Vec<(&str, &str, Vec<Grant>)> = DEMO_USERS
        .iter()
        .map(|(username, name, role, scope)| {
            (*username, *name, vec![Grant { role: *role, scope: Scope::parse(scope).expect("demo scopes are valid") }])
        })
        .collect();
    let app = crate::App::new(store.clone());
    crate::accounts::add_accounts_sharing_password(&app, &crate::Caller::demo(), DEMO_PASSWORD, &accounts).await?;
    Ok(DEMO_USERS.len())
}

/// The demonstration Social Contract: the 2024 programme (20,000 families, grants of 100,000
/// som), its call, a training, the Kara-Suu commission, and applications of Kara-Suu families
/// in every state, from drafts to contracts paid and reported on. Every step goes through the
/// use cases a ministry's staff use, on the day of 2024 it happens (the app's clock is stopped
/// there), so the rules check the demonstration as they check anyone. Leaves a database that
/// has a programme alone; returns how many applications it made.
pub async fn create_social_contract_if_none(app: &App) -> Result<usize, AppError> {
    use emgek_domain::Money;
    use emgek_domain::social_contract::application::Event;
    use emgek_domain::social_contract::business_plan::{
        BudgetCategory, BudgetLine, BusinessPlan, MonthProjection, Sector,
    };
    use emgek_domain::social_contract::programme::ProgrammeRules;
    use emgek_domain::social_contract::review::Recommendation;
    use emgek_store::{HouseholdFilter, PageRequest};
    use time::macros::date;

    use crate::programmes::{self, NewProgramme};
    use crate::review::Scorecard;
    use crate::social_contract::{self as sc, NewCommission, contracts, payments, trainings};

    if !app.store.programmes().await?.is_empty() {
        return Ok(0);
    }
    // The ministry (the demonstration's operator) at 10:00 on each day the round needs.
    let on = |day: Date| app.clone().with_clock(Clock::Fixed(day.with_hms(10, 0, 0).expect("10:00").assume_utc()));
    let ministry = Caller::demo();
    let (opening, applying, reporting) =
        (on(date!(2024 - 01 - 15)), on(date!(2024 - 06 - 01)), on(date!(2024 - 09 - 02)));
    let rules = ProgrammeRules::example_2024();
    let names = ["Социалдык келишим", "Социальный контракт", "Social Contract"];
    let programme = programmes::create_programme(
        &opening,
        &ministry,
        NewProgramme { code: "social-contract", kind: "social_contract", names },
    )
    .await?;
    programmes::add_rules(&opening, &ministry, programme, &rules).await?;
    let (opens, closes) = (rules.window_opens.to_string(), rules.window_closes.to_string());
    let call = programmes::create_call(&opening, &ministry, programme, "2024", &opens, &closes).await?;
    let training = trainings::NewTraining {
        title: "Бизнес-план жана каржылык сабаттуулук",
        held_on: "2024-03-12",
        rayon: "KG-O-KSU",
    };
    let training = trainings::create_training(&opening, &ministry, call, training).await?;
    let commission = NewCommission {
        rayon: "KG-O-KSU",
        name: "Кара-Суу райондук комиссиясы",
        quorum: "1",
        conflict_rule: "same_aiyl_okmotu",
    };
    let commission = sc::create_commission(&opening, &ministry, call, commission).await?;
    // Nurlan reviews for the commission; Cholpon, seated beside him, takes part in none of its
    // decisions and so may hear their appeals. A database whose accounts are not the
    // demonstration's gets their accounts too.
    let mut seated = Vec::new();
    for username in ["nurlan", "cholpon"] {
        let id = match app.store.user_by_username(username).await? {
            Some(u) => u.id,
            None => {
                let (_, name, role, scope) =
                    DEMO_USERS.iter().find(|u| u.0 == username).expect("a demo commission member");
                let grants = vec![Grant { role: *role, scope: Scope::parse(scope).expect("demo scopes are valid") }];
                let account = [(username, *name, grants)];
                crate::accounts::add_accounts_sharing_password(app, &ministry, DEMO_PASSWORD, &account).await?[0]
            }
        };
        sc::add_commission_member(&opening, &ministry, commission, id, "Кара-Суу шаары").await?;
        seated.push(id);
    }
    let nurlan = seated[0];
    let u = app.store.user(nurlan).await?;
    let member = Caller::user(u.id, u.username, u.access, Source::Demo, "");

    let filter = HouseholdFilter { rayon: Some("KG-O-KSU".into()), ..Default::default() };
    let households = app.store.list_households(&filter, PageRequest::new(Some(1), Some(40))).await?.items;
    let sectors = [
        (Sector::Agriculture, "Сүт уйлары", BudgetCategory::Livestock, "Уй", 2, 42_000),
        (Sector::Manufacturing, "Кийиз буюмдар", BudgetCategory::Equipment, "Жүн тараткыч", 1, 70_000),
        (Sector::Trade, "Айылдагы дүкөн", BudgetCategory::Materials, "Товар", 10, 8_000),
        (Sector::Services, "Тигүү цехи", BudgetCategory::Equipment, "Тигүү машинасы", 3, 25_000),
    ];
    let mut made = 0;
    for (i, h) in households.iter().enumerate() {
        let (sector, activity, category, item, quantity, price) = sectors[i % sectors.len()];
        let plan = BusinessPlan {
            sector,
            activity: activity.into(),
            ovop_category: (i % 3 == 0).then(|| "dairy".to_string()),
            local_resources: if i % 3 == 0 { "milk" } else { "жайыт, жергиликтүү жүн" }.into(),
            lines: vec![
                BudgetLine { category, item: item.into(), quantity, unit_price: Money::som(price) },
                BudgetLine {
                    category: BudgetCategory::Premises,
                    item: "Жайды оңдоо".into(),
                    quantity: 1,
                    unit_price: Money::som(8_000),
                },
            ],
            own_contribution: Money::som(5_000),
            projection: vec![
                MonthProjection {
                    revenue: Money::som(11_000 + (i as i64 % 5) * 1_000),
                    costs: Money::som(4_500)
                };
                12
            ],
            jobs: 1 + (i as u32 % 3),
            green: i % 4 == 1,
        };
        let id = sc::create_application(&applying, &ministry, call, h.id, &plan).await?;
        made += 1;
        // Drafts stay drafts; the rest go on.
        if i % 10 == 0 {
            continue;
        }
        // Most families attended the training, and two in three receive the benefit: the case
        // worker records both before the application goes in.
        if i % 2 == 0 || i % 5 != 1 {
            trainings::record_attendance(&applying, &ministry, training, h.id).await?;
        }
        let record = app.store.household(h.id).await?;
        if i % 3 != 2 && record.fields.benefit.is_none() {
            let mut input = record.fields.to_input();
            (input.benefit_since, input.benefit_monthly_som) = ("2023-09-01".into(), "1500".into());
            crate::registry::update_household(&applying, &ministry, h.id, &input).await?;
        }
        sc::submit(&applying, &ministry, id).await?;
        let review = Permission::ReviewApplications;
        match i % 10 {
            1 => continue,
            2 => {
                let why = "Баалар боюнча сунуштарды кошуңуз";
                sc::move_on(&applying, &ministry, id, review, Event::ReturnForRevision, why).await?;
                continue;
            }
            3 => {
                let why = "Үй-бүлө башка шаарга көчтү";
                sc::move_on(&applying, &ministry, id, Permission::EditApplications, Event::Withdraw, why).await?;
                continue;
            }
            _ => {}
        }
        sc::move_on(&applying, &ministry, id, review, Event::StartReview, "").await?;
        if i % 10 == 4 {
            continue;
        }
        // One member's scores add up to the points the commission gives the plan.
        let points = 14 + (i as u32 * 7) % 16;
        let scores = [
            ("viability", points.min(10)),
            ("market", points.saturating_sub(10).min(10)),
            ("local_resources", points.saturating_sub(20).min(5)),
            ("jobs", points.saturating_sub(25).min(5)),
        ];
        let eligible = app.store.application(id).await?.assessment.is_some_and(|a| a.eligible);
        let rejected = !eligible || i % 10 == 5;
        let card = Scorecard {
            conflict: false,
            scores: scores.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            recommendation: Some(if i % 10 == 5 { Recommendation::Reject } else { Recommendation::Approve }),
            comment: "",
        };
        sc::review(&applying, &member, id, card).await?;
        if rejected {
            let why = "Үй-бүлө тандоо эрежелерине туура келбейт";
            sc::decide(&applying, &member, id, Recommendation::Reject, why).await?;
        } else {
            sc::decide(&applying, &member, id, Recommendation::Approve, "").await?;
        }
    }
    // A tight first round: the money released funds half of what the approved families ask;
    // the rest wait.
    let (candidates, _) = app.store.allocation_input(call).await?;
    let released = candidates.iter().map(|c| c.grant).sum::<i64>() / 2;
    let round = sc::allocation_of_round(&applying, &ministry, call, Some(released), true).await?;
    let mut ordered = Vec::new();
    for (n, (contract, _)) in round.contracts.iter().enumerate() {
        contracts::sign(&applying, &ministry, *contract).await?;
        if n % 3 == 2 {
            continue;
        }
        let key = format!("demo-{contract}-1");
        let (order, _) = contracts::order_tranche(&applying, &ministry, *contract, 1, &key).await?;
        ordered.push((*contract, order));
    }
    // The bank pays the first tranches on 1 July; the families report on July and August.
    payments::take_bank_file(&applying, &ministry).await?;
    let mut confirmations = format!("{}\n", payments::CONFIRMATIONS_HEADER);
    for (_, o) in &ordered {
        confirmations += &format!("{0},paid,DEMO-{0},2024-07-01\n", o.payment_order_id);
    }
    let done = payments::confirm(&applying, &ministry, &confirmations).await?;
    if !done.errors.is_empty() {
        return Err(AppError::Internal(format!("the demonstration's payments do not apply: {:?}", done.errors)));
    }
    for (contract, order) in &ordered {
        let purchase = Money::from_minor(order.amount_tyiyn / 2, emgek_domain::Currency::KGS).to_plain();
        for month in ["2024-07", "2024-08"] {
            let report = contracts::ReportInput {
                month: month.into(),
                revenue_som: "12000".into(),
                costs_som: "4500".into(),
                jobs: "2".into(),
                purchases: vec![(0, purchase.clone())],
                receipts: vec!["Дүмүрчөк №17".into()],
            };
            contracts::add_report(&reporting, &ministry, *contract, &report).await?;
        }
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use emgek_store::programmes::ReviewSubject;

    use super::*;
    use crate::testing::on_both_backends;

    async fn the_social_contract_round_goes_through_the_use_cases_from_drafts_to_reported_contracts(app: App) {
        let today = time::macros::date!(2026 - 12 - 05);
        emgek_exchange::demo::load_if_empty(&app.store, 800, today).await.unwrap();
        let made = create_social_contract_if_none(&app).await.unwrap();
        assert_eq!(made, 40);
        assert_eq!(create_social_contract_if_none(&app).await.unwrap(), 0, "once only");
        let page = emgek_store::PageRequest::new(Some(1), Some(100));
        let everywhere = emgek_domain::access::Areas::everywhere();
        let list = app.store.list_applications(1, &everywhere, None, page).await.unwrap().items;
        let count = |status: &str| list.iter().filter(|a| a.status.code() == status).count();
        assert_eq!((count("draft"), count("submitted"), count("returned"), count("withdrawn")), (4, 4, 4, 4));
        assert!(count("funded") > 0 && count("waiting_list") > 0 && count("rejected") > 0, "{list:?}");
        // Every decision rests on a review by the commission's member, who lives elsewhere.
        let decided = list.iter().find(|a| a.status.code() == "funded").unwrap();
        let reviews = app.store.reviews(ReviewSubject::Application(decided.id)).await.unwrap();
        assert_eq!(reviews.len(), 1);
        assert!(!reviews[0].conflict);
        // The frozen facts say the family was on the benefit, as the registry now does.
        let record = app.store.application(decided.id).await.unwrap();
        let household = app.store.household(record.household_id).await.unwrap();
        assert_eq!(record.snapshot.map(|s| s.on_benefit), Some(household.fields.benefit.is_some()));
        assert!(app.store.ledger(1).await.unwrap().balances_hold());
        assert_eq!(app.store.verify_audit().await.unwrap().first_broken, None);
    }

    on_both_backends!(the_social_contract_round_goes_through_the_use_cases_from_drafts_to_reported_contracts);
}
