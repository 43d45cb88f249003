use super::*;

const FILES: [(Lang, &str); 3] = [
    (Lang::Ky, include_str!("../locales/ky/main.ftl")),
    (Lang::Ru, include_str!("../locales/ru/main.ftl")),
    (Lang::En, include_str!("../locales/en/main.ftl")),
];

/// Message ids defined in a Fluent file (attributes and terms aside).
fn ids(ftl: &str) -> Vec<String> {
    let mut ids: Vec<String> = ftl
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect();
    ids.sort();
    ids
}

#[test]
fn every_message_exists_in_all_three_languages() {
    let english = ids(FILES[2].1);
    assert!(english.len() > 50);
    for (lang, ftl) in FILES {
        let mine = ids(ftl);
        let missing: Vec<_> = english.iter().filter(|id| !mine.contains(id)).collect();
        let extra: Vec<_> = mine.iter().filter(|id| !english.contains(id)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{lang:?}: missing {missing:?}, not in English {extra:?}");
        let mut dedup = mine.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), mine.len(), "{lang:?} defines an id twice");
    }
}

#[test]
fn no_english_text_leaks_into_kyrgyz_or_russian() {
    let en = Tr::new(Lang::En);
    for lang in [Lang::Ky, Lang::Ru] {
        let tr = Tr::new(lang);
        for id in ids(FILES[2].1) {
            let text = tr.sample(&id).unwrap_or_else(|| panic!("{lang:?} {id} does not format"));
            assert_ne!(Some(text.clone()), en.sample(&id), "{lang:?} {id} is the English text");
            assert!(
                text.chars().any(|c| matches!(c, 'А'..='я' | 'Ө' | 'ө' | 'Ү' | 'ү' | 'Ң' | 'ң')),
                "{lang:?} {id} has no Cyrillic word: {text}"
            );
        }
    }
}

/// Words Kyrgyz shares with Russian: loanwords and codes, the same in both.
const SHARED_WITH_RUSSIAN: &[&str] = &[
    "business-plan",
    "field-budget-som",
    "field-programme",
    "field-receipt",
    "minutes-title",
    "contract-grant",
    "field-commission",
    "field-phone",
    "field-pin",
    "field-quorum",
    "field-rayon",
    "field-tranche",
    "import-file",
    "role-admin",
    "unit-som",
    "unit-kg",
    "unit-litre",
    "field-product",
    "field-sale-product",
    "field-plan-amount",
    "plans-budget",
    "currency-kgs",
    "field-file",
    "field-level",
    "field-product-id",
    "ovop-kind-cooperative",
    "rates-currency",
    "figures-currency",
    "grievance-level-rayon",
];

#[test]
fn kyrgyz_uses_its_own_words_not_russian_text() {
    let ky = Tr::new(Lang::Ky);
    let ru = Tr::new(Lang::Ru);
    let same: Vec<String> = ids(FILES[2].1)
        .into_iter()
        // Most countries' names are the same words in both languages.
        .filter(|id| ky.sample(id) == ru.sample(id) && !SHARED_WITH_RUSSIAN.contains(&id.as_str()))
        .filter(|id| !id.starts_with("country-"))
        .collect();
    assert!(same.is_empty(), "Kyrgyz copies Russian for {same:?}");
}

#[test]
fn every_validation_rule_has_a_message() {
    let rules = [
        "order.due_before_ordered",
        "order.no_lines",
        "order.line_unknown",
        "order.over_delivery",
        "invoice.nothing_to_invoice",
        "invoice.number_taken",
        "invoice.overpaid",
        "invoice.unknown",
        "payment.reference_reused",
        "course.months_range",
        "course.places_positive",
        "course.full",
        "course.already_enrolled",
        "course.finished_before_enrolment",
        "certificate.taken",
        "certificate.required",
        "follow_up.recorded",
        "follow_up.months",
        "follow_up.too_early",
        "follow_up.not_released",
        "follow_up.outcome_unknown",
        "inmate.unknown",
        "inmate.released",
        "enrolment.finished",
        "enrolment.unknown",
        "release.before_work",
        "money.positive",
        "cost.category_unknown",
        "funding.source_unknown",
        "funding.unknown",
        "funding.over_commitment",
        "facility.unknown",
        "prison.code_format",
        "inmate.register_number_format",
        "text.required",
        "facility.kind_unknown",
        "workshop.unknown",
        "deduction.kind_unknown",
        "deduction.rate_range",
        "unit.unknown",
        "production.product_required",
        "production.quantity_positive",
        "production.internal_over_output",
        "production.price_negative",
        "production.fed_negative",
        "month.invalid",
        "timesheet.working_days_range",
        "timesheet.days_over_month",
        "timesheet.wage_negative",
        "timesheet.not_a_worker",
        "timesheet.empty",
        "payroll.closed",
        "payroll.empty",
        "payroll.timesheet_missing",
        "enterprise.rules_missing",
        "enterprise.national",
        "share.range",
        "money.too_large",
        "sale.amount_too_large",
        "facility.code_taken",
        "workshop.code_taken",
        "inmate.register_taken",
        "population.already_counted",
        "pin.length",
        "pin.digits",
        "pin.sex_digit",
        "pin.taken",
        "pin.duplicate_in_file",
        "household_ref.required",
        "household_ref.format",
        "household_ref.taken",
        "oblast.unknown",
        "rayon.unknown",
        "rayon.oblast_mismatch",
        "text.too_long",
        "phone.format",
        "benefit.incomplete",
        "date.invalid",
        "date.future",
        "money.format",
        "consent.format",
        "full_name.required",
        "full_name.cyrillic",
        "full_name_latin.latin",
        "birth_date.too_early",
        "sex.unknown",
        "relation.unknown",
        "disability.unknown",
        "pin.date_invalid",
        "pin.birth_date_mismatch",
        "pin.sex_mismatch",
        "disability.child_adult",
        "household.members_required",
        "scope.outside",
        "programme.code_format",
        "programme.kind_unknown",
        "programme.name_required",
        "programme.code_taken",
        "programme.tranches_not_whole",
        "programme.window_backwards",
        "programme.cap_over_budget",
        "programme.spending_cap_over_whole",
        "rules.version_exists",
        "scope.national",
        "receipt.empty",
        "receipt.too_large",
        "receipt.type",
        "commission.conflict_rule_unknown",
        "commission.member_unknown",
        "commission.member_cannot_review",
        "percent.format",
        "number.at_least_one",
        "programme.age_range",
        "programme.criterion_code",
        "programme.criteria_required",
        "call.title_required",
        "call.closes_before_opening",
        "call.no_rules",
        "call.closed",
        "training.title_required",
        "application.open_exists",
        "application.not_editable",
        "application.transition",
        "application.submission_missing",
        "application.reason_required",
        "plan.activity_required",
        "plan.lines_required",
        "plan.item_required",
        "plan.quantity_zero",
        "plan.projection_months",
        "plan.contribution_over_budget",
        "plan.grant_over_cap",
        "plan.ovop_required",
        "plan.category_over_cap",
        "password.too_short",
        "password.contains_username",
        "password.common",
        "password.too_simple",
        "password.mismatch",
        "password.current_wrong",
        "password.unchanged",
        "username.format",
        "username.taken",
        "grant.incomplete",
        "token.name",
        "user.self_disable",
    ];
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for rule in rules {
            let e = FieldError::new("pin", rule, "x");
            assert!(tr.has(&e.message_id()), "{lang:?} has no message for {rule}");
        }
    }
}

#[test]
fn dates_and_amounts_follow_the_language() {
    let d = time::macros::date!(2026 - 03 - 05);
    assert_eq!(Tr::new(Lang::Ru).date(&d), "05.03.2026");
    assert_eq!(Tr::new(Lang::En).date(&d), "2026-03-05");
    let m = emgek_domain::Money::from_minor(123_456_750, emgek_domain::Currency::KGS);
    assert_eq!(Tr::new(Lang::En).som(&m), "1,234,567.50 som");
    assert_eq!(Tr::new(Lang::Ky).som(&m), "1\u{202f}234\u{202f}567,50 сом");
}

#[test]
fn dollars_are_written_as_dollars_and_never_as_som() {
    let m = emgek_domain::Money::from_minor(23_100_000, emgek_domain::Currency::USD);
    assert_eq!(Tr::new(Lang::En).money(&m), "231,000 USD");
    assert_eq!(Tr::new(Lang::Ru).money(&m), "231\u{202f}000 долл. США");
    assert_eq!(Tr::new(Lang::Ky).money(&emgek_domain::Money::som(5)), "5 сом");
}

#[test]
fn a_message_that_places_the_value_itself_is_not_followed_by_the_given_value() {
    let left = FieldError::new("plan_amount", "plan.over_budget", "15000.00");
    assert_eq!(Tr::new(Lang::En).field_error(&left), "only 15000.00 is left on this budget line.");
    let pin = FieldError::new("pin", "pin.length", "123");
    assert!(Tr::new(Lang::En).field_error(&pin).ends_with("(given: 123)."), "{}", Tr::new(Lang::En).field_error(&pin));
}

#[test]
fn a_kind_of_file_labels_its_columns_as_it_means_them_and_others_as_everywhere() {
    let tr = Tr::new(Lang::En);
    assert_eq!(tr.field("rate"), "Share of pay, %");
    let rates = tr.scoped("rates");
    assert_eq!(rates.field("rate"), "Official rate, som for one unit");
    assert_eq!(rates.field("rate_on"), "Day of the rate");
    assert_eq!(rates.field("contract_number"), "Contract number", "no label of its own: as everywhere");
    let e = FieldError::new("rate", "rate.exists", "x");
    assert!(rates.labelled_error(&e).starts_with("Official rate, som for one unit: "));
}

#[test]
fn the_browser_s_preferred_language_is_understood() {
    assert_eq!(Lang::from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"), Some(Lang::Ru));
    assert_eq!(Lang::from_accept_language("de;q=1.0, ky;q=0.5, en;q=0.7"), Some(Lang::En));
    assert_eq!(Lang::from_accept_language("de"), None);
}

/// The rule codes the code of every crate gives to users: the second argument of
/// `FieldError::new` and of the web layer's `invalid`, a store's `Conflict`, and a constraint's
/// `Some` in the store's error mapping. Read from the sources, so a new rule cannot ship
/// without its message.
fn rules_in_sources() -> std::collections::BTreeSet<String> {
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(&crates)
        .expect("the workspace's crates")
        .filter_map(|e| e.ok().map(|e| e.path().join("src")))
        .collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    let mut rules = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        for (marker, skip_first) in
            [("FieldError::new(", true), ("invalid(", true), ("Conflict(", false), ("Some(", false)]
        {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                let rest = if skip_first { after_first_argument(rest) } else { Some(rest) };
                if let Some(rule) = rest.and_then(leading_literal).filter(|r| is_rule_code(r)) {
                    rules.insert(rule.to_string());
                }
            }
        }
    }
    rules
}

/// What follows the first argument of a call and its comma, or `None` for a call of one.
fn after_first_argument(args: &str) -> Option<&str> {
    let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
    for (i, c) in args.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ if in_string => {}
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return None,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return Some(&args[i + 1..]),
            _ => {}
        }
    }
    None
}

fn leading_literal(text: &str) -> Option<&str> {
    let text = text.trim_start().strip_prefix('"')?;
    text.find('"').map(|end| &text[..end])
}

/// `area.rule`: lower-case words joined by `_`, one dot, and not a file name.
fn is_rule_code(s: &str) -> bool {
    let Some((area, rule)) = s.split_once('.') else { return false };
    let word = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_lowercase()) && w.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    };
    let file = ["csv", "db", "html", "json", "pdf", "xlsx", "css", "png", "txt"].contains(&rule);
    word(area) && word(rule) && !file
}

#[test]
fn every_rule_the_code_gives_has_a_message_in_every_language() {
    let rules = rules_in_sources();
    assert!(rules.len() > 150 && rules.contains("pin.length") && rules.contains("payroll.closed"), "{rules:?}");
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        let missing: Vec<&String> =
            rules.iter().filter(|r| !tr.has(&format!("rule-{}", r.replace(['.', '_'], "-")))).collect();
        assert!(missing.is_empty(), "{lang:?} has no message for {missing:?}");
    }
}

#[test]
fn every_role_has_a_name_in_every_language() {
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for role in emgek_domain::access::Role::ALL {
            let id = format!("role-{}", role.code().replace('_', "-"));
            assert!(tr.has(&id), "{lang:?} has no name for the role {}", role.code());
        }
    }
}

#[test]
fn every_indicator_its_measures_and_programme_have_words_in_every_language() {
    use emgek_domain::indicators::LIBRARY;
    for lang in [Lang::Ky, Lang::Ru, Lang::En] {
        let tr = Tr::new(lang);
        for i in LIBRARY {
            let mut ids = vec![
                format!("indicator-{}", i.code),
                format!("indicator-{}-definition", i.code),
                format!("programme-{}", i.programme.code()),
            ];
            ids.extend(i.formula.measures().iter().map(|m| format!("measure-{}", m.code())));
            for id in ids {
                assert!(tr.has(&id), "{lang:?} has no {id}");
            }
        }
    }
}

#[test]
fn a_rule_whose_field_has_no_label_is_told_without_a_message_id() {
    let e = FieldError::new("payment", "payment.tranche_ordered", "");
    for lang in [Lang::Ky, Lang::Ru, Lang::En] {
        let text = Tr::new(lang).labelled_error(&e);
        assert!(!text.contains("field-") && !text.contains("rule-"), "{lang:?}: {text}");
    }
    let pin = FieldError::new("members[0].pin", "pin.length", "123");
    assert!(Tr::new(Lang::En).labelled_error(&pin).starts_with("PIN: "));
}
