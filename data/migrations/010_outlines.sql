-- 010: the office's kecamatan (and kelurahan) outlines, for the offline
-- basemap and the planning document's map. An office loads them from its
-- own GIS file (`ruas init --outlines F.geojson` or /admin/kantor); each is
-- named by its Kemendagri code. Loading replaces the set; every insert and
-- delete is audited.

CREATE TABLE outline (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,                                   -- Kemendagri code: 35.72.01
    name    TEXT NOT NULL,                                          -- name in the region table
    level   TEXT NOT NULL CHECK (level IN ('kecamatan', 'kelurahan', 'desa')),
    geom    TEXT NOT NULL,                                          -- GeoJSON (Multi)Polygon, WGS84
    source  TEXT NOT NULL DEFAULT '',                               -- file it came from
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
);

CREATE TRIGGER audit_outline_insert AFTER INSERT ON outline
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'outline', NEW.id, 0, NEW.set_by, NEW.source, NULL,
        json_object('code', NEW.code, 'name', NEW.name, 'level', NEW.level, 'geom_bytes', length(NEW.geom), 'source', NEW.source, 'set_at', NEW.set_at));
END;
CREATE TRIGGER audit_outline_delete AFTER DELETE ON outline
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('delete', 'outline', OLD.id, 0, OLD.set_by, OLD.source,
        json_object('code', OLD.code, 'name', OLD.name, 'level', OLD.level, 'geom_bytes', length(OLD.geom), 'source', OLD.source, 'set_at', OLD.set_at), NULL);
END;
