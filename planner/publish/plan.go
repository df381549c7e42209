package publish

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// The files of a plan result itself — the works list, the condition per
// year of every scenario, and the whole result as a workbook — written the
// same way by `ruas plan --out` and the web app's downloads.

// WorksHeader are the columns of a plan's works list (CSV and the
// Pekerjaan sheet); numbers are plain, with a dot decimal, so any program
// reads them.
var WorksHeader = []string{"tahun", "peringkat", "seksi", "kode_ruas", "nama_ruas", "sta_dari_m", "sta_sampai_m", "kode_kecamatan", "kecamatan",
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

// PlanWorksCSV is a plan's works list: one row per job, all years.
func PlanWorksCSV(res *planner.Result) ([]byte, error) {
	var b bytes.Buffer
	err := WritePlanWorksCSV(&b, res)
	return b.Bytes(), err
}

// WritePlanWorksCSV writes PlanWorksCSV to w a row at a time.
func WritePlanWorksCSV(w io.Writer, res *planner.Result) error {
	cw := csvfile.NewWriter(w)
	cw.Write(WorksHeader)
	for _, y := range res.Plan {
		for _, wk := range y.Works {
			cw.Write(worksRecord(wk))
		}
	}
	cw.Flush()
	return cw.Error()
}

var summaryHeader = []string{"skenario", "tahun", "anggaran_rp", "terpakai_rp", "pendamping_rp", "baik_km", "sedang_km", "rusak_ringan_km", "rusak_berat_km",
	"kemantapan_pct", "backlog_seksi", "backlog_km", "backlog_rp"}

func summaryRows(res *planner.Result) [][]string {
	var rows [][]string
	for _, s := range append([]planner.Scenario{res.DoNothing}, res.Scenarios...) {
		for i, y := range s.Years {
			budget := 0.0
			if i < len(s.BudgetsRp) {
				budget = s.BudgetsRp[i]
			}
			rows = append(rows, []string{s.Name, strconv.Itoa(y.Year), f64(budget), f64(y.SpentRp), f64(y.CompanionRp), f64(y.Km.Baik), f64(y.Km.Sedang),
				f64(y.Km.RusakRingan), f64(y.Km.RusakBerat), f64(y.Kemantapan), strconv.Itoa(y.Backlog.Sections), f64(y.Backlog.LengthKm), f64(y.Backlog.CostRp)})
		}
	}
	return rows
}

// PlanSummaryCSV is the condition per year of every scenario, do-nothing first.
func PlanSummaryCSV(res *planner.Result) ([]byte, error) {
	var b bytes.Buffer
	cw := csvfile.NewWriter(&b)
	cw.Write(summaryHeader)
	cw.WriteAll(summaryRows(res))
	return b.Bytes(), cw.Error()
}

// PlanXLSX is the full result as a workbook: works, summary per
// scenario, deterioration models, minimum budget and inputs.
func PlanXLSX(res *planner.Result) ([]byte, error) {
	var b bytes.Buffer
	err := WritePlanXLSX(&b, res)
	return b.Bytes(), err
}

// WritePlanXLSX writes PlanXLSX to w. The sheets are written row by row
// through excelize's stream writer (which keeps large sheets in a
// temporary file): a million-section plan's works list is hundreds of
// thousands of rows, and the workbook model held every cell of them.
func WritePlanXLSX(w io.Writer, res *planner.Result) error {
	x := excelize.NewFile()
	defer x.Close()
	sheet := func(name string, header []string, rows func(yield func([]string) bool)) error {
		if name == "Pekerjaan" {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := x.NewSheet(name); err != nil {
			return err
		}
		sw, err := x.NewStreamWriter(name)
		if err != nil {
			return err
		}
		r := 0
		put := func(row []string) error {
			vals := make([]any, len(row))
			for c, v := range row {
				if n, err := strconv.ParseFloat(v, 64); err == nil && r > 0 && header[c] != "kode_ruas" && !strings.HasPrefix(header[c], "kode") && header[c] != "nomenklatur" {
					vals[c] = n
				} else {
					vals[c] = v
				}
			}
			r++
			cell, _ := excelize.CoordinatesToCellName(1, r)
			return sw.SetRow(cell, vals)
		}
		if err := put(header); err != nil {
			return err
		}
		for row := range rows {
			if err = put(row); err != nil {
				return err
			}
		}
		return sw.Flush()
	}
	works := func(yield func([]string) bool) {
		for _, y := range res.Plan {
			for _, w := range y.Works {
				if !yield(worksRecord(w)) {
					return
				}
			}
		}
	}
	if err := sheet("Pekerjaan", WorksHeader, works); err != nil {
		return err
	}
	if err := sheet("Ringkasan", summaryHeader, slices.Values(summaryRows(res))); err != nil {
		return err
	}
	var models [][]string
	for _, m := range res.Models {
		models = append(models, []string{m.Key, m.Quantity, m.Form, f64(m.Rate), f64(m.Default), m.Source, strconv.Itoa(m.N), f64(m.SE), f64(m.R2), f64(m.RMSE), m.Note})
	}
	if err := sheet("Model kerusakan", []string{"kunci", "besaran", "bentuk", "laju", "bawaan", "sumber", "n", "se", "r2", "rmse", "catatan"}, slices.Values(models)); err != nil {
		return err
	}
	in := res.Input
	info := [][]string{
		{"tahun_awal", strconv.Itoa(in.FromYear)}, {"jangka_tahun", strconv.Itoa(in.Years)}, {"metode", in.Method}, {"nomenklatur", in.Nomenclature},
		{"tabel_kondisi", in.Tables.Condition}, {"tabel_penanganan", in.Tables.Treatments}, {"tabel_kerusakan", in.Tables.Deterioration},
		{"tabel_prioritas", in.Tables.Priority}, {"tabel_ekonomi", in.Tables.Economic}, {"snapshot_data", res.SnapshotHash}, {"aturan_seksi", res.SectionRule}, {"definisi_manfaat", res.Benefit},
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
	if err := sheet("Masukan", []string{"nama", "nilai"}, slices.Values(info)); err != nil {
		return err
	}
	return x.Write(w)
}
