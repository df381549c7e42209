package netfile

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// haversine is the great-circle distance in metres on a sphere of the
// IUGG mean radius — written here so the test does not lean on orb/geo,
// which the store uses (radius 6,378,137 m: 0.1 % longer).
func haversine(lon1, lat1, lon2, lat2 float64) float64 {
	const r = 6371008.8
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(h))
}

// featureLengths reads a GeoJSON file with encoding/json and sums each
// feature's line length per "nomor".
func featureLengths(t *testing.T, path string) map[string]float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
			Geometry   struct {
				Type        string      `json:"type"`
				Coordinates [][]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range fc.Features {
		if f.Geometry.Type != "LineString" {
			t.Fatalf("unexpected geometry %s", f.Geometry.Type)
		}
		c := f.Geometry.Coordinates
		var l float64
		for i := 1; i < len(c); i++ {
			l += haversine(c[i-1][0], c[i-1][1], c[i][0], c[i][1])
		}
		out[fmt.Sprint(f.Properties["nomor"])] += l
	}
	return out
}

func TestBojonegoro(t *testing.T) {
	kab := realData(t, "indonesia/bojonegoro_ruaskab.geojson")
	kota := realData(t, "indonesia/bojonegoro_ruaskota.geojson")
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	// Atomic: both files must import whole.
	rep, err := Import(ctx, st, []string{kab, kota}, Options{})
	if err != nil {
		for _, f := range rep.Files {
			for _, e := range f.Errors {
				t.Log(e.Text(f.Name))
			}
		}
		t.Fatal(err)
	}
	net, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[roads.Key]*roads.Ruas{}
	for _, r := range net.Ruas {
		stored[r.Key] = r
	}
	for i, tc := range []struct {
		path, region string
		features     int
	}{{kab, "BOJONEGORO_RUASKAB", 155}, {kota, "BOJONEGORO_RUASKOTA", 67}} {
		fr := rep.Files[i]
		if fr.Rows != tc.features || fr.Imported != tc.features || fr.Rejected != 0 {
			t.Errorf("%s: rows %d imported %d rejected %d, want all %d imported", fr.Name, fr.Rows, fr.Imported, fr.Rejected, tc.features)
		}
		want := featureLengths(t, tc.path)
		for no, l := range want {
			r := stored[roads.Key{Region: tc.region, No: no}]
			if r == nil {
				t.Errorf("%s: ruas nomor %s not stored", fr.Name, no)
				continue
			}
			if r.LengthM != 0 || r.Length() != r.GeomLengthM {
				t.Errorf("ruas %s: official length %g, Length %g; want the geometry's length", r.Key, r.LengthM, r.Length())
			}
			if math.Abs(r.GeomLengthM-l) > 0.005*l || l == 0 {
				t.Errorf("ruas %s: stored length %.1f m, haversine %.1f m", r.Key, r.GeomLengthM, l)
			}
		}
	}
	if len(net.Ruas) != 153+66 {
		t.Errorf("%d ruas stored; want 219 (three pieces of nomor 142 and two of Trunojoyo joined)", len(net.Ruas))
	}
	if g := stored[roads.Key{Region: "BOJONEGORO_RUASKAB", No: "142"}]; g == nil || g.Geometry.GeoJSONType() != "MultiLineString" {
		t.Errorf("nomor 142 (three pieces in the file) is not one MultiLineString ruas: %v", g)
	}
	t.Run("round trip", func(t *testing.T) { roundTrip(t, st, ".geojson") })

	t.Run("one region for both files", func(t *testing.T) {
		// The files number their links separately; forcing one region
		// makes them collide, and every collision is named.
		st := openStore(t, t.TempDir())
		rep, err := Import(ctx, st, []string{kab, kota}, Options{Region: "BOJONEGORO"})
		if !errors.Is(err, ErrRowsInvalid) {
			t.Fatalf("err = %v, want ErrRowsInvalid", err)
		}
		var dups int
		for _, e := range rep.Files[1].Errors {
			if e.Category == CatDuplicate && strings.Contains(e.Message, "bojonegoro_ruaskab.geojson") {
				dups++
			}
		}
		if dups == 0 {
			t.Error("no duplicate_key error names the other file")
		}
		if n, _ := st.CountRuas(ctx, roads.RuasFilter{}); n != 0 {
			t.Errorf("%d ruas written by a refused import", n)
		}
	})
}
