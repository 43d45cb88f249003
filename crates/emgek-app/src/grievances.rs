//! Grievances: registered at the rayon's office, by the hotline, by letter, by SMS, through the
//! public page or a file; acknowledged, answered with a decision and its reason within
//! deadlines counted in working days on the Kyrgyz calendar; escalated by the sweep when a
//! deadline is missed. Sensitive categories (abuse, corruption) reach only the integrity
//! officers, and every view of one is audited.

use emgek_domain::FieldError;
use emgek_domain::access::{Permission, Scope};
use emgek_domain::grievance::calendar::{Calendar, CalendarDay, DayKind};
use emgek_domain::grievance::case::{
    Channel, Deadlines, Decision, GrievanceNumber, Level, State, Status, Step, standing,
};
use emgek_domain::grievance::rules::{GrievanceRuleBook, GrievanceRules};
use emgek_domain::household::parse_date;
use emgek_domain::notice::{NoticeEvent, Placeholder};
use emgek_store::grievances::{GrievanceEventRow, GrievanceRow, GrievanceStep, NewGrievance};
use emgek_store::prison::DeductionRow;
use time::Date;

use crate::notices::{self, Draft};
use crate::{App, AppError, Caller};

mod about;
mod figures;
mod sweep;
pub use about::About;
use about::{DEDUCTION_GROUP, about_record};
pub use figures::{RegisterFigures, figures, period};
pub use sweep::{Swept, sweep, sweep_every};

/// The longest a complaint's own words may be, in characters.
pub const SUMMARY_MAX: usize = 4000;
/// The longest reason of a decision or an extension, in characters.
pub const REASON_MAX: usize = 2000;

/// Every day the calendars loaded name, in order.
pub async fn calendar_days(app: &App) -> Result<Vec<CalendarDay>, AppError> {
    let rows = app.store.calendar_days().await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some(CalendarDay { day: r.day, kind: DayKind::parse(&r.kind)?, name: r.name }))
        .collect())
}

/// The calendars loaded.
pub async fn calendar(app: &App) -> Result<Calendar, AppError> {
    Ok(Calendar::new(&calendar_days(app).await?))
}

/// The versions of the grievance rules: those the administrators set, or the standard rules
/// for an installation that set none.
pub async fn rule_book(app: &App) -> Result<GrievanceRuleBook, AppError> {
    let mut versions = Vec::new();
    for json in app.store.grievance_rules().await? {
        let rules: GrievanceRules =
            serde_json::from_str(&json).map_err(|e| AppError::Internal(format!("grievance rules: {e}")))?;
        versions.push(rules);
    }
    if versions.is_empty() {
        versions.push(GrievanceRules::standard());
    }
    Ok(GrievanceRuleBook::new(versions))
}

/// Adds a version of the grievance rules, in force from its day (replacing a version of the
/// same day). An administrator of the whole country.
pub async fn add_rules(app: &App, caller: &Caller, rules: &GrievanceRules) -> Result<(), AppError> {
    if !caller.national(Permission::ManageProgrammes) {
        return Err(AppError::Refused("grievance_rules.national"));
    }
    rules.check().map_err(AppError::Invalid)?;
    let json = serde_json::to_string(rules).map_err(|e| AppError::Internal(e.to_string()))?;
    app.store.add_grievance_rules(&caller.actor(), rules.effective_from, &json).await?;
    Ok(())
}

/// A grievance as typed on a form, sent to the API or read from a file.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct GrievanceForm {
    /// `office`, `hotline`, `letter`, `sms`, `import`, `api` (`web` is the public page's).
    pub channel: String,
    /// A category of the rules in force on the day received, e.g. `payment.late`.
    pub category: String,
    /// The rayon that answers it (its code); taken from the record it is about, if any.
    pub rayon: String,
    /// No name is kept.
    pub anonymous: bool,
    pub name: String,
    /// A phone, an e-mail or an address for the answer.
    pub contact: String,
    /// `ky`, `ru` or `en`: the language of the answer, the complaint's own.
    pub language: String,
    /// `none`, `household`, `application`, `decision` (an application's), `contract`, `payment`
    /// or `refund` (a contract's), `workshop`, `deduction` (an inmate's order) or `product`.
    pub about: String,
    /// That record's number: the household's, the application's (for a decision too), the
    /// contract's (for a payment or a refund too), or the workshop's, deduction order's or
    /// product's number in emgek.
    pub about_ref: String,
    /// The complaint in the complainant's words.
    pub summary: String,
    /// The day it was received, when earlier than today (a letter, a file); `YYYY-MM-DD` or
    /// `DD.MM.YYYY`.
    pub received_on: String,
}

/// A grievance registered: its id, number and deadlines.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Opened {
    pub id: i64,
    #[schema(value_type = String)]
    pub number: GrievanceNumber,
    #[schema(value_type = String)]
    pub acknowledge_by: Date,
    #[schema(value_type = String)]
    pub answer_by: Date,
}

/// `text` trimmed; longer than `max` characters, `rule` is broken (its message says `max`).
fn bounded(field: &str, text: &str, max: usize, rule: &'static str, errors: &mut Vec<FieldError>) -> String {
    let text = text.trim();
    if text.chars().count() > max {
        errors.push(FieldError::new(field, rule, text.chars().take(40).collect::<String>()));
    }
    text.to_string()
}

/// Registers a grievance taken by an officer (or a file, or another system): the caller must
/// handle grievances in its rayon, and reach the record it names.
pub async fn open(app: &App, caller: &Caller, form: &GrievanceForm) -> Result<Opened, AppError> {
    let channel = Channel::parse(&form.channel).filter(|c| *c != Channel::Web);
    open_through(app, caller, form, channel, false).await
}

/// Registers a grievance sent through the public page, by someone not signed in: anonymous or
/// not, about no record (the public page does not look records up), to the rayon chosen.
pub async fn open_public(app: &App, caller: &Caller, form: &GrievanceForm) -> Result<Opened, AppError> {
    let form =
        GrievanceForm { about: String::new(), about_ref: String::new(), received_on: String::new(), ..form.clone() };
    open_through(app, caller, &form, Some(Channel::Web), true).await
}

async fn open_through(
    app: &App,
    caller: &Caller,
    form: &GrievanceForm,
    channel: Option<Channel>,
    public: bool,
) -> Result<Opened, AppError> {
    let (new, due) = prepare(app, caller, form, channel, public).await?;
    let (id, seq) = app.store.open_grievance(&caller.actor(), &new).await?;
    let number = GrievanceNumber { year: new.year, seq: seq as u32 };
    Ok(Opened { id, number, acknowledge_by: due.acknowledge_by, answer_by: due.answer_by })
}

/// A grievance checked and ready to register (by itself, or with an appeal), with its
/// deadlines.
pub(crate) async fn prepare(
    app: &App,
    caller: &Caller,
    form: &GrievanceForm,
    channel: Option<Channel>,
    public: bool,
) -> Result<(NewGrievance, Deadlines), AppError> {
    let today = app.clock.today();
    let mut errors = Vec::new();
    if channel.is_none() {
        errors.push(FieldError::new("channel", "grievance.channel_unknown", form.channel.trim()));
    }
    let received_on = match form.received_on.trim() {
        "" => Some(today),
        typed => match parse_date(typed) {
            Some(d) if d > today => {
                errors.push(FieldError::new("received_on", "date.future", typed));
                None
            }
            Some(d) if d.year() < 2000 => {
                errors.push(FieldError::new("received_on", "date.invalid", typed));
                None
            }
            Some(d) => Some(d),
            None => {
                errors.push(FieldError::new("received_on", "date.invalid", typed));
                None
            }
        },
    };
    let book = rule_book(app).await?;
    let rules = received_on.and_then(|d| book.in_force(d));
    let category = rules.and_then(|r| r.category(&form.category));
    if received_on.is_some() && category.is_none() {
        errors.push(FieldError::new("category", "grievance.category_unknown", form.category.trim()));
    }
    let name = bounded("name", &form.name, 200, "grievance.text_long", &mut errors);
    let contact = bounded("contact", &form.contact, 200, "grievance.text_long", &mut errors);
    let summary = bounded("summary", &form.summary, SUMMARY_MAX, "grievance.summary_long", &mut errors);
    if summary.is_empty() {
        errors.push(FieldError::new("summary", "grievance.summary_required", ""));
    }
    if !form.anonymous && name.is_empty() {
        errors.push(FieldError::new("name", "grievance.name_required", ""));
    }
    let language = form.language.trim();
    let language = if language.is_empty() { "ky" } else { language };
    if !["ky", "ru", "en"].contains(&language) {
        errors.push(FieldError::new("language", "grievance.language", language));
    }
    let about = About::parse(&form.about);
    let about_ref = bounded("about_ref", &form.about_ref, 60, "grievance.about_ref_long", &mut errors);
    match about {
        None => errors.push(FieldError::new("about", "grievance.about_unknown", form.about.trim())),
        Some(About::Nothing) if !about_ref.is_empty() => {
            errors.push(FieldError::new("about", "grievance.about_unknown", ""));
        }
        Some(a) if a != About::Nothing && about_ref.is_empty() => {
            errors.push(FieldError::new("about_ref", "grievance.about_ref_required", ""));
        }
        _ => {}
    }
    // The record it is about, within the caller's reach: it decides where it is answered.
    let record = match about {
        Some(a) if a != About::Nothing && !about_ref.is_empty() => {
            let found = about_record(app, caller, a, &about_ref).await?;
            if found.is_none() {
                errors.push(FieldError::new("about_ref", "grievance.record_unknown", &about_ref));
            }
            found
        }
        _ => None,
    };
    // An inmate's contest takes a category of its own group, and only it does.
    let about_order = about == Some(About::Deduction);
    match category.map(|c| c.group() == DEDUCTION_GROUP) {
        Some(false) if about_order => {
            errors.push(FieldError::new("category", "grievance.deduction_category", form.category.trim()))
        }
        Some(true) if !about_order => {
            errors.push(FieldError::new("about", "grievance.deduction_only", form.category.trim()))
        }
        _ => {}
    }
    if record.as_ref().and_then(|r| r.order.as_ref()).is_some_and(|o| o.suspended || o.ended_on.is_some()) {
        errors.push(FieldError::new("about_ref", "deduction.contested_already", &about_ref));
    }
    let rayon = match &record {
        Some(named) => Some((named.oblast.clone(), named.rayon.clone())),
        // A record named but not found says so already; its place comes from it.
        None if about.is_some_and(|a| a != About::Nothing) && !about_ref.is_empty() => None,
        None => match emgek_domain::geography::rayon(&form.rayon.trim().to_uppercase()) {
            Some(r) => Some((r.oblast.to_string(), r.code.to_string())),
            None => {
                errors.push(FieldError::new("rayon", "rayon.unknown", form.rayon.trim()));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let (Some(channel), Some(received_on), Some(rules), Some(category), Some((oblast, rayon))) =
        (channel, received_on, rules, category, rayon)
    else {
        return Err(AppError::Internal("a grievance checked without its parts".into()));
    };
    let facility = record.as_ref().and_then(|r| r.facility.clone());
    let may_handle = match &facility {
        Some(code) => caller.may_in(Permission::HandleGrievances, code),
        None => caller.may(Permission::HandleGrievances, &oblast, &rayon),
    };
    if !public && !may_handle {
        return Err(AppError::NotFound);
    }
    let calendar = calendar(app).await?;
    let due = Deadlines::of(&calendar, received_on, rules, category);
    let state = State::received(category.team);
    let household_id = record.as_ref().and_then(|r| r.household_id);
    let suspends_order = record.and_then(|r| r.order).map(|o| o.deduction_order_id);
    // The complainant is told its number (the store gives it) and when she will be answered.
    let told_in = notices::language_of(language);
    let notice = notices::draft(
        app,
        Draft {
            event: NoticeEvent::GrievanceReceived,
            event_key: String::new(),
            contact: &contact,
            language: told_in,
            values: vec![(Placeholder::Date, notices::date(told_in, due.answer_by))],
            household_id,
            grievance_id: None,
        },
    )
    .await?;
    let new = NewGrievance {
        year: received_on.year(),
        channel: channel.code().into(),
        category: category.code.clone(),
        severity: category.severity.code().into(),
        sensitive: category.sensitive,
        team: category.team.code().into(),
        level: state.level.code().into(),
        standing: standing(&calendar, today, due.answer_by, rules.at_risk_days).code().into(),
        oblast_code: oblast,
        rayon_code: rayon,
        anonymous: form.anonymous,
        complainant_name: if form.anonymous { String::new() } else { name },
        complainant_contact: contact,
        member_id: None,
        language: language.into(),
        about_kind: about.unwrap_or(About::Nothing).code().into(),
        about_ref,
        household_id,
        facility_code: facility,
        source_ref: None,
        suspends_order,
        summary,
        received_on,
        acknowledge_by: due.acknowledge_by,
        answer_by: due.answer_by,
        at: app.clock.now(),
        notice,
    };
    Ok((new, due))
}

/// The newest grievances the caller may read (at most `limit`, from 1 to 500): those of her
/// places, the sensitive ones only where she is an integrity officer; the complainant's name,
/// contact and words only where she handles grievances.
pub async fn list(app: &App, caller: &Caller, open_only: bool, limit: i64) -> Result<Vec<GrievanceRow>, AppError> {
    let reach = app.reach(caller);
    let read = reach.places(Permission::ReadGrievances);
    let sensitive = reach.places(Permission::HandleSensitiveGrievances);
    let facilities = reach.grievance_facilities();
    let rows = app.store.grievances_within(&read, &sensitive, &facilities, open_only, limit.clamp(1, 500)).await?;
    Ok(rows.into_iter().map(|g| shown(app, caller, g)).collect())
}

/// Whether the caller handles grievances where `g` is answered: she then sees who complains and
/// in what words; readers who only read them (auditors) do not.
pub fn handles(app: &App, caller: &Caller, g: &GrievanceRow) -> bool {
    app.reach(caller).reaches_grievance(Permission::HandleGrievances, g)
}

/// `g` as the caller may see it: the complainant's name, contact and words blanked for a
/// reader who does not handle it.
fn shown(app: &App, caller: &Caller, mut g: GrievanceRow) -> GrievanceRow {
    if !handles(app, caller, &g) {
        g.complainant_name.clear();
        g.complainant_contact.clear();
        g.summary.clear();
    }
    g
}

/// A grievance with its steps, as its reader may see it. A view of a sensitive one is written
/// to the audit log before it is answered.
pub async fn view(app: &App, caller: &Caller, id: i64) -> Result<(GrievanceRow, Vec<GrievanceEventRow>), AppError> {
    let g = app.reach(caller).grievance(Permission::ReadGrievances, id).await?;
    if g.sensitive {
        let detail = serde_json::json!({ "number": number_of(&g).to_string(), "category": g.category });
        let entry =
            emgek_store::audit::AuditEntry::new(&caller.actor(), "grievance.view", format!("grievance:{id}"), detail);
        app.store.audit_all(&[entry]).await?;
    }
    let events = app.store.grievance_events(id).await?;
    Ok((shown(app, caller, g), events))
}

/// A grievance's number.
pub fn number_of(g: &GrievanceRow) -> GrievanceNumber {
    GrievanceNumber { year: g.year, seq: g.seq as u32 }
}

pub(crate) fn state_of(g: &GrievanceRow) -> Result<State, AppError> {
    let bad = |what: &str| AppError::Internal(format!("grievance {}: {what}", g.grievance_id));
    Ok(State {
        status: Status::parse(&g.status).ok_or_else(|| bad("status"))?,
        level: Level::parse(&g.level).ok_or_else(|| bad("level"))?,
        extended: g.extended,
        decision: g.decision.as_deref().map(|d| Decision::parse(d).ok_or_else(|| bad("decision"))).transpose()?,
        feedback_given: g.satisfied.is_some(),
    })
}

/// The step as the store takes it: what `g` held, and `next` with the rest of `g` kept, at
/// `at`.
pub(crate) fn step_of(
    g: &GrievanceRow,
    step: &str,
    next: State,
    detail: String,
    at: time::OffsetDateTime,
) -> GrievanceStep {
    GrievanceStep {
        grievance_id: g.grievance_id,
        step: step.into(),
        was_status: g.status.clone(),
        was_level: g.level.clone(),
        status: next.status.code().into(),
        level: next.level.code().into(),
        standing: g.standing.clone(),
        answer_by: g.answer_by,
        acknowledged_on: g.acknowledged_on,
        extended: next.extended,
        decision: next.decision.map(|d| d.code().to_string()),
        decision_reason: g.decision_reason.clone(),
        closed_on: g.closed_on,
        satisfied: g.satisfied,
        detail,
        at,
        notices: Vec::new(),
        ends_order: false,
    }
}

/// The complainant's notice of a step: her number and what the step tells her.
pub(crate) async fn told(
    app: &App,
    g: &GrievanceRow,
    event: NoticeEvent,
    key: &str,
    values: impl FnOnce(emgek_domain::notice::NoticeLanguage) -> Vec<(Placeholder, String)>,
) -> Result<Vec<emgek_store::notices::NewNotice>, AppError> {
    let language = notices::language_of(&g.language);
    let mut values = values(language);
    values.push((Placeholder::Number, number_of(g).to_string()));
    let draft = Draft {
        event,
        event_key: format!("grievance:{}:{key}", g.grievance_id),
        contact: &g.complainant_contact,
        language,
        values,
        household_id: g.household_id,
        grievance_id: Some(g.grievance_id),
    };
    Ok(notices::draft(app, draft).await?.into_iter().collect())
}

/// The grievance the caller handles: within her places, and sensitive ones only for the
/// integrity officers.
async fn handled(app: &App, caller: &Caller, id: i64) -> Result<(GrievanceRow, State), AppError> {
    let g = app.reach(caller).grievance(Permission::HandleGrievances, id).await?;
    let state = state_of(&g)?;
    Ok((g, state))
}

fn moved(state: State, step: Step) -> Result<State, AppError> {
    state.after(step).map_err(AppError::Conflict)
}

/// The complainant has been told of its number and deadline.
pub async fn acknowledge(app: &App, caller: &Caller, id: i64) -> Result<(), AppError> {
    let (g, state) = handled(app, caller, id).await?;
    let next = moved(state, Step::Acknowledge)?;
    let mut step = step_of(&g, "acknowledged", next, String::new(), app.clock.now());
    step.acknowledged_on = Some(app.clock.today());
    Ok(app.store.take_grievance_steps(&caller.actor(), &[step]).await?)
}

/// Whether the caller supervises where `g` is answered: a grant above the rayon (the oblast's
/// or the country's); for a prison facility's, the country's (the Prison Service's).
pub fn supervises(caller: &Caller, g: &GrievanceRow) -> bool {
    let needs = if g.sensitive { Permission::HandleSensitiveGrievances } else { Permission::HandleGrievances };
    match g.facility_code {
        Some(_) => caller.national(needs) && caller.national(Permission::ReadInmates),
        None => caller.access.covers(needs, &Scope::Oblast(g.oblast_code.clone())),
    }
}

/// A supervisor (a grant above the rayon: the oblast's or the country's) gives a grievance
/// more working days, once, with a reason. Answers the new deadline.
pub async fn extend(app: &App, caller: &Caller, id: i64, days: &str, reason: &str) -> Result<Date, AppError> {
    let (g, state) = handled(app, caller, id).await?;
    if !supervises(caller, &g) {
        return Err(AppError::Refused("grievance.extend_supervisor"));
    }
    let book = rule_book(app).await?;
    let most = book.in_force(g.received_on).map_or(10, |r| r.extension_max_days);
    let mut errors = Vec::new();
    let days = match days.trim().parse::<u32>() {
        Ok(n) if (1..=most).contains(&n) => n,
        _ => {
            errors.push(FieldError::new("days", "grievance.extension_days", days.trim()));
            0
        }
    };
    let reason = bounded("reason", reason, REASON_MAX, "grievance.reason_long", &mut errors);
    if reason.is_empty() {
        errors.push(FieldError::new("reason", "grievance.reason_required", ""));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let next = moved(state, Step::Extend)?;
    let calendar = calendar(app).await?;
    let answer_by = calendar.add_working_days(g.answer_by, days);
    let mut step = step_of(&g, "extended", next, reason, app.clock.now());
    step.answer_by = answer_by;
    app.store.take_grievance_steps(&caller.actor(), &[step]).await?;
    Ok(answer_by)
}

/// Closes a grievance with its decision and the reason the complainant is told.
pub async fn close(app: &App, caller: &Caller, id: i64, decision: &str, reason: &str) -> Result<(), AppError> {
    let (g, state) = handled(app, caller, id).await?;
    let mut errors = Vec::new();
    let decision = Decision::parse(decision);
    if decision.is_none() {
        errors.push(FieldError::new("decision", "grievance.decision_unknown", ""));
    }
    let reason = bounded("reason", reason, REASON_MAX, "grievance.reason_long", &mut errors);
    if reason.is_empty() {
        errors.push(FieldError::new("reason", "grievance.reason_required", ""));
    }
    let Some(decision) = decision.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let order = contested_order(app, &g).await?;
    if order.as_ref().is_some_and(|o| o.recorded_by == caller.name) {
        // Whoever recorded the order does not judge its contest.
        return Err(AppError::Refused("grievance.own_order"));
    }
    let next = moved(state, Step::Close(decision))?;
    let mut step = step_of(&g, "closed", next, reason.clone(), app.clock.now());
    step.decision_reason = Some(reason);
    step.closed_on = Some(app.clock.today());
    // Upheld (in whole or part), the order ends: a corrected one is recorded anew.
    step.ends_order = order.is_some() && matches!(decision, Decision::Upheld | Decision::PartlyUpheld);
    // She is told the decision in words, never the officer's reason (it may name people).
    step.notices = told(app, &g, NoticeEvent::GrievanceClosed, "closed", |l| {
        vec![(Placeholder::Outcome, notices::word(l, "grievance-decision", decision.code()))]
    })
    .await?;
    Ok(app.store.take_grievance_steps(&caller.actor(), &[step]).await?)
}

/// The deduction order an inmate's contest holds suspended, while it is open.
async fn contested_order(app: &App, g: &GrievanceRow) -> Result<Option<DeductionRow>, AppError> {
    if g.about_kind != About::Deduction.code() {
        return Ok(None);
    }
    let Ok(id) = g.about_ref.parse::<i64>() else { return Ok(None) };
    match app.store.deduction_order(id).await {
        Ok(order) if order.contest_id == Some(g.grievance_id) => Ok(Some(order)),
        Ok(_) | Err(emgek_store::StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The complainant's own word on the answer, sent by SMS from the phone the decision was told
/// to (the caller is the gateway's, the system's): recorded as her handler records it.
pub async fn feedback_from_complainant(app: &App, caller: &Caller, id: i64, satisfied: bool) -> Result<(), AppError> {
    let g = app.store.grievance(id).await?;
    let next = moved(state_of(&g)?, Step::Feedback)?;
    let detail = if satisfied { "satisfied" } else { "not_satisfied" };
    let mut step = step_of(&g, "feedback", next, detail.into(), app.clock.now());
    step.satisfied = Some(satisfied);
    Ok(app.store.take_grievance_steps(&caller.actor(), &[step]).await?)
}

/// Registers a grievance sent by SMS ("ДАТТАНУУ …") from a household's phone: in its rayon,
/// under the category of other matters, answered to that phone.
pub async fn open_by_sms(
    app: &App,
    caller: &Caller,
    phone: &str,
    rayon: &str,
    language: &str,
    words: &str,
) -> Result<Opened, AppError> {
    let form = GrievanceForm {
        channel: Channel::Sms.code().into(),
        category: "service.other".into(),
        rayon: rayon.into(),
        anonymous: true,
        contact: phone.into(),
        language: language.into(),
        summary: words.chars().take(SUMMARY_MAX).collect(),
        ..GrievanceForm::default()
    };
    open_through(app, caller, &form, Some(Channel::Sms), true).await
}

/// The complainant's word on the answer, once it is closed.
pub async fn feedback(app: &App, caller: &Caller, id: i64, satisfied: bool) -> Result<(), AppError> {
    let (g, state) = handled(app, caller, id).await?;
    let next = moved(state, Step::Feedback)?;
    let mut step =
        step_of(&g, "feedback", next, if satisfied { "satisfied" } else { "not_satisfied" }.into(), app.clock.now());
    step.satisfied = Some(satisfied);
    Ok(app.store.take_grievance_steps(&caller.actor(), &[step]).await?)
}

#[cfg(test)]
#[path = "grievances_tests.rs"]
mod tests;
