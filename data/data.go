// Package data holds what the program embeds that is data, not code: the
// SQLite migrations, the reference code tables (regions, surfaces,
// sub-kegiatan per nomenclature version), and the versioned rule and cost
// tables. Engineers change behaviour by editing these files, each of which
// carries a version name so results can say which rules produced them.
package data

import "embed"

// FS is the embedded tree: migrations/*.sql, ref/*.csv, ref/*.csv.gz,
// rules/*.json.
//
// ref/wilayah_kepmendagri_2025.csv.gz is every Kemendagri region code and
// name of Kepmendagri No 300.2.2-2138 Tahun 2025 (provinsi, kabupaten/kota,
// kecamatan, desa/kelurahan: 91,599 rows), gzip-compressed, no value
// changed, from github.com/cahyadsn/wilayah db/wilayah.sql @ b7ad440a1322
// (MIT; the codes themselves are a public regulation).
//
//go:embed migrations/*.sql pgmigrations/*.sql ref/*.csv ref/*.csv.gz rules/*.json
var FS embed.FS
