package publish

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/csvfile"
)

// The SIPD frame of every road usulan (DOMAIN.md §6): urusan, program and
// kegiatan above the sub-kegiatan codes of data/ref/sub_kegiatan.csv.
const (
	Urusan        = "1.03 Pekerjaan Umum dan Penataan Ruang"
	Program       = "1.03.10 Program Penyelenggaraan Jalan"
	Kegiatan      = "1.03.10.2.01 Penyelenggaraan Jalan Kabupaten/Kota"
	DefaultFunds  = "APBD"
	kmDecimals    = 3 // km to the metre in rows; sums are of rounded rows
	pctDecimals   = 2
	rupiahDecimal = 0
)

// Usulan is the SIPD proposal list of one plan year: the plan's funded
// works grouped by sub-kegiatan of one nomenclature version.
type Usulan struct {
	Src          *Source
	Year         int
	Nomenclature string // "2024" or "2027"
	Decree       string // the decree of that code list
	Groups       []UsulanGroup
	Km           float64 // total target volume, km (sum of rounded rows)
	Rp           float64 // total pagu indikatif, Rp (sum of rounded rows)
}

// UsulanGroup is one sub-kegiatan block with its subtotal.
type UsulanGroup struct {
	SubKegiatan roads.SubKegiatan
	Rows        []UsulanRow
	Km          float64
	Rp          float64
}

// UsulanRow is one location (a funded section) of a sub-kegiatan.
type UsulanRow struct {
	No            int // running number within the group
	RuasKey       string
	RuasNo        string
	RuasName      string
	Sta           string // "0+000–1+200"
	Kelurahan     string
	Kecamatan     string
	Km            float64 // target volume, km
	Rp            float64 // pagu indikatif, whole Rupiah
	Funds         string  // sumber dana
	Kondisi       string  // class at the start of the works year
	SurveyDate    string  // dd/mm/yyyy of the survey the class rests on
	Rank          int     // rank within the plan year
	Treatment     string
	Committed     bool
	Justification string
}

// Lokasi writes the location the way a usulan names it.
func (r UsulanRow) Lokasi() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Ruas %s %s (STA %s)", r.RuasNo, r.RuasName, r.Sta)
	if r.Kelurahan != "" {
		b.WriteString(", Kel. " + r.Kelurahan)
	}
	if r.Kecamatan != "" {
		b.WriteString(", Kec. " + r.Kecamatan)
	}
	return b.String()
}

// SIPD builds the usulan of a plan year in a nomenclature version ("" is
// the plan's own). funds is the sumber dana of works that are not yet
// contracted ("" is APBD); contracted works keep the source of their
// contract record.
func SIPD(src *Source, year int, nomenclature, funds string) (*Usulan, error) {
	yr, err := src.PlanYear(year)
	if err != nil {
		return nil, err
	}
	if nomenclature == "" {
		nomenclature = src.Result.Input.Nomenclature
	}
	if nomenclature == "" {
		nomenclature = "2024"
	}
	if funds == "" {
		funds = DefaultFunds
	}
	ref := roads.Ref()
	order := map[string]int{}
	u := &Usulan{Src: src, Year: year, Nomenclature: nomenclature}
	for i, sk := range ref.SubKegiatan {
		if sk.Version == nomenclature {
			order[sk.Code] = i
			u.Decree = sk.Decree
		}
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("nomenklatur %q tidak ada di data/ref/sub_kegiatan.csv; pakai 2024 atau 2027", nomenclature)
	}
	groups := map[string]*UsulanGroup{}
	for _, w := range yr.Works {
		sk, err := subKegiatanOf(w, nomenclature)
		if err != nil {
			return nil, fmt.Errorf("rencana #%d, tahun %d, ruas %s: %w", src.RunID, year, w.RuasKey, err)
		}
		g := groups[sk.Code]
		if g == nil {
			g = &UsulanGroup{SubKegiatan: sk}
			groups[sk.Code] = g
		}
		g.Rows = append(g.Rows, src.usulanRow(w, funds))
	}
	for _, g := range groups {
		sort.SliceStable(g.Rows, func(a, b int) bool { return g.Rows[a].Rank < g.Rows[b].Rank })
		for i := range g.Rows {
			g.Rows[i].No = i + 1
			g.Km += g.Rows[i].Km
			g.Rp += g.Rows[i].Rp
		}
		g.Km = round(g.Km, kmDecimals)
		u.Groups = append(u.Groups, *g)
	}
	sort.Slice(u.Groups, func(a, b int) bool {
		oa, ob := order[u.Groups[a].SubKegiatan.Code], order[u.Groups[b].SubKegiatan.Code]
		if oa != ob {
			return oa < ob
		}
		return u.Groups[a].SubKegiatan.Code < u.Groups[b].SubKegiatan.Code
	})
	for _, g := range u.Groups {
		u.Km += g.Km
		u.Rp += g.Rp
	}
	u.Km = round(u.Km, kmDecimals)
	return u, nil
}

// subKegiatanOf picks the work's sub-kegiatan in a nomenclature: the
// plan's own reference when it quotes that version, else the reference
// table's code for the works type.
func subKegiatanOf(w planner.Work, nomenclature string) (roads.SubKegiatan, error) {
	for _, r := range w.SubKegiatan {
		if r.Nomenclature == nomenclature && r.Code != "" {
			sk := roads.SubKegiatan{Version: r.Nomenclature, Code: r.Code, Name: r.Name, Indicator: r.Indicator, Unit: r.Unit, Works: string(w.WorksType)}
			if full, err := roads.Ref().SubKegiatanFor(nomenclature, w.WorksType); err == nil && full.Code == r.Code {
				sk.Decree = full.Decree
			}
			return sk, nil
		}
	}
	return roads.Ref().SubKegiatanFor(nomenclature, w.WorksType)
}

func (s *Source) usulanRow(w planner.Work, funds string) UsulanRow {
	row := UsulanRow{
		RuasKey: w.RuasKey, RuasName: w.RuasName,
		Sta:       roads.FormatSTA(w.StaFromM) + "–" + roads.FormatSTA(w.StaToM),
		Kelurahan: w.Kelurahan, Kecamatan: w.Kecamatan,
		Km: round(w.LengthKm, kmDecimals), Rp: round(w.CostRp, rupiahDecimal),
		Funds: funds, Kondisi: w.Evidence.Kondisi.Label(), Rank: w.Rank,
		Treatment: w.TreatmentLabel, Committed: w.Committed, Justification: w.Justification,
	}
	row.RuasNo = w.RuasKey
	if k, err := roads.ParseKey(w.RuasKey); err == nil {
		row.RuasNo = k.No
	}
	if d, err := parseDay(w.Evidence.SurveyDate); err == nil {
		row.SurveyDate = tanggal(d)
	}
	if w.Committed {
		if f := s.contractFunds(w); f != "" {
			row.Funds = f
		}
	}
	return row
}

// contractFunds finds the sumber dana of the committed works record a
// planned job stands for (same ruas, year and works type).
func (s *Source) contractFunds(w planner.Work) string {
	r := s.Ruas(w.RuasKey)
	if r == nil {
		return ""
	}
	for _, rec := range s.Net.Works[r.ID] {
		if rec.Committed && rec.Type == w.WorksType && rec.Date.Year() == w.Year && rec.Funding != "" {
			return rec.Funding
		}
	}
	return ""
}

// sipdColumns are the CSV columns, one row per location; the header block
// of the XLSX is repeated in the first columns so a CSV row stands alone.
var sipdColumns = []string{
	"kodepemda", "opd", "tahun", "nomenklatur", "kode_sub_kegiatan", "nama_sub_kegiatan",
	"no", "no_ruas", "nama_ruas", "sta", "kelurahan", "kecamatan", "lokasi",
	"target_volume", "satuan", "indikator", "pagu_indikatif_rp", "sumber_dana",
	"kondisi", "tanggal_survei", "peringkat", "penanganan", "berkontrak", "justifikasi",
	"rencana_id", "snapshot_hash", "status_data",
}

// WriteCSV writes one row per location, grouped by sub-kegiatan in code
// list order. Numbers use a "." decimal point and no grouping.
func (u *Usulan) WriteCSV(w io.Writer) error {
	cw := csvfile.NewWriter(w)
	cw.Write(sipdColumns)
	for _, g := range u.Groups {
		for _, r := range g.Rows {
			cw.Write([]string{
				u.Src.Org.Kodepemda, u.Src.Org.OPD, strconv.Itoa(u.Year), u.Nomenclature, g.SubKegiatan.Code, g.SubKegiatan.Name,
				strconv.Itoa(r.No), r.RuasNo, r.RuasName, r.Sta, r.Kelurahan, r.Kecamatan, r.Lokasi(),
				plain(r.Km, kmDecimals), g.SubKegiatan.Unit, g.SubKegiatan.Indicator, plain(r.Rp, 0), r.Funds,
				r.Kondisi, r.SurveyDate, strconv.Itoa(r.Rank), r.Treatment, yaTidak(r.Committed), r.Justification,
				strconv.FormatInt(u.Src.RunID, 10), u.Src.SnapshotHash, u.Src.DataStatus(),
			})
		}
	}
	cw.Flush()
	return cw.Error()
}

func yaTidak(b bool) string {
	if b {
		return "ya"
	}
	return "tidak"
}
