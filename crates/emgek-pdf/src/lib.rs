//! Documents as PDF, typeset by Typst inside the process: nothing is installed and nothing is
//! fetched, the fonts are the ones Typst ships (they cover Kyrgyz Ң, Ө and Ү).
//!
//! This crate knows layout, not the programmes: the caller hands it a document whose words are
//! already in the reader's language. Its data reaches the template as JSON through
//! `sys.inputs`, so a name typed by a user is always text and never Typst markup.
//!
//! Typst is large; it lives in this crate alone so that everyday builds do not recompile it.

use std::sync::OnceLock;

use serde::Serialize;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_as_lib::TypstTemplateMainFile;
use typst_layout::PagedDocument;

static CONTRACT_TEMPLATE: &str = include_str!("../templates/contract.typ");
static REPORT_TEMPLATE: &str = include_str!("../templates/report.typ");

/// A report of tables (a ministry's quarterly report, a donor's report).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub lang: String,
    pub title: String,
    /// Under the title: the period, the places, when the figures were computed.
    pub subtitle: String,
    pub tables: Vec<ReportTable>,
    /// Pages turned sideways, for wide tables.
    pub landscape: bool,
    pub footer: String,
}

/// A table: its title, a note under it, the headings and the rows, every cell already written
/// in the reader's language. The first column is the rows' labels.
#[derive(Debug, Clone, Serialize)]
pub struct ReportTable {
    pub title: String,
    pub note: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A contract as the family and the office sign it.
#[derive(Debug, Clone, Serialize)]
pub struct Contract {
    /// The reader's language, an ISO 639-1 code (`ky`, `ru`, `en`).
    pub lang: String,
    /// The heading, with the contract's number.
    pub title: String,
    /// A line under the heading: place and date.
    pub place_and_date: String,
    /// Who agrees with whom.
    pub parties: String,
    pub sections: Vec<Section>,
    /// The parties' labels under the signature lines.
    pub signatures: Vec<String>,
    /// A small line at the foot of every page (e.g. the number and when it was printed).
    pub footer: String,
}

/// A numbered section: paragraphs, then a numbered list.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the document could not be typeset: {0}")]
    Typeset(String),
    #[error("the document could not be written as PDF: {0}")]
    Pdf(String),
}

fn contract_engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| TypstEngine::builder().main_file(CONTRACT_TEMPLATE).fonts(typst_assets::fonts()).build())
}

fn report_engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| TypstEngine::builder().main_file(REPORT_TEMPLATE).fonts(typst_assets::fonts()).build())
}

fn typeset_report(report: &Report) -> Result<PagedDocument, PdfError> {
    let data = serde_json::to_string(report).map_err(|e| PdfError::Typeset(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.into_value());
    report_engine().compile_with_input(inputs).output.map_err(|e| PdfError::Typeset(format!("{e:?}")))
}

/// The report as a PDF file (A4).
pub fn report_pdf(report: &Report) -> Result<Vec<u8>, PdfError> {
    let document = typeset_report(report)?;
    typst_pdf::pdf(&document, &Default::default()).map_err(|e| PdfError::Pdf(format!("{e:?}")))
}

/// The text of each page of the typeset report, in reading order.
pub fn report_text(report: &Report) -> Result<Vec<String>, PdfError> {
    let document = typeset_report(report)?;
    Ok(document.pages().iter().map(|page| frame_text(&page.frame)).collect())
}

fn typeset(contract: &Contract) -> Result<PagedDocument, PdfError> {
    let data = serde_json::to_string(contract).map_err(|e| PdfError::Typeset(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.into_value());
    contract_engine().compile_with_input(inputs).output.map_err(|e| PdfError::Typeset(format!("{e:?}")))
}

/// The contract as a PDF file (A4).
pub fn contract_pdf(contract: &Contract) -> Result<Vec<u8>, PdfError> {
    let document = typeset(contract)?;
    typst_pdf::pdf(&document, &Default::default()).map_err(|e| PdfError::Pdf(format!("{e:?}")))
}

/// The text of each page of the typeset contract, in reading order, for checking what a
/// reader sees without parsing the PDF.
pub fn contract_text(contract: &Contract) -> Result<Vec<String>, PdfError> {
    let document = typeset(contract)?;
    Ok(document.pages().iter().map(|page| frame_text(&page.frame)).collect())
}

fn frame_text(frame: &typst::layout::Frame) -> String {
    let mut out = String::new();
    for (_, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(group) => out.push_str(&frame_text(&group.frame)),
            typst::layout::FrameItem::Text(text) => {
                out.push_str(&text.text);
                out.push(' ');
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kyrgyz_contract(name: &str) -> Contract {
        Contract {
            lang: "ky".into(),
            title: "Социалдык келишим № SC-2024-0007".into(),
            place_and_date: "Кара-Суу району · 15.03.2024".into(),
            parties: format!(
                "Кара-Суу районундагы социалдык өнүгүү башкармалыгы жана {name} төмөнкүлөр жөнүндө макулдашты:"
            ),
            sections: vec![
                Section {
                    heading: "Келишимдин предмети".into(),
                    paragraphs: vec!["Үй-бүлө бизнес-планды ишке ашырат: сүт уйлары. Грант: 100 000,00 сом.".into()],
                    items: vec![],
                },
                Section {
                    heading: "Милдеттер".into(),
                    paragraphs: vec![],
                    items: vec!["Ай сайын отчет берүү.".into(), "Чектерди сактоо.".into()],
                },
            ],
            signatures: vec!["Башкарма".into(), name.into()],
            footer: "SC-2024-0007".into(),
        }
    }

    #[test]
    fn a_kyrgyz_contract_becomes_a_pdf_with_every_kyrgyz_letter_typeset() {
        let contract = kyrgyz_contract("Асанова Гүлнара Ңөүевна");
        let pdf = contract_pdf(&contract).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "a PDF file begins with %PDF-");
        let text = contract_text(&contract).unwrap().join(" ");
        for expected in ["SC-2024-0007", "Асанова", "Гүлнара", "Ңөүевна", "Милдеттер", "100 000,00"]
        {
            assert!(text.contains(expected), "{expected:?} missing from the typeset text: {text}");
        }
    }

    #[test]
    fn a_report_of_tables_becomes_a_pdf_with_every_cell_typeset() {
        let report = Report {
            lang: "ky".into(),
            title: "Чейректик отчёт: 2024-ж., 3-чейрек".into(),
            subtitle: "Бүт өлкө · сом".into(),
            tables: vec![ReportTable {
                title: "Көрсөткүчтөр".into(),
                note: "#panic(\"x\")".into(),
                head: vec!["Көрсөткүч".into(), "Мааниси".into()],
                rows: vec![
                    vec!["Келишими бар үй-бүлөлөр".into(), "13 000".into()],
                    vec!["Үлүш *x*".into(), "94,0 %".into()],
                ],
            }],
            landscape: true,
            footer: "emgek".into(),
        };
        assert!(report_pdf(&report).unwrap().starts_with(b"%PDF-"));
        let text = report_text(&report).unwrap().join(" ");
        for expected in ["Чейректик", "Келишими бар үй-бүлөлөр", "13 000", "94,0 %", "#panic", "Үлүш *"]
        {
            assert!(text.contains(expected), "{expected:?} missing from the typeset text: {text}");
        }
    }

    #[test]
    fn typst_markup_in_a_name_is_printed_as_text_and_never_run() {
        let contract = kyrgyz_contract("#panic(\"x\") *bold* $x$ = [a]");
        let text = contract_text(&contract).unwrap().join(" ");
        assert!(text.contains("#panic"), "the name is printed as typed: {text}");
        assert!(text.contains("*bold*"), "asterisks stay asterisks: {text}");
    }
}
