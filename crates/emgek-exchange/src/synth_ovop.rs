//! The One Village – One Product part of a synthetic country, in proportion to its households:
//! Kyrgyzstan's ~1.6 million households had about 280 products from about 200 producers and 167
//! export contracts, so one producer for every 8,000 households, one or two products each,
//! about two in five certified (one in ten with the national brand) and some exported. Written
//! beside `households.csv` from a random stream of its own, so the households stay the same.

use std::io;
use std::path::Path;

use emgek_domain::Currency;
use emgek_domain::geography::RAYONS;
use emgek_domain::ovop::catalogue::{Category, ProducerKind};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration, macros::date};

const HOUSEHOLDS_PER_PRODUCER: u64 = 8_000;
/// The last day synth's records reach: no certificate or export contract is dated after it.
pub const RECORDS_UNTIL: Date = date!(2026 - 06 - 30);
/// Products: category, names in Kyrgyz, Russian and English, the local resources they use.
const PRODUCTS: &[(Category, [&str; 3], &str)] = &[
    (Category::Honey, ["Тоо балы", "Горный мёд", "Mountain honey"], "honey"),
    (Category::Felt, ["Шырдак", "Ширдак", "Shyrdak felt carpet"], "wool"),
    (Category::Dairy, ["Курут", "Курут", "Kurut"], "milk"),
    (Category::NaturalJuices, ["Облепиха ширеси", "Облепиховый сок", "Sea buckthorn juice"], "berries"),
    (Category::Jams, ["Өрүк джемы", "Абрикосовый джем", "Apricot jam"], "fruit"),
    (Category::DriedFruit, ["Кургатылган өрүк", "Курага", "Dried apricots"], "fruit"),
    (Category::Nuts, ["Жаңгак", "Грецкий орех", "Walnuts"], "walnuts"),
    (Category::HerbalTea, ["Тоо чөп чайы", "Горный травяной чай", "Mountain herbal tea"], "herbs"),
    (Category::Handicrafts, ["Ала кийиз", "Ала-кийиз", "Ala kiyiz felt"], "wool"),
];
/// Buyers' countries, their currency and how many units of it a dollar buys.
const BUYERS: &[(&str, Currency, &str, i64)] = &[
    ("KZ", Currency::KZT, "ТОО Алтын Дала", 470),
    ("RU", Currency::RUB, "ООО Горный край", 90),
    ("JP", Currency::JPY, "Kyoto Crafts K.K.", 150),
    ("DE", Currency::EUR, "Filz & Wolle GmbH", 1),
    ("CN", Currency::CNY, "Urumqi Trading Co.", 7),
    ("US", Currency::USD, "Silk Road Goods LLC", 1),
    ("KR", Currency::KRW, "Seoul Natural Co.", 1_300),
];
/// Som for a dollar at the start of a year (the National Bank's rates, rounded), from 2008.
const SOM_PER_USD: &[i64] = &[36, 39, 46, 46, 47, 48, 53, 61, 69, 69, 68, 70, 77, 84, 84, 88, 89, 87, 87];

/// A contract of the Social Contract the programme synth wrote: rayon, number, first day. A
/// family business among the producers names one.
pub type Funded = (String, String, Date);

/// What the OVOP part of a synthetic country holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct OvopSummary {
    pub producers: u64,
    pub products: u64,
    pub certifications: u64,
    pub exports: u64,
    pub rates: u64,
    pub outlets: u64,
}

/// The official rate of a currency for the month of `on`, som for one unit times 10,000: the
/// dollar's rate of the year drifting by the month, divided by the units a dollar buys (the
/// euro a little dearer than the dollar).
fn rate_x10000(currency: Currency, on: Date) -> i64 {
    let year = usize::try_from(on.year() - 2008).unwrap_or(0).min(SOM_PER_USD.len() - 1);
    let next = SOM_PER_USD[(year + 1).min(SOM_PER_USD.len() - 1)];
    let month = i64::from(u8::from(on.month()) - 1);
    let usd = SOM_PER_USD[year] * 10_000 + (next - SOM_PER_USD[year]) * 10_000 * month / 12;
    let (_, _, _, per_usd) = BUYERS.iter().find(|b| b.1 == currency).copied().unwrap_or(("", currency, "", 1));
    let rate = usd / per_usd;
    if currency == Currency::EUR { rate * 108 / 100 } else { rate }
}

fn rate_text(x10000: i64) -> String {
    format!("{}.{:04}", x10000 / 10_000, x10000 % 10_000)
}

/// Writes `rates.csv` (the first of every month from 2008 for every buyer's currency),
/// `ovop_producers.csv`, `ovop_products.csv`, `ovop_certifications.csv` and `ovop_exports.csv`
/// for a country of `households`, deterministically for `seed`. Half the producers are family
/// businesses, each naming a contract of `funded` in its rayon (a cooperative where none is
/// left).
pub fn write(households: u64, seed: u64, funded: &[Funded], out: &Path) -> io::Result<OvopSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6f76_6f70);
    let mut summary =
        OvopSummary { producers: (households / HOUSEHOLDS_PER_PRODUCER).max(3), ..OvopSummary::default() };
    let mut rates = csv::Writer::from_path(out.join("rates.csv"))?;
    rates.write_record(["currency", "rate_on", "rate"])?;
    let mut month = date!(2008 - 01 - 01);
    while month <= RECORDS_UNTIL {
        let mut written: Vec<Currency> = Vec::new();
        for (_, currency, _, _) in BUYERS.iter().filter(|b| b.1 != Currency::KGS) {
            if !written.contains(currency) {
                written.push(*currency);
                rates.write_record([currency.code(), &month.to_string(), &rate_text(rate_x10000(*currency, month))])?;
                summary.rates += 1;
            }
        }
        month = emgek_domain::social_contract::monitoring::next_month(month);
    }
    rates.flush()?;
    let mut producers = csv::Writer::from_path(out.join("ovop_producers.csv"))?;
    let mut products = csv::Writer::from_path(out.join("ovop_products.csv"))?;
    let mut certifications = csv::Writer::from_path(out.join("ovop_certifications.csv"))?;
    let mut exports = csv::Writer::from_path(out.join("ovop_exports.csv"))?;
    let mut outlets = csv::Writer::from_path(out.join("ovop_outlets.csv"))?;
    outlets.write_record(["product_ref", "outlet", "kind", "country", "rayon", "address"])?;
    producers.write_record([
        "producer_ref",
        "kind",
        "name",
        "rayon",
        "village",
        "contract_number",
        "contact",
        "publish_contact",
    ])?;
    products.write_record([
        "product_ref",
        "producer_ref",
        "category",
        "name_ky",
        "name_ru",
        "name_en",
        "local_resources",
        "developed_on",
        "published",
    ])?;
    certifications.write_record(["certificate_number", "product_ref", "level", "valid_from", "valid_until"])?;
    exports.write_record([
        "contract_reference",
        "producer_ref",
        "product_ref",
        "buyer",
        "country",
        "signed_on",
        "quantity",
        "unit",
        "currency",
        "value",
    ])?;
    let mut unused: Vec<&Funded> = funded.iter().collect();
    let kinds = [ProducerKind::Household, ProducerKind::Household, ProducerKind::Cooperative, ProducerKind::Enterprise];
    let mut certificates = 0u64;
    for p in 1..=summary.producers {
        let producer = format!("OVOP-P-{p:05}");
        let mut kind = *kinds.choose(&mut rng).expect("kinds");
        let mut rayon = RAYONS.choose(&mut rng).expect("rayons").code.to_string();
        let mut contract: Option<&Funded> = None;
        if kind == ProducerKind::Household {
            if unused.is_empty() {
                kind = ProducerKind::Cooperative;
            } else {
                let f = unused.swap_remove(rng.random_range(0..unused.len()));
                rayon.clone_from(&f.0);
                contract = Some(f);
            }
        }
        producers.write_record([
            producer.as_str(),
            kind.code(),
            &format!("Өндүрүүчү {p}"),
            &rayon,
            &format!("Айыл {}", rng.random_range(1..=40)),
            contract.map_or("", |c| c.1.as_str()),
            &format!("+996{}", rng.random_range(550_000_000u64..=779_999_999)),
            if rng.random_bool(0.7) { "yes" } else { "no" },
        ])?;
        for _ in 0..rng.random_range(1..=2) {
            summary.products += 1;
            let product = format!("OVOP-{:05}", summary.products);
            let (category, names, resources) = *PRODUCTS.choose(&mut rng).expect("products");
            // A family business makes its product after its grant; others since 2008.
            let developed = match contract {
                Some((_, _, starts)) => (*starts + Duration::days(rng.random_range(30..400))).min(RECORDS_UNTIL),
                None => date!(2008 - 01 - 01) + Duration::days(rng.random_range(0..6_000)),
            };
            products.write_record([
                product.as_str(),
                &producer,
                category.code(),
                names[0],
                names[1],
                names[2],
                resources,
                &developed.to_string(),
                "yes",
            ])?;
            // Sold at its rayon's market, and one product in three in the programme's online
            // shop too (no draw of the stream: the files after stay as they were).
            outlets.write_record([product.as_str(), "Райондук базар", "market", "KG", &rayon, "Борбордук көчө"])?;
            summary.outlets += 1;
            if summary.products.is_multiple_of(3) {
                outlets.write_record([product.as_str(), "Бир айыл – бир продукт, онлайн", "online", "KG", "", ""])?;
                summary.outlets += 1;
            }
            let from = developed + Duration::days(rng.random_range(90..700));
            if from > RECORDS_UNTIL || !rng.random_bool(0.4) {
                continue;
            }
            certificates += 1;
            let until = from + Duration::days(3 * 365);
            certifications.write_record([
                format!("RC-{certificates:06}"),
                product.clone(),
                "regional".into(),
                from.to_string(),
                until.to_string(),
            ])?;
            summary.certifications += 1;
            let national = from + Duration::days(rng.random_range(30..300));
            if national <= RECORDS_UNTIL && rng.random_bool(0.25) {
                certifications.write_record([
                    format!("NB-{certificates:06}"),
                    product.clone(),
                    "national".into(),
                    national.to_string(),
                    (national + Duration::days(3 * 365)).to_string(),
                ])?;
                summary.certifications += 1;
            }
            for _ in 0..rng.random_range(0..=2) {
                let signed = from + Duration::days(rng.random_range(30..1_500));
                if signed > RECORDS_UNTIL {
                    continue;
                }
                summary.exports += 1;
                let (country, currency, buyer, per_usd) = *BUYERS.choose(&mut rng).expect("buyers");
                let dollars: i64 = rng.random_range(2_000..=60_000);
                let value = emgek_domain::Money::from_minor(dollars * per_usd * 100, currency);
                exports.write_record([
                    format!("EXP-{:05}", summary.exports),
                    producer.clone(),
                    product.clone(),
                    buyer.into(),
                    country.into(),
                    signed.to_string(),
                    rng.random_range(100..=5_000).to_string(),
                    "kg".into(),
                    currency.code().into(),
                    value.to_plain(),
                ])?;
            }
        }
    }
    producers.flush()?;
    products.flush()?;
    certifications.flush()?;
    exports.flush()?;
    outlets.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_producers_products_and_exports() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let first = write(1_600_000, 7, &[], a.path()).unwrap();
        let again = write(1_600_000, 7, &[], b.path()).unwrap();
        assert_eq!(first.producers, 200, "one producer for every 8,000 households");
        assert!((250..=350).contains(&first.products), "about 280 products: {}", first.products);
        for file in [
            "rates.csv",
            "ovop_producers.csv",
            "ovop_products.csv",
            "ovop_certifications.csv",
            "ovop_exports.csv",
            "ovop_outlets.csv",
        ] {
            assert_eq!(
                std::fs::read(a.path().join(file)).unwrap(),
                std::fs::read(b.path().join(file)).unwrap(),
                "{file}"
            );
        }
        assert_eq!((first.products, first.exports), (again.products, again.exports));
    }
}
