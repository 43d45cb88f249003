//! What the store hands out and takes in, beside the domain's own types.

use emgek_domain::household::{
    Benefit, Disability, HouseholdFacts, HouseholdFields, HouseholdInput, MemberFields, MemberInput, Relation, Sex,
    WARNING_CODES,
};
use emgek_domain::money::{Currency, Money};
use emgek_domain::phone::Phone;
use emgek_domain::pin::Pin;
use emgek_domain::social_contract::contract::{Contract, ContractStatus};
use emgek_domain::social_contract::ledger::Account;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::error::{Result, StoreError};

/// Who made a change and through which door. Until sign-in exists (the access-control issue)
/// the web layer names every visitor "anonymous"; the CLI names the operating-system user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
    pub source: Source,
    /// The address the request came from; empty for the command line.
    pub ip: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Web,
    Api,
    Import,
    Demo,
    Cli,
    /// emgek itself, on its own: the grievances' sweep.
    System,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Web => "web",
            Source::Api => "api",
            Source::Import => "import",
            Source::Demo => "demo",
            Source::Cli => "cli",
            Source::System => "system",
        }
    }
}

impl Actor {
    pub fn new(name: impl Into<String>, source: Source) -> Self {
        Self { name: name.into(), source, ip: String::new() }
    }

    pub fn with_ip(mut self, ip: impl Into<String>) -> Self {
        self.ip = ip.into();
        self
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OblastRow {
    pub oblast_code: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RayonRow {
    pub rayon_code: String,
    pub oblast_code: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
}

/// Which households a list or an export shows. Every field narrows; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(default)]
pub struct HouseholdFilter {
    /// A PIN (or its first digits), a household number, or a name in either script.
    pub q: Option<String>,
    pub oblast: Option<String>,
    pub rayon: Option<String>,
    /// Aiyl okmotu or village, in either script.
    pub place: Option<String>,
    /// Households that receive the need-based benefit (true) or do not (false).
    pub benefit: Option<bool>,
    /// Households with at least one member with a disability.
    pub disability: Option<bool>,
    /// Households with a member record flagged for review.
    pub review: Option<bool>,
    /// Only households in these places: the reach of the user's grants. `None`: anywhere.
    #[serde(skip)]
    pub areas: Option<emgek_domain::access::Areas>,
    /// Where the reader may see PINs and disability: `q` matches PINs, and `disability`
    /// applies, only in these places (a reader must not learn a masked value from what a
    /// filter keeps). `None`: anywhere.
    #[serde(skip)]
    pub sensitive: Option<emgek_domain::access::Areas>,
}

impl HouseholdFilter {
    /// Empty strings from forms mean "no filter".
    pub fn normalized(mut self) -> Self {
        for field in [&mut self.q, &mut self.oblast, &mut self.rayon, &mut self.place] {
            if field.as_deref().is_some_and(|v| v.trim().is_empty()) {
                *field = None;
            } else if let Some(v) = field {
                *v = v.trim().to_string();
            }
        }
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub const MAX_PER_PAGE: u32 = 200;

    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Self {
        Self { page: page.unwrap_or(1).max(1), per_page: per_page.unwrap_or(25).clamp(1, Self::MAX_PER_PAGE) }
    }

    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub request: PageRequest,
}

impl<T> Page<T> {
    pub fn pages(&self) -> i64 {
        (self.total + i64::from(self.request.per_page) - 1) / i64::from(self.request.per_page)
    }
}

/// One line of the household list.
#[derive(Debug, Clone)]
pub struct HouseholdSummary {
    pub id: i64,
    pub household_ref: String,
    pub oblast: String,
    pub rayon: String,
    pub aiyl_okmotu: String,
    pub village: String,
    pub head_name: String,
    pub facts: HouseholdFacts,
    pub benefit: bool,
    pub review: bool,
}

#[derive(Debug, Clone)]
pub struct HouseholdRecord {
    pub id: i64,
    pub fields: HouseholdFields,
    pub members: Vec<MemberRecord>,
    pub import_id: Option<i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl HouseholdRecord {
    pub fn facts(&self, on: Date) -> HouseholdFacts {
        HouseholdFacts::of(self.members.iter().map(|m| (m.fields.birth_date, m.fields.disability)), on)
    }
}

#[derive(Debug, Clone)]
pub struct MemberRecord {
    pub id: i64,
    pub household_id: i64,
    pub fields: MemberFields,
}

/// One entry of a household's history: who changed what, when, from what to what.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: i64,
    pub actor: String,
    pub source: String,
    pub what: String,
    pub before: Option<serde_json::Value>,
    pub after: serde_json::Value,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The grievance that showed the record was wrong, when the change corrects it: its id and
    /// number.
    pub grievance: Option<(i64, String)>,
}

/// One row of an export: a member with her household, in the import file's text form.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub household: HouseholdInput,
    pub member: MemberInput,
}

#[derive(sqlx::FromRow)]
pub(crate) struct HouseholdRow {
    pub household_id: i64,
    pub household_ref: String,
    pub oblast_code: String,
    pub rayon_code: String,
    pub aiyl_okmotu: String,
    pub village: String,
    pub phone: Option<String>,
    pub benefit_since: Option<Date>,
    pub benefit_monthly_tyiyn: Option<i64>,
    pub consent: bool,
    pub language: String,
    pub import_id: Option<i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// Which households to read in one query: by registry number or by id.
#[derive(Clone, Copy)]
pub(crate) enum HouseholdKeys<'a> {
    Refs(&'a [&'a str]),
    Ids(&'a [i64]),
}

pub(crate) const HOUSEHOLD_COLUMNS: &str = "h.household_id, h.household_ref, h.oblast_code, h.rayon_code, \
    h.aiyl_okmotu, h.village, h.phone, h.benefit_since, h.benefit_monthly_tyiyn, h.consent, h.language, h.import_id, \
    h.created_at, h.updated_at";

impl HouseholdRow {
    pub fn fields(&self) -> Result<HouseholdFields> {
        let phone = match &self.phone {
            Some(p) => Some(
                Phone::parse(p)
                    .map_err(|_| StoreError::Corrupt(format!("phone of household {}", self.household_id)))?,
            ),
            None => None,
        };
        let benefit = match (self.benefit_since, self.benefit_monthly_tyiyn) {
            (Some(since), Some(minor)) => Some(Benefit { since, monthly: Money::from_minor(minor, Currency::KGS) }),
            _ => None,
        };
        Ok(HouseholdFields {
            household_ref: self.household_ref.clone(),
            oblast: self.oblast_code.clone(),
            rayon: self.rayon_code.clone(),
            aiyl_okmotu: self.aiyl_okmotu.clone(),
            village: self.village.clone(),
            phone,
            benefit,
            consent: self.consent,
            language: emgek_domain::notice::NoticeLanguage::parse(&self.language)
                .ok_or_else(|| StoreError::Corrupt(format!("language of household {}", self.household_id)))?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    pub member_id: i64,
    pub household_id: i64,
    pub pin: String,
    pub full_name: String,
    pub full_name_latin: Option<String>,
    pub birth_date: Date,
    pub sex: String,
    pub relation: String,
    pub disability: String,
    pub review: String,
}

pub(crate) const MEMBER_COLUMNS: &str = "m.member_id, m.household_id, m.pin, m.full_name, m.full_name_latin, \
    m.birth_date, m.sex, m.relation, m.disability, m.review";

impl MemberRow {
    pub fn record(&self) -> Result<MemberRecord> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("{what} of member {}", self.member_id));
        let fields = MemberFields {
            pin: Pin::parse(&self.pin).map_err(|_| corrupt("pin"))?,
            full_name: self.full_name.clone(),
            full_name_latin: self.full_name_latin.clone(),
            birth_date: self.birth_date,
            sex: Sex::parse(&self.sex).ok_or_else(|| corrupt("sex"))?,
            relation: Relation::parse(&self.relation).ok_or_else(|| corrupt("relation"))?,
            disability: Disability::parse(&self.disability).ok_or_else(|| corrupt("disability"))?,
            warnings: self
                .review
                .split_whitespace()
                .filter_map(|code| WARNING_CODES.iter().copied().find(|c| *c == code))
                .collect(),
        };
        Ok(MemberRecord { id: self.member_id, household_id: self.household_id, fields })
    }
}

/// One row of a household joined to its members (`LEFT JOIN`, so a household without members
/// still gives one row, with no member): a household and its people in one statement, one
/// trip to the database instead of two.
#[derive(sqlx::FromRow)]
pub(crate) struct HouseholdMemberRow {
    #[sqlx(flatten)]
    pub household: HouseholdRow,
    pub member_id: Option<i64>,
    pub pin: Option<String>,
    pub full_name: Option<String>,
    pub full_name_latin: Option<String>,
    pub birth_date: Option<Date>,
    pub sex: Option<String>,
    pub relation: Option<String>,
    pub disability: Option<String>,
    pub review: Option<String>,
}

/// The member columns of [`HouseholdMemberRow`], after [`HOUSEHOLD_COLUMNS`].
pub(crate) const JOINED_MEMBER_COLUMNS: &str = "m.member_id, m.pin, m.full_name, m.full_name_latin, \
    m.birth_date, m.sex, m.relation, m.disability, m.review";

impl HouseholdMemberRow {
    /// The member on this row, if the household has any.
    pub fn member(self) -> Result<Option<MemberRecord>> {
        let Some(member_id) = self.member_id else { return Ok(None) };
        let missing = || StoreError::Corrupt(format!("member {member_id}"));
        let row = MemberRow {
            member_id,
            household_id: self.household.household_id,
            pin: self.pin.ok_or_else(missing)?,
            full_name: self.full_name.ok_or_else(missing)?,
            full_name_latin: self.full_name_latin,
            birth_date: self.birth_date.ok_or_else(missing)?,
            sex: self.sex.ok_or_else(missing)?,
            relation: self.relation.ok_or_else(missing)?,
            disability: self.disability.ok_or_else(missing)?,
            review: self.review.ok_or_else(missing)?,
        };
        row.record().map(Some)
    }
}

/// Households and their people from rows of [`HouseholdMemberRow`] ordered by household: one
/// record per household, in their order.
pub(crate) fn households_of_rows(rows: Vec<HouseholdMemberRow>) -> Result<Vec<HouseholdRecord>> {
    let mut households: Vec<HouseholdRecord> = Vec::new();
    for row in rows {
        let id = row.household.household_id;
        if households.last().is_none_or(|h| h.id != id) {
            let h = &row.household;
            households.push(HouseholdRecord {
                id,
                fields: h.fields()?,
                members: Vec::new(),
                import_id: h.import_id,
                created_at: h.created_at,
                updated_at: h.updated_at,
            });
        }
        let member = row.member()?;
        if let (Some(h), Some(m)) = (households.last_mut(), member) {
            h.members.push(m);
        }
    }
    Ok(households)
}

/// The search key of a household's place: aiyl okmotu and village, in either script.
pub(crate) fn place_key(h: &HouseholdFields) -> String {
    emgek_domain::names::search_key(&format!("{} {}", h.aiyl_okmotu, h.village))
}

/// The search key of a member's name: both spellings.
pub(crate) fn name_key(m: &MemberFields) -> String {
    let key = emgek_domain::names::search_key(&m.full_name);
    match &m.full_name_latin {
        Some(latin) => format!("{key} {}", emgek_domain::names::search_key(latin)),
        None => key,
    }
}

pub(crate) fn snapshot_household(h: &HouseholdFields) -> serde_json::Value {
    serde_json::to_value(h.to_input()).unwrap_or_default()
}

pub(crate) fn snapshot_member(m: &MemberFields) -> serde_json::Value {
    serde_json::to_value(m.to_input()).unwrap_or_default()
}

// Conversions between stored values and domain types: plain functions, compiled once (the
// queries of `queries.rs` and its siblings are compiled for each backend).

pub(crate) fn status_code(s: ContractStatus) -> &'static str {
    match s {
        ContractStatus::Draft => "draft",
        ContractStatus::Signed => "signed",
        ContractStatus::Active => "active",
        ContractStatus::Completed => "completed",
        ContractStatus::Terminated => "terminated",
    }
}

/// A contract's status as stored.
pub fn as_contract_status(code: &str) -> Result<ContractStatus> {
    Ok(match code {
        "draft" => ContractStatus::Draft,
        "signed" => ContractStatus::Signed,
        "active" => ContractStatus::Active,
        "completed" => ContractStatus::Completed,
        "terminated" => ContractStatus::Terminated,
        other => return Err(StoreError::Corrupt(format!("contract status {other}"))),
    })
}

/// The domain contract of a stored row.
pub fn as_contract(row: &crate::programmes::ContractRow) -> Result<Contract> {
    let status = as_contract_status(&row.status)?;
    Ok(Contract {
        number: row.number.clone(),
        status,
        term_months: u32::try_from(row.term_months).unwrap_or(0),
        extended_months: u32::try_from(row.extended_months).unwrap_or(0),
        starts: row.starts,
    })
}

/// A ledger account as the `ledger_postings` columns hold it (its serde name).
pub(crate) fn account_code(a: Account) -> String {
    serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
