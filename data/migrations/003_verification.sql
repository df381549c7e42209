-- 003: verification by the walidata. Every register row is 'draft' until a
-- walidata verifies it ('verified') or sends it back with a reason
-- ('returned'); an edit makes it draft again (the store sets that). The
-- audit triggers are recreated to record the verification columns, and a
-- verification is audited with the verifier as actor.

ALTER TABLE ruas ADD COLUMN verif TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE ruas ADD COLUMN verif_by TEXT NOT NULL DEFAULT '';
ALTER TABLE ruas ADD COLUMN verif_at TEXT NOT NULL DEFAULT '';
ALTER TABLE ruas ADD COLUMN verif_note TEXT NOT NULL DEFAULT '';
CREATE INDEX ruas_verif ON ruas (verif);
ALTER TABLE survey ADD COLUMN verif TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE survey ADD COLUMN verif_by TEXT NOT NULL DEFAULT '';
ALTER TABLE survey ADD COLUMN verif_at TEXT NOT NULL DEFAULT '';
ALTER TABLE survey ADD COLUMN verif_note TEXT NOT NULL DEFAULT '';
CREATE INDEX survey_verif ON survey (verif);
ALTER TABLE works ADD COLUMN verif TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE works ADD COLUMN verif_by TEXT NOT NULL DEFAULT '';
ALTER TABLE works ADD COLUMN verif_at TEXT NOT NULL DEFAULT '';
ALTER TABLE works ADD COLUMN verif_note TEXT NOT NULL DEFAULT '';
CREATE INDEX works_verif ON works (verif);
ALTER TABLE traffic ADD COLUMN verif TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE traffic ADD COLUMN verif_by TEXT NOT NULL DEFAULT '';
ALTER TABLE traffic ADD COLUMN verif_at TEXT NOT NULL DEFAULT '';
ALTER TABLE traffic ADD COLUMN verif_note TEXT NOT NULL DEFAULT '';
CREATE INDEX traffic_verif ON traffic (verif);

DROP TRIGGER audit_ruas_insert;
DROP TRIGGER audit_ruas_update;
DROP TRIGGER audit_ruas_delete;
CREATE TRIGGER audit_ruas_insert AFTER INSERT ON ruas
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'ruas', NEW.id, NEW.id, NEW.source_user, CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END, NULL, json_object('id', NEW.id, 'region', NEW.region, 'no_ruas', NEW.no_ruas, 'name', NEW.name, 'status', NEW.status, 'fungsi', NEW.fungsi, 'surface', NEW.surface, 'surface_text', NEW.surface_text, 'width_m', NEW.width_m, 'length_m', NEW.length_m, 'geom_length_m', NEW.geom_length_m, 'kabupaten', NEW.kabupaten, 'kecamatan_code', NEW.kecamatan_code, 'kecamatan', NEW.kecamatan, 'kelurahan_code', NEW.kelurahan_code, 'kelurahan', NEW.kelurahan, 'year_built', NEW.year_built, 'design_life', NEW.design_life, 'notes', NEW.notes, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'version', NEW.version, 'updated_at', NEW.updated_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note, 'geom_wkb_hex', hex(NEW.geom)));
END;
CREATE TRIGGER audit_ruas_update AFTER UPDATE ON ruas
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'ruas', NEW.id, NEW.id, CASE WHEN NEW.verif_at <> OLD.verif_at THEN NEW.verif_by ELSE NEW.source_user END, CASE WHEN NEW.verif_at <> OLD.verif_at THEN 'verifikasi:' || NEW.verif ELSE CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END END, json_object('id', OLD.id, 'region', OLD.region, 'no_ruas', OLD.no_ruas, 'name', OLD.name, 'status', OLD.status, 'fungsi', OLD.fungsi, 'surface', OLD.surface, 'surface_text', OLD.surface_text, 'width_m', OLD.width_m, 'length_m', OLD.length_m, 'geom_length_m', OLD.geom_length_m, 'kabupaten', OLD.kabupaten, 'kecamatan_code', OLD.kecamatan_code, 'kecamatan', OLD.kecamatan, 'kelurahan_code', OLD.kelurahan_code, 'kelurahan', OLD.kelurahan, 'year_built', OLD.year_built, 'design_life', OLD.design_life, 'notes', OLD.notes, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'version', OLD.version, 'updated_at', OLD.updated_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note, 'geom_wkb_hex', hex(OLD.geom)), json_object('id', NEW.id, 'region', NEW.region, 'no_ruas', NEW.no_ruas, 'name', NEW.name, 'status', NEW.status, 'fungsi', NEW.fungsi, 'surface', NEW.surface, 'surface_text', NEW.surface_text, 'width_m', NEW.width_m, 'length_m', NEW.length_m, 'geom_length_m', NEW.geom_length_m, 'kabupaten', NEW.kabupaten, 'kecamatan_code', NEW.kecamatan_code, 'kecamatan', NEW.kecamatan, 'kelurahan_code', NEW.kelurahan_code, 'kelurahan', NEW.kelurahan, 'year_built', NEW.year_built, 'design_life', NEW.design_life, 'notes', NEW.notes, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'version', NEW.version, 'updated_at', NEW.updated_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note, 'geom_wkb_hex', hex(NEW.geom)));
END;
CREATE TRIGGER audit_ruas_delete AFTER DELETE ON ruas
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('delete', 'ruas', OLD.id, OLD.id, OLD.source_user, CASE WHEN OLD.source_file <> '' THEN OLD.source_file || ':' || OLD.source_row ELSE OLD.source_form END, json_object('id', OLD.id, 'region', OLD.region, 'no_ruas', OLD.no_ruas, 'name', OLD.name, 'status', OLD.status, 'fungsi', OLD.fungsi, 'surface', OLD.surface, 'surface_text', OLD.surface_text, 'width_m', OLD.width_m, 'length_m', OLD.length_m, 'geom_length_m', OLD.geom_length_m, 'kabupaten', OLD.kabupaten, 'kecamatan_code', OLD.kecamatan_code, 'kecamatan', OLD.kecamatan, 'kelurahan_code', OLD.kelurahan_code, 'kelurahan', OLD.kelurahan, 'year_built', OLD.year_built, 'design_life', OLD.design_life, 'notes', OLD.notes, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'version', OLD.version, 'updated_at', OLD.updated_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note, 'geom_wkb_hex', hex(OLD.geom)), NULL);
END;

DROP TRIGGER audit_survey_insert;
DROP TRIGGER audit_survey_update;
DROP TRIGGER audit_survey_delete;
CREATE TRIGGER audit_survey_insert AFTER INSERT ON survey
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'survey', NEW.id, NEW.ruas_id, NEW.source_user, CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END, NULL, json_object('id', NEW.id, 'ruas_id', NEW.ruas_id, 'date', NEW.date, 'date_basis', NEW.date_basis, 'sta_from_m', NEW.sta_from_m, 'sta_to_m', NEW.sta_to_m, 'crack_area_pct', NEW.crack_area_pct, 'crack_width_mm', NEW.crack_width_mm, 'potholes', NEW.potholes, 'rut_cm', NEW.rut_cm, 'iri', NEW.iri, 'pci', NEW.pci, 'scheme', NEW.scheme, 'part1', NEW.part1, 'part2', NEW.part2, 'part3', NEW.part3, 'part4', NEW.part4, 'sdi', NEW.sdi, 'kondisi', NEW.kondisi, 'basis', NEW.basis, 'rule_version', NEW.rule_version, 'm_baik', NEW.m_baik, 'm_sedang', NEW.m_sedang, 'm_rusak_ringan', NEW.m_rusak_ringan, 'm_rusak_berat', NEW.m_rusak_berat, 'mapping_version', NEW.mapping_version, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note));
END;
CREATE TRIGGER audit_survey_update AFTER UPDATE ON survey
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'survey', NEW.id, NEW.ruas_id, CASE WHEN NEW.verif_at <> OLD.verif_at THEN NEW.verif_by ELSE NEW.source_user END, CASE WHEN NEW.verif_at <> OLD.verif_at THEN 'verifikasi:' || NEW.verif ELSE CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END END, json_object('id', OLD.id, 'ruas_id', OLD.ruas_id, 'date', OLD.date, 'date_basis', OLD.date_basis, 'sta_from_m', OLD.sta_from_m, 'sta_to_m', OLD.sta_to_m, 'crack_area_pct', OLD.crack_area_pct, 'crack_width_mm', OLD.crack_width_mm, 'potholes', OLD.potholes, 'rut_cm', OLD.rut_cm, 'iri', OLD.iri, 'pci', OLD.pci, 'scheme', OLD.scheme, 'part1', OLD.part1, 'part2', OLD.part2, 'part3', OLD.part3, 'part4', OLD.part4, 'sdi', OLD.sdi, 'kondisi', OLD.kondisi, 'basis', OLD.basis, 'rule_version', OLD.rule_version, 'm_baik', OLD.m_baik, 'm_sedang', OLD.m_sedang, 'm_rusak_ringan', OLD.m_rusak_ringan, 'm_rusak_berat', OLD.m_rusak_berat, 'mapping_version', OLD.mapping_version, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note), json_object('id', NEW.id, 'ruas_id', NEW.ruas_id, 'date', NEW.date, 'date_basis', NEW.date_basis, 'sta_from_m', NEW.sta_from_m, 'sta_to_m', NEW.sta_to_m, 'crack_area_pct', NEW.crack_area_pct, 'crack_width_mm', NEW.crack_width_mm, 'potholes', NEW.potholes, 'rut_cm', NEW.rut_cm, 'iri', NEW.iri, 'pci', NEW.pci, 'scheme', NEW.scheme, 'part1', NEW.part1, 'part2', NEW.part2, 'part3', NEW.part3, 'part4', NEW.part4, 'sdi', NEW.sdi, 'kondisi', NEW.kondisi, 'basis', NEW.basis, 'rule_version', NEW.rule_version, 'm_baik', NEW.m_baik, 'm_sedang', NEW.m_sedang, 'm_rusak_ringan', NEW.m_rusak_ringan, 'm_rusak_berat', NEW.m_rusak_berat, 'mapping_version', NEW.mapping_version, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note));
END;
CREATE TRIGGER audit_survey_delete AFTER DELETE ON survey
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('delete', 'survey', OLD.id, OLD.ruas_id, OLD.source_user, CASE WHEN OLD.source_file <> '' THEN OLD.source_file || ':' || OLD.source_row ELSE OLD.source_form END, json_object('id', OLD.id, 'ruas_id', OLD.ruas_id, 'date', OLD.date, 'date_basis', OLD.date_basis, 'sta_from_m', OLD.sta_from_m, 'sta_to_m', OLD.sta_to_m, 'crack_area_pct', OLD.crack_area_pct, 'crack_width_mm', OLD.crack_width_mm, 'potholes', OLD.potholes, 'rut_cm', OLD.rut_cm, 'iri', OLD.iri, 'pci', OLD.pci, 'scheme', OLD.scheme, 'part1', OLD.part1, 'part2', OLD.part2, 'part3', OLD.part3, 'part4', OLD.part4, 'sdi', OLD.sdi, 'kondisi', OLD.kondisi, 'basis', OLD.basis, 'rule_version', OLD.rule_version, 'm_baik', OLD.m_baik, 'm_sedang', OLD.m_sedang, 'm_rusak_ringan', OLD.m_rusak_ringan, 'm_rusak_berat', OLD.m_rusak_berat, 'mapping_version', OLD.mapping_version, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note), NULL);
END;

DROP TRIGGER audit_works_insert;
DROP TRIGGER audit_works_update;
DROP TRIGGER audit_works_delete;
CREATE TRIGGER audit_works_insert AFTER INSERT ON works
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'works', NEW.id, NEW.ruas_id, NEW.source_user, CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END, NULL, json_object('id', NEW.id, 'ruas_id', NEW.ruas_id, 'date', NEW.date, 'type', NEW.type, 'sta_from_m', NEW.sta_from_m, 'sta_to_m', NEW.sta_to_m, 'quantity', NEW.quantity, 'unit', NEW.unit, 'cost_rp', NEW.cost_rp, 'funding', NEW.funding, 'sub_kegiatan', NEW.sub_kegiatan, 'nomen_version', NEW.nomen_version, 'contract_ref', NEW.contract_ref, 'committed', NEW.committed, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note));
END;
CREATE TRIGGER audit_works_update AFTER UPDATE ON works
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'works', NEW.id, NEW.ruas_id, CASE WHEN NEW.verif_at <> OLD.verif_at THEN NEW.verif_by ELSE NEW.source_user END, CASE WHEN NEW.verif_at <> OLD.verif_at THEN 'verifikasi:' || NEW.verif ELSE CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END END, json_object('id', OLD.id, 'ruas_id', OLD.ruas_id, 'date', OLD.date, 'type', OLD.type, 'sta_from_m', OLD.sta_from_m, 'sta_to_m', OLD.sta_to_m, 'quantity', OLD.quantity, 'unit', OLD.unit, 'cost_rp', OLD.cost_rp, 'funding', OLD.funding, 'sub_kegiatan', OLD.sub_kegiatan, 'nomen_version', OLD.nomen_version, 'contract_ref', OLD.contract_ref, 'committed', OLD.committed, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note), json_object('id', NEW.id, 'ruas_id', NEW.ruas_id, 'date', NEW.date, 'type', NEW.type, 'sta_from_m', NEW.sta_from_m, 'sta_to_m', NEW.sta_to_m, 'quantity', NEW.quantity, 'unit', NEW.unit, 'cost_rp', NEW.cost_rp, 'funding', NEW.funding, 'sub_kegiatan', NEW.sub_kegiatan, 'nomen_version', NEW.nomen_version, 'contract_ref', NEW.contract_ref, 'committed', NEW.committed, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note));
END;
CREATE TRIGGER audit_works_delete AFTER DELETE ON works
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('delete', 'works', OLD.id, OLD.ruas_id, OLD.source_user, CASE WHEN OLD.source_file <> '' THEN OLD.source_file || ':' || OLD.source_row ELSE OLD.source_form END, json_object('id', OLD.id, 'ruas_id', OLD.ruas_id, 'date', OLD.date, 'type', OLD.type, 'sta_from_m', OLD.sta_from_m, 'sta_to_m', OLD.sta_to_m, 'quantity', OLD.quantity, 'unit', OLD.unit, 'cost_rp', OLD.cost_rp, 'funding', OLD.funding, 'sub_kegiatan', OLD.sub_kegiatan, 'nomen_version', OLD.nomen_version, 'contract_ref', OLD.contract_ref, 'committed', OLD.committed, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note), NULL);
END;

DROP TRIGGER audit_traffic_insert;
DROP TRIGGER audit_traffic_update;
DROP TRIGGER audit_traffic_delete;
CREATE TRIGGER audit_traffic_insert AFTER INSERT ON traffic
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('insert', 'traffic', NEW.id, NEW.ruas_id, NEW.source_user, CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END, NULL, json_object('id', NEW.id, 'ruas_id', NEW.ruas_id, 'year', NEW.year, 'lhr', NEW.lhr, 'by_class', NEW.by_class, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note));
END;
CREATE TRIGGER audit_traffic_update AFTER UPDATE ON traffic
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('update', 'traffic', NEW.id, NEW.ruas_id, CASE WHEN NEW.verif_at <> OLD.verif_at THEN NEW.verif_by ELSE NEW.source_user END, CASE WHEN NEW.verif_at <> OLD.verif_at THEN 'verifikasi:' || NEW.verif ELSE CASE WHEN NEW.source_file <> '' THEN NEW.source_file || ':' || NEW.source_row ELSE NEW.source_form END END, json_object('id', OLD.id, 'ruas_id', OLD.ruas_id, 'year', OLD.year, 'lhr', OLD.lhr, 'by_class', OLD.by_class, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note), json_object('id', NEW.id, 'ruas_id', NEW.ruas_id, 'year', NEW.year, 'lhr', NEW.lhr, 'by_class', NEW.by_class, 'source_file', NEW.source_file, 'source_row', NEW.source_row, 'source_form', NEW.source_form, 'source_user', NEW.source_user, 'recorded_at', NEW.recorded_at, 'verif', NEW.verif, 'verif_by', NEW.verif_by, 'verif_at', NEW.verif_at, 'verif_note', NEW.verif_note));
END;
CREATE TRIGGER audit_traffic_delete AFTER DELETE ON traffic
BEGIN
    INSERT INTO audit (action, entity, entity_id, ruas_id, actor, origin, before, after)
    VALUES ('delete', 'traffic', OLD.id, OLD.ruas_id, OLD.source_user, CASE WHEN OLD.source_file <> '' THEN OLD.source_file || ':' || OLD.source_row ELSE OLD.source_form END, json_object('id', OLD.id, 'ruas_id', OLD.ruas_id, 'year', OLD.year, 'lhr', OLD.lhr, 'by_class', OLD.by_class, 'source_file', OLD.source_file, 'source_row', OLD.source_row, 'source_form', OLD.source_form, 'source_user', OLD.source_user, 'recorded_at', OLD.recorded_at, 'verif', OLD.verif, 'verif_by', OLD.verif_by, 'verif_at', OLD.verif_at, 'verif_note', OLD.verif_note), NULL);
END;
