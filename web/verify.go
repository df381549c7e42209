package web

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// entities are the register's kinds of record, in the queue's order.
var entities = []roads.Entity{roads.EntityRuas, roads.EntitySurvey, roads.EntityWorks, roads.EntityTraffic}

// queueItem is one thing a walidata verifies: a ruas, one survey (all its
// units of one date, which were entered together), a works record or a
// traffic count.
type queueItem struct {
	Entity roads.Entity `json:"entity"`
	IDs    []int64      `json:"ids"`
	RuasID int64        `json:"ruas_id"`
	Ruas   string       `json:"ruas"` // key REGION/NO
	Name   string       `json:"name"`
	What   string       `json:"what"`
	Date   time.Time    `json:"date"`
	By     string       `json:"by"` // the producer (Source.User)
	Origin string       `json:"origin"`
	State  string       `json:"state"`
	Note   string       `json:"note,omitempty"` // the reason it was returned
	// Kecamatan filters the queue.
	Kecamatan string `json:"kecamatan"`
}

// Value is the item's checkbox value: "survey:12,13,14".
func (q queueItem) Value() string {
	ids := make([]string, len(q.IDs))
	for i, id := range q.IDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	return string(q.Entity) + ":" + strings.Join(ids, ",")
}

// verifyQueue lists every record that is not verified (drafts and
// returned), from the snapshot, oldest first within each entity.
func verifyQueue(n *roads.Network, l Locale) map[roads.Entity][]queueItem {
	out := map[roads.Entity][]queueItem{}
	for _, r := range n.Ruas {
		base := queueItem{RuasID: r.ID, Ruas: r.Key.String(), Name: r.Name, Kecamatan: r.KecamatanCode}
		if r.Verif.State != roads.Verified {
			it := base
			it.Entity, it.IDs, it.What, it.Date = roads.EntityRuas, []int64{r.ID}, l.T("verify.what_ruas", r.Version), r.UpdatedAt
			it.By, it.Origin, it.State, it.Note = r.Source.User, r.Source.String(), string(r.Verif.State), r.Verif.Note
			out[roads.EntityRuas] = append(out[roads.EntityRuas], it)
		}
		// Survey units of one date, producer and state go together.
		type sk struct {
			date        time.Time
			user, state string
		}
		groups := map[sk]*queueItem{}
		var order []sk
		for _, v := range n.Surveys[r.ID] {
			if v.Verif.State == roads.Verified {
				continue
			}
			k := sk{v.Date, v.Source.User, string(v.Verif.State)}
			g := groups[k]
			if g == nil {
				it := base
				it.Entity, it.Date, it.By, it.Origin, it.State, it.Note = roads.EntitySurvey, v.Date, v.Source.User, v.Source.String(), string(v.Verif.State), v.Verif.Note
				g = &it
				groups[k] = g
				order = append(order, k)
			}
			g.IDs = append(g.IDs, v.ID)
		}
		for _, k := range order {
			g := groups[k]
			g.What = l.T("verify.what_survey", len(g.IDs))
			out[roads.EntitySurvey] = append(out[roads.EntitySurvey], *g)
		}
		for _, w := range n.Works[r.ID] {
			if w.Verif.State != roads.Verified {
				it := base
				it.Entity, it.IDs, it.Date = roads.EntityWorks, []int64{w.ID}, w.Date
				it.What = fmt.Sprintf("%s · STA %s–%s · %s", l.Works(w.Type), roads.FormatSTA(w.StaFromM), roads.FormatSTA(w.StaToM), l.Rp(w.CostRp))
				it.By, it.Origin, it.State, it.Note = w.Source.User, w.Source.String(), string(w.Verif.State), w.Verif.Note
				out[roads.EntityWorks] = append(out[roads.EntityWorks], it)
			}
		}
		for _, t := range n.Traffic[r.ID] {
			if t.Verif.State != roads.Verified {
				it := base
				it.Entity, it.IDs, it.Date = roads.EntityTraffic, []int64{t.ID}, time.Date(t.Year, 12, 31, 0, 0, 0, 0, time.UTC)
				it.What = fmt.Sprintf("LHR %d: %s %s", t.Year, l.Num(t.LHR, 0), l.T("unit.vpd"))
				it.By, it.Origin, it.State, it.Note = t.Source.User, t.Source.String(), string(t.Verif.State), t.Verif.Note
				out[roads.EntityTraffic] = append(out[roads.EntityTraffic], it)
			}
		}
	}
	for _, items := range out {
		sort.SliceStable(items, func(i, j int) bool { return items[i].Date.Before(items[j].Date) })
	}
	return out
}

// queueLimit is how many items of one entity the page lists at once (a
// walidata works through them in batches; the rest follow).
const queueLimit = 200

// verifyPage is the walidata's queue: drafts and returned records per
// entity, each with who entered it and from where, verified or returned
// (with a reason) in batches.
type verifyPage struct {
	Base
	Kecamatan string
	Groups    []verifyGroup
	Done      string // "verified" or "returned" after a batch
	DoneN     int
	Errors    []roads.FieldError
	Options   choices
	Reason    string
}

type verifyGroup struct {
	Entity roads.Entity
	Items  []queueItem
	Total  int
}

func (s *Server) verifyPageData(c *gin.Context, l Locale) (verifyPage, error) {
	p := verifyPage{Base: s.base(c, l, "verify"), Kecamatan: c.Query("kecamatan"), Options: choicesFor(l, s.officeOf(c.Request.Context()))}
	p.Title = l.T("verify.title")
	snap, err := s.snaps.current(c.Request.Context())
	if err != nil {
		return p, err
	}
	q := verifyQueue(snap.network, l)
	for _, e := range entities {
		g := verifyGroup{Entity: e}
		for _, it := range q[e] {
			if p.Kecamatan != "" && it.Kecamatan != p.Kecamatan {
				continue
			}
			g.Total++
			if len(g.Items) < queueLimit {
				g.Items = append(g.Items, it)
			}
		}
		p.Groups = append(p.Groups, g)
	}
	return p, nil
}

func (s *Server) verifyShow(c *gin.Context) error {
	l := localeOf(c)
	p, err := s.verifyPageData(c, l)
	if err != nil {
		return err
	}
	p.Done = c.Query("done")
	p.DoneN, _ = strconv.Atoi(c.Query("n"))
	s.render(c, http.StatusOK, "verify", p)
	return nil
}

// parseItems reads checkbox values "entity:id,id" into ids per entity.
func parseItems(l Locale, values []string) (map[roads.Entity][]int64, int, error) {
	out := map[roads.Entity][]int64{}
	n := 0
	for _, v := range values {
		ent, list, ok := strings.Cut(v, ":")
		e := roads.Entity(ent)
		if !ok || !contains([]string{"ruas", "survey", "works", "traffic"}, ent) {
			return nil, 0, badInput(roads.FieldError{Field: "item", Value: truncate(v, 40), Message: l.T("err.verify_item")})
		}
		for _, f := range strings.Split(list, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
			if err != nil || id <= 0 {
				return nil, 0, badInput(roads.FieldError{Field: "item", Value: truncate(v, 40), Message: l.T("err.verify_item")})
			}
			out[e] = append(out[e], id)
		}
		n++
	}
	if n == 0 {
		return nil, 0, badInput(roads.FieldError{Field: "item", Message: l.T("err.verify_none")})
	}
	return out, n, nil
}

// applyVerification verifies or returns the records, entity by entity
// (each entity's batch is all or nothing).
func (s *Server) applyVerification(c *gin.Context, l Locale, ids map[roads.Entity][]int64, action, reason string) error {
	if action != "verify" && action != "return" {
		return badInput(roads.FieldError{Field: "action", Value: action, Message: l.T("err.verify_action")})
	}
	if action == "return" && strings.TrimSpace(reason) == "" {
		return badInput(roads.FieldError{Field: "reason", Message: l.T("err.verify_reason")})
	}
	ctx := c.Request.Context()
	for _, e := range entities {
		if len(ids[e]) == 0 {
			continue
		}
		var err error
		if action == "verify" {
			err = s.store.Verify(ctx, e, ids[e], actorName(c))
		} else {
			err = s.store.Return(ctx, e, ids[e], actorName(c), reason)
		}
		if errors.Is(err, roads.ErrForbidden) {
			return fmt.Errorf("%w: %s", roads.ErrForbidden, l.T("err.verify_own"))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) verifyApply(c *gin.Context) error {
	l := localeOf(c)
	c.Request.ParseForm()
	action, reason := c.PostForm("action"), c.PostForm("reason")
	ids, n, err := parseItems(l, c.PostFormArray("item"))
	if err == nil {
		err = s.applyVerification(c, l, ids, action, reason)
	}
	if err != nil {
		p, perr := s.verifyPageData(c, l)
		if perr != nil {
			return perr
		}
		p.Reason = reason
		return s.formFailed(c, l, err, "verify", &p, &p.Errors)
	}
	done := "verified"
	if action == "return" {
		done = "returned"
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/verifikasi?done=%s&n=%d", done, n))
	return nil
}

// verifyIndexDoc is GET /api/v1/verification: the queue.
type verifyIndexDoc struct {
	Pending map[roads.Entity]int `json:"pending"`
	Items   []queueItem          `json:"items"`
}

func (s *Server) verifyIndexAPI(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	q := verifyQueue(snap.network, l)
	out := verifyIndexDoc{Pending: map[roads.Entity]int{}, Items: []queueItem{}}
	for _, e := range entities {
		for _, it := range q[e] {
			out.Pending[e] += len(it.IDs)
			out.Items = append(out.Items, it)
		}
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// verifyInput is the body of POST /api/v1/verification.
type verifyInput struct {
	Entity string  `json:"entity"`
	IDs    []int64 `json:"ids"`
	Action string  `json:"action"` // verify or return
	Reason string  `json:"reason"` // required to return
}

func (s *Server) verifyAPI(c *gin.Context) error {
	l := localeOf(c)
	var in verifyInput
	if err := decodeJSON(c, l, &in); err != nil {
		return err
	}
	if !contains([]string{"ruas", "survey", "works", "traffic"}, in.Entity) {
		return badInput(roads.FieldError{Field: "entity", Value: in.Entity, Message: l.T("err.verify_item")})
	}
	if len(in.IDs) == 0 {
		return badInput(roads.FieldError{Field: "ids", Message: l.T("err.verify_none")})
	}
	if err := s.applyVerification(c, l, map[roads.Entity][]int64{roads.Entity(in.Entity): in.IDs}, in.Action, in.Reason); err != nil {
		return err
	}
	state := roads.Verified
	if in.Action == "return" {
		state = roads.Returned
	}
	c.JSON(http.StatusOK, gin.H{"entity": in.Entity, "ids": in.IDs, "state": state})
	return nil
}
