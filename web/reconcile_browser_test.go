package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
)

// TestBrowserReconcile drives Chromium as a walidata through the
// reconciliation page: upload a figures file, read the sheet, take the
// other office's explained kemantapan, write the forum's note and agree;
// the public portal then shows the agreed figure. The figures are those
// of TestReconcilePages (seed: kemantapan 33,33 % at the end of 2026,
// 66,67 % at the end of 2025).
func TestBrowserReconcile(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests start Chromium; skipped with -short")
	}
	a := newTestApp(t)
	a.seed(t)
	verifyAll(t, a)
	region := demo.Office().Region // the seed's office
	file := filepath.Join(t.TempDir(), "bappeda.csv")
	if err := os.WriteFile(file, []byte("tahun;kode_wilayah;indikator;nilai;satuan;sumber\n2026;"+region+";kemantapan_pct;66,67;%;Bappeda LKPJ 2026\n2026;"+region+";panjang_rusak_berat_km;5;km;Provinsi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := strings.Replace(a.http.URL, "localhost", "127.0.0.1", 1)
	ctx, cancel := newBrowser(t, &requestLog{})
	defer cancel()
	a.withPassword(t, roads.RoleWalidata, "sandi-walidata-benar")
	signIn(t, ctx, base, "walidata", "sandi-walidata-benar")

	run(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#nav-reconcile")),
		chromedp.Click(chromedp.CSS("#nav-reconcile")), chromedp.WaitVisible(chromedp.CSS("#rec-form")),
		chromedp.SetUploadFiles(chromedp.CSS("#rec-file"), []string{file}),
		chromedp.Click(chromedp.CSS("#rec-upload")), chromedp.WaitVisible(chromedp.CSS("#rec-lines")))
	if got := text(t, ctx, "#rec-line-0"); !strings.Contains(got, "Terjelaskan") || !strings.Contains(got, "register per akhir 2025") {
		t.Errorf("line 1: %q", got)
	}
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "reconcile-sheet.png", png)
	}
	if got := text(t, ctx, "#rec-line-1"); !strings.Contains(got, "TIDAK TERJELASKAN") {
		t.Errorf("line 2: %q", got)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#rec-choice-1 option').length`); n != 1 {
		t.Errorf("the unexplained line offers %d choices, want the register's only", n)
	}
	run(t, ctx, chromedp.SetValue(chromedp.CSS("#rec-choice-0"), "lain"),
		chromedp.SendKeys(chromedp.CSS("#rec-note"), "Forum Satu Data, 20 November 2026"),
		chromedp.Click(chromedp.CSS("#rec-agree-save")), chromedp.WaitVisible(chromedp.CSS("#saved")))
	if got := text(t, ctx, "#rec-status"); !strings.Contains(got, "Forum Satu Data, 20 November 2026") {
		t.Errorf("status %q", got)
	}
	recs, err := a.store.Reconciliations(context.Background(), true)
	if err != nil || len(recs) != 1 {
		t.Fatalf("agreed sheets %d, %v", len(recs), err)
	}
	run(t, ctx, chromedp.Navigate(base+"/publik"), chromedp.WaitVisible(chromedp.CSS("#agreed-kemantapan_pct")))
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		artifact(t, "reconcile-public.png", png)
	}
	if got := text(t, ctx, "#agreed-kemantapan_pct"); !strings.Contains(got, "66,67 %") || !strings.Contains(got, "Bappeda LKPJ 2026") {
		t.Errorf("public note %q", got)
	}
}
