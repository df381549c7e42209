package netfile

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// MaxDesaLengthM bounds a plausible village (desa) road link, in metres.
// Village links run from tens of metres to a few km; in the Jawa Barat
// inventory ten of 32,340 rows claim more than 25 km (28 km to 391 km),
// against a 99th percentile of about 5 km. A longer desa link is refused
// as implausible (most likely a unit or typing error, or a whole network
// entered as one row); other statuses are bounded by roads.MaxRuasLengthM.
const MaxDesaLengthM = 25_000.0

// FarFromGroupM is how far (m) an end point may lie from the median of the
// located rows of its kabupaten (or region) in the same file before it is
// warned (coordinates_far): a kabupaten spans at most about 100 km from
// its middle in Java, but real links of Nunukan (Krayan) lie 100–212 km
// from their kabupaten's median, so a point this far is imported with a
// warning. Beyond FarRejectM it is taken for a coordinate error.
const FarFromGroupM = 100_000.0

// FarRejectM is how far (m) from its kabupaten's median an end point is
// refused (coordinates_outside): a swapped sign or digit moves a point
// hundreds of km, while the largest kabupaten reach about 220 km.
const FarRejectM = 250_000.0

// BoundaryToleranceM is how far (m) outside Options.Boundary a point may
// lie before it is refused: the register's one tolerance.
const BoundaryToleranceM = roads.BoundaryToleranceM

// minGroupRows is the number of located rows a kabupaten needs in a file
// before its median is trusted as a reference.
const minGroupRows = 10

// IndonesiaBound is a box around Indonesia (94°–142° E, 11.5° S–6.5° N):
// a point outside it is not on an Indonesian road.
var IndonesiaBound = orb.Bound{Min: orb.Point{94, -11.5}, Max: orb.Point{142, 6.5}}

// StraightLineNote marks a geometry drawn from the two end points only.
const StraightLineNote = "garis lurus awal–akhir (indikatif)"

// Options steer an import.
type Options struct {
	Region string // region code for numbered rows (--region)
	// DefaultRegion is the region of numbered rows that name none (no
	// Region, mapping region or region column): the office's region.
	// Empty: the file's name, with a region_default warning.
	DefaultRegion string
	SurveyDate    time.Time // survey date for rows without one (--survey-date); zero = none
	Mapping       *Mapping  // nil = recognised headers only
	// SkipInvalid writes the valid rows and a rejects file; otherwise any
	// invalid row stops the import with nothing written.
	SkipInvalid bool
	DryRun      bool      // check only; write nothing
	Now         time.Time // the import time (records' Source.At); zero = time.Now()
	// User is who imports (records' Source.User), so the audit trail names them.
	User string
	// Progress, if set, hears how far the import is: stage "read" (files
	// read), "check" (rows checked) and "write" (records written).
	Progress func(stage string, done, total int)
	// NoGeometry leaves every geometry out (--no-geometry): a polygon
	// inventory's attributes are imported and its outlines are not.
	NoGeometry bool
	// MergePieces joins rows of one file with the same ruas key (GIS
	// exports cut a ruas into pieces) into one MultiLineString instead of
	// refusing the later ones as duplicates (--merge-pieces).
	MergePieces bool
	// Boundary, when set, is the office's area (Polygon or MultiPolygon,
	// WGS84): an end point more than BoundaryToleranceM outside it is
	// refused. Nil: the generic checks (Indonesia, distance from the rest).
	Boundary orb.Geometry
	// Decimal is the decimal mark of every file (--decimal), for columns
	// whose "1.250" nothing in the file decides; AnyDecimal = decide per
	// column, refusing a column nothing decides.
	Decimal locale.Decimal
	// Limits bound the files (limits.go); the zero value = DefaultLimits.
	Limits Limits
}

type fileState struct {
	t           *Table
	l           *layout
	rep         *FileReport
	rows        []*rowResult
	defRegion   string // the file's name, standing in for a missing region
	defaulted   int    // rows keyed with defRegion
	agg         map[string]*Problem
	aggOrder    []string
	geomIgnored int // rows whose geometry --no-geometry left out
	// surfaces memoises MapSurface per text (a file repeats a few texts).
	surfaces map[string]struct {
		s  roads.Surface
		ok bool
	}
}

type endPoint struct {
	p      orb.Point
	column string
}

// rowResult is one data row on its way into the register.
type rowResult struct {
	f    *fileState
	rec  *Record
	ruas *roads.Ruas // nil for a segment row
	// surveys are the surveys the row gives (several with survey years in
	// the header).
	surveys     []*rowSurvey
	seg         *segment // segment rows: the ruas referred to and the STA range
	errs, warns []Problem
	dup         string // key for duplicate detection: case and spacing folded
	group       string // kabupaten (or region) for the coordinate check
	ends        []endPoint
	fileGeom    bool       // geometry from the file, not drawn from end points
	primary     *rowResult // the row this GeoJSON piece was merged into
	pieces      []*rowResult
	// owner is the first row of the same ruas in a long file (one row per
	// survey year or date): this row gives only surveys of that ruas.
	owner *rowResult
	years []*rowResult // the rows owned
}

func (rr *rowResult) problem(col, val, cat, msg string) Problem {
	return Problem{Row: rr.rec.Row, Line: rr.rec.Line, Column: col, Value: val, Category: cat, Message: msg}
}

func (rr *rowResult) fail(col, val, cat, msg string) {
	rr.errs = append(rr.errs, rr.problem(col, val, cat, msg))
}

func (rr *rowResult) warn(col, val, cat, msg string) {
	rr.warns = append(rr.warns, rr.problem(col, val, cat, msg))
}

func (rr *rowResult) failed(cat string) bool {
	for _, e := range rr.errs {
		if e.Category == cat {
			return true
		}
	}
	return false
}

// aggregate counts a warning that repeats across rows with one value.
func (fs *fileState) aggregate(row int, col, val, cat, msg string) {
	k := cat + "\x00" + val
	if p, ok := fs.agg[k]; ok {
		p.Count++
		return
	}
	fs.agg[k] = &Problem{Row: row, Column: col, Value: val, Category: cat, Message: msg, Count: 1}
	fs.aggOrder = append(fs.aggOrder, k)
}

func newFileState(t *Table, l *layout, rep *FileReport) *fileState {
	base := strings.TrimSuffix(t.File, filepath.Ext(t.File))
	return &fileState{t: t, l: l, rep: rep, agg: map[string]*Problem{}, surfaces: map[string]struct {
		s  roads.Surface
		ok bool
	}{},
		defRegion: strings.ReplaceAll(strings.ToUpper(collapse(base)), "/", "-")}
}

// convertRow turns one record into a ruas (and a survey when the file has
// condition columns) and records every problem it finds on the way.
func (c *converter) convertRow(fs *fileState, rec *Record) *rowResult {
	l, t, m := fs.l, fs.t, c.opt.Mapping
	rr := &rowResult{f: fs, rec: rec}
	col := func(j int) string {
		if j < 0 {
			return ""
		}
		return t.Columns[j]
	}
	text, numIn := rowReaders(rr)
	num := func(f Field) (float64, bool) { return numIn(l.cols, f) }
	if l.segment() {
		c.convertSegment(rr, text, numIn)
		return rr
	}
	integer := func(f Field) int {
		v, j := l.value(rec, f)
		n, _, err := parseInt(v, t.Comma)
		if err != nil {
			rr.fail(col(j), v, CatValue, "bukan bilangan bulat; tulis mis. 2019")
		}
		return n
	}

	// Key.
	r := &roads.Ruas{Name: text(FName), Kabupaten: text(FKabupaten), Kecamatan: text(FKecamatan), Kelurahan: text(FKelurahan),
		KecamatanCode: text(FKecamatanCode), KelurahanCode: text(FKelurahanCode), Notes: text(FNotes),
		Source: roads.Source{File: t.File, Row: rec.Row, At: c.now, User: c.opt.User}}
	if r.Kabupaten == "" && m != nil {
		r.Kabupaten = m.Kabupaten
	}
	region := func() string {
		switch {
		case c.opt.Region != "":
			return c.opt.Region
		case m != nil && m.Region != "":
			return m.Region
		}
		if v := text(FRegion); v != "" {
			return v
		}
		if c.opt.DefaultRegion != "" {
			return c.opt.DefaultRegion
		}
		fs.defaulted++
		return fs.defRegion
	}
	no := collapse(text(FNo))
	switch {
	case no != "":
		r.Key = roads.Key{Region: region(), No: no}
		if r.Name == "" {
			_, j := l.value(rec, FName)
			rr.fail(col(j), "", CatNameMissing, "nama ruas kosong; isi nama jalan")
		}
	case r.Name == "":
		rr.fail("", "", CatKeyMissing, "baris tanpa nomor ruas dan tanpa nama jalan; isi salah satu, atau hapus baris ini")
	default:
		reg := strings.ReplaceAll(strings.ToUpper(collapse(r.Kabupaten)), "/", "-")
		if reg == "" {
			reg = region()
		}
		var parts []string
		for _, p := range []string{r.Kecamatan, r.Kelurahan, r.Name} {
			if p = collapse(p); p != "" {
				parts = append(parts, p)
			}
		}
		r.Key = roads.Key{Region: reg, No: strings.Join(parts, "/")}
	}
	rr.dup = strings.ToUpper(r.Key.Region) + "\x00" + strings.ToUpper(r.Key.No)
	rr.group = strings.ToUpper(collapse(r.Kabupaten))
	if rr.group == "" {
		rr.group = strings.ToUpper(r.Key.Region)
	}

	// Register fields.
	if v := text(FStatus); v != "" {
		s, err := parseStatus(v)
		if err != nil {
			_, j := l.value(rec, FStatus)
			rr.fail(col(j), v, CatValue, "status harus nasional, provinsi, kabupaten, kota atau desa")
		}
		r.Status = s
	} else if m != nil && m.Status != "" {
		r.Status = m.Status
	} else if l.desaName {
		r.Status = roads.Desa
	}
	if v := text(FFungsi); v != "" {
		f, err := roads.ParseFungsi(strings.TrimPrefix(strings.ToLower(v), "jalan "))
		if err != nil {
			_, j := l.value(rec, FFungsi)
			rr.fail(col(j), v, CatValue, "fungsi harus arteri, kolektor, lokal atau lingkungan")
		}
		r.Fungsi = f
	} else if m != nil {
		r.Fungsi = m.Fungsi
	}
	c.surface(rr, r, text)
	if w, ok := num(FWidth); !ok && m != nil && m.WidthM > 0 {
		r.WidthM = m.WidthM
	} else if ok {
		r.WidthM = w
		if w < 0 || w > 60 {
			_, j := l.value(rec, FWidth)
			rr.fail(col(j), fmtNum(w), CatValue, "lebar jalan harus 0–60 m; periksa satuannya (meter)")
		}
	}
	if r.YearBuilt = integer(FYearBuilt); r.YearBuilt != 0 && (r.YearBuilt < 1800 || r.YearBuilt > c.now.Year()+5) {
		_, j := l.value(rec, FYearBuilt)
		rr.fail(col(j), strconv.Itoa(r.YearBuilt), CatValue, fmt.Sprintf("tahun bangun harus 1800–%d atau kosong", c.now.Year()+5))
	}
	if r.DesignLife = integer(FDesignLife); r.DesignLife < 0 || r.DesignLife > 100 {
		_, j := l.value(rec, FDesignLife)
		rr.fail(col(j), strconv.Itoa(r.DesignLife), CatValue, "umur rencana harus 1–100 tahun, atau kosong untuk nilai baku jenis perkerasan")
	}
	c.places(rr, r)

	// Geometry, then lengths and condition.
	notes := c.geometry(rr, r, num)
	if length, ok := num(FLength); ok {
		r.LengthM = length
	}
	if len(notes) > 0 {
		r.Notes = strings.Join(append(nonEmpty(r.Notes), notes...), "; ")
	}
	rr.ruas = r
	conds := c.conditions(rr, numIn, text)
	c.lengths(rr, conds)
	c.surveys(rr, conds, numIn, text)
	return rr
}

// rowReaders returns the row's text and number readers. Names are kept as
// written (trimmed); numbers in a km column are converted to metres.
func rowReaders(rr *rowResult) (text func(Field) string, num numFunc) {
	l, t, rec := rr.f.l, rr.f.t, rr.rec
	text = func(f Field) string {
		v, _ := l.value(rec, f)
		if isEmpty(v) {
			return ""
		}
		return strings.TrimSpace(v)
	}
	num = func(cs colset, f Field) (float64, bool) {
		v, j := cs.value(rec, f)
		x, ok, err := t.Number(rec, j)
		if err != nil {
			column := ""
			if j >= 0 {
				column = t.Columns[j]
			}
			rr.fail(column, v, CatValue, "bukan angka; tulis angka saja, mis. 1250 atau 1250,5")
			return 0, false
		}
		if ok && lengthFields[f] && l.unit[j] == "km" {
			x *= 1000
		}
		return x, ok
	}
	return text, num
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func parseStatus(v string) (roads.Status, error) {
	n := strings.TrimSpace(strings.TrimPrefix(strings.ToLower(collapse(v)), "jalan "))
	switch strings.TrimSuffix(n, ".") {
	case "kab", "kabupaten":
		n = "kabupaten"
	case "prov", "propinsi":
		n = "provinsi"
	case "nas", "negara":
		n = "nasional"
	}
	return roads.ParseStatus(n)
}

// surface maps the surface text onto a class; unmapped texts are kept.
func (c *converter) surface(rr *rowResult, r *roads.Ruas, text func(Field) string) {
	l := rr.f.l
	sv := text(FSurface)
	if sv == "" && c.opt.Mapping != nil && c.opt.Mapping.Surface != "" {
		sv = c.opt.Mapping.Surface
	}
	_, j := l.value(rr.rec, FSurface)
	column := ""
	if j >= 0 {
		column = rr.f.t.Columns[j]
	}
	if l.has(FSurfaceText) {
		r.SurfaceText = text(FSurfaceText)
	} else {
		r.SurfaceText = sv
	}
	r.Surface = roads.Unknown
	switch {
	case sv == "" && l.has(FSurface):
		rr.f.aggregate(rr.rec.Row, column, "", CatSurfaceMissing, "jenis perkerasan kosong; disimpan sebagai tidak_terinci")
	case sv != "":
		m, seen := rr.f.surfaces[sv]
		if !seen {
			m.s, m.ok = roads.Ref().MapSurface(sv)
			rr.f.surfaces[sv] = m
		}
		s, ok := m.s, m.ok
		r.Surface = s
		if !ok {
			rr.f.aggregate(rr.rec.Row, column, sv, CatSurfaceUnmapped,
				"jenis perkerasan tidak dikenal; disimpan sebagai tidak_terinci dengan teks aslinya. Tambahkan alias di data/ref/surface_alias.csv lalu impor ulang")
		}
	}
}

// places fills Kemendagri codes from names for regions in the reference
// table, when the file has no code columns.
func (c *converter) places(rr *rowResult, r *roads.Ruas) {
	l := rr.f.l
	parent := refRegion(r.Key.Region, r.Kabupaten)
	if parent == "" {
		return
	}
	if !l.has(FKecamatanCode) && r.Kecamatan != "" {
		if w, ok := roads.Ref().PlaceByName("kecamatan", r.Kecamatan, parent); ok {
			r.KecamatanCode = w.Code
		} else {
			_, j := l.value(rr.rec, FKecamatan)
			rr.warn(rr.f.t.Columns[j], r.Kecamatan, CatPlaceUnknown, "kecamatan tidak ada di tabel kode wilayah; nama disimpan tanpa kode")
		}
	}
	if !l.has(FKelurahanCode) && r.Kelurahan != "" {
		p := r.KecamatanCode
		if p == "" {
			p = parent
		}
		if w, ok := roads.Ref().PlaceByName("kelurahan", r.Kelurahan, p); ok {
			r.KelurahanCode = w.Code
		} else {
			_, j := l.value(rr.rec, FKelurahan)
			rr.warn(rr.f.t.Columns[j], r.Kelurahan, CatPlaceUnknown, "kelurahan tidak ada di tabel kode wilayah (di kecamatan itu); nama disimpan tanpa kode")
		}
	}
}

// refRegion returns the Kemendagri code of a kabupaten/kota in the
// reference table named by code or by name, or "".
func refRegion(region, kabupaten string) string {
	ref := roads.Ref()
	if w, ok := ref.Place(region); ok && (w.Level == roads.LevelKota || w.Level == roads.LevelKabupaten) {
		return w.Code
	}
	if k := collapse(kabupaten); k != "" {
		if w, ok := ref.PlaceByName(roads.LevelKabupaten, k, ""); ok {
			return w.Code
		}
	}
	return ""
}

// geometry sets r.Geometry from the feature, a WKT column or the end-point
// columns, checks every point, and returns notes to add.
func (c *converter) geometry(rr *rowResult, r *roads.Ruas, num func(Field) (float64, bool)) []string {
	l, rec := rr.f.l, rr.rec
	if c.opt.NoGeometry {
		if rec.Geometry != nil || rec.GeomErr != "" || l.has(FWKT) || l.hasCoordinates() {
			rr.f.geomIgnored++
		}
		return nil
	}
	switch {
	case rec.GeomErr != "":
		rr.fail("geometry", "", CatGeometry, rec.GeomErr)
		return nil
	case rec.Geometry != nil:
		r.Geometry = rec.Geometry
	case l.has(FWKT) && !isEmpty(func() string { v, _ := l.value(rec, FWKT); return v }()):
		v, j := l.value(rec, FWKT)
		g, err := wkt.Unmarshal(v)
		if err == nil {
			switch g.(type) {
			case orb.LineString, orb.MultiLineString:
			default:
				err = fmt.Errorf("bertipe %s", g.GeoJSONType())
			}
		}
		if err != nil {
			rr.fail(rr.f.t.Columns[j], v, CatGeometry, fmt.Sprintf("WKT tidak terbaca sebagai LINESTRING atau MULTILINESTRING (%v)", err))
			return nil
		}
		r.Geometry = g
	case l.hasCoordinates():
		return c.endPoints(rr, r, num)
	case rr.f.t.Format == "geojson":
		rr.warn("geometry", "", CatNoCoordinates, "fitur tanpa geometri; ruas diimpor tanpa geometri")
		return nil
	case l.has(FWKT):
		_, j := l.value(rec, FWKT)
		rr.warn(rr.f.t.Columns[j], "", CatNoCoordinates, "WKT kosong; ruas diimpor tanpa geometri")
		return nil
	default:
		return nil
	}
	rr.fileGeom = true
	var lines []orb.LineString
	switch g := r.Geometry.(type) {
	case orb.LineString:
		lines = []orb.LineString{g}
	case orb.MultiLineString:
		lines = g
	}
	for _, ln := range lines {
		if len(ln) < 2 {
			rr.fail("geometry", "", CatGeometry, "setiap garis perlu minimal dua titik")
			return nil
		}
		for _, p := range ln {
			if !c.inside(rr, p, "geometry") {
				return nil
			}
		}
		if len(ln) >= 4 && ln[0] == ln[len(ln)-1] {
			rr.warn("geometry", "", CatOutline, "garis tertutup (titik awal sama dengan titik akhir): tampaknya keliling atau batas (outline), bukan sumbu jalan; periksa geometrinya, atau impor dengan --no-geometry")
		}
	}
	if len(lines) > 0 {
		first, last := lines[0], lines[len(lines)-1]
		rr.ends = []endPoint{{first[0], "geometry"}, {last[len(last)-1], "geometry"}}
	}
	return nil
}

// inside checks one point against IndonesiaBound.
func (c *converter) inside(rr *rowResult, p orb.Point, column string) bool {
	if IndonesiaBound.Contains(p) && !math.IsNaN(p[0]) && !math.IsNaN(p[1]) {
		return true
	}
	hint := "periksa tanda minus lintang selatan dan urutan lintang/bujur"
	switch {
	case p[1] >= 94 && p[1] <= 142 && p[0] >= -11.5 && p[0] <= 6.5:
		hint = "lintang dan bujur tampaknya tertukar"
	case math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90:
		hint = "koordinat tampaknya bukan derajat WGS84 (mis. UTM dalam meter); ekspor ulang berkas dalam EPSG:4326"
	}
	rr.fail(column, fmtPoint(p), CatOutside, "titik (lintang, bujur) di luar wilayah Indonesia; "+hint)
	return false
}

// endPoints draws the straight line between LAT/LNG AWAL and AKHIR.
func (c *converter) endPoints(rr *rowResult, r *roads.Ruas, num func(Field) (float64, bool)) []string {
	l, rec := rr.f.l, rr.rec
	type coord struct {
		f  Field
		v  float64
		ok bool
	}
	cs := []coord{{f: FLatStart}, {f: FLngStart}, {f: FLatEnd}, {f: FLngEnd}}
	bad := false
	var given []string
	for i := range cs {
		before := len(rr.errs)
		cs[i].v, cs[i].ok = num(cs[i].f)
		bad = bad || len(rr.errs) > before
		if cs[i].ok {
			_, j := l.value(rec, cs[i].f)
			given = append(given, fmt.Sprintf("%s %s", rr.f.t.Columns[j], strconv.FormatFloat(cs[i].v, 'f', -1, 64)))
		}
	}
	if bad {
		return nil
	}
	if !(cs[0].ok && cs[1].ok && cs[2].ok && cs[3].ok) {
		if len(given) == 0 {
			rr.warn("", "", CatNoCoordinates, "tanpa koordinat; ruas diimpor tanpa geometri")
			return nil
		}
		rr.warn("", strings.Join(given, ", "), CatNoCoordinates,
			"koordinat awal dan akhir tidak lengkap; ruas diimpor tanpa geometri dan koordinat yang ada disimpan di keterangan")
		return []string{"koordinat tidak lengkap: " + strings.Join(given, ", ")}
	}
	colOf := func(f Field) string { _, j := l.value(rec, f); return rr.f.t.Columns[j] }
	start, end := orb.Point{cs[1].v, cs[0].v}, orb.Point{cs[3].v, cs[2].v}
	if !c.inside(rr, start, colOf(FLatStart)) || !c.inside(rr, end, colOf(FLatEnd)) {
		return nil
	}
	r.Geometry = orb.LineString{start, end}
	rr.ends = []endPoint{{start, colOf(FLatStart)}, {end, colOf(FLatEnd)}}
	return []string{StraightLineNote}
}

func fmtPoint(p orb.Point) string {
	return strconv.FormatFloat(p[1], 'f', -1, 64) + ", " + strconv.FormatFloat(p[0], 'f', -1, 64)
}

// fmtNum writes a number the Indonesian way: 1250.5 → "1.250,5".
func fmtNum(x float64) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	out := Thousands(n)
	if frac != "" {
		if len(frac) > 3 {
			frac = frac[:3]
		}
		out += "," + frac
	}
	if x < 0 {
		out = "-" + out
	}
	return out
}
