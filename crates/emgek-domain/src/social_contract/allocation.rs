//! Allocation: funds approved applications by priority and score within the budget and every
//! quota, deterministically, giving each application the reason for its place.
//!
//! Pure and in memory: 100,000 applications are sorted and walked once, so a whole country's
//! call is decided in one batch (the closest peer stalls at about 2,000).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// An approved application waiting for money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub application_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub priority: u32,
    /// The commission's average score, times 100.
    pub score: i64,
    /// When the application was submitted (any increasing number): earlier wins a tie.
    pub submitted: i64,
    /// The grant asked for, in tyiyn.
    pub grant: i64,
}

/// What a call may spend and fund.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// In tyiyn.
    pub budget: i64,
    pub quota_total: u32,
    pub quota_by_oblast: BTreeMap<String, u32>,
    pub quota_by_rayon: BTreeMap<String, u32>,
}

/// What earlier runs already used of the limits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub spent: i64,
    pub funded: u32,
    pub by_oblast: BTreeMap<String, u32>,
    pub by_rayon: BTreeMap<String, u32>,
}

/// Why an application landed where it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Funded,
    /// Not enough budget left for its grant.
    Budget,
    /// The call's total quota of families is full.
    QuotaTotal,
    /// Its oblast's quota is full.
    QuotaOblast,
    /// Its rayon's quota is full.
    QuotaRayon,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Funded => "allocation.funded",
            Reason::Budget => "allocation.budget",
            Reason::QuotaTotal => "allocation.quota_total",
            Reason::QuotaOblast => "allocation.quota_oblast",
            Reason::QuotaRayon => "allocation.quota_rayon",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub application_id: i64,
    /// 1 for the first in line.
    pub rank: u32,
    pub reason: Reason,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    /// In rank order.
    pub decisions: Vec<Decision>,
    /// Usage after this run, earlier runs included.
    pub usage: Usage,
}

/// The order of the line: priority, then score (higher first), then earlier submission, then
/// the lower id, so that equal applications are always ranked the same way.
fn in_line(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.priority
        .cmp(&a.priority)
        .then(b.score.cmp(&a.score))
        .then(a.submitted.cmp(&b.submitted))
        .then(a.application_id.cmp(&b.application_id))
}

pub fn allocate(candidates: &[Candidate], limits: &Limits, already: &Usage) -> Allocation {
    let mut order: Vec<&Candidate> = candidates.iter().collect();
    order.sort_by(|a, b| in_line(a, b));
    let mut spent = already.spent;
    let mut funded = already.funded;
    let mut by_oblast: HashMap<&str, u32> = already.by_oblast.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let mut by_rayon: HashMap<&str, u32> = already.by_rayon.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let mut decisions = Vec::with_capacity(order.len());
    for (i, c) in order.iter().enumerate() {
        let oblast_used = by_oblast.get(c.oblast.as_str()).copied().unwrap_or(0);
        let rayon_used = by_rayon.get(c.rayon.as_str()).copied().unwrap_or(0);
        let reason = if funded >= limits.quota_total {
            Reason::QuotaTotal
        } else if limits.quota_by_oblast.get(&c.oblast).is_some_and(|q| oblast_used >= *q) {
            Reason::QuotaOblast
        } else if limits.quota_by_rayon.get(&c.rayon).is_some_and(|q| rayon_used >= *q) {
            Reason::QuotaRayon
        } else if spent.saturating_add(c.grant) > limits.budget {
            Reason::Budget
        } else {
            spent += c.grant;
            funded += 1;
            *by_oblast.entry(c.oblast.as_str()).or_default() += 1;
            *by_rayon.entry(c.rayon.as_str()).or_default() += 1;
            Reason::Funded
        };
        decisions.push(Decision {
            application_id: c.application_id,
            rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
            reason,
        });
    }
    let usage = Usage {
        spent,
        funded,
        by_oblast: by_oblast.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        by_rayon: by_rayon.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    };
    Allocation { decisions, usage }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn candidate(id: i64, oblast: &str, priority: u32, grant: i64) -> Candidate {
        Candidate {
            application_id: id,
            oblast: oblast.into(),
            rayon: format!("{oblast}-R"),
            priority,
            score: 500,
            submitted: id,
            grant,
        }
    }

    #[test]
    fn the_highest_priority_is_funded_first_and_the_rest_wait_with_a_reason() {
        let c = vec![candidate(1, "KG-C", 10, 60), candidate(2, "KG-C", 30, 60), candidate(3, "KG-B", 20, 30)];
        let limits = Limits { budget: 100, quota_total: 10, ..Default::default() };
        let a = allocate(&c, &limits, &Usage::default());
        let got: Vec<(i64, Reason)> = a.decisions.iter().map(|d| (d.application_id, d.reason)).collect();
        assert_eq!(got, [(2, Reason::Funded), (3, Reason::Funded), (1, Reason::Budget)]);
        assert_eq!(a.usage.spent, 90);
    }

    #[test]
    fn a_full_oblast_quota_passes_the_money_to_the_next_oblast() {
        let c = vec![candidate(1, "KG-C", 30, 10), candidate(2, "KG-C", 20, 10), candidate(3, "KG-B", 10, 10)];
        let limits = Limits {
            budget: 1_000,
            quota_total: 10,
            quota_by_oblast: [("KG-C".to_string(), 1)].into(),
            ..Default::default()
        };
        let reasons: Vec<Reason> =
            allocate(&c, &limits, &Usage::default()).decisions.iter().map(|d| d.reason).collect();
        assert_eq!(reasons, [Reason::Funded, Reason::QuotaOblast, Reason::Funded]);
    }

    #[test]
    fn a_hundred_thousand_applications_are_decided_in_one_batch() {
        let c: Vec<Candidate> = (0..100_000)
            .map(|i| candidate(i, ["KG-C", "KG-O", "KG-J"][(i % 3) as usize], (i % 50) as u32, 10_000_000))
            .collect();
        let limits = Limits { budget: 200_000_000_000, quota_total: 20_000, ..Default::default() };
        let started = std::time::Instant::now();
        let a = allocate(&c, &limits, &Usage::default());
        assert_eq!(a.usage.funded, 20_000);
        assert_eq!(a.decisions.len(), 100_000);
        assert!(started.elapsed().as_secs() < 2, "took {:?}", started.elapsed());
    }

    fn candidates() -> impl Strategy<Value = Vec<Candidate>> {
        prop::collection::vec(
            (0u32..5, 0i64..1_000, 1i64..500, 0usize..3, 0usize..4).prop_map(|(p, s, g, o, r)| (p, s, g, o, r)),
            0..200,
        )
        .prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, (p, s, g, o, r))| Candidate {
                    application_id: i as i64,
                    oblast: ["KG-C", "KG-O", "KG-J"][o].into(),
                    rayon: format!("R{r}"),
                    priority: p,
                    score: s,
                    submitted: (i as i64 * 7919) % 1000,
                    grant: g,
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn allocation_never_exceeds_the_budget_or_any_quota(
            c in candidates(), budget in 0i64..20_000, total in 0u32..100, per_oblast in 0u32..40, per_rayon in 0u32..30
        ) {
            let limits = Limits {
                budget,
                quota_total: total,
                quota_by_oblast: [("KG-O".to_string(), per_oblast)].into(),
                quota_by_rayon: [("R1".to_string(), per_rayon)].into(),
            };
            let a = allocate(&c, &limits, &Usage::default());
            let funded: Vec<&Candidate> = a.decisions.iter().filter(|d| d.reason == Reason::Funded)
                .map(|d| c.iter().find(|x| x.application_id == d.application_id).unwrap()).collect();
            prop_assert!(funded.iter().map(|x| x.grant).sum::<i64>() <= budget);
            prop_assert!(funded.len() as u32 <= total);
            prop_assert!(funded.iter().filter(|x| x.oblast == "KG-O").count() as u32 <= per_oblast);
            prop_assert!(funded.iter().filter(|x| x.rayon == "R1").count() as u32 <= per_rayon);
            prop_assert_eq!(a.decisions.len(), c.len());
        }

        #[test]
        fn the_order_applications_arrive_in_does_not_change_the_outcome(c in candidates(), budget in 0i64..20_000) {
            let limits = Limits { budget, quota_total: 50, ..Default::default() };
            let mut reversed = c.clone();
            reversed.reverse();
            prop_assert_eq!(allocate(&c, &limits, &Usage::default()), allocate(&reversed, &limits, &Usage::default()));
        }
    }
}
