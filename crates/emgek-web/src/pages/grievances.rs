//! The grievances' pages: the register of the reader's places, a grievance taken at the office
//! or by the hotline, and a grievance with its steps and what the reader may do next. The rules
//! are `emgek_app::grievances`'; a page only shows and asks.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_app::grievances as steps;
use emgek_domain::access::Permission;
use emgek_domain::grievance::case::{Channel, Decision, Status};
use emgek_store::Source;

use super::form::{Failed, FieldView, Sent, choose, respond};
use super::grievance_lines::{Line, facility_names, level_words, line, place, words};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/grievances"), get(list))
        .route(declared("/grievances/new"), get(new_form).post(create))
        .route(declared("/grievances/{id}"), get(show))
        .route(declared("/grievances/{id}/acknowledge"), post(acknowledge))
        .route(declared("/grievances/{id}/extend"), post(extend))
        .route(declared("/grievances/{id}/close"), post(close))
        .route(declared("/grievances/{id}/feedback"), post(feedback))
}

/// The categories of the rules in force today, grouped by their first level, as options: the
/// inmates' contests (the `prison` group) only for a facility's handlers (`prison`), the others
/// only for a place's (`places`).
pub(super) async fn categories(
    state: &AppState,
    ui: &Ui,
    places: bool,
    prison: bool,
) -> Result<Vec<(String, Vec<(String, String)>)>, PageError> {
    let book = steps::rule_book(state.app()).await.map_err(|e| PageError::app(ui, e))?;
    let today = state.app().clock.today();
    let mut categories: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let shown = |c: &&emgek_domain::grievance::rules::Category| if c.group() == "prison" { prison } else { places };
    for c in book.in_force(today).map(|r| r.categories.as_slice()).unwrap_or_default().iter().filter(shown) {
        let option = (c.code.clone(), words(ui, "category", &c.code));
        match categories.iter_mut().find(|(g, _)| *g == words(ui, "group", c.group())) {
            Some((_, options)) => options.push(option),
            None => categories.push((words(ui, "group", c.group()), vec![option])),
        }
    }
    Ok(categories)
}

#[derive(Template, WebTemplate)]
#[template(path = "grievances/list.html")]
struct ListPage {
    ui: Ui,
    lines: Vec<Line>,
    open_only: bool,
    may_open: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct ListQuery {
    open: String,
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    mut ui: Ui,
    Query(q): Query<ListQuery>,
) -> Result<ListPage, PageError> {
    ui.tr = ui.tr.scoped("grievance");
    let caller = user.caller(Source::Web);
    let open_only = !q.open.is_empty();
    let rows = steps::list(state.app(), &caller, open_only, 200).await.map_err(|e| PageError::app(&ui, e))?;
    let facilities = facility_names(&state, &rows).await?;
    let lines = rows.iter().map(|g| line(&state, &ui, &facilities, g)).collect();
    Ok(ListPage { lines, open_only, may_open: user.allows(Permission::HandleGrievances), ui })
}

#[derive(Template, WebTemplate)]
#[template(path = "grievances/new.html")]
struct NewPage {
    ui: Ui,
    fields: Vec<FieldView>,
    errors: Vec<(String, String)>,
    /// Whether the reader may look the complainant up in the registry (she reads it).
    can_look_up: bool,
    /// The lookup as typed, and the households it found: (number, head of household, place).
    q: String,
    found: Option<Vec<(String, String, String)>>,
}

/// The new grievance's page asked for: a lookup of the complainant, or one chosen.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    /// A PIN (or its first digits), a household number or a name in either script.
    q: String,
    /// The household chosen: the form starts with its head, phone, rayon and number.
    household: String,
    /// The record it is about, when the form is opened from it (an inmate's deduction order).
    about: String,
    about_ref: String,
}

/// Households a lookup shows at most.
const FOUND_MAX: u32 = 10;

const FORM_FIELDS: [&str; 11] = [
    "channel",
    "category",
    "rayon",
    "anonymous",
    "name",
    "contact",
    "language",
    "about",
    "about_ref",
    "received_on",
    "summary",
];

async fn new_page(state: &AppState, user: &CurrentUser, ui: Ui, failed: Failed) -> Result<NewPage, PageError> {
    new_page_for(state, user, ui, failed, &NewQuery::default()).await
}

/// The households a lookup finds where the reader reads the registry (a PIN only where she
/// may see personal data, as the registry's own search): (number, head, place).
async fn look_up(
    state: &AppState,
    user: &CurrentUser,
    ui: &Ui,
    q: &str,
) -> Result<Vec<(String, String, String)>, PageError> {
    let caller = user.caller(Source::Web);
    let filter = emgek_store::HouseholdFilter { q: Some(q.to_string()), ..Default::default() }.normalized();
    let filter = emgek_app::registry::filter_within(&caller, Permission::ReadRegistry, filter)
        .map_err(|e| PageError::invalid(ui, &e))?;
    let page = state.store.list_households(&filter, emgek_store::PageRequest::new(Some(1), Some(FOUND_MAX))).await?;
    Ok(page
        .items
        .into_iter()
        .map(|h| {
            let place = [state.geo.rayon_name(&h.rayon, ui.lang()), h.village.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            (h.household_ref, h.head_name, place)
        })
        .collect())
}

async fn new_page_for(
    state: &AppState,
    user: &CurrentUser,
    mut ui: Ui,
    failed: Failed,
    query: &NewQuery,
) -> Result<NewPage, PageError> {
    ui.tr = ui.tr.scoped("grievance");
    let caller = user.caller(Source::Web);
    // Where she may register: the rayons of her places, the facilities of hers.
    let in_places = !caller.areas(Permission::HandleGrievances).is_nowhere();
    let in_facilities = !caller.facilities(Permission::HandleGrievances).is_nowhere()
        && !caller.facilities(Permission::ReadInmates).is_nowhere();
    let categories = categories(state, &ui, in_places, in_facilities).await?;
    let rayons: Vec<(String, Vec<(String, String)>)> = state
        .geo
        .rayon_groups(ui.lang())
        .into_iter()
        .zip(state.geo.oblasts.iter())
        .map(|((name, rayons), o)| {
            let mine =
                rayons.into_iter().filter(|(code, _)| caller.may(Permission::HandleGrievances, &o.oblast_code, code));
            (name, mine.collect::<Vec<_>>())
        })
        .filter(|(_, rayons)| !rayons.is_empty())
        .collect();
    let own = |codes: &[&str], what: &str| -> Vec<(String, String)> {
        codes.iter().map(|c| (c.to_string(), words(&ui, what, c))).collect()
    };
    let channels: Vec<&str> =
        [Channel::Office, Channel::Hotline, Channel::Letter, Channel::Sms].iter().map(|c| c.code()).collect();
    // The household chosen from a lookup: its head complains, at its phone, about it.
    let can_look_up = user.allows(Permission::ReadRegistry);
    let mut chosen: BTreeMap<&str, String> = BTreeMap::new();
    let reference = query.household.trim();
    if can_look_up
        && !reference.is_empty()
        && reference.len() <= 64
        && let Some(h) = state.store.households_by_refs(&[reference]).await?.into_iter().next()
        && let Ok(h) = state.app().reach(&caller).household_read(Permission::ReadRegistry, h)
    {
        let head = h.members.iter().find(|m| m.fields.relation.code() == "head").or(h.members.first());
        chosen.insert("name", head.map(|m| m.fields.full_name.clone()).unwrap_or_default());
        if let Some(phone) = h.fields.phone.as_ref().filter(|_| h.fields.consent) {
            chosen.insert("contact", phone.as_str().to_string());
        }
        chosen.insert("rayon", h.fields.rayon.clone());
        chosen.insert("about", "household".into());
        chosen.insert("about_ref", h.fields.household_ref.clone());
    }
    if let Some(about) = steps::About::parse(&query.about).filter(|a| *a != steps::About::Nothing) {
        chosen.insert("about", about.code().into());
        chosen.insert("about_ref", query.about_ref.trim().chars().take(60).collect());
        if about == steps::About::Deduction {
            chosen.insert("category", "prison.deduction".into());
            chosen.insert("channel", "letter".into());
            // The inmate whose order it is, where the reader may read her record.
            if let Ok(id) = query.about_ref.trim().parse::<i64>()
                && let Ok(order) = state.store.deduction_order(id).await
                && let Ok((inmate, _)) =
                    state.app().reach(&caller).inmate(Permission::ReadInmates, order.inmate_id).await
            {
                chosen.insert("name", inmate.full_name);
            }
        }
    }
    let q = query.q.trim().chars().take(100).collect::<String>();
    let found = if can_look_up && !q.is_empty() { Some(look_up(state, user, &ui, &q).await?) } else { None };
    let f = |name: &'static str, default: &str| {
        let default = chosen.get(name).map(String::as_str).unwrap_or(default);
        failed.field(&ui, "grievance", name, default)
    };
    let mut category = f("category", "").required().select(vec![choose(&ui)]);
    category.groups = categories;
    let has_rayons = !rayons.is_empty();
    let mut rayon = f("rayon", "").required().select(vec![choose(&ui)]);
    rayon.groups = rayons;
    let yes_no = vec![("no".to_string(), ui.tr.t("no")), ("yes".to_string(), ui.tr.t("yes"))];
    let languages =
        vec![("ky".into(), "Кыргызча".into()), ("ru".into(), "Русский".into()), ("en".into(), "English".into())];
    let abouts: Vec<&str> = steps::About::ALL
        .iter()
        .filter(|a| if a.in_facility() { in_facilities } else { in_places || **a == steps::About::Nothing })
        .map(|a| a.code())
        .collect();
    let fields = [
        Some(f("channel", "office").required().select(own(&channels, "channel"))),
        Some(category),
        // A facility's handler answers where the record is: no rayon to choose.
        has_rayons.then_some(rayon),
        Some(f("anonymous", "no").select(yes_no)),
        Some(f("name", "")),
        Some(f("contact", "").input("tel")),
        Some(f("language", ui.lang_code()).select(languages)),
        Some(f("about", "none").select(own(&abouts, "about"))),
        Some(f("about_ref", "")),
        Some(f("received_on", "").input("date")),
        Some(f("summary", "").required().input("textarea")),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(NewPage { fields, errors: failed.summary(&ui), can_look_up, q, found, ui })
}

async fn new_form(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(query): Query<NewQuery>,
) -> Result<NewPage, PageError> {
    new_page_for(&state, &user, ui, Failed::default(), &query).await
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(typed): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| typed.get(k).cloned().unwrap_or_default();
    let form = steps::GrievanceForm {
        channel: get("channel"),
        category: get("category"),
        rayon: get("rayon"),
        anonymous: get("anonymous") == "yes",
        name: get("name"),
        contact: get("contact"),
        language: get("language"),
        about: get("about"),
        about_ref: get("about_ref"),
        summary: get("summary"),
        received_on: get("received_on"),
    };
    let typed: BTreeMap<String, String> =
        typed.into_iter().filter(|(k, _)| FORM_FIELDS.contains(&k.as_str())).collect();
    let result = steps::open(state.app(), &user.caller(Source::Web), &form).await;
    respond(
        ui,
        result,
        Sent::new("grievance", typed, "summary"),
        |opened| format!("/grievances/{}?saved=1", opened.id),
        async |ui, failed| new_page(&state, &user, ui, failed).await,
    )
    .await
}

/// A step of a grievance, as the page lists it.
pub struct StepLine {
    pub step: String,
    pub level: String,
    pub detail: String,
    pub by: String,
    pub at: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "grievances/show.html")]
struct ShowPage {
    ui: Ui,
    g: Line,
    /// (label, value) pairs of what the reader may see.
    facts: Vec<(String, String)>,
    steps: Vec<StepLine>,
    may_acknowledge: bool,
    extend_form: Vec<FieldView>,
    close_form: Vec<FieldView>,
    may_feedback: bool,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
    /// The complainant's notices (when, how, where they are, what they said): for handlers.
    notices: Vec<NoticeLine>,
    /// Where its handler corrects the household's record it shows is wrong: while it is open,
    /// for one who may edit the registry there.
    correct_href: Option<String>,
}

pub struct NoticeLine {
    pub at: String,
    pub channel: String,
    pub state: String,
    pub body: String,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct ShowQuery {
    saved: String,
}

async fn show_page(
    state: &AppState,
    user: &CurrentUser,
    mut ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<ShowPage, PageError> {
    ui.tr = ui.tr.scoped("grievance");
    let caller = user.caller(Source::Web);
    let (g, events) = steps::view(state.app(), &caller, id).await.map_err(|e| PageError::app(&ui, e))?;
    let handles = steps::handles(state.app(), &caller, &g);
    let facilities = facility_names(state, std::slice::from_ref(&g)).await?;
    let open = g.status != Status::Closed.code();
    let mut facts = vec![
        (ui.tr.field("channel"), words(&ui, "channel", &g.channel)),
        (ui.tr.field("category"), words(&ui, "category", &g.category)),
        (ui.tr.t("grievance-severity"), words(&ui, "severity", &g.severity)),
        match &g.facility_code {
            Some(_) => (ui.tr.t("grievance-facility"), place(state, &ui, &facilities, &g)),
            None => (ui.tr.field("rayon"), place(state, &ui, &facilities, &g)),
        },
        (ui.tr.t("grievance-acknowledge-by"), ui.tr.date(&g.acknowledge_by)),
        (ui.tr.t("grievance-answer-by"), ui.tr.date(&g.answer_by)),
    ];
    if handles {
        let name = if g.anonymous { ui.tr.t("grievance-anonymous-complainant") } else { g.complainant_name.clone() };
        facts.push((ui.tr.field("name"), name));
        let contact = if g.complainant_contact.is_empty() { "—".to_string() } else { g.complainant_contact.clone() };
        facts.push((ui.tr.field("contact"), contact));
        facts.push((ui.tr.field("summary"), g.summary.clone()));
    }
    if g.about_kind != "none" {
        facts.push((words(&ui, "about", &g.about_kind), g.about_ref.clone()));
    }
    if let Some(d) = &g.decision {
        facts.push((ui.tr.field("decision"), words(&ui, "decision", d)));
        facts.push((ui.tr.field("reason"), g.decision_reason.clone().unwrap_or_default()));
    }
    if let Some(s) = g.satisfied {
        facts.push((ui.tr.field("satisfied"), ui.tr.t(if s { "yes" } else { "no" })));
    }
    let steps = events
        .into_iter()
        .map(|e| StepLine {
            step: words(&ui, "step", &e.step),
            level: level_words(&ui, &g, &e.level),
            detail: match e.step.as_str() {
                "received" => words(&ui, "channel", &e.detail),
                "escalated" => match time::Date::parse(&e.detail, &time::format_description::well_known::Iso8601::DATE)
                {
                    Ok(missed) => format!("{} {}", ui.tr.t("grievance-missed"), ui.tr.date(&missed)),
                    Err(_) => e.detail,
                },
                _ => e.detail,
            },
            by: e.created_by,
            at: ui.tr.date(&e.created_at.date()),
        })
        .collect();
    let supervisor = steps::supervises(&caller, &g);
    let f = |form: &str, name: &'static str, default: &str| failed.field(&ui, form, name, default);
    let extend_form = if handles && open && !g.extended && supervisor {
        vec![f("extend", "days", "").required().numeric(), f("extend", "reason", "").required().input("textarea")]
    } else {
        Vec::new()
    };
    let close_form = if handles && open {
        let decisions = Decision::ALL.iter().map(|d| (d.code().to_string(), words(&ui, "decision", d.code())));
        vec![
            f("close", "decision", "").required().select([vec![choose(&ui)], decisions.collect()].concat()),
            f("close", "reason", "").required().input("textarea"),
        ]
    } else {
        Vec::new()
    };
    let notices = if handles {
        emgek_app::notices::of_grievance(state.app(), &caller, g.grievance_id)
            .await
            .map_err(|e| PageError::app(&ui, e))?
            .into_iter()
            .map(|n| NoticeLine {
                at: ui.tr.date(&n.created_at.date()),
                channel: ui.tr.t(&format!("notice-channel-{}", n.channel)),
                state: ui.tr.t(&format!("notice-state-{}", n.state)),
                body: n.body,
            })
            .collect()
    } else {
        Vec::new()
    };
    let correct_href = match g.household_id {
        Some(h) if handles && open && caller.may(Permission::EditRegistry, &g.oblast_code, &g.rayon_code) => {
            Some(format!("/households/{h}?grievance={}", g.grievance_id))
        }
        _ => None,
    };
    Ok(ShowPage {
        notices,
        correct_href,
        g: line(state, &ui, &facilities, &g),
        facts,
        steps,
        may_acknowledge: handles && g.status == Status::Received.code(),
        extend_form,
        close_form,
        may_feedback: handles && !open && g.satisfied.is_none(),
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<ShowPage, PageError> {
    let mut page = show_page(&state, &user, ui, id, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

/// What a step's form answers: the grievance again, saved, or with the form's errors.
async fn answer<T>(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    sent: Sent<'_>,
    result: Result<T, emgek_app::AppError>,
) -> Result<Response, PageError> {
    respond(
        ui,
        result,
        sent,
        |_| format!("/grievances/{id}?saved=1"),
        async |ui, failed| show_page(state, user, ui, id, failed).await,
    )
    .await
}

async fn acknowledge(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let result = steps::acknowledge(state.app(), &user.caller(Source::Web), id).await;
    answer(&state, &user, ui, id, Sent::new("acknowledge", BTreeMap::new(), "status"), result).await
}

async fn extend(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = steps::extend(state.app(), &user.caller(Source::Web), id, get("days"), get("reason")).await;
    answer(&state, &user, ui, id, Sent::new("extend", form, "days"), result).await
}

async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = steps::close(state.app(), &user.caller(Source::Web), id, get("decision"), get("reason")).await;
    answer(&state, &user, ui, id, Sent::new("close", form, "decision"), result).await
}

async fn feedback(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let satisfied = form.get("satisfied").is_some_and(|v| v == "yes");
    let result = steps::feedback(state.app(), &user.caller(Source::Web), id, satisfied).await;
    answer(&state, &user, ui, id, Sent::new("feedback", form, "satisfied"), result).await
}
