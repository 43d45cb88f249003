//! The records behind a figure: every contract, product, export contract or facility that adds
//! to it, with what each adds to each measure, linked to its own page. A hundred a page; the
//! whole list downloads as CSV.

use crate::query::SelectionQuery;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use emgek_domain::indicators::facts::Record;
use emgek_domain::indicators::{Indicator, Measure};
use emgek_domain::money::{Currency, Money};
use emgek_exchange::tables::{Table, Value};
use emgek_store::Source;

use super::figures::{name, written};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::indicators::{self as figures, Cube, Params, Part, Reach, Selection};

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/dashboards/records"), get(records))
}

const PAGE: usize = 100;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct Paging {
    page: String,
    /// `csv`: the whole list as a file.
    format: String,
}

struct Line {
    label: String,
    href: String,
    place: String,
    day: String,
    parts: Vec<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/records.html")]
struct RecordsPage {
    ui: Ui,
    title: String,
    figure: String,
    chosen: Vec<(String, String)>,
    lines: Vec<Line>,
    count: String,
    previous: String,
    next: String,
    back: String,
    csv: String,
}

fn measure(ui: &Ui, m: Measure) -> String {
    ui.tr.t(&format!("measure-{}", m.code()))
}

fn part_text(ui: &Ui, p: &Part, usd: bool, cube: &Cube) -> String {
    if p.measure.is_money() {
        match (usd, cube.usd(p.month, p.value)) {
            (true, Some(c)) if p.measure != Measure::ExportValue => ui.tr.money(&Money::from_minor(c, Currency::USD)),
            _ => ui.tr.som(&Money::from_minor(p.value, Currency::KGS)),
        }
    } else {
        ui.tr.number(p.value)
    }
}

/// A record's label, page, place and day.
fn describe(state: &AppState, ui: &Ui, cube: &Cube, r: Record) -> (String, String, String, String) {
    let place = |oblast: &str, rayon: &str| {
        format!("{}, {}", state.geo.rayon_name(rayon, ui.lang()), state.geo.oblast_name(oblast, ui.lang()))
    };
    let f = &cube.facts;
    match r {
        Record::Contract(n) => {
            let c = &f.contracts[n];
            (
                c.number.clone(),
                format!("/contracts/{}", c.contract_id),
                place(&c.oblast, &c.rayon),
                ui.tr.date(&c.starts),
            )
        }
        Record::Product(n) => {
            let p = &f.products[n];
            let label = match ui.lang_code() {
                "ru" => &p.names[1],
                "en" => &p.names[2],
                _ => &p.names[0],
            };
            (
                label.clone(),
                format!("/ovop/products/{}", p.product_id),
                place(&p.oblast, &p.rayon),
                ui.tr.date(&p.developed_on),
            )
        }
        Record::Export(n) => {
            let e = &f.exports[n];
            let label = format!("{} — {}", e.reference, ui.tr.t(&format!("country-{}", e.country)));
            (label, format!("/ovop/producers/{}", e.producer_id), place(&e.oblast, &e.rayon), ui.tr.date(&e.signed_on))
        }
        Record::Facility(n) => {
            let fa = &f.facilities[n];
            (fa.name.clone(), format!("/facilities/{}", fa.facility_id), place(&fa.oblast, &fa.rayon), String::new())
        }
    }
}

async fn records(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(params): Query<Params>,
    Query(paging): Query<Paging>,
) -> Response {
    let sel = match Selection::parse(&params) {
        Ok(s) => s,
        Err(_) => return PageError::new(&ui, StatusCode::BAD_REQUEST).into_response(),
    };
    let Some(ind) = sel.indicator else { return PageError::new(&ui, StatusCode::BAD_REQUEST).into_response() };
    let cube = match figures::cube(state.app()).await {
        Ok(c) => c,
        Err(e) => return PageError::store(&ui, e).into_response(),
    };
    let reach = match Reach::for_records(&user.caller(Source::Web), &cube, &sel.filter) {
        Ok(r) => r,
        Err(e) => return PageError::invalid(&ui, &e).into_response(),
    };
    let found = figures::records(&cube, ind, &sel.filter, &reach);
    let page_no: usize = paging.page.trim().parse().unwrap_or(1).max(1);
    let lines: Vec<Line> = found
        .iter()
        .map(|(r, parts)| {
            let (label, href, place, day) = describe(&state, &ui, &cube, *r);
            let parts = parts.iter().map(|p| (measure(&ui, p.measure), part_text(&ui, p, sel.usd, &cube))).collect();
            Line { label, href, place, day, parts }
        })
        .collect();
    if paging.format == "csv" {
        return download(&ui, &[table(&ui, ind, &lines)], "records", &format!("emgek-{}-records", ind.code));
    }
    let f = reach.total(ind, &cube.cells, &sel.filter);
    let pages = lines.len().div_ceil(PAGE).max(1);
    let here = |n: usize| format!("/dashboards/records?{}", sel.query(&[("page", &n.to_string())]));
    let page = RecordsPage {
        title: name(&ui, ind),
        figure: written(&ui, ind, &f, sel.usd),
        chosen: chosen(&state, &ui, &cube, &sel),
        count: ui.tr.t_with("figures-records-count", &[("n", (lines.len() as i64).into())]),
        previous: if page_no > 1 { here(page_no - 1) } else { String::new() },
        next: if page_no < pages { here(page_no + 1) } else { String::new() },
        back: format!("/dashboards/{}?{}", super::dashboards::view_code(Some(ind.programme)), sel.query(&[])),
        csv: format!("/dashboards/records?{}", sel.query(&[("format", "csv")])),
        lines: lines.into_iter().skip((page_no - 1) * PAGE).take(PAGE).collect(),
        ui,
    };
    page.into_response()
}

/// What the selection chose, as label and value, for the heading.
fn chosen(state: &AppState, ui: &Ui, cube: &Cube, sel: &Selection) -> Vec<(String, String)> {
    let f = &sel.filter;
    let mut out = Vec::new();
    let all = emgek_domain::indicators::period::Range::all();
    if f.range != all {
        out.push((ui.tr.t("figures-period"), format!("{} – {}", f.range.from.max(all.from), f.range.to)));
    }
    if let Some(o) = &f.oblast {
        out.push((ui.tr.field("oblast"), state.geo.oblast_name(o, ui.lang())));
    }
    if let Some(r) = &f.rayon {
        out.push((ui.tr.field("rayon"), state.geo.rayon_name(r, ui.lang())));
    }
    if let Some(id) = f.facility {
        let name = cube.facts.facilities.iter().find(|x| x.facility_id == id).map(|x| x.name.clone());
        out.push((ui.tr.field("facility"), name.unwrap_or_else(|| id.to_string())));
    }
    if let Some(s) = f.sex {
        out.push((ui.tr.t("figures-sex"), ui.tr.t(&format!("sex-{}", s.code().to_lowercase()))));
    }
    if let Some(d) = f.disability {
        out.push((
            ui.tr.t("figures-disability"),
            ui.tr.t(if d { "figures-disability-yes" } else { "figures-disability-no" }),
        ));
    }
    out
}

fn table(ui: &Ui, ind: &Indicator, lines: &[Line]) -> Table {
    let measures: Vec<String> = ind.formula.measures().into_iter().map(|m| measure(ui, m)).collect();
    let mut head = vec![ui.tr.t("figures-record"), ui.tr.field("rayon"), ui.tr.t("figures-day")];
    head.extend(measures.iter().cloned());
    let rows = lines
        .iter()
        .map(|l| {
            let mut row = vec![Value::Text(l.label.clone()), Value::Text(l.place.clone()), Value::Text(l.day.clone())];
            for m in &measures {
                let v = l.parts.iter().find(|(name, _)| name == m).map(|(_, v)| v.clone());
                row.push(v.map_or(Value::Empty, Value::Text));
            }
            row
        })
        .collect();
    Table { name: name(ui, ind), head, rows }
}

/// Tables as a download: the one named `table` as CSV, else all of them as XLSX.
pub(super) fn download(ui: &Ui, tables: &[Table], table: &str, file: &str) -> Response {
    use emgek_exchange::tables::{csv, xlsx};
    let one = match table.trim() {
        "" => None,
        "summary" | "records" => tables.first(),
        "period" => tables.get(1),
        "place" => tables.get(2),
        _ => return PageError::new(ui, StatusCode::NOT_FOUND).into_response(),
    };
    match one {
        Some(t) => match csv(t) {
            Ok(bytes) => super::attachment("text/csv; charset=utf-8", &format!("{file}-{table}.csv"), bytes),
            Err(e) => PageError::internal(ui, &e).into_response(),
        },
        None if table.trim().is_empty() => match xlsx(tables) {
            Ok(bytes) => {
                super::attachment(emgek_exchange::ExportFormat::Xlsx.content_type(), &format!("{file}.xlsx"), bytes)
            }
            Err(e) => PageError::internal(ui, &e).into_response(),
        },
        None => PageError::new(ui, StatusCode::NOT_FOUND).into_response(),
    }
}
