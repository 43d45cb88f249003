//! Tables of figures as files: every table of a dashboard or a report as CSV (one table) or
//! XLSX (one sheet a table). Headings and labels come already in the reader's language.
//!
//! Amounts stay integers in minor units until they are written: CSV writes them as exact
//! decimal text; XLSX stores every number as a spreadsheet number (a double, exact to the tyiyn
//! far beyond any budget) with a two-decimal format, so the sheet adds them up.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// One value of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// A count or people.
    Int(i64),
    /// An amount in minor units (tyiyn, cents), written with two decimals.
    Minor(i64),
    /// A share in basis points, written as a percent with one decimal.
    Share(i64),
    Empty,
}

impl Value {
    fn plain(&self) -> String {
        match self {
            Value::Text(t) => crate::cells::safe(t).into_owned(),
            Value::Int(n) => n.to_string(),
            Value::Minor(m) => {
                let sign = if *m < 0 { "-" } else { "" };
                format!("{sign}{}.{:02}", m.unsigned_abs() / 100, m.unsigned_abs() % 100)
            }
            Value::Share(bp) => {
                let sign = if *bp < 0 { "-" } else { "" };
                let tenths = (bp.unsigned_abs() + 5) / 10;
                format!("{sign}{}.{}", tenths / 10, tenths % 10)
            }
            Value::Empty => String::new(),
        }
    }
}

/// A table with a name (the sheet's, at most 31 characters in XLSX) and its column headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The table as CSV, UTF-8 with a byte-order mark so spreadsheets read Cyrillic.
pub fn csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(table.head.iter().map(|h| crate::cells::safe(h)))?;
    for row in &table.rows {
        w.write_record(row.iter().map(Value::plain))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Several tables in one CSV file: each its name on a line, its headings and its rows, then a
/// blank line.
pub fn csv_all(tables: &[Table]) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    for t in tables {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record([crate::cells::safe(&t.name)])?;
        w.write_record(t.head.iter().map(|h| crate::cells::safe(h)))?;
        for row in &t.rows {
            w.write_record(row.iter().map(Value::plain))?;
        }
        out.extend(w.into_inner().map_err(|e| csv::Error::from(e.into_error()))?);
        out.push(b'\n');
    }
    Ok(out)
}

/// The tables as one XLSX workbook, a sheet each.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let share = Format::new().set_num_format("0.0");
    let mut used: Vec<String> = Vec::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&t.name, &used))?;
        used.push(sheet.name());
        for (col, h) in t.head.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            sheet.write_string_with_format(0, col, h, &bold)?;
            sheet.set_column_width(col, if col == 0 { 32 } else { 16 })?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (col, v) in row.iter().enumerate() {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                match v {
                    Value::Text(s) => sheet.write_string(r, col, s).map(|_| ())?,
                    Value::Int(n) => sheet.write_number(r, col, *n as f64).map(|_| ())?,
                    Value::Minor(m) => sheet.write_number_with_format(r, col, *m as f64 / 100.0, &money).map(|_| ())?,
                    Value::Share(bp) => {
                        sheet.write_number_with_format(r, col, *bp as f64 / 100.0, &share).map(|_| ())?
                    }
                    Value::Empty => {}
                }
            }
        }
    }
    book.save_to_buffer()
}

/// A sheet name XLSX accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(name: &str, used: &[String]) -> String {
    let clean: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let clean = if clean.trim().is_empty() { "Sheet".to_string() } else { clean.trim().to_string() };
    let mut candidate = clean.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{clean} {n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            name: "Гранттар / 2024".into(),
            head: vec!["Облус".into(), "Келишимдер".into(), "Сом".into(), "%".into()],
            rows: vec![
                vec![
                    Value::Text("Жалал-Абад".into()),
                    Value::Int(4_000),
                    Value::Minor(4_000_000_005),
                    Value::Share(9_412),
                ],
                vec![Value::Text("Ош".into()), Value::Int(0), Value::Minor(-150), Value::Empty],
            ],
        }
    }

    #[test]
    fn a_table_as_csv_keeps_amounts_exact_and_cyrillic_readable() {
        let bytes = csv(&table()).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text, "Облус,Келишимдер,Сом,%\nЖалал-Абад,4000,40000000.05,94.1\nОш,0,-1.50,\n");
    }

    #[test]
    fn several_tables_go_in_one_csv_each_under_its_name() {
        let bytes = csv_all(&[table(), table()]).unwrap();
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text.matches("Гранттар / 2024\nОблус,").count(), 2, "{text}");
        assert!(text.contains("Ош,0,-1.50,\n\nГранттар"), "a blank line after each table: {text}");
    }

    #[test]
    fn tables_as_xlsx_make_one_sheet_each_with_names_a_spreadsheet_accepts() {
        let bytes = xlsx(&[table(), table()]).unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader;
        assert_eq!(book.sheet_names(), ["Гранттар  2024", "Гранттар  2024 2"]);
        let range = book.worksheet_range("Гранттар  2024").unwrap();
        assert_eq!(range.get_value((1, 2)), Some(&calamine::Data::Float(40_000_000.05)));
        assert_eq!(range.get_value((1, 3)), Some(&calamine::Data::Float(94.12)));
    }
}
