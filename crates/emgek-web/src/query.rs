//! The household list's query string, shared by the list page, the exports and the API.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_store::{HouseholdFilter, PageRequest};

use emgek_app::Caller;
use serde::{Deserialize, Serialize};

/// Filters and page, as text: forms send empty strings for "any".
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A PIN or its first digits, a household number, or a name in Cyrillic or Latin letters.
    pub q: String,
    /// Oblast code, e.g. `KG-C`.
    pub oblast: String,
    /// Rayon code, e.g. `KG-C-SOK`.
    pub rayon: String,
    /// Aiyl okmotu or village, in either script.
    pub place: String,
    /// `yes`: households on the need-based benefit; `no`: households not on it.
    pub benefit: String,
    /// `yes`: households with a member with a disability.
    pub disability: String,
    /// `yes`: households with a record flagged for review.
    pub review: String,
    /// Page number, from 1.
    pub page: String,
    /// Rows per page, 1 to 200 (default 25).
    pub per_page: String,
}

fn yes_no(s: &str) -> Option<bool> {
    emgek_domain::household::parse_yes_no(if s == "on" { "yes" } else { s })
}

impl ListQuery {
    /// The filter as the caller may apply it where she holds `permission`
    /// (`registry::filter_within` decides).
    pub fn filter_for(&self, caller: &Caller, permission: Permission) -> Result<HouseholdFilter, FieldError> {
        emgek_app::registry::filter_within(caller, permission, self.filter())
    }

    fn filter(&self) -> HouseholdFilter {
        HouseholdFilter {
            q: Some(self.q.clone()),
            oblast: Some(self.oblast.to_uppercase()),
            rayon: Some(self.rayon.to_uppercase()),
            place: Some(self.place.clone()),
            benefit: yes_no(&self.benefit),
            disability: yes_no(&self.disability).filter(|d| *d),
            review: yes_no(&self.review).filter(|r| *r),
            areas: None,
            sensitive: None,
        }
        .normalized()
    }

    pub fn page(&self) -> PageRequest {
        PageRequest::new(self.page.trim().parse().ok(), self.per_page.trim().parse().ok())
    }

    /// The query string of this list at another page, without empty fields.
    pub fn with_page(&self, page: i64) -> String {
        let mut q = self.clone();
        q.page = page.to_string();
        q.encode()
    }

    pub fn encode(&self) -> String {
        let pairs = [
            ("q", &self.q),
            ("oblast", &self.oblast),
            ("rayon", &self.rayon),
            ("place", &self.place),
            ("benefit", &self.benefit),
            ("disability", &self.disability),
            ("review", &self.review),
            ("page", &self.page),
            ("per_page", &self.per_page),
        ];
        let kept: Vec<(&str, &String)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }
}

/// A dashboard's selection as the query of the addresses that keep it.
pub trait SelectionQuery {
    /// The address's query with some fields changed (an empty value drops the field).
    fn query(&self, changes: &[(&str, &str)]) -> String;
}

impl SelectionQuery for emgek_app::indicators::Selection {
    fn query(&self, changes: &[(&str, &str)]) -> String {
        let p = &self.params;
        let mut pairs: Vec<(&str, String)> = [
            ("year", &p.year),
            ("quarter", &p.quarter),
            ("from", &p.from),
            ("to", &p.to),
            ("oblast", &p.oblast),
            ("rayon", &p.rayon),
            ("programme", &p.programme),
            ("facility", &p.facility),
            ("sex", &p.sex),
            ("disability", &p.disability),
            ("currency", &p.currency),
            ("indicator", &p.indicator),
            ("grain", &p.grain),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.trim().to_string()))
        .collect();
        for (k, v) in changes {
            match pairs.iter_mut().find(|(name, _)| name == k) {
                Some(pair) => pair.1 = v.to_string(),
                None => pairs.push((k, v.to_string())),
            }
        }
        pairs.retain(|(_, v)| !v.is_empty());
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}
