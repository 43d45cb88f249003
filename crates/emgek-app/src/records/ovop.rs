//! One Village – One Product's files: producers, products, certificates and export contracts,
//! each row through the use case that types one (`crate::ovop`). Their columns, in the order
//! of `emgek_exchange::records`' layouts, are read by index.

use emgek_domain::access::Permission;
use emgek_domain::ovop::certification::{Level, Validity, check_certificate_number};

use super::{Outcome, Pass};
use crate::AppError;
use crate::ovop::{
    CertificateForm, ExportForm, OutletForm, ProducerForm, ProductForm, check_certificate, check_export, check_outlet,
    check_producer, check_product,
};

/// A register number a row must give.
fn key<'v>(v: &'v [String], at: usize, field: &str) -> Result<&'v str, AppError> {
    let key = v[at].trim();
    if key.is_empty() {
        return Err(AppError::field(field, "text.required", ""));
    }
    Ok(key)
}

/// The id of a record a row names by its register number, among those held.
fn named(found: Option<&i64>, field: &str, rule: &'static str, key: &str) -> Result<i64, AppError> {
    found.copied().ok_or_else(|| AppError::field(field, rule, key))
}

/// `producer_ref, kind, name, rayon, village, contract_number, contact, publish_contact`: a
/// family business names the Social Contract that funded it by its number.
pub(super) async fn producer(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let reference = key(v, 0, "producer_ref")?;
    pass.first_time("producer_ref", reference).map_err(AppError::Invalid)?;
    if let Some(id) = pass.held.producers.get(reference).copied() {
        // Held, but told only to whom may manage it: a row outside her places tells her nothing.
        pass.app.reach(pass.caller).producer(Permission::ManageOvop, id).await?;
        return Ok(Outcome::Held);
    }
    let number = v[5].trim();
    let contract = match number {
        "" => String::new(),
        n => match pass.app.store.contract_id_by_number(n).await? {
            Some(id) => id.to_string(),
            None => return Err(AppError::field("contract_number", "contract.unknown", n)),
        },
    };
    let form = ProducerForm {
        kind: &v[1],
        name: &v[2],
        rayon: &v[3],
        village: &v[4],
        contract_id: &contract,
        workshop_id: "",
        contact: &v[6],
        publish_contact: &v[7],
        reference,
    };
    let new = check_producer(pass.app, pass.caller, form).await?;
    if pass.write {
        let id = pass.app.store.create_producer(&pass.caller.actor(), &new).await?;
        pass.held.producers.insert(reference.to_string(), id);
    }
    Ok(Outcome::Added)
}

/// `product_ref, producer_ref, category, name_ky, name_ru, name_en, description_ky,
/// description_ru, description_en, local_resources, developed_on, published`.
pub(super) async fn product(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let reference = key(v, 0, "product_ref")?;
    pass.first_time("product_ref", reference).map_err(AppError::Invalid)?;
    if let Some(id) = pass.held.products.get(reference).copied() {
        pass.app.reach(pass.caller).product(Permission::ManageOvop, id).await?;
        return Ok(Outcome::Held);
    }
    let producer_ref = v[1].trim();
    let producer = named(pass.held.producers.get(producer_ref), "producer_ref", "producer.unknown", producer_ref)?;
    let form = ProductForm {
        category: &v[2],
        names: [&v[3], &v[4], &v[5]],
        descriptions: [&v[6], &v[7], &v[8]],
        local_resources: &v[9],
        developed_on: &v[10],
        published: &v[11],
        reference,
    };
    let new = check_product(pass.app, pass.caller, producer, form).await?;
    if pass.write {
        let id = pass.app.store.create_product(&pass.caller.actor(), &new).await?;
        pass.held.products.insert(reference.to_string(), id);
    }
    Ok(Outcome::Added)
}

/// `certificate_number, product_ref, level, valid_from, valid_until`: a certificate issued
/// before emgek.
pub(super) async fn certificate(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = check_certificate_number(&v[0]).map_err(|e| AppError::Invalid(vec![e]))?;
    pass.first_time("certificate_number", &number).map_err(AppError::Invalid)?;
    let product_ref = v[1].trim();
    let product = named(pass.held.products.get(product_ref), "product_ref", "product.unknown", product_ref)?;
    pass.app.reach(pass.caller).product(Permission::CertifyProducts, product).await?;
    if pass.held.certificates.contains(&number) {
        return Ok(Outcome::Held);
    }
    let form = CertificateForm { level: &v[2], certificate_number: &number, valid_from: &v[3], valid_until: &v[4] };
    let earlier = pass.regional.get(&product).cloned().unwrap_or_default();
    let new = check_certificate(pass.app, pass.caller, product, form, &earlier).await?;
    if new.level == Level::Regional.code()
        && let Some((_, from, until)) = &new.certificate
    {
        pass.regional.entry(product).or_default().push(Validity { from: *from, until: *until });
    }
    if pass.write {
        pass.app.store.record_certification(&pass.caller.actor(), &new).await?;
        pass.held.certificates.insert(number);
    }
    Ok(Outcome::Added)
}

/// `contract_reference, producer_ref, product_ref, buyer, country, signed_on, quantity, unit, currency,
/// value`: valued at the official rates of the day it was signed, so the rates come first.
pub(super) async fn export(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let reference = key(v, 0, "contract_reference")?;
    let producer_ref = v[1].trim();
    let producer = named(pass.held.producers.get(producer_ref), "producer_ref", "producer.unknown", producer_ref)?;
    pass.first_time("contract_reference", &format!("{producer_ref} {reference}")).map_err(AppError::Invalid)?;
    pass.app.reach(pass.caller).producer(Permission::ManageOvop, producer).await?;
    if pass.held.exports.contains(&(producer, reference.to_string())) {
        return Ok(Outcome::Held);
    }
    let product_ref = v[2].trim();
    let product = match product_ref {
        "" => String::new(),
        r => named(pass.held.products.get(r), "product_ref", "product.unknown", r)?.to_string(),
    };
    let form = ExportForm {
        product_id: &product,
        reference,
        buyer: &v[3],
        country: &v[4],
        signed_on: &v[5],
        quantity: &v[6],
        unit: &v[7],
        currency: &v[8],
        value: &v[9],
    };
    let new = check_export(pass.app, pass.caller, producer, form).await?;
    if pass.write {
        pass.app.store.record_export_contract(&pass.caller.actor(), &new).await?;
        pass.held.exports.insert((producer, reference.to_string()));
    }
    Ok(Outcome::Added)
}

/// `product_ref, outlet, kind, country, rayon, address`: a product sold at an outlet
/// (`crate::ovop::check_outlet`). The outlet is the one held with the same name, country and
/// rayon, or a new one; a product sold there already is held.
pub(super) async fn outlet(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let reference = key(v, 0, "product_ref")?;
    let product = named(pass.held.products.get(reference), "product_ref", "product.unknown", reference)?;
    let new = check_outlet(OutletForm { name: &v[1], kind: &v[2], country: &v[3], rayon: &v[4], address: &v[5] })?;
    let place = (new.name.clone(), new.country.clone(), new.rayon_code.clone());
    pass.first_time("outlet", &format!("{reference} {} {} {:?}", place.0, place.1, place.2))
        .map_err(AppError::Invalid)?;
    pass.app.reach(pass.caller).product(Permission::ManageOvop, product).await?;
    let held = pass.held.outlets.get(&place).copied();
    if let Some(outlet) = held
        && pass.app.store.product_outlets(product).await?.iter().any(|o| o.ovop_outlet_id == outlet)
    {
        return Ok(Outcome::Held);
    }
    if pass.write {
        let by = pass.caller.actor();
        let outlet = match held {
            Some(id) => id,
            None => pass.app.store.create_outlet(&by, &new).await?,
        };
        pass.held.outlets.insert(place, outlet);
        pass.app.store.sell_at(&by, product, outlet).await?;
    }
    Ok(Outcome::Added)
}
