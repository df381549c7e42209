package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
)

// exportFormats lists, per export kind, the formats it writes; the first
// is the default.
var exportFormats = map[string][]string{
	"sipd":     {"xlsx", "csv"},
	"walidata": {"xlsx", "csv", "json"},
	"report":   {"pdf"},
}

var contentTypes = map[string]string{
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"csv":  "text/csv; charset=utf-8",
	"json": "application/json",
	"pdf":  "application/pdf",
}

// planExport writes a stored plan's SIPD usulan, e-Walidata indicators or
// planning document — the same files as `ruas export` — from the plan run
// and the register as it stands. A plan whose data changed since it ran is
// refused (409) unless allow_stale=1, and then the file carries the mark.
func (s *Server) planExport(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	kind := c.Param("kind")
	formats, ok := exportFormats[kind]
	if !ok {
		return badInput(roads.FieldError{Field: "kind", Value: kind, Message: l.T("err.export_kind")})
	}
	format := c.DefaultQuery("format", formats[0])
	if !slices.Contains(formats, format) {
		return badInput(roads.FieldError{Field: "format", Value: format, Message: l.T("err.export_format", strings.Join(formats, ", "))})
	}
	ctx := c.Request.Context()
	run, res, err := s.planRun(ctx, id)
	if err != nil {
		return err
	}
	year := res.Input.FromYear
	if kind == "walidata" {
		year-- // the year of the baseline: measured, not projected
	}
	if y := c.Query("year"); y != "" {
		if year, err = strconv.Atoi(y); err != nil {
			return badInput(roads.FieldError{Field: "year", Value: y, Message: l.T("err.year")})
		}
	}
	nomen := c.Query("nomenklatur")
	if nomen != "" && nomen != "2024" && nomen != "2027" {
		return badInput(roads.FieldError{Field: "nomenklatur", Value: nomen, Message: l.T("err.nomenclature")})
	}
	net, err := s.store.Network(ctx)
	if err != nil {
		return err
	}
	// Exports publish verified data only (and say so): the verified
	// register, and the plan's basis for whether its years are a draft.
	basis, err := s.store.PlanBasisOf(ctx, run.ID)
	if err != nil {
		return err
	}
	src, err := publish.Load(run, net.Verified(), c.Query("allow_stale") == "1")
	if err != nil {
		return err
	}
	src.PlanPending = basis.Pending
	var b bytes.Buffer
	switch kind {
	case "sipd":
		u, err := publish.SIPD(src, year, nomen, publish.DefaultFunds)
		if err != nil {
			return err
		}
		if format == "csv" {
			err = u.WriteCSV(&b)
		} else {
			err = u.WriteXLSX(&b)
		}
		if err != nil {
			return err
		}
	case "walidata":
		w, err := publish.NewWalidata(src, year)
		if err != nil {
			return err
		}
		switch format {
		case "csv":
			err = w.WriteCSV(&b)
		case "json":
			err = w.WriteJSON(&b)
		default:
			err = w.WriteXLSX(&b)
		}
		if err != nil {
			return err
		}
	case "report":
		r, err := publish.NewReport(src)
		if err != nil {
			return err
		}
		if err := r.WritePDF(&b); err != nil {
			return err
		}
	}
	name := fmt.Sprintf("%s-rencana-%d", kind, run.ID)
	if kind != "report" {
		name += "-" + strconv.Itoa(year)
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	c.Data(http.StatusOK, contentTypes[format], b.Bytes())
	return nil
}

// stalePage explains, in a page rather than a JSON body, why an export of
// a plan was refused: the register changed after the plan ran. It counts
// what changed and offers both ways out: run the plan again with the same
// inputs, or download the old plan's file marked publish.StaleMark.
type stalePage struct {
	Base
	Stale *planStale
}

// planExportPage is the plan page's export link: the same files as
// planExport, but a stale plan answers 409 with a page that explains it
// and offers the ways out.
func (s *Server) planExportPage(c *gin.Context) error {
	err := s.planExport(c)
	if !errors.Is(err, publish.ErrStale) {
		return err
	}
	l := localeOf(c)
	ctx := c.Request.Context()
	id, perr := paramID(c, l)
	if perr != nil {
		return perr
	}
	run, res, perr := s.planRun(ctx, id)
	if perr != nil {
		return perr
	}
	basis, perr := s.store.PlanBasisOf(ctx, run.ID)
	if perr != nil {
		return perr
	}
	st, perr := s.staleOf(ctx, l, run, res.Input, basis.VerifiedOnly)
	if perr != nil {
		return perr
	}
	if st == nil { // the register moved back in between: nothing to explain
		return err
	}
	st.Kind, st.Format = c.Param("kind"), c.Query("format")
	p := stalePage{Base: s.base(c, l, "plan"), Stale: st}
	p.Title = l.T("stale.title")
	s.render(c, http.StatusConflict, "plan_stale", p)
	return nil
}
