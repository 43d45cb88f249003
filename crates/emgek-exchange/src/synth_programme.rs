//! The Social Contract part of a synthetic country: about one household in ten applies, six in
//! a hundred hold a contract with its two tranches paid and its twelve monthly reports. At tier
//! L (1,000,000 households) that is ~100,000 applications, ~60,000 contracts and ~720,000
//! reports, the sizes the benchmarks measure (`docs/benchmarks.md`). Written beside
//! `households.csv`, from a random stream of its own so the households stay the same as
//! without it.

use std::fs::File;
use std::io;
use std::path::Path;

use emgek_domain::household::HouseholdInput;
use emgek_domain::social_contract::business_plan::Sector;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration, macros::date};

/// Which share of households apply, and which share of applicants is funded.
const APPLY: f64 = 0.10;
const FUNDED: f64 = 0.60;

pub struct ProgrammeSynth {
    rng: ChaCha8Rng,
    applications: csv::Writer<File>,
    contracts: csv::Writer<File>,
    payments: csv::Writer<File>,
    reports: csv::Writer<File>,
    visits: csv::Writer<File>,
    extensions: csv::Writer<File>,
    graduations: csv::Writer<File>,
    terminations: csv::Writer<File>,
    repayments: csv::Writer<File>,
    decisions: csv::Writer<File>,
    /// The commissions' decisions (day, score, reason), drawn from a stream of their own so the
    /// files before stay as they were.
    deciding: ChaCha8Rng,
    /// What happens after the contract's year (a visit, an extension, a graduation), drawn from
    /// a stream of its own so the files before stay as they were.
    later: ChaCha8Rng,
    /// Which contracts still running have their second tranche ordered and not yet paid by
    /// the bank, likewise.
    unpaid: ChaCha8Rng,
    next_application: u64,
    sequence_by_oblast: std::collections::HashMap<String, u32>,
    /// The first few contracts of each rayon, for the family businesses among OVOP's producers.
    funded: std::collections::BTreeMap<String, Vec<(String, Date)>>,
    pub written: ProgrammeSummary,
}

/// Contracts kept for each rayon, for OVOP's family businesses.
const FUNDED_KEPT: usize = 8;

#[derive(Debug, Clone, Copy, Default)]
pub struct ProgrammeSummary {
    pub applications: u64,
    pub contracts: u64,
    pub payments: u64,
    pub reports: u64,
    pub visits: u64,
    pub extensions: u64,
    pub graduations: u64,
    pub terminations: u64,
    pub repayments: u64,
    pub decisions: u64,
    /// Tranches ordered and waiting for the bank (`paid_on` blank).
    pub waiting: u64,
}

const ACTIVITIES: &[(Sector, &str)] = &[
    (Sector::Agriculture, "Сүт уйлары"),
    (Sector::Agriculture, "Кой чарбасы"),
    (Sector::Agriculture, "Бал челектер"),
    (Sector::Manufacturing, "Кийиз буюмдар"),
    (Sector::Trade, "Айылдагы дүкөн"),
    (Sector::Services, "Тигүү цехи"),
];

fn som(minor: i64) -> String {
    emgek_domain::Money::from_minor(minor, emgek_domain::Currency::KGS).to_plain()
}

impl ProgrammeSynth {
    pub fn create(seed: u64, out: &Path) -> io::Result<Self> {
        write_programme(out)?;
        let mut applications = csv::Writer::from_path(out.join("applications.csv"))?;
        let mut contracts = csv::Writer::from_path(out.join("contracts.csv"))?;
        let mut payments = csv::Writer::from_path(out.join("payments.csv"))?;
        let mut reports = csv::Writer::from_path(out.join("monthly_reports.csv"))?;
        applications.write_record([
            "application_ref",
            "household_ref",
            "call",
            "status",
            "sector",
            "activity",
            "grant_requested_som",
            "own_contribution_som",
            "jobs",
            "priority",
            "submitted_on",
            "programme",
        ])?;
        contracts.write_record([
            "contract_number",
            "application_ref",
            "grant_som",
            "starts",
            "term_months",
            "status",
        ])?;
        payments.write_record(["contract_number", "tranche", "amount_som", "paid_on"])?;
        reports.write_record(["contract_number", "month", "revenue_som", "costs_som", "jobs"])?;
        let mut visits = csv::Writer::from_path(out.join("visits.csv"))?;
        visits.write_record(["contract_number", "visited_on", "outcome", "reasons"])?;
        let mut extensions = csv::Writer::from_path(out.join("extensions.csv"))?;
        extensions.write_record(["contract_number", "extended_months", "reason"])?;
        let mut graduations = csv::Writer::from_path(out.join("graduations.csv"))?;
        graduations.write_record(["contract_number", "graduated_on"])?;
        let mut terminations = csv::Writer::from_path(out.join("terminations.csv"))?;
        terminations.write_record(["contract_number", "terminated_on", "violation", "reason"])?;
        let mut repayments = csv::Writer::from_path(out.join("repayments.csv"))?;
        repayments.write_record(["contract_number", "reference", "amount_som", "repaid_on"])?;
        let mut decisions = csv::Writer::from_path(out.join("decisions.csv"))?;
        decisions.write_record(["application_ref", "decided_on", "decision", "score", "reason", "minutes"])?;
        Ok(Self {
            rng: ChaCha8Rng::seed_from_u64(seed ^ 0x5C_2024),
            applications,
            contracts,
            payments,
            reports,
            visits,
            extensions,
            graduations,
            terminations,
            repayments,
            decisions,
            deciding: ChaCha8Rng::seed_from_u64(seed ^ 0x5C_2026),
            later: ChaCha8Rng::seed_from_u64(seed ^ 0x5C_2025),
            unpaid: ChaCha8Rng::seed_from_u64(seed ^ 0x5C_2027),
            next_application: 0,
            sequence_by_oblast: Default::default(),
            funded: Default::default(),
            written: ProgrammeSummary::default(),
        })
    }

    /// Perhaps an application for this household, and perhaps its contract and what follows.
    pub fn household(&mut self, h: &HouseholdInput, children: usize, benefit: bool) -> io::Result<()> {
        let apply = if benefit { APPLY * 4.0 } else { APPLY * 0.7 };
        if !self.rng.random_bool(apply.min(1.0)) {
            return Ok(());
        }
        self.next_application += 1;
        let reference = format!("APP-{:08}", self.next_application);
        let (sector, activity) = *ACTIVITIES.choose(&mut self.rng).expect("activities");
        let grant: i64 = self.rng.random_range(60..=100) * 1_000 * 100;
        let own: i64 = self.rng.random_range(0..=10) * 1_000 * 100;
        let jobs = self.rng.random_range(1..=3);
        let priority = if children >= 3 { 30 } else { 0 } + if self.rng.random_bool(0.3) { 15 } else { 0 };
        let submitted = date!(2024 - 02 - 01) + Duration::days(self.rng.random_range(0..280));
        let funded = self.rng.random_bool(FUNDED);
        let status = if funded {
            "funded"
        } else {
            *["submitted", "rejected", "waiting_list", "withdrawn"].choose(&mut self.rng).expect("statuses")
        };
        self.applications.write_record([
            reference.as_str(),
            &h.household_ref,
            "2024",
            status,
            sector.code(),
            activity,
            &som(grant),
            &som(own),
            &jobs.to_string(),
            &priority.to_string(),
            &submitted.to_string(),
            PROGRAMME,
        ])?;
        self.written.applications += 1;
        let starts = (submitted + Duration::days(30)).replace_day(1).expect("a first day");
        self.decision(&reference, status, submitted, starts)?;
        if !funded {
            return Ok(());
        }
        let sequence = self.sequence_by_oblast.entry(h.oblast.clone()).or_default();
        *sequence += 1;
        let number = emgek_domain::social_contract::contract::contract_number(2024, &h.oblast, *sequence);
        self.contracts.write_record([number.as_str(), &reference, &som(grant), &starts.to_string(), "12", "active"])?;
        self.written.contracts += 1;
        let kept = self.funded.entry(h.rayon.clone()).or_default();
        if kept.len() < FUNDED_KEPT {
            kept.push((number.clone(), starts));
        }
        let base: i64 = self.rng.random_range(8..=20) * 1_000 * 100;
        let mut month = starts;
        for _ in 0..12 {
            let revenue = base + self.rng.random_range(-3_000..=3_000) * 100;
            let costs = revenue * self.rng.random_range(30..=60) / 100;
            let label = format!("{}-{:02}", month.year(), u8::from(month.month()));
            self.reports.write_record([number.as_str(), &label, &som(revenue), &som(costs), &jobs.to_string()])?;
            self.written.reports += 1;
            month = add_months(month, 1);
        }
        let ended = self.after_the_year(&number, starts, grant)?;
        // One in five contracts still running has its second tranche ordered and the bank's
        // confirmation not in yet.
        let waiting = !ended && self.unpaid.random_bool(0.2);
        let first = grant * 7 / 10;
        for (tranche, amount, on) in [(1, first, starts), (2, grant - first, add_months(starts, 6))] {
            let paid_on = if tranche == 2 && waiting { String::new() } else { on.to_string() };
            self.payments.write_record([number.as_str(), &tranche.to_string(), &som(amount), &paid_on])?;
            self.written.payments += 1;
        }
        self.written.waiting += u64::from(waiting);
        Ok(())
    }

    /// The commission's decision on an application it decided (funded or on the waiting list
    /// after an approval, or rejected), from its minutes: a day after the submission (before the
    /// contract's first day for one funded), the members' average score out of the default
    /// criteria's 30 points, a reason for a rejection, and the minutes' number (25 decisions a
    /// sitting).
    fn decision(&mut self, reference: &str, status: &str, submitted: Date, starts: Date) -> io::Result<()> {
        let (decision, low, high, reason) = match status {
            "funded" | "waiting_list" => ("approve", 36, 59, ""),
            "rejected" => ("reject", 10, 35, "Бизнес-план жетиштүү негизделген эмес"),
            _ => return Ok(()),
        };
        let days = if status == "funded" { (starts - submitted).whole_days().max(0) } else { 45 };
        let decided = submitted + Duration::days(self.deciding.random_range(0..=days));
        let halves: i64 = self.deciding.random_range(low..=high);
        let score = format!("{}.{}", halves / 2, if halves % 2 == 1 { 5 } else { 0 });
        let minutes = format!("2024/{}", self.written.decisions / 25 + 1);
        self.decisions.write_record([reference, &decided.to_string(), decision, &score, reason, &minutes])?;
        self.written.decisions += 1;
        Ok(())
    }

    /// A visit half-way through the contract's year (most businesses operating); for one in
    /// twenty, the term extended by three months; for seven in ten of those still trading,
    /// graduation when the term is over. A business found closed ends its contract the next
    /// day: half of them after a violation, the grant (both tranches paid by then) claimed back
    /// and a third of it repaid two months later. Answers whether the contract ended (graduated
    /// or terminated).
    fn after_the_year(&mut self, number: &str, starts: Date, grant: i64) -> io::Result<bool> {
        let visited = add_months(starts, 6) + Duration::days(14);
        let (outcome, reasons) = match self.later.random_range(0..100) {
            0..85 => ("operating", ""),
            85..95 => ("struggling", "Сатуу азайды"),
            _ => ("closed", "Бизнес жабылды"),
        };
        self.visits.write_record([number, &visited.to_string(), outcome, reasons])?;
        self.written.visits += 1;
        let extended = if self.later.random_bool(0.05) {
            self.extensions.write_record([number, "3", "Мал ооруп, сатуу кечикти"])?;
            self.written.extensions += 1;
            3
        } else {
            0
        };
        if outcome == "closed" {
            let ended = visited + Duration::days(1);
            let violation = self.later.random_bool(0.5);
            let (answer, reason) = if violation {
                ("yes", "Грант максатсыз колдонулду")
            } else {
                ("no", "Эки тараптын макулдугу менен")
            };
            self.terminations.write_record([number, &ended.to_string(), answer, reason])?;
            self.written.terminations += 1;
            if violation {
                let repaid = add_months(ended.replace_day(1).expect("a first day"), 2);
                let reference = format!("ПП-{}", self.written.repayments + 1);
                self.repayments.write_record([number, &reference, &som(grant / 3), &repaid.to_string()])?;
                self.written.repayments += 1;
            }
            return Ok(true);
        }
        if self.later.random_bool(0.7) {
            let graduated = add_months(starts, 12 + extended);
            self.graduations.write_record([number, &graduated.to_string()])?;
            self.written.graduations += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// Writes what is left; answers what was written and the contracts kept for OVOP's
    /// family businesses, by rayon.
    pub fn finish(mut self) -> io::Result<(ProgrammeSummary, Vec<crate::synth_ovop::Funded>)> {
        self.applications.flush()?;
        self.contracts.flush()?;
        self.payments.flush()?;
        self.reports.flush()?;
        self.visits.flush()?;
        self.extensions.flush()?;
        self.graduations.flush()?;
        self.terminations.flush()?;
        self.repayments.flush()?;
        self.decisions.flush()?;
        let funded = self
            .funded
            .into_iter()
            .flat_map(|(rayon, kept)| kept.into_iter().map(move |(number, starts)| (rayon.clone(), number, starts)))
            .collect();
        Ok((self.written, funded))
    }
}

/// The programme's code, as `programmes.csv` defines it and `calls.csv` names it.
pub const PROGRAMME: &str = "social-contract";

/// `programmes.csv` and `calls.csv`: the Social Contract with its 2024 rules (the article's:
/// grants up to 100,000 som in two tranches, 70% at the start and 30% six months on, a year's
/// contract and a year's follow-up) and the 2024 call the applications name.
fn write_programme(out: &Path) -> io::Result<()> {
    let mut programmes = csv::Writer::from_path(out.join("programmes.csv"))?;
    programmes.write_record([
        "programme",
        "kind",
        "name_ky",
        "name_ru",
        "name_en",
        "effective_from",
        "budget_som",
        "grant_cap_som",
        "tranche_1_share_pct",
        "tranche_1_after_months",
        "tranche_2_share_pct",
        "tranche_2_after_months",
        "quota_total",
        "contract_months",
        "follow_up_months",
        "benefit_limitation_years",
        "window_opens",
        "window_closes",
    ])?;
    programmes.write_record([
        PROGRAMME,
        "social_contract",
        "Социалдык келишим",
        "Социальный контракт",
        "Social Contract",
        "2024-01-01",
        "2000000000",
        "100000",
        "70",
        "0",
        "30",
        "6",
        "100000",
        "12",
        "12",
        "3",
        "2024-02-01",
        "2024-11-30",
    ])?;
    programmes.flush()?;
    let mut calls = csv::Writer::from_path(out.join("calls.csv"))?;
    calls.write_record(["programme", "call", "opens", "closes"])?;
    calls.write_record([PROGRAMME, "2024", "2024-02-01", "2024-11-30"])?;
    calls.flush()
}

fn add_months(first_of_month: Date, months: u8) -> Date {
    let mut d = first_of_month;
    for _ in 0..months {
        d = emgek_domain::social_contract::monitoring::next_month(d);
    }
    d
}
