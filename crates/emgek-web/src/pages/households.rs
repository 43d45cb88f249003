//! The household registry's pages: list, household, new, edit, export.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use emgek_app::registry;
use emgek_domain::FieldError;
use emgek_domain::household::{HouseholdInput, MemberInput};
use emgek_store::{Change, HouseholdRecord, Source};
use serde::Deserialize;

use super::form::{FieldView, household_fields, member_fields, summary};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::query::ListQuery;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_domain::access::Permission;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/households"), get(list_households).post(create_household))
        .route(declared("/households/new"), get(new_household))
        .route(declared("/households/export.csv"), get(export_csv))
        .route(declared("/households/export.xlsx"), get(export_xlsx))
        .route(declared("/households/{id}"), get(show_household))
        .route(declared("/households/{id}/edit"), get(edit_household).post(update_household))
}

pub struct Row {
    pub id: i64,
    pub household_ref: String,
    pub head_name: String,
    pub place: String,
    pub size: u32,
    pub children: u32,
    /// None where the reader may not see disability.
    pub disabled: Option<u32>,
    pub benefit: bool,
    pub review: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "households/list.html")]
struct ListPage {
    ui: Ui,
    query: ListQuery,
    rows: Vec<Row>,
    total: i64,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
    export: String,
    oblasts: Vec<(String, String)>,
    rayons: Vec<(String, Vec<(String, String)>)>,
    can_edit: bool,
    can_export: bool,
}

async fn list_households(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(query): Query<ListQuery>,
) -> Result<ListPage, PageError> {
    let filter = query
        .filter_for(&user.caller(Source::Web), Permission::ReadRegistry)
        .map_err(|e| PageError::invalid(&ui, &e))?;
    let result = state.store.list_households(&filter, query.page()).await?;
    let sensitive = emgek_app::registry::PersonalData::of(&user.caller(emgek_store::Source::Web));
    let lang = ui.lang();
    let rows = result
        .items
        .iter()
        .map(|h| Row {
            id: h.id,
            household_ref: h.household_ref.clone(),
            head_name: h.head_name.clone(),
            place: [state.geo.rayon_name(&h.rayon, lang), h.village.clone()]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            size: h.facts.size,
            children: h.facts.children_under_18,
            disabled: sensitive.sees(&h.oblast, &h.rayon).then_some(h.facts.members_with_disability),
            benefit: h.benefit,
            review: h.review,
        })
        .collect();
    let page = i64::from(result.request.page);
    let pages = result.pages();
    let mut export_query = query.clone();
    export_query.page.clear();
    export_query.per_page.clear();
    Ok(ListPage {
        rows,
        total: result.total,
        page,
        pages,
        prev: (page > 1).then(|| query.with_page(page - 1)),
        next: (page < pages).then(|| query.with_page(page + 1)),
        export: export_query.encode(),
        oblasts: state.geo.oblast_options(lang),
        rayons: state.geo.rayon_groups(lang),
        can_edit: user.allows(Permission::EditRegistry),
        can_export: user.allows(Permission::ExportRegistry),
        query,
        ui,
    })
}

pub struct MemberRow {
    pub id: i64,
    pub full_name: String,
    pub full_name_latin: String,
    pub pin: String,
    pub birth_date: String,
    pub age: i64,
    pub sex: String,
    pub relation: String,
    pub disability: String,
    pub warnings: Vec<String>,
}

pub struct ChangeRow {
    pub at: String,
    pub actor: String,
    pub what: String,
    /// The grievance the change corrected the record for: its id and number.
    pub grievance: Option<(i64, String)>,
    /// (field, before, after) of each changed field.
    pub fields: Vec<(String, String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "households/show.html")]
struct ShowPage {
    ui: Ui,
    id: i64,
    household_ref: String,
    details: Vec<(String, String)>,
    facts: Vec<(String, String)>,
    members: Vec<MemberRow>,
    history: Vec<ChangeRow>,
    saved: bool,
    /// The reader may change this household (her role and its place allow it).
    can_edit: bool,
    /// The grievance whose correction the reader is making: its id and number.
    correcting: Option<(i64, String)>,
    /// What the edit links carry: the grievance corrected for, if any.
    edit_suffix: String,
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
    grievance: Option<i64>,
}

/// The grievance a correction answers, as a page's address names it (`?grievance=ID`).
#[derive(Debug, Default, Deserialize)]
pub(super) struct Correcting {
    pub grievance: Option<i64>,
}

impl Correcting {
    /// The grievance, if the caller may correct household `household` for it: its id and number.
    pub async fn checked(&self, state: &AppState, user: &CurrentUser, household: i64) -> Option<(i64, String)> {
        let g = self.grievance?;
        let caller = user.caller(Source::Web);
        let row = registry::correcting(state.app(), &caller, g, household).await.ok()?;
        Some((g, emgek_app::grievances::number_of(&row).to_string()))
    }

    /// What an address carries on: `?grievance=ID`, or nothing.
    pub fn suffix(found: &Option<(i64, String)>) -> String {
        found.as_ref().map(|(g, _)| format!("?grievance={g}")).unwrap_or_default()
    }
}

async fn show_household(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(saved): Query<Saved>,
) -> Result<ShowPage, PageError> {
    let caller = user.caller(Source::Web);
    let opened = registry::open_household(state.app(), &user.caller(Source::Web), id).await?;
    let (record, sensitive) = (opened.record, opened.sensitive);
    let history = state.store.history(id).await?;
    let correcting = Correcting { grievance: saved.grievance }.checked(&state, &user, id).await;
    let today = state.app().clock.today();
    let tr = &ui.tr;
    let h = &record.fields;
    let lang = ui.lang();
    let details = vec![
        (tr.field("oblast"), state.geo.oblast_name(&h.oblast, lang)),
        (tr.field("rayon"), state.geo.rayon_name(&h.rayon, lang)),
        (tr.field("aiyl_okmotu"), h.aiyl_okmotu.clone()),
        (tr.field("village"), h.village.clone()),
        (tr.field("phone"), h.phone.as_ref().map(|p| p.as_str().to_string()).unwrap_or_default()),
        (
            tr.t("benefit"),
            match h.benefit {
                Some(b) => format!("{} · {} {}", tr.som(&b.monthly), tr.t("since"), tr.date(&b.since)),
                None => tr.t("no"),
            },
        ),
        (tr.field("consent"), tr.t(if h.consent { "yes" } else { "no" })),
        (tr.field("language"), tr.t(&format!("lang-{}", h.language.code()))),
        (
            tr.t("registered"),
            match record.import_id {
                Some(n) => {
                    format!("{} · {}", tr.date(&record.created_at.date()), tr.t_with("by-import", &[("n", n.into())]))
                }
                None => tr.date(&record.created_at.date()),
            },
        ),
    ];
    let facts = record.facts(today);
    let facts = vec![
        (tr.t("facts-size"), tr.number(i64::from(facts.size))),
        (tr.t("facts-children"), tr.number(i64::from(facts.children_under_18))),
        (
            tr.t("facts-disability"),
            if sensitive { tr.number(i64::from(facts.members_with_disability)) } else { tr.t("hidden") },
        ),
    ];
    Ok(ShowPage {
        id,
        household_ref: h.household_ref.clone(),
        details,
        facts,
        members: member_rows(&ui, &record, today, sensitive),
        history: history.iter().map(|c| change_row(&ui, c, sensitive)).collect(),
        saved: saved.saved.is_some(),
        can_edit: caller.may(Permission::EditRegistry, &record.fields.oblast, &record.fields.rayon),
        edit_suffix: Correcting::suffix(&correcting),
        correcting,
        ui,
    })
}

fn coded(ui: &Ui, prefix: &str, code: &str) -> String {
    ui.tr.t(&format!("{prefix}-{}", code.to_lowercase().replace('_', "-")))
}

fn member_rows(ui: &Ui, record: &HouseholdRecord, today: time::Date, sensitive: bool) -> Vec<MemberRow> {
    record
        .members
        .iter()
        .map(|m| {
            let f = &m.fields;
            MemberRow {
                id: m.id,
                full_name: f.full_name.clone(),
                full_name_latin: f.full_name_latin.clone().unwrap_or_default(),
                pin: registry::shown_pin(f.pin.as_str(), sensitive),
                birth_date: ui.tr.date(&f.birth_date),
                age: i64::from(emgek_domain::household::age_on(f.birth_date, today)),
                sex: coded(ui, "sex", f.sex.code()),
                relation: coded(ui, "relation", f.relation.code()),
                disability: if sensitive { coded(ui, "disability", f.disability.code()) } else { ui.tr.t("hidden") },
                warnings: f.warnings.iter().map(|w| ui.tr.field_error(&FieldError::new("pin", w, ""))).collect(),
            }
        })
        .collect()
}

fn change_row(ui: &Ui, c: &Change, sensitive: bool) -> ChangeRow {
    let mut fields = Vec::new();
    if let (Some(before), Some(after)) = (c.before.as_ref().and_then(|b| b.as_object()), c.after.as_object()) {
        for (key, new) in after {
            let old = before.get(key).and_then(|v| v.as_str()).unwrap_or_default();
            let new = new.as_str().unwrap_or_default();
            if old == new {
                continue;
            }
            let (old, new) = if !sensitive && (key == "pin" || key == "disability") {
                (ui.tr.t("hidden"), ui.tr.t("hidden"))
            } else {
                (old.to_string(), new.to_string())
            };
            fields.push((ui.tr.field(key), old, new));
        }
    }
    ChangeRow {
        at: format!("{} {:02}:{:02}", ui.tr.date(&c.at.date()), c.at.hour(), c.at.minute()),
        actor: format!("{} ({})", c.actor, c.source),
        what: ui.tr.t(&format!("change-{}", c.what.replace('.', "-"))),
        grievance: c.grievance.clone(),
        fields,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "households/form.html")]
struct FormPage {
    ui: Ui,
    title: String,
    action: String,
    cancel: String,
    household: Vec<FieldView>,
    member: Vec<FieldView>,
    errors: Vec<(String, String)>,
}

async fn new_household(State(state): State<AppState>, ui: Ui) -> Result<FormPage, PageError> {
    let member = MemberInput { relation: "head".into(), disability: "none".into(), ..Default::default() };
    Ok(FormPage {
        title: ui.tr.t("household-new"),
        action: "/households".into(),
        cancel: "/households".into(),
        household: household_fields(&ui, &state.geo, &HouseholdInput::default(), &[]),
        member: member_fields(&ui, &member, &[]),
        errors: Vec::new(),
        ui,
    })
}

#[derive(Deserialize)]
struct NewHousehold {
    #[serde(flatten)]
    household: HouseholdInput,
    #[serde(flatten)]
    member: MemberInput,
}

async fn create_household(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<NewHousehold>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let created =
        registry::create_household(state.app(), &caller, &form.household, std::slice::from_ref(&form.member)).await;
    let errors: Vec<FieldError> = match created {
        Ok(id) => return Ok(Redirect::to(&format!("/households/{id}?saved=1")).into_response()),
        // The form has one person, whose fields it names plainly.
        Err(e) => PageError::field_errors(&ui, e)?
            .into_iter()
            .map(|mut e| {
                e.field = e.field.strip_prefix("members[0].").map(str::to_string).unwrap_or(e.field);
                e
            })
            .collect(),
    };
    let page = FormPage {
        title: ui.tr.t("household-new"),
        action: "/households".into(),
        cancel: "/households".into(),
        household: household_fields(&ui, &state.geo, &form.household, &errors),
        member: member_fields(&ui, &form.member, &errors),
        errors: summary(&ui, &errors),
        ui,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn edit_household(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Correcting>,
) -> Result<FormPage, PageError> {
    let record = registry::household(state.app(), &user.caller(Source::Web), Permission::EditRegistry, id).await?;
    let correcting = q.checked(&state, &user, id).await;
    Ok(edit_page(&state, ui, id, &record.fields.to_input(), &[], &correcting))
}

fn edit_page(
    state: &AppState,
    ui: Ui,
    id: i64,
    input: &HouseholdInput,
    errors: &[FieldError],
    correcting: &Option<(i64, String)>,
) -> FormPage {
    let suffix = Correcting::suffix(correcting);
    let title = match correcting {
        Some((_, number)) => format!("{} {} · {number}", ui.tr.t("household-edit"), input.household_ref),
        None => format!("{} {}", ui.tr.t("household-edit"), input.household_ref),
    };
    FormPage {
        title,
        action: format!("/households/{id}/edit{suffix}"),
        cancel: format!("/households/{id}{suffix}"),
        household: household_fields(&ui, &state.geo, input, errors),
        member: Vec::new(),
        errors: summary(&ui, errors),
        ui,
    }
}

async fn update_household(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Correcting>,
    Form(input): Form<HouseholdInput>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let errors = match registry::correct_household(state.app(), &caller, id, &input, q.grievance).await {
        Ok(()) => {
            let more = q.grievance.map(|g| format!("&grievance={g}")).unwrap_or_default();
            return Ok(Redirect::to(&format!("/households/{id}?saved=1{more}")).into_response());
        }
        Err(e) => PageError::field_errors(&ui, e)?,
    };
    let correcting = q.checked(&state, &user, id).await;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, edit_page(&state, ui, id, &input, &errors, &correcting)).into_response())
}

async fn export_csv(
    state: State<AppState>,
    user: CurrentUser,
    ui: Ui,
    query: Query<ListQuery>,
) -> Result<Response, PageError> {
    export(state, user, ui, query, emgek_exchange::ExportFormat::Csv).await
}

async fn export_xlsx(
    state: State<AppState>,
    user: CurrentUser,
    ui: Ui,
    query: Query<ListQuery>,
) -> Result<Response, PageError> {
    export(state, user, ui, query, emgek_exchange::ExportFormat::Xlsx).await
}

async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(query): Query<ListQuery>,
    format: emgek_exchange::ExportFormat,
) -> Result<Response, PageError> {
    let filter = query
        .filter_for(&user.caller(Source::Web), Permission::ExportRegistry)
        .map_err(|e| PageError::invalid(&ui, &e))?;
    crate::api::export_file(&state, &user.caller(Source::Web), filter, format)
        .await
        .map_err(|e| PageError::internal(&ui, &e))
}
