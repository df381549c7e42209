package roads

import "testing"

// TestIsSynthetic: either mark makes a record synthetic; a mention of the
// words elsewhere, another case, or another source does not.
func TestIsSynthetic(t *testing.T) {
	cases := []struct {
		name string
		r    *Ruas
		want bool
	}{
		{"demo source, plain notes", &Ruas{Source: Source{File: "demo:synthetic"}}, true},
		{"notes mark, imported file", &Ruas{Notes: "DATA SINTETIS (demo) seed 1", Source: Source{File: "jalan.csv"}}, true},
		{"notes mark without (demo)", &Ruas{Notes: "DATA SINTETIS (benchmark)"}, true},
		{"official record", &Ruas{Notes: "Perbaikan 2024", Source: Source{File: "jalan.csv"}}, false},
		{"mark not at the start", &Ruas{Notes: "bukan DATA SINTETIS"}, false},
		{"lower case", &Ruas{Notes: "data sintetis"}, false},
		{"another demo-like source", &Ruas{Source: Source{File: "demo:real"}}, false},
		{"nil", nil, false},
	}
	for _, c := range cases {
		if got := IsSynthetic(c.r); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
