//! One Village – One Product's layouts: producers, products, certificates, export contracts
//! and outlets.

use crate::columns::Layout;

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
