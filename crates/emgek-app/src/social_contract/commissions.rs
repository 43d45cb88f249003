//! The district commissions that review a call's applications, and their members.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::review::ConflictRule;
use emgek_store::StoreError;

use crate::{App, AppError, Caller};

/// A district commission as typed: its rayon, name, quorum and conflict-of-interest rule.
pub struct NewCommission<'a> {
    pub rayon: &'a str,
    pub name: &'a str,
    pub quorum: &'a str,
    pub conflict_rule: &'a str,
}

/// Sets up the commission that reviews a call's applications from one rayon, within the
/// places where the caller manages programmes. An empty name becomes the rayon's.
pub async fn create_commission(app: &App, caller: &Caller, call: i64, c: NewCommission<'_>) -> Result<i64, AppError> {
    let NewCommission { rayon, name, quorum, conflict_rule } = c;
    app.store.call(call).await?;
    let mut errors = Vec::new();
    let rayon = rayon.trim().to_uppercase();
    match emgek_domain::geography::rayon(&rayon) {
        None => errors.push(FieldError::new("rayon", "rayon.unknown", rayon.as_str())),
        Some(r) if !caller.areas(Permission::ManageProgrammes).contains(r.oblast, &rayon) => {
            errors.push(FieldError::new("rayon", "scope.outside", rayon.as_str()))
        }
        Some(_) => {}
    }
    let quorum = match quorum.trim().parse::<u32>() {
        Ok(0) => {
            errors.push(FieldError::new("quorum", "commission.quorum_zero", "0"));
            0
        }
        Ok(n) => n,
        Err(_) => {
            errors.push(FieldError::new("quorum", "number.whole", quorum.trim()));
            0
        }
    };
    let rule = ConflictRule::parse(conflict_rule.trim());
    if rule.is_none() {
        errors.push(FieldError::new("conflict_rule", "commission.conflict_rule_unknown", conflict_rule.trim()));
    }
    let (Some(rule), true) = (rule, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let name = match name.trim() {
        "" => emgek_domain::geography::rayon(&rayon).map(|r| r.name_ky.to_string()).unwrap_or_else(|| rayon.clone()),
        given => given.to_string(),
    };
    Ok(app.store.create_commission(&caller.actor(), call, &rayon, &name, i64::from(quorum), rule.code()).await?)
}

/// Seats a user on a commission, with the aiyl okmotu she lives in (the conflict rule compares
/// it with the family's). She must be able to review the commission's rayon.
pub async fn add_commission_member(
    app: &App,
    caller: &Caller,
    commission: i64,
    member: i64,
    aiyl_okmotu: &str,
) -> Result<(), AppError> {
    let c = app.store.commission(commission).await?;
    let oblast = emgek_domain::geography::rayon(&c.rayon_code).map(|r| r.oblast).unwrap_or_default();
    if !caller.areas(Permission::ManageProgrammes).contains(oblast, &c.rayon_code) {
        return Err(StoreError::NotFound.into());
    }
    let record = app.store.user(member).await.map_err(|e| match e {
        StoreError::NotFound => AppError::field("user_id", "commission.member_unknown", member.to_string()),
        other => AppError::Store(other),
    })?;
    if !may_sit(&record, &c.rayon_code) {
        return Err(AppError::field("user_id", "commission.member_cannot_review", record.username));
    }
    Ok(app.store.add_commission_member(&caller.actor(), commission, member, aiyl_okmotu.trim()).await?)
}

/// Whether a user may sit on a commission of this rayon: she reviews applications there and
/// may sign in. What the page offers and what `seat` checks.
pub fn may_sit(user: &emgek_store::UserRecord, rayon: &str) -> bool {
    let oblast = emgek_domain::geography::rayon(rayon).map(|r| r.oblast).unwrap_or_default();
    !user.disabled && user.access.areas(Permission::ReviewApplications).contains(oblast, rayon)
}
