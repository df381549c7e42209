// Package data holds what the program embeds that is data, not code: the
// SQLite migrations, the reference code tables (regions, surfaces,
// sub-kegiatan per nomenclature version), and the versioned rule and cost
// tables. Engineers change behaviour by editing these files, each of which
// carries a version name so results can say which rules produced them.
package data

import "embed"

// FS is the embedded tree: migrations/*.sql, ref/*.csv, rules/*.json.
//
//go:embed migrations/*.sql ref/*.csv rules/*.json
var FS embed.FS
