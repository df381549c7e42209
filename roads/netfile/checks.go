package netfile

import (
	"fmt"
	"math"
	"sort"
	"strconv"
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
	// stored is the register's ruas with their lengths (m), for segment
	// rows; nil when no register is at hand (a dry run without one).
	stored map[roads.Key]float64
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
		c.boundary(fs)
	}
	c.duplicates()
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if rr.primary == nil && rr.owner == nil && rr.ruas != nil {
				c.validate(rr)
			}
		}
	}
	c.segments()
	c.averageLanes()
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if rr.primary != nil {
				continue
			}
			key := roads.Key{}
			switch {
			case rr.owner != nil:
				if len(rr.owner.errs) > 0 && len(rr.errs) == 0 {
					rr.fail("", "", rr.owner.errs[0].Category, fmt.Sprintf("ruas ini ditolak di baris %d: %s", rr.owner.rec.Row, rr.owner.errs[0].Message))
				}
				key = rr.owner.ruas.Key
			case rr.ruas != nil:
				key = rr.ruas.Key
			case rr.seg != nil:
				key = rr.seg.key
			}
			for _, rs := range rr.surveys {
				if len(rr.errs) > 0 {
					break
				}
				if !rs.merged {
					rs.v.Ruas = key
					c.validateSurvey(rr, rs.v)
				}
			}
		}
	}
	// Lanes averaged into a refused row are refused with it.
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if len(rr.errs) == 0 {
				continue
			}
			for _, rs := range rr.surveys {
				for _, o := range rs.lanes {
					if len(o.errs) == 0 {
						o.fail("", "", rr.errs[0].Category, fmt.Sprintf("lajur lain segmen ini (baris %d) ditolak: %s", rr.rec.Row, rr.errs[0].Message))
					}
				}
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

// farPoints warns of rows whose end points lie far from the median of the
// other located rows of their kabupaten (or region) in the file
// (FarFromGroupM), and rejects those beyond FarRejectM.
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
			var far *endPoint
			var farD float64
			for i, e := range rr.ends {
				if d := geo.Distance(e.p, mid); d > FarFromGroupM && d > farD {
					far, farD = &rr.ends[i], d
				}
			}
			if far == nil {
				continue
			}
			km := fmtNum(float64(int(farD/100)) / 10)
			if farD > FarRejectM {
				rr.fail(far.column, fmtPoint(far.p), CatOutside, fmt.Sprintf(
					"titik berjarak %s km dari titik tengah (median) ruas lain di %s (%s); periksa tanda, digit dan urutan lintang/bujur",
					km, name, fmtPoint(mid)))
				continue
			}
			rr.warn(far.column, fmtPoint(far.p), CatFar, fmt.Sprintf(
				"titik berjarak %s km dari titik tengah (median) ruas lain di %s (%s); diimpor, tetapi periksa bahwa ruas ini memang sejauh itu (kabupaten luas) dan bukan salah tanda atau digit",
				km, name, fmtPoint(mid)))
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
// joins it to the earlier one when both are pieces of one ruas (GeoJSON
// features with equal fields, or any rows of one file with --merge-pieces),
// or takes its surveys for the earlier one's ruas when the rows are
// surveys of different dates (a long file: one row per ruas and year).
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
			if c.mergeable(first, rr) {
				rr.primary = first
				first.pieces = append(first.pieces, rr)
				rr.warn("geometry", "", CatPiecesMerged, fmt.Sprintf("fitur ini bagian dari ruas yang sama dengan baris %d; garisnya digabung menjadi satu MultiLineString", first.rec.Row))
				continue
			}
			if otherDates(first, rr) {
				rr.owner = first
				first.years = append(first.years, rr)
				if !sameFields(first.ruas, rr.ruas) {
					rr.warn("", "", CatRuasFieldsDiffer, fmt.Sprintf("baris ini survei tahun lain dari ruas di baris %d, tetapi isian ruasnya (nama, panjang, lebar, …) berbeda; isian baris %d yang disimpan", first.rec.Row, first.rec.Row))
				}
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
			rr.fail(column, rr.ruas.Key.String(), CatDuplicate, fmt.Sprintf("kunci ruas sama dengan %s baris %d; baris ini ditolak sebagai duplikat. Hapus salah satu, bedakan nomor atau namanya, atau — bila ini bagian-bagian satu ruas dari GIS — impor dengan --merge-pieces",
				first.f.t.File, first.rec.Row))
		}
	}
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if len(rr.pieces) == 0 {
				continue
			}
			lines := linesOf(rr.ruas.Geometry)
			lengths := map[float64]bool{rr.ruas.LengthM: true}
			sum := rr.ruas.LengthM
			for _, p := range rr.pieces {
				lines = append(lines, linesOf(p.ruas.Geometry)...)
				lengths[p.ruas.LengthM] = true
				sum += p.ruas.LengthM
			}
			rr.ruas.Geometry = lines
			if len(lengths) > 1 {
				// Pieces stating different lengths state their own:
				// the ruas is their sum.
				rr.ruas.LengthM = sum
				rr.warn("", fmtNum(sum), CatPiecesMerged, fmt.Sprintf("%d bagian ruas menyebut panjang berbeda; panjang ruas = jumlahnya, %s m", len(rr.pieces)+1, fmtNum(sum)))
			}
		}
	}
}

// otherDates reports whether every survey of b has a date none of a's (or
// of rows already taken for a) has: b is a later year of a's ruas.
func otherDates(a, b *rowResult) bool {
	if a.f != b.f || len(a.surveys) == 0 || len(b.surveys) == 0 {
		return false
	}
	for _, x := range append([]*rowResult{a}, a.years...) {
		for _, s := range x.surveys {
			for _, t := range b.surveys {
				if s.v.Date.Equal(t.v.Date) {
					return false
				}
			}
		}
	}
	return true
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
// and every register field equal; with --merge-pieces, any two rows of one
// file with lines and no condition.
func (c *converter) mergeable(a, b *rowResult) bool {
	if a.f != b.f || !a.fileGeom || !b.fileGeom || len(a.surveys) > 0 || len(b.surveys) > 0 {
		return false
	}
	if c.opt.MergePieces {
		return true
	}
	if a.f.t.Format != "geojson" {
		return false
	}
	return sameFields(a.ruas, b.ruas)
}

// sameFields compares the register fields of two rows' ruas (not the
// geometry or the source).
func sameFields(x, y *roads.Ruas) bool {
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
	if rr.fileGeom && r.LengthM > 0 && r.GeomLengthM > 0 {
		if ratio := r.GeomLengthM / r.LengthM; ratio > 2 || ratio < 0.5 {
			rr.warn("geometry", fmtNum(math.Round(r.GeomLengthM)), CatLengthMismatch, fmt.Sprintf(
				"panjang garis yang digambar %s m, sedangkan panjang ruas tertulis %s m (%s×); periksa geometri atau panjangnya (satuan, ruas yang salah, bagian yang hilang)",
				fmtNum(math.Round(r.GeomLengthM)), fmtNum(r.LengthM), strconv.FormatFloat(ratio, 'f', 2, 64)))
		}
	}
}

// validateSurvey applies the register's rules to one survey of the row.
func (c *converter) validateSurvey(rr *rowResult, v *roads.Survey) {
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

// batch gathers the records of every accepted row, in file order, and
// the surveys dated with the import date.
func (c *converter) batch() (*roads.Batch, []*rowSurvey) {
	b := &roads.Batch{}
	var dated []*rowSurvey
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if len(rr.errs) > 0 || rr.primary != nil {
				continue
			}
			if rr.ruas != nil && rr.owner == nil {
				b.Ruas = append(b.Ruas, rr.ruas)
			}
			for _, rs := range rr.surveys {
				if rs.merged {
					continue
				}
				b.Surveys = append(b.Surveys, rs.v)
				if rs.defaulted {
					dated = append(dated, rs)
				}
			}
		}
	}
	return b, dated
}

// boundary refuses end points more than BoundaryToleranceM outside the
// office's boundary (Options.Boundary), when one is set.
func (c *converter) boundary(fs *fileState) {
	if c.opt.Boundary == nil {
		return
	}
	for _, rr := range fs.rows {
		if rr.failed(CatOutside) {
			continue
		}
		var worst *endPoint
		var worstD float64
		for i, e := range rr.ends {
			if d := roads.OutsideBy(c.opt.Boundary, e.p); d > BoundaryToleranceM && d > worstD {
				worst, worstD = &rr.ends[i], d
			}
		}
		if worst != nil {
			rr.fail(worst.column, fmtPoint(worst.p), CatOutside, fmt.Sprintf("titik %s km di luar batas wilayah kantor (toleransi %s km); periksa koordinatnya, atau ruas ini bukan kewenangan kantor ini",
				fmtNum(math.Round(worstD/100)/10), fmtNum(BoundaryToleranceM/1000)))
		}
	}
}
