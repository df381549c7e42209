package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
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
}

func (s *Server) publicShow(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.public.current(c.Request.Context())
	if err != nil {
		return err
	}
	p := publicPage{publicBase: s.publicBase(c, l, "publik", snap), S: snap.summary}
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

// programmePage is the adopted programme.
type programmePage struct {
	publicBase
	Adoption *roads.Adoption
	Run      *roads.PlanRun
	Result   *planner.Result
	// Changed: the register moved on since the programme was computed.
	Changed bool
}

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
	}
	s.render(c, http.StatusOK, "publik_program", p)
	return nil
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
		return fmt.Errorf("%w: %s", roads.ErrNotFound, l.T("public.no_programme"))
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
