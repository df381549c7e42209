package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// The -update flag rewrites golden files; it is defined here only if no
// other test file of the package defined it first.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// planFixture writes a small register to a real SQLite file: six ruas in
// the three kecamatan with 100 m unit surveys in 2023 and 2024 (IRI and
// the SDI items), traffic counts, and a committed overlay in 2026.
func planFixture(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "ruas.db")
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kec := [][2]string{{"35.72.01", "Kepanjenkidul"}, {"35.72.02", "Sukorejo"}, {"35.72.03", "Sananwetan"}}
	fungsi := []roads.Fungsi{roads.Kolektor, roads.Lokal, roads.Lingkungan}
	for k := 0; k < 6; k++ {
		r := &roads.Ruas{Key: roads.Key{Region: "35.72", No: fmt.Sprintf("%03d", k+1)}, Name: fmt.Sprintf("Jl. Contoh %d", k+1), Status: roads.Kota,
			Fungsi: fungsi[k%3], Surface: roads.Aspal, WidthM: 5 + float64(k%3), LengthM: float64(400 + 100*k),
			KecamatanCode: kec[k%3][0], Kecamatan: kec[k%3][1], YearBuilt: 2005 + k}
		if err := s.CreateRuas(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := s.SetTraffic(ctx, &roads.Traffic{Ruas: r.Key, Year: 2024, LHR: float64(500 + 1500*k)}); err != nil {
			t.Fatal(err)
		}
		for u := 0; u < int(r.LengthM/100); u++ {
			base := 3 + float64((k*7+u*3)%10)
			for yi, y := range []int{2023, 2024} {
				iri := base * (1 + 0.08*float64(yi))
				ca, cw, ph, rut := float64((u*5+k)%25), 1+float64(u%4), float64(u%3), 0.5*float64(u%5)
				v := &roads.Survey{Ruas: r.Key, Date: time.Date(y, 7, 1, 0, 0, 0, 0, time.UTC), StaFromM: float64(u * 100), StaToM: float64(u*100 + 100),
					Distress: &roads.Distress{IRI: &iri, CrackAreaPct: &ca, CrackWidthMM: &cw, Potholes: &ph, RutCM: &rut}}
				if err := s.AddSurvey(ctx, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	w := &roads.Works{Ruas: roads.Key{Region: "35.72", No: "002"}, Date: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Type: roads.Berkala,
		StaFromM: 0, StaToM: 300, CostRp: 450_000_000, Committed: true, ContractRef: "SPK/PUPR/014/2026"}
	if err := s.AddWorks(ctx, w); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestPlanUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	cases := []struct {
		name string
		args []string
		code int
		in   string
	}{
		{"help", []string{"plan", "-h"}, 0, "Usage: ruas plan"},
		{"no from", []string{"plan", "--budget", "25M"}, 2, "--from belum diisi"},
		{"no budget", []string{"plan", "--from", "2027"}, 2, "--budget belum diisi"},
		{"bad budget", []string{"plan", "--from", "2027", "--budget", "25e9"}, 2, "bukan jumlah Rupiah"},
		{"lowercase m", []string{"plan", "--from", "2027", "--budget", "25m"}, 2, "bukan jumlah Rupiah"},
		{"wrong count", []string{"plan", "--from", "2027", "--years", "5", "--budget", "1M,2M"}, 2, "2 nilai untuk rencana 5 tahun"},
		{"method", []string{"plan", "--from", "2027", "--budget", "1M", "--method", "lotre"}, 2, "tidak dikenal"},
		{"target alone", []string{"plan", "--from", "2027", "--budget", "1M", "--target", "80"}, 2, "dipakai bersama"},
		{"out ext", []string{"plan", "--from", "2027", "--budget", "1M", "--out", "x.pdf"}, 2, ".json, .csv atau .xlsx"},
		{"no register", []string{"plan", "--db", db, "--from", "2027", "--budget", "1M"}, 1, "tidak ada"},
		{"rerun missing register", []string{"plan", "--db", db, "--rerun", "3"}, 1, "tidak ada"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, c.args...)
			if code != c.code || !strings.Contains(stdout+stderr, c.in) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr, c.code, c.in)
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a failed plan created the register file")
	}
}

func TestPlanRunStoreAndRerun(t *testing.T) {
	db := planFixture(t)
	args := []string{"plan", "--db", db, "--from", "2025", "--years", "3", "--budget", "1,5M", "--scenarios", "500jt,4M", "--target", "90", "--target-year", "2027", "--json"}
	code, out1, stderr := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	var res planner.Result
	if err := json.Unmarshal([]byte(out1), &res); err != nil {
		t.Fatalf("--json output is not a Result: %v", err)
	}
	if len(res.Plan) != 3 || res.Input.BudgetsRp[0] != 1.5e9 || len(res.Scenarios) != 3 || res.MinBudget == nil || len(res.DoNothing.Years) != 3 {
		t.Fatalf("result: %d years, budgets %v, %d scenarios, min budget %v", len(res.Plan), res.Input.BudgetsRp, len(res.Scenarios), res.MinBudget)
	}
	// Same inputs on the same data: the same result, byte for byte.
	if code, out2, _ := runCLI(t, args...); code != 0 || out2 != out1 {
		t.Error("a second run of the same plan printed a different result")
	}
	ctx := context.Background()
	s, err := sqlitestore.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	runs, err := s.PlanRuns(ctx)
	if err != nil || len(runs) != 2 {
		t.Fatalf("stored runs: %d, %v", len(runs), err)
	}
	stored, err := s.PlanRunByID(ctx, runs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(out1) != string(stored.Result) || stored.SnapshotHash != res.SnapshotHash || stored.Method != "optimal" {
		t.Error("the stored result differs from the printed one")
	}
	var in planner.Input
	if err := json.Unmarshal(stored.Inputs, &in); err != nil || in.Tables.Treatments == "" || in.Tables.Condition == "" {
		t.Errorf("stored inputs without table versions: %s", stored.Inputs)
	}
	code, _, stderr = runCLI(t, "plan", "--db", db, "--rerun", fmt.Sprint(stored.ID))
	if code != 0 || !strings.Contains(stderr, "identik") {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	// New data: the rerun differs and says why.
	iri := 14.0
	if err := s.AddSurvey(ctx, &roads.Survey{Ruas: roads.Key{Region: "35.72", No: "001"}, Date: time.Date(2024, 11, 1, 0, 0, 0, 0, time.UTC),
		StaFromM: 0, StaToM: 400, Distress: &roads.Distress{IRI: &iri}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, _, stderr = runCLI(t, "plan", "--db", db, "--rerun", fmt.Sprint(stored.ID))
	if code != 1 || !strings.Contains(stderr, "register berubah") {
		t.Errorf("rerun after new data: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "plan", "--db", db, "--rerun", "99"); code != 1 || !strings.Contains(stderr, "tidak ada") {
		t.Errorf("rerun of a missing plan: exit %d: %s", code, stderr)
	}
}

func TestPlanOutputs(t *testing.T) {
	db := planFixture(t)
	dir := t.TempDir()
	base := []string{"plan", "--db", db, "--from", "2025", "--years", "3", "--budget", "1M,1,5M,2M"}
	for _, ext := range []string{"json", "csv", "xlsx"} {
		out := filepath.Join(dir, "rencana."+ext)
		code, stdout, stderr := runCLI(t, append(base, "--out", out)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
		if !strings.Contains(stdout, "Rencana tersimpan dengan nomor") || !strings.Contains(stdout, "Kemantapan") {
			t.Errorf("%s: summary missing: %s", ext, stdout)
		}
	}
	var res planner.Result
	b, _ := os.ReadFile(filepath.Join(dir, "rencana.json"))
	if err := json.Unmarshal(b, &res); err != nil || len(res.Plan) != 3 {
		t.Fatalf("rencana.json: %v", err)
	}
	csvWorks, _ := os.ReadFile(filepath.Join(dir, "rencana.csv"))
	csvSum, _ := os.ReadFile(filepath.Join(dir, "rencana_ringkasan.csv"))
	golden(t, "plan_works.golden.csv", csvWorks)
	golden(t, "plan_summary.golden.csv", csvSum)
	if !bytes.Contains(csvWorks, []byte("SPK/PUPR/014/2026")) {
		t.Error("the committed works is not in the works list")
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "rencana.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); strings.Join(got, ",") != "Pekerjaan,Ringkasan,Model kerusakan,Masukan" {
		t.Errorf("sheets %v", got)
	}
	rows, _ := x.GetRows("Pekerjaan")
	var n int
	for _, y := range res.Plan {
		n += len(y.Works)
	}
	if len(rows) != n+1 {
		t.Errorf("Pekerjaan has %d rows, want %d works + header", len(rows), n)
	}
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if updateGolden() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./cmd/ruas -run PlanOutputs -update\ngot:\n%s", name, got)
	}
}

func TestParseRupiah(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"25000000000", 25e9, true},
		{"25.000.000.000", 25e9, true},
		{"Rp 25.000.000.000", 25e9, true},
		{"25M", 25e9, true},
		{"2,5M", 2.5e9, true},
		{"2.5M", 2.5e9, true},
		{"250jt", 250e6, true},
		{"1.250jt", 1.25e9, true},
		{"1.250,5jt", 1250.5e6, true},
		{"25 miliar", 25e9, true},
		{"0", 0, true},
		{"25e9", 0, false},
		{"25m", 0, false},
		{"-5M", 0, false},
		{"25.00.000", 0, false},
		{"", 0, false},
		{"M", 0, false},
		{"2,5", 0, false},
	}
	for _, c := range cases {
		got, err := parseRupiah(c.in)
		if (err == nil) != c.ok || c.ok && got != c.want {
			t.Errorf("parseRupiah(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
	list, err := parseBudgets("--budget", "20M,2,5M,250jt, 1.000.000")
	if err != nil || fmt.Sprint(list) != "[2e+10 2.5e+09 2.5e+08 1e+06]" {
		t.Errorf("list: %v, %v", list, err)
	}
}

func FuzzParseRupiah(f *testing.F) {
	for _, s := range []string{"25M", "2,5M", "1.250jt", "25.000.000.000", "25e9", "Rp 1", "1.2.3M", ",M", "9999999999999999999999M"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseRupiah(s)
		if err != nil {
			if !strings.Contains(err.Error(), "Rupiah") && !strings.Contains(err.Error(), "kosong") {
				t.Errorf("error without guidance: %v", err)
			}
			return
		}
		if v < 0 || v != v || v > 1e300 {
			t.Errorf("parseRupiah(%q) = %v", s, v)
		}
	})
}
