-- 014: several offices in one register (issue 13). The office row of 006
-- stays the register's own office; register_office lists the others (a
-- province's register holding its kabupaten/kota), keyed by region code.
-- A ruas belongs to the most specific office whose region code is its
-- region or a prefix of it (roads.Scope), else to the register's own.
-- account_office places an account in one of those offices; an account
-- without a row belongs to the register's own office, so every register
-- made before this migration opens as one office, exactly as it was.

CREATE TABLE register_office (
    id          INTEGER PRIMARY KEY,
    region      TEXT NOT NULL UNIQUE,          -- Kemendagri code: 35.72
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('provinsi', 'kabupaten', 'kota')),
    opd         TEXT NOT NULL,
    opd_code    TEXT NOT NULL DEFAULT '',
    kewenangan  TEXT NOT NULL CHECK (kewenangan IN ('nasional', 'provinsi', 'kabupaten', 'kota')),
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
);

CREATE TABLE account_office (
    account_id  INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
    region      TEXT NOT NULL,                 -- a region of register_office, or the register's own office
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
);

CREATE TRIGGER audit_register_office_insert AFTER INSERT ON register_office
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'register_office', NEW.id, 0, NEW.set_by, 'office', NULL,
        json_object('region', NEW.region, 'name', NEW.name, 'level', NEW.level, 'opd', NEW.opd, 'opd_code', NEW.opd_code,
            'kewenangan', NEW.kewenangan, 'set_at', NEW.set_at));
END;
CREATE TRIGGER audit_register_office_update AFTER UPDATE ON register_office
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'register_office', NEW.id, 0, NEW.set_by, 'office',
        json_object('region', OLD.region, 'name', OLD.name, 'level', OLD.level, 'opd', OLD.opd, 'opd_code', OLD.opd_code,
            'kewenangan', OLD.kewenangan, 'set_at', OLD.set_at),
        json_object('region', NEW.region, 'name', NEW.name, 'level', NEW.level, 'opd', NEW.opd, 'opd_code', NEW.opd_code,
            'kewenangan', NEW.kewenangan, 'set_at', NEW.set_at));
END;
CREATE TRIGGER audit_register_office_delete BEFORE DELETE ON register_office
BEGIN SELECT RAISE(ABORT, 'an office of a register can be changed, not removed: its records and accounts would lose their office'); END;

CREATE TRIGGER audit_account_office_insert AFTER INSERT ON account_office
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'account_office', NEW.account_id, 0, NEW.set_by, 'office', NULL,
        json_object('account_id', NEW.account_id, 'region', NEW.region, 'set_at', NEW.set_at));
END;
CREATE TRIGGER audit_account_office_update AFTER UPDATE ON account_office
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'account_office', NEW.account_id, 0, NEW.set_by, 'office',
        json_object('account_id', OLD.account_id, 'region', OLD.region, 'set_at', OLD.set_at),
        json_object('account_id', NEW.account_id, 'region', NEW.region, 'set_at', NEW.set_at));
END;
