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
use std::collections::BTreeMap;

use emgek_domain::ovop::export::value;
use emgek_store::Store;

use crate::ovop::{self, AssessmentForm, ExportForm, OutletForm, ProducerForm, ProductForm};
use crate::{App, AppError, Caller, rates};
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
    let demo = Caller::demo();
    let first = today.year() - 4;
    for year in first - 7..=today.year() {
        for c in Currency::ALL.into_iter().filter(|c| *c != Currency::KGS) {
            let r = rate(c, year);
            let typed = format!("{}.{:04}", r / 10_000, r % 10_000);
            rates::add_rate(app, &demo, (c.code(), &day(year, 1, 1).to_string(), &typed)).await?;
        }
    }
    // Pass with 70% of the points; a certificate is valid three years.
    ovop::add_rules(app, &demo, ("2007-01-01", "70", "3")).await?;

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
            let new = ProducerForm {
                reference: "",
                kind,
                name: &name,
                rayon,
                village,
                contract_id: "",
                workshop_id: "",
                contact: &format!("+996 555 {:03} {:03}", v * 10 + k, 100 + v),
                publish_contact: if (v + k) % 3 != 0 { "yes" } else { "no" },
            };
            producers.push((ovop::create_producer(app, &demo, new).await?, *village, *latin));
        }
    }
    let mut special = Vec::new();
    if let Some(workshop) = sewing_workshop(store).await? {
        let new = ProducerForm {
            reference: "",
            kind: "prison_workshop",
            name: "Степное колониясынын тигүү цехи",
            rayon: "KG-C-CHU",
            village: "Степное",
            contract_id: "",
            workshop_id: &workshop.to_string(),
            contact: "",
            publish_contact: "no",
        };
        special.push((ovop::create_producer(app, &demo, new).await?, Category::Textiles, "Степное", "Stepnoe"));
    }
    if let Some((contract, rayon)) = funded_family(store).await? {
        let new = ProducerForm {
            reference: "",
            kind: "household",
            name: "Үй-бүлөлүк сүт фермасы",
            rayon: &rayon,
            village: "Кара-Суу",
            contract_id: &contract.to_string(),
            workshop_id: "",
            contact: "",
            publish_contact: "no",
        };
        special.push((ovop::create_producer(app, &demo, new).await?, Category::Dairy, "Кара-Суу", "Kara-Suu"));
    }

    // 280 products over the last five years, 40 before; certificates for half of them.
    let outlets = outlets(app, &demo).await?;
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
        let names = [format!("{ky} «{village}»"), format!("{ru} «{village}»"), format!("{en} “{latin}”")];
        let descriptions = [
            format!("{village} айылынын жергиликтүү чийки заттан жасалган продукциясы."),
            format!("Продукт из местного сырья села {village}."),
            format!("Made in {latin} from local resources."),
        ];
        let product = ProductForm {
            reference: "",
            category: category.code(),
            names: [&names[0], &names[1], &names[2]],
            descriptions: [&descriptions[0], &descriptions[1], &descriptions[2]],
            local_resources: resources,
            developed_on: &developed_on.to_string(),
            published: if n % 10 != 9 { "yes" } else { "no" },
        };
        let id = ovop::create_product(app, &demo, producer, product).await?;
        products.push((id, producer));
        if n.is_multiple_of(7) {
            ovop::sell_at(app, &demo, id, &outlets[n % outlets.len()].to_string()).await?;
        }
        if n.is_multiple_of(2) {
            certify(app, &demo, id, developed_on, today, n).await?;
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
        let (s, u) = export(app, &demo, producer, product, (n, country, signed_on), amount).await?;
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
        export(app, &demo, producer, product, (EXPORT_CONTRACTS + k, "US", signed_on), amount).await?;
    }
    Ok(products.len())
}

async fn export(
    app: &App,
    demo: &Caller,
    producer: i64,
    product: i64,
    (n, country, signed_on): (usize, &str, Date),
    amount: Money,
) -> Result<(i64, i64), AppError> {
    let year = signed_on.year();
    let v = value(amount, rate(amount.currency(), year), rate(Currency::USD, year));
    let contract = ExportForm {
        product_id: &product.to_string(),
        reference: &format!("EXP-{year}-{n:03}"),
        buyer: &format!("{country} Trading {}", n % 13 + 1),
        country,
        signed_on: &signed_on.to_string(),
        quantity: &(500 + (n as i64 * 37) % 4_500).to_string(),
        unit: "kg",
        currency: amount.currency().code(),
        value: &amount.to_plain(),
    };
    ovop::record_export(app, demo, producer, contract).await?;
    Ok((v.som.minor(), v.usd.minor()))
}

/// The points a regional committee gives (34 of 40) and the national commission (47 of 50).
fn points(list: &[(&str, u32)]) -> BTreeMap<String, u32> {
    list.iter().map(|(c, p)| (c.to_string(), *p)).collect()
}

/// A regional certificate (valid three years from its day), and the national brand for some.
async fn certify(app: &App, demo: &Caller, id: i64, developed_on: Date, today: Date, n: usize) -> Result<(), AppError> {
    let Ok(product) = app.store.product(id).await else { return Ok(()) };
    let assessed_on = (developed_on + time::Duration::days(60)).min(today);
    let regional = AssessmentForm {
        level: "regional",
        assessed_on: &assessed_on.to_string(),
        scores: points(&[("local_resources", 9), ("market", 8), ("packaging", 4), ("quality", 9), ("tradition", 4)]),
        certificate_number: &format!("{}/{}/{:03}", product.oblast_code, assessed_on.year(), n),
        comment: "",
    };
    ovop::assess_product(app, demo, id, regional).await?;
    if n.is_multiple_of(12) {
        let national = AssessmentForm {
            level: "national",
            assessed_on: &assessed_on.to_string(),
            scores: points(&[
                ("export_readiness", 9),
                ("local_resources", 9),
                ("market", 9),
                ("packaging", 5),
                ("quality", 10),
                ("tradition", 5),
            ]),
            certificate_number: &format!("KG/NB/{}/{:03}", assessed_on.year(), n),
            comment: "",
        };
        ovop::assess_product(app, demo, id, national).await?;
    }
    Ok(())
}

/// Shops, fairs and an online shop that sell the products.
async fn outlets(app: &App, demo: &Caller) -> Result<Vec<i64>, AppError> {
    let list = [
        ("«Бир айыл – бир продукт» дүкөнү", "shop", "KG", "KG-Y-AKS", "Каракол, Токтогул к., 120"),
        ("Бишкек жарманкеси", "fair", "KG", "KG-C-ALA", "Бишкек, Ала-Тоо аянты"),
        ("Чолпон-Ата мейманканасы", "hotel", "KG", "KG-Y-YSY", "Чолпон-Ата, Советская к., 5"),
        ("Osh Bazaar", "market", "KG", "KG-O-KSU", "Ош"),
        ("ovop.kg", "online", "KG", "", "https://ovop.kg"),
    ];
    let mut ids = Vec::new();
    for (name, kind, country, rayon, address) in list {
        ids.push(ovop::create_outlet(app, demo, OutletForm { name, kind, country, rayon, address }).await?);
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
