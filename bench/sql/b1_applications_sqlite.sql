-- B1's reference for the Social Contract's applications on SQLite: the engine's own CSV import
-- of applications.csv (run from its folder) onto the households, programmes and calls emgek
-- imported, in one transaction, writing what emgek writes of each: the application numbered in
-- its call's order of submission under the rules in force when submitted, its documents (the
-- plan, the household's facts with its members, the assessment: JSON of the same shape), its
-- first event and an audit line. emgek checks each row through the application's use case and
-- judges its eligibility and priority; this takes synth's priority column as it is.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
.import --csv applications.csv staging_applications
BEGIN;
INSERT OR IGNORE INTO applications (call_id, household_id, oblast_code, rayon_code, status, grant_requested_tyiyn,
    rules_effective_from, eligible, priority, submitted_seq, application_ref, created_at, updated_at)
SELECT l.call_id, h.household_id, h.oblast_code, h.rayon_code, s.status,
    CAST(round(CAST(s.grant_requested_som AS REAL) * 100) AS INTEGER),
    (SELECT max(r.effective_from) FROM programme_rules r WHERE r.programme_id = p.programme_id AND r.effective_from <= s.submitted_on),
    0, CAST(s.priority AS INTEGER),
    coalesce((SELECT max(submitted_seq) FROM applications x WHERE x.call_id = l.call_id), 0)
        + row_number() OVER (PARTITION BY l.call_id ORDER BY s.rowid),
    s.application_ref, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_applications s JOIN households h ON h.household_ref = s.household_ref
    JOIN programmes p ON p.code = s.programme JOIN calls l ON l.programme_id = p.programme_id AND l.title = s.call
ORDER BY s.rowid;
INSERT INTO application_documents (application_id, plan_json, snapshot_json, assessment_json)
SELECT a.application_id,
    json_object('sector', s.sector, 'activity', s.activity, 'ovop_category', NULL, 'local_resources', '',
        'lines', json_array(json_object('category', 'other', 'item', s.activity, 'quantity', 1,
            'unit_price', json_object('minor', a.grant_requested_tyiyn, 'currency', 'KGS'))),
        'own_contribution', json_object('minor', CAST(round(CAST(s.own_contribution_som AS REAL) * 100) AS INTEGER), 'currency', 'KGS'),
        'projection', json_array(), 'jobs', CAST(s.jobs AS INTEGER), 'green', json('false')),
    json_object('on_benefit', json(CASE WHEN h.benefit_since IS NULL THEN 'false' ELSE 'true' END),
        'members', (SELECT json_group_array(json_array(m.birth_date, m.disability)) FROM members m WHERE m.household_id = h.household_id),
        'has_active_contract', json('false'), 'last_funded', NULL, 'attended_training', json('false')),
    json_object('eligible', json('false'), 'checks', json_array(
            json_object('rule', 'eligibility.benefit', 'passed', json('true')),
            json_object('rule', 'eligibility.working_age_adult', 'passed', json('true')),
            json_object('rule', 'eligibility.no_active_contract', 'passed', json('true')),
            json_object('rule', 'eligibility.not_funded_recently', 'passed', json('true')),
            json_object('rule', 'eligibility.training', 'passed', json('false'))),
        'priority', a.priority, 'points', json_array(json_object('reason', 'priority.three_or_more_children', 'points', a.priority)))
FROM staging_applications s JOIN applications a ON a.application_ref = s.application_ref
    JOIN households h ON h.household_id = a.household_id;
INSERT INTO application_events (application_id, actor, from_status, to_status, reason, created_at, updated_at)
SELECT a.application_id, 'bench', 'draft', a.status, 'imported: ' || a.application_ref, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_applications s JOIN applications a ON a.application_ref = s.application_ref;
-- Each record's audit line, as emgek writes one per record (its hash and the previous one's are
-- random hex of the same length: SQL has no SHA-256 here), numbered after the chain's head.
INSERT INTO audit_log (audit_id, at_micros, actor, ip, action, object, detail, prev_hash, hash, created_at, updated_at)
SELECT h.last_id + row_number() OVER (ORDER BY a.application_id), CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER),
    'bench', '', 'application.import', 'application:' || a.application_id,
    json_object('reference', a.application_ref, 'call', a.call_id, 'household', a.household_id, 'status', a.status,
        'grant_requested', a.grant_requested_tyiyn),
    lower(hex(randomblob(32))), lower(hex(randomblob(32))), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM staging_applications s JOIN applications a ON a.application_ref = s.application_ref, audit_head h;
UPDATE audit_head SET last_id = (SELECT max(audit_id) FROM audit_log), updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now');
DROP TABLE staging_applications;
COMMIT;
