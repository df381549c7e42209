package demo

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/kotablitar/ruas/data"
)

// areaFile is the embedded outline the demo places its roads in.
const areaFile = "demo/kecamatan.geojson"

// Centre of Kota Blitar (DOMAIN.md §7), the origin of the local plane.
const (
	lon0 = 112.168
	lat0 = -8.098
)

// Metres per degree at lat0 (WGS84): the demo builds its grid in a local
// east/north plane in metres and converts with these. The error of this
// equirectangular plane over the city's 7 km is far below a metre.
var (
	mPerDegLat = 111_132.954 - 559.822*math.Cos(2*lat0*math.Pi/180) + 1.175*math.Cos(4*lat0*math.Pi/180)
	mPerDegLon = math.Pi / 180 * 6_378_137 * math.Cos(lat0*math.Pi/180) / math.Sqrt(1-0.00669438*math.Pow(math.Sin(lat0*math.Pi/180), 2))
)

// toLocal maps (lon, lat) to metres east and north of the centre.
func toLocal(p orb.Point) orb.Point {
	return orb.Point{(p[0] - lon0) * mPerDegLon, (p[1] - lat0) * mPerDegLat}
}

// toLonLat maps local metres back to (lon, lat), rounded to 1e-7° (≈ 1 cm)
// so that the output is stable text.
func toLonLat(p orb.Point) orb.Point {
	r := func(v float64) float64 { return math.Round(v*1e7) / 1e7 }
	return orb.Point{r(lon0 + p[0]/mPerDegLon), r(lat0 + p[1]/mPerDegLat)}
}

// kecamatan is one district outline in the local plane.
type kecamatan struct {
	Code, Name, BPS string
	Ring            orb.Ring // local metres, closed
	Bound           orb.Bound
	Kelurahan       []kelurahan
}

// kelurahan is a village seed point: a ruas belongs to the kelurahan whose
// seed is nearest its middle, within its kecamatan.
type kelurahan struct {
	Code, Name string
	At         orb.Point // local metres
}

// area is the city as the demo sees it.
type area struct {
	Kecamatan []*kecamatan
	Bound     orb.Bound // local metres
}

var (
	areaOnce sync.Once
	areaVal  *area
	areaErr  error
)

// cityArea returns the embedded outline, parsed once.
func cityArea() (*area, error) {
	areaOnce.Do(func() { areaVal, areaErr = loadArea() })
	return areaVal, areaErr
}

func loadArea() (*area, error) {
	b, err := data.Demo.ReadFile(areaFile)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", areaFile, err)
	}
	a := &area{}
	byCode := map[string]*kecamatan{}
	for _, f := range fc.Features {
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			k := &kecamatan{Code: f.Properties.MustString("kode", ""), Name: f.Properties.MustString("nama", ""), BPS: f.Properties.MustString("kode_bps", "")}
			if len(g) == 0 || len(g[0]) < 4 {
				return nil, fmt.Errorf("%s: kecamatan %s has no outline", areaFile, k.Code)
			}
			for _, p := range g[0] {
				k.Ring = append(k.Ring, toLocal(p))
			}
			k.Bound = k.Ring.Bound()
			a.Kecamatan = append(a.Kecamatan, k)
			byCode[k.Code] = k
		}
	}
	for _, f := range fc.Features {
		if p, ok := f.Geometry.(orb.Point); ok {
			code := f.Properties.MustString("kode", "")
			if len(code) < 8 {
				return nil, fmt.Errorf("%s: kelurahan code %q is not a Kemendagri code", areaFile, code)
			}
			k, ok := byCode[code[:8]]
			if !ok {
				return nil, fmt.Errorf("%s: kelurahan %s has no kecamatan outline", areaFile, code)
			}
			k.Kelurahan = append(k.Kelurahan, kelurahan{Code: code, Name: f.Properties.MustString("nama", ""), At: toLocal(p)})
		}
	}
	if len(a.Kecamatan) == 0 {
		return nil, fmt.Errorf("%s: no kecamatan outline", areaFile)
	}
	sort.Slice(a.Kecamatan, func(i, j int) bool { return a.Kecamatan[i].Code < a.Kecamatan[j].Code })
	a.Bound = a.Kecamatan[0].Bound
	for _, k := range a.Kecamatan {
		if len(k.Kelurahan) == 0 {
			return nil, fmt.Errorf("%s: kecamatan %s has no kelurahan seed", areaFile, k.Code)
		}
		sort.Slice(k.Kelurahan, func(i, j int) bool { return k.Kelurahan[i].Code < k.Kelurahan[j].Code })
		a.Bound = a.Bound.Union(k.Bound)
	}
	return a, nil
}

// at returns the kecamatan whose outline holds p (local metres), or nil.
func (a *area) at(p orb.Point) *kecamatan {
	for _, k := range a.Kecamatan {
		if k.Bound.Contains(p) && planar.RingContains(k.Ring, p) {
			return k
		}
	}
	return nil
}

// nearest returns the kecamatan whose outline is closest to p and the
// distance in metres (0 inside).
func (a *area) nearest(p orb.Point) (*kecamatan, float64) {
	var best *kecamatan
	bd := math.Inf(1)
	for _, k := range a.Kecamatan {
		d := 0.0
		if !planar.RingContains(k.Ring, p) {
			d = ringDistance(k.Ring, p)
		}
		if d < bd {
			best, bd = k, d
		}
	}
	return best, bd
}

// inCity reports whether a point of a road may lie at p: inside an outline,
// or in the strip between two outlines that the inward shrinking opened
// along a shared kecamatan border (within gap metres of two of them). Road
// vertices must be inside an outline; points between vertices may cross
// the strip.
func (a *area) inCity(p orb.Point, gap float64) bool {
	if a.at(p) != nil {
		return true
	}
	near := 0
	for _, k := range a.Kecamatan {
		if ringDistance(k.Ring, p) <= gap {
			near++
		}
	}
	return near >= 2
}

// kelurahanAt returns the kelurahan of kecamatan k whose seed is nearest p.
func (k *kecamatan) kelurahanAt(p orb.Point) kelurahan {
	best := k.Kelurahan[0]
	bd := math.Inf(1)
	for _, v := range k.Kelurahan {
		if d := planar.DistanceSquared(v.At, p); d < bd {
			best, bd = v, d
		}
	}
	return best
}

// ringDistance is the planar distance from p to the ring's edges.
func ringDistance(r orb.Ring, p orb.Point) float64 {
	d := math.Inf(1)
	for i := 0; i+1 < len(r); i++ {
		d = math.Min(d, segmentDistance(r[i], r[i+1], p))
	}
	return d
}

func segmentDistance(a, b, p orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}
