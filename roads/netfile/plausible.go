package netfile

import (
	"fmt"
	"sort"
)

// CatUnitSuspect marks a length or width that looks 1,000 times off (a
// decimal mark or a unit misread); a warning, the row is imported as read
// unless another rule refuses it.
const CatUnitSuspect = "unit_suspect"

// Plausible sizes, in metres: a carriageway is 1.5–60 m wide (a footpath
// to a boulevard); a road link of a city or kabupaten is tens of metres
// to tens of km, so a file whose median link is under 5 m was almost
// surely written in km or read with the wrong decimal mark.
const (
	minWidthM        = 1.5
	maxWidthM        = 60.0
	minMedianLengthM = 5.0
)

// plausibility warns about lengths and widths that look 1,000 times off,
// by row and column, after the file's rows are converted.
func plausibility(fs *fileState) {
	l := fs.l
	colOf := func(rr *rowResult, f Field) string {
		if _, j := l.value(rr.rec, f); j >= 0 {
			return fs.t.Columns[j]
		}
		return ""
	}
	raw := func(rr *rowResult, f Field) string { v, _ := l.value(rr.rec, f); return v }
	var lengths []float64
	for _, rr := range fs.rows {
		r := rr.ruas
		if r == nil {
			continue
		}
		if w := r.WidthM; w > 0 {
			switch {
			case w > maxWidthM && w/1000 >= minWidthM && w/1000 <= maxWidthM:
				rr.warn(colOf(rr, FWidth), raw(rr, FWidth), CatUnitSuspect, fmt.Sprintf(
					"lebar %s m tampaknya 1.000× terlalu besar (%s m?); periksa tanda desimalnya (1.250 dibaca seribu dua ratus lima puluh) dan satuannya (meter)",
					fmtNum(w), fmtNum(w/1000)))
			case w < minWidthM/100 && w*1000 >= minWidthM && w*1000 <= maxWidthM:
				rr.warn(colOf(rr, FWidth), raw(rr, FWidth), CatUnitSuspect, fmt.Sprintf(
					"lebar %s m tampaknya 1.000× terlalu kecil (%s m?); periksa tanda desimalnya dan satuannya (meter, bukan km)",
					fmtNum(w), fmtNum(w*1000)))
			}
		}
		if r.LengthM > 0 {
			lengths = append(lengths, r.LengthM)
		}
	}
	if len(lengths) == 0 {
		return
	}
	sort.Float64s(lengths)
	med := lengths[len(lengths)/2]
	if len(lengths)%2 == 0 {
		med = (lengths[len(lengths)/2-1] + med) / 2
	}
	col := ""
	for _, rr := range fs.rows {
		if col = colOf(rr, FLength); col != "" {
			break
		}
	}
	if len(lengths) >= 3 && med < minMedianLengthM && med*1000 >= 50 {
		fs.rep.Warnings = append(fs.rep.Warnings, Problem{Column: col, Value: fmtNum(med), Category: CatUnitSuspect, Count: len(lengths),
			Message: fmt.Sprintf("panjang ruas di berkas ini bermedian %s m, terlalu pendek untuk ruas jalan: tampaknya 1.000× terlalu kecil (%s m?). Bila panjang ditulis dalam km, tulis \"(km)\" di judul kolom atau \"units\" di berkas pemetaan; bila titik dibaca sebagai desimal, pakai --decimal koma",
				fmtNum(med), fmtNum(med*1000))})
		return
	}
	if med < 100 {
		return
	}
	for _, rr := range fs.rows {
		r := rr.ruas
		if r == nil || r.LengthM <= 0 {
			continue
		}
		switch {
		case r.LengthM < minMedianLengthM:
			rr.warn(colOf(rr, FLength), raw(rr, FLength), CatUnitSuspect, fmt.Sprintf(
				"panjang %s m jauh di bawah ruas lain di berkas (median %s m); mungkin 1.000× terlalu kecil (%s m, atau ditulis dalam km). Periksa tanda desimal dan satuannya",
				fmtNum(r.LengthM), fmtNum(med), fmtNum(r.LengthM*1000)))
		case r.LengthM >= 1000*med:
			rr.warn(colOf(rr, FLength), raw(rr, FLength), CatUnitSuspect, fmt.Sprintf(
				"panjang %s m lebih dari 1.000× median ruas lain di berkas (%s m); mungkin 1.000× terlalu besar (%s m). Periksa tanda desimal dan satuannya",
				fmtNum(r.LengthM), fmtNum(med), fmtNum(r.LengthM/1000)))
		}
	}
}
