package sqlitestore

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// f is a pointer to v, for optional figures in test literals.
func f(v float64) *float64 { return &v }

func sampleRuas(no string) *roads.Ruas {
	return &roads.Ruas{
		Key: roads.Key{Region: "35.72", No: no}, Name: "Jl. Merdeka", Status: roads.Kota, Fungsi: roads.Kolektor, Surface: roads.Aspal,
		WidthM: 6, LengthM: 1200, KecamatanCode: "35.72.02", Kecamatan: "Sukorejo",
		Geometry: orb.LineString{{112.160, -8.100}, {112.170, -8.100}},
	}
}
