package reconcile

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/kotablitar/ruas/planner"
	"github.com/kotablitar/ruas/roads"
)

// Reason is a definition another office may have used instead of the
// register's: each is recomputed against the register.
type Reason string

// The reasons tested, in the order a sheet lists them.
const (
	// ReasonYear: the figure is the register's of another year (a
	// publication year taken for the data year, or last year's upload).
	ReasonYear Reason = "tahun_lain"
	// ReasonSurveyed: the surveyed length as the network length (the
	// denominator of kemantapan), unsurveyed roads left out.
	ReasonSurveyed Reason = "penyebut_disurvei"
	// ReasonAuthority: roads of every authority in the region, not only
	// the office's kewenangan.
	ReasonAuthority Reason = "semua_kewenangan"
	// ReasonVillage: village grades (Baik, Rusak Ringan, Rusak Sedang,
	// Rusak Berat) read by their words as Bina Marga classes, instead of
	// through the mapping table (village Rusak Ringan is Sedang).
	ReasonVillage Reason = "skala_desa_dibaca_bm"
	// ReasonLinkIRI: one class per ruas from its length-weighted average
	// IRI, instead of one class per 100 m unit.
	ReasonLinkIRI Reason = "rata_rata_iri_ruas"
	// ReasonLinkAverage: one class per ruas from its average IRI and
	// average SDI (the worse of both), instead of per 100 m unit.
	ReasonLinkAverage Reason = "rata_rata_ruas"
	// ReasonMetres: metres written where km are due (× 1000).
	ReasonMetres Reason = "meter_ditulis_km"
	// ReasonKm: km written where metres are due (÷ 1000).
	ReasonKm Reason = "km_ditulis_meter"
	// ReasonTruncated: the register's value cut, not rounded, at the
	// figure's decimals.
	ReasonTruncated Reason = "dipotong"
)

// Describe is the reason in a sentence of Indonesian, for the sheet;
// year is the year a ReasonYear candidate read.
func (r Reason) Describe(year int) string {
	switch r {
	case ReasonYear:
		return fmt.Sprintf("angka tahun lain: register per akhir %d, bukan tahun yang ditulis", year)
	case ReasonSurveyed:
		return "penyebut panjang yang disurvei saja (jalan belum disurvei tidak dihitung), bukan panjang jaringan"
	case ReasonAuthority:
		return "jalan semua kewenangan di wilayah itu, bukan hanya jalan kewenangan kantor"
	case ReasonVillage:
		return "kelas skala desa dibaca menurut katanya sebagai kelas Bina Marga (Rusak Ringan desa dianggap Rusak Ringan), bukan lewat tabel pemetaan"
	case ReasonLinkIRI:
		return "satu kelas per ruas dari rata-rata IRI ruas, bukan per unit 100 m"
	case ReasonLinkAverage:
		return "satu kelas per ruas dari rata-rata IRI dan SDI ruas, bukan per unit 100 m"
	case ReasonMetres:
		return "meter ditulis sebagai km (nilai 1.000 kali)"
	case ReasonKm:
		return "km ditulis sebagai meter (nilai 1/1.000)"
	case ReasonTruncated:
		return "angka register dipotong, bukan dibulatkan"
	}
	return string(r)
}

// Status is the outcome of one figure.
type Status string

// The outcomes.
const (
	Agrees      Status = "sama"              // the register gives the figure within its rounding
	Explained   Status = "terjelaskan"       // a tested definition reproduces it
	Unexplained Status = "tidak_terjelaskan" // none does
	NotComputed Status = "tidak_dihitung"    // the register has no such figure (region, nothing to divide by)
)

// Label is the status in Indonesian.
func (s Status) Label() string {
	switch s {
	case Agrees:
		return "Sama (dalam pembulatan)"
	case Explained:
		return "Selisih terjelaskan"
	case Unexplained:
		return "Selisih TIDAK TERJELASKAN"
	case NotComputed:
		return "Tidak dapat dihitung"
	}
	return string(s)
}

// Candidate is one definition recomputed against the register: one
// reason, or two together (And) when no single one explains a figure.
type Candidate struct {
	Reason     Reason   `json:"alasan"`
	And        Reason   `json:"dan,omitempty"`         // a second reason, applied together with the first
	Shift      int      `json:"geser_tahun,omitempty"` // ReasonYear: years added to the figure's year
	Year       int      `json:"tahun,omitempty"`       // ReasonYear: the year read
	Value      *float64 `json:"nilai"`                 // the register under this definition; nil when it has none
	Reproduces bool     `json:"cocok"`                 // within the figure's rounding
}

// Describe is the candidate's reason in Indonesian.
func (c Candidate) Describe() string {
	if c.And != "" {
		return c.Reason.Describe(c.Year) + ", bersama dengan " + c.And.Describe(c.Year)
	}
	return c.Reason.Describe(c.Year)
}

// Has reports whether the candidate names reason r (alone or with another).
func (c Candidate) Has(r Reason) bool { return c.Reason == r || c.And == r }

// Line is one figure reconciled.
type Line struct {
	Figure Figure `json:"angka_lain"`
	// RegionName is the region's name in the Kemendagri table.
	RegionName string `json:"nama_wilayah"`
	// Register is the register's value by the same definition (the
	// register's own); NaN when it has none (JSON null).
	Register   roads.Percent `json:"nilai_register"`
	Difference roads.Percent `json:"selisih"` // Figure.Value − Register
	Status     Status        `json:"status"`
	// Reason is the tested definition that reproduces the figure (the
	// closest, when several do); Also the others that do.
	Reason *Candidate  `json:"alasan,omitempty"`
	Also   []Candidate `json:"juga_cocok,omitempty"`
	// ExplainedPart is the part of the difference the reason accounts for
	// (its value − Register); UnexplainedRest the rest (Figure − its
	// value, within rounding when explained; the whole difference when
	// not).
	ExplainedPart   roads.Percent `json:"selisih_terjelaskan"`
	UnexplainedRest roads.Percent `json:"selisih_tidak_terjelaskan"`
	Tested          []Candidate   `json:"diuji"`
	// Note says why a figure was not computed.
	Note string `json:"catatan,omitempty"`
	// Agreed is the figure agreed on, by default the register's, with
	// the definition it follows.
	Agreed Agreement `json:"disepakati"`
}

// Choice is which figure a line's agreement takes.
type Choice string

// The choices.
const (
	ChooseRegister Choice = "register" // the register's figure and definition (the default)
	ChooseOther    Choice = "lain"     // the other office's figure, with the definition that explains it
)

// Agreement is the figure agreed on for one line.
type Agreement struct {
	Choice     Choice        `json:"pilihan"`
	Value      roads.Percent `json:"nilai"`
	Definition string        `json:"definisi"`
}

// Sheet is a reconciliation sheet: the figures of another office beside
// the register's, with the reason for each difference and the agreed
// figure. Its fields are what a Forum Satu Data signs.
type Sheet struct {
	Made time.Time `json:"dibuat"`
	// The register: its office, when it was read, its snapshot hash,
	// whether drafts were left out, and how many draft records its
	// figures include.
	Pemda        string       `json:"pemda"`
	OPD          string       `json:"opd"`
	Region       string       `json:"kode_wilayah"`
	Authority    roads.Status `json:"kewenangan"`
	RegisterRead time.Time    `json:"register_dibaca"`
	RegisterHash string       `json:"register_hash"`
	VerifiedOnly bool         `json:"hanya_terverifikasi"`
	DraftRecords int          `json:"catatan_draf"`
	RuleVersions []string     `json:"versi_aturan"`
	// Definition is the register's definition, in Indonesian.
	Definition string `json:"definisi_register"`
	// The other office's file and the sources its rows name.
	File    string   `json:"berkas_lain"`
	Sources []string `json:"sumber_lain"`
	// Skipped counts figures of other years than Year (when set).
	Year    int    `json:"tahun,omitempty"`
	Skipped int    `json:"dilewati,omitempty"`
	Lines   []Line `json:"baris"`
	// NotTested names the definitions the register cannot test, and why
	// (no roads of other authorities, no village-graded data, no 100 m
	// units): a difference they would explain shows as unexplained.
	NotTested []string `json:"tidak_diuji,omitempty"`
}

// Counts is how many lines have each status.
func (s *Sheet) Counts() map[Status]int {
	m := map[Status]int{}
	for _, l := range s.Lines {
		m[l.Status]++
	}
	return m
}

// Options are a reconciliation's settings.
type Options struct {
	// Year, when set, keeps the figures of that year only.
	Year int
	// File names the other office's file on the sheet.
	File string
	// Now is when the sheet is made.
	Now time.Time
}

// Reconcile reconciles figures with the register net (the whole register,
// or its verified part: net.VerifiedOnly says which).
func Reconcile(net *roads.Network, figs []Figure, opt Options) *Sheet {
	o := net.Office
	sh := &Sheet{Made: opt.Now, Pemda: o.Pemda(), OPD: o.OPD, Region: o.Region, Authority: o.Authority,
		RegisterRead: net.ReadAt, RegisterHash: net.Hash, VerifiedOnly: net.VerifiedOnly, File: opt.File, Year: opt.Year}
	c := &calc{net: net, views: map[viewKey]planner.NetworkCondition{}, nets: map[string]*roads.Network{}}
	sources := map[string]bool{}
	versions := map[string]bool{}
	for _, f := range figs {
		if opt.Year != 0 && f.Year != opt.Year {
			sh.Skipped++
			continue
		}
		if f.Source != "" && !sources[f.Source] {
			sources[f.Source] = true
			sh.Sources = append(sh.Sources, f.Source)
		}
		l := c.line(f)
		if nc, ok := c.views[viewKey{f.Region, f.Year, plain}]; ok {
			for _, v := range nc.RuleVersions {
				versions[v] = true
			}
			if f.Region == o.Region || o.Region == "" {
				sh.DraftRecords = max(sh.DraftRecords, nc.Scope.DraftRuas+nc.Scope.DraftSurveys)
			}
		}
		sh.Lines = append(sh.Lines, l)
	}
	for v := range versions {
		sh.RuleVersions = append(sh.RuleVersions, v)
	}
	sort.Strings(sh.RuleVersions)
	sh.Definition = Definition(o, sh.RuleVersions)
	sh.NotTested = notTested(net)
	return sh
}

// notTested says which definitions the register cannot test.
func notTested(net *roads.Network) []string {
	var others, village, units bool
	for _, r := range net.Ruas {
		others = others || net.Office.Authority != "" && r.Status != net.Office.Authority
		for _, v := range net.Surveys[r.ID] {
			village = village || v.Scheme != "" && v.Scheme != roads.SchemeBinaMarga
			units = units || v.Distress != nil
		}
	}
	var out []string
	if !others {
		out = append(out, "jalan semua kewenangan (register hanya memuat jalan kewenangan kantor)")
	}
	if !village {
		out = append(out, "skala desa dibaca sebagai kelas Bina Marga (register tidak memuat data berskala desa)")
	}
	if !units {
		out = append(out, "rata-rata per ruas (register tidak memuat survei per unit 100 m)")
	}
	return out
}

// Definition is the register's definition of its figures, in Indonesian.
func Definition(o roads.Office, versions []string) string {
	scope := "semua jalan di register"
	if o.Authority != "" {
		scope = "jalan " + string(o.Authority)
	}
	rules := "aturan Bina Marga SMD-03/RCS 2011"
	if len(versions) > 0 {
		rules += " (" + strings.Join(versions, ", ") + ")"
	}
	return fmt.Sprintf("Register %s: panjang jaringan %s (panjang SK, atau panjang geometri bila tidak ada), km; "+
		"kondisi tiap ruas dari survei terakhirnya sampai akhir tahun, kelas per unit 100 m menurut %s, "+
		"data skala desa lewat tabel pemetaan; kemantapan = (Baik + Sedang) / panjang jaringan × 100, "+
		"panjang yang belum disurvei kelasnya sendiri.", o.OPDShort(), scope, rules)
}

// definition is a way of computing a figure from the register other than
// its own: any of another year, another reading of the surveys, every
// authority, the surveyed length as the network's, a unit slip or
// truncation. Its reasons say which.
type definition struct {
	reasons  []Reason
	shift    int     // years added to the figure's
	v        variant // how the surveys are read
	all      bool    // every authority (the Total group)
	surveyed bool    // the surveyed length as the network length
	scale    float64 // 1000 (metres written as km), 0.001, or 0 for 1
	truncate bool
}

// with combines two definitions that change different things; ok false
// when they overlap (two years, two readings, two unit slips).
func (a definition) with(b definition) (definition, bool) {
	switch {
	case a.shift != 0 && b.shift != 0, a.v != plain && b.v != plain, a.all && b.all, a.surveyed && b.surveyed,
		a.scale != 0 && b.scale != 0, a.truncate || b.truncate:
		return definition{}, false
	}
	d := a
	d.reasons = []Reason{a.reasons[0], b.reasons[0]}
	d.shift += b.shift
	if b.v != plain {
		d.v = b.v
	}
	d.all, d.surveyed = a.all || b.all, a.surveyed || b.surveyed
	if b.scale != 0 {
		d.scale = b.scale
	}
	return d, true
}

// singles are the definitions that apply to a figure, one reason each:
// only those that can differ from the register's own (no every-authority
// reading when the register holds only the office's roads, no village
// reading without village data).
func (c *calc) singles(f Figure, nc planner.NetworkCondition) []definition {
	var ds []definition
	for _, d := range []int{-1, 1, -2, 2} {
		ds = append(ds, definition{reasons: []Reason{ReasonYear}, shift: d})
	}
	if f.Indicator == PanjangJalan || f.Indicator == Kemantapan {
		ds = append(ds, definition{reasons: []Reason{ReasonSurveyed}, surveyed: true})
	}
	if nc.Others.Ruas > 0 {
		ds = append(ds, definition{reasons: []Reason{ReasonAuthority}, all: true})
	}
	if nc.MappedKm > 0 {
		ds = append(ds, definition{reasons: []Reason{ReasonVillage}, v: village})
	}
	if f.Indicator != PanjangJalan && f.Indicator != PanjangBelumSurvei {
		ds = append(ds, definition{reasons: []Reason{ReasonLinkIRI}, v: linkIRI}, definition{reasons: []Reason{ReasonLinkAverage}, v: linkAll})
	}
	if !f.Indicator.Percent() {
		ds = append(ds, definition{reasons: []Reason{ReasonMetres}, scale: 1000}, definition{reasons: []Reason{ReasonKm}, scale: 0.001})
	}
	return append(ds, definition{reasons: []Reason{ReasonTruncated}, truncate: true})
}

// candidate computes figure f by definition d; reg is the register's own
// value. A definition giving the register's own value cannot explain a
// difference: it is listed, never counted as reproducing.
func (c *calc) candidate(f Figure, reg float64, d definition) Candidate {
	cand := Candidate{Reason: d.reasons[0], Shift: d.shift}
	if len(d.reasons) > 1 {
		cand.And = d.reasons[1]
	}
	if d.shift != 0 {
		cand.Year = f.Year + d.shift
		if cand.Reason != ReasonYear { // the year first, as the sheet says it
			cand.Reason, cand.And = ReasonYear, cand.Reason
		}
	}
	nc, ok := c.view(f.Region, f.Year+d.shift, d.v)
	if !ok {
		return cand
	}
	g := nc.Scope
	if d.all {
		g = nc.Total
	}
	v := value(f.Indicator, g, d.surveyed)
	if d.scale != 0 {
		v *= d.scale
	}
	if d.truncate {
		p := math.Pow10(f.Decimals)
		v = math.Trunc(v*p) / p
	}
	if !math.IsNaN(v) && !math.IsInf(v, 0) {
		cand.Value = &v
		cand.Reproduces = f.Reproduces(v) && !f.Reproduces(reg)
	}
	return cand
}

func anyReproduces(cs []Candidate) bool {
	for _, c := range cs {
		if c.Reproduces {
			return true
		}
	}
	return false
}

// value is an indicator of a condition group; surveyed reads the
// surveyed length as the network length.
func value(ind Indicator, g planner.ConditionGroup, surveyed bool) float64 {
	switch ind {
	case PanjangJalan:
		if surveyed {
			return g.SurveyedKm
		}
		return g.NetworkKm
	case PanjangBaik:
		return g.Km.Baik
	case PanjangSedang:
		return g.Km.Sedang
	case PanjangRusakRingan:
		return g.Km.RusakRingan
	case PanjangRusakBerat:
		return g.Km.RusakBerat
	case PanjangMantap:
		return g.Km.Baik + g.Km.Sedang
	case PanjangTidakMantap:
		return g.Km.RusakRingan + g.Km.RusakBerat
	case PanjangBelumSurvei:
		if surveyed {
			return math.NaN()
		}
		return g.UnsurveyedKm
	case Kemantapan:
		if surveyed {
			return g.KemantapanSurveyed()
		}
		return g.Kemantapan()
	}
	return math.NaN()
}

func (c *calc) line(f Figure) Line {
	l := Line{Figure: f, Register: roads.Percent(math.NaN()), Difference: roads.Percent(math.NaN()),
		ExplainedPart: roads.Percent(math.NaN()), UnexplainedRest: roads.Percent(math.NaN())}
	if w, ok := roads.Ref().Place(f.Region); ok {
		l.RegionName = w.Name
	}
	if _, msg := c.region(f.Region); msg != "" {
		l.Status, l.Note = NotComputed, msg
		l.Agreed = Agreement{Choice: ChooseRegister, Value: roads.Percent(math.NaN())}
		return l
	}
	nc, ok := c.view(f.Region, f.Year, plain)
	if !ok {
		l.Status, l.Note = NotComputed, fmt.Sprintf("tahun %d di luar %d–%d", f.Year, planner.MinConditionYear, planner.MaxConditionYear)
		return l
	}
	reg := value(f.Indicator, nc.Scope, false)
	l.Register = roads.Percent(reg)
	l.Agreed = Agreement{Choice: ChooseRegister, Value: roads.Percent(reg)}
	if math.IsNaN(reg) {
		l.Status, l.Note = NotComputed, "register tidak punya angka ini (tidak ada panjang jaringan untuk dibagi)"
		return l
	}
	l.Difference = roads.Percent(f.Value - reg)
	if f.Reproduces(reg) {
		l.Status = Agrees
		l.ExplainedPart, l.UnexplainedRest = 0, roads.Percent(f.Value-reg)
		return l
	}
	// One definition at a time first; a pair only when none explains.
	singles := c.singles(f, nc)
	for _, d := range singles {
		l.Tested = append(l.Tested, c.candidate(f, reg, d))
	}
	if !anyReproduces(l.Tested) {
		for i, a := range singles {
			for _, b := range singles[i+1:] {
				if d, ok := a.with(b); ok {
					l.Tested = append(l.Tested, c.candidate(f, reg, d))
				}
			}
		}
	}

	best := -1
	for i, cand := range l.Tested {
		if !cand.Reproduces {
			continue
		}
		if best < 0 || math.Abs(*cand.Value-f.Value) < math.Abs(*l.Tested[best].Value-f.Value) {
			best = i
		}
	}
	if best < 0 {
		l.Status = Unexplained
		l.ExplainedPart, l.UnexplainedRest = 0, roads.Percent(f.Value-reg)
		return l
	}
	r := l.Tested[best]
	l.Status, l.Reason = Explained, &r
	for i, cand := range l.Tested {
		if cand.Reproduces && i != best {
			l.Also = append(l.Also, cand)
		}
	}
	l.ExplainedPart, l.UnexplainedRest = roads.Percent(*r.Value-reg), roads.Percent(f.Value-*r.Value)
	return l
}
