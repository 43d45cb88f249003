//! The Social Contract's layouts: programmes and their rules, calls, applications, contracts,
//! tranches, monthly reports and what follows a contract's year.

use crate::columns::Layout;

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
/// A commission's decision on an application, from its minutes.
pub static SC_DECISIONS: Layout = Layout {
    columns: &[
        ("application_ref", true),
        ("decided_on", true),
        ("decision", true),
        ("score", false),
        ("reason", false),
        ("minutes", false),
    ],
    headings: &[
        APPLICATION_REF,
        ("decided_on", &["decided", "date of decision", "дата решения", "дата заседания", "чечим чыккан күнү"]),
        ("decision", &["решение", "чечим"]),
        ("score", &["average score", "средний балл", "балл", "орточо балл"]),
        ("reason", &["причина", "основание", "себеби"]),
        ("minutes", &["minutes number", "протокол", "номер протокола", "протокол №", "протоколдун номери"]),
    ],
};

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
    columns: &[
        ("contract_number", true),
        ("tranche", true),
        ("amount_som", true),
        ("paid_on", false),
        ("bank_reference", false),
    ],
    headings: &[
        CONTRACT_NUMBER,
        ("tranche", &["транш", "номер транша", "траншы"]),
        ("amount_som", &["amount", "сумма", "суммасы"]),
        ("paid_on", &["paid", "date paid", "дата оплаты", "оплачено", "төлөнгөн күнү"]),
        (
            "bank_reference",
            &[
                "bank reference",
                "payment order",
                "платежное поручение",
                "номер платежного поручения",
                "номер платежа",
                "банк",
                "төлөм тапшырмасы",
                "банктын документи",
            ],
        ),
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
