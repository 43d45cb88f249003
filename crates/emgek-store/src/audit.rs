//! The audit log's hash chain: every row's hash covers its fields and the previous row's hash.

use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The hash the chain starts from.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A reserved place at the head of the audit chain. Taking it is an UPDATE, the first write of
/// a transaction, which serialises appends.
pub struct AuditSlot {
    pub(crate) id: i64,
    pub(crate) prev_hash: String,
}

/// What happened, by whom, from where, to what.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub actor: String,
    pub ip: String,
    /// e.g. `login.success`, `household.update`, `household.view`, `user.create`.
    pub action: String,
    /// e.g. `household:12`, `user:3`, `import:5`.
    pub object: String,
    /// Before and after values, counts: whatever the action needs to be understood later.
    pub detail: serde_json::Value,
}

impl AuditEntry {
    pub fn new(actor: &crate::Actor, action: &str, object: impl Into<String>, detail: serde_json::Value) -> Self {
        Self { actor: actor.name.clone(), ip: actor.ip.clone(), action: action.into(), object: object.into(), detail }
    }
}

/// Which audit rows a reader asks for, and may see.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Rows by this user only.
    pub actor: Option<String>,
    /// Rows by these users only: the reach of an administrator of some places. `None`: anyone.
    pub actors: Option<Vec<String>>,
    /// Actions starting with this, e.g. `household.`.
    pub action: Option<String>,
}

impl AuditFilter {
    pub fn allows(&self, row: &AuditRow) -> bool {
        self.actor.as_ref().is_none_or(|a| *a == row.actor)
            && self.actors.as_ref().is_none_or(|list| list.contains(&row.actor))
            && self.action.as_ref().is_none_or(|a| row.action.starts_with(a.as_str()))
    }
}

/// A stored audit row.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub audit_id: i64,
    pub at_micros: i64,
    pub actor: String,
    pub ip: String,
    pub action: String,
    pub object: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    pub fn at(&self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.at_micros) * 1000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// The hash this row should carry, given its fields and the previous row's hash.
    pub fn expected_hash(&self) -> String {
        let fields = [&*self.actor, &self.ip, &self.action, &self.object, &self.detail];
        chain_hash(&self.prev_hash, self.audit_id, self.at_micros, fields)
    }
}

/// Audit entries written by one statement when many are appended at once (11 values each, well
/// within either engine's limit of bound values).
pub const AUDIT_ROWS: usize = 500;

/// SHA-256 over the previous hash and every field, separated by a unit separator.
/// `fields` are the actor, the address, the action, the object and the detail.
pub fn chain_hash(prev: &str, id: i64, at_micros: i64, fields: [&str; 5]) -> String {
    let mut h = Sha256::new();
    let [actor, ip, action, object, detail] = fields;
    for part in [prev, &id.to_string(), &at_micros.to_string(), actor, ip, action, object, detail] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditCheck {
    pub rows: u64,
    /// The first row that does not fit the chain, and why.
    pub first_broken: Option<(i64, String)>,
}

/// Walks the rows in id order and reports the first that breaks the chain.
pub struct ChainChecker {
    expected_id: i64,
    prev_hash: String,
    pub check: AuditCheck,
}

impl Default for ChainChecker {
    fn default() -> Self {
        Self { expected_id: 1, prev_hash: GENESIS.into(), check: AuditCheck { rows: 0, first_broken: None } }
    }
}

impl ChainChecker {
    /// Takes the next row; returns false once the chain is broken.
    pub fn push(&mut self, row: &AuditRow) -> bool {
        if self.check.first_broken.is_some() {
            return false;
        }
        self.check.rows += 1;
        let broken = if row.audit_id != self.expected_id {
            Some(format!("expected row {} here: rows were deleted or reordered", self.expected_id))
        } else if row.prev_hash != self.prev_hash {
            Some("its link to the previous row does not match: a row before it was changed or removed".to_string())
        } else if row.hash != row.expected_hash() {
            Some("its content does not match its hash: the row was changed".to_string())
        } else {
            None
        };
        if let Some(reason) = broken {
            self.check.first_broken = Some((row.audit_id, reason));
            return false;
        }
        self.expected_id += 1;
        self.prev_hash = row.hash.clone();
        true
    }

    /// The chain must also end where the head says it does (no rows cut from the end).
    pub fn finish(&mut self, head_id: i64, head_hash: &str) {
        if self.check.first_broken.is_none() && (head_id != self.expected_id - 1 || head_hash != self.prev_hash) {
            self.check.first_broken =
                Some((self.expected_id, format!("the log ends before row {head_id}: rows were removed from its end")));
        }
    }
}

/// Microseconds: what both databases keep of a timestamp, so the hash survives storage.
pub fn now_micros() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX)
}
