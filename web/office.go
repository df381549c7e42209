package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// officeCache keeps the register's office between requests, re-read when
// the register's data version moves (any commit, by this server or by
// `ruas init` in another process).
type officeCache struct {
	mu      sync.Mutex
	version int64
	loaded  bool
	office  roads.Office
}

// officeOf returns the register's office (zero when not set yet). A read
// failure is logged and gives the zero office: pages then ask for one.
func (s *Server) officeOf(ctx context.Context) roads.Office {
	if !scopeOf(ctx).All() { // an account of one of several offices: its own office, not the cached one
		o, _ := s.store.Office(ctx)
		return o
	}
	v, err := s.snaps.watch.Version(ctx)
	s.officeC.mu.Lock()
	defer s.officeC.mu.Unlock()
	if err == nil && s.officeC.loaded && s.officeC.version == v {
		return s.officeC.office
	}
	o, oerr := s.store.Office(ctx)
	if oerr != nil && !errors.Is(oerr, roads.ErrNotFound) {
		s.log.Error("office", "err", oerr)
		return roads.Office{}
	}
	if err == nil {
		s.officeC.version, s.officeC.loaded, s.officeC.office = v, true, o
	}
	return o
}

// officePage is the admin's page of the office the register belongs to.
type officePage struct {
	Base
	Form        formValues
	Errors      []roads.FieldError
	Authorities []roads.Status
	Kecamatan   int
	Kelurahan   int
	HasBoundary bool
	Outlines    []string // names of the stored kecamatan outlines
	Saved       bool
}

func (s *Server) officeData(c *gin.Context, l Locale) officePage {
	p := officePage{Base: s.base(c, l, "office"), Authorities: roads.Authorities}
	p.Title = l.T("office.title")
	o := p.Office
	p.Form = formValues{"region": o.Region, "opd": o.OPD, "opd_code": o.OPDCode, "kewenangan": string(o.Authority)}
	p.Kecamatan, p.Kelurahan, p.HasBoundary = len(o.Kecamatan()), len(o.Kelurahan()), o.Boundary != nil
	for _, ol := range o.Outlines {
		p.Outlines = append(p.Outlines, ol.Name)
	}
	return p
}

// officeShow shows the office and the form that sets it.
func (s *Server) officeShow(c *gin.Context) error {
	l := localeOf(c)
	p := s.officeData(c, l)
	p.Saved = c.Query("saved") == "1"
	s.render(c, http.StatusOK, "office", p)
	return nil
}

// officeSet sets the office from the form: region code, OPD, OPD code,
// kewenangan and optionally a boundary file (GeoJSON); without a new file
// the stored boundary stays, unless "hapus batas" is ticked.
func (s *Server) officeSet(c *gin.Context) error {
	l := localeOf(c)
	ctx := c.Request.Context()
	f := formValues{"region": c.PostForm("region"), "opd": c.PostForm("opd"), "opd_code": c.PostForm("opd_code"), "kewenangan": c.PostForm("kewenangan")}
	in := roads.OfficeInput{Region: f["region"], OPD: f["opd"], OPDCode: f["opd_code"], Authority: f["kewenangan"]}
	old := s.officeOf(ctx)
	if fh, err := c.FormFile("boundary"); err == nil {
		file, err := fh.Open()
		if err != nil {
			return err
		}
		in.Boundary, err = io.ReadAll(io.LimitReader(file, 64<<20))
		file.Close()
		if err != nil {
			return err
		}
	}
	// A changed region or default OPD follows the new region, unless typed.
	if old.IsSet() && f["opd"] == old.OPD && strings.TrimSpace(f["region"]) != old.Region && old.OPD == roads.DefaultOPD(old.Pemda()) {
		in.OPD = ""
	}
	o, errs := roads.NewOffice(in)
	if len(in.Boundary) == 0 && c.PostForm("clear_boundary") == "" && old.Region == o.Region {
		o.Boundary = old.Boundary
	}
	if len(errs) > 0 {
		p := s.officeData(c, l)
		p.Form = f
		return s.formFailed(c, l, badInput(errs...), "office", &p, &p.Errors)
	}
	// Kecamatan outlines, when a file is given: all placed, or none stored.
	var outs []roads.Outline
	fh, ferr := c.FormFile("outlines")
	if ferr == nil {
		file, err := fh.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(io.LimitReader(file, roads.MaxOutlinesBytes+1))
		file.Close()
		if err != nil {
			return err
		}
		var problems []string
		if outs, problems = roads.ParseOutlines(b, o, fh.Filename); len(problems) > 0 {
			p := s.officeData(c, l)
			p.Form = f
			fes := make([]roads.FieldError, len(problems))
			for i, pr := range problems {
				fes[i] = roads.FieldError{Field: "outlines", Value: fh.Filename, Message: pr}
			}
			return s.formFailed(c, l, badInput(fes...), "office", &p, &p.Errors)
		}
	}
	if err := s.store.SetOffice(ctx, o, actorName(c), s.now()); err != nil {
		return err
	}
	if ferr == nil {
		if err := s.store.SetOutlines(ctx, outs, actorName(c)); err != nil {
			return err
		}
	}
	c.Redirect(http.StatusSeeOther, "/admin/kantor?saved=1")
	return nil
}
