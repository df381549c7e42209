package roads

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/paulmach/orb"
)

// TestNetworkFileRoundTrip: every kind of record, a geometry of each
// stored kind, an office with a boundary and outlines, a pointer to zero
// and an empty list come back equal.
func TestNetworkFileRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	iri, zero := 7.5, 0.0
	n := &Network{
		Ruas: []*Ruas{
			{ID: 1, Key: Key{Region: "35.72", No: "001"}, Name: "Jl. A", Status: Kota, Surface: Aspal, LengthM: 1000,
				Geometry: orb.LineString{{112.1, -8.1}, {112.2, -8.1}}, Version: 2, UpdatedAt: at, Verif: Verification{State: Verified, By: "w", At: at}},
			{ID: 2, Key: Key{Region: "35.72", No: "002"}, Geometry: orb.MultiLineString{{{112.1, -8.1}, {112.2, -8.2}}}},
			{ID: 3, Key: Key{Region: "35.72", No: "003"}},
		},
		Surveys: map[int64][]*Survey{1: {{ID: 9, RuasID: 1, Ruas: Key{Region: "35.72", No: "001"}, Date: at, StaToM: 1000,
			Distress: &Distress{IRI: &iri}, Assessment: Assessment{SDI: &zero, Steps: []string{}}, Source: Source{User: "u", At: at}}}},
		Works:   map[int64][]*Works{1: {{ID: 4, RuasID: 1, Date: at, Type: Berkala, CostRp: 1e8, Committed: true}}},
		Traffic: map[int64][]*Traffic{1: {{ID: 5, RuasID: 1, Year: 2025, LHR: 1200}}},
		Hash:    "abc", ReadAt: at, VerifiedOnly: true,
		Office: Office{Region: "35.72", Name: "Kota Blitar", Boundary: orb.Polygon{{{112, -8}, {113, -8}, {113, -9}, {112, -8}}},
			Outlines: []Outline{{Code: "35.72.01", Geometry: orb.MultiPolygon{{{{112, -8}, {113, -8}, {113, -9}, {112, -8}}}}}, {Code: "35.72.02"}}},
	}
	var buf bytes.Buffer
	if err := WriteNetwork(&buf, n); err != nil {
		t.Fatal(err)
	}
	got, err := ReadNetwork(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(n, got); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
	if _, err := ReadNetwork(bytes.NewReader([]byte("not a network"))); err == nil {
		t.Error("garbage read as a network")
	}
}
