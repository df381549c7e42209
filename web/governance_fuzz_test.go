package web

import (
	"encoding/json"
	"testing"
)

// FuzzParseItems: whatever the verification form sends as items, parsing
// does not panic, and what it accepts names known entities and positive ids.
func FuzzParseItems(f *testing.F) {
	for _, s := range []string{"ruas:1", "survey:1,2,3", "works:", ":", "traffic:-1", "x:1", "survey:1,,2", "ruas:99999999999999999999"} {
		f.Add(s)
	}
	l := Locale{ID}
	f.Fuzz(func(t *testing.T, s string) {
		ids, n, err := parseItems(l, []string{s})
		if err != nil {
			return
		}
		if n != 1 {
			t.Fatalf("%q: %d items", s, n)
		}
		for e, list := range ids {
			if !contains([]string{"ruas", "survey", "works", "traffic"}, string(e)) {
				t.Fatalf("%q: accepted entity %q", s, e)
			}
			for _, id := range list {
				if id <= 0 {
					t.Fatalf("%q: accepted id %d", s, id)
				}
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
