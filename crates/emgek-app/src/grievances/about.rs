//! What a grievance is about: the record it names, found within the caller's reach, decides
//! where it is answered — a rayon, or a prison facility for a workshop or an inmate's
//! deduction order.

use emgek_domain::access::Permission;
use emgek_store::prison::DeductionRow;

use crate::{App, AppError, Caller};

/// What a grievance is about, when it names a record, and the number it is named by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Nothing,
    /// A household, by its number.
    Household,
    /// An application, by its number.
    Application,
    /// A commission's decision on an application, by the application's number.
    Decision,
    /// A contract, by its number.
    Contract,
    /// A tranche of a contract (late, missing, wrong), by the contract's number.
    Payment,
    /// The refund claimed on a contract, by the contract's number.
    Refund,
    /// A prison workshop, by its number (id): answered in its facility.
    Workshop,
    /// An inmate's deduction order, by its number (id): the inmate's contest, answered in the
    /// facility, the order suspended while it is heard.
    Deduction,
    /// A One Village – One Product product, by its number (id).
    Product,
}

impl About {
    pub const ALL: [About; 10] = [
        About::Nothing,
        About::Household,
        About::Application,
        About::Decision,
        About::Contract,
        About::Payment,
        About::Refund,
        About::Workshop,
        About::Deduction,
        About::Product,
    ];

    pub fn code(self) -> &'static str {
        match self {
            About::Nothing => "none",
            About::Household => "household",
            About::Application => "application",
            About::Decision => "decision",
            About::Contract => "contract",
            About::Payment => "payment",
            About::Refund => "refund",
            About::Workshop => "workshop",
            About::Deduction => "deduction",
            About::Product => "product",
        }
    }

    pub fn parse(text: &str) -> Option<About> {
        match text.trim() {
            "" => Some(About::Nothing),
            t => About::ALL.into_iter().find(|a| a.code() == t),
        }
    }

    /// Whether its grievances are a prison facility's, answered there only.
    pub fn in_facility(self) -> bool {
        matches!(self, About::Workshop | About::Deduction)
    }
}

/// The group of the categories of inmates' contests: those, and only those, are about a
/// deduction order.
pub(super) const DEDUCTION_GROUP: &str = "prison";

/// Where the record a grievance names is answered.
pub(super) struct Named {
    pub household_id: Option<i64>,
    pub oblast: String,
    pub rayon: String,
    /// A prison facility's record: the facility's code.
    pub facility: Option<String>,
    /// A deduction order, suspended while its contest is heard.
    pub order: Option<DeductionRow>,
}

impl Named {
    fn placed(household_id: Option<i64>, oblast: String, rayon: String) -> Self {
        Named { household_id, oblast, rayon, facility: None, order: None }
    }
}

/// The record a grievance names and its place, if the caller reaches it and may handle
/// grievances there.
pub(super) async fn about_record(
    app: &App,
    caller: &Caller,
    about: About,
    reference: &str,
) -> Result<Option<Named>, AppError> {
    let reach = app.reach(caller);
    let handle = Permission::HandleGrievances;
    let id = reference.trim().parse::<i64>().ok();
    let found = match about {
        About::Nothing => return Ok(None),
        About::Household => match app.store.households_by_refs(&[reference]).await?.into_iter().next() {
            Some(h) => reach
                .household_read(handle, h)
                .map(|h| Named::placed(Some(h.id), h.fields.oblast.clone(), h.fields.rayon.clone())),
            None => Err(AppError::NotFound),
        },
        About::Application | About::Decision => match app.store.application_id_by_ref(reference).await? {
            Some(id) => {
                reach.application(handle, id).await.map(|a| Named::placed(Some(a.household_id), a.oblast, a.rayon))
            }
            None => Err(AppError::NotFound),
        },
        About::Contract | About::Payment | About::Refund => match app.store.contract_id_by_number(reference).await? {
            Some(id) => {
                reach.contract(handle, id).await.map(|c| Named::placed(Some(c.household_id), c.oblast, c.rayon))
            }
            None => Err(AppError::NotFound),
        },
        About::Product => match id {
            Some(id) => reach.product(handle, id).await.map(|p| Named::placed(None, p.oblast_code, p.rayon_code)),
            None => Err(AppError::NotFound),
        },
        About::Workshop | About::Deduction => {
            let (facility_id, order) = match (about, id) {
                (About::Workshop, Some(id)) => (app.store.workshop(id).await.map(|w| w.facility_id), None),
                (About::Deduction, Some(id)) => match app.store.deduction_order(id).await {
                    Ok(order) => (app.store.inmate(order.inmate_id).await.map(|i| i.facility_id), Some(order)),
                    Err(e) => (Err(e), None),
                },
                _ => (Err(emgek_store::StoreError::NotFound), None),
            };
            match facility_id {
                // The facility's staff who may read its inmates' records, and answer there.
                Ok(facility_id) => match reach.facility(Permission::ReadInmates, facility_id).await {
                    Ok(f) if caller.may_in(handle, &f.code) => {
                        let oblast = emgek_domain::geography::rayon(&f.rayon_code).map_or("", |r| r.oblast);
                        Ok(Named {
                            household_id: None,
                            oblast: oblast.to_string(),
                            rayon: f.rayon_code,
                            facility: Some(f.code),
                            order,
                        })
                    }
                    Ok(_) => Err(AppError::NotFound),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e.into()),
            }
        }
    };
    match found {
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
        Ok(named) => Ok(Some(named)),
    }
}
