//! The demonstration: a made-up country built through the use cases, so that a change in a
//! rule reaches it too. Accounts, one per role, their passwords shown on the sign-in page of a
//! demonstration installation (and only there); the Social Contract's 2024 round; the earlier
//! years carried over ([`history`]); the prison enterprises ([`prison`], with the Expert
//! Group's plans in [`plans`]); and One Village – One Product ([`ovop`]).

pub mod history;
pub mod ovop;
mod plans;
pub mod prison;

use emgek_domain::access::{Grant, Role, Scope};
use emgek_store::{Actor, Source, StoreError};

use crate::{App, AppError};

/// The password of every demonstration account. Not a secret: it is printed on the page.
pub const DEMO_PASSWORD: &str = "demo-Ala-Too-2026";

/// (user name, display name, role, scope) of the demonstration accounts.
pub const DEMO_USERS: &[(&str, &str, Role, &str)] = &[
    ("admin", "Администратор", Role::Administrator, "country"),
    ("aigul", "Айгүл Бекова", Role::CaseWorker, "rayon:KG-O-KSU"),
    ("nurlan", "Нурлан Осмонов", Role::CommissionMember, "rayon:KG-O-KSU"),
    ("bakyt", "Бакыт Сыдыков", Role::EnterpriseManager, "facility:stepnoe"),
    ("aizada", "Айзада Токтогулова", Role::ExpertGroupMember, "country"),
    ("asel", "Асель Мамытова", Role::OvopOfficer, "oblast:KG-Y"),
    ("erkin", "Эркин Садыров", Role::BrandCommitteeMember, "oblast:KG-Y"),
    ("dinara", "Динара Исакова", Role::HqAnalyst, "country"),
    ("auditor", "Auditor (EU)", Role::Auditor, "country"),
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
/// in every state, from drafts to contracts paid and reported on. Leaves a database that has a
/// programme alone; returns how many applications it made.
pub async fn create_social_contract_if_none(app: &App) -> Result<usize, AppError> {
    let store = &app.store;
    use emgek_domain::Money;
    use emgek_domain::social_contract::allocation::{Limits, allocate};
    use emgek_domain::social_contract::application::Event;
    use emgek_domain::social_contract::business_plan::{
        BudgetCategory, BudgetLine, BusinessPlan, MonthProjection, Sector,
    };
    use emgek_domain::social_contract::eligibility::{HouseholdSnapshot, assess};
    use emgek_domain::social_contract::programme::ProgrammeRules;
    use emgek_store::programmes::{NewReview, ReviewSubject, Submission};
    use emgek_store::{HouseholdFilter, PageRequest};
    use time::macros::date;

    if !store.programmes().await?.is_empty() {
        return Ok(0);
    }
    let by = Actor::new("demo", Source::Demo);
    let rules = ProgrammeRules::example_2024();
    let programme = store
        .create_programme(
            &by,
            "social-contract",
            "social_contract",
            ["Социалдык келишим", "Социальный контракт", "Social Contract"],
        )
        .await?;
    store.add_rules(&by, programme, &rules).await?;
    let call = store.create_call(&by, programme, "2024", rules.window_opens, rules.window_closes).await?;
    let training = store
        .create_training(&by, call, "Бизнес-план жана каржылык сабаттуулук", date!(2024 - 03 - 12), "KG-O-KSU")
        .await?;
    let commission =
        store.create_commission(&by, call, "KG-O-KSU", "Кара-Суу райондук комиссиясы", 1, "same_aiyl_okmotu").await?;
    if let Some(member) = store.user_by_username("nurlan").await? {
        store.add_commission_member(&by, commission, member.id, "Кара-Суу а/о").await?;
    }
    let reviewer = store.user_by_username("nurlan").await?.map(|u| u.id);

    let filter = HouseholdFilter { rayon: Some("KG-O-KSU".into()), ..Default::default() };
    let households = store.list_households(&filter, PageRequest::new(Some(1), Some(40))).await?.items;
    let sectors = [
        (Sector::Agriculture, "Сүт уйлары", BudgetCategory::Livestock, "Уй", 2, 42_000),
        (Sector::Manufacturing, "Кийиз буюмдар", BudgetCategory::Equipment, "Жүн тараткыч", 1, 70_000),
        (Sector::Trade, "Айылдагы дүкөн", BudgetCategory::Materials, "Товар", 10, 8_000),
        (Sector::Services, "Тигүү цехи", BudgetCategory::Equipment, "Тигүү машинасы", 3, 25_000),
    ];
    let on = date!(2024 - 06 - 01);
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
        let id = store.create_application(&by, call, (h.id, &h.oblast, &h.rayon), &plan).await?;
        made += 1;
        // Drafts stay drafts; the rest go on.
        if i % 10 == 0 {
            continue;
        }
        if i % 2 == 0 {
            store.record_attendance(&by, training, h.id).await?;
        }
        let record = store.household(h.id).await?;
        let snapshot = HouseholdSnapshot {
            on_benefit: record.fields.benefit.is_some() || i % 3 != 2,
            members: record.members.iter().map(|m| (m.fields.birth_date, m.fields.disability)).collect(),
            has_active_contract: false,
            last_funded: None,
            attended_training: i % 2 == 0 || i % 5 != 1,
        };
        let assessment = assess(&rules, &snapshot, Some(&plan.figures()), plan.ovop_category.is_some(), plan.green, on);
        let eligible = assessment.eligible;
        store
            .transition(
                &by,
                id,
                Event::Submit,
                "",
                Some(&Submission { snapshot, assessment, rules_from: rules.effective_from }),
                None,
            )
            .await?;
        match i % 10 {
            1 => continue,
            2 => {
                store
                    .transition(&by, id, Event::ReturnForRevision, "Баалар боюнча сунуштарды кошуңуз", None, None)
                    .await?;
                continue;
            }
            3 => {
                store.transition(&by, id, Event::Withdraw, "Үй-бүлө башка шаарга көчтү", None, None).await?;
                continue;
            }
            _ => {}
        }
        store.transition(&by, id, Event::StartReview, "", None, None).await?;
        if i % 10 == 4 {
            continue;
        }
        let total = 14 + (i as u32 * 7) % 16;
        if let Some(user_id) = reviewer {
            let scores = [
                ("viability", total.min(10)),
                ("market", total.saturating_sub(10).min(10)),
                ("local_resources", 3),
                ("jobs", 2),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            let review = NewReview {
                subject: ReviewSubject::Application(id),
                user_id,
                conflict: false,
                scores,
                total: total.min(10) + total.saturating_sub(10).min(10) + 5,
                recommendation: "approve".into(),
                comment: String::new(),
            };
            store.record_review(&Actor::new("nurlan", Source::Demo), &review).await?;
        }
        if !eligible || i % 10 == 5 {
            store
                .transition(
                    &by,
                    id,
                    Event::Reject,
                    "Үй-бүлө тандоо эрежелерине туура келбейт",
                    None,
                    Some(i64::from(total) * 100),
                )
                .await?;
        } else {
            store.transition(&by, id, Event::Approve, "", None, Some(i64::from(total) * 100)).await?;
        }
    }
    // A tight first round: half the approved families are funded, the rest wait.
    let (candidates, usage) = store.allocation_input(call).await?;
    let funded_budget = candidates.iter().map(|c| c.grant).sum::<i64>() / 2;
    let limits = Limits { budget: funded_budget, quota_total: rules.quota_total, ..Default::default() };
    let allocation = allocate(&candidates, &limits, &usage);
    let run = store
        .commit_allocation(
            &by,
            call,
            programme,
            &allocation,
            rules.budget.minor(),
            i64::from(rules.contract_months),
            2024,
        )
        .await?;
    for (n, (contract, _)) in run.contracts.iter().enumerate() {
        let ctx = store.contract_context(*contract).await?;
        let signed = emgek_store::as_contract(&ctx.contract)?.sign().map_err(|e| StoreError::Conflict(e.rule()))?;
        store.update_contract(&by, *contract, &signed, "contract.sign", "").await?;
        if n % 3 == 2 {
            continue;
        }
        let amount =
            rules.tranche_amounts(Money::from_minor(ctx.contract.grant_tyiyn, emgek_domain::Currency::KGS))[0].minor();
        let (order, _) = store.request_payment(&by, *contract, 1, amount, &format!("demo-{contract}-1")).await?;
        store.take_bank_file(&by).await?;
        store
            .confirm_payment(
                &by,
                order.payment_order_id,
                true,
                &format!("DEMO-{}", order.payment_order_id),
                programme,
                date!(2024 - 07 - 01),
            )
            .await?;
        for month in [date!(2024 - 07 - 01), date!(2024 - 08 - 01)] {
            let purchases = format!("[{{\"line\":0,\"amount\":{}}}]", amount / 2);
            store.add_report(&by, *contract, month, 1_200_000, 450_000, 2, &purchases, "Дүмүрчөк №17").await?;
        }
    }
    Ok(made)
}
