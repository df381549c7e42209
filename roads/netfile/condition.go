package netfile

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// cond is what a row says about condition: metres per class of a scheme.
type cond struct {
	scheme *roads.Scheme
	parts  [4]float64
	given  bool    // some condition cell holds a number
	named  bool    // from named columns (BAIK, …), not the register's part1–4
	sum    float64 // metres over all classes
}

// condition reads the row's condition cells.
func (c *converter) condition(rr *rowResult, num func(Field) (float64, bool), text func(Field) string) cond {
	l := rr.f.l
	var k cond
	switch {
	case l.scheme != nil:
		k.scheme, k.named = l.scheme, true
		for _, f := range condFields {
			if !l.has(f) {
				continue
			}
			v, ok := num(f)
			if !ok {
				continue
			}
			if v < 0 {
				_, j := l.value(rr.rec, f)
				rr.fail(rr.f.t.Columns[j], fmtNum(v), CatValue, "meter per kondisi tidak boleh negatif")
				continue
			}
			k.parts[l.partIdx[f]] += v
			k.given = true
		}
	case l.has(FScheme):
		code := text(FScheme)
		if code == "" {
			return k
		}
		sc, err := roads.SchemeOf(code)
		if err != nil {
			_, j := l.value(rr.rec, FScheme)
			rr.fail(rr.f.t.Columns[j], code, CatValue, fmt.Sprintf("skema kondisi tidak dikenal; gunakan %s atau %s", roads.SchemeBinaMarga, roads.SchemeDesa4))
			return k
		}
		k.scheme = sc
		for i, f := range []Field{FPart1, FPart2, FPart3, FPart4} {
			if v, ok := num(f); ok {
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
func (c *converter) lengths(rr *rowResult, k cond) {
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
	if r.LengthM == 0 {
		switch {
		case k.named && k.given && l.has(FLength):
			rr.fail(column, raw, CatTotalMissing, "panjang total kosong atau nol padahal ada meter per kondisi; isi panjang total ruas dalam meter")
		case k.named && k.given:
			// No length column: the condition metres are the length.
			r.LengthM = k.sum
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
	if !k.named {
		return
	}
	switch {
	case !k.given && r.LengthM > 0:
		rr.fail(condColumns(rr), "", CatPartsSum, "tidak ada meter pada kelas kondisi mana pun; isi meter per kondisi (jumlahnya sama dengan panjang total)")
	case k.given && math.Abs(k.sum-r.LengthM) > roads.PartsTolerance:
		rr.fail(condColumns(rr), fmtNum(k.sum), CatPartsSum, fmt.Sprintf("meter per kondisi berjumlah %s m, sedangkan panjang total %s m; samakan keduanya",
			fmtNum(k.sum), fmtNum(r.LengthM)))
	}
}

func condColumns(rr *rowResult) string {
	var cols []string
	for _, f := range condFields {
		for _, j := range rr.f.l.cols[f] {
			cols = append(cols, rr.f.t.Columns[j])
		}
	}
	return strings.Join(cols, " + ")
}

// survey builds the row's link-level survey, dated from the file, the
// option, the mapping, or else the import date.
func (c *converter) survey(rr *rowResult, k cond, text func(Field) string) {
	if k.scheme == nil || !k.given || len(rr.errs) > 0 {
		return
	}
	l, r, m := rr.f.l, rr.ruas, c.opt.Mapping
	var date time.Time
	basis := roads.DateFromSurvey
	switch v := text(FSurveyDate); {
	case v != "":
		d, err := parseDate(v, rr.f.t.Format)
		if err != nil {
			_, j := l.value(rr.rec, FSurveyDate)
			rr.fail(rr.f.t.Columns[j], v, CatValue, "tanggal survei tidak terbaca; tulis YYYY-MM-DD atau DD/MM/YYYY")
			return
		}
		date = d
		if strings.EqualFold(text(FDateBasis), roads.DateFromImport) {
			basis = roads.DateFromImport
		}
	case !c.opt.SurveyDate.IsZero():
		date = c.opt.SurveyDate
	case m != nil && !m.surveyDate.IsZero():
		date = m.surveyDate
	default:
		date, basis = c.importDate, roads.DateFromImport
		rr.dateDefaulted = true
	}
	length := r.LengthM
	if length <= 0 {
		length = k.sum
	}
	rr.survey = &roads.Survey{Ruas: r.Key, Date: date, DateBasis: basis, StaFromM: 0, StaToM: length,
		Scheme: k.scheme.Code, Parts: k.parts, Source: r.Source}
}
