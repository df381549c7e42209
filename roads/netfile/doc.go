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
// delimiter; CSV and GeoJSON may be UTF-8 (with or without BOM), UTF-16
// with a BOM, or, failing those, Windows-1252, and the report says which
// encoding was read when it was not plain UTF-8 (see encoding.go:
// invisible control characters are removed from cells and text that looks
// converted twice, "â€“" for "–", is warned with row and column). Totals rows ("JUMLAH", "TOTAL") at the foot of a table are
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
// date, status, fungsi, surface, width, units).
//
// Numbers may be written the Indonesian way (1.234,5) or the English way
// (1,234.5), by the rule of package locale: a text whose separators show
// the decimal mark reads as written, and the ambiguous "1.234" is decided
// by its whole column (Table.Number): beside "2.400,5", "1.250.000", "1,25"
// or "980" it is 1234, beside "6.5" it is 1.234, and a column nothing
// decides refuses the file by name until the user chooses (Options.Decimal,
// --decimal, or "decimal"/"decimals" in the mapping). XLSX number cells and
// GeoJSON numbers are numbers already and are never re-read. A length or
// width that looks 1,000 times off is warned (plausible.go). A dash ("-")
// means empty.
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
// # Unit surveys, segment files and survey years
//
// Columns IRI, SDI, PCI and the SDI items — LUAS RETAK (crack area %),
// LEBAR RETAK (crack width mm), LUBANG (potholes in the unit), ALUR (rut
// depth cm) — make unit surveys, derived with the condition rule table as
// form surveys are (a source's SDI is used only when the four items are
// not given). In a ruas file (no STA columns) such a row is one unit over
// the whole ruas. A file with STA AWAL/AKHIR (STA_FROM/STA_TO; "2+500" is
// 2,500 m) or KM AWAL/AKHIR (km) columns and unit measurements (or no
// road-name column: beside a name and condition metres, KM AWAL/AKHIR are
// a link's kilometre posts) is a segment file: each row is a
// unit of a ruas named by LINKID / NO RUAS / KODE RUAS, which must be in
// the register or in a ruas file of the same import (ruas_unknown
// otherwise; with no region given, the number is looked up in every
// region and must be unique). Lanes of one range are averaged into one
// unit (see segment.go for why); ranges of one ruas and date must not
// overlap.
//
// A year in a column's header ("IRI 2023", "IRI_2024", "BAIK_2024",
// "KONDISI BAIK 2023") dates that column: each year gives its own survey.
// A TAHUN column dates a row's survey. A year alone stands for 1 July of
// it (roads.YearDate) with DateBasis roads.DateFromYear; in a long file
// (one row per ruas and year) rows of one ruas with different survey
// dates are surveys of that ruas, not duplicates. A mapping says the same
// with "field:YEAR" ("iri:2024"). Derived figures of other systems
// (MNTP/MANTAP, SHAPE_Length) are left out.
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
// box (IndonesiaBound), or an end point more than FarRejectM from the
// median of the rows of the same kabupaten (or region) in the file, means
// a sign, order or typing error. Such rows are rejected
// (coordinates_outside) rather than stored with a wrong line or silently
// without one: the rejects file keeps them for correction. An end point
// between FarFromGroupM and FarRejectM away is imported with a
// coordinates_far warning (real links of a large kabupaten lie there).
// Options.Boundary, when set, refuses points more than BoundaryToleranceM
// outside the office's area. A drawn line over twice or under half its
// stated length (length_mismatch) and a closed ring passed off as a centre
// line (closed_line) are warned. Options.NoGeometry imports a polygon (or
// any) inventory's attributes without its geometry; Options.MergePieces
// joins rows of one file with the same key into one MultiLineString (the
// length is the pieces' sum when they state different lengths).
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
