package web

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// surveyDoc is a stored survey as the API writes it.
type surveyDoc struct {
	ID             int64            `json:"id"`
	Date           string           `json:"date"`
	DateBasis      string           `json:"date_basis"`
	StaFromM       float64          `json:"sta_from_m"`
	StaToM         float64          `json:"sta_to_m"`
	Distress       *roads.Distress  `json:"distress,omitempty"`
	Scheme         string           `json:"scheme,omitempty"`
	Parts          *[4]float64      `json:"parts,omitempty"`
	Assessment     roads.Assessment `json:"assessment"`
	Metres         [4]float64       `json:"metres"`
	MappingVersion string           `json:"mapping_version,omitempty"`
	Source         roads.Source     `json:"source"`
}

func newSurveyDoc(v *roads.Survey) surveyDoc {
	d := surveyDoc{ID: v.ID, Date: v.Date.Format("2006-01-02"), DateBasis: v.DateBasis, StaFromM: v.StaFromM, StaToM: v.StaToM,
		Distress: v.Distress, Scheme: v.Scheme, Assessment: v.Assessment, Metres: v.Metres, MappingVersion: v.MappingVersion, Source: v.Source}
	if v.Scheme != "" {
		p := v.Parts
		d.Parts = &p
	}
	if d.Assessment.Steps == nil {
		d.Assessment.Steps = []string{}
	}
	return d
}

// surveyInput is the body of POST /api/v1/ruas/{id}/surveys: one survey
// date and its 100 m units (or any STA ranges), each with raw measurements.
type surveyInput struct {
	Date  string      `json:"date"`
	User  string      `json:"user"`
	Units []unitInput `json:"units"`
}

// unitInput is one survey unit. Empty measurements are not measured.
type unitInput struct {
	StaFromM     *float64 `json:"sta_from_m"`
	StaToM       *float64 `json:"sta_to_m"`
	CrackAreaPct *float64 `json:"crack_area_pct"`
	CrackWidthMM *float64 `json:"crack_width_mm"`
	Potholes     *float64 `json:"potholes"`
	RutCM        *float64 `json:"rut_cm"`
	IRI          *float64 `json:"iri"`
	PCI          *float64 `json:"pci"`
}

// maxUnits bounds one form entry (a 50 km ruas in 100 m units).
const maxUnits = 500

// toSurveys validates the input and derives every unit's SDI and class
// with the current rule table. Problems name the unit: "units.2.rut_cm".
func (in surveyInput) toSurveys(l Locale, r *roads.Ruas, form string) ([]*roads.Survey, error) {
	p := &fieldProblems{l: l}
	date := p.date("date", in.Date)
	if len(in.Units) == 0 {
		p.add("units", "0", "err.units_none")
	}
	if len(in.Units) > maxUnits {
		p.add("units", itoa(len(in.Units)), "err.units_many", maxUnits)
	}
	rules, err := roads.ConditionRules("")
	if err != nil {
		return nil, err
	}
	src := roads.Source{Form: form, User: strings.TrimSpace(in.User)}
	var out []*roads.Survey
	seen := map[[2]float64]bool{}
	for i, u := range in.Units {
		name := func(f string) string { return fmt.Sprintf("units.%d.%s", i, f) }
		if u.StaFromM == nil || u.StaToM == nil {
			p.add(name("sta"), "", "err.sta")
			continue
		}
		d := &roads.Distress{CrackAreaPct: u.CrackAreaPct, CrackWidthMM: u.CrackWidthMM, Potholes: u.Potholes, RutCM: u.RutCM, IRI: u.IRI, PCI: u.PCI}
		// Each measurement is checked alone so that a problem names its field.
		for _, m := range []struct {
			field string
			d     roads.Distress
		}{
			{"crack_area_pct", roads.Distress{CrackAreaPct: u.CrackAreaPct}}, {"crack_width_mm", roads.Distress{CrackWidthMM: u.CrackWidthMM}},
			{"potholes", roads.Distress{Potholes: u.Potholes}}, {"rut_cm", roads.Distress{RutCM: u.RutCM}},
			{"iri", roads.Distress{IRI: u.IRI}}, {"pci", roads.Distress{PCI: u.PCI}},
		} {
			if err := m.d.Validate(); err != nil {
				p.errs = append(p.errs, roads.FieldError{Field: name(m.field), Message: l.FieldMessage(roads.FieldError{Field: m.field, Message: err.Error()})})
			}
		}
		v := &roads.Survey{RuasID: r.ID, Ruas: r.Key, Date: date, DateBasis: roads.DateFromSurvey, StaFromM: *u.StaFromM, StaToM: *u.StaToM, Distress: d, Source: src}
		if r.Length() > 0 && v.StaToM > r.Length()+staSlackM {
			p.add(name("sta_to_m"), fmt.Sprint(v.StaToM), "err.sta_beyond", l.M(r.Length()))
		}
		key := [2]float64{v.StaFromM, v.StaToM}
		if seen[key] {
			p.add(name("sta"), roads.FormatSTA(v.StaFromM), "err.sta_twice")
		}
		seen[key] = true
		for _, fe := range v.Validate() {
			if fe.Field == "date" && date.IsZero() || fe.Field == "distress" && !d.Empty() {
				continue // already reported above
			}
			f := fe.Field
			if f != "date" {
				f = name(f)
			}
			p.errs = append(p.errs, roads.FieldError{Field: f, Value: fe.Value, Message: l.FieldMessage(fe), Max: fe.Max})
		}
		if len(p.errs) == 0 {
			if err := v.Derive(rules); err != nil {
				p.errs = append(p.errs, roads.FieldError{Field: name("distress"), Message: l.FieldMessage(roads.FieldError{Field: "distress", Message: strings.TrimPrefix(err.Error(), "invalid: ")})})
			}
		}
		out = append(out, v)
	}
	if len(p.errs) > 0 {
		return nil, worded("survey of ruas "+r.Key.String(), p.errs)
	}
	return out, nil
}

// staSlackM is how far past a ruas's length, in metres, a survey unit may
// end before it is refused (a measuring wheel and an SK length differ a little).
const staSlackM = 50

// worksDoc is a works record as the API writes it.
type worksDoc struct {
	ID           int64        `json:"id"`
	Date         string       `json:"date"`
	Type         string       `json:"type"`
	StaFromM     float64      `json:"sta_from_m"`
	StaToM       float64      `json:"sta_to_m"`
	Quantity     float64      `json:"quantity"`
	Unit         string       `json:"unit"`
	CostRp       float64      `json:"cost_rp"`
	Funding      string       `json:"funding"`
	SubKegiatan  string       `json:"sub_kegiatan"`
	NomenVersion string       `json:"nomen_version"`
	ContractRef  string       `json:"contract_ref"`
	Committed    bool         `json:"committed"`
	Source       roads.Source `json:"source"`
}

func newWorksDoc(w *roads.Works) worksDoc {
	return worksDoc{ID: w.ID, Date: w.Date.Format("2006-01-02"), Type: string(w.Type), StaFromM: w.StaFromM, StaToM: w.StaToM,
		Quantity: w.Quantity, Unit: w.Unit, CostRp: w.CostRp, Funding: w.Funding, SubKegiatan: w.SubKegiatan,
		NomenVersion: w.NomenVersion, ContractRef: w.ContractRef, Committed: w.Committed, Source: w.Source}
}

// worksInput is the body of POST /api/v1/ruas/{id}/works.
type worksInput struct {
	Date         string   `json:"date"`
	Type         string   `json:"type"`
	StaFromM     *float64 `json:"sta_from_m"`
	StaToM       *float64 `json:"sta_to_m"`
	Quantity     float64  `json:"quantity"`
	Unit         string   `json:"unit"`
	CostRp       float64  `json:"cost_rp"`
	Funding      string   `json:"funding"`
	SubKegiatan  string   `json:"sub_kegiatan"`
	NomenVersion string   `json:"nomen_version"`
	ContractRef  string   `json:"contract_ref"`
	Committed    bool     `json:"committed"`
	User         string   `json:"user"`
}

func (in worksInput) toWorks(l Locale, r *roads.Ruas, form string) (*roads.Works, error) {
	p := &fieldProblems{l: l}
	w := &roads.Works{RuasID: r.ID, Ruas: r.Key, Date: p.date("date", in.Date), Quantity: in.Quantity, Unit: strings.TrimSpace(in.Unit),
		CostRp: in.CostRp, Funding: strings.TrimSpace(in.Funding), SubKegiatan: strings.TrimSpace(in.SubKegiatan),
		NomenVersion: strings.TrimSpace(in.NomenVersion), ContractRef: strings.TrimSpace(in.ContractRef), Committed: in.Committed,
		Source: roads.Source{Form: form, User: strings.TrimSpace(in.User)}}
	t, err := roads.ParseWorksType(in.Type)
	if err != nil {
		p.add("type", in.Type, "fe.type")
	}
	w.Type = t
	// A works record without STA covers the whole ruas.
	w.StaFromM, w.StaToM = 0, r.Length()
	if in.StaFromM != nil {
		w.StaFromM = *in.StaFromM
	}
	if in.StaToM != nil {
		w.StaToM = *in.StaToM
	}
	if w.Date.After(time.Now().AddDate(5, 0, 0)) {
		p.add("date", in.Date, "err.works_date")
	}
	for _, fe := range w.Validate() {
		if fe.Field == "date" && w.Date.IsZero() || fe.Field == "type" && t == "" {
			continue
		}
		p.errs = append(p.errs, roads.FieldError{Field: fe.Field, Value: fe.Value, Message: l.FieldMessage(fe), Max: fe.Max})
	}
	if len(p.errs) > 0 {
		return nil, worded("works on ruas "+r.Key.String(), p.errs)
	}
	return w, nil
}

// trafficDoc is an LHR count as the API writes it.
type trafficDoc struct {
	ID      int64              `json:"id"`
	Year    int                `json:"year"`
	LHR     float64            `json:"lhr"`
	ByClass map[string]float64 `json:"by_class,omitempty"`
	Source  roads.Source       `json:"source"`
}

func newTrafficDoc(t *roads.Traffic) trafficDoc {
	return trafficDoc{ID: t.ID, Year: t.Year, LHR: t.LHR, ByClass: t.ByClass, Source: t.Source}
}

// trafficInput is the body of POST /api/v1/ruas/{id}/traffic.
type trafficInput struct {
	Year    int                `json:"year"`
	LHR     *float64           `json:"lhr"`
	ByClass map[string]float64 `json:"by_class"`
	User    string             `json:"user"`
}

func (in trafficInput) toTraffic(l Locale, r *roads.Ruas, form string) (*roads.Traffic, error) {
	p := &fieldProblems{l: l}
	t := &roads.Traffic{RuasID: r.ID, Ruas: r.Key, Year: in.Year, ByClass: in.ByClass, Source: roads.Source{Form: form, User: strings.TrimSpace(in.User)}}
	if in.LHR == nil {
		p.add("lhr", "", "err.lhr_missing")
		t.LHR = math.NaN()
	} else {
		t.LHR = *in.LHR
	}
	for _, fe := range t.Validate() {
		if fe.Field == "lhr" && in.LHR == nil {
			continue
		}
		p.errs = append(p.errs, roads.FieldError{Field: fe.Field, Value: fe.Value, Message: l.FieldMessage(fe), Max: fe.Max})
	}
	if len(p.errs) > 0 {
		return nil, worded("traffic of ruas "+r.Key.String(), p.errs)
	}
	return t, nil
}
