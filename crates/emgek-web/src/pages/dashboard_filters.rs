//! The choices above a dashboard or report: period, place, programme or facility, who, and the
//! currency. A plain form sent by GET, so a choice is an address to keep and share.

use emgek_domain::FieldError;
use emgek_domain::indicators::Programme;

use super::form::FieldView;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::indicators::{Cube, Params, Reach};

fn labelled(mut f: FieldView, ui: &Ui, id: &str) -> FieldView {
    f.label = ui.tr.t(id);
    f
}

/// The years the reader's figures cover, newest first.
pub(super) fn years(cube: &Cube, reach: &Reach) -> Vec<i32> {
    let mut years: Vec<i32> = cube.cells.iter().filter(|c| reach.allows(&c.key)).map(|c| c.key.month.year()).collect();
    years.sort_unstable();
    years.dedup();
    years.reverse();
    years
}

pub(super) fn fields(
    state: &AppState,
    ui: &Ui,
    cube: &Cube,
    reach: &Reach,
    view: Option<Programme>,
    p: &Params,
    errors: Option<&Vec<FieldError>>,
) -> Vec<FieldView> {
    let none = Vec::new();
    let errors = errors.unwrap_or(&none);
    let f = |name: &'static str, value: &str| FieldView::new(ui, errors, name, value);
    let all = |id: &str| (String::new(), ui.tr.t(id));
    let mut out = Vec::new();
    let years = std::iter::once(all("figures-all-years"))
        .chain(years(cube, reach).into_iter().map(|y| (y.to_string(), y.to_string())))
        .collect();
    out.push(labelled(f("year", &p.year).select(years), ui, "figures-year"));
    let quarters = std::iter::once(all("figures-whole-year"))
        .chain((1..=4).map(|q| (q.to_string(), ui.tr.t_with("figures-quarter", &[("n", q.into())]))))
        .collect();
    out.push(labelled(f("quarter", &p.quarter).select(quarters), ui, "figures-quarter-field"));
    let oblasts = std::iter::once(all("figures-whole-country")).chain(state.geo.oblast_options(ui.lang())).collect();
    out.push(f("oblast", &p.oblast).select(oblasts));
    let mut rayon = f("rayon", &p.rayon).select(vec![all("figures-every-rayon")]);
    rayon.groups = state.geo.rayon_groups(ui.lang());
    out.push(rayon);
    if view.is_none_or(|v| v == Programme::Prison) && reach.programmes().contains(&Programme::Prison) {
        let facilities = std::iter::once(all("figures-every-facility"))
            .chain(
                cube.facts
                    .facilities
                    .iter()
                    .filter(|fa| reach.allows_facility(fa.facility_id))
                    .map(|fa| (fa.facility_id.to_string(), fa.name.clone())),
            )
            .collect();
        out.push(f("facility", &p.facility).select(facilities));
    }
    if view.is_none_or(|v| v == Programme::SocialContract) {
        let sexes = vec![all("figures-everyone"), ("F".into(), ui.tr.t("sex-f")), ("M".into(), ui.tr.t("sex-m"))];
        out.push(labelled(f("sex", &p.sex).select(sexes), ui, "figures-sex"));
        let disability = vec![
            all("figures-everyone"),
            ("yes".into(), ui.tr.t("figures-disability-yes")),
            ("no".into(), ui.tr.t("figures-disability-no")),
        ];
        out.push(labelled(f("disability", &p.disability).select(disability), ui, "figures-disability"));
    }
    let grains = vec![
        all("figures-grain-auto"),
        ("year".into(), ui.tr.t("figures-grain-year")),
        ("quarter".into(), ui.tr.t("figures-grain-quarter")),
        ("month".into(), ui.tr.t("figures-grain-month")),
    ];
    out.push(labelled(f("grain", &p.grain).select(grains), ui, "figures-grain"));
    let currencies = vec![(String::new(), ui.tr.t("figures-in-som")), ("USD".into(), ui.tr.t("figures-in-usd"))];
    out.push(labelled(f("currency", &p.currency).select(currencies), ui, "figures-currency"));
    out
}
