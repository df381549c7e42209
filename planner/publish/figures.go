package publish

import (
	"fmt"
	"math"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// Basis says where a year's condition figures come from.
const (
	// Realisasi: the latest survey of each ruas in or before the year.
	Realisasi = "realisasi"
	// Proyeksi: the plan's forecast at the end of a plan year, after its works.
	Proyeksi = "proyeksi"
)

// walidataSurfaces are the e-Walidata surface classes in reporting order.
var walidataSurfaces = []string{"aspal", "beton", "kerikil", "tanah", "tidak_terinci"}

// Figures is the network condition of one year as every export states it.
// Plan years are the plan's own forecast; the baseline year is the plan's
// baseline; earlier years are summarised from the register's surveys.
type Figures struct {
	Year       int
	Basis      string          // Realisasi or Proyeksi
	SurveyYear int             // Realisasi: the last year whose surveys count
	Km         planner.ClassKm // km per condition class
	Kemantapan float64         // %, of the length whose condition is known
	NetworkKm  float64         // register length, km
	UnknownKm  float64         // length with no condition, km
	// SurfaceKm is the register length per e-Walidata surface class, km.
	// Surfaces are those of the register (works a plan proposes do not
	// change them until they are done and recorded).
	SurfaceKm map[string]float64
}

// Figures returns the condition figures of a year: a plan year (the plan's
// forecast for the end of that year), the baseline year (the year before
// the first plan year: the plan's own baseline), or any earlier year with
// surveys.
func (s *Source) Figures(year int) (Figures, error) {
	if year > s.LastYear() {
		return Figures{}, fmt.Errorf("rencana #%d berakhir pada %d, jadi %d tidak punya angka; pilih tahun s.d. %d atau jalankan `ruas plan` dengan horizon lebih panjang",
			s.RunID, s.LastYear(), year, s.LastYear())
	}
	f := Figures{Year: year, SurveyYear: year, SurfaceKm: map[string]float64{}}
	br := planner.Breakdown(s.Net, year)
	for _, g := range br.BySurface {
		f.SurfaceKm[roads.Ref().Surface(roads.Surface(g.Key)).Walidata] += g.NetworkKm
	}
	switch {
	case year >= s.FromYear():
		yr, err := s.PlanYear(year)
		if err != nil {
			return Figures{}, err
		}
		f.Basis, f.Km, f.Kemantapan, f.NetworkKm = Proyeksi, yr.Km, yr.Kemantapan, s.Result.NetworkKm
		f.UnknownKm = math.Max(0, s.Result.NetworkKm-yr.Km.Total())
	case year == s.BaselineYear():
		b := s.Result.Baseline
		f.Basis, f.Km, f.Kemantapan, f.NetworkKm, f.UnknownKm = Realisasi, b.Km, float64(b.Kemantapan), b.NetworkKm, b.UnsurveyedKm
		f.SurveyYear = s.baselineSurveyYear()
	default:
		if br.Km.Total() == 0 {
			return Figures{}, fmt.Errorf("register tidak memiliki survei kondisi pada atau sebelum %d; pilih tahun mulai %d (kondisi awal rencana)", year, s.BaselineYear())
		}
		f.Basis, f.Km, f.Kemantapan, f.NetworkKm, f.UnknownKm = Realisasi, br.Km, float64(br.Kemantapan), br.NetworkKm, br.UnsurveyedKm
	}
	return f, nil
}

// Value computes an indicator's measure from the figures.
func (f Figures) Value(measure string) (float64, error) {
	switch measure {
	case "panjang":
		return f.NetworkKm, nil
	case "kemantapan":
		return f.Kemantapan, nil
	case "kondisi:tidak_diketahui":
		return f.UnknownKm, nil
	case "kondisi:baik":
		return f.Km.Baik, nil
	case "kondisi:sedang":
		return f.Km.Sedang, nil
	case "kondisi:rusak_ringan":
		return f.Km.RusakRingan, nil
	case "kondisi:rusak_berat":
		return f.Km.RusakBerat, nil
	}
	for _, c := range walidataSurfaces {
		if measure == "permukaan:"+c {
			return f.SurfaceKm[c], nil
		}
	}
	return 0, fmt.Errorf("indicator measure %q is unknown", measure)
}
