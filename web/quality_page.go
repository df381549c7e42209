package web

import (
	"math"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads/quality"
)

// qualityOf is the data-quality report of a snapshot, computed once per
// snapshot (the register's data version) and kept with it.
func (s *Server) qualityOf(snap *snapshot) *quality.Report {
	if v, ok := snap.pages.Load("quality-report"); ok {
		return v.(*quality.Report)
	}
	rep := quality.Check(snap.network, s.now())
	snap.pages.Store("quality-report", rep)
	return rep
}

// qualityPage is the Satu Data quality report: scores per principle, per
// dataset and per kecamatan, and every finding linked to the record to fix.
type qualityPage struct {
	Base
	R          *quality.Report
	Principles []quality.Principle
	Dimensions []quality.Dimension
	Kecamatan  string // filter of the findings (name as the report groups it)
	Principle  string
	Findings   []quality.Finding
	More       int
}

// findingLimit is how many findings the page lists; the API has them all.
const findingLimit = 500

// Pct writes a score, "–" when nothing was checked.
func (p qualityPage) Pct(v float64) string {
	if math.IsNaN(v) || v < 0 {
		return "–"
	}
	return p.L.Pct(v)
}

// Score is a group's score in one dimension.
func (p qualityPage) Score(g quality.Group, d quality.Dimension) string {
	sc, ok := g.Dimensions[d]
	if !ok {
		return "–"
	}
	return p.Passed(sc)
}

// Passed writes the share of checks passed, rounded down to a tenth of a
// per cent: 16 failures in 100,000 checks is 99,9 %, never 100,0 %, which
// would read as "nothing to fix". "–" when nothing was checked.
func (p qualityPage) Passed(sc quality.Score) string {
	if sc.Checked == 0 || math.IsNaN(sc.Percent) || sc.Percent < 0 {
		return "–"
	}
	return p.L.Pct(passShare(sc.Passed, sc.Checked))
}

// passShare is passed/checked in per cent, floored to one decimal, and
// below 100 whenever one check failed.
func passShare(passed, checked int) float64 {
	if passed >= checked {
		return 100
	}
	v := math.Floor(float64(passed)/float64(checked)*1000) / 10
	return math.Min(v, 99.9)
}

func (s *Server) qualityShow(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	p := qualityPage{Base: s.base(c, l, "quality"), R: s.qualityOf(snap), Principles: quality.Principles,
		Dimensions: []quality.Dimension{quality.Completeness, quality.Timeliness, quality.Consistency, quality.Validity},
		Kecamatan:  c.Query("kecamatan"), Principle: c.Query("principle")}
	p.Title = l.T("quality.title")
	for _, f := range p.R.Findings {
		if (p.Kecamatan != "" && f.Kecamatan != p.Kecamatan) || (p.Principle != "" && string(f.Principle) != p.Principle) {
			continue
		}
		if len(p.Findings) < findingLimit {
			p.Findings = append(p.Findings, f)
		} else {
			p.More++
		}
	}
	s.render(c, http.StatusOK, "quality", p)
	return nil
}

// qualityAPI is the full report as JSON (scores with nothing checked are -1).
func (s *Server) qualityAPI(c *gin.Context) error {
	snap, err := s.snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	rep := *s.qualityOf(snap)
	fix := func(sc quality.Score) quality.Score {
		if math.IsNaN(sc.Percent) {
			sc.Percent = -1
		}
		return sc
	}
	// Copy the maps so the cached report keeps its NaNs for the page.
	principles := map[quality.Principle]quality.Score{}
	for k, v := range rep.Principles {
		principles[k] = fix(v)
	}
	rep.Principles = principles
	copyGroups := func(gs []quality.Group) []quality.Group {
		out := make([]quality.Group, len(gs))
		for i, g := range gs {
			dims := map[quality.Dimension]quality.Score{}
			for k, v := range g.Dimensions {
				dims[k] = fix(v)
			}
			g.Dimensions = dims
			if math.IsNaN(g.SurveyedRecentPct) {
				g.SurveyedRecentPct = -1
			}
			out[i] = g
		}
		return out
	}
	rep.Datasets, rep.Kecamatan = copyGroups(rep.Datasets), copyGroups(rep.Kecamatan)
	if rep.Findings == nil {
		rep.Findings = []quality.Finding{}
	}
	c.JSON(http.StatusOK, rep)
	return nil
}
