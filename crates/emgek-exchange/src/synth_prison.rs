//! The prison enterprises of a synthetic country, in proportion to its households: about one
//! inmate for every 150 households, facilities of about 900, two workshops each, three inmates
//! in ten at work, a year of monthly output and customers' orders. Written beside
//! `households.csv` from a random stream of its own, so the households stay the same.

use std::io;
use std::path::Path;

use emgek_domain::geography::RAYONS;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Households per inmate, inmates per facility, and the share of inmates at work.
const HOUSEHOLDS_PER_INMATE: u64 = 150;
const INMATES_PER_FACILITY: u64 = 900;
const WORKING: f64 = 0.30;

const KINDS: &[&str] = &["colony", "colony", "colony", "prison", "settlement", "pre_trial"];
/// Activity, product, unit, usual wage in som, transfer price in som, whether it is food.
const TRADES: &[(&str, &str, &str, u32, u32, bool)] = &[
    ("bakery", "Нан", "loaf", 9_000, 28, true),
    ("sewing", "Кийим", "piece", 8_000, 0, false),
    ("soya milk", "Соя сүтү", "litre", 7_500, 35, true),
    ("joinery", "Эмерек", "piece", 9_500, 0, false),
    ("farm", "Жашылча", "kg", 7_000, 40, true),
    ("bricks", "Кыш", "piece", 9_000, 0, false),
];
const CUSTOMERS: &[&str] =
    &["Мамлекеттик бажы кызматы", "Ооруканалар", "Мектептер", "Жергиликтүү базар", "Курулуш компаниясы"];
const NAMES: &[&str] = &["Азамат", "Бакыт", "Эрлан", "Нурбек", "Талант", "Улан", "Канат", "Мирлан", "Айгүл", "Жылдыз"];
const FAMILY: &[&str] = &["Асанов", "Токтогулов", "Садыков", "Жумабаев", "Исаков", "Осмонов", "Бекмуратов"];

/// What the prison part of a synthetic country holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrisonSummary {
    pub facilities: u64,
    pub workshops: u64,
    pub inmates: u64,
    pub production: u64,
    pub orders: u64,
    pub sales: u64,
    pub timesheets: u64,
    pub trainees: u64,
    pub releases: u64,
    pub follow_ups: u64,
}

/// Writes `facilities.csv`, `workshops.csv`, `inmates.csv`, `production.csv`, `orders.csv`,
/// `sales.csv`, `timesheets.csv`, `training.csv`, `releases.csv` and `follow_ups.csv`
/// for a country of `households`, deterministically for `seed`, in the year `year`.
pub fn write(households: u64, seed: u64, year: i32, out: &Path) -> io::Result<PrisonSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x7072_6973_6f6e);
    let inmates = (households / HOUSEHOLDS_PER_INMATE).max(20);
    let facilities = inmates.div_ceil(INMATES_PER_FACILITY).max(2);
    let mut summary = PrisonSummary { facilities, ..PrisonSummary::default() };
    let mut f_csv = csv::Writer::from_path(out.join("facilities.csv"))?;
    let mut w_csv = csv::Writer::from_path(out.join("workshops.csv"))?;
    let mut i_csv = csv::Writer::from_path(out.join("inmates.csv"))?;
    let mut p_csv = csv::Writer::from_path(out.join("production.csv"))?;
    let mut o_csv = csv::Writer::from_path(out.join("orders.csv"))?;
    let mut t_csv = csv::Writer::from_path(out.join("training.csv"))?;
    let mut r_csv = csv::Writer::from_path(out.join("releases.csv"))?;
    let mut u_csv = csv::Writer::from_path(out.join("follow_ups.csv"))?;
    let mut s_csv = csv::Writer::from_path(out.join("sales.csv"))?;
    s_csv.write_record([
        "facility",
        "workshop",
        "sale",
        "sold_on",
        "customer",
        "product",
        "quantity",
        "unit_price_som",
    ])?;
    // Sales outside orders, from a stream of their own too.
    let mut market = ChaCha8Rng::seed_from_u64(seed ^ 0x0073_616c_6573);
    let mut ts_csv = csv::Writer::from_path(out.join("timesheets.csv"))?;
    ts_csv.write_record(["facility", "workshop", "month", "register_number", "working_days", "days_worked"])?;
    // And the days at work.
    let mut days = ChaCha8Rng::seed_from_u64(seed ^ 0x6461_7973);
    t_csv.write_record([
        "facility",
        "course",
        "trade",
        "starts",
        "months",
        "places",
        "register_number",
        "enrolled_on",
        "finished_on",
        "completed",
        "certificate_number",
    ])?;
    r_csv.write_record(["facility", "register_number", "released_on"])?;
    u_csv.write_record(["facility", "register_number", "months_after", "checked_on", "outcome", "note"])?;
    // Training, releases and follow-ups, from a stream of their own: the files above stay as
    // they were.
    let mut later = ChaCha8Rng::seed_from_u64(seed ^ 0x7472_6169_6e73);
    f_csv.write_record(["code", "name", "kind", "rayon", "locality", "capacity", "counted_on", "inmates"])?;
    w_csv.write_record(["facility", "code", "name", "activity", "opened_on", "wage_som"])?;
    i_csv.write_record(["facility", "register_number", "full_name", "sex", "workshop", "starts", "wage_som"])?;
    p_csv.write_record([
        "facility",
        "workshop",
        "month",
        "product",
        "unit",
        "quantity",
        "internal_quantity",
        "transfer_price_som",
        "inmates_fed",
    ])?;
    o_csv.write_record([
        "facility",
        "workshop",
        "order",
        "customer",
        "ordered_on",
        "due_on",
        "product",
        "quantity",
        "unit_price_som",
        "delivered",
        "delivered_on",
    ])?;
    let mut left = inmates;
    for f in 0..facilities {
        let size = if f + 1 == facilities { left } else { (inmates / facilities).min(left) };
        left -= size;
        let code = format!("f-{:04}", f + 1);
        let rayon = RAYONS.choose(&mut rng).map_or("KG-C-SOK", |r| r.code);
        let kind = KINDS.choose(&mut rng).copied().unwrap_or("colony");
        let capacity = size + size / 5;
        f_csv.write_record([
            &code,
            &format!("Мекеме №{}", f + 1),
            kind,
            rayon,
            "—",
            &capacity.to_string(),
            &format!("{year}-01-01"),
            &size.to_string(),
        ])?;
        let trades: Vec<&(&str, &str, &str, u32, u32, bool)> = TRADES.choose_multiple(&mut rng, 2).collect();
        for (n, t) in trades.iter().enumerate() {
            let w = format!("w{}", n + 1);
            let opened = format!("{}-{:02}-01", year - rng.random_range(1..15), rng.random_range(1..=12));
            w_csv.write_record([&code, &w, &format!("{} цехи", t.0), t.0, &opened, &t.3.to_string()])?;
            summary.workshops += 1;
            for month in 1..=12 {
                let quantity: u32 = rng.random_range(500..20_000);
                let internal = if t.5 { quantity * 9 / 10 } else { 0 };
                let fed = if t.5 { size * 9 / 10 } else { 0 };
                p_csv.write_record([
                    code.as_str(),
                    &w,
                    &format!("{year}-{month:02}"),
                    t.1,
                    t.2,
                    &quantity.to_string(),
                    &internal.to_string(),
                    &t.4.to_string(),
                    &fed.to_string(),
                ])?;
                summary.production += 1;
            }
            // Sold at the market most months.
            for month in 1..=12u8 {
                if !market.random_bool(0.6) {
                    continue;
                }
                s_csv.write_record([
                    code.as_str(),
                    &w,
                    &format!("{code}-{w}-R{month:02}"),
                    &format!("{year}-{month:02}-{:02}", market.random_range(1..=28)),
                    "Жергиликтүү базар",
                    t.1,
                    &market.random_range(20..400u32).to_string(),
                    &market.random_range(30..900u32).to_string(),
                ])?;
                summary.sales += 1;
            }
            for o in 0..2 {
                let quantity: u32 = rng.random_range(100..3_000);
                let (month, day) = (rng.random_range(1..=10u8), rng.random_range(1..=28u8));
                let ordered = format!("{year}-{month:02}-{day:02}");
                let due = format!("{year}-12-{:02}", rng.random_range(1..=28));
                let delivered = rng.random_range(0..=quantity);
                // Delivered within a month of the order (taken from the figures drawn already,
                // so that the stream, and what follows it, stays as it was).
                let delivered_on = match time::Month::try_from(month)
                    .and_then(|m| time::Date::from_calendar_date(year, m, day))
                {
                    Ok(on) if delivered > 0 => (on + time::Duration::days(i64::from(quantity % 30) + 1)).to_string(),
                    _ => String::new(),
                };
                o_csv.write_record([
                    code.as_str(),
                    &w,
                    &format!("{code}-{w}-{}", o + 1),
                    CUSTOMERS.choose(&mut rng).copied().unwrap_or("—"),
                    &ordered,
                    &due,
                    t.1,
                    &quantity.to_string(),
                    &rng.random_range(50..1_500).to_string(),
                    &delivered.to_string(),
                    &delivered_on,
                ])?;
                summary.orders += 1;
            }
        }
        let women = kind == "colony" && f % 7 == 0;
        for n in 0..size {
            let working = rng.random_bool(WORKING);
            let name = format!(
                "{}{} {}",
                FAMILY.choose(&mut rng).copied().unwrap_or("Асанов"),
                if women { "а" } else { "" },
                NAMES.choose(&mut rng).copied().unwrap_or("Азамат")
            );
            let (workshop, starts, wage) = if working {
                let t = rng.random_range(0..trades.len());
                let starts = format!("{}-{:02}-01", year - rng.random_range(0..3), rng.random_range(1..=12));
                (format!("w{}", t + 1), starts, trades[t].3.to_string())
            } else {
                (String::new(), String::new(), String::new())
            };
            let number = format!("{}-{:06}", code.to_uppercase(), n + 1);
            if working {
                let t = workshop.trim_start_matches('w').parse::<usize>().unwrap_or(1) - 1;
                let released = time::Date::parse(&starts, &time::format_description::well_known::Iso8601::DATE)
                    .ok()
                    .map(|on| on + time::Duration::days(31))
                    .filter(|on| *on <= time::Date::from_calendar_date(year, time::Month::June, 30).expect("a day"));
                let mut freed = None;
                match (later.random_range(0..100), released) {
                    // A tenth of those at work since before July go free a month on, and are
                    // asked after three months what they do.
                    (0..10, Some(on)) => {
                        freed = Some(on);
                        r_csv.write_record([code.as_str(), &number, &on.to_string()])?;
                        summary.releases += 1;
                        let outcome = ["employed", "employed", "self_employed", "unemployed", "not_reached"]
                            .choose(&mut later)
                            .copied()
                            .unwrap_or("employed");
                        let checked = emgek_domain::prison::reintegration::due_on(on, 3);
                        u_csv.write_record([code.as_str(), &number, "3", &checked.to_string(), outcome, ""])?;
                        summary.follow_ups += 1;
                    }
                    // Three in ten learn their workshop's trade on its course of the year; most
                    // finish with a certificate.
                    (10..40, _) => {
                        let (finished, completed, certificate) = if later.random_bool(0.8) {
                            (format!("{year}-07-15"), "yes", format!("{}-{:06}", code.to_uppercase(), n + 1))
                        } else {
                            (format!("{year}-03-01"), "no", String::new())
                        };
                        t_csv.write_record([
                            code.as_str(),
                            &format!("{} курсу", trades[t].0),
                            trades[t].0,
                            &format!("{year}-01-15"),
                            "6",
                            &size.to_string(),
                            &number,
                            &format!("{year}-01-15"),
                            &finished,
                            completed,
                            &certificate,
                        ])?;
                        summary.trainees += 1;
                    }
                    _ => {}
                }
                // His timesheets of the year: each month from the one he started in, to the
                // one he went free in.
                let began = time::Date::parse(&starts, &time::format_description::well_known::Iso8601::DATE).ok();
                for month in 1..=12u8 {
                    let Ok(first) =
                        time::Month::try_from(month).and_then(|m| time::Date::from_calendar_date(year, m, 1))
                    else {
                        continue;
                    };
                    let after = |on: time::Date| (on.year(), on.month() as u8) >= (year, month);
                    if began.is_none_or(|b| !after(b) || (b.year(), b.month() as u8) == (year, month))
                        && freed.is_none_or(after)
                    {
                        let working_days = 22;
                        let worked = days.random_range(12..=working_days);
                        let month_text = format!("{}-{:02}", first.year(), month);
                        ts_csv.write_record([
                            code.as_str(),
                            workshop.as_str(),
                            &month_text,
                            &number,
                            &working_days.to_string(),
                            &worked.to_string(),
                        ])?;
                        summary.timesheets += 1;
                    }
                }
            }
            i_csv.write_record([
                code.as_str(),
                &number,
                &name,
                if women { "F" } else { "M" },
                &workshop,
                &starts,
                &wage,
            ])?;
            summary.inmates += 1;
        }
    }
    for w in [
        &mut f_csv,
        &mut w_csv,
        &mut i_csv,
        &mut p_csv,
        &mut o_csv,
        &mut s_csv,
        &mut ts_csv,
        &mut t_csv,
        &mut r_csv,
        &mut u_csv,
    ] {
        w.flush()?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_of_a_million_households_has_about_6700_inmates_in_8_facilities_and_the_same_seed_repeats() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let s = write(3_000, 7, 2026, a.path()).unwrap();
        assert_eq!((s.inmates, s.facilities, s.workshops), (20, 2, 4));
        write(3_000, 7, 2026, b.path()).unwrap();
        for file in ["facilities.csv", "workshops.csv", "inmates.csv", "production.csv", "orders.csv", "sales.csv"] {
            assert_eq!(
                std::fs::read(a.path().join(file)).unwrap(),
                std::fs::read(b.path().join(file)).unwrap(),
                "{file}"
            );
        }
        let big = tempfile::tempdir().unwrap();
        let s = write(1_000_000, 1, 2026, big.path()).unwrap();
        assert_eq!((s.inmates, s.facilities, s.production), (6_666, 8, 8 * 2 * 12));
        let working = std::fs::read_to_string(big.path().join("inmates.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .filter(|l| !l.split(',').nth(4).unwrap_or("").is_empty())
            .count();
        assert!((1_700..2_300).contains(&working), "about three in ten at work: {working}");
    }
}
