package transfer_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/netfile"
	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/pgstore/pgtest"
	"github.com/kotablitar/ruas/roads/sqlitestore"
	"github.com/kotablitar/ruas/roads/transfer"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// reader is what the comparison reads of either engine's store.
type reader interface {
	Network(ctx context.Context) (*roads.Network, error)
	Audit(ctx context.Context, f roads.AuditFilter) ([]roads.AuditEntry, error)
	Accounts(ctx context.Context) ([]*roads.Account, error)
	PlanRuns(ctx context.Context) ([]*roads.PlanRun, error)
	Retirements(ctx context.Context) (map[int64]roads.Retirement, error)
	Outlines(ctx context.Context) ([]roads.Outline, error)
	Office(ctx context.Context) (roads.Office, error)
	Login(ctx context.Context, name, password, ip string, p roads.LoginPolicy) (*roads.Account, error)
	Reconciliations(ctx context.Context, agreedOnly bool) ([]roads.Reconciliation, error)
	FieldPhotoData(ctx context.Context, clientID string) (*roads.FieldPhoto, error)
	FieldForms(ctx context.Context, surveyIDs []int64) (map[int64]roads.FieldForm, error)
}

// state is everything a move must carry, as each engine reads it back.
type state struct {
	csv, geojson []byte
	plan         []byte
	hash         string
	audit        []roads.AuditEntry
	accounts     []*roads.Account
	plans        int
	retired      map[int64]roads.Retirement
	outlines     int
	office       roads.Office
	sheets       []roads.Reconciliation
	photo        *roads.FieldPhoto
	forms        map[int64]roads.FieldForm
}

func read(t *testing.T, s reader) state {
	t.Helper()
	ctx := context.Background()
	n, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var st state
	rows := netfile.Rows(n)
	var b bytes.Buffer
	if err := netfile.WriteCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	st.csv = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := netfile.WriteGeoJSON(&b, rows); err != nil {
		t.Fatal(err)
	}
	st.geojson = b.Bytes()
	res, err := planner.Run(n, planner.Input{FromYear: 2027, Years: 3, BudgetsRp: []float64{8e9}, Method: "worst-first"})
	if err != nil {
		t.Fatal(err)
	}
	if st.plan, err = json.Marshal(res); err != nil {
		t.Fatal(err)
	}
	st.hash = n.Hash
	if st.audit, err = s.Audit(ctx, roads.AuditFilter{}); err != nil {
		t.Fatal(err)
	}
	for i := range st.audit {
		st.audit[i].At = st.audit[i].At.UTC()
	}
	if st.accounts, err = s.Accounts(ctx); err != nil {
		t.Fatal(err)
	}
	for _, a := range st.accounts {
		a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	}
	runs, err := s.PlanRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.plans = len(runs)
	if st.retired, err = s.Retirements(ctx); err != nil {
		t.Fatal(err)
	}
	for id, r := range st.retired {
		r.At = r.At.UTC()
		st.retired[id] = r
	}
	outs, err := s.Outlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.outlines = len(outs)
	if st.office, err = s.Office(ctx); err != nil {
		t.Fatal(err)
	}
	// SetOffice takes its moment from the caller (the demo's is time.Now,
	// with nanoseconds); PostgreSQL keeps microseconds.
	st.office.SetAt = st.office.SetAt.UTC().Truncate(time.Microsecond)
	if st.sheets, err = s.Reconciliations(ctx, false); err != nil {
		t.Fatal(err)
	}
	for i := range st.sheets {
		st.sheets[i].CreatedAt, st.sheets[i].AgreedAt = st.sheets[i].CreatedAt.UTC(), st.sheets[i].AgreedAt.UTC()
	}
	if st.photo, err = s.FieldPhotoData(ctx, "photo-move-0001"); err != nil {
		t.Fatal(err)
	}
	st.photo.TakenAt, st.photo.ReceivedAt = st.photo.TakenAt.UTC(), st.photo.ReceivedAt.UTC()
	if st.forms, err = s.FieldForms(ctx, []int64{st.photo.SurveyID}); err != nil {
		t.Fatal(err)
	}
	return st
}

func compare(t *testing.T, what string, got, want state) {
	t.Helper()
	if !bytes.Equal(got.csv, want.csv) || !bytes.Equal(got.geojson, want.geojson) {
		t.Errorf("%s: the network export differs from the original's", what)
	}
	if !bytes.Equal(got.plan, want.plan) {
		t.Errorf("%s: the plan result differs from the original's", what)
	}
	if got.hash != want.hash {
		t.Errorf("%s: snapshot hash %s, the original's %s", what, got.hash, want.hash)
	}
	if len(got.audit) != len(want.audit) {
		t.Errorf("%s: %d audit entries, the original has %d", what, len(got.audit), len(want.audit))
	} else {
		for i := range got.audit {
			if !reflect.DeepEqual(got.audit[i], want.audit[i]) {
				t.Errorf("%s: audit entry %d = %+v, the original's %+v", what, i, got.audit[i], want.audit[i])
				break
			}
		}
	}
	if !reflect.DeepEqual(got.accounts, want.accounts) || got.plans != want.plans || got.outlines != want.outlines {
		t.Errorf("%s: accounts %v, %d plans, %d outlines; the original's %v, %d, %d", what, got.accounts, got.plans, got.outlines, want.accounts, want.plans, want.outlines)
	}
	if len(got.sheets) != 2 || !reflect.DeepEqual(got.sheets, want.sheets) {
		t.Errorf("%s: reconciliation sheets %+v; the original's %+v", what, got.sheets, want.sheets)
	}
	if !reflect.DeepEqual(got.photo, want.photo) || len(got.forms) != 1 || !reflect.DeepEqual(got.forms, want.forms) {
		t.Errorf("%s: photo %+v forms %v; the original's %+v %v", what, got.photo, got.forms, want.photo, want.forms)
	}
	if !reflect.DeepEqual(got.retired, want.retired) || !reflect.DeepEqual(got.office, want.office) {
		t.Errorf("%s: retirements %v office %s set %s; the original's %v %s set %s", what, got.retired, got.office.Name, got.office.SetAt, want.retired, want.office.Name, want.office.SetAt)
	}
}

// TestMoveDemoThereAndBack moves the demo city SQLite → PostgreSQL →
// SQLite and reads the same network export, plan result, snapshot hash,
// audit trail, accounts, plans, retirements, outlines and office from all
// three; the counts Move reports equal the rows of the original.
func TestMoveDemoThereAndBack(t *testing.T) {
	ctx := context.Background()
	pgURL := pgtest.NewDB(t, pgstore.Migrate)
	dir := t.TempDir()
	orig, back := filepath.Join(dir, "asal.db"), filepath.Join(dir, "kembali.db")

	// PostgreSQL keeps moments to the microsecond; the store's clock here too.
	clock := func() time.Time { return time.Now().Truncate(time.Microsecond) }
	s, err := sqlitestore.OpenWith(ctx, orig, sqlitestore.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	today := func() time.Time { return time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC) }
	if _, err := demo.Fill(ctx, s, demo.DefaultSeed, today); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Verify(ctx, s); err != nil {
		t.Fatal(err)
	}
	a := &roads.Account{Name: "ani", Role: roads.RoleProdusen}
	if err := s.AddAccount(ctx, a, "rahasia-ani-sekali", "cli"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateToken(ctx, "ani", "skrip"); err != nil {
		t.Fatal(err)
	}
	net, err := s.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gone := net.Ruas[3]
	if err := s.RetireRuas(ctx, gone.ID, gone.Version, "ani", "digabung"); err != nil {
		t.Fatal(err)
	}
	if err := s.SavePlanRun(ctx, &roads.PlanRun{Method: "worst-first", FromYear: 2027, Years: 3, SnapshotHash: net.Hash, Inputs: json.RawMessage(`{}`), Result: json.RawMessage(`{}`)}); err != nil {
		t.Fatal(err)
	}
	agreed := &roads.Reconciliation{Year: 2025, File: "bps.csv", Sources: "BPS", Sheet: json.RawMessage(`{"baris":[]}`)}
	draft := &roads.Reconciliation{Year: 2026, File: "pu.csv", Sheet: json.RawMessage(`{}`)}
	for _, r := range []*roads.Reconciliation{agreed, draft} {
		if err := s.AddReconciliation(ctx, r, "wali"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AgreeReconciliation(ctx, agreed.ID, json.RawMessage(`{"baris":[1]}`), "Forum 3 Maret", "wali"); err != nil {
		t.Fatal(err)
	}
	two := 2
	lat := -8.1
	units := []*roads.FieldUnit{{ClientID: "unit-move-0001", RuasID: net.Ruas[0].ID, Date: today(), StaFromM: 0, StaToM: 100, Device: "hp-lapangan-01", Account: "ani",
		Form: roads.FieldForm{CrackArea: &two, CrackWidth: &two, Potholes: &two, Rut: &two}}}
	if out, err := s.SyncField(ctx, units); err != nil || out[0].State != roads.FieldStored {
		t.Fatalf("field unit: %+v, %v", out, err)
	}
	if _, err := s.AddFieldPhoto(ctx, &roads.FieldPhoto{ClientID: "photo-move-0001", UnitID: "unit-move-0001", ContentType: "image/jpeg",
		Data: []byte("\xff\xd8\xff\x00jpeg"), Lat: &lat, Lon: &lat, Account: "ani"}); err != nil {
		t.Fatal(err)
	}
	want := read(t, s)
	nRuas, _ := s.CountRuas(ctx, roads.RuasFilter{Retired: true})
	nAudit, _ := s.CountAudit(ctx, roads.AuditFilter{})
	s.Close()

	counts, err := transfer.Move(ctx, orig, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	byTable := map[string]transfer.Count{}
	for _, c := range counts {
		byTable[c.Table] = c
	}
	if c := byTable["ruas"]; c.Source != nRuas || c.Target != nRuas {
		t.Errorf("ruas moved %+v, the original holds %d", c, nRuas)
	}
	if c := byTable["audit"]; c.Source != nAudit || c.Target != nAudit {
		t.Errorf("audit rows moved %+v, the original holds %d", c, nAudit)
	}
	for table, n := range map[string]int{"reconciliation": 2, "field_unit": 1, "field_photo": 1} {
		if c := byTable[table]; c.Source != n || c.Target != n {
			t.Errorf("%s moved %+v, want %d", table, c, n)
		}
	}
	if c := byTable["api_token"]; c.Target != 1 {
		t.Errorf("api tokens moved %+v, want 1", c)
	}
	pg, err := pgstore.Open(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	compare(t, "PostgreSQL", read(t, pg), want)
	if _, err := pg.Login(ctx, "ani", "rahasia-ani-sekali", "10.0.0.1", roads.DefaultLoginPolicy); err != nil {
		t.Errorf("signing in on the moved register: %v", err)
	}

	if _, err := transfer.Move(ctx, orig, pgURL); !errors.Is(err, roads.ErrConflict) {
		t.Errorf("a second move into the filled register: %v, want a refusal", err)
	}
	if _, err := transfer.Move(ctx, pgURL, back); err != nil {
		t.Fatal(err)
	}
	b, err := sqlitestore.Open(ctx, back)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	compare(t, "back in SQLite", read(t, b), want)

	// The moved registers keep working: new ids follow the moved ones,
	// and the triggers audit again.
	for name, st := range map[string]interface {
		CreateRuas(context.Context, *roads.Ruas) error
		CountAudit(context.Context, roads.AuditFilter) (int, error)
	}{"PostgreSQL": pg, "SQLite": b} {
		r := *gone
		r.ID, r.Key.No = 0, "X-1"
		if err := st.CreateRuas(ctx, &r); err != nil {
			t.Errorf("%s: a new ruas after the move: %v", name, err)
			continue
		}
		if n, _ := st.CountAudit(ctx, roads.AuditFilter{}); n != nAudit+1 {
			t.Errorf("%s: %d audit rows after one new ruas, want %d", name, n, nAudit+1)
		}
	}
}

// TestMovePlanRunCompressed: a SQLite plan run whose result is stored
// gzip-compressed in result_gz (SQLite migration 013; the column is made
// here when this build's SQLite store does not have it yet) arrives in
// PostgreSQL with its JSON readable, byte for byte.
func TestMovePlanRunCompressed(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "asal.db")
	s, err := sqlitestore.Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var has int
	if err := db.QueryRow(`SELECT count(*) FROM pragma_table_info('plan_run') WHERE name = 'result_gz'`).Scan(&has); err != nil {
		t.Fatal(err)
	}
	if has == 0 {
		if _, err := db.Exec(`ALTER TABLE plan_run ADD COLUMN result_gz BLOB`); err != nil {
			t.Fatal(err)
		}
	}
	want := `{"years":[{"ruas_key":"99.01/001","cost_rp":1250000000,"justification":"Rekonstruksi – 300 m"}]}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(want))
	zw.Close()
	if _, err := db.Exec(`INSERT INTO plan_run (created_at, created_by, method, from_year, years, snapshot_hash, inputs, result, result_gz)
		VALUES ('2026-11-20T01:02:03Z', 'uji', 'optimal', 2027, 5, 'abc', '{}', '', ?)`, gz.Bytes()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	pgURL := pgtest.NewDB(t, pgstore.Migrate)
	if _, err := transfer.Move(ctx, file, pgURL); err != nil {
		t.Fatal(err)
	}
	pg, err := pgstore.Open(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	p, err := pg.PlanRunByID(ctx, 0)
	if err != nil || string(p.Result) != want || p.Method != "optimal" {
		t.Fatalf("moved plan run %+v, %v; want result %s", p, err, want)
	}
}
