package roads

import (
	"encoding/json"
	"math"
)

// ClassLength is a length per Bina Marga condition class. The unit is the
// holder's (metres for a ruas, km for a network); the figures derived
// from it do not depend on it. It is the one home of kemantapan.
type ClassLength struct {
	Baik        float64 `json:"baik"`
	Sedang      float64 `json:"sedang"`
	RusakRingan float64 `json:"rusak_ringan"`
	RusakBerat  float64 `json:"rusak_berat"`
}

// ClassLengthOf reads lengths in Kondisis order.
func ClassLengthOf(m [4]float64) ClassLength {
	return ClassLength{Baik: m[0], Sedang: m[1], RusakRingan: m[2], RusakBerat: m[3]}
}

// Array is the lengths in Kondisis order.
func (c ClassLength) Array() [4]float64 {
	return [4]float64{c.Baik, c.Sedang, c.RusakRingan, c.RusakBerat}
}

// Add adds length in class k (nothing for an unknown class).
func (c *ClassLength) Add(k Kondisi, v float64) {
	switch k {
	case Baik:
		c.Baik += v
	case Sedang:
		c.Sedang += v
	case RusakRingan:
		c.RusakRingan += v
	case RusakBerat:
		c.RusakBerat += v
	}
}

// Plus is the sum of two class lengths.
func (c ClassLength) Plus(o ClassLength) ClassLength {
	return ClassLength{c.Baik + o.Baik, c.Sedang + o.Sedang, c.RusakRingan + o.RusakRingan, c.RusakBerat + o.RusakBerat}
}

// Scaled multiplies every length by f (e.g. 0.001 from metres to km).
func (c ClassLength) Scaled(f float64) ClassLength {
	return ClassLength{c.Baik * f, c.Sedang * f, c.RusakRingan * f, c.RusakBerat * f}
}

// Of is the length in class k.
func (c ClassLength) Of(k Kondisi) float64 {
	switch k {
	case Baik:
		return c.Baik
	case Sedang:
		return c.Sedang
	case RusakRingan:
		return c.RusakRingan
	case RusakBerat:
		return c.RusakBerat
	}
	return 0
}

// Total is the classified (surveyed) length.
func (c ClassLength) Total() float64 { return c.Baik + c.Sedang + c.RusakRingan + c.RusakBerat }

// Kemantapan is the share (%) of the classified length in Baik or
// Sedang: (Baik + Sedang) / Total × 100.
//
// With nothing classified there is no share: the answer is NaN, never 0
// (0 % would say every road is damaged). Pages write it "–", JSON writes
// null (Percent), exports leave the cell empty.
func (c ClassLength) Kemantapan() float64 { return c.KemantapanOf(c.Total()) }

// KemantapanOf is the share (%) of a network length in Baik or Sedang:
// (Baik + Sedang) / length × 100, the RPJMD/Renstra indicator when length
// is the whole network's (unsurveyed length then counts as neither).
// NaN when length is not above 0, as Kemantapan.
func (c ClassLength) KemantapanOf(length float64) float64 {
	if !(length > 0) {
		return math.NaN()
	}
	return (c.Baik + c.Sedang) / length * 100
}

// Percent is a share in percent that may be undefined (NaN): JSON writes
// it null and reads null back as NaN.
type Percent float64

// MarshalJSON writes null for NaN or an infinity.
func (p Percent) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(p)) || math.IsInf(float64(p), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(p))
}

// UnmarshalJSON reads null as NaN.
func (p *Percent) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*p = Percent(math.NaN())
		return nil
	}
	var f float64
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	*p = Percent(f)
	return nil
}
