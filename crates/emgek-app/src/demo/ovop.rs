//! The demonstration of One Village – One Product, told from records: producers in every oblast
//! (Issyk-Kul's honey and felt among them, a family business funded by the demo's Social
//! Contract, the Stepnoe colony's sewing workshop), 280 products developed over the last five
//! years (and 40 older ones), their brand certificates, outlets, and 167 export contracts to
//! Japan, China, South Korea, the United States and Europe whose values, converted at the
//! official rates of their days, add up to the article's 238 million som and $2,670,000.
//!
//! The demo sets one official rate a year for each currency (the National Bank sets one a day);
//! the dollar is at 89.00 or 90.00 som, so that the last two contracts, in dollars, can be sized
//! to make both totals exact. Everything else is computed by the code the pages use.

use emgek_domain::money::{Currency, Money};
use emgek_domain::ovop::catalogue::Category;
use emgek_domain::ovop::certification::{CertificationRules, valid_until};
use emgek_domain::ovop::export::value;
use emgek_store::ovop::{NewCertification, NewExportContract, NewOutlet, NewProducer, NewProduct};
use emgek_store::{Actor, Source, Store};

use crate::{App, AppError};
use time::{Date, Month};

/// The article's figures (2024): products developed over five years, export contracts and their
/// value.
pub const PRODUCTS_FIVE_YEARS: i64 = 280;
pub const EXPORT_CONTRACTS: usize = 167;
pub const EXPORT_SOM_TYIYN: i64 = 238_000_000 * 100;
pub const EXPORT_USD_CENTS: i64 = 2_670_000 * 100;

/// (rayon, village in Kyrgyz/Russian, village in Latin letters).
const VILLAGES: [(&str, &str, &str); 16] = [
    ("KG-Y-AKS", "Теплоключенка", "Teploklyuchenka"),
    ("KG-Y-JET", "Жети-Өгүз", "Jeti-Oguz"),
    ("KG-Y-TON", "Бөкөнбаев", "Bokonbaev"),
    ("KG-Y-YSY", "Чолпон-Ата", "Cholpon-Ata"),
    ("KG-J-AKS", "Кара-Жыгач", "Kara-Jygach"),
    ("KG-J-BAZ", "Арстанбап", "Arslanbob"),
    ("KG-J-NOO", "Масы", "Massy"),
    ("KG-O-ARA", "Араван", "Aravan"),
    ("KG-O-KKU", "Кара-Кулжа", "Kara-Kulja"),
    ("KG-O-NOO", "Ноокат", "Nookat"),
    ("KG-N-KOC", "Кочкор", "Kochkor"),
    ("KG-N-ATB", "Ат-Башы", "At-Bashy"),
    ("KG-T-MAN", "Покровка", "Pokrovka"),
    ("KG-T-TAL", "Кара-Ой", "Kara-Oi"),
    ("KG-B-KAD", "Кадамжай", "Kadamjay"),
    ("KG-C-KEM", "Кемин", "Kemin"),
];

/// A category's word in Kyrgyz, Russian and English, and what it is made of.
fn words(c: Category) -> (&'static str, &'static str, &'static str, &'static str) {
    match c {
        Category::Honey => ("Тоо балы", "Горный мёд", "Mountain honey", "honey,herbs"),
        Category::NaturalJuices => ("Алма шербети", "Яблочный сок", "Apple juice", "fruit"),
        Category::Jams => ("Бүлдүркөн кыямы", "Варенье из облепихи", "Sea-buckthorn jam", "berries"),
        Category::Felt => ("Шырдак", "Шырдак", "Shyrdak felt carpet", "wool"),
        Category::Meat => ("Казы", "Казы", "Kazy horse sausage", "meat"),
        Category::Dairy => ("Курут", "Курут", "Kurut", "milk"),
        Category::DriedFruit => ("Кургак өрүк", "Курага", "Dried apricots", "fruit"),
        Category::Nuts => ("Жаңгак", "Грецкий орех", "Walnuts", "walnuts"),
        Category::HerbalTea => ("Тоо чайы", "Горный чай", "Mountain herbal tea", "herbs"),
        Category::Textiles => ("Улуттук көйнөк", "Национальное платье", "National dress", "wool"),
        Category::Handicrafts => ("Кийиз оюнчук", "Войлочная игрушка", "Felt toy", "wool"),
        Category::Bakery => ("Боорсок", "Боорсоки", "Boorsok pastry", "grain"),
    }
}

/// The contracts' currencies by destination, and how many of the currency a dollar buys
/// (to size the demo's contracts).
const DESTINATIONS: [(&str, Currency, i64); 10] = [
    ("JP", Currency::JPY, 150),
    ("CN", Currency::CNY, 7),
    ("KR", Currency::KRW, 1_350),
    ("US", Currency::USD, 1),
    ("DE", Currency::EUR, 1),
    ("FR", Currency::EUR, 1),
    ("IT", Currency::EUR, 1),
    ("GB", Currency::USD, 1),
    ("KZ", Currency::USD, 1),
    ("AE", Currency::USD, 1),
];

/// The demo's official rate of `currency` in `year`, som for one unit times 10,000: the dollar
/// at 90.00 two years out of five, 89.00 otherwise.
fn rate(currency: Currency, year: i32) -> i64 {
    match currency {
        Currency::USD if year % 5 == 0 || year % 5 == 3 => 900_000,
        Currency::USD => 890_000,
        Currency::EUR => 970_000,
        Currency::CNY => 123_000,
        Currency::JPY => 6_000,
        Currency::KRW => 650,
        Currency::RUB => 9_800,
        Currency::KZT => 1_800,
        Currency::KGS => 10_000,
    }
}

fn day(year: i32, month: u8, d: u8) -> Date {
    Date::from_calendar_date(year, Month::try_from(month).unwrap_or(Month::January), d).expect("a valid day")
}

/// Creates the demonstration when no producer exists; returns the number of products.
pub async fn create_ovop_if_none(app: &App) -> Result<usize, AppError> {
    let store = &app.store;
    let today = app.clock.today();
    if !store.producers().await?.is_empty() {
        return Ok(0);
    }
    let by = Actor::new("demo", Source::Demo);
    let first = today.year() - 4;
    let mut rates = Vec::new();
    for year in first - 7..=today.year() {
        for c in Currency::ALL.into_iter().filter(|c| *c != Currency::KGS) {
            rates.push((c.code().to_string(), day(year, 1, 1), rate(c, year)));
        }
    }
    store.add_rates(&by, &rates).await?;
    store.add_ovop_rules(&by, &CertificationRules::example(day(2007, 1, 1))).await?;

    // Producers: four in each village; a prison workshop and a funded family where the other
    // demos made them.
    let mut producers = Vec::new();
    for (v, (rayon, village, latin)) in VILLAGES.iter().enumerate() {
        for k in 0..4 {
            let (kind, name) = if k == 0 {
                ("cooperative", format!("«{village}» кооперативи"))
            } else {
                ("enterprise", format!("{latin} {}", ["Organic", "Craft", "Foods"][k % 3]))
            };
            let new = NewProducer {
                kind: kind.into(),
                name,
                rayon_code: (*rayon).into(),
                village: (*village).into(),
                contract_id: None,
                workshop_id: None,
                contact: format!("+996 555 {:03} {:03}", v * 10 + k, 100 + v),
                publish_contact: (v + k) % 3 != 0,
            };
            producers.push((store.create_producer(&by, &new).await?, *village, *latin));
        }
    }
    let mut special = Vec::new();
    if let Some(workshop) = sewing_workshop(store).await? {
        let new = NewProducer {
            kind: "prison_workshop".into(),
            name: "Степное колониясынын тигүү цехи".into(),
            rayon_code: "KG-C-CHU".into(),
            village: "Степное".into(),
            contract_id: None,
            workshop_id: Some(workshop),
            contact: String::new(),
            publish_contact: false,
        };
        special.push((store.create_producer(&by, &new).await?, Category::Textiles, "Степное", "Stepnoe"));
    }
    if let Some((contract, rayon)) = funded_family(store).await? {
        let new = NewProducer {
            kind: "household".into(),
            name: "Үй-бүлөлүк сүт фермасы".into(),
            rayon_code: rayon,
            village: "Кара-Суу".into(),
            contract_id: Some(contract),
            workshop_id: None,
            contact: String::new(),
            publish_contact: false,
        };
        special.push((store.create_producer(&by, &new).await?, Category::Dairy, "Кара-Суу", "Kara-Suu"));
    }

    // 280 products over the last five years, 40 before; certificates for half of them.
    let outlets = outlets(store, &by).await?;
    let recent = PRODUCTS_FIVE_YEARS as usize - special.len();
    let mut products = Vec::new();
    let mut makers: Vec<(i64, Category, &str, &str)> = (0..recent + 40)
        .map(|n| {
            let (id, village, latin) = producers[n % producers.len()];
            // Every producer makes each of its products in another category.
            (id, Category::ALL[(n / producers.len() + n) % Category::ALL.len()], village, latin)
        })
        .collect();
    makers.splice(recent..recent, special);
    for (n, (producer, category, village, latin)) in makers.into_iter().enumerate() {
        let (ky, ru, en, resources) = words(category);
        let year = if n < PRODUCTS_FIVE_YEARS as usize { first + (n % 5) as i32 } else { first - 1 - (n % 6) as i32 };
        let developed_on = day(year, 1 + (n % 12) as u8, 1 + (n % 27) as u8).min(today);
        let product = NewProduct {
            producer_id: producer,
            category: category.code().into(),
            names: [format!("{ky} «{village}»"), format!("{ru} «{village}»"), format!("{en} “{latin}”")],
            descriptions: [
                format!("{village} айылынын жергиликтүү чийки заттан жасалган продукциясы."),
                format!("Продукт из местного сырья села {village}."),
                format!("Made in {latin} from local resources."),
            ],
            local_resources: resources.into(),
            developed_on,
            published: n % 10 != 9,
        };
        let id = store.create_product(&by, &product).await?;
        products.push((id, producer));
        if n.is_multiple_of(7) {
            store.sell_at(&by, id, outlets[n % outlets.len()]).await?;
        }
        if n.is_multiple_of(2) {
            certify(store, &by, id, &product, today, n).await?;
        }
    }

    // 165 contracts sized freely (one in ten on a year of the 90.00-som dollar), then two in
    // dollars that make both totals exact.
    let (y89, y90): (Vec<i32>, Vec<i32>) = (first..=today.year()).partition(|y| rate(Currency::USD, *y) == 890_000);
    let mut som = 0;
    let mut usd = 0;
    for n in 0..EXPORT_CONTRACTS - 2 {
        let (country, currency, per_dollar) = DESTINATIONS[n % DESTINATIONS.len()];
        let year = if n % 10 == 3 { y90[(n / 10) % y90.len()] } else { y89[(n / 7) % y89.len()] };
        let dollars = 6_000 + (n as i64 * 7_919) % 16_000;
        let amount = Money::from_minor(dollars * per_dollar * 100, currency);
        let signed_on = day(year, 1 + (n % 11) as u8, 2 + (n % 25) as u8).min(today);
        let (product, producer) = products[n % PRODUCTS_FIVE_YEARS as usize];
        let (s, u) = export(store, &by, producer, product, (n, country, signed_on), amount).await?;
        som += s;
        usd += u;
    }
    let (som_left, usd_left) = (EXPORT_SOM_TYIYN - som, EXPORT_USD_CENTS - usd);
    // 89 a + 90 b = som_left (tyiyn), a + b = usd_left (cents).
    let b = som_left - 89 * usd_left;
    let a = usd_left - b;
    assert!(a > 0 && b > 0, "the demo's free contracts leave {som_left} tyiyn for {usd_left} cents");
    for (k, (cents, year)) in [(a, y89[0]), (b, y90[0])].into_iter().enumerate() {
        let signed_on = day(year, 12, 10 + k as u8).min(today);
        let (product, producer) = products[k];
        let amount = Money::from_minor(cents, Currency::USD);
        export(store, &by, producer, product, (EXPORT_CONTRACTS + k, "US", signed_on), amount).await?;
    }
    Ok(products.len())
}

async fn export(
    store: &Store,
    by: &Actor,
    producer: i64,
    product: i64,
    (n, country, signed_on): (usize, &str, Date),
    amount: Money,
) -> Result<(i64, i64), AppError> {
    let year = signed_on.year();
    let v = value(amount, rate(amount.currency(), year), rate(Currency::USD, year));
    let new = NewExportContract {
        producer_id: producer,
        product_id: Some(product),
        reference: format!("EXP-{year}-{n:03}"),
        buyer: format!("{country} Trading {}", n % 13 + 1),
        country: country.into(),
        signed_on,
        quantity: 500 + (n as i64 * 37) % 4_500,
        unit: "kg".into(),
        currency: amount.currency().code().into(),
        value_minor: amount.minor(),
        rate_x10000: v.rate_x10000,
        som_tyiyn: v.som.minor(),
        usd_rate_x10000: v.usd_rate_x10000,
        usd_cents: v.usd.minor(),
    };
    store.record_export_contract(by, &new).await?;
    Ok((v.som.minor(), v.usd.minor()))
}

/// A regional certificate (valid three years from its day), and the national brand for some.
async fn certify(store: &Store, by: &Actor, id: i64, p: &NewProduct, today: Date, n: usize) -> Result<(), AppError> {
    let Ok(producer) = store.producer(p.producer_id).await else { return Ok(()) };
    let assessed_on = (p.developed_on + time::Duration::days(60)).min(today);
    let regional = NewCertification {
        product_id: id,
        level: "regional".into(),
        oblast_code: Some(producer.oblast_code.clone()),
        assessed_on,
        scores_json: r#"{"local_resources":9,"market":8,"packaging":4,"quality":9,"tradition":4}"#.into(),
        total: 34,
        max_points: 40,
        certificate: Some((
            format!("{}/{}/{:03}", producer.oblast_code, assessed_on.year(), n),
            assessed_on,
            valid_until(assessed_on, 3),
        )),
        comment: String::new(),
    };
    store.record_certification(by, &regional).await?;
    if n.is_multiple_of(12) {
        let national = NewCertification {
            level: "national".into(),
            oblast_code: None,
            scores_json:
                r#"{"export_readiness":9,"local_resources":9,"market":9,"packaging":5,"quality":10,"tradition":5}"#
                    .into(),
            total: 47,
            max_points: 50,
            certificate: Some((
                format!("KG/NB/{}/{:03}", assessed_on.year(), n),
                assessed_on,
                valid_until(assessed_on, 3),
            )),
            ..regional
        };
        store.record_certification(by, &national).await?;
    }
    Ok(())
}

/// Shops, fairs and an online shop that sell the products.
async fn outlets(store: &Store, by: &Actor) -> Result<Vec<i64>, AppError> {
    let list = [
        ("«Бир айыл – бир продукт» дүкөнү", "shop", "KG", Some("KG-Y-AKS"), "Каракол, Токтогул к., 120"),
        ("Бишкек жарманкеси", "fair", "KG", Some("KG-C-ALA"), "Бишкек, Ала-Тоо аянты"),
        ("Чолпон-Ата мейманканасы", "hotel", "KG", Some("KG-Y-YSY"), "Чолпон-Ата, Советская к., 5"),
        ("Osh Bazaar", "market", "KG", Some("KG-O-KSU"), "Ош"),
        ("ovop.kg", "online", "KG", None, "https://ovop.kg"),
    ];
    let mut ids = Vec::new();
    for (name, kind, country, rayon, address) in list {
        let o = NewOutlet {
            name: name.into(),
            kind: kind.into(),
            country: country.into(),
            rayon_code: rayon.map(String::from),
            address: address.into(),
        };
        ids.push(store.create_outlet(by, &o).await?);
    }
    Ok(ids)
}

/// The Stepnoe colony's sewing workshop, if the prison demo made it.
async fn sewing_workshop(store: &Store) -> Result<Option<i64>, AppError> {
    for f in store.facilities().await? {
        if let Some(w) = store
            .workshops(f.facility_id)
            .await?
            .into_iter()
            .find(|w| w.activity.contains("тиг") || w.name.contains("Тигүү"))
        {
            return Ok(Some(w.workshop_id));
        }
    }
    Ok(None)
}

/// A contract of the demo's Social Contract, and its family's rayon.
async fn funded_family(store: &Store) -> Result<Option<(i64, String)>, AppError> {
    let everywhere = emgek_domain::access::Areas { everywhere: true, oblasts: Vec::new(), rayons: Vec::new() };
    for p in store.programmes().await? {
        for c in store.calls(p.programme_id).await? {
            if let Some(m) = store.monitored(c.call_id, &everywhere).await?.into_iter().next() {
                return Ok(Some((m.contract.contract_id, m.rayon)));
            }
        }
    }
    Ok(None)
}
