// Package track reads a GPS track for one ruas — a GPX file (trk/trkseg/
// trkpt) or GeoJSON (LineString, MultiLineString, or a Feature or
// FeatureCollection of them) — and thins it to a centre line: bounded in
// bytes and points, simplified by Douglas–Peucker with a tolerance in metres.
package track

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Limits of one upload.
const (
	MaxBytes  = 5 << 20 // 5 MiB of file
	MaxPoints = 100_000 // track points over all segments
	// ToleranceM is the default simplification: a point closer than this
	// many metres to the line through its neighbours is dropped.
	ToleranceM = 2.0
)

// Error is a problem with a track file. Code names it for the message
// catalogue ("track.<code>"); Args fill the message.
type Error struct {
	Code string
	Args []any
}

func (e *Error) Error() string { return fmt.Sprintf("track: %s %v", e.Code, e.Args) }

func fail(code string, args ...any) error { return &Error{Code: code, Args: args} }

// Codes of Error.
const (
	ErrEmpty    = "empty"     // no bytes
	ErrTooBig   = "too_big"   // over MaxBytes; Args: limit in bytes
	ErrFormat   = "format"    // neither GPX nor GeoJSON
	ErrSyntax   = "syntax"    // broken XML or JSON; Args: the parser's words
	ErrNoPoints = "no_points" // no line with two points
	ErrTooMany  = "too_many"  // over MaxPoints; Args: limit
	ErrCoord    = "coord"     // a point that is not lon/lat; Args: point number, lat, lon
	ErrGeomType = "geom_type" // GeoJSON of another type; Args: the type
)

// Read reads a whole track file from r (at most MaxBytes) and returns its
// lines, each with at least two points, in WGS84 (lon, lat).
func Read(r io.Reader) (orb.MultiLineString, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxBytes {
		return nil, fail(ErrTooBig, MaxBytes)
	}
	return Parse(b)
}

// Parse reads a track from the bytes of a GPX or GeoJSON file.
func Parse(b []byte) (orb.MultiLineString, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	if len(t) == 0 {
		return nil, fail(ErrEmpty)
	}
	if len(t) > MaxBytes {
		return nil, fail(ErrTooBig, MaxBytes)
	}
	var ml orb.MultiLineString
	var err error
	switch t[0] {
	case '<':
		ml, err = parseGPX(t)
	case '{':
		ml, err = parseGeoJSON(t)
	default:
		return nil, fail(ErrFormat)
	}
	if err != nil {
		return nil, err
	}
	return check(ml)
}

// check drops one-point lines and refuses empty tracks, too many points
// and points that are not longitude/latitude.
func check(ml orb.MultiLineString) (orb.MultiLineString, error) {
	var out orb.MultiLineString
	n := 0
	for _, l := range ml {
		for _, p := range l {
			n++
			if n > MaxPoints {
				return nil, fail(ErrTooMany, MaxPoints)
			}
			if math.IsNaN(p[0]) || math.IsNaN(p[1]) || p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
				return nil, fail(ErrCoord, n, p[1], p[0])
			}
		}
		if len(l) >= 2 {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil, fail(ErrNoPoints)
	}
	return out, nil
}

// parseGPX reads the trk/trkseg/trkpt points of a GPX file, one line per
// segment, streaming so that a large file holds only its points.
func parseGPX(b []byte) (orb.MultiLineString, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var ml orb.MultiLineString
	var seg orb.LineString
	var path []string
	sawGPX := false
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fail(ErrSyntax, err.Error())
		}
		switch e := tok.(type) {
		case xml.StartElement:
			path = append(path, e.Name.Local)
			if len(path) == 1 {
				if e.Name.Local != "gpx" {
					return nil, fail(ErrFormat)
				}
				sawGPX = true
			}
			if e.Name.Local == "trkseg" {
				seg = nil
			}
			if e.Name.Local == "trkpt" && len(path) >= 3 && path[len(path)-2] == "trkseg" {
				n++
				if n > MaxPoints {
					return nil, fail(ErrTooMany, MaxPoints)
				}
				var lat, lon float64
				var okLat, okLon bool
				for _, a := range e.Attr {
					v, err := strconv.ParseFloat(strings.TrimSpace(a.Value), 64)
					switch a.Name.Local {
					case "lat":
						lat, okLat = v, err == nil
					case "lon":
						lon, okLon = v, err == nil
					}
				}
				if !okLat || !okLon {
					return nil, fail(ErrCoord, n, attr(e, "lat"), attr(e, "lon"))
				}
				seg = append(seg, orb.Point{lon, lat})
			}
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
			if e.Name.Local == "trkseg" {
				ml = append(ml, seg)
				seg = nil
			}
		}
	}
	if !sawGPX {
		return nil, fail(ErrFormat)
	}
	return ml, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// parseGeoJSON reads a LineString or MultiLineString, bare, as a Feature,
// or as every line of a FeatureCollection.
func parseGeoJSON(b []byte) (orb.MultiLineString, error) {
	var head struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, fail(ErrSyntax, jsonWords(err))
	}
	var geoms []orb.Geometry
	switch head.Type {
	case "FeatureCollection":
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			return nil, fail(ErrSyntax, jsonWords(err))
		}
		for _, f := range fc.Features {
			geoms = append(geoms, f.Geometry)
		}
	case "Feature":
		f, err := geojson.UnmarshalFeature(b)
		if err != nil {
			return nil, fail(ErrSyntax, jsonWords(err))
		}
		geoms = append(geoms, f.Geometry)
	case "":
		return nil, fail(ErrFormat)
	default:
		g, err := geojson.UnmarshalGeometry(b)
		if err != nil {
			return nil, fail(ErrSyntax, jsonWords(err))
		}
		geoms = append(geoms, g.Geometry())
	}
	var ml orb.MultiLineString
	for _, g := range geoms {
		switch g := g.(type) {
		case orb.LineString:
			ml = append(ml, g)
		case orb.MultiLineString:
			ml = append(ml, g...)
		case nil:
			return nil, fail(ErrGeomType, "null")
		default:
			return nil, fail(ErrGeomType, g.GeoJSONType())
		}
	}
	return ml, nil
}

func jsonWords(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (byte %d)", se.Error(), se.Offset)
	}
	return err.Error()
}
