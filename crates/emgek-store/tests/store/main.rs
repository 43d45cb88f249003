//! The store's scenarios, each run on SQLite and on PostgreSQL.

use emgek_domain::access::{Grant, Role, Scope};
use emgek_domain::geography;
use emgek_domain::household::{HouseholdFields, HouseholdInput, MemberFields, MemberInput};
use emgek_store::{Actor, HouseholdFilter, NewUser, PageRequest, RowOutcome, Source, Store, StoreError};
use emgek_testing::fresh_store;
use time::macros::date;

const TODAY: time::Date = date!(2026 - 11 - 21);

pub fn clerk() -> Actor {
    Actor::new("clerk", Source::Web)
}

pub fn household(n: u32, rayon: &str) -> HouseholdFields {
    HouseholdInput {
        household_ref: format!("HH-{n}"),
        oblast: geography::rayon(rayon).unwrap().oblast.into(),
        rayon: rayon.into(),
        aiyl_okmotu: "Ат-Башы".into(),
        village: "Ак-Муз".into(),
        consent: "yes".into(),
        ..Default::default()
    }
    .validate(TODAY)
    .unwrap()
}

fn person(pin: &str, name: &str, birth: &str, relation: &str) -> MemberFields {
    let sex = if pin.starts_with('1') { "F" } else { "M" };
    MemberInput {
        pin: pin.into(),
        full_name: name.into(),
        birth_date: birth.into(),
        sex: sex.into(),
        relation: relation.into(),
        ..Default::default()
    }
    .validate(TODAY)
    .unwrap()
}

pub fn head(n: u32) -> MemberFields {
    person(&format!("2150319850{n:04}"), "Асанов Айбек Бакыт уулу", "1985-03-15", "head")
}

async fn reference_geography_matches_the_domain_list(store: Store) {
    let oblasts = store.oblasts().await.unwrap();
    let rayons = store.rayons().await.unwrap();
    assert_eq!(oblasts.len(), geography::OBLASTS.len());
    assert_eq!(rayons.len(), geography::RAYONS.len());
    for r in geography::RAYONS {
        let stored = rayons.iter().find(|s| s.rayon_code == r.code).expect(r.code);
        assert_eq!(
            (stored.oblast_code.as_str(), stored.name_ky.as_str(), stored.name_ru.as_str(), stored.name_en.as_str()),
            (r.oblast, r.name_ky, r.name_ru, r.name_en)
        );
    }
}

async fn a_household_is_read_back_with_its_members_and_facts(store: Store) {
    let child = person("12005201500001", "Асанова Жылдыз Айбек кызы", "2015-05-20", "child");
    let id = store.create_household(&clerk(), &household(1, "KG-N-ATB"), &[head(1), child]).await.unwrap();
    let record = store.household(id).await.unwrap();
    assert_eq!(record.fields, household(1, "KG-N-ATB"));
    assert_eq!(record.members.len(), 2);
    let facts = record.facts(TODAY);
    assert_eq!((facts.size, facts.children_under_18, facts.members_with_disability), (2, 1, 0));
    let history = store.history(id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].what, "household.create");
}

async fn a_pin_already_registered_is_a_conflict_named_for_the_user(store: Store) {
    let id = store.create_household(&clerk(), &household(1, "KG-C-SOK"), &[head(1)]).await.unwrap();
    let err = store.add_member(&clerk(), id, &head(1)).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict("pin.taken")), "{err:?}");
    let err = store.create_household(&clerk(), &household(1, "KG-C-SOK"), &[head(2)]).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict("household_ref.taken")), "{err:?}");
    assert_eq!(store.count_households().await.unwrap(), 1, "the refused household left nothing behind");
}

async fn an_edit_records_who_changed_what_from_what_to_what(store: Store) {
    let id = store.create_household(&clerk(), &household(1, "KG-C-SOK"), &[head(1)]).await.unwrap();
    let mut changed = household(1, "KG-C-SOK");
    changed.village = "Жаңы-Жер".into();
    store.update_household(&Actor::new("aisuluu", Source::Api), id, &changed, None).await.unwrap();
    store.update_household(&clerk(), id, &changed, None).await.unwrap();
    let history = store.history(id).await.unwrap();
    assert_eq!(history.len(), 2, "saving without a change records nothing");
    let last = &history[0];
    assert_eq!((last.actor.as_str(), last.source.as_str(), last.what.as_str()), ("aisuluu", "api", "household.update"));
    assert_eq!(last.before.as_ref().unwrap()["village"], "Ак-Муз");
    assert_eq!(last.after["village"], "Жаңы-Жер");
    assert_eq!(store.household(id).await.unwrap().fields.village, "Жаңы-Жер");
}

async fn a_member_edit_is_kept_in_the_household_history(store: Store) {
    let id = store.create_household(&clerk(), &household(1, "KG-C-SOK"), &[head(1)]).await.unwrap();
    let member_id = store.household(id).await.unwrap().members[0].id;
    let mut fixed = head(1);
    fixed.full_name_latin = Some("Asanov Aibek".into());
    assert_eq!(store.update_member(&clerk(), member_id, &fixed, None).await.unwrap(), id);
    assert_eq!(store.member(member_id).await.unwrap().fields, fixed);
    assert_eq!(store.history(id).await.unwrap()[0].what, "member.update");
}

async fn search_finds_households_by_pin_name_in_either_script_and_place(store: Store) {
    store.create_household(&clerk(), &household(1, "KG-C-SOK"), &[head(1)]).await.unwrap();
    let mut other = household(2, "KG-O-NOO");
    other.village = "Кара-Таш".into();
    let woman = person("11203199000002", "Токтогулова Гүлнара", "1990-03-12", "head");
    store.create_household(&clerk(), &other, &[woman]).await.unwrap();
    let page = PageRequest::new(None, None);
    let find = |f: HouseholdFilter| {
        let store = store.clone();
        async move {
            store
                .list_households(&f, page)
                .await
                .unwrap()
                .items
                .iter()
                .map(|h| h.household_ref.clone())
                .collect::<Vec<_>>()
        }
    };
    let q = |s: &str| HouseholdFilter { q: Some(s.into()), ..Default::default() };
    assert_eq!(find(q("21503198500001")).await, ["HH-1"]);
    assert_eq!(find(q("1120319")).await, ["HH-2"], "a PIN's first digits");
    assert_eq!(find(q("асанов")).await, ["HH-1"]);
    assert_eq!(find(q("Asanov")).await, ["HH-1"], "a Latin spelling finds a Cyrillic name");
    assert_eq!(find(q("Toktogulova Gulnara")).await, ["HH-2"]);
    assert_eq!(find(HouseholdFilter { place: Some("Kara-Tash".into()), ..Default::default() }).await, ["HH-2"]);
    assert_eq!(find(HouseholdFilter { oblast: Some("KG-O".into()), ..Default::default() }).await, ["HH-2"]);
    assert_eq!(find(HouseholdFilter { rayon: Some("KG-C-SOK".into()), ..Default::default() }).await, ["HH-1"]);
    assert!(find(q("Усенов")).await.is_empty());
}

async fn lists_paginate_and_count_everything_the_filter_selects(store: Store) {
    for n in 1..=23 {
        store.create_household(&clerk(), &household(n, "KG-T-TAL"), &[head(n)]).await.unwrap();
    }
    let filter = HouseholdFilter { rayon: Some("KG-T-TAL".into()), ..Default::default() };
    let third = store.list_households(&filter, PageRequest::new(Some(3), Some(10))).await.unwrap();
    assert_eq!((third.total, third.pages(), third.items.len()), (23, 3, 3));
    assert_eq!(third.items[0].household_ref, "HH-21");
    assert_eq!(third.items[0].head_name, "Асанов Айбек Бакыт уулу");
}

async fn importing_the_same_rows_twice_changes_nothing_the_second_time(store: Store) {
    for round in 0..2 {
        let mut tx = store
            .begin_import(&Actor::new("cli", Source::Import), emgek_domain::access::Areas::everywhere())
            .await
            .unwrap();
        assert!(tx.apply(1, household(7, "KG-Y-TON"), head(7)).await.unwrap().is_empty(), "queued");
        let child = person("11001201000007", "Асанова Айнура", "2010-01-10", "child");
        assert!(tx.apply(2, household(7, "KG-Y-TON"), child).await.unwrap().is_empty(), "queued");
        let written = tx.flush().await.unwrap();
        let [(1, first), (2, second)] = written[..] else { panic!("both rows, in order: {written:?}") };
        let log = tx.commit("rows.csv", false, 2, 0).await.unwrap();
        if round == 0 {
            assert_eq!((first, second), (RowOutcome::Created, RowOutcome::Created));
            assert_eq!((log.households_created, log.members_created), (1, 2));
        } else {
            assert_eq!((first, second), (RowOutcome::Unchanged, RowOutcome::Unchanged));
            assert_eq!((log.households_created, log.members_created, log.members_updated), (0, 0, 0));
        }
    }
    assert_eq!(store.count_households().await.unwrap(), 1);
    assert_eq!(store.imports(10).await.unwrap().len(), 2);
}

async fn an_import_writes_its_rows_in_batches_and_a_household_across_two_is_made_once(store: Store) {
    let everywhere = emgek_domain::access::Areas::everywhere();
    let mut tx = store.begin_import(&Actor::new("cli", Source::Import), everywhere).await.unwrap();
    let batch = u32::try_from(emgek_store::IMPORT_BATCH).unwrap();
    let mut written = Vec::new();
    for n in 0..batch - 1 {
        written.extend(tx.apply(u64::from(n), household(n, "KG-Y-TON"), head(n)).await.unwrap());
    }
    assert!(written.is_empty(), "nothing is written before a batch is full");
    // The last household's head ends the first batch; her child opens the second.
    written.extend(tx.apply(u64::from(batch), household(9999, "KG-Y-TON"), head(9999)).await.unwrap());
    assert_eq!(written.len(), emgek_store::IMPORT_BATCH, "a full batch is written at once");
    assert!(written.iter().all(|(_, o)| *o == RowOutcome::Created));
    let child = person("11001201009999", "Асанова Айнура", "2010-01-10", "child");
    written.extend(tx.apply(u64::from(batch) + 1, household(9999, "KG-Y-TON"), child).await.unwrap());
    written.extend(tx.flush().await.unwrap());
    let log = tx.commit("rows.csv", false, i64::from(batch) + 1, 0).await.unwrap();
    assert_eq!(written.len(), emgek_store::IMPORT_BATCH + 1);
    assert_eq!((log.households_created, log.members_created), (i64::from(batch), i64::from(batch) + 1));
    let filter = HouseholdFilter { q: Some("HH-9999".into()), ..Default::default() };
    let found = store.list_households(&filter, PageRequest::new(Some(1), Some(10))).await.unwrap();
    assert_eq!(found.total, 1);
    let family = store.household(found.items[0].id).await.unwrap();
    assert_eq!(family.members.len(), 2, "the child joined her mother's household");
    assert!(store.history(family.id).await.unwrap().is_empty(), "nothing about the household changed");
}

/// The import's connection keeps a 256 MB page cache while it writes; committed or rolled
/// back, it goes back to the pool with SQLite's default, or a server that ran an import from
/// its upload page would hold that memory for good.
#[tokio::test]
async fn sqlite_an_import_leaves_every_connection_with_sqlites_default_page_cache() {
    let store = fresh_store("sqlite").await;
    for commit in [true, false] {
        let everywhere = emgek_domain::access::Areas::everywhere();
        let mut tx = store.begin_import(&Actor::new("cli", Source::Import), everywhere).await.unwrap();
        tx.apply(1, household(1, "KG-Y-TON"), head(1)).await.unwrap();
        if commit {
            tx.commit("rows.csv", false, 1, 0).await.unwrap();
        } else {
            tx.rollback("rows.csv", true, 1, 0).await.unwrap();
        }
    }
    let Store::Sqlite(pool) = &store else { unreachable!("a sqlite store") };
    let mut every = Vec::new();
    for _ in 0..pool.size() {
        every.push(pool.acquire().await.unwrap());
    }
    for conn in &mut every {
        let kib: i64 = sqlx::query_scalar("PRAGMA cache_size").fetch_one(&mut **conn).await.unwrap();
        assert_eq!(kib, -2000, "a connection kept the import's page cache");
    }
}

async fn an_import_rolled_back_or_abandoned_leaves_only_its_log(store: Store) {
    let mut tx = store
        .begin_import(&Actor::new("cli", Source::Import), emgek_domain::access::Areas::everywhere())
        .await
        .unwrap();
    tx.apply(1, household(1, "KG-Y-TON"), head(1)).await.unwrap();
    tx.flush().await.unwrap();
    let log = tx.rollback("bad.csv", true, 5, 1).await.unwrap();
    assert!(!log.committed);
    let mut tx = store
        .begin_import(&Actor::new("cli", Source::Import), emgek_domain::access::Areas::everywhere())
        .await
        .unwrap();
    tx.apply(1, household(2, "KG-Y-TON"), head(2)).await.unwrap();
    tx.flush().await.unwrap();
    drop(tx); // as when its caller fails half-way
    // On SQLite what it committed batch by batch is undone in a task; emgek looks again before
    // anything reads (here, as `emgek` does on opening the database).
    store.undo_abandoned_imports().await.unwrap();
    assert_eq!(store.count_households().await.unwrap(), 0);
    let logs = store.imports(10).await.unwrap();
    assert!(logs.iter().all(|l| !l.committed && l.households_created == 0), "{logs:?}");
    assert!(logs.iter().any(|l| (l.file_name.as_str(), l.rows_rejected) == ("bad.csv", 1)), "{logs:?}");
}

/// Every household and person as exported, with the length of each household's history.
async fn everything(store: &Store) -> Vec<String> {
    let mut rows = Vec::new();
    store
        .export_rows(&HouseholdFilter::default(), |r| {
            rows.push(format!("{:?} {:?}", r.household, r.member));
            Ok::<_, ()>(())
        })
        .await
        .unwrap()
        .unwrap();
    let all = store.list_households(&HouseholdFilter::default(), PageRequest::new(Some(1), Some(100))).await.unwrap();
    for h in all.items {
        rows.push(format!("{} {}", h.household_ref, store.history(h.id).await.unwrap().len()));
    }
    rows
}

async fn an_import_undone_puts_back_what_it_changed_and_takes_out_what_it_added(store: Store) {
    let everywhere = emgek_domain::access::Areas::everywhere;
    let by = Actor::new("cli", Source::Import);
    store.create_household(&clerk(), &household(1, "KG-Y-TON"), &[head(1)]).await.unwrap();
    let mut tx = store.begin_import(&by, everywhere()).await.unwrap();
    for n in 2..=3 {
        tx.apply(u64::from(n), household(n, "KG-Y-TON"), head(n)).await.unwrap();
    }
    tx.commit("first.csv", false, 2, 0).await.unwrap();
    let before = everything(&store).await;
    for abandoned in [false, true] {
        let mut tx = store.begin_import(&by, everywhere()).await.unwrap();
        tx.hold_lock_for(std::time::Duration::ZERO);
        // A household changed, a person renamed and moved to another household, a child added
        // to a household that was there, and a new household: each in a batch of its own, so
        // that on SQLite each is committed before the import ends.
        let mut moved = household(1, "KG-Y-TON");
        moved.village = "Жаңы-Жер".into();
        tx.apply(1, moved, head(1)).await.unwrap();
        tx.flush().await.unwrap();
        let mut renamed = head(2);
        renamed.full_name = "Асанов Бакыт".into();
        tx.apply(2, household(3, "KG-Y-TON"), renamed).await.unwrap();
        tx.flush().await.unwrap();
        let child = person("11001201000003", "Асанова Айнура", "2010-01-10", "child");
        tx.apply(3, household(3, "KG-Y-TON"), child).await.unwrap();
        tx.flush().await.unwrap();
        for n in 4..1200 {
            tx.apply(u64::from(n), household(n, "KG-Y-TON"), head(n)).await.unwrap();
        }
        tx.flush().await.unwrap();
        if store.backend() == "sqlite" {
            assert_ne!(everything(&store).await, before, "on SQLite each batch is committed as it goes");
        }
        if abandoned {
            drop(tx);
            store.undo_abandoned_imports().await.unwrap();
        } else {
            tx.rollback("second.csv", true, 1200, 1).await.unwrap();
        }
        assert_eq!(everything(&store).await, before, "abandoned: {abandoned}");
    }
    let logs = store.imports(10).await.unwrap();
    assert_eq!(logs.iter().filter(|l| l.committed).count(), 1, "{logs:?}");
    assert!(logs.iter().any(|l| !l.committed && l.file_name == "second.csv"), "{logs:?}");
}

async fn an_export_streams_every_member_in_household_order(store: Store) {
    let child = person("12005201500001", "Асанова Жылдыз Айбек кызы", "2015-05-20", "child");
    store.create_household(&clerk(), &household(1, "KG-C-SOK"), &[head(1), child]).await.unwrap();
    store.create_household(&clerk(), &household(2, "KG-B-BAT"), &[head(2)]).await.unwrap();
    let mut rows = Vec::new();
    let filter = HouseholdFilter::default();
    store
        .export_rows(&filter, |r| {
            rows.push(r);
            Ok::<_, ()>(())
        })
        .await
        .unwrap()
        .unwrap();
    let keys: Vec<_> = rows.iter().map(|r| (r.household.household_ref.as_str(), r.member.pin.as_str())).collect();
    assert_eq!(keys, [("HH-1", "21503198500001"), ("HH-1", "12005201500001"), ("HH-2", "21503198500002")]);
    assert_eq!(rows[0].member.validate(TODAY).unwrap(), head(1), "exported text imports back unchanged");
}

async fn sql(store: &Store, statement: &str) {
    match store {
        Store::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(statement.to_string())).execute(p).await.map(|_| ()),
        Store::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(statement.to_string())).execute(p).await.map(|_| ()),
    }
    .unwrap();
}

async fn every_write_is_audited_and_a_row_changed_by_hand_breaks_the_chain(store: Store) {
    let id = store.create_household(&clerk(), &household(1, "KG-C-SOK"), &[head(1)]).await.unwrap();
    let mut changed = household(1, "KG-C-SOK");
    changed.village = "Жаңы-Жер".into();
    store.update_household(&clerk(), id, &changed, None).await.unwrap();
    store.update_household(&clerk(), id, &changed, None).await.unwrap(); // no change: nothing audited
    store
        .audit(&emgek_store::AuditEntry::new(
            &clerk(),
            "household.view",
            format!("household:{id}"),
            serde_json::json!({}),
        ))
        .await
        .unwrap();
    let rows = store.list_audit(&Default::default(), None, 10).await.unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["household.view", "household.update", "household.create"]);
    assert_eq!(store.verify_audit().await.unwrap(), emgek_store::AuditCheck { rows: 3, first_broken: None });

    sql(&store, "UPDATE audit_log SET actor = 'someone else' WHERE audit_id = 2").await;
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.first_broken.map(|b| b.0), Some(2));
}

async fn entries_appended_many_at_once_continue_the_chain_in_order(store: Store) {
    let view = |n: usize| {
        emgek_store::AuditEntry::new(
            &clerk(),
            "household.view",
            format!("household:{n}"),
            serde_json::json!({ "n": n }),
        )
    };
    store.audit(&view(0)).await.unwrap();
    // More than one statement's worth, then one more alone, then a few more at once.
    let many: Vec<_> = (1..=1_203).map(view).collect();
    store.audit_all(&many).await.unwrap();
    store.audit(&view(1_204)).await.unwrap();
    store.audit_all(&(1_205..=1_207).map(view).collect::<Vec<_>>()).await.unwrap();
    store.audit_all(&[]).await.unwrap();
    assert_eq!(store.verify_audit().await.unwrap(), emgek_store::AuditCheck { rows: 1_208, first_broken: None });
    let rows = store.list_audit(&Default::default(), None, 2_000).await.unwrap();
    let objects: Vec<String> = rows.iter().rev().map(|r| r.object.clone()).collect();
    assert_eq!(objects, (0..=1_207).map(|n| format!("household:{n}")).collect::<Vec<_>>());
    let ids: Vec<i64> = rows.iter().rev().map(|r| r.audit_id).collect();
    assert_eq!(ids, (1..=1_208).collect::<Vec<i64>>());
    sql(&store, "UPDATE audit_log SET detail = '{}' WHERE audit_id = 700").await;
    assert_eq!(store.verify_audit().await.unwrap().first_broken.map(|b| b.0), Some(700));
}

async fn a_deleted_or_cut_audit_row_is_found(store: Store) {
    for n in 1..=4 {
        store.create_household(&clerk(), &household(n, "KG-C-SOK"), &[head(n)]).await.unwrap();
    }
    sql(&store, "DELETE FROM audit_log WHERE audit_id = 2").await;
    assert_eq!(store.verify_audit().await.unwrap().first_broken.map(|b| b.0), Some(3));
    sql(&store, "DELETE FROM audit_log WHERE audit_id >= 2").await;
    assert_eq!(store.verify_audit().await.unwrap().first_broken.map(|b| b.0), Some(2), "rows cut from the end");
}

fn new_user(name: &str, grants: &[(Role, &str)]) -> NewUser {
    NewUser {
        username: name.into(),
        display_name: name.to_uppercase(),
        password_hash: "$argon2id$not-a-real-hash".into(),
        must_change_password: true,
        grants: grants.iter().map(|(r, s)| Grant { role: *r, scope: Scope::parse(s).unwrap() }).collect(),
    }
}

async fn users_keep_their_grants_and_a_name_is_taken_once(store: Store) {
    let admin = Actor::new("root", Source::Cli);
    let id = store
        .create_user(&admin, &new_user("aida", &[(Role::CaseWorker, "rayon:KG-C-SOK"), (Role::HqAnalyst, "country")]))
        .await
        .unwrap();
    let user = store.user_by_username("aida").await.unwrap().unwrap();
    assert_eq!(user.id, id);
    assert!(user.must_change_password && !user.disabled);
    assert_eq!(user.access.grants.len(), 2);
    let err = store.create_user(&admin, &new_user("aida", &[])).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict("username.taken")), "{err:?}");
    store.set_grants(&admin, id, &[Grant { role: Role::Auditor, scope: Scope::Country }]).await.unwrap();
    assert_eq!(store.user(id).await.unwrap().access.roles(), [Role::Auditor]);
    assert_eq!(store.count_users().await.unwrap(), 1);
}

async fn a_new_password_or_a_disabled_account_ends_every_session(store: Store) {
    let admin = Actor::new("root", Source::Cli);
    let id = store.create_user(&admin, &new_user("aida", &[(Role::CaseWorker, "rayon:KG-C-SOK")])).await.unwrap();
    let later = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    store.create_session(id, "hash-1", "csrf", "127.0.0.1", later).await.unwrap();
    assert!(store.session("hash-1").await.unwrap().is_some());
    store.set_password(&admin, id, "$argon2id$new", false).await.unwrap();
    assert!(store.session("hash-1").await.unwrap().is_none());
    store.create_session(id, "hash-2", "csrf", "127.0.0.1", later).await.unwrap();
    store.set_disabled(&admin, id, true).await.unwrap();
    assert!(store.session("hash-2").await.unwrap().is_none());
    assert!(store.user(id).await.unwrap().disabled);
}

async fn a_revoked_token_opens_nothing(store: Store) {
    let admin = Actor::new("root", Source::Cli);
    let id = store.create_user(&admin, &new_user("aida", &[(Role::CaseWorker, "rayon:KG-C-SOK")])).await.unwrap();
    let token = store.create_token(&admin, id, "laptop", "token-hash", "emgek_ab").await.unwrap();
    assert_eq!(store.user_by_token("token-hash").await.unwrap().unwrap().id, id);
    assert!(
        matches!(store.revoke_token(&admin, id + 1, token).await, Err(StoreError::NotFound)),
        "only the owner revokes"
    );
    store.revoke_token(&admin, id, token).await.unwrap();
    assert!(store.user_by_token("token-hash").await.unwrap().is_none());
    assert!(store.tokens_of(id).await.unwrap()[0].revoked_at.is_some());
}

async fn a_token_used_again_within_a_minute_keeps_its_time_of_last_use(store: Store) {
    let admin = Actor::new("root", Source::Cli);
    let id = store.create_user(&admin, &new_user("aida", &[(Role::CaseWorker, "rayon:KG-C-SOK")])).await.unwrap();
    store.create_token(&admin, id, "laptop", "token-hash", "emgek_ab").await.unwrap();
    assert!(store.tokens_of(id).await.unwrap()[0].last_used_at.is_none(), "not used yet");
    store.user_by_token("token-hash").await.unwrap().unwrap();
    let first = store.tokens_of(id).await.unwrap()[0].last_used_at.expect("the first use is written");
    store.user_by_token("token-hash").await.unwrap().unwrap();
    assert_eq!(
        store.tokens_of(id).await.unwrap()[0].last_used_at,
        Some(first),
        "a read within the minute writes nothing"
    );
}

async fn failed_sign_ins_are_counted_by_name_and_by_address(store: Store) {
    let now = time::OffsetDateTime::now_utc();
    let (since, day_ago) = (now - time::Duration::minutes(15), now - time::Duration::days(1));
    for _ in 0..3 {
        store.record_login_failure("aida", "10.0.0.1", day_ago).await.unwrap();
    }
    store.record_login_failure("bolot", "10.0.0.1", day_ago).await.unwrap();
    assert_eq!(store.login_failures(Some("aida"), "10.0.0.1", since, 64).await.unwrap().len(), 3);
    assert_eq!(store.login_failures(None, "10.0.0.1", since, 64).await.unwrap().len(), 4);
    assert_eq!(store.login_failures(None, "10.0.0.1", since, 2).await.unwrap().len(), 2, "at most the limit");
    assert_eq!(store.login_failures_of("aida", since).await.unwrap(), 3);
    store.clear_login_failures("aida").await.unwrap();
    assert!(store.login_failures(Some("aida"), "10.0.0.1", since, 64).await.unwrap().is_empty());
    let future = now + time::Duration::minutes(1);
    assert!(
        store.login_failures(None, "10.0.0.1", future, 64).await.unwrap().is_empty(),
        "old failures no longer count"
    );
    // A failure forgets this address's failures older than it is told to.
    store.record_login_failure("bolot", "10.0.0.1", future).await.unwrap();
    assert_eq!(store.login_failures(None, "10.0.0.1", since, 64).await.unwrap().len(), 1);
}

mod social_contract;
use social_contract::*;

mod migration;

macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $scenario() { super::$scenario(super::fresh_store("sqlite").await).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $scenario() { super::$scenario(super::fresh_store("postgres").await).await })*
        }
    };
}

on_both_backends!(
    reference_geography_matches_the_domain_list,
    a_household_is_read_back_with_its_members_and_facts,
    a_pin_already_registered_is_a_conflict_named_for_the_user,
    an_edit_records_who_changed_what_from_what_to_what,
    a_member_edit_is_kept_in_the_household_history,
    search_finds_households_by_pin_name_in_either_script_and_place,
    lists_paginate_and_count_everything_the_filter_selects,
    importing_the_same_rows_twice_changes_nothing_the_second_time,
    an_import_writes_its_rows_in_batches_and_a_household_across_two_is_made_once,
    an_import_rolled_back_or_abandoned_leaves_only_its_log,
    an_import_undone_puts_back_what_it_changed_and_takes_out_what_it_added,
    an_export_streams_every_member_in_household_order,
    every_write_is_audited_and_a_row_changed_by_hand_breaks_the_chain,
    a_deleted_or_cut_audit_row_is_found,
    entries_appended_many_at_once_continue_the_chain_in_order,
    users_keep_their_grants_and_a_name_is_taken_once,
    a_new_password_or_a_disabled_account_ends_every_session,
    a_revoked_token_opens_nothing,
    a_token_used_again_within_a_minute_keeps_its_time_of_last_use,
    failed_sign_ins_are_counted_by_name_and_by_address,
    rules_versions_are_kept_and_never_rewritten,
    a_household_has_one_open_application_per_call,
    submission_freezes_the_facts_the_decision_rests_on,
    the_store_refuses_an_approval_nobody_reviewed,
    training_attendance_is_recorded_once,
);
