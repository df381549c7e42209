package publish

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"
	"testing/iotest"
)

// TestStreamYearsSameAsWhole decodes the demo plan's stored result and a
// result with awkward strings through streamYears, whole and one byte per
// read (so every token is cut by a buffer end somewhere), and compares
// the decoded results with decodeYears', which TestLoadYearsSameSIPD ties
// to json.Unmarshal of the whole result.
func TestStreamYearsSameAsWhole(t *testing.T) {
	demo, full := demoSource(t)
	tricky := []byte(`{ "notes" : ["a \"]}\" b", "c\\"], "years" : [ {"year":2027,"works":[{"ruas_name":"Jl. \"[x]\" \\"}]} ,
	{"spent_rp":9,"year":2028,"works":[{"ruas_name":"}]{\\\""}]}, {"year":2029,"spent_rp":1e3} ], "benefit_definition":"q}" , "sections":12}` + "\n")
	cases := []struct {
		name string
		data []byte
		keep []int
	}{
		{"demo", demo.run.Result, []int{full.FromYear() + 1, full.FromYear() + 2}},
		{"demo, last year", demo.run.Result, []int{full.LastYear()}},
		{"tricky 2027", tricky, []int{2027}},
		{"tricky 2028", tricky, []int{2028}},
		{"tricky 2029", tricky, []int{2029, 2030}},
	}
	for _, c := range cases {
		keep := map[int]bool{}
		for _, y := range c.keep {
			keep[y] = true
		}
		want, err := decodeYears(c.data, keep)
		if err != nil {
			t.Fatal(err)
		}
		wj, _ := json.Marshal(want)
		for _, r := range []io.Reader{bytes.NewReader(c.data), iotest.OneByteReader(bytes.NewReader(c.data))} {
			got, err := streamYears(r, keep)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if gj, _ := json.Marshal(got); !bytes.Equal(gj, wj) {
				t.Errorf("%s: streamed %.400s\nwant %.400s", c.name, gj, wj)
			}
		}
	}
	for _, bad := range []string{`{"years":[{"year":2027}`, `{"years":[{"year":2027}]} x`, `[1]`, `{"years":[{"year":2027,"works":"x}]}`} {
		if _, err := streamYears(bytes.NewReader([]byte(bad)), map[int]bool{}); err == nil {
			t.Errorf("%s decoded without error", bad)
		}
	}
}
