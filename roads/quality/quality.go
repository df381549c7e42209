// Package quality checks the register against the Satu Data principles
// (Perpres 39/2019: standar data, metadata, interoperabilitas, kode
// referensi) along four dimensions — completeness, timeliness,
// consistency and validity — and lists every finding with the record to
// fix. It reads a roads.Network; it never writes.
package quality

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// Dimension is a data-quality dimension.
type Dimension string

// The dimensions checked.
const (
	Completeness Dimension = "completeness"
	Timeliness   Dimension = "timeliness"
	Consistency  Dimension = "consistency"
	Validity     Dimension = "validity"
)

// Principle is a Satu Data Indonesia principle.
type Principle string

// The four principles of Perpres 39/2019.
const (
	StandarData       Principle = "standar_data"
	Metadata          Principle = "metadata"
	Interoperabilitas Principle = "interoperabilitas"
	KodeReferensi     Principle = "kode_referensi"
)

// Principles lists the principles in the order of the regulation.
var Principles = []Principle{StandarData, Metadata, Interoperabilitas, KodeReferensi}

// Finding is one problem of one record.
type Finding struct {
	Check     string    `json:"check"` // stable code, e.g. "geometry_length"
	Dimension Dimension `json:"dimension"`
	Principle Principle `json:"principle"`
	Dataset   string    `json:"dataset"` // ruas, survey, works, traffic
	RuasID    int64     `json:"ruas_id"`
	Ruas      string    `json:"ruas"` // key REGION/NO
	Kecamatan string    `json:"kecamatan"`
	RecordID  int64     `json:"record_id,omitempty"`
	Message   string    `json:"message"`
	// format and args make Message when the check fails: most checks pass,
	// and formatting a message for each would cost more than the check.
	format string
	args   []any
}

// Score is the share of checks passed, in percent, with the counts behind it.
type Score struct {
	Checked int     `json:"checked"`
	Passed  int     `json:"passed"`
	Percent float64 `json:"percent"`
}

func (s *Score) add(pass bool) {
	s.Checked++
	if pass {
		s.Passed++
	}
}

// finish sets Percent, floored to one decimal: a score is 100.0 only when
// every check passed (rounding would show 16 failures in 20,000 as 100.0).
func (s *Score) finish() {
	s.Percent = math.NaN()
	if s.Checked > 0 {
		s.Percent = float64(s.Passed*1000/s.Checked) / 10 // integer division floors
	}
}

// floorPct is part/total in percent floored to one decimal, below 100.0
// whenever part < total.
func floorPct(part, total float64) float64 {
	p := math.Floor(part/total*1000) / 10
	if part < total && p >= 100 {
		p = 99.9
	}
	return p
}

// Group holds the scores of one dataset or kecamatan.
type Group struct {
	Name       string              `json:"name"`
	Dimensions map[Dimension]Score `json:"dimensions"`
	// SurveyedRecentPct is the share of length surveyed within 12 months of AsOf.
	SurveyedRecentPct float64 `json:"surveyed_recent_pct"`
	OldestSurvey      string  `json:"oldest_survey,omitempty"` // YYYY-MM-DD of the stalest latest survey
}

// Report is the result of a quality check.
type Report struct {
	AsOf         time.Time           `json:"as_of"`
	SnapshotHash string              `json:"snapshot_hash"`
	Principles   map[Principle]Score `json:"principles"`
	Datasets     []Group             `json:"datasets"`
	Kecamatan    []Group             `json:"kecamatan"`
	Findings     []Finding           `json:"findings"`
}

// Tolerances of the consistency checks.
const (
	// GeometryTolerance: geometry length may differ from the official
	// length by this share before it is a finding (digitising and
	// chainage are never exact).
	GeometryTolerance = 0.10
	// RecentDays is the timeliness window (12 months).
	RecentDays = 365
	// MinLengthM: a ruas shorter than this is a typing or digitising
	// error (a register row is a road, not a driveway).
	MinLengthM = 10
	// FarSpread and FarMinM: without an office boundary, a ruas is far
	// from the network when a vertex lies more than FarSpread times the
	// median distance of the ruas from the network's median point, and at
	// least FarMinM, from that point. FarMinRuas ruas with geometry are
	// needed to tell the network's spread.
	FarSpread  = 6
	FarMinM    = 10_000
	FarMinRuas = 5
	// BoundaryToleranceM: with an office boundary, a vertex may lie this
	// far outside it (roads on the border, digitising) before it is a finding.
	BoundaryToleranceM = 250
)

// MaxLengthM is the longest plausible single ruas by status, metres: a
// longer one is a unit error (km written as m) or several roads in one row.
var MaxLengthM = map[roads.Status]float64{
	roads.Desa:      20_000,
	roads.Kota:      30_000,
	roads.Kabupaten: 75_000,
	roads.Provinsi:  150_000,
	roads.Nasional:  250_000,
}

// maxLengthOther applies to a ruas without a known status.
const maxLengthOther = 250_000

// Options are the optional inputs of CheckWith.
type Options struct {
	// Boundary is the office's area (a Polygon or MultiPolygon in lon/lat);
	// when set, geometry is checked against it instead of against the
	// network's own spread. Nil: the network office's boundary, if any.
	Boundary orb.Geometry
}

type checker struct {
	r          *Report
	principles map[Principle]*Score
	datasets   map[string]map[Dimension]*Score
	kec        map[string]map[Dimension]*Score
}

func (c *checker) check(pass bool, f Finding) {
	bump := func(m map[string]map[Dimension]*Score, key string) {
		if m[key] == nil {
			m[key] = map[Dimension]*Score{}
		}
		if m[key][f.Dimension] == nil {
			m[key][f.Dimension] = &Score{}
		}
		m[key][f.Dimension].add(pass)
	}
	bump(c.datasets, f.Dataset)
	bump(c.kec, f.Kecamatan)
	if c.principles[f.Principle] == nil {
		c.principles[f.Principle] = &Score{}
	}
	c.principles[f.Principle].add(pass)
	if !pass {
		if f.format != "" {
			f.Message = fmt.Sprintf(f.format, f.args...)
			f.format, f.args = "", nil
		}
		c.r.Findings = append(c.r.Findings, f)
	}
}

// Check runs every check over the network as of the given date, with the
// network office's boundary when it has one.
func Check(net *roads.Network, asOf time.Time) *Report {
	return CheckWith(net, asOf, Options{})
}

// CheckWith is Check with options (the office boundary).
func CheckWith(net *roads.Network, asOf time.Time, opt Options) *Report {
	if opt.Boundary == nil {
		opt.Boundary = net.Office.Boundary
	}
	c := &checker{
		r:          &Report{AsOf: asOf, SnapshotHash: net.Hash},
		principles: map[Principle]*Score{},
		datasets:   map[string]map[Dimension]*Score{},
		kec:        map[string]map[Dimension]*Score{},
	}
	ref := roads.Ref()
	recentLen := map[string]float64{}
	totalLen := map[string]float64{}
	oldest := map[string]time.Time{}
	seenName := map[string]*roads.Ruas{}
	// Records are dated by the calendar day in WIB; anything dated on or
	// after the day after asOf's is in the future.
	today := asOf.In(locale.WIB)
	tomorrow := time.Date(today.Year(), today.Month(), today.Day()+1, 0, 0, 0, 0, time.UTC)
	future := func(t time.Time) bool { return !t.Before(tomorrow) }
	place := newPlaceCheck(net, opt.Boundary)
	for _, r := range net.Ruas {
		kec := r.Kecamatan
		if kec == "" {
			kec = "(tanpa kecamatan)"
		}
		base := Finding{Dataset: "ruas", RuasID: r.ID, Ruas: r.Key.String(), Kecamatan: kec}
		f := func(check string, d Dimension, p Principle, msg string, args ...any) Finding {
			x := base
			x.Check, x.Dimension, x.Principle, x.format, x.args = check, d, p, msg, args
			return x
		}
		// Completeness: the fields a register row needs.
		c.check(r.LengthM > 0, f("length_missing", Completeness, StandarData, "panjang resmi (SK) belum diisi"))
		c.check(r.WidthM > 0, f("width_missing", Completeness, StandarData, "lebar jalur belum diisi"))
		c.check(r.Geometry != nil, f("geometry_missing", Completeness, Interoperabilitas, "tanpa geometri: ruas tidak dapat dipetakan atau dibagikan sebagai GeoJSON"))
		c.check(r.Status != "", f("status_missing", Completeness, StandarData, "status jalan belum diisi"))
		c.check(r.Fungsi != "", f("fungsi_missing", Completeness, StandarData, "fungsi jalan belum diisi"))
		c.check(r.Surface != roads.Unknown, f("surface_unmapped", Completeness, Interoperabilitas, "jenis perkerasan %q bukan kelas baku", r.SurfaceText))
		c.check(r.Source.File != "" || r.Source.Form != "", f("source_missing", Completeness, Metadata, "data tidak menyebut sumbernya (berkas atau formulir)"))
		// Reference codes, for ruas numbered in the office's region (other
		// regions' codes are theirs to keep).
		if net.Office.Covers(r.Key.Region) {
			w, okKec := ref.Place(r.KecamatanCode)
			okKec = okKec && w.Level == roads.LevelKecamatan && net.Office.Covers(r.KecamatanCode)
			c.check(okKec, f("kecamatan_code", Consistency, KodeReferensi, "kode kecamatan %q tidak ada di tabel referensi Kemendagri", r.KecamatanCode))
			_, okKel := ref.Place(r.KelurahanCode)
			c.check(okKel && strings.HasPrefix(r.KelurahanCode, r.KecamatanCode+".") && net.Office.Covers(r.KelurahanCode),
				f("kelurahan_code", Consistency, KodeReferensi, "kode kelurahan %q bukan kelurahan di kecamatan %q", r.KelurahanCode, r.KecamatanCode))
		}
		// Consistency: geometry against official length.
		if r.Geometry != nil && r.LengthM > 0 {
			diff := math.Abs(r.GeomLengthM-r.LengthM) / r.LengthM
			c.check(diff <= GeometryTolerance, f("geometry_length", Consistency, StandarData,
				"geometri %.0f m sedangkan panjang resmi %.0f m (selisih %.0f %%)", r.GeomLengthM, r.LengthM, diff*100))
		}
		// Validity: a plausible length for the status.
		if l := r.Length(); l > 0 {
			maxL, ok := MaxLengthM[r.Status]
			if !ok {
				maxL = maxLengthOther
			}
			if l >= MinLengthM && l <= maxL {
				c.check(true, f("length_implausible", Validity, StandarData, ""))
			} else {
				c.check(false, f("length_implausible", Validity, StandarData,
					"panjang %s m tidak wajar untuk ruas jalan %s (wajar %s–%s m); periksa satuan (km/m) dan geometri",
					num(l), statusName(r.Status), num(MinLengthM), num(maxL)))
			}
		}
		// Validity: where the geometry lies.
		if r.Geometry != nil {
			if ok, far, known := place.check(r.Geometry); known {
				if place.boundary != nil {
					c.check(ok, f("geometry_outside", Validity, Interoperabilitas,
						"geometri keluar %s km dari batas wilayah kantor; periksa koordinat (bujur/lintang tertukar, sistem koordinat)", km(far)))
				} else {
					c.check(ok, f("geometry_far", Validity, Interoperabilitas,
						"geometri %s km dari titik tengah jaringan (ruas lain umumnya dalam %s km); periksa koordinat (bujur/lintang tertukar, sistem koordinat)",
						km(far), km(place.spread)))
				}
			}
		}
		// Duplicates: the same name in the same kelurahan under two numbers.
		nameKey := strings.ToLower(r.Key.Region + "|" + r.KelurahanCode + r.Kelurahan + "|" + strings.Join(strings.Fields(r.Name), " "))
		if other, dup := seenName[nameKey]; dup {
			c.check(false, f("duplicate_name", Consistency, StandarData, "nama dan kelurahan sama dengan ruas %s: ganda, atau ruas terpecah tanpa akhiran", other.Key))
		} else {
			seenName[nameKey] = r
			c.check(true, f("duplicate_name", Consistency, StandarData, ""))
		}
		// Surveys: validity, consistency and timeliness.
		surveys := net.Surveys[r.ID]
		latest := roads.LatestSurvey(surveys)
		length := r.Length()
		totalLen[kec] += length
		totalLen[""] += length
		if len(latest) == 0 {
			c.check(false, f("never_surveyed", Timeliness, Metadata, "ruas belum pernah disurvei kondisinya"))
		} else {
			d := latest[0].Date
			recent := asOf.Sub(d) <= RecentDays*24*time.Hour
			c.check(recent, f("survey_stale", Timeliness, Metadata, "survei terakhir %s lebih dari 12 bulan lalu", d.Format("2006-01-02")))
			if recent {
				recentLen[kec] += length
				recentLen[""] += length
			}
			for _, k := range []string{kec, ""} {
				if o, ok := oldest[k]; !ok || d.Before(o) {
					oldest[k] = d
				}
			}
		}
		var lastEnd float64
		var lastDate time.Time
		for _, v := range surveys {
			sf := base
			sf.Dataset, sf.RecordID = "survey", v.ID
			mk := func(check string, d Dimension, p Principle, msg string, args ...any) Finding {
				x := sf
				x.Check, x.Dimension, x.Principle, x.format, x.args = check, d, p, msg, args
				return x
			}
			if future(v.Date) {
				c.check(false, mk("survey_future", Validity, StandarData,
					"survei bertanggal %s, sesudah tanggal laporan %s", v.Date.Format("2006-01-02"), today.Format("2006-01-02")))
			} else {
				c.check(true, mk("survey_future", Validity, StandarData, ""))
			}
			// A year without a day (DateFromYear) is a dated survey: its year
			// is the source's own, which is what the figures by year need.
			c.check(v.DateBasis != roads.DateFromImport, mk("survey_date_unknown", Completeness, Metadata,
				"survei %s tidak bertanggal di sumbernya; tanggal impor dipakai", v.Date.Format("2006-01-02")))
			c.check(v.StaToM <= length+1, mk("sta_beyond_end", Consistency, StandarData,
				"STA %s–%s melewati panjang ruas %.0f m", roads.FormatSTA(v.StaFromM), roads.FormatSTA(v.StaToM), length))
			if v.Distress != nil {
				err := v.Distress.Validate()
				c.check(err == nil, mk("distress_range", Validity, StandarData, "ukuran di luar rentang: %v", err))
			} else {
				var sum float64
				for _, p := range v.Parts {
					sum += p
				}
				c.check(math.Abs(sum-v.LengthM()) <= roads.PartsTolerance, mk("parts_sum", Consistency, StandarData,
					"jumlah panjang per kondisi %.0f m sedangkan panjang yang disurvei %.0f m", sum, v.LengthM()))
			}
			if v.Date.Equal(lastDate) {
				c.check(v.StaFromM >= lastEnd-0.5, mk("survey_overlap", Consistency, StandarData,
					"segmen survei %s bertumpuk di STA %s", v.Date.Format("2006-01-02"), roads.FormatSTA(v.StaFromM)))
			}
			lastDate, lastEnd = v.Date, v.StaToM
		}
		for _, w := range net.Works[r.ID] {
			wf := base
			wf.Dataset, wf.RecordID = "works", w.ID
			if w.SubKegiatan != "" {
				ok := false
				for _, sk := range ref.SubKegiatan {
					if sk.Code == w.SubKegiatan && sk.Version == w.NomenVersion {
						ok = true
					}
				}
				wf.Check, wf.Dimension, wf.Principle = "sub_kegiatan_code", Consistency, KodeReferensi
				wf.format, wf.args = "sub kegiatan %s tidak ada di nomenklatur %s", []any{w.SubKegiatan, w.NomenVersion}
				c.check(ok, wf)
			}
			// Dated checks; the message's arguments are made only on failure.
			if w.Committed {
				ok := !w.Date.Before(tomorrow.AddDate(0, 0, -1))
				wf.Check, wf.Dimension, wf.Principle, wf.format, wf.args = "works_committed_past", Timeliness, Metadata, "", nil
				if !ok {
					wf.format, wf.args = "penanganan terkontrak bertanggal %s sudah lewat: catat sebagai selesai atau perbarui tanggalnya", []any{w.Date.Format("2006-01-02")}
				}
				c.check(ok, wf)
			} else {
				ok := !future(w.Date)
				wf.Check, wf.Dimension, wf.Principle, wf.format, wf.args = "works_future", Validity, StandarData, "", nil
				if !ok {
					wf.format, wf.args = "penanganan selesai bertanggal %s, sesudah tanggal laporan %s; pekerjaan yang belum selesai ditandai terkontrak", []any{w.Date.Format("2006-01-02"), today.Format("2006-01-02")}
				}
				c.check(ok, wf)
			}
			wf.Check, wf.Dimension, wf.Principle = "works_cost", Completeness, StandarData
			wf.format, wf.args = "data penanganan tanpa biaya", nil
			c.check(w.CostRp > 0 || w.Type == roads.Rutin, wf)
		}
		for _, t := range net.Traffic[r.ID] {
			tf := base
			tf.Dataset, tf.RecordID = "traffic", t.ID
			tf.Check, tf.Dimension, tf.Principle = "lhr_range", Validity, StandarData
			tf.format, tf.args = "LHR %g di luar rentang", []any{t.LHR}
			c.check(len(t.Validate()) == 0, tf)
			tf.Check, tf.Dimension, tf.Principle, tf.format, tf.args = "traffic_future", Validity, StandarData, "", nil
			if t.Year > today.Year() {
				tf.format, tf.args = "LHR tahun %d, sesudah tahun laporan %d", []any{t.Year, today.Year()}
			}
			c.check(t.Year <= today.Year(), tf)
		}
	}
	rep := c.r
	rep.Principles = map[Principle]Score{}
	for _, p := range Principles {
		s := Score{}
		if c.principles[p] != nil {
			s = *c.principles[p]
		}
		s.finish()
		rep.Principles[p] = s
	}
	group := func(name string, dims map[Dimension]*Score, lenKey string) Group {
		g := Group{Name: name, Dimensions: map[Dimension]Score{}}
		for d, s := range dims {
			x := *s
			x.finish()
			g.Dimensions[d] = x
		}
		g.SurveyedRecentPct = math.NaN()
		if totalLen[lenKey] > 0 {
			g.SurveyedRecentPct = floorPct(recentLen[lenKey], totalLen[lenKey])
		}
		if o, ok := oldest[lenKey]; ok {
			g.OldestSurvey = o.Format("2006-01-02")
		}
		return g
	}
	for _, name := range sortedKeys(c.datasets) {
		rep.Datasets = append(rep.Datasets, group(name, c.datasets[name], ""))
	}
	for _, name := range sortedKeys(c.kec) {
		rep.Kecamatan = append(rep.Kecamatan, group(name, c.kec[name], name))
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.Kecamatan != b.Kecamatan {
			return a.Kecamatan < b.Kecamatan
		}
		return a.Ruas < b.Ruas
	})
	return rep
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
