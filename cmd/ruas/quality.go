package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"text/tabwriter"
	"time"

	"github.com/kotablitar/ruas/roads/locale"
	"github.com/kotablitar/ruas/roads/quality"
)

func init() {
	commands["quality"] = command{"laporan kualitas data per prinsip Satu Data, dataset dan kecamatan", runQuality}
}

func runQuality(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "quality", "quality [--json] [--as-of YYYY-MM-DD] [--db PATH]",
		"Memeriksa kelengkapan, kemutakhiran, konsistensi dan validitas register,\nmemberi nilai tiap prinsip Satu Data, dan mendaftar setiap temuan dengan data yang perlu diperbaiki.")
	asJSON := fs.Bool("json", false, "cetak laporan lengkap sebagai JSON")
	asOfFlag := fs.String("as-of", "", "nilai kemutakhiran per `TANGGAL` ini (bawaan: hari ini)")
	if err := parse(fs, args); err != nil {
		return err
	}
	asOf := time.Now()
	if *asOfFlag != "" {
		t, err := time.Parse("2006-01-02", *asOfFlag)
		if err != nil {
			return usageError{fmt.Sprintf("--as-of %q harus tanggal bertulis YYYY-MM-DD, mis. 2026-11-26", *asOfFlag)}
		}
		asOf = t
	}
	s, err := openRegister(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	net, err := s.Network(ctx)
	if err != nil {
		return err
	}
	rep := quality.Check(net, asOf)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(jsonSafe(rep))
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Kualitas data %s per %s (snapshot %s)\n", redactDSN(*db), asOf.In(locale.WIB).Format("2006-01-02"), rep.SnapshotHash)
	// quality.Check reads the office's boundary from the network.
	if net.Office.Boundary != nil {
		fmt.Fprintf(w, "Letak geometri diperiksa terhadap batas wilayah %s (toleransi %d m).\n", net.Office.Pemda(), quality.BoundaryToleranceM)
	} else {
		fmt.Fprintln(w, "Letak geometri diperiksa terhadap sebaran jaringan sendiri (kantor tanpa batas wilayah; atur dengan `ruas init --boundary`).")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Prinsip\tnilai\tlolos/diperiksa")
	for _, p := range quality.Principles {
		sc := rep.Principles[p]
		fmt.Fprintf(w, "%s\t%s\t%d/%d\n", p, pct(sc.Percent), sc.Passed, sc.Checked)
	}
	fmt.Fprintln(w, "\nKecamatan\tkelengkapan\tkemutakhiran\tkonsistensi\tvaliditas\tdisurvei ≤12 bulan\tsurvei terakhir tertua")
	for _, g := range rep.Kecamatan {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Name, pct(g.Dimensions[quality.Completeness].Percent), pct(g.Dimensions[quality.Timeliness].Percent),
			pct(g.Dimensions[quality.Consistency].Percent), pct(g.Dimensions[quality.Validity].Percent), pct(g.SurveyedRecentPct), g.OldestSurvey)
	}
	fmt.Fprintf(w, "\n%d temuan", len(rep.Findings))
	if len(rep.Findings) > 50 {
		fmt.Fprint(w, " (50 pertama; --json mendaftar semuanya)")
	}
	fmt.Fprintln(w)
	for i, f := range rep.Findings {
		if i == 50 {
			break
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", f.Ruas, f.Dataset, f.Check, f.Message)
	}
	return w.Flush()
}

func pct(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", v)
}

// jsonSafe replaces NaN scores (nothing checked) with -1 so the report
// encodes; JSON has no NaN.
func jsonSafe(r *quality.Report) *quality.Report {
	fix := func(v *float64) {
		if math.IsNaN(*v) {
			*v = -1
		}
	}
	for p, s := range r.Principles {
		fix(&s.Percent)
		r.Principles[p] = s
	}
	for _, gs := range [][]quality.Group{r.Datasets, r.Kecamatan} {
		for i := range gs {
			fix(&gs[i].SurveyedRecentPct)
			for d, s := range gs[i].Dimensions {
				fix(&s.Percent)
				gs[i].Dimensions[d] = s
			}
		}
	}
	return r
}
