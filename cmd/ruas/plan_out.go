package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
)

// printPlan writes the plan's summary for a reader at a terminal.
func printPlan(w io.Writer, res *planner.Result) {
	in := res.Input
	fmt.Fprintf(w, "Rencana penanganan %d–%d, metode %s\n", in.FromYear, in.FromYear+in.Years-1, res.Method.Label)
	fmt.Fprintf(w, "Jaringan: %d seksi, %s km; kondisi awal (survei s.d. %d): kemantapan %s %%\n",
		res.Sections, planner.FormatID(res.NetworkKm, 2), res.Baseline.Year, planner.FormatID(res.Baseline.Kemantapan, 2))
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
		} else {
			fmt.Fprintf(w, "\nTarget kemantapan %s %% pada %d tidak tercapai: %s.\n", planner.FormatID(mb.Target.Pct, 1), mb.Target.Year, mb.Note)
		}
	}
	for _, n := range res.Notes {
		fmt.Fprintln(w, "Catatan:", n)
	}
}

// writePlan writes the full result to path in the format of ext; result is
// the JSON already encoded for storage.
func writePlan(path, ext string, res *planner.Result, result []byte) error {
	switch ext {
	case ".json":
		var b bytes.Buffer
		b.Write(result)
		b.WriteByte('\n')
		return writePlanFile(path, b.Bytes())
	case ".csv":
		works, err := planWorksCSV(res)
		if err != nil {
			return err
		}
		sum, err := planSummaryCSV(res)
		if err != nil {
			return err
		}
		if err := writePlanFile(path, works); err != nil {
			return err
		}
		return writePlanFile(strings.TrimSuffix(path, filepath.Ext(path))+"_ringkasan.csv", sum)
	case ".xlsx":
		b, err := planXLSXFile(res)
		if err != nil {
			return err
		}
		return writePlanFile(path, b)
	}
	return fmt.Errorf("format %s tidak dikenal", ext)
}

// writePlanFile writes through a temporary file in the same directory so
// a failure never leaves a half-written file under the name.
func writePlanFile(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w; periksa foldernya", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("berkas %s tidak dapat ditulis: %w", path, err)
	}
	return nil
}

var worksHeader = []string{"tahun", "peringkat", "seksi", "kode_ruas", "nama_ruas", "sta_dari_m", "sta_sampai_m", "kode_kecamatan", "kecamatan",
	"kode_kelurahan", "kelurahan", "penanganan", "jenis_penanganan", "nomenklatur", "kode_sub_kegiatan", "sub_kegiatan", "panjang_km", "luas_m2",
	"biaya_rp", "manfaat", "terkontrak", "tanggal_survei", "iri", "sdi", "kondisi", "versi_aturan", "umur_tahun", "sisa_umur_rencana_tahun",
	"tahun_sampai_rusak_ringan", "model_kerusakan", "sumber_model", "n_model", "se_model", "versi_katalog", "nilai_prioritas", "justifikasi"}

func f64(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func worksRecord(w planner.Work) []string {
	var nomen, code, name string
	if len(w.SubKegiatan) > 0 {
		nomen, code, name = w.SubKegiatan[0].Nomenclature, w.SubKegiatan[0].Code, w.SubKegiatan[0].Name
	}
	ev := w.Evidence
	sdi, life := "", ""
	if ev.SDI != nil {
		sdi = f64(*ev.SDI)
	}
	if ev.RemainingLifeYears != nil {
		life = strconv.Itoa(*ev.RemainingLifeYears)
	}
	return []string{strconv.Itoa(w.Year), strconv.Itoa(w.Rank), w.Section, w.RuasKey, w.RuasName, f64(w.StaFromM), f64(w.StaToM),
		w.KecamatanCode, w.Kecamatan, w.KelurahanCode, w.Kelurahan, w.Treatment, string(w.WorksType), nomen, code, name,
		f64(w.LengthKm), f64(w.AreaM2), f64(w.CostRp), f64(w.Benefit), strconv.FormatBool(w.Committed), ev.SurveyDate, f64(ev.IRI), sdi,
		string(ev.Kondisi), ev.RuleVersion, strconv.Itoa(ev.AgeYears), life, strconv.Itoa(ev.YearsToRusakRingan), ev.Model.Key,
		ev.Model.Source, strconv.Itoa(ev.Model.N), f64(ev.Model.SE), ev.TreatmentVersion, f64(ev.Priority), w.Justification}
}

// planWorksCSV is the works list: one row per job, all years.
func planWorksCSV(res *planner.Result) ([]byte, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(worksHeader)
	for _, y := range res.Plan {
		for _, w := range y.Works {
			cw.Write(worksRecord(w))
		}
	}
	cw.Flush()
	return b.Bytes(), cw.Error()
}

var summaryHeader = []string{"skenario", "tahun", "anggaran_rp", "terpakai_rp", "baik_km", "sedang_km", "rusak_ringan_km", "rusak_berat_km",
	"kemantapan_pct", "backlog_seksi", "backlog_km", "backlog_rp"}

func summaryRows(res *planner.Result) [][]string {
	var rows [][]string
	for _, s := range append([]planner.Scenario{res.DoNothing}, res.Scenarios...) {
		for i, y := range s.Years {
			budget := 0.0
			if i < len(s.BudgetsRp) {
				budget = s.BudgetsRp[i]
			}
			rows = append(rows, []string{s.Name, strconv.Itoa(y.Year), f64(budget), f64(y.SpentRp), f64(y.Km.Baik), f64(y.Km.Sedang),
				f64(y.Km.RusakRingan), f64(y.Km.RusakBerat), f64(y.Kemantapan), strconv.Itoa(y.Backlog.Sections), f64(y.Backlog.LengthKm), f64(y.Backlog.CostRp)})
		}
	}
	return rows
}

// planSummaryCSV is the condition per year of every scenario, do-nothing first.
func planSummaryCSV(res *planner.Result) ([]byte, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(summaryHeader)
	cw.WriteAll(summaryRows(res))
	return b.Bytes(), cw.Error()
}

// planXLSXFile is the full result as a workbook: works, summary per
// scenario, deterioration models, minimum budget and inputs.
func planXLSXFile(res *planner.Result) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := func(name string, header []string, rows [][]string) error {
		if name == "Pekerjaan" {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := x.NewSheet(name); err != nil {
			return err
		}
		all := append([][]string{header}, rows...)
		for r, row := range all {
			vals := make([]any, len(row))
			for c, v := range row {
				if n, err := strconv.ParseFloat(v, 64); err == nil && r > 0 && header[c] != "kode_ruas" && !strings.HasPrefix(header[c], "kode") && header[c] != "nomenklatur" {
					vals[c] = n
				} else {
					vals[c] = v
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := x.SetSheetRow(name, cell, &vals); err != nil {
				return err
			}
		}
		return nil
	}
	var works [][]string
	for _, y := range res.Plan {
		for _, w := range y.Works {
			works = append(works, worksRecord(w))
		}
	}
	if err := sheet("Pekerjaan", worksHeader, works); err != nil {
		return nil, err
	}
	if err := sheet("Ringkasan", summaryHeader, summaryRows(res)); err != nil {
		return nil, err
	}
	var models [][]string
	for _, m := range res.Models {
		models = append(models, []string{m.Key, m.Quantity, m.Form, f64(m.Rate), f64(m.Default), m.Source, strconv.Itoa(m.N), f64(m.SE), f64(m.R2), f64(m.RMSE), m.Note})
	}
	if err := sheet("Model kerusakan", []string{"kunci", "besaran", "bentuk", "laju", "bawaan", "sumber", "n", "se", "r2", "rmse", "catatan"}, models); err != nil {
		return nil, err
	}
	in := res.Input
	info := [][]string{
		{"tahun_awal", strconv.Itoa(in.FromYear)}, {"jangka_tahun", strconv.Itoa(in.Years)}, {"metode", in.Method}, {"nomenklatur", in.Nomenclature},
		{"tabel_kondisi", in.Tables.Condition}, {"tabel_penanganan", in.Tables.Treatments}, {"tabel_kerusakan", in.Tables.Deterioration},
		{"tabel_prioritas", in.Tables.Priority}, {"snapshot_data", res.SnapshotHash}, {"aturan_seksi", res.SectionRule}, {"definisi_manfaat", res.Benefit},
	}
	for i, b := range in.BudgetsRp {
		info = append(info, []string{fmt.Sprintf("anggaran_%d", in.FromYear+i), f64(b)})
	}
	if mb := res.MinBudget; mb != nil {
		info = append(info, []string{"target_kemantapan_pct", f64(mb.Target.Pct)}, []string{"target_tahun", strconv.Itoa(mb.Target.Year)},
			[]string{"anggaran_minimum_rp", f64(mb.AnnualRp)}, []string{"target_tercapai", strconv.FormatBool(mb.Feasible)}, []string{"kemantapan_tercapai_pct", f64(mb.Achieved)})
	}
	for _, n := range res.Notes {
		info = append(info, []string{"catatan", n})
	}
	if err := sheet("Masukan", []string{"nama", "nilai"}, info); err != nil {
		return nil, err
	}
	b, err := x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
