//! The demonstration prison enterprises: the 2012 article's story as records. Ten facilities
//! with their year-end headcounts from 2007 to 2011 and the inmates who worked in their
//! workshops, so that the share of inmates in productive work computed from the records is
//! 7.4% in 2007 and 13.0% in 2011; the Stepnoe women's colony (260 women in 2011, a sewing
//! workshop paying 2,000 som a month, a soya-milk workshop from September 2011), the
//! Novo-Pokrovka bakery feeding over 1,000 inmates, the Customs Service's 2,500 uniforms; and a
//! current year in which the workshops run, a month of pay still open for the demo's workshop
//! manager to close.

use emgek_domain::prison::payroll::DeductionKind;
use emgek_domain::social_contract::monitoring::{month_of, next_month};
use emgek_store::prison::{NewInmate, Work};

use crate::prison::finance::CostForm;

use crate::prison::orders::OrderForm;
use crate::prison::training::CourseForm;
use crate::prison::{self, FacilityForm, OutputForm, WorkshopForm};
use crate::{App, AppError, Caller};
use time::macros::date;
use time::{Date, Month};

const SOM: i64 = 100;

/// A facility's workshops as made: id, usual wage in som, opening day.
type Workshops = Vec<(i64, i64, Date)>;

/// Year-end national headcounts and inmates working, 2007–2011: 7.4%, 8.6%, 9.9%, 11.4%, 13.0%.
const YEARS: [(i32, i64, i64); 5] =
    [(2007, 10_000, 740), (2008, 9_900, 851), (2009, 9_950, 985), (2010, 9_850, 1_123), (2011, 9_800, 1_274)];

/// The current year's headcount and working inmates (public reports: about 1,800 at work).
const NOW: (i64, i64) = (9_000, 1_800);

struct Place {
    code: &'static str,
    name: &'static str,
    kind: &'static str,
    rayon: &'static str,
    locality: &'static str,
    capacity: i64,
    description: &'static str,
    women: bool,
    /// Headcount at each year-end 2007–2011 (Stepnoe's own), or its share of the national
    /// headcount in thousandths.
    headcounts: Option<[i64; 5]>,
    share: i64,
    /// (code, name, activity, usual wage in som, opened).
    workshops: &'static [(&'static str, &'static str, &'static str, i64, Date)],
}

const PLACES: &[Place] = &[
    Place {
        code: "stepnoe",
        name: "Аялдар колониясы, Степное",
        kind: "colony",
        rayon: "KG-C-CHU",
        locality: "Степное",
        capacity: 400,
        description: "Соттолгон аялдардын колониясы; лицей чачтарачтарды жана тигүүчүлөрдү даярдайт.",
        women: true,
        headcounts: Some([250, 255, 270, 265, 260]),
        share: 0,
        workshops: &[
            ("sewing", "Тигүү цехи", "тигүү", 2_000, date!(2005 - 03 - 01)),
            ("soya", "Соя сүтү цехи", "соя сүтү", 1_800, date!(2011 - 09 - 01)),
        ],
    },
    Place {
        code: "novo-pokrovka",
        name: "Эркектер түрмөсү, Новопокровка",
        kind: "prison",
        rayon: "KG-C-YSY",
        locality: "Новопокровка",
        capacity: 1_200,
        description: "Модернизацияланган наабайкана 1000ден ашык соттолгонду нан менен камсыз кылат.",
        women: false,
        headcounts: None,
        share: 125,
        workshops: &[
            ("bakery", "Наабайкана", "нан бышыруу", 2_500, date!(2004 - 06 - 01)),
            ("metal", "Темир уста цехи", "темир иштетүү", 2_200, date!(2006 - 02 - 01)),
        ],
    },
    Place {
        code: "moldovanovka",
        name: "Колония, Молдовановка",
        kind: "colony",
        rayon: "KG-C-SOK",
        locality: "Молдовановка",
        capacity: 1_500,
        description: "",
        women: false,
        headcounts: None,
        share: 150,
        workshops: &[("joinery", "Жыгач уста цехи", "жыгач иштетүү", 2_200, date!(2003 - 01 - 01))],
    },
    Place {
        code: "belovodskoe",
        name: "Колония, Беловодское",
        kind: "colony",
        rayon: "KG-C-MOS",
        locality: "Беловодское",
        capacity: 1_300,
        description: "",
        women: false,
        headcounts: None,
        share: 130,
        workshops: &[("farm", "Дыйкан чарбасы", "дыйканчылык", 1_800, date!(2002 - 04 - 01))],
    },
    Place {
        code: "kara-balta",
        name: "Колония, Кара-Балта",
        kind: "colony",
        rayon: "KG-C-JAI",
        locality: "Кара-Балта",
        capacity: 1_100,
        description: "",
        women: false,
        headcounts: None,
        share: 110,
        workshops: &[("bricks", "Кыш заводу", "кыш куюу", 2_300, date!(2007 - 05 - 01))],
    },
    Place {
        code: "jany-jer",
        name: "Колония-конуш, Жаңы-Жер",
        kind: "settlement",
        rayon: "KG-C-SOK",
        locality: "Жаңы-Жер",
        capacity: 600,
        description: "",
        women: false,
        headcounts: None,
        share: 60,
        workshops: &[("farm", "Дыйкан чарбасы", "дыйканчылык", 1_800, date!(2005 - 04 - 01))],
    },
    Place {
        code: "jalal-abad",
        name: "Колония, Жалал-Абад",
        kind: "colony",
        rayon: "KG-J-SUZ",
        locality: "Жалал-Абад",
        capacity: 1_000,
        description: "",
        women: false,
        headcounts: None,
        share: 100,
        workshops: &[("sewing", "Тигүү цехи", "тигүү", 2_000, date!(2006 - 09 - 01))],
    },
    Place {
        code: "osh",
        name: "Колония, Ош",
        kind: "colony",
        rayon: "KG-O-KSU",
        locality: "Ош",
        capacity: 1_200,
        description: "",
        women: false,
        headcounts: None,
        share: 120,
        workshops: &[("bakery", "Наабайкана", "нан бышыруу", 2_500, date!(2005 - 01 - 01))],
    },
    Place {
        code: "naryn",
        name: "Колония, Нарын",
        kind: "colony",
        rayon: "KG-N-NAR",
        locality: "Нарын",
        capacity: 700,
        description: "",
        women: false,
        headcounts: None,
        share: 70,
        workshops: &[("felt", "Кийиз цехи", "кийиз басуу", 1_900, date!(2005 - 03 - 01))],
    },
    Place {
        code: "bishkek-sizo",
        name: "Тергөө абагы, Бишкек",
        kind: "pre_trial",
        rayon: "KG-GB-PER",
        locality: "Бишкек",
        capacity: 1_500,
        description: "",
        women: false,
        headcounts: None,
        share: 127,
        workshops: &[("laundry", "Кир жуучу жай", "кир жуу", 1_700, date!(2006 - 01 - 01))],
    },
];

const WOMEN: &[&str] =
    &["Айгүл", "Гүлнара", "Жылдыз", "Нургүл", "Асел", "Бермет", "Чолпон", "Динара", "Мээрим", "Айпери"];
const MEN: &[&str] = &["Азамат", "Бакыт", "Эрлан", "Нурбек", "Талант", "Улан", "Канат", "Мирлан", "Руслан", "Эмил"];
const FAMILY: &[&str] =
    &["Асанов", "Токтогулов", "Садыков", "Жумабаев", "Исаков", "Осмонов", "Бекмуратов", "Абдыкеримов"];

fn name(women: bool, n: usize) -> String {
    let (first, family) = if women {
        (WOMEN[n % WOMEN.len()], format!("{}а", FAMILY[(n / WOMEN.len()) % FAMILY.len()]))
    } else {
        (MEN[n % MEN.len()], FAMILY[(n / MEN.len()) % FAMILY.len()].to_string())
    };
    format!("{family} {first}")
}

/// Splits `total` between the places in proportion to `weights`, the remainder to the first.
fn split(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum::<i64>().max(1);
    let mut parts: Vec<i64> = weights.iter().map(|w| total * w / sum).collect();
    parts[0] += total - parts.iter().sum::<i64>();
    parts
}

/// Creates the demonstration prison enterprises on a database without facilities; returns
/// how many inmates' records it made.
pub async fn create_prison_enterprises_if_none(app: &App) -> Result<usize, AppError> {
    let store = &app.store;
    let today = app.clock.today();
    if !store.facilities().await?.is_empty() {
        return Ok(0);
    }
    let demo = Caller::demo();
    let by = demo.actor();
    // The rules' versions: half of the profits to the state budget until May 2012, none after;
    // at least a quarter of an inmate's pay hers whatever is deducted.
    for (from, state_budget, inmate_min_net) in [("2000-01-01", "50", "25"), ("2012-05-01", "0", "25")] {
        prison::add_rules(app, &demo, from, state_budget, inmate_min_net).await?;
    }
    let this_year = today.year();
    let now_counted = Date::from_calendar_date(this_year, Month::January, 1).expect("1 January");

    // Headcounts: Stepnoe's own, the rest of the nation shared by weight.
    let weights: Vec<i64> = PLACES.iter().filter(|p| p.headcounts.is_none()).map(|p| p.share).collect();
    let mut headcounts = vec![[0i64; 6]; PLACES.len()];
    for (y, (_, national, _)) in YEARS.iter().enumerate() {
        let own: i64 = PLACES.iter().filter_map(|p| p.headcounts.map(|h| h[y])).sum();
        let mut rest = split(national - own, &weights).into_iter();
        for (i, p) in PLACES.iter().enumerate() {
            headcounts[i][y] = p.headcounts.map_or_else(|| rest.next().unwrap_or(0), |h| h[y]);
        }
    }
    let stepnoe_now = 240;
    let mut rest = split(NOW.0 - stepnoe_now, &weights).into_iter();
    for (i, p) in PLACES.iter().enumerate() {
        headcounts[i][5] = if p.headcounts.is_some() { stepnoe_now } else { rest.next().unwrap_or(0) };
    }
    // Working inmates follow the headcounts.
    let mut working = vec![[0i64; 6]; PLACES.len()];
    for (y, target) in YEARS.iter().map(|t| t.2).chain([NOW.1]).enumerate() {
        let column: Vec<i64> = headcounts.iter().map(|h| h[y]).collect();
        for (i, n) in split(target, &column).into_iter().enumerate() {
            working[i][y] = n;
        }
    }

    let mut made = 0;
    let mut workshops_of = Vec::new();
    for (i, p) in PLACES.iter().enumerate() {
        let form = FacilityForm {
            code: p.code,
            name: p.name,
            kind: p.kind,
            rayon: p.rayon,
            locality: p.locality,
            capacity: &p.capacity.to_string(),
            description: p.description,
        };
        let facility = prison::create_facility(app, &demo, form).await?;
        for (y, (year, _, _)) in YEARS.iter().enumerate() {
            let on = Date::from_calendar_date(*year, Month::December, 31).expect("31 December");
            prison::add_population(app, &demo, facility, &on.to_string(), &headcounts[i][y].to_string()).await?;
        }
        prison::add_population(app, &demo, facility, &now_counted.to_string(), &headcounts[i][5].to_string()).await?;
        let mut workshops = Vec::new();
        for (code, name, activity, wage, opened) in p.workshops {
            let w = WorkshopForm { code, name, activity, opened_on: &opened.to_string(), wage_som: &wage.to_string() };
            workshops.push((prison::create_workshop(app, &demo, facility, w).await?, *wage, *opened));
        }
        // Work: each year-end's workers, most of them carried on from the year before.
        let prefix: String =
            p.code.chars().filter(char::is_ascii_alphabetic).take(2).collect::<String>().to_uppercase();
        let mut items: Vec<(NewInmate, Vec<Work>)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for (y, (year, _, _)) in YEARS.iter().enumerate() {
            let target = usize::try_from(working[i][y]).unwrap_or(0);
            let keep = open.len().min(target * 7 / 10);
            for gone in open.split_off(keep) {
                let ends = Date::from_calendar_date(*year, Month::March, 31).expect("31 March");
                items[gone].1[0].ends = Some(ends);
            }
            let year_end = Date::from_calendar_date(*year, Month::December, 31).expect("31 December");
            let running: Vec<(i64, i64, Date)> = workshops.iter().copied().filter(|w| w.2 <= year_end).collect();
            for n in keep..target {
                let seq = items.len();
                let (workshop, wage, opened) = running[n % running.len()];
                let month = Month::try_from(1 + (seq % 10) as u8).expect("a month");
                let starts = Date::from_calendar_date(*year, month, 1).expect("a first day").max(opened);
                let inmate = NewInmate {
                    facility_id: facility,
                    register_number: format!("{prefix}-{:02}-{:04}", year % 100, seq + 1),
                    full_name: name(p.women, seq + i),
                    sex: if p.women { "F" } else { "M" }.into(),
                };
                items.push((inmate, vec![Work { workshop_id: workshop, starts, ends: None, wage_tyiyn: wage * SOM }]));
                open.push(items.len() - 1);
            }
        }
        for gone in open.drain(..) {
            items[gone].1[0].ends = Some(date!(2012 - 03 - 31));
        }
        // The current year's workers, at today's wages, still at work.
        let now_target = usize::try_from(working[i][5]).unwrap_or(0);
        for n in 0..now_target {
            let seq = items.len();
            let (workshop, wage, _) = workshops[n % workshops.len()];
            let starts =
                Date::from_calendar_date(this_year - 1, Month::try_from(1 + (n % 12) as u8).expect("a month"), 1)
                    .expect("a first day");
            let inmate = NewInmate {
                facility_id: facility,
                register_number: format!("{prefix}-{:02}-{:04}", this_year % 100, n + 1),
                full_name: name(p.women, seq + i),
                sex: if p.women { "F" } else { "M" }.into(),
            };
            items.push((inmate, vec![Work { workshop_id: workshop, starts, ends: None, wage_tyiyn: wage * 4 * SOM }]));
        }
        made += items.len();
        // Years of records at once, as an import would bring them: one batch, not a form each.
        store.add_inmates_with_work(&by, facility, &items).await?;
        workshops_of.push((facility, workshops));
    }

    story(app, &demo, &workshops_of, today).await?;
    super::plans::create(app, [workshops_of[0].0, workshops_of[1].0]).await?;
    Ok(made)
}

/// The article's workshops at work: Stepnoe's sewing and soya milk, Novo-Pokrovka's bread,
/// the Customs uniforms, and closed payrolls.
async fn story(app: &App, demo: &Caller, workshops_of: &[(i64, Workshops)], today: Date) -> Result<(), AppError> {
    let (stepnoe_sewing, stepnoe_soya) = (workshops_of[0].1[0].0, workshops_of[0].1[1].0);
    let bakery = workshops_of[1].1[0].0;
    // The equipment is on the workshops' books (no step adds an asset yet: the store does).
    let by = demo.actor();
    let store = &app.store;
    store
        .add_asset(
            &by,
            stepnoe_soya,
            "Соя сүтүн өндүрүү линиясы",
            "donor_project",
            1_150_000 * SOM,
            date!(2011 - 08 - 15),
        )
        .await?;
    store
        .add_asset(&by, stepnoe_sewing, "Тигүү машиналары (12)", "own_profits", 240_000 * SOM, date!(2010 - 02 - 01))
        .await?;
    store.add_asset(&by, bakery, "Нан бышыруучу меш", "donor_project", 2_300_000 * SOM, date!(2011 - 05 - 20)).await?;

    let this_month = month_of(today);
    let last_month = month_of(this_month.previous_day().expect("a day before"));
    let bread_months = [date!(2011 - 09 - 01), date!(2011 - 10 - 01), last_month, this_month];
    for m in bread_months {
        let output = OutputForm {
            produced_on: &m.to_string(),
            whole_month: true,
            product: "Нан",
            unit: "loaf",
            quantity: "33000",
            internal_quantity: "32400",
            transfer_price_som: if m.year() < 2020 { "12" } else { "28" },
            inmates_fed: "1080",
        };
        prison::record_production(app, demo, bakery, output).await?;
    }
    for (m, qty) in [(date!(2011 - 09 - 01), "900"), (date!(2011 - 10 - 01), "1600"), (last_month, "1400")] {
        let output = OutputForm {
            produced_on: &m.to_string(),
            whole_month: true,
            product: "Бажы кызматынын формасы",
            unit: "piece",
            quantity: qty,
            internal_quantity: "0",
            transfer_price_som: "0",
            inmates_fed: "0",
        };
        prison::record_production(app, demo, stepnoe_sewing, output).await?;
    }
    // The State Customs Service's 2,500 uniforms: delivered in two lots, invoiced, paid.
    let customs = OrderForm {
        customer: "Мамлекеттик бажы кызматы",
        ordered_on: "2011-08-15",
        due_on: "2011-10-31",
        lines: vec![("Бажы кызматынын формасы", "2500", "1150")],
        reference: "",
    };
    let order = prison::orders::create_order(app, demo, stepnoe_sewing, customs).await?;
    let line = store.order_lines(order).await?[0].order_line_id.to_string();
    prison::orders::deliver(app, demo, order, (&line, "2011-09-30", "900")).await?;
    prison::orders::deliver(app, demo, order, (&line, "2011-10-28", "1600")).await?;
    let invoice = prison::orders::invoice(app, demo, order, ("ST-2011-017", "2011-10-28")).await?;
    prison::orders::pay(app, demo, invoice, ("2011-11-21", "2875000", "KAZ-2011-11-21-0042")).await?;
    let soya = OutputForm {
        produced_on: "2011-10-01",
        whole_month: true,
        product: "Соя сүтү",
        unit: "litre",
        quantity: "3000",
        internal_quantity: "3000",
        transfer_price_som: "15",
        inmates_fed: "260",
    };
    prison::record_production(app, demo, stepnoe_soya, soya).await?;

    // Some of today's sewing workers owe upkeep or child support.
    let workers =
        store.month_workers(stepnoe_sewing, last_month, next_month(last_month).previous_day().expect("a day")).await?;
    for (n, w) in workers.iter().enumerate().take(6) {
        let (kind, rate) = if n % 2 == 0 { (DeductionKind::Upkeep, "30") } else { (DeductionKind::Alimony, "25") };
        prison::add_deduction(app, demo, w.inmate_id, kind.code(), rate).await?;
    }
    // September 2011 and last month are paid and closed; this month is left to the manager.
    for m in [date!(2011 - 09 - 01), last_month] {
        close_month(app, demo, stepnoe_sewing, m).await?;
    }
    training(app, demo, workshops_of[0].0, stepnoe_sewing).await?;
    finances(app, demo, workshops_of).await
}

/// The article's money: the state's 50 million som for income-generating activities, 22
/// million of it disbursed; the costs of 2011 and early 2012, so that the profit computed from
/// the records since 2011 is the 1,826,670 som the article reports.
async fn finances(app: &App, demo: &Caller, workshops_of: &[(i64, Workshops)]) -> Result<(), AppError> {
    let (sewing, soya) = (workshops_of[0].1[0].0, workshops_of[0].1[1].0);
    let bakery = workshops_of[1].1[0].0;
    let costs = [
        (sewing, "2011-09-12", "materials", "Кездеме жана жип: бажы кызматынын формасы", "1200000"),
        (bakery, "2011-09-05", "materials", "Ун", "250000"),
        (bakery, "2011-10-05", "materials", "Ун", "250000"),
        (soya, "2011-10-03", "materials", "Соя буурчагы", "20000"),
    ];
    for (workshop, spent_on, category, description, amount_som) in costs {
        let cost = CostForm { spent_on, category, description, amount_som };
        prison::finance::record_cost(app, demo, workshop, cost).await?;
    }
    // What the period's records leave above the reported profit went on utilities.
    let (from, to) = (date!(2011 - 01 - 01), date!(2012 - 06 - 30));
    let profit: i64 = app
        .store
        .money_lines(from, to)
        .await?
        .iter()
        .map(|l| if matches!(l.kind.as_str(), "sale" | "internal") { l.amount_tyiyn } else { -l.amount_tyiyn })
        .sum();
    let rest = profit - REPORTED_PROFIT_TYIYN;
    if rest <= 0 {
        return Err(AppError::Internal(format!("the demonstration's 2011 records earn {profit} tyiyn, too little")));
    }
    let utilities = CostForm {
        spent_on: "2012-03-15",
        category: "utilities",
        description: "Электр энергиясы жана жылуулук, 2011–2012",
        amount_som: &format!("{}.{:02}", rest / SOM, rest % SOM),
    };
    prison::finance::record_cost(app, demo, sewing, utilities).await?;

    let commitment = ("state_budget", "Киреше алып келүүчү иш жана оңдоо", "2011-06-01", "50000000");
    let state = prison::finance::add_commitment(app, demo, commitment).await?;
    let (novo, stepnoe) = (workshops_of[1].0.to_string(), workshops_of[0].0.to_string());
    for (facility, on, amount_som) in [
        (novo.as_str(), "2011-07-15", "9000000"),
        (stepnoe.as_str(), "2011-08-20", "6000000"),
        ("", "2012-02-01", "7000000"),
    ] {
        prison::finance::add_disbursement(app, demo, state, (facility, on, amount_som)).await?;
    }
    Ok(())
}

/// The lyceum's hairdressers and the first soya-milk course (15 women, five months from
/// 1 September 2011); some of the certified women released in 2012 and followed up.
async fn training(app: &App, demo: &Caller, stepnoe: i64, sewing: i64) -> Result<(), AppError> {
    let women = app.store.month_workers(sewing, date!(2011 - 09 - 01), date!(2011 - 09 - 30)).await?;
    let soya = CourseForm {
        name: "Соя сүтүн өндүрүү",
        trade: "соя сүтүн өндүрүүчү",
        starts: "2011-09-01",
        months: "5",
        places: "15",
    };
    let hair =
        CourseForm {
            name: "Лицей: чачтарач", trade: "чачтарач", starts: "2011-02-01", months: "6", places: "12"
        };
    let soya = prison::training::create_course(app, demo, stepnoe, soya).await?;
    let hair = prison::training::create_course(app, demo, stepnoe, hair).await?;
    for (n, w) in women.iter().take(15).enumerate() {
        let e = prison::training::enrol(app, demo, soya, &w.inmate_id.to_string(), "2011-09-01").await?;
        let certificate = format!("SOYA-2012-{:03}", n + 1);
        prison::training::finish(app, demo, e, (true, "2012-01-31", &certificate)).await?;
    }
    for (n, w) in women.iter().skip(15).take(12).enumerate() {
        let e = prison::training::enrol(app, demo, hair, &w.inmate_id.to_string(), "2011-02-01").await?;
        if n < 10 {
            let certificate = format!("LYC-2011-{:03}", n + 1);
            prison::training::finish(app, demo, e, (true, "2011-07-29", &certificate)).await?;
        } else {
            prison::training::finish(app, demo, e, (false, "2011-04-15", "")).await?;
        }
    }
    // Eight certified women released in March 2012, followed up 3, 6 and 12 months on.
    use emgek_domain::prison::reintegration::Outcome::{Employed, NotReached, SelfEmployed, Unemployed};
    let outcomes = [
        [Employed, Employed, Employed],
        [Employed, Employed, Employed],
        [SelfEmployed, SelfEmployed, SelfEmployed],
        [Employed, Employed, SelfEmployed],
        [Unemployed, Employed, Employed],
        [Unemployed, Unemployed, Employed],
        [Employed, NotReached, NotReached],
        [Unemployed, Unemployed, Unemployed],
    ];
    let released = date!(2012 - 03 - 31);
    for (w, outcome) in women.iter().zip(outcomes) {
        prison::training::release(app, demo, w.inmate_id, &released.to_string()).await?;
        for (months, o) in [3, 6, 12].into_iter().zip(outcome) {
            let on = emgek_domain::prison::reintegration::due_on(released, months).to_string();
            let note = if o.working() { "тигүүчү" } else { "" };
            prison::training::follow_up(app, demo, w.inmate_id, (&months.to_string(), &on, o.code(), note)).await?;
        }
    }
    Ok(())
}

/// Profits of prison enterprises since 2011, as the article reports them: 1,826,670 som.
pub const REPORTED_PROFIT_TYIYN: i64 = 1_826_670 * SOM;

/// Keeps a month's timesheet (a few days off here and there) and closes its payroll.
async fn close_month(app: &App, demo: &Caller, workshop: i64, first: Date) -> Result<(), AppError> {
    let last = next_month(first).previous_day().expect("a last day");
    let workers = app.store.month_workers(workshop, first, last).await?;
    let working_days = i64::from(emgek_domain::prison::payroll::weekdays(first));
    let days: Vec<(i64, String)> = workers
        .iter()
        .enumerate()
        .map(|(n, w)| (w.inmate_id, (working_days - i64::try_from(n % 4).unwrap_or(0)).to_string()))
        .collect();
    prison::save_timesheet(app, demo, workshop, first, &working_days.to_string(), &days).await?;
    match prison::close_payroll(app, demo, workshop, first).await {
        Ok(_) => Ok(()),
        Err(AppError::Invalid(errors)) => {
            Err(AppError::Internal(format!("the demonstration payroll does not close: {errors:?}")))
        }
        Err(other) => Err(other),
    }
}
