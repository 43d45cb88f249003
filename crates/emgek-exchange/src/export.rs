//! Exports of any filtered household list, in the import's own columns, so that an export
//! imports back unchanged.

use std::path::Path;

use emgek_domain::access::{Areas, mask_pin};
use emgek_store::{ExportRow, HouseholdFilter, Store, StoreError};

use crate::columns::{COLUMNS, to_record};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the export: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("an XLSX sheet holds at most 1,048,575 rows; export this selection as CSV")]
    TooManyRows,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The most data rows one XLSX sheet holds (the header takes row 1).
const XLSX_MAX_ROWS: u32 = 1_048_575;

/// Hides a person's PIN and disability unless the reader may see them in her household's place.
fn masked(mut r: ExportRow, sensitive: &Areas) -> ExportRow {
    if !sensitive.contains(&r.household.oblast, &r.household.rayon) {
        r.member.pin = mask_pin(&r.member.pin);
        r.member.disability = "hidden".into();
    }
    r
}

/// Writes the households the filter selects to `path`; returns the number of rows written.
/// PINs and disability are written only where `sensitive` reaches, masked elsewhere.
pub async fn export_households(
    store: &Store,
    filter: &HouseholdFilter,
    format: ExportFormat,
    path: &Path,
    sensitive: &Areas,
) -> Result<u64, ExportError> {
    match format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_path(path)?;
            w.write_record(COLUMNS.iter().map(|c| c.0))?;
            let mut rows = 0u64;
            store
                .export_rows(filter, |r| {
                    let r = masked(r, sensitive);
                    rows += 1;
                    w.write_record(to_record(&r.household, &r.member).map(crate::cells::safe))
                })
                .await??;
            w.flush()?;
            Ok(rows)
        }
        ExportFormat::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet_with_constant_memory()?;
            for (col, (name, _)) in COLUMNS.iter().enumerate() {
                sheet.write_string(0, col as u16, *name)?;
            }
            let mut row = 0u32;
            store
                .export_rows(filter, |r| {
                    if row == XLSX_MAX_ROWS {
                        return Err(ExportError::TooManyRows);
                    }
                    row += 1;
                    let r = masked(r, sensitive);
                    for (col, value) in to_record(&r.household, &r.member).iter().enumerate() {
                        sheet.write_string(row, col as u16, *value)?;
                    }
                    Ok(())
                })
                .await??;
            book.save(path)?;
            Ok(u64::from(row))
        }
    }
}
