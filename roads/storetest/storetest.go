// Package storetest is the register store's behaviour suite, run once per
// engine: the SQLite store (roads/storetest_sqlite_test.go) and the
// PostgreSQL store (roads/pgstore). Each test builds what it checks from
// the store's methods alone and judges it against figures worked out here,
// so one engine cannot pass by agreeing with itself.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// Store is what the suite exercises of a register store: the methods the
// engines share, plus four that each runner supplies for what differs
// between engines (a watch's type, raw access to the audit table, backup
// and restore).
type Store interface {
	CreateRuas(ctx context.Context, r *roads.Ruas) error
	UpdateRuas(ctx context.Context, r *roads.Ruas) error
	DeleteRuas(ctx context.Context, id int64, version int) error
	Ruas(ctx context.Context, key roads.Key) (*roads.Ruas, error)
	RuasByID(ctx context.Context, id int64) (*roads.Ruas, error)
	ListRuas(ctx context.Context, f roads.RuasFilter) ([]*roads.Ruas, error)
	CountRuas(ctx context.Context, f roads.RuasFilter) (int, error)
	RuasIDsInBound(ctx context.Context, f roads.RuasFilter, spanDeg float64) ([]int64, error)
	RetireRuas(ctx context.Context, id int64, version int, by, reason string) error
	ReinstateRuas(ctx context.Context, id int64, by string) error
	Retirements(ctx context.Context) (map[int64]roads.Retirement, error)
	AddSurvey(ctx context.Context, v *roads.Survey) error
	Surveys(ctx context.Context, f roads.SurveyFilter) ([]*roads.Survey, error)
	AddWorks(ctx context.Context, w *roads.Works) error
	WorksOf(ctx context.Context, ruasID int64) ([]*roads.Works, error)
	SetTraffic(ctx context.Context, t *roads.Traffic) error
	TrafficOf(ctx context.Context, ruasID int64) ([]*roads.Traffic, error)
	Apply(ctx context.Context, b *roads.Batch, progress func(done, total int)) (roads.ApplyStats, error)
	RuasLengths(ctx context.Context) (map[roads.Key]float64, error)
	ImportDatedSurveys(ctx context.Context) (map[roads.Key][]*roads.Survey, error)
	Network(ctx context.Context) (*roads.Network, error)
	SnapshotHash(ctx context.Context) (string, error)
	ChangesSince(ctx context.Context, at time.Time) (roads.Changes, error)
	Verify(ctx context.Context, entity roads.Entity, ids []int64, actor string) error
	Return(ctx context.Context, entity roads.Entity, ids []int64, actor, reason string) error
	SetVerification(ctx context.Context, items []roads.VerifItem, actor string, state roads.VerifState, note string) error
	Revisions(ctx context.Context, e roads.Entity, ids []int64) (map[int64]roads.Revision, error)
	Pending(ctx context.Context) (map[roads.Entity]int, error)
	ReturnedTo(ctx context.Context, user string) ([]roads.ReturnedRecord, error)
	Audit(ctx context.Context, f roads.AuditFilter) ([]roads.AuditEntry, error)
	CountAudit(ctx context.Context, f roads.AuditFilter) (int, error)
	WriteAuditCSV(ctx context.Context, w io.Writer, f roads.AuditFilter) error
	AddAccount(ctx context.Context, a *roads.Account, password, by string) error
	UpdateAccount(ctx context.Context, name string, u roads.AccountUpdate, by string) (*roads.Account, error)
	Account(ctx context.Context, name string) (*roads.Account, error)
	Accounts(ctx context.Context) ([]*roads.Account, error)
	Login(ctx context.Context, name, password, ip string, p roads.LoginPolicy) (*roads.Account, error)
	SignIn(ctx context.Context, at roads.SignInAttempt, p roads.LoginPolicy) (*roads.SignedIn, error)
	LoginAttempts(ctx context.Context, limit int) ([]roads.LoginAttempt, error)
	CreateSession(ctx context.Context, accountID int64, ttl time.Duration) (string, *roads.Session, error)
	Session(ctx context.Context, secret string) (*roads.Session, error)
	EndSession(ctx context.Context, secret string) error
	CreateToken(ctx context.Context, name, label string) (string, *roads.APIToken, error)
	TokenAccount(ctx context.Context, token string) (*roads.Account, error)
	Tokens(ctx context.Context, name string) ([]*roads.APIToken, error)
	RevokeTokens(ctx context.Context, name string) (int, error)
	Office(ctx context.Context) (roads.Office, error)
	SetOffice(ctx context.Context, o roads.Office, by string, at time.Time) error
	SetOutlines(ctx context.Context, outlines []roads.Outline, by string) error
	Outlines(ctx context.Context) ([]roads.Outline, error)
	SavePlanRun(ctx context.Context, p *roads.PlanRun) error
	PlanRunByID(ctx context.Context, id int64) (*roads.PlanRun, error)
	PlanRuns(ctx context.Context) ([]*roads.PlanRun, error)
	SetPlanBasis(ctx context.Context, b roads.PlanBasis) error
	AdoptPlan(ctx context.Context, planID int64, by, note string) (*roads.Adoption, error)
	AdoptedPlan(ctx context.Context) (*roads.Adoption, error)
	Adoptions(ctx context.Context) ([]*roads.Adoption, error)
	PlanBases(ctx context.Context) (map[int64]roads.PlanBasis, error)
	PlanBasisOf(ctx context.Context, planID int64) (roads.PlanBasis, error)
	AddReconciliation(ctx context.Context, r *roads.Reconciliation, by string) error
	AgreeReconciliation(ctx context.Context, id int64, sheet json.RawMessage, note, by string) error
	DeleteReconciliation(ctx context.Context, id int64, by string) error
	Reconciliation(ctx context.Context, id int64) (roads.Reconciliation, error)
	Reconciliations(ctx context.Context, agreedOnly bool) ([]roads.Reconciliation, error)
	SyncField(ctx context.Context, units []*roads.FieldUnit) ([]roads.FieldOutcome, error)
	FieldConflicts(ctx context.Context, account string) ([]roads.FieldDispute, error)
	ResolveFieldConflict(ctx context.Context, clientID, account string, keepMine bool) (roads.FieldOutcome, error)
	AddFieldPhoto(ctx context.Context, p *roads.FieldPhoto) (created bool, err error)
	FieldPhotoData(ctx context.Context, clientID string) (*roads.FieldPhoto, error)
	SurveyPhotos(ctx context.Context, surveyIDs []int64) (map[int64][]*roads.FieldPhoto, error)
	FieldNewestSurveys(ctx context.Context) (map[int64]int64, error)
	FieldForms(ctx context.Context, surveyIDs []int64) (map[int64]roads.FieldForm, error)

	// NewWatch opens the engine's change watch.
	NewWatch(ctx context.Context) (Watch, error)
	// RawExec runs one SQL statement ("?" placeholders) outside the
	// store's methods, as someone with database access would.
	RawExec(ctx context.Context, query string, args ...any) error
	// BackupRestore backs the register up while it is open, restores the
	// backup as a new register (checked as the engine's restore checks
	// it) and opens that.
	BackupRestore(ctx context.Context, t *testing.T) (Store, error)
	Close() error
}

// Watch is an engine's change watch.
type Watch interface {
	Version(ctx context.Context) (int64, error)
	Close() error
}

// Opener opens an empty register whose clock is now (nil: the real clock).
type Opener func(t *testing.T, now func() time.Time) Store

// Run runs the suite against the engine open opens.
func Run(t *testing.T, open Opener) {
	for _, tc := range []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"RuasCRUD", testRuasCRUD},
		{"ConcurrentUpdate", testConcurrentUpdate},
		{"SurveyWorksTraffic", testSurveyWorksTraffic},
		{"MapBound", testMapBound},
		{"Apply", testApply},
		{"Reconciliation", testReconciliation},
		{"FieldSync", testFieldSync},
		{"FieldConflict", testFieldConflict},
		{"AuditEveryMutation", testAuditEveryMutation},
		{"AuditAppendOnly", testAuditAppendOnly},
		{"Verification", testVerification},
		{"Retire", testRetire},
		{"Accounts", testAccounts},
		{"SignInLimits", testSignInLimits},
		{"KnownDevice", testKnownDevice},
		{"SignInNameBounded", testSignInNameBounded},
		{"DisableRevokesTokens", testDisableRevokesTokens},
		{"SessionsAndClock", testSessionsAndClock},
		{"Tokens", testTokens},
		{"OfficeOutlinesPlans", testOfficeOutlinesPlans},
		{"Watch", testWatch},
		{"BackupRestore", testBackupRestore},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

func fp(v float64) *float64 { return &v }

// SampleRuas is a valid ruas of region 99.01 (a code of no real office).
func SampleRuas(no string, lon float64) *roads.Ruas {
	return &roads.Ruas{
		Key: roads.Key{Region: "99.01", No: no}, Name: "Jl. Contoh " + no, Status: roads.Kota, Fungsi: roads.Kolektor, Surface: roads.Aspal,
		WidthM: 6, LengthM: 1200, KecamatanCode: "99.01.02", Kecamatan: "Tengah",
		Geometry: orb.LineString{{lon, -8.100}, {lon + 0.01, -8.100}},
		Source:   roads.Source{Form: "ruas", User: "ani"},
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var ctx = context.Background()

func testRuasCRUD(t *testing.T, open Opener) {
	s := open(t, nil)
	r := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, r))
	if r.ID == 0 || r.Version != 1 || r.Verif.State != roads.Draft {
		t.Fatalf("after create: id %d version %d state %q", r.ID, r.Version, r.Verif.State)
	}
	if r.GeomLengthM < 1090 || r.GeomLengthM > 1110 {
		t.Errorf("geodesic length of 0.01° of longitude at 8° S = %g m, want ≈ 1101 m", r.GeomLengthM)
	}
	if err := s.CreateRuas(ctx, SampleRuas("001", 112.16)); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("duplicate key: err = %v, want ErrConflict", err)
	}
	got, err := s.Ruas(ctx, r.Key)
	must(t, err)
	line, ok := got.Geometry.(orb.LineString)
	if !ok || len(line) != 2 || line[1][0] != 112.17 || line[0][1] != -8.1 {
		t.Errorf("geometry read back %v, want the line drawn", got.Geometry)
	}
	if got.Name != "Jl. Contoh 001" || got.WidthM != 6 || got.Source.User != "ani" {
		t.Errorf("read back %+v", got)
	}
	got.WidthM = 7
	must(t, s.UpdateRuas(ctx, got))
	if got.Version != 2 {
		t.Errorf("version after update = %d, want 2", got.Version)
	}
	r.Name = "Jl. Basi"
	var ce *roads.ConflictError
	if err := s.UpdateRuas(ctx, r); !errors.As(err, &ce) || ce.Current.WidthM != 7 {
		t.Fatalf("stale update: err = %v, want a ConflictError showing width 7", err)
	}
	if again, _ := s.Ruas(ctx, r.Key); again.Name != "Jl. Contoh 001" {
		t.Errorf("stale update was written: name %q", again.Name)
	}
	bad := SampleRuas("002", 112.16)
	bad.WidthM, bad.Name = -3, ""
	var ve *roads.ValidationError
	if err := s.CreateRuas(ctx, bad); !errors.As(err, &ve) || len(ve.Fields) != 2 {
		t.Errorf("invalid ruas: err = %v, want two field errors", err)
	}
	if n, _ := s.CountRuas(ctx, roads.RuasFilter{}); n != 1 {
		t.Errorf("count = %d, want 1 (an invalid ruas must not be stored)", n)
	}
	for _, no := range []string{"010", "003", "020"} {
		x := SampleRuas(no, 112.16)
		x.Name = map[string]string{"010": "jl. Anggrek", "003": "Jl. Cempaka", "020": "Jl. Bougenvil"}[no]
		must(t, s.CreateRuas(ctx, x))
	}
	keys := func(list []*roads.Ruas) string {
		var k []string
		for _, r := range list {
			k = append(k, r.Key.No)
		}
		return strings.Join(k, ",")
	}
	list, err := s.ListRuas(ctx, roads.RuasFilter{})
	must(t, err)
	if got := keys(list); got != "001,003,010,020" {
		t.Errorf("list by key = %s, want 001,003,010,020", got)
	}
	list, _ = s.ListRuas(ctx, roads.RuasFilter{Order: "name"})
	if got := keys(list); got != "010,020,003,001" {
		t.Errorf("list by name, case ignored = %s, want 010,020,003,001", got)
	}
	list, _ = s.ListRuas(ctx, roads.RuasFilter{Search: "cEMPAKA"})
	if got := keys(list); got != "003" {
		t.Errorf("search 'cEMPAKA' = %s, want 003", got)
	}
	list, _ = s.ListRuas(ctx, roads.RuasFilter{Search: "%"})
	if len(list) != 0 {
		t.Errorf("search '%%' matched %d ruas; it must match a literal percent sign", len(list))
	}
	list, _ = s.ListRuas(ctx, roads.RuasFilter{Limit: 2, Offset: 1})
	if got := keys(list); got != "003,010" {
		t.Errorf("page 2 of 2 = %s, want 003,010", got)
	}
	if n, _ := s.CountRuas(ctx, roads.RuasFilter{Kecamatan: "tengah"}); n != 4 {
		t.Errorf("count in kecamatan 'tengah' = %d, want 4", n)
	}
	if err := s.DeleteRuas(ctx, got.ID, 1); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("delete at a stale version: %v, want a conflict", err)
	}
	must(t, s.DeleteRuas(ctx, got.ID, 2))
	if _, err := s.RuasByID(ctx, got.ID); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("deleted ruas: %v, want ErrNotFound", err)
	}
	if err := s.DeleteRuas(ctx, got.ID, 2); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("deleting again: %v, want ErrNotFound", err)
	}
}

// testConcurrentUpdate: two writers on the same row version, exactly one wins.
func testConcurrentUpdate(t *testing.T, open Opener) {
	s := open(t, nil)
	base := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, base))
	for round := 0; round < 20; round++ {
		cur, err := s.Ruas(ctx, base.Key)
		must(t, err)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		names := []string{"Jl. A", "Jl. B"}
		start := make(chan struct{})
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mine := *cur
				mine.Name = names[i]
				<-start
				errs[i] = s.UpdateRuas(ctx, &mine)
			}()
		}
		close(start)
		wg.Wait()
		wins, winner := 0, ""
		for i, err := range errs {
			switch {
			case err == nil:
				wins++
				winner = names[i]
			case !errors.Is(err, roads.ErrConflict):
				t.Fatalf("round %d: unexpected error %v", round, err)
			}
		}
		after, _ := s.Ruas(ctx, base.Key)
		if wins != 1 || after.Name != winner || after.Version != cur.Version+1 {
			t.Fatalf("round %d: %d winners, stored %q v%d", round, wins, after.Name, after.Version)
		}
	}
}

func testSurveyWorksTraffic(t *testing.T, open Opener) {
	s := open(t, nil)
	r := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, r))
	date := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	// SDI 95, class Sedang, by the Bina Marga SDI steps: crack area 5 %
	// (< 10 %) gives 5, cracks 4 mm wide (> 3 mm) double it to 10, one
	// pothole in 100 m (10 a km) adds 75 to 85, ruts of 2 cm (1–3 cm, X = 2)
	// add 5 × 2 to 95; 50–100 is Sedang.
	v := &roads.Survey{Ruas: r.Key, Date: date, StaFromM: 0, StaToM: 100,
		Distress: &roads.Distress{CrackAreaPct: fp(5), CrackWidthMM: fp(4), Potholes: fp(1), RutCM: fp(2)},
		Source:   roads.Source{Form: "survey", User: "budi"}}
	must(t, s.AddSurvey(ctx, v))
	got, err := s.Surveys(ctx, roads.SurveyFilter{RuasID: r.ID})
	if err != nil || len(got) != 1 {
		t.Fatalf("surveys: %v %d", err, len(got))
	}
	g := got[0]
	if g.Assessment.Kondisi != roads.Sedang || g.Assessment.SDI == nil || *g.Assessment.SDI != 95 || g.Metres[1] != 100 || !g.Date.Equal(date) {
		t.Errorf("stored survey: %+v metres %v date %s", g.Assessment, g.Metres, g.Date)
	}
	if g.Assessment.RuleVersion == "" || g.Source.User != "budi" || g.Source.Form != "survey" || g.Source.At.IsZero() {
		t.Errorf("stored survey names no rule version or source: rule %q, source %+v", g.Assessment.RuleVersion, g.Source)
	}
	if g.Distress == nil || g.Distress.IRI != nil || *g.Distress.RutCM != 2 {
		t.Errorf("distress read back %+v: an absent IRI must stay absent", g.Distress)
	}
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaFromM: 0, StaToM: 100, Distress: &roads.Distress{IRI: fp(3)}}); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("second survey of the same date and STA: %v, want a conflict", err)
	}
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: roads.Key{Region: "99.01", No: "999"}, Date: date, StaToM: 100, Distress: &roads.Distress{IRI: fp(3)}}); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("survey of an unknown ruas: %v, want ErrNotFound", err)
	}
	must(t, s.AddWorks(ctx, &roads.Works{Ruas: r.Key, Date: date, Type: roads.Berkala, StaToM: 100, Quantity: 600, Unit: "m2", CostRp: 1.2e8, Committed: true, Source: roads.Source{Form: "works", User: "dedi"}}))
	works, err := s.WorksOf(ctx, r.ID)
	if err != nil || len(works) != 1 || works[0].CostRp != 1.2e8 || !works[0].Committed || works[0].Type != roads.Berkala {
		t.Errorf("works read back %+v, %v", works, err)
	}
	must(t, s.SetTraffic(ctx, &roads.Traffic{Ruas: r.Key, Year: 2025, LHR: 4200, Source: roads.Source{Form: "traffic", User: "eko"}}))
	must(t, s.SetTraffic(ctx, &roads.Traffic{Ruas: r.Key, Year: 2025, LHR: 4300, Source: roads.Source{Form: "traffic", User: "eko"}}))
	tr, err := s.TrafficOf(ctx, r.ID)
	if err != nil || len(tr) != 1 || tr[0].LHR != 4300 {
		t.Errorf("traffic after two counts of one year: %+v %v, want one row of 4300", tr, err)
	}
	n, err := s.Network(ctx)
	must(t, err)
	if len(n.Ruas) != 1 || len(n.Surveys[r.ID]) != 1 || len(n.Works[r.ID]) != 1 || len(n.Traffic[r.ID]) != 1 || n.Hash == "" {
		t.Errorf("network: %d ruas, %d surveys, %d works, %d traffic, hash %q", len(n.Ruas), len(n.Surveys[r.ID]), len(n.Works[r.ID]), len(n.Traffic[r.ID]), n.Hash)
	}
	if h, _ := s.SnapshotHash(ctx); h != n.Hash {
		t.Errorf("SnapshotHash %s differs from the network's %s with nothing changed", h, n.Hash)
	}
}

// testMapBound: the map's box query returns the ruas whose bounds meet the
// box, worked out here from the lines drawn.
func testMapBound(t *testing.T, open Opener) {
	s := open(t, nil)
	want := map[int64]bool{}
	box := orb.Bound{Min: orb.Point{112.10, -8.2}, Max: orb.Point{112.20, -8.0}}
	for i := range 30 {
		lon := 111.95 + float64(i)*0.01 // lines [lon, lon+0.01] along -8.1
		r := SampleRuas(fmt.Sprintf("%03d", i), lon)
		must(t, s.CreateRuas(ctx, r))
		if lon+0.01 >= box.Min[0] && lon <= box.Max[0] {
			want[r.ID] = true
		}
	}
	got, err := s.RuasIDsInBound(ctx, roads.RuasFilter{Bound: &box}, 0.02)
	must(t, err)
	if len(got) != len(want) {
		t.Errorf("%d ruas in the box, want %d", len(got), len(want))
	}
	for _, id := range got {
		if !want[id] {
			t.Errorf("ruas %d is outside the box", id)
		}
	}
	if n, _ := s.CountRuas(ctx, roads.RuasFilter{Bound: &box}); n != len(want) {
		t.Errorf("count in the box = %d, want %d", n, len(want))
	}
	if _, err := s.RuasIDsInBound(ctx, roads.RuasFilter{}, 0); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("map query without a box: %v, want ErrInvalid", err)
	}
}

func testApply(t *testing.T, open Opener) {
	s := open(t, nil)
	b := &roads.Batch{}
	for i := range 5 {
		r := SampleRuas(fmt.Sprintf("%03d", i), 112.1+float64(i)*0.01)
		r.Source = roads.Source{File: "jalan.csv", Row: i + 2}
		b.Ruas = append(b.Ruas, r)
		b.Surveys = append(b.Surveys, &roads.Survey{Ruas: r.Key, Date: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), StaToM: 100,
			Distress: &roads.Distress{IRI: fp(3 + float64(i))}, Source: roads.Source{File: "kondisi.csv", Row: i + 2}})
	}
	if _, err := b.Prepare(); err != nil {
		t.Fatal(err)
	}
	st, err := s.Apply(ctx, b, nil)
	must(t, err)
	if st.Ruas.Created != 5 || st.Surveys.Created != 5 {
		t.Errorf("first apply: %+v, want 5 ruas and 5 surveys created", st)
	}
	// The same batch again changes nothing.
	b2 := &roads.Batch{}
	for _, r := range b.Ruas {
		c := *r
		c.ID, c.Version = 0, 0
		b2.Ruas = append(b2.Ruas, &c)
	}
	b2.Ruas[1].WidthM = 9
	b2.Prepare()
	st, err = s.Apply(ctx, b2, nil)
	must(t, err)
	if st.Ruas.Unchanged != 4 || st.Ruas.Updated != 1 {
		t.Errorf("second apply: %+v, want 4 unchanged and 1 updated", st.Ruas)
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{Entity: "ruas"}); n != 6 {
		t.Errorf("%d ruas audit rows, want 5 inserts + 1 update", n)
	}
	lengths, err := s.RuasLengths(ctx)
	must(t, err)
	if len(lengths) != 5 || lengths[roads.Key{Region: "99.01", No: "002"}] != 1200 {
		t.Errorf("ruas lengths %v, want 5 of 1200 m", lengths)
	}
	undated := &roads.Batch{Surveys: []*roads.Survey{{Ruas: b.Ruas[0].Key, Date: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC), DateBasis: roads.DateFromImport,
		StaToM: 100, Distress: &roads.Distress{IRI: fp(6)}, Source: roads.Source{File: "tanpa-tanggal.csv", Row: 2}}}}
	undated.Prepare()
	_, err = s.Apply(ctx, undated, nil)
	must(t, err)
	dated, err := s.ImportDatedSurveys(ctx)
	must(t, err)
	if vs := dated[b.Ruas[0].Key]; len(dated) != 1 || len(vs) != 1 || vs[0].Date.Day() != 3 {
		t.Errorf("surveys dated by their import: %v, want the one of 3 Feb 2025", dated)
	}
}

// testAuditEveryMutation: every path that changes data leaves an audit row
// with its actor and origin, in the same order as the changes.
func testAuditEveryMutation(t *testing.T, open Opener) {
	s := open(t, nil)
	start := time.Now().Add(-time.Second)
	r := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, r))
	r.WidthM = 7.5
	r.Source = roads.Source{Form: "ruas", User: "budi"}
	must(t, s.UpdateRuas(ctx, r))
	date := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	must(t, s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaToM: 100, Distress: &roads.Distress{IRI: fp(5)}, Source: roads.Source{Form: "survey", User: "citra"}}))
	must(t, s.AddWorks(ctx, &roads.Works{Ruas: r.Key, Date: date, Type: roads.Berkala, StaToM: 100, Quantity: 600, Unit: "m2", CostRp: 1.2e8, Source: roads.Source{Form: "works", User: "dedi"}}))
	must(t, s.SetTraffic(ctx, &roads.Traffic{Ruas: r.Key, Year: 2025, LHR: 4200, Source: roads.Source{Form: "traffic", User: "eko"}}))
	b := &roads.Batch{Ruas: []*roads.Ruas{SampleRuas("002", 112.16)}}
	b.Ruas[0].Source = roads.Source{File: "jalan.csv", Row: 7}
	if _, err := b.Prepare(); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(ctx, b, nil)
	must(t, err)
	must(t, s.DeleteRuas(ctx, b.Ruas[0].ID, b.Ruas[0].Version))
	must(t, s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "wati"))

	all, err := s.Audit(ctx, roads.AuditFilter{})
	must(t, err)
	type want struct{ action, entity, actor, origin string }
	wants := []want{
		{"insert", "ruas", "ani", "ruas"},
		{"update", "ruas", "budi", "ruas"},
		{"insert", "survey", "citra", "survey"},
		{"insert", "works", "dedi", "works"},
		{"insert", "traffic", "eko", "traffic"},
		{"insert", "ruas", "", "jalan.csv:7"},
		{"delete", "ruas", "", "jalan.csv:7"},
		{"update", "ruas", "wati", "verifikasi:verified"},
	}
	if len(all) != len(wants) {
		t.Fatalf("%d audit entries, want %d: %+v", len(all), len(wants), all)
	}
	for i, w := range wants {
		e := all[i]
		if e.Action != w.action || e.Entity != w.entity || e.Actor != w.actor || e.Origin != w.origin {
			t.Errorf("entry %d = %s %s by %q from %q, want %+v", i, e.Action, e.Entity, e.Actor, e.Origin, w)
		}
		if e.At.Before(start) || e.At.After(time.Now().Add(time.Second)) {
			t.Errorf("entry %d at %s, not during the test", i, e.At)
		}
	}
	var before, after struct {
		Width  float64 `json:"width_m"`
		Verif  string  `json:"verif"`
		Source string  `json:"source_user"`
		Geom   string  `json:"geom_wkb_hex"`
	}
	must(t, json.Unmarshal(all[1].Before, &before))
	must(t, json.Unmarshal(all[1].After, &after))
	if before.Width != 6 || after.Width != 7.5 || before.Source != "ani" || after.Source != "budi" {
		t.Errorf("update entry: before %+v after %+v, want width 6 → 7.5 by ani → budi", before, after)
	}
	// LineString, little-endian WKB: byte order 01, type 2, 2 points.
	if !strings.HasPrefix(after.Geom, "010200000002000000") {
		t.Errorf("geometry in the audit row %q, want the WKB of a 2-point line", after.Geom)
	}
	if all[0].Before != nil || all[6].After != nil {
		t.Error("an insert has no before and a delete no after")
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{RuasID: r.ID}); n != 6 {
		t.Errorf("trail of ruas 001 has %d entries, want 6", n)
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{Actor: "wati", Action: "update"}); n != 1 {
		t.Errorf("wati's updates: %d, want 1", n)
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{From: time.Now().Add(time.Hour)}); n != 0 {
		t.Errorf("%d entries from an hour ahead, want 0", n)
	}
	desc, _ := s.Audit(ctx, roads.AuditFilter{Desc: true, Limit: 2, Offset: 1})
	if len(desc) != 2 || desc[0].ID != all[6].ID || desc[1].ID != all[5].ID {
		t.Errorf("newest first, second page of 2: %v", desc)
	}
	var sb strings.Builder
	must(t, s.WriteAuditCSV(ctx, &sb, roads.AuditFilter{}))
	if got := strings.Count(sb.String(), "\n"); got < len(wants)+1 {
		t.Errorf("audit CSV has %d lines, want ≥ %d", got, len(wants)+1)
	}
	c, err := s.ChangesSince(ctx, start)
	must(t, err)
	// Distinct records: ruas 001, survey, works, traffic, ruas 002 edited;
	// ruas 001 verified.
	if c.Edited != 5 || c.Verified != 1 {
		t.Errorf("changes since the start: %+v, want 5 edited and 1 verified", c)
	}
}

func testAuditAppendOnly(t *testing.T, open Opener) {
	s := open(t, nil)
	must(t, s.CreateRuas(ctx, SampleRuas("001", 112.16)))
	for _, q := range []string{`UPDATE audit SET actor = 'x'`, `DELETE FROM audit`} {
		if err := s.RawExec(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: err = %v, want the append-only refusal", q, err)
		}
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{}); n != 1 {
		t.Errorf("%d audit rows after the refused rewrites, want 1", n)
	}
	all, _ := s.Audit(ctx, roads.AuditFilter{})
	if len(all) == 1 && all[0].Actor != "ani" {
		t.Errorf("audit actor now %q", all[0].Actor)
	}
}

func testVerification(t *testing.T, open Opener) {
	s := open(t, nil)
	r := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, r))
	if err := s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "ani"); !errors.Is(err, roads.ErrForbidden) {
		t.Errorf("producer verifying own edit: err = %v, want ErrForbidden", err)
	}
	if err := s.Return(ctx, roads.EntityRuas, []int64{r.ID}, "wati", " "); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("return without reason: err = %v, want ErrInvalid", err)
	}
	if err := s.Verify(ctx, roads.EntityRuas, []int64{r.ID, 99999}, "wati"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("verify unknown id: err = %v, want ErrNotFound", err)
	}
	if got, _ := s.RuasByID(ctx, r.ID); got.Verif.State != roads.Draft {
		t.Errorf("a failed batch verified ruas %d anyway", r.ID)
	}
	h0, _ := s.SnapshotHash(ctx)
	revs, err := s.Revisions(ctx, roads.EntityRuas, []int64{r.ID})
	must(t, err)
	rev := revs[r.ID]
	if rev.Seq == 0 || rev.Base != nil || !strings.Contains(string(rev.Current), `"no_ruas"`) {
		t.Errorf("revision of a new ruas %+v", rev)
	}
	must(t, s.SetVerification(ctx, []roads.VerifItem{{Entity: roads.EntityRuas, ID: r.ID, Revision: rev.Seq}}, "wati", roads.Verified, ""))
	got, _ := s.RuasByID(ctx, r.ID)
	if got.Verif.State != roads.Verified || got.Verif.By != "wati" || got.Verif.At.IsZero() {
		t.Errorf("after verify: %+v", got.Verif)
	}
	if h1, _ := s.SnapshotHash(ctx); h1 == h0 {
		t.Error("verifying left the snapshot hash unchanged")
	}
	// A decision on an old revision is refused as changed.
	err = s.SetVerification(ctx, []roads.VerifItem{{Entity: roads.EntityRuas, ID: r.ID, Revision: rev.Seq}}, "wati", roads.Returned, "cek")
	var be *roads.BatchError
	if !errors.As(err, &be) || len(be.Refused) != 1 || be.Refused[0].Reason != roads.RefusedChanged {
		t.Errorf("stale revision: %v, want one refusal 'changed'", err)
	}
	date := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	must(t, s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaToM: 100, Distress: &roads.Distress{IRI: fp(5)}, Source: roads.Source{Form: "survey", User: "ani"}}))
	net, _ := s.Network(ctx)
	v := net.Verified()
	if len(v.Ruas) != 1 || len(v.Surveys[r.ID]) != 0 {
		t.Errorf("verified network: %d ruas, %d surveys; want 1 ruas, the draft survey left out", len(v.Ruas), len(v.Surveys[r.ID]))
	}
	got.WidthM = 9
	got.Source = roads.Source{Form: "ruas", User: "budi"}
	must(t, s.UpdateRuas(ctx, got))
	if after, _ := s.RuasByID(ctx, r.ID); after.Verif.State != roads.Draft || !after.Verif.At.IsZero() {
		t.Errorf("edited ruas: %+v, want a draft with no verification time", after.Verif)
	}
	must(t, s.Return(ctx, roads.EntityRuas, []int64{r.ID}, "wati", "lebar tidak sesuai SK"))
	if after, _ := s.RuasByID(ctx, r.ID); after.Verif.State != roads.Returned || after.Verif.Note != "lebar tidak sesuai SK" {
		t.Errorf("returned: %+v", after.Verif)
	}
	back, err := s.ReturnedTo(ctx, "budi")
	must(t, err)
	if len(back) != 1 {
		t.Errorf("returned to budi: %+v, want the ruas", back)
	}
	revs, _ = s.Revisions(ctx, roads.EntityRuas, []int64{r.ID})
	if !strings.Contains(string(revs[r.ID].Base), `"returned"`) {
		t.Errorf("base after returning: %s", revs[r.ID].Base)
	}
	p, _ := s.Pending(ctx)
	if p[roads.EntityRuas] != 1 || p[roads.EntitySurvey] != 1 {
		t.Errorf("pending %v, want 1 ruas and 1 survey", p)
	}
}

func testRetire(t *testing.T, open Opener) {
	s := open(t, nil)
	keep, gone := SampleRuas("001", 112.16), SampleRuas("002", 112.17)
	for _, r := range []*roads.Ruas{keep, gone} {
		must(t, s.CreateRuas(ctx, r))
	}
	before, err := s.Network(ctx)
	must(t, err)
	if err := s.RetireRuas(ctx, gone.ID, gone.Version+1, "produsen", "digabung"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("stale version: %v, want a conflict", err)
	}
	must(t, s.RetireRuas(ctx, gone.ID, gone.Version, "produsen", "digabung ke 001"))
	if err := s.RetireRuas(ctx, gone.ID, gone.Version, "produsen", "lagi"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("second retirement: %v, want a conflict", err)
	}
	net, _ := s.Network(ctx)
	if len(net.Ruas) != 1 || net.Hash == before.Hash {
		t.Errorf("network after retiring: %d ruas, hash moved %v", len(net.Ruas), net.Hash != before.Hash)
	}
	if n, _ := s.CountRuas(ctx, roads.RuasFilter{Retired: true}); n != 2 {
		t.Errorf("count with the retired = %d, want 2", n)
	}
	ret, _ := s.Retirements(ctx)
	if ret[gone.ID].Reason != "digabung ke 001" || ret[gone.ID].At.IsZero() {
		t.Errorf("retirements %+v", ret)
	}
	must(t, s.ReinstateRuas(ctx, gone.ID, "walidata"))
	if err := s.ReinstateRuas(ctx, gone.ID, "walidata"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("reinstating a standing ruas: %v, want ErrNotFound", err)
	}
	after, _ := s.Network(ctx)
	if len(after.Ruas) != 2 || after.Hash != before.Hash {
		t.Errorf("after reinstating: %d ruas, hash %s, want 2 and %s", len(after.Ruas), after.Hash, before.Hash)
	}
	trail, _ := s.Audit(ctx, roads.AuditFilter{RuasID: gone.ID})
	if n := len(trail); n < 3 || trail[n-2].Action != "retire" || trail[n-2].Actor != "produsen" || trail[n-1].Action != "reinstate" || trail[n-1].Actor != "walidata" {
		t.Errorf("trail %+v", trail)
	}
	if err := s.RawExec(ctx, `UPDATE ruas_retired SET reason = 'lain' WHERE ruas_id = ?`, gone.ID); err == nil {
		t.Error("a recorded retirement was rewritten")
	}
}

func addAccount(t *testing.T, s Store, name string, role roads.Role, password string) *roads.Account {
	t.Helper()
	a := &roads.Account{Name: name, Role: role}
	must(t, s.AddAccount(ctx, a, password, "cli"))
	return a
}

func testAccounts(t *testing.T, open Opener) {
	s := open(t, nil)
	addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	if err := s.AddAccount(ctx, &roads.Account{Name: "ANI", Role: roads.RoleWalidata}, "panjang-sekali", "cli"); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("taken name in another case: %v, want a conflict", err)
	}
	if err := s.AddAccount(ctx, &roads.Account{Name: "budi", Role: "kepala"}, "panjang-sekali", "cli"); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("unknown role: %v, want ErrInvalid", err)
	}
	role := roads.RoleWalidata
	a, err := s.UpdateAccount(ctx, "ani", roads.AccountUpdate{Role: &role}, "admin")
	must(t, err)
	if a.Role != roads.RoleWalidata {
		t.Errorf("role after update %q", a.Role)
	}
	list, _ := s.Accounts(ctx)
	if len(list) != 1 || list[0].Name != "ani" || !list[0].HasPassword {
		t.Errorf("accounts %+v", list)
	}
	trail, _ := s.Audit(ctx, roads.AuditFilter{Entity: "account"})
	if len(trail) != 2 || trail[0].Actor != "cli" || trail[1].Actor != "admin" || strings.Contains(string(trail[1].After), "$2") {
		t.Errorf("account trail %+v (the password hash must not appear)", trail)
	}
}

func testSignInLimits(t *testing.T, open Opener) {
	p := roads.LoginPolicy{PerName: 3, PerIP: 3, Window: time.Hour}
	s := open(t, nil)
	addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	addAccount(t, s, "lama", roads.RoleProdusen, "rahasia-lama")
	off := true
	_, err := s.UpdateAccount(ctx, "lama", roads.AccountUpdate{Disabled: &off}, "admin")
	must(t, err)
	if _, err := s.Login(ctx, "lama", "rahasia-lama", "10.0.1.1", p); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("disabled account: %v, want ErrUnauthenticated", err)
	}
	if a, err := s.Login(ctx, " ANI", "rahasia-ani", "10.0.1.1", p); err != nil || a.Name != "ani" {
		t.Errorf("right password: %v %v", a, err)
	}
	for i := range 3 {
		if _, err := s.Login(ctx, "ani", "salah-salah", fmt.Sprintf("10.0.0.%d", i+1), p); !errors.Is(err, roads.ErrUnauthenticated) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	_, err = s.Login(ctx, "ani", "rahasia-ani", "10.0.0.9", p)
	var le *roads.LimitError
	if !errors.As(err, &le) || le.By != "name" || le.RetryAfter <= 0 || le.RetryAfter > p.Window {
		t.Fatalf("4th attempt: %v, want a name limit", err)
	}
	atts, _ := s.LoginAttempts(ctx, 0)
	if len(atts) != 5 || atts[0].OK || !atts[3].OK || atts[4].OK || atts[4].Name != "lama" {
		t.Errorf("attempts %+v: want 5, newest first (the refused one not counted): 3 failures, the success, the disabled account", atts)
	}
	for _, name := range []string{"x1", "x2", "x3"} {
		s.Login(ctx, name, "salah-salah", "10.0.0.7", p)
	}
	if _, err := s.Login(ctx, "lama", "x", "10.0.0.7", p); !errors.As(err, &le) || le.By != "ip" {
		t.Errorf("from the guessing address: %v, want an ip limit", err)
	}
}

func testSessionsAndClock(t *testing.T, open Opener) {
	cur := time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return cur }
	step := func(d time.Duration) { mu.Lock(); cur = cur.Add(d); mu.Unlock() }
	s := open(t, now)
	r := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, r))
	got, _ := s.Ruas(ctx, r.Key)
	if !got.Source.At.Equal(now()) || !got.UpdatedAt.Equal(now()) {
		t.Errorf("recorded %s updated %s, want the clock's %s", got.Source.At, got.UpdatedAt, now())
	}
	step(26 * time.Hour)
	must(t, s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "wati"))
	got, _ = s.Ruas(ctx, r.Key)
	if !got.Verif.At.Equal(now()) {
		t.Errorf("verified at %s, want %s", got.Verif.At, now())
	}
	a := addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	secret, sess, err := s.CreateSession(ctx, a.ID, time.Hour)
	must(t, err)
	if !sess.ExpiresAt.Equal(now().Add(time.Hour)) || len(secret) < 20 || secret == sess.CSRF {
		t.Errorf("session %+v", sess)
	}
	got2, err := s.Session(ctx, secret)
	if err != nil || got2.Account.Name != "ani" || got2.CSRF != sess.CSRF {
		t.Fatalf("Session = %+v, %v", got2, err)
	}
	step(59 * time.Minute)
	if _, err := s.Session(ctx, secret); err != nil {
		t.Errorf("a minute before its end: %v", err)
	}
	step(2 * time.Minute)
	if _, err := s.Session(ctx, secret); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("a minute after its end: %v, want ErrUnauthenticated", err)
	}
	secret, _, err = s.CreateSession(ctx, a.ID, time.Hour)
	must(t, err)
	must(t, s.EndSession(ctx, secret))
	if _, err := s.Session(ctx, secret); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("after sign-out: %v", err)
	}
	secret, _, _ = s.CreateSession(ctx, a.ID, time.Hour)
	pw := "rahasia-baru-sekali"
	_, err = s.UpdateAccount(ctx, "ani", roads.AccountUpdate{Password: &pw}, "admin")
	must(t, err)
	if _, err := s.Session(ctx, secret); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("session after a password change: %v, want it ended", err)
	}
	atts, _ := s.LoginAttempts(ctx, 1)
	_ = atts
	if _, err := s.Login(ctx, "ani", "salah", "10.0.0.1", roads.DefaultLoginPolicy); err == nil {
		t.Fatal("a wrong password signed in")
	}
	atts, _ = s.LoginAttempts(ctx, 1)
	if len(atts) != 1 || !atts[0].At.Equal(now()) {
		t.Errorf("attempt %+v, want at the clock's %s", atts, now())
	}
}

func testTokens(t *testing.T, open Opener) {
	s := open(t, nil)
	addAccount(t, s, "skrip", roads.RolePerencana, "")
	tok, info, err := s.CreateToken(ctx, "skrip", "impor malam")
	must(t, err)
	if !strings.HasPrefix(tok, info.Prefix) || info.ID == 0 {
		t.Errorf("token %q, info %+v", tok, info)
	}
	a, err := s.TokenAccount(ctx, tok)
	if err != nil || a.Name != "skrip" {
		t.Fatalf("TokenAccount = %+v, %v", a, err)
	}
	if _, err := s.TokenAccount(ctx, tok+"x"); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("wrong token: %v", err)
	}
	if _, _, err := s.CreateToken(ctx, "nobody", ""); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("token for an unknown account: %v", err)
	}
	if k, err := s.RevokeTokens(ctx, "skrip"); err != nil || k != 1 {
		t.Fatalf("RevokeTokens = %d, %v", k, err)
	}
	if _, err := s.TokenAccount(ctx, tok); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("revoked token: %v", err)
	}
	list, _ := s.Tokens(ctx, "skrip")
	if len(list) != 1 || !list[0].Revoked || list[0].Label != "impor malam" {
		t.Errorf("Tokens = %+v", list)
	}
}

func testOfficeOutlinesPlans(t *testing.T, open Opener) {
	s := open(t, nil)
	if _, err := s.Office(ctx); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("office of an empty register: %v, want ErrNotFound", err)
	}
	o := roads.Office{Region: "99.01", Name: "Kota Contoh", Level: "kota", OPD: "Dinas PUPR Kota Contoh", Authority: roads.Kota}
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	must(t, s.SetOffice(ctx, o, "admin", at))
	got, err := s.Office(ctx)
	must(t, err)
	if got.Region != "99.01" || got.Name != "Kota Contoh" || got.OPD != o.OPD {
		t.Errorf("office %+v", got)
	}
	outs := []roads.Outline{{Code: "99.01.01", Name: "Utara", Level: "kecamatan",
		Geometry: orb.Polygon{{{112.1, -8.1}, {112.2, -8.1}, {112.2, -8.0}, {112.1, -8.1}}}, Source: "batas.geojson"}}
	must(t, s.SetOutlines(ctx, outs, "admin"))
	back, err := s.Outlines(ctx)
	must(t, err)
	if len(back) != 1 || back[0].Code != "99.01.01" || back[0].Geometry == nil {
		t.Errorf("outlines %+v", back)
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{Entity: "outline"}); n != 1 {
		t.Errorf("%d outline audit rows, want 1", n)
	}
	p := &roads.PlanRun{Method: "ranking", FromYear: 2026, Years: 3, SnapshotHash: "abc", Inputs: json.RawMessage(`{"a":1}`), Result: json.RawMessage(`{"b":2}`)}
	must(t, s.SavePlanRun(ctx, p))
	if p.ID == 0 {
		t.Fatal("plan run got no id")
	}
	pr, err := s.PlanRunByID(ctx, p.ID)
	must(t, err)
	if pr.Method != "ranking" || string(pr.Result) != `{"b":2}` {
		t.Errorf("plan run %+v", pr)
	}
	if _, err := s.AdoptPlan(ctx, p.ID, "kepala", ""); !errors.Is(err, roads.ErrDraftPlan) {
		t.Errorf("adopting a plan with no basis: %v, want ErrDraftPlan", err)
	}
	must(t, s.SetPlanBasis(ctx, roads.PlanBasis{PlanID: p.ID, VerifiedOnly: true}))
	ad, err := s.AdoptPlan(ctx, p.ID, "kepala", "RKA 2026")
	must(t, err)
	cur, err := s.AdoptedPlan(ctx)
	if err != nil || cur.PlanID != p.ID || cur.ID != ad.ID {
		t.Errorf("adopted %+v %v", cur, err)
	}
	all, err := s.Adoptions(ctx)
	if err != nil || len(all) != 1 || all[0].Note != "RKA 2026" || all[0].By != "kepala" {
		t.Errorf("adoptions %+v %v", all, err)
	}
	bases, err := s.PlanBases(ctx)
	if err != nil || len(bases) != 1 || !bases[p.ID].VerifiedOnly {
		t.Errorf("plan bases %+v %v", bases, err)
	}
	if b, err := s.PlanBasisOf(ctx, p.ID); err != nil || !b.VerifiedOnly || b.Draft() {
		t.Errorf("basis of plan %d: %+v %v", p.ID, b, err)
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{Entity: "plan_adoption", Actor: "kepala"}); n != 1 {
		t.Errorf("%d adoption audit rows, want 1", n)
	}
}

func testKnownDevice(t *testing.T, open Opener) {
	s := open(t, nil)
	addAccount(t, s, "walidata", roads.RoleWalidata, "benar-sekali-42")
	addAccount(t, s, "budi", roads.RoleProdusen, "budi-punya-sandi")
	p := roads.LoginPolicy{PerName: 5, PerIP: 5, PerDevice: 5, Window: time.Minute}
	owner, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1"}, p)
	if err != nil || owner.Device == "" {
		t.Fatalf("owner's first sign-in: %+v, %v", owner, err)
	}
	other, err := s.SignIn(ctx, roads.SignInAttempt{Name: "budi", Password: "budi-punya-sandi", IP: "10.0.0.2"}, p)
	must(t, err)
	for i := range 5 {
		if _, err := s.Login(ctx, "walidata", "tebakan", fmt.Sprintf("192.0.2.%d", i+1), p); !errors.Is(err, roads.ErrUnauthenticated) {
			t.Fatalf("guess %d: %v", i, err)
		}
	}
	var le *roads.LimitError
	if _, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1"}, p); !errors.As(err, &le) || le.By != "name" {
		t.Fatalf("new browser after the guesses: %v, want the name limit", err)
	}
	if _, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1", Device: other.Device}, p); !errors.As(err, &le) || le.By != "name" {
		t.Fatalf("with budi's device: %v, want the name limit", err)
	}
	again, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1", Device: owner.Device}, p)
	if err != nil || again.Device != owner.Device || again.Account.Name != "walidata" {
		t.Fatalf("owner's known device after the guesses: %+v, %v", again, err)
	}
	for i := range 5 {
		if _, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "tebakan", Device: owner.Device}, p); !errors.Is(err, roads.ErrUnauthenticated) {
			t.Fatalf("device guess %d: %v", i, err)
		}
	}
	if _, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", Device: owner.Device}, p); !errors.As(err, &le) || le.By != "device" {
		t.Fatalf("6th try from the device: %v, want the device limit", err)
	}
	// After a password change the device is a stranger again.
	pw := "sandi-baru-sekali"
	_, err = s.UpdateAccount(ctx, "budi", roads.AccountUpdate{Password: &pw}, "admin")
	must(t, err)
	for range 5 {
		s.Login(ctx, "budi", "tebakan", "192.0.2.77", p)
	}
	if _, err := s.SignIn(ctx, roads.SignInAttempt{Name: "budi", Password: pw, Device: other.Device}, p); !errors.As(err, &le) || le.By != "name" {
		t.Errorf("budi's old device after a password change: %v, want the name limit", err)
	}
}

func testSignInNameBounded(t *testing.T, open Opener) {
	s := open(t, nil)
	huge := strings.Repeat("é", 1<<16)
	if _, err := s.Login(ctx, huge, "tebakan", strings.Repeat("9", 1000), roads.LoginPolicy{}); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Fatalf("huge name: %v", err)
	}
	got, err := s.LoginAttempts(ctx, 0)
	if err != nil || len(got) != 1 {
		t.Fatalf("attempts %d, %v", len(got), err)
	}
	if n := len([]rune(got[0].Name)); n != roads.MaxLoginName || len(got[0].IP) > roads.MaxLoginName {
		t.Errorf("stored name has %d characters, address %d bytes; want %d and at most %d", n, len(got[0].IP), roads.MaxLoginName, roads.MaxLoginName)
	}
}

func testDisableRevokesTokens(t *testing.T, open Opener) {
	s := open(t, nil)
	addAccount(t, s, "skrip", roads.RolePerencana, "")
	tok, _, err := s.CreateToken(ctx, "skrip", "cron")
	must(t, err)
	on, off := false, true
	_, err = s.UpdateAccount(ctx, "skrip", roads.AccountUpdate{Disabled: &off}, "admin")
	must(t, err)
	_, err = s.UpdateAccount(ctx, "skrip", roads.AccountUpdate{Disabled: &on}, "admin")
	must(t, err)
	if _, err := s.TokenAccount(ctx, tok); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("old token after disable and enable: %v, want ErrUnauthenticated", err)
	}
	fresh, _, err := s.CreateToken(ctx, "skrip", "cron")
	must(t, err)
	if a, err := s.TokenAccount(ctx, fresh); err != nil || a.Name != "skrip" {
		t.Errorf("new token: %v, %v", a, err)
	}
}

func testWatch(t *testing.T, open Opener) {
	s := open(t, nil)
	w, err := s.NewWatch(ctx)
	must(t, err)
	defer w.Close()
	v0, err := w.Version(ctx)
	must(t, err)
	if v, _ := w.Version(ctx); v != v0 {
		t.Errorf("version moved without a change: %d → %d", v0, v)
	}
	r := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, r))
	v1, _ := w.Version(ctx)
	if v1 == v0 {
		t.Error("creating a ruas left the version unchanged")
	}
	must(t, s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "wati"))
	if v2, _ := w.Version(ctx); v2 == v1 {
		t.Error("verifying left the version unchanged")
	}
}

func testBackupRestore(t *testing.T, open Opener) {
	s := open(t, nil)
	r := SampleRuas("001", 112.16)
	must(t, s.CreateRuas(ctx, r))
	must(t, s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), StaToM: 100, Distress: &roads.Distress{IRI: fp(4)}}))
	addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	n0, err := s.Network(ctx)
	must(t, err)
	a0, _ := s.CountAudit(ctx, roads.AuditFilter{})
	back, err := s.BackupRestore(ctx, t)
	must(t, err)
	n1, err := back.Network(ctx)
	must(t, err)
	if n1.Hash != n0.Hash || len(n1.Ruas) != 1 || len(n1.Surveys[n1.Ruas[0].ID]) != 1 {
		t.Errorf("restored network: hash %s (was %s), %d ruas", n1.Hash, n0.Hash, len(n1.Ruas))
	}
	if a1, _ := back.CountAudit(ctx, roads.AuditFilter{}); a1 != a0 {
		t.Errorf("restored audit trail has %d rows, want %d", a1, a0)
	}
	if _, err := back.Login(ctx, "ani", "rahasia-ani", "10.0.0.1", roads.DefaultLoginPolicy); err != nil {
		t.Errorf("signing in on the restored register: %v", err)
	}
	// The restored register keeps working and keeps auditing.
	must(t, back.CreateRuas(ctx, SampleRuas("002", 112.17)))
	if a2, _ := back.CountAudit(ctx, roads.AuditFilter{}); a2 != a0+1 {
		t.Errorf("audit after a write on the restored register: %d, want %d", a2, a0+1)
	}
	if err := back.RawExec(ctx, `DELETE FROM audit`); err == nil {
		t.Error("the restored audit trail is no longer append-only")
	}
}
