package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// TestBudgetFlagTypedNumbers reads every text of
// roads/locale/testdata/typed.tsv (the one list the web form's test reads
// too) as a --budget value, and checks the amounts written by hand there.
func TestBudgetFlagTypedNumbers(t *testing.T) {
	b, err := os.ReadFile("../../roads/locale/testdata/typed.tsv")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, "\t")
		if strings.HasPrefix(line, "#") || len(f) != 3 || f[0] == "text" {
			continue
		}
		n++
		text, rupiah := f[0], f[2]
		got, err := parseBudgets("--budget", text)
		if rupiah == "x" {
			if err == nil {
				t.Errorf("--budget %q = %v, want refused", text, got)
			}
			continue
		}
		want, _ := strconv.ParseFloat(rupiah, 64)
		if err != nil || len(got) != 1 || got[0] != want {
			t.Errorf("--budget %q = %v, %v; want [%v]", text, got, err, want)
		}
	}
	if n < 20 {
		t.Fatalf("only %d cases read", n)
	}
	for in, want := range map[string]string{
		"20M,2,5M,250jt":    "[2e+10 2.5e+09 2.5e+08]",
		"1.250,5jt;25M":     "[1.2505e+09 2.5e+10]",
		"1.250,5jt,25M":     "[1.2505e+09 2.5e+10]",
		"10000000,20000000": "[1e+07 2e+07]",
	} {
		got, err := parseBudgets("--budget", in)
		if err != nil || strconv.Quote(fmtList(got)) != strconv.Quote(want) {
			t.Errorf("--budget %q = %v, %v; want %s", in, got, err, want)
		}
	}
}

func fmtList(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, strconv.FormatFloat(x, 'g', -1, 64))
	}
	return "[" + strings.Join(s, " ") + "]"
}

// TestImportDecimalFlag: an ambiguous column refuses the import through
// run() with exit 1 and the column named; --decimal koma reads it.
func TestImportDecimalFlag(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	p := filepath.Join(dir, "ragu.csv")
	os.WriteFile(p, []byte("NO RUAS;NAMA RUAS;PANJANG (m)\n001;Jl. A;1.250\n002;Jl. B;2.300\n"), 0o644)
	code, _, stderr := runCLI(t, "import", "--db", db, "--region", "35.72", p)
	if code != 1 || !strings.Contains(stderr, `"PANJANG (m)"`) || !strings.Contains(stderr, "--decimal") {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(db); err == nil && countRuas(t, db) != 0 {
		t.Fatal("an ambiguous column was written")
	}
	checkExits(t, []exitCase{
		{"bad decimal", []string{"import", "--db", db, "--decimal", "koma-titik", p}, 2, "--decimal"},
		{"decimal koma", []string{"import", "--db", db, "--region", "35.72", "--decimal", "koma", p}, 0, ""},
	}, outputOf)
	st, err := sqlitestore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := st.Ruas(context.Background(), roads.Key{Region: "35.72", No: "002"})
	if err != nil || r.LengthM != 2*1000+300 {
		t.Errorf("--decimal koma: ruas 002 %+v, %v; want 2300 m", r, err)
	}
}
