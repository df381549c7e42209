-- 001: the road register: ruas, surveys, works, traffic.

CREATE TABLE ruas (
    id              INTEGER PRIMARY KEY,
    region          TEXT NOT NULL,
    no_ruas         TEXT NOT NULL,
    name            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT '',
    fungsi          TEXT NOT NULL DEFAULT '',
    surface         TEXT NOT NULL,
    surface_text    TEXT NOT NULL DEFAULT '',
    width_m         REAL NOT NULL DEFAULT 0,
    length_m        REAL NOT NULL DEFAULT 0,
    geom            BLOB,                      -- WKB, WGS84
    geom_length_m   REAL NOT NULL DEFAULT 0,
    min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
    kabupaten       TEXT NOT NULL DEFAULT '',
    kecamatan_code  TEXT NOT NULL DEFAULT '',
    kecamatan       TEXT NOT NULL DEFAULT '',
    kelurahan_code  TEXT NOT NULL DEFAULT '',
    kelurahan       TEXT NOT NULL DEFAULT '',
    year_built      INTEGER NOT NULL DEFAULT 0,
    design_life     INTEGER NOT NULL DEFAULT 0,
    notes           TEXT NOT NULL DEFAULT '',
    source_file     TEXT NOT NULL DEFAULT '',
    source_row      INTEGER NOT NULL DEFAULT 0,
    source_form     TEXT NOT NULL DEFAULT '',
    source_user     TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL,
    UNIQUE (region, no_ruas)
);
CREATE INDEX ruas_bbox ON ruas (min_lon, max_lon, min_lat, max_lat);
CREATE INDEX ruas_kecamatan ON ruas (kecamatan_code);

CREATE TABLE survey (
    id              INTEGER PRIMARY KEY,
    ruas_id         INTEGER NOT NULL REFERENCES ruas(id) ON DELETE CASCADE,
    date            TEXT NOT NULL,               -- YYYY-MM-DD
    date_basis      TEXT NOT NULL DEFAULT 'survey',
    sta_from_m      REAL NOT NULL,
    sta_to_m        REAL NOT NULL,
    crack_area_pct  REAL,
    crack_width_mm  REAL,
    potholes        REAL,
    rut_cm          REAL,
    iri             REAL,
    pci             REAL,
    scheme          TEXT NOT NULL DEFAULT '',
    part1 REAL NOT NULL DEFAULT 0, part2 REAL NOT NULL DEFAULT 0,
    part3 REAL NOT NULL DEFAULT 0, part4 REAL NOT NULL DEFAULT 0,
    sdi             REAL,
    kondisi         TEXT NOT NULL,
    basis           TEXT NOT NULL,
    rule_version    TEXT NOT NULL,
    steps           TEXT NOT NULL DEFAULT '',   -- derivation, one step a line
    m_baik REAL NOT NULL DEFAULT 0, m_sedang REAL NOT NULL DEFAULT 0,
    m_rusak_ringan REAL NOT NULL DEFAULT 0, m_rusak_berat REAL NOT NULL DEFAULT 0,
    mapping_version TEXT NOT NULL DEFAULT '',
    source_file     TEXT NOT NULL DEFAULT '',
    source_row      INTEGER NOT NULL DEFAULT 0,
    source_form     TEXT NOT NULL DEFAULT '',
    source_user     TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    UNIQUE (ruas_id, date, sta_from_m, sta_to_m)
);
CREATE INDEX survey_ruas_date ON survey (ruas_id, date);

CREATE TABLE works (
    id              INTEGER PRIMARY KEY,
    ruas_id         INTEGER NOT NULL REFERENCES ruas(id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    type            TEXT NOT NULL,
    sta_from_m      REAL NOT NULL,
    sta_to_m        REAL NOT NULL,
    quantity        REAL NOT NULL DEFAULT 0,
    unit            TEXT NOT NULL DEFAULT '',
    cost_rp         REAL NOT NULL DEFAULT 0,
    funding         TEXT NOT NULL DEFAULT '',
    sub_kegiatan    TEXT NOT NULL DEFAULT '',
    nomen_version   TEXT NOT NULL DEFAULT '',
    contract_ref    TEXT NOT NULL DEFAULT '',
    committed       INTEGER NOT NULL DEFAULT 0,
    source_file     TEXT NOT NULL DEFAULT '',
    source_row      INTEGER NOT NULL DEFAULT 0,
    source_form     TEXT NOT NULL DEFAULT '',
    source_user     TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX works_natural ON works (ruas_id, date, type, sta_from_m, sta_to_m, contract_ref);

CREATE TABLE traffic (
    id              INTEGER PRIMARY KEY,
    ruas_id         INTEGER NOT NULL REFERENCES ruas(id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    lhr             REAL NOT NULL,
    by_class        TEXT NOT NULL DEFAULT '',   -- JSON object class → vehicles/day
    source_file     TEXT NOT NULL DEFAULT '',
    source_row      INTEGER NOT NULL DEFAULT 0,
    source_form     TEXT NOT NULL DEFAULT '',
    source_user     TEXT NOT NULL DEFAULT '',
    recorded_at     TEXT NOT NULL,
    UNIQUE (ruas_id, year)
);

-- A plan run: inputs and outputs as JSON, reproducible from its inputs.
CREATE TABLE plan_run (
    id              INTEGER PRIMARY KEY,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL DEFAULT '',
    method          TEXT NOT NULL,
    from_year       INTEGER NOT NULL,
    years           INTEGER NOT NULL,
    snapshot_hash   TEXT NOT NULL,
    inputs          TEXT NOT NULL,   -- JSON
    result          TEXT NOT NULL    -- JSON
);
