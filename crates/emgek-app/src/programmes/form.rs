//! A version of a programme's rules as the values of a form and back: the administrators' rules
//! page shows and reads them, and an import of rules versions reads a file's row as the form
//! filled in (`crate::records`). Every broken value is named with its field, all at once.

use std::collections::BTreeMap;

use emgek_domain::money::parse_hundredths;
use emgek_domain::social_contract::business_plan::BudgetCategory;
use emgek_domain::social_contract::programme::{
    Criterion, EligibilityRules, PriorityWeights, ProgrammeRules, SpendingCap, Tranche,
};
use emgek_domain::{Currency, FieldError, Money};

/// Rows the rules form offers for tranches and for scoring criteria; empty rows are ignored.
pub const TRANCHE_ROWS: usize = 4;
pub const CRITERION_ROWS: usize = 6;

/// The form's values for a version of the rules: what the form shows before anything is typed.
pub fn rules_values(r: &ProgrammeRules) -> BTreeMap<String, String> {
    let mut v = BTreeMap::new();
    let mut put = |k: String, value: String| {
        v.insert(k, value);
    };
    let som = |m: Money| m.to_plain().trim_end_matches(".00").to_string();
    let pct = |bp: u32| {
        let p = Money::from_minor(i64::from(bp), Currency::KGS).to_plain();
        p.trim_end_matches(".00").to_string()
    };
    let yes = |b: bool| if b { "yes".to_string() } else { String::new() };
    put("effective_from".into(), r.effective_from.to_string());
    put("budget_som".into(), som(r.budget));
    put("grant_cap_som".into(), som(r.grant_cap));
    for (i, t) in r.tranches.iter().enumerate() {
        put(format!("tranche_share_{i}"), pct(t.share_bp));
        put(format!("tranche_after_{i}"), t.after_months.to_string());
    }
    put("quota_total".into(), r.quota_total.to_string());
    for (code, n) in &r.quota_by_oblast {
        put(format!("quota_oblast_{code}"), n.to_string());
    }
    for (code, n) in &r.quota_by_rayon {
        put(format!("quota_rayon_{code}"), n.to_string());
    }
    let e = &r.eligibility;
    put("require_benefit".into(), yes(e.require_benefit));
    put("require_working_age_adult".into(), yes(e.require_working_age_adult));
    put("working_age_min".into(), e.working_age_min.to_string());
    put("working_age_max".into(), e.working_age_max.to_string());
    put("no_active_contract".into(), yes(e.no_active_contract));
    put("not_funded_within_years".into(), e.not_funded_within_years.to_string());
    put("require_training".into(), yes(e.require_training));
    let p = &r.priority;
    put("three_or_more_children".into(), p.three_or_more_children.to_string());
    put("member_with_disability".into(), p.member_with_disability.to_string());
    put("ovop_product".into(), p.ovop_product.to_string());
    put("green_project".into(), p.green_project.to_string());
    put("profitable_plan".into(), p.profitable_plan.to_string());
    put("profitable_margin_pct".into(), pct(p.profitable_margin_bp));
    for c in &r.spending_caps {
        put(format!("cap_{}", c.category.code()), pct(c.max_share_bp));
    }
    put("require_ovop".into(), yes(r.require_ovop));
    put("decision_override".into(), yes(r.decision_override));
    put("contract_months".into(), r.contract_months.to_string());
    put("follow_up_months".into(), r.follow_up_months.to_string());
    put("benefit_limitation_years".into(), r.benefit_limitation_years.to_string());
    put("appeal_days".into(), r.appeal_days.to_string());
    put("window_opens".into(), r.window_opens.to_string());
    put("window_closes".into(), r.window_closes.to_string());
    for (i, c) in r.criteria.iter().enumerate() {
        put(format!("criterion_code_{i}"), c.code.clone());
        put(format!("criterion_max_{i}"), c.max_points.to_string());
    }
    v
}

/// Reads the rules form: every value that breaks a rule is named with its field, all at once.
///
/// `oblasts` and `rayons` are the codes whose quotas the form may hold (`quota_oblast_CODE`,
/// `quota_rayon_CODE`).
pub fn parse_rules(
    v: &BTreeMap<String, String>,
    oblasts: &[&str],
    rayons: &[&str],
) -> Result<ProgrammeRules, Vec<FieldError>> {
    let mut errors = Vec::new();
    let text = |k: &str| v.get(k).map(|s| s.trim()).unwrap_or("");
    let whole = |k: &str, errors: &mut Vec<FieldError>| -> Option<u32> {
        let t = text(k);
        let n = t.parse::<u32>().ok();
        if n.is_none() {
            errors.push(FieldError::new(k, "number.whole", t));
        }
        n
    };
    let som = |k: &str, errors: &mut Vec<FieldError>| match Money::parse_major(text(k), Currency::KGS) {
        Ok(m) => Some(m),
        Err(_) => {
            errors.push(FieldError::new(k, "money.format", text(k)));
            None
        }
    };
    let pct = |k: &str, errors: &mut Vec<FieldError>| match parse_hundredths(text(k)) {
        Ok(bp) if bp <= 10_000 => Some(bp as u32),
        _ => {
            errors.push(FieldError::new(k, "percent.format", text(k)));
            None
        }
    };
    let date = |k: &str, errors: &mut Vec<FieldError>| {
        let d = emgek_domain::household::parse_date(text(k));
        if d.is_none() {
            errors.push(FieldError::new(k, "date.invalid", text(k)));
        }
        d
    };
    let yes = |k: &str| text(k) == "yes";

    let effective_from = date("effective_from", &mut errors);
    let budget = som("budget_som", &mut errors);
    let grant_cap = som("grant_cap_som", &mut errors);
    let mut tranches = Vec::new();
    for i in 0..TRANCHE_ROWS {
        let (share, after) = (format!("tranche_share_{i}"), format!("tranche_after_{i}"));
        if text(&share).is_empty() && text(&after).is_empty() {
            continue;
        }
        if let (Some(share_bp), Some(after_months)) = (pct(&share, &mut errors), whole(&after, &mut errors)) {
            tranches.push(Tranche { share_bp, after_months });
        }
    }
    let all_tranches_read = !errors.iter().any(|e| e.field.starts_with("tranche_"));
    if all_tranches_read && tranches.iter().map(|t| t.share_bp).sum::<u32>() != 10_000 {
        errors.push(FieldError::new("tranches", "programme.tranches_not_whole", ""));
    }
    let quota_total = whole("quota_total", &mut errors);
    if quota_total == Some(0) {
        errors.push(FieldError::new("quota_total", "number.at_least_one", "0"));
    }
    let quotas = |prefix: &str, codes: &[&str], errors: &mut Vec<FieldError>| {
        let mut map = BTreeMap::new();
        for code in codes {
            let k = format!("{prefix}{code}");
            if !text(&k).is_empty()
                && let Some(n) = whole(&k, errors)
            {
                map.insert(code.to_string(), n);
            }
        }
        map
    };
    let quota_by_oblast = quotas("quota_oblast_", oblasts, &mut errors);
    let quota_by_rayon = quotas("quota_rayon_", rayons, &mut errors);
    let working_age_min = whole("working_age_min", &mut errors);
    let working_age_max = whole("working_age_max", &mut errors);
    if let (Some(min), Some(max)) = (working_age_min, working_age_max)
        && min > max
    {
        errors.push(FieldError::new("working_age_max", "programme.age_range", text("working_age_max")));
    }
    let not_funded_within_years = whole("not_funded_within_years", &mut errors);
    let weights =
        ["three_or_more_children", "member_with_disability", "ovop_product", "green_project", "profitable_plan"]
            .map(|k| whole(k, &mut errors));
    let profitable_margin_bp = pct("profitable_margin_pct", &mut errors);
    let mut spending_caps = Vec::new();
    for category in BudgetCategory::ALL {
        let k = format!("cap_{}", category.code());
        if !text(&k).is_empty()
            && let Some(max_share_bp) = pct(&k, &mut errors)
        {
            spending_caps.push(SpendingCap { category: *category, max_share_bp });
        }
    }
    let contract_months = whole("contract_months", &mut errors);
    if contract_months == Some(0) {
        errors.push(FieldError::new("contract_months", "number.at_least_one", "0"));
    }
    let follow_up_months = whole("follow_up_months", &mut errors);
    let benefit_limitation_years = whole("benefit_limitation_years", &mut errors);
    // Rules written before appeals name no period: the default one.
    let appeal_days = if text("appeal_days").is_empty() {
        Some(emgek_domain::social_contract::appeal::DEFAULT_APPEAL_DAYS)
    } else {
        whole("appeal_days", &mut errors)
    };
    if appeal_days == Some(0) {
        errors.push(FieldError::new("appeal_days", "number.at_least_one", "0"));
    }
    let window_opens = date("window_opens", &mut errors);
    let window_closes = date("window_closes", &mut errors);
    if let (Some(opens), Some(closes)) = (window_opens, window_closes)
        && closes < opens
    {
        errors.push(FieldError::new("window_closes", "programme.window_backwards", text("window_closes")));
    }
    let mut criteria = Vec::new();
    for i in 0..CRITERION_ROWS {
        let (code, max) = (format!("criterion_code_{i}"), format!("criterion_max_{i}"));
        if text(&code).is_empty() && text(&max).is_empty() {
            continue;
        }
        let c = text(&code);
        if c.is_empty() || c.len() > 40 || !c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') {
            errors.push(FieldError::new(&code, "programme.criterion_code", c));
        }
        match whole(&max, &mut errors) {
            Some(0) => errors.push(FieldError::new(&max, "number.at_least_one", "0")),
            Some(max_points) => criteria.push(Criterion { code: c.to_string(), max_points }),
            None => {}
        }
    }
    if criteria.is_empty() && !errors.iter().any(|e| e.field.starts_with("criterion_")) {
        errors.push(FieldError::new("criteria", "programme.criteria_required", ""));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let [Some(three), Some(disability), Some(ovop), Some(green), Some(profitable)] = weights else {
        return Err(errors);
    };
    let (
        Some(effective_from),
        Some(budget),
        Some(grant_cap),
        Some(quota_total),
        Some(working_age_min),
        Some(working_age_max),
        Some(not_funded_within_years),
        Some(profitable_margin_bp),
        Some(contract_months),
        Some(follow_up_months),
        Some(benefit_limitation_years),
        Some(window_opens),
        Some(window_closes),
    ) = (
        effective_from,
        budget,
        grant_cap,
        quota_total,
        working_age_min,
        working_age_max,
        not_funded_within_years,
        profitable_margin_bp,
        contract_months,
        follow_up_months,
        benefit_limitation_years,
        window_opens,
        window_closes,
    )
    else {
        return Err(errors);
    };
    let rules = ProgrammeRules {
        effective_from,
        budget,
        grant_cap,
        tranches,
        quota_total,
        quota_by_oblast,
        quota_by_rayon,
        eligibility: EligibilityRules {
            require_benefit: yes("require_benefit"),
            require_working_age_adult: yes("require_working_age_adult"),
            working_age_min: working_age_min as i32,
            working_age_max: working_age_max as i32,
            no_active_contract: yes("no_active_contract"),
            not_funded_within_years: not_funded_within_years as i32,
            require_training: yes("require_training"),
        },
        priority: PriorityWeights {
            three_or_more_children: three,
            member_with_disability: disability,
            ovop_product: ovop,
            green_project: green,
            profitable_plan: profitable,
            profitable_margin_bp,
        },
        spending_caps,
        require_ovop: yes("require_ovop"),
        contract_months,
        follow_up_months,
        benefit_limitation_years,
        window_opens,
        window_closes,
        criteria,
        decision_override: yes("decision_override"),
        appeal_days: appeal_days.unwrap_or(emgek_domain::social_contract::appeal::DEFAULT_APPEAL_DAYS),
    };
    rules.check().map_err(|e| vec![FieldError::new(super::rules_field(e), e.rule(), "")])?;
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_shows_a_version_of_the_rules_and_reads_it_back_unchanged() {
        let mut rules = ProgrammeRules::example_2024();
        rules.tranches =
            vec![Tranche { share_bp: 3_333, after_months: 0 }, Tranche { share_bp: 6_667, after_months: 3 }];
        rules.eligibility.require_training = false;
        let read = parse_rules(&rules_values(&rules), &[], &[]).expect("the form reads");
        assert_eq!(read, rules);
    }

    #[test]
    fn every_broken_value_of_the_form_is_named_at_once() {
        let mut v = rules_values(&ProgrammeRules::example_2024());
        v.insert("budget_som".into(), "2 млрд".into());
        v.insert("cap_premises".into(), "120".into());
        v.insert("working_age_min".into(), "70".into());
        v.insert("window_opens".into(), "31.02.2025".into());
        v.insert("criterion_code_0".into(), "Viability!".into());
        v.insert("tranche_share_1".into(), "20".into());
        let errors = parse_rules(&v, &[], &[]).unwrap_err();
        let named: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.rule)).collect();
        for expected in [
            ("budget_som", "money.format"),
            ("cap_premises", "percent.format"),
            ("working_age_max", "programme.age_range"),
            ("window_opens", "date.invalid"),
            ("criterion_code_0", "programme.criterion_code"),
            ("tranches", "programme.tranches_not_whole"),
        ] {
            assert!(named.contains(&expected), "{expected:?} missing from {named:?}");
        }
    }

    #[test]
    fn tranches_that_do_not_add_up_to_the_whole_grant_are_refused_on_the_tranches() {
        let mut v = rules_values(&ProgrammeRules::example_2024());
        v.insert("tranche_share_1".into(), "20".into());
        let errors = parse_rules(&v, &[], &[]).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| (e.field.as_str(), e.rule)).collect::<Vec<_>>(),
            [("tranches", "programme.tranches_not_whole")]
        );
    }
}
