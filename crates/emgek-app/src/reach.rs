//! What a caller can reach: the only way for a use case to a record of a place. A record
//! outside the places (or prison facilities) where the caller may use the permission asked
//! for is "not found" — never a refusal, which would confirm that it is there.
//!
//! `app.reach(&caller).application(Permission::ReadApplications, id)` and the like.

use emgek_domain::access::{Areas, Permission};
use emgek_domain::geography::Rayon;
use emgek_store::grievances::GrievanceRow;
use emgek_store::ovop::{ExportContractRow, PhotoRow, ProducerRow, ProductRow};
use emgek_store::plans::PlanRow;
use emgek_store::prison::{CourseRow, FacilityRow, InmateRow, OrderRow, WorkshopRow};
use emgek_store::programmes::{ApplicationRecord, ContractContext};
use emgek_store::{HouseholdRecord, MemberRecord};

use crate::{App, AppError, Caller};

/// A caller's reach into the records of the app's store.
pub struct Reach<'a> {
    app: &'a App,
    caller: &'a Caller,
}

impl App {
    pub fn reach<'a>(&'a self, caller: &'a Caller) -> Reach<'a> {
        Reach { app: self, caller }
    }
}

impl Reach<'_> {
    /// The record if it lies in a place (oblast, rayon) where the caller may use `permission`.
    fn placed<T>(&self, permission: Permission, record: T, oblast: &str, rayon: &str) -> Result<T, AppError> {
        if self.caller.may(permission, oblast, rayon) { Ok(record) } else { Err(AppError::NotFound) }
    }

    /// The places where the caller may use `permission`: what every list query of places
    /// takes as its required argument.
    pub fn places(&self, permission: Permission) -> Areas {
        self.caller.areas(permission)
    }

    /// Whose work a caller holding `permission` may see listed: anyone's (`None`) with the
    /// permission for the whole country, else the users all of whose grants lie within her
    /// places for it, and herself.
    pub async fn actors(&self, permission: Permission) -> Result<Option<Vec<String>>, AppError> {
        let access = &self.caller.access;
        if access.is_national(permission) {
            return Ok(None);
        }
        let users = self.app.store.list_users().await?;
        let within = |u: &emgek_store::UserRecord| {
            !u.access.grants.is_empty() && u.access.grants.iter().all(|g| access.covers(permission, &g.scope))
        };
        let mut actors: Vec<String> = users.into_iter().filter(within).map(|u| u.username).collect();
        actors.push(self.caller.name.clone());
        Ok(Some(actors))
    }

    /// The prison facilities where the caller may use `permission`.
    pub async fn facilities(&self, permission: Permission) -> Result<Vec<FacilityRow>, AppError> {
        let reach = self.caller.facilities(permission);
        Ok(self.app.store.facilities().await?.into_iter().filter(|f| reach.contains(&f.code)).collect())
    }

    /// The OVOP producers of the places where the caller may use `permission`.
    pub async fn producers(&self, permission: Permission) -> Result<Vec<ProducerRow>, AppError> {
        let areas = self.places(permission);
        let all = self.app.store.producers().await?;
        Ok(all.into_iter().filter(|p| areas.contains(&p.oblast_code, &p.rayon_code)).collect())
    }

    /// The OVOP products of those places, newest first.
    pub async fn products(&self, permission: Permission) -> Result<Vec<ProductRow>, AppError> {
        let areas = self.places(permission);
        let all = self.app.store.products().await?;
        Ok(all.into_iter().filter(|p| areas.contains(&p.oblast_code, &p.rayon_code)).collect())
    }

    /// The export contracts of those places' producers, latest first.
    pub async fn export_contracts(&self, permission: Permission) -> Result<Vec<ExportContractRow>, AppError> {
        let areas = self.places(permission);
        let all = self.app.store.export_contracts().await?;
        Ok(all.into_iter().filter(|e| areas.contains(&e.oblast_code, &e.rayon_code)).collect())
    }

    /// A rayon, by its code, where the caller may use `permission` (a commission's, a
    /// call's minutes of one rayon).
    pub fn rayon(&self, permission: Permission, code: &str) -> Result<&'static Rayon, AppError> {
        let r = emgek_domain::geography::rayon(code).ok_or(AppError::NotFound)?;
        self.placed(permission, r, r.oblast, r.code)
    }

    /// A grievance of a place where the caller may use `permission`; a sensitive one (abuse,
    /// corruption) only where she is an integrity officer, whatever else she may do there; a
    /// prison facility's (an inmate's contest) only where she may also read inmates' records.
    pub async fn grievance(&self, permission: Permission, id: i64) -> Result<GrievanceRow, AppError> {
        let g = self.app.store.grievance(id).await?;
        if self.reaches_grievance(permission, &g) { Ok(g) } else { Err(AppError::NotFound) }
    }

    /// Whether the caller may use `permission` on a grievance read already: the rule of
    /// [`Reach::grievance`].
    pub fn reaches_grievance(&self, permission: Permission, g: &GrievanceRow) -> bool {
        let needs = if g.sensitive { Permission::HandleSensitiveGrievances } else { permission };
        match &g.facility_code {
            Some(code) => self.caller.may_in(needs, code) && self.caller.may_in(Permission::ReadInmates, code),
            None => self.caller.may(needs, &g.oblast_code, &g.rayon_code),
        }
    }

    /// The prison facilities whose grievances the caller may read: where she may read both
    /// grievances and inmates' records.
    pub fn grievance_facilities(&self) -> emgek_domain::access::Facilities {
        let grievances = self.caller.facilities(Permission::ReadGrievances);
        grievances.and(&self.caller.facilities(Permission::ReadInmates))
    }

    pub async fn household(&self, permission: Permission, id: i64) -> Result<HouseholdRecord, AppError> {
        let h = self.app.store.household(id).await?;
        self.household_read(permission, h)
    }

    /// A household read already (with others, for a file), if within reach.
    pub fn household_read(&self, permission: Permission, h: HouseholdRecord) -> Result<HouseholdRecord, AppError> {
        let (oblast, rayon) = (h.fields.oblast.clone(), h.fields.rayon.clone());
        self.placed(permission, h, &oblast, &rayon)
    }

    /// A person, if her household is within reach.
    pub async fn member(&self, permission: Permission, id: i64) -> Result<MemberRecord, AppError> {
        let member = self.app.store.member(id).await?;
        self.household(permission, member.household_id).await?;
        Ok(member)
    }

    pub async fn application(&self, permission: Permission, id: i64) -> Result<ApplicationRecord, AppError> {
        let a = self.app.store.application(id).await?;
        let (oblast, rayon) = (a.oblast.clone(), a.rayon.clone());
        self.placed(permission, a, &oblast, &rayon)
    }

    /// An application read already as a decision on it needs it (with others, for a file), if
    /// within reach.
    pub fn application_at_hand(
        &self,
        permission: Permission,
        a: emgek_store::history::ApplicationAtHand,
    ) -> Result<emgek_store::history::ApplicationAtHand, AppError> {
        let (oblast, rayon) = (a.oblast.clone(), a.rayon.clone());
        self.placed(permission, a, &oblast, &rayon)
    }

    pub async fn contract(&self, permission: Permission, id: i64) -> Result<ContractContext, AppError> {
        let c = self.app.store.contract_context(id).await?;
        self.contract_read(permission, c)
    }

    /// A contract read already (with others, for a file), if within reach.
    pub fn contract_read(&self, permission: Permission, c: ContractContext) -> Result<ContractContext, AppError> {
        let (oblast, rayon) = (c.oblast.clone(), c.rayon.clone());
        self.placed(permission, c, &oblast, &rayon)
    }

    pub async fn producer(&self, permission: Permission, id: i64) -> Result<ProducerRow, AppError> {
        let p = self.app.store.producer(id).await?;
        let (oblast, rayon) = (p.oblast_code.clone(), p.rayon_code.clone());
        self.placed(permission, p, &oblast, &rayon)
    }

    /// A product, if its producer is within reach.
    pub async fn product(&self, permission: Permission, id: i64) -> Result<ProductRow, AppError> {
        let p = self.app.store.product(id).await?;
        let (oblast, rayon) = (p.oblast_code.clone(), p.rayon_code.clone());
        self.placed(permission, p, &oblast, &rayon)
    }

    /// A prison facility where the caller may use `permission`.
    pub async fn facility(&self, permission: Permission, id: i64) -> Result<FacilityRow, AppError> {
        let f = self.app.store.facility(id).await?;
        if self.caller.may_in(permission, &f.code) { Ok(f) } else { Err(AppError::NotFound) }
    }

    /// A workshop and its facility.
    pub async fn workshop(&self, permission: Permission, id: i64) -> Result<(WorkshopRow, FacilityRow), AppError> {
        let w = self.app.store.workshop(id).await?;
        let f = self.facility(permission, w.facility_id).await?;
        Ok((w, f))
    }

    /// An order with its workshop and facility.
    pub async fn order(
        &self,
        permission: Permission,
        id: i64,
    ) -> Result<(OrderRow, WorkshopRow, FacilityRow), AppError> {
        let o = self.app.store.order(id).await?;
        let (w, f) = self.workshop(permission, o.workshop_id).await?;
        Ok((o, w, f))
    }

    /// A workshop's business plan and its facility.
    pub async fn plan(&self, permission: Permission, id: i64) -> Result<(PlanRow, FacilityRow), AppError> {
        let p = self.app.store.plan(id).await?;
        let f = self.facility(permission, p.facility_id).await?;
        Ok((p, f))
    }

    /// An inmate and her facility.
    pub async fn inmate(&self, permission: Permission, id: i64) -> Result<(InmateRow, FacilityRow), AppError> {
        let i = self.app.store.inmate(id).await?;
        let f = self.facility(permission, i.facility_id).await?;
        Ok((i, f))
    }

    /// A product's photo and its bytes, if the product is within reach.
    pub async fn photo(&self, permission: Permission, id: i64) -> Result<(PhotoRow, Vec<u8>), AppError> {
        let (row, content) = self.app.store.photo(id).await?;
        self.product(permission, row.ovop_product_id).await?;
        Ok((row, content))
    }

    /// A training course, if its facility is within reach.
    pub async fn course(&self, permission: Permission, id: i64) -> Result<CourseRow, AppError> {
        let c = self.app.store.course(id).await?;
        self.facility(permission, c.facility_id).await?;
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::{Access, Grant, Role, Scope};
    use emgek_store::Source;
    use emgek_store::prison::NewFacility;

    use super::*;
    use crate::testing::on_both_backends;

    fn caller(role: Role, scope: &str) -> Caller {
        let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
        Caller::user(1, "someone", access, Source::Web, "")
    }

    async fn a_facility_beyond_the_callers_grants_is_not_found_and_one_within_them_is(app: App) {
        let mut ids = Vec::new();
        for code in ["stepnoe", "moldovanovka"] {
            let facility = NewFacility {
                code: code.into(),
                name: code.to_uppercase(),
                kind: "colony".into(),
                rayon_code: "KG-C-SOK".into(),
                locality: "".into(),
                capacity: 100,
                description: "".into(),
            };
            ids.push(app.store.create_facility(&Caller::operator("root").actor(), &facility).await.unwrap());
        }
        let manager = caller(Role::EnterpriseManager, "facility:stepnoe");
        let reach = app.reach(&manager);
        assert_eq!(reach.facility(Permission::RunEnterprises, ids[0]).await.unwrap().code, "stepnoe");
        assert!(matches!(reach.facility(Permission::RunEnterprises, ids[1]).await, Err(AppError::NotFound)));
        assert!(matches!(reach.facility(Permission::RunEnterprises, 999_999).await, Err(AppError::NotFound)));
        let worker = caller(Role::CaseWorker, "rayon:KG-C-SOK");
        let none = app.reach(&worker).facility(Permission::RunEnterprises, ids[0]).await;
        assert!(matches!(none, Err(AppError::NotFound)), "a rayon grant reaches no facility");
    }

    on_both_backends!(a_facility_beyond_the_callers_grants_is_not_found_and_one_within_them_is);
}
