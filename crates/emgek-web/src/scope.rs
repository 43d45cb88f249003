//! Records within reach: a household outside the places a user works in does not exist for
//! her (a 404, never a 403 that would confirm it is there).

use emgek_domain::access::Permission;
use emgek_store::{AuditEntry, HouseholdRecord, MemberRecord, Source, StoreError};

use crate::auth::CurrentUser;
use crate::state::AppState;

/// The household, if it lies where the user may use `permission`.
pub async fn household(
    state: &AppState,
    user: &CurrentUser,
    permission: Permission,
    id: i64,
) -> Result<HouseholdRecord, StoreError> {
    let record = state.store.household(id).await?;
    if user.areas(permission).contains(&record.fields.oblast, &record.fields.rayon) {
        Ok(record)
    } else {
        Err(StoreError::NotFound)
    }
}

/// The member, if her household lies where the user may use `permission`.
pub async fn member(
    state: &AppState,
    user: &CurrentUser,
    permission: Permission,
    id: i64,
) -> Result<MemberRecord, StoreError> {
    let member = state.store.member(id).await?;
    household(state, user, permission, member.household_id).await?;
    Ok(member)
}

/// Whether the user sees the household's PINs and disability; if she does, the view is
/// recorded in the audit log.
pub async fn viewed(state: &AppState, user: &CurrentUser, record: &HouseholdRecord) -> Result<bool, StoreError> {
    let sensitive = user.areas(Permission::ViewSensitive).contains(&record.fields.oblast, &record.fields.rayon);
    if sensitive {
        let entry = AuditEntry::new(
            &user.actor(Source::Web),
            "household.view",
            format!("household:{}", record.id),
            serde_json::json!({}),
        );
        state.store.audit(&entry).await?;
    }
    Ok(sensitive)
}
