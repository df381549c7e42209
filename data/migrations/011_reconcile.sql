-- 011: reconciliation sheets (issue 16). A walidata uploads another
-- office's published road figures; the register explains each difference
-- (planner/reconcile) and the sheet is stored as a draft; once a Forum
-- Satu Data agrees on it, the walidata marks it agreed, with the forum's
-- note, and the public portal shows its agreed figures beside the
-- register's. An agreed sheet is final: a new meeting stores a new sheet.
-- Every insert, update and delete is audited with every column.

CREATE TABLE reconciliation (
    id            INTEGER PRIMARY KEY,
    year          INTEGER NOT NULL DEFAULT 0,       -- the figures' year (0: several)
    file          TEXT NOT NULL DEFAULT '',         -- the other office's file name
    sources       TEXT NOT NULL DEFAULT '',         -- the sources its rows name, "; " between
    register_hash TEXT NOT NULL DEFAULT '',         -- snapshot hash of the register read
    sheet         TEXT NOT NULL,                    -- the sheet, JSON (planner/reconcile.Sheet)
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed')),
    note          TEXT NOT NULL DEFAULT '',         -- the forum's note: meeting, date, minutes
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    agreed_by     TEXT NOT NULL DEFAULT '',
    agreed_at     TEXT NOT NULL DEFAULT '',
    updated_by    TEXT NOT NULL                     -- who made the last change: the audit's actor
);
CREATE INDEX reconciliation_status ON reconciliation (status, year);

CREATE TRIGGER audit_reconciliation_insert AFTER INSERT ON reconciliation
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'reconciliation', NEW.id, 0, NEW.updated_by, 'reconciliation:' || NEW.file, NULL,
        json_object('id', NEW.id, 'year', NEW.year, 'file', NEW.file, 'sources', NEW.sources, 'register_hash', NEW.register_hash,
            'sheet', NEW.sheet, 'status', NEW.status, 'note', NEW.note, 'created_by', NEW.created_by, 'created_at', NEW.created_at,
            'agreed_by', NEW.agreed_by, 'agreed_at', NEW.agreed_at, 'updated_by', NEW.updated_by));
END;
CREATE TRIGGER audit_reconciliation_update AFTER UPDATE ON reconciliation
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'reconciliation', NEW.id, 0, NEW.updated_by, 'reconciliation:' || NEW.file,
        json_object('id', OLD.id, 'year', OLD.year, 'file', OLD.file, 'sources', OLD.sources, 'register_hash', OLD.register_hash,
            'sheet', OLD.sheet, 'status', OLD.status, 'note', OLD.note, 'created_by', OLD.created_by, 'created_at', OLD.created_at,
            'agreed_by', OLD.agreed_by, 'agreed_at', OLD.agreed_at, 'updated_by', OLD.updated_by),
        json_object('id', NEW.id, 'year', NEW.year, 'file', NEW.file, 'sources', NEW.sources, 'register_hash', NEW.register_hash,
            'sheet', NEW.sheet, 'status', NEW.status, 'note', NEW.note, 'created_by', NEW.created_by, 'created_at', NEW.created_at,
            'agreed_by', NEW.agreed_by, 'agreed_at', NEW.agreed_at, 'updated_by', NEW.updated_by));
END;
CREATE TRIGGER audit_reconciliation_delete AFTER DELETE ON reconciliation
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('delete', 'reconciliation', OLD.id, 0, OLD.updated_by, 'reconciliation:' || OLD.file,
        json_object('id', OLD.id, 'year', OLD.year, 'file', OLD.file, 'sources', OLD.sources, 'register_hash', OLD.register_hash,
            'sheet', OLD.sheet, 'status', OLD.status, 'note', OLD.note, 'created_by', OLD.created_by, 'created_at', OLD.created_at,
            'agreed_by', OLD.agreed_by, 'agreed_at', OLD.agreed_at, 'updated_by', OLD.updated_by), NULL);
END;

-- An agreed sheet is what a forum signed: it is never changed afterwards.
CREATE TRIGGER reconciliation_agreed_final BEFORE UPDATE ON reconciliation
WHEN OLD.status = 'agreed'
BEGIN SELECT RAISE(ABORT, 'an agreed reconciliation sheet is final'); END;
CREATE TRIGGER reconciliation_agreed_kept BEFORE DELETE ON reconciliation
WHEN OLD.status = 'agreed'
BEGIN SELECT RAISE(ABORT, 'an agreed reconciliation sheet is final'); END;
