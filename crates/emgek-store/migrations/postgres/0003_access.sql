-- Users, their grants (role in a scope), sign-in sessions, API tokens, failed sign-ins for
-- throttling, and the hash-chained audit log.

CREATE TABLE users (
    user_id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             TEXT NOT NULL,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,      -- argon2id, PHC string
    must_change_password BOOLEAN NOT NULL,   -- an initial password set by someone else
    disabled             BOOLEAN NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    CONSTRAINT users_username_unique UNIQUE (username)
);

CREATE TABLE user_grants (
    user_grant_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (user_id),
    role          TEXT NOT NULL,             -- access::Role code
    scope         TEXT NOT NULL,             -- country | oblast:KG-C | rayon:KG-C-SOK | facility:…
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT user_grants_unique UNIQUE (user_id, role, scope)
);

CREATE TABLE sessions (
    session_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash   TEXT NOT NULL,              -- SHA-256 of the cookie; the cookie itself is never stored
    user_id      BIGINT NOT NULL REFERENCES users (user_id),
    csrf_token   TEXT NOT NULL,              -- echoed by every form of the session
    ip           TEXT NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,              -- absolute end, whatever the activity
    last_seen_at TIMESTAMPTZ NOT NULL,              -- for the idle timeout
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT sessions_token_unique UNIQUE (token_hash)
);

CREATE TABLE api_tokens (
    api_token_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users (user_id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,              -- SHA-256 of the token; shown once, never stored
    prefix       TEXT NOT NULL,              -- its first characters, to recognise it in lists
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash)
);

CREATE TABLE login_failures (
    login_failure_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username         TEXT NOT NULL,
    ip               TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, created_at);
CREATE INDEX login_failures_ip ON login_failures (ip, created_at);

-- Append-only. Each row's hash covers its own fields and the previous row's hash, so an edited,
-- deleted or reordered row breaks the chain (`emgek audit verify`). Ids are consecutive.
CREATE TABLE audit_log (
    audit_id   BIGINT PRIMARY KEY,
    at_micros  BIGINT NOT NULL,              -- when, in microseconds since 1970 (UTC)
    actor      TEXT NOT NULL,
    ip         TEXT NOT NULL,
    action     TEXT NOT NULL,                -- e.g. login.failure, household.update, household.view
    object     TEXT NOT NULL,                -- e.g. household:12
    detail     TEXT NOT NULL,                -- JSON: before/after values, counts
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, audit_id);

-- The chain's head: taking it (an UPDATE) is the first write of every audited transaction,
-- which also serialises appends.
CREATE TABLE audit_head (
    audit_head_id BIGINT PRIMARY KEY CHECK (audit_head_id = 1),
    last_id       BIGINT NOT NULL,
    last_hash     TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
INSERT INTO audit_head (audit_head_id, last_id, last_hash, created_at, updated_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000',
        now(), now());
