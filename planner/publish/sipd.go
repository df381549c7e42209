package publish

import (
	"fmt"
	"io"
	"math"
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
	Urusan   = "1.03 Pekerjaan Umum dan Penataan Ruang"
	Program  = "1.03.10 Program Penyelenggaraan Jalan"
	Kegiatan = "1.03.10.2.01 Penyelenggaraan Jalan Kabupaten/Kota"
	// DefaultFunds asks for the settings' default sumber dana
	// (data/rules/usulan_*.json).
	DefaultFunds  = ""
	kmDecimals    = 3 // km to the metre in rows; sums are of rounded rows
	pctDecimals   = 2
	rupiahDecimal = 0
)

// Row kinds of a usulan.
const (
	RowPaket      = "paket"      // one capital work package
	RowRutin      = "rutin"      // routine care of one kecamatan
	RowPendamping = "pendamping" // perencanaan teknis / pengawasan of a sub-kegiatan
)

// Usulan is the SIPD proposal list of one tahun anggaran: one row per work
// package of the plan, routine care as one row per kecamatan, and the
// companion lines, grouped by the sub-kegiatan codes in force for that TA.
type Usulan struct {
	Src          *Source
	Year         int    // tahun anggaran
	Nomenclature string // the code list's version label ("2024", "2027")
	Decree       string // the decree of that code list
	CodesVerify  bool   // some code used is marked "verify" in the table
	Settings     *UsulanSettings
	Funds        FundSource // sumber dana of works not yet contracted
	PriceYear    int        // price year of the plan's unit costs
	Escalation   float64    // cost factor from PriceYear to Year
	Groups       []UsulanGroup
	Km           float64 // total target volume, km (sum of rounded rows)
	Rp           float64 // total pagu, Rp (sum of rounded rows)
	// The reconciliation of Rp with the plan: Rp = PlanRp + EscalationRp +
	// RoundingRp + AddedRp exactly. A plan costed at each TA's prices with
	// its companions reserved (Result.Costing) needs no escalation and
	// adds nothing: its rows and companion lines are rounded down, so
	// RoundingRp ≤ 0 and Rp never exceeds the plan's spending, which the
	// planner kept within the budget. Older plans (at the price year, no
	// reserve) are escalated here, rounded up and get companions on top.
	Costed        bool    // the plan counted escalation and companions itself
	PlanRp        float64 // the plan's spending of the year (YearResult.SpentRp)
	ReserveRp     float64 // part of PlanRp the plan reserved for companion lines
	EscalationRp  float64 // price escalation added here (older plans)
	RoundingRp    float64 // rounding of every row to Settings.RoundingRp (down, ≤ 0, for costed plans)
	CompanionRp   float64 // companion lines (rounded)
	AddedRp       float64 // companion lines added on top of the plan (older plans)
	NextRp        float64 // prakiraan maju: the next year's usulan total (NaN past the plan)
	Packages      int     // capital package rows
	RoutineRows   int
	CompanionRows int
}

// UsulanGroup is one sub-kegiatan block with its subtotal.
type UsulanGroup struct {
	SubKegiatan CodeRow
	Rows        []UsulanRow
	Km          float64
	Rp          float64
	NextRp      float64 // prakiraan maju n+1 of the sub-kegiatan (NaN past the plan)
}

// UsulanRow is one line of a sub-kegiatan: a package, a kecamatan's
// routine care, or a companion line.
type UsulanRow struct {
	No            int // running number within the group
	Kind          string
	Package       string // plan package id(s)
	RuasKey       string
	RuasNo        string
	RuasName      string
	StaFromM      float64
	StaToM        float64
	Sta           string // "0+000–1+200"
	KelurahanCode string
	Kelurahan     string
	KecamatanCode string
	Kecamatan     string
	Km            float64 // target volume, km (0 on companion lines)
	PlanRp        float64 // the plan's cost at its unit-cost prices
	Rp            float64 // pagu, rounded up to the setting
	NextRp        float64 // prakiraan maju at the same location (NaN past the plan)
	Funds         string  // sumber dana
	Kondisi       string  // class at the start of the works year
	SurveyDate    string  // dd/mm/yyyy of the survey the class rests on
	Rank          int     // rank within the plan year
	Treatment     string
	Committed     bool
	Justification string

	ruasCount int // routine rows: the ruas under care
}

// Name is the nama paket: ruas and STA, a kecamatan's routine care, or the
// companion line.
func (r UsulanRow) Name() string {
	switch r.Kind {
	case RowRutin:
		return "Pemeliharaan Rutin Jalan Kec. " + r.Kecamatan
	case RowPendamping:
		return r.Treatment
	}
	return fmt.Sprintf("%s Ruas %s %s STA %s", r.Treatment, r.RuasNo, r.RuasName, r.Sta)
}

// Lokasi writes the location the way a usulan names it.
func (r UsulanRow) Lokasi() string {
	var b strings.Builder
	switch r.Kind {
	case RowPaket:
		fmt.Fprintf(&b, "Ruas %s %s (STA %s)", r.RuasNo, r.RuasName, r.Sta)
	case RowRutin:
		b.WriteString(r.RuasName)
	}
	if r.Kelurahan != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("Kel. " + r.Kelurahan)
	}
	if r.Kecamatan != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("Kec. " + r.Kecamatan)
	}
	return b.String()
}

// SIPD builds the usulan of a plan year (its tahun anggaran). Codes are the
// ones data/ref/sub_kegiatan.csv gives for that TA; nomenclature, when not
// "", forces a code list version instead. funds is the sumber dana of works
// not yet contracted (a code or name of data/ref/sumber_dana.csv; "" is the
// settings' default); contracted works keep the source of their contract.
func SIPD(src *Source, year int, nomenclature, funds string) (*Usulan, error) {
	u, err := buildUsulan(src, year, nomenclature, funds)
	if err != nil {
		return nil, err
	}
	u.NextRp = math.NaN()
	for i := range u.Groups {
		u.Groups[i].NextRp = math.NaN()
		for j := range u.Groups[i].Rows {
			u.Groups[i].Rows[j].NextRp = math.NaN()
		}
	}
	if year+1 > src.LastYear() {
		return u, nil
	}
	next, err := buildUsulan(src, year+1, nomenclature, funds)
	if err != nil {
		return nil, err
	}
	// Prakiraan maju: next year's usulan of the same sub-kegiatan (by works
	// type, since codes may change between TA), and of the same location:
	// the kecamatan for routine care, the ruas for a package.
	type key struct{ works, kind, loc string }
	nextAt := map[key]float64{}
	nextGroup := map[string]float64{}
	for _, g := range next.Groups {
		nextGroup[g.SubKegiatan.Works] += g.Rp
		for _, r := range g.Rows {
			nextAt[key{g.SubKegiatan.Works, r.Kind, r.location()}] += r.Rp
		}
	}
	u.NextRp = next.Rp
	for i := range u.Groups {
		g := &u.Groups[i]
		g.NextRp = nextGroup[g.SubKegiatan.Works]
		for j := range g.Rows {
			r := &g.Rows[j]
			r.NextRp = nextAt[key{g.SubKegiatan.Works, r.Kind, r.location()}]
		}
	}
	return u, nil
}

func (r UsulanRow) location() string {
	switch r.Kind {
	case RowPaket:
		return r.RuasKey
	case RowRutin:
		return r.KecamatanCode + "|" + r.Kecamatan
	}
	return r.Treatment
}

func buildUsulan(src *Source, year int, nomenclature, funds string) (*Usulan, error) {
	yr, err := src.PlanYear(year)
	if err != nil {
		return nil, err
	}
	set, err := settingsOf(src.Result)
	if err != nil {
		return nil, err
	}
	if funds == "" {
		funds = set.DefaultFunds
	}
	fund, err := fundOf(funds)
	if err != nil {
		return nil, err
	}
	codes, err := CodesFor(year)
	if err != nil {
		return nil, err
	}
	if nomenclature != "" {
		codes = nil
		for _, c := range codeRows {
			if c.Version == nomenclature {
				codes = append(codes, c)
			}
		}
		if len(codes) == 0 {
			return nil, fmt.Errorf("nomenklatur %q tidak ada di %s; kosongkan agar kode dipilih menurut tahun anggaran", nomenclature, subKegiatanFile)
		}
	}
	u := &Usulan{Src: src, Year: year, Settings: set, Funds: fund, PriceYear: src.priceYear(), PlanRp: yr.SpentRp,
		Costed: src.Result.Costing != nil, ReserveRp: yr.CompanionRp}
	// rnd rounds a pagu: down for a costed plan (never over its budget),
	// up for an older plan, as it always did.
	rnd := roundUp
	u.Escalation = 1
	if u.Costed {
		rnd = roundDown
		u.Escalation = yr.PriceFactor
	} else if u.PriceYear > 0 && year > u.PriceYear {
		u.Escalation = set.PriceFactor(u.PriceYear, year)
	}
	byWorks := map[string]CodeRow{}
	byCode := map[string]CodeRow{}
	order := map[string]int{}
	for i, c := range codes {
		if _, ok := byWorks[c.Works]; !ok {
			byWorks[c.Works] = c
		}
		byCode[c.Code] = c
		order[c.Code] = i
		u.Nomenclature, u.Decree = c.Version, c.Decree
	}
	groups := map[string]*UsulanGroup{}
	group := func(c CodeRow) *UsulanGroup {
		g := groups[c.Code]
		if g == nil {
			g = &UsulanGroup{SubKegiatan: c}
			groups[c.Code] = g
			u.CodesVerify = u.CodesVerify || !c.Verified()
		}
		return g
	}
	escalated := 0.0
	routine := map[string]*UsulanRow{}
	var routineKeys []string
	for _, w := range yr.Works {
		c, ok := byWorks[string(w.WorksType)]
		if !ok {
			return nil, fmt.Errorf("rencana #%d, tahun %d, ruas %s: %s tidak memuat sub kegiatan untuk penanganan %s pada TA %d", src.RunID, year, w.RuasKey, subKegiatanFile, w.WorksType, year)
		}
		cost := w.CostRp
		if !w.Committed && !u.Costed {
			// A contract's value is fixed; an older plan's works are at
			// the unit costs' price year and escalate to the TA.
			cost *= u.Escalation
		}
		escalated += cost
		if w.Routine || w.WorksType == roads.Rutin {
			k := c.Code + "|" + w.KecamatanCode + "|" + w.Kecamatan
			r := routine[k]
			if r == nil {
				r = &UsulanRow{Kind: RowRutin, KecamatanCode: w.KecamatanCode, Kecamatan: w.Kecamatan, Funds: fund.Code,
					Treatment: w.TreatmentLabel, Rank: 0}
				routine[k] = r
				routineKeys = append(routineKeys, k)
			}
			r.Km += w.LengthKm
			r.PlanRp += w.CostRp
			r.Rp += cost // rounded below, once per row
			r.ruasCount++
			r.addKelurahan(w.KelurahanCode, w.Kelurahan)
			r.RuasKey = ""
			r.RuasNo = ""
			continue
		}
		row := src.usulanRow(w, fund.Code)
		row.Rp = cost
		g := group(c)
		g.Rows = append(g.Rows, row)
	}
	for _, k := range routineKeys {
		r := routine[k]
		c := byCode[strings.SplitN(k, "|", 2)[0]]
		n := r.ruasCount
		r.Package = fmt.Sprintf("%d-R-%s", year, r.KecamatanCode)
		if r.KecamatanCode == "" {
			r.Package = fmt.Sprintf("%d-R-%s", year, r.Kecamatan)
		}
		r.RuasName = fmt.Sprintf("%d ruas jalan mantap", n)
		r.Justification = fmt.Sprintf("Pemeliharaan rutin %s km jalan mantap (Baik/Sedang) di Kec. %s, %d ruas; didanai lebih dahulu sebelum pekerjaan modal.",
			Number(round(r.Km, kmDecimals), kmDecimals), r.Kecamatan, n)
		g := group(c)
		g.Rows = append(g.Rows, *r)
	}
	physical := 0.0
	for _, g := range groups {
		sort.SliceStable(g.Rows, func(a, b int) bool {
			ra, rb := g.Rows[a], g.Rows[b]
			if (ra.Kind == RowRutin) != (rb.Kind == RowRutin) {
				return ra.Kind == RowRutin
			}
			if ra.Kind == RowRutin {
				return ra.KecamatanCode+ra.Kecamatan < rb.KecamatanCode+rb.Kecamatan
			}
			return ra.Rank < rb.Rank
		})
		for i := range g.Rows {
			r := &g.Rows[i]
			r.Km = round(r.Km, kmDecimals)
			r.Rp = rnd(r.Rp, set.RoundingRp)
			physical += r.Rp
			if r.Kind == RowRutin {
				u.RoutineRows++
			} else {
				u.Packages++
			}
		}
	}
	// Companion lines: a share of each sub-kegiatan's physical capital pagu.
	for _, cp := range set.Companions {
		works := map[string]bool{}
		for _, w := range cp.Works {
			works[w] = true
		}
		var codesSeen []string
		base := map[string]float64{}
		for code, g := range groups {
			if !works[g.SubKegiatan.Works] {
				continue
			}
			for _, r := range g.Rows {
				if r.Kind == RowPaket {
					if _, ok := base[code]; !ok {
						codesSeen = append(codesSeen, code)
					}
					base[code] += r.Rp
				}
			}
		}
		sort.Strings(codesSeen)
		for _, code := range codesSeen {
			target := groups[code]
			if cp.SubKegiatan != "" {
				c, ok := byCode[cp.SubKegiatan]
				if !ok {
					return nil, fmt.Errorf("setelan usulan %s: sub kegiatan pendamping %s tidak berlaku pada TA %d menurut %s", set.Version, cp.SubKegiatan, year, subKegiatanFile)
				}
				target = group(c)
			}
			rp := rnd(base[code]*cp.Pct/100, set.RoundingRp)
			target.Rows = append(target.Rows, UsulanRow{Kind: RowPendamping, Treatment: fmt.Sprintf("%s %s (%s %% dari pagu fisik %s)", cp.Name, groups[code].SubKegiatan.Name,
				Number(cp.Pct, 1), code), Rp: rp, Funds: fund.Code,
				Justification: fmt.Sprintf("%s %s %% dari pagu fisik paket %s (setelan %s).", cp.Name, Number(cp.Pct, 1), code, set.Version)})
			u.CompanionRp += rp
			u.CompanionRows++
		}
	}
	for _, g := range groups {
		for i := range g.Rows {
			g.Rows[i].No = i + 1
			g.Km += g.Rows[i].Km
			g.Rp += g.Rows[i].Rp
		}
		g.Km = round(g.Km, kmDecimals)
		u.Groups = append(u.Groups, *g)
	}
	sort.Slice(u.Groups, func(a, b int) bool {
		return order[u.Groups[a].SubKegiatan.Code] < order[u.Groups[b].SubKegiatan.Code]
	})
	for _, g := range u.Groups {
		u.Km += g.Km
		u.Rp += g.Rp
	}
	u.Km = round(u.Km, kmDecimals)
	if u.Costed {
		u.RoundingRp = u.Rp - u.PlanRp
		return u, nil
	}
	u.EscalationRp = escalated - u.PlanRp
	u.RoundingRp = physical - escalated
	u.AddedRp = u.CompanionRp
	return u, nil
}

// roundDown rounds a pagu down to a multiple of step; a value already on
// a multiple (within floating error) stays.
func roundDown(v, step float64) float64 {
	q := v / step
	if r := math.Round(q); math.Abs(q-r) < 1e-7 {
		return r * step
	}
	return math.Floor(q) * step
}

// roundUp rounds a pagu up to a multiple of step; a value already on a
// multiple (within floating error) stays.
func roundUp(v, step float64) float64 {
	q := v / step
	if r := math.Round(q); math.Abs(q-r) < 1e-7 {
		return r * step
	}
	return math.Ceil(q) * step
}

func (r *UsulanRow) addKelurahan(code, name string) {
	if name == "" && code == "" {
		return
	}
	for _, c := range strings.Split(r.KelurahanCode, ", ") {
		if c == code && code != "" {
			return
		}
	}
	if code == "" {
		for _, n := range strings.Split(r.Kelurahan, ", ") {
			if n == name {
				return
			}
		}
	}
	if r.Kelurahan != "" || r.KelurahanCode != "" {
		r.Kelurahan += ", "
		r.KelurahanCode += ", "
	}
	r.Kelurahan += name
	r.KelurahanCode += code
}

// priceYear is the price year of the unit costs the plan used.
func (s *Source) priceYear() int {
	if c, err := planner.Treatments(s.Result.Input.Tables.Treatments); err == nil {
		return c.PriceYear
	}
	return 0
}

func (s *Source) usulanRow(w planner.Work, funds string) UsulanRow {
	row := UsulanRow{
		Kind: RowPaket, Package: w.Package,
		RuasKey: w.RuasKey, RuasName: w.RuasName, StaFromM: w.StaFromM, StaToM: w.StaToM,
		Sta:           roads.FormatSTA(w.StaFromM) + "–" + roads.FormatSTA(w.StaToM),
		KelurahanCode: w.KelurahanCode, Kelurahan: w.Kelurahan, KecamatanCode: w.KecamatanCode, Kecamatan: w.Kecamatan,
		Km: w.LengthKm, PlanRp: w.CostRp,
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

// sipdColumns are the CSV columns, one row per package, kecamatan routine
// line or companion line; the header block of the XLSX is repeated in the
// first columns so a CSV row stands alone.
var sipdColumns = []string{
	"kodepemda", "kode_opd", "opd", "tahun_anggaran", "kode_sub_kegiatan", "nama_sub_kegiatan", "keputusan_nomenklatur",
	"no", "jenis_baris", "kode_paket", "nama_paket", "no_ruas", "nama_ruas", "sta_dari_m", "sta_sampai_m",
	"kode_kecamatan", "kecamatan", "kode_kelurahan", "kelurahan", "lokasi",
	"indikator_keluaran", "target", "satuan", "biaya_rencana_rp", "faktor_eskalasi", "pagu_rp", "sumber_dana", "prakiraan_maju_rp",
	"kondisi", "tanggal_survei", "peringkat", "penanganan", "berkontrak", "justifikasi",
	"rencana_id", "snapshot_hash", "setelan_usulan", "status_data",
}

// WriteCSV writes the usulan for a reader: ";" separated, decimal comma
// and no grouping, which Indonesian Excel opens as numbers.
func (u *Usulan) WriteCSV(w io.Writer) error { return u.writeCSV(w, ';', ",") }

// WriteCSVMachine writes the same rows for programs: "," separated, "."
// decimal point.
func (u *Usulan) WriteCSVMachine(w io.Writer) error { return u.writeCSV(w, ',', ".") }

func (u *Usulan) writeCSV(w io.Writer, comma rune, point string) error {
	cw := csvfile.NewWriter(w)
	cw.Comma = comma
	num := func(v float64, dec int) string {
		s := plain(v, dec)
		if point != "." {
			s = strings.Replace(s, ".", point, 1)
		}
		return s
	}
	cw.Write(sipdColumns)
	for _, g := range u.Groups {
		for _, r := range g.Rows {
			target, unit, sta0, sta1, esc := "", "", "", "", ""
			if r.Kind != RowPendamping {
				target, unit = num(r.Km, kmDecimals), g.SubKegiatan.Unit
				esc = num(u.escalationOf(r), 6)
			}
			if r.Kind == RowPaket {
				sta0, sta1 = plain(r.StaFromM, 0), plain(r.StaToM, 0)
			}
			planRp := ""
			if r.Kind != RowPendamping {
				planRp = num(r.PlanRp, 2)
			}
			cw.Write([]string{
				u.Src.Org.Kodepemda, u.Src.Org.OPDCode, u.Src.Org.OPD, strconv.Itoa(u.Year), g.SubKegiatan.Code, g.SubKegiatan.Name, u.decreeText(g.SubKegiatan),
				strconv.Itoa(r.No), r.Kind, r.Package, r.Name(), r.RuasNo, r.RuasName, sta0, sta1,
				r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan, r.Lokasi(),
				g.SubKegiatan.Indicator, target, unit, planRp, esc, num(r.Rp, 0), r.Funds, num(r.NextRp, 0),
				r.Kondisi, r.SurveyDate, strconv.Itoa(r.Rank), r.Treatment, yaTidak(r.Committed), r.Justification,
				strconv.FormatInt(u.Src.RunID, 10), u.Src.SnapshotHash, u.Settings.Version, u.Src.DataStatus(),
			})
		}
	}
	cw.Flush()
	return cw.Error()
}

func (u *Usulan) escalationOf(r UsulanRow) float64 {
	if r.Committed {
		return 1
	}
	return u.Escalation
}

// decreeText is a code's decree, marked when the table asks to verify it.
func (u *Usulan) decreeText(c CodeRow) string {
	if c.Verified() {
		return c.Decree
	}
	return c.Decree + " (perlu verifikasi)"
}

func yaTidak(b bool) string {
	if b {
		return "ya"
	}
	return "tidak"
}
