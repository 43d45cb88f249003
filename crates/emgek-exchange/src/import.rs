//! The household import: every row validated, rejected rows written with their reasons, valid
//! rows written in one transaction (or none of them, with `all_or_nothing`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use emgek_domain::FieldError;
use emgek_domain::access::Areas;
use emgek_i18n::Tr;
use emgek_store::{Actor, ImportLog, RowOutcome, Store, StoreError};
use time::Date;

use crate::columns;
pub use crate::reader::FileShape;
use crate::reader::{self, Values};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {0}: {1}")]
    Io(String, std::io::Error),
    #[error("{0}: not a CSV or XLSX file (the name must end in .csv or .xlsx)")]
    UnknownFormat(String),
    #[error("the header row lacks required columns: {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    #[error("the spreadsheet cannot be read: {0}")]
    Spreadsheet(String),
    #[error("the CSV file cannot be read: {0}")]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Commit nothing if any row is rejected.
    pub all_or_nothing: bool,
    /// Where the reject file goes; by default beside the input, as `NAME.rejects.csv`.
    pub rejects: Option<PathBuf>,
    pub actor: Actor,
    /// The day rules such as "not in the future" are checked against.
    pub today: Date,
    /// The language of the reject file's messages.
    pub tr: Tr,
    /// The name recorded in the import log (the uploaded file's name, say).
    pub file_name: Option<String>,
    /// Where the importer may write: rows elsewhere are rejected (`scope.outside`).
    pub areas: Areas,
    /// The sheet of a workbook to read; by default the first that has a header row.
    pub sheet: Option<String>,
    /// The office's own headings (an import profile), looked at before the known headings.
    pub mapping: Option<crate::columns::Mapping>,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub log: ImportLog,
    pub rows_read: u64,
    pub rows_rejected: u64,
    /// Rows kept with something to review (a PIN that disagrees with the birth date, …).
    pub rows_with_warnings: u64,
    pub rejects_path: Option<PathBuf>,
    /// How the file was read: its encoding and delimiter, or its sheet; the header's row.
    pub shape: FileShape,
    /// How many rows broke each rule.
    pub rejected_by_rule: BTreeMap<String, u64>,
    pub ignored_columns: Vec<String>,
}

/// Progress as (units done, units in all): bytes for CSV, rows for XLSX.
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

/// Where the reject file of `input` goes unless told otherwise.
pub fn default_rejects_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("import");
    input.with_file_name(format!("{stem}.rejects.csv"))
}

/// What reading and checking a file found, without writing anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileCheck {
    pub rows_read: u64,
    pub rows_valid: u64,
}

/// Reads every row of a household file and checks it as the import would, writing nothing:
/// the import's reader and rules without a database (the fuzz target `file_reader` drives it
/// with arbitrary bytes).
pub fn check_file(path: &Path, today: time::Date) -> Result<FileCheck, ImportError> {
    let reader::Opened { mut reader, .. } = reader::open(&columns::HOUSEHOLDS, path, None, None)?;
    let mut seen: HashSet<u64> = HashSet::new();
    let mut check = FileCheck::default();
    while let Some((_, values, _)) = reader.next_row()? {
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        check.rows_read += 1;
        if validate_row(&values, today, &mut seen).is_ok() {
            check.rows_valid += 1;
        }
    }
    Ok(check)
}

/// Data rows a preview shows.
pub const PREVIEW_ROWS: usize = 5;

/// The top of a file as the import would read it, for a person to map its columns before
/// anything is written.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The header row's cells, and its number.
    pub headings: Vec<String>,
    pub header_row: u64,
    /// What each heading names under the mapping and the known headings (an index in the
    /// layout's columns).
    pub columns: Vec<Option<usize>>,
    /// Required columns no heading names.
    pub missing: Vec<&'static str>,
    /// The first data rows: number, cells, and the rules each breaks (checked only when no
    /// required column is missing).
    pub rows: Vec<(u64, Vec<String>, Vec<FieldError>)>,
    pub shape: FileShape,
}

/// Reads the top of a household file under `mapping` and checks its first rows as the import
/// would ([`top`]).
pub fn preview(
    path: &Path,
    sheet: Option<&str>,
    mapping: Option<&columns::Mapping>,
    today: Date,
) -> Result<Preview, ImportError> {
    let mut preview = top(&columns::HOUSEHOLDS, path, sheet, mapping)?;
    if preview.missing.is_empty() {
        let map: Vec<Option<usize>> =
            (0..columns::COLUMNS.len()).map(|c| preview.columns.iter().position(|f| *f == Some(c))).collect();
        let mut seen = HashSet::new();
        for (_, cells, errors) in &mut preview.rows {
            let values: Values =
                map.iter().map(|at| at.and_then(|i| cells.get(i)).cloned().unwrap_or_default()).collect();
            *errors = validate_row(&values, today, &mut seen).err().unwrap_or_default();
        }
    }
    Ok(preview)
}

/// Reads the top of a file of `layout` under `mapping`: its headings, what each names, the
/// required columns none names, and its first data rows (unchecked: the caller checks them as
/// its import would). The header is the first row naming three columns or, in a file whose
/// headings emgek does not know, the row with the most cells filled.
pub fn top(
    layout: &columns::Layout,
    path: &Path,
    sheet: Option<&str>,
    mapping: Option<&columns::Mapping>,
) -> Result<Preview, ImportError> {
    let (rows, mut shape) = reader::first_rows(layout, path, sheet, mapping, reader::HEADER_SEARCH + PREVIEW_ROWS)?;
    let texts: Vec<Vec<String>> = rows.iter().map(|(_, c)| c.clone()).collect();
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let widest = (0..texts.len()).rev().max_by_key(|i| filled(&texts[*i])).unwrap_or(0);
    let at = reader::find_header(layout, &texts, mapping).unwrap_or(widest);
    let headings: Vec<String> = texts.get(at).cloned().unwrap_or_default();
    let columns: Vec<Option<usize>> = headings.iter().map(|h| layout.column_with(mapping, h)).collect();
    let missing: Vec<&'static str> = layout
        .columns
        .iter()
        .enumerate()
        .filter(|(c, (_, required))| *required && !columns.contains(&Some(*c)))
        .map(|(_, (name, _))| *name)
        .collect();
    let data = rows
        .iter()
        .skip(at + 1)
        .filter(|(_, cells)| filled(cells) > 0)
        .take(PREVIEW_ROWS)
        .map(|(n, cells)| (*n, cells.clone(), Vec::new()))
        .collect();
    shape.header_row = rows.get(at).map_or(1, |(n, _)| *n);
    Ok(Preview { headings, header_row: shape.header_row, columns, missing, rows: data, shape })
}

pub async fn import_households(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
    progress: Progress<'_>,
) -> Result<ImportReport, ImportError> {
    let reader::Opened { mut reader, total, ignored_columns, shape } =
        reader::open(&columns::HOUSEHOLDS, path, options.sheet.as_deref(), options.mapping.as_ref())?;
    let rejects_path = options.rejects.clone().unwrap_or_else(|| default_rejects_path(path));
    let mut rejects = Rejects::new(&options.tr);
    let mut tx = store.begin_import(&options.actor, options.areas.clone()).await?;
    // PINs met so far, to refuse the same person twice in one file.
    let mut seen: HashSet<u64> = HashSet::new();
    let (mut rows_read, mut rows_with_warnings) = (0u64, 0u64);
    // The rayon of each row queued but not yet written, for a reject that names it.
    let mut rayons: HashMap<u64, String> = HashMap::new();
    while let Some((row, values, position)) = reader.next_row()? {
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        rows_read += 1;
        match validate_row(&values, options.today, &mut seen) {
            Ok((h, m)) => {
                if !m.warnings.is_empty() {
                    rows_with_warnings += 1;
                }
                rayons.insert(row, h.rayon.clone());
                let written = tx.apply(row, h, m).await?;
                out_of_reach(&written, &mut rayons, &mut rejects);
            }
            Err(errors) => rejects.add(row, &errors),
        }
        if rows_read.is_multiple_of(512) {
            progress(position, total);
        }
    }
    let written = tx.flush().await?;
    out_of_reach(&written, &mut rayons, &mut rejects);
    progress(total, total);

    let file_name = options.file_name.clone().unwrap_or_else(|| path.display().to_string());
    let (read, rejected) = (i64::try_from(rows_read).unwrap_or(i64::MAX), rejects.rows as i64);
    let log = if options.all_or_nothing && rejects.rows > 0 {
        tx.rollback(&file_name, true, read, rejected).await?
    } else {
        tx.commit(&file_name, options.all_or_nothing, read, rejected).await?
    };
    let written = if rejects.rows > 0 || options.rejects.is_some() {
        rejects.write(&rejects_path).map_err(|e| ImportError::Io(rejects_path.display().to_string(), e))?;
        Some(rejects_path)
    } else {
        None
    };
    Ok(ImportReport {
        log,
        rows_read,
        rows_rejected: rejects.rows,
        rows_with_warnings,
        rejects_path: written,
        rejected_by_rule: rejects.by_rule,
        ignored_columns,
        shape,
    })
}

/// Rejects the rows just written that would have changed a household or person outside the
/// importer's reach.
fn out_of_reach(written: &[(u64, RowOutcome)], rayons: &mut HashMap<u64, String>, rejects: &mut Rejects<'_>) {
    for (row, outcome) in written {
        let rayon = rayons.remove(row).unwrap_or_default();
        if *outcome == RowOutcome::OutOfScope {
            rejects.add(*row, &[FieldError::new("rayon", "scope.outside", rayon.as_str())]);
        }
    }
}

type ValidRow = (emgek_domain::household::HouseholdFields, emgek_domain::household::MemberFields);

fn validate_row(values: &Values, today: Date, seen: &mut HashSet<u64>) -> Result<ValidRow, Vec<FieldError>> {
    let (h, m) = columns::from_values(values);
    let household = h.validate(today);
    let member = m.validate(today);
    match (household, member) {
        (Ok(h), Ok(m)) => {
            if !seen.insert(m.pin.as_u64()) {
                return Err(vec![FieldError::new("pin", "pin.duplicate_in_file", m.pin.as_str())]);
            }
            Ok((h, m))
        }
        (h, m) => Err(h.err().unwrap_or_default().into_iter().chain(m.err().unwrap_or_default()).collect()),
    }
}

/// The reject file: one line per broken rule, with the row, field, rule, value and message in
/// the reader's language. Every import writes one.
pub struct Rejects<'a> {
    tr: &'a Tr,
    lines: Vec<(u64, [String; 5])>,
    /// Rows rejected, and how many broke each rule.
    pub rows: u64,
    pub by_rule: BTreeMap<String, u64>,
}

impl<'a> Rejects<'a> {
    pub fn new(tr: &'a Tr) -> Self {
        Self { tr, lines: Vec::new(), rows: 0, by_rule: BTreeMap::new() }
    }

    /// Rejects a row for the rules it breaks.
    pub fn add(&mut self, row: u64, errors: &[FieldError]) {
        self.rows += 1;
        let mut rules: Vec<&str> = errors.iter().map(|e| e.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        for rule in rules {
            *self.by_rule.entry(rule.to_string()).or_default() += 1;
        }
        for e in errors {
            let message = format!("{}: {}", self.tr.field(&e.field), self.tr.field_error(e));
            self.lines.push((row, [row.to_string(), e.field.clone(), e.rule.to_string(), e.value.clone(), message]));
        }
    }

    /// Writes the file, in row order.
    pub fn write(&mut self, path: &Path) -> std::io::Result<()> {
        // Rows out of reach are known only once their batch is written: in row order all the same.
        self.lines.sort_by_key(|(row, _)| *row);
        let mut w = csv::Writer::from_path(path)?;
        w.write_record(["row", "field", "rule", "value", "message"])?;
        for (_, line) in &self.lines {
            w.write_record(line.iter().map(|cell| crate::cells::safe(cell)))?;
        }
        w.flush()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_is_checked_row_by_row_without_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.csv");
        let csv = "household_ref,oblast,rayon,consent,pin,full_name,birth_date,sex,relation\n\
            HH-9,KG-T,KG-T-TAL,yes,21503198512345,Асанов Айбек,1985-03-15,M,head\n\
            HH-9,KG-T,KG-T-TAL,yes,1150319851234,Асанова Айгүл,1985-03-15,F,spouse\n";
        std::fs::write(&path, csv).unwrap();
        let today = time::macros::date!(2026 - 12 - 01);
        assert_eq!(super::check_file(&path, today).unwrap(), super::FileCheck { rows_read: 2, rows_valid: 1 });
    }
}
