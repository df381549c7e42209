-- 008: retiring a ruas. A ruas taken out of the network (merged, handed
-- over to the province, renumbered by a new decree) is not deleted: it
-- keeps its history and its audit trail, and is left out of plans, maps,
-- lists, exports and quality counts while a retirement stands. Retiring
-- is a row here, not a column of ruas, so that no ruas UPDATE (whose audit
-- trigger records the producer as actor) is needed: these triggers audit
-- the retirement and its end with the person who did it.

CREATE TABLE ruas_retired (
    id              INTEGER PRIMARY KEY,
    ruas_id         INTEGER NOT NULL REFERENCES ruas(id) ON DELETE CASCADE,
    retired_at      TEXT NOT NULL,
    retired_by      TEXT NOT NULL,
    reason          TEXT NOT NULL,
    ended_at        TEXT NOT NULL DEFAULT '',   -- set when the ruas is reinstated
    ended_by        TEXT NOT NULL DEFAULT ''
);
-- At most one standing retirement per ruas.
CREATE UNIQUE INDEX ruas_retired_standing ON ruas_retired (ruas_id) WHERE ended_at = '';

CREATE TRIGGER audit_ruas_retire AFTER INSERT ON ruas_retired
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('retire', 'ruas', NEW.ruas_id, NEW.ruas_id, NEW.retired_by, 'pensiun', NULL,
        json_object('retired_at', NEW.retired_at, 'retired_by', NEW.retired_by, 'reason', NEW.reason));
END;
CREATE TRIGGER audit_ruas_reinstate AFTER UPDATE OF ended_at ON ruas_retired
WHEN OLD.ended_at = '' AND NEW.ended_at <> ''
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('reinstate', 'ruas', NEW.ruas_id, NEW.ruas_id, NEW.ended_by, 'pensiun:batal',
        json_object('retired_at', OLD.retired_at, 'retired_by', OLD.retired_by, 'reason', OLD.reason),
        json_object('ended_at', NEW.ended_at, 'ended_by', NEW.ended_by));
END;
CREATE TRIGGER ruas_retired_fixed BEFORE UPDATE ON ruas_retired
WHEN OLD.ended_at <> '' OR NEW.ruas_id <> OLD.ruas_id OR NEW.retired_at <> OLD.retired_at OR NEW.retired_by <> OLD.retired_by OR NEW.reason <> OLD.reason
BEGIN SELECT RAISE(ABORT, 'a retirement is kept as it was recorded; reinstate the ruas instead'); END;
