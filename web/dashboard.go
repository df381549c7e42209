package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// dashboardPage shows the network's length and condition.
type dashboardPage struct {
	Base
	S     Summary
	Year  int   // 0 = now
	Years []int // survey years offered
	Trend chartData
}

// Label names a breakdown's group in the reader's language.
func (p dashboardPage) Label(kind string, b Breakdown) string {
	switch kind {
	case "status":
		return p.L.Status(roads.Status(b.Key))
	case "surface":
		return p.L.Surface(roads.Surface(b.Key))
	case "fungsi":
		return p.L.Fungsi(roads.Fungsi(b.Key))
	}
	if b.Label == "" {
		return p.L.T("none")
	}
	return b.Label
}

func summaryYear(c *gin.Context, l Locale) (int, error) {
	v := c.Query("year")
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err == nil {
		err = planner.CheckConditionYear(y)
	}
	if err != nil {
		return 0, badInput(roads.FieldError{Field: "year", Value: v, Message: l.T("err.year")})
	}
	return y, nil
}

func (s *Server) dashboardShow(c *gin.Context) error {
	l := localeOf(c)
	year, err := summaryYear(c, l)
	if err != nil {
		return err
	}
	snap, err := s.snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	// The dashboard depends only on the snapshot, the language and the
	// year: it is rendered once per snapshot for each of them.
	key := fmt.Sprintf("%s %d %s", l.Lang, year, c.Query("lang"))
	if b, ok := snap.pages.Load(key); ok {
		c.Data(http.StatusOK, "text/html; charset=utf-8", b.([]byte))
		return nil
	}
	p := dashboardPage{Base: s.base(c, l, "dashboard"), S: snap.summaryOf(year), Year: year}
	p.Title = l.T("dash.title")
	for _, t := range snap.summary.Trend {
		p.Years = append(p.Years, t.Year)
	}
	p.Trend = chartData{XLabel: l.T("col.year"), Labels: []string{l.T("dash.kemantapan")}, Colors: []string{"#1a9850"}, Series: [][]*float64{{}}, YLabel: "%"}
	for _, t := range p.S.Trend {
		p.Trend.X = append(p.Trend.X, float64(t.Year))
		p.Trend.Series[0] = append(p.Trend.Series[0], finite(float64(t.Kemantapan)))
	}
	p.Scripts = []string{"/static/vendor/uplot/uPlot.iife.min.js", "/static/chart.js"}
	b, err := s.renderBytes("dashboard", p)
	if err != nil {
		return err
	}
	snap.pages.Store(key, b)
	c.Data(http.StatusOK, "text/html; charset=utf-8", b)
	return nil
}

// breakdownDoc is a Breakdown with its derived figures, for the API.
type breakdownDoc struct {
	Breakdown
	SurveyedM     float64  `json:"surveyed_m"`
	KemantapanPct *float64 `json:"kemantapan_pct"`
}

func newBreakdownDoc(b Breakdown) breakdownDoc {
	return breakdownDoc{Breakdown: b, SurveyedM: b.SurveyedM(), KemantapanPct: finite(b.Kemantapan())}
}

// summaryDoc is GET /api/v1/summary.
type summaryDoc struct {
	AsOf          string         `json:"as_of"`
	Classes       []string       `json:"classes"`
	Total         breakdownDoc   `json:"total"`
	ByKecamatan   []breakdownDoc `json:"by_kecamatan"`
	ByStatus      []breakdownDoc `json:"by_status"`
	ByFungsi      []breakdownDoc `json:"by_fungsi"`
	BySurface     []breakdownDoc `json:"by_surface"`
	Trend         []TrendPoint   `json:"trend"`
	FreshM        float64        `json:"fresh_m"`
	FreshPct      *float64       `json:"fresh_pct"`
	LatestSurvey  *string        `json:"latest_survey"`
	SyntheticRuas int            `json:"synthetic_ruas"`
	Basis         string         `json:"basis"`
	// Condition is what `ruas condition --json` prints for the same year.
	Condition planner.NetworkCondition `json:"condition"`
}

func (s *Server) summaryAPI(c *gin.Context) error { return s.summaryFrom(c, s.snaps) }

// summaryFrom answers a summary from a snapshot set: the whole register,
// or the verified records only for the public portal.
func (s *Server) summaryFrom(c *gin.Context, snaps *snapshots) error {
	l := localeOf(c)
	year, err := summaryYear(c, l)
	if err != nil {
		return err
	}
	snap, err := snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	sm := snap.summaryOf(year)
	out := summaryDoc{AsOf: sm.AsOf.Format("2006-01-02"), Total: newBreakdownDoc(sm.Total), Trend: sm.Trend, FreshM: sm.FreshM,
		FreshPct: finite(sm.FreshPct()), SyntheticRuas: sm.Synthetic, Basis: sm.Basis, Condition: sm.Condition,
		ByKecamatan: []breakdownDoc{}, ByStatus: []breakdownDoc{}, ByFungsi: []breakdownDoc{}, BySurface: []breakdownDoc{}}
	if out.Trend == nil {
		out.Trend = []TrendPoint{}
	}
	for _, k := range roads.Kondisis {
		out.Classes = append(out.Classes, string(k))
	}
	for _, b := range sm.ByKecamatan {
		out.ByKecamatan = append(out.ByKecamatan, newBreakdownDoc(b))
	}
	for _, b := range sm.ByStatus {
		out.ByStatus = append(out.ByStatus, newBreakdownDoc(b))
	}
	for _, b := range sm.ByFungsi {
		out.ByFungsi = append(out.ByFungsi, newBreakdownDoc(b))
	}
	for _, b := range sm.BySurface {
		out.BySurface = append(out.BySurface, newBreakdownDoc(b))
	}
	if !sm.LatestSurvey.IsZero() {
		d := sm.LatestSurvey.Format("2006-01-02")
		out.LatestSurvey = &d
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// ScopeLabel names the network the kemantapan covers: the roads of the
// office's authority ("jalan kota"), or every road without an office.
func (p dashboardPage) ScopeLabel() string { return scopeLabel(p.L, p.S) }

// scopeLabel words the network a summary's kemantapan divides by, for the
// dashboard and the public portal alike.
func scopeLabel(l Locale, s Summary) string {
	if a := s.Condition.Authority; a != "" {
		return l.T("dash.scope_status", strings.ToLower(l.Status(a)))
	}
	return l.T("dash.scope_all")
}
