package netfile

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// cond is what a row says about condition for one survey (the undated
// columns, or the columns of one year): metres per class of a scheme.
type cond struct {
	year   int // 0 for the undated columns
	scheme *roads.Scheme
	parts  [4]float64
	given  bool    // some condition cell holds a number
	named  bool    // from named columns (BAIK, …), not the register's part1–4
	sum    float64 // metres over all classes
	cs     colset  // the columns it was read from
}

// numFunc reads a number of a field from a set of columns.
type numFunc func(cs colset, f Field) (float64, bool)

// yearSet is a set of columns and the survey year it is for (0: undated).
type yearSet struct {
	year int
	cs   colset
}

// colsets returns the column sets: the undated columns, then one per
// survey year in the header.
func (l *layout) colsets() []yearSet {
	if l.sets == nil {
		l.sets = []yearSet{{0, l.cols}}
		for _, y := range l.years {
			l.sets = append(l.sets, yearSet{y, l.dated[y]})
		}
	}
	return l.sets
}

// conditions reads the condition cells of every column set.
func (c *converter) conditions(rr *rowResult, num numFunc, text func(Field) string) []cond {
	sets := rr.f.l.colsets()
	out := make([]cond, 0, len(sets))
	for _, s := range sets {
		k := c.condition(rr, s.cs, num, text)
		k.year, k.cs = s.year, s.cs
		out = append(out, k)
	}
	return out
}

// condition reads the row's condition cells in one column set.
func (c *converter) condition(rr *rowResult, cs colset, num numFunc, text func(Field) string) cond {
	l := rr.f.l
	var k cond
	switch {
	case l.scheme != nil:
		k.scheme, k.named = l.scheme, true
		for _, f := range condFields {
			if !cs.has(f) {
				continue
			}
			v, ok := num(cs, f)
			if !ok {
				continue
			}
			if v < 0 {
				_, j := cs.value(rr.rec, f)
				rr.fail(rr.f.t.Columns[j], fmtNum(v), CatValue, "meter per kondisi tidak boleh negatif")
				continue
			}
			k.parts[l.partIdx[f]] += v
			k.given = true
		}
	case cs.has(FScheme):
		code := text(FScheme)
		if code == "" {
			return k
		}
		sc, err := roads.SchemeOf(code)
		if err != nil {
			_, j := cs.value(rr.rec, FScheme)
			rr.fail(rr.f.t.Columns[j], code, CatValue, fmt.Sprintf("skema kondisi tidak dikenal; gunakan %s atau %s", roads.SchemeBinaMarga, roads.SchemeDesa4))
			return k
		}
		k.scheme = sc
		for i, f := range []Field{FPart1, FPart2, FPart3, FPart4} {
			if v, ok := num(cs, f); ok {
				k.parts[i] = v
				k.given = true
			}
		}
	}
	for _, p := range k.parts {
		k.sum += p
	}
	return k
}

// lengths checks the official length against what the row needs.
func (c *converter) lengths(rr *rowResult, ks []cond) {
	l, r := rr.f.l, rr.ruas
	raw, j := l.value(rr.rec, FLength)
	column := ""
	if j >= 0 {
		column = rr.f.t.Columns[j]
	}
	if r.LengthM < 0 {
		rr.fail(column, raw, CatValue, "panjang tidak boleh negatif")
		return
	}
	if _, _, err := rr.f.t.Number(rr.rec, j); err != nil {
		return // the cell is not a number: already reported
	}
	// The first set of condition metres given stands for the length when
	// the file has no length column.
	var first *cond
	for i := range ks {
		if ks[i].named && ks[i].given {
			first = &ks[i]
			break
		}
	}
	if r.LengthM == 0 {
		switch {
		case first != nil && l.has(FLength):
			rr.fail(column, raw, CatTotalMissing, "panjang total kosong atau nol padahal ada meter per kondisi; isi panjang total ruas dalam meter")
		case first != nil:
			// No length column: the condition metres are the length.
			r.LengthM = first.sum
		case !rr.fileGeom && r.Geometry != nil:
			rr.fail(column, raw, CatTotalMissing, "panjang total kosong atau nol, dan garis lurus antara titik awal dan akhir bukan ukuran panjang; isi panjang ruas dalam meter")
		case !rr.fileGeom:
			rr.fail(column, raw, CatTotalMissing, "panjang total kosong atau nol dan tidak ada geometri untuk mengukurnya; isi panjang ruas dalam meter")
		}
	}
	limit, what := roads.MaxRuasLengthM, "satu ruas"
	if r.Status == roads.Desa {
		limit, what = MaxDesaLengthM, "satu ruas jalan desa"
	}
	if r.LengthM > limit {
		rr.fail(column, raw, CatTotalImplausible, fmt.Sprintf("panjang %s km tidak masuk akal untuk %s (batas %s km); periksa satuannya (meter) atau pecah ruasnya",
			fmtNum(r.LengthM/1000), what, fmtNum(limit/1000)))
	}
	anyGiven := false
	for _, k := range ks {
		anyGiven = anyGiven || k.given
	}
	if l.scheme != nil && !anyGiven && r.LengthM > 0 {
		var cols []string
		for _, k := range ks {
			if c := condColumns(rr, k.cs); c != "" {
				cols = append(cols, c)
			}
		}
		rr.fail(strings.Join(cols, ", "), "", CatPartsSum, "tidak ada meter pada kelas kondisi mana pun; isi meter per kondisi (jumlahnya sama dengan panjang total)")
	}
	for _, k := range ks {
		if !k.named {
			continue
		}
		switch {
		case k.given && math.Abs(k.sum-r.LengthM) > roads.PartsTolerance:
			rr.fail(condColumns(rr, k.cs), fmtNum(k.sum), CatPartsSum, fmt.Sprintf("meter per kondisi%s berjumlah %s m, sedangkan panjang total %s m; samakan keduanya",
				yearWords(k.year), fmtNum(k.sum), fmtNum(r.LengthM)))
		}
	}
}

func yearWords(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprintf(" tahun %d", y)
}

func condColumns(rr *rowResult, cs colset) string {
	var cols []string
	for _, f := range condFields {
		for _, j := range cs[f] {
			cols = append(cols, rr.f.t.Columns[j])
		}
	}
	return strings.Join(cols, " + ")
}

// rowSurvey is one survey a row gives, on its way into the register.
type rowSurvey struct {
	v         *roads.Survey
	defaulted bool   // dated with the import date (no date given)
	lane      string // segment rows: the lane, "" when the file has none
	lanes     []*rowResult
	merged    bool // averaged into another row's survey (lanes)
}

// surveyDate dates the row's undated survey: the date column, the year
// column, the --survey-date option, the mapping, else the import date.
func (c *converter) surveyDate(rr *rowResult, text func(Field) string) (date time.Time, basis string, defaulted, ok bool) {
	l, m := rr.f.l, c.opt.Mapping
	if v := text(FSurveyDate); v != "" {
		d, err := parseDate(v, rr.f.t.Format)
		if err != nil {
			_, j := l.value(rr.rec, FSurveyDate)
			rr.fail(rr.f.t.Columns[j], v, CatValue, "tanggal survei tidak terbaca; tulis YYYY-MM-DD atau DD/MM/YYYY")
			return date, "", false, false
		}
		basis = roads.DateFromSurvey
		switch b := strings.ToLower(text(FDateBasis)); b {
		case roads.DateFromImport, roads.DateFromYear:
			basis = b
		}
		return d, basis, false, true
	}
	if v := text(FSurveyYear); v != "" {
		y, _, err := parseInt(v, rr.f.t.Comma)
		_, j := l.value(rr.rec, FSurveyYear)
		if err != nil || y < minHeaderYear || y > maxHeaderYear {
			rr.fail(rr.f.t.Columns[j], v, CatValue, fmt.Sprintf("tahun survei harus bilangan bulat %d–%d, mis. 2024", minHeaderYear, maxHeaderYear))
			return date, "", false, false
		}
		d, ok := c.yearDate(rr, y, rr.f.t.Columns[j])
		return d, roads.DateFromYear, false, ok
	}
	switch {
	case !c.opt.SurveyDate.IsZero():
		return c.opt.SurveyDate, roads.DateFromSurvey, false, true
	case m != nil && !m.surveyDate.IsZero():
		return m.surveyDate, roads.DateFromSurvey, false, true
	}
	return c.importDate, roads.DateFromImport, true, true
}

// yearDate is the date standing for a survey known only by its year
// (roads.YearDate, 1 July); a year whose 1 July has not come is refused.
func (c *converter) yearDate(rr *rowResult, y int, column string) (time.Time, bool) {
	d := roads.YearDate(y)
	if d.After(c.now) {
		rr.fail(column, fmt.Sprint(y), CatValue, fmt.Sprintf("survei yang hanya diketahui tahunnya diberi tanggal 1 Juli; 1 Juli %d belum tiba. Tulis tanggal survei lengkap di kolom TANGGAL SURVEI atau dengan --survey-date", y))
		return d, false
	}
	return d, true
}

// yearStep is the derivation step of a year-only date.
func yearStep(y int) string {
	return fmt.Sprintf("survey date: only the year %d was given; dated 1 July %d (mid-year)", y, y)
}

// surveys builds the row's surveys: per column set, the link-level record
// (metres per class) or the whole-link unit (IRI, SDI, distress), dated
// from the file, the option, the mapping, or else the import date.
func (c *converter) surveys(rr *rowResult, ks []cond, num numFunc, text func(Field) string) {
	if len(rr.errs) > 0 {
		return
	}
	r := rr.ruas
	for _, k := range ks {
		d, sdi, given := c.measures(rr, k.cs, num)
		if !k.given && !given {
			continue
		}
		date, basis, defaulted, ok := c.setDate(rr, k.year, text)
		if !ok {
			return
		}
		v := &roads.Survey{Ruas: r.Key, Date: date, DateBasis: basis, Source: r.Source}
		if basis == roads.DateFromYear {
			v.Preface = []string{yearStep(date.Year())}
		}
		if k.given && k.scheme != nil {
			length := r.LengthM
			if length <= 0 {
				length = k.sum
			}
			v.StaToM, v.Scheme, v.Parts = length, k.scheme.Code, k.parts
			if given {
				rr.warn(condColumns(rr, k.cs), "", CatMeasureDropped, fmt.Sprintf("baris memberi meter per kondisi dan juga IRI/SDI/kerusakan%s; meter per kondisi yang disimpan, ukuran lainnya tidak. Impor ukuran per segmen sebagai berkas segmen (STA)", yearWords(k.year)))
			}
		} else {
			length := r.LengthM
			if length <= 0 {
				length = roads.GeodesicLength(r.Geometry)
			}
			if length <= 0 {
				rr.fail("", "", CatTotalMissing, "IRI/SDI seluruh ruas perlu panjang ruas; isi kolom PANJANG")
				return
			}
			v.StaToM, v.Distress, v.SDIGiven = length, d, sdi
			v.Preface = append(v.Preface, "unit: the whole ruas (the file gives one value per ruas, no STA)")
		}
		rr.surveys = append(rr.surveys, &rowSurvey{v: v, defaulted: defaulted})
	}
}

// setDate dates a survey of the undated columns (year 0) or of a year's.
func (c *converter) setDate(rr *rowResult, year int, text func(Field) string) (time.Time, string, bool, bool) {
	if year == 0 {
		return c.surveyDate(rr, text)
	}
	d, ok := c.yearDate(rr, year, "")
	return d, roads.DateFromYear, false, ok
}

// measure is one unit measurement column and its physical range.
type measure struct {
	f      Field
	lo, hi float64
	unit   string
}

var measures = []measure{
	{FIRI, 0, 30, "m/km"}, {FSDI, 0, roads.MaxSDI, ""}, {FPCI, 0, 100, ""},
	{FCrackArea, 0, 100, "%"}, {FCrackWidth, 0, 100, "mm"}, {FPotholes, 0, 1000, "lubang"}, {FRut, 0, 50, "cm"},
}

// measures reads the unit measurements of one column set: IRI, the source's
// SDI, PCI and the four SDI items. sdi is the source's SDI, kept only when
// the four items are not all given (else the SDI is computed from them).
func (c *converter) measures(rr *rowResult, cs colset, num numFunc) (d *roads.Distress, sdi *float64, given bool) {
	present := false
	for _, m := range measures {
		present = present || cs.has(m.f)
	}
	if !present {
		return nil, nil, false
	}
	d = &roads.Distress{}
	vals := map[Field]*float64{}
	for _, m := range measures {
		if !cs.has(m.f) {
			continue
		}
		v, ok := num(cs, m.f)
		if !ok {
			continue
		}
		if v < m.lo || v > m.hi {
			raw, j := cs.value(rr.rec, m.f)
			rr.fail(rr.f.t.Columns[j], raw, CatValue, fmt.Sprintf("%s harus %s–%s %s; periksa nilai dan satuannya", m.f, fmtNum(m.lo), fmtNum(m.hi), m.unit))
			continue
		}
		x := v
		vals[m.f] = &x
		given = true
	}
	if !given {
		return nil, nil, false
	}
	d.IRI, d.PCI = vals[FIRI], vals[FPCI]
	d.CrackAreaPct, d.CrackWidthMM, d.Potholes, d.RutCM = vals[FCrackArea], vals[FCrackWidth], vals[FPotholes], vals[FRut]
	items := 0
	var missing []string
	for _, f := range []Field{FCrackArea, FCrackWidth, FPotholes, FRut} {
		if vals[f] != nil {
			items++
		} else {
			missing = append(missing, string(f))
		}
	}
	if items == 4 {
		return d, nil, true
	}
	sdi = vals[FSDI]
	if items > 0 {
		if d.IRI == nil && sdi == nil {
			rr.fail("", "", CatMeasureIncomplete, fmt.Sprintf("SDI perlu keempat butir kerusakan; %s tidak ada, dan tidak ada IRI atau SDI. Lengkapi butirnya atau beri IRI", strings.Join(missing, ", ")))
			return nil, nil, false
		}
		rr.warn("", "", CatMeasureIncomplete, fmt.Sprintf("butir kerusakan tidak lengkap (%s tidak ada); SDI tidak dihitung dari butir, kelas dari IRI atau SDI berkas", strings.Join(missing, ", ")))
	}
	if d.IRI == nil && sdi == nil {
		rr.fail("", "", CatMeasureIncomplete, "PCI saja tidak menentukan kelas kondisi Bina Marga; beri IRI, SDI, atau keempat butir kerusakan (luas retak, lebar retak, lubang, alur)")
		return nil, nil, false
	}
	return d, sdi, true
}
