package publish

import (
	"encoding/csv"
	"fmt"
	"strings"
	"sync"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
)

// Indicator is one road indicator of e-Walidata (DSSD) with its BPS MS-Ind
// metadata. Codes, texts and the measure that computes each one are data
// (data/ref/walidata_indikator.csv, data/rules/satudata_dataset.json) so
// that the Walidata can align them with the element codes SIPD assigns
// without a code change.
type Indicator struct {
	Code string // e.g. PUPR.JLN.06
	// DSSD is the SIPD e-Walidata (DSSD) element id the Walidata assigned,
	// filled in the table by the office; "" until then.
	DSSD       string
	Measure    string // what computes it: panjang, kemantapan, kondisi:CLASS, permukaan:CLASS
	Name       string // uraian indikator
	Definition string // definisi operasional
	Unit       string // satuan: Km or %
	Bidang     string // bidang urusan
	Version    string // version of the indicator table
	MSInd      MSInd
}

// For words the indicator for the publishing office: the table says
// "jalan kota" (the words of a kota's DSSD list); a kabupaten publishes
// "jalan kabupaten", a province "jalan provinsi".
func (in Indicator) For(o Org) Indicator {
	if o.Authority == "" || o.Authority == roads.Kota {
		return in
	}
	r := strings.NewReplacer("jalan kota", o.Jalan(), "Jalan kota", "J"+o.Jalan()[1:]).Replace
	in.Name, in.Definition = r(in.Name), r(in.Definition)
	in.MSInd.Konsep, in.MSInd.Interpretasi, in.MSInd.Metode, in.MSInd.Ukuran = r(in.MSInd.Konsep), r(in.MSInd.Interpretasi), r(in.MSInd.Metode), r(in.MSInd.Ukuran)
	v := make([]string, len(in.MSInd.Variabel))
	for i, x := range in.MSInd.Variabel {
		v[i] = r(x)
	}
	in.MSInd.Variabel = v
	return in
}

// MSInd is the indicator-specific part of BPS metadata statistik indikator.
type MSInd struct {
	Konsep       string   `json:"konsep"`
	Interpretasi string   `json:"interpretasi"`
	Metode       string   `json:"metode"`
	Ukuran       string   `json:"ukuran"`
	Variabel     []string `json:"variabel"`
}

// satuData is data/rules/satudata_dataset.json: CKAN dataset defaults and
// MS-Ind metadata per indicator code.
type satuData struct {
	Version string `json:"version"`
	Source  string `json:"source"`
	Dataset struct {
		Title      string   `json:"title"`
		Name       string   `json:"name"`
		Notes      string   `json:"notes"`
		Tags       []string `json:"tags"`
		LicenseID  string   `json:"license_id"`
		OwnerOrg   string   `json:"owner_org"`
		Author     string   `json:"author"`
		Maintainer string   `json:"maintainer"`
		URL        string   `json:"url"`
		Frequency  string   `json:"frequency"`
		Resources  map[string]struct {
			Name        string `json:"name"`
			Format      string `json:"format"`
			Description string `json:"description"`
		} `json:"resources"`
	} `json:"dataset"`
	Indicators map[string]MSInd `json:"indicators"`
	Common     struct {
		Klasifikasi []string `json:"klasifikasi_penyajian"`
		Kegiatan    string   `json:"kegiatan_penghasil"`
		Level       string   `json:"level_estimasi"`
		Akses       bool     `json:"akses_umum"`
	} `json:"msind_common"`
}

const (
	indicatorFile = "ref/walidata_indikator.csv"
	satuDataFile  = "rules/satudata_dataset.json"
)

// satuDataTables is the Satu Data dataset table, read by data's one loader.
var satuDataTables = data.Tables[satuData]{Spec: data.Spec{Kind: "Satu Data dataset", Pattern: satuDataFile,
	Required: []string{"dataset", "indicators", "msind_common"}}}

var (
	tablesOnce sync.Once
	indicators []Indicator
	satu       *satuData
	tablesErr  error
)

// Indicators returns the road indicator table in reporting order.
func Indicators() ([]Indicator, error) {
	tablesOnce.Do(loadTables)
	return indicators, tablesErr
}

func satuDataTable() (*satuData, error) {
	tablesOnce.Do(loadTables)
	return satu, tablesErr
}

func loadTables() {
	tablesErr = func() error {
		var err error
		if satu, err = satuDataTables.Get(""); err != nil {
			return err
		}
		f, err := data.FS.Open(indicatorFile)
		if err != nil {
			return err
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			return fmt.Errorf("%s: %w", indicatorFile, err)
		}
		if len(recs) < 2 {
			return fmt.Errorf("%s: no indicators", indicatorFile)
		}
		col := map[string]int{}
		for i, h := range recs[0] {
			col[h] = i
		}
		for _, h := range []string{"kode", "kode_dssd", "ukuran", "uraian", "definisi_operasional", "satuan", "bidang_urusan", "versi"} {
			if _, ok := col[h]; !ok {
				return fmt.Errorf("%s: column %q is missing", indicatorFile, h)
			}
		}
		for n, r := range recs[1:] {
			in := Indicator{Code: r[col["kode"]], DSSD: r[col["kode_dssd"]], Measure: r[col["ukuran"]], Name: r[col["uraian"]], Definition: r[col["definisi_operasional"]],
				Unit: r[col["satuan"]], Bidang: r[col["bidang_urusan"]], Version: r[col["versi"]]}
			if err := checkMeasure(in.Measure); err != nil {
				return fmt.Errorf("%s row %d: %w", indicatorFile, n+2, err)
			}
			m, ok := satu.Indicators[in.Code]
			if !ok {
				return fmt.Errorf("%s row %d: indicator %s has no MS-Ind entry in %s", indicatorFile, n+2, in.Code, satuDataFile)
			}
			in.MSInd = m
			indicators = append(indicators, in)
		}
		return nil
	}()
}

// checkMeasure accepts the measures the exports know how to compute.
func checkMeasure(m string) error {
	kind, arg, _ := strings.Cut(m, ":")
	switch kind {
	case "panjang", "kemantapan":
		if arg == "" {
			return nil
		}
	case "kondisi":
		switch arg {
		case "baik", "sedang", "rusak_ringan", "rusak_berat", "tidak_diketahui":
			return nil
		}
	case "permukaan":
		switch arg {
		case "aspal", "beton", "kerikil", "tanah", "tidak_terinci":
			return nil
		}
	}
	return fmt.Errorf("measure %q is not one of panjang, kemantapan, kondisi:CLASS, permukaan:CLASS", m)
}
