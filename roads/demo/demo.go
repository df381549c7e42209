// Package demo builds the synthetic Kota Blitar road network that the
// `ruas demo` command and `ruas serve --demo` load: a few hundred ruas
// inside the city's real kecamatan outlines, with six years of condition
// surveys, works history and traffic counts generated from a hidden
// deterioration process, so that every screen and every planning method
// has realistic data to show. Its calendar follows the day it is made (see
// Calendar), so the demo is never stale nor dated in the future: the same
// seed on the same day gives the same records.
//
// Everything it makes is labelled synthetic: every ruas's Notes start with
// "DATA SINTETIS (demo)" and every record's Source.File is "demo:synthetic".
// The street names are real Blitar names on invented geometry.
//
// The hidden process (what a calibration should recover; rates per year):
//   - aspal: IRI(t+1) = IRI(t)·(1+m) with m = 0.03–0.05, plus 0.04 × the
//     traffic factor, plus 0.0015 per year of structural age, times 0.85–1.15
//     per 100 m unit; cracking starts 5–10 years after surfacing (less on busy
//     roads) and grows, potholes follow cracking above 15 % of the area,
//     rutting grows 0.05–0.22 cm a year;
//   - lapen: as aspal with m = 0.06–0.08 plus 0.05 × the traffic factor,
//     cracking after 3–5 years;
//   - beton: m = 0.010–0.015 plus 0.01 × the traffic factor, cracking after
//     12–20 years, no potholes or rutting;
//   - paving: m = 0.02–0.03 plus 0.02 × the traffic factor, depressions
//     (recorded as rut) 0.05–0.07 cm a year, missing blocks after 8 years;
//   - kerikil and tanah (unpaved): IRI grows linearly, 1.2–2.0 and 1.8–2.8
//     m/km a year, capped at 25; only IRI is surveyed.
//
// The traffic factor is (log10 LHR − 2.3)/2: 0 for 200 vehicles a day, 1
// for 20,000. Paved IRI is capped at 16. Works reset the units they cover:
// berkala and rehabilitasi (aspal and lapen only) to IRI 3.0–3.5 (lapen
// 3.2–3.5) with distress cleared; rekonstruksi to 2.0–2.5 (lapen and beton
// 2.5–3.0, paving 3.5–4.0) with structural age 0; rutin, a yearly record
// on every arteri and kolektor and about 30 % of the others, patches
// potholes (and regrades unpaved roads). Surveys carry measurement noise:
// IRI × e^N(0, 0.05), crack area × e^N(0, 0.1).
//
// Works are chosen each year from that year's survey as an office with a
// fixed budget would: 2–4 rekonstruksi (a third or more of the ruas rusak
// berat) and 8–12 berkala or rehabilitasi (a quarter or more rusak, or mean
// IRI 7 or more), worst first with about one pick in four for other
// reasons, no ruas treated twice within three years. The history's works
// end with LastYear−1, so every one is followed by a survey; the year after
// LastYear holds a few committed (contracted, not yet done) works. Routine
// care is recorded at each year's end; the last year's is committed while
// that day is still ahead.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/locale"
)

// City is the demo city's name: every text that names the demo reads it
// (and Region, below, its code), so no other package spells it.
const City = "Kota Blitar"

// DefaultSeed is the seed of the demo everyone sees (Kota Blitar's code).
const DefaultSeed int64 = 3572

// Labels of synthetic data.
const (
	// SourceFile is the Source.File of every demo record.
	SourceFile = roads.SyntheticSource
	// NotesPrefix starts the Notes of every demo ruas.
	NotesPrefix = roads.SyntheticNotes + " (demo)"
	// Region is the Kemendagri code the demo ruas are numbered in.
	Region = "35.72"
)

// HistoryYears is how many yearly surveys the history holds.
const HistoryYears = 6

// Calendar is the demo's years, set by the day the demo is made: one
// survey of every ruas each year, mid-year (by SeasonEnd), for
// HistoryYears years ending with LastYear, the latest season over by Today.
type Calendar struct {
	Today     time.Time // the day the demo is made, 00:00 WIB
	FirstYear int       // first survey year
	LastYear  int       // last survey year: this year once its season is over, else last year
	// CommittedYear (LastYear+1) holds works contracted but not yet done.
	CommittedYear int
}

// SeasonEnd is the last day of a year's survey season; every demo survey
// of the year is dated on or before it.
func SeasonEnd(year int) time.Time { return time.Date(year, time.July, 31, 0, 0, 0, 0, time.UTC) }

// CalendarOf is the calendar of a demo made at now() (nil: time.Now), read
// as a day in WIB.
func CalendarOf(now func() time.Time) Calendar {
	if now == nil {
		now = time.Now
	}
	t := now().In(locale.WIB)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, locale.WIB)
	c := Calendar{Today: today, LastYear: today.Year()}
	// Survey dates are calendar days (UTC midnight): compare as such.
	if time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Before(SeasonEnd(today.Year())) {
		c.LastYear--
	}
	c.FirstYear = c.LastYear - HistoryYears + 1
	c.CommittedYear = c.LastYear + 1
	return c
}

// ahead reports whether a calendar day (UTC midnight, as records are
// dated) is after the demo's today.
func (c Calendar) ahead(day time.Time) bool {
	return day.After(time.Date(c.Today.Year(), c.Today.Month(), c.Today.Day(), 0, 0, 0, 0, time.UTC))
}

// Network builds the demo network for a seed as made at now() (nil:
// time.Now in WIB): the same seed on the same day gives the same records,
// value for value. Records are not yet prepared (validated and derived);
// Fill does that.
func Network(seed int64, now func() time.Time) *roads.Batch {
	a, err := cityArea()
	if err != nil {
		// The outline is embedded at build time; a broken one is a build defect.
		panic("demo: " + err.Error())
	}
	links := layout(a, rand.New(rand.NewPCG(uint64(seed), 1)))
	b := &roads.Batch{}
	h := newHistory(rand.New(rand.NewPCG(uint64(seed), 2)), CalendarOf(now))
	names := newNamer()
	src := roads.Source{File: SourceFile}
	for i, l := range links {
		r := h.ruas(l, i, seed, names)
		r.Source = src
		b.Ruas = append(b.Ruas, r)
	}
	h.run(b)
	for _, v := range b.Surveys {
		v.Source = src
	}
	for _, w := range b.Works {
		w.Source = src
	}
	for _, t := range b.Traffic {
		t.Source = src
	}
	return b
}

// Register is what Fill and SetOffice need of a road register: one
// transaction that upserts a batch, and the office with its outlines.
type Register interface {
	Apply(ctx context.Context, b *roads.Batch, progress func(done, total int)) (roads.ApplyStats, error)
	Office(ctx context.Context) (roads.Office, error)
	SetOffice(ctx context.Context, o roads.Office, by string, at time.Time) error
	SetOutlines(ctx context.Context, outlines []roads.Outline, by string) error
}

// Fill writes the demo network of seed, as made at now() (nil: time.Now),
// into the store in one transaction.
// Records are upserted by key, so filling the same seed twice changes
// nothing; ruas of the store that share a demo key are overwritten, which is
// why the CLI refuses a register that holds other data.
func Fill(ctx context.Context, s Register, seed int64, now func() time.Time) (roads.ApplyStats, error) {
	b := Network(seed, now)
	problems, err := b.Prepare()
	if err != nil {
		return roads.ApplyStats{}, err
	}
	if len(problems) > 0 {
		keys := make([]string, 0, len(problems))
		for k := range problems {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return roads.ApplyStats{}, fmt.Errorf("%w: demo network of seed %d has %d invalid records, first %s: %v (a defect of the generator)",
			roads.ErrInvalid, seed, len(problems), keys[0], problems[keys[0]])
	}
	st, err := s.Apply(ctx, b, nil)
	if err != nil {
		return st, err
	}
	return st, SetOffice(ctx, s)
}

// Office is the demo network's office: Dinas PUPR Kota Blitar, which
// maintains the city's kota roads.
func Office() roads.Office {
	o, errs := roads.NewOffice(roads.OfficeInput{Region: Region})
	if len(errs) > 0 {
		panic(fmt.Sprintf("demo office: %v", errs)) // the region table lost Kota Blitar: a build defect
	}
	return o
}

// SetOffice makes the demo's office the register's when it has none (or
// only the one migration 006 assumed); an office someone set is kept, so
// `ruas demo --force` into a real register does not rename its owner.
// Filling twice writes nothing twice.
func SetOffice(ctx context.Context, s Register) error {
	cur, err := s.Office(ctx)
	if err != nil && !errors.Is(err, roads.ErrNotFound) {
		return err
	}
	if cur.IsSet() && !cur.Assumed {
		return nil
	}
	if err := s.SetOffice(ctx, Office(), "demo", time.Now()); err != nil {
		return err
	}
	outs, err := Outlines()
	if err != nil {
		return err
	}
	return s.SetOutlines(ctx, outs, "demo")
}

// Outlines are the demo's kecamatan outlines, the coarse derivative in
// data/demo/kecamatan.geojson (see the README's data sources), stored as
// the demo office's own outlines: the maps and the planning document draw
// them as they draw any office's.
func Outlines() ([]roads.Outline, error) {
	b, err := data.Demo.ReadFile(areaFile)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", areaFile, err)
	}
	var out []roads.Outline
	for _, f := range fc.Features {
		if _, ok := f.Geometry.(orb.Polygon); !ok {
			continue // kelurahan seed points, not outlines
		}
		code := f.Properties.MustString("kode", "")
		w, ok := roads.Ref().Place(code)
		if !ok {
			return nil, fmt.Errorf("%s: kecamatan code %q is not in the region table", areaFile, code)
		}
		out = append(out, roads.Outline{Code: w.Code, Name: w.Name, Level: w.Level, Geometry: f.Geometry, Source: areaFile + " (DATA SINTETIS, batas kasar)"})
	}
	return out, nil
}

// widthRange is the carriageway width (m) by function, city practice.
var widthRange = map[roads.Fungsi][2]float64{
	roads.Arteri:     {10, 14},
	roads.Kolektor:   {7, 9},
	roads.Lokal:      {5, 6.5},
	roads.Lingkungan: {3, 4.5},
}

// surfaceMix is the share of each surface by function.
var surfaceMix = map[roads.Fungsi][]struct {
	s     roads.Surface
	share float64
}{
	roads.Arteri:     {{roads.Aspal, 0.9}, {roads.Beton, 0.1}},
	roads.Kolektor:   {{roads.Aspal, 0.85}, {roads.Beton, 0.15}},
	roads.Lokal:      {{roads.Aspal, 0.72}, {roads.Beton, 0.1}, {roads.Lapen, 0.1}, {roads.Paving, 0.05}, {roads.Kerikil, 0.03}},
	roads.Lingkungan: {{roads.Aspal, 0.5}, {roads.Paving, 0.18}, {roads.Beton, 0.12}, {roads.Lapen, 0.1}, {roads.Kerikil, 0.06}, {roads.Tanah, 0.04}},
}

func pickSurface(f roads.Fungsi, rng *rand.Rand) roads.Surface {
	u := rng.Float64()
	mix := surfaceMix[f]
	for _, m := range mix {
		if u < m.share {
			return m.s
		}
		u -= m.share
	}
	return mix[0].s
}

// ruas makes the register record of link l, the i-th of the network.
func (h *history) ruas(l *link, i int, seed int64, names *namer) *roads.Ruas {
	rng := h.rng
	f := l.Fungsi
	s := pickSurface(f, rng)
	wr := widthRange[f]
	width := math.Round((wr[0]+rng.Float64()*(wr[1]-wr[0]))*2) / 2
	line := make(orb.LineString, len(l.Line))
	for k, p := range l.Line {
		line[k] = toLonLat(p)
	}
	geomLen := roads.GeodesicLength(line)
	// The official (SK) length differs from the drawn one by measuring
	// method and rounding: within ±2 %, to the metre.
	official := math.Round(geomLen * (1 + (rng.Float64()*2-1)*0.02))
	gang := f == roads.Lingkungan && rng.Float64() < 0.35
	r := &roads.Ruas{
		Key:           roads.Key{Region: Region, No: fmt.Sprintf("%03d", i+1)},
		Name:          names.name(f == roads.Arteri || f == roads.Kolektor, f == roads.Lokal, gang),
		Status:        roads.Kota,
		Fungsi:        f,
		Surface:       s,
		SurfaceText:   roads.Ref().Surface(s).Name,
		WidthM:        width,
		LengthM:       official,
		Geometry:      line,
		Kabupaten:     "Kota Blitar",
		KecamatanCode: l.Kec.Code,
		Kecamatan:     l.Kec.Name,
		KelurahanCode: l.Kel.Code,
		Kelurahan:     l.Kel.Name,
		Notes: fmt.Sprintf("%s — jaringan jalan buatan untuk mencoba aplikasi, bukan data resmi Pemerintah Kota Blitar (seed %d).",
			NotesPrefix, seed),
	}
	h.addLink(r, l)
	return r
}

// IsDemo reports whether a ruas is synthetic (roads.IsSynthetic): the
// marks this package puts on every record.
func IsDemo(r *roads.Ruas) bool { return roads.IsSynthetic(r) }
