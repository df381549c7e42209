// Package reconcile explains why another office's published road figures
// differ from the register's: for each figure (a year, a region, an
// indicator, a value) it computes the register's value by the same
// definition, then recomputes the register under the definitions offices
// commonly use instead — another year, the surveyed length as the
// denominator, roads of every authority, village grades read as Bina Marga
// classes, link averages instead of 100 m units, metres written as km,
// truncation — and says which of them reproduces the other figure within
// the rounding it was written with. Where none does, the difference is
// reported as unexplained. The result is a Sheet a Forum Satu Data can
// sign: both figures, their sources and dates, the explained part and the
// unexplained rest, and the agreed figure with its definition.
//
// The package is pure: a *roads.Network and figures in, a Sheet out.
// Kemantapan and the km per class come from planner.ConditionAsOf, the
// one computation the dashboard and `ruas condition` use.
package reconcile

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Indicator is a published road-condition indicator, by its code in the
// long format.
type Indicator string

// The indicators the long format takes. Lengths are km of road; the
// kemantapan is a percentage.
const (
	PanjangJalan       Indicator = "panjang_jalan_km"          // network length
	PanjangBaik        Indicator = "panjang_baik_km"           // km in Baik
	PanjangSedang      Indicator = "panjang_sedang_km"         // km in Sedang
	PanjangRusakRingan Indicator = "panjang_rusak_ringan_km"   // km in Rusak Ringan
	PanjangRusakBerat  Indicator = "panjang_rusak_berat_km"    // km in Rusak Berat
	PanjangMantap      Indicator = "panjang_mantap_km"         // Baik + Sedang
	PanjangTidakMantap Indicator = "panjang_tidak_mantap_km"   // Rusak Ringan + Rusak Berat (surveyed)
	PanjangBelumSurvei Indicator = "panjang_belum_disurvei_km" // no survey by the year
	Kemantapan         Indicator = "kemantapan_pct"            // (Baik + Sedang) / network length × 100
)

// Indicators lists the indicators in the order a sheet shows them.
var Indicators = []Indicator{PanjangJalan, PanjangBaik, PanjangSedang, PanjangRusakRingan, PanjangRusakBerat,
	PanjangMantap, PanjangTidakMantap, PanjangBelumSurvei, Kemantapan}

// Known reports whether i is one of Indicators.
func (i Indicator) Known() bool {
	for _, k := range Indicators {
		if k == i {
			return true
		}
	}
	return false
}

// Percent reports whether the indicator is a percentage (else km).
func (i Indicator) Percent() bool { return strings.HasSuffix(string(i), "_pct") }

// Unit is the indicator's unit as the sheet writes it: "km" or "%".
func (i Indicator) Unit() string {
	if i.Percent() {
		return "%"
	}
	return "km"
}

// Label is the indicator's Indonesian name.
func (i Indicator) Label() string {
	switch i {
	case PanjangJalan:
		return "Panjang jalan"
	case PanjangBaik:
		return "Panjang kondisi Baik"
	case PanjangSedang:
		return "Panjang kondisi Sedang"
	case PanjangRusakRingan:
		return "Panjang kondisi Rusak Ringan"
	case PanjangRusakBerat:
		return "Panjang kondisi Rusak Berat"
	case PanjangMantap:
		return "Panjang jalan mantap (Baik + Sedang)"
	case PanjangTidakMantap:
		return "Panjang jalan tidak mantap (Rusak Ringan + Rusak Berat)"
	case PanjangBelumSurvei:
		return "Panjang belum disurvei"
	case Kemantapan:
		return "Kemantapan jalan"
	}
	return string(i)
}

// Figure is one figure another office published: a row of the long
// format `tahun;kode_wilayah;indikator;nilai;satuan;sumber`.
type Figure struct {
	// Line is the row in the file (1 = the header), for messages.
	Line      int       `json:"line"`
	Year      int       `json:"tahun"`
	Region    string    `json:"kode_wilayah"` // Kemendagri code: 33.74 or a kecamatan 33.74.01
	Indicator Indicator `json:"indikator"`
	// Value is in the indicator's unit (km or %), converted from metres
	// when the file gave "m".
	Value float64 `json:"nilai"`
	// Written is the value as written in the file; Decimals the decimals
	// it was written with, in the indicator's unit (a value in metres
	// with none is 3 decimals of km): its stated rounding.
	Written  string `json:"ditulis"`
	Decimals int    `json:"desimal"`
	Unit     string `json:"satuan"` // as written
	Source   string `json:"sumber"`
	// Published is the day the figure was published, when the file gave
	// it (zero otherwise).
	Published time.Time `json:"tanggal_terbit,omitzero"`
}

// Tolerance is half a unit of the figure's last written decimal: a value
// within it of the figure's rounds to the figure as written.
func (f Figure) Tolerance() float64 { return 0.5*math.Pow10(-f.Decimals) + 1e-9 }

// Reproduces reports whether v, rounded the way the figure was, is the
// figure.
func (f Figure) Reproduces(v float64) bool {
	return !math.IsNaN(v) && math.Abs(v-f.Value) <= f.Tolerance()
}

// String names the figure for messages: "baris 4: kemantapan_pct 2025 33.74".
func (f Figure) String() string {
	return fmt.Sprintf("baris %d: %s %d %s", f.Line, f.Indicator, f.Year, f.Region)
}
