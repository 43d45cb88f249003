//! The reader of a page: her language and where she is, for the language switch.

use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use emgek_i18n::{Lang, Tr};

/// The cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "emgek_lang";

/// What every page template needs: the translator and the current address.
#[derive(Debug, Clone)]
pub struct Ui {
    pub tr: Tr,
    /// The current path and query, so that switching language returns here.
    pub here: String,
    /// The session's CSRF token: every form carries it.
    pub csrf: String,
    /// The signed-in user's name, empty when nobody is signed in.
    pub user: String,
    /// What the menu shows.
    pub menu: Menu,
}

/// Which menu entries the reader may use.
#[derive(Debug, Clone, Default)]
pub struct Menu {
    pub households: bool,
    pub programmes: bool,
    pub enterprises: bool,
    pub ovop: bool,
    pub rates: bool,
    pub import: bool,
    /// She may import some kind of programme records but not households: her import page
    /// lists those kinds.
    pub import_records: bool,
    pub users: bool,
    pub audit: bool,
    pub dashboards: bool,
    pub grievances: bool,
}

impl Ui {
    pub fn new(lang: Lang, here: impl Into<String>) -> Self {
        Self { tr: Tr::new(lang), here: here.into(), csrf: String::new(), user: String::new(), menu: Menu::default() }
    }

    pub fn lang(&self) -> Lang {
        self.tr.lang
    }

    /// The links of the language switch.
    pub fn languages(&self) -> Vec<LangLink> {
        let next = serde_urlencoded::to_string([("next", self.here.as_str())]).unwrap_or_default();
        Lang::ALL
            .iter()
            .map(|l| LangLink {
                code: l.code(),
                name: l.native_name(),
                href: format!("/lang/{}?{next}", l.code()),
                current: *l == self.tr.lang,
            })
            .collect()
    }

    pub fn lang_code(&self) -> &'static str {
        self.tr.lang.code()
    }
}

pub struct LangLink {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// The language of a request: the chosen one (cookie), else the browser's, else Kyrgyz.
pub fn lang_of(parts: &Parts) -> Lang {
    let from_cookie = parts.headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|cookies| {
        cookies.split(';').find_map(|c| c.trim().strip_prefix(LANG_COOKIE)?.strip_prefix('=').and_then(Lang::parse))
    });
    from_cookie
        .or_else(|| parts.headers.get(ACCEPT_LANGUAGE)?.to_str().ok().and_then(Lang::from_accept_language))
        .unwrap_or(Lang::Ky)
}

impl<S: Send + Sync> FromRequestParts<S> for Ui {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let here = parts.uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
        Ok(Ui::for_user(lang_of(parts), here, parts.extensions.get::<crate::auth::CurrentUser>()))
    }
}

impl Ui {
    /// The page's furniture for a reader: her language, where she is, and her menu if she is
    /// signed in.
    pub fn for_user(lang: Lang, here: String, user: Option<&crate::auth::CurrentUser>) -> Self {
        let mut ui = Ui::new(lang, here);
        if let Some(user) = user.filter(|u| u.is_signed_in()) {
            use emgek_domain::access::Permission;
            ui.csrf = user.csrf.clone();
            ui.user = if user.display_name.is_empty() { user.name.clone() } else { user.display_name.clone() };
            ui.menu = Menu {
                households: user.allows(Permission::ReadRegistry),
                programmes: user.allows(Permission::ReadApplications),
                enterprises: user.allows(Permission::ReadEnterprises),
                ovop: user.allows(Permission::ReadOvop),
                rates: user.allows(Permission::ManageRates) || user.allows(Permission::ReadOvop),
                import: user.allows(Permission::ImportRegistry),
                import_records: !user.allows(Permission::ImportRegistry)
                    && emgek_app::records::Kind::ALL
                        .into_iter()
                        .any(|k| emgek_app::records::may_import(&user.caller(emgek_store::Source::Web), k)),
                users: user.allows(Permission::ManageUsers),
                audit: user.allows(Permission::ReadAudit),
                dashboards: user.allows(Permission::ReadIndicators),
                grievances: user.allows(Permission::ReadGrievances),
            };
        }
        ui
    }
}
