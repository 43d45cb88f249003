//! Households and their members as the registry holds them, and the rules for each field.
//!
//! Input arrives as text (a form, a CSV or XLSX row, JSON) in `HouseholdInput` and
//! `MemberInput`; `validate` turns it into `HouseholdFields` / `MemberFields` or into every
//! broken rule at once, so a case worker sees all her mistakes in one go.

use serde::{Deserialize, Serialize};
use time::{Date, Month, macros::date};

use crate::field_error::FieldError;
use crate::geography;
use crate::money::{Currency, Money};
use crate::names;
use crate::notice::NoticeLanguage;
use crate::phone::Phone;
use crate::pin::Pin;

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        pub enum $name { $(#[serde(rename = $code)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in files, the API and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses the code, case-insensitively, or one of its documented aliases (spacing
            /// ignored).
            pub fn parse(text: &str) -> Option<Self> {
                let t = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                $(if t == $code.to_lowercase() $(|| t == $alias)* { return Some($name::$variant); })+
                None
            }
        }
    };
}

coded_enum!(
    /// Sex as recorded in the civil registry.
    Sex {
        Female = "F" | "female" | "woman" | "ж" | "ж." | "жен" | "жен." | "женский" | "а" | "аял" | "аял киши",
        Male = "M" | "male" | "man" | "м" | "м." | "муж" | "муж." | "мужской" | "э" | "эркек" | "эркек киши",
    }
);

coded_enum!(
    /// How a member is related to the head of the household.
    Relation {
        Head = "head" | "глава" | "глава семьи" | "глава домохозяйства" | "заявитель" | "башчы" | "башчысы"
            | "үй-бүлө башчысы" | "үй бүлө башчысы" | "арыз ээси",
        Spouse = "spouse" | "wife" | "husband" | "супруг" | "супруга" | "жена" | "муж" | "жубайы" | "аялы"
            | "күйөөсү",
        Child = "child" | "son" | "daughter" | "сын" | "дочь" | "ребенок" | "ребёнок" | "дети" | "уулу" | "кызы"
            | "баласы" | "бала",
        Parent = "parent" | "mother" | "father" | "мать" | "отец" | "родитель" | "апасы" | "атасы" | "энеси"
            | "ата-энеси",
        Sibling = "sibling" | "brother" | "sister" | "брат" | "сестра" | "агасы" | "иниси" | "эжеси" | "карындашы"
            | "сиңдиси" | "байкеси",
        Grandchild = "grandchild" | "grandson" | "granddaughter" | "внук" | "внучка" | "небереси" | "небере",
        OtherRelative = "other_relative" | "other relative" | "relative" | "другой родственник" | "родственник"
            | "родственница" | "тууганы" | "башка тууганы",
        NonRelative = "non_relative" | "non-relative" | "not related" | "не родственник" | "не родственница"
            | "тууган эмес",
    }
);

coded_enum!(
    /// Disability status as certified by the medical-social expert commission: adult groups
    /// I (most severe) to III, or "child with disability" under 18.
    Disability {
        None = "none" | "" | "no" | "нет" | "жок",
        GroupI = "I" | "1" | "1 группа" | "i группа" | "группа 1" | "группа i" | "1-группа" | "1 топ" | "i топ",
        GroupII = "II" | "2" | "2 группа" | "ii группа" | "группа 2" | "группа ii" | "2-группа" | "2 топ" | "ii топ",
        GroupIII = "III" | "3" | "3 группа" | "iii группа" | "группа 3" | "группа iii" | "3-группа" | "3 топ"
            | "iii топ",
        Child = "child" | "ребенок-инвалид" | "ребёнок-инвалид" | "ребенок с инвалидностью"
            | "ребёнок с инвалидностью" | "майыптыгы бар бала",
    }
);

/// The fields of a household as typed or imported, before any check.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct HouseholdInput {
    /// The household's number in the source registry; the import key of a household.
    pub household_ref: String,
    pub oblast: String,
    pub rayon: String,
    pub aiyl_okmotu: String,
    pub village: String,
    pub phone: String,
    /// Date the need-based benefit (үй-бүлөгө көмөк) started, `YYYY-MM-DD` or `DD.MM.YYYY`.
    pub benefit_since: String,
    /// Monthly benefit in som, e.g. `1200` or `1200.50`.
    pub benefit_monthly_som: String,
    /// Consent to the processing of personal data: yes/no.
    pub consent: String,
    /// The language the family is written to: `ky` (the default) or `ru`.
    pub language: String,
}

/// A family's language as typed or imported: Kyrgyz when not given; the codes, or the
/// language's name in either language.
pub fn parse_language(text: &str) -> Option<NoticeLanguage> {
    match text.trim().to_lowercase().as_str() {
        "" | "ky" | "kg" | "kir" | "кыргызча" | "кыргыз" | "кыргыз тили" | "кыргызский" | "kyrgyz" => {
            Some(NoticeLanguage::Ky)
        }
        "ru" | "rus" | "орусча" | "орус тили" | "русский" | "russian" => Some(NoticeLanguage::Ru),
        _ => None,
    }
}

/// The fields of a person as typed or imported, before any check.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MemberInput {
    pub pin: String,
    /// Full name in Cyrillic: surname, given name, patronymic.
    pub full_name: String,
    /// The same name in Latin letters, if known.
    pub full_name_latin: String,
    pub birth_date: String,
    pub sex: String,
    pub relation: String,
    pub disability: String,
}

/// The need-based benefit a household receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Benefit {
    pub since: Date,
    pub monthly: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdFields {
    pub household_ref: String,
    pub oblast: String,
    pub rayon: String,
    pub aiyl_okmotu: String,
    pub village: String,
    pub phone: Option<Phone>,
    pub benefit: Option<Benefit>,
    pub consent: bool,
    /// The language its notices are written in.
    pub language: NoticeLanguage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFields {
    pub pin: Pin,
    pub full_name: String,
    pub full_name_latin: Option<String>,
    pub birth_date: Date,
    pub sex: Sex,
    pub relation: Relation,
    pub disability: Disability,
    /// Codes of what a person should review (e.g. `pin.birth_date_mismatch`): kept, not refused.
    pub warnings: Vec<&'static str>,
}

const EARLIEST_BIRTH: Date = date!(1900 - 01 - 01);
const TEXT_MAX: usize = 100;

/// The years a date from outside may fall in: a birth, a benefit, a contract or a sale of
/// people alive today. Bounding them keeps every date's arithmetic (a month later, the end of a
/// term) within the calendar, and a mistyped year is refused rather than kept.
pub const EARLIEST_YEAR: i32 = 1800;
pub const LATEST_YEAR: i32 = 2100;

/// Parses `YYYY-MM-DD`, `DD.MM.YYYY` or `DD/MM/YYYY`, the forms registries and spreadsheets
/// use (a time of day after the date, as a spreadsheet may add, is ignored), in the years
/// [`EARLIEST_YEAR`] to [`LATEST_YEAR`].
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    let t = t.split_once([' ', 'T']).map_or(t, |(date, _)| date);
    let (y, m, d) = if let Some((d, rest)) = t.split_once(['.', '/']) {
        let (m, y) = rest.split_once(['.', '/'])?;
        (y, m, d)
    } else {
        let mut parts = t.splitn(3, '-');
        (parts.next()?, parts.next()?, parts.next()?)
    };
    let num = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i32>().ok()).flatten()
    };
    let year = num(y, 4..=4).filter(|y| (EARLIEST_YEAR..=LATEST_YEAR).contains(y))?;
    let month = Month::try_from(u8::try_from(num(m, 1..=2)?).ok()?).ok()?;
    let day = u8::try_from(num(d, 1..=2)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Parses a yes/no answer in any of the three languages.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "да" | "ооба" => Some(true),
        "no" | "n" | "false" | "0" | "нет" | "жок" => Some(false),
        _ => None,
    }
}

/// Whole years from `birth` to `on`.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month() as u8, on.day()) < (birth.month() as u8, birth.day()) {
        age -= 1;
    }
    age
}

fn optional_text(errors: &mut Vec<FieldError>, field: &str, value: &str) -> String {
    let v = value.trim();
    if v.chars().count() > TEXT_MAX {
        errors.push(FieldError::new(field, "text.too_long", v));
    }
    v.to_string()
}

impl HouseholdInput {
    pub fn validate(&self, today: Date) -> Result<HouseholdFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let household_ref = self.household_ref.trim().to_string();
        if household_ref.is_empty() {
            errors.push(FieldError::new("household_ref", "household_ref.required", ""));
        } else if household_ref.len() > 40
            || !household_ref.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'))
        {
            errors.push(FieldError::new("household_ref", "household_ref.format", &household_ref));
        }
        // By code or by name in any of the three languages; kept as the code.
        let found_oblast = geography::find_oblast(&self.oblast);
        let oblast = found_oblast.map_or_else(|| self.oblast.trim().to_uppercase(), |o| o.code.to_string());
        if found_oblast.is_none() {
            errors.push(FieldError::new("oblast", "oblast.unknown", self.oblast.trim()));
        }
        let found_rayon = geography::find_rayon(&self.rayon, found_oblast.map(|o| o.code));
        let rayon = found_rayon.map_or_else(|| self.rayon.trim().to_uppercase(), |r| r.code.to_string());
        match found_rayon {
            None => errors.push(FieldError::new("rayon", "rayon.unknown", self.rayon.trim())),
            Some(r) if found_oblast.is_some() && r.oblast != oblast => {
                errors.push(FieldError::new("rayon", "rayon.oblast_mismatch", self.rayon.trim()))
            }
            Some(_) => {}
        }
        let aiyl_okmotu = optional_text(&mut errors, "aiyl_okmotu", &self.aiyl_okmotu);
        let village = optional_text(&mut errors, "village", &self.village);
        let phone = match self.phone.trim() {
            "" => None,
            p => Phone::parse(p).map_err(|rule| errors.push(FieldError::new("phone", rule, p))).ok(),
        };
        let benefit = self.validate_benefit(&mut errors, today);
        let consent = parse_yes_no(&self.consent);
        if consent.is_none() {
            errors.push(FieldError::new("consent", "consent.format", self.consent.trim()));
        }
        let language = parse_language(&self.language);
        if language.is_none() {
            errors.push(FieldError::new("language", "household.language", self.language.trim()));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(HouseholdFields {
            household_ref,
            oblast,
            rayon,
            aiyl_okmotu,
            village,
            phone,
            benefit,
            consent: consent.unwrap_or(false),
            language: language.unwrap_or(NoticeLanguage::Ky),
        })
    }

    fn validate_benefit(&self, errors: &mut Vec<FieldError>, today: Date) -> Option<Benefit> {
        let since_text = self.benefit_since.trim();
        let amount_text = self.benefit_monthly_som.trim();
        if since_text.is_empty() && amount_text.is_empty() {
            return None;
        }
        let since = match parse_date(since_text) {
            None if since_text.is_empty() => {
                errors.push(FieldError::new("benefit_since", "benefit.incomplete", ""));
                None
            }
            None => {
                errors.push(FieldError::new("benefit_since", "date.invalid", since_text));
                None
            }
            Some(d) if d > today => {
                errors.push(FieldError::new("benefit_since", "date.future", since_text));
                None
            }
            Some(d) => Some(d),
        };
        let monthly = if amount_text.is_empty() {
            errors.push(FieldError::new("benefit_monthly_som", "benefit.incomplete", ""));
            None
        } else {
            Money::parse_major(amount_text, Currency::KGS)
                .map_err(|_| errors.push(FieldError::new("benefit_monthly_som", "money.format", amount_text)))
                .ok()
        };
        Some(Benefit { since: since?, monthly: monthly? })
    }
}

impl MemberInput {
    pub fn validate(&self, today: Date) -> Result<MemberFields, Vec<FieldError>> {
        let mut errors = Vec::new();
        let pin =
            Pin::parse(&self.pin).map_err(|e| errors.push(FieldError::new("pin", e.rule(), self.pin.trim()))).ok();
        let full_name = self.full_name.split_whitespace().collect::<Vec<_>>().join(" ");
        if full_name.is_empty() {
            errors.push(FieldError::new("full_name", "full_name.required", ""));
        } else if full_name.chars().count() > 200 {
            errors.push(FieldError::new("full_name", "text.too_long", &full_name));
        } else if !names::is_cyrillic_name(&full_name) {
            errors.push(FieldError::new("full_name", "full_name.cyrillic", &full_name));
        }
        let latin = self.full_name_latin.split_whitespace().collect::<Vec<_>>().join(" ");
        if !latin.is_empty() && (latin.chars().count() > 200 || !names::is_latin_name(&latin)) {
            errors.push(FieldError::new("full_name_latin", "full_name_latin.latin", &latin));
        }
        let birth_text = self.birth_date.trim();
        let birth_date = match parse_date(birth_text) {
            None => {
                errors.push(FieldError::new("birth_date", "date.invalid", birth_text));
                None
            }
            Some(d) if d > today => {
                errors.push(FieldError::new("birth_date", "date.future", birth_text));
                None
            }
            Some(d) if d < EARLIEST_BIRTH => {
                errors.push(FieldError::new("birth_date", "birth_date.too_early", birth_text));
                None
            }
            Some(d) => Some(d),
        };
        let sex = Sex::parse(&self.sex);
        if sex.is_none() {
            errors.push(FieldError::new("sex", "sex.unknown", self.sex.trim()));
        }
        let relation = Relation::parse(&self.relation);
        if relation.is_none() {
            errors.push(FieldError::new("relation", "relation.unknown", self.relation.trim()));
        }
        let disability = Disability::parse(&self.disability);
        if disability.is_none() {
            errors.push(FieldError::new("disability", "disability.unknown", self.disability.trim()));
        }
        let (Some(pin), Some(birth_date), Some(sex), Some(relation), Some(disability)) =
            (pin, birth_date, sex, relation, disability)
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut warnings: Vec<&'static str> =
            pin.check_against(Some(birth_date), sex).into_iter().map(|w| w.code()).collect();
        if disability == Disability::Child && age_on(birth_date, today) >= 18 {
            warnings.push("disability.child_adult");
        }
        Ok(MemberFields {
            pin,
            full_name,
            full_name_latin: (!latin.is_empty()).then_some(latin),
            birth_date,
            sex,
            relation,
            disability,
            warnings,
        })
    }
}

impl HouseholdFields {
    /// The canonical text form: what exports write, history shows and an edit form starts from.
    /// Validating it again gives back the same fields.
    pub fn to_input(&self) -> HouseholdInput {
        HouseholdInput {
            household_ref: self.household_ref.clone(),
            oblast: self.oblast.clone(),
            rayon: self.rayon.clone(),
            aiyl_okmotu: self.aiyl_okmotu.clone(),
            village: self.village.clone(),
            phone: self.phone.as_ref().map(|p| p.as_str().to_string()).unwrap_or_default(),
            benefit_since: self.benefit.map(|b| b.since.to_string()).unwrap_or_default(),
            benefit_monthly_som: self.benefit.map(|b| b.monthly.to_plain()).unwrap_or_default(),
            consent: if self.consent { "yes" } else { "no" }.into(),
            language: self.language.code().into(),
        }
    }
}

impl MemberFields {
    /// The canonical text form, as for [`HouseholdFields::to_input`].
    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            pin: self.pin.to_string(),
            full_name: self.full_name.clone(),
            full_name_latin: self.full_name_latin.clone().unwrap_or_default(),
            birth_date: self.birth_date.to_string(),
            sex: self.sex.code().into(),
            relation: self.relation.code().into(),
            disability: self.disability.code().into(),
        }
    }
}

/// Every warning code a member record can carry, so stored codes map back to static ones.
pub const WARNING_CODES: &[&str] =
    &["pin.date_invalid", "pin.birth_date_mismatch", "pin.sex_mismatch", "disability.child_adult"];

/// What the programmes derive from a household's members.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct HouseholdFacts {
    pub size: u32,
    pub children_under_18: u32,
    pub members_with_disability: u32,
}

impl HouseholdFacts {
    pub fn of(members: impl IntoIterator<Item = (Date, Disability)>, on: Date) -> Self {
        let mut facts = Self::default();
        for (birth, disability) in members {
            facts.size += 1;
            if age_on(birth, on) < 18 {
                facts.children_under_18 += 1;
            }
            if disability != Disability::None {
                facts.members_with_disability += 1;
            }
        }
        facts
    }
}

/// The day before which a person born is 18 or older on `on`: children are born after it.
pub fn adult_cutoff(on: Date) -> Date {
    on.replace_year(on.year() - 18).unwrap_or_else(|_| {
        // 29 February: the 18th birthday falls on 1 March in a common year.
        Date::from_calendar_date(on.year() - 18, Month::March, 1).expect("1 March exists")
    })
}

#[cfg(test)]
mod tests;
