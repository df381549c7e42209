package web

import (
	"bytes"
	"fmt"
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// importTemplates are the files an office can fill in and import: the
// recognised headers (roads/netfile) and one example row. Lengths and
// widths are whole metres, so no reader has to guess a decimal mark; the
// region comes from the import form.
var importTemplates = map[string][][]string{
	"ruas": {
		{"NO RUAS", "NAMA RUAS", "STATUS", "FUNGSI", "JENIS PERKERASAN", "LEBAR (m)", "PANJANG (m)", "KECAMATAN", "KELURAHAN", "TAHUN BANGUN", "KETERANGAN"},
		{"001", "Jl. Contoh", "kota", "lokal", "Aspal", "5", "1200", "", "", "2015", "baris contoh: ganti atau hapus"},
	},
	"kondisi": {
		{"NO RUAS", "NAMA RUAS", "PANJANG (m)", "TANGGAL SURVEI", "BAIK", "SEDANG", "RUSAK RINGAN", "RUSAK BERAT"},
		{"001", "Jl. Contoh", "1200", "2025-06-30", "700", "300", "150", "50"},
	},
	// One row per STA range and lane of a ruas already in the register
	// (or imported with it): IRI and the SDI items, dated by year. Works
	// have no template: the importer reads ruas and surveys, not works.
	"survei-segmen": {
		{"LINKID", "STA AWAL", "STA AKHIR", "LAJUR", "IRI", "LUAS RETAK (%)", "LEBAR RETAK (mm)", "LUBANG", "ALUR (cm)", "TAHUN"},
		{"001", "0+000", "0+100", "1", "4", "5", "1", "0", "0", "2025"},
	},
}

// importTemplateNames lists the templates, sorted.
func importTemplateNames() []string {
	var names []string
	for n := range importTemplates {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// importTemplate serves one template as a CSV download.
func (s *Server) importTemplate(c *gin.Context) error {
	name := c.Param("name")
	rows, ok := importTemplates[name]
	if !ok {
		return fmt.Errorf("%w: templat impor %q", roads.ErrNotFound, name)
	}
	var b bytes.Buffer
	if err := csvfile.NewWriter(&b).WriteAll(rows); err != nil {
		return err
	}
	c.Header("Content-Disposition", `attachment; filename="templat-`+name+`.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
	return nil
}
