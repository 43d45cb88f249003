//! Kyrgyz, Russian and English: every message through Fluent (`locales/*/main.ftl`), and dates,
//! numbers and amounts written the way each language writes them.

use std::borrow::{Borrow, Cow};
use std::collections::HashMap;

use emgek_domain::FieldError;
pub use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use time::Date;
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Without this, U+2068/U+2069 marks surround every argument.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ky,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ky, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ky => "ky",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ky => "Кыргызча",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().split(['-', '_']).next()? {
            "ky" | "kir" => Some(Lang::Ky),
            "ru" | "rus" => Some(Lang::Ru),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages that emgek speaks.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut prefs: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let lang = Lang::parse(it.next()?)?;
                let q = it.find_map(|p| p.trim().strip_prefix("q=")?.parse().ok()).unwrap_or(1.0);
                Some((q, lang))
            })
            .collect();
        prefs.sort_by(|a, b| b.0.total_cmp(&a.0));
        prefs.first().map(|p| p.1)
    }

    fn id(self) -> LanguageIdentifier {
        self.code().parse().expect("language codes are valid identifiers")
    }
}

/// Translates and formats for one language. Templates call it as `tr`.
#[derive(Debug, Clone)]
pub struct Tr {
    pub lang: Lang,
    id: LanguageIdentifier,
    /// Where a field's label is looked for first: a kind of file whose columns share a name
    /// with another form's but not its meaning (`field-rates-rate` before `field-rate`).
    scope: Option<&'static str>,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Self { lang, id: lang.id(), scope: None }
    }

    /// The same language, labelling fields as `scope` names them where it has a label of its
    /// own (`field-SCOPE-NAME`), else as everywhere.
    pub fn scoped(&self, scope: &'static str) -> Self {
        Self { scope: Some(scope), ..self.clone() }
    }

    /// The message `id`; a missing message shows its id, which tests catch.
    pub fn t(&self, id: &str) -> String {
        LOCALES.try_lookup(&self.id, id).unwrap_or_else(|| id.to_string())
    }

    /// "Label: what is wrong", or what is wrong alone where the field has no label of its own
    /// (a rule's field such as `payment` in `payment.tranche_ordered` names no form field): a
    /// reader never sees a message id.
    pub fn labelled_error(&self, e: &FieldError) -> String {
        let field = e.field.rsplit('.').next().unwrap_or(&e.field);
        let label = self.field(&e.field);
        if label.starts_with("field-") || label.is_empty() || field.is_empty() {
            capitalised(&self.field_error(e))
        } else {
            format!("{label}: {}", self.field_error(e))
        }
    }

    /// The message `id` with named arguments.
    pub fn t_with(&self, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Owned(k.to_string()), v.clone())).collect();
        LOCALES.try_lookup_with_args(&self.id, id, &map).unwrap_or_else(|| id.to_string())
    }

    /// The message `id` with one argument `n`, a count (Fluent chooses the plural form).
    pub fn count(&self, id: &str, n: impl Borrow<i64>) -> String {
        let n = *n.borrow();
        self.t_with(id, &[("n", FluentValue::from(n)), ("shown", FluentValue::from(self.number(n)))])
    }

    /// Whether the language has message `id` of its own.
    pub fn has(&self, id: &str) -> bool {
        self.sample(id).is_some()
    }

    /// The message with every argument emgek uses filled with a sample, for checks.
    pub fn sample(&self, id: &str) -> Option<String> {
        let args: HashMap<Cow<'static, str>, FluentValue> = [
            ("value", FluentValue::from("x")),
            ("n", FluentValue::from(2)),
            ("shown", FluentValue::from("2")),
            ("page", FluentValue::from(1)),
            ("pages", FluentValue::from(3)),
        ]
        .into_iter()
        .map(|(k, v)| (Cow::Borrowed(k), v))
        .collect();
        LOCALES.try_lookup_with_args(&self.id, id, &args)
    }

    /// `21.11.2026` in Kyrgyz and Russian, `2026-11-21` in English (unambiguous everywhere).
    pub fn date(&self, d: &Date) -> String {
        match self.lang {
            Lang::Ky | Lang::Ru => {
                format!("{:02}.{:02}.{}", d.day(), u8::from(d.month()), d.year())
            }
            Lang::En => d.to_string(),
        }
    }

    /// An optional date; empty when absent.
    pub fn date_opt(&self, d: &Option<Date>) -> String {
        d.as_ref().map(|d| self.date(d)).unwrap_or_default()
    }

    /// A whole number grouped by thousands: `12 345` (narrow no-break space) or `12,345`.
    pub fn number(&self, n: impl Borrow<i64>) -> String {
        let n = *n.borrow();
        emgek_domain::Money::from_minor(n * 100, emgek_domain::Currency::KGS)
            .grouped(self.group_sep(), self.decimal_sep())
    }

    /// A count that cannot be negative.
    pub fn number_u(&self, n: impl Borrow<u64>) -> String {
        self.number(i64::try_from(*n.borrow()).unwrap_or(i64::MAX))
    }

    /// A value kept in hundredths (an average score times 100) with two decimals: `31,50`.
    pub fn hundredths(&self, x100: i64) -> String {
        let sign = if x100 < 0 { "-" } else { "" };
        let abs = x100.unsigned_abs();
        format!("{sign}{}{}{:02}", abs / 100, self.decimal_sep(), abs % 100)
    }

    /// A value kept in tenths (a median of days) with one decimal: `4,5`; whole ones without.
    pub fn tenths(&self, x10: i64) -> String {
        let sign = if x10 < 0 { "-" } else { "" };
        let abs = x10.unsigned_abs();
        if abs.is_multiple_of(10) {
            return format!("{sign}{}", abs / 10);
        }
        format!("{sign}{}{}{}", abs / 10, self.decimal_sep(), abs % 10)
    }

    /// A share in basis points to a tenth of a percent: `13,0 %` or `13.0%`.
    pub fn percent(&self, bp: impl Borrow<u32>) -> String {
        let tenths = (*bp.borrow() + 5) / 10;
        let sign = match self.lang {
            Lang::Ky | Lang::Ru => "\u{a0}%",
            Lang::En => "%",
        };
        format!("{}{}{}{sign}", tenths / 10, self.decimal_sep(), tenths % 10)
    }

    /// "Page 2 of 7".
    pub fn page_of(&self, page: impl Borrow<i64>, pages: impl Borrow<i64>) -> String {
        let (page, pages) = (*page.borrow(), *pages.borrow());
        self.t_with("page-of", &[("page", FluentValue::from(page)), ("pages", FluentValue::from(pages.max(1)))])
    }

    /// An amount of som: `1 200,50 сом` in Kyrgyz and Russian, `1,200.50 som` in English.
    pub fn som(&self, m: &emgek_domain::Money) -> String {
        format!("{} {}", m.grouped(self.group_sep(), self.decimal_sep()), self.t("unit-som"))
    }

    /// An amount in its own currency: som as [`Tr::som`] writes them, dollars as `231,000 USD`
    /// (`231 000 АКШ долл.` in Kyrgyz). Amounts in different currencies are never added.
    pub fn money(&self, m: &emgek_domain::Money) -> String {
        match m.currency() {
            emgek_domain::money::Currency::KGS => self.som(m),
            emgek_domain::money::Currency::USD => {
                format!("{} {}", m.grouped(self.group_sep(), self.decimal_sep()), self.t("unit-usd"))
            }
            // Euros, yuan, roubles, tenge, yen and won are written with their ISO code.
            other => format!("{} {}", m.grouped(self.group_sep(), self.decimal_sep()), other.code()),
        }
    }

    fn group_sep(&self) -> &'static str {
        match self.lang {
            Lang::Ky | Lang::Ru => "\u{202f}",
            Lang::En => ",",
        }
    }

    fn decimal_sep(&self) -> &'static str {
        match self.lang {
            Lang::Ky | Lang::Ru => ",",
            Lang::En => ".",
        }
    }

    /// What is wrong with a value, in words: "a PIN has exactly 14 digits (given: 123).".
    /// A rule whose message places the value itself ("only { $value } is left on this budget
    /// line") gets no "(given: …)".
    pub fn field_error(&self, e: &FieldError) -> String {
        let id = e.message_id();
        let rule = self.t(&id);
        let placed = self.t_with(&id, &[("value", FluentValue::from(e.value.clone()))]);
        if placed != rule {
            format!("{placed}.")
        } else if e.value.is_empty() {
            format!("{rule}.")
        } else {
            format!("{rule} ({}).", self.t_with("given", &[("value", FluentValue::from(e.value.clone()))]))
        }
    }

    /// What a rule asks, in words, without the value ("a PIN has exactly 14 digits").
    pub fn rule(&self, rule: &str) -> String {
        self.t(&format!("rule-{}", rule.replace(['.', '_'], "-")))
    }

    /// The label of a field, as the forms and reject files name it.
    pub fn field(&self, field: &str) -> String {
        // `members[2].pin` is labelled as `pin`.
        let field = field.rsplit('.').next().unwrap_or(field);
        // `days_12` (a line of a table, by record id) is labelled as `days`.
        let field = match field.rsplit_once('_') {
            Some((name, id)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => field,
        };
        let name = field.replace('_', "-");
        if let Some(scope) = self.scope
            && let Some(label) = LOCALES.try_lookup(&self.id, &format!("field-{scope}-{name}"))
        {
            return label;
        }
        self.t(&format!("field-{name}"))
    }
}

/// The sentence with its first letter in upper case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
