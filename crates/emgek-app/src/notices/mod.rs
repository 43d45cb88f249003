//! Notices to people about their own case: drafted by the use cases with the event they tell
//! of and written in its transaction (the store's outbox), sent later by [`sender`], and
//! settled by the gateway's delivery reports. The texts are the programme administrators'
//! versions of each event's template, or the standard ones, in Kyrgyz or Russian; no template
//! can name a PIN or a disability (`emgek_domain::notice`).

pub mod inbound;
pub mod reminders;
pub mod sender;

use emgek_domain::access::Permission;
use emgek_domain::notice::{Address, NoticeEvent, NoticeLanguage, Placeholder, Template, standard, state_of_report};
use emgek_i18n::{Lang, Tr};
use emgek_store::notices::{NewNotice, NoticeCount, NoticeRow, NoticeTemplateRow};

use crate::{App, AppError, Caller};

/// The language a notice is written in: Kyrgyz or Russian, the family's; a complainant who
/// wrote in English is answered in Russian.
pub fn language_of(code: &str) -> NoticeLanguage {
    match code {
        "ru" | "en" => NoticeLanguage::Ru,
        _ => NoticeLanguage::Ky,
    }
}

/// The text an event is told in: the newest version an administrator wrote, else the standard
/// one (version 0).
pub async fn template(app: &App, event: NoticeEvent, language: NoticeLanguage) -> Result<(i32, String), AppError> {
    let written = app.store.notice_templates().await?;
    Ok(written
        .into_iter()
        .find(|t| t.event == event.code() && t.language == language.code())
        .map(|t| (t.version, t.body))
        .unwrap_or_else(|| (0, standard(event, language).to_string())))
}

/// What a notice will say and to whom, ready to be written with its event; `None` when the
/// contact is no phone or e-mail address (a letter answers those).
pub struct Draft<'a> {
    pub event: NoticeEvent,
    pub event_key: String,
    pub contact: &'a str,
    pub language: NoticeLanguage,
    pub values: Vec<(Placeholder, String)>,
    pub household_id: Option<i64>,
    pub grievance_id: Option<i64>,
}

pub async fn draft(app: &App, d: Draft<'_>) -> Result<Option<NewNotice>, AppError> {
    let Some(address) = Address::from_contact(d.contact) else {
        return Ok(None);
    };
    let (version, body) = template(app, d.event, d.language).await?;
    Ok(Some(NewNotice {
        event: d.event.code().into(),
        event_key: d.event_key,
        channel: address.channel.code().into(),
        address: address.to,
        language: d.language.code().into(),
        template_version: version,
        template: body,
        values: d.values,
        household_id: d.household_id,
        grievance_id: d.grievance_id,
        at: app.clock.now(),
    }))
}

/// A notice to a household about one of its records, at the household's phone and in its
/// language: none when it has no phone or did not consent to the processing of its data.
pub async fn to_household(
    app: &App,
    household_id: i64,
    event: NoticeEvent,
    values: impl FnOnce(NoticeLanguage) -> Vec<(Placeholder, String)>,
) -> Result<Option<NewNotice>, AppError> {
    let h = app.store.household(household_id).await?;
    let Some(phone) = h.fields.phone.as_ref().filter(|_| h.fields.consent) else {
        return Ok(None);
    };
    let language = h.fields.language;
    let d = Draft {
        event,
        event_key: String::new(),
        contact: phone.as_str(),
        language,
        values: values(language),
        household_id: Some(household_id),
        grievance_id: None,
    };
    draft(app, d).await
}

/// A word of the notice's language for a code, from the Fluent messages (`{prefix}-{code}`).
pub fn word(language: NoticeLanguage, prefix: &str, code: &str) -> String {
    Tr::new(lang_of(language)).t(&format!("{prefix}-{}", code.replace('_', "-")))
}

/// Som (in tyiyn) as the notice's language writes them.
pub fn amount(language: NoticeLanguage, tyiyn: i64) -> String {
    let money = emgek_domain::Money::from_minor(tyiyn, emgek_domain::Currency::KGS);
    Tr::new(lang_of(language)).som(&money)
}

/// A date as the notice's language writes it.
pub fn date(language: NoticeLanguage, d: time::Date) -> String {
    Tr::new(lang_of(language)).date(&d)
}

fn lang_of(language: NoticeLanguage) -> Lang {
    match language {
        NoticeLanguage::Ky => Lang::Ky,
        NoticeLanguage::Ru => Lang::Ru,
    }
}

/// A delivery report from the SMS gateway for try `attempt` of a notice: settles it when the
/// report says something final or that the gateway sent it. False when it changed nothing (a
/// report for an earlier try, or for a notice already settled).
pub async fn delivery_report(app: &App, notice_id: i64, attempt: i32, report: i32) -> Result<bool, AppError> {
    let state = state_of_report(report);
    Ok(app.store.notice_report(notice_id, attempt, report, state.map(|s| s.code()), app.clock.now()).await?)
}

/// A grievance's notices, for its handlers.
pub async fn of_grievance(app: &App, caller: &Caller, grievance_id: i64) -> Result<Vec<NoticeRow>, AppError> {
    app.reach(caller).grievance(Permission::HandleGrievances, grievance_id).await?;
    Ok(app.store.grievance_notices(grievance_id).await?)
}

/// How many notices are queued, sent, delivered, failed and withheld, by channel and event:
/// counts only, for whoever reads the indicators.
pub async fn counts(app: &App, caller: &Caller) -> Result<Vec<NoticeCount>, AppError> {
    if !caller.access.allows(Permission::ReadIndicators) {
        return Err(AppError::NotFound);
    }
    Ok(app.store.notice_counts().await?)
}

/// Every version of every text, for the programmes' administrators.
pub async fn templates(app: &App, caller: &Caller) -> Result<Vec<NoticeTemplateRow>, AppError> {
    if !caller.access.allows(Permission::ManageProgrammes) {
        return Err(AppError::NotFound);
    }
    Ok(app.store.notice_templates().await?)
}

/// A new version of an event's text in a language, by a programmes' administrator of the whole
/// country (the texts are national), checked: its placeholders only, not empty, at most three
/// SMS parts. Answers its version.
pub async fn write_template(
    app: &App,
    caller: &Caller,
    event: &str,
    language: &str,
    body: &str,
) -> Result<i32, AppError> {
    if !caller.access.is_national(Permission::ManageProgrammes) {
        return Err(AppError::NotFound);
    }
    let mut errors = Vec::new();
    let ev = NoticeEvent::parse(event);
    if ev.is_none() {
        errors.push(emgek_domain::FieldError::new("event", "notice.event_unknown", event.trim()));
    }
    let lang = NoticeLanguage::parse(language);
    if lang.is_none() {
        errors.push(emgek_domain::FieldError::new("language", "notice.language", language.trim()));
    }
    let (Some(ev), Some(lang)) = (ev, lang) else {
        return Err(AppError::Invalid(errors));
    };
    let template = Template::new(ev, lang, body)
        .map_err(|rule| AppError::Invalid(vec![emgek_domain::FieldError::new("body", rule, "")]))?;
    Ok(app.store.add_notice_template(&caller.actor(), ev.code(), lang.code(), &template.body, app.clock.now()).await?)
}

#[cfg(test)]
mod tests;
