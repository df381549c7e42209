package publish

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// TestReportLampiran: the demo city's planning document reads as a Renja
// lampiran: kop and pengesahan, kecamatan outlines named on the map, a
// backlog table, and no English sentence or command-line instruction.
func TestReportLampiran(t *testing.T) {
	tool(t, "pdftotext", "poppler-utils")
	_, src := demoSource(t)
	rep, err := NewReport(src)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	var mapPage int
	for _, s := range rep.Sections {
		if s.Title == SecMap {
			mapPage = s.FirstPage
		}
	}
	m := pdfText(t, b.Bytes(), mapPage)
	for _, k := range []string{"Kec. Kepanjenkidul", "Kec. Sukorejo", "Kec. Sananwetan", "batas kecamatan"} {
		if !strings.Contains(m, k) {
			t.Errorf("the map page does not show %q", k)
		}
	}
	all := pdfText(t, b.Bytes(), 0)
	for _, want := range []string{"PEMERINTAH KOTA BLITAR", "KEPALA DINAS PUPR KOTA BLITAR", "NIP", "belum terdanai (backlog)",
		"Pemeliharaan rutin lebih dahulu", "Paket pekerjaan", "Pembulatan pagu ke bawah", "dicadangkan di dalam pagu"} {
		if !strings.Contains(all, want) {
			t.Errorf("the document does not show %q", want)
		}
	}
	flat := strings.Join(strings.Fields(all), " ")
	for _, bad := range []*regexp.Regexp{regexp.MustCompile(`\bruas (plan|export|init|import)\b`), regexp.MustCompile(`\s--[a-z]`),
		regexp.MustCompile(`(?i)\b(the|and|with|is|are|of the)\b [a-z]+`)} {
		if loc := bad.FindStringIndex(flat); loc != nil {
			lo, hi := max(0, loc[0]-60), min(len(flat), loc[1]+60)
			t.Errorf("the document says %q (…%s…)", flat[loc[0]:loc[1]], flat[lo:hi])
		}
	}
	// Panjang ditangani never sums routine km across years: the capital
	// total is the packages' length, far below the network.
	var capital float64
	for _, y := range rep.Years {
		capital += y.CapitalKm
	}
	if capital <= 0 || capital > rep.Baseline.NetworkKm {
		t.Errorf("capital packages %.3f km over the plan on a %.2f km network", capital, rep.Baseline.NetworkKm)
	}
	if strings.Contains(all, "Panjang ditangani") {
		t.Errorf("the document still sums a 'Panjang ditangani' across years")
	}
}

// TestReportMapFramesTheOffice: with an office boundary, a ruas drawn 600
// km away is left off the map (which frames the boundary) and counted
// under it, instead of shrinking the city to a dot.
func TestReportMapFramesTheOffice(t *testing.T) {
	tool(t, "pdftotext", "poppler-utils")
	_, src := demoSource(t)
	var b orb.Bound
	for i, r := range src.Net.Ruas {
		if r.Geometry == nil {
			continue
		}
		if i == 0 {
			b = r.Geometry.Bound()
		}
		b = b.Union(r.Geometry.Bound())
	}
	net := *src.Net
	office := net.Office
	office.Boundary = b.Pad(0.01).ToPolygon()
	net.Office = office
	far := *net.Ruas[0]
	far.Geometry = orb.LineString{{118.0, -8.1}, {118.01, -8.1}}
	net.Ruas = append(append([]*roads.Ruas(nil), net.Ruas...), &far)
	src.Net = &net
	if m := strings.Join(strings.Fields(mapPageText(t, src)), " "); !strings.Contains(m, "1 ruas bergeometri di luar batas wilayah") {
		t.Errorf("the map page does not count the ruas outside the office:\n%s", m)
	}
}

// TestReportMapDrawsOfficeOutlines: the office's own kecamatan outlines,
// when loaded, are the ones the map draws and names, not the demo's.
func TestReportMapDrawsOfficeOutlines(t *testing.T) {
	tool(t, "pdftotext", "poppler-utils")
	_, src := demoSource(t)
	net := *src.Net
	office := net.Office
	office.Outlines = []roads.Outline{{Code: "35.72.09", Name: "Ujicoba", Level: roads.LevelKecamatan,
		Geometry: orb.Polygon{{{112.14, -8.12}, {112.19, -8.12}, {112.19, -8.08}, {112.14, -8.08}, {112.14, -8.12}}}}}
	net.Office = office
	src.Net = &net
	m := mapPageText(t, src)
	if !strings.Contains(m, "Ujicoba") || strings.Contains(m, "Kec. Sukorejo") {
		t.Errorf("the map does not name the office's own outline (or still the demo's):\n%s", m)
	}
}

// mapPageText renders src's planning document and returns the text of its
// map page.
func mapPageText(t *testing.T, src *Source) string {
	t.Helper()
	rep, err := NewReport(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Sections {
		if s.Title == SecMap {
			return pdfText(t, buf.Bytes(), s.FirstPage)
		}
	}
	t.Fatal("the document has no map section")
	return ""
}
