package sqlitestore_test

import (
	"context"
	"encoding/json"
	"path/filepath"
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
