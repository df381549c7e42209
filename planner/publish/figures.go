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
	// Kecamatan is the condition per kecamatan (realisasi years only: a
	// plan's forecast is of the whole network).
	Kecamatan []planner.Group
	// OutOfScope is the register outside the office's authority, left out
	// of every figure.
	OutOfScope planner.OutOfScope
}

// scope is the office's authority (kewenangan); the plan's scope when the
// office names none.
func (s *Source) scope() []roads.Status {
	if s.Org.Authority != "" {
		return []roads.Status{s.Org.Authority}
	}
	return s.Result.Scope
}

// Figures returns the condition figures of a year: a plan year (the plan's
// forecast for the end of that year), the baseline year (the year before
// the first plan year: the plan's own baseline), or any earlier year with
// surveys.
func (s *Source) Figures(year int) (Figures, error) {
	if year > s.LastYear() {
		return Figures{}, yearError(fmt.Sprintf("rencana #%d berakhir pada %d, jadi %d tidak punya angka; pilih tahun s.d. %d atau jalankan `ruas plan` dengan horizon lebih panjang",
			s.RunID, s.LastYear(), year, s.LastYear()))
	}
	f := Figures{Year: year, SurveyYear: year, SurfaceKm: map[string]float64{}}
	br := planner.BreakdownScope(s.Net, year, s.scope())
	f.OutOfScope = br.OutOfScope
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
	case year == s.BaselineYear() && s.baselineSurveyYear() <= year:
		// The plan's baseline, when it counts no survey after the year (a
		// data year uses surveys up to that year only).
		b := s.Result.Baseline
		f.Basis, f.Km, f.Kemantapan, f.NetworkKm, f.UnknownKm = Realisasi, b.Km, float64(b.Kemantapan), b.NetworkKm, b.UnsurveyedKm
		f.SurveyYear = s.baselineSurveyYear()
		f.Kecamatan = br.ByKecamatan
	case year == s.BaselineYear() && br.Km.Total() == 0:
		// The verified register has no survey up to the year: the plan's
		// own baseline, whose keterangan names the later survey year it
		// rests on, rather than nothing at all.
		f = s.planBaseline()
	default:
		if br.Km.Total() == 0 {
			return Figures{}, yearError(fmt.Sprintf("register (data terverifikasi) tidak memiliki survei kondisi pada atau sebelum %d; data satu tahun hanya memakai survei s.d. tahun itu: verifikasi survei tahun itu dulu, atau pilih tahun rencana %d–%d (proyeksi)", year, s.FromYear(), s.LastYear()))
		}
		f.Basis, f.Km, f.Kemantapan, f.NetworkKm, f.UnknownKm = Realisasi, br.Km, float64(br.Kemantapan), br.NetworkKm, br.UnsurveyedKm
		f.Kecamatan = br.ByKecamatan
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

// planBaseline is the plan's own starting condition (surveys up to
// Result.Baseline.Year, which may include early surveys of the first plan
// year), labelled with the year before the plan: the planning document's
// starting point, the same as its chart's first point.
func (s *Source) planBaseline() Figures {
	b := s.Result.Baseline
	f := Figures{Year: s.BaselineYear(), Basis: Realisasi, SurveyYear: s.baselineSurveyYear(), Km: b.Km, Kemantapan: float64(b.Kemantapan),
		NetworkKm: b.NetworkKm, UnknownKm: b.UnsurveyedKm, SurfaceKm: map[string]float64{}, OutOfScope: b.OutOfScope}
	for _, g := range planner.BreakdownScope(s.Net, s.baselineSurveyYear(), s.scope()).BySurface {
		f.SurfaceKm[roads.Ref().Surface(roads.Surface(g.Key)).Walidata] += g.NetworkKm
	}
	f.Kecamatan = b.ByKecamatan
	return f
}

// yearError is a data year the plan or the register has no figures for:
// the reader chose a wrong year, so it is a roads.ErrInvalid (a 422 on
// the web, exit 1 with the message on the command line), not a failure.
type yearError string

func (e yearError) Error() string      { return string(e) }
func (yearError) Is(target error) bool { return target == roads.ErrInvalid }
