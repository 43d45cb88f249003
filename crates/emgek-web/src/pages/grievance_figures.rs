//! The grievance register's figures over a period, for readers of indicators: what was
//! received (by category, oblast and channel), how it was answered, who came back, what
//! appeals changed and what the notices did; on the page and as a workbook.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use emgek_app::grievances::{self as steps, RegisterFigures};
use emgek_domain::grievance::figures::Tally;
use emgek_exchange::tables::{Table, Value};
use emgek_store::Source;

use super::form::{Failed, FieldView};
use super::grievance_lines::words;
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/grievances/figures"), get(show))
}

/// The register's figures, as the library names them (`gfig-KEY`, `gfig-KEY-definition`).
pub(super) const KEYS: [&str; 12] = [
    "received",
    "closed",
    "closed-in-time",
    "median-days",
    "repeat-complainants",
    "appeals-decided",
    "appeals-upheld",
    "notices-sent",
    "notices-delivered",
    "notices-failed",
    "notices-waiting",
    "notices-withheld",
];

/// A headline figure: its words, its value as shown, and what it counts.
pub struct Headline {
    pub label: String,
    pub value: String,
    pub hint: String,
}

/// A table of grievances received by category, oblast or channel: its title, its (label,
/// grievances) lines, and its first column's head.
pub struct Breakdown {
    pub title: String,
    pub lines: Vec<(String, String)>,
    pub column: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "grievances/figures.html")]
struct FiguresPage {
    ui: Ui,
    form: Vec<FieldView>,
    errors: Vec<(String, String)>,
    period: String,
    headlines: Vec<Headline>,
    tables: Vec<Breakdown>,
    download: String,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct FiguresQuery {
    from: String,
    to: String,
    /// `xlsx` for the workbook.
    format: String,
}

fn share(ui: &Ui, bp: Option<u32>) -> String {
    bp.map_or_else(|| "—".to_string(), |bp| ui.tr.percent(bp))
}

fn days(ui: &Ui, x10: Option<u32>) -> String {
    x10.map_or_else(|| "—".to_string(), |t| ui.tr.tenths(i64::from(t)))
}

/// The headline figures, in the order the page and the workbook show them.
fn headlines(ui: &Ui, f: &RegisterFigures) -> Vec<(String, String, String, Value)> {
    let g = &f.grievances;
    let line = |key: &str, shown: String, value: Value| {
        (ui.tr.t(&format!("gfig-{key}")), shown, ui.tr.t(&format!("gfig-{key}-definition")), value)
    };
    let n = |v: i64| (ui.tr.number(v), Value::Int(v));
    let bp = |v: Option<u32>| (share(ui, v), v.map_or(Value::Empty, |b| Value::Share(i64::from(b))));
    let median = g.median_days_to_close_x10;
    let counted = [
        n(g.received),
        n(g.closed),
        bp(g.closed_in_time_bp),
        (days(ui, median), median.map_or(Value::Empty, |t| Value::Text(format!("{}.{}", t / 10, t % 10)))),
        n(g.repeat_complainants),
        n(f.appeals_decided),
        bp(f.appeals_upheld_bp),
        n(f.notices_sent),
        n(f.notices_delivered),
        n(f.notices_failed),
        n(f.notices_waiting),
        n(f.notices_withheld),
    ];
    KEYS.iter().zip(counted).map(|(key, (shown, value))| line(key, shown, value)).collect()
}

/// The tables by category, oblast and channel: title and (label, count) lines.
fn breakdowns(state: &AppState, ui: &Ui, f: &RegisterFigures) -> Vec<(String, Vec<(String, i64)>)> {
    let g = &f.grievances;
    let lines = |tallies: &[Tally], label: &dyn Fn(&str) -> String| {
        tallies.iter().map(|t| (label(&t.code), t.grievances)).collect::<Vec<_>>()
    };
    vec![
        (ui.tr.t("gfig-by-category"), lines(&g.by_category, &|c| words(ui, "category", c))),
        (ui.tr.t("gfig-by-oblast"), lines(&g.by_oblast, &|c| state.geo.oblast_name(c, ui.lang()))),
        (ui.tr.t("gfig-by-channel"), lines(&g.by_channel, &|c| words(ui, "channel", c))),
    ]
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    mut ui: Ui,
    Query(q): Query<FiguresQuery>,
) -> Result<Response, PageError> {
    ui.tr = ui.tr.scoped("grievance");
    let caller = user.caller(Source::Web);
    let failed_of = |errors: Vec<emgek_domain::FieldError>| {
        let typed = [("from", q.from.clone()), ("to", q.to.clone())].into_iter().map(|(k, v)| (k.to_string(), v));
        Failed::new("gfig", errors, typed.collect())
    };
    let (figures, failed) = match steps::figures(state.app(), &caller, &q.from, &q.to).await {
        Ok(f) => (f, Failed::default()),
        Err(emgek_app::AppError::Invalid(errors)) => {
            // The default period, with the typed one and what is wrong with it on the form.
            let f = steps::figures(state.app(), &caller, "", "").await.map_err(|e| PageError::app(&ui, e))?;
            (f, failed_of(errors))
        }
        Err(e) => return Err(PageError::app(&ui, e)),
    };
    let heads = headlines(&ui, &figures);
    let tables = breakdowns(&state, &ui, &figures);
    let period = format!("{} – {}", ui.tr.date(&figures.from), ui.tr.date(&figures.to));
    if q.format == "xlsx" {
        let mut sheets = vec![Table {
            name: ui.tr.t("gfig-title"),
            head: vec![ui.tr.t("figures-indicator"), period.clone(), ui.tr.t("indicators-definition")],
            rows: heads
                .iter()
                .map(|(l, _, d, v)| vec![Value::Text(l.clone()), v.clone(), Value::Text(d.clone())])
                .collect(),
        }];
        for (title, lines) in &tables {
            sheets.push(Table {
                name: title.clone(),
                head: vec![title.clone(), ui.tr.t("gfig-received")],
                rows: lines.iter().map(|(l, n)| vec![Value::Text(l.clone()), Value::Int(*n)]).collect(),
            });
        }
        return Ok(match emgek_exchange::tables::xlsx(&sheets) {
            Ok(bytes) => super::attachment(
                emgek_exchange::ExportFormat::Xlsx.content_type(),
                &format!("grievances-{}-{}.xlsx", figures.from, figures.to),
                bytes,
            ),
            Err(e) => PageError::internal(&ui, &e).into_response(),
        });
    }
    let f = |name: &'static str, default: String| failed.field(&ui, "gfig", name, &default).input("date");
    let form = vec![f("from", figures.from.to_string()), f("to", figures.to.to_string())];
    let download = format!("/grievances/figures?from={}&to={}&format=xlsx", figures.from, figures.to);
    let page = FiguresPage {
        form,
        errors: failed.summary(&ui),
        period,
        headlines: heads.into_iter().map(|(label, value, hint, _)| Headline { label, value, hint }).collect(),
        tables: tables
            .into_iter()
            .zip(["category", "oblast", "channel"])
            .map(|((title, lines), column)| Breakdown {
                title,
                lines: lines.into_iter().map(|(l, n)| (l, ui.tr.number(n))).collect(),
                column: ui.tr.field(column),
            })
            .collect(),
        download,
        ui,
    };
    Ok(page.into_response())
}
