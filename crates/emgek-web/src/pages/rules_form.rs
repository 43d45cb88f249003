//! The rules form's fieldsets, as the page draws them; the values and their reading are the
//! application's (`emgek_app::programmes::form`).

use std::collections::BTreeMap;

use emgek_domain::FieldError;
use emgek_domain::social_contract::business_plan::BudgetCategory;

use crate::state::Geo;
use crate::ui::Ui;
pub use emgek_app::programmes::form::{CRITERION_ROWS, TRANCHE_ROWS, parse_rules, rules_values};

/// One input of the rules form.
pub struct RulesField {
    pub name: String,
    pub label: String,
    pub value: String,
    /// `text`, `date` or `check`.
    pub input: &'static str,
    pub inputmode: &'static str,
    pub error: Option<String>,
}

/// A fieldset of the rules form; errors about the whole set (tranches that do not add up to
/// 100%) are shown under its legend.
pub struct RulesSection {
    pub id: &'static str,
    pub legend: String,
    pub hint: String,
    pub error: Option<String>,
    pub fields: Vec<RulesField>,
    /// Fields shown in a row (a tranche's share and month, a criterion's code and points).
    pub rows: Vec<Vec<RulesField>>,
    /// Long lists (quotas by oblast and by rayon), folded; open when they hold a value or an error.
    pub folds: Vec<Fold>,
}

pub struct Fold {
    pub summary: String,
    pub fields: Vec<RulesField>,
}

impl Fold {
    pub fn open(&self) -> bool {
        self.fields.iter().any(|f| !f.value.is_empty() || f.error.is_some())
    }
}

/// The rules form's fieldsets, filled with `values` and the errors of the last try.
pub fn rules_sections(
    ui: &Ui,
    geo: &Geo,
    values: &BTreeMap<String, String>,
    errors: &[FieldError],
) -> Vec<RulesSection> {
    let field = |name: String, label: String, input: &'static str| {
        let error: Vec<String> = errors.iter().filter(|e| e.field == name).map(|e| ui.tr.field_error(e)).collect();
        RulesField {
            value: values.get(&name).cloned().unwrap_or_default(),
            inputmode: if input == "number" {
                "numeric"
            } else if input == "decimal" {
                "decimal"
            } else {
                "text"
            },
            input: match input {
                "date" => "date",
                "check" => "check",
                _ => "text",
            },
            error: (!error.is_empty()).then(|| error.join(" ")),
            name,
            label,
        }
    };
    let named = |name: &str, input: &'static str| field(name.to_string(), ui.tr.field(name), input);
    let section = |id: &'static str, fields: Vec<RulesField>| {
        let error: Vec<String> = errors.iter().filter(|e| e.field == id).map(|e| ui.tr.field_error(e)).collect();
        let hint_id = format!("hint-rules-{}", id.replace('_', "-"));
        RulesSection {
            id,
            legend: ui.tr.t(&format!("rules-{}", id.replace('_', "-"))),
            hint: if ui.tr.has(&hint_id) { ui.tr.t(&hint_id) } else { String::new() },
            error: (!error.is_empty()).then(|| error.join(" ")),
            fields,
            rows: Vec::new(),
            folds: Vec::new(),
        }
    };
    let lang = ui.lang();
    let mut tranches = section("tranches", Vec::new());
    tranches.rows = (0..TRANCHE_ROWS)
        .map(|i| {
            vec![
                field(
                    format!("tranche_share_{i}"),
                    format!("{} {} · {}", ui.tr.field("tranche"), i + 1, ui.tr.field("share_pct")),
                    "decimal",
                ),
                field(format!("tranche_after_{i}"), ui.tr.field("after_months"), "number"),
            ]
        })
        .collect();
    let mut quotas = section("quotas", vec![named("quota_total", "number")]);
    let by_oblast = Fold {
        summary: ui.tr.t("rules-quotas-by-oblast"),
        fields: geo
            .oblast_options(lang)
            .into_iter()
            .map(|(code, name)| field(format!("quota_oblast_{code}"), name, "number"))
            .collect(),
    };
    quotas.folds = std::iter::once(by_oblast)
        .chain(geo.oblasts.iter().map(|o| {
            Fold {
                summary: format!("{}: {}", ui.tr.t("rules-quotas-by-rayon"), geo.oblast_name(&o.oblast_code, lang)),
                fields: geo
                    .rayons
                    .iter()
                    .filter(|r| r.oblast_code == o.oblast_code)
                    .map(|r| {
                        field(format!("quota_rayon_{}", r.rayon_code), geo.rayon_name(&r.rayon_code, lang), "number")
                    })
                    .collect(),
            }
        }))
        .collect();
    let mut criteria = section("criteria", Vec::new());
    criteria.rows = (0..CRITERION_ROWS)
        .map(|i| {
            vec![
                field(format!("criterion_code_{i}"), format!("{} {}", ui.tr.field("criterion_code"), i + 1), "text"),
                field(format!("criterion_max_{i}"), ui.tr.field("max_points"), "number"),
            ]
        })
        .collect();
    vec![
        section(
            "budget",
            vec![named("effective_from", "date"), named("budget_som", "decimal"), named("grant_cap_som", "decimal")],
        ),
        tranches,
        quotas,
        section(
            "eligibility",
            vec![
                named("require_benefit", "check"),
                named("require_working_age_adult", "check"),
                named("working_age_min", "number"),
                named("working_age_max", "number"),
                named("no_active_contract", "check"),
                named("not_funded_within_years", "number"),
                named("require_training", "check"),
            ],
        ),
        section(
            "priority",
            vec![
                named("three_or_more_children", "number"),
                named("member_with_disability", "number"),
                named("ovop_product", "number"),
                named("green_project", "number"),
                named("profitable_plan", "number"),
                named("profitable_margin_pct", "decimal"),
            ],
        ),
        section(
            "spending_caps",
            std::iter::once(named("require_ovop", "check"))
                .chain(
                    BudgetCategory::ALL.iter().map(|c| {
                        field(format!("cap_{}", c.code()), format!("{}, %", ui.tr.field(c.code())), "decimal")
                    }),
                )
                .collect(),
        ),
        section(
            "term",
            vec![
                named("contract_months", "number"),
                named("follow_up_months", "number"),
                named("benefit_limitation_years", "number"),
                named("window_opens", "date"),
                named("window_closes", "date"),
                named("decision_override", "check"),
                named("appeal_days", "number"),
            ],
        ),
        criteria,
    ]
}

/// The error summary of the rules form, each message under the label the reader sees.
pub fn rules_summary(ui: &Ui, sections: &[RulesSection], errors: &[FieldError]) -> Vec<(String, String)> {
    let label = |name: &str| {
        sections
            .iter()
            .flat_map(|s| {
                s.fields.iter().chain(s.rows.iter().flatten()).chain(s.folds.iter().flat_map(|fold| fold.fields.iter()))
            })
            .find(|f| f.name == name)
            .map(|f| f.label.clone())
            .or_else(|| sections.iter().find(|s| s.id == name).map(|s| s.legend.clone()))
            .unwrap_or_else(|| ui.tr.field(name))
    };
    errors.iter().map(|e| (e.field.clone(), format!("{}: {}", label(&e.field), ui.tr.field_error(e)))).collect()
}
