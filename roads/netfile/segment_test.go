package netfile

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// The Bina Marga rule as the README states it, written out here so that
// the tests do not take their expected figures from the code under test.
func iriClassRule(iri float64) roads.Kondisi {
	switch {
	case iri <= 4:
		return roads.Baik
	case iri <= 8:
		return roads.Sedang
	case iri <= 12:
		return roads.RusakRingan
	}
	return roads.RusakBerat
}

func sdiClassRule(sdi float64) roads.Kondisi {
	switch {
	case sdi <= 50:
		return roads.Baik
	case sdi <= 100:
		return roads.Sedang
	case sdi <= 150:
		return roads.RusakRingan
	}
	return roads.RusakBerat
}

// sdiRule: SDI1 from crack area (0 → 0; < 10 % → 5; 10–30 % → 20; > 30 %
// → 40), doubled for cracks wider than 3 mm, + 15 / 75 / 225 for potholes
// < 10 / 10–50 / > 50 per km (none: 0), + 2.5 / 10 / 20 for ruts < 1 /
// 1–3 / > 3 cm (none: 0). A value on a bound is in the better class, but
// 10 % and 10/km are in the middle bands.
func sdiRule(crack, width, holes, rut, unitM float64) float64 {
	var s float64
	switch {
	case crack == 0:
	case crack < 10:
		s = 5
	case crack <= 30:
		s = 20
	default:
		s = 40
	}
	if width > 3 {
		s *= 2
	}
	perKM := holes * 1000 / unitM
	switch {
	case perKM == 0:
	case perKM < 10:
		s += 15
	case perKM <= 50:
		s += 75
	default:
		s += 225
	}
	switch {
	case rut == 0:
	case rut < 1:
		s += 2.5
	case rut <= 3:
		s += 10
	default:
		s += 20
	}
	return s
}

func sta(m int) string { return fmt.Sprintf("%d+%03d", m/1000, m%1000) }

// surveysByRuas reads every stored survey, keyed by ruas number.
func surveysByRuas(t *testing.T, st *sqlitestore.Store) map[string][]*roads.Survey {
	t.Helper()
	vs, err := st.Surveys(context.Background(), roads.SurveyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]*roads.Survey{}
	for _, v := range vs {
		out[v.Ruas.No] = append(out[v.Ruas.No], v)
	}
	return out
}

// TestSegmentIRILanes: a segment file of IRI per 100 m in two lanes,
// imported after the ruas file, becomes one unit per 100 m whose IRI is
// the mean of the lanes and whose class follows the IRI rule.
func TestSegmentIRILanes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ruas := writeFile(t, dir, "ruas.csv", "NO RUAS,NAMA RUAS,PANJANG\n001,Jl. Satu,1000\n002,Jl. Dua,500\n")
	if _, err := Import(ctx, st, []string{ruas}, Options{Region: "65.03", Now: now}); err != nil {
		t.Fatal(err)
	}
	type unit struct {
		no       string
		from     int
		l, r     float64
		wantIRI  float64
		wantCond roads.Kondisi
	}
	var units []unit
	var b strings.Builder
	b.WriteString("LINKID,STA_FROM,STA_TO,LANE,IRI,TANGGAL SURVEI\n")
	for _, rs := range []struct {
		no string
		n  int
	}{{"001", 10}, {"002", 5}} {
		for i := 0; i < rs.n; i++ {
			l := 2.0 + 1.25*float64(i)
			r := 3.0 + 0.75*float64(i)
			u := unit{no: rs.no, from: i * 100, l: l, r: r, wantIRI: (l + r) / 2}
			u.wantCond = iriClassRule(u.wantIRI)
			units = append(units, u)
			fmt.Fprintf(&b, "%s,%s,%s,L1,%g,2025-08-14\n", rs.no, sta(i*100), sta(i*100+100), l)
			fmt.Fprintf(&b, "%s,%s,%s,R1,%g,2025-08-14\n", rs.no, sta(i*100), sta(i*100+100), r)
		}
	}
	seg := writeFile(t, dir, "iri_2025.csv", b.String())
	rep, err := Import(ctx, st, []string{seg}, Options{Now: now})
	if err != nil {
		t.Fatalf("%v: %+v", err, rep.Files[0].Errors)
	}
	if fr := rep.Files[0]; fr.Rows != 30 || fr.Imported != 30 || fr.Rejected != 0 {
		t.Errorf("rows %d imported %d rejected %d, want 30 30 0", fr.Rows, fr.Imported, fr.Rejected)
	}
	if rep.Applied.Surveys.Created != 15 || rep.Applied.Ruas.Created != 0 {
		t.Errorf("applied %+v: want 15 units (two lanes each averaged) and no ruas", rep.Applied)
	}
	got := surveysByRuas(t, st)
	want := map[string][4]float64{}
	for _, u := range units {
		var v *roads.Survey
		for _, s := range got[u.no] {
			if s.StaFromM == float64(u.from) {
				v = s
			}
		}
		if v == nil {
			t.Errorf("ruas %s STA %s: no unit stored", u.no, sta(u.from))
			continue
		}
		if v.StaToM != float64(u.from+100) || v.Distress == nil || v.Distress.IRI == nil || math.Abs(*v.Distress.IRI-u.wantIRI) > 1e-9 {
			t.Errorf("ruas %s STA %s: stored %+v, want IRI %g over 100 m", u.no, sta(u.from), v, u.wantIRI)
			continue
		}
		if v.Assessment.Kondisi != u.wantCond {
			t.Errorf("ruas %s STA %s: IRI %g → %s, want %s", u.no, sta(u.from), u.wantIRI, v.Assessment.Kondisi, u.wantCond)
		}
		if len(v.Assessment.Steps) == 0 || !strings.Contains(v.Assessment.Steps[0], "lanes L1, R1") {
			t.Errorf("ruas %s STA %s: steps %q do not say the lanes were averaged", u.no, sta(u.from), v.Assessment.Steps)
		}
		if !v.Date.Equal(time.Date(2025, 8, 14, 0, 0, 0, 0, time.UTC)) || v.DateBasis != roads.DateFromSurvey {
			t.Errorf("date %v basis %s", v.Date, v.DateBasis)
		}
		m := want[u.no]
		m[u.wantCond.Rank()] += 100
		want[u.no] = m
	}
	for no, m := range want {
		if c := roads.ConditionOf(roads.LatestSurvey(got[no])); c.Metres != m {
			t.Errorf("ruas %s: metres per class %v, want %v", no, c.Metres, m)
		}
	}
	// Importing the same file again changes nothing.
	rep, err = Import(ctx, st, []string{seg}, Options{Now: now.AddDate(0, 0, 3)})
	if err != nil {
		t.Fatal(err)
	}
	if a := rep.Applied.Surveys; a.Unchanged != 15 || a.Created+a.Updated != 0 {
		t.Errorf("re-import: %+v, want 15 unchanged", a)
	}
}

// TestSegmentRCS: RCS distress rows (km ranges, a year column) give the
// SDI and class of the Bina Marga rule, computed here independently.
func TestSegmentRCS(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ruas := writeFile(t, dir, "ruas.csv", "NO RUAS,NAMA RUAS,PANJANG\n7,Jl. Tujuh,2000\n")
	type row struct{ crack, width, holes, rut float64 }
	rows := []row{
		{0, 0, 0, 0}, {5, 2, 0, 0.5}, {10, 3, 1, 1}, {30, 4, 0, 3}, {31, 1, 6, 4},
		{9.9, 3.1, 0, 0}, {20, 5, 1, 2}, {50, 6, 10, 5}, {0, 0, 5, 0}, {12, 2, 0, 0.9},
	}
	var b strings.Builder
	b.WriteString("LINKID;KM AWAL;KM AKHIR;TAHUN;LUAS RETAK (%);LEBAR RETAK (mm);LUBANG;ALUR (cm)\n")
	dec := func(x float64) string { return strings.ReplaceAll(fmt.Sprint(x), ".", ",") }
	for i, r := range rows {
		fmt.Fprintf(&b, "7;%s;%s;2024;%s;%s;%s;%s\n", dec(float64(i)/10), dec(float64(i+1)/10), dec(r.crack), dec(r.width), dec(r.holes), dec(r.rut))
	}
	seg := writeFile(t, dir, "rcs.csv", b.String())
	rep, err := Import(ctx, st, []string{ruas, seg}, Options{Region: "65.03", Now: now})
	if err != nil {
		t.Fatalf("%v: %+v", err, rep.Files[1].Errors)
	}
	got := surveysByRuas(t, st)["7"]
	if len(got) != len(rows) {
		t.Fatalf("%d units stored, want %d", len(got), len(rows))
	}
	for i, r := range rows {
		v := got[i]
		wantSDI := sdiRule(r.crack, r.width, r.holes, r.rut, 100)
		if v.StaFromM != float64(i*100) || v.StaToM != float64(i*100+100) {
			t.Errorf("unit %d: STA %s–%s, want %s–%s (km read as km)", i, roads.FormatSTA(v.StaFromM), roads.FormatSTA(v.StaToM), sta(i*100), sta(i*100+100))
		}
		if v.Assessment.SDI == nil || *v.Assessment.SDI != wantSDI {
			t.Errorf("unit %d %+v: SDI %v, want %g", i, r, v.Assessment.SDI, wantSDI)
		}
		if v.Assessment.Kondisi != sdiClassRule(wantSDI) {
			t.Errorf("unit %d: class %s, want %s (SDI %g)", i, v.Assessment.Kondisi, sdiClassRule(wantSDI), wantSDI)
		}
		if !v.Date.Equal(time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)) || v.DateBasis != roads.DateFromYear {
			t.Errorf("unit %d: date %v basis %q, want 1 July 2024, year", i, v.Date, v.DateBasis)
		}
	}
}

// TestSegmentRowErrors: a segment row of an unknown ruas, a repeated
// range without lanes and an overlapping range are refused with a plain
// message, and a failed import changes nothing.
func TestSegmentRowErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ruas := writeFile(t, dir, "ruas.csv", "NO RUAS,NAMA RUAS,PANJANG\n001,Jl. Satu,1000\n")
	good := writeFile(t, dir, "good.csv", "NO_RUAS,STA AWAL,STA AKHIR,IRI,TANGGAL\n001,0,100,3.5,2024-05-01\n001,100,200,9,2024-05-01\n")
	if _, err := Import(ctx, st, []string{ruas, good}, Options{Region: "65.03", Now: now}); err != nil {
		t.Fatal(err)
	}
	before, err := st.Surveys(ctx, roads.SurveyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	bad := writeFile(t, dir, "bad.csv", "NO_RUAS,STA AWAL,STA AKHIR,IRI,TANGGAL\n"+
		"001,0,100,5,2025-05-01\n"+ // good: a new survey
		"009,0,100,5,2025-05-01\n"+ // unknown ruas
		"001,100,200,6,2025-05-01\n"+ // good
		"001,100,200,7,2025-05-01\n"+ // the same range again, no lane
		"001,150,250,7,2025-05-01\n") // overlaps the one before
	rep, err := Import(ctx, st, []string{bad}, Options{Region: "65.03", Now: now})
	if !errors.Is(err, ErrRowsInvalid) {
		t.Fatalf("err %v, want ErrRowsInvalid", err)
	}
	cats := map[int]string{}
	for _, e := range rep.Files[0].Errors {
		cats[e.Row] = e.Category
		if e.Row == 2 && !strings.Contains(e.Message, "tidak ada di register") {
			t.Errorf("unknown ruas message %q does not say it is not in the register", e.Message)
		}
	}
	want := map[int]string{2: CatRuasUnknown, 4: CatDuplicate, 5: CatOverlap}
	for row, c := range want {
		if cats[row] != c {
			t.Errorf("row %d: category %q, want %q (all: %v)", row, cats[row], c, cats)
		}
	}
	if len(cats) != len(want) {
		t.Errorf("rows refused %v, want %v", cats, want)
	}
	after, err := st.Surveys(ctx, roads.SurveyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Fatalf("%d surveys after a failed import, %d before", len(after), len(before))
	}
	for i := range before {
		a, b := before[i], after[i]
		if a.ID != b.ID || !a.Date.Equal(b.Date) || *a.Distress.IRI != *b.Distress.IRI || a.Assessment.Kondisi != b.Assessment.Kondisi {
			t.Errorf("survey %d changed by a failed import: %+v → %+v", i, a, b)
		}
	}
}

// TestSegmentUndatedReimport: an undated segment file takes the import
// date, and importing it again on a later day changes nothing.
func TestSegmentUndatedReimport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	day1 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	ruas := writeFile(t, dir, "ruas.csv", "NO RUAS,NAMA RUAS,PANJANG\n001,Jl. Satu,200\n")
	seg := writeFile(t, dir, "seg.csv", "NO RUAS,STA_FROM,STA_TO,IRI\n001,0+000,0+100,3\n001,0+100,0+200,5\n")
	if _, err := Import(ctx, st, []string{ruas, seg}, Options{Region: "65.03", Now: day1}); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(ctx, st, []string{seg}, Options{Region: "65.03", Now: day1.AddDate(0, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if a := rep.Applied.Surveys; a.Unchanged != 2 || a.Created+a.Updated != 0 {
		t.Errorf("re-import a month later: %+v, want 2 unchanged", a)
	}
	vs := surveysByRuas(t, st)["001"]
	if len(vs) != 2 || !vs[0].Date.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) || vs[0].DateBasis != roads.DateFromImport {
		t.Errorf("surveys %+v: want 2 dated with the first import day, basis import", vs)
	}
}

// TestBoundaryHook: with an office boundary, a point a little outside it
// (within BoundaryToleranceM) imports and one well outside is refused.
func TestBoundaryHook(t *testing.T) {
	box := orb.Polygon{{{110.30, -7.90}, {110.50, -7.90}, {110.50, -7.70}, {110.30, -7.70}, {110.30, -7.90}}}
	// 0.009° of longitude east of the box at 7.8° S, and 0.09°.
	near, far := 110.509, 110.59
	if d := haversine(110.50, -7.80, near, -7.80); d > BoundaryToleranceM || d < 500 {
		t.Fatalf("set-up: near point %g m outside", d)
	}
	doc := fmt.Sprintf(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"NO RUAS":"1","NAMA RUAS":"Dalam","PANJANG":1100},"geometry":{"type":"LineString","coordinates":[[110.40,-7.8],[110.41,-7.8]]}},
{"type":"Feature","properties":{"NO RUAS":"2","NAMA RUAS":"Tepi","PANJANG":1100},"geometry":{"type":"LineString","coordinates":[[110.499,-7.8],[%g,-7.8]]}},
{"type":"Feature","properties":{"NO RUAS":"3","NAMA RUAS":"Luar","PANJANG":1100},"geometry":{"type":"LineString","coordinates":[[110.58,-7.8],[%g,-7.8]]}}]}`, near, far)
	p := writeFile(t, t.TempDir(), "b.geojson", doc)
	rep, err := Import(context.Background(), nil, []string{p}, Options{Region: "34.71", DryRun: true, SkipInvalid: true, Boundary: box})
	if err != nil {
		t.Fatal(err)
	}
	fr := rep.Files[0]
	if fr.Rejected != 1 || fr.Errors[0].Row != 3 || fr.Errors[0].Category != CatOutside {
		t.Errorf("errors %+v: want only row 3 refused as outside the boundary", fr.Errors)
	}
	d := haversine(110.50, -7.80, far, -7.80)
	if !strings.Contains(fr.Errors[0].Message, strings.ReplaceAll(fmt.Sprintf("%.1f km", d/1000), ".", ",")) {
		t.Errorf("message %q does not give the distance %.1f km", fr.Errors[0].Message, d/1000)
	}
}

// TestSegmentSDIGiven: an IRMS-style extract with IRI and the source's SDI
// (no distress items) takes the worse of the IRI and SDI classes; the
// source's SDI is kept, so a re-import changes nothing; PCI alone is
// refused.
func TestSegmentSDIGiven(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ruas := writeFile(t, dir, "ruas.csv", "NO RUAS,NAMA RUAS,PANJANG\nL1,Jl. L,400\n")
	rows := []struct{ iri, sdi float64 }{{3, 40}, {3, 120}, {9, 20}, {5, 101}}
	var b strings.Builder
	b.WriteString("LINK_ID,STA_FROM,STA_TO,IRI,SDI,PCI,SURVEY_DATE\n")
	for i, r := range rows {
		fmt.Fprintf(&b, "L1,%d,%d,%g,%g,70,2025-09-30\n", i*100, i*100+100, r.iri, r.sdi)
	}
	seg := writeFile(t, dir, "irms.csv", b.String())
	if rep, err := Import(ctx, st, []string{ruas, seg}, Options{Region: "65.03", Now: now}); err != nil {
		t.Fatalf("%v %+v", err, rep.Files[1].Errors)
	}
	got := surveysByRuas(t, st)["L1"]
	if len(got) != len(rows) {
		t.Fatalf("%d units, want %d", len(got), len(rows))
	}
	for i, r := range rows {
		want := roads.Worse(iriClassRule(r.iri), sdiClassRule(r.sdi))
		v := got[i]
		if v.Assessment.Kondisi != want || v.Assessment.SDI == nil || *v.Assessment.SDI != r.sdi || v.SDIGiven == nil || *v.Distress.PCI != 70 {
			t.Errorf("unit %d (IRI %g, SDI %g): class %s SDI %v, want %s with the source's SDI", i, r.iri, r.sdi, v.Assessment.Kondisi, v.Assessment.SDI, want)
		}
	}
	rep, err := Import(ctx, st, []string{seg}, Options{Region: "65.03", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if a := rep.Applied.Surveys; a.Unchanged != len(rows) {
		t.Errorf("re-import: %+v, want %d unchanged", a, len(rows))
	}
	pci := writeFile(t, dir, "pci.csv", "LINK_ID,STA_FROM,STA_TO,PCI,SURVEY_DATE\nL1,0,100,55,2025-10-01\n")
	rep, err = Import(ctx, st, []string{pci}, Options{Region: "65.03", Now: now, DryRun: true})
	if !errors.Is(err, ErrRowsInvalid) || rep.Files[0].Errors[0].Category != CatMeasureIncomplete {
		t.Errorf("PCI alone: %v %+v, want measure_incomplete", err, rep.Files[0].Errors)
	}
}

// TestSegmentXLSXAndGeoJSON: segment files as offices send them: a sheet
// with a title row above the header and STA as text, and a GeoJSON of
// segment lines whose properties carry the range.
func TestSegmentXLSXAndGeoJSON(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, dir)
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ruas := writeFile(t, dir, "ruas.csv", "NO RUAS,NAMA RUAS,PANJANG\nR9,Jl. Sembilan,300\n")
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	cells := [][]any{
		{"DATA SURVEI KONDISI JALAN KABUPATEN 2024"},
		{"KODE RUAS", "STA AWAL", "STA AKHIR", "LAJUR", "IRI", "TANGGAL SURVEI"},
		{"R9", "0+000", "0+100", "Kiri", 2.5, "12/05/2024"},
		{"R9", "0+000", "0+100", "Kanan", 3.5, "12/05/2024"},
		{"R9", "0+100", "0+200", "Kiri", 8.5, "12/05/2024"},
	}
	for i, row := range cells {
		for j, v := range row {
			c, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue(sh, c, v)
		}
	}
	xl := filepath.Join(dir, "survei.xlsx")
	if err := f.SaveAs(xl); err != nil {
		t.Fatal(err)
	}
	gj := writeFile(t, dir, "seg.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"LINKID":"R9","STA_FROM":200,"STA_TO":300,"IRI":12.5,"SURVEY_DATE":"2024-05-12"},"geometry":{"type":"LineString","coordinates":[[110.4,-7.8],[110.401,-7.8]]}}]}`)
	rep, err := Import(ctx, st, []string{ruas, xl, gj}, Options{Region: "65.03", Now: now})
	if err != nil {
		t.Fatalf("%v %+v %+v", err, rep.Files[1].Errors, rep.Files[2].Errors)
	}
	vs := surveysByRuas(t, st)["R9"]
	want := []struct {
		from, iri float64
		k         roads.Kondisi
	}{{0, 3, iriClassRule(3)}, {100, 8.5, iriClassRule(8.5)}, {200, 12.5, iriClassRule(12.5)}}
	if len(vs) != len(want) {
		t.Fatalf("%d units, want %d", len(vs), len(want))
	}
	for i, w := range want {
		v := vs[i]
		if v.StaFromM != w.from || *v.Distress.IRI != w.iri || v.Assessment.Kondisi != w.k || !v.Date.Equal(time.Date(2024, 5, 12, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("unit %d: STA %g IRI %g %s %v, want %g %g %s 2024-05-12", i, v.StaFromM, *v.Distress.IRI, v.Assessment.Kondisi, v.Date, w.from, w.iri, w.k)
		}
	}
}

// TestKilometrePostsInventory: an inventory giving each link's kilometre
// posts beside its name and condition metres is a ruas file, not a
// segment file.
func TestKilometrePostsInventory(t *testing.T) {
	p := writeFile(t, t.TempDir(), "inv.csv", "NO RUAS,NAMA RUAS,KM AWAL,KM AKHIR,PANJANG,BAIK,SEDANG,RUSAK RINGAN,RUSAK BERAT\n"+
		"01,Jl. Provinsi,12,15,3000,2000,1000,0,0\n02,Jl. Lain,15,16,1000,1000,0,0,0\n")
	rep, err := Import(context.Background(), nil, []string{p}, Options{Region: "65.03", DryRun: true})
	if err != nil {
		t.Fatalf("%v %+v", err, rep.Files[0].Errors)
	}
	if fr := rep.Files[0]; fr.Imported != 2 {
		t.Errorf("imported %d of 2 inventory rows", fr.Imported)
	}
}
