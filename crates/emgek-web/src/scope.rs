//! Records within reach: a household outside the places a user works in does not exist for
//! her (a 404, never a 403 that would confirm it is there).

use emgek_app::{AppError, registry};
use emgek_domain::access::Permission;
use emgek_store::{HouseholdRecord, Source, StoreError};

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
