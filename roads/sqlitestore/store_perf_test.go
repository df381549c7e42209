package sqlitestore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestNetworkNoSurveys reads the demo city both ways: NetworkNoSurveys
// gives every ruas (each field but the geometry), the works, the traffic,
// the office and the hash Network gives, and no survey.
func TestNetworkNoSurveys(t *testing.T) {
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := func() time.Time { return time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC) }
	if _, err := demo.Fill(ctx, st, demo.DefaultSeed, now); err != nil {
		t.Fatal(err)
	}
	full, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lite, err := st.NetworkNoSurveys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	count := func(m map[int64][]*roads.Works) (n int) {
		for _, v := range m {
			n += len(v)
		}
		return n
	}
	if len(full.Ruas) == 0 || len(full.Surveys) == 0 || count(full.Works) == 0 || full.Ruas[0].Geometry == nil {
		t.Fatalf("the demo register read %d ruas, %d with surveys, %d works: too little to compare", len(full.Ruas), len(full.Surveys), count(full.Works))
	}
	if len(lite.Surveys) != 0 {
		t.Errorf("NetworkNoSurveys read surveys of %d ruas", len(lite.Surveys))
	}
	if len(lite.Ruas) != len(full.Ruas) {
		t.Fatalf("NetworkNoSurveys read %d ruas, Network %d", len(lite.Ruas), len(full.Ruas))
	}
	for i, r := range lite.Ruas {
		if r.Geometry != nil {
			t.Fatalf("ruas %s read with its geometry", r.Key)
		}
		want := *full.Ruas[i]
		want.Geometry = nil
		if a, b := js(t, r), js(t, &want); a != b {
			t.Errorf("ruas %d:\n%s\nwant\n%s", i, a, b)
		}
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"works", lite.Works, full.Works}, {"traffic", lite.Traffic, full.Traffic}, {"office", lite.Office, full.Office},
		{"hash", lite.Hash, full.Hash},
	} {
		if a, b := js(t, c.got), js(t, c.want); a != b {
			t.Errorf("%s: %.300s, Network gives %.300s", c.name, a, b)
		}
	}
}

func js(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPlanRunStream: the streamed result is the bytes PlanRunByID gives,
// the run the same but for Result, and a missing run is ErrNotFound.
func TestPlanRunStream(t *testing.T) {
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, _, err := st.PlanRunStream(ctx, 0); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("no plan yet: %v, want ErrNotFound", err)
	}
	result := []byte(`{"years":[{"year":2027,"works":[]}],"sections":` + strings.Repeat("1", 5000) + `}`)
	run := &roads.PlanRun{CreatedBy: "perencana", Method: "optimal", FromYear: 2027, Years: 1, SnapshotHash: "abc", Inputs: []byte(`{"from_year":2027}`), Result: result}
	if err := st.SavePlanRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	want, err := st.PlanRunByID(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, rc, err := st.PlanRunStream(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, want.Result) || !bytes.Equal(b, result) {
		t.Errorf("streamed %d bytes, PlanRunByID %d, saved %d", len(b), len(want.Result), len(result))
	}
	if got.Result != nil {
		t.Error("the streamed run holds its result too")
	}
	want.Result = nil
	if a, w := js(t, got), js(t, want); a != w {
		t.Errorf("run %s, want %s", a, w)
	}
	if _, _, err := st.PlanRunStream(ctx, want.ID+1); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("run %d: %v, want ErrNotFound", want.ID+1, err)
	}
}
