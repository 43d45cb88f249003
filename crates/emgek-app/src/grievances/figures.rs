//! The register's figures over a period, for the places where the reader reads indicators:
//! grievances received by category, oblast and channel, the share closed by the deadline, the
//! median days to close, repeat complainants, appeals upheld, and the notices' fate. Complaints
//! of abuse and corruption are counted only for national readers (a rayon's count would tell its
//! staff that one concerns them); a prison facility's only where its figures may be read.

use emgek_domain::FieldError;
use emgek_domain::access::{Areas, Permission};
use emgek_domain::grievance::figures::{Figures, GrievanceFact, share_bp};
use emgek_domain::household::parse_date;
use serde::Serialize;
use time::{Date, Duration, Month, OffsetDateTime, Time};

use crate::{App, AppError, Caller};

/// The longest period the figures cover, in days (five years).
pub const SPAN_MAX_DAYS: i64 = 5 * 366;

/// The register's figures over a period, as the reader may read them.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegisterFigures {
    #[schema(value_type = String)]
    pub from: Date,
    #[schema(value_type = String)]
    pub to: Date,
    pub grievances: Figures,
    /// Appeals decided in the period, and of those upheld (the decision set aside).
    pub appeals_decided: i64,
    pub appeals_upheld: i64,
    /// `appeals_upheld` as a share of `appeals_decided`, in basis points.
    pub appeals_upheld_bp: Option<u32>,
    /// Notices written in the period: handed to the gateway (delivered or not yet known),
    /// delivered, failed after their tries, waiting to be sent, and withheld (an opt-out, a
    /// text that named what it may not).
    pub notices_sent: i64,
    pub notices_delivered: i64,
    pub notices_failed: i64,
    pub notices_waiting: i64,
    pub notices_withheld: i64,
}

/// A period as typed: `from` and `to` (`YYYY-MM-DD` or `DD.MM.YYYY`), by default from the first
/// of January to today.
pub fn period(today: Date, from: &str, to: &str) -> Result<(Date, Date), AppError> {
    let mut errors = Vec::new();
    let mut day = |field: &str, typed: &str, default: Date| match typed.trim() {
        "" => Some(default),
        t => match parse_date(t).filter(|d| d.year() >= 2000 && d.year() <= 2100) {
            Some(d) => Some(d),
            None => {
                errors.push(FieldError::new(field, "date.invalid", t));
                None
            }
        },
    };
    let first_of_year = Date::from_calendar_date(today.year(), Month::January, 1).unwrap_or(today);
    let (from, to) = (day("from", from, first_of_year), day("to", to, today));
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            errors.push(FieldError::new("to", "figures.period_backwards", t.to_string()));
        } else if (t - f).whole_days() > SPAN_MAX_DAYS {
            errors.push(FieldError::new("to", "figures.period_long", t.to_string()));
        }
    }
    match (from, to) {
        (Some(f), Some(t)) if errors.is_empty() => Ok((f, t)),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// The figures of `from..=to` for the places where the caller reads indicators.
pub async fn figures(app: &App, caller: &Caller, from: &str, to: &str) -> Result<RegisterFigures, AppError> {
    let (from, to) = period(app.clock.today(), from, to)?;
    let reach = app.reach(caller);
    let read = reach.places(Permission::ReadIndicators);
    let sensitive = if caller.national(Permission::ReadIndicators) { read.clone() } else { Areas::default() };
    let facilities = caller.facilities(Permission::ReadIndicators);
    let facts: Vec<GrievanceFact> = app
        .store
        .grievance_facts(from, to, &read, &sensitive, &facilities)
        .await?
        .into_iter()
        .map(|g| {
            let contact: String = g.complainant_contact.chars().filter(|c| !c.is_whitespace()).collect();
            let complainant = match (g.anonymous, g.household_id) {
                (true, _) => None,
                (false, Some(h)) => Some(format!("household:{h}")),
                (false, None) if !contact.is_empty() => Some(format!("contact:{}", contact.to_lowercase())),
                (false, None) => None,
            };
            GrievanceFact {
                category: g.category,
                channel: g.channel,
                oblast: g.oblast_code,
                received_on: g.received_on,
                answer_by: g.answer_by,
                closed_on: g.closed_on,
                complainant,
            }
        })
        .collect();
    let appeals = app.store.appeal_outcomes(from, to, &read, &sensitive, &facilities).await?;
    let appeals_of = |status: &str| appeals.iter().filter(|(s, _)| s == status).map(|(_, n)| n).sum::<i64>();
    let (upheld, decided) = (appeals_of("upheld"), appeals_of("upheld") + appeals_of("dismissed"));
    let start = OffsetDateTime::new_utc(from, Time::MIDNIGHT);
    let until = OffsetDateTime::new_utc(to + Duration::days(1), Time::MIDNIGHT);
    let notices = app.store.notice_states(start, until, &read, &facilities).await?;
    let notices_in =
        |states: &[&str]| notices.iter().filter(|(s, _)| states.contains(&s.as_str())).map(|(_, n)| n).sum::<i64>();
    Ok(RegisterFigures {
        from,
        to,
        grievances: Figures::of(&facts, from, to),
        appeals_decided: decided,
        appeals_upheld: upheld,
        appeals_upheld_bp: share_bp(upheld, decided),
        notices_sent: notices_in(&["sent", "delivered"]),
        notices_delivered: notices_in(&["delivered"]),
        notices_failed: notices_in(&["failed"]),
        notices_waiting: notices_in(&["queued", "sending", "unsure"]),
        notices_withheld: notices_in(&["withheld"]),
    })
}

#[cfg(test)]
#[path = "figures_tests.rs"]
mod tests;
