package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/planner/publish"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// plannedDemo fills a register with the demo city made on demoNow and
// stores a two-year plan from demoPlanFrom, returning the register's path.
func plannedDemo(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ruas.db")
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Fill(ctx, st, demo.DefaultSeed, demoNow); err != nil {
		t.Fatal(err)
	}
	net, err := st.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Rp 12 billion a year: above the Rp 10.47 billion of demo works already
	// contracted for the first year, so it holds new proposals too.
	res, err := planner.Run(net, planner.Input{FromYear: demoPlanFrom, Years: 2, BudgetsRp: []float64{12e9}})
	if err != nil {
		t.Fatal(err)
	}
	run := &roads.PlanRun{CreatedBy: "perencana", Method: res.Input.Method, FromYear: demoPlanFrom, Years: 2, SnapshotHash: res.SnapshotHash}
	if run.Inputs, err = json.Marshal(res.Input); err != nil {
		t.Fatal(err)
	}
	if run.Result, err = json.Marshal(res); err != nil {
		t.Fatal(err)
	}
	if err := st.SavePlanRun(ctx, run); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestExportPlanUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	empty := filepath.Join(dir, "empty.db")
	st, err := sqlitestore.Open(context.Background(), empty)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(dir, "x")
	for _, tc := range []struct {
		name string
		args []string
		code int
		in   string
	}{
		{"sipd help", []string{"export", "sipd", "-h"}, 0, "Usage: ruas export sipd"},
		{"sipd no year", []string{"export", "sipd", "--db", db, "--out", out + ".xlsx"}, 2, "--plan-year belum diisi"},
		{"sipd bad nomenclature", []string{"export", "sipd", "--db", db, "--plan-year", "2027", "--nomenklatur", "2019", "--out", out + ".xlsx"}, 2, "harus 2024 atau 2027"},
		{"sipd unknown sumber dana", []string{"export", "sipd", "--db", db, "--plan-year", "2027", "--sumber-dana", "APBD", "--out", out + ".csv"}, 2, "tidak ada di daftar SIPD"},
		{"sipd machine csv to xlsx", []string{"export", "sipd", "--db", db, "--plan-year", "2027", "--csv-machine", "--out", out + ".xlsx"}, 2, "hanya untuk --out berakhiran .csv"},
		{"sipd bad extension", []string{"export", "sipd", "--db", db, "--plan-year", "2027", "--out", out + ".pdf"}, 2, "harus berakhiran .xlsx atau .csv"},
		{"sipd stray argument", []string{"export", "sipd", "--db", db, "--plan-year", "2027", "--out", out + ".csv", "extra"}, 2, "tidak dikenal"},
		{"walidata no year", []string{"export", "walidata", "--db", db, "--out", out + ".json"}, 2, "--year belum diisi"},
		{"walidata no out", []string{"export", "walidata", "--db", db, "--year", "2027"}, 2, "--out belum diisi"},
		{"satudata no out", []string{"export", "satudata", "--db", db}, 2, "--out belum diisi"},
		{"report bad extension", []string{"export", "report", "--db", db, "--out", out + ".docx"}, 2, "harus berakhiran .pdf"},
		{"report negative plan", []string{"export", "report", "--db", db, "--plan", "-1", "--out", out + ".pdf"}, 2, "--plan -1 tidak sah"},
		{"missing register", []string{"export", "report", "--db", db, "--out", out + ".pdf"}, 1, "tidak ada"},
		{"no plan yet", []string{"export", "report", "--db", empty, "--out", out + ".pdf"}, 1, "belum memiliki rencana"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.args...)
			if code != tc.code || !strings.Contains(stdout+stderr, tc.in) {
				t.Errorf("exit %d, output %q %q; want exit %d with %q", code, stdout, stderr, tc.code, tc.in)
			}
		})
	}
}

func TestExportPlanCLI(t *testing.T) {
	db := plannedDemo(t)
	py := func(d int) string { return strconv.Itoa(demoPlanFrom + d) } // a year of the plan (d=-1: the baseline)
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		check func(t *testing.T, path string)
	}{
		{"sipd xlsx", []string{"sipd", "--plan-year", py(1), "--out"}, func(t *testing.T, p string) {
			f, err := excelize.OpenFile(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := strings.Join(f.GetSheetList(), ","); got != publish.SheetUsulan+","+publish.SheetRekap {
				t.Errorf("sheets %s", got)
			}
		}},
		{"sipd csv 2027 codes", []string{"sipd", "--plan", "1", "--plan-year", py(0), "--nomenklatur", "2027", "--out"}, func(t *testing.T, p string) {
			b := readExported(t, p)
			if !bytes.HasPrefix(b, []byte("kodepemda;")) || !bytes.Contains(b, []byte("1.03.10.2.01.0051")) || bytes.Contains(b, []byte("1.03.10.2.01.0046")) {
				t.Errorf("CSV lacks the 2027 codes or still has 2024 ones:\n%.300s", b)
			}
		}},
		{"sipd machine csv", []string{"sipd", "--plan-year", py(0), "--csv-machine", "--sumber-dana", "pad", "--out"}, func(t *testing.T, p string) {
			rows, err := csv.NewReader(bytes.NewReader(readExported(t, p))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := map[string]int{}
			for i, h := range rows[0] {
				col[h] = i
			}
			for _, r := range rows[1:] {
				if v := r[col["target"]]; v != "" && !strings.Contains(v, ".") {
					t.Errorf("machine CSV target %q has no decimal point", v)
				}
				if r[col["jenis_baris"]] != "paket" || r[col["berkontrak"]] == "ya" {
					continue
				}
				if r[col["sumber_dana"]] != "PAD" {
					t.Errorf("--sumber-dana pad: row says %q", r[col["sumber_dana"]])
				}
			}
		}},
		{"walidata json", []string{"walidata", "--year", py(0), "--out"}, func(t *testing.T, p string) {
			var doc struct {
				Kodepemda string            `json:"kodepemda"`
				Rows      []json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(readExported(t, p), &doc); err != nil || doc.Kodepemda != "3572" || len(doc.Rows) == 0 {
				t.Errorf("walidata JSON: %v %+v", err, doc)
			}
		}},
		{"walidata csv baseline", []string{"walidata", "--year", py(-1), "--out"}, func(t *testing.T, p string) {
			if !bytes.Contains(readExported(t, p), []byte(",realisasi,")) {
				t.Error("the baseline year is not marked realisasi")
			}
		}},
		{"walidata xlsx", []string{"walidata", "--year", py(1), "--out"}, func(t *testing.T, p string) {
			if _, err := excelize.OpenFile(p); err != nil {
				t.Error(err)
			}
		}},
		{"satudata", []string{"satudata", "--out"}, func(t *testing.T, p string) {
			for _, f := range []string{publish.FileNetworkCSV, publish.FileNetworkJSON, publish.FileIndicators, publish.FileMetadata} {
				if st, err := os.Stat(filepath.Join(p, f)); err != nil || st.Size() == 0 {
					t.Errorf("%s: %v", f, err)
				}
			}
		}},
		{"report", []string{"report", "--out"}, func(t *testing.T, p string) {
			if !bytes.HasPrefix(readExported(t, p), []byte("%PDF-")) {
				t.Error("not a PDF")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ext := map[string]string{"sipd xlsx": ".xlsx", "sipd csv 2027 codes": ".csv", "sipd machine csv": ".csv", "walidata json": ".json", "walidata csv baseline": ".csv",
				"walidata xlsx": ".xlsx", "report": ".pdf", "satudata": ""}[tc.name]
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+ext)
			args := append(append([]string{"export"}, tc.args...), path, "--db", db)
			code, stdout, stderr := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.Contains(stdout, "rencana #1") {
				t.Errorf("stdout %q does not name the plan", stdout)
			}
			tc.check(t, path)
		})
	}
	code, _, stderr := runCLI(t, "export", "sipd", "--db", db, "--plan-year", py(5), "--out", filepath.Join(dir, "late.csv"))
	if code != 1 || !strings.Contains(stderr, "mencakup "+py(0)+"–"+py(1)) {
		t.Errorf("year outside the plan: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "late.csv")); err == nil {
		t.Error("a failed export left a file behind")
	}
	code, _, stderr = runCLI(t, "export", "report", "--db", db, "--plan", "9", "--out", filepath.Join(dir, "nine.pdf"))
	if code != 1 || !strings.Contains(stderr, "rencana #9 tidak ada") {
		t.Errorf("unknown plan: exit %d, %q", code, stderr)
	}
}

func TestExportPlanStale(t *testing.T) {
	ctx := context.Background()
	db := plannedDemo(t)
	st, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.Ruas(ctx, roads.Key{Region: demo.Region, No: "001"})
	if err != nil {
		t.Fatal(err)
	}
	r.WidthM += 0.5
	if err := st.UpdateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out := filepath.Join(t.TempDir(), "usulan.csv")
	code, _, stderr := runCLI(t, "export", "sipd", "--db", db, "--plan-year", strconv.Itoa(demoPlanFrom), "--out", out)
	if code != 1 || !strings.Contains(stderr, "--allow-stale") {
		t.Fatalf("stale plan: exit %d, %q; want exit 1 pointing at --allow-stale", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused export wrote its file")
	}
	code, _, stderr = runCLI(t, "export", "sipd", "--db", db, "--plan-year", strconv.Itoa(demoPlanFrom), "--out", out, "--allow-stale")
	if code != 0 || !strings.Contains(stderr, "peringatan") {
		t.Fatalf("--allow-stale: exit %d, %q", code, stderr)
	}
	if !bytes.Contains(readExported(t, out), []byte(publish.StaleMark)) {
		t.Errorf("the stale export is not marked %q", publish.StaleMark)
	}
}

func readExported(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
