//! The `emgek` binary as an operator uses it: synth, import, export, backup, migrate, on SQLite
//! and on PostgreSQL.

use emgek_exchange::records::Kind;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn emgek(db: &str, args: &[&str]) -> Output {
    let out = emgek_failing(db, args);
    if !out.status.success() && out.status.code() != Some(2) {
        panic!(
            "emgek {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (row, field, rule) of each line of a truth or reject file.
fn rows(path: &Path) -> BTreeSet<(u64, String, String)> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].parse().unwrap(), r[1].to_string(), r[2].to_string())
        })
        .collect()
}

fn count_households(db: &str) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.csv");
    emgek(db, &["export", "households", "--format", "csv", "--out", out.to_str().unwrap()]);
    let mut refs: Vec<String> =
        csv::Reader::from_path(&out).unwrap().records().map(|r| r.unwrap()[0].to_string()).collect();
    refs.dedup();
    refs.len()
}

fn synth(dir: &Path, households: &str, seed: &str) -> std::path::PathBuf {
    let out = emgek(
        "sqlite::memory:",
        &["synth", "--households", households, "--seed", seed, "--out", dir.to_str().unwrap()],
    );
    assert!(stdout(&out).contains(&format!("wrote {households} households")), "{}", stdout(&out));
    dir.join("households.csv")
}

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite:{}", dir.join("emgek.db").display())
}

fn postgres_url() -> String {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(emgek_testing::fresh_url("postgres"))
}

fn the_reject_file_names_every_injected_invalid_row_and_no_valid_one(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = synth(dir.path(), "800", "7");
    let rejects = dir.path().join("rejects.csv");
    let out = emgek(db, &["import", "households", file.to_str().unwrap(), "--rejects", rejects.to_str().unwrap()]);
    assert!(out.status.success());
    let truth = rows(&dir.path().join("truth").join("invalid_rows.csv"));
    assert!(truth.len() >= 10, "the synthetic file holds invalid rows: {}", truth.len());
    assert_eq!(rows(&rejects), truth);
    assert!(stdout(&out).contains(&format!("rows rejected        {:>10}", truth.len())), "{}", stdout(&out));
    // Every household with at least one valid row is in the database.
    let invalid: BTreeSet<u64> = truth.iter().map(|t| t.0).collect();
    let mut expected: Vec<String> = csv::Reader::from_path(&file)
        .unwrap()
        .records()
        .enumerate()
        .filter(|(i, _)| !invalid.contains(&(*i as u64 + 2)))
        .map(|(_, r)| r.unwrap()[0].to_string())
        .collect();
    expected.dedup();
    assert_eq!(count_households(db), expected.len());
}

fn importing_the_same_file_again_creates_no_duplicates(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = synth(dir.path(), "120", "3");
    emgek(db, &["import", "households", file.to_str().unwrap()]);
    let again = stdout(&emgek(db, &["import", "households", file.to_str().unwrap()]));
    assert!(again.contains(&format!("households created   {:>10}", 0)), "{again}");
    assert!(again.contains(&format!("people added         {:>10}", 0)), "{again}");
    assert!(again.contains(&format!("people updated       {:>10}", 0)), "{again}");
    assert_eq!(count_households(db), 120);
}

fn all_or_nothing_saves_nothing_when_a_row_is_rejected(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = synth(dir.path(), "300", "11");
    let out = emgek(db, &["import", "households", file.to_str().unwrap(), "--all-or-nothing"]);
    assert_eq!(out.status.code(), Some(2), "a rolled-back import exits with 2");
    assert!(stdout(&out).contains("rolled back, nothing saved"));
    assert!(dir.path().join("households.rejects.csv").exists(), "the reject file is still written");
    assert_eq!(count_households(db), 0);
}

fn an_export_imports_back_into_an_empty_database_unchanged(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = synth(dir.path(), "60", "5");
    emgek(db, &["import", "households", file.to_str().unwrap()]);
    for format in ["csv", "xlsx"] {
        let exported = dir.path().join(format!("out.{format}"));
        emgek(
            db,
            &["export", "households", "--format", format, "--out", exported.to_str().unwrap(), "--oblast", "kg-c"],
        );
        let fresh = format!("sqlite:{}", dir.path().join(format!("copy-{format}.db")).display());
        let out = emgek(&fresh, &["import", "households", exported.to_str().unwrap()]);
        assert!(stdout(&out).contains(&format!("rows rejected        {:>10}", 0)), "{}", stdout(&out));
        let again = dir.path().join(format!("again-{format}.csv"));
        emgek(&fresh, &["export", "households", "--format", "csv", "--out", again.to_str().unwrap()]);
        let csv_of_original = dir.path().join(format!("orig-{format}.csv"));
        emgek(
            db,
            &[
                "export",
                "households",
                "--format",
                "csv",
                "--out",
                csv_of_original.to_str().unwrap(),
                "--oblast",
                "KG-C",
            ],
        );
        assert_eq!(
            std::fs::read_to_string(&again).unwrap(),
            std::fs::read_to_string(&csv_of_original).unwrap(),
            "{format}"
        );
    }
}

fn a_file_without_required_columns_is_refused_naming_them(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, "household_ref,pin\nHH-1,21503198512345\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(["import", "households", file.to_str().unwrap()])
        .env("EMGEK_DATABASE_URL", db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lacks required columns: oblast, rayon, consent, full_name, birth_date, sex, relation"),
        "{err}"
    );
}

fn an_offices_own_headings_import_through_a_saved_profile(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("тизме.csv");
    std::fs::write(
        &file,
        "Тизме, Талас району\nКод;Облус;Аймак;Адам;Ж;Туулду;Жеке;Ким;Макул;Эскертүү\n\
         TAL-7;Талас облусу;Талас району;Асанова Гульнара;Ж;15.03.1985;1 1503 1985 00123;башчысы;ооба;жаңы\n",
    )
    .unwrap();
    let unknown = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(["import", "households", file.to_str().unwrap(), "--profile", "Талас"])
        .env("EMGEK_DATABASE_URL", db)
        .output()
        .unwrap();
    assert!(!unknown.status.success(), "no such profile yet");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no import profile of this name"));
    let maps = [
        "Код=household_ref",
        "Аймак=rayon",
        "Адам=full_name",
        "Ж=sex",
        "Туулду=birth_date",
        "Жеке=pin",
        "Ким=relation",
        "Макул=consent",
        "Эскертүү=-",
    ];
    let mut args = vec!["import", "profile", "Талас"];
    for m in &maps {
        args.extend(["--map", m]);
    }
    let saved = emgek(db, &args);
    assert!(stdout(&saved).contains("saved the import profile"), "{}", stdout(&saved));
    let out = emgek(db, &["import", "households", file.to_str().unwrap(), "--profile", "Талас"]);
    let text = stdout(&out);
    let created = text.lines().any(|l| l.trim_start().starts_with("households created") && l.ends_with(" 1"));
    assert!(created && text.contains("header on row 2"), "{text}");
    assert!(!text.contains("ignored columns"), "the profile ignores Эскертүү on purpose: {text}");
}

fn a_profile_of_a_kind_of_records_reads_its_files_and_no_others(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("курсы.csv");
    std::fs::write(&rates, "Курсы НБКР\nВал.;Күн;Сом\nUSD;01.01.2024;89,20\nKZT;01.01.2024;0,1950\n").unwrap();
    let refused = emgek_failing(db, &["import", "rates", rates.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("lacks required columns: currency, rate_on, rate"));
    let maps = ["Вал.=currency", "Күн=rate_on", "Сом=rate"];
    let mut args = vec!["import", "profile", "НБКР", "--kind", "rates"];
    for m in &maps {
        args.extend(["--map", m]);
    }
    let saved = emgek(db, &args);
    assert!(stdout(&saved).contains("saved the import profile \"НБКР\" for rates files"), "{}", stdout(&saved));
    let out = emgek(db, &["import", "rates", rates.to_str().unwrap(), "--profile", "НБКР"]);
    let text = stdout(&out);
    assert_eq!(figures(&text, "records added"), [2], "{text}");
    assert!(text.contains("header on row 2"), "{text}");
    // The rates' profile reads no household file, and a kind emgek does not know is named.
    let households = emgek_failing(db, &["import", "households", rates.to_str().unwrap(), "--profile", "НБКР"]);
    assert!(String::from_utf8_lossy(&households.stderr).contains("no import profile of this name"));
    let unknown = emgek_failing(db, &["import", "profile", "x", "--kind", "people", "--map", "a=b"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--kind \"people\""), "{unknown:?}");
}

/// Runs emgek, whatever its exit.
fn emgek_failing(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(args)
        .env("EMGEK_DATABASE_URL", db)
        .env("EMGEK_LOG", "warn")
        .output()
        .expect("run emgek")
}

/// The number after a label in an import's summary, for each file in turn.
fn figures(summary: &str, label: &str) -> Vec<u64> {
    summary
        .lines()
        .filter_map(|l| l.trim().strip_prefix(label))
        .map(|rest| rest.trim().parse().unwrap_or_else(|_| panic!("{label}: {rest}")))
        .collect()
}

fn a_synth_country_imports_in_one_command_and_again_adds_nothing(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    synth(dir.path(), "2000", "5");
    let folder = dir.path().to_str().unwrap();
    let first = stdout(&emgek(db, &["import", "country", folder]));
    let lines = |file: &str| std::fs::read_to_string(dir.path().join(file)).unwrap().lines().count() as u64 - 1;
    // Every record of every kind comes in: the Social Contract's programme, call, applications,
    // contracts, tranches and reports, OVOP's producers (family businesses naming their
    // contracts) to their exports, the prison enterprises, and a hotline's grievances.
    let files: Vec<&str> = Kind::ALL.iter().map(|k| k.synth_file()).filter(|f| dir.path().join(f).exists()).collect();
    assert_eq!(files.len(), 30, "{files:?}");
    let added = figures(&first, "records added");
    assert_eq!(added, files.iter().map(|f| lines(f)).collect::<Vec<_>>(), "{files:?}\n{first}");
    assert!(added.iter().filter(|n| **n > 0).count() >= 20, "{first}");
    let rejected = figures(&first, "rows rejected");
    assert!(first.contains("read as: UTF-8, ','-separated, header on row 1"));
    let again = stdout(&emgek(db, &["import", "country", folder]));
    assert!(figures(&again, "records added").iter().all(|n| *n == 0), "{again}");
    assert_eq!(figures(&again, "held already"), added, "{again}");
    assert_eq!(figures(&again, "rows rejected")[1..], rejected[1..], "the same rows, for the same reasons");
}

macro_rules! on_both_backends {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $scenario() { let dir = tempfile::tempdir().unwrap(); super::$scenario(&super::sqlite_url(dir.path())) })*
        }
        mod postgres {
            $(#[test] fn $scenario() { super::$scenario(&super::postgres_url()) })*
        }
    };
}

on_both_backends!(
    the_reject_file_names_every_injected_invalid_row_and_no_valid_one,
    importing_the_same_file_again_creates_no_duplicates,
    all_or_nothing_saves_nothing_when_a_row_is_rejected,
    an_export_imports_back_into_an_empty_database_unchanged,
    a_file_without_required_columns_is_refused_naming_them,
    an_offices_own_headings_import_through_a_saved_profile,
    a_profile_of_a_kind_of_records_reads_its_files_and_no_others,
    a_synth_country_imports_in_one_command_and_again_adds_nothing,
);

#[test]
fn the_same_seed_writes_the_same_files_and_another_seed_does_not() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let read = |p: &Path| std::fs::read(p).unwrap();
    let (fa, fb, fc) = (synth(a.path(), "200", "42"), synth(b.path(), "200", "42"), synth(c.path(), "200", "43"));
    assert_eq!(read(&fa), read(&fb));
    assert_eq!(read(&a.path().join("truth/duplicates.csv")), read(&b.path().join("truth/duplicates.csv")));
    for file in ["facilities.csv", "inmates.csv", "production.csv", "orders.csv"] {
        assert_eq!(read(&a.path().join(file)), read(&b.path().join(file)), "{file}");
    }
    assert_ne!(read(&fa), read(&fc));
    assert_ne!(read(&a.path().join("inmates.csv")), read(&c.path().join("inmates.csv")));
}

#[test]
fn a_backup_of_a_live_database_opens_with_the_same_households() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let file = synth(dir.path(), "40", "9");
    emgek(&db, &["import", "households", file.to_str().unwrap()]);
    let copy = dir.path().join("backup.db");
    let out = emgek(&db, &["backup", copy.to_str().unwrap()]);
    assert!(stdout(&out).contains("backed up"));
    assert_eq!(count_households(&format!("sqlite:{}", copy.display())), 40);
    let again = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(["backup", copy.to_str().unwrap()])
        .env("EMGEK_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!again.status.success(), "an existing backup is never overwritten");
}

#[test]
fn migrate_brings_a_new_database_up_to_date_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = emgek(&sqlite_url(dir.path()), &["migrate"]);
    assert_eq!(stdout(&out).trim(), "the sqlite database is up to date");
}

#[test]
fn an_import_killed_midway_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let small = tempfile::tempdir().unwrap();
    let first = synth(small.path(), "30", "1");
    emgek(&db, &["import", "households", first.to_str().unwrap()]);
    let before = count_households(&db);
    let big = synth(dir.path(), "20000", "2");
    let mut child = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(["import", "households", big.to_str().unwrap()])
        .env("EMGEK_DATABASE_URL", &db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    assert!(!finished, "the import should still be running when it is killed");
    assert_eq!(count_households(&db), before, "nothing of the killed import stayed");
}

#[test]
fn another_user_writes_at_once_while_a_big_import_runs_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let add = ["user", "add", "--username", "aigul", "--grant", "case_worker@rayon:KG-C-SOK", "--password-stdin"];
    assert!(emgek_stdin(&db, &add, "Ysyk-Kol-summer-2026\n").status.success());
    let big = synth(dir.path(), "20000", "3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(["import", "households", big.to_str().unwrap()])
        .env("EMGEK_DATABASE_URL", &db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    // Another user's write while the import runs (an administrator disables an account): held
    // up at most by two seconds of the import, never until its end (nor failed after the busy
    // timeout, as when an import was one transaction).
    let started = std::time::Instant::now();
    let out = emgek(&db, &["user", "disable", "aigul"]);
    let took = started.elapsed();
    let running = child.try_wait().unwrap().is_none();
    let status = child.wait().unwrap();
    assert!(stdout(&out).contains("disabled aigul"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(running, "the import should still be running when the other write is done ({took:?})");
    assert!(took < std::time::Duration::from_secs(5), "the write waited {took:?}");
    assert!(status.success(), "the import went on to its end");
    // All but the few rows the synthetic file breaks on purpose (they go to its reject file).
    assert!(count_households(&db) > 19_900);
}

fn emgek_stdin(db: &str, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(args)
        .env("EMGEK_DATABASE_URL", db)
        .env("EMGEK_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn an_administrator_is_added_listed_and_disabled_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let add = [
        "user",
        "add",
        "--username",
        "root",
        "--grant",
        "admin@country",
        "--grant",
        "case_worker@rayon:KG-C-SOK",
        "--password-stdin",
    ];
    let out = emgek_stdin(&db, &add, "Ysyk-Kol-summer-2026\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = emgek_stdin(&db, &add, "Ysyk-Kol-summer-2026\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("the user name root is taken"));
    let weak = emgek_stdin(
        &db,
        &["user", "add", "--username", "weak", "--grant", "auditor@country", "--password-stdin"],
        "short\n",
    );
    assert!(!weak.status.success() && String::from_utf8_lossy(&weak.stderr).contains("at least 12 characters"));
    let bad_scope = emgek_stdin(
        &db,
        &["user", "add", "--username", "xyz", "--grant", "admin@rayon:KG-X", "--password-stdin"],
        "Ysyk-Kol-summer-2026\n",
    );
    assert!(String::from_utf8_lossy(&bad_scope.stderr).contains("not a scope"));
    emgek(&db, &["user", "disable", "root"]);
    let list = stdout(&emgek(&db, &["user", "list"]));
    assert!(
        list.contains("root") && list.contains("disabled") && list.contains("admin@country case_worker@rayon:KG-C-SOK"),
        "{list}"
    );
}

#[test]
fn user_unlock_opens_sign_in_shut_by_failed_attempts_and_says_how_many_it_forgot() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let add = ["user", "add", "--username", "root", "--grant", "admin@country", "--password-stdin"];
    assert!(emgek_stdin(&db, &add, "Ysyk-Kol-summer-2026\n").status.success());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let count = |sql: &'static str| {
        rt.block_on(async {
            let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
            let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            n
        })
    };
    // Six failures from six addresses: each address alone is below the threshold.
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6) \
             INSERT INTO login_failures (username, ip, created_at, updated_at) \
             SELECT 'root', '192.0.2.' || i, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), \
             strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM n",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
    let out = emgek(&db, &["user", "unlock", "root"]);
    assert!(stdout(&out).contains("opened sign-in for root (6 failed attempts forgotten)"), "{}", stdout(&out));
    assert_eq!(count("SELECT COUNT(*) FROM login_failures"), 0);
    assert_eq!(count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.unlock'"), 1, "audited");
    let out = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(["user", "unlock", "nobody"])
        .env("EMGEK_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no user nobody"));
}

#[test]
fn audit_verify_catches_a_row_changed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = sqlite_url(dir.path());
    let file = synth(dir.path(), "20", "4");
    emgek(&db, &["import", "households", file.to_str().unwrap()]);
    emgek_stdin(
        &db,
        &["user", "add", "--username", "root", "--grant", "admin@country", "--password-stdin"],
        "Ysyk-Kol-summer-2026\n",
    );
    let out = emgek(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("the audit log is intact: 2 rows"), "{}", stdout(&out));
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'nobody' WHERE audit_id = 1").execute(&pool).await.unwrap();
        pool.close().await;
    });
    let out = Command::new(env!("CARGO_BIN_EXE_emgek"))
        .args(["audit", "verify"])
        .env("EMGEK_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("BROKEN at row 1"), "{}", stdout(&out));
}

#[test]
fn synth_writes_applications_contracts_payments_and_reports_that_agree() {
    let dir = tempfile::tempdir().unwrap();
    synth(dir.path(), "3000", "8");
    let read = |name: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_path(dir.path().join(name)).unwrap().records().map(|r| r.unwrap()).collect()
    };
    let (applications, contracts, payments, reports) =
        (read("applications.csv"), read("contracts.csv"), read("payments.csv"), read("monthly_reports.csv"));
    assert!((200..=400).contains(&applications.len()), "about one household in ten applies: {}", applications.len());
    assert!(!contracts.is_empty());
    for c in &contracts {
        let app = applications.iter().find(|a| a[0] == c[1]).expect("every contract has its application");
        assert_eq!(&app[3], "funded");
        let grant = emgek_domain::Money::parse_major(&c[2], emgek_domain::Currency::KGS).unwrap().minor();
        let paid: i64 = payments
            .iter()
            .filter(|p| p[0] == c[0])
            .map(|p| emgek_domain::Money::parse_major(&p[2], emgek_domain::Currency::KGS).unwrap().minor())
            .sum();
        assert_eq!(paid, grant, "the tranches add up to the grant of {}", &c[0]);
        assert_eq!(reports.iter().filter(|r| r[0] == c[0]).count(), 12);
    }
    let other = tempfile::tempdir().unwrap();
    synth(other.path(), "3000", "8");
    assert_eq!(
        std::fs::read(dir.path().join("monthly_reports.csv")).unwrap(),
        std::fs::read(other.path().join("monthly_reports.csv")).unwrap(),
        "deterministic"
    );
}
