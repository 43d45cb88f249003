//! Reports: the ministry's quarterly report and the donors' annual report, as printable pages,
//! PDF, XLSX (a sheet a table) and CSV. Both are the dashboards' figures for a period beside the
//! period before, the year (or everything) to date and the target, one table a programme, and
//! the Social Contract by oblast.

use crate::query::SelectionQuery;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use emgek_domain::indicators::cube::{By, Filter, nothing};
use emgek_domain::indicators::period::Range;
use emgek_domain::indicators::{Dimension, Indicator, LIBRARY, Programme, indicator};
use emgek_exchange::tables::{Table, Value};
use emgek_store::Source;

use super::figures::{cell, name, number, reached, target, unit, value_cell, written};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::indicators::{self as figures, Cube, Params, Reach, Selection};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/reports"), get(index))
        .route(declared("/reports/{kind}"), get(page))
        .route(declared("/reports/{kind}/{format}"), get(file))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A quarter, for the ministry.
    Quarterly,
    /// A year, for donors.
    Donor,
}

impl Kind {
    fn parse(code: &str) -> Option<Self> {
        match code {
            "quarterly" => Some(Kind::Quarterly),
            "donor" => Some(Kind::Donor),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Kind::Quarterly => "quarterly",
            Kind::Donor => "donor",
        }
    }
}

/// A table of a report: written cells for the page and the PDF, values for the spreadsheet.
pub(super) struct ReportTable {
    title: String,
    note: String,
    /// How many columns, from the first, are words rather than figures.
    words: usize,
    head: Vec<String>,
    rows: Vec<(Vec<String>, Vec<Value>)>,
}

pub(super) struct Report {
    title: String,
    subtitle: String,
    tables: Vec<ReportTable>,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/report.html")]
struct ReportPage {
    ui: Ui,
    report: Report,
    downloads: Vec<(String, String)>,
    switch_currency: String,
    usd: bool,
}

/// A year of the index: the year, its donor report's address, its quarters' (label, address).
type YearLinks = (String, String, Vec<(String, String)>);

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/reports.html")]
struct ReportsIndex {
    ui: Ui,
    years: Vec<YearLinks>,
}

async fn index(State(state): State<AppState>, user: CurrentUser, ui: Ui) -> Response {
    let cube = match figures::cube(state.app()).await {
        Ok(c) => c,
        Err(e) => return PageError::store(&ui, e).into_response(),
    };
    let reach = Reach::of(&user.caller(Source::Web), &cube);
    let years = super::dashboard_filters::years(&cube, &reach)
        .into_iter()
        .map(|y| {
            let quarters = (1..=4)
                .map(|q| {
                    (
                        ui.tr.t_with("figures-quarter", &[("n", q.into())]),
                        format!("/reports/quarterly?year={y}&quarter={q}"),
                    )
                })
                .collect();
            (y.to_string(), format!("/reports/donor?year={y}"), quarters)
        })
        .collect();
    ReportsIndex { ui, years }.into_response()
}

/// The report's period and the selection it was asked for, or why not.
fn asked(kind: Kind, params: &Params) -> Result<Selection, Vec<emgek_domain::FieldError>> {
    let mut errors = Vec::new();
    if params.year.trim().is_empty() {
        errors.push(emgek_domain::FieldError::new("year", "period.year", ""));
    }
    if kind == Kind::Quarterly && params.quarter.trim().is_empty() {
        errors.push(emgek_domain::FieldError::new("quarter", "period.quarter", ""));
    }
    let mut p = Params {
        year: params.year.clone(),
        oblast: params.oblast.clone(),
        currency: params.currency.clone(),
        ..Default::default()
    };
    if kind == Kind::Quarterly {
        p.quarter = params.quarter.clone();
    }
    let sel = Selection::parse(&p);
    match (sel, errors.is_empty()) {
        (Ok(s), true) => Ok(s),
        (Ok(_), false) => Err(errors),
        (Err(mut more), _) => {
            errors.append(&mut more);
            Err(errors)
        }
    }
}

fn build(
    state: &AppState,
    ui: &Ui,
    cube: &Cube,
    reach: &Reach,
    targets: &[emgek_store::indicators::TargetRow],
    kind: Kind,
    sel: &Selection,
) -> Report {
    let range = sel.filter.range;
    let (year, quarter) = (range.from.year(), range.from.quarter());
    let (to_date, to_date_label) = match kind {
        Kind::Quarterly => (Range { from: Range::year(year).from, to: range.to }, ui.tr.t("reports-year-to-date")),
        Kind::Donor => (Range { from: Range::all().from, to: range.to }, ui.tr.t("reports-since-start")),
    };
    let (this_label, previous_label) = match kind {
        Kind::Quarterly => (ui.tr.t("reports-this-quarter"), ui.tr.t("reports-previous-quarter")),
        Kind::Donor => (ui.tr.t("reports-this-year"), ui.tr.t("reports-previous-year")),
    };
    let over = |r: Range| Filter { range: r, ..sel.filter.clone() };
    let head = vec![
        ui.tr.t("figures-indicator"),
        ui.tr.t("figures-unit"),
        this_label,
        previous_label,
        to_date_label,
        ui.tr.t("figures-target"),
        ui.tr.t("figures-reached"),
    ];
    let mut tables = Vec::new();
    for p in Programme::ALL.into_iter().filter(|p| reach.programmes().contains(p)) {
        let rows = LIBRARY
            .iter()
            .filter(|i| i.programme == p)
            .map(|ind| {
                let now = reach.total(ind, &cube.cells, &sel.filter);
                let before = reach.total(ind, &cube.cells, &over(range.previous()));
                let so_far = reach.total(ind, &cube.cells, &over(to_date));
                let t = target(cube, targets, ind, sel);
                let reach_bp = reached(ind, &now, sel.usd, t);
                let written_cells = vec![
                    name(ui, ind),
                    unit(ui, ind, sel.usd),
                    written(ui, ind, &now, sel.usd),
                    written(ui, ind, &before, sel.usd),
                    written(ui, ind, &so_far, sel.usd),
                    t.map_or_else(String::new, |t| number(ui, ind, t, sel.usd)),
                    reach_bp.map_or_else(String::new, |bp| ui.tr.percent(bp as u32)),
                ];
                let values = vec![
                    Value::Text(name(ui, ind)),
                    Value::Text(unit(ui, ind, sel.usd)),
                    cell(ind, &now, sel.usd),
                    cell(ind, &before, sel.usd),
                    cell(ind, &so_far, sel.usd),
                    t.map_or(Value::Empty, |t| value_cell(ind, t)),
                    reach_bp.map_or(Value::Empty, Value::Share),
                ];
                (written_cells, values)
            })
            .collect();
        tables.push(ReportTable {
            title: ui.tr.t(&format!("programme-{}", p.code())),
            note: String::new(),
            words: 2,
            head: head.clone(),
            rows,
        });
    }
    if reach.programmes().contains(&Programme::SocialContract) {
        tables.push(by_oblast(state, ui, cube, reach, sel));
    }
    let period = match kind {
        Kind::Quarterly => format!("{year}, {}", ui.tr.t_with("figures-quarter", &[("n", quarter.into())])),
        Kind::Donor => year.to_string(),
    };
    let place = sel
        .filter
        .oblast
        .as_ref()
        .map_or_else(|| ui.tr.t("figures-whole-country"), |o| state.geo.oblast_name(o, ui.lang()));
    let money = ui.tr.t(if sel.usd { "figures-in-usd" } else { "figures-in-som" });
    Report {
        title: ui.tr.t_with(&format!("reports-{}-title", kind.code()), &[("value", period.into())]),
        subtitle: format!("{place} · {money} · {}", super::dashboards::as_of(state, ui, cube)),
        tables,
    }
}

/// The Social Contract's headline indicators by oblast for the period.
fn by_oblast(state: &AppState, ui: &Ui, cube: &Cube, reach: &Reach, sel: &Selection) -> ReportTable {
    let codes =
        ["families-with-contracts", "grants-disbursed", "people-income-rose", "children-income-rose", "jobs-created"];
    let shown: Vec<&Indicator> = codes.iter().filter_map(|c| indicator(c)).collect();
    let parts: Vec<_> = shown
        .iter()
        .map(|ind| reach.evaluate(ind, &cube.cells, &sel.filter, By::Dimension(Dimension::Oblast)))
        .collect();
    let mut head = vec![ui.tr.field("oblast")];
    head.extend(shown.iter().map(|i| format!("{} ({})", name(ui, i), unit(ui, i, sel.usd))));
    let rows = state
        .geo
        .oblasts
        .iter()
        .filter(|o| sel.filter.oblast.as_ref().is_none_or(|c| *c == o.oblast_code))
        .map(|o| {
            let label = state.geo.oblast_name(&o.oblast_code, ui.lang());
            let mut written_cells = vec![label.clone()];
            let mut values = vec![Value::Text(label)];
            for (ind, by) in shown.iter().zip(&parts) {
                let f = by.get(&o.oblast_code).copied().unwrap_or_else(|| nothing(ind));
                written_cells.push(written(ui, ind, &f, sel.usd));
                values.push(cell(ind, &f, sel.usd));
            }
            (written_cells, values)
        })
        .collect();
    ReportTable { title: ui.tr.t("reports-by-oblast"), note: String::new(), words: 1, head, rows }
}

struct Asked {
    kind: Kind,
    sel: Selection,
    report: Report,
}

async fn prepare(
    state: &AppState,
    user: &CurrentUser,
    ui: &Ui,
    kind: &str,
    params: &Params,
) -> Result<Asked, Response> {
    let kind = Kind::parse(kind).ok_or_else(|| PageError::new(ui, StatusCode::NOT_FOUND).into_response())?;
    let sel = asked(kind, params).map_err(|_| PageError::new(ui, StatusCode::BAD_REQUEST).into_response())?;
    let cube = figures::cube(state.app()).await.map_err(|e| PageError::store(ui, e).into_response())?;
    let targets = state.store.targets().await.map_err(|e| PageError::store(ui, e).into_response())?;
    let reach = Reach::of(&user.caller(Source::Web), &cube);
    let report = build(state, ui, &cube, &reach, &targets, kind, &sel);
    Ok(Asked { kind, sel, report })
}

async fn page(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(kind): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let a = match prepare(&state, &user, &ui, &kind, &params).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let query = a.sel.query(&[]);
    let base = format!("/reports/{}", a.kind.code());
    let downloads = vec![
        (format!("{base}/pdf?{query}"), ui.tr.t("reports-download-pdf")),
        (format!("{base}/xlsx?{query}"), ui.tr.t("reports-download-xlsx")),
        (format!("{base}/csv?{query}"), ui.tr.t("reports-download-csv")),
    ];
    let switch_currency = format!("{base}?{}", a.sel.query(&[("currency", if a.sel.usd { "" } else { "USD" })]));
    ReportPage { ui, report: a.report, downloads, switch_currency, usd: a.sel.usd }.into_response()
}

async fn file(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path((kind, format)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> Response {
    let a = match prepare(&state, &user, &ui, &kind, &params).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let range = a.sel.filter.range;
    let name = match a.kind {
        Kind::Quarterly => format!("emgek-quarterly-{}-q{}", range.from.year(), range.from.quarter()),
        Kind::Donor => format!("emgek-donor-{}", range.from.year()),
    };
    let tables: Vec<Table> = a
        .report
        .tables
        .iter()
        .map(|t| Table {
            name: t.title.clone(),
            head: t.head.clone(),
            rows: t.rows.iter().map(|r| r.1.clone()).collect(),
        })
        .collect();
    match format.as_str() {
        "xlsx" => match emgek_exchange::tables::xlsx(&tables) {
            Ok(bytes) => {
                super::attachment(emgek_exchange::ExportFormat::Xlsx.content_type(), &format!("{name}.xlsx"), bytes)
            }
            Err(e) => PageError::internal(&ui, &e).into_response(),
        },
        "csv" => match emgek_exchange::tables::csv_all(&tables) {
            Ok(bytes) => super::attachment("text/csv; charset=utf-8", &format!("{name}.csv"), bytes),
            Err(e) => PageError::internal(&ui, &e).into_response(),
        },
        "pdf" => {
            let report = emgek_pdf::Report {
                lang: ui.lang_code().into(),
                title: a.report.title.clone(),
                subtitle: a.report.subtitle.clone(),
                tables: a
                    .report
                    .tables
                    .iter()
                    .map(|t| emgek_pdf::ReportTable {
                        title: t.title.clone(),
                        note: t.note.clone(),
                        head: t.head.clone(),
                        rows: t.rows.iter().map(|r| r.0.clone()).collect(),
                    })
                    .collect(),
                landscape: true,
                footer: format!("emgek · {}", a.report.title),
            };
            match emgek_pdf::report_pdf(&report) {
                Ok(bytes) => super::attachment("application/pdf", &format!("{name}.pdf"), bytes),
                Err(e) => PageError::internal(&ui, &e).into_response(),
            }
        }
        _ => PageError::new(&ui, StatusCode::NOT_FOUND).into_response(),
    }
}
