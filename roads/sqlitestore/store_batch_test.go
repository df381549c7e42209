package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
)

// bulkBatch is a batch with new ruas, a ruas twice, surveys of both kinds
// and a survey of a ruas stored before the batch.
func bulkBatch(round int) *roads.Batch {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	day := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	b := &roads.Batch{}
	for i := 0; i < 5; i++ {
		r := sampleRuas(fmt.Sprintf("%03d", i+1))
		r.Source = roads.Source{File: "f.csv", Row: i + 1, At: at}
		if round > 0 && i%2 == 0 {
			r.WidthM = 8 // changed in the second round
			r.Geometry = orb.LineString{{112.16, -8.1}, {112.18, -8.1}}
		}
		b.Ruas = append(b.Ruas, r)
		b.Surveys = append(b.Surveys, &roads.Survey{Ruas: r.Key, Date: day, StaToM: 1200, Scheme: roads.SchemeDesa4,
			Parts: [4]float64{600, 300, float64(200 + 100*(round%2)*(i%2)), float64(100 - 100*(round%2)*(i%2))}, Source: r.Source})
		b.Surveys = append(b.Surveys, &roads.Survey{Ruas: r.Key, Date: day, StaFromM: 0, StaToM: 100, Distress: &roads.Distress{IRI: f(3 + float64(round))}, Source: r.Source})
	}
	again := sampleRuas("003")
	again.Name = "Jl. Ulang"
	again.Source = roads.Source{File: "f.csv", Row: 9, At: at}
	b.Ruas = append(b.Ruas, again)
	b.Surveys = append(b.Surveys, &roads.Survey{Ruas: roads.Key{Region: "35.72", No: "900"}, Date: day, StaToM: 50, Scheme: roads.SchemeBinaMarga, Parts: [4]float64{50}, Source: again.Source})
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

// TestApplyRounds applies batches with new ruas, a key twice, surveys of
// both kinds and a survey of a ruas stored before, then applies the same
// batch again: the repeat changes no survey and no unchanged ruas.
func TestApplyRounds(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	pre := sampleRuas("900")
	pre.Source = roads.Source{Form: "ruas", User: "budi"}
	if err := s.CreateRuas(ctx, pre); err != nil {
		t.Fatal(err)
	}
	apply := func(round int) roads.ApplyStats {
		t.Helper()
		b := bulkBatch(round)
		if problems, err := b.Prepare(); err != nil || len(problems) > 0 {
			t.Fatalf("prepare: %v %v", problems, err)
		}
		st, err := s.Apply(ctx, b, nil)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		return st
	}
	st := apply(0)
	if st.Ruas != (roads.Counts{Created: 5, Updated: 1}) || st.Surveys != (roads.Counts{Created: 11}) {
		t.Errorf("first batch: %+v", st)
	}
	if got := dump(t, s); !strings.Contains(got, "name=Jl. Ulang") {
		t.Error("the repeated key in a batch did not update the row")
	}
	apply(1)
	before := dump(t, s)
	st = apply(1)
	// 003 appears twice with different names, so it is updated twice in
	// every batch; the other four ruas and all eleven surveys stand.
	if st.Ruas != (roads.Counts{Updated: 2, Unchanged: 4}) || st.Surveys != (roads.Counts{Unchanged: 11}) {
		t.Errorf("same batch again: %+v", st)
	}
	after := dump(t, s)
	if strings.Count(after, "\n")-strings.Count(before, "\n") != 2 {
		t.Errorf("re-applying added %d rows (want only the two audit entries of 003's updates)", strings.Count(after, "\n")-strings.Count(before, "\n"))
	}
}

// TestApplyLargeBatch crosses the bulk threshold: keys read once, new ruas
// inserted without look-ups, a repeated key still updated.
func TestApplyLargeBatch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	b := &roads.Batch{}
	for i := range bulkRuas + 5 {
		b.Ruas = append(b.Ruas, sampleRuas(fmt.Sprintf("%05d", i)))
	}
	again := sampleRuas("00003")
	again.Name = "Jl. Ulang"
	b.Ruas = append(b.Ruas, again)
	b.Prepare()
	st, err := s.Apply(ctx, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Ruas != (roads.Counts{Created: bulkRuas + 5, Updated: 1}) {
		t.Errorf("counts %+v", st.Ruas)
	}
	if r, _ := s.Ruas(ctx, roads.Key{Region: "35.72", No: "00003"}); r.Name != "Jl. Ulang" || r.Version != 2 {
		t.Errorf("repeated key: %q v%d", r.Name, r.Version)
	}
}
