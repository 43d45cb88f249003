//! Reads the rows of a CSV or XLSX file as text in a [`Layout`]'s column order, whatever the file's own
//! column order, with each row's spreadsheet number (the first row is 1), from files as offices
//! save them:
//!
//! - a CSV's encoding is found (a byte-order mark: UTF-8, UTF-16 as Excel's "Unicode text";
//!   else UTF-8 if it is valid, else the guess of `chardetng`, Windows-1251 in practice) and its
//!   delimiter sniffed (`,` `;` tab `|`);
//! - the header is the first row, among the first [`HEADER_SEARCH`], that names at least
//!   [`HEADER_MATCHES`] columns in English, Russian or Kyrgyz (the layout's headings): title and
//!   blank rows above it are passed over;
//! - a workbook's first sheet that has a header is read, unless a sheet is named.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, Reader as _, Xlsx};
use encoding_rs::Encoding;

use crate::columns::{Layout, Mapping};
use crate::import::ImportError;

/// A row's values in its layout's column order (absent columns empty).
pub(crate) type Values = Vec<String>;

/// Rows searched for the header from the top of a file or sheet.
pub const HEADER_SEARCH: usize = 30;
/// Columns a row must name to be taken for the header (fewer in a layout that requires fewer:
/// [`header_matches`]).
pub const HEADER_MATCHES: usize = 3;

/// Columns a row of a layout's file must name to be taken for its header: [`HEADER_MATCHES`],
/// or every required column of a layout that requires fewer (a graduation is a contract's
/// number and a day), never fewer than two, so that a title row is not taken for it.
pub fn header_matches(layout: &Layout) -> usize {
    let required = layout.columns.iter().filter(|(_, required)| *required).count();
    HEADER_MATCHES.min(required).max(2)
}

/// How a file was read, said in the import's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileShape {
    /// A CSV's encoding (`UTF-8`, `windows-1251`, `UTF-16LE`).
    pub encoding: Option<&'static str>,
    /// A CSV's delimiter.
    pub delimiter: Option<char>,
    /// The sheet read from a workbook, and every sheet it holds.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// The header's row number: rows above it were titles or blank.
    pub header_row: u64,
}

pub(crate) enum RowReader {
    Csv {
        reader: csv::Reader<Box<dyn Read + Send>>,
        map: Vec<Option<usize>>,
        /// Rows read past while looking for the header, to give out first.
        pending: VecDeque<(u64, csv::StringRecord)>,
        record: csv::StringRecord,
        row: u64,
        /// Bytes of the file read so far, for progress.
        read: Arc<AtomicU64>,
    },
    /// Rows streamed from a thread that reads the sheet cell by cell: a workbook of any size or
    /// shape is read in bounded memory.
    Xlsx { rows: Receiver<SheetRow>, map: Vec<Option<usize>>, pending: VecDeque<(u64, Vec<Data>)>, row: u64 },
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
    pub shape: FileShape,
}

/// Where each of the layout's columns stands in the file's header; fails naming every missing
/// column.
fn map_header(
    layout: &Layout,
    header: &[String],
    mapping: Option<&Mapping>,
) -> Result<(Vec<Option<usize>>, Vec<String>), ImportError> {
    let found: Vec<Option<usize>> = header.iter().map(|h| layout.column_with(mapping, h)).collect();
    let map: Vec<Option<usize>> = (0..layout.columns.len()).map(|c| found.iter().position(|f| *f == Some(c))).collect();
    let missing: Vec<String> = layout
        .columns
        .iter()
        .zip(&map)
        .filter(|((_, required), at)| *required && at.is_none())
        .map(|((n, _), _)| n.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    // What a mapping ignores on purpose is not reported as ignored.
    let ignored = header
        .iter()
        .zip(&found)
        .filter(|(h, f)| !h.trim().is_empty() && f.is_none() && mapping.and_then(|m| m.lookup(layout, h)).is_none())
        .map(|(h, _)| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    Ok((map, ignored))
}

/// How many distinct columns a row names.
fn columns_named(layout: &Layout, cells: &[String], mapping: Option<&Mapping>) -> usize {
    let mut named: Vec<usize> = cells.iter().filter_map(|c| layout.column_with(mapping, c)).collect();
    named.sort_unstable();
    named.dedup();
    named.len()
}

/// The header among the first rows: the first that names enough columns. `None` when no row
/// does (the first row then stands for the header, so the missing columns are named).
pub(crate) fn find_header(layout: &Layout, rows: &[Vec<String>], mapping: Option<&Mapping>) -> Option<usize> {
    let enough = header_matches(layout);
    rows.iter().take(HEADER_SEARCH).position(|r| columns_named(layout, r, mapping) >= enough)
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The first bytes of a file, where its encoding and delimiter are looked for.
const SNIFF_BYTES: usize = 64 * 1024;

/// The encoding of a text file's first bytes: a byte-order mark's, else UTF-8 if they are
/// valid UTF-8 (a character cut at the end allowed), else `chardetng`'s guess.
fn sniff_encoding(head: &[u8], whole_file: bool) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return encoding;
    }
    match std::str::from_utf8(head) {
        Ok(_) => encoding_rs::UTF_8,
        Err(e) if e.error_len().is_none() && !whole_file => encoding_rs::UTF_8,
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(head, whole_file);
            detector.guess(Some(b"ru"), chardetng::Utf8Detection::Allow)
        }
    }
}

/// The delimiter of the first lines: of `,` `;` tab and `|`, the one found the same number of
/// times (at least once, outside quotes) on the most lines.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(50).collect();
    let count = |line: &str, d: char| {
        let mut quoted = false;
        line.chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == d
            })
            .count()
    };
    let mut best = (b',', 0usize, 0usize);
    for d in [',', ';', '\t', '|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count(l, d)).collect();
        let mut modal = (0usize, 0usize);
        for &c in counts.iter().filter(|c| **c > 0) {
            let lines_with = counts.iter().filter(|x| **x == c).count();
            if (lines_with, c) > (modal.1, modal.0) {
                modal = (c, lines_with);
            }
        }
        if (modal.1, modal.0) > (best.1, best.2) {
            best = (d as u8, modal.1, modal.0);
        }
    }
    best.0
}

/// A CSV file opened for reading: its records as UTF-8 text, whatever its encoding.
struct CsvSource {
    reader: csv::Reader<Box<dyn Read + Send>>,
    encoding: &'static Encoding,
    delimiter: u8,
    /// The file's size and the bytes read so far, for progress.
    total: u64,
    read: Arc<AtomicU64>,
}

fn csv_source(path: &Path) -> Result<CsvSource, ImportError> {
    let io = |e| ImportError::Io(path.display().to_string(), e);
    let mut file = File::open(path).map_err(io)?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut file).take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(io)?;
    let encoding = sniff_encoding(&head, (head.len() as u64) >= total);
    let (text, _, _) = encoding.decode(&head);
    let delimiter = sniff_delimiter(&text);
    let read = Arc::new(AtomicU64::new(0));
    let mut file = File::open(path).map_err(io)?;
    // UTF-8 is read as it is (the csv reader checks it), past its byte-order mark if it has
    // one; any other encoding is decoded to UTF-8 as it streams.
    let decoded: Box<dyn Read + Send> = if encoding == encoding_rs::UTF_8 {
        if head.starts_with(b"\xEF\xBB\xBF") {
            (&mut file).take(3).read_to_end(&mut Vec::new()).map_err(io)?;
        }
        Box::new(Counted { inner: BufReader::new(file), read: read.clone() })
    } else {
        let counted = Counted { inner: BufReader::new(file), read: read.clone() };
        Box::new(encoding_rs_io::DecodeReaderBytesBuilder::new().encoding(Some(encoding)).build(counted))
    };
    let reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).delimiter(delimiter).from_reader(decoded);
    Ok(CsvSource { reader, encoding, delimiter, total, read })
}

/// A row's number and its cells as text.
pub(crate) type TextRow = (u64, Vec<String>);

/// The first `n` rows of a file as text, with their numbers, and how it was read: a
/// workbook's named sheet, or its first sheet with a header (under `mapping`), or its first.
pub(crate) fn first_rows(
    layout: &Layout,
    path: &Path,
    sheet: Option<&str>,
    mapping: Option<&Mapping>,
    n: usize,
) -> Result<(Vec<TextRow>, FileShape), ImportError> {
    let cells = |r: &csv::StringRecord| r.iter().take(MAX_COLUMNS).map(str::to_string).collect::<Vec<_>>();
    match extension(path).as_str() {
        "csv" | "txt" | "tsv" => {
            let mut src = csv_source(path)?;
            let mut rows = Vec::new();
            let mut record = csv::StringRecord::new();
            while rows.len() < n && src.reader.read_record(&mut record)? {
                rows.push((rows.len() as u64 + 1, cells(&record)));
            }
            let shape = FileShape {
                encoding: Some(src.encoding.name()),
                delimiter: Some(char::from(src.delimiter)),
                ..FileShape::default()
            };
            Ok((rows, shape))
        }
        "xlsx" | "xlsm" => {
            let open = || -> Result<Xlsx<BufReader<File>>, ImportError> {
                calamine::open_workbook(path).map_err(|e: calamine::XlsxError| ImportError::Spreadsheet(e.to_string()))
            };
            let sheets = open()?.sheet_names().to_vec();
            let mut first = None;
            for name in sheets.iter().filter(|s| sheet.is_none_or(|w| s.trim().eq_ignore_ascii_case(w.trim()))) {
                let (receiver, _) = stream(open()?, name.clone());
                let mut rows = Vec::new();
                while rows.len() < n {
                    match receiver.recv() {
                        Ok(Ok((number, cells))) => rows.push((number, cells.iter().map(cell_text).collect::<Vec<_>>())),
                        Ok(Err(e)) => return Err(ImportError::Spreadsheet(e)),
                        Err(_) => break,
                    }
                }
                let texts: Vec<Vec<String>> = rows.iter().map(|(_, c)| c.clone()).collect();
                let shape = FileShape { sheet: Some(name.clone()), sheets: sheets.clone(), ..FileShape::default() };
                if find_header(layout, &texts, mapping).is_some() {
                    return Ok((rows, shape));
                }
                first.get_or_insert((rows, shape));
            }
            first
                .ok_or_else(|| ImportError::Spreadsheet(format!("the workbook has no sheet {:?}", sheet.unwrap_or(""))))
        }
        _ => Err(ImportError::UnknownFormat(path.display().to_string())),
    }
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}

fn open_csv(layout: &Layout, path: &Path, mapping: Option<&Mapping>) -> Result<Opened, ImportError> {
    let CsvSource { mut reader, encoding, delimiter, total, read } = csv_source(path)?;
    let mut first: Vec<(u64, csv::StringRecord)> = Vec::new();
    let mut record = csv::StringRecord::new();
    while first.len() < HEADER_SEARCH && reader.read_record(&mut record)? {
        first.push((first.len() as u64 + 1, record.clone()));
    }
    // Only the first MAX_COLUMNS cells of a row are looked at for a header.
    let texts: Vec<Vec<String>> =
        first.iter().map(|(_, r)| r.iter().take(MAX_COLUMNS + 1).map(str::to_string).collect()).collect();
    let at = find_header(layout, &texts, mapping).unwrap_or(0);
    let header = texts.get(at).cloned().unwrap_or_default();
    if header.len() > MAX_COLUMNS {
        return Err(ImportError::Spreadsheet(format!("the header row has more than {MAX_COLUMNS} columns")));
    }
    let (map, ignored_columns) = map_header(layout, &header, mapping)?;
    let pending: VecDeque<(u64, csv::StringRecord)> = first.into_iter().skip(at + 1).collect();
    let shape = FileShape {
        encoding: Some(encoding.name()),
        delimiter: Some(char::from(delimiter)),
        header_row: at as u64 + 1,
        ..FileShape::default()
    };
    let row = pending.back().map_or(at as u64 + 1, |(n, _)| *n);
    Ok(Opened { reader: RowReader::Csv { reader, map, pending, record, row, read }, total, ignored_columns, shape })
}

fn open_xlsx(
    layout: &Layout,
    path: &Path,
    sheet: Option<&str>,
    mapping: Option<&Mapping>,
) -> Result<Opened, ImportError> {
    let open = || -> Result<Xlsx<BufReader<File>>, ImportError> {
        calamine::open_workbook(path).map_err(|e: calamine::XlsxError| ImportError::Spreadsheet(e.to_string()))
    };
    let sheets = open()?.sheet_names().to_vec();
    let candidates: Vec<String> = match sheet {
        Some(name) => {
            let found = sheets.iter().find(|s| s.trim().eq_ignore_ascii_case(name.trim())).cloned();
            vec![found.ok_or_else(|| {
                ImportError::Spreadsheet(format!(
                    "the workbook has no sheet {name:?}: its sheets are {}",
                    sheets.join(", ")
                ))
            })?]
        }
        None => sheets.clone(),
    };
    let mut first_failure = None;
    for name in &candidates {
        let (rows, total) = stream(open()?, name.clone());
        let mut first: Vec<(u64, Vec<Data>)> = Vec::new();
        while first.len() < HEADER_SEARCH {
            match rows.recv() {
                Ok(Ok(row)) => first.push(row),
                Ok(Err(e)) => return Err(ImportError::Spreadsheet(e)),
                Err(_) => break,
            }
        }
        let texts: Vec<Vec<String>> = first.iter().map(|(_, cells)| cells.iter().map(cell_text).collect()).collect();
        let Some(at) =
            find_header(layout, &texts, mapping).or((candidates.len() == 1 && !texts.is_empty()).then_some(0))
        else {
            if first_failure.is_none() && !texts.is_empty() {
                first_failure = Some(map_header(layout, &texts[0], mapping).err());
            }
            continue;
        };
        let (map, ignored_columns) = map_header(layout, &texts[at], mapping)?;
        let header_row = first[at].0;
        let pending: VecDeque<(u64, Vec<Data>)> = first.into_iter().skip(at + 1).collect();
        let shape = FileShape { sheet: Some(name.clone()), sheets, header_row, ..FileShape::default() };
        let reader = RowReader::Xlsx { rows, map, pending, row: header_row };
        return Ok(Opened { reader, total, ignored_columns, shape });
    }
    match first_failure.flatten() {
        Some(missing) => Err(missing),
        None => Err(ImportError::Spreadsheet("no sheet of the workbook has a header row".into())),
    }
}

/// Streams a sheet's rows from a thread of its own; answers the rows and the sheet's claimed
/// number of rows.
fn stream(book: Xlsx<BufReader<File>>, name: String) -> (Receiver<SheetRow>, u64) {
    let (tx, rows) = sync_channel(256);
    let (size_tx, size) = sync_channel(1);
    std::thread::spawn(move || {
        // calamine 0.38 panics on some damaged workbooks (a cell reference of many letters
        // overflows in its parser; found by the fuzz target `file_reader`): the file is
        // refused, the reader never dies half-way with rows missing.
        let sent = std::panic::AssertUnwindSafe(|| stream_sheet(book, &name, &size_tx, &tx));
        if std::panic::catch_unwind(sent).is_err() {
            let _ = tx.send(Err("the workbook is damaged: it could not be read".into()));
        }
    });
    // Progress counts rows; the sheet's own claim of its size is only a hint.
    let total = size.recv().unwrap_or(0);
    (rows, total)
}

pub(crate) fn open(
    layout: &Layout,
    path: &Path,
    sheet: Option<&str>,
    mapping: Option<&Mapping>,
) -> Result<Opened, ImportError> {
    match extension(path).as_str() {
        "csv" | "txt" | "tsv" => open_csv(layout, path, mapping),
        "xlsx" | "xlsm" => open_xlsx(layout, path, sheet, mapping),
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
            RowReader::Csv { reader, map, pending, record, row, read } => {
                let position = read.load(Ordering::Relaxed);
                if let Some((number, first)) = pending.pop_front() {
                    let values = map_values(map, |i| first.get(i).map(str::to_string));
                    return Ok(Some((number, values, position)));
                }
                if !reader.read_record(record)? {
                    return Ok(None);
                }
                *row += 1;
                let values = map_values(map, |i| record.get(i).map(str::to_string));
                Ok(Some((*row, values, position)))
            }
            RowReader::Xlsx { rows, map, pending, row } => {
                let next = match pending.pop_front() {
                    Some(first) => first,
                    None => {
                        let Ok(next) = rows.recv() else {
                            return Ok(None);
                        };
                        next.map_err(ImportError::Spreadsheet)?
                    }
                };
                let (number, cells) = next;
                *row = number;
                let values = map_values(map, |i| cells.get(i).map(cell_text));
                Ok(Some((*row, values, *row - 1)))
            }
        }
    }
}

/// Reads a sheet cell by cell and sends its rows that hold anything, in order; stops when the
/// receiver is gone. Cells beyond [`MAX_COLUMNS`] in the first row are refused; in other rows
/// they are not kept.
fn stream_sheet(mut book: Xlsx<BufReader<File>>, name: &str, size: &SyncSender<u64>, tx: &SyncSender<SheetRow>) {
    let mut cells = match book.worksheet_cells_reader(name) {
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
    map.iter().map(|at| at.and_then(&get).map(|v| crate::cells::unquote(&v).to_string()).unwrap_or_default()).collect()
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
mod tests;
