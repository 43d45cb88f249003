//! Reads the rows of a CSV or XLSX file as text in [`COLUMNS`] order, whatever the file's own
//! column order, with each row's spreadsheet number (the header is row 1).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Reader as _};

use crate::columns::COLUMNS;
use crate::import::ImportError;

pub(crate) type Values = [String; 16];

pub(crate) enum RowReader {
    Csv { reader: csv::Reader<BufReader<File>>, map: Vec<Option<usize>>, record: csv::StringRecord, row: u64 },
    Xlsx { rows: std::vec::IntoIter<Vec<Data>>, map: Vec<Option<usize>>, row: u64 },
}

pub(crate) struct Opened {
    pub reader: RowReader,
    /// Units of progress in all: bytes for CSV, rows for XLSX.
    pub total: u64,
    pub ignored_columns: Vec<String>,
}

/// Where each of [`COLUMNS`] stands in the file's header; fails naming every missing column.
fn map_header(header: &[String]) -> Result<(Vec<Option<usize>>, Vec<String>), ImportError> {
    let clean: Vec<String> =
        header.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase()).collect();
    let map: Vec<Option<usize>> = COLUMNS.iter().map(|(name, _)| clean.iter().position(|h| h == name)).collect();
    let missing: Vec<String> = COLUMNS
        .iter()
        .zip(&map)
        .filter(|((_, required), at)| *required && at.is_none())
        .map(|((n, _), _)| n.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    let ignored = clean.iter().filter(|h| !h.is_empty() && !COLUMNS.iter().any(|(n, _)| n == h)).cloned().collect();
    Ok((map, ignored))
}

pub(crate) fn open(path: &Path) -> Result<Opened, ImportError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => {
            let file = File::open(path).map_err(|e| ImportError::Io(path.display().to_string(), e))?;
            let total = file.metadata().map(|m| m.len()).unwrap_or(0);
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(BufReader::new(file));
            let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
            let (map, ignored_columns) = map_header(&header)?;
            Ok(Opened {
                reader: RowReader::Csv { reader, map, record: csv::StringRecord::new(), row: 1 },
                total,
                ignored_columns,
            })
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            // calamine holds the sheet in memory; an XLSX sheet has at most 1,048,576 rows.
            let mut book = calamine::open_workbook_auto(path).map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
            let range = book
                .worksheet_range_at(0)
                .ok_or_else(|| ImportError::Spreadsheet("the workbook has no sheet".into()))?
                .map_err(|e| ImportError::Spreadsheet(e.to_string()))?;
            let mut rows = range.rows().map(<[Data]>::to_vec).collect::<Vec<_>>().into_iter();
            let header: Vec<String> = rows.next().unwrap_or_default().iter().map(cell_text).collect();
            let (map, ignored_columns) = map_header(&header)?;
            let total = rows.len() as u64;
            Ok(Opened { reader: RowReader::Xlsx { rows, map, row: 1 }, total, ignored_columns })
        }
        _ => Err(ImportError::UnknownFormat(path.display().to_string())),
    }
}

impl RowReader {
    /// The next row's number, values and progress position; `None` at the end.
    pub(crate) fn next_row(&mut self) -> Result<Option<(u64, Values, u64)>, ImportError> {
        match self {
            RowReader::Csv { reader, map, record, row } => {
                if !reader.read_record(record)? {
                    return Ok(None);
                }
                *row += 1;
                let values = map_values(map, |i| record.get(i).map(str::to_string));
                Ok(Some((*row, values, reader.position().byte())))
            }
            RowReader::Xlsx { rows, map, row } => {
                let Some(cells) = rows.next() else {
                    return Ok(None);
                };
                *row += 1;
                let values = map_values(map, |i| cells.get(i).map(cell_text));
                Ok(Some((*row, values, *row - 1)))
            }
        }
    }
}

fn map_values(map: &[Option<usize>], get: impl Fn(usize) -> Option<String>) -> Values {
    std::array::from_fn(|c| map[c].and_then(&get).unwrap_or_default())
}

/// A cell as the text a person sees: whole numbers without `.0` (PINs typed as numbers),
/// dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Excel counts days from 1899-12-30 (the 1900 leap-year bug folded in).
fn excel_date(serial: f64) -> String {
    let epoch = time::macros::date!(1899 - 12 - 30);
    // Whole days only: a birth date has no time of day.
    let days = serial.floor();
    if !(0.0..3_000_000.0).contains(&days) {
        return serial.to_string();
    }
    (epoch + time::Duration::days(days as i64)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates_become_iso_dates() {
        assert_eq!(excel_date(31_121.0), "1985-03-15");
        assert_eq!(excel_date(45_000.5), "2023-03-15");
    }

    #[test]
    fn a_header_without_required_columns_names_them_all() {
        let header = vec!["household_ref".to_string(), "PIN".into(), "oblast".into()];
        match map_header(&header) {
            Err(ImportError::MissingColumns(m)) => {
                assert_eq!(m, ["rayon", "consent", "full_name", "birth_date", "sex", "relation"])
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
    }
}
