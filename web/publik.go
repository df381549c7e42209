package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/netfile"
)

// The public portal (/publik) shows what the walidata has verified: the
// map, the condition figures and the adopted programme, each with the
// data's date and the office that produced it, and the open-data package.
// It reads the verified-only snapshot (Server.public), never drafts.

// publicBase is what every public page shows about the data.
type publicBase struct {
	Base
	Org publish.Org
	// AsOf is when the register was read; LatestSurvey the newest verified
	// survey; VerifiedAt the latest verification.
	AsOf, LatestSurvey, VerifiedAt time.Time
	Synthetic                      bool
}

// publicInfo is the snapshot's publisher and dates, computed once per snapshot.
type publicInfo struct {
	org        publish.Org
	verifiedAt time.Time
}

func (s *Server) publicBase(c *gin.Context, l Locale, nav string, snap *snapshot) publicBase {
	var info publicInfo
	if v, ok := snap.pages.Load("public-info"); ok {
		info = v.(publicInfo)
	} else {
		n := snap.network
		info.org = publish.OrgOf(n)
		later := func(t time.Time) {
			if t.After(info.verifiedAt) {
				info.verifiedAt = t
			}
		}
		for _, r := range n.Ruas {
			later(r.Verif.At)
			for _, v := range n.Surveys[r.ID] {
				later(v.Verif.At)
			}
			for _, w := range n.Works[r.ID] {
				later(w.Verif.At)
			}
			for _, t := range n.Traffic[r.ID] {
				later(t.Verif.At)
			}
		}
		snap.pages.Store("public-info", info)
	}
	return publicBase{Base: s.base(c, l, nav), Org: info.org, AsOf: snap.network.ReadAt, LatestSurvey: snap.summary.LatestSurvey,
		VerifiedAt: info.verifiedAt, Synthetic: snap.summary.Synthetic > 0}
}

// publicPage is the portal's front page: the verified network's length
// and condition, by kecamatan and by surface.
type publicPage struct {
	publicBase
	S Summary
	// Agreed are the figures a Forum Satu Data agreed, by indicator
	// (web/reconcile.go), shown beside the portal's own.
	Agreed map[string]*agreedNote
}

// ScopeLabel names the network the public kemantapan divides by, as the
// dashboard does.
func (p publicPage) ScopeLabel() string { return scopeLabel(p.L, p.S) }

func (s *Server) publicShow(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.public.current(c.Request.Context())
	if err != nil {
		return err
	}
	p := publicPage{publicBase: s.publicBase(c, l, "publik", snap), S: snap.summary, Agreed: s.publicAgreed(c.Request.Context(), l)}
	p.Title = l.T("public.title")
	s.render(c, http.StatusOK, "publik", p)
	return nil
}

func (s *Server) publicMap(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.public.current(c.Request.Context())
	if err != nil {
		return err
	}
	pb := s.publicBase(c, l, "publik-map", snap)
	p := mapPage{Base: pb.Base, API: "/api/v1/publik/map", Public: true, Org: pb.Org.OPDShort, AsOf: pb.AsOf}
	return s.mapPageFrom(c, s.public, p)
}

func (s *Server) publicSummaryAPI(c *gin.Context) error { return s.summaryFrom(c, s.public) }

func (s *Server) publicMapAPI(c *gin.Context) error { return s.mapFrom(c, s.public) }

// programmePage is the adopted programme: its years, and its works list
// searched, filtered and paged, with a map of the programme's ruas.
type programmePage struct {
	publicBase
	Adoption *roads.Adoption
	Run      *roads.PlanRun
	Result   *planner.Result
	// Changed: the register moved on since the programme was computed.
	Changed bool
	// The works list: the filter as read, the page of rows it selects,
	// how many rows match and in all, and the choices of the filter.
	Q, Kecamatan, Treatment string
	Year                    int
	Works                   []planner.Work
	Matched, All            int
	Page, Pages             int
	PrevURL, NextURL        string
	Years                   []int
	Kecamatans, Treatments  []choice
	// Map is the programme map's settings (the public map API with programme=1).
	Map mapPage
}

// programmePageSize is how many works one page of the public programme lists.
const programmePageSize = 50

// adoptedProgramme reads the adopted plan run, or nil when none is adopted.
func (s *Server) adoptedProgramme(c *gin.Context) (*roads.Adoption, *roads.PlanRun, *planner.Result, error) {
	a, err := s.store.AdoptedPlan(c.Request.Context())
	if errors.Is(err, roads.ErrNotFound) {
		return nil, nil, nil, nil
	}
	if err != nil {
		return nil, nil, nil, err
	}
	run, res, err := s.planRun(c.Request.Context(), a.PlanID)
	if err != nil {
		return nil, nil, nil, err
	}
	return a, run, res, nil
}

func (s *Server) publicProgramme(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.public.current(c.Request.Context())
	if err != nil {
		return err
	}
	p := programmePage{publicBase: s.publicBase(c, l, "publik-programme", snap)}
	p.Title = l.T("public.programme")
	if p.Adoption, p.Run, p.Result, err = s.adoptedProgramme(c); err != nil {
		return err
	}
	if p.Run != nil {
		p.Changed = p.Run.SnapshotHash != snap.network.Hash
		if err := p.filterWorks(c, l); err != nil {
			return err
		}
		p.Map = s.mapSettings(l, s.officeOf(c.Request.Context()), snap, mapPage{API: "/api/v1/publik/map", Query: "programme=1", Public: true})
		p.Scripts = []string{"/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet-vectorgrid/Leaflet.VectorGrid.bundled.min.js", "/static/map.js"}
	}
	s.render(c, http.StatusOK, "publik_program", p)
	return nil
}

// filterWorks reads the works-list filter (q, year, kecamatan, treatment,
// page) and selects the page of works it matches.
func (p *programmePage) filterWorks(c *gin.Context, l Locale) error {
	pr := &fieldProblems{l: l}
	p.Q, p.Kecamatan, p.Treatment = strings.TrimSpace(c.Query("q")), c.Query("kecamatan"), c.Query("treatment")
	if v := c.Query("year"); v != "" {
		p.Year = pr.integer("year", v)
	}
	p.Page = 1
	if v := c.Query("page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 1 {
			p.Page = n
		} else {
			pr.add("page", v, "err.page")
		}
	}
	if err := pr.err(); err != nil {
		return err
	}
	kec, treat := map[string]string{}, map[string]string{}
	q := strings.ToLower(p.Q)
	var match []planner.Work
	for _, y := range p.Result.Plan {
		if len(y.Works) > 0 {
			p.Years = append(p.Years, y.Year)
		}
		for _, w := range y.Works {
			p.All++
			if w.KecamatanCode != "" {
				kec[w.KecamatanCode] = w.Kecamatan
			}
			treat[w.Treatment] = w.TreatmentLabel
			if p.Year != 0 && w.Year != p.Year && y.Year != p.Year ||
				p.Kecamatan != "" && w.KecamatanCode != p.Kecamatan ||
				p.Treatment != "" && w.Treatment != p.Treatment ||
				q != "" && !strings.Contains(strings.ToLower(w.RuasKey+" "+w.RuasName+" "+w.Kecamatan+" "+w.Kelurahan), q) {
				continue
			}
			if w.Year == 0 {
				w.Year = y.Year
			}
			match = append(match, w)
		}
	}
	for code, name := range kec {
		p.Kecamatans = append(p.Kecamatans, choice{code, name})
	}
	for code, label := range treat {
		p.Treatments = append(p.Treatments, choice{code, label})
	}
	sort.Slice(p.Kecamatans, func(i, j int) bool { return p.Kecamatans[i].Label < p.Kecamatans[j].Label })
	sort.Slice(p.Treatments, func(i, j int) bool { return p.Treatments[i].Label < p.Treatments[j].Label })
	p.Matched = len(match)
	p.Pages = max(1, (len(match)+programmePageSize-1)/programmePageSize)
	p.Page = min(p.Page, p.Pages)
	from := (p.Page - 1) * programmePageSize
	p.Works = match[from:min(len(match), from+programmePageSize)]
	link := func(page int) string {
		v := url.Values{}
		for k, x := range map[string]string{"q": p.Q, "kecamatan": p.Kecamatan, "treatment": p.Treatment} {
			if x != "" {
				v.Set(k, x)
			}
		}
		if p.Year != 0 {
			v.Set("year", itoa(p.Year))
		}
		v.Set("page", itoa(page))
		return "/publik/program?" + v.Encode() + "#works"
	}
	if p.Page > 1 {
		p.PrevURL = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.NextURL = link(p.Page + 1)
	}
	return nil
}

// programmeKeys is the set of ruas keys the adopted programme works on,
// kept with the snapshot per plan run.
func (s *Server) programmeKeys(c *gin.Context, snap *snapshot) (map[string]bool, error) {
	a, err := s.store.AdoptedPlan(c.Request.Context())
	if errors.Is(err, roads.ErrNotFound) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	slot := fmt.Sprintf("programme-keys-%d", a.PlanID)
	if v, ok := snap.pages.Load(slot); ok {
		return v.(map[string]bool), nil
	}
	_, res, err := s.planRun(c.Request.Context(), a.PlanID)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for _, y := range res.Plan {
		for _, w := range y.Works {
			keys[w.RuasKey] = true
		}
	}
	snap.pages.Store(slot, keys)
	return keys, nil
}

// publicSatuData sends the Satu Data package (the files of `ruas export
// satudata`) of the adopted programme over the verified records, as a zip.
func (s *Server) publicSatuData(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.public.current(c.Request.Context())
	if err != nil {
		return err
	}
	_, run, _, err := s.adoptedProgramme(c)
	if err != nil {
		return err
	}
	if run == nil {
		// Nothing adopted yet: say so in a page, and offer what is
		// published already, the verified network.
		p := publicDownloadPage{publicBase: s.publicBase(c, l, "publik", snap)}
		p.Title = l.T("public.download")
		s.render(c, http.StatusNotFound, "publik_unduh", p)
		return nil
	}
	// A register that moved on since the programme ran still publishes,
	// with the stale mark in every file.
	src, err := publish.Load(run, snap.network, true)
	if err != nil {
		return err
	}
	pkg, err := publish.SatuData(src)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	var names []string
	for n := range pkg.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: run.CreatedAt})
		if err != nil {
			return err
		}
		if _, err := w.Write(pkg.Files[n]); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="satudata-jalan-%s-%d.zip"`, src.Org.Kodepemda, pkg.Year))
	c.Data(http.StatusOK, "application/zip", buf.Bytes())
	return nil
}

// publicDownloadPage explains that the open-data package waits for an
// adopted programme and offers the verified network files meanwhile.
type publicDownloadPage struct {
	publicBase
}

// publicNetwork sends the verified network (the files of `ruas export
// network`, drafts left out) as GeoJSON or CSV.
func (s *Server) publicNetwork(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.public.current(c.Request.Context())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	rows := netfile.Rows(snap.network)
	org := publish.OrgOf(snap.network)
	switch c.Param("format") {
	case "jaringan.geojson":
		err = netfile.WriteGeoJSON(&buf, rows)
		c.Header("Content-Type", "application/geo+json")
	case "jaringan.csv":
		err = netfile.WriteCSV(&buf, rows)
		c.Header("Content-Type", "text/csv; charset=utf-8")
	default:
		return fmt.Errorf("%w: %s", roads.ErrNotFound, l.T("public.no_file"))
	}
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="jalan-terverifikasi-%s-%s"`, org.Kodepemda, c.Param("format")))
	c.Status(http.StatusOK)
	_, err = c.Writer.Write(buf.Bytes())
	return err
}
