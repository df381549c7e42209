package publish

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pdfText extracts the text of one page (0: all pages) with pdftotext.
func pdfText(t testing.TB, pdf []byte, page int) string {
	t.Helper()
	bin := tool(t, "pdftotext", "poppler-utils")
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-layout"}
	if page > 0 {
		args = append(args, "-f", fmt.Sprint(page), "-l", fmt.Sprint(page))
	}
	out, err := exec.Command(bin, append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// renderPages renders a PDF to PNG pages with pdftoppm and returns their count.
func renderPages(t testing.TB, pdf []byte) int {
	t.Helper()
	bin := tool(t, "pdftoppm", "poppler-utils")
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	// 20 dpi is enough to prove every page renders and keeps the test fast.
	if out, err := exec.Command(bin, "-r", "20", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm cannot render the document: %v\n%s", err, out)
	}
	pngs, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pngs {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("page %s is empty", p)
		}
	}
	return len(pngs)
}

// checkSections checks that the document has every section in order, that
// each starts on the page recorded with its title, that continuation pages
// say so, and that pdftoppm renders exactly the pages recorded.
func checkSections(t *testing.T, rep *Report, pdf []byte) {
	t.Helper()
	var titles []string
	total := 0
	for _, s := range rep.Sections {
		titles = append(titles, s.Title)
		total += s.Pages
		if s.Pages < 1 {
			t.Errorf("section %q has %d pages", s.Title, s.Pages)
		}
	}
	if strings.Join(titles, "|") != strings.Join(SectionTitles, "|") {
		t.Fatalf("sections %q, want %q", titles, SectionTitles)
	}
	if n := renderPages(t, pdf); n != total {
		t.Fatalf("pdftoppm rendered %d pages, the sections took %d", n, total)
	}
	for _, s := range rep.Sections {
		for p := 0; p < s.Pages; p++ {
			text := pdfText(t, pdf, s.FirstPage+p)
			if !strings.Contains(text, s.Title) {
				t.Errorf("page %d does not carry its section title %q", s.FirstPage+p, s.Title)
			}
			if p > 0 && !strings.Contains(text, "(lanjutan)") {
				t.Errorf("page %d continues %q but does not say (lanjutan)", s.FirstPage+p, s.Title)
			}
			if !strings.Contains(text, fmt.Sprintf("Halaman %d/%d", s.FirstPage+p, total)) {
				t.Errorf("page %d has no footer \"Halaman %d/%d\"", s.FirstPage+p, s.FirstPage+p, total)
			}
		}
	}
}

func TestReportSections(t *testing.T) {
	f := newFixture(t)
	rep, err := NewReport(f.load(t))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	checkSections(t, rep, b.Bytes())
	// The fixture is small: every section fits one page.
	for _, s := range rep.Sections {
		if s.Pages != 1 {
			t.Errorf("section %q took %d pages, want 1", s.Title, s.Pages)
		}
	}
	all := pdfText(t, b.Bytes(), 0)
	// The usulan total of both years (TestSIPDPagu computes each on its
	// own) and the TA 2026 code of rekonstruksi from the table file.
	total := "Rp " + grouped(rep.Usulan[0].Rp+rep.Usulan[1].Rp, 0)
	for _, want := range []string{"Kemantapan 2025", total, "Jl. Kenari", "Rekonstruksi", "Rusak Berat", "01/07/2025",
		tableCodes(t, 2026)["rekonstruksi"], "KEPALA DINAS PUPR", "NIP", "backlog", "Tanpa penanganan", "Rp 1 M/tahun", "Belum disurvei", f.run.SnapshotHash, "Rencana #1"} {
		if !strings.Contains(all, want) {
			t.Errorf("the document does not show %q", want)
		}
	}
}

// TestReportPriorityPages fills the priority list beyond two pages and
// checks that it continues in order with the header repeated: every work
// appears once, on the page its position predicts.
func TestReportPriorityPages(t *testing.T) {
	f := newFixture(t)
	src := f.load(t)
	per := PriorityRowsPerPage()
	n := 2*per + 5
	tmpl := src.Result.Plan[0].Works[1] // a capital work: the list is of packages
	works := src.Result.Plan[0].Works[:0]
	for i := 0; i < n; i++ {
		w := tmpl
		w.Rank = i + 1
		w.RuasName = fmt.Sprintf("Jl. Uji %03d", i+1)
		works = append(works, w)
	}
	src.Result.Plan[0].Works = works
	src.Result.Plan[1].Works = nil
	rep, err := NewReport(src)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := rep.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	checkSections(t, rep, b.Bytes())
	var sec Section
	for _, s := range rep.Sections {
		if s.Title == SecPriority {
			sec = s
		}
	}
	if want := (n + per - 1) / per; sec.Pages != want {
		t.Fatalf("priority list of %d works at %d a page took %d pages, want %d", n, per, sec.Pages, want)
	}
	pages := make([]string, sec.Pages)
	for p := range pages {
		pages[p] = pdfText(t, b.Bytes(), sec.FirstPage+p)
		if !strings.Contains(pages[p], "Nama Ruas") || !strings.Contains(pages[p], "Pagu (Rp)") {
			t.Errorf("priority page %d has no table header", p+1)
		}
	}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Jl. Uji %03d", i+1)
		for p, text := range pages {
			got := strings.Count(text, name)
			want := 0
			if p == i/per {
				want = 1
			}
			if got != want {
				t.Errorf("%s appears %d times on priority page %d, want %d", name, got, p+1, want)
			}
		}
	}
}
