//! The prison enterprises' layouts: facilities, headcounts, workshops, inmates, output,
//! orders, training, releases and follow-ups.

use crate::columns::Layout;

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

pub static PRISON_SALES: Layout = Layout {
    columns: &[
        ("facility", true),
        ("workshop", true),
        ("sale", true),
        ("sold_on", true),
        ("customer", true),
        ("product", true),
        ("quantity", true),
        ("unit_price_som", true),
    ],
    headings: &[
        FACILITY,
        ("workshop", &["цех", "код цеха"]),
        (
            "sale",
            &[
                "sale number",
                "receipt",
                "invoice",
                "номер продажи",
                "накладная",
                "номер накладной",
                "чек",
                "сатуунун номери",
                "дүмүрчөк",
            ],
        ),
        ("sold_on", &["sold", "date of sale", "дата продажи", "дата реализации", "сатылган күнү"]),
        ("customer", &["buyer", "покупатель", "заказчик", "сатып алуучу"]),
        ("product", &["продукция", "наименование", "продукциясы"]),
        ("quantity", &["количество", "саны"]),
        ("unit_price_som", &["unit price", "price", "цена", "цена за единицу", "баасы"]),
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

pub static PRISON_TIMESHEETS: Layout = Layout {
    columns: &[
        ("facility", true),
        ("workshop", true),
        ("month", true),
        ("register_number", true),
        ("working_days", true),
        ("days_worked", true),
    ],
    headings: &[
        FACILITY,
        ("workshop", &["цех", "код цеха"]),
        ("month", &["табель за", "месяц", "ай"]),
        REGISTER_NUMBER,
        ("working_days", &["working days", "рабочих дней", "рабочие дни", "иш күндөрү"]),
        ("days_worked", &["days worked", "отработано дней", "отработано", "иштеген күндөр"]),
    ],
};
