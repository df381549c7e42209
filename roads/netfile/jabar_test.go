package netfile

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"

	"github.com/kotablitar/ruas/data/shared"
)

// jabarRows reads the Jawa Barat file with encoding/csv, independently of
// the importer: the header and one map per data row.
func jabarRows(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func num(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v, err == nil
}

var jabarParts = []struct{ column, class string }{
	{"BAIK (meter)", "baik"}, {"RUSAK RINGAN (meter)", "rusak_ringan"}, {"RUSAK SEDANG (meter)", "rusak_sedang"}, {"RUSAK BERAT (meter)", "rusak_berat"},
}

// TestJabar imports the Jawa Barat village-road file with SkipInvalid and
// checks every defect the file is known for against counts the test makes
// itself, the rejects file, kemantapan per kabupaten, a re-import and an
// export → import round trip.
func TestJabar(t *testing.T) {
	src := realData(t, "indonesia/jabar_jalan_desa_kondisi.csv")
	ctx := context.Background()
	dir := t.TempDir()
	path := copyTo(t, src, dir)
	st := openStore(t, dir)
	// Imported "two days ago", so that the re-import below happens on a
	// later day than the import date that stands in for the survey date.
	rep, err := Import(ctx, st, []string{path}, Options{SkipInvalid: true, Now: time.Now().Add(-48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	rows := jabarRows(t, src)

	t.Run("rows", func(t *testing.T) {
		if len(rows) != 32340 {
			t.Errorf("the file has %d data rows; the README says 32,340", len(rows))
		}
		if fr.Rows != len(rows) || fr.Imported+fr.Rejected != len(rows) {
			t.Errorf("rows %d, imported %d + rejected %d; want %d rows all accounted for", fr.Rows, fr.Imported, fr.Rejected, len(rows))
		}
		n, err := st.CountRuas(ctx, roads.RuasFilter{})
		if err != nil || n != fr.Imported {
			t.Errorf("register holds %d ruas (%v), want the %d imported rows", n, err, fr.Imported)
		}
		for _, e := range fr.Errors {
			if e.Row < 1 || e.Message == "" || e.Category == "" {
				t.Fatalf("error without row, message or category: %+v", e)
			}
		}
	})

	// Rows per category, from the report.
	errRows := map[string]map[int]bool{}
	for _, e := range fr.Errors {
		if errRows[e.Category] == nil {
			errRows[e.Category] = map[int]bool{}
		}
		errRows[e.Category][e.Row] = true
	}
	warnCount := map[string]int{}
	unmapped := map[string]int{}
	for _, w := range fr.Warnings {
		warnCount[w.Category] += max(w.Count, 1)
		if w.Category == CatSurfaceUnmapped {
			unmapped[w.Value] = w.Count
		}
	}

	// The same defects, counted by the test from the raw rows.
	var dup, totalMissing, implausible, parts, noCoords, outsideBox int
	var bigRow int
	seen := map[string]bool{}
	wantUnmapped := map[string]int{}
	boxRows := map[int]bool{}
	for i, r := range rows {
		row := i + 1
		fold := func(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), " ")) }
		if name := fold(r["NAMA RUAS JALAN DESA"]); name != "" {
			k := fold(r["KABUPATEN"]) + "|" + fold(r["KECAMATAN"]) + "|" + fold(r["DESA"]) + "|" + name
			if seen[k] {
				dup++
			}
			seen[k] = true
		}
		total, _ := num(r["TOTAL PANJANG JALAN (meter)"])
		if total == 0 {
			totalMissing++
		}
		if total > MaxDesaLengthM {
			implausible++
			if total > 391_000 {
				bigRow = row
			}
		}
		var sum float64
		given := false
		for _, p := range jabarParts {
			if v, ok := num(r[p.column]); ok {
				sum += v
				given = true
			}
		}
		if given && math.Abs(sum-total) > roads.PartsTolerance || !given && total > 0 {
			parts++
		}
		var c [4]float64
		all := true
		for k, col := range []string{"LAT AWAL", "LNG AWAL", "LAT AKHIR", "LNG AKHIR"} {
			v, ok := num(r[col])
			all = all && ok
			c[k] = v
		}
		if !all {
			noCoords++
		} else if c[0] < -11.5 || c[0] > 6.5 || c[2] < -11.5 || c[2] > 6.5 || c[1] < 94 || c[1] > 142 || c[3] < 94 || c[3] > 142 {
			outsideBox++
			boxRows[row] = true
		}
		if s := strings.TrimSpace(r["JENIS PERKERASAN"]); s != "" {
			if _, ok := roads.Ref().MapSurface(s); !ok {
				wantUnmapped[strings.Join(strings.Fields(s), " ")]++
			}
		}
	}

	t.Run("categories", func(t *testing.T) {
		tests := []struct {
			cat            string
			got, want      int
			readmeLo, hiRm int // the README's "about" figure, ±15 %
		}{
			{CatDuplicate, len(errRows[CatDuplicate]), dup, 1400, 1900},
			{CatTotalMissing, len(errRows[CatTotalMissing]), totalMissing, 480, 660},
			{CatPartsSum, len(errRows[CatPartsSum]), parts, 55, 75},
			{CatTotalImplausible, len(errRows[CatTotalImplausible]), implausible, 1, 50},
			{CatNoCoordinates, warnCount[CatNoCoordinates], noCoords, 5900, 7900},
		}
		for _, tt := range tests {
			if tt.got != tt.want {
				t.Errorf("%s: %d rows reported, the test counts %d", tt.cat, tt.got, tt.want)
			}
			if tt.got < tt.readmeLo || tt.got > tt.hiRm {
				t.Errorf("%s: %d rows, outside the README's plausible range %d–%d", tt.cat, tt.got, tt.readmeLo, tt.hiRm)
			}
		}
		if !errRows[CatTotalImplausible][bigRow] || bigRow == 0 {
			t.Errorf("the 391 km 'village road' (row %d) is not reported as implausible", bigRow)
		}
		out := errRows[CatOutside]
		for row := range boxRows {
			if !out[row] {
				t.Errorf("row %d has a point outside Indonesia but is not reported", row)
			}
		}
		if len(out) < len(boxRows) || len(out) > 50 {
			t.Errorf("%d rows with coordinates outside: want the %d outside Indonesia plus a few far from their kabupaten", len(out), len(boxRows))
		}
		for text, n := range wantUnmapped {
			if unmapped[text] != n {
				t.Errorf("surface %q: %d rows reported unmapped, want %d", text, unmapped[text], n)
			}
		}
		if len(unmapped) != len(wantUnmapped) {
			t.Errorf("unmapped surfaces %v, want %v", unmapped, wantUnmapped)
		}
	})

	rejected := map[int]bool{}
	t.Run("rejects file", func(t *testing.T) {
		if fr.RejectsFile != RejectsPath(path) {
			t.Fatalf("rejects file %q, want %q", fr.RejectsFile, RejectsPath(path))
		}
		f, err := os.Open(fr.RejectsFile)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head := recs[0]
		n := len(head)
		if strings.Join(head[n-3:], ",") != "row,category,reason" {
			t.Fatalf("rejects header ends %v", head[n-3:])
		}
		if len(recs)-1 != fr.Rejected {
			t.Errorf("%d rejected rows written, %d reported", len(recs)-1, fr.Rejected)
		}
		for _, rec := range recs[1:] {
			row, err := strconv.Atoi(rec[n-3])
			if err != nil || row < 1 || row > len(rows) {
				t.Fatalf("bad row number %q", rec[n-3])
			}
			rejected[row] = true
			if rec[n-1] == "" || rec[n-2] == "" {
				t.Errorf("row %d rejected without reason", row)
			}
			for k, h := range head[:n-3] {
				if rec[k] != strings.TrimSpace(rows[row-1][h]) {
					t.Fatalf("row %d column %s: %q in rejects, %q in the file", row, h, rec[k], rows[row-1][h])
				}
			}
		}
	})

	t.Run("kemantapan per kabupaten", func(t *testing.T) {
		var table struct {
			Classes     []string          `json:"classes"`
			ToBinaMarga map[string]string `json:"to_bina_marga"`
		}
		b, err := os.ReadFile(filepath.Join(moduleRoot(t), "data", "rules", "scheme_desa4_bm.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &table); err != nil {
			t.Fatal(err)
		}
		type sums struct{ mantap, total float64 }
		want := map[string]*sums{}
		for i, r := range rows {
			if rejected[i+1] {
				continue
			}
			k := strings.ToUpper(strings.TrimSpace(r["KABUPATEN"]))
			if want[k] == nil {
				want[k] = &sums{}
			}
			for _, p := range jabarParts {
				v, _ := num(r[p.column])
				bm := table.ToBinaMarga[p.class]
				if bm == "baik" || bm == "sedang" {
					want[k].mantap += v
				}
				want[k].total += v
			}
		}
		net, err := st.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]*sums{}
		for _, r := range net.Ruas {
			c := roads.ConditionOf(roads.LatestSurvey(net.Surveys[r.ID]))
			k := strings.ToUpper(r.Kabupaten)
			if got[k] == nil {
				got[k] = &sums{}
			}
			got[k].mantap += c.Metres[0] + c.Metres[1]
			got[k].total += c.Total()
		}
		if len(got) != len(want) || len(want) != 19 {
			t.Errorf("%d kabupaten in the register, %d in the file's valid rows (README: 19)", len(got), len(want))
		}
		for k, w := range want {
			g := got[k]
			if g == nil {
				t.Errorf("kabupaten %s missing from the register", k)
				continue
			}
			wk, gk := w.mantap/w.total*100, g.mantap/g.total*100
			if math.Abs(wk-gk) > 1e-9 || math.Abs(w.total-g.total) > 1e-6 {
				t.Errorf("%s: kemantapan %.6f %% over %.1f m in the register, %.6f %% over %.1f m by hand", k, gk, g.total, wk, w.total)
			}
		}
	})

	t.Run("reimport changes nothing", func(t *testing.T) {
		before, err := st.SnapshotHash(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Two days later: the undated rows must keep their first import date.
		rep2, err := Import(ctx, st, []string{path}, Options{SkipInvalid: true})
		if err != nil {
			t.Fatal(err)
		}
		a := rep2.Applied
		if a.Ruas.Created+a.Ruas.Updated+a.Surveys.Created+a.Surveys.Updated != 0 || a.Ruas.Unchanged != fr.Imported {
			t.Errorf("re-import applied %+v; want everything unchanged", a)
		}
		if after, _ := st.SnapshotHash(ctx); after != before {
			t.Errorf("snapshot hash moved from %s to %s", before, after)
		}
	})

	t.Run("round trip", func(t *testing.T) {
		if testing.Short() {
			t.Skip("round trip of 30,000 ruas skipped in -short")
		}
		roundTrip(t, st, ".geojson")
	})
}

// moduleRoot is the directory holding go.mod.
func moduleRoot(t testing.TB) string {
	t.Helper()
	root := shared.ModuleRoot()
	if root == "" {
		t.Fatal("no go.mod above the test's directory")
	}
	return root
}
