use super::*;

const TODAY: Date = date!(2026 - 11 - 21);

fn household() -> HouseholdInput {
    HouseholdInput {
        household_ref: "HH-1".into(),
        oblast: "KG-C".into(),
        rayon: "KG-C-SOK".into(),
        consent: "yes".into(),
        ..Default::default()
    }
}

fn member() -> MemberInput {
    MemberInput {
        pin: "21503198512345".into(),
        full_name: "Асанов Айбек Бакыт уулу".into(),
        birth_date: "1985-03-15".into(),
        sex: "M".into(),
        relation: "head".into(),
        ..Default::default()
    }
}

fn rules(errors: Vec<FieldError>) -> Vec<(String, &'static str)> {
    errors.into_iter().map(|e| (e.field, e.rule)).collect()
}

#[test]
fn a_complete_household_is_accepted() {
    let h = household().validate(TODAY).unwrap();
    assert_eq!(h.rayon, "KG-C-SOK");
    assert!(h.consent);
    assert_eq!(h.benefit, None);
}

#[test]
fn every_broken_household_rule_is_reported_at_once() {
    let input = HouseholdInput {
        household_ref: "".into(),
        oblast: "KG-B".into(),
        rayon: "KG-C-SOK".into(),
        phone: "12".into(),
        benefit_since: "2025-02-30".into(),
        benefit_monthly_som: "1200".into(),
        consent: "maybe".into(),
        ..Default::default()
    };
    assert_eq!(
        rules(input.validate(TODAY).unwrap_err()),
        vec![
            ("household_ref".into(), "household_ref.required"),
            ("rayon".into(), "rayon.oblast_mismatch"),
            ("phone".into(), "phone.format"),
            ("benefit_since".into(), "date.invalid"),
            ("consent".into(), "consent.format"),
        ]
    );
}

#[test]
fn a_benefit_needs_both_its_start_and_its_amount() {
    let input = HouseholdInput { benefit_since: "01.02.2024".into(), ..household() };
    assert_eq!(rules(input.validate(TODAY).unwrap_err()), vec![("benefit_monthly_som".into(), "benefit.incomplete")]);
    let input =
        HouseholdInput { benefit_monthly_som: "1 200,50".into(), benefit_since: "01.02.2024".into(), ..household() };
    let benefit = input.validate(TODAY).unwrap().benefit.unwrap();
    assert_eq!(benefit.since, date!(2024 - 02 - 01));
    assert_eq!(benefit.monthly.minor(), 120_050);
}

#[test]
fn a_correct_member_is_accepted_without_warnings() {
    let m = member().validate(TODAY).unwrap();
    assert_eq!(m.sex, Sex::Male);
    assert_eq!(m.disability, Disability::None);
    assert!(m.warnings.is_empty());
}

#[test]
fn a_member_in_latin_letters_is_told_to_use_cyrillic() {
    let input = MemberInput { full_name: "Asanov Aibek".into(), ..member() };
    assert_eq!(rules(input.validate(TODAY).unwrap_err()), vec![("full_name".into(), "full_name.cyrillic")]);
}

#[test]
fn impossible_and_future_birth_dates_are_refused() {
    for (text, rule) in
        [("1985-02-30", "date.invalid"), ("2030-01-01", "date.future"), ("1850-01-01", "birth_date.too_early")]
    {
        let input = MemberInput { birth_date: text.into(), ..member() };
        assert_eq!(rules(input.validate(TODAY).unwrap_err()), vec![("birth_date".into(), rule)], "{text}");
    }
}

#[test]
fn a_pin_that_disagrees_with_the_birth_date_is_kept_with_a_warning() {
    let input = MemberInput { birth_date: "1985-03-16".into(), ..member() };
    assert_eq!(input.validate(TODAY).unwrap().warnings, vec!["pin.birth_date_mismatch"]);
}

#[test]
fn the_text_form_validates_back_to_the_same_fields() {
    let input = HouseholdInput {
        phone: "0555 12 34 56".into(),
        benefit_since: "01.02.2024".into(),
        benefit_monthly_som: "1200,5".into(),
        ..household()
    };
    let fields = input.validate(TODAY).unwrap();
    assert_eq!(fields.to_input().validate(TODAY).unwrap(), fields);
    let m = MemberInput { full_name_latin: "Asanov Aibek".into(), disability: "2".into(), ..member() };
    let m = m.validate(TODAY).unwrap();
    assert_eq!(m.to_input().validate(TODAY).unwrap(), m);
}

#[test]
fn codes_parse_with_their_aliases() {
    assert_eq!(Sex::parse("Ж"), Some(Sex::Female));
    assert_eq!(Disability::parse("2"), Some(Disability::GroupII));
    assert_eq!(Disability::parse(""), Some(Disability::None));
    assert_eq!(Relation::parse("Head"), Some(Relation::Head));
    assert_eq!(Relation::parse("boss"), None);
}

#[test]
fn sex_relation_and_disability_are_read_in_the_three_languages() {
    for (typed, sex) in
        [("Ж", Sex::Female), ("жен.", Sex::Female), ("А", Sex::Female), ("Э", Sex::Male), ("М", Sex::Male)]
    {
        assert_eq!(Sex::parse(typed), Some(sex), "{typed}");
    }
    for (typed, relation) in [
        ("Глава  семьи", Relation::Head),
        ("үй-бүлө башчысы", Relation::Head),
        ("Супруга", Relation::Spouse),
        ("кызы", Relation::Child),
        ("Сын", Relation::Child),
        ("Внучка", Relation::Grandchild),
        ("тууган эмес", Relation::NonRelative),
    ] {
        assert_eq!(Relation::parse(typed), Some(relation), "{typed}");
    }
    assert_eq!(Disability::parse("II группа"), Some(Disability::GroupII));
    assert_eq!(Disability::parse("нет"), Some(Disability::None));
}

#[test]
fn dates_are_read_with_dots_slashes_or_dashes_and_a_time_of_day_is_ignored() {
    let day = date!(1980 - 12 - 31);
    for typed in ["31.12.1980", "31/12/1980", "1980-12-31", "31.12.1980 0:00:00", "1980-12-31T00:00:00"] {
        assert_eq!(parse_date(typed), Some(day), "{typed}");
    }
    assert_eq!(parse_date("12/31/1980"), None, "month 31: not a day, never guessed");
}

#[test]
fn facts_count_children_and_disability_on_the_given_day() {
    let members = [
        (date!(1985 - 03 - 15), Disability::None),
        (date!(2008 - 11 - 22), Disability::Child),
        (date!(2008 - 11 - 21), Disability::None),
        (date!(1950 - 01 - 01), Disability::GroupII),
    ];
    let facts = HouseholdFacts::of(members, TODAY);
    assert_eq!(facts, HouseholdFacts { size: 4, children_under_18: 1, members_with_disability: 2 });
    assert_eq!(adult_cutoff(TODAY), date!(2008 - 11 - 21));
}
