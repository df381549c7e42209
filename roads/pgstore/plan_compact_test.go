package pgstore

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestPlanRunCompressedRoundTrip: a result given gzip-compressed (as the
// plan command streams it) reads back as the JSON that was compressed,
// byte for byte; bytes that are not gzip are refused and store nothing.
func TestPlanRunCompressedRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, nil)
	var b strings.Builder
	b.WriteString(`{"years":[`)
	for i := range 5000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"ruas_key":"99.01/%05d","cost_rp":%d,"justification":"Rehabilitasi – %d m; \u003cb\u003e"}`, i, i*1234567%98765432, i)
	}
	b.WriteString(`]}`)
	want := b.String()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(want))
	zw.Close()
	p := &roads.PlanRun{CreatedBy: "uji", Method: "optimal", FromYear: 2027, Years: 10, SnapshotHash: "abc", Inputs: []byte(`{"from_year":2027}`)}
	if err := s.SavePlanRunCompressed(ctx, p, gz.Bytes()); err != nil {
		t.Fatal(err)
	}
	if p.ID == 0 || p.Result != nil {
		t.Errorf("saved as id %d with result %d bytes; want an id and the caller's run untouched", p.ID, len(p.Result))
	}
	got, err := s.PlanRunByID(ctx, p.ID)
	if err != nil || string(got.Result) != want || got.Method != "optimal" {
		t.Fatalf("read back %d bytes (want %d), %v", len(got.Result), len(want), err)
	}
	if err := s.SavePlanRunCompressed(ctx, &roads.PlanRun{}, []byte(want)); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("plain JSON as compressed: %v", err)
	}
	if runs, _ := s.PlanRuns(ctx); len(runs) != 1 {
		t.Errorf("%d runs stored, want 1", len(runs))
	}
}
