package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// fieldChange is one field of a record that a change set, altered or cleared.
type fieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// auditView is an audit entry with its field-level difference, for the
// record's page: who, when, from where, and which fields changed from what to what.
type auditView struct {
	ID       int64         `json:"id"`
	At       time.Time     `json:"at"`
	Action   string        `json:"action"`
	Entity   string        `json:"entity"`
	EntityID int64         `json:"entity_id"`
	RuasID   int64         `json:"ruas_id"`
	Actor    string        `json:"actor"`
	Origin   string        `json:"origin"`
	Changes  []fieldChange `json:"changes"`
}

// quietFields change on every write and say nothing a reader needs: the
// row's own bookkeeping and the raw geometry bytes (a changed geometry
// shows as its changed length).
var quietFields = map[string]bool{"updated_at": true, "recorded_at": true, "version": true, "geom_wkb_hex": true, "id": true}

// diffJSON compares two JSON objects (either may be empty: insert or
// delete) field by field, in field-name order.
func diffJSON(before, after json.RawMessage) []fieldChange {
	var b, a map[string]any
	decode := func(raw json.RawMessage, into *map[string]any) {
		if len(raw) == 0 {
			return
		}
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		d.Decode(into)
	}
	decode(before, &b)
	decode(after, &a)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var names []string
	for k := range keys {
		if !quietFields[k] {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	var out []fieldChange
	for _, k := range names {
		bv, bok := b[k]
		av, aok := a[k]
		bs, as := jsonText(bv, bok), jsonText(av, aok)
		if bs == as || (b == nil && as == "") || (a == nil && bs == "") {
			continue // unchanged, or an empty field of a new or deleted row
		}
		out = append(out, fieldChange{Field: k, Before: bs, After: as})
	}
	return out
}

func jsonText(v any, present bool) string {
	if !present || v == nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func newAuditView(e roads.AuditEntry) auditView {
	return auditView{ID: e.ID, At: e.At, Action: e.Action, Entity: e.Entity, EntityID: e.EntityID, RuasID: e.RuasID, Actor: e.Actor, Origin: e.Origin,
		Changes: diffJSON(e.Before, e.After)}
}

// ruasAudit is the trail of a ruas and of its surveys, works and traffic, newest first.
func (s *Server) ruasAudit(c *gin.Context, id int64, limit int) ([]auditView, error) {
	entries, err := s.store.Audit(c.Request.Context(), roads.AuditFilter{RuasID: id})
	if err != nil {
		return nil, err
	}
	out := []auditView{}
	for i := len(entries) - 1; i >= 0 && (limit == 0 || len(out) < limit); i-- {
		out = append(out, newAuditView(entries[i]))
	}
	return out, nil
}

// auditPage is a ruas's whole trail.
type auditPage struct {
	Base
	R       *roads.Ruas
	Entries []auditView
}

func (s *Server) auditShow(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	p := auditPage{Base: s.base(c, l, "ruas"), R: r}
	p.Title = l.T("audit.title") + " " + r.Key.String()
	if p.Entries, err = s.ruasAudit(c, r.ID, 0); err != nil {
		return err
	}
	s.render(c, http.StatusOK, "audit", p)
	return nil
}

func (s *Server) ruasAuditAPI(c *gin.Context) error {
	l := localeOf(c)
	r, err := s.ruasParam(c, l)
	if err != nil {
		return err
	}
	entries, err := s.ruasAudit(c, r.ID, 0)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"ruas_id": r.ID, "entries": entries})
	return nil
}

// auditCSV is the auditor's export: the trail as CSV, one row per change
// with the row before and after as JSON (as `ruas audit` writes it) —
// all of it, or what the /audit viewer's filter (the same query) selects.
func (s *Server) auditCSV(c *gin.Context) error {
	f, _, err := s.auditQuery(c, localeOf(c))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.store.WriteAuditCSV(c.Request.Context(), &buf, f); err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="jejak-audit-`+s.now().Format("20060102")+`.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}

// auditAPI is the trail as JSON, filtered as the viewer filters (entity,
// entity_id, ruas_id, action, actor, from and to as WIB days, both
// included), newest last; limit bounds it (default 1000, the latest).
func (s *Server) auditAPI(c *gin.Context) error {
	l := localeOf(c)
	p := &fieldProblems{l: l}
	f := roads.AuditFilter{Entity: c.Query("entity")}
	num := func(k string) int64 {
		v := c.Query(k)
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			p.add(k, v, "err.integer")
		}
		return n
	}
	f.EntityID, f.RuasID = num("entity_id"), num("ruas_id")
	// The viewer's other filters, under the API's English names.
	f.Action, f.Actor = c.Query("action"), c.Query("actor")
	if f.Action != "" && !slices.Contains(auditActions, f.Action) {
		p.add("action", f.Action, "auditv.bad_action", strings.Join(auditActions, ", "))
	}
	day := func(k string) time.Time {
		if v := c.Query(k); v != "" {
			if t := p.date(k, v); !t.IsZero() {
				return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, locale.WIB)
			}
		}
		return time.Time{}
	}
	f.From = day("from")
	if to := day("to"); !to.IsZero() {
		f.To = to.AddDate(0, 0, 1) // through the end of that day (WIB)
	}
	limit := int(num("limit"))
	if err := p.err(); err != nil {
		return err
	}
	if limit == 0 {
		limit = 1000
	}
	entries, err := s.store.Audit(c.Request.Context(), f)
	if err != nil {
		return err
	}
	if len(entries) > limit {
		entries = entries[len(entries)-limit:]
	}
	out := make([]auditView, 0, len(entries))
	for _, e := range entries {
		out = append(out, newAuditView(e))
	}
	c.JSON(http.StatusOK, gin.H{"entries": out})
	return nil
}
