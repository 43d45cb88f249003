-- Notices: the messages emgek sends to people about their own case (emgek_domain::notice).
-- A notice is written in the transaction of the event it tells of, and sent later by the
-- outbox's sender, which records each try and the gateway's delivery reports.

-- The programme administrators' versions of each event's text; the newest version of an
-- event and language is used. Without one, the standard text of emgek_domain::notice.
CREATE TABLE notice_templates (
    notice_template_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event              TEXT NOT NULL,
    language           TEXT NOT NULL CHECK (language IN ('ky', 'ru')),
    version            INTEGER NOT NULL CHECK (version >= 1),
    body               TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT notice_templates_version UNIQUE (event, language, version)
);

-- The outbox. event_key names the event (e.g. grievance:12:closed): one event, one notice,
-- however often it is written. The text is rendered when the event is written, so a later
-- template never changes what was said.
CREATE TABLE notices (
    notice_id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event            TEXT NOT NULL,
    event_key        TEXT NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    address          TEXT NOT NULL,
    language         TEXT NOT NULL CHECK (language IN ('ky', 'ru')),
    template_version INTEGER NOT NULL,      -- 0: the standard text
    body             TEXT NOT NULL,
    household_id     BIGINT REFERENCES households (household_id),
    grievance_id     BIGINT REFERENCES grievances (grievance_id),
    state            TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'unsure', 'sent', 'delivered', 'failed', 'withheld')),
    attempts         INTEGER NOT NULL,
    -- Times the sender compares, in milliseconds since 1970 (UTC) on both engines.
    next_attempt_ms  BIGINT NOT NULL,       -- not tried again before
    lease_until_ms   BIGINT,                -- while sending: when its sender is presumed dead
    unsure_since_ms  BIGINT,                -- while unsure: since when
    sent_at          TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    last_report      INTEGER,               -- the gateway's last delivery report type
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT notices_event UNIQUE (event_key)
);
CREATE INDEX notices_due ON notices (state, next_attempt_ms);
CREATE INDEX notices_grievance ON notices (grievance_id);
CREATE INDEX notices_household ON notices (household_id);

-- Addresses whose owner asked for no more messages (STOP by SMS, or an officer on her word).
CREATE TABLE notice_opt_outs (
    address    TEXT PRIMARY KEY,
    via        TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- A person who sends an SMS is found by her household's phone.
CREATE INDEX households_phone ON households (phone);
