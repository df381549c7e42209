package planner

import (
	"time"

	"github.com/kotablitar/ruas/roads"
)

// SectionState is one section of the network at the end of the year
// before the plan: its condition (projected from its latest survey with
// the calibrated model and the works recorded since), and its remaining
// service life measured two ways.
type SectionState struct {
	Section    string        `json:"section"`
	RuasKey    string        `json:"ruas_key"`
	StaFromM   float64       `json:"sta_from_m"`
	StaToM     float64       `json:"sta_to_m"`
	LengthKm   float64       `json:"length_km"`
	Surface    roads.Surface `json:"surface"`
	SurveyDate string        `json:"survey_date"`
	IRI        float64       `json:"iri"`
	SDI        *float64      `json:"sdi,omitempty"`
	Kondisi    roads.Kondisi `json:"kondisi"`
	AgeYears   int           `json:"age_years"` // -1 unknown
	DesignLife int           `json:"design_life_years"`
	// RemainingLifeYears is design life minus age; nil when the age is unknown.
	RemainingLifeYears *int `json:"remaining_life_years,omitempty"`
	// YearsToRusakRingan is the do-nothing time until the model crosses
	// into Rusak Ringan (0 = already there; MaxLifeYears = not within it).
	YearsToRusakRingan int      `json:"years_to_rusak_ringan"`
	Model              ModelRef `json:"model"`
}

// Sections returns every planned section of the network as it stands at
// the end of in.FromYear-1 (in.BudgetsRp may be empty here).
func Sections(net *roads.Network, in Input) ([]SectionState, error) {
	if len(in.BudgetsRp) == 0 {
		in.BudgetsRp = []float64{0}
	}
	e, err := newEngine(net, &in)
	if err != nil {
		return nil, err
	}
	st := &e.start
	ss := &e.sec
	out := make([]SectionState, ss.n)
	for i := range out {
		basis := ss.basis[i]
		m := e.modelOf(st, i)
		s := SectionState{StaFromM: round(float64(ss.staFrom[i]), 1), StaToM: round(float64(ss.staTo[i]), 1), LengthKm: round(float64(ss.lenKm[i]), 4),
			Surface: roads.Surfaces[st.surf[i]], SurveyDate: time.Unix(int64(ss.surveyDay[i])*86400, 0).UTC().Format("2006-01-02"),
			IRI: round(float64(st.iri[i]), 2), Kondisi: roads.Kondisis[e.cls.class(st.iri[i], st.sdi[i], basis&(basisIRI|basisSDI))],
			AgeYears: int(st.age[i]), DesignLife: int(st.designLife[i]), YearsToRusakRingan: e.yearsToRR(m, st.iri[i], st.sdi[i], basis), Model: m.ref}
		if basis&basisSDI != 0 {
			v := round(float64(st.sdi[i]), 1)
			s.SDI = &v
		}
		if st.age[i] >= 0 {
			r := int(st.designLife[i]) - int(st.age[i])
			s.RemainingLifeYears = &r
		}
		if ss.ruas[i] >= 0 {
			s.RuasKey = net.Ruas[ss.ruas[i]].Key.String()
		}
		s.Section = s.RuasKey + " " + roads.FormatSTA(s.StaFromM) + "–" + roads.FormatSTA(s.StaToM)
		out[i] = s
	}
	return out, nil
}
