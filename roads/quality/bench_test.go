package quality

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// BenchmarkCheck runs the whole report over the demo city (261 ruas,
// 14,490 survey units, ≈ 48,000 checks).
func BenchmarkCheck(b *testing.B) {
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, filepath.Join(b.TempDir(), "q.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	asOf := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC) // the day the demo is made
	if _, err := demo.Fill(ctx, s, demo.DefaultSeed, func() time.Time { return asOf }); err != nil {
		b.Fatal(err)
	}
	net, err := s.Network(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Check(net, asOf)
	}
}
