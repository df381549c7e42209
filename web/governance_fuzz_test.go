package web

import (
	"encoding/json"
	"testing"
)

// FuzzParseItems: whatever the verification form sends as items, parsing
// does not panic, and what it accepts names known entities, positive ids
// and revisions that are positive or absent (0).
func FuzzParseItems(f *testing.F) {
	for _, s := range []string{"ruas:1", "survey:1,2,3", "works:", ":", "traffic:-1", "x:1", "survey:1,,2", "ruas:99999999999999999999", "ruas:1@5", "survey:1@2,3@4", "ruas:1@", "ruas:1@-3", "ruas:@4"} {
		f.Add(s)
	}
	l := Locale{ID}
	f.Fuzz(func(t *testing.T, s string) {
		items, n, err := parseItems(l, []string{s})
		if err != nil {
			return
		}
		if n != 1 {
			t.Fatalf("%q: %d items", s, n)
		}
		for _, it := range items {
			if !contains([]string{"ruas", "survey", "works", "traffic"}, string(it.Entity)) {
				t.Fatalf("%q: accepted entity %q", s, it.Entity)
			}
			if it.ID <= 0 || it.Revision < 0 {
				t.Fatalf("%q: accepted id %d revision %d", s, it.ID, it.Revision)
			}
		}
	})
}

// FuzzDiffJSON: any pair of audit rows compares without panicking, and a
// row compared with itself shows no change.
func FuzzDiffJSON(f *testing.F) {
	f.Add(`{"name":"A","width_m":6}`, `{"name":"B","width_m":6.5}`)
	f.Add(``, `{"a":null,"b":[1,2],"c":{"d":1}}`)
	f.Add(`not json`, `{"x":1e400}`)
	f.Fuzz(func(t *testing.T, before, after string) {
		diffJSON(json.RawMessage(before), json.RawMessage(after))
		if json.Valid([]byte(after)) {
			if c := diffJSON(json.RawMessage(after), json.RawMessage(after)); len(c) != 0 {
				t.Fatalf("%q against itself: %v", after, c)
			}
		}
	})
}
