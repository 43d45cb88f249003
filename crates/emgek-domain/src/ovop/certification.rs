//! Brand certification. A region's brand committee assesses a product against the criteria and,
//! when it reaches the pass mark, certifies it for a number of years; the national commission
//! grants the national brand, on stricter criteria, only to a product holding a regional
//! certificate valid on the day. The pass mark and the validity are the programme's settings,
//! never constants of the code.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::field_error::FieldError;
use crate::social_contract::programme::Criterion;
use crate::social_contract::review;

/// Who certifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A regional brand committee: the oblast's brand.
    Regional,
    /// The national commission: the national brand.
    National,
}

impl Level {
    pub const ALL: [Level; 2] = [Level::Regional, Level::National];

    pub fn code(self) -> &'static str {
        match self {
            Level::Regional => "regional",
            Level::National => "national",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code.trim())
    }
}

/// What a committee scores: local resources, quality, tradition, packaging and a market; the
/// national commission also readiness to export.
pub fn criteria(level: Level) -> Vec<Criterion> {
    let mut list = vec![("local_resources", 10), ("quality", 10), ("tradition", 5), ("packaging", 5), ("market", 10)];
    if level == Level::National {
        list.push(("export_readiness", 10));
    }
    list.into_iter().map(|(code, max_points)| Criterion { code: code.into(), max_points }).collect()
}

/// The programme's rules for certification, as a version in force from a date; versions are
/// added, never rewritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CertificationRules {
    pub effective_from: Date,
    /// The share of the most points a product must reach, in basis points (7000 = 70%).
    pub pass_bp: u32,
    /// How long a certificate is valid.
    pub validity_years: u8,
}

impl CertificationRules {
    /// A realistic default (public reports): 70% of the points, three years.
    pub fn example(effective_from: Date) -> Self {
        Self { effective_from, pass_bp: 7_000, validity_years: 3 }
    }

    /// A pass mark above nothing and at most every point; a validity of 1 to 10 years.
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.pass_bp == 0 || self.pass_bp > 10_000 {
            errors.push(FieldError::new("pass_share", "share.range", self.pass_bp.to_string()));
        }
        if !(1..=10).contains(&self.validity_years) {
            errors.push(FieldError::new(
                "validity_years",
                "certification.validity_range",
                self.validity_years.to_string(),
            ));
        }
        errors
    }
}

/// The version in force on `day`: the latest that took effect on or before it.
pub fn rules_on(versions: &[CertificationRules], day: Date) -> Option<CertificationRules> {
    versions.iter().filter(|r| r.effective_from <= day).max_by_key(|r| r.effective_from).copied()
}

/// A committee's assessment: the points, the most there were, and whether the product passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub total: u32,
    pub max: u32,
    pub passed: bool,
}

/// Scores a product on the level's criteria (every criterion, none above its maximum).
pub fn assess(
    level: Level,
    scores: &BTreeMap<String, u32>,
    rules: CertificationRules,
) -> Result<Outcome, Vec<FieldError>> {
    let criteria = criteria(level);
    let total = review::total(&criteria, scores)?;
    let max: u32 = criteria.iter().map(|c| c.max_points).sum();
    let passed = u64::from(total) * 10_000 >= u64::from(rules.pass_bp) * u64::from(max);
    Ok(Outcome { total, max, passed })
}

/// The last day a certificate issued on `from` is valid: the day before its anniversary
/// `years` on (a certificate of 29 February, whose anniversary is 1 March in a common year,
/// runs to 28 February).
pub fn valid_until(from: Date, years: u8) -> Date {
    let year = from.year() + i32::from(years);
    let anniversary = Date::from_calendar_date(year, from.month(), from.day())
        .or_else(|_| Date::from_calendar_date(year, time::Month::March, 1))
        .unwrap_or(from);
    anniversary.previous_day().unwrap_or(anniversary)
}

/// A certificate as stored: valid from its first to its last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub from: Date,
    pub until: Date,
}

impl Validity {
    pub fn holds_on(self, on: Date) -> bool {
        self.from <= on && on <= self.until
    }
}

/// A certificate number: 3 to 40 letters, digits, `-`, `/` or `.`, e.g. `KG-Y/2024/015`.
pub fn check_certificate_number(text: &str) -> Result<String, FieldError> {
    let t = text.trim().to_uppercase();
    let ok =
        (3..=40).contains(&t.chars().count()) && t.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.'));
    if ok { Ok(t) } else { Err(FieldError::new("certificate_number", "certificate.format", text.trim())) }
}

/// The national brand needs a regional certificate valid on the day of the assessment.
pub fn check_national(regional: &[Validity], on: Date) -> Result<(), FieldError> {
    if regional.iter().any(|v| v.holds_on(on)) {
        Ok(())
    } else {
        Err(FieldError::new("level", "certification.regional_required", ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn scores(points: &[u32]) -> BTreeMap<String, u32> {
        criteria(Level::National).iter().zip(points).map(|(c, p)| (c.code.clone(), *p)).collect()
    }

    #[test]
    fn a_product_passes_at_the_pass_mark_and_not_a_point_below() {
        let rules = CertificationRules::example(date!(2000 - 01 - 01));
        // 28 of 40 is exactly 70%.
        let pass = assess(Level::Regional, &scores(&[8, 8, 4, 3, 5]), rules).unwrap();
        assert_eq!(pass, Outcome { total: 28, max: 40, passed: true });
        let fail = assess(Level::Regional, &scores(&[8, 8, 4, 3, 4]), rules).unwrap();
        assert!(!fail.passed);
        let national = assess(Level::Regional, &scores(&[8, 8, 4, 3, 5, 9]), rules).unwrap_err();
        assert_eq!(national[0].rule, "review.criterion_unknown", "export readiness is the national commission's");
    }

    #[test]
    fn the_rules_in_force_on_the_day_of_the_assessment_apply() {
        let old = CertificationRules::example(date!(2015 - 01 - 01));
        let new = CertificationRules { effective_from: date!(2024 - 07 - 01), pass_bp: 7_500, validity_years: 2 };
        assert_eq!(rules_on(&[new, old], date!(2024 - 06 - 30)), Some(old));
        assert_eq!(rules_on(&[new, old], date!(2024 - 07 - 01)), Some(new));
        assert_eq!(rules_on(&[new], date!(2020 - 01 - 01)), None);
        let bad = CertificationRules { effective_from: date!(2024 - 07 - 01), pass_bp: 0, validity_years: 11 };
        assert_eq!(bad.check().len(), 2);
    }

    #[test]
    fn a_certificate_runs_to_the_day_before_its_anniversary() {
        assert_eq!(valid_until(date!(2024 - 05 - 15), 3), date!(2027 - 05 - 14));
        assert_eq!(valid_until(date!(2024 - 02 - 29), 1), date!(2025 - 02 - 28));
        let v = Validity { from: date!(2024 - 05 - 15), until: date!(2027 - 05 - 14) };
        assert!(v.holds_on(date!(2027 - 05 - 14)) && !v.holds_on(date!(2027 - 05 - 15)));
    }

    #[test]
    fn the_national_brand_needs_a_valid_regional_certificate() {
        let v = Validity { from: date!(2021 - 01 - 10), until: date!(2024 - 01 - 09) };
        assert_eq!(check_national(&[v], date!(2023 - 06 - 01)), Ok(()));
        assert_eq!(check_national(&[v], date!(2024 - 06 - 01)).unwrap_err().rule, "certification.regional_required");
        assert_eq!(check_certificate_number(" kg-y/2024/015 "), Ok("KG-Y/2024/015".into()));
        assert_eq!(check_certificate_number("x").unwrap_err().rule, "certificate.format");
    }

    proptest! {
        #[test]
        fn a_higher_score_never_fails_where_a_lower_one_passed(
            low in proptest::collection::vec(0u32..=5, 5), extra in 0u32..=5, pass_bp in 0u32..=10_000,
        ) {
            let rules = CertificationRules { effective_from: date!(2000 - 01 - 01), pass_bp, validity_years: 3 };
            let mut high = low.clone();
            high[0] = (high[0] + extra).min(10);
            let a = assess(Level::Regional, &scores(&low), rules).unwrap();
            let b = assess(Level::Regional, &scores(&high), rules).unwrap();
            prop_assert!(!a.passed || b.passed);
        }
    }
}
