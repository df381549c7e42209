package planner

import (
	"math"
	"sort"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// SectionRule says how a network is cut into the sections the programme
// works on.
const SectionRule = "homogeneous sections: each ruas is cut at every change of condition class " +
	"along its latest 100 m unit survey (contiguous units of the same class form one section, " +
	"with length-weighted IRI and SDI); a ruas surveyed only as metres per class gives one " +
	"section per class present, placed along the ruas in class order; ruas with no survey " +
	"are not planned and are reported as unsurveyed"

// Basis bit: the section's condition came from metres per class (no
// position and no measurement: representative values stand in).
const basisParts uint8 = 1 << 2

// sectionSet is the network in compact per-section columns (struct of
// slices): a million sections cost a few tens of MB and the yearly loops
// touch only what they need.
type sectionSet struct {
	n       int
	ruas    []int32   // index in Network.Ruas; -1 for generated networks
	staFrom []float32 // m from the ruas start
	staTo   []float32
	lenKm   []float32
	areaM2  []float32
	weight  []float32 // benefit weight: km × (LHR/LHRref)^exp
	lhr     []float32 // vehicles/day
	band    []uint8   // traffic band index
	basis   []uint8   // basisIRI | basisSDI | basisParts
	// Evidence of the latest survey.
	surveyDay  []int32 // days since 1970-01-01
	surveyIRI  []float32
	surveySDI  []float32
	ruleVer    []uint16 // index in versions
	versions   []string
	surveyYear []int16
	init       state // condition at the survey, before projection
}

// state is what the simulation changes year by year.
type state struct {
	iri, sdi   []float32
	age        []int16 // years since built or last structural works; -1 unknown
	designLife []int16 // years
	surf       []uint8 // index in roads.Surfaces
	rutin      []bool  // routine care done last year: this year's growth is slowed
}

func newState(n int) state {
	return state{iri: make([]float32, n), sdi: make([]float32, n), age: make([]int16, n), designLife: make([]int16, n),
		surf: make([]uint8, n), rutin: make([]bool, n)}
}

func (s *state) clone() state {
	c := newState(len(s.iri))
	copy(c.iri, s.iri)
	copy(c.sdi, s.sdi)
	copy(c.age, s.age)
	copy(c.designLife, s.designLife)
	copy(c.surf, s.surf)
	copy(c.rutin, s.rutin)
	return c
}

func (ss *sectionSet) grow(n int) {
	ss.ruas = make([]int32, 0, n)
	ss.staFrom = make([]float32, 0, n)
	ss.staTo = make([]float32, 0, n)
	ss.lenKm = make([]float32, 0, n)
	ss.areaM2 = make([]float32, 0, n)
	ss.weight = make([]float32, 0, n)
	ss.lhr = make([]float32, 0, n)
	ss.band = make([]uint8, 0, n)
	ss.basis = make([]uint8, 0, n)
	ss.surveyDay = make([]int32, 0, n)
	ss.surveyIRI = make([]float32, 0, n)
	ss.surveySDI = make([]float32, 0, n)
	ss.ruleVer = make([]uint16, 0, n)
	ss.surveyYear = make([]int16, 0, n)
	ss.init = state{}
}

type rawSection struct {
	ruas        int32
	from, to    float64 // m
	iri, sdi    float64 // NaN when not measured
	basis       uint8
	date        time.Time
	ruleVersion string
	kondisi     roads.Kondisi
}

// sectionsOf cuts each ruas's latest survey in or before year into
// sections (see SectionRule).
func sectionsOf(net *roads.Network, year int, scope []roads.Status) []rawSection {
	var out []rawSection
	for ri, r := range net.Ruas {
		if !inScope(scope, r.Status) {
			continue
		}
		latest := LatestUpTo(net.Surveys[r.ID], year)
		var units []*roads.Survey
		for _, v := range latest {
			if v.Distress != nil {
				units = append(units, v)
				continue
			}
			// Link-level: one section per class present, in class order.
			at := v.StaFromM
			for k, m := range v.Metres {
				if m <= 0 {
					continue
				}
				out = append(out, rawSection{ruas: int32(ri), from: at, to: at + m, iri: math.NaN(), sdi: math.NaN(),
					basis: basisParts | basisIRI, date: v.Date, ruleVersion: ruleVersionOf(v), kondisi: roads.Kondisis[k]})
				at += m
			}
		}
		sort.SliceStable(units, func(a, b int) bool { return units[a].StaFromM < units[b].StaFromM })
		var cur *rawSection
		var wIRI, sIRI, wSDI, sSDI float64
		flush := func() {
			if cur == nil {
				return
			}
			cur.iri, cur.sdi = math.NaN(), math.NaN()
			if wIRI > 0 {
				cur.iri = sIRI / wIRI
				cur.basis |= basisIRI
			}
			if wSDI > 0 {
				cur.sdi = sSDI / wSDI
				cur.basis |= basisSDI
			}
			out = append(out, *cur)
			cur = nil
			wIRI, sIRI, wSDI, sSDI = 0, 0, 0, 0
		}
		for _, u := range units {
			k := u.Assessment.Kondisi
			if cur == nil || k != cur.kondisi || math.Abs(u.StaFromM-cur.to) > 1 {
				flush()
				cur = &rawSection{ruas: int32(ri), from: u.StaFromM, to: u.StaToM, date: u.Date, ruleVersion: ruleVersionOf(u), kondisi: k}
			}
			cur.to = u.StaToM
			l := u.LengthM()
			if u.Distress.IRI != nil {
				wIRI += l
				sIRI += l * *u.Distress.IRI
			}
			if u.Assessment.SDI != nil {
				wSDI += l
				sSDI += l * *u.Assessment.SDI
			}
		}
		flush()
	}
	return out
}

func ruleVersionOf(v *roads.Survey) string {
	if v.MappingVersion != "" {
		return v.MappingVersion
	}
	return v.Assessment.RuleVersion
}

// inScope reports whether a ruas of status st is in the authority scope
// (an empty scope is everything).
func inScope(scope []roads.Status, st roads.Status) bool {
	if len(scope) == 0 {
		return true
	}
	for _, s := range scope {
		if s == st {
			return true
		}
	}
	return false
}
