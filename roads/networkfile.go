package roads

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// networkFile is a Network as WriteNetwork writes it: the geometries,
// which JSON cannot read back behind the orb.Geometry interface, beside
// the records as GeoJSON geometries.
type networkFile struct {
	Network  *Network
	Ruas     []*geojson.Geometry // by index of Network.Ruas; nil: none
	Boundary *geojson.Geometry
	Outlines []*geojson.Geometry // by index of Network.Office.Outlines
}

func geometryOf(g orb.Geometry) *geojson.Geometry {
	if g == nil {
		return nil
	}
	return geojson.NewGeometry(g)
}

// WriteNetwork writes n exactly (gzip-compressed JSON), so that
// ReadNetwork gives back an equal value: committed test fixtures hold the
// network a store read, for the tests that must run without a database
// engine. n is not changed.
func WriteNetwork(w io.Writer, n *Network) error {
	c := *n
	f := networkFile{Network: &c, Boundary: geometryOf(n.Office.Boundary)}
	c.Ruas = make([]*Ruas, len(n.Ruas))
	f.Ruas = make([]*geojson.Geometry, len(n.Ruas))
	for i, r := range n.Ruas {
		rc := *r
		rc.Geometry = nil
		c.Ruas[i], f.Ruas[i] = &rc, geometryOf(r.Geometry)
	}
	if n.Ruas == nil {
		c.Ruas = nil
	}
	c.Office.Boundary = nil
	if n.Office.Outlines != nil {
		c.Office.Outlines = make([]Outline, len(n.Office.Outlines))
		f.Outlines = make([]*geojson.Geometry, len(n.Office.Outlines))
		for i, o := range n.Office.Outlines {
			o.Geometry, f.Outlines[i] = nil, geometryOf(o.Geometry)
			c.Office.Outlines[i] = o
		}
	}
	zw := gzip.NewWriter(w)
	if err := json.NewEncoder(zw).Encode(f); err != nil {
		zw.Close()
		return fmt.Errorf("write network: %w", err)
	}
	return zw.Close()
}

// ReadNetwork reads a network written by WriteNetwork.
func ReadNetwork(r io.Reader) (*Network, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: read network: %v", ErrInvalid, err)
	}
	defer zr.Close()
	var f networkFile
	if err := json.NewDecoder(zr).Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: read network: %v", ErrInvalid, err)
	}
	n := f.Network
	if n == nil || len(f.Ruas) != len(n.Ruas) || len(f.Outlines) != len(n.Office.Outlines) {
		return nil, fmt.Errorf("%w: read network: geometries do not match the records", ErrInvalid)
	}
	for i, g := range f.Ruas {
		if g != nil {
			n.Ruas[i].Geometry = g.Geometry()
		}
	}
	if f.Boundary != nil {
		n.Office.Boundary = f.Boundary.Geometry()
	}
	for i, g := range f.Outlines {
		if g != nil {
			n.Office.Outlines[i].Geometry = g.Geometry()
		}
	}
	return n, nil
}
