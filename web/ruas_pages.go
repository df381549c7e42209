package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// pageSize is how many ruas one page of the list shows.
const pageSize = 50

// ruasListPage is the searchable, sortable, paged register.
type ruasListPage struct {
	Base
	Q, Sort, Kecamatan, Status, Surface string
	Desc                                bool
	// Retired lists the retired ruas too ("tampilkan yang dipensiunkan").
	Retired            bool
	RetiredIDs         map[int64]roads.Retirement
	Rows               []ruasRow
	Total, Page, Pages int
	PrevURL, NextURL   string
	Options            choices
}

// ruasRow is one line of the list.
type ruasRow struct {
	R         *roads.Ruas
	Kondisi   roads.Kondisi
	Date      time.Time
	Synthetic bool
}

// SortURL is the list sorted by col, flipping the direction when it is the current sort.
func (p ruasListPage) SortURL(col string) string {
	q := p.query()
	q.Set("sort", col)
	q.Del("desc")
	if p.Sort == col && !p.Desc {
		q.Set("desc", "1")
	}
	q.Del("page")
	return "/ruas?" + q.Encode()
}

func (p ruasListPage) query() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"q": p.Q, "sort": p.Sort, "kecamatan": p.Kecamatan, "status": p.Status, "surface": p.Surface} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if p.Desc {
		q.Set("desc", "1")
	}
	if p.Retired {
		q.Set("pensiun", "1")
	}
	return q
}

// listFilter reads the list's query into a store filter (shared by the page and the API).
func listFilter(c *gin.Context, l Locale) (roads.RuasFilter, int, error) {
	p := &fieldProblems{l: l}
	f := roads.RuasFilter{Search: c.Query("q"), Kecamatan: c.Query("kecamatan"), Order: c.DefaultQuery("sort", "key"), Desc: c.Query("desc") == "1" || c.Query("desc") == "true",
		Retired: c.Query("pensiun") == "1"}
	switch f.Order {
	case "key", "name", "length":
	default:
		p.add("sort", f.Order, "err.sort")
	}
	if v := c.Query("status"); v != "" {
		st, err := roads.ParseStatus(v)
		if err != nil {
			p.add("status", v, "fe.status")
		}
		f.Status = st
	}
	if v := c.Query("surface"); v != "" {
		sf, err := roads.ParseSurfaceCode(v)
		if err != nil {
			p.add("surface", v, "fe.surface")
		}
		f.Surface = sf
	}
	page := 1
	if v := c.Query("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			p.add("page", v, "err.page")
		} else {
			page = n
		}
	}
	return f, page, p.err()
}

// ruasListing reads one page of the ruas list that the request's filter
// selects, the total it pages through, and the snapshot holding each
// ruas's latest condition: what the list page and the list API both show.
func (s *Server) ruasListing(c *gin.Context, l Locale) (f roads.RuasFilter, page, total int, list []*roads.Ruas, snap *snapshot, err error) {
	if f, page, err = listFilter(c, l); err != nil {
		return
	}
	ctx := c.Request.Context()
	if total, err = s.store.CountRuas(ctx, f); err != nil {
		return
	}
	f.Limit, f.Offset = pageSize, (page-1)*pageSize
	if list, err = s.store.ListRuas(ctx, f); err != nil {
		return
	}
	snap, err = s.snaps.current(ctx)
	return
}

func (s *Server) ruasIndex(c *gin.Context) error {
	l := localeOf(c)
	f, page, total, list, snap, err := s.ruasListing(c, l)
	if err != nil {
		return err
	}
	p := ruasListPage{Base: s.base(c, l, "ruas"), Q: f.Search, Sort: f.Order, Desc: f.Desc, Kecamatan: f.Kecamatan,
		Status: string(f.Status), Surface: string(f.Surface), Total: total, Page: page, Options: choicesFor(l, s.officeOf(c.Request.Context())), Retired: f.Retired}
	if f.Retired {
		if p.RetiredIDs, err = s.store.Retirements(c.Request.Context()); err != nil {
			return err
		}
	}
	p.Title = l.T("ruas.title")
	p.Pages = (total + pageSize - 1) / pageSize
	for _, r := range list {
		lc := snap.latest[r.ID]
		p.Rows = append(p.Rows, ruasRow{R: r, Kondisi: lc.Kondisi, Date: lc.Date, Synthetic: synthetic(r)})
	}
	q := p.query()
	if page > 1 {
		q.Set("page", itoa(page-1))
		p.PrevURL = "/ruas?" + q.Encode()
	}
	if page < p.Pages {
		q.Set("page", itoa(page+1))
		p.NextURL = "/ruas?" + q.Encode()
	}
	s.render(c, http.StatusOK, "ruas_list", p)
	return nil
}

// ruasPage shows one ruas: its data, the evidence behind its current
// class, its history on a timeline, and the projection.
type ruasPage struct {
	Base
	R          *roads.Ruas
	Synthetic  bool
	Cond       roads.Condition
	HasCond    bool
	Latest     []*roads.Survey // the surveys behind the current class
	Timeline   []event
	Chart      chartData
	Projection projection
	Saved      string      // flash after a save
	Audit      []auditView // the latest changes of the ruas and its records
	// Retired is the standing retirement of the ruas, if any.
	Retired *roads.Retirement
	// Photos are the field photos of its survey units, by survey id, and
	// FieldNotes the RCS items entered on the phone beyond the survey row.
	Photos     map[int64][]photoRef
	FieldNotes map[int64]string
}

// event is one dated entry of the ruas's timeline.
type event struct {
	Date    time.Time
	Kind    string // survey, works, traffic
	Survey  *roads.Survey
	Works   *roads.Works
	Traffic *roads.Traffic
}

// chartData is a uPlot series set: x values and one or more y series.
type chartData struct {
	X      []float64    `json:"x"`
	XLabel string       `json:"x_label"`
	Series [][]*float64 `json:"series"`
	Labels []string     `json:"labels"`
	Colors []string     `json:"colors"`
	YLabel string       `json:"y_label"`
}

func synthetic(r *roads.Ruas) bool { return roads.IsSynthetic(r) }

func (s *Server) ruasShow(c *gin.Context) error {
	l := localeOf(c)
	d, err := s.ruasDetail(c, l)
	if err != nil {
		return err
	}
	p := ruasPage{Base: s.base(c, l, "ruas"), R: d.ruas, Synthetic: synthetic(d.ruas), Saved: c.Query("saved")}
	p.Title = d.ruas.Key.String() + " " + d.ruas.Name
	p.Latest = roads.LatestSurvey(d.surveys)
	if len(p.Latest) > 0 {
		p.Cond, p.HasCond = roads.ConditionOf(p.Latest), true
	}
	var surveyIDs []int64
	for _, v := range d.surveys {
		p.Timeline = append(p.Timeline, event{Date: v.Date, Kind: "survey", Survey: v})
		surveyIDs = append(surveyIDs, v.ID)
	}
	if p.Photos, err = s.surveyPhotoRefs(c, l, surveyIDs); err != nil {
		return err
	}
	if p.FieldNotes, err = s.surveyFieldNotes(c, l, surveyIDs); err != nil {
		return err
	}
	for _, w := range d.works {
		p.Timeline = append(p.Timeline, event{Date: w.Date, Kind: "works", Works: w})
	}
	for _, t := range d.traffic {
		p.Timeline = append(p.Timeline, event{Date: time.Date(t.Year, 12, 31, 0, 0, 0, 0, time.UTC), Kind: "traffic", Traffic: t})
	}
	sort.SliceStable(p.Timeline, func(i, j int) bool { return p.Timeline[i].Date.After(p.Timeline[j].Date) })
	p.Chart = historyChart(d.surveys, l)
	p.Projection = s.projectionOf(c.Request.Context(), d, l)
	if p.Audit, err = s.ruasAudit(c, d.ruas.ID, 20); err != nil {
		return err
	}
	ret, err := s.store.Retirements(c.Request.Context())
	if err != nil {
		return err
	}
	if r, ok := ret[d.ruas.ID]; ok {
		p.Retired = &r
	}
	p.Scripts = []string{"/static/vendor/uplot/uPlot.iife.min.js", "/static/chart.js"}
	s.render(c, http.StatusOK, "ruas_show", p)
	return nil
}

// ruasDetail is one ruas with its whole history.
type ruasDetailData struct {
	ruas    *roads.Ruas
	surveys []*roads.Survey
	works   []*roads.Works
	traffic []*roads.Traffic
}

// ruasDetail reads the ruas named by the request's :id with its history.
func (s *Server) ruasDetail(c *gin.Context, l Locale) (*ruasDetailData, error) {
	id, err := paramID(c, l)
	if err != nil {
		return nil, err
	}
	r, err := s.store.RuasByID(c.Request.Context(), id)
	if err != nil {
		return nil, err
	}
	d := &ruasDetailData{ruas: r}
	if d.surveys, err = s.store.Surveys(c.Request.Context(), roads.SurveyFilter{RuasID: id}); err != nil {
		return nil, err
	}
	if d.works, err = s.store.WorksOf(c.Request.Context(), id); err != nil {
		return nil, err
	}
	if d.traffic, err = s.store.TrafficOf(c.Request.Context(), id); err != nil {
		return nil, err
	}
	return d, nil
}

// historyChart plots the surveyed SDI and IRI of a ruas by survey date
// (length-weighted per date), x in fractional years.
func historyChart(surveys []*roads.Survey, l Locale) chartData {
	ch := chartData{XLabel: l.T("col.survey_date"), Labels: []string{"SDI", "IRI (m/km)"}, Colors: []string{"#d73027", "#4575b4"}, Series: [][]*float64{{}, {}}, YLabel: l.T("ruas.chart_y")}
	byDate := map[time.Time][]*roads.Survey{}
	var dates []time.Time
	for _, v := range surveys {
		if _, ok := byDate[v.Date]; !ok {
			dates = append(dates, v.Date)
		}
		byDate[v.Date] = append(byDate[v.Date], v)
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	for _, d := range dates {
		c := roads.ConditionOf(byDate[d])
		ch.X = append(ch.X, float64(d.Unix()))
		ch.Series[0] = append(ch.Series[0], finite(c.SDI))
		ch.Series[1] = append(ch.Series[1], finite(c.IRI))
	}
	return ch
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// ruasFormPage is the create and edit form.
type ruasFormPage struct {
	Base
	Action   string
	Edit     bool
	ID       int64
	Form     formValues
	Errors   []roads.FieldError
	Conflict *roads.Ruas // the row as it now stands, when the edit was stale
	Options  choices
	// KeyLocked: the ruas is verified, so its number is read-only.
	KeyLocked bool
	// Editor draws and edits the centre line on a map.
	Editor geomEditor
}

func (s *Server) ruasNew(c *gin.Context) error {
	l := localeOf(c)
	p := ruasFormPage{Base: s.base(c, l, "ruas"), Action: "/ruas/baru", Options: choicesFor(l, s.officeOf(c.Request.Context()))}
	p.Form = formValues{"region": p.Office.Region, "status": string(p.Office.Authority)}
	p.Title = l.T("ruas.new")
	p.Editor, p.Scripts = s.geomEditorFor(c.Request.Context(), l, 0), geomEditorScripts
	s.render(c, http.StatusOK, "ruas_form", p)
	return nil
}

func (s *Server) ruasCreate(c *gin.Context) error {
	l := localeOf(c)
	in, form, err := ruasFormInput(l, c.PostForm)
	p := ruasFormPage{Base: s.base(c, l, "ruas"), Action: "/ruas/baru", Form: form, Options: choicesFor(l, s.officeOf(c.Request.Context()))}
	p.Title = l.T("ruas.new")
	p.Editor, p.Scripts = s.geomEditorFor(c.Request.Context(), l, 0), geomEditorScripts
	in.User = actorName(c)
	var r *roads.Ruas
	if err == nil {
		r, err = in.toRuas(l, "ruas")
	}
	if err == nil {
		err = s.snapToNeighbours(c.Request.Context(), r, nil)
	}
	if err == nil {
		err = s.store.CreateRuas(c.Request.Context(), r)
	}
	if err != nil {
		return s.formFailed(c, l, err, "ruas_form", &p, &p.Errors)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=ruas", r.ID))
	return nil
}

// formFailed shows the form again with its problems next to the fields
// (422), or returns the error to the page adapter when it is not about the
// input.
func (s *Server) formFailed(c *gin.Context, l Locale, err error, page string, p any, errs *[]roads.FieldError) error {
	status, body := classify(err, l)
	if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity && status != http.StatusConflict {
		return err
	}
	*errs = body.Fields
	if status == http.StatusConflict && len(body.Fields) == 1 && body.Fields[0].Field == "key" {
		(*errs)[0] = roads.FieldError{Field: "no_ruas", Message: l.T("err.duplicate")}
	}
	if status == http.StatusBadRequest {
		status = http.StatusUnprocessableEntity
	}
	s.render(c, status, page, p)
	return nil
}

func (s *Server) ruasEdit(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	r, err := s.store.RuasByID(c.Request.Context(), id)
	if err != nil {
		return err
	}
	p := ruasFormPage{Base: s.base(c, l, "ruas"), Action: fmt.Sprintf("/ruas/%d/ubah", id), Edit: true, ID: id, Form: ruasFormValues(r, l), Options: choicesFor(l, s.officeOf(c.Request.Context())), KeyLocked: !keyEditable(r)}
	p.Title = l.T("ruas.edit") + " " + r.Key.String()
	p.Editor, p.Scripts = s.geomEditorFor(c.Request.Context(), l, id), geomEditorScripts
	s.render(c, http.StatusOK, "ruas_form", p)
	return nil
}

func (s *Server) ruasUpdate(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	in, form, err := ruasFormInput(l, c.PostForm)
	p := ruasFormPage{Base: s.base(c, l, "ruas"), Action: fmt.Sprintf("/ruas/%d/ubah", id), Edit: true, ID: id, Form: form, Options: choicesFor(l, s.officeOf(c.Request.Context()))}
	if cur, cerr := s.store.RuasByID(c.Request.Context(), id); cerr == nil {
		p.KeyLocked = !keyEditable(cur)
	}
	p.Title = l.T("ruas.edit") + " " + in.Region + "/" + in.No
	p.Editor, p.Scripts = s.geomEditorFor(c.Request.Context(), l, id), geomEditorScripts
	in.User = actorName(c)
	if err == nil {
		err = s.updateRuas(c, l, id, in)
	}
	if err != nil {
		var ce *roads.ConflictError
		if errors.As(err, &ce) {
			p.Conflict = ce.Current
		}
		return s.formFailed(c, l, err, "ruas_form", &p, &p.Errors)
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=ruas", id))
	return nil
}

// keyEditable says whether a ruas's number may still change: while it is a
// draft or returned, not once a walidata verified it.
func keyEditable(r *roads.Ruas) bool { return r.Verif.State != roads.Verified }

// updateRuas applies an edit made on version in.Version; fields the form
// does not carry (the source's surface text, kabupaten) are kept.
func (s *Server) updateRuas(c *gin.Context, l Locale, id int64, in ruasInput) error {
	if in.Version < 1 {
		return badInput(roads.FieldError{Field: "version", Value: itoa(in.Version), Message: l.T("err.version")})
	}
	cur, err := s.store.RuasByID(c.Request.Context(), id)
	if err != nil {
		return err
	}
	r, err := in.toRuas(l, "ruas")
	if err != nil {
		return err
	}
	// The number of a verified ruas is settled: the walidata checked it.
	// While it is a draft or sent back it may be corrected (the store
	// refuses a number another ruas has).
	if r.Key != cur.Key && !keyEditable(cur) {
		return badInput(roads.FieldError{Field: "no_ruas", Value: r.Key.No, Message: l.T("err.no_ruas_locked", cur.Key.String())})
	}
	r.ID = id
	if err := s.snapToNeighbours(c.Request.Context(), r, cur.Geometry); err != nil {
		return err
	}
	r.Kabupaten = cur.Kabupaten
	if r.Surface == cur.Surface {
		r.SurfaceText = cur.SurfaceText
	}
	return s.store.UpdateRuas(c.Request.Context(), r)
}

// ruasRetire takes a ruas out of the network with a reason (form: reason,
// version). It stays in the register's history and audit trail.
func (s *Server) ruasRetire(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(c.PostForm("version"))
	if err != nil || version < 1 {
		return badInput(roads.FieldError{Field: "version", Value: c.PostForm("version"), Message: l.T("err.version")})
	}
	reason := c.PostForm("reason")
	if strings.TrimSpace(reason) == "" {
		return badInput(roads.FieldError{Field: "reason", Message: l.T("err.retire_reason")})
	}
	err = s.store.RetireRuas(c.Request.Context(), id, version, actorName(c), reason)
	var ce *roads.ConflictError
	switch {
	case errors.As(err, &ce):
		return badInput(roads.FieldError{Field: "version", Value: itoa(version), Message: l.T("err.stale", ce.Current.Version, version)})
	case errors.Is(err, roads.ErrConflict):
		return badInput(roads.FieldError{Field: "ruas", Message: l.T("retire.already")})
	case err != nil:
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=retired", id))
	return nil
}

// ruasReinstate ends a ruas's retirement: it is back in the network.
func (s *Server) ruasReinstate(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	if err := s.store.ReinstateRuas(c.Request.Context(), id, actorName(c)); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ruas/%d?saved=reinstated", id))
	return nil
}

// IsRetired says whether a listed ruas is retired (only known when the
// list shows the retired ones).
func (p ruasListPage) IsRetired(id int64) bool {
	_, ok := p.RetiredIDs[id]
	return ok
}

// CondShare is the share (%) of the surveyed length in class i
// (roads.Kondisis order), NaN when nothing was surveyed.
func (p ruasPage) CondShare(i int) float64 {
	t := p.Cond.Total()
	if t == 0 || i < 0 || i >= len(p.Cond.Metres) {
		return math.NaN()
	}
	return p.Cond.Metres[i] / t * 100
}

// LongestIndex is the position in roads.Kondisis of the class holding the
// most length (-1 when nothing was surveyed).
func (p ruasPage) LongestIndex() int {
	for i, k := range roads.Kondisis {
		if k == p.Cond.Kondisi() {
			return i
		}
	}
	return -1
}
