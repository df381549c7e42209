package locale

import (
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// typedCase is one line of testdata/typed.tsv.
type typedCase struct {
	text           string
	number, rupiah string // "x" = refused, "empty" = no value, else the value
}

func loadTyped(t *testing.T) []typedCase {
	t.Helper()
	b, err := os.ReadFile("testdata/typed.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out []typedCase
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Split(l, "\t")
		if strings.HasPrefix(l, "#") || len(f) != 3 || f[0] == "text" {
			continue
		}
		out = append(out, typedCase{f[0], f[1], f[2]})
	}
	if len(out) < 20 {
		t.Fatalf("only %d cases in typed.tsv", len(out))
	}
	return out
}

func TestParseNumberTyped(t *testing.T) {
	for _, c := range loadTyped(t) {
		v, ok, err := ID.ParseNumber(c.text)
		switch c.number {
		case "x":
			if err == nil {
				t.Errorf("ParseNumber(%q) = %v, want refused", c.text, v)
			}
		case "empty":
			if ok || err != nil {
				t.Errorf("ParseNumber(%q) = %v, %v, %v; want empty", c.text, v, ok, err)
			}
		default:
			want, _ := strconv.ParseFloat(c.number, 64)
			if err != nil || !ok || v != want {
				t.Errorf("ParseNumber(%q) = %v, %v, %v; want %v", c.text, v, ok, err, want)
			}
		}
		r, err := ParseRupiah(c.text, Comma)
		if c.rupiah == "x" {
			if err == nil {
				t.Errorf("ParseRupiah(%q) = %v, want refused", c.text, r)
			}
			continue
		}
		want, _ := strconv.ParseFloat(c.rupiah, 64)
		if err != nil || r != want {
			t.Errorf("ParseRupiah(%q) = %v, %v; want %v", c.text, r, err, want)
		}
	}
}

func TestParseNumberMarks(t *testing.T) {
	tests := []struct {
		in   string
		d    Decimal
		want float64
		err  error
	}{
		{"1.250", Comma, 1250, nil},
		{"1.250", Dot, 1.25, nil},
		{"1.250", AnyDecimal, 0, ErrAmbiguous},
		{"1,250", Comma, 1.25, nil},
		{"1,250", Dot, 1250, nil},
		{"1,250", AnyDecimal, 0, ErrAmbiguous},
		{"-12.500", Comma, -12500, nil},
		{"6.5", Comma, 6.5, nil}, // unambiguous: read as written whatever d says
		{"1.250.000", Dot, 1250000, nil},
		{"2.400,5", AnyDecimal, 2400.5, nil},
		{"1250.500", AnyDecimal, 1250.5, nil}, // four digits before: no grouping
		{"0.250", AnyDecimal, 0.25, nil},
		{"\u2212 3,5", Comma, -3.5, nil},
		{"1.23,5", Comma, 0, ErrNumber},
		{"1,2.5", Comma, 0, ErrNumber},
		{"1.250.00", Comma, 0, ErrNumber},
		{".", Comma, 0, ErrNumber},
		{"-", Comma, 0, nil},
	}
	for _, tt := range tests {
		got, _, err := ParseNumber(tt.in, tt.d)
		if !errors.Is(err, tt.err) || got != tt.want {
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want %v, %v", tt.in, tt.d, got, err, tt.want, tt.err)
		}
	}
	if v, _, _ := EN.ParseNumber("1,250"); v != 1250 {
		t.Errorf("English reader: 1,250 = %v", v)
	}
}

func TestColumnDecide(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  Decimal
		err   bool
	}{
		{"nothing ambiguous", []string{"6.5", "1.250.000", "12"}, AnyDecimal, false},
		{"comma decimals decide", []string{"1.250", "2.400,5"}, Comma, false},
		{"grouped millions decide", []string{"1.250", "1.250.000"}, Comma, false},
		{"small integers decide", []string{"1.250", "980", "", "-"}, Comma, false},
		{"1,25 decides", []string{"1,25", "1.250"}, Comma, false},
		{"dot decimals decide", []string{"1.250", "6.5", "12.75"}, Dot, false},
		{"english grouping decides", []string{"1,250", "1,250,000"}, Dot, false},
		{"comma before three beside integers groups", []string{"1,250", "980"}, Dot, false},
		{"only d.ddd", []string{"1.250", "2.300", "5.125"}, AnyDecimal, true},
		{"ungrouped thousands say otherwise", []string{"1.250", "980", "1250"}, AnyDecimal, true},
		{"both ambiguous kinds", []string{"1.250", "1,250", "980"}, AnyDecimal, true},
		{"mixed marks", []string{"1.250", "2.400,5", "6.5"}, AnyDecimal, true},
		{"text ignored", []string{"1.250", "Jl. Merdeka"}, AnyDecimal, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c Column
			for _, s := range tt.cells {
				c.Add(s)
			}
			got, err := c.Decide()
			if got != tt.want || (err != nil) != tt.err {
				t.Fatalf("Decide = %q, %v; want %q, err %v", got, err, tt.want, tt.err)
			}
			if err != nil && (!errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), `"1.250"`)) {
				t.Errorf("error %q does not name the values or is not ErrAmbiguous", err)
			}
		})
	}
}

// FuzzParseNumber checks that every reading is finite, that the two marks
// agree on every text that is not ambiguous, and that a number written
// back the Indonesian or English way reads as itself.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.250", "1,250", "2.400,5", "1,250.5", "6.5", "-7.088914", "1e3", " 1 250 ", "1.2.3", "", "-", "Rp 25M", "2,5M", "0x10", "1..2", ",5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, okC, errC := ParseNumber(s, Comma)
		d, okD, errD := ParseNumber(s, Dot)
		_, _, errA := ParseNumber(s, AnyDecimal)
		for _, v := range []float64{c, d} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("ParseNumber(%q) = %v", s, v)
			}
		}
		if (errC == nil) != (errD == nil) || okC != okD {
			t.Fatalf("ParseNumber(%q): marks disagree on validity: %v %v", s, errC, errD)
		}
		if errA == nil && c != d {
			t.Fatalf("ParseNumber(%q): unambiguous text read %v and %v", s, c, d)
		}
		if errA != nil && errC == nil && !errors.Is(errA, ErrAmbiguous) {
			t.Fatalf("ParseNumber(%q): %v", s, errA)
		}
		if errC == nil && okC && math.Abs(c) < 1e15 {
			for _, l := range []Lang{ID, EN} {
				w := l.Number(c, 3)
				back, _, err := l.ParseNumber(w)
				if err != nil || math.Abs(back-c) > 0.0005+1e-9*math.Abs(c) {
					t.Fatalf("%s: %q → %v → %q → %v, %v", l, s, c, w, back, err)
				}
			}
		}
		if r, err := ParseRupiah(s, Comma); err == nil && (math.IsNaN(r) || r != math.Trunc(r)) {
			t.Fatalf("ParseRupiah(%q) = %v", s, r)
		}
	})
}

func BenchmarkParseNumber(b *testing.B) {
	texts := []string{"1.250", "2.400,5", "-7.088914", "1104.0", "", "1 250"}
	for i := 0; b.Loop(); i++ {
		ParseNumber(texts[i%len(texts)], Comma)
	}
}
