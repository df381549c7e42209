package quality

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// BenchmarkCheck runs the whole report over the demo city (261 ruas,
// 14,490 survey units, ≈ 48,000 checks).
func BenchmarkCheck(b *testing.B) {
	f, err := os.Open(filepath.Join("..", "demo", "testdata", "network.json.gz")) // the demo as a register reads it
	if err != nil {
		b.Fatal(err)
	}
	net, err := roads.ReadNetwork(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	asOf := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC) // the day the demo is made
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Check(net, asOf)
	}
}
