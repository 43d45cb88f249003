//! The Social Contract's records in the store: programmes, calls, applications, allocation,
//! contracts and their money, trainings.

use super::*;
use emgek_domain::Money;
use emgek_domain::social_contract::application::{Event, Status};
use emgek_domain::social_contract::business_plan::{BudgetCategory, BudgetLine, BusinessPlan, MonthProjection, Sector};
use emgek_domain::social_contract::eligibility::{HouseholdSnapshot, assess};
use emgek_domain::social_contract::programme::ProgrammeRules;
use emgek_store::programmes::Submission;

pub fn plan() -> BusinessPlan {
    BusinessPlan {
        sector: Sector::Agriculture,
        activity: "Sheep".into(),
        ovop_category: None,
        local_resources: "pasture".into(),
        lines: vec![BudgetLine {
            category: BudgetCategory::Livestock,
            item: "Ewe".into(),
            quantity: 10,
            unit_price: Money::som(9_000),
        }],
        own_contribution: Money::som(0),
        projection: vec![MonthProjection { revenue: Money::som(10_000), costs: Money::som(3_000) }; 12],
        jobs: 1,
        green: false,
    }
}

/// A programme with the 2024 rules, a call, and a household: (call, household).
pub async fn setting(store: &Store) -> (i64, i64) {
    let admin = Actor::new("admin", Source::Web);
    let programme = store
        .create_programme(
            &admin,
            "social-contract",
            "social_contract",
            ["Социалдык келишим", "Социальный контракт", "Social Contract"],
        )
        .await
        .unwrap();
    store.add_rules(&admin, programme, &ProgrammeRules::example_2024()).await.unwrap();
    let call =
        store.create_call(&admin, programme, "2024", date!(2024 - 02 - 01), date!(2024 - 11 - 30)).await.unwrap();
    let household = store.create_household(&clerk(), &super::household(1, "KG-O-KSU"), &[head(1)]).await.unwrap();
    (call, household)
}

pub fn submission(store_snapshot_benefit: bool) -> Submission {
    let snapshot = HouseholdSnapshot {
        on_benefit: store_snapshot_benefit,
        members: vec![(date!(1985 - 03 - 15), emgek_domain::household::Disability::None)],
        has_active_contract: false,
        last_funded: None,
        attended_training: true,
    };
    let rules = ProgrammeRules::example_2024();
    let assessment = assess(&rules, &snapshot, Some(&plan().figures()), false, false, date!(2024 - 06 - 01));
    Submission { snapshot, assessment, rules_from: rules.effective_from }
}

pub async fn rules_versions_are_kept_and_never_rewritten(store: Store) {
    let (call, _) = setting(&store).await;
    let programme = store.call(call).await.unwrap().programme_id;
    let mut y2025 = ProgrammeRules::example_2024();
    y2025.effective_from = date!(2025 - 01 - 01);
    y2025.grant_cap = Money::som(150_000);
    store.add_rules(&Actor::new("admin", Source::Web), programme, &y2025).await.unwrap();
    let err = store
        .add_rules(&Actor::new("admin", Source::Web), programme, &ProgrammeRules::example_2024())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict("rules.version_exists")), "{err:?}");
    let book = store.rule_book(programme).await.unwrap();
    assert_eq!(book.in_force(date!(2024 - 06 - 01)).unwrap().grant_cap, Money::som(100_000));
    assert_eq!(book.in_force(date!(2025 - 06 - 01)).unwrap().grant_cap, Money::som(150_000));
}

pub async fn a_household_has_one_open_application_per_call(store: Store) {
    let (call, household) = setting(&store).await;
    let place = (household, "KG-O", "KG-O-KSU");
    let first = store.create_application(&clerk(), call, place, &plan()).await.unwrap();
    let err = store.create_application(&clerk(), call, place, &plan()).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict("application.open_exists")), "{err:?}");
    store.transition(&clerk(), first, Event::Withdraw, "moved away", None, None).await.unwrap();
    store.create_application(&clerk(), call, place, &plan()).await.unwrap();
}

pub async fn submission_freezes_the_facts_the_decision_rests_on(store: Store) {
    let (call, household) = setting(&store).await;
    let id = store.create_application(&clerk(), call, (household, "KG-O", "KG-O-KSU"), &plan()).await.unwrap();
    assert!(matches!(
        store.transition(&clerk(), id, Event::Submit, "", None, None).await,
        Err(StoreError::Conflict("application.submission_missing"))
    ));
    assert_eq!(
        store.transition(&clerk(), id, Event::Submit, "", Some(&submission(true)), None).await.unwrap(),
        Status::Submitted
    );
    let mut moved = super::household(1, "KG-O-KSU");
    moved.village = "Жаңы".into();
    store.update_household(&clerk(), household, &moved, None).await.unwrap();
    let a = store.application(id).await.unwrap();
    assert_eq!(a.snapshot, Some(submission(true).snapshot));
    assert!(a.assessment.as_ref().unwrap().eligible);
    assert_eq!(a.rules_from, Some(date!(2024 - 01 - 01)));
    assert_eq!(a.submitted_seq, Some(1));
    assert_eq!(a.grant_requested, 9_000_000);
}

pub async fn the_store_refuses_an_approval_nobody_reviewed(store: Store) {
    let (call, household) = setting(&store).await;
    let id = store.create_application(&clerk(), call, (household, "KG-O", "KG-O-KSU"), &plan()).await.unwrap();
    store.transition(&clerk(), id, Event::Submit, "", Some(&submission(true)), None).await.unwrap();
    let err = store.transition(&clerk(), id, Event::Approve, "", None, None).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict("application.transition")), "{err:?}");
    assert_eq!(store.application(id).await.unwrap().status, Status::Submitted);
    store.transition(&clerk(), id, Event::ReturnForRevision, "the budget lacks receipts", None, None).await.unwrap();
    store.update_plan(&clerk(), id, &plan()).await.unwrap();
    store.transition(&clerk(), id, Event::Submit, "", Some(&submission(true)), None).await.unwrap();
    let err = store.update_plan(&clerk(), id, &plan()).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict("application.not_editable")));
    let events: Vec<(String, String)> =
        store.application_events(id).await.unwrap().into_iter().map(|e| (e.to_status, e.reason)).collect();
    assert_eq!(
        events,
        [
            ("submitted".into(), "".into()),
            ("returned".into(), "the budget lacks receipts".into()),
            ("submitted".into(), "".into())
        ]
    );
    assert_eq!(store.verify_audit().await.unwrap().first_broken, None);
}

pub async fn training_attendance_is_recorded_once(store: Store) {
    let (call, household) = setting(&store).await;
    let t = store.create_training(&clerk(), call, "Business plans", date!(2024 - 03 - 01), "KG-O-KSU").await.unwrap();
    assert!(!store.attended_training(call, household).await.unwrap());
    store.record_attendance(&clerk(), t, household).await.unwrap();
    store.record_attendance(&clerk(), t, household).await.unwrap();
    assert!(store.attended_training(call, household).await.unwrap());
    let attendance = emgek_store::AuditFilter { action: Some("training.attendance".into()), ..Default::default() };
    assert_eq!(store.list_audit(&attendance, None, 10).await.unwrap().len(), 1);
}
