//! The columns of a household file: one row per person, her household's columns repeated on
//! every row of the household. Imports, exports, the template and `synth` share this list.

use emgek_domain::household::{HouseholdInput, MemberInput};

/// Column names in file order, and whether an import requires the column to be present.
pub const COLUMNS: &[(&str, bool)] = &[
    ("household_ref", true),
    ("oblast", true),
    ("rayon", true),
    ("aiyl_okmotu", false),
    ("village", false),
    ("phone", false),
    ("benefit_since", false),
    ("benefit_monthly_som", false),
    ("consent", true),
    ("pin", true),
    ("full_name", true),
    ("full_name_latin", false),
    ("birth_date", true),
    ("sex", true),
    ("relation", true),
    ("disability", false),
    // Last, so that files written before it still read: Kyrgyz when absent.
    ("language", false),
];

/// The values of one row, in [`COLUMNS`] order.
pub fn to_record<'a>(h: &'a HouseholdInput, m: &'a MemberInput) -> [&'a str; 17] {
    [
        &h.household_ref,
        &h.oblast,
        &h.rayon,
        &h.aiyl_okmotu,
        &h.village,
        &h.phone,
        &h.benefit_since,
        &h.benefit_monthly_som,
        &h.consent,
        &m.pin,
        &m.full_name,
        &m.full_name_latin,
        &m.birth_date,
        &m.sex,
        &m.relation,
        &m.disability,
        &h.language,
    ]
}

/// The headings each column is known by, besides its own name: as offices write them in
/// Russian, Kyrgyz and English. Compared by [`heading_key`] (case, spacing and punctuation
/// ignored).
pub const HEADINGS: &[(&str, &[&str])] = &[
    (
        "household_ref",
        &[
            "household",
            "household number",
            "household no",
            "household id",
            "family number",
            "номер домохозяйства",
            "домохозяйство",
            "код домохозяйства",
            "номер семьи",
            "код семьи",
            "номер хозяйства",
            "№ семьи",
            "№ домохозяйства",
            "номер личного дела",
            "үй чарбанын номери",
            "үй чарбасынын номери",
            "үй-бүлөнүн номери",
            "үй бүлөнүн номери",
            "үй-бүлө коду",
        ],
    ),
    ("oblast", &["region", "область", "облусу", "облус"]),
    ("rayon", &["district", "район", "район/город", "району", "район шаар"]),
    (
        "aiyl_okmotu",
        &[
            "ayil okmotu",
            "aiyl okmoty",
            "municipality",
            "айыл окмоту",
            "айылдык округ",
            "айыл өкмөтү",
            "а/о",
            "аильный округ",
            "айыльный округ",
            "сельская управа",
        ],
    ),
    ("village", &["settlement", "село", "айыл", "населенный пункт", "населённый пункт", "кыштак", "поселок"]),
    ("phone", &["phone number", "telephone", "mobile", "телефон", "тел", "номер телефона", "телефон номери"]),
    (
        "benefit_since",
        &[
            "benefit from",
            "benefit start",
            "пособие с",
            "дата назначения пособия",
            "дата назначения",
            "пособие назначено",
            "жөлөкпул качантан",
            "жөлөкпул дайындалган күн",
        ],
    ),
    (
        "benefit_monthly_som",
        &[
            "benefit",
            "monthly benefit",
            "benefit som",
            "размер пособия",
            "пособие",
            "сумма пособия",
            "пособие сом",
            "ежемесячное пособие",
            "жөлөкпулдун өлчөмү",
            "жөлөкпул",
        ],
    ),
    ("consent", &["consent given", "согласие", "согласие на обработку данных", "макулдук", "макулдугу"]),
    ("language", &["family language", "язык", "язык общения", "язык семьи", "тил", "байланыш тили", "үй-бүлөнүн тили"]),
    (
        "pin",
        &[
            "pin",
            "personal number",
            "пин",
            "п и н",
            "инн",
            "персональный номер",
            "персональный идентификационный номер",
            "жеке номер",
            "жеке идентификациялык номер",
        ],
    ),
    (
        "full_name",
        &["name", "full name", "фио", "ф и о", "фамилия имя отчество", "аты-жөнү", "аты жөнү", "толук аты-жөнү"],
    ),
    ("full_name_latin", &["name latin", "full name latin", "фио латиницей", "фио на латинице", "латынча аты-жөнү"]),
    (
        "birth_date",
        &["date of birth", "birth date", "dob", "born", "дата рождения", "д р", "туулган күнү", "туулган датасы"],
    ),
    ("sex", &["gender", "пол", "жынысы", "жыныс"]),
    (
        "relation",
        &[
            "relationship",
            "relation to head",
            "родство",
            "родственное отношение",
            "отношение к главе",
            "отношение к главе семьи",
            "степень родства",
            "туугандыгы",
            "туугандык",
            "башчыга ким болот",
        ],
    ),
    (
        "disability",
        &["disability group", "инвалидность", "группа инвалидности", "майыптык", "майыптыгы", "майыптык тобу"],
    ),
];

/// A heading as compared: lower case, `ё` as `е`, underscores, dots, `№` and brackets as spaces,
/// spaces collapsed, a leading byte-order mark dropped.
pub fn heading_key(heading: &str) -> String {
    let folded: String = heading
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            '_' | '.' | ',' | ':' | '(' | ')' | '[' | ']' | '№' | '"' | '*' => ' ',
            other => other,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file's columns: their names in file order with whether an import requires each, and the
/// headings each is known by besides its name (in Russian, Kyrgyz and English). The household
/// file is [`HOUSEHOLDS`]; each programme record's file has its own.
#[derive(Debug)]
pub struct Layout {
    pub columns: &'static [(&'static str, bool)],
    pub headings: &'static [(&'static str, &'static [&'static str])],
}

/// The household file.
pub static HOUSEHOLDS: Layout = Layout { columns: COLUMNS, headings: HEADINGS };

impl Layout {
    /// A column's index by its name.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|(n, _)| *n == name)
    }

    /// The column (its index) a heading names, by its own name or a known heading.
    pub fn column_of(&self, heading: &str) -> Option<usize> {
        let key = heading_key(heading);
        if key.is_empty() {
            return None;
        }
        let named = |name: &str| heading_key(name) == key;
        self.columns.iter().position(|(name, _)| named(name)).or_else(|| {
            let (field, _) = self.headings.iter().find(|(_, known)| known.iter().any(|h| named(h)))?;
            self.position(field)
        })
    }

    /// The column a heading names under a mapping: the mapping's word first, then the known
    /// headings ([`Layout::column_of`]).
    pub fn column_with(&self, mapping: Option<&Mapping>, heading: &str) -> Option<usize> {
        match mapping.and_then(|m| m.lookup(self, heading)) {
            Some(found) => found,
            None => self.column_of(heading),
        }
    }
}

/// The household column (its index in [`COLUMNS`]) a heading names.
pub fn column_of(heading: &str) -> Option<usize> {
    HOUSEHOLDS.column_of(heading)
}

/// The longest heading a mapping keeps, in characters.
pub const MAX_HEADING: usize = 200;

/// An office's own headings mapped to emgek's columns, or to none (the column is ignored):
/// what an import profile saves. It is looked at before the known headings.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping(pub Vec<MappedHeading>);

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MappedHeading {
    pub heading: String,
    /// One of the layout's columns, or none.
    pub column: Option<String>,
}

impl Mapping {
    /// What the mapping says of a heading: a column, ignored (`Some(None)`), or nothing.
    pub fn lookup(&self, layout: &Layout, heading: &str) -> Option<Option<usize>> {
        let key = heading_key(heading);
        let m = self.0.iter().find(|m| heading_key(&m.heading) == key)?;
        Some(m.column.as_deref().and_then(|c| layout.position(c)))
    }

    /// Every broken rule of a mapping: a column emgek does not have (`mapping.column_unknown`),
    /// one column given two headings (`mapping.column_twice`), a heading given twice
    /// (`mapping.heading_twice`), a heading longer than [`MAX_HEADING`] characters
    /// (`mapping.heading_long`), more headings than a file's header may have
    /// (`mapping.too_many`).
    pub fn check(&self, layout: &Layout) -> Vec<emgek_domain::FieldError> {
        let mut errors = Vec::new();
        if self.0.len() > crate::reader::MAX_COLUMNS {
            let n = crate::reader::MAX_COLUMNS.to_string();
            return vec![emgek_domain::FieldError::new("columns", "mapping.too_many", n)];
        }
        let mut columns = Vec::new();
        let mut headings = Vec::new();
        for (i, m) in self.0.iter().enumerate() {
            let field = format!("columns[{i}]");
            if m.heading.chars().count() > MAX_HEADING {
                let shown: String = m.heading.chars().take(MAX_HEADING).collect();
                errors.push(emgek_domain::FieldError::new(field.clone(), "mapping.heading_long", shown));
                continue;
            }
            if let Some(c) = &m.column {
                if layout.position(c).is_none() {
                    errors.push(emgek_domain::FieldError::new(field.clone(), "mapping.column_unknown", c));
                } else if columns.contains(c) {
                    errors.push(emgek_domain::FieldError::new(field.clone(), "mapping.column_twice", c));
                }
                columns.push(c.clone());
            }
            let key = heading_key(&m.heading);
            if headings.contains(&key) {
                errors.push(emgek_domain::FieldError::new(field, "mapping.heading_twice", m.heading.trim()));
            }
            headings.push(key);
        }
        errors
    }
}

/// Builds a row's inputs from its values in [`COLUMNS`] order (absent columns are empty).
pub fn from_values(v: &[String]) -> (HouseholdInput, MemberInput) {
    let s = |i: usize| v.get(i).cloned().unwrap_or_default();
    (
        HouseholdInput {
            household_ref: s(0),
            oblast: s(1),
            rayon: s(2),
            aiyl_okmotu: s(3),
            village: s(4),
            phone: s(5),
            benefit_since: s(6),
            benefit_monthly_som: s(7),
            consent: s(8),
            language: s(16),
        },
        MemberInput {
            pin: s(9),
            full_name: s(10),
            full_name_latin: s(11),
            birth_date: s(12),
            sex: s(13),
            relation: s(14),
            disability: s(15),
        },
    )
}

/// An example row for the template, so that a person sees every column filled in once.
pub fn example() -> (HouseholdInput, MemberInput) {
    (
        HouseholdInput {
            household_ref: "KG00000001".into(),
            oblast: "KG-N".into(),
            rayon: "KG-N-ATB".into(),
            aiyl_okmotu: "Ат-Башы".into(),
            village: "Ак-Муз".into(),
            phone: "+996555123456".into(),
            benefit_since: "2024-02-01".into(),
            benefit_monthly_som: "1200.00".into(),
            consent: "yes".into(),
            language: "ky".into(),
        },
        MemberInput {
            pin: "21503198512345".into(),
            full_name: "Асанов Айбек Бакыт уулу".into(),
            full_name_latin: "Asanov Aibek Bakyt uulu".into(),
            birth_date: "1985-03-15".into(),
            sex: "M".into(),
            relation: "head".into(),
            disability: "none".into(),
        },
    )
}

/// The template as CSV: the header and one example row.
pub fn template_csv() -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let (h, m) = example();
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    // Writing to memory cannot fail.
    w.write_record(&header).expect("write to memory");
    w.write_record(to_record(&h, &m)).expect("write to memory");
    w.into_inner().expect("flush to memory")
}

/// The template as XLSX, with every cell stored as text so PINs keep their digits.
pub fn template_xlsx() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let (h, m) = example();
    for (col, (name, _)) in COLUMNS.iter().enumerate() {
        let col = u16::try_from(col).expect("16 columns");
        sheet.write_string(0, col, *name)?;
        sheet.write_string(1, col, to_record(&h, &m)[usize::from(col)])?;
        sheet.set_column_width(col, 16)?;
    }
    book.save_to_buffer()
}
