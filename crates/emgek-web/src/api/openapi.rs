//! The OpenAPI document finished in one place: every response has the description OpenAPI
//! requires (written from its status where the route gave none) and every operation a unique
//! id, so that tools which generate clients from the document take it (CI checks it with
//! `openapi-spec-validator`).

use std::collections::HashSet;

use utoipa::Modify;
use utoipa::openapi::{OpenApi, RefOr};

pub struct Finish;

impl Modify for Finish {
    fn modify(&self, doc: &mut OpenApi) {
        let mut ids = HashSet::new();
        for (path, item) in doc.paths.paths.iter_mut() {
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for op in operations.into_iter().flatten() {
                if let Some(id) = op.operation_id.clone()
                    && !ids.insert(id.clone())
                {
                    let unique = format!("{}_{id}", section(path));
                    ids.insert(unique.clone());
                    op.operation_id = Some(unique);
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
