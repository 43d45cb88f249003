//! The registry: households and their people. A household outside the places where the
//! caller may use a permission does not exist for her ("not found", never a refusal that would
//! confirm it is there), and what she sees of its people — PINs and disability — is decided
//! here, once, for every door.

pub mod import;

use emgek_domain::FieldError;
use emgek_domain::access::{Areas, Permission, mask_pin};
use emgek_domain::household::{HouseholdFields, HouseholdInput, MemberInput};
use emgek_store::{AuditEntry, HouseholdFilter, HouseholdRecord, MemberRecord};

use crate::{App, AppError, Caller};

/// The household, if it lies where the caller may use `permission`.
pub async fn household(
    app: &App,
    caller: &Caller,
    permission: Permission,
    id: i64,
) -> Result<HouseholdRecord, AppError> {
    app.reach(caller).household(permission, id).await
}

/// The person, if her household lies where the caller may use `permission`.
pub async fn member(app: &App, caller: &Caller, permission: Permission, id: i64) -> Result<MemberRecord, AppError> {
    app.reach(caller).member(permission, id).await
}

/// A household opened for reading: the record, and whether the caller sees its people's PINs
/// and disability (`sensitive`), in which case the view is in the audit log.
pub struct Opened {
    pub record: HouseholdRecord,
    pub sensitive: bool,
}

/// Opens a household the caller may read.
pub async fn open_household(app: &App, caller: &Caller, id: i64) -> Result<Opened, AppError> {
    let record = household(app, caller, Permission::ReadRegistry, id).await?;
    let sensitive = sees_personal_data(app, caller, &record).await?;
    Ok(Opened { record, sensitive })
}

/// A person opened for correcting, with her PIN and disability: a view of personal data, in
/// the audit log.
pub async fn open_member(app: &App, caller: &Caller, id: i64) -> Result<MemberRecord, AppError> {
    let member = member(app, caller, Permission::EditRegistry, id).await?;
    let entry = AuditEntry::new(&caller.actor(), "member.view", format!("member:{id}"), serde_json::json!({}));
    app.store.audit(&entry).await?;
    Ok(member)
}

/// Writes the households of `filter` to `path` as `format`: only those within the filter's
/// places (`filter_within` narrows them to the caller's), with PINs and disability masked
/// where the caller may not see them. The export is in the audit log with its filter and row
/// count. Returns how many rows were written.
pub async fn export(
    app: &App,
    caller: &Caller,
    filter: &HouseholdFilter,
    format: emgek_exchange::ExportFormat,
    path: &std::path::Path,
) -> Result<u64, emgek_exchange::export::ExportError> {
    let sensitive = PersonalData::of(caller);
    let rows = emgek_exchange::export_households(&app.store, filter, format, path, sensitive.areas()).await?;
    let detail = serde_json::json!({
        "format": format.extension(), "rows": rows, "filter": filter, "unmasked": !sensitive.nowhere(),
    });
    app.store.audit(&AuditEntry::new(&caller.actor(), "households.export", "households", detail)).await?;
    Ok(rows)
}

/// Where a caller sees people's PINs and disability: the one place that decides it, for every
/// page, answer, export and list of every door.
#[derive(Debug, Clone)]
pub struct PersonalData(Areas);

impl PersonalData {
    pub fn of(caller: &Caller) -> Self {
        Self(caller.areas(Permission::ViewSensitive))
    }

    /// Whether she sees the personal data of people of this place.
    pub fn sees(&self, oblast: &str, rayon: &str) -> bool {
        self.0.contains(oblast, rayon)
    }

    /// Whether she sees none anywhere.
    pub fn nowhere(&self) -> bool {
        self.0.is_nowhere()
    }

    /// The places where she sees it, for a query or an export that masks the rest.
    pub fn areas(&self) -> &Areas {
        &self.0
    }
}

/// A filter of households narrowed to what the caller may list where she holds `permission`:
/// only her places, and a PIN matched or the disability filter applied only where she sees
/// personal data (so a list that keeps or drops a household can't tell her a masked PIN's
/// digits). A caller who sees it nowhere is told she can't filter by disability.
pub fn filter_within(
    caller: &Caller,
    permission: Permission,
    mut filter: HouseholdFilter,
) -> Result<HouseholdFilter, FieldError> {
    filter.areas = Some(caller.areas(permission));
    let sensitive = PersonalData::of(caller);
    if sensitive.nowhere() && filter.disability.is_some() {
        let shown = filter.disability.map(|d| if d { "yes" } else { "no" }).unwrap_or_default();
        return Err(FieldError::new("disability", "filter.sensitive", shown));
    }
    filter.sensitive = Some(sensitive.0);
    Ok(filter)
}

/// Whether the caller sees the household's PINs and disability; if she does, the view is
/// recorded in the audit log.
pub async fn sees_personal_data(app: &App, caller: &Caller, record: &HouseholdRecord) -> Result<bool, AppError> {
    let sensitive = PersonalData::of(caller).sees(&record.fields.oblast, &record.fields.rayon);
    if sensitive {
        let entry = AuditEntry::new(
            &caller.actor(),
            "household.view",
            format!("household:{}", record.id),
            serde_json::json!({}),
        );
        app.store.audit(&entry).await?;
    }
    Ok(sensitive)
}

/// A PIN as the reader may see it: whole, or its last four digits.
pub fn shown_pin(pin: &str, sensitive: bool) -> String {
    if sensitive { pin.to_string() } else { mask_pin(pin) }
}

/// A person's record in text form, with PIN and disability hidden from a reader who may not
/// see them.
pub fn shown_member(mut m: MemberInput, sensitive: bool) -> MemberInput {
    if !sensitive {
        m.pin = mask_pin(&m.pin);
        m.disability = "hidden".into();
    }
    m
}

/// A history snapshot (a household or a person as it was), with PIN and disability hidden
/// from a reader who may not see them.
pub fn shown_snapshot(mut v: serde_json::Value, sensitive: bool) -> serde_json::Value {
    if !sensitive {
        for key in ["pin", "disability"] {
            if let Some(field) = v.get_mut(key) {
                *field = serde_json::Value::String("hidden".into());
            }
        }
        if let Some(members) = v.get_mut("members").and_then(|m| m.as_array_mut()) {
            for m in members {
                *m = shown_snapshot(m.take(), false);
            }
        }
    }
    v
}

/// A household the caller may write in: one outside her places is refused naming the rayon.
fn within_reach(caller: &Caller, h: &HouseholdFields) -> Result<(), FieldError> {
    if caller.access.areas(Permission::EditRegistry).contains(&h.oblast, &h.rayon) {
        Ok(())
    } else {
        Err(FieldError::new("rayon", "scope.outside", h.rayon.as_str()))
    }
}

/// Registers a household with its people, all or nothing. Every error at once; a person's
/// fields are named `members[i].field`.
pub async fn create_household(
    app: &App,
    caller: &Caller,
    household: &HouseholdInput,
    members: &[MemberInput],
) -> Result<i64, AppError> {
    let today = app.clock.today();
    let mut errors = Vec::new();
    let household = household.validate(today).map_err(|e| errors.extend(e)).ok();
    if members.is_empty() {
        errors.push(FieldError::new("members", "household.members_required", ""));
    }
    let mut people = Vec::new();
    for (i, m) in members.iter().enumerate() {
        match m.validate(today) {
            Ok(m) => people.push(m),
            Err(e) => errors.extend(e.into_iter().map(|mut e| {
                e.field = format!("members[{i}].{}", e.field);
                e
            })),
        }
    }
    if let Some(h) = &household
        && let Err(e) = within_reach(caller, h)
    {
        errors.push(e);
    }
    match household {
        Some(h) if errors.is_empty() => Ok(app.store.create_household(&caller.actor(), &h, &people).await?),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Replaces a household's own fields (not its people); the change goes into its history.
pub async fn update_household(app: &App, caller: &Caller, id: i64, input: &HouseholdInput) -> Result<(), AppError> {
    correct_household(app, caller, id, input, None).await
}

/// Corrects a household's record as [`update_household`] does; a grievance named (one the
/// caller handles, open, about this household) is named in the record's history, and the
/// correction in the grievance's steps.
pub async fn correct_household(
    app: &App,
    caller: &Caller,
    id: i64,
    input: &HouseholdInput,
    grievance: Option<i64>,
) -> Result<(), AppError> {
    household(app, caller, Permission::EditRegistry, id).await?;
    if let Some(g) = grievance {
        correcting(app, caller, g, id).await?;
    }
    let h = input.validate(app.clock.today()).map_err(AppError::Invalid)?;
    within_reach(caller, &h).map_err(|e| AppError::Invalid(vec![e]))?;
    Ok(app.store.update_household(&caller.actor(), id, &h, grievance).await?)
}

/// The grievance a correction of household `household` answers: one the caller handles, not
/// closed, about that household.
pub async fn correcting(
    app: &App,
    caller: &Caller,
    grievance: i64,
    household: i64,
) -> Result<emgek_store::grievances::GrievanceRow, AppError> {
    let g = app.reach(caller).grievance(Permission::HandleGrievances, grievance).await?;
    if g.status == "closed" {
        return Err(AppError::Conflict("grievance.closed_already"));
    }
    if g.household_id != Some(household) {
        return Err(AppError::Invalid(vec![FieldError::new("grievance", "grievance.other_record", "")]));
    }
    Ok(g)
}

/// Adds a person to a household; returns her id.
pub async fn add_member(app: &App, caller: &Caller, household_id: i64, input: &MemberInput) -> Result<i64, AppError> {
    household(app, caller, Permission::EditRegistry, household_id).await?;
    let m = input.validate(app.clock.today()).map_err(AppError::Invalid)?;
    Ok(app.store.add_member(&caller.actor(), household_id, &m).await?)
}

/// Corrects a person's record; returns her household's id.
pub async fn update_member(app: &App, caller: &Caller, member_id: i64, input: &MemberInput) -> Result<i64, AppError> {
    correct_member(app, caller, member_id, input, None).await
}

/// Corrects a person's record as [`update_member`] does, naming the grievance that showed it
/// was wrong (as [`correct_household`]).
pub async fn correct_member(
    app: &App,
    caller: &Caller,
    member_id: i64,
    input: &MemberInput,
    grievance: Option<i64>,
) -> Result<i64, AppError> {
    let person = member(app, caller, Permission::EditRegistry, member_id).await?;
    if let Some(g) = grievance {
        correcting(app, caller, g, person.household_id).await?;
    }
    let m = input.validate(app.clock.today()).map_err(AppError::Invalid)?;
    Ok(app.store.update_member(&caller.actor(), member_id, &m, grievance).await?)
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::{Access, Grant, Role, Scope};
    use emgek_store::Source;

    use super::*;
    use crate::testing::on_both_backends;

    fn caller(role: Role, scope: &str) -> Caller {
        let access = Access::new(vec![Grant { role, scope: Scope::parse(scope).unwrap() }]);
        Caller::user(7, format!("{}@{scope}", role.code()), access, Source::Api, "192.0.2.3")
    }

    fn household_in(rayon: &str) -> HouseholdInput {
        HouseholdInput {
            household_ref: format!("HH-{rayon}"),
            oblast: emgek_domain::geography::rayon(rayon).unwrap().oblast.into(),
            rayon: rayon.into(),
            aiyl_okmotu: "Ат-Башы".into(),
            village: "Ак-Муз".into(),
            consent: "yes".into(),
            ..Default::default()
        }
    }

    fn head() -> MemberInput {
        MemberInput {
            pin: "21503198500001".into(),
            full_name: "Асанов Айбек Бакыт уулу".into(),
            birth_date: "1985-03-15".into(),
            sex: "M".into(),
            relation: "head".into(),
            disability: "II".into(),
            ..Default::default()
        }
    }

    async fn a_case_worker_registers_only_in_her_rayon_and_finds_nothing_beyond_it(app: App) {
        let worker = caller(Role::CaseWorker, "rayon:KG-O-KSU");
        let there = create_household(&app, &worker, &household_in("KG-C-SOK"), &[head()]).await;
        let Err(AppError::Invalid(errors)) = there else { panic!("refused: {there:?}") };
        assert_eq!((errors[0].field.as_str(), errors[0].rule), ("rayon", "scope.outside"));
        let none = create_household(&app, &worker, &household_in("KG-O-KSU"), &[]).await;
        assert!(matches!(none, Err(AppError::Invalid(e)) if e[0].rule == "household.members_required"));
        let broken = MemberInput { pin: "123".into(), ..head() };
        let Err(AppError::Invalid(errors)) =
            create_household(&app, &worker, &household_in("KG-O-KSU"), &[broken]).await
        else {
            panic!("a broken person is refused")
        };
        assert_eq!(errors[0].field, "members[0].pin");
        let id = create_household(&app, &worker, &household_in("KG-O-KSU"), &[head()]).await.unwrap();
        let national = caller(Role::CaseWorker, "country");
        let elsewhere = create_household(
            &app,
            &national,
            &household_in("KG-C-SOK"),
            &[MemberInput { pin: "21503198500002".into(), ..head() }],
        )
        .await
        .unwrap();
        assert!(matches!(open_household(&app, &worker, elsewhere).await, Err(AppError::NotFound)));
        let moved = update_household(&app, &worker, id, &household_in("KG-C-SOK")).await;
        assert!(matches!(moved, Err(AppError::Invalid(e)) if e[0].rule == "scope.outside"), "not moved out of reach");
        let taken = add_member(&app, &worker, id, &MemberInput { pin: "21503198500002".into(), ..head() }).await;
        assert!(matches!(taken, Err(AppError::Conflict("pin.taken"))));
    }

    async fn a_reader_who_may_not_see_personal_data_gets_it_hidden_and_a_reader_who_may_is_audited(app: App) {
        let worker = caller(Role::CaseWorker, "rayon:KG-O-KSU");
        let id = create_household(&app, &worker, &household_in("KG-O-KSU"), &[head()]).await.unwrap();
        let analyst = caller(Role::HqAnalyst, "country");
        let opened = open_household(&app, &analyst, id).await.unwrap();
        assert!(!opened.sensitive);
        let shown = shown_member(opened.record.members[0].fields.to_input(), opened.sensitive);
        assert_eq!((shown.pin.as_str(), shown.disability.as_str()), ("**********0001", "hidden"));
        let before = app.store.list_audit(&Default::default(), None, 100).await.unwrap().len();
        let opened = open_household(&app, &worker, id).await.unwrap();
        assert!(opened.sensitive);
        assert_eq!(shown_pin(opened.record.members[0].fields.pin.as_str(), true), "21503198500001");
        let audit = app.store.list_audit(&Default::default(), None, 100).await.unwrap();
        assert_eq!(audit.len(), before + 1);
        assert_eq!(
            (audit[0].action.as_str(), audit[0].actor.as_str()),
            ("household.view", "case_worker@rayon:KG-O-KSU")
        );
        let snapshot = serde_json::json!({"pin": "21503198500001", "disability": "II", "full_name": "Асанов"});
        assert_eq!(shown_snapshot(snapshot, false)["pin"], "hidden");
    }

    async fn an_export_masks_what_the_caller_may_not_see_and_is_in_the_audit_log(app: App) {
        let worker = caller(Role::CaseWorker, "rayon:KG-O-KSU");
        create_household(&app, &worker, &household_in("KG-O-KSU"), &[head()]).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let analyst = caller(Role::HqAnalyst, "country");
        let filter = filter_within(&analyst, Permission::ReadRegistry, HouseholdFilter::default()).unwrap();
        let path = dir.path().join("analyst.csv");
        let rows = export(&app, &analyst, &filter, emgek_exchange::ExportFormat::Csv, &path).await.unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(rows, 1);
        assert!(!written.contains("21503198500001") && written.contains("**********0001"), "{written}");
        let audit = app.store.list_audit(&Default::default(), None, 1).await.unwrap();
        assert_eq!((audit[0].action.as_str(), audit[0].actor.as_str()), ("households.export", "hq_analyst@country"));
        assert!(audit[0].detail.contains("\"unmasked\":false"), "{}", audit[0].detail);
        let path = dir.path().join("worker.csv");
        let filter = filter_within(&worker, Permission::ExportRegistry, HouseholdFilter::default()).unwrap();
        export(&app, &worker, &filter, emgek_exchange::ExportFormat::Csv, &path).await.unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("21503198500001"), "her own rayon's PINs");
    }

    on_both_backends!(
        a_case_worker_registers_only_in_her_rayon_and_finds_nothing_beyond_it,
        a_reader_who_may_not_see_personal_data_gets_it_hidden_and_a_reader_who_may_is_audited,
        an_export_masks_what_the_caller_may_not_see_and_is_in_the_audit_log,
    );
}
