package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// hostileNames are ruas names a spreadsheet would run as formulas.
var hostileNames = []string{`=HYPERLINK("http://x","y")`, `+SUM(1,2)`, `-2+3`, `@SUM(A1)`}

// TestCSVOutputsNeutraliseFormulas gives every demo ruas a formula for a
// name, verifies them, plans, and writes every CSV the command line
// writes (network, plan and its summary, SIPD, walidata, Satu Data, the
// audit trail, a rejects file); then it walks every CSV file written and
// checks that no cell starts with = + - @, a tab or a CR unless it is a
// number, and that the hostile names did reach the files that carry names.
func TestCSVOutputsNeutraliseFormulas(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	db := filepath.Join(dir, "ruas.db")
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(ctx, st, demo.DefaultSeed, demoNow); err != nil {
		t.Fatal(err)
	}
	all, err := st.ListRuas(ctx, roads.RuasFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, r := range all {
		r.Name = hostileNames[i%len(hostileNames)]
		r.Notes = hostileNames[(i+1)%len(hostileNames)]
		r.Source = roads.Source{Form: "ruas", User: "ani"}
		if err := st.UpdateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if err := st.Verify(ctx, roads.EntityRuas, ids, "wati"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	rejectsIn := filepath.Join(out, "tolak.csv")
	os.WriteFile(rejectsIn, []byte("NO RUAS,NAMA RUAS,PANJANG,LEBAR\n901,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",100,abc\n902,Jl. Baik,100,5\n"), 0o644)
	for _, args := range [][]string{
		{"plan", "--from", "2027", "--years", "2", "--budget", "12000000000", "--out", filepath.Join(out, "rencana.csv")},
		{"export", "network", "--out", filepath.Join(out, "jaringan.csv")},
		{"export", "sipd", "--plan-year", "2027", "--out", filepath.Join(out, "sipd.csv")},
		{"export", "walidata", "--year", "2027", "--out", filepath.Join(out, "walidata.csv")},
		{"export", "satudata", "--out", filepath.Join(out, "satudata")},
		{"import", "--skip-invalid", "--region", "35.72", rejectsIn},
	} {
		if code, _, stderr := runCLI(t, append(args, "--db", db)...); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	code, audit, stderr := runCLI(t, "audit", "--db", db)
	if code != 0 {
		t.Fatalf("audit: exit %d: %s", code, stderr)
	}
	os.WriteFile(filepath.Join(out, "audit.csv"), []byte(audit), 0o644)

	withNames := map[string]bool{}
	files := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".csv") || p == rejectsIn {
			return err
		}
		files++
		rel, _ := filepath.Rel(out, p)
		b, _ := os.ReadFile(p)
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		if first, _, _ := strings.Cut(string(b), "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
			r.Comma = ';'
		}
		recs, err := r.ReadAll()
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		bad := 0
		for i, rec := range recs {
			for j, c := range rec {
				if strings.Contains(c, "SUM(") || strings.Contains(c, "HYPERLINK(") {
					withNames[rel] = true
				}
				if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					continue
				}
				if _, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(c, ".", ""), ",", "."), 64); err == nil {
					continue // a number, negative ones included
				}
				if bad++; bad <= 3 {
					t.Errorf("%s row %d column %d: %q would run as a formula", rel, i+1, j+1, c)
				}
			}
		}
		return nil
	})
	for _, f := range []string{"rencana.csv", "jaringan.csv", "sipd.csv", "satudata/kondisi_jalan.csv", "audit.csv", "tolak.rejects.csv"} {
		if !withNames[f] {
			t.Errorf("%s carries no hostile name: the test did not reach it (files with names: %v)", f, withNames)
		}
	}
	if files < 8 {
		t.Errorf("walked %d CSV files, want at least 8", files)
	}
}
