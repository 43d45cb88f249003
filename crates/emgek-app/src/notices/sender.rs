//! The outbox's sender: takes due notices from the store, hands each to its gateway (SMS
//! through Kannel's HTTP `sendsms`, e-mail through SMTP), and records what came of it. It runs
//! beside the server, never in a request's path; several servers may run it at once (a notice
//! is claimed by one of them).
//!
//! **A crash between the gateway's answer and the store's record** leaves a notice `sending`
//! until its lease ends; it is then `unsure`. An SMS carries its notice's id and try in its
//! delivery-report URL, and Kannel calls that URL again until emgek answers: a report for the
//! try settles the notice as sent, so that it is not sent twice. An unsure SMS that no report
//! settles within the grace period was never taken by the gateway, and is sent again. SMTP has
//! no such report: an unsure e-mail is sent again at once, with the same `Message-ID`, so that
//! a mail client shows one message (`docs/architecture.md`, "Notices").

use std::time::Duration;

use bytes::Bytes;
use emgek_domain::notice::{MAX_ATTEMPTS, NoticeLanguage, back_off};
use emgek_store::notices::NoticeRow;
use http_body_util::{BodyExt, Empty, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use time::OffsetDateTime;

use crate::{App, AppError};

/// Kannel's `sendsms` interface (smsbox), and where its delivery reports come back.
#[derive(Debug, Clone)]
pub struct Kannel {
    /// `http://127.0.0.1:13013/cgi-bin/sendsms`
    pub sendsms_url: String,
    pub username: String,
    pub password: String,
    /// The programme's number, the SMS's sender.
    pub from: String,
    /// emgek's delivery-report address as Kannel reaches it:
    /// `http://127.0.0.1:8080/gateway/kannel/dlr`.
    pub report_url: String,
    /// The secret Kannel's calls carry (`key=`), shared with `serve --kannel-key`.
    pub key: String,
}

/// An SMTP server that relays for emgek (no TLS: a relay on the same host or network).
#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    /// `emgek@labour.gov.kg`
    pub from: String,
}

#[derive(Debug, Clone)]
pub struct Gateways {
    pub kannel: Option<Kannel>,
    pub smtp: Option<Smtp>,
    /// How long a sender holds a notice it claimed before it is presumed dead.
    pub lease: Duration,
    /// How long an unsure SMS waits for a delivery report before it is sent again.
    pub sms_grace: Duration,
    /// Notices claimed at a time.
    pub batch: i64,
    /// How long to wait when nothing is due.
    pub idle: Duration,
}

impl Gateways {
    pub fn new(kannel: Option<Kannel>, smtp: Option<Smtp>) -> Self {
        Self {
            kannel,
            smtp,
            lease: Duration::from_secs(60),
            sms_grace: Duration::from_secs(300),
            batch: 50,
            idle: Duration::from_secs(2),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kannel.is_none() && self.smtp.is_none()
    }
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub claimed: usize,
    pub sent: usize,
    pub again: usize,
    pub failed: usize,
    pub unsure: u64,
    pub requeued: u64,
}

/// A gateway's refusal: worth another try later, or not.
#[derive(Debug)]
enum Refused {
    Again(String),
    Never(String),
}

fn millis(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

/// One pass of the sender: unsure notices settled or queued again, then the due ones sent.
pub async fn pass(app: &App, gateways: &Gateways, http: &HttpClient) -> Result<Pass, AppError> {
    let now = app.clock.now();
    let now_ms = millis(now);
    let settled = app.store.settle_abandoned_notices(now_ms, gateways.sms_grace.as_millis() as i64).await?;
    let lease_until = now_ms + gateways.lease.as_millis() as i64;
    let claimed = app
        .store
        .claim_notices(now_ms, lease_until, gateways.batch, gateways.kannel.is_some(), gateways.smtp.is_some())
        .await?;
    let mut done =
        Pass { claimed: claimed.len(), unsure: settled.unsure, requeued: settled.requeued, ..Pass::default() };
    for notice in claimed {
        let outcome = match notice.channel.as_str() {
            "sms" => match &gateways.kannel {
                Some(k) => send_sms(http, k, &notice).await,
                None => Err(Refused::Again("no SMS gateway".into())),
            },
            "email" => match &gateways.smtp {
                Some(s) => send_email(s, &notice).await,
                None => Err(Refused::Again("no SMTP server".into())),
            },
            other => Err(Refused::Never(format!("unknown channel {other}"))),
        };
        let at = app.clock.now();
        match outcome {
            Ok(()) => {
                app.store.notice_sent(notice.notice_id, notice.attempts, at).await?;
                done.sent += 1;
            }
            Err(Refused::Again(e)) if notice.attempts < MAX_ATTEMPTS => {
                let next = millis(at + back_off(notice.attempts));
                tracing::info!(notice = notice.notice_id, attempt = notice.attempts, error = %e, "notice not sent; tried again later");
                app.store.notice_not_sent(notice.notice_id, notice.attempts, &e, Some(next), at).await?;
                done.again += 1;
            }
            Err(Refused::Again(e) | Refused::Never(e)) => {
                tracing::warn!(notice = notice.notice_id, attempt = notice.attempts, error = %e, "notice given up");
                app.store.notice_not_sent(notice.notice_id, notice.attempts, &e, None, at).await?;
                done.failed += 1;
            }
        }
    }
    Ok(done)
}

/// Runs the sender until the process ends: a pass, then another at once while notices are
/// due, else after `idle`.
pub async fn run(app: App, gateways: Gateways) {
    let http = http_client();
    loop {
        match pass(&app, &gateways, &http).await {
            Ok(p) if p.claimed as i64 >= gateways.batch => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "the outbox's sender cannot run a pass"),
        }
        tokio::time::sleep(gateways.idle).await;
    }
}

pub type HttpClient = Client<HttpConnector, Empty<Bytes>>;

pub fn http_client() -> HttpClient {
    let mut connector = HttpConnector::new();
    connector.set_connect_timeout(Some(Duration::from_secs(5)));
    Client::builder(TokioExecutor::new()).build(connector)
}

/// Kannel's `sendsms` for a notice: UCS-2, so that ң, ө and ү arrive; every delivery report
/// (delivered, failed, buffered, taken by the SMSC, refused by it) back to emgek with the
/// notice's id and try.
pub fn sendsms_uri(k: &Kannel, n: &NoticeRow) -> String {
    let report = format!(
        "{}?{}&type=%d",
        k.report_url,
        serde_urlencoded::to_string([
            ("notice", n.notice_id.to_string()),
            ("attempt", n.attempts.to_string()),
            ("key", k.key.clone())
        ])
        .unwrap_or_default()
    );
    let query = serde_urlencoded::to_string([
        ("username", k.username.as_str()),
        ("password", k.password.as_str()),
        ("from", k.from.as_str()),
        ("to", n.address.as_str()),
        ("text", n.body.as_str()),
        ("coding", "2"),
        ("charset", "UTF-8"),
        ("dlr-mask", "31"),
        ("dlr-url", report.as_str()),
    ])
    .unwrap_or_default();
    format!("{}?{query}", k.sendsms_url)
}

async fn send_sms(http: &HttpClient, k: &Kannel, n: &NoticeRow) -> Result<(), Refused> {
    let uri: http::Uri = sendsms_uri(k, n).parse().map_err(|e| Refused::Never(format!("sendsms address: {e}")))?;
    let answer = tokio::time::timeout(Duration::from_secs(10), http.get(uri))
        .await
        .map_err(|_| Refused::Again("Kannel did not answer within 10 s".into()))?
        .map_err(|e| Refused::Again(format!("Kannel: {e}")))?;
    let status = answer.status();
    let body = Limited::new(answer.into_body(), 4096)
        .collect()
        .await
        .map(|b| String::from_utf8_lossy(&b.to_bytes()).trim().to_string())
        .unwrap_or_default();
    match status.as_u16() {
        // 202 "Accepted for delivery", or "Queued for later delivery" when the SMSC is down.
        200..=299 => Ok(()),
        // 400-range: the request itself is wrong (a number Kannel refuses, a text too long).
        400..=499 if status.as_u16() != 429 => Err(Refused::Never(format!("Kannel {status}: {body}"))),
        _ => Err(Refused::Again(format!("Kannel {status}: {body}"))),
    }
}

fn subject(language: &str) -> String {
    let language = NoticeLanguage::parse(language).unwrap_or(NoticeLanguage::Ky);
    super::word(language, "notice", "subject")
}

async fn send_email(s: &Smtp, n: &NoticeRow) -> Result<(), Refused> {
    let from = s.from.parse().map_err(|e| Refused::Never(format!("sender address: {e}")))?;
    let to = n.address.parse().map_err(|e| Refused::Never(format!("address: {e}")))?;
    let domain = s.from.rsplit_once('@').map_or("emgek", |(_, d)| d);
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(subject(&n.language))
        // The same notice sent twice (after a crash) is one message to a mail client.
        .message_id(Some(format!("<notice-{}@{domain}>", n.notice_id)))
        .header(ContentType::TEXT_PLAIN)
        .body(n.body.clone())
        .map_err(|e| Refused::Never(format!("message: {e}")))?;
    let mailer = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host)
        .port(s.port)
        .timeout(Some(Duration::from_secs(10)))
        .build();
    match mailer.send(message).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_permanent() => Err(Refused::Never(format!("SMTP: {e}"))),
        Err(e) => Err(Refused::Again(format!("SMTP: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> NoticeRow {
        NoticeRow {
            notice_id: 42,
            event: "grievance_received".into(),
            event_key: "grievance:1:received".into(),
            channel: "sms".into(),
            address: "+996700123456".into(),
            language: "ky".into(),
            template_version: 0,
            body: "Даттанууңуз GR-2026-000001 катталды & ң".into(),
            household_id: None,
            grievance_id: Some(1),
            state: "sending".into(),
            attempts: 3,
            next_attempt_ms: 0,
            sent_at: None,
            delivered_at: None,
            last_report: None,
            last_error: None,
            created_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_sendsms_request_asks_for_ucs2_and_reports_naming_the_notice_and_its_try() {
        let k = Kannel {
            sendsms_url: "http://127.0.0.1:13013/cgi-bin/sendsms".into(),
            username: "emgek".into(),
            password: "p&ss".into(),
            from: "1414".into(),
            report_url: "http://127.0.0.1:8080/gateway/kannel/dlr".into(),
            key: "s3cret".into(),
        };
        let uri = sendsms_uri(&k, &notice());
        let (base, query) = uri.split_once('?').unwrap();
        assert_eq!(base, "http://127.0.0.1:13013/cgi-bin/sendsms");
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str()).unwrap();
        assert_eq!(get("password"), "p&ss");
        assert_eq!(get("coding"), "2");
        assert_eq!(get("charset"), "UTF-8");
        assert_eq!(get("text"), "Даттанууңуз GR-2026-000001 катталды & ң");
        assert_eq!(get("dlr-mask"), "31");
        assert_eq!(get("dlr-url"), "http://127.0.0.1:8080/gateway/kannel/dlr?notice=42&attempt=3&key=s3cret&type=%d");
    }
}
