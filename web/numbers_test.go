package web

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestTypedNumbersAgree reads every text of roads/locale/testdata/typed.tsv
// (the one list the CLI's --budget test and locale's own test read too)
// through a form's number field and through the plan form's budget field,
// and checks the values written by hand there.
func TestTypedNumbersAgree(t *testing.T) {
	b, err := os.ReadFile("../roads/locale/testdata/typed.tsv")
	if err != nil {
		t.Fatal(err)
	}
	l := Locale{Lang: ID}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) != 3 || f[0] == "text" {
			continue
		}
		n++
		text, number, rupiah := f[0], f[1], f[2]
		p := &fieldProblems{l: l}
		v := p.num("width_m", text)
		switch number {
		case "x":
			if p.err() == nil {
				t.Errorf("form field %q = %v, want refused", text, v)
			}
		default:
			want, _ := strconv.ParseFloat(number, 64)
			if p.err() != nil || v != want {
				t.Errorf("form field %q = %v (%v), want %v", text, v, p.err(), want)
			}
		}
		in, _, err := planFormInput(l, func(k string) string {
			return map[string]string{"from_year": "2027", "years": "1", "budgets_rp": text}[k]
		})
		switch rupiah {
		case "x":
			if err == nil {
				t.Errorf("budget field %q = %v, want refused", text, in.BudgetsRp)
			}
		default:
			want, _ := strconv.ParseFloat(rupiah, 64)
			if err != nil || len(in.BudgetsRp) != 1 || in.BudgetsRp[0] != want {
				t.Errorf("budget field %q = %v (%v), want %v", text, in.BudgetsRp, err, want)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d cases read", n)
	}
}
