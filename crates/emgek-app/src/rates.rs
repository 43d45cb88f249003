//! Official exchange rates: administrators add a day's rate or import a
//! file of them; everyone reads them; export contracts and reports convert with them.

use emgek_domain::FieldError;
use emgek_domain::household::parse_date;
use emgek_domain::money::Currency;
use emgek_domain::rates::parse_rate;
use time::Date;

use crate::{App, AppError, Caller};

/// A rate as typed, checked: a currency other than the som, a day, som for one unit (times 10,000).
pub fn check_rate(currency: &str, on: &str, rate: &str) -> Result<(String, Date, i64), Vec<FieldError>> {
    let mut errors = Vec::new();
    let c = Currency::parse(currency).filter(|c| *c != Currency::KGS);
    if c.is_none() {
        errors.push(FieldError::new("currency", "rate.currency_unknown", currency.trim()));
    }
    let day = parse_date(on);
    if day.is_none() {
        errors.push(FieldError::new("rate_on", "date.invalid", on.trim()));
    }
    let value = parse_rate(rate).map_err(|e| errors.push(e)).ok();
    match (c, day, value) {
        (Some(c), Some(d), Some(v)) if errors.is_empty() => Ok((c.code().to_string(), d, v)),
        _ => Err(errors),
    }
}

/// Adds one official rate; a second rate for the same currency and day is refused
/// (`rate.exists`): a wrong rate is corrected by the National Bank's next one, never rewritten.
pub async fn add_rate(app: &App, caller: &Caller, (currency, on, rate): (&str, &str, &str)) -> Result<(), AppError> {
    let r = check_rate(currency, on, rate).map_err(AppError::Invalid)?;
    app.store.add_rates(&caller.actor(), &[r]).await?;
    Ok(())
}

/// A rejected line of a rates file: its number (the header is line 1) and what is wrong.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RateReject {
    pub line: usize,
    pub field: String,
    pub rule: String,
    pub value: String,
}

/// What an import of rates did.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RatesImport {
    pub lines_read: usize,
    pub added: usize,
    pub rejects: Vec<RateReject>,
    /// Whether the good lines were saved: always, unless the caller asked for all or nothing
    /// and a line was rejected.
    pub committed: bool,
}

/// Imports a CSV of rates, `currency,rate_on,rate` with a header line (the National Bank's
/// publication, reshaped): every line checked, those already held for their day rejected
/// (`rate.exists`), the rest added in one transaction — or nothing when `all_or_nothing` and
/// a line was rejected.
pub async fn import_rates(
    app: &App,
    caller: &Caller,
    csv: &str,
    all_or_nothing: bool,
) -> Result<RatesImport, AppError> {
    let held: std::collections::BTreeSet<(String, Date)> =
        app.store.rates().await?.into_iter().map(|r| (r.currency, r.rate_on)).collect();
    let mut good: Vec<(String, Date, i64)> = Vec::new();
    let mut rejects = Vec::new();
    let mut lines = csv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let header = lines.next().map(|(_, l)| l.trim().to_ascii_lowercase().replace(' ', "")).unwrap_or_default();
    if header != "currency,rate_on,rate" {
        return Err(AppError::Invalid(vec![FieldError::new("file", "rates.header", header)]));
    }
    let mut read = 0;
    for (n, line) in lines {
        read += 1;
        let cells: Vec<&str> = line.split(',').collect();
        let reject =
            |e: FieldError| RateReject { line: n + 1, field: e.field, rule: e.rule.to_string(), value: e.value };
        let [currency, on, rate] = cells[..] else {
            rejects.push(reject(FieldError::new("line", "rates.columns", line.trim())));
            continue;
        };
        match check_rate(currency, on, rate) {
            Err(errors) => rejects.extend(errors.into_iter().map(reject)),
            Ok(r) if held.contains(&(r.0.clone(), r.1)) || good.iter().any(|g| g.0 == r.0 && g.1 == r.1) => {
                rejects.push(reject(FieldError::new("rate_on", "rate.exists", r.1.to_string())));
            }
            Ok(r) => good.push(r),
        }
    }
    let refused = all_or_nothing && !rejects.is_empty();
    let commit = !good.is_empty() && !refused;
    let added = if commit { app.store.add_rates(&caller.actor(), &good).await? } else { 0 };
    let committed = commit || (good.is_empty() && rejects.is_empty());
    Ok(RatesImport { lines_read: read, added, rejects, committed })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::on_both_backends;

    async fn a_rates_file_adds_its_good_lines_once_and_all_or_nothing_adds_none_beside_a_bad_one(app: App) {
        let operator = Caller::operator("root");
        let header = import_rates(&app, &operator, "currency,day,rate\nUSD,2024-01-05,89.45\n", false).await;
        assert!(matches!(header, Err(AppError::Invalid(e)) if e[0].rule == "rates.header"));
        let file = "currency,rate_on,rate\nUSD,2024-01-05,89.45\nXYZ,2024-01-05,1\nEUR,2024-01-05,97.1\n";
        let refused = import_rates(&app, &operator, file, true).await.unwrap();
        assert_eq!((refused.added, refused.committed, refused.rejects.len()), (0, false, 1));
        let done = import_rates(&app, &operator, file, false).await.unwrap();
        assert_eq!((done.lines_read, done.added, done.committed), (3, 2, true));
        assert_eq!(done.rejects[0].rule, "rate.currency_unknown");
        let again = add_rate(&app, &operator, ("USD", "2024-01-05", "90")).await;
        assert!(matches!(again, Err(AppError::Conflict("rate.exists"))), "a rate is never rewritten: {again:?}");
        assert_eq!(app.store.rates().await.unwrap().len(), 2);
    }

    on_both_backends!(a_rates_file_adds_its_good_lines_once_and_all_or_nothing_adds_none_beside_a_bad_one);
}
