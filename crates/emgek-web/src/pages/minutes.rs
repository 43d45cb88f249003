//! The printable minutes of a rayon's commission in a call: every return, approval and rejection.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use emgek_domain::access::Permission;
use emgek_store::PageRequest;
use serde::Deserialize;

use super::applications::coded;
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/calls/{id}/minutes"), get(show_minutes))
}

pub struct MinuteLine {
    pub application: i64,
    pub household: String,
    pub decision: String,
    pub reason: String,
    pub scores: String,
    pub conflicts: usize,
    pub on: String,
    /// What most of the panel recommended, or that it was tied.
    pub panel: String,
    /// Whether the decision departs from the panel (the rules allowed it, with a reason).
    pub overrides: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/minutes.html")]
struct MinutesPage {
    ui: Ui,
    call_id: i64,
    call_title: String,
    commission: String,
    rayon: String,
    quorum: i64,
    members: Vec<String>,
    lines: Vec<MinuteLine>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MinutesQuery {
    rayon: String,
}

/// The commission's minutes for a call: its members and every decision with its scores.
async fn show_minutes(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
    Query(q): Query<MinutesQuery>,
) -> Result<MinutesPage, PageError> {
    let fail = |e: emgek_store::StoreError| PageError::store(&ui, e);
    let call_row = state.store.call(call).await.map_err(fail)?;
    let rayon = q.rayon.trim().to_uppercase();
    let caller = user.caller(emgek_store::Source::Web);
    state.app().reach(&caller).rayon(Permission::ReadApplications, &rayon)?;
    let (commission, members) = state
        .store
        .commission_for(call, &rayon)
        .await
        .map_err(fail)?
        .ok_or_else(|| PageError::new(&ui, StatusCode::NOT_FOUND))?;
    let mut names = Vec::new();
    for m in &members {
        names.push(state.store.user(m.user_id).await.map(|u| u.display_name).unwrap_or_default());
    }
    let areas = emgek_domain::access::Areas { everywhere: false, oblasts: Vec::new(), rayons: vec![rayon.clone()] };
    // Minutes are complete: every page of the rayon's applications, however many.
    let mut applications = Vec::new();
    for number in 1.. {
        let request = PageRequest::new(Some(number), Some(PageRequest::MAX_PER_PAGE));
        let page = state.store.list_applications(call, &areas, None, request).await.map_err(fail)?;
        let last = i64::from(number) >= page.pages();
        applications.extend(page.items);
        if last {
            break;
        }
    }
    let mut lines = Vec::new();
    for a in applications {
        let events = state.store.application_events(a.id).await.map_err(fail)?;
        let decisions: Vec<_> = events
            .iter()
            .filter(|e| {
                matches!(e.to_status.as_str(), "approved" | "rejected")
                    || (e.to_status == "returned" && e.from_status == "under_review")
            })
            .collect();
        if decisions.is_empty() {
            continue;
        }
        let reviews =
            state.store.reviews(emgek_store::programmes::ReviewSubject::Application(a.id)).await.map_err(fail)?;
        let scored: Vec<i64> = reviews.iter().filter(|r| !r.conflict).map(|r| r.total).collect();
        let panel = emgek_app::review::panel_of(&reviews);
        let eligible = a.assessment.as_ref().is_some_and(|x| x.eligible);
        let household = state.store.household(a.household_id).await.map_err(fail)?;
        for decision in decisions {
            lines.push(MinuteLine {
                application: a.id,
                household: household.fields.household_ref.clone(),
                decision: coded(&ui, "status", &decision.to_status),
                reason: decision.reason.clone(),
                scores: scored.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
                conflicts: reviews.iter().filter(|r| r.conflict).count(),
                on: ui.tr.date(&decision.created_at.date()),
                panel: match panel {
                    Some(r) => coded(&ui, "recommendation", emgek_app::review::recommendation_code(r)),
                    None => ui.tr.t("minutes-tied"),
                },
                // Rejecting an ineligible family follows the rules, not a departure from the panel.
                overrides: (eligible || decision.to_status != "rejected")
                    && panel.is_none_or(|r| decided(r) != decision.to_status),
            });
        }
    }
    /// The status a recommendation, followed, would have led to.
    fn decided(r: emgek_domain::social_contract::review::Recommendation) -> &'static str {
        use emgek_domain::social_contract::review::Recommendation::*;
        match r {
            Approve => "approved",
            Reject => "rejected",
            Return => "returned",
        }
    }
    Ok(MinutesPage {
        call_id: call,
        call_title: call_row.title,
        commission: commission.name,
        rayon: state.geo.rayon_name(&rayon, ui.lang()),
        quorum: commission.quorum,
        members: names,
        lines,
        ui,
    })
}
