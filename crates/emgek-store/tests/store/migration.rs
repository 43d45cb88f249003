//! Migrations that change tables holding data: what was there before is still there, and
//! works, afterwards.

use super::*;

/// Migrates a new database only up to (not including) `version`.
async fn migrate_before(store: &Store, version: i64) {
    let mut m = match store {
        Store::Sqlite(_) => sqlx::migrate!("./migrations/sqlite"),
        Store::Postgres(_) => sqlx::migrate!("./migrations/postgres"),
    };
    m.migrations = m.migrations.iter().filter(|x| x.version < version).cloned().collect::<Vec<_>>().into();
    match store {
        Store::Sqlite(p) => m.run(p).await.unwrap(),
        Store::Postgres(p) => m.run(p).await.unwrap(),
    }
}

/// The programme, call and household of [`setting`], the household (and its head) written as
/// the first tables held them: the store's code of today writes columns added since.
async fn setting_before(store: &Store) -> (i64, i64) {
    let admin = emgek_store::Actor::new("admin", emgek_store::Source::Web);
    let programme = store
        .create_programme(
            &admin,
            "social-contract",
            "social_contract",
            ["Социалдык келишим", "Социальный контракт", "Social Contract"],
        )
        .await
        .unwrap();
    store
        .add_rules(&admin, programme, &emgek_domain::social_contract::programme::ProgrammeRules::example_2024())
        .await
        .unwrap();
    let call =
        store.create_call(&admin, programme, "2024", date!(2024 - 02 - 01), date!(2024 - 11 - 30)).await.unwrap();
    let at = "'2024-02-01 10:00:00+00:00'";
    sql(
        store,
        &format!(
            "INSERT INTO households (household_ref, oblast_code, rayon_code, aiyl_okmotu, village, place_key, phone, \
               benefit_since, benefit_monthly_tyiyn, consent, created_at, updated_at) \
             VALUES ('KG-0000001', 'KG-O', 'KG-O-KSU', '', 'Кара-Суу', 'кара-суу', NULL, '2023-01-01', 120000, true, {at}, {at})"
        ),
    )
    .await;
    sql(
        store,
        &format!(
            "INSERT INTO members (household_id, pin, full_name, full_name_latin, name_key, birth_date, sex, relation, \
               disability, review, created_at, updated_at) \
             SELECT household_id, '21503198512345', 'Асанова Гүлнара', NULL, 'асанова гулнара', '1985-03-15', 'F', 'head', \
               'none', '', {at}, {at} FROM households WHERE household_ref = 'KG-0000001'"
        ),
    )
    .await;
    let household = match store {
        Store::Sqlite(p) => sqlx::query_scalar("SELECT MAX(household_id) FROM households").fetch_one(p).await.unwrap(),
        Store::Postgres(p) => {
            sqlx::query_scalar("SELECT MAX(household_id) FROM households").fetch_one(p).await.unwrap()
        }
    };
    (call, household)
}

/// An application under review written as the tables before migration 0013 held it, with its
/// plan, facts and assessment inline (the store's code of today writes them apart).
async fn application_as_before_0013(store: &Store, call: i64, household: i64) -> i64 {
    let quote = |v: String| v.replace('\'', "''");
    let s = submission(true);
    let at = "'2024-03-01 10:00:00+00:00'";
    sql(
        store,
        &format!(
            "INSERT INTO applications (call_id, household_id, oblast_code, rayon_code, status, plan_json, grant_requested_tyiyn, \
               snapshot_json, assessment_json, rules_effective_from, eligible, priority, submitted_seq, created_at, updated_at) \
             VALUES ({call}, {household}, 'KG-O', 'KG-O-KSU', 'under_review', '{}', {}, '{}', '{}', '2024-01-01', true, 30, 1, {at}, {at})",
            quote(serde_json::to_string(&plan()).unwrap()),
            plan().figures().grant_requested.minor(),
            quote(serde_json::to_string(&s.snapshot).unwrap()),
            quote(serde_json::to_string(&s.assessment).unwrap()),
        ),
    )
    .await;
    match store {
        Store::Sqlite(p) => {
            sqlx::query_scalar("SELECT MAX(application_id) FROM applications").fetch_one(p).await.unwrap()
        }
        Store::Postgres(p) => {
            sqlx::query_scalar("SELECT MAX(application_id) FROM applications").fetch_one(p).await.unwrap()
        }
    }
}

/// Migration 0013 moves each application's plan, frozen facts and assessment to
/// `application_documents`: all of it reads back as it was, and the application goes on.
async fn an_applications_plan_and_frozen_facts_survive_their_move_out_of_the_applications_table(backend: &str) {
    use emgek_domain::social_contract::application::{Event, Status};
    let store = Store::connect(&emgek_testing::fresh_url(backend).await).await.unwrap();
    migrate_before(&store, 13).await;
    let (call, household) = setting_before(&store).await;
    let id = application_as_before_0013(&store, call, household).await;
    store.migrate().await.unwrap();
    let a = store.application(id).await.unwrap();
    assert_eq!(serde_json::to_value(&a.plan).unwrap(), serde_json::to_value(plan()).unwrap());
    assert_eq!(
        serde_json::to_value(&a.snapshot).unwrap(),
        serde_json::to_value(Some(submission(true).snapshot)).unwrap()
    );
    assert_eq!(
        serde_json::to_value(&a.assessment).unwrap(),
        serde_json::to_value(Some(submission(true).assessment)).unwrap()
    );
    assert_eq!(
        (a.status, a.submitted_seq, a.grant_requested),
        (Status::UnderReview, Some(1), plan().figures().grant_requested.minor())
    );
    let everywhere = emgek_domain::access::Areas::everywhere();
    let listed =
        store.list_applications(call, &everywhere, None, emgek_store::PageRequest::new(None, None)).await.unwrap();
    assert_eq!(listed.items.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
    store.transition(&clerk(), id, Event::Approve, "", None, Some(800)).await.unwrap();
    assert_eq!(store.application(id).await.unwrap().status, Status::Approved);
}

#[tokio::test]
async fn sqlite_an_applications_plan_and_frozen_facts_survive_their_move_out_of_the_applications_table() {
    an_applications_plan_and_frozen_facts_survive_their_move_out_of_the_applications_table("sqlite").await
}

#[tokio::test]
async fn postgres_an_applications_plan_and_frozen_facts_survive_their_move_out_of_the_applications_table() {
    an_applications_plan_and_frozen_facts_survive_their_move_out_of_the_applications_table("postgres").await
}

/// Migration 0010 rebuilds (on SQLite) or loosens (on PostgreSQL) the commissions, their
/// members and reviews so that the Expert Group and its reviews of plans fit: what district
/// commissions held before is all still there, and works, afterwards.
async fn district_commissions_and_their_reviews_survive_the_expert_groups_migration(backend: &str) {
    use emgek_store::programmes::{NewReview, ReviewSubject};
    let store = Store::connect(&emgek_testing::fresh_url(backend).await).await.unwrap();
    migrate_before(&store, 10).await;
    let (call, household) = setting_before(&store).await;
    let id = application_as_before_0013(&store, call, household).await;
    let first = store
        .create_user(&clerk(), &new_user("member-1", &[(Role::CommissionMember, "rayon:KG-O-KSU")]))
        .await
        .unwrap();
    let second = store
        .create_user(&clerk(), &new_user("member-2", &[(Role::CommissionMember, "rayon:KG-O-KSU")]))
        .await
        .unwrap();
    let at = "'2024-03-01 10:00:00+00:00'";
    sql(
        &store,
        &format!(
            "INSERT INTO commissions (call_id, rayon_code, name, quorum, conflict_rule, created_at, updated_at) \
                          VALUES ({call}, 'KG-O-KSU', 'Kara-Suu', 2, 'same_aiyl_okmotu', {at}, {at})"
        ),
    )
    .await;
    let commission: i64 = match &store {
        Store::Sqlite(p) => {
            sqlx::query_scalar("SELECT MAX(commission_id) FROM commissions").fetch_one(p).await.unwrap()
        }
        Store::Postgres(p) => {
            sqlx::query_scalar("SELECT MAX(commission_id) FROM commissions").fetch_one(p).await.unwrap()
        }
    };
    sql(
        &store,
        &format!(
            "INSERT INTO commission_members (commission_id, user_id, aiyl_okmotu, created_at, updated_at) \
                          VALUES ({commission}, {first}, 'Kara-Suu a/o', {at}, {at})"
        ),
    )
    .await;
    sql(&store, &format!("INSERT INTO reviews (application_id, user_id, conflict, scores_json, total, recommendation, comment, created_at, updated_at) \
                          VALUES ({id}, {first}, false, '{{\"viability\":8}}', 8, 'approve', 'good', {at}, {at})")).await;

    store.migrate().await.unwrap();
    let (c, members) = store.commission_for(call, "KG-O-KSU").await.unwrap().unwrap();
    assert_eq!(
        (c.commission_id, c.name.as_str(), c.quorum, c.conflict_rule.as_str()),
        (commission, "Kara-Suu", 2, "same_aiyl_okmotu")
    );
    assert_eq!(
        members.iter().map(|m| (m.user_id, m.aiyl_okmotu.as_str())).collect::<Vec<_>>(),
        [(first, "Kara-Suu a/o")]
    );
    let reviews = store.reviews(ReviewSubject::Application(id)).await.unwrap();
    assert_eq!(
        reviews.iter().map(|r| (r.user_id, r.total, r.comment.as_str())).collect::<Vec<_>>(),
        [(first, 8, "good")]
    );
    store.add_commission_member(&clerk(), commission, second, "Osh").await.unwrap();
    let again = NewReview {
        subject: ReviewSubject::Application(id),
        user_id: first,
        conflict: true,
        scores: Default::default(),
        total: 0,
        recommendation: "none".into(),
        comment: String::new(),
    };
    let err = store.record_review(&clerk(), &again).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict("review.already_given")), "still one review per member: {err:?}");
    store.record_review(&clerk(), &NewReview { user_id: second, ..again }).await.unwrap();
    // The Expert Group is a commission of its own kind, one for the country.
    let group = store.set_expert_group(&clerk(), "Expert Group", 3).await.unwrap();
    assert_ne!(group, commission);
    assert_eq!(store.set_expert_group(&clerk(), "Expert Group of the Prison Service", 2).await.unwrap(), group);
    assert!(store.commissions(call).await.unwrap().iter().all(|(c, _)| c.commission_id != group));
    assert_eq!(store.verify_audit().await.unwrap().first_broken, None);
}

#[tokio::test]
async fn sqlite_district_commissions_and_their_reviews_survive_the_expert_groups_migration() {
    district_commissions_and_their_reviews_survive_the_expert_groups_migration("sqlite").await
}

#[tokio::test]
async fn postgres_district_commissions_and_their_reviews_survive_the_expert_groups_migration() {
    district_commissions_and_their_reviews_survive_the_expert_groups_migration("postgres").await
}
