package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// addSurveys stores the units of one survey all together or not at all. A
// unit that repeats a stored survey (same date and STA) is refused, not
// overwritten: corrections of stored surveys go through an import.
func (s *Server) addSurveys(ctx context.Context, l Locale, r *roads.Ruas, vs []*roads.Survey) error {
	if len(vs) == 0 {
		return nil
	}
	day := vs[0].Date
	stored, err := s.store.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID, From: day, To: day})
	if err != nil {
		return err
	}
	var errs []roads.FieldError
	for i, v := range vs {
		for _, o := range stored {
			if o.StaFromM == v.StaFromM && o.StaToM == v.StaToM {
				errs = append(errs, roads.FieldError{Field: fmt.Sprintf("units.%d.sta", i), Value: roads.FormatSTA(v.StaFromM),
					Message: l.T("err.survey_exists", l.Date(day))})
			}
		}
	}
	if len(errs) > 0 {
		return worded("survey of ruas "+r.Key.String(), errs)
	}
	_, err = s.store.Apply(ctx, &roads.Batch{Surveys: vs}, nil)
	return err
}

// surveyFormPage records a survey of a ruas in 100 m units; SDI and class
// are computed as the officer types (from /api/v1/rules/condition) and
// again by the server.
type surveyFormPage struct {
	Base
	R      *roads.Ruas
	Form   formValues
	Units  []int // row indexes of the unit table
	Errors []roads.FieldError
}

// unitFields are the columns of one unit row, in form order.
var unitFields = []string{"sta_from_m", "sta_to_m", "crack_area_pct", "crack_width_mm", "potholes", "rut_cm", "iri"}

func (s *Server) surveyNew(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	p := surveyFormPage{Base: s.base(c, l, "ruas"), R: r, Form: formValues{"date": s.today()}}
	p.Title = l.T("survey.title") + " " + r.Key.String()
	// One row per 100 m of the ruas, up to 10 km; the officer adds more.
	n := int(math.Ceil(r.Length() / 100))
	n = max(1, min(n, 100))
	for i := range n {
		p.Units = append(p.Units, i)
		p.Form[fmt.Sprintf("units.%d.sta_from_m", i)] = strconv.Itoa(i * 100)
		to := math.Min(float64(i+1)*100, r.Length())
		if to <= float64(i*100) {
			to = float64(i+1) * 100
		}
		p.Form[fmt.Sprintf("units.%d.sta_to_m", i)] = strconv.FormatFloat(to, 'f', -1, 64)
	}
	s.render(c, http.StatusOK, "survey_form", p)
	return nil
}

// surveyFormInput reads the unit table; rows with no measurement at all
// are units not surveyed and are left out.
func surveyFormInput(l Locale, c *gin.Context) (surveyInput, formValues, []int, error) {
	p := &fieldProblems{l: l}
	f := formValues{"date": c.PostForm("date")}
	in := surveyInput{Date: f["date"], User: actorName(c)}
	var rows []int
	for i := 0; i < maxUnits; i++ {
		if _, ok := c.GetPostForm(fmt.Sprintf("units.%d.sta_from_m", i)); !ok {
			break
		}
		rows = append(rows, i)
		get := func(k string) string {
			v := c.PostForm(fmt.Sprintf("units.%d.%s", i, k))
			f[fmt.Sprintf("units.%d.%s", i, k)] = v
			return v
		}
		vals := map[string]string{}
		for _, k := range unitFields {
			vals[k] = get(k)
		}
		if vals["crack_area_pct"] == "" && vals["crack_width_mm"] == "" && vals["potholes"] == "" && vals["rut_cm"] == "" && vals["iri"] == "" {
			continue
		}
		// Problems are named by the unit's position in the input, as the
		// API names them, so they land beside the right row.
		for len(in.Units) < i {
			in.Units = append(in.Units, unitInput{})
		}
		name := func(k string) string { return fmt.Sprintf("units.%d.%s", i, k) }
		from, to := p.sta(name("sta_from_m"), vals["sta_from_m"]), p.sta(name("sta_to_m"), vals["sta_to_m"])
		in.Units = append(in.Units, unitInput{StaFromM: &from, StaToM: &to,
			CrackAreaPct: p.optNum(name("crack_area_pct"), vals["crack_area_pct"]), CrackWidthMM: p.optNum(name("crack_width_mm"), vals["crack_width_mm"]),
			Potholes: p.optNum(name("potholes"), vals["potholes"]), RutCM: p.optNum(name("rut_cm"), vals["rut_cm"]), IRI: p.optNum(name("iri"), vals["iri"])})
	}
	// Skipped rows stay as placeholders (nil STA) so positions hold.
	filled := 0
	for _, u := range in.Units {
		if u.StaFromM != nil {
			filled++
		}
	}
	if filled == 0 {
		p.add("units", "0", "err.units_none")
	}
	return in, f, rows, p.err()
}

func (s *Server) surveyCreate(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	in, form, rows, err := surveyFormInput(l, c)
	p := surveyFormPage{Base: s.base(c, l, "ruas"), R: r, Form: form, Units: rows}
	p.Title = l.T("survey.title") + " " + r.Key.String()
	if err == nil {
		err = s.saveFormSurveys(c.Request.Context(), l, r, in)
	}
	if err != nil {
		return s.formFailed(c, l, err, "survey_form", &p, &p.Errors)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=survey", r.ID))
	return nil
}

// saveFormSurveys stores the filled rows of the unit table; empty rows
// keep their positions (nil STA) so messages name the row the officer sees.
func (s *Server) saveFormSurveys(ctx context.Context, l Locale, r *roads.Ruas, in surveyInput) error {
	var filled []unitInput
	var pos []int
	for i, u := range in.Units {
		if u.StaFromM != nil {
			filled = append(filled, u)
			pos = append(pos, i)
		}
	}
	sub := surveyInput{Date: in.Date, User: in.User, Units: filled}
	vs, err := sub.toSurveys(l, r, "survey")
	if err != nil {
		return renumberUnits(err, pos)
	}
	return renumberUnits(s.addSurveys(ctx, l, r, vs), pos)
}

// renumberUnits maps "units.N.field" of the filled rows back to the rows' positions in the form.
func renumberUnits(err error, pos []int) error {
	var ve *roads.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	for i, f := range ve.Fields {
		var n int
		var rest string
		if k, e := fmt.Sscanf(f.Field, "units.%d.%s", &n, &rest); k == 2 && e == nil && n < len(pos) {
			ve.Fields[i].Field = fmt.Sprintf("units.%d.%s", pos[n], rest)
		}
	}
	return err
}

func (s *Server) ruasParam(c *gin.Context, l Locale) (*roads.Ruas, error) {
	id, err := paramID(c, l)
	if err != nil {
		return nil, err
	}
	return s.store.RuasByID(c.Request.Context(), id)
}

func (s *Server) surveyCreateAPI(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	var in surveyInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	in.User = actorName(c) // the signed-in account, whatever the body says
	vs, err := in.toSurveys(l, r, "api")
	if err != nil {
		return err
	}
	if err := s.addSurveys(c.Request.Context(), l, r, vs); err != nil {
		return err
	}
	out := []surveyDoc{}
	for _, v := range vs {
		out = append(out, newSurveyDoc(v))
	}
	c.JSON(http.StatusCreated, gin.H{"surveys": out})
	return nil
}

// simpleFormPage is the works and traffic forms.
type simpleFormPage struct {
	Base
	R       *roads.Ruas
	Form    formValues
	Errors  []roads.FieldError
	Options choices
}

func (s *Server) worksNew(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	p := simpleFormPage{Base: s.base(c, l, "ruas"), R: r, Options: choicesFor(l, s.officeOf(c.Request.Context())),
		Form: formValues{"date": s.today(), "sta_from_m": "0", "sta_to_m": formatPlain(r.Length()), "nomen_version": "2024", "funding": "APBD"}}
	p.Title = l.T("works.title") + " " + r.Key.String()
	s.render(c, http.StatusOK, "works_form", p)
	return nil
}

func (s *Server) worksCreate(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	pr := &fieldProblems{l: l}
	f := formValues{}
	for _, k := range []string{"date", "type", "sta_from_m", "sta_to_m", "quantity", "unit", "cost_rp", "funding", "sub_kegiatan", "nomen_version", "contract_ref", "committed"} {
		f[k] = c.PostForm(k)
	}
	from, to := pr.sta("sta_from_m", f["sta_from_m"]), pr.sta("sta_to_m", f["sta_to_m"])
	in := worksInput{Date: f["date"], Type: f["type"], StaFromM: &from, StaToM: &to, Quantity: pr.num("quantity", f["quantity"]), Unit: f["unit"],
		CostRp: pr.num("cost_rp", f["cost_rp"]), Funding: f["funding"], SubKegiatan: f["sub_kegiatan"], NomenVersion: f["nomen_version"],
		ContractRef: f["contract_ref"], Committed: f["committed"] != "", User: actorName(c)}
	p := simpleFormPage{Base: s.base(c, l, "ruas"), R: r, Form: f, Options: choicesFor(l, s.officeOf(c.Request.Context()))}
	p.Title = l.T("works.title") + " " + r.Key.String()
	err = pr.err()
	var w *roads.Works
	if err == nil {
		w, err = in.toWorks(l, r, "works")
	}
	if err == nil {
		err = s.store.AddWorks(c.Request.Context(), w)
	}
	if err != nil {
		return s.formFailed(c, l, err, "works_form", &p, &p.Errors)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=works", r.ID))
	return nil
}

func (s *Server) worksCreateAPI(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	var in worksInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	in.User = actorName(c) // the signed-in account, whatever the body says
	w, err := in.toWorks(l, r, "api")
	if err != nil {
		return err
	}
	if err := s.store.AddWorks(c.Request.Context(), w); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, newWorksDoc(w))
	return nil
}

func (s *Server) trafficNew(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	p := simpleFormPage{Base: s.base(c, l, "ruas"), R: r, Form: formValues{"year": itoa(s.now().In(locale.WIB).Year())}}
	p.Title = l.T("traffic.title") + " " + r.Key.String()
	s.render(c, http.StatusOK, "traffic_form", p)
	return nil
}

func (s *Server) trafficCreate(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	pr := &fieldProblems{l: l}
	f := formValues{"year": c.PostForm("year"), "lhr": c.PostForm("lhr")}
	in := trafficInput{Year: pr.integer("year", f["year"]), LHR: pr.optNum("lhr", f["lhr"]), User: actorName(c)}
	p := simpleFormPage{Base: s.base(c, l, "ruas"), R: r, Form: f}
	p.Title = l.T("traffic.title") + " " + r.Key.String()
	err = pr.err()
	var t *roads.Traffic
	if err == nil {
		t, err = in.toTraffic(l, r, "traffic")
	}
	if err == nil {
		err = s.store.SetTraffic(c.Request.Context(), t)
	}
	if err != nil {
		return s.formFailed(c, l, err, "traffic_form", &p, &p.Errors)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=traffic", r.ID))
	return nil
}

func (s *Server) trafficCreateAPI(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	var in trafficInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	in.User = actorName(c) // the signed-in account, whatever the body says
	t, err := in.toTraffic(l, r, "api")
	if err != nil {
		return err
	}
	if err := s.store.SetTraffic(c.Request.Context(), t); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, newTrafficDoc(t))
	return nil
}

// assessInput is the body of POST /api/v1/assess: one unit's raw
// measurements (length 100 m unless given).
type assessInput struct {
	LengthM      float64  `json:"length_m"`
	CrackAreaPct *float64 `json:"crack_area_pct"`
	CrackWidthMM *float64 `json:"crack_width_mm"`
	Potholes     *float64 `json:"potholes"`
	RutCM        *float64 `json:"rut_cm"`
	IRI          *float64 `json:"iri"`
}

// assessAPI derives SDI and class of one unit without storing anything:
// the server's answer to what the survey form computes as one types.
func (s *Server) assessAPI(c *gin.Context) error {
	l := localeOf(c)
	var in assessInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	if in.LengthM == 0 {
		in.LengthM = 100
	}
	from, to := 0.0, in.LengthM
	sub := surveyInput{Date: s.today(), Units: []unitInput{{StaFromM: &from, StaToM: &to, CrackAreaPct: in.CrackAreaPct,
		CrackWidthMM: in.CrackWidthMM, Potholes: in.Potholes, RutCM: in.RutCM, IRI: in.IRI}}}
	vs, err := sub.toSurveys(l, &roads.Ruas{}, "assess")
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, vs[0].Assessment)
	return nil
}

// today is the calendar day in WIB, where the surveyors are: at 06:00 WIB
// the UTC day is still yesterday's, and a form must not default to it.
func (s *Server) today() string { return s.now().In(locale.WIB).Format("2006-01-02") }
