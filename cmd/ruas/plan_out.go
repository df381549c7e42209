package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/planner/publish"
)

// printPlan writes the plan's summary for a reader at a terminal.
func printPlan(w io.Writer, res *planner.Result) {
	in := res.Input
	fmt.Fprintf(w, "Rencana penanganan %d–%d, metode %s\n", in.FromYear, in.FromYear+in.Years-1, res.Method.Label)
	fmt.Fprintf(w, "Jaringan: %d seksi, %s km; kondisi awal (survei s.d. %d): kemantapan %s %%\n",
		res.Sections, planner.FormatID(res.NetworkKm, 2), res.Baseline.Year, planner.FormatID(float64(res.Baseline.Kemantapan), 2))
	fmt.Fprintf(w, "Tabel: kondisi %s, penanganan %s, kerusakan %s, prioritas %s; data %s\n\n",
		in.Tables.Condition, in.Tables.Treatments, in.Tables.Deterioration, in.Tables.Priority, res.SnapshotHash)
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Tahun\tPagu (Rp)\tTerpakai (Rp)\tPekerjaan\tKemantapan (%)\tTanpa penanganan (%)\tBacklog (km)\tBacklog (Rp)\t")
	for i, y := range res.Plan {
		dn := 0.0
		if i < len(res.DoNothing.Years) {
			dn = res.DoNothing.Years[i].Kemantapan
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", y.Year, planner.FormatID(y.BudgetRp, 0), planner.FormatID(y.SpentRp, 0), len(y.Works),
			planner.FormatID(y.Kemantapan, 2), planner.FormatID(dn, 2), planner.FormatID(y.Backlog.LengthKm, 2), planner.FormatID(y.Backlog.CostRp, 0))
	}
	tw.Flush()
	if c := res.Costing; c != nil {
		fmt.Fprintf(w, "Harga tahun anggaran: harga satuan %d dinaikkan %s %%/tahun (setelan %s); terpakai termasuk cadangan perencanaan teknis dan pengawasan (%s %% paket modal).\n",
			c.PriceYear, planner.FormatID(c.EscalationPct, 1), c.Settings, planner.FormatID(c.CompanionShare*100, 1))
	}
	if len(res.Scenarios) > 1 {
		fmt.Fprintln(w, "\nSkenario (kemantapan % pada akhir tiap tahun):")
		for _, s := range res.Scenarios {
			var ks []string
			for _, y := range s.Years {
				ks = append(ks, planner.FormatID(y.Kemantapan, 1))
			}
			fmt.Fprintf(w, "  %-32s %s\n", s.Name, strings.Join(ks, "  "))
		}
	}
	if mb := res.MinBudget; mb != nil {
		if mb.Feasible {
			fmt.Fprintf(w, "\nAnggaran minimum untuk kemantapan %s %% pada %d: %s per tahun (tercapai %s %%).\n",
				planner.FormatID(mb.Target.Pct, 1), mb.Target.Year, planner.FormatRp(mb.AnnualRp), planner.FormatID(mb.Achieved, 2))
			if mb.Note != "" {
				fmt.Fprintf(w, "  (%s)\n", mb.Note)
			}
		} else {
			fmt.Fprintf(w, "\nTarget kemantapan %s %% pada %d tidak tercapai: %s.\n", planner.FormatID(mb.Target.Pct, 1), mb.Target.Year, mb.Note)
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintln(w, "Catatan:", n)
	}
}

// writePlan writes the full result to path in the format of ext; result is
// the JSON already encoded, or nil to encode it here.
func writePlan(path, ext string, res *planner.Result, result []byte) error {
	switch ext {
	case ".json":
		var b bytes.Buffer
		if result == nil {
			if err := res.WriteJSON(&b); err != nil {
				return err
			}
		}
		b.Write(result)
		b.WriteByte('\n')
		return writeOut(path, b.Bytes())
	case ".csv":
		sum, err := publish.PlanSummaryCSV(res)
		if err != nil {
			return err
		}
		if err := writeOutStream(path, func(w io.Writer) error { return publish.WritePlanWorksCSV(w, res) }); err != nil {
			return err
		}
		return writeOut(strings.TrimSuffix(path, filepath.Ext(path))+"_ringkasan.csv", sum)
	case ".xlsx":
		return writeOutStream(path, func(w io.Writer) error { return publish.WritePlanXLSX(w, res) })
	}
	return fmt.Errorf("format %s tidak dikenal", ext)
}
