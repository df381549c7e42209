package web

import (
	"context"
	"encoding/json"
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
	// Revisions are the revisions of IDs the walidata is shown (their
	// latest audit ids); a decision is applied only to these.
	Revisions []int64 `json:"revisions"`
	// Changes are the fields changed since the last verification or
	// return, before → after; New counts the records of IDs never
	// verified or returned (shown whole rather than as changes).
	Changes []fieldChange `json:"changes"`
	New     int           `json:"new"`
	// MoreChanges counts changes left out of Changes on the page.
	MoreChanges int `json:"more_changes,omitempty"`
	// Own: the reader entered or last edited it, so may not verify it.
	Own bool `json:"own"`
	// Refused is why the last batch refused this item ("changed", …).
	Refused roads.RefusalReason `json:"refused,omitempty"`
}

// Value is the item's checkbox value, each id with the revision shown:
// "survey:12@340,13@341".
func (q queueItem) Value() string {
	ids := make([]string, len(q.IDs))
	for i, id := range q.IDs {
		ids[i] = strconv.FormatInt(id, 10)
		if i < len(q.Revisions) && q.Revisions[i] != 0 {
			ids[i] += "@" + strconv.FormatInt(q.Revisions[i], 10)
		}
	}
	return string(q.Entity) + ":" + strings.Join(ids, ",")
}

// Label names the item for a message: "ruas 33.74/001 Jl. Pemuda: data ruas (versi 2)".
func (q queueItem) Label(l Locale) string {
	return fmt.Sprintf("%s %s %s: %s", l.T("entity."+string(q.Entity)), q.Ruas, q.Name, q.What)
}

// verifQuiet are the fields a verification view leaves out: the
// verification itself and where the row came from (the queue shows who).
var verifQuiet = map[string]bool{"verif": true, "verif_by": true, "verif_at": true, "verif_note": true,
	"source_file": true, "source_row": true, "source_form": true, "source_user": true, "ruas_id": true}

// annotate adds to the items shown the revision of each record, what
// changed since the last decision on it, and whether it is the reader's own.
func (s *Server) annotate(c *gin.Context, l Locale, items []queueItem) error {
	ids := map[roads.Entity][]int64{}
	for _, it := range items {
		ids[it.Entity] = append(ids[it.Entity], it.IDs...)
	}
	revs := map[roads.Entity]map[int64]roads.Revision{}
	for e, list := range ids {
		r, err := s.store.Revisions(c.Request.Context(), e, list)
		if err != nil {
			return err
		}
		revs[e] = r
	}
	me := actorName(c)
	for i := range items {
		it := &items[i]
		it.Own = me != "" && it.By == me
		it.Revisions, it.Changes, it.New = make([]int64, len(it.IDs)), nil, 0
		for j, id := range it.IDs {
			rev := revs[it.Entity][id]
			it.Revisions[j] = rev.Seq
			if rev.Base == nil {
				it.New++
				continue
			}
			prefix := ""
			if len(it.IDs) > 1 {
				prefix = staOf(rev.Current) + " "
			}
			for _, ch := range diffJSON(rev.Base, rev.Current) {
				if verifQuiet[ch.Field] {
					continue
				}
				ch.Field = prefix + l.Field(ch.Field)
				it.Changes = append(it.Changes, ch)
			}
		}
	}
	return nil
}

// maxShownChanges is how many changed fields one queue row lists; the
// record's history has the rest.
const maxShownChanges = 12

// trimChanges keeps the first maxShownChanges changes of each item.
func trimChanges(items []queueItem) {
	for i := range items {
		if n := len(items[i].Changes); n > maxShownChanges {
			items[i].Changes, items[i].MoreChanges = items[i].Changes[:maxShownChanges], n-maxShownChanges
		}
	}
}

// staOf reads "STA 0+100–0+200" from a survey or works row's JSON.
func staOf(row []byte) string {
	var v struct {
		From float64 `json:"sta_from_m"`
		To   float64 `json:"sta_to_m"`
	}
	if json.Unmarshal(row, &v) != nil {
		return ""
	}
	return "STA " + roads.FormatSTA(v.From) + "–" + roads.FormatSTA(v.To)
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
	// Refused names each record that stopped the last batch, and why.
	Refused []string
	// Photos are the field photos of the queued surveys, by survey id.
	Photos map[int64][]photoRef
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
	q := verifyQueue(snap.network.WritableBy(scopeOf(c.Request.Context())), l) // the records the walidata's office may verify
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
		if err := s.annotate(c, l, g.Items); err != nil {
			return p, err
		}
		trimChanges(g.Items)
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
	var surveyIDs []int64
	for _, g := range p.Groups {
		for _, it := range g.Items {
			if it.Entity == roads.EntitySurvey {
				surveyIDs = append(surveyIDs, it.IDs...)
			}
		}
	}
	if p.Photos, err = s.surveyPhotoRefs(c, l, surveyIDs); err != nil {
		return err
	}
	s.render(c, http.StatusOK, "verify", p)
	return nil
}

// parseItems reads checkbox values "entity:id@revision,id@revision" (the
// revision may be left out by scripts) into the records of a batch.
func parseItems(l Locale, values []string) ([]roads.VerifItem, int, error) {
	var out []roads.VerifItem
	n := 0
	for _, v := range values {
		ent, list, ok := strings.Cut(v, ":")
		e := roads.Entity(ent)
		if !ok || !contains([]string{"ruas", "survey", "works", "traffic"}, ent) {
			return nil, 0, badInput(roads.FieldError{Field: "item", Value: truncate(v, 40), Message: l.T("err.verify_item")})
		}
		for _, f := range strings.Split(list, ",") {
			idText, revText, hasRev := strings.Cut(strings.TrimSpace(f), "@")
			id, err := strconv.ParseInt(idText, 10, 64)
			var rev int64
			if err == nil && hasRev {
				rev, err = strconv.ParseInt(revText, 10, 64)
				if rev <= 0 {
					err = strconv.ErrSyntax
				}
			}
			if err != nil || id <= 0 {
				return nil, 0, badInput(roads.FieldError{Field: "item", Value: truncate(v, 40), Message: l.T("err.verify_item")})
			}
			out = append(out, roads.VerifItem{Entity: e, ID: id, Revision: rev})
		}
		n++
	}
	if n == 0 {
		return nil, 0, badInput(roads.FieldError{Field: "item", Message: l.T("err.verify_none")})
	}
	return out, n, nil
}

// applyVerification verifies or returns the records, all or none: a
// *roads.BatchError names each record that stopped the batch.
func (s *Server) applyVerification(c *gin.Context, l Locale, items []roads.VerifItem, action, reason string) error {
	if action != "verify" && action != "return" {
		return badInput(roads.FieldError{Field: "action", Value: action, Message: l.T("err.verify_action")})
	}
	if action == "return" && strings.TrimSpace(reason) == "" {
		return badInput(roads.FieldError{Field: "reason", Message: l.T("err.verify_reason")})
	}
	state := roads.Verified
	if action == "return" {
		state = roads.Returned
	}
	if refused, err := s.outOfNetwork(c.Request.Context(), items); err != nil || len(refused) > 0 {
		if err != nil {
			return err
		}
		return &roads.BatchError{Refused: refused}
	}
	return s.store.SetVerification(c.Request.Context(), items, actorName(c), state, reason)
}

// outOfNetwork lists the items that are not records of the network: those
// of a retired ruas (and any id that names nothing). A walidata verifies
// what the queue shows, and the queue shows the network only.
func (s *Server) outOfNetwork(ctx context.Context, items []roads.VerifItem) ([]roads.Refusal, error) {
	snap, err := s.snaps.current(ctx)
	if err != nil {
		return nil, err
	}
	n := snap.network
	in := map[roads.Entity]map[int64]bool{}
	for _, e := range entities {
		in[e] = map[int64]bool{}
	}
	for _, r := range n.Ruas {
		in[roads.EntityRuas][r.ID] = true
		for _, v := range n.Surveys[r.ID] {
			in[roads.EntitySurvey][v.ID] = true
		}
		for _, w := range n.Works[r.ID] {
			in[roads.EntityWorks][w.ID] = true
		}
		for _, t := range n.Traffic[r.ID] {
			in[roads.EntityTraffic][t.ID] = true
		}
	}
	var out []roads.Refusal
	for _, it := range items {
		if !in[it.Entity][it.ID] {
			out = append(out, roads.Refusal{Entity: it.Entity, ID: it.ID, Reason: roads.RefusedMissing})
		}
	}
	return out, nil
}

// refusalStatus is the answer to a refused batch: 409 when a record
// changed or vanished (reload and look again), 403 when only own records
// stopped it.
func refusalStatus(be *roads.BatchError) int {
	for _, r := range be.Refused {
		if r.Reason != roads.RefusedOwn {
			return http.StatusConflict
		}
	}
	return http.StatusForbidden
}

// refusalText says, for one refused record, which it is and why.
func refusalText(l Locale, r roads.Refusal, items map[string]queueItem) string {
	name := fmt.Sprintf("%s #%d", l.T("entity."+string(r.Entity)), r.ID)
	if it, ok := items[fmt.Sprintf("%s:%d", r.Entity, r.ID)]; ok {
		name = it.Label(l)
	}
	switch r.Reason {
	case roads.RefusedOwn:
		return l.T("verify.refused_own", name)
	case roads.RefusedChanged:
		return l.T("verify.refused_changed", name)
	}
	return l.T("verify.refused_missing", name)
}

func (s *Server) verifyApply(c *gin.Context) error {
	l := localeOf(c)
	c.Request.ParseForm()
	action, reason := c.PostForm("action"), c.PostForm("reason")
	items, n, err := parseItems(l, c.PostFormArray("item"))
	if err == nil {
		err = s.applyVerification(c, l, items, action, reason)
	}
	var be *roads.BatchError
	if errors.As(err, &be) {
		// Nothing was changed: show the queue again as it now stands,
		// with the refused records marked and named.
		p, perr := s.verifyPageData(c, l)
		if perr != nil {
			return perr
		}
		p.Reason = reason
		byID := map[string]queueItem{}
		for gi := range p.Groups {
			for ii := range p.Groups[gi].Items {
				it := &p.Groups[gi].Items[ii]
				for _, id := range it.IDs {
					byID[fmt.Sprintf("%s:%d", it.Entity, id)] = *it
				}
				for _, r := range be.Refused {
					if r.Entity == it.Entity && contains64(it.IDs, r.ID) {
						it.Refused = r.Reason
					}
				}
			}
		}
		for _, r := range be.Refused {
			p.Refused = append(p.Refused, refusalText(l, r, byID))
		}
		s.render(c, refusalStatus(be), "verify", p)
		return nil
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

func contains64(list []int64, v int64) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
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
	q := verifyQueue(snap.network.WritableBy(scopeOf(c.Request.Context())), l) // the records the walidata's office may verify
	out := verifyIndexDoc{Pending: map[roads.Entity]int{}, Items: []queueItem{}}
	for _, e := range entities {
		if err := s.annotate(c, l, q[e]); err != nil {
			return err
		}
		for _, it := range q[e] {
			out.Pending[e] += len(it.IDs)
			out.Items = append(out.Items, it)
		}
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// verifyInput is the body of POST /api/v1/verification. Revisions, when
// given, pair with IDs: the revisions read from GET /api/v1/verification;
// a record changed since is refused (409) and nothing is applied.
type verifyInput struct {
	Entity    string  `json:"entity"`
	IDs       []int64 `json:"ids"`
	Revisions []int64 `json:"revisions,omitempty"`
	Action    string  `json:"action"` // verify or return
	Reason    string  `json:"reason"` // required to return
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
	if len(in.Revisions) != 0 && len(in.Revisions) != len(in.IDs) {
		return badInput(roads.FieldError{Field: "revisions", Message: l.T("err.verify_revisions")})
	}
	items := make([]roads.VerifItem, len(in.IDs))
	for i, id := range in.IDs {
		items[i] = roads.VerifItem{Entity: roads.Entity(in.Entity), ID: id}
		if len(in.Revisions) > 0 {
			items[i].Revision = in.Revisions[i]
		}
	}
	err := s.applyVerification(c, l, items, in.Action, in.Reason)
	var be *roads.BatchError
	if errors.As(err, &be) {
		status := refusalStatus(be)
		body := apiFaultBody{Code: map[int]string{http.StatusConflict: "conflict", http.StatusForbidden: "forbidden"}[status],
			Message: l.T("verify.refused"), Fields: []roads.FieldError{}}
		for _, r := range be.Refused {
			body.Fields = append(body.Fields, roads.FieldError{Field: "ids", Value: strconv.FormatInt(r.ID, 10), Message: refusalText(l, r, nil)})
		}
		c.JSON(status, apiFault{Error: body})
		return nil
	}
	if err != nil {
		return err
	}
	state := roads.Verified
	if in.Action == "return" {
		state = roads.Returned
	}
	c.JSON(http.StatusOK, gin.H{"entity": in.Entity, "ids": in.IDs, "state": state})
	return nil
}
