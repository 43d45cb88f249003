//! The demonstration's grievances: Kara-Suu's families complain by the hotline, at the office
//! and by letter, through the use cases on the days they came; one was answered, one waits past
//! its deadline and went to the oblast, one is a complaint of corruption only the integrity
//! officer reads; and at Stepnoe, where the demonstration's prison enterprises are, an inmate
//! contests a deduction from her pay (its order suspended while the facility hears it).

use emgek_domain::access::{Grant, Role, Scope};
use emgek_store::Source;
use time::Duration;

use crate::grievances::{self as steps, GrievanceForm};
use crate::{App, AppError, Caller, Clock};

/// Registers the demonstration's grievances on a database without any; returns how many.
pub async fn create_grievances_if_none(app: &App) -> Result<usize, AppError> {
    if !app.store.grievances_since(time::macros::date!(2000 - 01 - 01), 1).await?.is_empty() {
        return Ok(0);
    }
    let now = app.clock.now();
    let on = |days_ago: i64| app.clone().with_clock(Clock::Fixed(now - Duration::days(days_ago)));
    let aigul = Caller::user(
        0,
        "aigul",
        emgek_domain::access::Access::new(vec![Grant {
            role: Role::CaseWorker,
            scope: Scope::parse("rayon:KG-O-KSU").expect("a demo scope"),
        }]),
        Source::Demo,
        "",
    );
    let complaint = |channel: &str, category: &str, name: &str, summary: &str| GrievanceForm {
        channel: channel.into(),
        category: category.into(),
        rayon: "KG-O-KSU".into(),
        anonymous: name.is_empty(),
        name: name.into(),
        contact: if name.is_empty() { String::new() } else { "+996 770 123 456".into() },
        language: "ky".into(),
        summary: summary.into(),
        ..GrievanceForm::default()
    };

    // Answered: a wrong address, corrected, and the family satisfied.
    let fixed = complaint("office", "data.wrong", "Жумабаева Нургүл", "Үйүбүздүн дареги туура эмес жазылган.");
    let a = steps::open(&on(30), &aigul, &fixed).await?;
    steps::acknowledge(&on(30), &aigul, a.id).await?;
    steps::close(&on(27), &aigul, a.id, "upheld", "Дареги оңдолду, үй-бүлөгө телефон аркылуу айтылды.").await?;
    steps::feedback(&on(26), &aigul, a.id, true).await?;

    // Late: a second tranche not paid, past its five working days; the sweep sent it up.
    let late = complaint("hotline", "payment.late", "Осмонов Бекжан", "Экинчи транш эки айдан бери келе элек.");
    let b = steps::open(&on(14), &aigul, &late).await?;
    steps::acknowledge(&on(13), &aigul, b.id).await?;

    // A complaint of corruption, anonymous: only the integrity officers of Osh read it.
    let bribe = complaint("hotline", "integrity.corruption", "", "Комиссиянын бир мүчөсү акча сурады.");
    steps::open(&on(2), &aigul, &bribe).await?;

    // Left out although eligible, by letter, received today.
    let left_out = GrievanceForm {
        language: "ru".into(),
        ..complaint("letter", "targeting.exclusion", "Токтосунова Айпери", "Семья с тремя детьми не попала в список.")
    };
    steps::open(app, &aigul, &left_out).await?;

    steps::sweep(app, &Caller::system("grievance-sweep")).await?;
    Ok(4 + inmates_contest(&on(3)).await?)
}

/// An inmate of Stepnoe contests the first deduction ordered there, by letter to the facility
/// (its manager registers it): 1, or 0 where the demonstration has no prison enterprises.
async fn inmates_contest(app: &App) -> Result<usize, AppError> {
    let stepnoe = app.store.facilities().await?.into_iter().find(|f| f.code == "stepnoe");
    let order = match app.store.deduction_order(1).await {
        Ok(order) => order,
        Err(emgek_store::StoreError::NotFound) => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    let inmate = app.store.inmate(order.inmate_id).await?;
    if stepnoe.is_none_or(|f| f.facility_id != inmate.facility_id) {
        return Ok(0);
    }
    let bakyt = Caller::user(
        0,
        "bakyt",
        emgek_domain::access::Access::new(vec![Grant {
            role: Role::EnterpriseManager,
            scope: Scope::parse("facility:stepnoe").expect("a demo scope"),
        }]),
        Source::Demo,
        "",
    );
    let contest = GrievanceForm {
        channel: "letter".into(),
        category: "prison.deduction".into(),
        name: inmate.full_name.clone(),
        language: "ru".into(),
        about: "deduction".into(),
        about_ref: order.deduction_order_id.to_string(),
        summary: "Прошу пересчитать удержание: в прошлом месяце я болела и работала не все дни.".into(),
        ..GrievanceForm::default()
    };
    let opened = steps::open(app, &bakyt, &contest).await?;
    steps::acknowledge(app, &bakyt, opened.id).await?;
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::on_both_backends;

    async fn the_demonstration_has_grievances_answered_late_and_one_for_the_integrity_officer_alone(app: App) {
        let app = app.with_clock(Clock::Fixed(time::macros::datetime!(2026-12-04 09:00 UTC)));
        crate::demo::create_users_if_none(&app).await.unwrap();
        assert_eq!(create_grievances_if_none(&app).await.unwrap(), 4);
        assert_eq!(create_grievances_if_none(&app).await.unwrap(), 0, "once");
        let as_user = async |name: &str| {
            let u = app.store.user_by_username(name).await.unwrap().unwrap();
            Caller::user(u.id, u.username, u.access, Source::Web, "")
        };
        let worker = steps::list(&app, &as_user("aigul").await, false, 10).await.unwrap();
        let levels: Vec<(&str, &str)> = worker.iter().map(|g| (g.category.as_str(), g.level.as_str())).collect();
        assert_eq!(levels, [("targeting.exclusion", "rayon"), ("payment.late", "ministry"), ("data.wrong", "rayon")]);
        let integrity = steps::list(&app, &as_user("gulzat").await, false, 10).await.unwrap();
        assert!(integrity.iter().any(|g| g.category == "integrity.corruption" && !g.summary.is_empty()));
        let closed = worker.iter().find(|g| g.status == "closed").unwrap();
        assert_eq!((closed.decision.as_deref(), closed.satisfied), (Some("upheld"), Some(true)));
    }

    on_both_backends!(the_demonstration_has_grievances_answered_late_and_one_for_the_integrity_officer_alone);
}
