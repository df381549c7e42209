package web

import (
	"encoding/json"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"

	"github.com/kotablitar/ruas/roads"
)

// maxMapFeatures bounds one map response; past it the reader is asked to
// zoom in (a whole national network does not fit one screen anyway).
const maxMapFeatures = 5000

// mapQuery is a parsed /api/v1/map request.
type mapQuery struct {
	bound     orb.Bound
	zoom      int
	kecamatan string
	surface   roads.Surface
	kondisi   map[roads.Kondisi]bool // nil = all; "" = no data
	only      map[string]bool        // ruas keys to keep (nil = all): the adopted programme's
}

func parseMapQuery(c *gin.Context, l Locale) (mapQuery, error) {
	p := &fieldProblems{l: l}
	var q mapQuery
	raw := c.Query("bbox")
	parts := strings.Split(raw, ",")
	var v [4]float64
	ok := len(parts) == 4
	for i := 0; ok && i < 4; i++ {
		x, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			ok = false
		}
		v[i] = x
	}
	if !ok {
		p.add("bbox", raw, "err.bbox")
	} else if v[0] > v[2] || v[1] > v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 {
		p.add("bbox", raw, "err.bbox_order")
	}
	q.bound = orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}
	q.zoom = 14
	if z := c.Query("zoom"); z != "" {
		n, err := strconv.Atoi(z)
		if err != nil || n < 0 {
			p.add("zoom", z, "err.zoom")
		}
		// Deeper than maxZoom draws the same lines (a pixel is already
		// under a centimetre): answer at maxZoom rather than refuse, so a
		// client that zooms past it still gets its map.
		q.zoom = min(n, maxZoom)
	}
	parseMapFilters(c, p, &q)
	return q, p.err()
}

// parseMapFilters reads the map's filters (kecamatan, surface, kondisi),
// shared by the GeoJSON map and the vector tiles.
func parseMapFilters(c *gin.Context, p *fieldProblems, q *mapQuery) {
	q.kecamatan = c.Query("kecamatan")
	if sf := c.Query("surface"); sf != "" {
		s, err := roads.ParseSurfaceCode(sf)
		if err != nil {
			p.add("surface", sf, "fe.surface")
		}
		q.surface = s
	}
	if ks := c.Query("kondisi"); ks != "" {
		q.kondisi = map[roads.Kondisi]bool{}
		for _, k := range strings.Split(ks, ",") {
			if k == "none" {
				q.kondisi[""] = true
				continue
			}
			kk, err := roads.ParseKondisi(k)
			if err != nil {
				p.add("kondisi", k, "err.kondisi")
			}
			q.kondisi[kk] = true
		}
	}
}

// pixelDegrees is the width of one screen pixel in degrees of longitude at
// a web-map zoom level (256-pixel tiles): the simplification tolerance.
func pixelDegrees(zoom int) float64 { return 360 / (256 * math.Exp2(float64(zoom))) }

// mapAPI returns the ruas inside a bounding box as GeoJSON, coloured by
// their latest condition, with geometry simplified to the zoom's pixel size
// (Douglas–Peucker) and links smaller than a pixel left out. The box is
// answered by the register's bbox index (sqlitestore.Store.RuasIDsInBound); the
// rows, their latest condition and their encoded properties come from the
// snapshot, which is rebuilt whenever the register changes.
func (s *Server) mapAPI(c *gin.Context) error { return s.mapFrom(c, s.snaps) }

// mapFrom answers a map request from a snapshot set (the public map reads
// the verified records only; a ruas not in the snapshot is left out).
func (s *Server) mapFrom(c *gin.Context, snaps *snapshots) error {
	l := localeOf(c)
	q, err := parseMapQuery(c, l)
	if err != nil {
		return err
	}
	snap, err := snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	if c.Query("programme") == "1" {
		if q.only, err = s.programmeKeys(c, snap); err != nil {
			return err
		}
	}
	ids, err := s.store.RuasIDsInBound(c.Request.Context(), roads.RuasFilter{Bound: &q.bound}, snap.spanDeg)
	if err != nil {
		return err
	}
	tol := pixelDegrees(q.zoom)
	list := make([]*mapEntry, 0, len(ids))
	hidden := 0
	for _, id := range ids {
		e := snap.entries[id]
		if e == nil || e.r.Geometry == nil || !q.keeps(e.r, e.lc.Kondisi) {
			continue // e is nil for a ruas stored after the snapshot was read
		}
		b := e.bound
		if b.Right()-b.Left() < tol && b.Top()-b.Bottom() < tol {
			hidden++
			continue
		}
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].pos < list[j].pos })
	truncated := len(list) > maxMapFeatures
	if truncated {
		list = list[:maxMapFeatures]
	}
	size := 128
	for _, e := range list {
		size += 64 + len(e.geometry(q.zoom)) + len(e.properties(l, e.lc))
	}
	bp := mapBuffers.Get().(*[]byte)
	defer mapBuffers.Put(bp)
	buf := (*bp)[:0]
	if cap(buf) < size {
		buf = make([]byte, 0, size)
	}
	buf = append(buf, `{"type":"FeatureCollection","features":[`...)
	for i, e := range list {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"type":"Feature","id":`...)
		buf = strconv.AppendInt(buf, e.r.ID, 10)
		buf = append(buf, `,"geometry":`...)
		buf = append(buf, e.geometry(q.zoom)...)
		buf = append(buf, `,"properties":`...)
		buf = append(buf, e.properties(l, e.lc)...)
		buf = append(buf, '}')
	}
	buf = append(buf, `],"count":`...)
	buf = strconv.AppendInt(buf, int64(len(list)), 10)
	buf = append(buf, `,"hidden_subpixel":`...)
	buf = strconv.AppendInt(buf, int64(hidden), 10)
	buf = append(buf, `,"truncated":`...)
	buf = strconv.AppendBool(buf, truncated)
	buf = append(buf, '}')
	c.Data(http.StatusOK, "application/geo+json", buf)
	*bp = buf
	return nil
}

// mapBuffers recycles response buffers: a screenful of links is tens of
// kilobytes, and allocating it per request drives the collector over the
// large live heap of a national network.
var mapBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// keeps applies the map's filters to a ruas.
func (q mapQuery) keeps(r *roads.Ruas, k roads.Kondisi) bool {
	if q.kecamatan != "" && r.KecamatanCode != q.kecamatan && !strings.EqualFold(r.Kecamatan, q.kecamatan) {
		return false
	}
	if q.surface != "" && r.Surface != q.surface {
		return false
	}
	if q.only != nil && !q.only[r.Key.String()] {
		return false
	}
	return q.kondisi == nil || q.kondisi[k]
}

// geometry returns the feature's geometry simplified to one pixel at the
// zoom level, encoding it on first use.
func (e *mapEntry) geometry(zoom int) []byte {
	slot := &e.geom[zoom]
	if p := slot.Load(); p != nil {
		return *p
	}
	g := simplify.DouglasPeucker(pixelDegrees(zoom)).Simplify(orb.Clone(e.r.Geometry))
	b := appendGeometry(nil, g)
	slot.Store(&b)
	return b
}

// properties returns the feature's GeoJSON properties in the reader's
// language, encoding them on first use. Class and surface go as codes; the
// page names and colours them (labels from the catalogue, colours from
// kondisiColors), which keeps a screenful of links small.
func (e *mapEntry) properties(l Locale, lc latestCondition) []byte {
	slot := &e.props[0]
	if l.Lang == EN {
		slot = &e.props[1]
	}
	if p := slot.Load(); p != nil {
		return *p
	}
	r := e.r
	buf := make([]byte, 0, 320)
	buf = append(buf, `{"key":`...)
	buf = appendString(buf, r.Key.String())
	buf = append(buf, `,"name":`...)
	buf = appendString(buf, r.Name)
	buf = append(buf, `,"kecamatan":`...)
	buf = appendString(buf, r.Kecamatan)
	buf = append(buf, `,"surface":`...)
	buf = appendString(buf, string(r.Surface))
	buf = append(buf, `,"kondisi":`...)
	buf = appendString(buf, string(lc.Kondisi))
	buf = append(buf, `,"length":`...)
	buf = appendString(buf, l.Km(r.Length()))
	buf = append(buf, `,"survey_date":`...)
	buf = appendString(buf, l.Date(lc.Date))
	buf = append(buf, `,"sdi":`...)
	buf = appendNum(buf, lc.SDI)
	buf = append(buf, `,"iri":`...)
	buf = appendNum(buf, lc.IRI)
	buf = append(buf, `,"synthetic":`...)
	buf = strconv.AppendBool(buf, synthetic(r))
	buf = append(buf, '}')
	slot.Store(&buf)
	return buf
}

// appendGeometry writes a LineString or MultiLineString as GeoJSON with
// coordinates rounded to 6 decimals (≈ 0.1 m).
func appendGeometry(buf []byte, g orb.Geometry) []byte {
	line := func(buf []byte, ls orb.LineString) []byte {
		buf = append(buf, '[')
		for i, p := range ls {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = strconv.AppendFloat(buf, p[0], 'f', 6, 64)
			buf = append(buf, ',')
			buf = strconv.AppendFloat(buf, p[1], 'f', 6, 64)
			buf = append(buf, ']')
		}
		return append(buf, ']')
	}
	switch g := g.(type) {
	case orb.LineString:
		buf = append(buf, `{"type":"LineString","coordinates":`...)
		buf = line(buf, g)
	case orb.MultiLineString:
		buf = append(buf, `{"type":"MultiLineString","coordinates":[`...)
		for i, ls := range g {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = line(buf, ls)
		}
		buf = append(buf, ']')
	default:
		b, _ := json.Marshal(g)
		return append(buf, b...)
	}
	return append(buf, '}')
}

func appendString(buf []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(buf, b...)
}

func appendNum(buf []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(buf, "null"...)
	}
	return strconv.AppendFloat(buf, v, 'f', 1, 64)
}

// mapPage is the map: filters, legend, and where to start.
type mapPage struct {
	Base
	Options choices
	Tiles   string
	// Bound is [minLon, minLat, maxLon, maxLat] of the network, or the city
	// centre's neighbourhood when the register has no geometry.
	Bound     [4]float64
	Synthetic bool
	// API is the map endpoint the page reads; Link starts each ruas's
	// page link ("" = no link, on the public map).
	API, Link string
	// Public: the page shows verified records only, and says so.
	Public bool
	Org    string // the office that produces the data
	AsOf   time.Time
	// MaxZoom is the deepest zoom the map lets the reader reach.
	MaxZoom int
	// Query is added to every map request (e.g. programme=1).
	Query string
}

func (s *Server) mapShow(c *gin.Context) error {
	return s.mapPageFrom(c, s.snaps, mapPage{Base: s.base(c, localeOf(c), "map"), API: "/api/v1/map", Link: "/ruas/"})
}

// mapPageFrom renders the map page p over a snapshot set.
func (s *Server) mapPageFrom(c *gin.Context, snaps *snapshots, p mapPage) error {
	l := localeOf(c)
	snap, err := snaps.current(c.Request.Context())
	if err != nil {
		return err
	}
	p = s.mapSettings(l, s.officeOf(c.Request.Context()), snap, p)
	p.Title = l.T("map.title")
	p.Scripts = []string{"/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet-vectorgrid/Leaflet.VectorGrid.bundled.min.js", "/static/map.js", "/static/outlines.js"}
	s.render(c, http.StatusOK, "map", p)
	return nil
}

// mapSettings fills what every map needs from a snapshot: filter choices,
// basemap, the network's bounds to frame, the deepest zoom.
func (s *Server) mapSettings(l Locale, office roads.Office, snap *snapshot, p mapPage) mapPage {
	p.Options, p.Tiles, p.Synthetic = choicesFor(l, office), s.tiles, snap.summary.Synthetic > 0
	// The office's boundary frames the map when it has one, so one stray
	// ruas (a slip of digit) cannot zoom every map out to another island;
	// else the roads drawn, else all of Indonesia.
	var b orb.Bound
	switch {
	case office.Boundary != nil:
		b = office.Boundary.Bound()
	case snap.hasGeom:
		b = snap.bound
	default:
		b = orb.Bound{Min: orb.Point{95.0, -11.0}, Max: orb.Point{141.0, 6.0}}
	}
	p.Bound = [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
	p.MaxZoom = maxZoom
	return p
}
