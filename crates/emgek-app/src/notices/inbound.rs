//! What people send by SMS to the programme's number (Kannel's `sms-service` calls emgek):
//! a grievance's number asks its status, "ООБА"/"ЖОК" answers the question of its decision,
//! "ДАТТАНУУ …" registers a grievance, STOP ends the messages. Every answer is a notice in the
//! outbox like any other; nothing is told of a grievance to a phone it was not told to before.

use emgek_domain::grievance::case::GrievanceNumber;
use emgek_domain::notice::{NoticeEvent, NoticeLanguage, Placeholder, Request};
use emgek_domain::phone::Phone;
use emgek_i18n::{FluentValue, Tr};

use super::{Draft, draft, lang_of};
use crate::grievances::{self, number_of};
use crate::{App, AppError, Caller};

/// What an SMS came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// A status or a help text was queued for her.
    Answered,
    /// Her grievance was registered: its number (its own notice tells her).
    Registered(GrievanceNumber),
    /// Her word on a decision was recorded.
    Feedback,
    /// Her number will get no more messages.
    OptedOut,
    /// Not from a phone number emgek can answer: nothing done.
    Ignored,
}

/// An SMS from `from` (Kannel's `%p`), with Kannel's id of it (`%I`, so that a call Kannel
/// repeats is answered once) and its text.
pub async fn sms_received(app: &App, caller: &Caller, from: &str, id: &str, text: &str) -> Result<Received, AppError> {
    let Ok(phone) = Phone::parse(from) else {
        return Ok(Received::Ignored);
    };
    let phone = phone.as_str().to_string();
    let (request, language) = Request::parse(text);
    let key = format!("sms:{}", id.chars().take(64).collect::<String>());
    let reply = |number: String, outcome: String| (number, outcome);
    let answer = match request {
        Request::Stop => {
            app.store.opt_out(&caller.actor(), &phone, "sms", app.clock.now()).await?;
            return Ok(Received::OptedOut);
        }
        Request::Status(number) => {
            let told = match app.store.grievance_by_number(number.year, number.seq as i32).await {
                Ok(g) if app.store.grievance_told_to(&phone, g.grievance_id).await? => Some(g),
                Ok(_) | Err(emgek_store::StoreError::NotFound) => None,
                Err(e) => return Err(e.into()),
            };
            let tr = Tr::new(lang_of(language));
            match told {
                Some(g) => {
                    let mut status = tr.t(&format!("grievance-status-{}", g.status));
                    if let Some(d) = &g.decision {
                        status = format!("{status} ({})", tr.t(&format!("grievance-decision-{}", d.replace('_', "-"))));
                    }
                    reply(number.to_string(), tr.t_with("notice-reply-status", &[("value", FluentValue::from(status))]))
                }
                // A number she was never told of is not found, whether it exists or not.
                None => reply(number.to_string(), tr.t("notice-reply-unknown-number")),
            }
        }
        Request::Answer(satisfied) => match app.store.last_decision_told_to(&phone).await? {
            Some(id) => {
                match grievances::feedback_from_complainant(app, caller, id, satisfied).await {
                    Ok(()) => {}
                    // Answered already: the first word stands.
                    Err(AppError::Conflict(_)) => {}
                    Err(e) => return Err(e),
                }
                let g = app.store.grievance(id).await?;
                let tr = Tr::new(lang_of(language));
                let done = reply(number_of(&g).to_string(), tr.t("notice-reply-thanks"));
                queue(app, &key, &phone, language, done).await?;
                return Ok(Received::Feedback);
            }
            None => help(language),
        },
        Request::Complaint(words) => match app.store.household_by_phone(&phone).await? {
            Some((_, rayon)) => {
                let opened = grievances::open_by_sms(app, caller, &phone, &rayon, language.code(), &words).await?;
                return Ok(Received::Registered(opened.number));
            }
            None => (String::new(), Tr::new(lang_of(language)).t("notice-reply-no-household")),
        },
        Request::Unknown => help(language),
    };
    queue(app, &key, &phone, language, answer).await?;
    Ok(Received::Answered)
}

fn help(language: NoticeLanguage) -> (String, String) {
    (String::new(), Tr::new(lang_of(language)).t("notice-reply-help"))
}

async fn queue(
    app: &App,
    key: &str,
    phone: &str,
    language: NoticeLanguage,
    (number, outcome): (String, String),
) -> Result<(), AppError> {
    let values = vec![(Placeholder::Number, number), (Placeholder::Outcome, outcome)];
    let d = Draft {
        event: NoticeEvent::StatusReply,
        event_key: key.to_string(),
        contact: phone,
        language,
        values,
        household_id: None,
        grievance_id: None,
    };
    if let Some(notice) = draft(app, d).await? {
        app.store.add_notices(&[notice]).await?;
    }
    Ok(())
}
