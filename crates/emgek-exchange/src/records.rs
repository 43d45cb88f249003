//! The files of a programme's records, one layout each (`docs/import.md`): what a ministry
//! brings from its spreadsheets besides the registry. Each is read by the same reader as the
//! household file (encoding, delimiter, title rows, headings in three languages, a workbook's
//! sheets, an office's mapping); what a row means and which rules it must pass is the
//! application's (`emgek_app::records`).

use std::path::Path;

use crate::columns::{Layout, Mapping};
use crate::import::ImportError;
use crate::reader::{self, FileShape, RowReader};

/// The kinds of records a file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The National Bank's official rates: som for one unit of a currency on a day.
    Rates,
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
    /// Trainees' places on courses, with the courses.
    PrisonTraining,
    /// Inmates released, and what they were doing 3, 6 or 12 months on.
    PrisonReleases,
    PrisonFollowUps,
}

impl Kind {
    /// In the order files are imported: what a row names is imported before it.
    pub const ALL: [Kind; 26] = [
        Kind::Rates,
        Kind::ScProgrammes,
        Kind::ScCalls,
        Kind::ScApplications,
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
        Kind::PrisonTraining,
        Kind::PrisonReleases,
        Kind::PrisonFollowUps,
    ];

    /// The kind's name on the command line, in the API and in an import profile.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Rates => "rates",
            Kind::OvopProducers => "ovop-producers",
            Kind::OvopProducts => "ovop-products",
            Kind::OvopCertifications => "ovop-certifications",
            Kind::OvopExports => "ovop-exports",
            Kind::OvopOutlets => "ovop-outlets",
            Kind::ScProgrammes => "sc-programmes",
            Kind::ScCalls => "sc-calls",
            Kind::ScApplications => "sc-applications",
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
            Kind::OvopProducers => "ovop_producers.csv",
            Kind::OvopProducts => "ovop_products.csv",
            Kind::OvopCertifications => "ovop_certifications.csv",
            Kind::OvopExports => "ovop_exports.csv",
            Kind::OvopOutlets => "ovop_outlets.csv",
            Kind::ScProgrammes => "programmes.csv",
            Kind::ScCalls => "calls.csv",
            Kind::ScApplications => "applications.csv",
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
            Kind::PrisonTraining => "training.csv",
            Kind::PrisonReleases => "releases.csv",
            Kind::PrisonFollowUps => "follow_ups.csv",
        }
    }

    pub fn layout(self) -> &'static Layout {
        match self {
            Kind::Rates => &RATES,
            Kind::OvopProducers => &OVOP_PRODUCERS,
            Kind::OvopProducts => &OVOP_PRODUCTS,
            Kind::OvopCertifications => &OVOP_CERTIFICATIONS,
            Kind::OvopExports => &OVOP_EXPORTS,
            Kind::OvopOutlets => &OVOP_OUTLETS,
            Kind::ScProgrammes => &SC_PROGRAMMES,
            Kind::ScCalls => &SC_CALLS,
            Kind::ScApplications => &SC_APPLICATIONS,
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

/// Headings shared by the OVOP files.
const PRODUCER_REF: (&str, &[&str]) = (
    "producer_ref",
    &["producer", "producer number", "register number", "производитель", "номер производителя", "өндүрүүчү"],
);
const PRODUCT_REF: (&str, &[&str]) =
    ("product_ref", &["product", "product number", "продукт", "номер продукта", "продукция", "продукциянын номери"]);

pub static OVOP_PRODUCERS: Layout = Layout {
    columns: &[
        ("producer_ref", true),
        ("kind", true),
        ("name", true),
        ("rayon", true),
        ("village", true),
        ("contract_number", false),
        ("contact", false),
        ("publish_contact", false),
    ],
    headings: &[
        PRODUCER_REF,
        ("kind", &["type", "producer type", "тип", "вид производителя", "түрү"]),
        ("name", &["producer name", "наименование", "название", "аталышы", "аты"]),
        ("rayon", &["district", "район", "районы"]),
        ("village", &["village", "село", "айыл", "населенный пункт"]),
        ("contract_number", &["social contract", "contract", "номер контракта", "социальный контракт", "келишим"]),
        ("contact", &["phone", "телефон", "контакт", "байланыш"]),
        ("publish_contact", &["publish", "публиковать", "жарыялоо"]),
    ],
};

pub static OVOP_PRODUCTS: Layout = Layout {
    columns: &[
        ("product_ref", true),
        ("producer_ref", true),
        ("category", true),
        ("name_ky", true),
        ("name_ru", true),
        ("name_en", true),
        ("description_ky", false),
        ("description_ru", false),
        ("description_en", false),
        ("local_resources", true),
        ("developed_on", true),
        ("published", false),
    ],
    headings: &[
        PRODUCT_REF,
        PRODUCER_REF,
        ("category", &["категория", "категориясы"]),
        ("name_ky", &["name kyrgyz", "название кыргызское", "название на кыргызском", "аталышы кыргызча"]),
        ("name_ru", &["name russian", "название", "название на русском", "аталышы орусча"]),
        ("name_en", &["name english", "название на английском", "аталышы англисче"]),
        ("description_ky", &["описание на кыргызском", "сүрөттөмө кыргызча"]),
        ("description_ru", &["описание", "описание на русском", "сүрөттөмө орусча"]),
        ("description_en", &["description", "описание на английском", "сүрөттөмө англисче"]),
        ("local_resources", &["resources", "местное сырье", "местные ресурсы", "жергиликтүү чийки зат"]),
        ("developed_on", &["developed", "дата разработки", "иштелип чыккан күнү"]),
        ("published", &["in catalogue", "в каталоге", "каталогдо"]),
    ],
};

pub static OVOP_CERTIFICATIONS: Layout = Layout {
    columns: &[
        ("certificate_number", true),
        ("product_ref", true),
        ("level", true),
        ("valid_from", true),
        ("valid_until", true),
    ],
    headings: &[
        ("certificate_number", &["certificate", "номер сертификата", "сертификат", "сертификаттын номери"]),
        PRODUCT_REF,
        ("level", &["уровень", "деңгээли"]),
        ("valid_from", &["from", "действует с", "дата выдачи", "берилген күнү"]),
        ("valid_until", &["until", "действует до", "чейин жарактуу"]),
    ],
};

pub static OVOP_EXPORTS: Layout = Layout {
    columns: &[
        ("contract_reference", true),
        ("producer_ref", true),
        ("product_ref", false),
        ("buyer", true),
        ("country", true),
        ("signed_on", true),
        ("quantity", true),
        ("unit", true),
        ("currency", true),
        ("value", true),
    ],
    headings: &[
        ("contract_reference", &["reference", "contract number", "номер контракта", "келишимдин номери"]),
        PRODUCER_REF,
        PRODUCT_REF,
        ("buyer", &["покупатель", "сатып алуучу"]),
        ("country", &["страна", "өлкө"]),
        ("signed_on", &["signed", "дата подписания", "кол коюлган күнү"]),
        ("quantity", &["количество", "саны"]),
        ("unit", &["единица", "ед изм", "бирдиги"]),
        ("currency", &["валюта"]),
        ("value", &["amount", "сумма", "стоимость", "суммасы"]),
    ],
};

const PROGRAMME: (&str, &[&str]) =
    ("programme", &["programme code", "программа", "код программы", "программанын коду"]);

/// A version of a programme's rules, in the rules form's terms; a blank cell keeps the value of
/// the version before it (or of the standard rules, for a programme's first).
pub static SC_PROGRAMMES: Layout = Layout {
    columns: &[
        ("programme", true),
        ("kind", false),
        ("name_ky", false),
        ("name_ru", false),
        ("name_en", false),
        ("effective_from", true),
        ("budget_som", false),
        ("grant_cap_som", false),
        ("tranche_1_share_pct", false),
        ("tranche_1_after_months", false),
        ("tranche_2_share_pct", false),
        ("tranche_2_after_months", false),
        ("tranche_3_share_pct", false),
        ("tranche_3_after_months", false),
        ("quota_total", false),
        ("contract_months", false),
        ("follow_up_months", false),
        ("benefit_limitation_years", false),
        ("window_opens", false),
        ("window_closes", false),
    ],
    headings: &[
        PROGRAMME,
        ("kind", &["programme kind", "вид программы", "программанын түрү"]),
        ("name_ky", &["name kyrgyz", "название на кыргызском", "аталышы кыргызча"]),
        ("name_ru", &["name russian", "название", "название на русском", "аталышы орусча"]),
        ("name_en", &["name english", "название на английском", "аталышы англисче"]),
        ("effective_from", &["in force from", "действует с", "вступает в силу", "күчүнө кирет"]),
        ("budget_som", &["budget", "бюджет", "бюджети"]),
        ("grant_cap_som", &["grant cap", "предельная сумма гранта", "максимальная сумма", "гранттын чеги"]),
        ("tranche_1_share_pct", &["first tranche", "первый транш", "биринчи транш"]),
        ("tranche_1_after_months", &["first tranche after", "первый транш через", "биринчи транш кийин"]),
        ("tranche_2_share_pct", &["second tranche", "второй транш", "экинчи транш"]),
        ("tranche_2_after_months", &["second tranche after", "второй транш через", "экинчи транш кийин"]),
        ("tranche_3_share_pct", &["third tranche", "третий транш", "үчүнчү транш"]),
        ("tranche_3_after_months", &["third tranche after", "третий транш через", "үчүнчү транш кийин"]),
        ("quota_total", &["quota", "квота", "квотасы"]),
        ("contract_months", &["contract term", "срок контракта", "келишимдин мөөнөтү"]),
        ("follow_up_months", &["follow up", "срок сопровождения", "көзөмөлдөө мөөнөтү"]),
        ("benefit_limitation_years", &["benefit limited", "ограничение пособия", "жөлөкпулду чектөө"]),
        ("window_opens", &["applications from", "прием заявок с", "арыз кабыл алуу башталат"]),
        ("window_closes", &["applications until", "прием заявок до", "арыз кабыл алуу бүтөт"]),
    ],
};

/// A call for applications: its programme, title and window. Its key is the programme and title.
pub static SC_CALLS: Layout = Layout {
    columns: &[("programme", true), ("call", true), ("opens", true), ("closes", true)],
    headings: &[
        PROGRAMME,
        ("call", &["call title", "title", "набор", "конкурс", "название набора", "кабыл алуу", "конкурстун аталышы"]),
        ("opens", &["opens on", "открыт с", "дата открытия", "ачылган күнү"]),
        ("closes", &["closes on", "открыт до", "дата закрытия", "жабылган күнү"]),
    ],
};

const APPLICATION_REF: (&str, &[&str]) =
    ("application_ref", &["application", "application number", "заявка", "номер заявки", "арыз", "арыздын номери"]);
const CONTRACT_NUMBER: (&str, &[&str]) =
    ("contract_number", &["contract", "номер контракта", "контракт", "келишимдин номери", "келишим"]);

/// An application decided before emgek: its household, call, status and plan in brief.
pub static SC_APPLICATIONS: Layout = Layout {
    columns: &[
        ("application_ref", true),
        ("household_ref", true),
        ("programme", true),
        ("call", true),
        ("status", true),
        ("sector", true),
        ("activity", true),
        ("grant_requested_som", true),
        ("own_contribution_som", false),
        ("jobs", false),
        ("submitted_on", true),
    ],
    headings: &[
        APPLICATION_REF,
        ("household_ref", &["household", "household number", "номер домохозяйства", "үй чарбасынын номери"]),
        PROGRAMME,
        ("call", &["набор", "конкурс", "кабыл алуу"]),
        ("status", &["статус", "абалы"]),
        ("sector", &["сектор", "отрасль", "тармак"]),
        ("activity", &["вид деятельности", "деятельность", "иш түрү"]),
        ("grant_requested_som", &["grant requested", "grant", "запрошенный грант", "сумма гранта", "суралган грант"]),
        ("own_contribution_som", &["own contribution", "собственный вклад", "өз салымы"]),
        ("jobs", &["рабочие места", "жумуш орундары"]),
        ("submitted_on", &["submitted", "дата подачи", "берилген күнү"]),
    ],
};

/// A contract signed on an application held.
pub static SC_CONTRACTS: Layout = Layout {
    columns: &[
        ("contract_number", true),
        ("application_ref", true),
        ("grant_som", true),
        ("starts", true),
        ("term_months", true),
        ("status", true),
    ],
    headings: &[
        CONTRACT_NUMBER,
        APPLICATION_REF,
        ("grant_som", &["grant", "сумма гранта", "грант", "гранттын суммасы"]),
        ("starts", &["start", "дата начала", "начало", "башталган күнү"]),
        ("term_months", &["term", "срок", "срок в месяцах", "мөөнөтү"]),
        ("status", &["статус", "абалы"]),
    ],
};

/// A tranche of a contract's grant, paid.
pub static SC_PAYMENTS: Layout = Layout {
    columns: &[("contract_number", true), ("tranche", true), ("amount_som", true), ("paid_on", true)],
    headings: &[
        CONTRACT_NUMBER,
        ("tranche", &["транш", "номер транша", "траншы"]),
        ("amount_som", &["amount", "сумма", "суммасы"]),
        ("paid_on", &["paid", "date paid", "дата оплаты", "оплачено", "төлөнгөн күнү"]),
    ],
};

/// A product sold at an outlet; the outlet is known by its name, country and rayon.
pub static OVOP_OUTLETS: Layout = Layout {
    columns: &[
        ("product_ref", true),
        ("outlet", true),
        ("kind", true),
        ("country", false),
        ("rayon", false),
        ("address", false),
    ],
    headings: &[
        PRODUCT_REF,
        ("outlet", &["point of sale", "торговая точка", "место продажи", "соода түйүнү", "сатуучу жай"]),
        ("kind", &["type", "тип", "вид", "түрү"]),
        ("country", &["страна", "өлкө"]),
        ("rayon", &["district", "район", "районы"]),
        ("address", &["адрес", "дареги"]),
    ],
};

pub static SC_REPORTS: Layout = Layout {
    columns: &[("contract_number", true), ("month", true), ("revenue_som", true), ("costs_som", true), ("jobs", false)],
    headings: &[
        CONTRACT_NUMBER,
        ("month", &["отчетный месяц", "месяц", "ай", "отчет за месяц"]),
        ("revenue_som", &["revenue", "доход", "выручка", "доходы", "киреше", "түшкөн каражат"]),
        ("costs_som", &["costs", "расход", "расходы", "чыгым", "чыгымдар"]),
        ("jobs", &["рабочие места", "занятые", "жумуш орундары"]),
    ],
};

/// A monitoring visit to a contract's business.
pub static SC_VISITS: Layout = Layout {
    columns: &[("contract_number", true), ("visited_on", true), ("outcome", true), ("reasons", false)],
    headings: &[
        CONTRACT_NUMBER,
        ("visited_on", &["visit date", "date of visit", "дата посещения", "дата визита", "барган күнү"]),
        ("outcome", &["result", "результат", "итог", "жыйынтык"]),
        ("reasons", &["reason", "причины", "причина", "себептер", "себеби"]),
    ],
};

/// The months a contract's term was extended by, in all, and why.
pub static SC_EXTENSIONS: Layout = Layout {
    columns: &[("contract_number", true), ("extended_months", true), ("reason", true)],
    headings: &[
        CONTRACT_NUMBER,
        ("extended_months", &["months", "extension", "продление", "продлен на месяцев", "узартылды"]),
        ("reason", &["причина", "основание", "себеби"]),
    ],
};

/// A contract completed and its family graduated off the benefit.
pub static SC_GRADUATIONS: Layout = Layout {
    columns: &[("contract_number", true), ("graduated_on", true)],
    headings: &[
        CONTRACT_NUMBER,
        ("graduated_on", &["graduated", "date", "дата выпуска", "дата завершения", "бүтүргөн күнү"]),
    ],
};

/// A contract ended early: by agreement, or after a violation (what was paid is claimed back).
pub static SC_TERMINATIONS: Layout = Layout {
    columns: &[("contract_number", true), ("terminated_on", true), ("violation", true), ("reason", true)],
    headings: &[
        CONTRACT_NUMBER,
        ("terminated_on", &["terminated", "date", "дата расторжения", "расторгнут", "бузулган күнү"]),
        ("violation", &["нарушение", "бузуу"]),
        ("reason", &["причина", "основание", "себеби"]),
    ],
};

/// A repayment of a refund claimed back, under the reference of its bank document.
pub static SC_REPAYMENTS: Layout = Layout {
    columns: &[("contract_number", true), ("reference", true), ("amount_som", true), ("repaid_on", true)],
    headings: &[
        CONTRACT_NUMBER,
        ("reference", &["payment reference", "номер платежа", "номер документа", "төлөмдүн номери"]),
        ("amount_som", &["amount", "сумма", "суммасы"]),
        ("repaid_on", &["repaid", "date", "дата возврата", "дата оплаты", "кайтарылган күнү"]),
    ],
};

const FACILITY: (&str, &[&str]) =
    ("facility", &["facility code", "учреждение", "код учреждения", "мекеме", "мекеменин коду"]);

pub static PRISON_FACILITIES: Layout = Layout {
    columns: &[
        ("code", true),
        ("name", true),
        ("kind", true),
        ("rayon", true),
        ("locality", true),
        ("capacity", true),
        ("description", false),
        ("counted_on", false),
        ("inmates", false),
    ],
    headings: &[
        ("code", &["facility code", "код", "код учреждения", "коду"]),
        ("name", &["facility", "наименование", "учреждение", "аталышы", "мекеме"]),
        ("kind", &["type", "тип", "вид", "түрү"]),
        ("rayon", &["district", "район", "районы"]),
        ("locality", &["place", "населенный пункт", "местонахождение", "жайгашкан жери"]),
        ("capacity", &["лимит наполнения", "вместимость", "сыйымдуулугу"]),
        ("description", &["описание", "сүрөттөмө"]),
        ("counted_on", &["headcount date", "дата учета", "эсептелген күнү"]),
        ("inmates", &["headcount", "численность", "количество осужденных", "соттолгондордун саны"]),
    ],
};

pub static PRISON_WORKSHOPS: Layout = Layout {
    columns: &[
        ("facility", true),
        ("code", true),
        ("name", true),
        ("activity", true),
        ("opened_on", true),
        ("wage_som", true),
    ],
    headings: &[
        FACILITY,
        ("code", &["workshop code", "код цеха", "цехтин коду"]),
        ("name", &["workshop", "цех", "наименование цеха", "цехтин аталышы"]),
        ("activity", &["вид деятельности", "иш түрү"]),
        ("opened_on", &["opened", "дата открытия", "ачылган күнү"]),
        ("wage_som", &["wage", "зарплата", "заработная плата", "эмгек акы"]),
    ],
};

pub static PRISON_INMATES: Layout = Layout {
    columns: &[
        ("facility", true),
        ("register_number", true),
        ("full_name", true),
        ("sex", true),
        ("workshop", false),
        ("starts", false),
        ("wage_som", false),
    ],
    headings: &[
        FACILITY,
        ("register_number", &["register", "личный номер", "номер личного дела", "жеке иштин номери"]),
        ("full_name", &["name", "фио", "ф и о", "аты-жөнү", "аты жөнү"]),
        ("sex", &["пол", "жынысы"]),
        ("workshop", &["цех", "код цеха"]),
        ("starts", &["work from", "начало работы", "дата начала работы", "иштей баштаган күнү"]),
        ("wage_som", &["wage", "зарплата", "заработная плата", "эмгек акы"]),
    ],
};

pub static PRISON_PRODUCTION: Layout = Layout {
    columns: &[
        ("facility", true),
        ("workshop", true),
        ("month", true),
        ("product", true),
        ("unit", true),
        ("quantity", true),
        ("internal_quantity", false),
        ("transfer_price_som", false),
        ("inmates_fed", false),
    ],
    headings: &[
        FACILITY,
        ("workshop", &["цех", "код цеха"]),
        ("month", &["месяц", "ай"]),
        ("product", &["продукция", "наименование продукции", "продукциясы"]),
        ("unit", &["единица", "ед изм", "бирдиги"]),
        ("quantity", &["количество", "произведено", "саны", "өндүрүлдү"]),
        ("internal_quantity", &["для нужд уис", "внутреннее потребление", "ички керектөө"]),
        ("transfer_price_som", &["transfer price", "цена для уис", "ички баасы"]),
        ("inmates_fed", &["накормлено осужденных", "тамактанган соттолгондор"]),
    ],
};

pub static PRISON_HEADCOUNTS: Layout = Layout {
    columns: &[("facility", true), ("counted_on", true), ("inmates", true)],
    headings: &[
        FACILITY,
        ("counted_on", &["date", "дата", "дата учета", "күнү", "эсептелген күнү"]),
        ("inmates", &["headcount", "численность", "количество осужденных", "соттолгондордун саны"]),
    ],
};

/// A customer's order of one product to a workshop, and what was delivered of it.
pub static PRISON_ORDERS: Layout = Layout {
    columns: &[
        ("facility", true),
        ("workshop", true),
        ("order", true),
        ("customer", true),
        ("ordered_on", true),
        ("due_on", true),
        ("product", true),
        ("quantity", true),
        ("unit_price_som", true),
        ("delivered", false),
        ("delivered_on", false),
    ],
    headings: &[
        FACILITY,
        ("workshop", &["цех", "код цеха"]),
        ("order", &["order number", "номер заказа", "заказ", "заказдын номери"]),
        ("customer", &["заказчик", "покупатель", "заказчы"]),
        ("ordered_on", &["ordered", "дата заказа", "заказ берилген күнү"]),
        ("due_on", &["due", "срок", "срок исполнения", "аткаруу мөөнөтү"]),
        ("product", &["продукция", "наименование", "продукциясы"]),
        ("quantity", &["количество", "саны"]),
        ("unit_price_som", &["unit price", "price", "цена", "цена за единицу", "баасы"]),
        ("delivered", &["delivered quantity", "поставлено", "отгружено", "жеткирилди"]),
        ("delivered_on", &["delivery date", "дата поставки", "дата отгрузки", "жеткирилген күнү"]),
    ],
};

const REGISTER_NUMBER: (&str, &[&str]) =
    ("register_number", &["register", "личный номер", "номер личного дела", "жеке иштин номери"]);

/// A trainee's place on a course, a row each; the course is named by its name and first day.
pub static PRISON_TRAINING: Layout = Layout {
    columns: &[
        ("facility", true),
        ("course", true),
        ("trade", true),
        ("starts", true),
        ("months", true),
        ("places", true),
        ("register_number", true),
        ("enrolled_on", true),
        ("finished_on", false),
        ("completed", false),
        ("certificate_number", false),
    ],
    headings: &[
        FACILITY,
        ("course", &["course name", "курс", "название курса", "курстун аталышы"]),
        ("trade", &["профессия", "специальность", "кесип"]),
        ("starts", &["course starts", "начало курса", "курстун башталышы"]),
        ("months", &["duration", "продолжительность", "месяцев", "узактыгы"]),
        ("places", &["мест", "количество мест", "орун саны"]),
        REGISTER_NUMBER,
        ("enrolled_on", &["enrolled", "дата зачисления", "катталган күнү"]),
        ("finished_on", &["finished", "дата окончания", "бүткөн күнү"]),
        ("completed", &["completed", "окончил", "завершил", "бүтүрдү"]),
        ("certificate_number", &["certificate", "номер свидетельства", "свидетельство", "күбөлүктүн номери"]),
    ],
};

/// An inmate released on a day.
pub static PRISON_RELEASES: Layout = Layout {
    columns: &[("facility", true), ("register_number", true), ("released_on", true)],
    headings: &[
        FACILITY,
        REGISTER_NUMBER,
        ("released_on", &["released", "дата освобождения", "освобожден", "бошотулган күнү"]),
    ],
};

/// What a released inmate was doing 3, 6 or 12 months on.
pub static PRISON_FOLLOW_UPS: Layout = Layout {
    columns: &[
        ("facility", true),
        ("register_number", true),
        ("months_after", true),
        ("checked_on", true),
        ("outcome", true),
        ("note", false),
    ],
    headings: &[
        FACILITY,
        REGISTER_NUMBER,
        ("months_after", &["months", "через месяцев", "месяцев после освобождения", "канча айдан кийин"]),
        ("checked_on", &["checked", "дата проверки", "текшерилген күнү"]),
        ("outcome", &["result", "результат", "итог", "жыйынтык"]),
        ("note", &["примечание", "эскертүү"]),
    ],
};

/// A file of records opened for reading.
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
