//! Reminders of the monthly report: a family whose business report of last month is not in is
//! told it is due (until the 5th, the day it is due by) and then that it is overdue — once each
//! a month (the notice's key), by SMS in Kyrgyz, run by the server's sweep. Nothing of it is a
//! request's: the sweep finds the contracts in batches and writes their notices.

use emgek_domain::notice::{Address, NoticeEvent, NoticeLanguage, Placeholder};
use emgek_domain::social_contract::monitoring::{REPORT_DUE_DAY, month_of};
use emgek_store::notices::NewNotice;
use time::{Date, Duration};

use crate::{App, AppError};

/// Contracts read, and notices written, at a time.
const BATCH: i64 = 500;

/// The month whose report a family owes on `today`, whether it is still due (rather than
/// overdue), and the day it is due by.
pub fn owed(today: Date) -> (Date, bool, Date) {
    let this = month_of(today);
    let last = month_of(this - Duration::days(1));
    let due_by = this.replace_day(REPORT_DUE_DAY).expect("the 5th exists");
    (last, today <= due_by, due_by)
}

/// Writes the reminders due today; answers how many.
pub async fn sweep(app: &App) -> Result<usize, AppError> {
    let (month, due, due_by) = owed(app.clock.today());
    let (event, kind) = if due { (NoticeEvent::ReportDue, "due") } else { (NoticeEvent::ReportOverdue, "overdue") };
    // The texts in each family's language.
    let mut texts = Vec::new();
    for language in [NoticeLanguage::Ky, NoticeLanguage::Ru] {
        let (version, template) = super::template(app, event, language).await?;
        texts.push((language, version, template, super::date(language, due_by)));
    }
    let ym = format!("{:04}-{:02}", month.year(), u8::from(month.month()));
    let mut written = 0;
    // Each pass writes what the last found; a family told is not found again.
    for _ in 0..10_000 {
        let missing = app.store.reports_missing(month, kind, BATCH).await?;
        let told: Vec<NewNotice> = missing
            .iter()
            .filter_map(|(contract, number, household, phone, family_language)| {
                let address = Address::from_contact(phone)?;
                let (language, version, template, when) =
                    texts.iter().find(|t| t.0.code() == family_language).unwrap_or(&texts[0]);
                Some(NewNotice {
                    event: event.code().into(),
                    event_key: format!("contract:{contract}:{kind}:{ym}"),
                    channel: address.channel.code().into(),
                    address: address.to,
                    language: language.code().into(),
                    template_version: *version,
                    template: template.clone(),
                    values: vec![(Placeholder::Number, number.clone()), (Placeholder::Date, when.clone())],
                    household_id: Some(*household),
                    grievance_id: None,
                    at: app.clock.now(),
                })
            })
            .collect();
        app.store.add_notices(&told).await?;
        written += told.len();
        if (missing.len() as i64) < BATCH || told.is_empty() {
            break;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn last_months_report_is_due_until_the_fifth_and_overdue_after() {
        assert_eq!(owed(date!(2024 - 08 - 01)), (date!(2024 - 07 - 01), true, date!(2024 - 08 - 05)));
        assert_eq!(owed(date!(2024 - 08 - 05)), (date!(2024 - 07 - 01), true, date!(2024 - 08 - 05)));
        assert_eq!(owed(date!(2024 - 08 - 06)), (date!(2024 - 07 - 01), false, date!(2024 - 08 - 05)));
        assert_eq!(owed(date!(2025 - 01 - 20)), (date!(2024 - 12 - 01), false, date!(2025 - 01 - 05)));
    }
}
