package data

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

type testTable struct {
	Version   string         `json:"version"`
	ValidFrom int            `json:"valid_from"`
	Classes   []string       `json:"classes"`
	Extra     map[string]int `json:"extra"`
}

// TestDecode: a table without its version, with a required field missing
// or null, with a misspelt field (strict), or not JSON at all is refused
// with ErrTable and a message naming the file and what is missing.
func TestDecode(t *testing.T) {
	spec := Spec{Kind: "test", Required: []string{"classes"}, Strict: true}
	cases := []struct {
		name, json, want string
	}{
		{"ok", `{"version":"t.1","valid_from":2024,"classes":["a"]}`, ""},
		{"no version", `{"classes":["a"]}`, "no version"},
		{"empty version", `{"version":" ","classes":["a"]}`, "no version"},
		{"version a number", `{"version":3,"classes":["a"]}`, "no version"},
		{"missing required", `{"version":"t.1"}`, "lacks classes"},
		{"null required", `{"version":"t.1","classes":null}`, "lacks classes"},
		{"misspelt field", `{"version":"t.1","classes":["a"],"clases":["b"]}`, `unknown field "clases"`},
		{"bad valid_from", `{"version":"t.1","classes":["a"],"valid_from":"2024"}`, "valid_from must be a year"},
		{"not an object", `[1,2]`, "not a JSON object"},
		{"wrong type", `{"version":"t.1","classes":"a"}`, "cannot unmarshal"},
	}
	for _, c := range cases {
		tb, m, err := Decode[testTable](spec, "rules/test_x.json", []byte(c.json))
		if c.want == "" {
			if err != nil || tb.Version != "t.1" || m.Version != "t.1" || m.Key != "t.1" || m.ValidFrom != 2024 {
				t.Errorf("%s: %+v %+v %v", c.name, tb, m, err)
			}
			continue
		}
		if !errors.Is(err, ErrTable) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "rules/test_x.json") {
			t.Errorf("%s: %v, want ErrTable naming the file and %q", c.name, err, c.want)
		}
	}
	// Without Strict an unknown field is read past.
	if _, _, err := Decode[testTable](Spec{Kind: "test"}, "x", []byte(`{"version":"t.1","other":1}`)); err != nil {
		t.Errorf("lenient: %v", err)
	}
	// Key: a table looked up by another field must have it.
	if _, m, err := Decode[testTable](Spec{Kind: "test", Key: "scheme"}, "x", []byte(`{"version":"t.1","scheme":"bm"}`)); err != nil || m.Key != "bm" {
		t.Errorf("key: %+v %v", m, err)
	}
	if _, _, err := Decode[testTable](Spec{Kind: "test", Key: "scheme"}, "x", []byte(`{"version":"t.1"}`)); !errors.Is(err, ErrTable) {
		t.Errorf("missing key: %v", err)
	}
}

// TestTables reads the embedded condition rules: both versions, the
// newest the one with the higher version at the same valid_from (both
// apply from 2011), an unknown version refused with ErrUnknown listing
// the known ones, and a Check failure refusing the kind.
func TestTables(t *testing.T) {
	ts := Tables[testTable]{Spec: Spec{Kind: "condition rules", Pattern: "rules/condition_*.json"}}
	keys, err := ts.Keys()
	if err != nil || !slices.Equal(keys, []string{"bm-smd03-2011.1", "bm-smd03-2011.2"}) {
		t.Fatalf("keys %v %v", keys, err)
	}
	newest, err := ts.Get("")
	if err != nil || newest.Version != "bm-smd03-2011.2" || newest.ValidFrom != 2011 {
		t.Errorf("newest %+v %v", newest, err)
	}
	old, err := ts.Get("bm-smd03-2011.1")
	if err != nil || old.Version != "bm-smd03-2011.1" {
		t.Errorf("named %+v %v", old, err)
	}
	if _, err := ts.Get("bm-1970"); !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "bm-smd03-2011.1, bm-smd03-2011.2") {
		t.Errorf("unknown: %v", err)
	}
	bad := Tables[testTable]{Spec: Spec{Kind: "condition rules", Pattern: "rules/condition_*.json"},
		Check: func(*testTable) error { return errors.New("no good") }}
	if _, err := bad.Get(""); !errors.Is(err, ErrTable) || !strings.Contains(err.Error(), "no good") || !strings.Contains(err.Error(), "rules/condition_") {
		t.Errorf("check: %v", err)
	}
	none := Tables[testTable]{Spec: Spec{Kind: "nothing", Pattern: "rules/nothing_*.json"}}
	if _, err := none.Get(""); !errors.Is(err, ErrTable) {
		t.Errorf("no tables: %v", err)
	}
}

// TestEveryRuleTableVersioned: every embedded rules/*.json carries its
// version, so every kind can be read by the one loader.
func TestEveryRuleTableVersioned(t *testing.T) {
	paths, err := fs.Glob(FS, "rules/*.json")
	if err != nil || len(paths) < 11 {
		t.Fatalf("%d tables, %v", len(paths), err)
	}
	for _, p := range paths {
		b, _ := FS.ReadFile(p)
		if _, _, err := Decode[map[string]any](Spec{Kind: "rule"}, p, b); err != nil {
			t.Error(err)
		}
	}
}
