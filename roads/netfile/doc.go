// Package netfile reads and writes network files: the road register as
// offices keep it in GeoJSON, CSV and XLSX. It turns a file's rows into
// ruas and link-level condition surveys, checks every row, and reports each
// problem with its file, row, column, value, a category code and the fix;
// it writes the register back out in the same three formats.
//
// # Reading
//
// A file is read into a Table: its column names and its rows as text (plus
// each feature's geometry for GeoJSON). Rows are numbered from 1 for the
// first row below the header, in every format ("data row"); messages also
// give the line (CSV) or sheet row (XLSX) where that helps. The header row
// is found among the first rows of a CSV or sheet (title rows above it are
// skipped), a second header row under a merged group cell ("KONDISI" over
// BAIK, SEDANG, …) is joined to it, and a row of column numbers (1, 2, 3, …)
// under the header is skipped. CSV files may use , ; tab or | as the
// delimiter and may be UTF-8 (with or without BOM) or, failing that,
// Latin-1. Totals rows ("JUMLAH", "TOTAL") at the foot of a table are
// skipped with a warning and not counted as data rows.
//
// # Columns
//
// Headers are matched without regard to case, spaces or punctuation, and
// a unit suffix — "(meter)", "(m)", "(km)", "_m", "_km" — is read and
// honoured: a length, width or condition column in km is converted to
// metres. Recognised headers include NO RUAS / NOMOR / NO_RUAS, NAMA RUAS /
// NAMA RUAS JALAN DESA / RUAS / NAMA JALAN, PANJANG / TOTAL PANJANG JALAN,
// LEBAR, JENIS PERKERASAN, BAIK / SEDANG / RUSAK RINGAN / RUSAK SEDANG /
// RUSAK BERAT, KABUPATEN, KECAMATAN, KELURAHAN / DESA, STATUS, FUNGSI,
// LAT/LNG AWAL/AKHIR, TANGGAL SURVEI, KETERANGAN and the register's own
// column names written by the exporter (see Columns). A bare "NO" is a row
// counter, not a ruas number. Any other layout is described by a mapping
// file (see Mapping): column → field, plus constants (region, scheme, survey
// date, status, units).
//
// Numbers may be written the Indonesian way (1.234,5) or the English way
// (1,234.5); with a single separator, a comma is the decimal mark when the
// file's delimiter is not a comma, and a lone dot is always a decimal mark
// ("1.234" reads 1.234, so write lengths in metres without thousands
// separators, or use a km column). A dash ("-") means empty.
//
// # Keys
//
// A row with a ruas number gets Key{Region, No}. Region is, in order: the
// --region option, the mapping file's region, the file's region column, or
// — when none is given — the file's base name upper-cased (e.g.
// "BOJONEGORO_RUASKAB"), with a region_default warning: the numbers are
// then taken as numbered within that file, so two files that number their
// links separately (Bojonegoro's kabupaten roads and town streets both
// start at 1) do not overwrite each other. Numbers are kept as written
// ("1" and "001" differ).
//
// A row without a ruas number (village inventories such as the Jawa Barat
// file) gets a stable, readable key built from its administrative names
// and road name: Region is the kabupaten name upper-cased and trimmed
// ("BANDUNG"; the option, mapping or file name when the file has no
// kabupaten column) and No is "KECAMATAN/DESA/road name" with each part
// trimmed and its spaces collapsed (empty parts left out), e.g.
// "ARJASARI/ANCOLMEKAR/Jln. Cilengkrang-Leuwicariu".
//
// Two rows with the same key (compared without regard to case and spacing)
// are duplicates: the later row is rejected (duplicate_key) naming the
// first. In GeoJSON, features with the same key whose register fields are
// all equal and that carry no condition data are pieces of one hand-
// digitised ruas: their lines are joined into one MultiLineString and each
// piece counts as imported (pieces_merged warning).
//
// # Values
//
// Free-text surfaces are mapped through roads.Ref().MapSurface. A text the
// alias table cannot place is not an error: the ruas is stored with
// Surface = tidak_terinci and SurfaceText keeping the text, and the text is
// reported once per file as a surface_unmapped warning with its row count,
// so that an engineer can add the alias (data/ref/surface_alias.csv) and
// re-import. An empty surface is a surface_missing warning.
//
// Condition columns make each row also a link-level roads.Survey with its
// Scheme and Parts in the scheme's class order: a RUSAK SEDANG column means
// the village scheme roads.SchemeDesa4 (Baik, Rusak Ringan, Rusak Sedang,
// Rusak Berat); BAIK / SEDANG / RUSAK RINGAN / RUSAK BERAT without it means
// Bina Marga (roads.SchemeBinaMarga). A mapping file can force the scheme.
// The survey date comes from a date column, else the survey-date option or
// mapping constant, else the import date with DateBasis roads.DateFromImport.
// Importing the same undated file again later gives its surveys the date
// of the first import (the same observation), so a re-import changes
// nothing.
//
// Kemendagri codes are filled from names (roads.Ref().PlaceByName) for
// regions in the reference table (every Kemendagri code) when the file has no
// code columns; an unknown name is a place_unknown warning. A name column
// called "… JALAN DESA" marks the rows as status desa unless the file has a
// status column or the mapping sets one.
//
// # Lengths and geometry
//
// GeoJSON LineString and MultiLineString geometries are kept as given; the
// store measures them (orb/geo). CSV and XLSX files may carry a WKT column,
// or LAT/LNG AWAL/AKHIR end points, which become a two-point LineString
// marked in Notes as "garis lurus awal–akhir (indikatif)". The official
// length (Ruas.LengthM) comes from PANJANG/TOTAL when given; otherwise it
// stays 0 (unknown) and figures use the geometry's length
// (roads.Ruas.Length). A straight line between end points is not a
// measurement: a row that has neither a length nor a file geometry is
// rejected (total_missing), and so is a row with condition metres but no
// total to check them against. The condition metres must add up to the
// total within roads.PartsTolerance (parts_sum). A village (desa) road
// longer than MaxDesaLengthM, or any road longer than
// roads.MaxRuasLengthM, is rejected as implausible (total_implausible).
//
// Rows with no or incomplete end points are imported without geometry with
// a no_coordinates warning; the coordinates they do give are kept in Notes.
// Coordinates are checked generically: a point outside Indonesia's bounding
// box (IndonesiaBound), or an end point more than FarFromGroupM from the
// median of the rows of the same kabupaten (or region) in the file, means
// a sign, order or typing error. Such rows are rejected
// (coordinates_outside) rather than stored with a wrong line or silently
// without one: the rejects file keeps them for correction.
//
// # Writing
//
// The exporter writes every register field of each ruas (Columns) and its
// latest condition (roads.LatestSurvey, roads.ConditionOf): class, km per
// Bina Marga class, kemantapan, survey date and basis, rule and mapping
// versions, whether a mapping was used, and — when the latest condition is
// one link-level record — its scheme and raw parts, so that importing an
// export into an empty register gives the same register. GeoJSON carries
// the geometry; CSV and XLSX carry it as WKT with full float precision in
// a "wkt" column (an XLSX cell holds at most 32,767 characters; a longer
// geometry is left out of that cell and counted in the result, so use
// GeoJSON or CSV for such networks).
package netfile
