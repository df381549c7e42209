package roads

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// bulkBatch is a batch with new ruas, a ruas twice, surveys of both kinds
// and a survey of a ruas stored before the batch.
func bulkBatch(round int) *Batch {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	day := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	b := &Batch{}
	for i := 0; i < 5; i++ {
		r := sampleRuas(fmt.Sprintf("%03d", i+1))
		r.Source = Source{File: "f.csv", Row: i + 1, At: at}
		if round > 0 && i%2 == 0 {
			r.WidthM = 8 // changed in the second round
			r.Geometry = orb.LineString{{112.16, -8.1}, {112.18, -8.1}}
		}
		b.Ruas = append(b.Ruas, r)
		b.Surveys = append(b.Surveys, &Survey{Ruas: r.Key, Date: day, StaToM: 1200, Scheme: SchemeDesa4,
			Parts: [4]float64{600, 300, float64(200 + 100*(round%2)*(i%2)), float64(100 - 100*(round%2)*(i%2))}, Source: r.Source})
		b.Surveys = append(b.Surveys, &Survey{Ruas: r.Key, Date: day, StaFromM: 0, StaToM: 100, Distress: &Distress{IRI: f(3 + float64(round))}, Source: r.Source})
	}
	again := sampleRuas("003")
	again.Name = "Jl. Ulang"
	again.Source = Source{File: "f.csv", Row: 9, At: at}
	b.Ruas = append(b.Ruas, again)
	b.Surveys = append(b.Surveys, &Survey{Ruas: Key{"35.72", "900"}, Date: day, StaToM: 50, Scheme: SchemeBinaMarga, Parts: [4]float64{50}, Source: again.Source})
	return b
}

// dump returns every row of the register's tables as text, without the
// columns that hold the wall-clock time of the write.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var out strings.Builder
	for _, q := range []string{
		`SELECT * FROM ruas ORDER BY id`,
		`SELECT * FROM survey ORDER BY id`,
		`SELECT action, entity, entity_id, ruas_id, actor, origin, json_remove(coalesce(before, '{}'), '$.updated_at'), json_remove(coalesce(after, '{}'), '$.updated_at') FROM audit ORDER BY id`,
	} {
		err := s.read(context.Background(), func(tx *sql.Tx) error {
			rows, err := tx.Query(q)
			if err != nil {
				return err
			}
			defer rows.Close()
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					return err
				}
				for i, c := range cols {
					if c == "updated_at" {
						continue
					}
					fmt.Fprintf(&out, "%s=%v ", c, vals[i])
				}
				out.WriteByte('\n')
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out.String()
}

// TestApplyBulkMatchesApply writes the same batches through Apply and
// ApplyBulk into two registers and requires identical rows, audit trail
// and counts: ApplyBulk repeats Apply's statements and must not drift
// from them when the schema or Apply changes.
func TestApplyBulkMatchesApply(t *testing.T) {
	ctx := context.Background()
	stores := make([]*Store, 2)
	for i := range stores {
		s, err := Open(ctx, filepath.Join(t.TempDir(), "ruas.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		pre := sampleRuas("900")
		pre.Source = Source{Form: "ruas", User: "budi", At: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		if err := s.CreateRuas(ctx, pre); err != nil {
			t.Fatal(err)
		}
		stores[i] = s
	}
	for round := 0; round < 3; round++ {
		var stats [2]ApplyStats
		for i, s := range stores {
			b := bulkBatch(round)
			if problems, err := b.Prepare(); err != nil || len(problems) > 0 {
				t.Fatalf("prepare: %v %v", problems, err)
			}
			apply := s.Apply
			if i == 1 {
				apply = s.ApplyBulk
			}
			st, err := apply(ctx, b, nil)
			if err != nil {
				t.Fatalf("round %d, path %d: %v", round, i, err)
			}
			stats[i] = st
		}
		if stats[0] != stats[1] {
			t.Errorf("round %d: Apply counted %+v, ApplyBulk %+v", round, stats[0], stats[1])
		}
		if diff := cmp.Diff(dump(t, stores[0]), dump(t, stores[1])); diff != "" {
			t.Errorf("round %d: registers differ (-Apply +ApplyBulk):\n%s", round, diff)
		}
	}
	if got := dump(t, stores[1]); !strings.Contains(got, "name=Jl. Ulang") {
		t.Error("the repeated key in a batch did not update the row as Apply does")
	}
}
