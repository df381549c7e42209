package publish

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/planner"
)

// TestLoadYearsSameSIPD writes the SIPD usulan of every year of the demo
// plan (and one year past it) from a Source that decoded every year (Load)
// and from one that decoded the usulan's year and the next only
// (LoadYears, as `ruas export sipd` reads it): the files must be the same
// bytes, and the errors the same text.
func TestLoadYearsSameSIPD(t *testing.T) {
	demo, full := demoSource(t)
	if len(full.Result.Plan) < 3 {
		t.Fatalf("the demo plan has %d years; the test needs at least 3", len(full.Result.Plan))
	}
	write := func(src *Source, year int) (files [3][]byte, err error) {
		u, err := SIPD(src, year, "", "")
		if err != nil {
			return files, err
		}
		var b bytes.Buffer
		for i, w := range []func(*bytes.Buffer) error{
			func(b *bytes.Buffer) error { return u.WriteXLSX(b) },
			func(b *bytes.Buffer) error { return u.WriteCSV(b) },
			func(b *bytes.Buffer) error { return u.WriteCSVMachine(b) },
		} {
			b.Reset()
			if err := w(&b); err != nil {
				return files, err
			}
			files[i] = bytes.Clone(b.Bytes())
		}
		return files, nil
	}
	first := full.FromYear()
	for year := first; year <= full.LastYear()+1; year++ {
		part, err := LoadYears(demo.run, demo.net, false, year, year+1)
		if err != nil {
			t.Fatal(err)
		}
		// The years not asked for are not decoded: no works.
		undecoded := 0
		for _, yr := range part.Result.Plan {
			if yr.Year != year && yr.Year != year+1 {
				undecoded++
				if len(yr.Works) != 0 || yr.SpentRp != 0 {
					t.Errorf("year %d decoded although only %d and %d were asked for", yr.Year, year, year+1)
				}
			}
		}
		if want := len(full.Result.Plan) - countIn(full, year, year+1); undecoded != want {
			t.Errorf("year %d: %d years left undecoded, want %d", year, undecoded, want)
		}
		want, werr := write(full, year)
		got, gerr := write(part, year)
		if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
			t.Fatalf("year %d: error %v from the full decoding, %v from LoadYears", year, werr, gerr)
		}
		if werr != nil {
			if year <= full.LastYear() {
				t.Fatalf("year %d: %v", year, werr)
			}
			continue
		}
		if len(want[0]) == 0 || !strings.Contains(string(want[1]), ";") {
			t.Fatalf("year %d: an empty usulan proves nothing", year)
		}
		for i, name := range []string{"xlsx", "csv", "csv-machine"} {
			if !bytes.Equal(want[i], got[i]) {
				t.Errorf("year %d: %s differs (%d bytes from the full decoding, %d from LoadYears)", year, name, len(want[i]), len(got[i]))
			}
		}
	}
	// A year that was not decoded is refused, never read as empty.
	part, err := LoadYears(demo.run, demo.net, false, first)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := part.PlanYear(first + 1); err == nil {
		t.Errorf("PlanYear(%d) of a Source that decoded %d only gave no error", first+1, first)
	}
}

func countIn(src *Source, years ...int) (n int) {
	for _, yr := range src.Result.Plan {
		for _, y := range years {
			if yr.Year == y {
				n++
			}
		}
	}
	return n
}

// TestDecodeYearsYearNotFirst decodes a plan year whose "year" key is not
// the first (a result written by hand or by another tool): it is decoded
// whole, never mistaken for another year.
func TestDecodeYearsYearNotFirst(t *testing.T) {
	res, err := decodeYears([]byte(`{"years":[{"spent_rp":5,"year":2027},{"year":2028,"spent_rp":7}],"sections":3}`), map[int]bool{2027: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sections != 3 || len(res.Plan) != 2 || res.Plan[0].Year != 2027 || res.Plan[0].SpentRp != 5 || res.Plan[1].Year != 2028 || res.Plan[1].SpentRp != 0 {
		b, _ := json.Marshal(res.Plan)
		t.Errorf("decoded %d sections, years %s", res.Sections, b)
	}
}

// TestDecodeYearsStrings cuts a result whose strings hold quotes,
// backslashes and brackets, with spaces between tokens: the years kept
// decode as json.Unmarshal decodes them, and the rest of the result too.
func TestDecodeYearsStrings(t *testing.T) {
	in := `{ "notes" : ["a \"]}\" b", "c\\"], "years" : [ {"year":2027,"works":[{"ruas_name":"Jl. \"[x]\" \\"}]} ,
	{"year":2028,"works":[{"ruas_name":"}]{\\\""}]} ], "benefit_definition":"q}"}`
	var want planner.Result
	if err := json.Unmarshal([]byte(in), &want); err != nil {
		t.Fatal(err)
	}
	for _, keep := range []int{2027, 2028} {
		got, err := decodeYears([]byte(in), map[int]bool{keep: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Plan) != 2 || strings.Join(got.Notes, "|") != strings.Join(want.Notes, "|") || got.Benefit != want.Benefit {
			t.Fatalf("keep %d: %d years, notes %q, benefit %q; want 2, %q, %q", keep, len(got.Plan), got.Notes, got.Benefit, want.Notes, want.Benefit)
		}
		for i := range got.Plan {
			g, _ := json.Marshal(got.Plan[i])
			w, _ := json.Marshal(want.Plan[i])
			if want.Plan[i].Year != keep {
				w, _ = json.Marshal(planner.YearResult{Year: want.Plan[i].Year})
			}
			if string(g) != string(w) {
				t.Errorf("keep %d, year %d: decoded %s, want %s", keep, want.Plan[i].Year, g, w)
			}
		}
	}
	// A result cut short is an error, as json.Unmarshal makes it.
	if _, err := decodeYears([]byte(in[:len(in)/2]), map[int]bool{2027: true}); err == nil {
		t.Error("a truncated result decoded without error")
	}
}
