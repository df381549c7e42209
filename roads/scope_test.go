package roads

import "testing"

// TestScope: in a register of Provinsi Jawa Timur (35) holding Kota Blitar
// (35.72) and Kota Malang (35.73), each kota reads and writes its own ruas
// only; the province reads all three offices and writes only its own
// (regions under no kota office); a register of one office reaches all.
func TestScope(t *testing.T) {
	others := []string{"35.73", "35.72"}
	blitar := NewScope("35", others, "35.72")
	malang := NewScope("35", others, "35.73")
	prov := NewScope("35", others, "")
	cases := []struct {
		region           string
		owner            string
		blitarR, blitarW bool
		malangR, malangW bool
		provR, provW     bool
	}{
		{"35.72", "35.72", true, true, false, false, true, false},
		{"35.72.01", "35.72", true, true, false, false, true, false},
		{"35.73", "35.73", false, false, true, true, true, false},
		{"35", "35", false, false, false, false, true, true},
		{"35.07", "35", false, false, false, false, true, true},  // a kabupaten with no office of its own here
		{"35.720", "35", false, false, false, false, true, true}, // not under 35.72: codes nest by dots
		{"3572", "35", false, false, false, false, true, true},   // undotted code: under no kota office
		{"33.74", "35", false, false, false, false, true, true},  // outside every office: the register's own
	}
	for _, c := range cases {
		if got := prov.OwnerOf(c.region); got != c.owner {
			t.Errorf("owner of %s: %q, want %q", c.region, got, c.owner)
		}
		for _, x := range []struct {
			name string
			s    Scope
			r, w bool
		}{{"blitar", blitar, c.blitarR, c.blitarW}, {"malang", malang, c.malangR, c.malangW}, {"provinsi", prov, c.provR, c.provW}} {
			if x.s.Reads(c.region) != x.r || x.s.Writes(c.region) != x.w {
				t.Errorf("%s on %s: reads %v writes %v, want %v %v", x.name, c.region, x.s.Reads(c.region), x.s.Writes(c.region), x.r, x.w)
			}
		}
	}
	one := NewScope("35.72", nil, "35.72")
	if !one.All() || !one.Reads("33.74") || !one.Writes("anything") {
		t.Errorf("a register of one office must reach everything: %+v", one)
	}
	if !prov.ReadsOffice("35.72") || blitar.ReadsOffice("35.73") || blitar.ReadsOffice("35") {
		t.Error("ReadsOffice: the province reads its kota, a kota neither its sibling nor its province")
	}
	n := &Network{Ruas: []*Ruas{{ID: 1, Key: Key{Region: "35.72", No: "1"}}, {ID: 2, Key: Key{Region: "35.73", No: "1"}}},
		Surveys: map[int64][]*Survey{1: {{ID: 10}}, 2: {{ID: 20}}}}
	if w := n.Within(blitar); len(w.Ruas) != 1 || w.Ruas[0].ID != 1 || len(w.Surveys[2]) != 0 || len(w.Surveys[1]) != 1 {
		t.Errorf("Within(blitar): %d ruas, surveys %v", len(w.Ruas), w.Surveys)
	}
	if w := n.Within(prov); len(w.Ruas) != 2 {
		t.Errorf("Within(provinsi): %d ruas, want 2", len(w.Ruas))
	}
	if w := n.WritableBy(prov); len(w.Ruas) != 0 {
		t.Errorf("WritableBy(provinsi): %d ruas, want none (both are its kota's)", len(w.Ruas))
	}
	if w := n.WritableBy(malang); len(w.Ruas) != 1 || w.Ruas[0].ID != 2 {
		t.Errorf("WritableBy(malang): %d ruas, want ruas 2", len(w.Ruas))
	}
}
