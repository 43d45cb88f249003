//! Who may do what, where: roles, their scopes and the permissions they carry.
//!
//! A user holds one or more grants, each a role in a scope (the whole country, an oblast, a
//! rayon or a prison facility). Permissions come from roles; where a permission applies comes
//! from the scopes of the grants that carry it.

use serde::Serialize;

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text.trim() { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

codes!(
    /// The jobs people do in emgek.
    Role {
        Administrator = "admin",
        CaseWorker = "case_worker",
        CommissionMember = "commission_member",
        EnterpriseManager = "enterprise_manager",
        ExpertGroupMember = "expert_member",
        OvopOfficer = "ovop_officer",
        BrandCommitteeMember = "brand_committee",
        HqAnalyst = "hq_analyst",
        Auditor = "auditor",
        /// Answers the sensitive grievances (abuse, corruption), nationally or in her oblast;
        /// the rayon's staff they may concern never see them.
        IntegrityOfficer = "integrity_officer",
    }
);

codes!(
    /// What a route lets a user do. Every route of the web application names one.
    Permission {
        ReadRegistry = "read_registry",
        EditRegistry = "edit_registry",
        ImportRegistry = "import_registry",
        ExportRegistry = "export_registry",
        /// See PINs and disability unmasked.
        ViewSensitive = "view_sensitive",
        ManageUsers = "manage_users",
        ReadAudit = "read_audit",
        /// Define programmes, their rules and calls.
        ManageProgrammes = "manage_programmes",
        ReadApplications = "read_applications",
        /// Write and submit applications for households, record training attendance.
        EditApplications = "edit_applications",
        /// Review applications: return them for revision, score, decide.
        ReviewApplications = "review_applications",
        /// See prison facilities, workshops, production, payroll totals and their indicators.
        ReadEnterprises = "read_enterprises",
        /// Record a workshop's production, timesheets and payroll, and close its month.
        RunEnterprises = "run_enterprises",
        /// See inmates' records (register numbers, names, work and pay).
        ReadInmates = "read_inmates",
        /// Set up facilities and workshops, record populations, and set profit-sharing rules.
        ManageEnterprises = "manage_enterprises",
        /// Review prison enterprises' business plans as a member of the national Expert Group.
        ReviewEnterprisePlans = "review_enterprise_plans",
        /// See One Village – One Product producers, products, certificates and export contracts.
        ReadOvop = "read_ovop",
        /// Register producers and their products, outlets and export contracts.
        ManageOvop = "manage_ovop",
        /// Assess and certify products for a regional brand (an oblast's committee) or the
        /// national brand (the national commission: a grant for the whole country).
        CertifyProducts = "certify_products",
        /// Set the official exchange rates.
        ManageRates = "manage_rates",
        /// Take the bank's file of ordered payments (which marks them sent) and apply the
        /// bank's confirmations: for the whole country only.
        SendPayments = "send_payments",
        /// See dashboards and reports: the figures of the programmes the user may read, in her
        /// places.
        ReadIndicators = "read_indicators",
        /// Set indicators' targets.
        ManageTargets = "manage_targets",
        /// See the grievances of her places, but not the sensitive ones; a prison facility's
        /// (an inmate's contest) only where she may also read inmates' records.
        ReadGrievances = "read_grievances",
        /// Register grievances, acknowledge and answer them; with a grant above the rayon,
        /// extend a deadline once.
        HandleGrievances = "handle_grievances",
        /// See and answer the sensitive grievances (abuse, corruption): the integrity officers
        /// only, every view audited.
        HandleSensitiveGrievances = "handle_sensitive_grievances",
    }
);

impl Role {
    /// The permissions a role carries, within the scope of its grant.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Administrator => &[
                ReadRegistry,
                EditRegistry,
                ImportRegistry,
                ExportRegistry,
                ViewSensitive,
                ManageUsers,
                ReadAudit,
                ManageProgrammes,
                ReadApplications,
                EditApplications,
                ReviewApplications,
                ReadEnterprises,
                RunEnterprises,
                ReadInmates,
                ManageEnterprises,
                ReviewEnterprisePlans,
                ReadOvop,
                ManageOvop,
                CertifyProducts,
                ManageRates,
                SendPayments,
                ReadIndicators,
                ManageTargets,
                ReadGrievances,
                HandleGrievances,
            ],
            // Registers, corrects and imports the households of her district, and helps them apply.
            Role::CaseWorker => &[
                ReadRegistry,
                EditRegistry,
                ImportRegistry,
                ExportRegistry,
                ViewSensitive,
                ReadApplications,
                EditApplications,
                ReadIndicators,
                ReadGrievances,
                HandleGrievances,
            ],
            // Reviews the applications of her commission's district.
            Role::CommissionMember => &[ReadApplications, ReviewApplications],
            // Runs the workshops of his facility: production, inmates' timesheets and pay; registers
            // and answers the inmates' contests of their deductions (those of orders he did not
            // record himself), which are his facility's grievances.
            Role::EnterpriseManager => {
                &[ReadEnterprises, RunEnterprises, ReadInmates, ReadIndicators, ReadGrievances, HandleGrievances]
            }
            // Reviews prison enterprises' business plans for the national Expert Group.
            Role::ExpertGroupMember => &[ReadEnterprises, ReviewEnterprisePlans],
            // Registers the producers of her oblast or rayon, their products, outlets and exports.
            Role::OvopOfficer => &[ReadOvop, ManageOvop, ReadIndicators],
            // Sits on her oblast's brand committee, or on the national commission.
            Role::BrandCommitteeMember => &[ReadOvop, CertifyProducts],
            // National figures and lists, with personal data masked; no inmate records.
            Role::HqAnalyst => {
                &[ReadRegistry, ExportRegistry, ReadApplications, ReadEnterprises, ReadOvop, ReadIndicators]
            }
            // Reads everything, changes nothing; personal data masked; no inmate records.
            Role::Auditor => &[
                ReadRegistry,
                ExportRegistry,
                ReadAudit,
                ReadApplications,
                ReadEnterprises,
                ReadOvop,
                ReadIndicators,
                ReadGrievances,
            ],
            // Answers the sensitive grievances of her places, and reads the others there.
            Role::IntegrityOfficer => &[ReadGrievances, HandleGrievances, HandleSensitiveGrievances],
        }
    }
}

/// Where a grant applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Scope {
    Country,
    Oblast(String),
    Rayon(String),
    Facility(String),
}

impl Scope {
    /// `country`, `oblast:KG-C`, `rayon:KG-C-SOK`, `facility:…`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text == "country" {
            return Some(Scope::Country);
        }
        let (kind, code) = text.split_once(':')?;
        let code = code.trim();
        match kind.trim() {
            "oblast" if crate::geography::oblast(&code.to_uppercase()).is_some() => {
                Some(Scope::Oblast(code.to_uppercase()))
            }
            "rayon" if crate::geography::rayon(&code.to_uppercase()).is_some() => {
                Some(Scope::Rayon(code.to_uppercase()))
            }
            "facility" if !code.is_empty() => Some(Scope::Facility(code.to_string())),
            _ => None,
        }
    }

    /// Whether every place this scope names lies within `self`: the country covers all, an
    /// oblast covers itself and its rayons, a rayon or a facility only itself.
    pub fn covers(&self, other: &Scope) -> bool {
        match (self, other) {
            (Scope::Country, _) => true,
            (Scope::Oblast(o), Scope::Oblast(p)) => o == p,
            (Scope::Oblast(o), Scope::Rayon(r)) => crate::geography::rayon(r).is_some_and(|r| r.oblast == o),
            (Scope::Rayon(a), Scope::Rayon(b)) => a == b,
            (Scope::Facility(a), Scope::Facility(b)) => a == b,
            _ => false,
        }
    }

    pub fn code(&self) -> String {
        match self {
            Scope::Country => "country".into(),
            Scope::Oblast(c) => format!("oblast:{c}"),
            Scope::Rayon(c) => format!("rayon:{c}"),
            Scope::Facility(c) => format!("facility:{c}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Grant {
    pub role: Role,
    pub scope: Scope,
}

/// The places a permission reaches: everywhere, some oblasts and rayons, or nowhere.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Areas {
    pub everywhere: bool,
    pub oblasts: Vec<String>,
    pub rayons: Vec<String>,
}

impl Areas {
    pub fn everywhere() -> Self {
        Self { everywhere: true, ..Self::default() }
    }

    pub fn is_nowhere(&self) -> bool {
        !self.everywhere && self.oblasts.is_empty() && self.rayons.is_empty()
    }

    /// Whether a household in this oblast and rayon lies within reach.
    pub fn contains(&self, oblast: &str, rayon: &str) -> bool {
        self.everywhere || self.oblasts.iter().any(|o| o == oblast) || self.rayons.iter().any(|r| r == rayon)
    }

    /// The places both reach: e.g. where a reader may read records *and* see personal data.
    pub fn intersect(&self, other: &Areas) -> Areas {
        if self.everywhere {
            return other.clone();
        }
        if other.everywhere {
            return self.clone();
        }
        let in_oblast = |oblasts: &[String], rayon: &str| {
            crate::geography::rayon(rayon).is_some_and(|r| oblasts.iter().any(|o| o == r.oblast))
        };
        let mut rayons: Vec<String> = self
            .rayons
            .iter()
            .filter(|r| other.rayons.contains(r) || in_oblast(&other.oblasts, r))
            .chain(other.rayons.iter().filter(|r| in_oblast(&self.oblasts, r)))
            .cloned()
            .collect();
        rayons.sort();
        rayons.dedup();
        let oblasts = self.oblasts.iter().filter(|o| other.oblasts.contains(o)).cloned().collect();
        Areas { everywhere: false, oblasts, rayons }
    }
}

/// The prison facilities a permission reaches: all of them (a grant for the country) or those
/// named by `facility:` grants. Grants for an oblast or a rayon reach no facility: prisons are
/// run nationally, not by the regions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facilities {
    pub everywhere: bool,
    pub codes: Vec<String>,
}

impl Facilities {
    pub fn contains(&self, facility: &str) -> bool {
        self.everywhere || self.codes.iter().any(|c| c == facility)
    }

    pub fn is_nowhere(&self) -> bool {
        !self.everywhere && self.codes.is_empty()
    }

    /// The facilities both name.
    pub fn and(&self, other: &Facilities) -> Facilities {
        let mut codes: Vec<String> = if self.everywhere {
            other.codes.clone()
        } else {
            self.codes.iter().filter(|c| other.contains(c)).cloned().collect()
        };
        codes.sort();
        codes.dedup();
        Facilities { everywhere: self.everywhere && other.everywhere, codes }
    }
}

/// All a user may do: the union of her grants.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Access {
    pub grants: Vec<Grant>,
}

impl Access {
    pub fn new(grants: Vec<Grant>) -> Self {
        Self { grants }
    }

    pub fn allows(&self, permission: Permission) -> bool {
        self.grants.iter().any(|g| g.role.permissions().contains(&permission))
    }

    /// Where the user may use `permission` on the registry.
    pub fn areas(&self, permission: Permission) -> Areas {
        let mut areas = Areas::default();
        for g in self.grants.iter().filter(|g| g.role.permissions().contains(&permission)) {
            match &g.scope {
                Scope::Country => areas.everywhere = true,
                Scope::Oblast(o) => areas.oblasts.push(o.clone()),
                Scope::Rayon(r) => areas.rayons.push(r.clone()),
                Scope::Facility(_) => {}
            }
        }
        areas
    }

    /// The facilities where the user may use `permission`.
    pub fn facilities(&self, permission: Permission) -> Facilities {
        let mut reach = Facilities::default();
        for g in self.grants.iter().filter(|g| g.role.permissions().contains(&permission)) {
            match &g.scope {
                Scope::Country => reach.everywhere = true,
                Scope::Facility(code) => reach.codes.push(code.clone()),
                Scope::Oblast(_) | Scope::Rayon(_) => {}
            }
        }
        reach
    }

    /// Whether the user may use `permission` on everything `scope` names.
    pub fn covers(&self, permission: Permission, scope: &Scope) -> bool {
        self.grants.iter().any(|g| g.role.permissions().contains(&permission) && g.scope.covers(scope))
    }

    /// Whether the user may use `permission` for the whole country: national operations
    /// (the bank file, allocation, exchange rates) need it.
    pub fn is_national(&self, permission: Permission) -> bool {
        self.covers(permission, &Scope::Country)
    }

    /// Whether an administrator may act on another user's account (her grants, password,
    /// whether she may sign in): only when every grant of that user lies within the
    /// administrator's own scope. A user with no grant at all belongs to nobody's place, so
    /// only a national administrator acts on her.
    pub fn may_manage(&self, other: &Access) -> bool {
        if self.is_national(Permission::ManageUsers) {
            return true;
        }
        !other.grants.is_empty() && other.grants.iter().all(|g| self.covers(Permission::ManageUsers, &g.scope))
    }

    /// Whether an administrator may give `grant`: only within her own scope, so grants for the
    /// whole country only a national administrator gives.
    pub fn may_give(&self, grant: &Grant) -> bool {
        self.covers(Permission::ManageUsers, &grant.scope)
    }

    pub fn roles(&self) -> Vec<Role> {
        let mut roles: Vec<Role> = self.grants.iter().map(|g| g.role).collect();
        roles.sort();
        roles.dedup();
        roles
    }
}

/// Shows the last four digits of a PIN only: `**********2345`.
pub fn mask_pin(pin: &str) -> String {
    let n = pin.chars().count();
    pin.chars().enumerate().map(|(i, c)| if i + 4 < n { '*' } else { c }).collect()
}

/// The password rules: long enough to resist guessing, not the user name, not a known one.
pub fn check_password(password: &str, username: &str) -> Result<(), &'static str> {
    const COMMON: &[&str] = &["password", "qwerty", "123456", "admin", "emgek", "letmein", "parol", "kyrgyzstan"];
    if password.chars().count() < 12 {
        return Err("password.too_short");
    }
    let lower = password.to_lowercase();
    if !username.is_empty() && lower.contains(&username.to_lowercase()) {
        return Err("password.contains_username");
    }
    if COMMON.iter().any(|c| lower.contains(c)) && lower.chars().filter(|c| c.is_alphabetic()).count() < 12 {
        return Err("password.common");
    }
    if password.chars().collect::<std::collections::HashSet<_>>().len() < 5 {
        return Err("password.too_simple");
    }
    Ok(())
}

/// How sign-in is throttled: after `threshold` failed attempts in a row, sign-in waits one
/// minute after the last failure, and each further failure doubles the wait, up to a day. While
/// it waits, attempts are refused without being counted, so the wait grows only with attempts
/// made after it ended: an attacker's guesses slow to a handful a day, while a user who mistyped
/// waits a minute. Failures count for [`Throttle::WINDOW`] after they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub threshold: u32,
}

impl Throttle {
    /// Failures older than this are forgotten.
    pub const WINDOW: time::Duration = time::Duration::days(1);
    /// The longest wait.
    pub const LONGEST: time::Duration = time::Duration::days(1);
    /// A user name from one address.
    pub const PER_NAME: Throttle = Throttle { threshold: 5 };
    /// An address, whatever names it tries.
    pub const PER_ADDRESS: Throttle = Throttle { threshold: 20 };

    /// The wait after `failures` failures in a row: none below the threshold.
    pub fn wait(self, failures: u32) -> Option<time::Duration> {
        let beyond = failures.checked_sub(self.threshold)?;
        // 2^11 minutes is already more than a day.
        Some((time::Duration::minutes(1) * 2_i32.pow(beyond.min(11))).min(Self::LONGEST))
    }

    /// When sign-in opens again after `failures` failures, the last at `last`; `None` if open.
    pub fn shut_until(self, failures: u32, last: time::OffsetDateTime) -> Option<time::OffsetDateTime> {
        self.wait(failures).map(|wait| last + wait)
    }
}

/// User names: 3 to 40 lower-case Latin letters, digits, dots, hyphens or underscores.
pub fn check_username(username: &str) -> Result<(), &'static str> {
    let ok = (3..=40).contains(&username.len())
        && username.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if ok { Ok(()) } else { Err("username.format") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(role: Role, scope: &str) -> Grant {
        Grant { role, scope: Scope::parse(scope).unwrap() }
    }

    #[test]
    fn sign_in_waits_a_minute_at_the_threshold_and_twice_as_long_with_each_further_failure() {
        let t = Throttle::PER_NAME;
        assert_eq!(t.wait(4), None);
        assert_eq!(t.wait(5), Some(time::Duration::minutes(1)));
        assert_eq!(t.wait(6), Some(time::Duration::minutes(2)));
        assert_eq!(t.wait(9), Some(time::Duration::minutes(16)));
        assert_eq!(t.wait(15), Some(time::Duration::minutes(1024)));
        assert_eq!(t.wait(16), Some(time::Duration::days(1)), "never more than a day");
        assert_eq!(t.wait(u32::MAX), Some(time::Duration::days(1)));
        let last = time::macros::datetime!(2026-12-05 10:00 UTC);
        assert_eq!(t.shut_until(7, last), Some(time::macros::datetime!(2026-12-05 10:04 UTC)));
        assert_eq!(Throttle::PER_ADDRESS.wait(19), None);
    }

    #[test]
    fn a_case_worker_reaches_only_her_rayon() {
        let access = Access::new(vec![grant(Role::CaseWorker, "rayon:KG-C-SOK")]);
        let areas = access.areas(Permission::EditRegistry);
        assert!(areas.contains("KG-C", "KG-C-SOK"));
        assert!(!areas.contains("KG-C", "KG-C-ALA"));
        assert!(!access.allows(Permission::ManageUsers));
        assert!(access.areas(Permission::ReadAudit).is_nowhere());
    }

    #[test]
    fn grants_add_up_and_country_reaches_everywhere() {
        let access = Access::new(vec![grant(Role::CaseWorker, "rayon:KG-C-SOK"), grant(Role::HqAnalyst, "country")]);
        assert!(access.areas(Permission::ReadRegistry).contains("KG-B", "KG-B-BAT"));
        assert!(!access.areas(Permission::EditRegistry).contains("KG-B", "KG-B-BAT"));
        assert!(!access.areas(Permission::ViewSensitive).contains("KG-B", "KG-B-BAT"));
    }

    #[test]
    fn scopes_parse_only_known_places() {
        assert_eq!(Scope::parse("oblast:kg-c"), Some(Scope::Oblast("KG-C".into())));
        assert_eq!(Scope::parse("rayon:KG-C-XXX"), None);
        assert_eq!(Scope::parse("planet:earth"), None);
        assert_eq!(Scope::parse("country").unwrap().code(), "country");
    }

    #[test]
    fn read_only_roles_change_nothing_and_see_no_personal_data() {
        for role in [Role::Auditor, Role::HqAnalyst] {
            let p = role.permissions();
            assert!(!p.contains(&Permission::EditRegistry) && !p.contains(&Permission::ImportRegistry));
            assert!(!p.contains(&Permission::ViewSensitive));
        }
    }

    #[test]
    fn a_workshop_manager_reaches_only_his_facility_and_analysts_see_no_inmates() {
        let manager = Access::new(vec![grant(Role::EnterpriseManager, "facility:stepnoe")]);
        assert!(manager.facilities(Permission::RunEnterprises).contains("stepnoe"));
        assert!(!manager.facilities(Permission::ReadInmates).contains("novo-pokrovka"));
        assert!(manager.areas(Permission::ReadRegistry).is_nowhere());
        let rayon_admin = Access::new(vec![grant(Role::Administrator, "rayon:KG-C-SOK")]);
        assert!(rayon_admin.facilities(Permission::ManageEnterprises).is_nowhere());
        for role in [Role::HqAnalyst, Role::Auditor] {
            assert!(!role.permissions().contains(&Permission::ReadInmates));
            assert!(role.permissions().contains(&Permission::ReadEnterprises));
        }
    }

    #[test]
    fn an_administrator_manages_only_users_whose_grants_all_lie_within_her_scope() {
        let rayon_admin = Access::new(vec![grant(Role::Administrator, "rayon:KG-O-KSU")]);
        let oblast_admin = Access::new(vec![grant(Role::Administrator, "oblast:KG-O")]);
        let national = Access::new(vec![grant(Role::Administrator, "country")]);
        let local = Access::new(vec![grant(Role::CaseWorker, "rayon:KG-O-KSU")]);
        let expert = Access::new(vec![grant(Role::ExpertGroupMember, "country")]);
        let mixed =
            Access::new(vec![grant(Role::CaseWorker, "rayon:KG-O-KSU"), grant(Role::CaseWorker, "rayon:KG-C-SOK")]);
        assert!(rayon_admin.may_manage(&local) && oblast_admin.may_manage(&local) && national.may_manage(&local));
        assert!(!rayon_admin.may_manage(&expert) && !oblast_admin.may_manage(&expert) && national.may_manage(&expert));
        assert!(!rayon_admin.may_manage(&mixed) && !oblast_admin.may_manage(&mixed));
        assert!(!rayon_admin.may_manage(&Access::default()) && national.may_manage(&Access::default()));
        assert!(!rayon_admin.may_give(&grant(Role::Administrator, "country")));
        assert!(!rayon_admin.may_give(&grant(Role::CaseWorker, "rayon:KG-C-SOK")));
        assert!(rayon_admin.may_give(&grant(Role::CaseWorker, "rayon:KG-O-KSU")));
        assert!(oblast_admin.may_give(&grant(Role::CaseWorker, "rayon:KG-O-KSU")));
        assert!(!oblast_admin.may_give(&grant(Role::EnterpriseManager, "facility:stepnoe")));
        assert!(
            national.is_national(Permission::ManageProgrammes)
                && !oblast_admin.is_national(Permission::ManageProgrammes)
        );
    }

    #[test]
    fn the_places_two_reaches_share_are_their_intersection() {
        let areas = |e: bool, o: &[&str], r: &[&str]| Areas {
            everywhere: e,
            oblasts: o.iter().map(|s| s.to_string()).collect(),
            rayons: r.iter().map(|s| s.to_string()).collect(),
        };
        let osh = areas(false, &["KG-O"], &["KG-C-SOK"]);
        assert_eq!(osh.intersect(&Areas::everywhere()), osh);
        assert_eq!(Areas::everywhere().intersect(&osh), osh);
        assert_eq!(osh.intersect(&areas(false, &[], &["KG-O-KSU", "KG-B-BAT"])), areas(false, &[], &["KG-O-KSU"]));
        assert_eq!(osh.intersect(&areas(false, &["KG-C"], &[])), areas(false, &[], &["KG-C-SOK"]));
        assert!(osh.intersect(&Areas::default()).is_nowhere());
    }

    #[test]
    fn a_pin_is_masked_but_for_its_last_four_digits() {
        assert_eq!(mask_pin("21503198512345"), "**********2345");
    }

    #[test]
    fn weak_passwords_are_refused_with_their_rule() {
        assert_eq!(check_password("short1!", "aida"), Err("password.too_short"));
        assert_eq!(check_password("aida-is-my-name-2026", "aida"), Err("password.contains_username"));
        assert_eq!(check_password("password1234", "aida"), Err("password.common"));
        assert_eq!(check_password("aaaaaaaaaaaaaaa", "aida"), Err("password.too_simple"));
        assert_eq!(check_password("Талас-жайлоо-2026", "aida"), Ok(()));
    }

    #[test]
    fn an_inmates_contest_is_read_only_where_both_grievances_and_inmates_records_may_be_read() {
        let manager = Access::new(vec![grant(Role::EnterpriseManager, "facility:stepnoe")]);
        let both = manager.facilities(Permission::ReadGrievances).and(&manager.facilities(Permission::ReadInmates));
        assert!(both.contains("stepnoe") && !both.contains("jany-jol"));
        // An auditor and an integrity officer read grievances everywhere, but no inmate's record.
        for role in [Role::Auditor, Role::IntegrityOfficer] {
            let a = Access::new(vec![grant(role, "country")]);
            assert!(a.facilities(Permission::ReadGrievances).and(&a.facilities(Permission::ReadInmates)).is_nowhere());
        }
        let national = Access::new(vec![grant(Role::Administrator, "country")]);
        let both = national.facilities(Permission::ReadGrievances).and(&national.facilities(Permission::ReadInmates));
        assert!(both.everywhere);
        // A case worker's rayon holds no facility.
        let local = Access::new(vec![grant(Role::CaseWorker, "rayon:KG-C-SOK")]);
        assert!(local.facilities(Permission::ReadGrievances).is_nowhere());
    }
}
