//! The files of a programme's records, one layout each (`docs/import.md`): what a ministry
//! brings from its spreadsheets besides the registry. Each is read by the same reader as the
//! household file (encoding, delimiter, title rows, headings in three languages, a workbook's
//! sheets, an office's mapping); what a row means and which rules it must pass is the
//! application's (`emgek_app::records`).

use std::path::Path;

use crate::columns::{Layout, Mapping};
use crate::import::ImportError;
use crate::reader::{self, FileShape, RowReader};

mod ovop;
mod prison;
mod social_contract;

pub use ovop::*;
pub use prison::*;
pub use social_contract::*;

/// The kinds of records a file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The National Bank's official rates: som for one unit of a currency on a day.
    Rates,
    /// The year's calendar as published: public holidays, days off moved by decree and
    /// weekend days made working days (grievances' deadlines count working days).
    Calendar,
    /// Grievances taken elsewhere (a hotline's register, an office's book).
    Grievances,
    /// One Village – One Product: producers, their products, certificates and export contracts.
    OvopProducers,
    OvopProducts,
    OvopCertifications,
    OvopExports,
    /// Where a product is sold: a shop, market, fair, hotel or online store, at home or abroad.
    OvopOutlets,
    /// The Social Contract: programmes with a version of their rules each, calls for
    /// applications, and families' monthly reports on contracts held.
    ScProgrammes,
    ScCalls,
    /// Applications decided before emgek, the contracts signed on them and the tranches paid.
    ScApplications,
    /// Commissions' decisions on those applications, from their minutes: the day, the average
    /// score and the reason.
    ScDecisions,
    ScContracts,
    ScPayments,
    ScReports,
    /// Field visits, extensions of a contract's term and graduations, as held before emgek.
    ScVisits,
    ScExtensions,
    ScGraduations,
    /// Contracts ended early (after a violation, their grant claimed back) and refunds repaid.
    ScTerminations,
    ScRepayments,
    /// Prison enterprises: facilities with a headcount, their workshops, inmates and their work.
    PrisonFacilities,
    PrisonWorkshops,
    PrisonInmates,
    /// A workshop's output of a month.
    PrisonProduction,
    /// A facility's headcount on a day.
    PrisonHeadcounts,
    /// Customers' orders to workshops, with what was delivered.
    PrisonOrders,
    PrisonSales,
    PrisonTimesheets,
    /// Trainees' places on courses, with the courses.
    PrisonTraining,
    /// Inmates released, and what they were doing 3, 6 or 12 months on.
    PrisonReleases,
    PrisonFollowUps,
}

impl Kind {
    /// In the order files are imported: what a row names is imported before it.
    pub const ALL: [Kind; 31] = [
        Kind::Rates,
        Kind::Calendar,
        Kind::Grievances,
        Kind::ScProgrammes,
        Kind::ScCalls,
        Kind::ScApplications,
        Kind::ScDecisions,
        Kind::ScContracts,
        Kind::ScPayments,
        Kind::ScReports,
        Kind::ScVisits,
        Kind::ScExtensions,
        Kind::ScGraduations,
        Kind::ScTerminations,
        Kind::ScRepayments,
        Kind::OvopProducers,
        Kind::OvopProducts,
        Kind::OvopCertifications,
        Kind::OvopExports,
        Kind::OvopOutlets,
        Kind::PrisonFacilities,
        Kind::PrisonWorkshops,
        Kind::PrisonInmates,
        Kind::PrisonProduction,
        Kind::PrisonHeadcounts,
        Kind::PrisonOrders,
        Kind::PrisonSales,
        Kind::PrisonTimesheets,
        Kind::PrisonTraining,
        Kind::PrisonReleases,
        Kind::PrisonFollowUps,
    ];

    /// The kind's name on the command line, in the API and in an import profile.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Rates => "rates",
            Kind::Calendar => "calendar",
            Kind::Grievances => "grievances",
            Kind::OvopProducers => "ovop-producers",
            Kind::OvopProducts => "ovop-products",
            Kind::OvopCertifications => "ovop-certifications",
            Kind::OvopExports => "ovop-exports",
            Kind::OvopOutlets => "ovop-outlets",
            Kind::ScProgrammes => "sc-programmes",
            Kind::ScCalls => "sc-calls",
            Kind::ScApplications => "sc-applications",
            Kind::ScDecisions => "sc-decisions",
            Kind::ScContracts => "sc-contracts",
            Kind::ScPayments => "sc-payments",
            Kind::ScReports => "sc-reports",
            Kind::ScVisits => "sc-visits",
            Kind::ScExtensions => "sc-extensions",
            Kind::ScGraduations => "sc-graduations",
            Kind::ScTerminations => "sc-terminations",
            Kind::ScRepayments => "sc-repayments",
            Kind::PrisonFacilities => "prison-facilities",
            Kind::PrisonWorkshops => "prison-workshops",
            Kind::PrisonInmates => "prison-inmates",
            Kind::PrisonProduction => "prison-production",
            Kind::PrisonHeadcounts => "prison-headcounts",
            Kind::PrisonOrders => "prison-orders",
            Kind::PrisonSales => "prison-sales",
            Kind::PrisonTimesheets => "prison-timesheets",
            Kind::PrisonTraining => "prison-training",
            Kind::PrisonReleases => "prison-releases",
            Kind::PrisonFollowUps => "prison-follow-ups",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        let code = code.trim().to_ascii_lowercase().replace('_', "-");
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The file `emgek synth` writes in this layout.
    pub fn synth_file(self) -> &'static str {
        match self {
            Kind::Rates => "rates.csv",
            Kind::Calendar => "calendar.csv",
            Kind::Grievances => "grievances.csv",
            Kind::OvopProducers => "ovop_producers.csv",
            Kind::OvopProducts => "ovop_products.csv",
            Kind::OvopCertifications => "ovop_certifications.csv",
            Kind::OvopExports => "ovop_exports.csv",
            Kind::OvopOutlets => "ovop_outlets.csv",
            Kind::ScProgrammes => "programmes.csv",
            Kind::ScCalls => "calls.csv",
            Kind::ScApplications => "applications.csv",
            Kind::ScDecisions => "decisions.csv",
            Kind::ScContracts => "contracts.csv",
            Kind::ScPayments => "payments.csv",
            Kind::ScReports => "monthly_reports.csv",
            Kind::ScVisits => "visits.csv",
            Kind::ScExtensions => "extensions.csv",
            Kind::ScGraduations => "graduations.csv",
            Kind::ScTerminations => "terminations.csv",
            Kind::ScRepayments => "repayments.csv",
            Kind::PrisonFacilities => "facilities.csv",
            Kind::PrisonWorkshops => "workshops.csv",
            Kind::PrisonInmates => "inmates.csv",
            Kind::PrisonProduction => "production.csv",
            Kind::PrisonHeadcounts => "headcounts.csv",
            Kind::PrisonOrders => "orders.csv",
            Kind::PrisonSales => "sales.csv",
            Kind::PrisonTimesheets => "timesheets.csv",
            Kind::PrisonTraining => "training.csv",
            Kind::PrisonReleases => "releases.csv",
            Kind::PrisonFollowUps => "follow_ups.csv",
        }
    }

    pub fn layout(self) -> &'static Layout {
        match self {
            Kind::Rates => &RATES,
            Kind::Calendar => &CALENDAR,
            Kind::Grievances => &GRIEVANCES,
            Kind::OvopProducers => &OVOP_PRODUCERS,
            Kind::OvopProducts => &OVOP_PRODUCTS,
            Kind::OvopCertifications => &OVOP_CERTIFICATIONS,
            Kind::OvopExports => &OVOP_EXPORTS,
            Kind::OvopOutlets => &OVOP_OUTLETS,
            Kind::ScProgrammes => &SC_PROGRAMMES,
            Kind::ScCalls => &SC_CALLS,
            Kind::ScApplications => &SC_APPLICATIONS,
            Kind::ScDecisions => &SC_DECISIONS,
            Kind::ScContracts => &SC_CONTRACTS,
            Kind::ScPayments => &SC_PAYMENTS,
            Kind::ScReports => &SC_REPORTS,
            Kind::ScVisits => &SC_VISITS,
            Kind::ScExtensions => &SC_EXTENSIONS,
            Kind::ScGraduations => &SC_GRADUATIONS,
            Kind::ScTerminations => &SC_TERMINATIONS,
            Kind::ScRepayments => &SC_REPAYMENTS,
            Kind::PrisonFacilities => &PRISON_FACILITIES,
            Kind::PrisonWorkshops => &PRISON_WORKSHOPS,
            Kind::PrisonInmates => &PRISON_INMATES,
            Kind::PrisonProduction => &PRISON_PRODUCTION,
            Kind::PrisonHeadcounts => &PRISON_HEADCOUNTS,
            Kind::PrisonOrders => &PRISON_ORDERS,
            Kind::PrisonSales => &PRISON_SALES,
            Kind::PrisonTimesheets => &PRISON_TIMESHEETS,
            Kind::PrisonTraining => &PRISON_TRAINING,
            Kind::PrisonReleases => &PRISON_RELEASES,
            Kind::PrisonFollowUps => &PRISON_FOLLOW_UPS,
        }
    }
}

pub static RATES: Layout = Layout {
    columns: &[("currency", true), ("rate_on", true), ("rate", true)],
    headings: &[
        ("currency", &["currency code", "валюта", "код валюты", "валютанын коду"]),
        ("rate_on", &["date", "day", "дата", "на дату", "күнү", "датасы"]),
        ("rate", &["official rate", "курс", "официальный курс", "расмий курс", "сом"]),
    ],
};

pub static CALENDAR: Layout = Layout {
    columns: &[("day", true), ("kind", true), ("name", true)],
    headings: &[
        ("day", &["date", "дата", "день", "күн", "күнү", "датасы"]),
        ("kind", &["type", "вид дня", "тип", "вид", "күндүн түрү", "түрү"]),
        ("name", &["holiday", "название", "праздник", "аталышы", "майрам"]),
    ],
};

/// A file of records opened for reading.
/// Grievances taken elsewhere: `reference` is the grievance's number in the register it comes
/// from, the key that makes a file sent twice add nothing.
pub static GRIEVANCES: Layout = Layout {
    columns: &[
        ("reference", true),
        ("received_on", true),
        ("channel", false),
        ("category", true),
        ("rayon", false),
        ("anonymous", false),
        ("name", false),
        ("contact", false),
        ("language", false),
        ("about", false),
        ("about_ref", false),
        ("summary", true),
    ],
    headings: &[
        ("reference", &["number", "ticket", "номер", "номер обращения", "номери", "каттоо номери"]),
        ("received_on", &["received", "date", "дата", "дата поступления", "күнү", "келген күнү"]),
        ("channel", &["how", "канал", "способ", "кантип келди"]),
        ("category", &["категория", "категориясы", "түрү"]),
        ("rayon", &["district", "район", "району"]),
        ("anonymous", &["анонимно", "аноним", "жашыруун"]),
        ("name", &["complainant", "заявитель", "фио", "арыздануучу", "аты-жөнү"]),
        ("contact", &["phone", "телефон", "адрес", "байланыш"]),
        ("language", &["язык", "тил"]),
        ("about", &["subject", "о чём", "предмет", "эмне жөнүндө"]),
        ("about_ref", &["record", "номер записи", "жазуунун номери"]),
        ("summary", &["complaint", "text", "жалоба", "текст", "суть", "даттануу", "мазмуну"]),
    ],
};

pub struct RecordFile {
    rows: RowReader,
    /// Units of progress in all: bytes for CSV, rows for XLSX.
    pub total: u64,
    pub shape: FileShape,
    /// Headings that name no column of the layout.
    pub ignored_columns: Vec<String>,
}

impl RecordFile {
    /// Opens a file of `kind`, finding its header (or failing, naming the missing columns).
    pub fn open(kind: Kind, path: &Path, sheet: Option<&str>, mapping: Option<&Mapping>) -> Result<Self, ImportError> {
        let reader::Opened { reader, total, ignored_columns, shape } =
            reader::open(kind.layout(), path, sheet, mapping)?;
        Ok(RecordFile { rows: reader, total, shape, ignored_columns })
    }

    /// The next row that holds anything: its number, its values in the layout's order, and the
    /// progress position. `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<(u64, Vec<String>, u64)>, ImportError> {
        while let Some((row, values, position)) = self.rows.next_row()? {
            if values.iter().any(|v| !v.trim().is_empty()) {
                return Ok(Some((row, values, position)));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_from_its_code_and_names_its_columns_once() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.code()), Some(kind));
            let layout = kind.layout();
            for (name, _) in layout.columns {
                assert_eq!(layout.column_of(name).map(|c| layout.columns[c].0), Some(*name), "{kind:?}");
            }
            for (field, known) in layout.headings {
                assert!(layout.position(field).is_some(), "{kind:?}: {field} is a column");
                for h in *known {
                    assert_eq!(layout.column_of(h).map(|c| layout.columns[c].0), Some(*field), "{kind:?}: {h}");
                }
            }
        }
        assert_eq!(Kind::parse("OVOP_products"), Some(Kind::OvopProducts));
    }

    #[test]
    fn a_rates_file_saved_by_excel_in_russian_is_read_by_its_russian_headings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("курсы.csv");
        let text = "Курсы НБКР, 2024;;\n;;\nВалюта;Дата;Курс\nUSD;05.01.2024;89,45\n;;\nEUR;05.01.2024;97,10\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        std::fs::write(&path, bytes).unwrap();
        let mut file = RecordFile::open(Kind::Rates, &path, None, None).unwrap();
        assert_eq!(
            (file.shape.encoding, file.shape.delimiter, file.shape.header_row),
            (Some("windows-1251"), Some(';'), 3)
        );
        let mut rows = Vec::new();
        while let Some((n, values, _)) = file.next_row().unwrap() {
            rows.push((n, values));
        }
        assert_eq!(
            rows,
            vec![
                (4, vec!["USD".into(), "05.01.2024".into(), "89,45".into()]),
                (6, vec!["EUR".into(), "05.01.2024".into(), "97,10".into()])
            ]
        );
    }
}
