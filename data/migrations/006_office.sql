-- 006: the office a register belongs to (one row): the pemda by its
-- Kemendagri code, the OPD, the road status it maintains (kewenangan) and
-- its boundary. Every export, page and check reads it; changes are
-- audited like register rows (entity 'office', ruas_id 0).

CREATE TABLE office (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    region      TEXT NOT NULL,                 -- Kemendagri code: 35, 35.72
    name        TEXT NOT NULL,                 -- name in the region table: Kota Blitar
    level       TEXT NOT NULL CHECK (level IN ('provinsi', 'kabupaten', 'kota')),
    opd         TEXT NOT NULL,
    opd_code    TEXT NOT NULL DEFAULT '',      -- SIPD kode unit, optional
    kewenangan  TEXT NOT NULL CHECK (kewenangan IN ('nasional', 'provinsi', 'kabupaten', 'kota')),
    boundary    TEXT NOT NULL DEFAULT '',      -- GeoJSON geometry (WGS84), '' for none
    assumed     INTEGER NOT NULL DEFAULT 0,    -- 1: filled in by this migration, not yet confirmed
    set_by      TEXT NOT NULL,
    set_at      TEXT NOT NULL
);

CREATE TRIGGER audit_office_insert AFTER INSERT ON office
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'office', NEW.id, 0, NEW.set_by, CASE WHEN NEW.assumed THEN 'migration:006_office' ELSE 'office' END, NULL,
        json_object('region', NEW.region, 'name', NEW.name, 'level', NEW.level, 'opd', NEW.opd, 'opd_code', NEW.opd_code,
            'kewenangan', NEW.kewenangan, 'boundary_bytes', length(NEW.boundary), 'assumed', NEW.assumed, 'set_at', NEW.set_at));
END;
CREATE TRIGGER audit_office_update AFTER UPDATE ON office
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'office', NEW.id, 0, NEW.set_by, 'office',
        json_object('region', OLD.region, 'name', OLD.name, 'level', OLD.level, 'opd', OLD.opd, 'opd_code', OLD.opd_code,
            'kewenangan', OLD.kewenangan, 'boundary_bytes', length(OLD.boundary), 'assumed', OLD.assumed, 'set_at', OLD.set_at),
        json_object('region', NEW.region, 'name', NEW.name, 'level', NEW.level, 'opd', NEW.opd, 'opd_code', NEW.opd_code,
            'kewenangan', NEW.kewenangan, 'boundary_bytes', length(NEW.boundary), 'assumed', NEW.assumed, 'set_at', NEW.set_at));
END;
CREATE TRIGGER audit_office_delete BEFORE DELETE ON office
BEGIN SELECT RAISE(ABORT, 'the office of a register can be changed, not removed'); END;

-- A register made before this migration belonged to the only office the
-- release served, Dinas PUPR Kota Blitar (its exports said kodepemda 3572
-- and "jalan kota"). Keep that, marked assumed, so the app and `ruas init`
-- ask the admin to confirm or correct it. An empty register gets no office.
INSERT INTO office (id, region, name, level, opd, opd_code, kewenangan, boundary, assumed, set_by, set_at)
SELECT 1, '35.72', 'Kota Blitar', 'kota', 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Blitar', '', 'kota', '', 1,
    'migrasi 006', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE EXISTS (SELECT 1 FROM ruas) OR EXISTS (SELECT 1 FROM plan_run);
