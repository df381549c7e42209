package planner

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/kotablitar/ruas/roads"
)

// Deterioration forms.
const (
	FormExponential = "exponential" // x(t+1) = x(t)·(1+rate)
	FormLinear      = "linear"      // x(t+1) = x(t) + rate
)

// model is the compiled deterioration of one (surface, traffic band):
// what the simulation steps each section with, once a year.
type model struct {
	exp     bool
	iriRate float32 // exponential: m (fraction a year); linear: m/km a year
	iriCap  float32 // m/km
	sdiRate float32 // SDI points a year
	sdiCap  float32
	ref     ModelRef
	sdiRef  ModelRef
}

// step advances one year; factor scales the year's growth (routine care
// halves it, see the catalogue). A value already above its cap stays.
func (m *model) step(iri, sdi, factor float32) (float32, float32) {
	if iri < m.iriCap {
		if m.exp {
			iri += iri * m.iriRate * factor
		} else {
			iri += m.iriRate * factor
		}
		if iri > m.iriCap {
			iri = m.iriCap
		}
	}
	if sdi < m.sdiCap {
		sdi += m.sdiRate * factor
		if sdi > m.sdiCap {
			sdi = m.sdiCap
		}
	}
	return iri, sdi
}

// interval is one observed change between two surveys of the same unit
// with no works in between: v1 at the start, v2 after dt years.
type interval struct {
	v1, v2, dt float64
	unit       uint32 // the surveyed unit (series) it comes from, for splits by unit
}

// Fit is a least-squares fit of a deterioration rate on observed
// between-survey changes.
type Fit struct {
	Rate float64 // per year, in the form's meaning
	SE   float64 // standard error of Rate
	N    int
	R2   float64 // of predicted vs observed change over each interval
	RMSE float64 // of the predicted end value
}

// fitRate fits x(t+dt) = x(t)·(1+rate)^dt (exponential: ln(v2/v1) = b·dt,
// rate = e^b − 1) or x(t+dt) = x(t) + rate·dt (linear) by least squares
// through the origin on the changes, with gonum's stat.LinearRegression.
// The standard error of the exponential rate comes from that of b by the
// delta method (SE(rate) = e^b·SE(b)).
func fitRate(form string, obs []interval) Fit {
	n := len(obs)
	f := Fit{N: n}
	if n < 2 {
		f.Rate, f.SE, f.R2, f.RMSE = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		return f
	}
	xs := make([]float64, n)
	ys := make([]float64, n)
	for i, o := range obs {
		xs[i] = o.dt
		if form == FormExponential {
			ys[i] = math.Log(o.v2 / o.v1)
		} else {
			ys[i] = o.v2 - o.v1
		}
	}
	_, b := stat.LinearRegression(xs, ys, nil, true)
	// Constrained to deterioration: through the origin with one slope the
	// least-squares optimum under b ≥ 0 is max(b, 0).
	b = math.Max(b, 0)
	var ssr, sxx float64
	for i := range xs {
		r := ys[i] - b*xs[i]
		ssr += r * r
		sxx += xs[i] * xs[i]
	}
	seB := math.Sqrt(ssr / float64(n-1) / sxx)
	if form == FormExponential {
		f.Rate = math.Exp(b) - 1
		f.SE = math.Exp(b) * seB
	} else {
		f.Rate, f.SE = b, seB
	}
	var meanD float64
	for _, o := range obs {
		meanD += o.v2 - o.v1
	}
	meanD /= float64(n)
	var sse, sst float64
	for _, o := range obs {
		p := predict(form, f.Rate, o.v1, o.dt)
		d := o.v2 - p
		sse += d * d
		t := o.v2 - o.v1 - meanD
		sst += t * t
	}
	f.RMSE = math.Sqrt(sse / float64(n))
	f.R2 = 1 - sse/sst
	if sst == 0 {
		f.R2 = math.NaN()
	}
	return f
}

func predict(form string, rate, v1, dt float64) float64 {
	if form == FormExponential {
		return v1 * math.Pow(1+rate, dt)
	}
	return v1 + rate*dt
}

// Calibration is the set of deterioration parameters for a network: the
// city's own fitted rates where its history has enough intervals, the
// table defaults elsewhere.
type Calibration struct {
	Table   string       `json:"table"` // deterioration table version
	Params  []ModelParam `json:"params"`
	Skipped struct {
		WithWorks  int `json:"with_works"` // intervals left out: works in between
		Short      int `json:"short"`      // shorter than min_interval_years
		Unrecorded int `json:"unrecorded"` // larger falls than max_drop: unrecorded works
	} `json:"skipped"`
	// Skill is the out-of-sample skill of each fitted IRI family.
	Skill []FamilySkill `json:"skill,omitempty"`
}

type groupKey struct {
	surface int // index in roads.Surfaces
	band    int // -1 = all bands of the surface
	sdi     bool
}

// Calibrate fits deterioration rates to the register's survey history up
// to (and including) year: for every pair of successive unit surveys of
// the same STA range with no works recorded on it in between, the change
// in IRI (and SDI) over the elapsed years. Rates are fitted per surface,
// and per surface and traffic band where the band alone has enough
// intervals. With fit false the table defaults are returned unchanged.
func Calibrate(net *roads.Network, year int, det *Deterioration, fit bool) Calibration {
	cal := Calibration{Table: det.Version}
	groups := map[groupKey][]interval{}
	var unitID uint32
	present := map[int]bool{}
	for _, r := range net.Ruas {
		present[surfaceIndex(r.Surface)] = true
		if !fit {
			continue
		}
		si := surfaceIndex(r.Surface)
		type unitKey struct{ a, b float64 }
		series := map[unitKey][]*roads.Survey{}
		var keys []unitKey
		for _, v := range net.Surveys[r.ID] {
			if v.Distress == nil || v.Date.Year() > year {
				continue
			}
			k := unitKey{v.StaFromM, v.StaToM}
			if _, ok := series[k]; !ok {
				keys = append(keys, k)
			}
			series[k] = append(series[k], v)
		}
		works := net.Works[r.ID]
		for _, k := range keys {
			s := series[k]
			unitID++
			for i := 1; i < len(s); i++ {
				a, b := s[i-1], s[i]
				dt := b.Date.Sub(a.Date).Hours() / 24 / 365.25
				if worksBetween(works, a, b) {
					cal.Skipped.WithWorks++
					continue
				}
				if dt < det.MinIntervalYears {
					cal.Skipped.Short++
					continue
				}
				band := det.band(lhrAt(net, r, a.Date.Year(), det))
				if a.Distress.IRI != nil && b.Distress.IRI != nil && *a.Distress.IRI > 0 {
					v1, v2 := *a.Distress.IRI, *b.Distress.IRI
					if v1-v2 > det.MaxDrop["iri"] {
						cal.Skipped.Unrecorded++
					} else {
						o := interval{v1, v2, dt, unitID}
						groups[groupKey{si, band, false}] = append(groups[groupKey{si, band, false}], o)
						groups[groupKey{si, -1, false}] = append(groups[groupKey{si, -1, false}], o)
					}
				}
				if a.Assessment.SDI != nil && b.Assessment.SDI != nil {
					v1, v2 := *a.Assessment.SDI, *b.Assessment.SDI
					if v1-v2 > det.MaxDrop["sdi"] {
						cal.Skipped.Unrecorded++
					} else {
						o := interval{v1, v2, dt, unitID}
						groups[groupKey{si, band, true}] = append(groups[groupKey{si, band, true}], o)
						groups[groupKey{si, -1, true}] = append(groups[groupKey{si, -1, true}], o)
					}
				}
			}
		}
	}
	for si, s := range roads.Surfaces {
		def, _ := det.rate(s)
		for _, sdi := range []bool{false, true} {
			if !present[si] && len(groups[groupKey{si, -1, sdi}]) == 0 {
				continue
			}
			surf := makeParam(det, def, s, -1, sdi, groups[groupKey{si, -1, sdi}], nil)
			if surf.Source == "fitted" {
				cal.skillGuard(det, &surf, groups[groupKey{si, -1, sdi}], nil)
			}
			cal.Params = append(cal.Params, surf)
			for b := range det.TrafficBands {
				if obs := groups[groupKey{si, b, sdi}]; len(obs) >= det.MinSamples {
					p := makeParam(det, def, s, b, sdi, obs, &surf)
					cal.skillGuard(det, &p, obs, &surf)
					cal.Params = append(cal.Params, p)
				}
			}
		}
	}
	return cal
}

func makeParam(det *Deterioration, def SurfaceRate, s roads.Surface, band int, sdi bool, obs []interval, surf *ModelParam) ModelParam {
	p := ModelParam{Key: string(s), Surface: s, Quantity: "iri", Form: def.IRIForm, Default: def.IRIRate, Cap: def.IRICap}
	if sdi {
		p.Quantity, p.Form, p.Default, p.Cap = "sdi", FormLinear, def.SDIRate, def.SDICap
	}
	if band >= 0 {
		p.Band = det.TrafficBands[band].Code
		p.Key += "/" + p.Band
	}
	p.Rate, p.Source, p.N = p.Default, "default", len(obs)
	p.Prior, p.PriorSE = p.Default, det.PriorRelSE*p.Default
	if surf != nil && surf.Source == "fitted" {
		// A traffic band is shrunk towards its surface's estimate, with
		// the table's uncertainty as the spread between families: it
		// departs from its surface only where its own data carry it.
		p.Prior = surf.Rate
	}
	if len(obs) < det.MinSamples {
		p.Note = fmt.Sprintf("%d intervals in the survey history, fewer than the %d needed: table default %s used", len(obs), det.MinSamples, det.Version)
		return p
	}
	// Rounded so that reports and stored plans do not carry float noise
	// (6 decimals of a rate is far below its standard error).
	f := fitRate(p.Form, obs)
	p.R2, p.RMSE = round(clean(f.R2), 4), round(clean(f.RMSE), 4)
	if math.IsNaN(f.Rate) {
		p.Note = "no rate could be fitted: table default used"
		return p
	}
	rate, se, w := shrink(f.Rate, f.SE, p.Prior, p.PriorSE)
	p.Fitted, p.SEFit, p.WeightData = round(f.Rate, 6), round(clean(f.SE), 6), round(w, 4)
	p.Rate, p.SE, p.Source = round(rate, 6), round(clean(se), 6), "fitted"
	p.Note = fmt.Sprintf("fitted on %d between-survey intervals without works (rate ≥ 0): %.4g ± %.2g, combined with the prior %.4g ± %.2g by precision: weight %.3f on the data",
		len(obs), f.Rate, f.SE, p.Prior, p.PriorSE, w)
	return p
}

// shrink combines a fitted rate with its prior by their precisions:
// rate = w·fit + (1−w)·prior, w = (1/se²)/(1/se² + 1/priorSE²); the
// combined standard error is 1/√(1/se² + 1/priorSE²). A prior with no
// uncertainty given (priorSE 0: older tables) leaves the fit as it is.
func shrink(fit, se, prior, priorSE float64) (rate, seOut, w float64) {
	switch {
	case !(priorSE > 0):
		return fit, se, 1
	case !(se > 0):
		return fit, se, 1 // an exact fit (no scatter) needs no prior
	}
	pd, pp := 1/(se*se), 1/(priorSE*priorSE)
	w = pd / (pd + pp)
	return w*fit + (1-w)*prior, 1 / math.Sqrt(pd+pp), w
}

// estimate is the rate Calibrate uses for a family: the constrained fit
// combined with its prior (see shrink).
func estimate(form string, obs []interval, prior, priorSE float64) float64 {
	f := fitRate(form, obs)
	if math.IsNaN(f.Rate) {
		return prior
	}
	r, _, _ := shrink(f.Rate, f.SE, prior, priorSE)
	return r
}

// minHeldOut is the number of held-out intervals from which a family's
// lack of skill is taken as evidence of no deterioration.
const minHeldOut = 30

// MinSkillZ is the evidence a family's rate must show to be used: the
// fitted rate at least this many standard errors above 0, or its
// held-out squared error below carrying forward's by this many standard
// errors (one-sided, each about 2 % by chance). A rate fitted to a
// history without a trend passes neither but by chance, and would then
// predict fresh units worse than carrying forward; such a family is
// carried forward (rate 0). Real deterioration passes the first even
// where noise hides it in the second (LTPP: rate 5.4 standard errors
// above 0, held-out gain 0.9).
const MinSkillZ = 2

// skillGuard scores a fitted family out of sample (familySkill) and adds
// the score to the calibration. On at least minHeldOut held-out
// intervals, a family whose estimate does worse than carrying the last
// value forward, or shows deterioration beyond chance neither in its fit
// nor on the held-out units (MinSkillZ), shows no measurable
// deterioration: its rate becomes 0 (never an improvement), with a note.
func (cal *Calibration) skillGuard(det *Deterioration, p *ModelParam, obs []interval, surf *ModelParam) {
	if p.Source != "fitted" {
		return
	}
	sk := familySkill(det, *p, obs, surf)
	sk.Quantity = p.Quantity
	fitZ := 0.0
	if p.SEFit > 0 {
		fitZ = p.Fitted / p.SEFit
	}
	if sk.NTest >= minHeldOut && (sk.RMSE > sk.RMSENaive || fitZ < MinSkillZ && sk.Z < MinSkillZ) {
		p.Rate = 0
		p.Note += fmt.Sprintf("; on %d held-out intervals it does not beat carrying the last value forward beyond chance (RMSE %.4g vs %.4g, gain %.2f SE; fitted rate %.2f SE above 0; %g needed): no measurable deterioration, rate 0",
			sk.NTest, sk.RMSE, sk.RMSENaive, sk.Z, fitZ, float64(MinSkillZ))
		sk.Note = "no skill beyond chance on held-out units: rate set to 0 (carry forward)"
		sk.RMSEUsed = sk.RMSENaive
	} else {
		sk.RMSEUsed = sk.RMSE
	}
	cal.Skill = append(cal.Skill, sk)
}

// familySkill scores a family's estimate out of sample: its surveyed
// units are split 70/30 by a fixed hash of the unit (never by interval),
// the estimate is made on the 70 % (shrunk to the same prior) and the
// end values of the 30 % are predicted from their start values, against
// carrying the last value forward.
func familySkill(det *Deterioration, p ModelParam, obs []interval, surf *ModelParam) FamilySkill {
	s := FamilySkill{Key: p.Key}
	var train, test []interval
	for _, o := range obs {
		h := uint64(o.unit)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
		h ^= h >> 29
		if h%10 < 7 {
			train = append(train, o)
		} else {
			test = append(test, o)
		}
	}
	s.NTrain, s.NTest = len(train), len(test)
	if len(train) < det.MinSamples || len(test) == 0 {
		s.Note = "too few units to hold any out"
		return s
	}
	prior, priorSE := p.Default, det.PriorRelSE*p.Default
	if surf != nil && surf.Source == "fitted" {
		prior = surf.Rate
	}
	rate := estimate(p.Form, train, prior, priorSE)
	var se, sn, sg, sgg float64
	for _, o := range test {
		d := o.v2 - predict(p.Form, rate, o.v1, o.dt)
		se += d * d
		sn += (o.v2 - o.v1) * (o.v2 - o.v1)
		g := (o.v2-o.v1)*(o.v2-o.v1) - d*d // the model's gain on this interval
		sg += g
		sgg += g * g
	}
	n := float64(len(test))
	s.RMSE, s.RMSENaive = round(math.Sqrt(se/n), 4), round(math.Sqrt(sn/n), 4)
	if mean, v := sg/n, (sgg-sg*sg/n)/(n-1); n > 1 && v > 0 {
		s.Z = round(mean/math.Sqrt(v/n), 3)
	}
	if s.RMSE > s.RMSENaive {
		s.Note = "no skill over carrying the last value forward on held-out units"
	}
	return s
}

func clean(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return x
}

// worksBetween reports whether any works on the ruas overlapping the
// surveys' STA range was dated after the first survey and up to the second.
func worksBetween(works []*roads.Works, a, b *roads.Survey) bool {
	for _, w := range works {
		if w.Date.After(a.Date) && !w.Date.After(b.Date) && w.StaFromM < a.StaToM && w.StaToM > a.StaFromM {
			return true
		}
	}
	return false
}

// lhrAt is the ruas's latest traffic count in or before year, or the
// table's default for its function.
func lhrAt(net *roads.Network, r *roads.Ruas, year int, det *Deterioration) float64 {
	ts := net.Traffic[r.ID]
	i := sort.Search(len(ts), func(i int) bool { return ts[i].Year > year })
	if i > 0 {
		return ts[i-1].LHR
	}
	if v, ok := det.DefaultLHR[r.Fungsi]; ok {
		return v
	}
	return det.DefaultLHR[roads.FungsiBelum]
}

func surfaceIndex(s roads.Surface) int {
	for i, x := range roads.Surfaces {
		if x == s {
			return i
		}
	}
	return len(roads.Surfaces) - 1 // tidak terinci
}

// compileModels builds the model of every (surface, band): band fit, else
// surface fit, else the default, separately for IRI and SDI.
func compileModels(det *Deterioration, cal Calibration) []model {
	nb := len(det.TrafficBands)
	out := make([]model, len(roads.Surfaces)*nb)
	find := func(s roads.Surface, band string, q string) (ModelParam, bool) {
		for _, p := range cal.Params {
			if p.Surface == s && p.Band == band && p.Quantity == q {
				return p, true
			}
		}
		return ModelParam{}, false
	}
	for si, s := range roads.Surfaces {
		def, _ := det.rate(s)
		for b := 0; b < nb; b++ {
			pick := func(q string) ModelParam {
				if p, ok := find(s, det.TrafficBands[b].Code, q); ok && p.Source == "fitted" {
					return p
				}
				if p, ok := find(s, "", q); ok {
					return p
				}
				p := ModelParam{Key: string(s), Surface: s, Quantity: q, Form: def.IRIForm, Rate: def.IRIRate, Default: def.IRIRate, Cap: def.IRICap, Source: "default"}
				if q == "sdi" {
					p.Form, p.Rate, p.Default, p.Cap = FormLinear, def.SDIRate, def.SDIRate, def.SDICap
				}
				return p
			}
			pi, ps := pick("iri"), pick("sdi")
			out[si*nb+b] = model{
				exp: pi.Form == FormExponential, iriRate: float32(pi.Rate), iriCap: float32(pi.Cap),
				sdiRate: float32(ps.Rate), sdiCap: float32(ps.Cap),
				ref:    ModelRef{Key: pi.Key, Form: pi.Form, Rate: pi.Rate, Source: pi.Source, N: pi.N, SE: pi.SE},
				sdiRef: ModelRef{Key: ps.Key, Form: ps.Form, Rate: ps.Rate, Source: ps.Source, N: ps.N, SE: ps.SE},
			}
		}
	}
	return out
}
