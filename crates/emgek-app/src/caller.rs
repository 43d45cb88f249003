//! Who calls a use case: a signed-in user through the web or the API, the operator at the
//! command line, or the system itself.

use emgek_domain::access::{Access, Areas, Facilities, Grant, Permission, Role, Scope};
use emgek_store::{Actor, Source};

#[derive(Debug, Clone)]
pub struct Caller {
    /// The user's id; none for the operator and the system.
    pub user_id: Option<i64>,
    /// The name written in the audit log.
    pub name: String,
    pub access: Access,
    pub source: Source,
    /// The address the request came from; empty for the command line.
    pub ip: String,
}

impl Caller {
    /// A signed-in user.
    pub fn user(user_id: i64, name: impl Into<String>, access: Access, source: Source, ip: impl Into<String>) -> Self {
        Self { user_id: Some(user_id), name: name.into(), access, source, ip: ip.into() }
    }

    /// Someone at the server's command line: whoever may run `emgek` there may do anything,
    /// as a national administrator may.
    pub fn operator(name: impl Into<String>) -> Self {
        Self {
            user_id: None,
            name: name.into(),
            access: Access::new(vec![Grant { role: Role::Administrator, scope: Scope::Country }]),
            source: Source::Cli,
            ip: String::new(),
        }
    }

    /// The demonstration, which builds its made-up country through the use cases.
    pub fn demo() -> Self {
        Self { name: "demo".into(), source: Source::Demo, ..Self::operator("demo") }
    }

    /// emgek itself, doing on its own what must be done on time (the grievances' sweep): no
    /// permission of a user's, and named `name` in the audit log.
    pub fn system(name: impl Into<String>) -> Self {
        Self { user_id: None, name: name.into(), access: Access::default(), source: Source::System, ip: String::new() }
    }

    /// Someone not signed in, at `ip` (the sign-in page, the first administrator's set-up).
    pub fn anonymous(ip: impl Into<String>, source: Source) -> Self {
        Self { user_id: None, name: "anonymous".into(), access: Access::default(), source, ip: ip.into() }
    }

    pub fn allows(&self, permission: Permission) -> bool {
        self.access.allows(permission)
    }

    /// Where the caller may use a permission.
    pub fn areas(&self, permission: Permission) -> Areas {
        self.access.areas(permission)
    }

    /// The prison facilities where the caller may use a permission.
    pub fn facilities(&self, permission: Permission) -> Facilities {
        self.access.facilities(permission)
    }

    /// Whether the caller may use `permission` on a record of this place (oblast, rayon):
    /// what a page offers her to do with a record she already reaches.
    pub fn may(&self, permission: Permission, oblast: &str, rayon: &str) -> bool {
        self.access.areas(permission).contains(oblast, rayon)
    }

    /// Whether the caller may use `permission` in this prison facility (by its code).
    pub fn may_in(&self, permission: Permission, facility: &str) -> bool {
        self.access.facilities(permission).contains(facility)
    }

    /// Whether the caller may use `permission` everywhere: the national staff's tasks.
    pub fn national(&self, permission: Permission) -> bool {
        self.access.is_national(permission)
    }

    /// How the audit log names the caller.
    pub fn actor(&self) -> Actor {
        Actor::new(self.name.clone(), self.source).with_ip(self.ip.clone())
    }
}
