//! A whole synthetic country brought in from its files, as `emgek import country` brings it,
//! and the dashboards' figures set against the same figures counted from the files. The files
//! are first saved again as Excel saves "CSV" in a Russian locale: a title row above the
//! header, Russian headings, `;` between columns, Windows-1251 (or UTF-8 with a BOM where a
//! Kyrgyz letter has no place in it), days as `31.12.2024`, amounts as `100 000,50`, yes and no
//! as да and нет.

use std::collections::HashMap;
use std::path::Path;

use emgek_domain::indicators::cube::Filter;
use emgek_domain::indicators::indicator;
use emgek_domain::indicators::period::{Range, Ym};
use emgek_exchange::synth::{SynthOptions, write_country};
use emgek_i18n::Lang;

use super::*;
use crate::indicators::Reach;
use crate::registry::import::ImportFile;
use crate::testing::on_both_backends;

/// The rows of one of synth's files, each as a map from heading to value.
fn rows(dir: &Path, file: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join(file)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect()
}

/// Som as synth writes them (`1234.50`), in tyiyn.
fn tyiyn(text: &str) -> i64 {
    emgek_domain::Money::parse_major(text, emgek_domain::Currency::KGS).unwrap().minor()
}

fn number(text: &str) -> i64 {
    if text.is_empty() { 0 } else { text.parse().unwrap() }
}

/// A heading of a column as a Russian office writes it: the first of its known headings in
/// Cyrillic, or its own name.
fn russian_heading(layout: &emgek_exchange::columns::Layout, column: &str) -> String {
    let cyrillic = |h: &&&str| h.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)));
    let known = layout.headings.iter().find(|(field, _)| *field == column);
    known.and_then(|(_, names)| names.iter().find(cyrillic)).map_or(column.to_string(), |h| h.to_string())
}

/// A value as Excel in a Russian locale writes it.
fn russian_value(column: &str, value: &str) -> String {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = value.split('-').collect();
    if let [y, m, d] = parts[..]
        && y.len() == 4
        && m.len() == 2
        && d.len() == 2
        && [y, m, d].into_iter().all(digits)
    {
        return format!("{d}.{m}.{y}");
    }
    match value {
        "yes" => return "да".into(),
        "no" => return "нет".into(),
        _ => {}
    }
    let money = column.ends_with("_som") || ["rate", "value", "score"].contains(&column);
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if money && digits(whole) && (fraction.is_empty() || digits(fraction)) {
        // Thousands apart by a non-breaking space, the decimals after a comma.
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
        return if fraction.is_empty() { grouped } else { format!("{grouped},{fraction}") };
    }
    value.to_string()
}

/// Saves one of synth's files again as Excel in a Russian locale would, in `to`.
fn as_russian_excel(from: &Path, to: &Path, layout: &emgek_exchange::columns::Layout) {
    let mut reader = csv::Reader::from_path(from).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let mut title = vec![String::new(); headers.len()];
    title[0] = "Выгрузка из учётной таблицы, 2024 год".into();
    out.write_record(&title).unwrap();
    out.write_record(vec![String::new(); headers.len()]).unwrap();
    out.write_record(headers.iter().map(|h| russian_heading(layout, h))).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        out.write_record(headers.iter().zip(record.iter()).map(|(h, v)| russian_value(h, v))).unwrap();
    }
    let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1251.encode(&text);
    let saved = if lossy { [&[0xef, 0xbb, 0xbf][..], text.as_bytes()].concat() } else { bytes.into_owned() };
    std::fs::write(to, saved).unwrap();
}

async fn a_synth_country_saved_by_excel_in_a_russian_locale_imports_whole_with_the_figures_its_files_hold(app: App) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_country(SynthOptions { households: 1_500, seed: 11, defects: false }, d).unwrap();
    let excel = tempfile::tempdir().unwrap();
    let russian = |file: &str, layout: &emgek_exchange::columns::Layout| {
        let to = excel.path().join(file);
        as_russian_excel(&d.join(file), &to, layout);
        to
    };
    let root = Caller::operator("root");
    let households = ImportFile {
        path: russian("households.csv", &emgek_exchange::columns::HOUSEHOLDS),
        file_name: None,
        all_or_nothing: false,
        rejects: None,
        tr: Tr::new(Lang::En),
        sheet: None,
        mapping: None,
    };
    let report = crate::registry::import::run(&app, &root, &households, &mut |_, _| {}).await.unwrap();
    assert_eq!(report.rows_rejected, 0, "a country without defects");
    let mut kinds = 0;
    for kind in Kind::ALL {
        if !d.join(kind.synth_file()).exists() {
            continue;
        }
        kinds += 1;
        let file = RecordsFile {
            kind,
            path: russian(kind.synth_file(), kind.layout()),
            all_or_nothing: true,
            rejects: None,
            tr: Tr::new(Lang::En),
            sheet: None,
            mapping: None,
        };
        let r = import(&app, &root, &file, &mut |_, _| {}).await.unwrap();
        assert!(r.committed && r.rows_rejected == 0 && r.added == r.rows_read, "{kind:?}: {r:?}");
        assert_eq!(r.rows_read as usize, rows(d, kind.synth_file()).len(), "{kind:?}");
        assert_eq!((r.shape.delimiter, r.shape.header_row), (Some(';'), 3), "{kind:?}");
    }
    assert_eq!(kinds, Kind::ALL.len() - 1, "every kind but the headcounts, which facilities.csv carries");

    // Every decision of the commissions' minutes is held on its application.
    let applications: HashMap<String, i64> = app.store.application_refs().await.unwrap().into_iter().collect();
    let decisions = rows(d, "decisions.csv");
    assert!(decisions.len() > 20, "enough decisions to mean something: {}", decisions.len());
    for decision in &decisions {
        assert!(app.store.application_decided(applications[&decision["application_ref"]]).await.unwrap());
    }

    let cube = crate::indicators::cube(&app).await.unwrap();
    let reach = Reach::of(&root, &cube);
    let all = Filter::over(Range::new(Ym::new(2000, 1).unwrap(), Ym::new(2030, 12).unwrap()).unwrap());
    let total = |code: &str| reach.total(indicator(code).unwrap(), &cube.cells, &all);

    let contracts = rows(d, "contracts.csv");
    assert!(contracts.len() > 50, "enough contracts to mean something: {}", contracts.len());
    assert_eq!(total("families-with-contracts").value, Some(contracts.len() as i64));
    // A tranche ordered and waiting for the bank is not disbursed.
    let payments = rows(d, "payments.csv");
    assert!(payments.iter().any(|p| p["paid_on"].is_empty()), "some orders wait for the bank");
    let paid: i64 = payments.iter().filter(|p| !p["paid_on"].is_empty()).map(|p| tyiyn(&p["amount_som"])).sum();
    assert_eq!(total("grants-disbursed").value, Some(paid));
    let mut jobs: HashMap<String, i64> = HashMap::new();
    for r in rows(d, "monthly_reports.csv") {
        let most = jobs.entry(r["contract_number"].clone()).or_default();
        *most = (*most).max(number(&r["jobs"]));
    }
    assert_eq!(total("jobs-created").value, Some(jobs.values().sum::<i64>()));
    assert_eq!(total("households-left-benefit").value, Some(rows(d, "graduations.csv").len() as i64));
    // Refunds: claimed back from the contracts ended after a violation (everything paid to
    // them), and repaid.
    let mut paid_to: HashMap<String, i64> = HashMap::new();
    for p in payments.iter().filter(|p| !p["paid_on"].is_empty()) {
        *paid_to.entry(p["contract_number"].clone()).or_default() += tyiyn(&p["amount_som"]);
    }
    let violations: Vec<_> = rows(d, "terminations.csv").into_iter().filter(|t| t["violation"] == "yes").collect();
    assert!(!violations.is_empty(), "the country has contracts ended after a violation");
    let claimed: i64 = violations.iter().map(|t| paid_to[&t["contract_number"]]).sum();
    assert_eq!(total("refunds-due").value, Some(claimed));
    let repaid: i64 = rows(d, "repayments.csv").iter().map(|r| tyiyn(&r["amount_som"])).sum();
    assert_eq!(total("refunds-recovered").value, Some(repaid));
    assert_eq!(total("products-developed").value, Some(rows(d, "ovop_products.csv").len() as i64));
    assert_eq!(total("export-contracts").value, Some(rows(d, "ovop_exports.csv").len() as i64));
    let delivered: i64 =
        rows(d, "orders.csv").iter().map(|o| number(&o["delivered"]) * tyiyn(&o["unit_price_som"])).sum();
    let market: i64 = rows(d, "sales.csv").iter().map(|s| number(&s["quantity"]) * tyiyn(&s["unit_price_som"])).sum();
    assert!(market > 0, "the workshops sold outside orders too");
    let sold = delivered + market;
    let supplied: i64 = rows(d, "production.csv")
        .iter()
        .map(|p| number(&p["internal_quantity"]) * tyiyn(&p["transfer_price_som"]))
        .sum();
    assert_eq!(total("enterprise-revenue").value, Some(sold + supplied));
    let certified = rows(d, "training.csv").iter().filter(|t| t["completed"] == "yes").count() as i64;
    assert_eq!(total("trainees-certified").value.unwrap_or(0), certified);
    let inmates: i64 = rows(d, "facilities.csv").iter().map(|f| number(&f["inmates"])).sum();
    assert_eq!(total("inmates-working").denominator, inmates);
}

on_both_backends!(a_synth_country_saved_by_excel_in_a_russian_locale_imports_whole_with_the_figures_its_files_hold);
