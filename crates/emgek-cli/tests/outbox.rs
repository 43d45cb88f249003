//! The outbox against the real gateways: `emgek serve` sending notices through Kannel (with the
//! fake SMSC of `kannel-extras`) and an SMTP server (aiosmtpd), killed with SIGKILL at random
//! moments and started again. Needs those programs: `scripts/test` runs it (`--ignored`) where
//! they are installed, and `.ci/run` installs them.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use emgek_app::grievances::{self, GrievanceForm};
use emgek_app::{App, Caller};
use emgek_domain::access::{Access, Grant, Role, Scope};
use emgek_store::Source;
use emgek_testing::gateways::{self, Kannel, SmtpSink};
use rand::{Rng, SeedableRng};

const KEY: &str = "outbox-test-gateway-key";

fn components_or_skip() -> bool {
    let missing = gateways::missing();
    if missing.is_empty() {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI must run the outbox's test, and these are missing: {}", missing.join(", "));
    }
    eprintln!("SKIPPED: the outbox's test needs {}", missing.join(", "));
    false
}

/// Registers `n` grievances whose complainants gave a phone (two in three) or an e-mail
/// address, in Kyrgyz and Russian: a notice each.
async fn grievances_with_contacts(db: &str, n: usize) {
    let store = emgek_store::Store::connect(db).await.unwrap();
    store.migrate().await.unwrap();
    let app = App::new(store.clone());
    let access = Access::new(vec![Grant { role: Role::CaseWorker, scope: Scope::parse("rayon:KG-C-SOK").unwrap() }]);
    let worker = Caller::user(1, "aigul", access, Source::Web, "");
    for i in 0..n {
        let contact = if i % 3 == 2 {
            format!("family{i}@example.kg")
        } else {
            format!("+996 700 {:03} {:03}", i / 1000, i % 1000)
        };
        let form = GrievanceForm {
            channel: "hotline".into(),
            category: "payment.late".into(),
            rayon: "KG-C-SOK".into(),
            name: format!("Асанова Гүлнара {i}"),
            contact,
            language: if i % 2 == 0 { "ky" } else { "ru" }.into(),
            summary: "Экинчи транш келе элек".into(),
            ..GrievanceForm::default()
        };
        grievances::open(&app, &worker, &form).await.unwrap();
    }
    store.close().await;
}

fn serve(bin: &Path, db: &str, port: u16, kannel: &Kannel, smtp: &SmtpSink, log: &Path) -> Child {
    Command::new(bin)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--insecure-cookies"])
        .args(["--kannel-sendsms", &kannel.sendsms_url, "--kannel-user", &kannel.username])
        .args(["--smtp", &format!("127.0.0.1:{}", smtp.port), "--smtp-from", "emgek@labour.example.kg"])
        .env("EMGEK_DATABASE_URL", db)
        .env("EMGEK_KANNEL_PASSWORD", &kannel.password)
        .env("EMGEK_GATEWAY_KEY", KEY)
        // A notice held by a killed server is unsure after 1 s; an unsure SMS that no delivery
        // report settles within 20 s is sent again (Kannel calls back every second).
        .env("EMGEK_NOTICE_LEASE_SECS", "1")
        .env("EMGEK_SMS_REPORT_GRACE_SECS", "20")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(std::fs::OpenOptions::new().create(true).append(true).open(log).unwrap())
        .spawn()
        .expect("emgek serve starts")
}

async fn states(db: &str) -> Vec<(i64, String, String, i32, String)> {
    let store = emgek_store::Store::connect(db).await.unwrap();
    let rows = store.notices_after(0, 10_000).await.unwrap();
    store.close().await;
    rows.into_iter().map(|n| (n.notice_id, n.channel, n.state, n.attempts, n.body)).collect()
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Kannel, kannel-extras and aiosmtpd: scripts/test runs it with --ignored"]
async fn every_notice_reaches_its_gateway_exactly_once_though_the_server_is_killed_at_random_moments() {
    if !components_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("emgek.db").display());
    const NOTICES: usize = 240;
    grievances_with_contacts(&db, NOTICES).await;

    let port = gateways::free_port();
    let kannel = Kannel::start(&dir.path().join("kannel"), &format!("http://127.0.0.1:{port}"), KEY);
    let smtp = SmtpSink::start(&dir.path().join("smtp"));
    let bin = Path::new(env!("CARGO_BIN_EXE_emgek"));
    let log = dir.path().join("serve.log");

    // Killed 12 times, each after 0.2–1.5 s of life: while starting, claiming, sending or
    // recording; then left to finish.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(22);
    let mut kills = 0;
    for _ in 0..12 {
        let mut server = serve(bin, &db, port, &kannel, &smtp, &log);
        tokio::time::sleep(Duration::from_millis(rng.random_range(200..1500))).await;
        server.kill().unwrap();
        server.wait().unwrap();
        kills += 1;
    }
    let mut server = serve(bin, &db, port, &kannel, &smtp, &log);
    let until = Instant::now() + Duration::from_secs(120);
    let settled = loop {
        let now = states(&db).await;
        let open = now.iter().filter(|n| !matches!(n.2.as_str(), "sent" | "delivered")).count();
        if open == 0 && kannel.received().len() >= now.iter().filter(|n| n.1 == "sms").count() {
            break now;
        }
        assert!(Instant::now() < until, "notices still not sent after 2 minutes: {open} of {}", now.len());
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(kills, 12);
    assert_eq!(settled.len(), NOTICES, "one notice a grievance");

    // Every SMS exactly once, in its language, Kyrgyz letters whole.
    let received = kannel.received();
    let sms: Vec<_> = settled.iter().filter(|n| n.1 == "sms").collect();
    for (_, _, _, _, body) in &sms {
        let times = received.iter().filter(|r| &r.text == body).count();
        assert_eq!(times, 1, "{body:?} reached the fake SMSC {times} times");
    }
    assert_eq!(received.len(), sms.len(), "nothing else reached the fake SMSC");
    assert!(received.iter().any(|r| r.text.contains("Даттанууңуз") && r.text.contains("катталды")));
    assert!(received.iter().any(|r| r.text.contains("Ваша жалоба")));
    // Kannel's delivery reports came back: every SMS is delivered.
    assert!(
        sms.iter().all(|n| n.2 == "delivered"),
        "{:?}",
        sms.iter().filter(|n| n.2 != "delivered").collect::<Vec<_>>()
    );

    // Every e-mail arrived; one sent twice is only one whose first try was in doubt (its
    // server died between the mail server's answer and the record of it), and it carries the
    // same Message-ID.
    let ids = smtp.message_ids();
    for (id, _, _, attempts, _) in settled.iter().filter(|n| n.1 == "email") {
        let times = ids.iter().filter(|m| m.starts_with(&format!("<notice-{id}@"))).count();
        assert!(times >= 1, "notice {id} never reached the mail server");
        assert!(times as i32 <= *attempts, "notice {id} arrived {times} times in {attempts} tries");
    }
    let doubled = ids.len() - settled.iter().filter(|n| n.1 == "email").count();
    eprintln!("{kills} kills; {} SMS once each; {} e-mails, {doubled} sent again after a crash", sms.len(), ids.len());
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Kannel, kannel-extras and aiosmtpd: scripts/test runs it with --ignored"]
async fn a_family_sends_her_grievances_number_by_sms_and_gets_its_status_back_in_kyrgyz() {
    if !components_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("emgek.db").display());
    grievances_with_contacts(&db, 1).await;
    let port = gateways::free_port();
    let mut kannel = Kannel::start(&dir.path().join("kannel"), &format!("http://127.0.0.1:{port}"), KEY);
    let smtp = SmtpSink::start(&dir.path().join("smtp"));
    let bin = Path::new(env!("CARGO_BIN_EXE_emgek"));
    let mut server = serve(bin, &db, port, &kannel, &smtp, &dir.path().join("serve.log"));
    let wait_for = |kannel: &Kannel, n: usize| {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            let got = kannel.received();
            if got.len() >= n || Instant::now() > until {
                return got;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    // Registered by the hotline: she is told its number.
    let got = wait_for(&kannel, 1);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].text.starts_with("Даттанууңуз GR-"), "{got:?}");
    let number: String = got[0].text.split_whitespace().nth(1).unwrap().to_string();
    // She sends it back from her phone to the programme's number.
    kannel.phone_sends("+996700000000", "1414", &number);
    let got = wait_for(&kannel, 2);
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(got.len(), 2, "{got:?}\n{}", std::fs::read_to_string(dir.path().join("serve.log")).unwrap_or_default());
    assert_eq!(got[1].to, "+996700000000");
    assert_eq!(got[1].text, format!("{number} даттануусунун абалы: алынды."));
}
