//! Targeting: every household of the registry assessed against the rules in force and ranked by
//! priority, so that a district can invite the families the programme is for before they apply.
//!
//! The registry is held compact, in memory: a household is a few bytes and an index into one
//! flat list of its members' birth dates and disabilities, so that a whole country (1,000,000
//! households, 4.5 million people) is about 40 MB and is ranked in one pass.

use serde::Serialize;
use time::Date;

use crate::household::Disability;
use crate::social_contract::eligibility::{HouseholdSnapshot, Points, assess};
use crate::social_contract::programme::ProgrammeRules;

/// One household as targeting sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prospect {
    pub household_id: i64,
    /// Index into `geography::RAYONS`.
    pub rayon: u16,
    pub on_benefit: bool,
    /// Its members are `Registry::members[first..first + count]`.
    pub first: u32,
    pub count: u16,
    /// When it was last funded, if ever, and whether that contract is still under way.
    pub last_funded: Option<Date>,
    pub active_contract: bool,
}

/// The registry, compact: households by id, their members in one list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    pub households: Vec<Prospect>,
    pub members: Vec<(Date, Disability)>,
}

/// A household that meets every rule, with the points that put it where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranked {
    pub household_id: i64,
    pub rayon: u16,
    pub priority: u32,
    pub points: Vec<Points>,
}

/// What a ranking found: how many households it assessed and how many are eligible, and the
/// first `limit` of those in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    pub assessed: u64,
    pub eligible: u64,
    pub first: Vec<Ranked>,
}

impl Registry {
    /// Ranks the households `place` lets through (by rayon index): eligible ones only, higher
    /// priority first, then the lower household id, so that the order is always the same.
    /// Training is not asked of a household that has not applied yet: it is checked when it
    /// submits an application.
    pub fn rank(&self, rules: &ProgrammeRules, on: Date, place: impl Fn(u16) -> bool, limit: usize) -> Ranking {
        let mut rules = rules.clone();
        rules.eligibility.require_training = false;
        let mut assessed = 0u64;
        let mut eligible: Vec<(u32, usize)> = Vec::new();
        let mut snapshot = HouseholdSnapshot {
            on_benefit: false,
            members: Vec::new(),
            has_active_contract: false,
            last_funded: None,
            attended_training: true,
        };
        for (i, h) in self.households.iter().enumerate() {
            if !place(h.rayon) {
                continue;
            }
            assessed += 1;
            // Most of a registry is not on the benefit: when the rules ask for it, nothing else
            // needs looking at.
            if rules.eligibility.require_benefit && !h.on_benefit {
                continue;
            }
            self.fill(h, &mut snapshot);
            let a = assess(&rules, &snapshot, None, false, false, on);
            if a.eligible {
                eligible.push((a.priority, i));
            }
        }
        eligible.sort_by(|a, b| {
            b.0.cmp(&a.0).then(self.households[a.1].household_id.cmp(&self.households[b.1].household_id))
        });
        let first = eligible
            .iter()
            .take(limit)
            .map(|&(priority, i)| {
                let h = &self.households[i];
                self.fill(h, &mut snapshot);
                Ranked {
                    household_id: h.household_id,
                    rayon: h.rayon,
                    priority,
                    points: assess(&rules, &snapshot, None, false, false, on).points,
                }
            })
            .collect();
        Ranking { assessed, eligible: eligible.len() as u64, first }
    }

    fn fill(&self, h: &Prospect, snapshot: &mut HouseholdSnapshot) {
        let first = h.first as usize;
        snapshot.on_benefit = h.on_benefit;
        snapshot.members.clear();
        snapshot.members.extend_from_slice(&self.members[first..first + usize::from(h.count)]);
        snapshot.has_active_contract = h.active_contract;
        snapshot.last_funded = h.last_funded;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const ON: Date = date!(2026 - 06 - 01);

    /// Households 1–4: a large family on the benefit; the same with a disabled child; a family
    /// not on the benefit; a large family funded two years ago.
    fn registry() -> Registry {
        let mut r = Registry::default();
        let parents = [(date!(1985 - 01 - 01), Disability::None), (date!(1987 - 01 - 01), Disability::None)];
        let children = |d: Disability| {
            [
                (date!(2014 - 01 - 01), Disability::None),
                (date!(2016 - 01 - 01), d),
                (date!(2019 - 01 - 01), Disability::None),
            ]
        };
        for (id, benefit, child, funded) in [
            (1, true, Disability::None, None),
            (2, true, Disability::Child, None),
            (3, false, Disability::None, None),
            (4, true, Disability::None, Some(date!(2024 - 03 - 01))),
        ] {
            let first = r.members.len() as u32;
            r.members.extend(parents);
            r.members.extend(children(child));
            r.households.push(Prospect {
                household_id: id,
                rayon: (id % 2) as u16,
                on_benefit: benefit,
                first,
                count: 5,
                last_funded: funded,
                active_contract: false,
            });
        }
        r
    }

    #[test]
    fn eligible_households_are_ranked_by_priority_with_the_points_that_placed_them() {
        let ranking = registry().rank(&ProgrammeRules::example_2024(), ON, |_| true, 10);
        assert_eq!((ranking.assessed, ranking.eligible), (4, 2), "not on the benefit, funded recently: left out");
        let order: Vec<(i64, u32)> = ranking.first.iter().map(|r| (r.household_id, r.priority)).collect();
        assert_eq!(order, [(2, 60), (1, 30)]);
        let reasons: Vec<&str> = ranking.first[0].points.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(reasons, ["priority.three_or_more_children", "priority.member_with_disability"]);
    }

    #[test]
    fn a_place_filter_and_a_limit_narrow_the_ranking() {
        let ranking = registry().rank(&ProgrammeRules::example_2024(), ON, |rayon| rayon == 1, 10);
        assert_eq!((ranking.assessed, ranking.eligible), (2, 1));
        assert_eq!(ranking.first[0].household_id, 1);
        let limited = registry().rank(&ProgrammeRules::example_2024(), ON, |_| true, 1);
        assert_eq!((limited.eligible, limited.first.len()), (2, 1), "the count is of all, the list of the first");
    }
}
