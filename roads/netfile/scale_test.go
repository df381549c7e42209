package netfile

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestImportBulkAuditComplete imports a generated GeoJSON above the bulk
// size (the path a 100,000-ruas file takes: statement journals in memory,
// audit rows of inserts written per table at the end) and counts, from the
// register itself, one audit row per row written.
func TestImportBulkAuditComplete(t *testing.T) {
	const n = 2500
	dir := t.TempDir()
	src := writeGeneratedGeoJSON(t, dir, n)
	st := openStore(t, dir)
	ctx := context.Background()
	rep, err := Import(ctx, st, []string{src}, Options{Region: "33.22", Limits: CommandLimits})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Applied.Ruas.Created != n || rep.Applied.Surveys.Created != n {
		t.Fatalf("applied %+v, want %d ruas and %d surveys created", rep.Applied, n, n)
	}
	for _, c := range []struct {
		entity string
		want   int
	}{{"ruas", n}, {"survey", n}} {
		got, err := st.CountAudit(ctx, roads.AuditFilter{Entity: c.entity, Action: "insert"})
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s: %d audit rows for %d rows written", c.entity, got, c.want)
		}
	}
	net, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Every stored ruas has its own insert row, naming the file's row.
	for _, i := range []int{0, n / 2, n - 1} {
		r := net.Ruas[i]
		e, err := st.Audit(ctx, roads.AuditFilter{Entity: "ruas", EntityID: r.ID})
		if err != nil || len(e) != 1 || e[0].Action != "insert" || e[0].Origin != r.Source.File+":"+strconv.Itoa(r.Source.Row) {
			t.Errorf("ruas %s: audit %+v (%v), want one insert from %s:%d", r.Key, e, err, r.Source.File, r.Source.Row)
		}
	}

	// A second import of the same file changes nothing and adds no row.
	before, _ := st.CountAudit(ctx, roads.AuditFilter{})
	if _, err := Import(ctx, st, []string{src}, Options{Region: "33.22", Limits: CommandLimits}); err != nil {
		t.Fatal(err)
	}
	if after, _ := st.CountAudit(ctx, roads.AuditFilter{}); after != before {
		t.Errorf("re-import added %d audit rows, want 0", after-before)
	}
}

// TestImportBulkCancelledWritesNothing stops a bulk import in the middle of
// its write: nothing is stored, no audit row, and the register still
// audits the next change.
func TestImportBulkCancelledWritesNothing(t *testing.T) {
	const n = 2500
	dir := t.TempDir()
	src := writeGeneratedGeoJSON(t, dir, n)
	st := openStore(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := Options{Region: "33.22", Limits: CommandLimits, Progress: func(stage string, done, total int) {
		if stage == "write" && done >= n+n/2 {
			cancel() // among the surveys: every ruas is written by now
		}
	}}
	if _, err := Import(ctx, st, []string{src}, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	bg := context.Background()
	if k, err := st.CountAudit(bg, roads.AuditFilter{}); err != nil || k != 0 {
		t.Errorf("%d audit rows after a cancelled import (%v), want 0", k, err)
	}
	net, err := st.Network(bg)
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Ruas) != 0 {
		t.Errorf("%d ruas after a cancelled import, want 0", len(net.Ruas))
	}
	// The audit triggers are in place: a small import is audited row by row.
	small := writeGeneratedGeoJSON(t, t.TempDir(), 10)
	if _, err := Import(bg, st, []string{small}, Options{Region: "33.22"}); err != nil {
		t.Fatal(err)
	}
	if k, _ := st.CountAudit(bg, roads.AuditFilter{Entity: "ruas"}); k != 10 {
		t.Errorf("small import after the cancelled one: %d ruas audit rows, want 10", k)
	}
}
