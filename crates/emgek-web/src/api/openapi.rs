//! The OpenAPI document finished in one place: every response has the description OpenAPI
//! requires (written from its status where the route gave none), every operation a unique id,
//! and every operation lists the error answers the guard, the body extractor and the one error
//! shape give any route (so that a client knows every status it may meet), so that tools which
//! generate clients from the document take it (CI checks it with `openapi-spec-validator` and
//! schemathesis, `scripts/api-check`).

use std::collections::HashSet;

use utoipa::Modify;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::{OpenApi, Ref, RefOr};

/// The error answers of a route: those of every route, of a route naming a record, of a route
/// that changes something.
const EVERY_ROUTE: [&str; 4] = ["400", "401", "403", "422"];
const NAMING_A_RECORD: [&str; 1] = ["404"];
const CHANGING_SOMETHING: [&str; 2] = ["409", "413"];

pub struct Finish;

impl Modify for Finish {
    fn modify(&self, doc: &mut OpenApi) {
        let mut ids = HashSet::new();
        for (path, item) in doc.paths.paths.iter_mut() {
            let names_a_record = path.contains('{');
            let operations = [
                (&mut item.get, false),
                (&mut item.put, true),
                (&mut item.post, true),
                (&mut item.delete, true),
                (&mut item.patch, true),
            ];
            for (op, changes) in operations {
                let Some(op) = op else { continue };
                if let Some(id) = op.operation_id.clone()
                    && !ids.insert(id.clone())
                {
                    let unique = format!("{}_{id}", section(path));
                    ids.insert(unique.clone());
                    op.operation_id = Some(unique);
                }
                let errors = EVERY_ROUTE
                    .iter()
                    .chain(if names_a_record { &NAMING_A_RECORD[..] } else { &[] })
                    .chain(if changes { &CHANGING_SOMETHING[..] } else { &[] });
                for status in errors {
                    op.responses.responses.entry(status.to_string()).or_insert_with(|| error_answer(status));
                }
                for (status, response) in op.responses.responses.iter_mut() {
                    if let RefOr::T(r) = response
                        && r.description.trim().is_empty()
                    {
                        r.description = described(status).to_string();
                    }
                }
            }
        }
    }
}

/// An error answer in the one error shape (`ApiErrors`).
fn error_answer(status: &str) -> RefOr<utoipa::openapi::Response> {
    let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiErrors"))).build();
    RefOr::T(ResponseBuilder::new().description(described(status)).content("application/json", body).build())
}

/// The first segment of an API path after `/api/v1`: `enterprise-plans` → `enterprise_plans`.
fn section(path: &str) -> String {
    path.trim_start_matches("/api/v1/").split('/').next().unwrap_or("api").replace('-', "_")
}

/// What a status means in every answer of this API (see docs/api.md).
fn described(status: &str) -> &'static str {
    match status {
        "200" => "Done: the record or list asked for.",
        "201" => "Created: the new record.",
        "204" => "Done; nothing to answer.",
        "400" => "The request is malformed (not JSON, an unknown choice): `errors` says why.",
        "401" => "No valid API token or session.",
        "403" => "The caller's roles do not allow this.",
        "404" => "No such record, or not within the caller's places.",
        "405" => "The address does not take this method.",
        "409" => "The request conflicts with the records (done already, a duplicate): `errors` names the rule.",
        "413" => "The body is larger than the API takes.",
        "422" => "A value breaks a rule: `errors` names every field and rule.",
        "429" => "Too many requests: try again later.",
        _ => "See `errors`.",
    }
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi;

    #[test]
    fn every_response_is_described_and_every_operation_id_is_unique() {
        let doc = super::super::ApiDoc::openapi();
        let mut ids = std::collections::HashSet::new();
        for (path, item) in &doc.paths.paths {
            for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch].into_iter().flatten() {
                let id = op.operation_id.clone().unwrap_or_default();
                assert!(ids.insert(id.clone()), "{path}: {id} twice");
                for (status, response) in &op.responses.responses {
                    if let utoipa::openapi::RefOr::T(r) = response {
                        assert!(!r.description.trim().is_empty(), "{path} {status}");
                    }
                }
            }
        }
    }
}
