//! Records within reach: a household outside the places a user works in does not exist for
//! her (a 404, never a 403 that would confirm it is there).

use emgek_app::{AppError, registry};
use emgek_domain::access::{Permission, mask_pin};
use emgek_store::{AuditFilter, HouseholdRecord, Source, StoreError};

use crate::auth::CurrentUser;
use crate::state::AppState;

/// The household, if it lies where the user may use `permission` (`emgek_app::registry`).
pub async fn household(
    state: &AppState,
    user: &CurrentUser,
    permission: Permission,
    id: i64,
) -> Result<HouseholdRecord, StoreError> {
    registry::household(state.app(), &user.caller(Source::Web), permission, id).await.map_err(into_store)
}

/// Whether the user sees the household's PINs and disability; if she does, the view is
/// recorded in the audit log.
pub async fn viewed(state: &AppState, user: &CurrentUser, record: &HouseholdRecord) -> Result<bool, StoreError> {
    registry::sees_personal_data(state.app(), &user.caller(Source::Web), record).await.map_err(into_store)
}

/// A record reached through the caller's reach (`emgek_app::reach`), for the handlers that
/// speak in store errors: out of reach is not found.
macro_rules! within {
    ($($(#[$doc:meta])* $name:ident => $kind:ident: $row:ty;)*) => {$(
        $(#[$doc])*
        pub async fn $name(
            state: &AppState,
            user: &CurrentUser,
            permission: Permission,
            id: i64,
        ) -> Result<$row, StoreError> {
            state.app().reach(&user.caller(Source::Web)).$kind(permission, id).await.map_err(into_store)
        }
    )*};
}

within! {
    /// The prison facility, if the user may use `permission` there.
    facility_within => facility: emgek_store::prison::FacilityRow;
    /// The workshop and its facility.
    workshop_within => workshop: (emgek_store::prison::WorkshopRow, emgek_store::prison::FacilityRow);
    /// The order with its workshop and facility.
    order_within => order: (emgek_store::prison::OrderRow, emgek_store::prison::WorkshopRow, emgek_store::prison::FacilityRow);
    /// The business plan and its facility.
    plan_within => plan: (emgek_store::plans::PlanRow, emgek_store::prison::FacilityRow);
    /// The training course.
    course_within => course: emgek_store::prison::CourseRow;
    /// The OVOP producer.
    producer_within => producer: emgek_store::ovop::ProducerRow;
    /// The OVOP product.
    product_within => product: emgek_store::ovop::ProductRow;
}

/// A use case's failure for the handlers that still speak in store errors: out of reach is
/// not found.
pub fn into_store(e: AppError) -> StoreError {
    match e {
        AppError::NotFound => StoreError::NotFound,
        AppError::Conflict(rule) => StoreError::Conflict(rule),
        AppError::Store(e) => e,
        other => StoreError::Config(other.to_string()),
    }
}

/// The audit rows a reader may see: all of them for a national reader; for a reader of some
/// places, those written by the users whose grants lie within her places, and by herself.
pub async fn audit_reach(
    state: &AppState,
    user: &CurrentUser,
    mut filter: AuditFilter,
) -> Result<AuditFilter, StoreError> {
    filter.actors = actors_within(state, user, Permission::ReadAudit).await?;
    Ok(filter)
}

/// Whose work a reader holding `permission` may see listed: anyone's (`None`) with the
/// permission for the whole country, else the users all of whose grants lie within her
/// places for it, and herself.
pub async fn actors_within(
    state: &AppState,
    user: &CurrentUser,
    permission: Permission,
) -> Result<Option<Vec<String>>, StoreError> {
    if user.access.is_national(permission) {
        return Ok(None);
    }
    let users = state.store.list_users().await?;
    let within = |u: &emgek_store::UserRecord| {
        !u.access.grants.is_empty() && u.access.grants.iter().all(|g| user.access.covers(permission, &g.scope))
    };
    let mut actors: Vec<String> = users.into_iter().filter(within).map(|u| u.username).collect();
    actors.push(user.name.clone());
    Ok(Some(actors))
}

/// An audit row's detail as a reader sees it. Audit rows carry no place, so only a reader who
/// may see personal data in the whole country sees them unmasked; for anyone else every PIN,
/// disability group and search that may hold a PIN's digits in the detail is masked.
pub fn audit_detail(user: &CurrentUser, detail: &str) -> String {
    if user.access.is_national(Permission::ViewSensitive) {
        return detail.to_string();
    }
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(mut value) => {
            mask_personal(&mut value);
            value.to_string()
        }
        Err(_) => "***".into(),
    }
}

fn mask_personal(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            for (key, v) in fields.iter_mut() {
                match (key.as_str(), &*v) {
                    ("pin", Value::String(pin)) => *v = Value::String(mask_pin(pin)),
                    ("disability", Value::Null) => {}
                    ("disability", _) => *v = Value::String("***".into()),
                    ("q", Value::String(q)) if q.chars().any(|c| c.is_ascii_digit()) => {
                        *v = Value::String("***".into())
                    }
                    _ => mask_personal(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_personal),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use emgek_domain::access::{Access, Grant, Role, Scope};

    fn reader(role: Role) -> CurrentUser {
        CurrentUser {
            id: Some(1),
            name: "r".into(),
            display_name: String::new(),
            access: Access::new(vec![Grant { role, scope: Scope::Country }]),
            ip: String::new(),
            csrf: String::new(),
            must_change_password: false,
        }
    }

    #[test]
    fn an_audit_detail_hides_pins_disability_and_pin_searches_from_readers_who_may_not_see_them() {
        let detail = r#"{"before":{"pin":"21503198512345","disability":"II","full_name":"A"},"after":{"members":[{"pin":"21503198512346","disability":"none"}]},"filter":{"q":"2150"}}"#;
        let seen = audit_detail(&reader(Role::Auditor), detail);
        assert!(
            !seen.contains("21503198512345") && !seen.contains("2150319851234") && !seen.contains("\"II\""),
            "{seen}"
        );
        assert!(
            seen.contains("**********2345") && seen.contains("**********2346") && seen.contains("\"q\":\"***\""),
            "{seen}"
        );
        assert_eq!(audit_detail(&reader(Role::Administrator), detail), detail);
    }
}
