//! The sweep: the open grievances marked on time, at risk or overdue, and those overdue sent a
//! level up, by the system, once across servers (a step names what its grievance held).

use emgek_domain::grievance::case::{Standing, Step, standing};

use super::{calendar, rule_book, state_of, step_of, told};
use crate::notices;
use crate::{App, AppError, Caller};
use emgek_domain::notice::{NoticeEvent, Placeholder};

/// What a sweep did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Swept {
    pub open: usize,
    pub at_risk: usize,
    pub overdue: usize,
    pub escalated: usize,
}

/// Marks every open grievance on time, at risk or overdue, and sends each one overdue to the
/// level above (rayon → oblast → ministry) with the rules' working days to answer there. Run
/// by the system; in one transaction, which another sweep that read the same grievances finds
/// changed (`grievance.changed`) rather than doubling an escalation.
pub async fn sweep(app: &App, caller: &Caller) -> Result<Swept, AppError> {
    let today = app.clock.today();
    let calendar = calendar(app).await?;
    let book = rule_book(app).await?;
    let mut steps = Vec::new();
    let mut swept = Swept::default();
    for g in app.store.open_grievances().await? {
        swept.open += 1;
        let rules = book.in_force(g.received_on).or_else(|| book.versions().first());
        let at_risk_days = rules.map_or(3, |r| r.at_risk_days);
        let state = state_of(&g)?;
        let now = standing(&calendar, today, g.answer_by, at_risk_days);
        let mut step = match (now, state.after(Step::Escalate)) {
            (Standing::Overdue, Ok(next)) => {
                swept.escalated += 1;
                let mut step = step_of(&g, "escalated", next, g.answer_by.to_string(), app.clock.now());
                step.answer_by = calendar.add_working_days(today, rules.map_or(5, |r| r.escalation_days));
                let answer_by = step.answer_by;
                let key = format!("escalated:{}", next.level.code());
                step.notices = told(app, &g, NoticeEvent::GrievanceEscalated, &key, |l| {
                    vec![(Placeholder::Date, notices::date(l, answer_by))]
                })
                .await?;
                step
            }
            _ if now.code() != g.standing => step_of(&g, "standing", state, String::new(), app.clock.now()),
            _ => {
                count(&mut swept, now);
                continue;
            }
        };
        step.standing = standing(&calendar, today, step.answer_by, at_risk_days).code().into();
        count(&mut swept, Standing::parse(&step.standing).unwrap_or(now));
        steps.push(step);
    }
    app.store.take_grievance_steps(&caller.actor(), &steps).await?;
    Ok(swept)
}

/// Sweeps by itself until the process ends: `first` after it starts, then every `every`. Two
/// servers sweeping at once take each step once (a step names what its grievance held before;
/// the later sweep is refused whole and the next one finds nothing left to do).
pub async fn sweep_every(app: App, first: std::time::Duration, every: std::time::Duration) {
    let system = Caller::system("grievance-sweep");
    tokio::time::sleep(first).await;
    loop {
        match sweep(&app, &system).await {
            Ok(s) if s.escalated > 0 => {
                tracing::info!(escalated = s.escalated, overdue = s.overdue, "grievances swept")
            }
            Ok(_) | Err(AppError::Conflict(_)) => {}
            Err(e) => tracing::warn!(error = %e, "cannot sweep the grievances"),
        }
        // The monthly report's reminders ride on the same sweep.
        match crate::notices::reminders::sweep(&app).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(reminders = n, "monthly report reminders written"),
            Err(e) => tracing::warn!(error = %e, "cannot write the monthly report's reminders"),
        }
        tokio::time::sleep(every).await;
    }
}

fn count(swept: &mut Swept, standing: Standing) {
    match standing {
        Standing::OnTime => {}
        Standing::AtRisk => swept.at_risk += 1,
        Standing::Overdue => swept.overdue += 1,
    }
}
