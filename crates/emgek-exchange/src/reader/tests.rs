use super::*;

#[test]
fn a_workbook_that_crashes_the_spreadsheet_library_is_refused_not_a_dead_reader() {
    // Found by `scripts/fuzz`: a cell reference of many letters overflows in calamine.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.xlsx");
    std::fs::write(&path, include_bytes!("../../testdata/cell-reference-overflows.xlsx")).unwrap();
    let mut rows = 0;
    let outcome = open(&HOUSEHOLDS, &path, None, None).and_then(|mut opened| {
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

/// A household list as an office in Sokuluk keeps it: a title row and a blank row above a
/// header in Russian, places by name, values as people type them.
const OFFICE_ROWS: &[&[&str]] = &[
    &["Список получателей социального контракта, Сокулукский район, 2024"],
    &[],
    &[
        "№ семьи",
        "Область",
        "Район",
        "Айыльный округ",
        "Село",
        "ФИО",
        "Пол",
        "Дата рождения",
        "ПИН",
        "Родство",
        "Согласие",
        "Пособие с",
        "Размер пособия",
        "Примечание",
    ],
    &[
        "SOK-1",
        "Чуйская область",
        "Сокулукский район",
        "Сокулук",
        "Сокулук",
        "Асанова Гульнара",
        "Ж",
        "15.03.1985",
        "1 1503 1985 00123",
        "Глава семьи",
        "да",
        "01.02.2024",
        "1 200,50",
        "",
    ],
    &[
        "SOK-1",
        "Чуйская область",
        "Сокулукский район",
        "Сокулук",
        "Сокулук",
        "Асанов Бакыт",
        "М",
        "02/01/2010",
        "2-0201-2010-00456",
        "Сын",
        "да",
        "01.02.2024",
        "1 200,50",
        "школьник",
    ],
    &[
        "SOK-2",
        "Чуйская область",
        "Сокулукский р-н",
        "Сокулук",
        "Сокулук",
        "Токтогулова Айгуль",
        "Ж",
        "1990-07-20",
        "1,15032E+13",
        "Глава семьи",
        "да",
        "",
        "",
        "",
    ],
];

/// The rows as a delimited text.
fn office_text(delimiter: char) -> String {
    let width = OFFICE_ROWS[2].len();
    let mut text = String::new();
    for row in OFFICE_ROWS {
        let mut cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
        cells.resize(width, String::new());
        text.push_str(&cells.join(&delimiter.to_string()));
        text.push_str("\r\n");
    }
    text
}

/// Reads every row of a file: its number and values, and how the file was read.
fn read_all(path: &Path, sheet: Option<&str>) -> (Vec<(u64, Values)>, FileShape, Vec<String>) {
    let mut opened = open(&HOUSEHOLDS, path, sheet, None).unwrap_or_else(|e| panic!("{e}"));
    let mut rows = Vec::new();
    while let Some((n, values, _)) = opened.reader.next_row().unwrap() {
        if values.iter().any(|v| !v.is_empty()) {
            rows.push((n, values));
        }
    }
    (rows, opened.shape, opened.ignored_columns)
}

fn assert_office_rows(rows: &[(u64, Values)]) {
    let today = time::macros::date!(2026 - 12 - 01);
    assert_eq!(rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [4, 5, 6], "rows keep the sheet's numbers");
    let (h, m) = crate::columns::from_values(&rows[0].1);
    let (h, m) = (h.validate(today).unwrap(), m.validate(today).unwrap());
    assert_eq!((h.oblast.as_str(), h.rayon.as_str()), ("KG-C", "KG-C-SOK"));
    assert_eq!(h.benefit.map(|b| b.monthly.minor()), Some(120_050), "1 200,50 som");
    assert_eq!(m.pin.as_str(), "11503198500123");
    assert_eq!((m.sex, m.relation), (Sex::Female, Relation::Head));
    assert_eq!(m.birth_date, time::macros::date!(1985 - 03 - 15));
    let (_, child) = crate::columns::from_values(&rows[1].1);
    let child = child.validate(today).unwrap();
    assert_eq!((child.pin.as_str(), child.relation), ("20201201000456", Relation::Child));
    let (_, lost) = crate::columns::from_values(&rows[2].1);
    let errors = lost.validate(today).unwrap_err();
    assert_eq!((errors[0].field.as_str(), errors[0].rule), ("pin", "pin.scientific"));
}

use emgek_domain::household::{Relation, Sex};

use crate::columns::{COLUMNS, HOUSEHOLDS, MappedHeading, column_of};

#[test]
fn a_semicolon_file_with_a_bom_a_title_row_and_russian_headings_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("список.csv");
    let text = office_text(';');
    std::fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    let (rows, shape, ignored) = read_all(&path, None);
    assert_eq!((shape.encoding, shape.delimiter, shape.header_row), (Some("UTF-8"), Some(';'), 3));
    assert_eq!(ignored, ["Примечание"]);
    assert_office_rows(&rows);
}

#[test]
fn the_same_file_in_windows_1251_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spisok.csv");
    let text = office_text(';');
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!lossy);
    std::fs::write(&path, bytes).unwrap();
    let (rows, shape, _) = read_all(&path, None);
    assert_eq!((shape.encoding, shape.delimiter), (Some("windows-1251"), Some(';')));
    assert_office_rows(&rows);
}

#[test]
fn excels_unicode_text_utf16_with_tabs_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unicode.txt");
    let text = office_text('\t');
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(&path, bytes).unwrap();
    let (rows, shape, _) = read_all(&path, None);
    assert_eq!((shape.encoding, shape.delimiter), (Some("UTF-16LE"), Some('\t')));
    assert_office_rows(&rows);
}

#[test]
fn a_workbooks_first_sheet_with_a_header_is_read_below_its_title_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("тизме.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet().set_name("Нускама").unwrap();
    notes.write_string(0, 0, "Бул барактагы маалымат импорттолбойт").unwrap();
    let list = book.add_worksheet().set_name("Тизме").unwrap();
    for (r, row) in OFFICE_ROWS.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                list.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    let (rows, shape, _) = read_all(&path, None);
    assert_eq!((shape.sheet.as_deref(), shape.header_row), (Some("Тизме"), 3));
    assert_eq!(shape.sheets, ["Нускама", "Тизме"]);
    assert_office_rows(&rows);
    assert!(
        matches!(open(&HOUSEHOLDS, &path, Some("Жок"), None), Err(ImportError::Spreadsheet(m)) if m.contains("Нускама, Тизме"))
    );
}

#[test]
fn an_offices_own_headings_are_read_through_its_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("own.csv");
    let text = "Код;Облус;Аймак;Адам;Ж;Туулду;Жеке;Ким;Макул;Эскертүү\n\
        SOK-1;KG-C;KG-C-SOK;Асанова Гульнара;Ж;15.03.1985;11503198500123;башчысы;ооба;\n";
    std::fs::write(&path, text).unwrap();
    assert!(matches!(open(&HOUSEHOLDS, &path, None, None), Err(ImportError::MissingColumns(_))), "unknown headings");
    let map = |h: &str, c: Option<&str>| MappedHeading { heading: h.into(), column: c.map(String::from) };
    let mapping = Mapping(vec![
        map("код", Some("household_ref")),
        map("аймак", Some("rayon")),
        map("адам", Some("full_name")),
        map("ж", Some("sex")),
        map("туулду", Some("birth_date")),
        map("жеке", Some("pin")),
        map("ким", Some("relation")),
        map("макул", Some("consent")),
        map("Эскертүү", None),
    ]);
    assert!(mapping.check(&HOUSEHOLDS).is_empty());
    let mut opened = open(&HOUSEHOLDS, &path, None, Some(&mapping)).unwrap();
    assert_eq!(opened.ignored_columns, Vec::<String>::new(), "what the mapping ignores is not reported");
    let (row, values, _) = opened.reader.next_row().unwrap().unwrap();
    assert_eq!(row, 2);
    let today = time::macros::date!(2026 - 12 - 01);
    let (h, m) = crate::columns::from_values(&values);
    assert_eq!(h.validate(today).unwrap().rayon, "KG-C-SOK", "Облус is a known heading");
    assert_eq!(m.validate(today).unwrap().relation, Relation::Head);
    let twice = Mapping(vec![map("a", Some("pin")), map("b", Some("pin")), map("c", Some("nothing"))]);
    let rules: Vec<&str> = twice.check(&HOUSEHOLDS).iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["mapping.column_twice", "mapping.column_unknown"]);
    let long = Mapping(vec![MappedHeading { heading: "Ф".repeat(201), column: Some("pin".into()) }]);
    assert_eq!(long.check(&HOUSEHOLDS)[0].rule, "mapping.heading_long");
    let wide: Vec<MappedHeading> =
        (0..300).map(|n| MappedHeading { heading: format!("Мамыча {n}"), column: None }).collect();
    assert_eq!(Mapping(wide).check(&HOUSEHOLDS).iter().map(|e| e.rule).collect::<Vec<_>>(), ["mapping.too_many"]);
}

#[test]
fn headings_in_kyrgyz_and_english_variants_name_their_columns() {
    for (heading, column) in [
        ("Аты-жөнү", "full_name"),
        ("  ФИО ", "full_name"),
        ("Туулган күнү", "birth_date"),
        ("Date of birth", "birth_date"),
        ("HOUSEHOLD_REF", "household_ref"),
        ("Жынысы", "sex"),
        ("п.и.н.", "pin"),
        ("Жеке номер", "pin"),
    ] {
        let found = column_of(heading).map(|c| COLUMNS[c].0);
        assert_eq!(found, Some(column), "{heading}");
    }
    assert_eq!(column_of("Примечание"), None);
    for (field, known) in crate::columns::HEADINGS {
        for h in *known {
            assert_eq!(column_of(h).map(|c| COLUMNS[c].0), Some(*field), "{h} names one column only");
        }
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
    match map_header(&HOUSEHOLDS, &header, None) {
        Err(ImportError::MissingColumns(m)) => {
            assert_eq!(m, ["rayon", "consent", "full_name", "birth_date", "sex", "relation"])
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

#[test]
fn a_two_column_file_below_a_title_finds_its_header_and_a_title_is_never_taken_for_one() {
    let layout = crate::records::Kind::ScGraduations.layout();
    assert_eq!(super::header_matches(layout), 2);
    assert_eq!(super::header_matches(&HOUSEHOLDS), super::HEADER_MATCHES);
    let rows = |texts: &[&[&str]]| -> Vec<Vec<String>> {
        texts.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let file =
        rows(&[&["Выпускники 2024", ""], &["", ""], &["Номер контракта", "Дата выпуска"], &["SC-1", "01.02.2024"]]);
    assert_eq!(super::find_header(layout, &file, None), Some(2));
    let title_only = rows(&[&["Номер контракта: список", ""], &["SC-1", "01.02.2024"]]);
    assert_eq!(super::find_header(layout, &title_only, None), None, "one heading is not a header");
}
