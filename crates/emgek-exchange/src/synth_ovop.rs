//! The One Village – One Product part of a synthetic country, in proportion to its households:
//! Kyrgyzstan's ~1.6 million households had about 280 products from about 200 producers and 167
//! export contracts, so one producer for every 8,000 households, one or two products each,
//! about two in five certified (one in ten with the national brand) and some exported. Written
//! beside `households.csv` from a random stream of its own, so the households stay the same.

use std::io;
use std::path::Path;

use emgek_domain::geography::RAYONS;
use emgek_domain::ovop::catalogue::{Category, ProducerKind};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Duration, macros::date};

const HOUSEHOLDS_PER_PRODUCER: u64 = 8_000;
const PRODUCTS: &[(Category, &str)] = &[
    (Category::Honey, "Тоо балы"),
    (Category::Felt, "Шырдак"),
    (Category::Dairy, "Курут"),
    (Category::NaturalJuices, "Облепиха ширеси"),
    (Category::Jams, "Өрүк джемы"),
    (Category::DriedFruit, "Кургатылган өрүк"),
    (Category::Nuts, "Жаңгак"),
    (Category::HerbalTea, "Тоо чөп чайы"),
    (Category::Handicrafts, "Ала кийиз"),
];
const BUYERS: &[(&str, &str)] =
    &[("KZ", "KZT"), ("RU", "RUB"), ("JP", "JPY"), ("DE", "EUR"), ("CN", "CNY"), ("US", "USD"), ("KR", "KRW")];

/// What the OVOP part of a synthetic country holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct OvopSummary {
    pub producers: u64,
    pub products: u64,
    pub certifications: u64,
    pub exports: u64,
}

/// Writes `ovop_producers.csv`, `ovop_products.csv`, `ovop_certifications.csv` and
/// `ovop_exports.csv` for a country of `households`, deterministically for `seed`.
pub fn write(households: u64, seed: u64, out: &Path) -> io::Result<OvopSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6f76_6f70);
    let mut summary =
        OvopSummary { producers: (households / HOUSEHOLDS_PER_PRODUCER).max(3), ..OvopSummary::default() };
    let mut producers = csv::Writer::from_path(out.join("ovop_producers.csv"))?;
    let mut products = csv::Writer::from_path(out.join("ovop_products.csv"))?;
    let mut certifications = csv::Writer::from_path(out.join("ovop_certifications.csv"))?;
    let mut exports = csv::Writer::from_path(out.join("ovop_exports.csv"))?;
    producers.write_record(["producer_ref", "kind", "name", "rayon", "members"])?;
    products.write_record(["product_ref", "producer_ref", "category", "name_ky", "developed_on"])?;
    certifications.write_record(["product_ref", "level", "valid_from", "valid_until"])?;
    exports.write_record(["reference", "producer_ref", "country", "currency", "value", "signed_on"])?;
    let kinds = [ProducerKind::Household, ProducerKind::Household, ProducerKind::Cooperative, ProducerKind::Enterprise];
    for p in 1..=summary.producers {
        let producer = format!("OVOP-P-{p:05}");
        let rayon = RAYONS.choose(&mut rng).expect("rayons");
        let kind = *kinds.choose(&mut rng).expect("kinds");
        let members =
            if kind == ProducerKind::Cooperative { rng.random_range(5..=40) } else { rng.random_range(1..=6) };
        producers.write_record([
            producer.as_str(),
            kind.code(),
            &format!("Өндүрүүчү {p}"),
            rayon.code,
            &members.to_string(),
        ])?;
        for _ in 0..rng.random_range(1..=2) {
            summary.products += 1;
            let product = format!("OVOP-{:05}", summary.products);
            let (category, name) = *PRODUCTS.choose(&mut rng).expect("products");
            let developed = date!(2008 - 01 - 01) + Duration::days(rng.random_range(0..6_000));
            products.write_record([product.as_str(), &producer, category.code(), name, &developed.to_string()])?;
            if rng.random_bool(0.4) {
                let from = developed + Duration::days(rng.random_range(90..700));
                let level = if rng.random_bool(0.25) { "national" } else { "regional" };
                certifications.write_record([
                    product.as_str(),
                    level,
                    &from.to_string(),
                    &(from + Duration::days(3 * 365)).to_string(),
                ])?;
                summary.certifications += 1;
                for _ in 0..rng.random_range(0..=2) {
                    summary.exports += 1;
                    let (country, currency) = *BUYERS.choose(&mut rng).expect("buyers");
                    let value = rng.random_range(2_000..=60_000) * 100;
                    let signed = from + Duration::days(rng.random_range(30..1_500));
                    exports.write_record([
                        format!("EXP-{:05}", summary.exports),
                        producer.clone(),
                        country.into(),
                        currency.into(),
                        emgek_domain::Money::from_minor(value, emgek_domain::Currency::KGS).to_plain(),
                        signed.to_string(),
                    ])?;
                }
            }
        }
    }
    producers.flush()?;
    products.flush()?;
    certifications.flush()?;
    exports.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_producers_products_and_exports() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let first = write(1_600_000, 7, a.path()).unwrap();
        let again = write(1_600_000, 7, b.path()).unwrap();
        assert_eq!(first.producers, 200, "one producer for every 8,000 households");
        assert!((250..=350).contains(&first.products), "about 280 products: {}", first.products);
        for file in ["ovop_producers.csv", "ovop_products.csv", "ovop_certifications.csv", "ovop_exports.csv"] {
            assert_eq!(
                std::fs::read(a.path().join(file)).unwrap(),
                std::fs::read(b.path().join(file)).unwrap(),
                "{file}"
            );
        }
        assert_eq!((first.products, first.exports), (again.products, again.exports));
    }
}
