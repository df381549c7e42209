package netfile

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/kotablitar/ruas/roads"
)

// converter turns tables into register records and finds every problem:
// first row by row (convertRow), then across rows (check).
type converter struct {
	opt        Options
	now        time.Time // Source.At of every record
	importDate time.Time // the survey date standing in for a missing one
	rules      *roads.Rules
	files      []*fileState
}

func newConverter(opt Options) (*converter, error) {
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	rules, err := roads.ConditionRules("")
	if err != nil {
		return nil, err
	}
	return &converter{opt: opt, now: now, rules: rules,
		importDate: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}, nil
}

// addTable converts every row of t. An error means the file's columns
// cannot be used at all.
func (c *converter) addTable(t *Table, rep *FileReport, tick func()) error {
	l, err := newLayout(t, c.opt.Mapping)
	if err != nil {
		return err
	}
	fs := newFileState(t, l, rep)
	fs.rows = make([]*rowResult, 0, len(t.Records))
	t.useDecimals(c.opt)
	for i := range t.Records {
		fs.rows = append(fs.rows, c.convertRow(fs, &t.Records[i]))
		tick()
	}
	rep.Warnings = append(rep.Warnings, t.Notes...)
	if err := t.refusedNumbers(); err != nil {
		return err
	}
	plausibility(fs)
	c.files = append(c.files, fs)
	return nil
}

// check runs the checks that need more than one row, then the register's
// own rules on each ruas that is still whole.
func (c *converter) check() {
	for _, fs := range c.files {
		farPoints(fs)
	}
	c.duplicates()
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if rr.primary == nil {
				c.validate(rr)
			}
		}
	}
	// A ruas digitised in pieces is written whole or not at all.
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if rr.primary != nil || len(rr.pieces) == 0 {
				continue
			}
			group := append([]*rowResult{rr}, rr.pieces...)
			var bad *rowResult
			for _, p := range group {
				if len(p.errs) > 0 {
					bad = p
					break
				}
			}
			if bad == nil {
				continue
			}
			for _, p := range group {
				if len(p.errs) == 0 {
					p.fail("", "", bad.errs[0].Category, fmt.Sprintf("bagian lain ruas ini (baris %d) ditolak: %s", bad.rec.Row, bad.errs[0].Message))
				}
			}
		}
	}
}

// farPoints rejects rows whose end points lie far from the median of the
// other located rows of their kabupaten (or region) in the file.
func farPoints(fs *fileState) {
	groups := map[string][]*rowResult{}
	for _, rr := range fs.rows {
		if len(rr.ends) > 0 && !rr.failed(CatOutside) {
			groups[rr.group] = append(groups[rr.group], rr)
		}
	}
	for name, rows := range groups {
		if len(rows) < minGroupRows {
			continue
		}
		var lons, lats []float64
		for _, rr := range rows {
			for _, e := range rr.ends {
				lons = append(lons, e.p[0])
				lats = append(lats, e.p[1])
			}
		}
		mid := orb.Point{median(lons), median(lats)}
		for _, rr := range rows {
			for _, e := range rr.ends {
				if d := geo.Distance(e.p, mid); d > FarFromGroupM {
					rr.fail(e.column, fmtPoint(e.p), CatOutside, fmt.Sprintf(
						"titik berjarak %s km dari titik tengah (median) ruas lain di %s (%s); periksa tanda, digit dan urutan lintang/bujur",
						fmtNum(float64(int(d/100))/10), name, fmtPoint(mid)))
					break
				}
			}
		}
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// duplicates rejects every later row with the key of an earlier one, or
// joins it to the earlier one when both are pieces of one GeoJSON ruas.
func (c *converter) duplicates() {
	seen := map[string]*rowResult{}
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if rr.ruas == nil || rr.failed(CatKeyMissing) {
				continue
			}
			first, ok := seen[rr.dup]
			if !ok {
				seen[rr.dup] = rr
				continue
			}
			if mergeable(first, rr) {
				rr.primary = first
				first.pieces = append(first.pieces, rr)
				rr.warn("geometry", "", CatPiecesMerged, fmt.Sprintf("fitur ini bagian dari ruas yang sama dengan baris %d (kunci dan isian sama); garisnya digabung menjadi satu MultiLineString", first.rec.Row))
				continue
			}
			f := FNo
			if !fs.l.has(FNo) {
				f = FName
			}
			_, j := fs.l.value(rr.rec, f)
			column := ""
			if j >= 0 {
				column = fs.t.Columns[j]
			}
			rr.fail(column, rr.ruas.Key.String(), CatDuplicate, fmt.Sprintf("kunci ruas sama dengan %s baris %d; baris ini ditolak sebagai duplikat. Hapus salah satu, atau bedakan nomor atau namanya",
				first.f.t.File, first.rec.Row))
		}
	}
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if len(rr.pieces) == 0 {
				continue
			}
			lines := linesOf(rr.ruas.Geometry)
			for _, p := range rr.pieces {
				lines = append(lines, linesOf(p.ruas.Geometry)...)
			}
			rr.ruas.Geometry = lines
		}
	}
}

func linesOf(g orb.Geometry) orb.MultiLineString {
	switch g := g.(type) {
	case orb.LineString:
		return orb.MultiLineString{g}
	case orb.MultiLineString:
		return append(orb.MultiLineString(nil), g...)
	}
	return nil
}

// mergeable: two GeoJSON features of one file, both lines, no condition,
// and every register field equal.
func mergeable(a, b *rowResult) bool {
	if a.f != b.f || a.f.t.Format != "geojson" || !a.fileGeom || !b.fileGeom || a.survey != nil || b.survey != nil {
		return false
	}
	x, y := a.ruas, b.ruas
	return x.Name == y.Name && x.Status == y.Status && x.Fungsi == y.Fungsi && x.Surface == y.Surface && x.SurfaceText == y.SurfaceText &&
		x.WidthM == y.WidthM && x.LengthM == y.LengthM && x.Kabupaten == y.Kabupaten && x.Kecamatan == y.Kecamatan &&
		x.KecamatanCode == y.KecamatanCode && x.Kelurahan == y.Kelurahan && x.KelurahanCode == y.KelurahanCode &&
		x.YearBuilt == y.YearBuilt && x.DesignLife == y.DesignLife && x.Notes == y.Notes
}

// validate applies the register's own rules (roads.Ruas.Validate,
// roads.Survey.Validate and Derive) to a whole ruas; problems this package
// has already reported under a category are not repeated.
func (c *converter) validate(rr *rowResult) {
	if rr.ruas == nil {
		return
	}
	r := rr.ruas
	r.Normalize()
	for _, fe := range r.Validate() {
		cat := CatRecord
		switch fe.Field {
		case "region", "no_ruas":
			cat = CatKeyMissing
		case "name":
			cat = CatNameMissing
		case "geometry":
			cat = CatGeometry
		case "length_m":
			cat = CatTotalMissing
			if r.LengthM > roads.MaxRuasLengthM {
				cat = CatTotalImplausible
			}
		case "width_m", "year_built", "design_life", "status", "fungsi":
			cat = CatValue
		}
		if !rr.failed(cat) && !(cat == CatNameMissing && rr.failed(CatKeyMissing)) {
			rr.fail(fe.Field, fe.Value, cat, fe.Message)
		}
	}
	v := rr.survey
	if v == nil || len(rr.errs) > 0 {
		return
	}
	v.Ruas = r.Key
	if v.Date.After(c.now.AddDate(0, 0, 1)) || v.Date.Year() < 1950 {
		rr.fail("", v.Date.Format("2006-01-02"), CatValue, "tanggal survei harus antara 1950 dan hari ini")
		return
	}
	for _, fe := range v.Validate() {
		cat := CatRecord
		switch {
		case fe.Field == "parts" || strings.HasPrefix(fe.Field, "part"):
			cat = CatPartsSum
		case fe.Field == "sta":
			cat = CatTotalMissing
		case fe.Field == "date":
			cat = CatValue
		}
		if !rr.failed(cat) {
			rr.fail(fe.Field, fe.Value, cat, fe.Message)
		}
	}
	if len(rr.errs) == 0 {
		if v.DateBasis == "" {
			v.DateBasis = roads.DateFromSurvey
		}
		if err := v.Derive(c.rules); err != nil {
			rr.fail("", "", CatRecord, err.Error())
		}
	}
}

// batch gathers the records of every accepted row, in file order.
func (c *converter) batch() (*roads.Batch, []*rowResult) {
	b := &roads.Batch{}
	var dated []*rowResult
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if len(rr.errs) > 0 || rr.primary != nil || rr.ruas == nil {
				continue
			}
			b.Ruas = append(b.Ruas, rr.ruas)
			if rr.survey != nil {
				b.Surveys = append(b.Surveys, rr.survey)
				if rr.dateDefaulted {
					dated = append(dated, rr)
				}
			}
		}
	}
	return b, dated
}
