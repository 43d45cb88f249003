//! The business-plan trainings of a call, and the families who attended them (attendance is
//! one of the facts an application freezes when it is submitted).

use emgek_domain::FieldError;
use emgek_domain::access::Permission;

use crate::programmes::date;
use crate::{App, AppError, Caller};

/// A training as typed.
pub struct NewTraining<'a> {
    pub title: &'a str,
    pub held_on: &'a str,
    pub rayon: &'a str,
}

/// Records a training of the call in one of the rayons where the caller edits applications.
pub async fn create_training(app: &App, caller: &Caller, call: i64, t: NewTraining<'_>) -> Result<i64, AppError> {
    app.store.call(call).await?;
    let mut errors = Vec::new();
    let held_on = date(&mut errors, "held_on", t.held_on);
    let rayon = t.rayon.trim().to_uppercase();
    match emgek_domain::geography::rayon(&rayon) {
        None => errors.push(FieldError::new("rayon", "rayon.unknown", rayon.as_str())),
        Some(r) if !caller.areas(Permission::EditApplications).contains(r.oblast, r.code) => {
            errors.push(FieldError::new("rayon", "scope.outside", rayon.as_str()))
        }
        Some(_) => {}
    }
    if t.title.trim().is_empty() {
        errors.push(FieldError::new("title", "training.title_required", ""));
    }
    let (Some(held_on), true) = (held_on, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    Ok(app.store.create_training(&caller.actor(), call, t.title.trim(), held_on, &rayon).await?)
}

/// Records that a household within the caller's reach attended a training; twice changes
/// nothing.
pub async fn record_attendance(app: &App, caller: &Caller, training: i64, household: i64) -> Result<(), AppError> {
    app.store.training(training).await?;
    app.reach(caller).household(Permission::EditApplications, household).await?;
    Ok(app.store.record_attendance(&caller.actor(), training, household).await?)
}
