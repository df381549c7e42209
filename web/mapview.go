package web

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"

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
		if err != nil || n < 0 || n > 22 {
			p.add("zoom", z, "err.zoom")
		}
		q.zoom = n
	}
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
	return q, p.err()
}

// pixelDegrees is the width of one screen pixel in degrees of longitude at
// a web-map zoom level (256-pixel tiles): the simplification tolerance.
func pixelDegrees(zoom int) float64 { return 360 / (256 * math.Exp2(float64(zoom))) }

// mapAPI returns the ruas inside a bounding box as GeoJSON, coloured by
// their latest condition, with geometry simplified to the zoom's pixel size
// (Douglas–Peucker) and links smaller than a pixel left out.
func (s *Server) mapAPI(c *gin.Context) error {
	l := localeOf(c)
	q, err := parseMapQuery(c, l)
	if err != nil {
		return err
	}
	snap, err := s.snaps.current(c)
	if err != nil {
		return err
	}
	list, err := s.store.ListRuas(c, roads.RuasFilter{Bound: &q.bound, Kecamatan: q.kecamatan, Surface: q.surface, Limit: maxMapFeatures + 1})
	if err != nil {
		return err
	}
	truncated := len(list) > maxMapFeatures
	if truncated {
		list = list[:maxMapFeatures]
	}
	tol := pixelDegrees(q.zoom)
	dp := simplify.DouglasPeucker(tol)
	buf := make([]byte, 0, 64*1024)
	buf = append(buf, `{"type":"FeatureCollection","features":[`...)
	n, hidden := 0, 0
	for _, r := range list {
		if r.Geometry == nil {
			continue
		}
		lc := snap.latest[r.ID]
		if q.kondisi != nil && !q.kondisi[lc.Kondisi] {
			continue
		}
		b := r.Geometry.Bound()
		if b.Right()-b.Left() < tol && b.Top()-b.Bottom() < tol {
			hidden++
			continue
		}
		g := dp.Simplify(r.Geometry)
		if n > 0 {
			buf = append(buf, ',')
		}
		n++
		buf = append(buf, `{"type":"Feature","id":`...)
		buf = strconv.AppendInt(buf, r.ID, 10)
		buf = append(buf, `,"geometry":`...)
		buf = appendGeometry(buf, g)
		buf = append(buf, `,"properties":{"key":`...)
		buf = appendString(buf, r.Key.String())
		buf = append(buf, `,"name":`...)
		buf = appendString(buf, r.Name)
		buf = append(buf, `,"kecamatan":`...)
		buf = appendString(buf, r.Kecamatan)
		buf = append(buf, `,"surface":`...)
		buf = appendString(buf, string(r.Surface))
		buf = append(buf, `,"surface_label":`...)
		buf = appendString(buf, l.Surface(r.Surface))
		buf = append(buf, `,"kondisi":`...)
		buf = appendString(buf, string(lc.Kondisi))
		buf = append(buf, `,"kondisi_label":`...)
		buf = appendString(buf, l.Kondisi(lc.Kondisi))
		buf = append(buf, `,"color":"`...)
		buf = append(buf, kondisiColors[lc.Kondisi]...)
		buf = append(buf, `","length":`...)
		buf = appendString(buf, l.Km(r.Length()))
		buf = append(buf, `,"survey_date":`...)
		buf = appendString(buf, l.Date(lc.Date))
		buf = append(buf, `,"sdi":`...)
		buf = appendNum(buf, lc.SDI)
		buf = append(buf, `,"iri":`...)
		buf = appendNum(buf, lc.IRI)
		buf = append(buf, `,"synthetic":`...)
		buf = strconv.AppendBool(buf, synthetic(r))
		buf = append(buf, `}}`...)
	}
	buf = append(buf, `],"count":`...)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, `,"hidden_subpixel":`...)
	buf = strconv.AppendInt(buf, int64(hidden), 10)
	buf = append(buf, `,"truncated":`...)
	buf = strconv.AppendBool(buf, truncated)
	buf = append(buf, '}')
	c.Data(http.StatusOK, "application/geo+json", buf)
	return nil
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
}

func (s *Server) mapShow(c *gin.Context) error {
	l := localeOf(c)
	snap, err := s.snaps.current(c)
	if err != nil {
		return err
	}
	p := mapPage{Base: s.base(c, l, "map"), Options: choicesFor(l), Tiles: s.tiles, Synthetic: snap.summary.Synthetic > 0}
	p.Title = l.T("map.title")
	// Kota Blitar's centre (DOMAIN.md §7) when there is nothing to frame.
	p.Bound = [4]float64{112.13, -8.13, 112.20, -8.07}
	if snap.hasGeom {
		b := snap.bound
		p.Bound = [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
	}
	p.Scripts = []string{"/static/vendor/leaflet/leaflet.js", "/static/map.js"}
	s.render(c, http.StatusOK, "map", p)
	return nil
}
