package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
)

// scaleBatch is a bulk batch (more than bulkRuas ruas): new ruas with a
// survey each, a key repeated later in the batch (an update of a ruas the
// batch created), a survey repeated (an update of a survey the batch
// created), a survey of a ruas stored before, and works and traffic.
func scaleBatch(n int) *roads.Batch {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	day := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	b := &roads.Batch{}
	for i := range n {
		r := sampleRuas(fmt.Sprintf("%05d", i+1))
		r.Source = roads.Source{File: "besar.geojson", Row: i + 1, At: at, User: "cli"}
		r.Geometry = orb.LineString{{112.16 + float64(i)*1e-5, -8.1}, {112.17, -8.1 - float64(i)*1e-5}, {112.18, -8.11}}
		b.Ruas = append(b.Ruas, r)
		b.Surveys = append(b.Surveys, &roads.Survey{Ruas: r.Key, Date: day, StaToM: 1200, Scheme: roads.SchemeBinaMarga,
			Parts: [4]float64{float64(600 + i%7), 300, 200, float64(100 - i%7)}, Source: r.Source})
		if i == n/2 {
			again := sampleRuas("00003")
			again.Name = "Jl. Ulang"
			again.Source = roads.Source{File: "besar.geojson", Row: n + 1, At: at, User: "cli"}
			b.Ruas = append(b.Ruas, again)
			b.Surveys = append(b.Surveys, &roads.Survey{Ruas: roads.Key{Region: "35.72", No: "00002"}, Date: day, StaToM: 1200, Scheme: roads.SchemeBinaMarga,
				Parts: [4]float64{1200}, Source: again.Source})
		}
	}
	b.Surveys = append(b.Surveys, &roads.Survey{Ruas: roads.Key{Region: "35.72", No: "900"}, Date: day, StaToM: 50, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{50},
		Source: roads.Source{File: "besar.geojson", Row: n + 2, At: at, User: "cli"}})
	b.Works = append(b.Works, &roads.Works{Ruas: roads.Key{Region: "35.72", No: "00004"}, Date: day, Type: roads.Rehabilitasi, StaToM: 500, Quantity: 3000, Unit: "m2", CostRp: 1e8,
		Source: roads.Source{File: "besar.geojson", Row: n + 3, At: at, User: "cli"}})
	b.Traffic = append(b.Traffic, &roads.Traffic{Ruas: roads.Key{Region: "35.72", No: "00005"}, Year: 2025, LHR: 1500,
		Source: roads.Source{File: "besar.geojson", Row: n + 4, At: at, User: "cli"}})
	return b
}

func applyScale(t *testing.T, s *Store, b *roads.Batch) roads.ApplyStats {
	t.Helper()
	ctx := context.Background()
	pre := sampleRuas("900")
	pre.Source = roads.Source{Form: "ruas", User: "budi", At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.CreateRuas(ctx, pre); err != nil {
		t.Fatal(err)
	}
	if problems, err := b.Prepare(); err != nil || len(problems) > 0 {
		t.Fatalf("prepare: %v %v", problems, err)
	}
	st, err := s.Apply(ctx, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func triggerSQL(t *testing.T, s *Store) string {
	t.Helper()
	var out string
	err := s.read(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT group_concat(name || ':' || sql, char(10)) FROM (SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name)`).Scan(&out)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestApplyBulkAuditSameRows writes the same bulk batch into two
// registers, one with the audit rows of inserts deferred to one statement
// per table and one with the triggers writing them row by row: the
// registers, the audit trail among them, are the same row for row and in
// the same order, and the triggers are back afterwards.
func TestApplyBulkAuditSameRows(t *testing.T) {
	n := bulkRuas + 150
	deferred := openTest(t)
	wantTriggers := triggerSQL(t, deferred)
	st := applyScale(t, deferred, scaleBatch(n))
	if st.Ruas != (roads.Counts{Created: n, Updated: 1}) || st.Surveys != (roads.Counts{Created: n + 1, Updated: 1}) || st.Works.Created != 1 || st.Traffic.Created != 1 {
		t.Fatalf("counts %+v", st)
	}
	if got := triggerSQL(t, deferred); got != wantTriggers {
		t.Errorf("triggers after the batch differ from before:\n%s\nwant\n%s", got, wantTriggers)
	}

	deferBatchAudit = false
	t.Cleanup(func() { deferBatchAudit = true })
	rowByRow := openTest(t)
	applyScale(t, rowByRow, scaleBatch(n))

	got, want := dump(t, deferred), dump(t, rowByRow)
	if got != want {
		gl, wl := splitLines(got), splitLines(want)
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d differs (of %d / %d):\ndeferred:   %s\nrow by row: %s", i, len(gl), len(wl), gl[i], wl[i])
			}
		}
		t.Fatalf("%d lines deferred, %d row by row", len(gl), len(wl))
	}
	// The count the brief asks of an import: one audit row per row written
	// (each insert, each update), independent of the dump above.
	var audits, written int
	deferred.read(context.Background(), func(tx *sql.Tx) error {
		tx.QueryRow(`SELECT count(*) FROM audit WHERE entity IN ('ruas', 'survey', 'works', 'traffic')`).Scan(&audits)
		return nil
	})
	written = 1 + (n + 1) + (n + 2) + 1 + 1 // pre-stored ruas; ruas created + updated; surveys created + updated; works; traffic
	if audits != written {
		t.Errorf("audit rows = %d, want %d (one per row written)", audits, written)
	}
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// TestApplyBulkFailsWhole: a bulk batch that fails near its end (a survey
// of a ruas that exists nowhere) leaves the register as it was: no ruas, no
// survey, no audit row, and the audit triggers still there and working.
func TestApplyBulkFailsWhole(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	wantTriggers := triggerSQL(t, s)
	b := scaleBatch(bulkRuas + 10)
	b.Surveys = append(b.Surveys, &roads.Survey{Ruas: roads.Key{Region: "35.72", No: "tidak-ada"}, Date: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC), StaToM: 10,
		Scheme: roads.SchemeBinaMarga, Parts: [4]float64{10}})
	b.Prepare()
	if _, err := s.Apply(ctx, b, nil); err == nil {
		t.Fatal("a survey of an unknown ruas was accepted")
	}
	var ruas, surveys, audits int
	s.read(ctx, func(tx *sql.Tx) error {
		tx.QueryRow(`SELECT (SELECT count(*) FROM ruas), (SELECT count(*) FROM survey), (SELECT count(*) FROM audit WHERE entity IN ('ruas', 'survey'))`).Scan(&ruas, &surveys, &audits)
		return nil
	})
	if ruas+surveys+audits != 0 {
		t.Errorf("after a failed batch: %d ruas, %d surveys, %d audit rows; want none", ruas, surveys, audits)
	}
	if got := triggerSQL(t, s); got != wantTriggers {
		t.Errorf("triggers after a failed batch differ from before")
	}
	r := sampleRuas("001")
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountAudit(ctx, roads.AuditFilter{Entity: "ruas", EntityID: r.ID, Action: "insert"}); err != nil || n != 1 {
		t.Errorf("a ruas created after the failed batch has %d audit rows (%v), want 1", n, err)
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		t.Fatal("unreachable")
	}
}

// TestPlanRunCompactRoundTrip stores plan results compressed and reads
// them back byte for byte: through SavePlanRun (JSON given), through
// SavePlanRunCompressed (a stream compressed by the caller), and a run of
// the previous release (JSON in result, no result_gz) still opens with
// its JSON as stored.
func TestPlanRunCompactRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	// A result like a planner's: repetitive keys, numbers, Indonesian text.
	var b strings.Builder
	b.WriteString(`{"input":{"from_year":2027},"years":[`)
	for i := range 20000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"ruas_key":"33.22/%06d","sta_from_m":%d,"cost_rp":%d,"justification":"roads.Rehabilitasi – %d m; \u003cb\u003e"}`, i, i*7%1900, i*1234567%98765432, i)
	}
	b.WriteString(`]}`)
	result := []byte(b.String())

	a := &roads.PlanRun{CreatedBy: "uji", Method: "optimal", FromYear: 2027, Years: 10, SnapshotHash: "abc", Inputs: []byte(`{"from_year":2027}`), Result: result}
	if err := s.SavePlanRun(ctx, a); err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	zw := roads.NewResultWriter(&zb)
	for _, piece := range [][]byte{result[:1000], result[1000:]} { // as a streaming encoder writes it
		zw.Write(piece)
	}
	zw.Close()
	c := &roads.PlanRun{CreatedBy: "uji", Method: "optimal", FromYear: 2027, Years: 10, SnapshotHash: "abc", Inputs: []byte(`{}`)}
	if err := s.SavePlanRunCompressed(ctx, c, zb.Bytes()); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{a.ID, c.ID} {
		got, err := s.PlanRunByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Result, result) {
			t.Errorf("run %d: result read back differs (%d bytes, stored %d)", id, len(got.Result), len(result))
		}
	}
	// Stored compactly: result empty, the compressed copy a fraction.
	var textLen, gzLen int
	s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRow(`SELECT length(result), length(result_gz) FROM plan_run WHERE id = ?`, a.ID).Scan(&textLen, &gzLen)
	})
	if textLen != 0 || gzLen == 0 || gzLen*4 > len(result) {
		t.Errorf("stored %d bytes of JSON and %d compressed for a %d-byte result; want 0 and under a quarter", textLen, gzLen, len(result))
	}
	if err := s.SavePlanRunCompressed(ctx, c, result); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("uncompressed bytes given as compressed: err = %v, want roads.ErrInvalid", err)
	}

	// A run as the previous release stored it.
	var old int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		r, err := tx.Exec(`INSERT INTO plan_run (created_at, created_by, method, from_year, years, snapshot_hash, inputs, result)
			VALUES ('2026-12-05T00:00:00Z', 'lama', 'optimal', 2027, 5, 'h', '{}', ?)`, string(result))
		if err == nil {
			old, _ = r.LastInsertId()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.PlanRunByID(ctx, old); err != nil || !bytes.Equal(got.Result, result) {
		t.Errorf("a run stored as JSON: %v, equal %v", err, err == nil && bytes.Equal(got.Result, result))
	}
	if runs, err := s.PlanRuns(ctx); err != nil || len(runs) != 3 {
		t.Errorf("PlanRuns: %d runs, %v; want 3", len(runs), err)
	}
}
