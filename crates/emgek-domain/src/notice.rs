//! Notices: the messages emgek sends to people about their own case, by SMS or e-mail.
//!
//! A notice is written in the same transaction as the event it tells of (a transactional
//! outbox) and sent later; this module holds what is pure: the events, the templates and their
//! placeholders, the addresses, the states of a notice and its back-off. A template can only
//! name the placeholders of [`Placeholder`], none of which is a PIN, a disability or a free
//! text, and a rendered text that still looks like it holds a PIN is withheld
//! ([`looks_personal`]).

use serde::Serialize;
use time::Duration;

use crate::phone::Phone;

coded! {
    /// What a notice tells of.
    NoticeEvent {
        ApplicationReceived = "application_received",
        ApplicationReturned = "application_returned",
        Decision = "decision",
        ContractReady = "contract_ready",
        TranchePaid = "tranche_paid",
        ReportDue = "report_due",
        ReportOverdue = "report_overdue",
        RefundClaimed = "refund_claimed",
        GrievanceReceived = "grievance_received",
        GrievanceEscalated = "grievance_escalated",
        GrievanceClosed = "grievance_closed",
        /// The answer to a status request sent by SMS.
        StatusReply = "status_reply",
    }
}

coded! {
    /// How a notice goes.
    NoticeChannel {
        Sms = "sms",
        Email = "email",
    }
}

coded! {
    /// The languages a notice is written in: the family's.
    NoticeLanguage {
        Ky = "ky",
        Ru = "ru",
    }
}

coded! {
    /// Where a notice is.
    NoticeState {
        /// Waiting for its turn (first, or after a failed try).
        Queued = "queued",
        /// Handed to a sender, which holds it until its lease ends.
        Sending = "sending",
        /// Its sender died while sending: sent or not, a delivery report will tell; if none
        /// comes within the grace period, it is sent again.
        Unsure = "unsure",
        /// The gateway took it.
        Sent = "sent",
        /// The phone or the mail server has it.
        Delivered = "delivered",
        /// Given up: refused, or too many failed tries.
        Failed = "failed",
        /// Never sent: the person opted out, or the text would have carried personal data.
        Withheld = "withheld",
    }
}

impl NoticeState {
    /// Whether nothing more will happen to it.
    pub fn is_final(self) -> bool {
        matches!(self, NoticeState::Delivered | NoticeState::Failed | NoticeState::Withheld)
    }
}

coded! {
    /// The values a template may name, as `{number}`. None of them is personal data.
    Placeholder {
        /// The record's number: an application's, a grievance's, a contract's.
        Number = "number",
        /// A date the notice is about (a deadline, a payment's day).
        Date = "date",
        /// An amount of money, written for the language.
        Amount = "amount",
        /// The programme's name.
        Programme = "programme",
        /// A decision or a status, in words of the notice's language.
        Outcome = "outcome",
        /// What to fix, as the officer wrote it for the family when she returned the
        /// application (at most 120 characters; a text with a PIN in it is withheld).
        Fix = "fix",
    }
}

/// A notice's text with its placeholders, as an administrator keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Template {
    pub event: NoticeEvent,
    pub language: NoticeLanguage,
    pub body: String,
}

/// The longest text a template may have: three SMS parts in UCS-2.
pub const MAX_TEMPLATE_CHARS: usize = 3 * 67;

impl Template {
    /// Checks a template: not empty, not too long, and every `{…}` one of the placeholders.
    pub fn new(event: NoticeEvent, language: NoticeLanguage, body: &str) -> Result<Self, &'static str> {
        let body = body.trim();
        if body.is_empty() {
            return Err("notice.template_empty");
        }
        if body.chars().count() > MAX_TEMPLATE_CHARS {
            return Err("notice.template_too_long");
        }
        for piece in pieces(body)? {
            if let Piece::Value(name) = piece
                && Placeholder::parse(name).is_none()
            {
                return Err("notice.template_placeholder");
            }
        }
        Ok(Self { event, language, body: body.to_string() })
    }

    /// The text with its placeholders filled; a placeholder without a value stays empty.
    pub fn render(&self, values: &[(Placeholder, String)]) -> String {
        render(&self.body, values)
    }
}

enum Piece<'a> {
    Text(&'a str),
    Value(&'a str),
}

fn pieces(body: &str) -> Result<Vec<Piece<'_>>, &'static str> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        out.push(Piece::Text(&rest[..open]));
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("notice.template_brace")?;
        out.push(Piece::Value(&after[..close]));
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err("notice.template_brace");
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// Fills a template's body (checked by [`Template::new`]); unknown names are left out.
pub fn render(body: &str, values: &[(Placeholder, String)]) -> String {
    let Ok(pieces) = pieces(body) else {
        return body.to_string();
    };
    let mut out = String::with_capacity(body.len() + 32);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Value(name) => {
                if let Some(p) = Placeholder::parse(name)
                    && let Some((_, v)) = values.iter().find(|(k, _)| *k == p)
                {
                    out.push_str(v);
                }
            }
        }
    }
    out
}

/// Whether a text looks as if it carries a PIN: a run of 14 digits (spaces allowed between).
/// Such a notice is withheld, whatever its template.
pub fn looks_personal(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 14 {
                return true;
            }
        } else if c != ' ' {
            run = 0;
        }
    }
    false
}

/// Where a notice goes: a phone for SMS or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Address {
    pub channel: NoticeChannel,
    pub to: String,
}

impl Address {
    /// A contact as a person gave it: a Kyrgyz phone number, or an e-mail address; `None` for
    /// anything else (a postal address, a name), which no notice can reach.
    pub fn from_contact(contact: &str) -> Option<Self> {
        let contact = contact.trim();
        if let Ok(phone) = Phone::parse(contact) {
            return Some(Self { channel: NoticeChannel::Sms, to: phone.as_str().to_string() });
        }
        email(contact).map(|to| Self { channel: NoticeChannel::Email, to })
    }
}

/// An e-mail address in a plain form (`local@domain.tld`, no spaces, no display name).
pub fn email(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() > 254
        || text.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
    {
        return None;
    }
    let (local, domain) = text.rsplit_once('@')?;
    if local.is_empty()
        || local.contains('@')
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
    {
        return None;
    }
    Some(text.to_string())
}

/// The tries a notice gets before it is given up.
pub const MAX_ATTEMPTS: i32 = 8;

/// How long to wait after the `attempts`-th failed try: 30 s, 2 min, 10 min, 30 min, 1 h, then
/// every 3 h.
pub fn back_off(attempts: i32) -> Duration {
    match attempts {
        ..=1 => Duration::seconds(30),
        2 => Duration::minutes(2),
        3 => Duration::minutes(10),
        4 => Duration::minutes(30),
        5 => Duration::hours(1),
        _ => Duration::hours(3),
    }
}

/// The number of SMS parts a text takes: GSM-7 when every character is plain ASCII (160
/// in one, 153 a part), UCS-2 otherwise (70 in one, 67 a part), as Kyrgyz letters need.
pub fn sms_parts(text: &str) -> usize {
    let gsm = text.chars().all(|c| (c.is_ascii() && !c.is_ascii_control()) || c == '\n');
    let (single, part) = if gsm { (160, 153) } else { (70, 67) };
    let n = text.chars().count();
    if n <= single { 1 } else { n.div_ceil(part) }
}

/// Kannel's delivery report types (`%d` of its `dlr-url`), and what each means for a notice.
pub fn state_of_report(report: i32) -> Option<NoticeState> {
    match report {
        1 => Some(NoticeState::Delivered),
        2 | 16 => Some(NoticeState::Failed),
        8 => Some(NoticeState::Sent),
        // 4: buffered at the SMSC; nothing is settled yet.
        _ => None,
    }
}

/// The standard texts, in Kyrgyz and Russian: what an installation sends until its
/// administrators write their own versions.
pub fn standard(event: NoticeEvent, language: NoticeLanguage) -> &'static str {
    use NoticeEvent as E;
    use NoticeLanguage::{Ky, Ru};
    match (event, language) {
        (E::ApplicationReceived, Ky) => "Сиздин {number} арызыңыз кабыл алынды. Кабар ушул номерге келет.",
        (E::ApplicationReceived, Ru) => "Ваше заявление {number} принято. Сообщения придут на этот номер.",
        (E::ApplicationReturned, Ky) => "{number} арызы кайтарылды, оңдоңуз: {fix}",
        (E::ApplicationReturned, Ru) => "Заявление {number} возвращено, исправьте: {fix}",
        (E::Decision, Ky) => "{number} арызы боюнча комиссиянын чечими: {outcome}.",
        (E::Decision, Ru) => "Решение комиссии по заявлению {number}: {outcome}.",
        (E::ContractReady, Ky) => "{number} социалдык келишими кол коюуга даяр. Райондук бөлүмгө келиңиз.",
        (E::ContractReady, Ru) => "Социальный контракт {number} готов к подписанию. Приходите в районный отдел.",
        (E::TranchePaid, Ky) => "{number} келишими боюнча {amount} которулду ({date}).",
        (E::TranchePaid, Ru) => "По контракту {number} перечислено {amount} ({date}).",
        (E::ReportDue, Ky) => "{number} келишими боюнча айлык отчетту {date} чейин тапшырыңыз.",
        (E::ReportDue, Ru) => "Сдайте ежемесячный отчёт по контракту {number} до {date}.",
        (E::ReportOverdue, Ky) => "{number} келишими боюнча айлык отчет мөөнөтүндө тапшырылган жок.",
        (E::ReportOverdue, Ru) => "Ежемесячный отчёт по контракту {number} не сдан в срок.",
        (E::RefundClaimed, Ky) => "{number} келишими боюнча {amount} кайтаруу талап кылынды. Даттанууга укугуңуз бар.",
        (E::RefundClaimed, Ru) => "По контракту {number} требуется возврат {amount}. Вы вправе обжаловать.",
        (E::GrievanceReceived, Ky) => "Даттанууңуз {number} катталды. Жооп {date} чейин берилет.",
        (E::GrievanceReceived, Ru) => "Ваша жалоба {number} зарегистрирована. Ответ до {date}.",
        (E::GrievanceEscalated, Ky) => "{number} даттануусу жогорку деңгээлге өткөрүлдү. Жооп {date} чейин.",
        (E::GrievanceEscalated, Ru) => "Жалоба {number} передана на уровень выше. Ответ до {date}.",
        (E::GrievanceClosed, Ky) => {
            "{number} даттануусу боюнча чечим: {outcome}. Канааттандыңызбы? ООБА же ЖОК деп жооп бериңиз."
        }
        (E::GrievanceClosed, Ru) => "Решение по жалобе {number}: {outcome}. Вы удовлетворены? Ответьте ДА или НЕТ.",
        (E::StatusReply, Ky) => "{number} {outcome}",
        (E::StatusReply, Ru) => "{number} {outcome}",
    }
}

/// What a person asks by SMS to the programme's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// A grievance's number: its status.
    Status(crate::grievance::case::GrievanceNumber),
    /// "ООБА" / "ЖОК" (ДА / НЕТ): satisfied or not with the answer to her grievance.
    Answer(bool),
    /// STOP: no more messages to this number.
    Stop,
    /// "ДАТТАНУУ …" (ЖАЛОБА …): a grievance, in her words.
    Complaint(String),
    /// Anything else: she is told what she can send.
    Unknown,
}

/// The longest SMS text read, in characters (a long SMS of seven parts).
pub const MAX_INBOUND_CHARS: usize = 1000;

impl Request {
    /// Reads an SMS's text: the keywords in Kyrgyz, Russian or Latin letters, in any case.
    pub fn parse(text: &str) -> (Request, NoticeLanguage) {
        let text: String = text.chars().take(MAX_INBOUND_CHARS).collect();
        let text = text.trim();
        let upper = text.to_uppercase();
        let first = upper.split_whitespace().next().unwrap_or("");
        let word = first.trim_matches(|c: char| !c.is_alphanumeric());
        let russian = ["ДА", "НЕТ", "ЖАЛОБА", "СТОП"].contains(&word);
        let language = if russian { NoticeLanguage::Ru } else { NoticeLanguage::Ky };
        if let Some(number) = crate::grievance::case::GrievanceNumber::parse(&upper) {
            return (Request::Status(number), language);
        }
        let rest = text[text.find(char::is_whitespace).unwrap_or(text.len())..].trim();
        let request = match word {
            "STOP" | "СТОП" | "ТОКТОТ" => Request::Stop,
            "ООБА" | "ОБА" | "ДА" | "YES" if rest.is_empty() => Request::Answer(true),
            "ЖОК" | "НЕТ" | "NO" if rest.is_empty() => Request::Answer(false),
            "ДАТТАНУУ" | "ЖАЛОБА" | "DATTANUU" | "GRIEVANCE" | "COMPLAINT" if !rest.is_empty() => {
                Request::Complaint(rest.to_string())
            }
            _ => Request::Unknown,
        };
        (request, language)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_standard_text_is_a_valid_template_in_both_languages() {
        for event in NoticeEvent::ALL {
            for language in NoticeLanguage::ALL {
                let t = Template::new(*event, *language, standard(*event, *language));
                assert!(t.is_ok(), "{event:?} {language:?}: {t:?}");
            }
        }
    }

    #[test]
    fn a_template_naming_anything_but_its_placeholders_is_refused() {
        assert_eq!(
            Template::new(NoticeEvent::Decision, NoticeLanguage::Ky, "ПИН {pin}"),
            Err("notice.template_placeholder")
        );
        assert_eq!(Template::new(NoticeEvent::Decision, NoticeLanguage::Ky, "{number"), Err("notice.template_brace"));
        assert_eq!(Template::new(NoticeEvent::Decision, NoticeLanguage::Ky, "  "), Err("notice.template_empty"));
        let long = "ң".repeat(MAX_TEMPLATE_CHARS + 1);
        assert_eq!(Template::new(NoticeEvent::Decision, NoticeLanguage::Ky, &long), Err("notice.template_too_long"));
    }

    #[test]
    fn rendering_fills_the_placeholders_given_and_leaves_the_others_empty() {
        let t = Template::new(
            NoticeEvent::GrievanceReceived,
            NoticeLanguage::Ky,
            standard(NoticeEvent::GrievanceReceived, NoticeLanguage::Ky),
        )
        .unwrap();
        let text = t.render(&[(Placeholder::Number, "GR-2026-000001".into())]);
        assert_eq!(text, "Даттанууңуз GR-2026-000001 катталды. Жооп  чейин берилет.");
    }

    #[test]
    fn a_text_with_fourteen_digits_in_a_row_looks_personal() {
        assert!(looks_personal("ПИН 21204199000123"));
        assert!(looks_personal("2 1204 1990 00123"));
        assert!(!looks_personal("GR-2026-000001 +996700123456"));
    }

    #[test]
    fn contacts_become_addresses_by_their_form() {
        assert_eq!(
            Address::from_contact("0700 12 34 56"),
            Some(Address { channel: NoticeChannel::Sms, to: "+996700123456".into() })
        );
        assert_eq!(
            Address::from_contact(" aigul@example.kg "),
            Some(Address { channel: NoticeChannel::Email, to: "aigul@example.kg".into() })
        );
        assert_eq!(Address::from_contact("Ош ш., Ленин к. 5"), None);
        assert_eq!(Address::from_contact("a@b"), None);
        assert_eq!(Address::from_contact("Айгүл <a@b.kg>"), None);
    }

    #[test]
    fn kyrgyz_letters_make_an_sms_ucs2_and_shorter() {
        assert_eq!(sms_parts(&"a".repeat(160)), 1);
        assert_eq!(sms_parts(&"a".repeat(161)), 2);
        assert_eq!(sms_parts(&"ң".repeat(70)), 1);
        assert_eq!(sms_parts(&"ң".repeat(71)), 2);
        assert_eq!(sms_parts(&"ө".repeat(201)), 3);
    }

    #[test]
    fn the_back_off_grows_and_stays_bounded() {
        let waits: Vec<Duration> = (1..=MAX_ATTEMPTS).map(back_off).collect();
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*waits.last().unwrap(), Duration::hours(3));
    }

    #[test]
    fn delivery_reports_settle_a_notice_only_when_they_say_something_final_or_sent() {
        assert_eq!(state_of_report(8), Some(NoticeState::Sent));
        assert_eq!(state_of_report(1), Some(NoticeState::Delivered));
        assert_eq!(state_of_report(16), Some(NoticeState::Failed));
        assert_eq!(state_of_report(4), None);
    }

    #[test]
    fn an_sms_is_read_by_its_keyword_in_kyrgyz_russian_or_latin_letters() {
        use crate::grievance::case::GrievanceNumber;
        let number = GrievanceNumber { year: 2026, seq: 12 };
        assert_eq!(Request::parse(" gr-2026-000012 "), (Request::Status(number), NoticeLanguage::Ky));
        assert_eq!(Request::parse("ооба"), (Request::Answer(true), NoticeLanguage::Ky));
        assert_eq!(Request::parse("Нет."), (Request::Answer(false), NoticeLanguage::Ru));
        assert_eq!(Request::parse("stop"), (Request::Stop, NoticeLanguage::Ky));
        assert_eq!(
            Request::parse("Даттануу  Акча келген жок"),
            (Request::Complaint("Акча келген жок".into()), NoticeLanguage::Ky)
        );
        assert_eq!(Request::parse("ЖАЛОБА"), (Request::Unknown, NoticeLanguage::Ru), "a complaint needs its words");
        assert_eq!(Request::parse("салам"), (Request::Unknown, NoticeLanguage::Ky));
        assert_eq!(Request::parse(&"ж".repeat(100_000)).0, Request::Unknown);
    }
}
