package netfile

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Field is what a column holds, in the register's vocabulary. Mapping files
// name fields by these codes.
type Field string

// The fields a column can map to. Lengths are in metres unless the header
// or the mapping file says km.
const (
	FRegion        Field = "region"
	FNo            Field = "no_ruas"
	FName          Field = "name"
	FStatus        Field = "status"
	FFungsi        Field = "fungsi"
	FSurface       Field = "surface" // surface code or free text
	FSurfaceText   Field = "surface_text"
	FWidth         Field = "width_m"
	FLength        Field = "length_m"
	FKabupaten     Field = "kabupaten"
	FKecamatan     Field = "kecamatan"
	FKecamatanCode Field = "kecamatan_code"
	FKelurahan     Field = "kelurahan"
	FKelurahanCode Field = "kelurahan_code"
	FYearBuilt     Field = "year_built"
	FDesignLife    Field = "design_life"
	FNotes         Field = "notes"
	FSurveyDate    Field = "survey_date"
	FDateBasis     Field = "date_basis"
	FScheme        Field = "scheme"
	FPart1         Field = "part1" // metres in the row's scheme's first class
	FPart2         Field = "part2"
	FPart3         Field = "part3"
	FPart4         Field = "part4"
	FBaik          Field = "baik" // metres per named condition class
	FSedang        Field = "sedang"
	FRusakRingan   Field = "rusak_ringan"
	FRusakSedang   Field = "rusak_sedang"
	FRusakBerat    Field = "rusak_berat"
	FLatStart      Field = "lat_start"
	FLngStart      Field = "lng_start"
	FLatEnd        Field = "lat_end"
	FLngEnd        Field = "lng_end"
	FWKT           Field = "wkt"
	// Segment surveys (one row per STA range, see segment.go) and unit
	// measurements; a row of a ruas file with these and no STA columns is a
	// whole-link unit.
	FStaFrom    Field = "sta_from"       // chainage, "2+500" or metres
	FStaTo      Field = "sta_to"         // chainage, "2+500" or metres
	FKmFrom     Field = "km_from"        // chainage in km ("2,5" or "2+500")
	FKmTo       Field = "km_to"          // chainage in km
	FLane       Field = "lane"           // lane code; lanes of one range are averaged
	FSurveyYear Field = "survey_year"    // a year standing for the survey date
	FIRI        Field = "iri"            // m/km
	FSDI        Field = "sdi"            // as computed by the source; used when the four items are absent
	FPCI        Field = "pci"            // 0–100, kept
	FCrackArea  Field = "crack_area_pct" // % of the unit's area
	FCrackWidth Field = "crack_width_mm" // mm
	FPotholes   Field = "potholes"       // count in the unit
	FRut        Field = "rut_cm"         // cm
	FIgnore     Field = "-"              // a column to leave out without a warning
)

// aliases maps normalised header names (see normHeader) to fields.
var aliases = map[string]Field{}

// ignored are normalised names of columns that are read-only figures of the
// register's own exports or row counters: left out without a warning.
var ignored = map[string]bool{}

func init() {
	add := func(f Field, names ...string) {
		for _, n := range names {
			aliases[n] = f
		}
	}
	add(FRegion, "region", "kodewilayah", "kodedaerah", "kodekabkota", "kodekabupatenkota")
	add(FNo, "noruas", "nomor", "nomorruas", "noruasjalan", "nomorruasjalan", "koderuas", "nomorjalan",
		"linkid", "linkno", "nolink", "kodelink", "idruas", "linknumber", "linkcode")
	add(FName, "name", "nama", "namaruas", "namaruasjalan", "namaruasjalandesa", "ruas", "ruasjalan", "namajalan", "namajalandesa", "namaruasjalankabupaten", "namaruasjalankota")
	add(FStatus, "status", "statusjalan", "statusruas")
	add(FFungsi, "fungsi", "fungsijalan")
	add(FSurface, "surface", "jenisperkerasan", "perkerasan", "jenispermukaan", "permukaan", "tipeperkerasan", "jeniskonstruksi", "tipepermukaan")
	add(FSurfaceText, "surfacetext")
	add(FWidth, "width", "lebar", "lebarjalan", "lebarperkerasan", "lebarruas")
	add(FLength, "length", "panjang", "panjangjalan", "panjangruas", "totalpanjang", "totalpanjangjalan", "panjangtotal", "panjangruasjalan")
	add(FKabupaten, "kabupaten", "kabupatenkota", "kabkota", "kotakabupaten", "kab")
	add(FKecamatan, "kecamatan", "kec")
	add(FKecamatanCode, "kecamatancode", "kodekecamatan", "kodekec")
	add(FKelurahan, "kelurahan", "desa", "kelurahandesa", "desakelurahan", "kel", "keldesa", "desakel")
	add(FKelurahanCode, "kelurahancode", "kodekelurahan", "kodedesa", "kodekel")
	add(FYearBuilt, "yearbuilt", "tahunbangun", "tahundibangun", "tahunpembangunan")
	add(FDesignLife, "designlife", "umurrencana")
	add(FNotes, "notes", "keterangan", "catatan", "ket")
	add(FSurveyDate, "surveydate", "tanggalsurvei", "tanggalsurvey", "tglsurvei", "tglsurvey", "tanggal", "waktusurvei", "date")
	add(FDateBasis, "datebasis")
	add(FScheme, "scheme", "skemakondisi")
	add(FPart1, "part1")
	add(FPart2, "part2")
	add(FPart3, "part3")
	add(FPart4, "part4")
	add(FBaik, "baik", "kondisibaik")
	add(FSedang, "sedang", "kondisisedang")
	add(FRusakRingan, "rusakringan", "kondisirusakringan", "rr")
	add(FRusakSedang, "rusaksedang", "kondisirusaksedang", "rs")
	add(FRusakBerat, "rusakberat", "kondisirusakberat", "rb")
	add(FLatStart, "latawal", "lintangawal", "latstart", "latitudeawal", "latpangkal")
	add(FLngStart, "lngawal", "lonawal", "longawal", "bujurawal", "lngstart", "lonstart", "longitudeawal", "lngpangkal")
	add(FLatEnd, "latakhir", "lintangakhir", "latend", "latitudeakhir", "latujung")
	add(FLngEnd, "lngakhir", "lonakhir", "longakhir", "bujurakhir", "lngend", "lonend", "longitudeakhir", "lngujung")
	add(FWKT, "wkt", "geometry", "geometrywkt", "geom")
	add(FStaFrom, "stafrom", "staawal", "stadari", "stamulai", "stastart", "startsta", "fromsta", "stapangkal", "sta1", "chainagefrom", "awalsta")
	add(FStaTo, "stato", "staakhir", "stasampai", "staend", "endsta", "tosta", "staujung", "sta2", "chainageto", "akhirsta")
	add(FKmFrom, "kmfrom", "kmawal", "kmdari", "kmstart", "kmmulai", "kmpangkal")
	add(FKmTo, "kmto", "kmakhir", "kmsampai", "kmend", "kmujung")
	add(FLane, "lane", "lajur", "laneid", "lanecode", "kodelajur", "nolajur", "lajurno")
	add(FSurveyYear, "surveyyear", "tahun", "tahunsurvei", "tahunsurvey", "thn", "thnsurvei", "year", "tahundata")
	add(FIRI, "iri", "nilaiiri", "iriavg", "iriratarata", "irirata", "iriaverage", "iriinternationalroughnessindex")
	add(FSDI, "sdi", "nilaisdi", "surfacedistressindex")
	add(FPCI, "pci", "nilaipci", "pavementconditionindex")
	add(FCrackArea, "crackarea", "crackareapct", "crackareapersen", "luasretak", "retak", "retakluas", "luasretakpct", "persenretak", "retakpersen", "luasretakan")
	add(FCrackWidth, "crackwidth", "crackwidthmm", "lebarretak", "lebarretakmm", "lebarretakan", "retaklebar")
	add(FPotholes, "potholes", "pothole", "lubang", "jumlahlubang", "jmllubang", "lubanglubang", "banyaklubang")
	add(FRut, "rut", "rutcm", "rutdepth", "rutdepthcm", "alur", "alurroda", "kedalamanalur", "kedalamanalurroda", "bekasroda", "rutting")
	for _, n := range []string{"no", "nourut", "kondisi", "kmbaik", "kmsedang", "kmrusakringan", "kmrusakberat",
		"mbaik", "msedang", "mrusakringan", "mrusakberat", "kemantapan", "kemantapanpct", "ruleversions", "mapped",
		"version", "geomlength", "row", "reason", "category", "sourcefile", "sourcerow", "stroke", "strokewidth",
		"strokeopacity", "fill", "fillopacity", "mntp", "mantap", "kmmantap", "tidakmantap", "kondisimantap", "shapelength", "shapeleng"} {
		ignored[n] = true
	}
}

// AllFields lists the field codes a mapping file may use.
func AllFields() []Field {
	seen := map[Field]bool{FIgnore: true}
	out := []Field{FIgnore}
	for _, f := range aliases {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func validField(f Field) bool {
	if f == FIgnore {
		return true
	}
	for _, g := range aliases {
		if g == f {
			return true
		}
	}
	return false
}

// head is a header cell normalised for matching: its name with case,
// spaces, punctuation and unit removed, and the unit ("m", "km" or "").
type head struct {
	name string
	unit string
	year int // a survey year written in the header ("IRI 2024", "BAIK_2023"), or 0
}

// Survey years a header may carry.
const minHeaderYear, maxHeaderYear = 1950, 2100

// headerYear reads a token that is a survey year.
func headerYear(tok string) int {
	if len(tok) != 4 {
		return 0
	}
	y, err := strconv.Atoi(tok)
	if err != nil || y < minHeaderYear || y > maxHeaderYear {
		return 0
	}
	return y
}

// normHeader normalises a header cell: "TOTAL PANJANG JALAN (meter)" →
// {totalpanjangjalan m}, "panjang_km" → {panjang km}, "NO. RUAS" → {noruas}.
func normHeader(s string) head {
	s = strings.ToLower(strings.TrimPrefix(s, "\ufeff"))
	var main, paren strings.Builder
	var h head
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
			paren.Reset()
		case (r == ')' || r == ']') && depth > 0:
			depth--
			if u := unitWord(alnum(paren.String())); u != "" {
				h.unit = u
			}
		case depth > 0:
			paren.WriteRune(r)
		default:
			main.WriteRune(r)
		}
	}
	tokens := strings.FieldsFunc(main.String(), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(tokens) > 1 {
		if u := unitWord(tokens[len(tokens)-1]); u != "" {
			h.unit = u
			tokens = tokens[:len(tokens)-1]
		}
	}
	// A year among several words dates the column: "IRI 2024", "KONDISI
	// BAIK 2023", "2025 IRI"; "IRI2024" (no space) when the rest is a name.
	if len(tokens) > 1 {
		for i, tok := range tokens {
			if y := headerYear(tok); y != 0 {
				h.year = y
				tokens = append(tokens[:i:i], tokens[i+1:]...)
				break
			}
		}
		if h.year != 0 && len(tokens) > 1 {
			if u := unitWord(tokens[len(tokens)-1]); u != "" {
				h.unit = u
				tokens = tokens[:len(tokens)-1]
			}
		}
	}
	h.name = strings.Join(tokens, "")
	if h.year == 0 && len(h.name) > 4 {
		if y := headerYear(h.name[len(h.name)-4:]); y != 0 {
			if _, ok := aliases[h.name[:len(h.name)-4]]; ok {
				h.name, h.year = h.name[:len(h.name)-4], y
			}
		}
	}
	return h
}

func alnum(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

func unitWord(w string) string {
	switch w {
	case "m", "meter", "metre", "meters", "metres", "mtr":
		return "m"
	case "km", "kilometer", "kilometre", "kilometers":
		return "km"
	}
	return ""
}

// knownHeader reports whether a header cell names a field or a column the
// importer deliberately ignores.
func knownHeader(cell string) bool {
	h := normHeader(cell)
	_, ok := aliases[h.name]
	return ok && h.name != "" || ignored[h.name]
}

// headerScanRows is how many rows at the top of a CSV or sheet are searched
// for the header (title and address rows come first in office tables).
const headerScanRows = 30

// findHeader returns the index of the header row and of a sub-header row
// below it (-1 if none). headerRow is 1-based; 0 means find it: the first
// row, among the first headerScanRows, with the most known column names
// (at least two).
func findHeader(rows [][]string, headerRow int, known func(string) bool) (h, sub int, err error) {
	score := func(row []string) int {
		n := 0
		for _, c := range row {
			if strings.TrimSpace(c) != "" && known(c) {
				n++
			}
		}
		return n
	}
	if headerRow > 0 {
		if headerRow > len(rows) {
			return 0, -1, fmt.Errorf("%w: baris judul %d tidak ada; berkas hanya punya %d baris", ErrFormat, headerRow, len(rows))
		}
		h = headerRow - 1
	} else {
		best, bestScore := -1, 1
		for i := 0; i < len(rows) && i < headerScanRows; i++ {
			if s := score(rows[i]); s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			return 0, -1, fmt.Errorf("%w: tidak ada baris judul kolom yang dikenal (NO RUAS, NAMA RUAS, PANJANG, …) di %d baris pertama; "+
				"beri berkas pemetaan (--map) dengan header_row dan columns", ErrFormat, headerScanRows)
		}
		h = best
	}
	sub = -1
	if h+1 < len(rows) {
		top, next := rows[h], rows[h+1]
		n, under := 0, false
		for j, c := range next {
			if strings.TrimSpace(c) == "" || !known(c) {
				continue
			}
			n++
			// A name under a field's name is data or a repeated header,
			// not a group's sub-header (a group label such as "KONDISI"
			// is known but names no field).
			above := cell(top, j)
			under = under || known(above) && !ignored[normHeader(above).name]
		}
		if n >= 2 && !under {
			sub = h + 1
		}
	}
	return h, sub, nil
}

// joinHeader builds the column names from a header row and an optional
// sub-header row: a sub-header cell under a group label becomes
// "GROUP / SUB" (the group's unit applies when the sub-header has none).
func joinHeader(top, sub []string) []string {
	n := max(len(top), len(sub))
	cols := make([]string, n)
	group := ""
	for j := 0; j < n; j++ {
		t, s := cell(top, j), cell(sub, j)
		if t != "" {
			group = t
		}
		switch {
		case s == "":
			cols[j] = t
			group = ""
		case group != "":
			cols[j] = group + " / " + s
		default:
			cols[j] = s
		}
		if cols[j] == "" {
			cols[j] = fmt.Sprintf("kolom %d", j+1)
		}
	}
	return cols
}

func cell(row []string, j int) string {
	if j < len(row) {
		return strings.TrimSpace(row[j])
	}
	return ""
}

// columnHead matches a column name: for "GROUP / SUB" names, the sub-header
// decides the field and the group supplies a unit the sub-header lacks.
func columnHead(col string) head {
	if g, s, ok := strings.Cut(col, " / "); ok {
		hs := normHeader(s)
		if hs.unit == "" {
			hs.unit = normHeader(g).unit
		}
		return hs
	}
	return normHeader(col)
}

// isColumnNumberRow reports a row of column numbers under the header
// ("1", "2", "3" … or "(1)", "(2)" …), common in government tables.
func isColumnNumberRow(row []string) bool {
	n := 0
	for j, c := range row {
		c = strings.Trim(strings.TrimSpace(c), "()")
		if c == "" {
			continue
		}
		v, err := strconv.Atoi(c)
		if err != nil || v != j+1 {
			return false
		}
		n++
	}
	return n >= 3
}

// totalsRow reports a "JUMLAH" / "TOTAL" row at the foot of a table.
func totalsRow(row []string) (string, bool) {
	for _, c := range row {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		n := alnum(c)
		if strings.HasPrefix(n, "jumlah") || n == "total" || n == "grandtotal" || n == "totalkeseluruhan" || n == "subtotal" {
			return c, true
		}
		return "", false
	}
	return "", false
}
