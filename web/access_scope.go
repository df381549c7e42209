package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
)

// A register may hold several offices (issue 13 item 3): a province and its
// kabupaten/kota. Which office a record or an account belongs to, and who
// may read or write it, is roads.Scope's rule; it is applied here, in one
// place: the middleware puts the signed-in account's scope in the request's
// context, and the server's store is scopedRegister, which reads only what
// the scope reads and refuses writes outside the account's office. In a
// register of one office every scope reaches everything and nothing changes.

// OfficeRegister is what a register of several offices gives; both engines'
// stores have it. A store without it holds one office.
type OfficeRegister interface {
	RegisterOffices(ctx context.Context) ([]roads.Office, error)
	AccountOffice(ctx context.Context, name string) (string, error)
	SetAccountOffice(ctx context.Context, name, region, by string) error
}

type scopeKey struct{}

// scopeOf is the request's scope (the zero Scope, reaching all, when none).
func scopeOf(ctx context.Context) roads.Scope {
	sc, _ := ctx.Value(scopeKey{}).(roads.Scope)
	return sc
}

// officesCache keeps the register's other offices between requests, re-read
// when the register's data version moves: a register of one office then
// costs a signed-in request no query.
type officesCache struct {
	mu      sync.Mutex
	version int64
	loaded  bool
	others  []roads.Office
}

// otherOffices returns the register's offices besides its own.
func (s *Server) otherOffices(ctx context.Context, or OfficeRegister) ([]roads.Office, error) {
	v, verr := s.snaps.watch.Version(ctx)
	s.officesC.mu.Lock()
	defer s.officesC.mu.Unlock()
	if verr == nil && s.officesC.loaded && s.officesC.version == v {
		return s.officesC.others, nil
	}
	others, err := or.RegisterOffices(ctx)
	if err != nil {
		return nil, err
	}
	if verr == nil {
		s.officesC.version, s.officesC.loaded, s.officesC.others = v, true, others
	}
	return others, nil
}

// scopeFor reads the scope of an account: its office among the register's.
func (s *Server) scopeFor(ctx context.Context, st Register, a *roads.Account) (roads.Scope, error) {
	or, ok := st.(OfficeRegister)
	if !ok || a == nil {
		return roads.Scope{}, nil
	}
	others, err := s.otherOffices(ctx, or)
	if err != nil || len(others) == 0 {
		return roads.Scope{}, err
	}
	home, err := st.Office(ctx)
	if err != nil {
		return roads.Scope{}, err
	}
	mine, err := or.AccountOffice(ctx, a.Name)
	if err != nil {
		return roads.Scope{}, err
	}
	regions := make([]string, len(others))
	for i, o := range others {
		regions[i] = o.Region
	}
	return roads.NewScope(home.Region, regions, mine), nil
}

// scopeRequest puts the signed-in account's scope in the request context.
func (s *Server) scopeRequest(c *gin.Context) {
	a := accountOf(c)
	if a == nil {
		c.Next()
		return
	}
	sc, err := s.scopeFor(c.Request.Context(), s.store.(*scopedRegister).Register, a)
	if err != nil {
		s.log.Error("scope", "err", err)
		c.AbortWithStatus(500)
		return
	}
	if !sc.All() {
		c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), scopeKey{}, sc))
	}
	c.Next()
}

// scopedRegister is the server's store: the engine's register seen through
// the request's scope.
type scopedRegister struct{ Register }

func outside(what string, sc roads.Scope) error {
	return fmt.Errorf("%w: %s belongs to another office; your account belongs to office %s and may change only its records", roads.ErrForbidden, what, sc.Office)
}

func notFound(what string) error { return fmt.Errorf("%w: %s", roads.ErrNotFound, what) }

// readable is the ruas of an id when the scope reads it.
func (r *scopedRegister) readable(ctx context.Context, id int64) (*roads.Ruas, error) {
	x, err := r.Register.RuasByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if sc := scopeOf(ctx); !sc.Reads(x.Key.Region) {
		return nil, notFound(fmt.Sprintf("ruas %d", id))
	}
	return x, nil
}

// writable checks that the scope writes the ruas of an id.
func (r *scopedRegister) writable(ctx context.Context, id int64) error {
	sc := scopeOf(ctx)
	if sc.All() {
		return nil
	}
	x, err := r.readable(ctx, id)
	if err != nil {
		return err
	}
	if !sc.Writes(x.Key.Region) {
		return outside("ruas "+x.Key.String(), sc)
	}
	return nil
}

func (r *scopedRegister) Network(ctx context.Context) (*roads.Network, error) {
	n, err := r.Register.Network(ctx)
	if err != nil {
		return nil, err
	}
	sc := scopeOf(ctx)
	if sc.All() {
		return n, nil
	}
	w := n.Within(sc)
	if o, err := r.Office(ctx); err == nil {
		w.Office = o
	}
	return w, nil
}

func (r *scopedRegister) Ruas(ctx context.Context, key roads.Key) (*roads.Ruas, error) {
	x, err := r.Register.Ruas(ctx, key)
	if err == nil && !scopeOf(ctx).Reads(x.Key.Region) {
		return nil, notFound("ruas " + key.String())
	}
	return x, err
}

func (r *scopedRegister) RuasByID(ctx context.Context, id int64) (*roads.Ruas, error) {
	return r.readable(ctx, id)
}

func (r *scopedRegister) ListRuas(ctx context.Context, f roads.RuasFilter) ([]*roads.Ruas, error) {
	f.Within = scopeOf(ctx)
	return r.Register.ListRuas(ctx, f)
}

func (r *scopedRegister) CountRuas(ctx context.Context, f roads.RuasFilter) (int, error) {
	f.Within = scopeOf(ctx)
	return r.Register.CountRuas(ctx, f)
}

func (r *scopedRegister) RuasIDsInBound(ctx context.Context, f roads.RuasFilter, spanDeg float64) ([]int64, error) {
	f.Within = scopeOf(ctx)
	return r.Register.RuasIDsInBound(ctx, f, spanDeg)
}

func (r *scopedRegister) Surveys(ctx context.Context, f roads.SurveyFilter) ([]*roads.Survey, error) {
	vs, err := r.Register.Surveys(ctx, f)
	sc := scopeOf(ctx)
	if err != nil || sc.All() {
		return vs, err
	}
	out := vs[:0:0]
	for _, v := range vs {
		if sc.Reads(v.Ruas.Region) {
			out = append(out, v)
		}
	}
	return out, nil
}

func (r *scopedRegister) WorksOf(ctx context.Context, ruasID int64) ([]*roads.Works, error) {
	if _, err := r.readable(ctx, ruasID); err != nil {
		return nil, err
	}
	return r.Register.WorksOf(ctx, ruasID)
}

func (r *scopedRegister) TrafficOf(ctx context.Context, ruasID int64) ([]*roads.Traffic, error) {
	if _, err := r.readable(ctx, ruasID); err != nil {
		return nil, err
	}
	return r.Register.TrafficOf(ctx, ruasID)
}

func (r *scopedRegister) CreateRuas(ctx context.Context, x *roads.Ruas) error {
	if sc := scopeOf(ctx); !sc.Writes(strings.TrimSpace(x.Key.Region)) {
		return outside("region "+x.Key.Region, sc)
	}
	return r.Register.CreateRuas(ctx, x)
}

func (r *scopedRegister) UpdateRuas(ctx context.Context, x *roads.Ruas) error {
	if err := r.writable(ctx, x.ID); err != nil {
		return err
	}
	if sc := scopeOf(ctx); !sc.Writes(strings.TrimSpace(x.Key.Region)) {
		return outside("region "+x.Key.Region, sc)
	}
	return r.Register.UpdateRuas(ctx, x)
}

func (r *scopedRegister) RetireRuas(ctx context.Context, id int64, version int, by, reason string) error {
	if err := r.writable(ctx, id); err != nil {
		return err
	}
	return r.Register.RetireRuas(ctx, id, version, by, reason)
}

func (r *scopedRegister) ReinstateRuas(ctx context.Context, id int64, by string) error {
	if err := r.writable(ctx, id); err != nil {
		return err
	}
	return r.Register.ReinstateRuas(ctx, id, by)
}

func (r *scopedRegister) AddSurvey(ctx context.Context, v *roads.Survey) error {
	if err := r.writable(ctx, v.RuasID); err != nil {
		return err
	}
	return r.Register.AddSurvey(ctx, v)
}

func (r *scopedRegister) AddWorks(ctx context.Context, w *roads.Works) error {
	if err := r.writable(ctx, w.RuasID); err != nil {
		return err
	}
	return r.Register.AddWorks(ctx, w)
}

func (r *scopedRegister) SetTraffic(ctx context.Context, t *roads.Traffic) error {
	if err := r.writable(ctx, t.RuasID); err != nil {
		return err
	}
	return r.Register.SetTraffic(ctx, t)
}

// recordRegions maps the ids of one entity to their ruas's region code,
// read from the whole register.
func (r *scopedRegister) recordRegions(ctx context.Context, e roads.Entity) (map[int64]string, error) {
	n, err := r.Register.Network(ctx)
	if err != nil {
		return nil, err
	}
	m := map[int64]string{}
	for _, x := range n.Ruas {
		switch e {
		case roads.EntityRuas:
			m[x.ID] = x.Key.Region
		case roads.EntitySurvey:
			for _, v := range n.Surveys[x.ID] {
				m[v.ID] = x.Key.Region
			}
		case roads.EntityWorks:
			for _, v := range n.Works[x.ID] {
				m[v.ID] = x.Key.Region
			}
		case roads.EntityTraffic:
			for _, v := range n.Traffic[x.ID] {
				m[v.ID] = x.Key.Region
			}
		}
	}
	return m, nil
}

// writesRecords refuses records of an entity outside the account's
// office; an id the scope does not read is not found.
func (r *scopedRegister) writesRecords(ctx context.Context, e roads.Entity, ids []int64) error {
	sc := scopeOf(ctx)
	if sc.All() {
		return nil
	}
	m, err := r.recordRegions(ctx, e)
	if err != nil {
		return err
	}
	for _, id := range ids {
		region, ok := m[id]
		if !ok {
			continue // the store answers for ids it does not hold
		}
		if !sc.Reads(region) {
			return notFound(fmt.Sprintf("%s %d", e, id))
		}
		if !sc.Writes(region) {
			return outside(fmt.Sprintf("%s %d", e, id), sc)
		}
	}
	return nil
}

func (r *scopedRegister) Verify(ctx context.Context, e roads.Entity, ids []int64, actor string) error {
	if err := r.writesRecords(ctx, e, ids); err != nil {
		return err
	}
	return r.Register.Verify(ctx, e, ids, actor)
}

func (r *scopedRegister) Return(ctx context.Context, e roads.Entity, ids []int64, actor, reason string) error {
	if err := r.writesRecords(ctx, e, ids); err != nil {
		return err
	}
	return r.Register.Return(ctx, e, ids, actor, reason)
}

func (r *scopedRegister) SetVerification(ctx context.Context, items []roads.VerifItem, actor string, state roads.VerifState, note string) error {
	by := map[roads.Entity][]int64{}
	for _, it := range items {
		by[it.Entity] = append(by[it.Entity], it.ID)
	}
	for e, ids := range by {
		if err := r.writesRecords(ctx, e, ids); err != nil {
			return err
		}
	}
	return r.Register.SetVerification(ctx, items, actor, state, note)
}

// accountOffice is the region code of an account's office.
func (r *scopedRegister) accountOffice(ctx context.Context, name string) (string, error) {
	or, ok := r.Register.(OfficeRegister)
	if !ok {
		return "", nil
	}
	region, err := or.AccountOffice(ctx, name)
	if err != nil || region != "" {
		return region, err
	}
	return scopeOf(ctx).Home, nil
}

func (r *scopedRegister) Accounts(ctx context.Context) ([]*roads.Account, error) {
	as, err := r.Register.Accounts(ctx)
	sc := scopeOf(ctx)
	if err != nil || sc.All() {
		return as, err
	}
	out := as[:0:0]
	for _, a := range as {
		o, err := r.accountOffice(ctx, a.Name)
		if err != nil {
			return nil, err
		}
		if sc.ReadsOffice(o) {
			out = append(out, a)
		}
	}
	return out, nil
}

// ownAccount refuses an account of another office (not found when the
// scope does not read its office).
func (r *scopedRegister) ownAccount(ctx context.Context, name string) error {
	sc := scopeOf(ctx)
	if sc.All() {
		return nil
	}
	o, err := r.accountOffice(ctx, name)
	if err != nil {
		return err
	}
	if !sc.ReadsOffice(o) {
		return notFound("account " + name)
	}
	if o != sc.Office {
		return outside("account "+name, sc)
	}
	return nil
}

func (r *scopedRegister) AddAccount(ctx context.Context, a *roads.Account, password, by string) error {
	if err := r.Register.AddAccount(ctx, a, password, by); err != nil {
		return err
	}
	// A new account belongs to the office of the admin who added it.
	if sc := scopeOf(ctx); !sc.All() && sc.Office != sc.Home {
		return r.Register.(OfficeRegister).SetAccountOffice(ctx, a.Name, sc.Office, by)
	}
	return nil
}

func (r *scopedRegister) UpdateAccount(ctx context.Context, name string, u roads.AccountUpdate, by string) (*roads.Account, error) {
	if err := r.ownAccount(ctx, name); err != nil {
		return nil, err
	}
	return r.Register.UpdateAccount(ctx, name, u, by)
}

func (r *scopedRegister) CreateToken(ctx context.Context, name, label string) (string, *roads.APIToken, error) {
	if err := r.ownAccount(ctx, name); err != nil {
		return "", nil, err
	}
	return r.Register.CreateToken(ctx, name, label)
}

func (r *scopedRegister) Tokens(ctx context.Context, name string) ([]*roads.APIToken, error) {
	if err := r.ownAccount(ctx, name); err != nil && !errors.Is(err, roads.ErrForbidden) {
		return nil, err
	}
	return r.Register.Tokens(ctx, name)
}

// planOffice: a plan belongs to the office of the account that ran it.
func (r *scopedRegister) planOffice(ctx context.Context, p *roads.PlanRun) (string, error) {
	return r.accountOffice(ctx, p.CreatedBy)
}

func (r *scopedRegister) PlanRuns(ctx context.Context) ([]*roads.PlanRun, error) {
	ps, err := r.Register.PlanRuns(ctx)
	sc := scopeOf(ctx)
	if err != nil || sc.All() {
		return ps, err
	}
	out := ps[:0:0]
	for _, p := range ps {
		o, err := r.planOffice(ctx, p)
		if err != nil {
			return nil, err
		}
		if sc.ReadsOffice(o) {
			out = append(out, p)
		}
	}
	return out, nil
}

func (r *scopedRegister) PlanRunByID(ctx context.Context, id int64) (*roads.PlanRun, error) {
	p, err := r.Register.PlanRunByID(ctx, id)
	sc := scopeOf(ctx)
	if err != nil || sc.All() {
		return p, err
	}
	o, err := r.planOffice(ctx, p)
	if err != nil {
		return nil, err
	}
	if !sc.ReadsOffice(o) {
		return nil, notFound(fmt.Sprintf("plan %d", id))
	}
	return p, nil
}

func (r *scopedRegister) PlanBasisOf(ctx context.Context, planID int64) (roads.PlanBasis, error) {
	if _, err := r.PlanRunByID(ctx, planID); err != nil {
		return roads.PlanBasis{}, err
	}
	return r.Register.PlanBasisOf(ctx, planID)
}

func (r *scopedRegister) AdoptPlan(ctx context.Context, planID int64, by, note string) (*roads.Adoption, error) {
	p, err := r.PlanRunByID(ctx, planID)
	if err != nil {
		return nil, err
	}
	if sc := scopeOf(ctx); !sc.All() && sc.Office != sc.Home {
		// The adopted programme is the register's own office's: the portal shows one.
		return nil, outside(fmt.Sprintf("the adopted programme (plan %d)", p.ID), sc)
	}
	return r.Register.AdoptPlan(ctx, planID, by, note)
}

// auditReadable keeps the entries the scope reads: those of its ruas, and
// the register-wide ones (accounts, offices, plans; ruas id 0) only for
// the accounts of the register's own office.
func (r *scopedRegister) auditReadable(ctx context.Context, sc roads.Scope) (func(ruasID int64) bool, error) {
	n, err := r.Register.Network(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[int64]bool{}
	for _, x := range n.Ruas {
		ids[x.ID] = sc.Reads(x.Key.Region)
	}
	home := sc.Office == sc.Home
	return func(id int64) bool {
		if id == 0 {
			return home
		}
		return ids[id]
	}, nil
}

func (r *scopedRegister) Audit(ctx context.Context, f roads.AuditFilter) ([]roads.AuditEntry, error) {
	sc := scopeOf(ctx)
	if sc.All() {
		return r.Register.Audit(ctx, f)
	}
	keep, err := r.auditReadable(ctx, sc)
	if err != nil {
		return nil, err
	}
	limit, offset := f.Limit, f.Offset
	f.Limit, f.Offset = 0, 0
	es, err := r.Register.Audit(ctx, f)
	if err != nil {
		return nil, err
	}
	out := es[:0:0]
	for _, e := range es {
		if keep(e.RuasID) {
			out = append(out, e)
		}
	}
	if offset > len(out) {
		offset = len(out)
	}
	out = out[offset:]
	if limit > 0 && limit < len(out) {
		out = out[:limit]
	}
	return out, nil
}

func (r *scopedRegister) CountAudit(ctx context.Context, f roads.AuditFilter) (int, error) {
	if scopeOf(ctx).All() {
		return r.Register.CountAudit(ctx, f)
	}
	f.Limit, f.Offset = 0, 0
	es, err := r.Audit(ctx, f)
	return len(es), err
}

func (r *scopedRegister) WriteAuditCSV(ctx context.Context, w io.Writer, f roads.AuditFilter) error {
	sc := scopeOf(ctx)
	if sc.All() {
		return r.Register.WriteAuditCSV(ctx, w, f)
	}
	keep, err := r.auditReadable(ctx, sc)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := r.Register.WriteAuditCSV(ctx, &buf, f); err != nil {
		return err
	}
	cr := csv.NewReader(&buf)
	cr.FieldsPerRecord = -1
	cw := csv.NewWriter(w)
	col := -1
	for first := true; ; first = false {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if first {
			for i, h := range rec {
				if h == "ruas_id" {
					col = i
				}
			}
			if col < 0 {
				return fmt.Errorf("audit CSV without a ruas_id column")
			}
			cw.Write(rec)
			continue
		}
		id, _ := strconv.ParseInt(rec[col], 10, 64)
		if col < len(rec) && keep(id) {
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// Office is the office of the account: the register's own, or the one of
// the register's offices the account belongs to.
func (r *scopedRegister) Office(ctx context.Context) (roads.Office, error) {
	sc := scopeOf(ctx)
	if sc.All() || sc.Office == sc.Home {
		return r.Register.Office(ctx)
	}
	others, err := r.Register.(OfficeRegister).RegisterOffices(ctx)
	if err != nil {
		return roads.Office{}, err
	}
	for _, o := range others {
		if o.Region == sc.Office {
			return o, nil
		}
	}
	return roads.Office{}, notFound("office " + sc.Office)
}

func (r *scopedRegister) SetOffice(ctx context.Context, o roads.Office, by string, at time.Time) error {
	if sc := scopeOf(ctx); !sc.All() && sc.Office != sc.Home {
		return outside("the register's own office", sc)
	}
	return r.Register.SetOffice(ctx, o, by, at)
}

func (r *scopedRegister) SetOutlines(ctx context.Context, outlines []roads.Outline, by string) error {
	if sc := scopeOf(ctx); !sc.All() && sc.Office != sc.Home {
		return outside("the register's kecamatan outlines", sc)
	}
	return r.Register.SetOutlines(ctx, outlines, by)
}

func (r *scopedRegister) SyncField(ctx context.Context, units []*roads.FieldUnit) ([]roads.FieldOutcome, error) {
	for _, u := range units {
		if err := r.writable(ctx, u.RuasID); err != nil {
			return nil, err
		}
	}
	return r.Register.SyncField(ctx, units)
}

func (r *scopedRegister) FieldNewestSurveys(ctx context.Context) (map[int64]int64, error) {
	m, err := r.Register.FieldNewestSurveys(ctx)
	sc := scopeOf(ctx)
	if err != nil || sc.All() {
		return m, err
	}
	n, err := r.Network(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int64, len(n.Ruas))
	for _, x := range n.Ruas {
		if v, ok := m[x.ID]; ok {
			out[x.ID] = v
		}
	}
	return out, nil
}

func (r *scopedRegister) RuasLengths(ctx context.Context) (map[roads.Key]float64, error) {
	m, err := r.Register.RuasLengths(ctx)
	sc := scopeOf(ctx)
	if err != nil || sc.All() {
		return m, err
	}
	for k := range m {
		if !sc.Reads(k.Region) {
			delete(m, k)
		}
	}
	return m, nil
}

func (r *scopedRegister) ImportDatedSurveys(ctx context.Context) (map[roads.Key][]*roads.Survey, error) {
	m, err := r.Register.ImportDatedSurveys(ctx)
	sc := scopeOf(ctx)
	if err != nil || sc.All() {
		return m, err
	}
	for k := range m {
		if !sc.Reads(k.Region) {
			delete(m, k)
		}
	}
	return m, nil
}

// Apply refuses an import holding any record of another office's ruas:
// all or nothing, as the import itself.
func (r *scopedRegister) Apply(ctx context.Context, b *roads.Batch, progress func(done, total int)) (roads.ApplyStats, error) {
	sc := scopeOf(ctx)
	if !sc.All() {
		check := func(k roads.Key) error {
			if !sc.Writes(strings.TrimSpace(k.Region)) {
				return outside("ruas "+k.String()+" in the import", sc)
			}
			return nil
		}
		for _, x := range b.Ruas {
			if err := check(x.Key); err != nil {
				return roads.ApplyStats{}, err
			}
		}
		for _, x := range b.Surveys {
			if err := check(x.Ruas); err != nil {
				return roads.ApplyStats{}, err
			}
		}
		for _, x := range b.Works {
			if err := check(x.Ruas); err != nil {
				return roads.ApplyStats{}, err
			}
		}
		for _, x := range b.Traffic {
			if err := check(x.Ruas); err != nil {
				return roads.ApplyStats{}, err
			}
		}
	}
	return r.Register.Apply(ctx, b, progress)
}

// FieldPhotoData hides the photo of another office's survey.
func (r *scopedRegister) FieldPhotoData(ctx context.Context, clientID string) (*roads.FieldPhoto, error) {
	p, err := r.Register.FieldPhotoData(ctx, clientID)
	if err != nil || p.RuasID == 0 || scopeOf(ctx).All() {
		return p, err
	}
	if _, err := r.readable(ctx, p.RuasID); err != nil {
		return nil, notFound("photo " + clientID)
	}
	return p, nil
}
