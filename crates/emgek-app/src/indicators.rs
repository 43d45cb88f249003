//! Figures for dashboards and reports: the cube of cells built from the
//! records and kept while the data stays as it was (the audit trail's last id says when it
//! moves), what a reader may see of it, and the selection a request makes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use emgek_domain::FieldError;
use emgek_domain::access::{Areas, Facilities, Permission};
use emgek_domain::indicators::cube::{By, Cell, Figure, Filter, Key, Sex, evaluate, nothing};
use emgek_domain::indicators::facts::{Facts, Record};
use emgek_domain::indicators::period::{Grain, Range, Ym};
use emgek_domain::indicators::{Dimension, Indicator, Measure, Programme, indicator};
use emgek_domain::money::{Currency, Money};
use emgek_domain::rates::{ExchangeRate, from_som, rate_on};
use emgek_store::StoreError;
use serde::Deserialize;
use time::{Date, OffsetDateTime};

use crate::{App, AppError, Caller};

/// The cells and the facts they were built from, at one version of the data.
pub struct Cube {
    pub version: i64,
    pub today: Date,
    pub built_at: OffsetDateTime,
    /// When the cube was ready and how long it took to count, which says whether readers wait
    /// for the next one.
    finished: Instant,
    took: Duration,
    pub cells: Vec<Cell>,
    pub facts: Facts,
    usd_rates: Vec<ExchangeRate>,
}

impl Cube {
    /// Som of a month in dollar cents, at the official rate of the month's last day.
    pub fn usd(&self, m: Ym, tyiyn: i64) -> Option<i64> {
        dollars(&self.usd_rates, m, tyiyn)
    }
}

fn dollars(rates: &[ExchangeRate], m: Ym, tyiyn: i64) -> Option<i64> {
    let rate = rate_on(rates, Currency::USD, m.last_day())?;
    Some(from_som(Money::from_minor(tyiyn, Currency::KGS), Currency::USD, rate).minor())
}

/// The cube in use and the lock held while a new one is built.
pub struct Figures {
    current: tokio::sync::watch::Sender<Option<Arc<Cube>>>,
    building: Arc<tokio::sync::Mutex<()>>,
}

impl Default for Figures {
    fn default() -> Self {
        Self { current: tokio::sync::watch::Sender::new(None), building: Arc::default() }
    }
}

impl Figures {
    fn fresh(&self, version: i64, today: Date) -> Option<Arc<Cube>> {
        self.current.borrow().as_ref().filter(|c| c.version == version && c.today == today).cloned()
    }

    /// Whether a new cube is being built: the one served may not count the latest records.
    pub fn counting(&self) -> bool {
        self.building.try_lock().is_err()
    }
}

/// The figures as the records are now. The cube in use serves while nothing was written since
/// it was built. After a write one request starts a new cube in the background. When the last
/// cube took no longer than `App::figures_wait` to count, readers wait for the new one up
/// to that long; when it took longer (a country's records take seconds) they are served the cube
/// in use at once, which says when it was computed: a dashboard stays fast while records are
/// written. A new cube starts no sooner after the last than that one took, so counting takes at
/// most half of one core however often records are written. The very first cube is waited for.
pub async fn cube(app: &App) -> Result<Arc<Cube>, StoreError> {
    let today = app.clock.today();
    let version = app.store.data_version().await?;
    if let Some(c) = app.figures.fresh(version, today) {
        return Ok(c);
    }
    let mut changed = app.figures.current.subscribe();
    let Some(in_use) = changed.borrow_and_update().clone() else {
        let _one = app.figures.building.lock().await;
        if let Some(c) = app.figures.current.borrow().clone() {
            return Ok(c);
        }
        let cube = build(app, today).await?;
        app.figures.current.send_replace(Some(cube.clone()));
        return Ok(cube);
    };
    let wait = if in_use.took <= app.figures_wait { app.figures_wait } else { Duration::ZERO };
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        if let Ok(one) = app.figures.building.clone().try_lock_owned() {
            let app = app.clone();
            tokio::spawn(async move {
                let last = app.figures.current.borrow().clone();
                if let Some(last) = last {
                    tokio::time::sleep(last.took.saturating_sub(last.finished.elapsed())).await;
                }
                let built = build(&app, today).await;
                // Free the lock first: a reader woken by the new cube may need another one.
                drop(one);
                match built {
                    Ok(cube) => {
                        app.figures.current.send_replace(Some(cube));
                    }
                    Err(e) => tracing::error!(error = %e, "the figures could not be computed again"),
                }
            });
        }
        match tokio::time::timeout_at(deadline, changed.changed()).await {
            Ok(Ok(())) => {
                if let Some(c) = changed.borrow_and_update().clone().filter(|c| c.version >= version) {
                    return Ok(c);
                }
            }
            Ok(Err(_)) | Err(_) => return Ok(app.figures.current.borrow().clone().unwrap_or(in_use)),
        }
    }
}

/// A new cube from the records as they are now.
async fn build(app: &App, today: Date) -> Result<Arc<Cube>, StoreError> {
    let started = Instant::now();
    let version = app.store.data_version().await?;
    let facts = app.store.indicator_facts().await?;
    let usd_rates: Vec<ExchangeRate> = app
        .store
        .rates()
        .await?
        .into_iter()
        .filter(|r| r.currency == Currency::USD.code())
        .map(|r| ExchangeRate { currency: Currency::USD, on: r.rate_on, som_x10000: r.som_x10000 })
        .collect();
    // Off the request threads: at national scale this takes seconds.
    let counted = tokio::task::spawn_blocking(move || {
        let cells = emgek_domain::indicators::facts::cells(&facts, today, &|m, t| dollars(&usd_rates, m, t));
        (cells, facts, usd_rates)
    })
    .await;
    let (cells, facts, usd_rates) = counted.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
    let built_at = app.clock.now();
    let (finished, took) = (Instant::now(), started.elapsed());
    Ok(Arc::new(Cube { version, today, built_at, finished, took, cells, facts, usd_rates }))
}

/// What a reader may see of the figures: each programme's cells in the places (or facilities)
/// where she may read that programme's records.
pub struct Reach {
    /// Whether the reader sees personal data wherever she reads figures: if not, figures
    /// chosen or broken down by disability leave small counts out.
    personal_data: bool,
    social: Areas,
    ovop: Areas,
    prison: Facilities,
    facility_codes: HashMap<i64, String>,
}

impl Reach {
    pub fn of(caller: &Caller, cube: &Cube) -> Self {
        let social = caller.areas(Permission::ReadApplications);
        let sensitive = caller.areas(Permission::ViewSensitive);
        Reach {
            personal_data: social.intersect(&sensitive) == social,
            social,
            ovop: caller.areas(Permission::ReadOvop),
            prison: caller.access.facilities(Permission::ReadEnterprises),
            facility_codes: cube.facts.facilities.iter().map(|f| (f.facility_id, f.code.clone())).collect(),
        }
    }

    /// The reach narrowed to the places where the reader may also see personal data: the
    /// records behind a figure chosen by disability list families, so they are listed only
    /// there (aggregate figures by disability keep the whole reach).
    fn with_personal_data(mut self, caller: &Caller) -> Self {
        let sensitive = caller.areas(Permission::ViewSensitive);
        self.social = self.social.intersect(&sensitive);
        self.ovop = self.ovop.intersect(&sensitive);
        self
    }

    /// The reach for listing a selection's records: narrowed to where the reader sees personal
    /// data when the selection filters by disability, and refused (`filter.sensitive`) to a
    /// reader who sees it nowhere.
    pub fn for_records(caller: &Caller, cube: &Cube, filter: &Filter) -> Result<Self, emgek_domain::FieldError> {
        let reach = Self::of(caller, cube);
        match filter.disability {
            None => Ok(reach),
            Some(_) if crate::registry::PersonalData::of(caller).nowhere() => {
                Err(emgek_domain::FieldError::new("disability", "filter.sensitive", "yes"))
            }
            Some(_) => Ok(reach.with_personal_data(caller)),
        }
    }

    /// An indicator's figure over the selection, as this reader may see it (see
    /// [`Reach::evaluate`]).
    pub fn total(&self, ind: &Indicator, cells: &[Cell], filter: &Filter) -> Figure {
        self.evaluate(ind, cells, filter, By::Total).remove("").unwrap_or_else(|| nothing(ind))
    }

    /// An indicator's figures over the selection by `by`, over the records this reader may read;
    /// chosen or broken down by disability, small counts are left out for a reader who may not
    /// see personal data. Every dashboard, report and API figure comes through here.
    pub fn evaluate(&self, ind: &Indicator, cells: &[Cell], filter: &Filter, by: By) -> BTreeMap<String, Figure> {
        let figures = evaluate(ind, cells, filter, &|k| self.allows(k), by);
        let by_disability = filter.disability.is_some() || by == By::Dimension(Dimension::Disability);
        if self.personal_data || !by_disability {
            return figures;
        }
        figures.into_iter().map(|(group, f)| (group, f.without_small_counts(ind))).collect()
    }

    pub fn allows(&self, k: &Key) -> bool {
        match k.measure.programme() {
            Programme::SocialContract => self.social.contains(&k.oblast, &k.rayon),
            Programme::Ovop => self.ovop.contains(&k.oblast, &k.rayon),
            Programme::Prison => self.allows_facility(k.facility),
        }
    }

    pub fn allows_facility(&self, id: i64) -> bool {
        self.facility_codes.get(&id).is_some_and(|c| self.prison.contains(c))
    }

    /// The programmes the reader sees anything of.
    pub fn programmes(&self) -> Vec<Programme> {
        let mut out = Vec::new();
        if !self.social.is_nowhere() {
            out.push(Programme::SocialContract);
        }
        if !self.ovop.is_nowhere() {
            out.push(Programme::Ovop);
        }
        if !self.prison.is_nowhere() {
            out.push(Programme::Prison);
        }
        out
    }
}

/// A dashboard's or report's query, as typed in the address.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct Params {
    /// A year, e.g. `2024`; with `quarter`, one quarter of it.
    pub year: String,
    /// 1 to 4.
    pub quarter: String,
    /// `YYYY-MM` to `YYYY-MM`, instead of a year.
    pub from: String,
    pub to: String,
    pub oblast: String,
    pub rayon: String,
    /// A Social Contract programme's id.
    pub programme: String,
    /// A prison facility's id.
    pub facility: String,
    /// `F` or `M`.
    pub sex: String,
    /// `yes`: households with a member with a disability; `no`: the others.
    pub disability: String,
    /// `KGS` (the default) or `USD`.
    pub currency: String,
    /// The indicator a dashboard shows by period and by oblast.
    pub indicator: String,
    /// `year`, `quarter` or `month`: how a trend is cut.
    pub grain: String,
}

/// A checked selection.
#[derive(Debug, Clone)]
pub struct Selection {
    pub filter: Filter,
    pub usd: bool,
    pub grain: Grain,
    pub indicator: Option<&'static Indicator>,
    /// The address's own query, to keep in links.
    pub params: Params,
}

impl Selection {
    /// Checks every field, naming each that breaks a rule.
    pub fn parse(p: &Params) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |s: &str| s.trim().to_string();
        let year = match p.year.trim() {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) => Some(y),
                _ => {
                    errors.push(FieldError::new("year", "period.year", y));
                    None
                }
            },
        };
        let quarter = match p.quarter.trim() {
            "" => None,
            q => match q.parse::<u8>() {
                Ok(q) if (1..=4).contains(&q) => Some(q),
                _ => {
                    errors.push(FieldError::new("quarter", "period.quarter", q));
                    None
                }
            },
        };
        if quarter.is_some() && year.is_none() && errors.is_empty() {
            errors.push(FieldError::new("year", "period.quarter_needs_year", ""));
        }
        let month = |field: &'static str, v: &str, errors: &mut Vec<FieldError>| match v.trim() {
            "" => None,
            v => Ym::parse(v).or_else(|| {
                errors.push(FieldError::new(field, "period.month", v));
                None
            }),
        };
        let (from, to) = (month("from", &p.from, &mut errors), month("to", &p.to, &mut errors));
        let range = match (year, quarter, from, to) {
            (Some(y), Some(q), _, _) => Range::quarter(y, q).unwrap_or(Range::all()),
            (Some(y), None, _, _) => Range::year(y),
            (None, _, f, t) if f.is_some() || t.is_some() => {
                let all = Range::all();
                Range::new(f.unwrap_or(all.from), t.unwrap_or(all.to)).unwrap_or_else(|| {
                    errors.push(FieldError::new("to", "period.order", p.to.trim()));
                    all
                })
            }
            _ => Range::all(),
        };
        let mut filter = Filter::over(range);
        let oblast = text(&p.oblast);
        if !oblast.is_empty() {
            if emgek_domain::geography::oblast(&oblast).is_some() {
                filter.oblast = Some(oblast);
            } else {
                errors.push(FieldError::new("oblast", "oblast.unknown", &oblast));
            }
        }
        let rayon = text(&p.rayon);
        if !rayon.is_empty() {
            match emgek_domain::geography::rayon(&rayon) {
                Some(r) if filter.oblast.as_ref().is_none_or(|o| *o == r.oblast) => filter.rayon = Some(rayon),
                Some(_) => errors.push(FieldError::new("rayon", "rayon.oblast_mismatch", &rayon)),
                None => errors.push(FieldError::new("rayon", "rayon.unknown", &rayon)),
            }
        }
        let id = |field: &'static str, v: &str, errors: &mut Vec<FieldError>| match v.trim() {
            "" => None,
            v => v.parse::<i64>().ok().filter(|n| *n > 0).or_else(|| {
                errors.push(FieldError::new(field, "id.format", v));
                None
            }),
        };
        filter.programme = id("programme", &p.programme, &mut errors);
        filter.facility = id("facility", &p.facility, &mut errors);
        filter.sex = match p.sex.trim() {
            "" => None,
            "F" | "M" => Some(Sex::parse(p.sex.trim())),
            s => {
                errors.push(FieldError::new("sex", "sex.unknown", s));
                None
            }
        };
        filter.disability = match p.disability.trim() {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            d => {
                errors.push(FieldError::new("disability", "choice.yes_no", d));
                None
            }
        };
        let usd = match p.currency.trim() {
            "" | "KGS" => false,
            "USD" => true,
            c => {
                errors.push(FieldError::new("currency", "currency.report", c));
                false
            }
        };
        let ind = match p.indicator.trim() {
            "" => None,
            code => indicator(code).or_else(|| {
                errors.push(FieldError::new("indicator", "indicator.unknown", code));
                None
            }),
        };
        let grain = match p.grain.trim() {
            "" => default_grain(range),
            g => Grain::parse(g).unwrap_or_else(|| {
                errors.push(FieldError::new("grain", "grain.unknown", g));
                Grain::Year
            }),
        };
        if errors.is_empty() {
            Ok(Selection { filter, usd, grain, indicator: ind, params: p.clone() })
        } else {
            Err(errors)
        }
    }
}

/// Months within a year, quarters within a few years, years over longer.
fn default_grain(range: Range) -> Grain {
    match range.months() {
        ..=12 => Grain::Month,
        13..=36 => Grain::Quarter,
        _ => Grain::Year,
    }
}

/// What a record contributes to a measure. A stock (a headcount) counts its latest month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub measure: Measure,
    pub value: i64,
    pub month: Ym,
}

/// The records behind an indicator's figure for the selection, with what each contributes to
/// each of its measures, in the order of the facts.
pub fn records(cube: &Cube, indicator: &Indicator, filter: &Filter, reach: &Reach) -> Vec<(Record, Vec<Part>)> {
    let measures = indicator.formula.measures();
    let mut out: Vec<(Record, Vec<Part>)> = Vec::new();
    cube.facts.each(cube.today, &|m, t| cube.usd(m, t), &mut |record, key, value, _| {
        if !measures.contains(&key.measure) || !filter.matches(&key) || !reach.allows(&key) {
            return;
        }
        let part = Part { measure: key.measure, value, month: key.month };
        let parts = match out.last_mut() {
            Some((r, parts)) if *r == record => parts,
            _ => {
                out.push((record, Vec::new()));
                &mut out.last_mut().expect("just pushed").1
            }
        };
        match parts.iter_mut().find(|p| p.measure == key.measure) {
            Some(p) if key.measure.is_stock() && key.month > p.month => *p = part,
            Some(p) if key.measure.is_stock() => {
                if key.month == p.month {
                    p.value += value;
                }
            }
            Some(p) => p.value += value,
            None => parts.push(part),
        }
    });
    out
}

/// A target as typed: indicator code, year, quarter (`0` or empty for the whole year), oblast
/// (empty for the country) and the figure in the indicator's unit (a number, som, percent).
pub struct TargetForm<'a> {
    pub indicator: &'a str,
    pub year: &'a str,
    pub quarter: &'a str,
    pub oblast: &'a str,
    pub value: &'a str,
}

/// Checks and sets a target, replacing the one of the same indicator, period and place.
pub async fn set_target(
    app: &App,
    caller: &Caller,
    t: TargetForm<'_>,
) -> Result<emgek_store::indicators::TargetRow, AppError> {
    use emgek_domain::indicators::Unit;
    let mut errors = Vec::new();
    let ind = indicator(t.indicator.trim());
    if ind.is_none() {
        errors.push(FieldError::new("indicator", "indicator.unknown", t.indicator.trim()));
    }
    let year = t.year.trim().parse::<i64>().ok().filter(|y| (2000..=2100).contains(y));
    if year.is_none() {
        errors.push(FieldError::new("year", "period.year", t.year.trim()));
    }
    let quarter = match t.quarter.trim() {
        "" | "0" => Some(0),
        q => q.parse::<i64>().ok().filter(|q| (1..=4).contains(q)),
    };
    if quarter.is_none() {
        errors.push(FieldError::new("quarter", "period.quarter", t.quarter.trim()));
    }
    let oblast = t.oblast.trim();
    if !oblast.is_empty() && emgek_domain::geography::oblast(oblast).is_none() {
        errors.push(FieldError::new("oblast", "oblast.unknown", oblast));
    }
    let value = ind.and_then(|ind| {
        let text = t.value.trim();
        let parsed = match ind.unit {
            Unit::Count | Unit::People => text.parse::<i64>().ok().filter(|v| *v >= 0).ok_or("target.whole"),
            Unit::Money => Money::parse_major(text, Currency::KGS)
                .ok()
                .map(Money::minor)
                .filter(|v| *v >= 0)
                .ok_or("target.amount"),
            Unit::Share => emgek_domain::money::parse_hundredths(text)
                .ok()
                .filter(|bp| (0..=10_000).contains(bp))
                .ok_or("target.share"),
        };
        parsed.map_err(|rule| errors.push(FieldError::new("value", rule, text))).ok()
    });
    let (Some(ind), Some(year), Some(quarter), Some(value), true) = (ind, year, quarter, value, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let row = emgek_store::indicators::TargetRow {
        indicator: ind.code.to_string(),
        year,
        quarter,
        oblast_code: oblast.to_string(),
        value,
    };
    app.store.set_target(&caller.actor(), &row).await.map_err(AppError::Store)?;
    Ok(row)
}
