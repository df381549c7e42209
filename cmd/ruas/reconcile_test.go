package main

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// demoCondition is the test's own count of the demo register at the end
// of a year: the office's kota roads, each with its latest survey date up
// to the year, metres per class as stored on the surveys.
func demoCondition(t *testing.T, net *roads.Network, year int) (network float64, m [4]float64) {
	t.Helper()
	for _, r := range net.Ruas {
		if r.Status != net.Office.Authority {
			continue
		}
		network += r.Length()
		var last []*roads.Survey
		for _, v := range net.Surveys[r.ID] {
			switch {
			case v.Date.Year() > year:
			case len(last) == 0 || v.Date.After(last[0].Date):
				last = []*roads.Survey{v}
			case v.Date.Equal(last[0].Date):
				last = append(last, v)
			}
		}
		for _, v := range last {
			for i := range m {
				m[i] += v.Metres[i]
			}
		}
	}
	return network, m
}

// TestReconcileCLI: on the demo register, a table with last year's
// kemantapan, the Baik length in metres under "km", a wrong Rusak Berat
// length and the right network length comes back as explained by the
// year, by metres as km, unexplained and agreeing; the JSON and XLSX
// sheets carry it; wrong invocations are usage errors.
func TestReconcileCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ruas.db")
	if code, _, stderr := runCLI(t, "demo", "--db", db, "--today", "2026-12-06"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	s, err := sqlitestore.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	net, err := s.Network(context.Background())
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	region := net.Office.Region
	network, m25 := demoCondition(t, net, 2025)
	net24, m24 := demoCondition(t, net, 2024)
	kem25, kem24 := (m25[0]+m25[1])/network*100, (m24[0]+m24[1])/net24*100
	if math.Abs(kem25-kem24) < 0.01 {
		t.Fatalf("the demo's 2024 and 2025 kemantapan (%g, %g) do not differ at 2 decimals; the test needs another year", kem24, kem25)
	}
	id := func(v float64, dec int) string {
		return strings.Replace(strconv.FormatFloat(v, 'f', dec, 64), ".", ",", 1)
	}
	file := filepath.Join(dir, "bps.csv")
	table := "tahun;kode_wilayah;indikator;nilai;satuan;sumber\n" +
		"2025;" + region + ";kemantapan_pct;" + id(kem24, 2) + ";%;Bappeda LKPJ\n" +
		"2025;" + region + ";panjang_baik_km;" + strconv.FormatFloat(math.Round(m25[0]), 'f', 0, 64) + ";km;SIPD\n" +
		"2025;" + region + ";panjang_rusak_berat_km;" + id(m25[3]/1000+5, 2) + ";km;Provinsi\n" +
		"2025;" + region + ";panjang_jalan_km;" + id(network/1000, 2) + ";km;BPS\n" +
		"2024;" + region + ";panjang_jalan_km;1;km;BPS\n"
	if err := os.WriteFile(file, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sheet.json")
	code, stdout, stderr := runCLI(t, "reconcile", "--db", db, "--with", file, "--year", "2025", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "1 sama, 2 terjelaskan, 1 tidak terjelaskan") || !strings.Contains(stdout, "1 angka tahun lain dilewati") {
		t.Errorf("summary:\n%s", stdout)
	}
	var sheet struct {
		Lines []struct {
			Register *float64 `json:"nilai_register"`
			Status   string   `json:"status"`
			Reason   *struct {
				Reason string `json:"alasan"`
				Year   int    `json:"tahun"`
			} `json:"alasan"`
			Agreed struct {
				Value *float64 `json:"nilai"`
			} `json:"disepakati"`
		} `json:"baris"`
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &sheet); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		status, reason string
		register       float64
	}{
		{"terjelaskan", "tahun_lain", kem25},
		{"terjelaskan", "meter_ditulis_km", m25[0] / 1000},
		{"tidak_terjelaskan", "", m25[3] / 1000},
		{"sama", "", network / 1000},
	}
	if len(sheet.Lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(sheet.Lines), len(want))
	}
	for i, w := range want {
		l := sheet.Lines[i]
		if l.Status != w.status || (w.reason == "") != (l.Reason == nil) || l.Reason != nil && l.Reason.Reason != w.reason {
			t.Errorf("line %d: %s %+v, want %s %s", i+1, l.Status, l.Reason, w.status, w.reason)
		}
		if l.Register == nil || math.Abs(*l.Register-w.register) > 1e-6 || l.Agreed.Value == nil || *l.Agreed.Value != *l.Register {
			t.Errorf("line %d: register %v agreed %v, want %g both", i+1, l.Register, l.Agreed.Value, w.register)
		}
	}
	if r := sheet.Lines[0].Reason; r != nil && r.Year != 2024 {
		t.Errorf("year read %d, want 2024", r.Year)
	}

	xlsx := filepath.Join(dir, "sheet.xlsx")
	if code, _, stderr := runCLI(t, "reconcile", "--db", db, "--with", file, "--year", "2025", "--out", xlsx); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Rekonsiliasi")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	for _, s := range []string{"Selisih TIDAK TERJELASKAN", "meter ditulis sebagai km", "Forum Satu Data", "Walidata", "Bappeda LKPJ", "Definisi yang tidak dapat diuji"} {
		if !strings.Contains(all, s) {
			t.Errorf("xlsx sheet lacks %q", s)
		}
	}

	tpl := filepath.Join(dir, "templat.xlsx")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2025;"+region+";kemantapan_pct;84,5;km;X\n"), 0o644)
	checkExits(t, []exitCase{
		{"no --with", []string{"reconcile", "--db", db}, 2, "--with FILE wajib"},
		{"bad --out", []string{"reconcile", "--db", db, "--with", file, "--out", "x.pdf"}, 2, ".xlsx, .csv atau .json"},
		{"bad --year", []string{"reconcile", "--db", db, "--with", file, "--year", "25"}, 2, "tahun empat angka"},
		{"no such year", []string{"reconcile", "--db", db, "--with", file, "--year", "2020"}, 1, "tidak ada angka tahun 2020"},
		{"bad row", []string{"reconcile", "--db", db, "--with", bad}, 1, "baris 2, kolom satuan"},
		{"template", []string{"reconcile", "--db", db, "--template", tpl}, 0, "ditulis"},
	}, stderrOf)
	tplRows := 0
	if f, err := excelize.OpenFile(tpl); err == nil {
		r, _ := f.GetRows("angka")
		tplRows = len(r)
		f.Close()
	}
	if tplRows != 3 {
		t.Errorf("template has %d rows, want a header and 2 examples", tplRows)
	}
}
