package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// auditPageSize is how many audit entries one page of /audit shows.
const auditPageSize = 50

// auditEntities and auditActions are the filter's choices: what the
// triggers of data/migrations write.
var (
	auditEntities = []string{"ruas", "survey", "works", "traffic", "account", "plan_adoption", "office", "reconciliation"}
	auditActions  = []string{"insert", "update", "delete", "retire", "reinstate"}
)

// auditIndexPage is the whole audit trail for an auditor (admin,
// walidata), filtered and paged, each entry with its field changes.
type auditIndexPage struct {
	Base
	// The filter as typed, to fill the form again.
	Entity, Action, Actor, Ruas, From, To string
	Entities, Actions                     []choice
	Errors                                []roads.FieldError
	Entries                               []auditView
	RuasKeys                              map[int64]string // the key of each entry's ruas
	Total, Page, Pages                    int
	PrevURL, NextURL, CSVURL              string
}

// auditQuery reads the viewer's filter from the query string (shared by
// the page and its CSV export): entity, aksi, oleh, ruas (a key such as
// 33.74/001), dari and sampai (days, WIB, both included).
func (s *Server) auditQuery(c *gin.Context, l Locale) (roads.AuditFilter, url.Values, error) {
	p := &fieldProblems{l: l}
	q := url.Values{}
	for _, k := range []string{"entitas", "aksi", "oleh", "ruas", "dari", "sampai"} {
		if v := strings.TrimSpace(c.Query(k)); v != "" {
			q.Set(k, v)
		}
	}
	f := roads.AuditFilter{Entity: q.Get("entitas"), Action: q.Get("aksi"), Actor: q.Get("oleh")}
	if f.Entity != "" && !slices.Contains(auditEntities, f.Entity) {
		p.add("entitas", f.Entity, "auditv.bad_entity", strings.Join(auditEntities, ", "))
	}
	if f.Action != "" && !slices.Contains(auditActions, f.Action) {
		p.add("aksi", f.Action, "auditv.bad_action", strings.Join(auditActions, ", "))
	}
	if v := q.Get("ruas"); v != "" {
		key, err := roads.ParseKey(v)
		var r *roads.Ruas
		if err == nil {
			r, err = s.store.Ruas(c.Request.Context(), key)
		}
		if err != nil {
			p.add("ruas", v, "auditv.bad_ruas")
		} else {
			f.RuasID = r.ID
		}
	}
	day := func(field string) time.Time {
		v := q.Get(field)
		if v == "" {
			return time.Time{}
		}
		t := p.date(field, v)
		if t.IsZero() {
			return t
		}
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, locale.WIB)
	}
	f.From = day("dari")
	if to := day("sampai"); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // through the end of that day
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		p.add("sampai", q.Get("sampai"), "auditv.bad_range")
	}
	return f, q, p.err()
}

func (s *Server) auditIndex(c *gin.Context) error {
	l := localeOf(c)
	ctx := c.Request.Context()
	p := auditIndexPage{Base: s.base(c, l, "audit"), Entity: c.Query("entitas"), Action: c.Query("aksi"), Actor: c.Query("oleh"),
		Ruas: c.Query("ruas"), From: c.Query("dari"), To: c.Query("sampai"), Page: 1}
	p.Title = l.T("auditv.title")
	for _, e := range auditEntities {
		p.Entities = append(p.Entities, choice{Code: e, Label: l.T("entity." + e)})
	}
	for _, a := range auditActions {
		p.Actions = append(p.Actions, choice{Code: a, Label: l.T("audit." + a)})
	}
	f, q, err := s.auditQuery(c, l)
	if v := c.Query("page"); v != "" {
		n, perr := strconv.Atoi(v)
		if perr != nil || n < 1 {
			err = badInput(roads.FieldError{Field: "page", Value: v, Message: l.T("err.page")})
		} else {
			p.Page = n
		}
	}
	if err != nil {
		return s.formFailed(c, l, err, "audit_index", &p, &p.Errors)
	}
	if p.Total, err = s.store.CountAudit(ctx, f); err != nil {
		return err
	}
	p.Pages = max(1, (p.Total+auditPageSize-1)/auditPageSize)
	f.Desc, f.Limit, f.Offset = true, auditPageSize, (p.Page-1)*auditPageSize
	entries, err := s.store.Audit(ctx, f)
	if err != nil {
		return err
	}
	ids := map[int64]bool{}
	for _, e := range entries {
		p.Entries = append(p.Entries, newAuditView(e))
		if e.RuasID != 0 {
			ids[e.RuasID] = true
		}
	}
	p.RuasKeys = map[int64]string{}
	for id := range ids {
		if r, err := s.store.RuasByID(ctx, id); err == nil {
			p.RuasKeys[id] = r.Key.String()
		}
	}
	p.CSVURL = "/audit.csv"
	if len(q) > 0 {
		p.CSVURL += "?" + q.Encode()
	}
	if p.Page > 1 {
		q.Set("page", itoa(p.Page-1))
		p.PrevURL = "/audit?" + q.Encode()
	}
	if p.Page < p.Pages {
		q.Set("page", itoa(p.Page+1))
		p.NextURL = "/audit?" + q.Encode()
	}
	s.render(c, http.StatusOK, "audit_index", p)
	return nil
}
