package netfile

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// A segment file holds survey units: each row names a ruas (LINKID, NO
// RUAS, KODE RUAS), an STA or km range, optionally a lane, a date or year,
// and IRI, the SDI items (crack area %, crack width mm, potholes in the
// unit, rut depth cm), the source's SDI or PCI, or metres per class. Its
// rows are surveys of ruas already in the register or in the same import,
// cut as the file cuts them; a row whose ruas is in neither is refused.
//
// Lanes: the register keeps one unit per STA range (the condition figures
// sum unit lengths, so two lanes stored side by side would count a road
// twice). Rows of one ruas, date and STA range with different lanes are
// averaged into one unit — each measurement the mean over the lanes that
// give it (length-weighted, which for one range is the plain mean; the
// pothole count too, as a count per lane-unit) — and the derivation steps
// name the lanes, their rows and values. Two rows of one range with the
// same (or no) lane are duplicates; ranges of one ruas and date that
// overlap without being equal are refused (sta_overlap).

// segment is what a segment row refers to.
type segment struct {
	no, region string    // the ruas number as written; region "" = find it by number
	key        roads.Key // resolved in check
	from, to   float64   // m
	lane       string
	column     string // the ruas-number column, for messages
}

// chainage reads an STA: "2+500" (km+m) → 2500 m, "STA 0+050" → 50; a
// plain number is metres, or km when km is set ("KM AWAL", a km unit).
func chainage(v string, comma rune, km bool) (float64, bool, error) {
	s := strings.TrimSpace(v)
	if len(s) >= 3 && strings.EqualFold(s[:3], "sta") {
		s = strings.TrimSpace(s[3:])
	}
	if isEmpty(s) {
		return 0, false, nil
	}
	if k, m, ok := strings.Cut(s, "+"); ok {
		kv, err1 := strconv.Atoi(strings.TrimSpace(k))
		mv, ok2, err2 := parseNumber(m, comma)
		if err1 != nil || err2 != nil || !ok2 || kv < 0 || mv < 0 || mv >= 1000 {
			return 0, false, errNumber
		}
		return float64(kv)*1000 + mv, true, nil
	}
	x, ok, err := parseNumber(s, comma)
	if err != nil || !ok {
		return 0, ok, err
	}
	if km {
		x *= 1000
	}
	return x, true, nil
}

// convertSegment reads a segment row: the ruas it refers to, its range,
// lane and surveys (one per survey year in the header, or one dated).
func (c *converter) convertSegment(rr *rowResult, text func(Field) string, num numFunc) {
	l, t, m := rr.f.l, rr.f.t, c.opt.Mapping
	seg := &segment{no: collapse(text(FNo)), lane: text(FLane)}
	rr.seg = seg
	_, j := l.value(rr.rec, FNo)
	if j >= 0 {
		seg.column = t.Columns[j]
	}
	if seg.no == "" {
		rr.fail(seg.column, "", CatKeyMissing, "baris survei segmen tanpa nomor ruas; isi kolom LINKID / NO RUAS dengan nomor ruas di register")
	}
	switch {
	case c.opt.Region != "":
		seg.region = c.opt.Region
	case m != nil && m.Region != "":
		seg.region = m.Region
	default:
		seg.region = text(FRegion)
	}
	read := func(fs ...Field) (float64, bool) {
		for _, f := range fs {
			v, j := l.value(rr.rec, f)
			if j < 0 || isEmpty(v) {
				continue
			}
			x, ok, err := chainage(v, t.Comma, f == FKmFrom || f == FKmTo || l.unit[j] == "km")
			if err != nil {
				rr.fail(t.Columns[j], v, CatValue, "STA tidak terbaca; tulis km+meter (mis. 2+500) atau meter (2500); kolom KM dalam kilometer")
				return 0, false
			}
			return x, ok
		}
		return 0, false
	}
	from, okFrom := read(FStaFrom, FKmFrom)
	to, okTo := read(FStaTo, FKmTo)
	seg.from, seg.to = from, to
	if len(rr.errs) > 0 {
		return
	}
	if !okFrom || !okTo {
		rr.fail("", "", CatValue, "STA awal dan akhir segmen harus diisi keduanya (mis. 0+000 dan 0+100)")
		return
	}
	if !(to > from) || from < 0 {
		rr.fail("", FormatRange(from, to), CatValue, "STA akhir harus lebih besar dari STA awal, keduanya ≥ 0+000")
		return
	}
	for _, k := range c.conditions(rr, num, text) {
		d, sdi, given := c.measures(rr, k.cs, num)
		if !k.given && !given {
			continue
		}
		date, basis, defaulted, ok := c.setDate(rr, k.year, text)
		if !ok {
			return
		}
		v := &roads.Survey{Date: date, DateBasis: basis, StaFromM: from, StaToM: to,
			Source: roads.Source{File: t.File, Row: rr.rec.Row, At: c.now, User: c.opt.User}}
		if basis == roads.DateFromYear {
			v.Preface = []string{yearStep(date.Year())}
		}
		if k.given && k.scheme != nil {
			if math.Abs(k.sum-(to-from)) > roads.PartsTolerance {
				rr.fail(condColumns(rr, k.cs), fmtNum(k.sum), CatPartsSum, fmt.Sprintf("meter per kondisi%s berjumlah %s m, sedangkan segmen %s panjangnya %s m; samakan keduanya",
					yearWords(k.year), fmtNum(k.sum), FormatRange(from, to), fmtNum(to-from)))
				return
			}
			v.Scheme, v.Parts = k.scheme.Code, k.parts
		} else {
			v.Distress, v.SDIGiven = d, sdi
		}
		rr.surveys = append(rr.surveys, &rowSurvey{v: v, defaulted: defaulted, lane: seg.lane})
	}
	if len(rr.surveys) == 0 && len(rr.errs) == 0 {
		rr.fail("", "", CatMeasureIncomplete, "baris segmen tanpa nilai: isi IRI, SDI, PCI, butir kerusakan (luas retak, lebar retak, lubang, alur) atau meter per kondisi")
	}
}

// FormatRange writes an STA range: "0+000–0+100".
func FormatRange(from, to float64) string { return roads.FormatSTA(from) + "–" + roads.FormatSTA(to) }

func foldKey(k roads.Key) string {
	return strings.ToUpper(k.Region) + "\x00" + strings.ToUpper(collapse(k.No))
}

// segments resolves the ruas of every segment row against the ruas of this
// import and the register (stored: key → length), then finds duplicates,
// overlaps and lanes to average.
func (c *converter) segments() {
	type target struct {
		key    roads.Key
		length float64
		rr     *rowResult // nil when stored
	}
	byKey := map[string]*target{}
	byNo := map[string][]*target{}
	add := func(t *target) {
		fk := foldKey(t.key)
		if _, ok := byKey[fk]; ok {
			return
		}
		byKey[fk] = t
		n := strings.ToUpper(collapse(t.key.No))
		byNo[n] = append(byNo[n], t)
	}
	if !c.hasSegments() {
		return
	}
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if rr.ruas != nil && rr.primary == nil && rr.owner == nil && !rr.failed(CatKeyMissing) {
				add(&target{key: rr.ruas.Key, length: ruasLength(rr.ruas), rr: rr})
			}
		}
	}
	for k, length := range c.stored {
		add(&target{key: k, length: length})
	}
	type unit struct {
		rr *rowResult
		rs *rowSurvey
	}
	groups := map[string][]unit{}
	var order []string
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			seg := rr.seg
			if seg == nil || len(rr.errs) > 0 {
				continue
			}
			var t *target
			if seg.region != "" {
				t = byKey[foldKey(roads.Key{Region: seg.region, No: seg.no})]
			} else if cands := byNo[strings.ToUpper(seg.no)]; len(cands) == 1 {
				t = cands[0]
			} else if len(cands) > 1 {
				var regions []string
				for _, c := range cands {
					regions = append(regions, c.key.Region)
				}
				sort.Strings(regions)
				rr.fail(seg.column, seg.no, CatRuasUnknown, fmt.Sprintf("nomor ruas %s ada di beberapa wilayah (%s); beri --region KODE atau kolom KODE WILAYAH", seg.no, strings.Join(regions, ", ")))
				continue
			}
			if t == nil {
				where := ""
				if seg.region != "" {
					where = " di wilayah " + seg.region
				}
				rr.fail(seg.column, seg.no, CatRuasUnknown, fmt.Sprintf("ruas %s%s tidak ada di register maupun di berkas ruas yang diimpor bersama; impor dulu berkas ruasnya (atau sertakan dalam perintah yang sama), atau periksa nomornya", seg.no, where))
				continue
			}
			if t.rr != nil && len(t.rr.errs) > 0 {
				rr.fail(seg.column, seg.no, CatRuasUnknown, fmt.Sprintf("ruas %s ditolak di %s baris %d (%s); survei segmennya ikut ditolak", seg.no, t.rr.f.t.File, t.rr.rec.Row, t.rr.errs[0].Message))
				continue
			}
			seg.key = t.key
			if t.length > 0 && seg.to > t.length*1.02+20 {
				rr.warn("", FormatRange(seg.from, seg.to), CatSTABeyond, fmt.Sprintf("segmen berakhir di luar panjang ruas %s (%s m); periksa STA atau panjang ruasnya", t.key, fmtNum(t.length)))
			}
			for _, rs := range rr.surveys {
				rs.v.Ruas = t.key
				k := foldKey(t.key) + "\x00" + rs.v.Date.Format("2006-01-02")
				if _, ok := groups[k]; !ok {
					order = append(order, k)
				}
				groups[k] = append(groups[k], unit{rr, rs})
			}
		}
	}
	for _, k := range order {
		us := groups[k]
		sort.SliceStable(us, func(i, j int) bool {
			a, b := us[i].rs.v, us[j].rs.v
			if a.StaFromM != b.StaFromM {
				return a.StaFromM < b.StaFromM
			}
			return a.StaToM < b.StaToM
		})
		var prev *unit // the last unit kept of the previous range
		for i := range us {
			u := &us[i]
			v := u.rs.v
			if prev != nil && v.StaFromM == prev.rs.v.StaFromM && v.StaToM == prev.rs.v.StaToM {
				if u.rs.lane == "" || laneTaken(prev.rs, u.rs.lane) {
					u.rr.fail(u.rr.seg.column, fmt.Sprintf("%s %s", u.rr.seg.no, FormatRange(v.StaFromM, v.StaToM)), CatDuplicate,
						fmt.Sprintf("segmen yang sama (ruas, tanggal %s, STA%s) sudah ada di %s baris %d; hapus salah satu, atau isi kolom LAJUR bila keduanya lajur berbeda",
							v.Date.Format("02/01/2006"), laneWords(u.rs.lane), prev.rr.f.t.File, prev.rr.rec.Row))
					continue
				}
				prev.rs.lanes = append(prev.rs.lanes, u.rr)
				u.rs.merged = true
				continue
			}
			if prev != nil && v.StaFromM < prev.rs.v.StaToM-0.01 {
				u.rr.fail("", FormatRange(v.StaFromM, v.StaToM), CatOverlap, fmt.Sprintf("segmen tumpang-tindih dengan %s baris %d (%s) pada tanggal yang sama; potong segmen tanpa tumpang-tindih",
					prev.rr.f.t.File, prev.rr.rec.Row, FormatRange(prev.rs.v.StaFromM, prev.rs.v.StaToM)))
				continue
			}
			prev = u
		}
	}
}

func laneWords(lane string) string {
	if lane == "" {
		return ""
	}
	return ", lajur " + lane
}

// laneTaken reports whether the unit (or one averaged into it) has lane.
func laneTaken(rs *rowSurvey, lane string) bool {
	if rs.lane == "" || strings.EqualFold(rs.lane, lane) {
		return true
	}
	for _, o := range rs.lanes {
		for _, s := range o.surveys {
			if s.v.Date.Equal(rs.v.Date) && s.v.StaFromM == rs.v.StaFromM && strings.EqualFold(s.lane, lane) {
				return true
			}
		}
	}
	return false
}

// averageLanes averages the lanes of every unit that has several into it
// (rows refused since are left out), with the steps saying so.
func (c *converter) averageLanes() {
	for _, fs := range c.files {
		for _, rr := range fs.rows {
			if rr.seg == nil || len(rr.errs) > 0 {
				continue
			}
			for _, rs := range rr.surveys {
				if len(rs.lanes) == 0 {
					continue
				}
				members := []*rowSurvey{rs}
				rows := []string{strconv.Itoa(rr.rec.Row)}
				lanes := []string{rs.lane}
				for _, o := range rs.lanes {
					if len(o.errs) > 0 {
						continue
					}
					for _, s := range o.surveys {
						if s.merged && s.v.Date.Equal(rs.v.Date) && s.v.StaFromM == rs.v.StaFromM && s.v.StaToM == rs.v.StaToM {
							members = append(members, s)
							rows = append(rows, strconv.Itoa(o.rec.Row))
							lanes = append(lanes, s.lane)
						}
					}
				}
				if len(members) < 2 {
					continue
				}
				steps := averageInto(rs.v, members)
				rs.v.Preface = append([]string{fmt.Sprintf("lanes %s (rows %s) averaged into one unit over the same STA range (length-weighted = plain mean): %s",
					strings.Join(lanes, ", "), strings.Join(rows, ", "), strings.Join(steps, "; "))}, rs.v.Preface...)
				fs.aggregate(rr.rec.Row, "", "", CatLanesAveraged, "beberapa lajur pada STA yang sama dirata-rata menjadi satu unit survei (register menyimpan satu unit per STA); nilai tiap lajur tertulis di langkah penurunannya")
			}
		}
	}
}

// averageInto sets v's measurements to the mean over the members (v is
// the first) and returns the steps: "IRI 3.2, 4.1 → 3.65".
func averageInto(v *roads.Survey, members []*rowSurvey) []string {
	var steps []string
	mean := func(name string, get func(*roads.Survey) *float64) *float64 {
		var xs []string
		var sum float64
		n := 0
		for _, m := range members {
			if p := get(m.v); p != nil {
				sum += *p
				n++
				xs = append(xs, strconv.FormatFloat(*p, 'g', -1, 64))
			} else {
				xs = append(xs, "–")
			}
		}
		if n == 0 {
			return nil
		}
		x := sum / float64(n)
		steps = append(steps, fmt.Sprintf("%s %s → %s", name, strings.Join(xs, ", "), strconv.FormatFloat(x, 'g', 6, 64)))
		return &x
	}
	if v.Scheme != "" {
		for i := range v.Parts {
			var sum float64
			for _, m := range members {
				sum += m.v.Parts[i]
			}
			v.Parts[i] = sum / float64(len(members))
		}
		steps = append(steps, "metres per class averaged")
		return steps
	}
	dist := func(s *roads.Survey) *roads.Distress {
		if s.Distress == nil {
			return &roads.Distress{}
		}
		return s.Distress
	}
	d := &roads.Distress{
		IRI:          mean("IRI", func(s *roads.Survey) *float64 { return dist(s).IRI }),
		CrackAreaPct: mean("crack area %", func(s *roads.Survey) *float64 { return dist(s).CrackAreaPct }),
		CrackWidthMM: mean("crack width mm", func(s *roads.Survey) *float64 { return dist(s).CrackWidthMM }),
		Potholes:     mean("potholes", func(s *roads.Survey) *float64 { return dist(s).Potholes }),
		RutCM:        mean("rut cm", func(s *roads.Survey) *float64 { return dist(s).RutCM }),
		PCI:          mean("PCI", func(s *roads.Survey) *float64 { return dist(s).PCI }),
	}
	v.Distress = d
	v.SDIGiven = nil
	if !d.HasVisual() {
		v.SDIGiven = mean("SDI (source)", func(s *roads.Survey) *float64 { return s.SDIGiven })
	}
	return steps
}

// ruasLength is a ruas's length for STA checks: official, else drawn.
func ruasLength(r *roads.Ruas) float64 {
	if r.LengthM > 0 {
		return r.LengthM
	}
	return roads.GeodesicLength(r.Geometry)
}
