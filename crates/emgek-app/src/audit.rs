//! The audit log as a reader sees it: which rows (by whom they were written) and what of
//! their details (personal data masked unless she sees it in the whole country).

use emgek_domain::access::{Permission, mask_pin};
use emgek_store::AuditFilter;

use crate::{App, AppError, Caller};

/// The audit rows a reader may see: all of them for a national reader; for a reader of some
/// places, those written by the users whose grants lie within her places, and by herself.
pub async fn filter_within(app: &App, caller: &Caller, mut filter: AuditFilter) -> Result<AuditFilter, AppError> {
    filter.actors = app.reach(caller).actors(Permission::ReadAudit).await?;
    Ok(filter)
}

/// An audit row's detail as a reader sees it. Audit rows carry no place, so only a reader who
/// may see personal data in the whole country sees them unmasked; for anyone else every PIN,
/// disability group and search that may hold a PIN's digits in the detail is masked.
pub fn shown_detail(caller: &Caller, detail: &str) -> String {
    if caller.national(Permission::ViewSensitive) {
        return detail.to_string();
    }
    match serde_json::from_str::<serde_json::Value>(detail) {
        Ok(mut value) => {
            mask_personal(&mut value);
            value.to_string()
        }
        Err(_) => "***".into(),
    }
}

fn mask_personal(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(fields) => {
            for (key, v) in fields.iter_mut() {
                match (key.as_str(), &*v) {
                    ("pin", Value::String(pin)) => *v = Value::String(mask_pin(pin)),
                    ("disability", Value::Null) => {}
                    ("disability", _) => *v = Value::String("***".into()),
                    ("q", Value::String(q)) if q.chars().any(|c| c.is_ascii_digit()) => {
                        *v = Value::String("***".into())
                    }
                    _ => mask_personal(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_personal),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use emgek_domain::access::{Access, Grant, Role, Scope};

    fn reader(role: Role) -> Caller {
        let access = Access::new(vec![Grant { role, scope: Scope::Country }]);
        Caller::user(1, "r", access, emgek_store::Source::Web, "")
    }

    #[test]
    fn an_audit_detail_hides_pins_disability_and_pin_searches_from_readers_who_may_not_see_them() {
        let detail = r#"{"before":{"pin":"21503198512345","disability":"II","full_name":"A"},"after":{"members":[{"pin":"21503198512346","disability":"none"}]},"filter":{"q":"2150"}}"#;
        let seen = shown_detail(&reader(Role::Auditor), detail);
        assert!(
            !seen.contains("21503198512345") && !seen.contains("2150319851234") && !seen.contains("\"II\""),
            "{seen}"
        );
        assert!(
            seen.contains("**********2345") && seen.contains("**********2346") && seen.contains("\"q\":\"***\""),
            "{seen}"
        );
        assert_eq!(shown_detail(&reader(Role::Administrator), detail), detail);
    }
}
