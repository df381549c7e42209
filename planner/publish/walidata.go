package publish

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

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
			Kodepemda: w.Src.Org.Kodepemda, Kode: r.Indicator.Code, Uraian: r.Indicator.Name, Definisi: r.Indicator.Definition,
			Satuan: r.Indicator.Unit, Bidang: r.Indicator.Bidang, Tahun: w.Figures.Year, Nilai: r.Value,
			SifatData: w.Figures.Basis, Keterangan: w.Keterangan(), Produsen: w.Src.Org.OPDShort, Verifikasi: w.Src.Verifikasi(),
			RencanaID: w.Src.RunID, Snapshot: w.Src.SnapshotHash, StatusData: w.Src.DataStatus(), VersiTabel: r.Indicator.Version,
			nilaiString: plain(r.Value, walidataDec),
		})
	}
	return out
}

var walidataColumns = []string{"kodepemda", "kode_indikator", "uraian_indikator", "definisi_operasional", "satuan", "bidang_urusan",
	"tahun", "nilai", "sifat_data", "keterangan", "produsen_data", "status_verifikasi", "rencana_id", "snapshot_hash", "status_data", "versi_indikator"}

// WriteCSV writes one row per indicator with a "." decimal point.
func (w *Walidata) WriteCSV(out io.Writer) error {
	cw := csvfile.NewWriter(out)
	cw.Write(walidataColumns)
	for _, r := range w.records() {
		cw.Write([]string{r.Kodepemda, r.Kode, r.Uraian, r.Definisi, r.Satuan, r.Bidang, strconv.Itoa(r.Tahun), r.nilaiString,
			r.SifatData, r.Keterangan, r.Produsen, r.Verifikasi, strconv.FormatInt(r.RencanaID, 10), r.Snapshot, r.StatusData, r.VersiTabel})
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the rows with a header object naming the plan, the
// data snapshot and the verification status.
func (w *Walidata) WriteJSON(out io.Writer) error {
	doc := struct {
		Kodepemda  string           `json:"kodepemda"`
		Pemda      string           `json:"pemda"`
		Produsen   string           `json:"produsen_data"`
		Tahun      int              `json:"tahun"`
		SifatData  string           `json:"sifat_data"`
		RencanaID  int64            `json:"rencana_id"`
		Snapshot   string           `json:"snapshot_hash"`
		StatusData string           `json:"status_data"`
		Verifikasi string           `json:"status_verifikasi"`
		Catatan    string           `json:"catatan"`
		Rows       []walidataRecord `json:"data"`
	}{w.Src.Org.Kodepemda, w.Src.Org.Pemda, w.Src.Org.OPDShort, w.Figures.Year, w.Figures.Basis, w.Src.RunID, w.Src.SnapshotHash,
		w.Src.DataStatus(), w.Src.Verifikasi(), w.Src.VerifikasiCatatan(), w.records()}
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
	return b.write(out)
}
