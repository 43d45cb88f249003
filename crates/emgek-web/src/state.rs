use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use emgek_i18n::Lang;
use emgek_store::{OblastRow, RayonRow, Store};

/// What every handler shares: the store, the reference geography and the app.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// The use cases over the same store, with the figures' cache (see `emgek-app`).
    app: emgek_app::App,
    pub geo: Arc<Geo>,
    /// Where uploaded files and reject files are kept while an import runs and after.
    pub work_dir: PathBuf,
    /// No user exists yet: every page leads to the one that creates the first administrator.
    setup: Arc<AtomicBool>,
    /// A demonstration installation: the sign-in page lists the demo accounts.
    pub demo: bool,
    /// Mark the session cookie Secure (HTTPS only). Off only for plain-HTTP installations.
    pub secure_cookies: bool,
    /// The audit page's last check of the whole chain and when it ran: a check asked for
    /// within a minute of the last one is answered from it, and one runs at a time, so the
    /// page can't be made to re-hash the whole log on every request.
    pub audit_check: Arc<tokio::sync::Mutex<Option<(std::time::Instant, emgek_store::AuditCheck)>>>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (see `auth::client_ip`).
    pub trusted_proxies: Arc<Vec<std::net::IpAddr>>,
    /// The key the SMS gateway's calls carry (`auth::routes::Rule::Gateway`); none: refused.
    pub gateway_key: Option<Arc<str>>,
    /// Complaints through the public page, counted by address.
    pub complaints: Arc<Throttle>,
}

impl AppState {
    pub async fn new(store: Store) -> Result<Self, emgek_store::StoreError> {
        let geo = Geo { oblasts: store.oblasts().await?, rayons: store.rayons().await? };
        let work_dir = std::env::temp_dir().join(format!("emgek-work-{}", std::process::id()));
        let setup = Arc::new(AtomicBool::new(store.count_users().await? == 0));
        Ok(Self {
            app: emgek_app::App::new(store.clone()),
            store,
            geo: Arc::new(geo),
            work_dir,
            setup,
            demo: false,
            secure_cookies: true,
            audit_check: Arc::default(),
            trusted_proxies: Arc::default(),
            gateway_key: None,
            complaints: Arc::new(Throttle::new(10, Duration::from_secs(3600))),
        })
    }

    pub fn with_demo(mut self, demo: bool) -> Self {
        self.demo = demo;
        self
    }

    pub fn with_figures_wait(mut self, wait: Duration) -> Self {
        self.app = self.app.with_figures_wait(wait);
        self
    }

    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> Self {
        self.trusted_proxies = Arc::new(proxies);
        self
    }

    pub fn with_gateway_key(mut self, key: Option<String>) -> Self {
        self.gateway_key = key.filter(|k| !k.is_empty()).map(Arc::from);
        self
    }

    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }

    /// The use cases' application over this state's store.
    pub fn app(&self) -> &emgek_app::App {
        &self.app
    }

    pub fn needs_setup(&self) -> bool {
        self.setup.load(Ordering::Relaxed)
    }

    pub fn setup_done(&self) {
        self.setup.store(false, Ordering::Relaxed);
    }
}

/// Oblasts and rayons as the database holds them, loaded once at start-up.
pub struct Geo {
    pub oblasts: Vec<OblastRow>,
    pub rayons: Vec<RayonRow>,
}

fn pick<'a>(lang: Lang, ky: &'a str, ru: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ky => ky,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

impl Geo {
    pub fn oblast_name(&self, code: &str, lang: Lang) -> String {
        self.oblasts
            .iter()
            .find(|o| o.oblast_code == code)
            .map(|o| pick(lang, &o.name_ky, &o.name_ru, &o.name_en).to_string())
            .unwrap_or_else(|| code.to_string())
    }

    pub fn rayon_name(&self, code: &str, lang: Lang) -> String {
        self.rayons
            .iter()
            .find(|r| r.rayon_code == code)
            .map(|r| pick(lang, &r.name_ky, &r.name_ru, &r.name_en).to_string())
            .unwrap_or_else(|| code.to_string())
    }

    /// (code, name) of every oblast, for a select.
    pub fn oblast_options(&self, lang: Lang) -> Vec<(String, String)> {
        self.oblasts
            .iter()
            .map(|o| (o.oblast_code.clone(), pick(lang, &o.name_ky, &o.name_ru, &o.name_en).to_string()))
            .collect()
    }

    /// Rayons grouped under their oblast's name, for a select with option groups.
    pub fn rayon_groups(&self, lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
        self.oblasts
            .iter()
            .map(|o| {
                let rayons = self
                    .rayons
                    .iter()
                    .filter(|r| r.oblast_code == o.oblast_code)
                    .map(|r| (r.rayon_code.clone(), pick(lang, &r.name_ky, &r.name_ru, &r.name_en).to_string()))
                    .collect();
                (pick(lang, &o.name_ky, &o.name_ru, &o.name_en).to_string(), rayons)
            })
            .collect()
    }
}

/// At most `most` requests from one address within `window`, counted by this server, in a map
/// that never holds more than 10,000 addresses (beyond that, new addresses are refused until
/// old ones age out).
pub struct Throttle {
    most: usize,
    window: Duration,
    seen: std::sync::Mutex<std::collections::HashMap<String, Vec<std::time::Instant>>>,
}

impl Throttle {
    const ADDRESSES: usize = 10_000;

    pub fn new(most: usize, window: Duration) -> Self {
        Self { most, window, seen: std::sync::Mutex::default() }
    }

    /// Counts a request from `address`: false when it is one too many.
    pub fn allow(&self, address: &str) -> bool {
        let now = std::time::Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() >= Self::ADDRESSES && !seen.contains_key(address) {
            seen.retain(|_, times| {
                times.retain(|t| now.duration_since(*t) < self.window);
                !times.is_empty()
            });
            if seen.len() >= Self::ADDRESSES {
                return false;
            }
        }
        let times = seen.entry(address.to_string()).or_default();
        times.retain(|t| now.duration_since(*t) < self.window);
        if times.len() >= self.most {
            return false;
        }
        times.push(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_refused_past_its_count_and_others_are_not() {
        let t = Throttle::new(2, Duration::from_secs(60));
        assert!(t.allow("192.0.2.1") && t.allow("192.0.2.1"));
        assert!(!t.allow("192.0.2.1"));
        assert!(t.allow("192.0.2.2"));
        let brief = Throttle::new(1, Duration::from_millis(1));
        assert!(brief.allow("a"));
        std::thread::sleep(Duration::from_millis(5));
        assert!(brief.allow("a"), "counted again once the window passed");
    }
}
