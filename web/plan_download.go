package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// worksHeader are the columns of the works list in CSV and XLSX
// downloads; numbers are plain (dot decimals) so that any program reads them.
var worksHeader = []string{"tahun", "peringkat", "ruas", "nama_ruas", "sta_dari_m", "sta_sampai_m", "kecamatan", "kelurahan",
	"penanganan", "jenis_penanganan", "kode_sub_kegiatan", "nomenklatur", "panjang_km", "luas_m2", "biaya_rp", "kontrak",
	"kondisi", "tanggal_survei", "prioritas", "justifikasi"}

func worksRow(w planner.Work) []string {
	code, nomen := "", ""
	if len(w.SubKegiatan) > 0 {
		code, nomen = w.SubKegiatan[0].Code, w.SubKegiatan[0].Nomenclature
	}
	f := func(v float64, d int) string { return strconv.FormatFloat(v, 'f', d, 64) }
	return []string{itoa(w.Year), itoa(w.Rank), w.RuasKey, w.RuasName, f(w.StaFromM, 0), f(w.StaToM, 0), w.Kecamatan, w.Kelurahan,
		w.TreatmentLabel, string(w.WorksType), code, nomen, f(w.LengthKm, 3), f(w.AreaM2, 1), f(w.CostRp, 0), strconv.FormatBool(w.Committed),
		string(w.Evidence.Kondisi), w.Evidence.SurveyDate, f(w.Evidence.Priority, 4), w.Justification}
}

// planDownload sends a stored plan's result as JSON, CSV (the works
// list) or XLSX (works, programme and scenarios sheets).
func (s *Server) planDownload(c *gin.Context) error {
	l := localeOf(c)
	id, err := paramID(c, l)
	if err != nil {
		return err
	}
	format := c.DefaultQuery("format", "json")
	if format != "json" && format != "csv" && format != "xlsx" {
		return badInput(roads.FieldError{Field: "format", Value: format, Message: l.T("err.format")})
	}
	run, res, err := s.planRun(c.Request.Context(), id)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("rencana-%d-%d", run.ID, res.Input.FromYear)
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	switch format {
	case "json":
		c.Data(http.StatusOK, "application/json", run.Result)
	case "csv":
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(worksHeader)
		for _, y := range res.Plan {
			for _, wk := range y.Works {
				w.Write(worksRow(wk))
			}
		}
		w.Flush()
		c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	case "xlsx":
		b, err := planXLSX(res)
		if err != nil {
			return err
		}
		c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
	}
	return nil
}

func planXLSX(res *planner.Result) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	put := func(sheet string, row int, vals []any) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return f.SetSheetRow(sheet, cell, &vals)
	}
	f.SetSheetName("Sheet1", "Penanganan")
	head := make([]any, len(worksHeader))
	for i, h := range worksHeader {
		head[i] = h
	}
	if err := put("Penanganan", 1, head); err != nil {
		return nil, err
	}
	row := 2
	for _, y := range res.Plan {
		for _, w := range y.Works {
			code, nomen := "", ""
			if len(w.SubKegiatan) > 0 {
				code, nomen = w.SubKegiatan[0].Code, w.SubKegiatan[0].Nomenclature
			}
			if err := put("Penanganan", row, []any{w.Year, w.Rank, w.RuasKey, w.RuasName, w.StaFromM, w.StaToM, w.Kecamatan, w.Kelurahan,
				w.TreatmentLabel, string(w.WorksType), code, nomen, w.LengthKm, w.AreaM2, w.CostRp, w.Committed,
				string(w.Evidence.Kondisi), w.Evidence.SurveyDate, w.Evidence.Priority, w.Justification}); err != nil {
				return nil, err
			}
			row++
		}
	}
	if _, err := f.NewSheet("Program"); err != nil {
		return nil, err
	}
	put("Program", 1, []any{"tahun", "anggaran_rp", "terpakai_rp", "kontrak_rp", "baik_km", "sedang_km", "rusak_ringan_km", "rusak_berat_km", "kemantapan_pct", "backlog_km", "backlog_rp"})
	for i, y := range res.Plan {
		put("Program", i+2, []any{y.Year, y.BudgetRp, y.SpentRp, y.CommittedRp, y.Km.Baik, y.Km.Sedang, y.Km.RusakRingan, y.Km.RusakBerat,
			y.Kemantapan, y.Backlog.LengthKm, y.Backlog.CostRp})
	}
	if _, err := f.NewSheet("Skenario"); err != nil {
		return nil, err
	}
	put("Skenario", 1, []any{"skenario", "tahun", "terpakai_rp", "kemantapan_pct", "backlog_km"})
	row = 2
	for _, sc := range append(append([]planner.Scenario{}, res.Scenarios...), res.DoNothing) {
		for _, y := range sc.Years {
			put("Skenario", row, []any{sc.Name, y.Year, y.SpentRp, y.Kemantapan, y.Backlog.LengthKm})
			row++
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
