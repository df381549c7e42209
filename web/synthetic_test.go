package web

import (
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// TestSyntheticOneRule: a ruas marked synthetic only by its source (no
// notes) is synthetic on the dashboard count, the register list and the
// ruas page, as it is in the publish package's reports; the web used to
// look at the notes alone.
func TestSyntheticOneRule(t *testing.T) {
	bySource := &roads.Ruas{ID: 1, Key: roads.Key{Region: "35.72", No: "001"}, Status: roads.Kota, LengthM: 300,
		Source: roads.Source{File: roads.SyntheticSource}}
	byNotes := &roads.Ruas{ID: 2, Key: roads.Key{Region: "35.72", No: "002"}, Status: roads.Kota, LengthM: 300, Notes: roads.SyntheticNotes + " (uji)"}
	official := &roads.Ruas{ID: 3, Key: roads.Key{Region: "35.72", No: "003"}, Status: roads.Kota, LengthM: 300, Notes: "Jalan lingkungan"}
	net := &roads.Network{Ruas: []*roads.Ruas{bySource, byNotes, official}, Surveys: map[int64][]*roads.Survey{}}
	if got := summarize(net, testNow).Synthetic; got != 2 {
		t.Errorf("dashboard counts %d synthetic ruas, want 2", got)
	}
	for _, r := range net.Ruas {
		want := r != official
		if synthetic(r) != want || newRuasDoc(r).Synthetic != want {
			t.Errorf("ruas %s: list %v, page %v, want %v", r.Key, synthetic(r), newRuasDoc(r).Synthetic, want)
		}
	}
}
