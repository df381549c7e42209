package planner

import (
	"fmt"

	"github.com/kotablitar/ruas/roads"
)

// classifier evaluates a roads.Rules table's IRI and SDI class bands in
// the simulation's hot loop. It holds the rule table's own bands (same
// bounds, same inclusiveness, same order: roads.Band semantics) in flat
// form, so that a million sections a year are classed without pointer
// chasing; classify_test.go checks it against Rules.ClassOfIRI/ClassOfSDI
// at every bound.
type classifier struct {
	version string
	iri     []cband
	sdi     []cband
}

type cband struct {
	upper float32
	incl  bool
	open  bool
	rank  uint8
}

func compileBands(bands []roads.Band) []cband {
	out := make([]cband, len(bands))
	for i, b := range bands {
		out[i] = cband{incl: b.Inclusive, open: b.Upper == nil, rank: uint8(b.Class.Rank())}
		if b.Upper != nil {
			out[i].upper = float32(*b.Upper)
		}
	}
	return out
}

func newClassifier(r *roads.Rules) (classifier, error) {
	c := classifier{version: r.Version, iri: compileBands(r.IRIClass), sdi: compileBands(r.SDIClass)}
	for _, bs := range [][]cband{c.iri, c.sdi} {
		if len(bs) == 0 || !bs[len(bs)-1].open {
			return c, fmt.Errorf("%w: condition rules %s: class bands must end open", ErrInvalid, r.Version)
		}
	}
	return c, nil
}

func pickRank(bs []cband, v float32) uint8 {
	for i := range bs {
		b := &bs[i]
		if b.open || v < b.upper || b.incl && v == b.upper {
			return b.rank
		}
	}
	return bs[len(bs)-1].rank
}

// Basis flags: which measurements a section's class rests on.
const (
	basisIRI uint8 = 1 << iota
	basisSDI
)

// class returns the rank (0 Baik … 3 Rusak Berat) of a section: the worse
// of its IRI and SDI classes over the measured basis (DOMAIN.md §3.2).
func (c *classifier) class(iri, sdi float32, basis uint8) uint8 {
	var r uint8
	if basis&basisIRI != 0 {
		r = pickRank(c.iri, iri)
	}
	if basis&basisSDI != 0 {
		if s := pickRank(c.sdi, sdi); s > r {
			r = s
		}
	}
	return r
}
