//! Dashboards: the national one (every programme the reader may read), one per programme, and
//! any oblast, rayon, Social Contract programme or facility by choosing it. Every figure links
//! to the records behind it; one indicator at a time is shown by period and by place, as charts
//! drawn on the server with their numbers in tables beside them; every table downloads as CSV
//! and the whole dashboard as XLSX.

use crate::query::SelectionQuery;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use emgek_domain::indicators::cube::{By, Figure, nothing};
use emgek_domain::indicators::period::Ym;
use emgek_domain::indicators::{Dimension, Indicator, LIBRARY, Programme};
use emgek_exchange::tables::{Table, Value};
use emgek_store::Source;

use super::figures::{axis, cell, drawn, name, reached, target, unit, written};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::charts::{self, Point};
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::indicators::{self as figures, Cube, Params, Reach, Selection};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/dashboards"), get(national))
        .route(declared("/dashboards/{view}"), get(programme))
        .route(declared("/dashboards/{view}/export"), get(export))
        .merge(super::dashboard_records::router())
}

/// The dashboard's programme, from the address: `all`, `social-contract`, `ovop`, `prison`.
pub(super) fn view_of(code: &str) -> Option<Option<Programme>> {
    match code {
        "all" => Some(None),
        "social-contract" => Some(Some(Programme::SocialContract)),
        "ovop" => Some(Some(Programme::Ovop)),
        "prison" => Some(Some(Programme::Prison)),
        _ => None,
    }
}

pub(super) fn view_code(p: Option<Programme>) -> &'static str {
    match p {
        None => "all",
        Some(Programme::SocialContract) => "social-contract",
        Some(Programme::Ovop) => "ovop",
        Some(Programme::Prison) => "prison",
    }
}

/// A row of the summary: the indicator, its figure, target and how much of it was reached.
struct Line {
    /// The dashboard with this indicator shown by period and place, the choice kept.
    select: String,
    name: String,
    unit: String,
    figure: String,
    records: String,
    target: String,
    reached: String,
    selected: bool,
}

/// One indicator by period or place: chart, and rows of label, figure, link to the records.
struct Breakdown {
    title: String,
    svg: String,
    map: String,
    rows: Vec<Row>,
}

struct Row {
    label: String,
    figure: Figure,
    written: String,
    records: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/dashboard.html")]
struct DashboardPage {
    ui: Ui,
    title: String,
    /// Tabs: address, label, current.
    views: Vec<(String, String, bool)>,
    view: &'static str,
    filters: Vec<super::form::FieldView>,
    errors: Vec<(String, String)>,
    as_of: String,
    programmes: Vec<(String, Vec<Line>)>,
    selected: Option<(String, String)>,
    breakdowns: Vec<Breakdown>,
    usd: bool,
    switch_currency: String,
    export: String,
    /// The indicator shown, kept when the choice changes.
    indicator: String,
}

async fn national(state: State<AppState>, user: CurrentUser, ui: Ui, query: Query<Params>) -> Response {
    show(state, user, ui, None, query).await
}

async fn programme(
    state: State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(view): Path<String>,
    query: Query<Params>,
) -> Response {
    match view_of(&view) {
        Some(p) => show(state, user, ui, p, query).await,
        None => PageError::new(&ui, StatusCode::NOT_FOUND).into_response(),
    }
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    view: Option<Programme>,
    Query(params): Query<Params>,
) -> Response {
    let cube = match figures::cube(state.app()).await {
        Ok(c) => c,
        Err(e) => return PageError::store(&ui, e).into_response(),
    };
    let reach = Reach::of(&user.caller(Source::Web), &cube);
    let sel = Selection::parse(&params);
    let filters = super::dashboard_filters::fields(&state, &ui, &cube, &reach, view, &params, sel.as_ref().err());
    let mut page = DashboardPage {
        title: view.map_or_else(|| ui.tr.t("dashboards-title"), |p| ui.tr.t(&format!("programme-{}", p.code()))),
        views: std::iter::once(None)
            .chain(reach.programmes().into_iter().map(Some))
            .map(|p| {
                let label =
                    p.map_or_else(|| ui.tr.t("dashboards-all"), |p| ui.tr.t(&format!("programme-{}", p.code())));
                (format!("/dashboards/{}", view_code(p)), label, p == view)
            })
            .collect(),
        view: view_code(view),
        filters,
        errors: Vec::new(),
        as_of: as_of(&state, &ui, &cube),
        programmes: Vec::new(),
        selected: None,
        breakdowns: Vec::new(),
        usd: false,
        switch_currency: String::new(),
        export: String::new(),
        indicator: params.indicator.trim().to_string(),
        ui,
    };
    let sel = match sel {
        Ok(s) => s,
        Err(errors) => {
            page.errors = super::form::summary(&page.ui, &errors);
            return (StatusCode::BAD_REQUEST, page).into_response();
        }
    };
    let targets = match state.store.targets().await {
        Ok(t) => t,
        Err(e) => return PageError::store(&page.ui, e).into_response(),
    };
    let base = format!("/dashboards/{}", view_code(view));
    let shown = shown(&reach, view);
    let chosen = sel.indicator.filter(|i| shown.contains(i)).or(shown.first().copied());
    let ui = &page.ui;
    for p in Programme::ALL {
        let lines: Vec<Line> = shown
            .iter()
            .filter(|i| i.programme == p)
            .map(|ind| {
                let f = reach.total(ind, &cube.cells, &sel.filter);
                let t = target(&cube, &targets, ind, &sel);
                Line {
                    select: format!("?{}#selected", sel.query(&[("indicator", ind.code)])),
                    name: name(ui, ind),
                    unit: unit(ui, ind, sel.usd),
                    figure: if applies(ind, &sel) {
                        written(ui, ind, &f, sel.usd)
                    } else {
                        ui.tr.t("figures-not-broken-down")
                    },
                    records: format!("/dashboards/records?{}", sel.query(&[("indicator", ind.code)])),
                    target: t.map_or_else(String::new, |t| super::figures::number(ui, ind, t, sel.usd)),
                    reached: reached(ind, &f, sel.usd, t).map_or_else(String::new, |bp| ui.tr.percent(bp as u32)),
                    selected: chosen == Some(*ind),
                }
            })
            .collect();
        if !lines.is_empty() {
            page.programmes.push((ui.tr.t(&format!("programme-{}", p.code())), lines));
        }
    }
    if let Some(ind) = chosen {
        page.selected = Some((name(ui, ind), super::figures::definition(ui, ind)));
        page.breakdowns = breakdowns(&state, ui, &cube, &reach, &sel, ind);
    }
    page.usd = sel.usd;
    page.switch_currency = format!("{base}?{}", sel.query(&[("currency", if sel.usd { "" } else { "USD" })]));
    page.export = format!("{base}/export?{}", sel.query(&[]));
    page.into_response()
}

/// The indicators of the view (one programme, or all) that the reader sees anything of.
fn shown(reach: &Reach, view: Option<Programme>) -> Vec<&'static Indicator> {
    let programmes = reach.programmes();
    LIBRARY.iter().filter(|i| programmes.contains(&i.programme) && view.is_none_or(|p| p == i.programme)).collect()
}

/// When the figures were computed, and whether records written since are being counted.
pub(super) fn as_of(state: &AppState, ui: &Ui, cube: &Cube) -> String {
    let said = ui.tr.t_with("figures-as-of", &[("value", stamp(ui, cube).into())]);
    if state.app().figures.counting() { format!("{said} {}", ui.tr.t("figures-counting")) } else { said }
}

/// When the figures were computed, in the reader's date and UTC time.
pub(super) fn stamp(ui: &Ui, cube: &Cube) -> String {
    let t = cube.built_at;
    format!("{} {:02}:{:02} UTC", ui.tr.date(&t.date()), t.hour(), t.minute())
}

/// Whether every breakdown the selection asks for applies to the indicator.
pub(super) fn applies(ind: &Indicator, sel: &Selection) -> bool {
    let f = &sel.filter;
    [
        (f.rayon.is_some(), Dimension::Rayon),
        (f.programme.is_some(), Dimension::Programme),
        (f.facility.is_some(), Dimension::Facility),
        (f.sex.is_some(), Dimension::Sex),
        (f.disability.is_some(), Dimension::Disability),
    ]
    .iter()
    .all(|(asked, d)| !asked || ind.applies(*d))
}

/// The periods from the first month with records to the last (within the selection), each
/// labelled by the selection's grain.
fn periods(cube: &Cube, reach: &Reach, sel: &Selection, ind: &Indicator) -> Vec<String> {
    let measures = ind.formula.measures();
    let months = cube
        .cells
        .iter()
        .filter(|c| measures.contains(&c.key.measure) && sel.filter.matches(&c.key) && reach.allows(&c.key))
        .map(|c| c.key.month);
    let (Some(first), Some(last)) = (months.clone().min(), months.max()) else { return Vec::new() };
    let mut labels: Vec<String> = Vec::new();
    let mut m: Ym = first;
    while m <= last {
        let label = sel.grain.label(m);
        if labels.last() != Some(&label) {
            labels.push(label);
        }
        m = m.plus(1);
    }
    labels
}

fn breakdowns(
    state: &AppState,
    ui: &Ui,
    cube: &Cube,
    reach: &Reach,
    sel: &Selection,
    ind: &Indicator,
) -> Vec<Breakdown> {
    let records = |changes: &[(&str, &str)]| {
        let mut all = vec![("indicator", ind.code)];
        all.extend_from_slice(changes);
        format!("/dashboards/records?{}", sel.query(&all))
    };
    let format = |v: f64| axis(ui, ind, v);
    let mut out = Vec::new();
    let by_period = reach.evaluate(ind, &cube.cells, &sel.filter, By::Period(sel.grain));
    let labels = periods(cube, reach, sel, ind);
    let points: Vec<Point> = labels
        .iter()
        .map(|l| {
            let f = by_period.get(l).copied().unwrap_or_else(|| nothing(ind));
            Point { label: l.clone(), value: drawn(ind, &f, sel.usd) }
        })
        .collect();
    let title = ui.tr.t_with("figures-by-period", &[("value", name(ui, ind).into())]);
    let rows = labels
        .iter()
        .map(|l| {
            let f = by_period.get(l).copied().unwrap_or_else(|| nothing(ind));
            let (from, to) = period_bounds(l);
            Row {
                label: l.clone(),
                figure: f,
                written: written(ui, ind, &f, sel.usd),
                records: records(&[("year", ""), ("quarter", ""), ("from", &from), ("to", &to)]),
            }
        })
        .collect();
    out.push(Breakdown { svg: charts::trend(&title, &points, &format), title, map: String::new(), rows });

    let (dimension, heading) = if ind.programme == Programme::Prison {
        (Dimension::Facility, "figures-by-facility")
    } else if sel.filter.oblast.is_some() {
        (Dimension::Rayon, "figures-by-rayon")
    } else {
        (Dimension::Oblast, "figures-by-oblast")
    };
    let by_place = reach.evaluate(ind, &cube.cells, &sel.filter, By::Dimension(dimension));
    let places: Vec<(String, String, &'static str)> = match dimension {
        Dimension::Facility => {
            cube.facts.facilities.iter().map(|f| (f.facility_id.to_string(), f.name.clone(), "facility")).collect()
        }
        Dimension::Rayon => state
            .geo
            .rayons
            .iter()
            .filter(|r| sel.filter.oblast.as_ref() == Some(&r.oblast_code))
            .map(|r| (r.rayon_code.clone(), state.geo.rayon_name(&r.rayon_code, ui.lang()), "rayon"))
            .collect(),
        _ => state
            .geo
            .oblasts
            .iter()
            .map(|o| (o.oblast_code.clone(), state.geo.oblast_name(&o.oblast_code, ui.lang()), "oblast"))
            .collect(),
    };
    let figure = |code: &str| by_place.get(code).copied().unwrap_or_else(|| nothing(ind));
    let shown: Vec<&(String, String, &str)> =
        places.iter().filter(|(code, _, _)| dimension != Dimension::Facility || by_place.contains_key(code)).collect();
    let title = ui.tr.t_with(heading, &[("value", name(ui, ind).into())]);
    let points: Vec<Point> = shown
        .iter()
        .map(|(code, label, _)| Point { label: label.clone(), value: drawn(ind, &figure(code), sel.usd) })
        .collect();
    let map = if dimension == Dimension::Oblast {
        let tiles: Vec<(String, String, String, Option<f64>)> = shown
            .iter()
            .map(|(code, label, _)| {
                let f = figure(code);
                (code.clone(), label.clone(), written(ui, ind, &f, sel.usd), drawn(ind, &f, sel.usd))
            })
            .collect();
        charts::tile_map(&ui.tr.t_with("figures-map", &[("value", name(ui, ind).into())]), &tiles)
    } else {
        String::new()
    };
    let rows = shown
        .iter()
        .map(|(code, label, field)| Row {
            label: label.clone(),
            figure: figure(code),
            written: written(ui, ind, &figure(code), sel.usd),
            records: records(&[(field, code)]),
        })
        .collect();
    out.push(Breakdown { svg: charts::bars(&title, &points, &format), title, map, rows });
    out
}

/// The first and last month of a period label (`2024`, `2024-Q3`, `2024-07`).
fn period_bounds(label: &str) -> (String, String) {
    if let Some((year, q)) = label.split_once("-Q") {
        let q: i32 = q.parse().unwrap_or(1);
        return (format!("{year}-{:02}", q * 3 - 2), format!("{year}-{:02}", q * 3));
    }
    if label.len() == 4 {
        return (format!("{label}-01"), format!("{label}-12"));
    }
    (label.to_string(), label.to_string())
}

/// The dashboard's tables as one XLSX workbook, or one of them as CSV (`?table=summary`).
async fn export(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(view): Path<String>,
    Query(params): Query<Params>,
    Query(choice): Query<ExportChoice>,
) -> Response {
    let Some(view) = view_of(&view) else { return PageError::new(&ui, StatusCode::NOT_FOUND).into_response() };
    let Ok(sel) = Selection::parse(&params) else {
        return PageError::new(&ui, StatusCode::BAD_REQUEST).into_response();
    };
    let cube = match figures::cube(state.app()).await {
        Ok(c) => c,
        Err(e) => return PageError::store(&ui, e).into_response(),
    };
    let reach = Reach::of(&user.caller(Source::Web), &cube);
    let tables = tables(&state, &ui, &cube, &reach, &sel, view);
    super::dashboard_records::download(&ui, &tables, &choice.table, &format!("emgek-{}", view_code(view)))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct ExportChoice {
    /// The table to download as CSV; none: every table as XLSX.
    pub table: String,
}

/// The summary (every indicator shown) and the selected indicator by period and by place.
pub(super) fn tables(
    state: &AppState,
    ui: &Ui,
    cube: &Cube,
    reach: &Reach,
    sel: &Selection,
    view: Option<Programme>,
) -> Vec<Table> {
    let shown = shown(reach, view);
    let summary = Table {
        name: ui.tr.t("figures-summary"),
        head: vec![ui.tr.t("figures-indicator"), ui.tr.t("figures-unit"), ui.tr.t("figures-figure")],
        rows: shown
            .iter()
            .map(|ind| {
                let f = reach.total(ind, &cube.cells, &sel.filter);
                vec![Value::Text(name(ui, ind)), Value::Text(unit(ui, ind, sel.usd)), cell(ind, &f, sel.usd)]
            })
            .collect(),
    };
    let mut out = vec![summary];
    if let Some(ind) = sel.indicator.filter(|i| shown.contains(i)).or(shown.first().copied()) {
        for b in breakdowns(state, ui, cube, reach, sel, ind) {
            let rows = b.rows.into_iter().map(|r| vec![Value::Text(r.label), cell(ind, &r.figure, sel.usd)]).collect();
            out.push(Table { name: b.title, head: vec![String::new(), unit(ui, ind, sel.usd)], rows });
        }
    }
    out
}
