package publish

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Metadata is metadata.json: a CKAN package_create body (so a portal
// admin can post it as is) and the BPS MS-Ind of every indicator.
type Metadata struct {
	CKAN  CKANDataset `json:"ckan"`
	MSInd []MSIndRow  `json:"ms_ind"`
}

// CKANDataset carries the CKAN dataset fields.
type CKANDataset struct {
	Title      string         `json:"title"`
	Name       string         `json:"name"`
	Notes      string         `json:"notes"`
	Tags       []CKANTag      `json:"tags"`
	LicenseID  string         `json:"license_id"`
	OwnerOrg   string         `json:"owner_org"`
	Author     string         `json:"author"`
	Maintainer string         `json:"maintainer"`
	URL        string         `json:"url"`
	Version    string         `json:"version"`
	Extras     []CKANExtra    `json:"extras"`
	Resources  []CKANResource `json:"resources"`
}

// CKANTag is a tag as CKAN's API takes it.
type CKANTag struct {
	Name string `json:"name"`
}

// CKANExtra is a free key/value field of a CKAN dataset.
type CKANExtra struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// CKANResource is one file of the dataset; URL is the file name inside
// the package, replaced by the portal's address on upload.
type CKANResource struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	// URLType "upload" tells CKAN the file is uploaded with the resource,
	// so the file name is a valid url on any portal.
	URLType     string `json:"url_type"`
	Format      string `json:"format"`
	Description string `json:"description"`
}

// MSIndRow is BPS metadata statistik indikator for one indicator.
type MSIndRow struct {
	Kode         string   `json:"kode"`
	Nama         string   `json:"nama"`
	Konsep       string   `json:"konsep"`
	Definisi     string   `json:"definisi"`
	Interpretasi string   `json:"interpretasi"`
	MetodeRumus  string   `json:"metode_rumus"`
	Ukuran       string   `json:"ukuran"`
	Satuan       string   `json:"satuan"`
	Klasifikasi  []string `json:"klasifikasi_penyajian"`
	Variabel     []string `json:"variabel_pembangun"`
	Kegiatan     string   `json:"kegiatan_penghasil"`
	Level        string   `json:"level_estimasi"`
	AksesUmum    bool     `json:"akses_umum"`
	// Nilai is the indicator's value in the package's data year, so the
	// metadata can be checked against the data it describes.
	Nilai float64 `json:"nilai"`
	Tahun int     `json:"tahun"`
}

// Metadata builds metadata.json's content from the Satu Data table and
// the indicator rows of the data year.
func (p *Package) Metadata(w *Walidata) (*Metadata, error) {
	t, err := satuDataTable()
	if err != nil {
		return nil, err
	}
	src := p.Src
	fill := strings.NewReplacer("{{wilayah}}", src.Org.Pemda, "{{kodepemda}}", src.Org.Kodepemda, "{{jalan}}", src.Org.Jalan(),
		"{{slug}}", slug(src.Org.Pemda), "jalan-kota", slug(src.Org.Jalan())).Replace
	d := t.Dataset
	notes := fill(d.Notes)
	if synthetic(src) {
		notes = "DATA SINTETIS untuk demonstrasi, bukan data resmi. " + notes
	}
	if src.Stale {
		notes = StaleMark + ": register diubah setelah rencana dibuat. " + notes
	}
	m := &Metadata{CKAN: CKANDataset{
		Title: fill(d.Title), Name: fill(d.Name), Notes: notes, LicenseID: d.LicenseID, OwnerOrg: fill(d.OwnerOrg),
		Author: fill(d.Author), Maintainer: fill(d.Maintainer), URL: d.URL,
		Version: fmt.Sprintf("%d-%s", p.Year, src.SnapshotHash),
	}}
	for _, tag := range d.Tags {
		m.CKAN.Tags = append(m.CKAN.Tags, CKANTag{Name: tag})
	}
	versions := map[string]bool{}
	for _, l := range p.Lines {
		for _, v := range l.Condition.Versions {
			versions[v] = true
		}
	}
	var vs []string
	for v := range versions {
		vs = append(vs, v)
	}
	sort.Strings(vs)
	m.CKAN.Extras = []CKANExtra{
		{"kodepemda", src.Org.Kodepemda},
		{"produsen_data", src.Org.OPD},
		{"tahun_data", strconv.Itoa(p.Year)},
		{"frekuensi", d.Frequency},
		{"rencana_id", strconv.FormatInt(src.RunID, 10)},
		{"snapshot_hash", src.SnapshotHash},
		{"status_data", src.DataStatus()},
		{"status_verifikasi", src.Verifikasi()},
		{"versi_aturan_kondisi", strings.Join(vs, "; ")},
		{"versi_metadata", t.Version},
		{"sistem_koordinat", "EPSG:4326 (WGS84, lon/lat)"},
		{"jumlah_ruas", strconv.Itoa(len(p.Lines))},
	}
	for _, f := range []struct{ key, file string }{{"csv", FileNetworkCSV}, {"geojson", FileNetworkJSON}, {"indikator", FileIndicators}} {
		r := d.Resources[f.key]
		m.CKAN.Resources = append(m.CKAN.Resources, CKANResource{Name: r.Name, URL: f.file, URLType: "upload", Format: r.Format, Description: r.Description})
	}
	for _, row := range w.Rows {
		in := row.Indicator
		m.MSInd = append(m.MSInd, MSIndRow{
			Kode: in.Code, Nama: in.Name, Konsep: fill(in.MSInd.Konsep), Definisi: in.Definition, Interpretasi: fill(in.MSInd.Interpretasi),
			MetodeRumus: fill(in.MSInd.Metode), Ukuran: in.MSInd.Ukuran, Satuan: in.Unit, Klasifikasi: t.Common.Klasifikasi,
			Variabel: in.MSInd.Variabel, Kegiatan: strings.ReplaceAll(t.Common.Kegiatan, "jalan kota", src.Org.Jalan()), Level: t.Common.Level, AksesUmum: t.Common.Akses,
			Nilai: row.Value, Tahun: w.Figures.Year,
		})
	}
	return m, nil
}

func (p *Package) metadata(w *Walidata) ([]byte, error) {
	m, err := p.Metadata(w)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err = enc.Encode(m)
	return b.Bytes(), err
}

// slug lower-cases a name and joins its words with "-" (CKAN names).
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// synthetic reports whether the register holds demo data, which must say
// it is synthetic wherever it is shown.
func synthetic(src *Source) bool { return src.Demo }
