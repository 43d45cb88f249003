//! Reads the rows of a CSV or XLSX file as text in [`COLUMNS`] order, whatever the file's own
//! column order, with each row's spreadsheet number (the header is row 1).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, Reader as _, Xlsx};

use crate::columns::COLUMNS;
use crate::import::ImportError;

pub(crate) type Values = [String; 16];

pub(crate) enum RowReader {
    Csv {
        reader: csv::Reader<BufReader<File>>,
        map: Vec<Option<usize>>,
        record: csv::StringRecord,
        row: u64,
    },
    /// Rows streamed from a thread that reads the sheet cell by cell: a workbook of any size or
    /// shape is read in bounded memory.
    Xlsx {
        rows: Receiver<SheetRow>,
        map: Vec<Option<usize>>,
        row: u64,
    },
}

/// A row of a sheet as the reading thread sends it: its number (from 1) and its cells by
/// column, or the reason the sheet could not be read.
type SheetRow = Result<(u64, Vec<Data>), String>;

/// Columns of a sheet that are read; a header wider than this is refused. emgek's household
/// file has 16, and no office's list needs more than a few dozen.
pub(crate) const MAX_COLUMNS: usize = 256;

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
        "xlsx" | "xlsm" => {
            let book: Xlsx<_> = calamine::open_workbook(path)
                .map_err(|e: calamine::XlsxError| ImportError::Spreadsheet(e.to_string()))?;
            let (tx, rows) = sync_channel(256);
            let (size_tx, size) = sync_channel(1);
            std::thread::spawn(move || {
                // calamine 0.38 panics on some damaged workbooks (a cell reference of many
                // letters overflows in its parser; found by the fuzz target `file_reader`): the
                // file is refused, the reader never dies half-way with rows missing.
                let sent = std::panic::AssertUnwindSafe(|| stream_sheet(book, &size_tx, &tx));
                if std::panic::catch_unwind(sent).is_err() {
                    let _ = tx.send(Err("the workbook is damaged: it could not be read".into()));
                }
            });
            // Progress counts rows; the sheet's own claim of its size is only a hint.
            let total = size.recv().unwrap_or(0);
            let (header_row, header) = match rows.recv() {
                Ok(Ok(first)) => first,
                Ok(Err(e)) => return Err(ImportError::Spreadsheet(e)),
                Err(_) => return Err(ImportError::Spreadsheet("the sheet is empty".into())),
            };
            let header: Vec<String> = header.iter().map(cell_text).collect();
            let (map, ignored_columns) = map_header(&header)?;
            Ok(Opened { reader: RowReader::Xlsx { rows, map, row: header_row }, total, ignored_columns })
        }
        "xls" | "xlsb" | "ods" => Err(ImportError::Spreadsheet(
            "only .xlsx workbooks are read: save the file as an Excel workbook (.xlsx) or as CSV".into(),
        )),
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
                let Ok(next) = rows.recv() else {
                    return Ok(None);
                };
                let (number, cells) = next.map_err(ImportError::Spreadsheet)?;
                *row = number;
                let values = map_values(map, |i| cells.get(i).map(cell_text));
                Ok(Some((*row, values, *row - 1)))
            }
        }
    }
}

/// Reads the first sheet cell by cell and sends its rows that hold anything, in order, the
/// first of them being the header; stops when the receiver is gone. Cells beyond
/// [`MAX_COLUMNS`] in the header are refused; in other rows they are not kept.
fn stream_sheet(mut book: Xlsx<BufReader<File>>, size: &SyncSender<u64>, tx: &SyncSender<SheetRow>) {
    let Some(name) = book.sheet_names().first().cloned() else {
        let _ = tx.send(Err("the workbook has no sheet".into()));
        return;
    };
    let mut cells = match book.worksheet_cells_reader(&name) {
        Ok(cells) => cells,
        Err(e) => {
            let _ = tx.send(Err(e.to_string()));
            return;
        }
    };
    let _ = size.send(u64::from(cells.dimensions().end.0).min(1_048_576));
    let mut current: Option<(u32, Vec<Data>)> = None;
    let mut header_done = false;
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
                return;
            }
        };
        let (r, c) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        if current.as_ref().is_some_and(|(row, _)| *row != r) {
            let (row, values) = current.take().unwrap_or_default();
            header_done = true;
            if tx.send(Ok((u64::from(row) + 1, values))).is_err() {
                return;
            }
        }
        let c = c as usize;
        if c >= MAX_COLUMNS {
            if !header_done {
                let _ = tx.send(Err(format!("the header row has more than {MAX_COLUMNS} columns")));
                return;
            }
            continue;
        }
        let (_, values) = current.get_or_insert_with(|| (r, Vec::new()));
        if values.len() <= c {
            values.resize(c + 1, Data::Empty);
        }
        values[c] = value;
    }
    if let Some((row, values)) = current {
        let _ = tx.send(Ok((u64::from(row) + 1, values)));
    }
}

fn map_values(map: &[Option<usize>], get: impl Fn(usize) -> Option<String>) -> Values {
    std::array::from_fn(|c| map[c].and_then(&get).map(|v| crate::cells::unquote(&v).to_string()).unwrap_or_default())
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
    fn a_workbook_that_crashes_the_spreadsheet_library_is_refused_not_a_dead_reader() {
        // Found by `scripts/fuzz`: a cell reference of many letters overflows in calamine.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("damaged.xlsx");
        std::fs::write(&path, include_bytes!("../testdata/cell-reference-overflows.xlsx")).unwrap();
        let mut rows = 0;
        let outcome = open(&path).and_then(|mut opened| {
            while opened.reader.next_row()?.is_some() {
                rows += 1;
            }
            Ok(())
        });
        match outcome {
            Err(ImportError::Spreadsheet(message)) => assert!(!message.is_empty()),
            Ok(()) if cfg!(debug_assertions) => panic!("{rows} rows and no error"),
            // Where the library does not panic (overflow checks off), the rows it read are all.
            Ok(()) => {}
            Err(other) => panic!("{other}"),
        }
    }

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
