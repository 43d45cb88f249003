//! Brand certification: a committee's assessment of a product, certificates issued before
//! emgek, and the versions of the certification rules.

use std::collections::BTreeMap;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::household::parse_date;
use emgek_domain::ovop::certification::{
    CertificationRules, Level, Validity, assess, check_certificate_number, check_national, rules_on, valid_until,
};
use emgek_store::ovop::NewCertification;

use crate::prison::invalid;
use crate::{App, AppError, Caller};

/// The validity of a product's regional certificates, held.
async fn regional_certificates(app: &App, product: i64) -> Result<Vec<Validity>, AppError> {
    Ok(app
        .store
        .certifications(product)
        .await?
        .into_iter()
        .filter(|c| c.level == Level::Regional.code())
        .filter_map(|c| Some(Validity { from: c.valid_from?, until: c.valid_until? }))
        .collect())
}

/// A committee's assessment as typed.
pub struct AssessmentForm<'a> {
    pub level: &'a str,
    pub assessed_on: &'a str,
    pub scores: BTreeMap<String, u32>,
    pub certificate_number: &'a str,
    pub comment: &'a str,
}

/// A certificate's level as typed; the national brand only for the national commission (a
/// grant for the country).
fn level(caller: &Caller, typed: &str, errors: &mut Vec<FieldError>) -> Option<Level> {
    let level = Level::parse(typed);
    if level.is_none() {
        errors.push(FieldError::new("level", "certification.level_unknown", typed.trim()));
    }
    if level == Some(Level::National) && !caller.areas(Permission::CertifyProducts).everywhere {
        errors.push(FieldError::new("level", "certification.national_only", ""));
    }
    level
}

/// A brand committee's assessment of a product. A region's committee (a member with a grant
/// for the product's oblast, or the whole country) certifies for its oblast; only the national
/// commission (a grant for the country) grants the national brand, to a product whose regional
/// certificate is valid that day. A passed assessment needs its certificate's number.
pub async fn assess_product(app: &App, caller: &Caller, product: i64, f: AssessmentForm<'_>) -> Result<i64, AppError> {
    let p = app.reach(caller).product(Permission::CertifyProducts, product).await?;
    let mut errors = Vec::new();
    let level = level(caller, f.level, &mut errors);
    let on = parse_date(f.assessed_on);
    if on.is_none() {
        errors.push(FieldError::new("assessed_on", "date.invalid", f.assessed_on.trim()));
    }
    let versions = app.store.ovop_rules().await?;
    let rules = on.and_then(|d| rules_on(&versions, d));
    if let (Some(d), None) = (on, rules) {
        errors.push(FieldError::new("assessed_on", "certification.rules_missing", d.to_string()));
    }
    let outcome = match (level, rules) {
        (Some(l), Some(r)) => assess(l, &f.scores, r).map_err(|e| errors.extend(e)).ok(),
        _ => None,
    };
    if let (Some(Level::National), Some(on)) = (level, on) {
        errors.extend(check_national(&regional_certificates(app, product).await?, on).err());
    }
    let number = match outcome {
        Some(o) if o.passed => check_certificate_number(f.certificate_number).map_err(|e| errors.push(e)).ok(),
        _ => None,
    };
    invalid(errors)?;
    let (level, on, outcome) = (level.expect("checked"), on.expect("checked"), outcome.expect("checked"));
    let new = NewCertification {
        product_id: product,
        level: level.code().to_string(),
        oblast_code: (level == Level::Regional).then(|| p.oblast_code.clone()),
        assessed_on: on,
        scores_json: serde_json::to_string(&f.scores).unwrap_or_default(),
        total: i64::from(outcome.total),
        max_points: i64::from(outcome.max),
        certificate: number.map(|n| (n, on, valid_until(on, rules.expect("checked").validity_years))),
        comment: f.comment.trim().to_string(),
    };
    Ok(app.store.record_certification(&caller.actor(), &new).await?)
}

/// A certificate issued before emgek, as the programme's files hold it: no committee's scores,
/// only what the certificate says.
pub struct CertificateForm<'a> {
    pub level: &'a str,
    pub certificate_number: &'a str,
    pub valid_from: &'a str,
    pub valid_until: &'a str,
}

/// Checks, writing nothing, a certificate issued before emgek, by whom [`assess_product`] allows to certify the
/// product: its number, level and validity (from a day not in the future, until a later day);
/// the national brand needs a regional certificate valid on its first day. Kept as a passed
/// assessment without scores, its comment saying where it came from.
/// `regional` are regional certificates of the product not yet recorded (earlier rows of the
/// same file).
pub async fn check_certificate(
    app: &App,
    caller: &Caller,
    product: i64,
    f: CertificateForm<'_>,
    regional: &[Validity],
) -> Result<NewCertification, AppError> {
    let p = app.reach(caller).product(Permission::CertifyProducts, product).await?;
    let mut errors = Vec::new();
    let level = level(caller, f.level, &mut errors);
    let number = check_certificate_number(f.certificate_number).map_err(|e| errors.push(e)).ok();
    let from = parse_date(f.valid_from);
    match from {
        None => errors.push(FieldError::new("valid_from", "date.invalid", f.valid_from.trim())),
        Some(d) if d > app.clock.today() => errors.push(FieldError::new("valid_from", "date.future", d.to_string())),
        Some(_) => {}
    }
    let until = parse_date(f.valid_until);
    match (from, until) {
        (_, None) => errors.push(FieldError::new("valid_until", "date.invalid", f.valid_until.trim())),
        (Some(a), Some(b)) if b <= a => {
            errors.push(FieldError::new("valid_until", "certificate.validity_order", b.to_string()))
        }
        _ => {}
    }
    if let (Some(Level::National), Some(on)) = (level, from) {
        let mut held = regional_certificates(app, product).await?;
        held.extend_from_slice(regional);
        errors.extend(check_national(&held, on).err());
    }
    invalid(errors)?;
    let (level, from) = (level.expect("checked"), from.expect("checked"));
    let new = NewCertification {
        product_id: product,
        level: level.code().to_string(),
        oblast_code: (level == Level::Regional).then(|| p.oblast_code.clone()),
        assessed_on: from,
        scores_json: "{}".to_string(),
        total: 0,
        max_points: 0,
        certificate: Some((number.expect("checked"), from, until.expect("checked"))),
        comment: "carried over from the programme's records".to_string(),
    };
    Ok(new)
}

/// Records a certificate checked by [`check_certificate`].
pub async fn record_certificate(
    app: &App,
    caller: &Caller,
    product: i64,
    f: CertificateForm<'_>,
) -> Result<i64, AppError> {
    let new = check_certificate(app, caller, product, f, &[]).await?;
    Ok(app.store.record_certification(&caller.actor(), &new).await?)
}

/// Adds a version of the certification rules, in force from its date: national administrators
/// of the programme only (`ovop.national`). Shares are typed in percent.
pub async fn add_rules(
    app: &App,
    caller: &Caller,
    (from, pass_percent, years): (&str, &str, &str),
) -> Result<(), AppError> {
    if !caller.areas(Permission::ManageOvop).everywhere {
        return Err(AppError::Invalid(vec![FieldError::new("effective_from", "ovop.national", "")]));
    }
    let mut errors = Vec::new();
    let effective_from = parse_date(from);
    if effective_from.is_none() {
        errors.push(FieldError::new("effective_from", "date.invalid", from.trim()));
    }
    let pass_bp = emgek_domain::money::parse_hundredths(pass_percent.trim()).ok().and_then(|v| u32::try_from(v).ok());
    if pass_bp.is_none() {
        errors.push(FieldError::new("pass_share", "percent.format", pass_percent.trim()));
    }
    let validity_years = years.trim().parse::<u8>().unwrap_or(0);
    let rules = CertificationRules {
        effective_from: effective_from.unwrap_or(time::Date::MIN),
        pass_bp: pass_bp.unwrap_or(1),
        validity_years,
    };
    errors.extend(rules.check());
    invalid(errors)?;
    Ok(app.store.add_ovop_rules(&caller.actor(), &rules).await?)
}
