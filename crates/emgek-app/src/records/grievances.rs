//! Grievances brought from another register (a hotline's, an office's book): each row through
//! the same checks as one typed at the office, numbered in emgek's register and answered here;
//! its number there (`reference`) is the key, so a file sent twice adds nothing. Events of the
//! past tell nobody: no notice is written for a grievance brought from a file.

use emgek_domain::FieldError;
use emgek_domain::grievance::case::Channel;
use emgek_domain::household::parse_yes_no;

use super::batch::Queued;
use super::{Outcome, Pass};
use crate::AppError;
use crate::grievances::{self, GrievanceForm};

/// The longest number of another register, in characters.
const REFERENCE_MAX: usize = 60;

/// A grievance of the file (columns in `GRIEVANCES` order).
pub(super) async fn grievance(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let reference = v[0].trim();
    let mut errors = Vec::new();
    if reference.is_empty() {
        errors.push(FieldError::new("reference", "text.required", ""));
    } else if reference.chars().count() > REFERENCE_MAX {
        errors.push(FieldError::new("reference", "grievance.about_ref_long", ""));
    }
    let anonymous = match v[5].trim() {
        "" => Some(false),
        typed => parse_yes_no(typed),
    };
    if anonymous.is_none() {
        errors.push(FieldError::new("anonymous", "consent.format", v[5].trim()));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    pass.first_time("reference", reference).map_err(AppError::Invalid)?;
    if pass.held.grievances.contains(reference) {
        return Ok(Outcome::Held);
    }
    let channel = match v[2].trim() {
        "" => Some(Channel::Import),
        typed => Channel::parse(typed).filter(|c| *c != Channel::Web),
    };
    let form = GrievanceForm {
        channel: v[2].trim().to_string(),
        category: v[3].clone(),
        rayon: v[4].clone(),
        anonymous: anonymous.unwrap_or(false),
        name: v[6].clone(),
        contact: v[7].clone(),
        language: v[8].clone(),
        about: v[9].clone(),
        about_ref: v[10].clone(),
        summary: v[11].clone(),
        received_on: v[1].clone(),
    };
    let (mut new, _) = grievances::prepare(pass.app, pass.caller, &form, channel, false).await?;
    new.source_ref = Some(reference.to_string());
    new.notice = None;
    pass.held.grievances.insert(reference.to_string());
    pass.queue(Queued::Grievance(Box::new(new)));
    Ok(Outcome::Added)
}
