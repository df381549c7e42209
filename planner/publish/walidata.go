package publish

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// Verification status of e-Walidata rows: figures are a draft until the
// walidata has verified every register record they rest on (see
// Source.Verifikasi); SIPD e-Walidata keeps its own verification step.
const (
	VerifikasiBelum = "belum diverifikasi"
	VerifikasiSudah = "terverifikasi"
	walidataDec     = 2 // km and % to two decimals, as e-Walidata shows them
)

// Walidata is the e-Walidata (DSSD) road indicator rows of one year.
type Walidata struct {
	Src     *Source
	Figures Figures
	Rows    []WalidataRow
}

// WalidataRow is one indicator value.
type WalidataRow struct {
	Indicator Indicator
	Value     float64 // rounded to two decimals
}

// NewWalidata computes the indicator rows of a year (see Source.Figures
// for which years are possible and where their figures come from).
func NewWalidata(src *Source, year int) (*Walidata, error) {
	f, err := src.Figures(year)
	if err != nil {
		return nil, err
	}
	ins, err := Indicators()
	if err != nil {
		return nil, err
	}
	w := &Walidata{Src: src, Figures: f}
	for _, in := range ins {
		v, err := f.Value(in.Measure)
		if err != nil {
			return nil, fmt.Errorf("indicator %s: %w", in.Code, err)
		}
		w.Rows = append(w.Rows, WalidataRow{Indicator: in.For(src.Org), Value: round(v, walidataDec)})
	}
	return w, nil
}

// Keterangan says what the year's figures are, in one Indonesian phrase.
func (w *Walidata) Keterangan() string {
	if w.Figures.Basis == Proyeksi {
		return fmt.Sprintf("proyeksi akhir tahun %d menurut rencana #%d (bukan hasil survei)", w.Figures.Year, w.Src.RunID)
	}
	return fmt.Sprintf("realisasi: survei kondisi terakhir setiap ruas s.d. tahun %d", w.Figures.SurveyYear)
}

// walidataRecord is the row shape of the CSV and JSON files.
type walidataRecord struct {
	Kodepemda   string  `json:"kodepemda"`
	Kode        string  `json:"kode_indikator"`
	DSSD        string  `json:"kode_dssd"`
	Uraian      string  `json:"uraian_indikator"`
	Definisi    string  `json:"definisi_operasional"`
	Satuan      string  `json:"satuan"`
	Bidang      string  `json:"bidang_urusan"`
	Tahun       int     `json:"tahun"`
	Nilai       float64 `json:"nilai"`
	SifatData   string  `json:"sifat_data"`
	Keterangan  string  `json:"keterangan"`
	Produsen    string  `json:"produsen_data"`
	Verifikasi  string  `json:"status_verifikasi"`
	RencanaID   int64   `json:"rencana_id"`
	Snapshot    string  `json:"snapshot_hash"`
	StatusData  string  `json:"status_data"`
	VersiTabel  string  `json:"versi_indikator"`
	nilaiString string
}

func (w *Walidata) records() []walidataRecord {
	out := make([]walidataRecord, 0, len(w.Rows))
	for _, r := range w.Rows {
		out = append(out, walidataRecord{
			Kodepemda: w.Src.Org.Kodepemda, Kode: r.Indicator.Code, DSSD: r.Indicator.DSSD, Uraian: r.Indicator.Name, Definisi: r.Indicator.Definition,
			Satuan: r.Indicator.Unit, Bidang: r.Indicator.Bidang, Tahun: w.Figures.Year, Nilai: r.Value,
			SifatData: w.Figures.Basis, Keterangan: w.Keterangan(), Produsen: w.Src.Org.OPDShort, Verifikasi: w.Src.Verifikasi(),
			RencanaID: w.Src.RunID, Snapshot: w.Src.SnapshotHash, StatusData: w.Src.DataStatus(), VersiTabel: r.Indicator.Version,
			nilaiString: plain(r.Value, walidataDec),
		})
	}
	return out
}

var walidataColumns = []string{"kodepemda", "kode_indikator", "kode_dssd", "uraian_indikator", "definisi_operasional", "satuan", "bidang_urusan",
	"tahun", "nilai", "sifat_data", "keterangan", "produsen_data", "status_verifikasi", "rencana_id", "snapshot_hash", "status_data", "versi_indikator"}

// WriteCSV writes one row per indicator with a "." decimal point.
func (w *Walidata) WriteCSV(out io.Writer) error {
	cw := csvfile.NewWriter(out)
	cw.Write(walidataColumns)
	for _, r := range w.records() {
		cw.Write([]string{r.Kodepemda, r.Kode, r.DSSD, r.Uraian, r.Definisi, r.Satuan, r.Bidang, strconv.Itoa(r.Tahun), r.nilaiString,
			r.SifatData, r.Keterangan, r.Produsen, r.Verifikasi, strconv.FormatInt(r.RencanaID, 10), r.Snapshot, r.StatusData, r.VersiTabel})
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the rows with a header object naming the plan, the
// data snapshot and the verification status.
func (w *Walidata) WriteJSON(out io.Writer) error {
	doc := struct {
		Kodepemda  string            `json:"kodepemda"`
		Pemda      string            `json:"pemda"`
		Produsen   string            `json:"produsen_data"`
		Tahun      int               `json:"tahun"`
		SifatData  string            `json:"sifat_data"`
		RencanaID  int64             `json:"rencana_id"`
		Snapshot   string            `json:"snapshot_hash"`
		StatusData string            `json:"status_data"`
		Verifikasi string            `json:"status_verifikasi"`
		Catatan    string            `json:"catatan"`
		Kewenangan string            `json:"kewenangan"`
		Rows       []walidataRecord  `json:"data"`
		Kecamatan  []kecamatanRecord `json:"per_kecamatan"`
	}{w.Src.Org.Kodepemda, w.Src.Org.Pemda, w.Src.Org.OPDShort, w.Figures.Year, w.Figures.Basis, w.Src.RunID, w.Src.SnapshotHash,
		w.Src.DataStatus(), w.Src.Verifikasi(), w.Src.VerifikasiCatatan(), w.kewenangan(), w.records(), w.kecamatan()}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// Walidata sheet and the columns of its figures.
const (
	SheetWalidata   = "e-Walidata"
	colWalidataKode = 1
	colWalidataNil  = 7
)

// WriteXLSX writes the rows under the usual header block.
func (w *Walidata) WriteXLSX(out io.Writer) error {
	title := fmt.Sprintf("DATA SEKTORAL (e-WALIDATA) %s TAHUN %d", strings.ToUpper(w.Src.Org.Jalan()), w.Figures.Year)
	b, err := newBook(w.Src, title, SheetWalidata)
	if err != nil {
		return err
	}
	b.header(w.Src, title, [][2]string{
		{"Tahun Data", strconv.Itoa(w.Figures.Year)},
		{"Sifat Data", w.Figures.Basis + " — " + w.Keterangan()},
		{"Status Verifikasi", w.Src.Verifikasi()},
		{"Catatan", w.Src.VerifikasiCatatan()},
	})
	b.put("Kode Indikator", "Uraian Indikator", "Definisi Operasional", "Satuan", "Bidang Urusan", "Tahun", "Nilai", "Produsen Data", "Status Verifikasi")
	b.styleRow(b.row-1, 1, 9, b.st.head)
	for _, r := range w.Rows {
		b.put(r.Indicator.Code, r.Indicator.Name, r.Indicator.Definition, r.Indicator.Unit, r.Indicator.Bidang, w.Figures.Year, r.Value,
			w.Src.Org.OPDShort, w.Src.Verifikasi())
		b.styleRow(b.row-1, 3, 3, b.st.wrap)
		b.styleRow(b.row-1, colWalidataNil, colWalidataNil, b.st.pct)
	}
	b.widths(19, 44, 70, 7, 30, 7, 12, 26, 20)
	if kec := w.kecamatan(); len(kec) > 0 {
		b.addSheet(SheetKecamatan)
		b.labelCols = 1
		b.header(w.Src, title, [][2]string{{"Tahun Data", strconv.Itoa(w.Figures.Year)}, {"Kewenangan", w.kewenangan()}})
		b.put("Kode Kecamatan", "Kecamatan", "Panjang (km)", "Baik (km)", "Sedang (km)", "Rusak Ringan (km)", "Rusak Berat (km)", "Belum Disurvei (km)", "Kemantapan (%)")
		b.styleRow(b.row-1, 1, 9, b.st.head)
		for _, k := range kec {
			b.put(k.Kode, k.Nama, k.Panjang, k.Baik, k.Sedang, k.RusakRingan, k.RusakBerat, k.BelumDisurvei, cellPercent(k.Kemantapan))
			b.styleRow(b.row-1, 3, 9, b.st.pct)
		}
		b.widths(16, 24, 14, 12, 12, 16, 16, 18, 16)
	}
	return b.write(out)
}

// SheetKecamatan is the per-kecamatan sheet of a realisasi year.
const SheetKecamatan = "Per Kecamatan"

// kecamatanRecord is one kecamatan's condition in a realisasi year.
type kecamatanRecord struct {
	Kode          string        `json:"kode_kecamatan"`
	Nama          string        `json:"kecamatan"`
	Panjang       float64       `json:"panjang_km"`
	Baik          float64       `json:"baik_km"`
	Sedang        float64       `json:"sedang_km"`
	RusakRingan   float64       `json:"rusak_ringan_km"`
	RusakBerat    float64       `json:"rusak_berat_km"`
	BelumDisurvei float64       `json:"belum_disurvei_km"`
	Kemantapan    roads.Percent `json:"kemantapan_pct"` // null for a kecamatan with no length
}

// kecamatan is the year's condition per kecamatan (realisasi years; a
// forecast year has none), km and % to two decimals.
func (w *Walidata) kecamatan() []kecamatanRecord {
	out := []kecamatanRecord{}
	for _, g := range w.Figures.Kecamatan {
		out = append(out, kecamatanRecord{Kode: g.Key, Nama: g.Label, Panjang: round(g.NetworkKm, walidataDec), Baik: round(g.Km.Baik, walidataDec),
			Sedang: round(g.Km.Sedang, walidataDec), RusakRingan: round(g.Km.RusakRingan, walidataDec), RusakBerat: round(g.Km.RusakBerat, walidataDec),
			BelumDisurvei: round(g.UnsurveyedKm, walidataDec), Kemantapan: roads.Percent(round(float64(g.Kemantapan), walidataDec))})
	}
	return out
}

// kewenangan says which roads the figures cover and what was left out.
func (w *Walidata) kewenangan() string {
	s := w.Src.Org.Jalan()
	if o := w.Figures.OutOfScope; o.Ruas > 0 {
		s += fmt.Sprintf(" (di luar kewenangan, tidak dihitung: %d ruas, %s km)", o.Ruas, Number(o.Km, 2))
	}
	return s
}

// cellPercent is a share for a spreadsheet cell: blank where there is no
// figure (NaN: nothing to divide by), never "NaN" or 0.
func cellPercent(p roads.Percent) any {
	if math.IsNaN(float64(p)) || math.IsInf(float64(p), 0) {
		return ""
	}
	return float64(p)
}
