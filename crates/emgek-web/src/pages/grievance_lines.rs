//! A grievance as the register's pages show it: its words in the reader's language, where it
//! is answered (a rayon, or a prison facility by name) and who answers it now.

use emgek_app::grievances as steps;
use emgek_store::grievances::GrievanceRow;

use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

/// A code's words: `grievance-{what}-{code}`, `_` and `.` as `-`.
pub(super) fn words(ui: &Ui, what: &str, code: &str) -> String {
    ui.tr.t(&format!("grievance-{what}-{}", code.replace(['_', '.'], "-")))
}

/// A line of the register.
pub struct Line {
    pub id: i64,
    pub number: String,
    pub received_on: String,
    pub category: String,
    pub rayon: String,
    pub level: String,
    pub status: String,
    pub standing: String,
    /// Whether its standing needs a warning's colour: at risk or overdue, and open.
    pub late: bool,
    pub answer_by: String,
}

/// The prison facilities' names by code, for the grievances they answer.
pub(super) async fn facility_names(
    state: &AppState,
    rows: &[GrievanceRow],
) -> Result<Vec<(String, String)>, PageError> {
    if rows.iter().all(|g| g.facility_code.is_none()) {
        return Ok(Vec::new());
    }
    Ok(state.store.facilities().await?.into_iter().map(|f| (f.code, f.name)).collect())
}

/// Where a grievance is answered: its facility's name, or its rayon's.
pub(super) fn place(state: &AppState, ui: &Ui, facilities: &[(String, String)], g: &GrievanceRow) -> String {
    match &g.facility_code {
        Some(code) => facilities.iter().find(|(c, _)| c == code).map_or_else(|| code.clone(), |(_, n)| n.clone()),
        None => state.geo.rayon_name(&g.rayon_code, ui.lang()),
    }
}

/// Who answers it now: a facility's first level is the facility itself.
pub(super) fn level_words(ui: &Ui, g: &GrievanceRow, level: &str) -> String {
    if g.facility_code.is_some() && level == "rayon" {
        words(ui, "level", "facility")
    } else {
        words(ui, "level", level)
    }
}

/// A grievance as the register lists it.
pub(super) fn line(state: &AppState, ui: &Ui, facilities: &[(String, String)], g: &GrievanceRow) -> Line {
    Line {
        id: g.grievance_id,
        number: steps::number_of(g).to_string(),
        received_on: ui.tr.date(&g.received_on),
        category: words(ui, "category", &g.category),
        rayon: place(state, ui, facilities, g),
        level: level_words(ui, g, &g.level),
        status: words(ui, "status", &g.status),
        standing: words(ui, "standing", &g.standing),
        late: g.status != "closed" && g.standing != "on_time",
        answer_by: ui.tr.date(&g.answer_by),
    }
}
