use emgek_domain::access::{Access, Grant, Role, Scope};
use emgek_store::Source;
use time::macros::{date, datetime};

use super::*;
use crate::grievances::{GrievanceForm, close, open};
use crate::testing::on_both_backends;
use crate::{App, Clock};

fn caller(name: &str, role: Role, scope: &str) -> Caller {
    let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
    Caller::user(7, name, access, Source::Web, "")
}

fn complaint(category: &str, rayon: &str, contact: &str) -> GrievanceForm {
    GrievanceForm {
        channel: "hotline".into(),
        category: category.into(),
        rayon: rayon.into(),
        anonymous: contact.is_empty(),
        name: if contact.is_empty() { String::new() } else { "Асанова Гүлнара".into() },
        contact: contact.into(),
        summary: "Транш келген жок".into(),
        ..GrievanceForm::default()
    }
}

async fn the_registers_figures_count_what_each_reader_may_read_and_how_it_was_answered(app: App) {
    let app = app.with_clock(Clock::Fixed(datetime!(2026-03-02 10:00 UTC)));
    let sokuluk = caller("aigul", Role::CaseWorker, "rayon:KG-C-SOK");
    let talas = caller("nurlan", Role::CaseWorker, "rayon:KG-T-TAL");
    let first = open(&app, &sokuluk, &complaint("payment.late", "KG-C-SOK", "+996 555 123 456")).await.unwrap();
    open(&app, &sokuluk, &complaint("payment.missing", "KG-C-SOK", "+996555123456")).await.unwrap();
    open(&app, &sokuluk, &complaint("integrity.abuse", "KG-C-SOK", "")).await.unwrap();
    open(&app, &talas, &complaint("data.wrong", "KG-T-TAL", "")).await.unwrap();
    // Answered three days later, within its five working days.
    let later = app.clone().with_clock(Clock::Fixed(datetime!(2026-03-05 10:00 UTC)));
    close(&later, &sokuluk, first.id, "upheld", "Төлөндү").await.unwrap();

    let local = figures(&later, &sokuluk, "2026-03-01", "2026-03-31").await.unwrap();
    let g = &local.grievances;
    // The complaint of abuse is not counted for the rayon it may concern, nor Talas's.
    assert_eq!(g.received, 2);
    assert_eq!((g.closed, g.closed_in_time_bp, g.median_days_to_close_x10), (1, Some(10_000), Some(30)));
    assert_eq!(g.repeat_complainants, 1, "the same phone, written two ways");
    assert_eq!(g.by_channel.iter().map(|t| (t.code.as_str(), t.grievances)).collect::<Vec<_>>(), [("hotline", 2)]);

    let national = figures(&later, &caller("hq", Role::HqAnalyst, "country"), "", "").await.unwrap();
    assert_eq!((national.from, national.to), (date!(2026 - 01 - 01), date!(2026 - 03 - 05)));
    assert_eq!(national.grievances.received, 4);
    let oblasts: Vec<(&str, i64)> =
        national.grievances.by_oblast.iter().map(|t| (t.code.as_str(), t.grievances)).collect();
    assert_eq!(oblasts, [("KG-C", 3), ("KG-T", 1)]);
    // Three were told their number by SMS (one anonymous was not): waiting in the outbox.
    assert_eq!((national.notices_waiting + national.notices_sent, national.notices_failed), (3, 0));

    let Err(AppError::Invalid(errors)) = figures(&later, &sokuluk, "2026-03-31", "2026-03-01").await else {
        panic!("a period backwards is refused")
    };
    assert_eq!(errors[0].rule, "figures.period_backwards");
    let Err(AppError::Invalid(errors)) = figures(&later, &sokuluk, "1.1.2000", "2026-03-01").await else {
        panic!("more than five years is refused")
    };
    assert_eq!(errors[0].rule, "figures.period_long");
}

on_both_backends!(the_registers_figures_count_what_each_reader_may_read_and_how_it_was_answered);
