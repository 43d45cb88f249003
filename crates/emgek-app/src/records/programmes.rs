//! The Social Contract's programmes and their rules versions, and calls for applications, each
//! through the use case an administrator types one with (`crate::programmes`).

use std::collections::HashMap;

use emgek_domain::FieldError;
use emgek_domain::geography::{OBLASTS, RAYONS};
use emgek_domain::social_contract::programme::{ProgrammeRules, RuleBook};
use time::Date;

use super::renamed;
use super::{Outcome, Pass};
use crate::programmes::form::{TRANCHE_ROWS, parse_rules, rules_values};
use crate::programmes::{NewProgramme, check_call, check_programme, check_rules};
use crate::{App, AppError};

/// The programmes, their rules and calls held, by the codes and titles the files name them by.
#[derive(Default)]
pub(super) struct Programmes {
    /// By code: the id, or `None` for one a row above created in a pass that only checks.
    pub(super) ids: HashMap<String, Option<i64>>,
    pub(super) books: HashMap<String, RuleBook>,
    /// By programme and title: the window.
    calls: HashMap<(i64, String), (Date, Date)>,
    pub(super) call_ids: HashMap<(i64, String), i64>,
}

impl Programmes {
    pub(super) async fn load(app: &App) -> Result<Programmes, AppError> {
        let mut held = Programmes::default();
        for p in app.store.programmes().await? {
            held.books.insert(p.code.clone(), app.store.rule_book(p.programme_id).await?);
            for c in app.store.calls(p.programme_id).await? {
                held.call_ids.insert((p.programme_id, c.title.clone()), c.call_id);
                held.calls.insert((p.programme_id, c.title), (c.opens, c.closes));
            }
            held.ids.insert(p.code, Some(p.programme_id));
        }
        Ok(held)
    }
}

/// The columns of `sc-programmes` after the programme's code, kind and names, as the rules
/// form names them; the tranches are read apart.
const RULES_COLUMNS: [(usize, &str); 6] = [
    (6, "budget_som"),
    (7, "grant_cap_som"),
    (14, "quota_total"),
    (15, "contract_months"),
    (16, "follow_up_months"),
    (17, "benefit_limitation_years"),
];
const WINDOW_COLUMNS: [(usize, &str); 2] = [(18, "window_opens"), (19, "window_closes")];
/// The tranches' columns: share and months after the start of each, from column 8.
const TRANCHES_FROM: usize = 8;
const TRANCHES_IN_FILE: usize = 3;

/// `programme, kind, name_ky, name_ru, name_en, effective_from, budget_som, …`: a version of a
/// programme's rules, read as the rules form filled in over the version before it (the
/// standard rules for a programme's first), so a blank cell keeps what the form would have
/// shown. A programme not held is defined by its first row, which must name it in the three
/// languages. A version held already is held if the same and rejected
/// (`rules.version_exists`) if not: versions are never rewritten.
pub(super) async fn programme(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let code = v[0].trim();
    if code.is_empty() {
        return Err(AppError::field("programme", "text.required", ""));
    }
    let Some(from) = emgek_domain::household::parse_date(&v[5]) else {
        return Err(AppError::field("effective_from", "date.invalid", v[5].trim()));
    };
    pass.first_time("effective_from", &format!("{code} {from}")).map_err(AppError::Invalid)?;
    let book = pass.held.programmes.books.get(code);
    let base = book.and_then(|b| b.in_force(from)).cloned().unwrap_or_else(|| {
        let mut standard = ProgrammeRules::example_2024();
        standard.effective_from = from;
        standard
    });
    let rules = rules_of_row(&base, from, v).map_err(AppError::Invalid)?;
    check_rules(pass.caller, &rules)?;
    if let Some(held) = book.and_then(|b| b.versions().iter().find(|r| r.effective_from == from)) {
        return if *held == rules {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("effective_from", "rules.version_exists", from.to_string()))
        };
    }
    let id = match pass.held.programmes.ids.get(code) {
        Some(id) => *id,
        None => {
            let kind = match v[1].trim() {
                "" => "social_contract",
                kind => kind,
            };
            let new = NewProgramme { code, kind, names: [&v[2], &v[3], &v[4]] };
            check_programme(pass.caller, &new).map_err(|e| renamed(e, &[("code", "programme")]))?;
            let id = match pass.write {
                true => Some(
                    pass.app.store.create_programme(&pass.caller.actor(), code, kind, new.names.map(str::trim)).await?,
                ),
                false => None,
            };
            pass.held.programmes.ids.insert(code.to_string(), id);
            id
        }
    };
    if let Some(id) = id
        && pass.write
    {
        crate::programmes::add_rules(pass.app, pass.caller, id, &rules).await?;
    }
    let book = pass.held.programmes.books.entry(code.to_string()).or_default();
    book.add(rules).map_err(|e| AppError::field("effective_from", e.rule(), from.to_string()))?;
    Ok(Outcome::Added)
}

/// The rules a row gives: the form's values of `base`, the row's cells over them.
fn rules_of_row(base: &ProgrammeRules, from: Date, v: &[String]) -> Result<ProgrammeRules, Vec<FieldError>> {
    let mut values = rules_values(base);
    values.insert("effective_from".into(), from.to_string());
    for (at, field) in RULES_COLUMNS.into_iter().chain(WINDOW_COLUMNS) {
        if !v[at].trim().is_empty() {
            values.insert(field.into(), v[at].trim().to_string());
        }
    }
    let tranches = &v[TRANCHES_FROM..TRANCHES_FROM + 2 * TRANCHES_IN_FILE];
    if tranches.iter().any(|t| !t.trim().is_empty()) {
        for i in 0..TRANCHE_ROWS {
            values.remove(&format!("tranche_share_{i}"));
            values.remove(&format!("tranche_after_{i}"));
        }
        for (i, pair) in tranches.chunks(2).enumerate() {
            if !pair[0].trim().is_empty() || !pair[1].trim().is_empty() {
                values.insert(format!("tranche_share_{i}"), pair[0].trim().to_string());
                values.insert(format!("tranche_after_{i}"), pair[1].trim().to_string());
            }
        }
    }
    let oblasts: Vec<&str> = OBLASTS.iter().map(|o| o.code).collect();
    let rayons: Vec<&str> = RAYONS.iter().map(|r| r.code).collect();
    parse_rules(&values, &oblasts, &rayons).map_err(|errors| {
        errors
            .into_iter()
            .map(|mut e| {
                if let Some(i) = e.field.strip_prefix("tranche_share_").and_then(|i| i.parse::<usize>().ok()) {
                    e.field = format!("tranche_{}_share_pct", i + 1);
                } else if let Some(i) = e.field.strip_prefix("tranche_after_").and_then(|i| i.parse::<usize>().ok()) {
                    e.field = format!("tranche_{}_after_months", i + 1);
                }
                e
            })
            .collect()
    })
}

/// `programme, call, opens, closes`: a call for applications, keyed by its programme and title.
/// A call held is held if its window is the same and rejected (`call.exists`) if not.
pub(super) async fn call(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let code = v[0].trim();
    let Some(Some(programme)) = pass.held.programmes.ids.get(code).copied() else {
        return Err(AppError::field("programme", "programme.unknown", code));
    };
    let call = check_call(pass.app, pass.caller, programme, &v[1], &v[2], &v[3])
        .await
        .map_err(|e| renamed(e, &[("title", "call")]))?;
    pass.first_time("call", &format!("{code} {}", call.title)).map_err(AppError::Invalid)?;
    let key = (programme, call.title.clone());
    if let Some(held) = pass.held.programmes.calls.get(&key) {
        return if *held == (call.opens, call.closes) {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("call", "call.exists", call.title))
        };
    }
    if pass.write {
        let id =
            pass.app.store.create_call(&pass.caller.actor(), programme, &call.title, call.opens, call.closes).await?;
        pass.held.programmes.call_ids.insert(key.clone(), id);
        pass.held.programmes.calls.insert(key, (call.opens, call.closes));
    }
    Ok(Outcome::Added)
}
