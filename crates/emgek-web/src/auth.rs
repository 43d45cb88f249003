//! Who is asking, and what they may do: the one place where sign-in will hook in.
//!
//! Every handler names the permission it needs with `user.require(Permission::…)`. Until the
//! access-control issue brings users, roles and sessions, `identify` makes every request the
//! anonymous operator of a local installation, and `require` allows everything. Replacing these
//! two functions is all the rest of the application needs.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use emgek_store::{Actor, Source};

/// What a route lets a user do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ReadRegistry,
    EditRegistry,
    ImportRegistry,
    ExportRegistry,
    ReadReference,
}

/// The user behind the request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub name: String,
}

impl CurrentUser {
    /// Refuses the request unless the user holds `permission`. Today everyone holds all.
    pub fn require(&self, permission: Permission) -> Result<(), Denied> {
        let _ = permission;
        Ok(())
    }

    /// How the user is named in the history of what she changed.
    pub fn actor(&self, source: Source) -> Actor {
        Actor::new(self.name.clone(), source)
    }
}

/// A refusal: the caller lacks the permission (a 403).
#[derive(Debug, Clone, Copy)]
pub struct Denied(pub Permission);

/// Works out who the caller is and leaves it in the request for handlers.
pub async fn identify(mut request: Request, next: Next) -> Response {
    request.extensions_mut().insert(CurrentUser { name: "anonymous".into() });
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<CurrentUser>().cloned().unwrap_or(CurrentUser { name: "anonymous".into() }))
    }
}
