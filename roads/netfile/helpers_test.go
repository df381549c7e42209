package netfile

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/kotablitar/ruas/data/shared"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// realDataPath is where a real-data file lives ("" when no module root is found).
func realDataPath(rel string) string {
	if shared.Dir() == "" {
		return ""
	}
	return filepath.Join(shared.Dir(), "real-data", rel)
}

// realData returns the path of a real-data file, skipping the test when it
// is missing — unless CI is set, when a missing file is a failure.
func realData(t testing.TB, rel string) string {
	t.Helper()
	p := realDataPath(rel)
	if _, err := os.Stat(p); p == "" || err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real data %s missing at %q: %v", rel, p, err)
		}
		t.Skipf("real data %s missing (%v); it lives in ../shared/real-data beside the module", rel, err)
	}
	return p
}

// copyTo copies src into dir (real data is read-only; the importer writes
// its rejects file beside the input) and returns the copy's path.
func copyTo(t testing.TB, src, dir string) string {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	dst := filepath.Join(dir, filepath.Base(src))
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

func openStore(t testing.TB, dir string) *sqlitestore.Store {
	t.Helper()
	st, err := sqlitestore.Open(context.Background(), filepath.Join(dir, "ruas.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// writeGeneratedGeoJSON writes n synthetic ruas with condition columns and
// 8-point lines around Kota Blitar (seeded, so every run is the same) and
// returns the path.
func writeGeneratedGeoJSON(t testing.TB, dir string, n int) string {
	t.Helper()
	p := filepath.Join(dir, fmt.Sprintf("generated_%d.geojson", n))
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	surfaces := []string{"Aspal", "Hotmix", "Beton", "Paving", "Lapen", "Tanah"}
	fmt.Fprint(f, `{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			fmt.Fprint(f, ",")
		}
		lon, lat := 112.10+rng.Float64()*0.15, -8.15+rng.Float64()*0.12
		coords := ""
		for k := 0; k < 8; k++ {
			if k > 0 {
				coords += ","
			}
			coords += fmt.Sprintf("[%.7f,%.7f]", lon, lat)
			lon += (rng.Float64() - 0.3) * 0.001
			lat += (rng.Float64() - 0.5) * 0.001
		}
		total := float64(200 + rng.IntN(3000))
		b := float64(rng.IntN(int(total) + 1))
		s := float64(rng.IntN(int(total-b) + 1))
		rr := float64(rng.IntN(int(total-b-s) + 1))
		rb := total - b - s - rr
		fmt.Fprintf(f, "\n"+`{"type":"Feature","properties":{"NO RUAS":"%05d","NAMA RUAS":"Jl. Sintetis %d","STATUS":"kota","FUNGSI":"lokal",`+
			`"PANJANG (m)":%g,"LEBAR (m)":%g,"JENIS PERKERASAN":"%s","BAIK":%g,"SEDANG":%g,"RUSAK RINGAN":%g,"RUSAK BERAT":%g,"TANGGAL SURVEI":"2025-06-30"},`+
			`"geometry":{"type":"LineString","coordinates":[%s]}}`,
			i+1, i+1, total, 4+float64(rng.IntN(5)), surfaces[rng.IntN(len(surfaces))], b, s, rr, rb, coords)
	}
	fmt.Fprint(f, "\n]}\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}
