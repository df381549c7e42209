-- 004: accounts and roles (data governance). Who may change what is
-- decided by an account's role; the account's name is what register rows
-- carry as source_user, so the audit trail names the logged-in person.
-- Secrets are never stored: passwords as bcrypt hashes, session ids and
-- API tokens as SHA-256 hashes (a stolen backup opens no session).

CREATE TABLE account (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,      -- login name, lower case; the Source.User of rows
    full_name       TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('admin', 'produsen', 'walidata', 'perencana')),
    password_hash   TEXT NOT NULL DEFAULT '',  -- bcrypt; '' = no password login (API token only)
    disabled        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL DEFAULT ''   -- the admin (or 'cli') who made the last change
);

-- A browser session: the cookie holds a random id, the table its hash.
-- csrf is the synchronizer token every state-changing form must echo.
CREATE TABLE session (
    id_hash         TEXT PRIMARY KEY,          -- hex SHA-256 of the cookie value
    account_id      INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    csrf            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
CREATE INDEX session_account ON session (account_id);
CREATE INDEX session_expires ON session (expires_at);

-- API tokens for scripts, shown once at creation.
CREATE TABLE api_token (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    hash            TEXT NOT NULL UNIQUE,      -- hex SHA-256 of the token
    prefix          TEXT NOT NULL,             -- first characters, to tell tokens apart in lists
    label           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    revoked_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX api_token_account ON api_token (account_id);

-- Every login attempt, for rate limiting (per name and per address) and
-- for an administrator looking at who tried what.
CREATE TABLE login_attempt (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    name            TEXT NOT NULL,
    ip              TEXT NOT NULL,
    ok              INTEGER NOT NULL
);
CREATE INDEX login_attempt_name ON login_attempt (name, at);
CREATE INDEX login_attempt_ip ON login_attempt (ip, at);

-- A plan run adopted as the programme (by a perencana or admin): the
-- public portal shows the latest adopted one.
CREATE TABLE plan_adoption (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plan_run(id),
    adopted_by      TEXT NOT NULL,
    adopted_at      TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_adoption_plan ON plan_adoption (plan_id);

-- Changes to accounts and adoptions go into the same append-only trail as
-- register rows (ruas_id 0: they belong to no ruas). The password hash is
-- left out: the trail says that it changed, not what it is.
CREATE TRIGGER audit_account_insert AFTER INSERT ON account
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'account', NEW.id, 0, NEW.updated_by, 'account', NULL,
        json_object('id', NEW.id, 'name', NEW.name, 'full_name', NEW.full_name, 'role', NEW.role, 'disabled', NEW.disabled,
            'password_set', NEW.password_hash <> '', 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_account_update AFTER UPDATE ON account
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'account', NEW.id, 0, NEW.updated_by, CASE WHEN NEW.password_hash <> OLD.password_hash THEN 'account:password' ELSE 'account' END,
        json_object('id', OLD.id, 'name', OLD.name, 'full_name', OLD.full_name, 'role', OLD.role, 'disabled', OLD.disabled,
            'password_set', OLD.password_hash <> '', 'updated_at', OLD.updated_at),
        json_object('id', NEW.id, 'name', NEW.name, 'full_name', NEW.full_name, 'role', NEW.role, 'disabled', NEW.disabled,
            'password_set', NEW.password_hash <> '', 'updated_at', NEW.updated_at));
END;
CREATE TRIGGER audit_plan_adoption_insert AFTER INSERT ON plan_adoption
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'plan_adoption', NEW.plan_id, 0, NEW.adopted_by, 'plan', NULL,
        json_object('plan_id', NEW.plan_id, 'adopted_by', NEW.adopted_by, 'adopted_at', NEW.adopted_at, 'note', NEW.note));
END;
