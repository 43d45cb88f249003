//! A synthetic Kyrgyzstan, deterministic for a seed: households spread over the rayons by
//! population, 4–5 members on average with Kyrgyz names, PINs, births, disability (~3% of
//! people) and the need-based benefit (~8% of households). On request it injects what real
//! registries hold: ~1% invalid rows and ~2% duplicate people, with the truth kept apart.

use std::collections::HashSet;
use std::path::Path;
use std::{fs, io};

use emgek_domain::geography::RAYONS;
use emgek_domain::household::{HouseholdInput, MemberInput, Sex};
use emgek_domain::names::transliterate;
use emgek_domain::pin::Pin;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration, macros::date};

use crate::columns::{COLUMNS, to_record};

const MALE: &[&str] = &[
    "Айбек",
    "Азамат",
    "Бакыт",
    "Болот",
    "Нурлан",
    "Эрлан",
    "Улан",
    "Талант",
    "Канат",
    "Тилек",
    "Мирлан",
    "Нурбек",
    "Жоомарт",
    "Алмаз",
    "Бекзат",
    "Данияр",
    "Эмир",
    "Арслан",
    "Темирлан",
    "Чыңгыз",
    "Адилет",
    "Руслан",
    "Максат",
    "Медер",
    "Асылбек",
    "Кубаныч",
    "Жыргалбек",
    "Өмүрбек",
    "Үсөн",
    "Төлөн",
];
const FEMALE: &[&str] = &[
    "Айгүл",
    "Айнура",
    "Жылдыз",
    "Гүлнара",
    "Чолпон",
    "Нургүл",
    "Айпери",
    "Бегимай",
    "Асель",
    "Мээрим",
    "Назира",
    "Динара",
    "Жамиля",
    "Каныкей",
    "Айжан",
    "Элнура",
    "Сезим",
    "Акмарал",
    "Бурул",
    "Гүлзат",
    "Зарина",
    "Нуриза",
    "Айдана",
    "Алтынай",
    "Үмүт",
    "Күмүш",
];
const ROOTS: &[&str] = &[
    "Асан",
    "Үсөн",
    "Токтогул",
    "Жумабай",
    "Сыдык",
    "Мамыт",
    "Осмон",
    "Абдыкадыр",
    "Бейшен",
    "Эсен",
    "Кадыр",
    "Токтосун",
    "Орозбай",
    "Кудайберген",
    "Муратал",
    "Шаршен",
    "Ырыскелди",
    "Жапар",
    "Бакир",
    "Турдубай",
    "Сатыбалды",
    "Абдырахман",
    "Исак",
    "Калыбек",
    "Дүйшөн",
    "Табылды",
    "Сарыбай",
    "Мамбет",
];
/// Microdistricts of Bishkek and Osh: cities have no aiyl okmotu.
const DISTRICTS: &[&str] =
    &["Асанбай", "Жал", "Тунгуч", "Кок-Жар", "Ала-Арча", "Восток-5", "Аламүдүн", "Учкун", "Курманжан Датка", "Анар"];
const VILLAGES: &[&str] = &[
    "Ак-Жар",
    "Кара-Суу",
    "Көк-Жар",
    "Жаңы-Жол",
    "Ак-Талаа",
    "Кызыл-Кыя",
    "Бел-Алды",
    "Таш-Дөбө",
    "Чон-Арык",
    "Кара-Булак",
    "Ак-Булак",
    "Орто-Сай",
    "Сары-Камыш",
    "Көк-Сай",
    "Тегерек",
    "Боз-Учук",
];

/// Options of a synthetic run.
#[derive(Debug, Clone, Copy)]
pub struct SynthOptions {
    pub households: u64,
    pub seed: u64,
    /// Inject ~1% invalid rows and ~2% duplicate people (off for demonstration data).
    pub defects: bool,
}

/// One synthetic row and the truth about it.
#[derive(Debug, Clone)]
pub struct SynthRow {
    /// The row's number in the file (the header is row 1).
    pub row: u64,
    pub household: HouseholdInput,
    pub member: MemberInput,
    /// The one rule this row was made to break: (field, rule).
    pub defect: Option<(&'static str, &'static str)>,
    /// The row number of the record this one duplicates, and how it differs.
    pub duplicate_of: Option<(u64, &'static str)>,
}

struct Person {
    row: u64,
    member: MemberInput,
    sex: Sex,
    birth: Date,
}

/// Generates rows household by household. Row numbers count as in a file: header is row 1.
pub struct Synth {
    rng: ChaCha8Rng,
    options: SynthOptions,
    pins: HashSet<u64>,
    weights: Vec<u32>,
    next_household: u64,
    next_row: u64,
    /// Some earlier adults, from whom duplicates are drawn.
    earlier: Vec<Person>,
    today: Date,
}

impl Synth {
    pub fn new(options: SynthOptions) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(options.seed),
            options,
            pins: HashSet::new(),
            weights: RAYONS.iter().map(|r| r.population_k).collect(),
            next_household: 0,
            next_row: 2,
            earlier: Vec::new(),
            // Fixed, so that the same seed gives the same file on any day.
            today: date!(2025 - 12 - 31),
        }
    }

    /// The next household's rows, or `None` when all are made.
    pub fn next_household(&mut self) -> Option<Vec<SynthRow>> {
        if self.next_household >= self.options.households {
            return None;
        }
        self.next_household += 1;
        let household = self.household_fields();
        let people = self.family();
        let mut rows: Vec<SynthRow> = people
            .iter()
            .map(|p| SynthRow {
                row: 0,
                household: household.clone(),
                member: p.member.clone(),
                defect: None,
                duplicate_of: None,
            })
            .collect();
        if self.options.defects {
            self.add_duplicate(&household, &mut rows);
            for row in rows.iter_mut() {
                if row.duplicate_of.is_none() && self.rng.random_bool(0.01) {
                    self.break_row(row);
                }
            }
        }
        for row in rows.iter_mut() {
            row.row = self.next_row;
            self.next_row += 1;
        }
        for (person, row) in people.into_iter().zip(&rows) {
            if row.defect.is_none() && matches!(person.member.relation.as_str(), "head" | "spouse") {
                self.remember(Person { row: row.row, ..person });
            }
        }
        Some(rows)
    }

    /// A family of a given make-up for the demonstration's earlier Social Contract years: its
    /// head (a woman or a man) and a spouse when `adults` is 2, adults from 25 to 55 and
    /// `children` under 15 on `on`, in a rayon drawn by `weights` (one weight a rayon of
    /// `RAYONS`). Numbered `KG-H-…`, apart from the synthetic country's households.
    pub fn funded_family(&mut self, adults: u8, children: u8, woman: bool, on: Date, weights: &[u32]) -> Vec<SynthRow> {
        self.next_household += 1;
        let mut household = self.household_fields();
        let rayon = &RAYONS[weighted(&mut self.rng, weights)];
        household.household_ref = format!("KG-H-{:07}", self.next_household);
        household.oblast = rayon.oblast.into();
        household.rayon = rayon.code.into();
        household.benefit_since = (on - Duration::days(self.rng.random_range(200..900))).to_string();
        household.benefit_monthly_som = format!("{}.00", self.rng.random_range(10..40) * 100);
        household.consent = "yes".into();
        let aged = |rng: &mut ChaCha8Rng, years: std::ops::Range<i32>| {
            let birth_year = on.year() - rng.random_range(years);
            Date::from_calendar_date(birth_year, time::Month::January, 1).expect("a date")
                + Duration::days(rng.random_range(0..365))
        };
        let root = *ROOTS.choose(&mut self.rng).expect("roots");
        let head_sex = if woman { Sex::Female } else { Sex::Male };
        let head_birth = aged(&mut self.rng, 26..56);
        let head_given = self.given(head_sex);
        let grandfather = *MALE.choose(&mut self.rng).expect("names");
        let mut people = vec![self.person(root, head_given, grandfather, head_sex, head_birth, "head")];
        let father = if woman { *MALE.choose(&mut self.rng).expect("names") } else { head_given };
        if adults >= 2 {
            let sex = if woman { Sex::Male } else { Sex::Female };
            let birth = aged(&mut self.rng, 25..56);
            let given = if sex == Sex::Male { father } else { self.given(sex) };
            let their_father = *MALE.choose(&mut self.rng).expect("names");
            people.push(self.person(root, given, their_father, sex, birth, "spouse"));
        }
        for _ in 0..children {
            let sex = if self.rng.random_bool(0.5) { Sex::Male } else { Sex::Female };
            let birth = aged(&mut self.rng, 1..15);
            let given = self.given(sex);
            people.push(self.person(root, given, father, sex, birth, "child"));
        }
        people
            .into_iter()
            .map(|p| {
                let row = self.next_row;
                self.next_row += 1;
                SynthRow { row, household: household.clone(), member: p.member, defect: None, duplicate_of: None }
            })
            .collect()
    }

    fn remember(&mut self, person: Person) {
        if self.earlier.len() < 4096 {
            self.earlier.push(person);
        } else {
            let i = self.rng.random_range(0..self.earlier.len());
            self.earlier[i] = person;
        }
    }

    fn household_fields(&mut self) -> HouseholdInput {
        let rayon = &RAYONS[weighted(&mut self.rng, &self.weights)];
        let city = rayon.oblast == "KG-GB" || rayon.oblast == "KG-GO";
        let village = *if city { DISTRICTS } else { VILLAGES }.choose(&mut self.rng).expect("villages");
        let benefit = self.rng.random_bool(0.08);
        let since = date!(2018 - 01 - 01) + Duration::days(self.rng.random_range(0..2900));
        HouseholdInput {
            // The seed is part of the number, so that two synthetic files never share a household.
            household_ref: format!("KG-{}-{:07}", self.options.seed, self.next_household),
            oblast: rayon.oblast.into(),
            rayon: rayon.code.into(),
            aiyl_okmotu: if city { String::new() } else { format!("{village} а/о") },
            village: village.into(),
            phone: if self.rng.random_bool(0.7) {
                format!(
                    "+996{}{:06}",
                    ["555", "700", "772", "509", "220"].choose(&mut self.rng).expect("prefixes"),
                    self.rng.random_range(0..1_000_000)
                )
            } else {
                String::new()
            },
            benefit_since: if benefit { since.to_string() } else { String::new() },
            benefit_monthly_som: if benefit {
                format!("{}.00", self.rng.random_range(10..60) * 100)
            } else {
                String::new()
            },
            consent: if self.rng.random_bool(0.97) { "yes" } else { "no" }.into(),
            // Half the cities' families in Russian; no draw, so a seed's other values stay.
            language: if city && self.next_household.is_multiple_of(2) { "ru" } else { "ky" }.into(),
        }
    }

    fn family(&mut self) -> Vec<Person> {
        let root = *ROOTS.choose(&mut self.rng).expect("roots");
        let head_sex = if self.rng.random_bool(0.75) { Sex::Male } else { Sex::Female };
        let head_age = self.rng.random_range(22..70);
        let head_birth = self.birth(head_age);
        let head_given = self.given(head_sex);
        let grandfather = *MALE.choose(&mut self.rng).expect("names");
        let mut people = vec![self.person(root, head_given, grandfather, head_sex, head_birth, "head")];
        // Children carry their father's surname and name: the head's, or her husband's.
        let (mut father, mut family_root) = (head_given, root);
        if head_sex == Sex::Female {
            father = *MALE.choose(&mut self.rng).expect("names");
            family_root = *ROOTS.choose(&mut self.rng).expect("roots");
        }
        if self.rng.random_bool(0.8) {
            let sex = if head_sex == Sex::Male { Sex::Female } else { Sex::Male };
            let age = (head_age + self.rng.random_range(-5..6)).max(19);
            let birth = self.birth(age);
            let given = if sex == Sex::Male { father } else { self.given(sex) };
            let his_or_her_father = *MALE.choose(&mut self.rng).expect("names");
            let spouse_root = if sex == Sex::Female { root } else { family_root };
            people.push(self.person(spouse_root, given, his_or_her_father, sex, birth, "spouse"));
        }
        let root = family_root;
        let children = self.rng.random_range(0..=5);
        for _ in 0..children {
            let max_age = (head_age - 18).clamp(0, 25);
            let age = self.rng.random_range(0..=max_age);
            let sex = if self.rng.random_bool(0.5) { Sex::Male } else { Sex::Female };
            let birth = self.birth(age);
            let given = self.given(sex);
            people.push(self.person(root, given, father, sex, birth, "child"));
        }
        if head_age < 50 && self.rng.random_bool(0.15) {
            let gap = self.rng.random_range(20..32);
            let birth = self.birth(head_age + gap);
            let given = self.given(Sex::Female);
            let father = *MALE.choose(&mut self.rng).expect("names");
            people.push(self.person(root, given, father, Sex::Female, birth, "parent"));
        }
        people
    }

    fn given(&mut self, sex: Sex) -> &'static str {
        let names = if sex == Sex::Male { MALE } else { FEMALE };
        names.choose(&mut self.rng).expect("names")
    }

    fn birth(&mut self, age: i32) -> Date {
        let year_start = Date::from_calendar_date(self.today.year() - age - 1, time::Month::January, 1).expect("date");
        year_start + Duration::days(self.rng.random_range(0..365))
    }

    fn person(&mut self, root: &str, given: &str, father: &str, sex: Sex, birth: Date, relation: &str) -> Person {
        let (surname, patronymic) = match sex {
            Sex::Male => (format!("{root}ов"), format!("{father} уулу")),
            Sex::Female => (format!("{root}ова"), format!("{father} кызы")),
        };
        let full_name = format!("{surname} {given} {patronymic}");
        let pin = self.unique_pin(sex, birth);
        let age = emgek_domain::household::age_on(birth, self.today);
        let disability = if self.rng.random_bool(0.03) {
            if age < 17 { "child" } else { ["I", "II", "III"].choose(&mut self.rng).expect("groups") }
        } else {
            "none"
        };
        Person {
            row: 0,
            member: MemberInput {
                pin: pin.to_string(),
                full_name_latin: if self.rng.random_bool(0.3) { transliterate(&full_name) } else { String::new() },
                full_name,
                birth_date: birth.to_string(),
                sex: sex.code().into(),
                relation: relation.into(),
                disability: disability.into(),
            },
            sex,
            birth,
        }
    }

    fn unique_pin(&mut self, sex: Sex, birth: Date) -> Pin {
        loop {
            let pin = Pin::compose(sex, birth, self.rng.random_range(0..100_000));
            if self.pins.insert(pin.as_u64()) {
                return pin;
            }
        }
    }

    /// About 2% of people appear again, in another household, under a variant of their name
    /// and a PIN with one mistyped serial digit.
    fn add_duplicate(&mut self, household: &HouseholdInput, rows: &mut Vec<SynthRow>) {
        let expected = 0.02 * rows.len() as f64;
        if self.earlier.is_empty() || !self.rng.random_bool(expected.min(1.0)) {
            return;
        }
        let i = self.rng.random_range(0..self.earlier.len());
        let (original_row, mut member, sex, birth) = {
            let p = &self.earlier[i];
            (p.row, p.member.clone(), p.sex, p.birth)
        };
        let variant = if self.rng.random_bool(0.5) { "name_variant" } else { "typo" };
        member.full_name = if variant == "name_variant" {
            name_variant(&member.full_name)
        } else {
            typo(&member.full_name, &mut self.rng)
        };
        member.full_name_latin = String::new();
        member.relation = "other_relative".into();
        let pin = loop {
            let serial = self.rng.random_range(0..100_000);
            let pin = Pin::compose(sex, birth, serial);
            if self.pins.insert(pin.as_u64()) {
                break pin;
            }
        };
        member.pin = pin.to_string();
        rows.push(SynthRow {
            row: 0,
            household: household.clone(),
            member,
            defect: None,
            duplicate_of: Some((original_row, variant)),
        });
    }

    /// Makes a row break exactly one rule.
    fn break_row(&mut self, row: &mut SynthRow) {
        let m = &mut row.member;
        let kind = self.rng.random_range(0..8);
        row.defect = Some(match kind {
            0 => {
                m.pin.pop();
                ("pin", "pin.length")
            }
            1 => {
                m.pin.replace_range(5..6, "O");
                ("pin", "pin.digits")
            }
            2 => {
                m.pin.replace_range(0..1, "3");
                ("pin", "pin.sex_digit")
            }
            3 => {
                row.household.rayon = format!("{}-ZZZ", row.household.oblast);
                ("rayon", "rayon.unknown")
            }
            4 => {
                m.birth_date = format!("{}-02-30", &m.birth_date[..4]);
                ("birth_date", "date.invalid")
            }
            5 => {
                m.birth_date = format!("2099{}", &m.birth_date[4..]);
                ("birth_date", "date.future")
            }
            6 => {
                m.full_name = transliterate(&m.full_name);
                ("full_name", "full_name.cyrillic")
            }
            _ => {
                m.sex = "X".into();
                ("sex", "sex.unknown")
            }
        });
    }
}

/// How people write the same name differently: a doubled consonant (Асанов → Ассанов), or the
/// patronymic left out.
fn name_variant(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > 2 && words[0].chars().count().is_multiple_of(2) {
        return words[..2].join(" ");
    }
    let mut out = String::new();
    let mut doubled = false;
    for (i, c) in words[0].chars().enumerate() {
        out.push(c);
        if !doubled && i > 0 && "сслмнр".contains(c) {
            out.push(c);
            doubled = true;
        }
    }
    if !doubled {
        out.push('ф');
    }
    std::iter::once(out.as_str()).chain(words[1..].iter().copied()).collect::<Vec<_>>().join(" ")
}

/// Two neighbouring letters of the given name swapped.
fn typo(name: &str, rng: &mut ChaCha8Rng) -> String {
    let mut words: Vec<String> = name.split(' ').map(str::to_string).collect();
    if let Some(given) = words.get_mut(1) {
        let mut chars: Vec<char> = given.chars().collect();
        if chars.len() > 3 {
            let i = rng.random_range(1..chars.len() - 1);
            chars.swap(i, i + 1);
            *given = chars.into_iter().collect();
        }
    }
    words.join(" ")
}

fn weighted(rng: &mut ChaCha8Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut pick = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if pick < *w {
            return i;
        }
        pick -= w;
    }
    weights.len() - 1
}

/// What a synthetic run wrote.
#[derive(Debug, Clone, Copy, Default)]
pub struct SynthSummary {
    pub households: u64,
    pub rows: u64,
    pub invalid_rows: u64,
    pub duplicates: u64,
    /// The Social Contract files written beside the households.
    pub programme: crate::synth_programme::ProgrammeSummary,
    /// The prison enterprises written beside them.
    pub prison: crate::synth_prison::PrisonSummary,
    /// The One Village – One Product producers, products, certifications and exports.
    pub ovop: crate::synth_ovop::OvopSummary,
    /// The days of `calendar.csv` and the grievances of `grievances.csv`.
    pub calendar_days: usize,
    pub grievances: usize,
}

/// Writes `households.csv`, the truth (`truth/invalid_rows.csv`, `truth/duplicates.csv`) and a
/// file of each kind of records (`records::Kind::synth_file`): the Social Contract's, the prison
/// enterprises' ([`crate::synth_prison`]), OVOP's ([`crate::synth_ovop`]), the calendar and the
/// grievances.
pub fn write_country(options: SynthOptions, out: &Path) -> io::Result<SynthSummary> {
    fs::create_dir_all(out.join("truth"))?;
    let mut data = csv::Writer::from_path(out.join("households.csv"))?;
    let mut invalid = csv::Writer::from_path(out.join("truth").join("invalid_rows.csv"))?;
    let mut dups = csv::Writer::from_path(out.join("truth").join("duplicates.csv"))?;
    data.write_record(COLUMNS.iter().map(|c| c.0))?;
    invalid.write_record(["row", "field", "rule"])?;
    dups.write_record(["row", "same_person_as_row", "variant"])?;
    let mut synth = Synth::new(options);
    let mut programme = crate::synth_programme::ProgrammeSynth::create(options.seed, out)?;
    let mut summary = SynthSummary::default();
    while let Some(rows) = synth.next_household() {
        summary.households += 1;
        if let Some(first) = rows.first() {
            let children = rows.iter().filter(|r| r.member.relation == "child").count();
            programme.household(&first.household, children, !first.household.benefit_since.is_empty())?;
        }
        for r in rows {
            data.write_record(to_record(&r.household, &r.member))?;
            summary.rows += 1;
            let n = r.row.to_string();
            if let Some((field, rule)) = r.defect {
                invalid.write_record([n.as_str(), field, rule])?;
                summary.invalid_rows += 1;
            }
            if let Some((of, variant)) = r.duplicate_of {
                dups.write_record([n, of.to_string(), variant.to_string()])?;
                summary.duplicates += 1;
            }
        }
    }
    data.flush()?;
    invalid.flush()?;
    dups.flush()?;
    let (written, funded) = programme.finish()?;
    summary.programme = written;
    summary.prison = crate::synth_prison::write(options.households, options.seed, 2026, out)?;
    summary.ovop = crate::synth_ovop::write(options.households, options.seed, &funded, out)?;
    summary.calendar_days = crate::synth_calendar::write(out)?;
    summary.grievances = crate::synth_grievances::write(options.households, options.seed, out)?;
    Ok(summary)
}
