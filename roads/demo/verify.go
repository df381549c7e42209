package demo

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
)

// Walidata is the name the demo's verification is recorded under.
const Walidata = "walidata (demo)"

// draftEvery: the latest surveys of every draftEvery-th demo ruas stay
// drafts, so that the walidata's queue has something to show.
const draftEvery = 10

// Verifier is what Verify needs of a road register: the network to find
// the demo records in, and the walidata's verification.
type Verifier interface {
	Network(ctx context.Context) (*roads.Network, error)
	Verify(ctx context.Context, entity roads.Entity, ids []int64, actor string) error
}

// Verify marks the demo records of the register verified, as a walidata
// would after checking them, so that the public pages and the SIPD and
// e-Walidata exports have data to show. It leaves as drafts, for the
// verification queue, the surveys of the latest demo survey year on every
// tenth demo ruas and the committed works. Records that are not demo data
// are never touched.
// It returns the number of records verified; each kind of record is
// verified in its own transaction.
func Verify(ctx context.Context, s Verifier) (int, error) {
	n, err := s.Network(ctx)
	if err != nil {
		return 0, err
	}
	ids := map[roads.Entity][]int64{}
	queue := map[int64]bool{}
	for i, r := range n.Ruas {
		if !IsDemo(r) {
			continue
		}
		queue[r.ID] = i%draftEvery == draftEvery-1
		if r.Verif.State != roads.Verified {
			ids[roads.EntityRuas] = append(ids[roads.EntityRuas], r.ID)
		}
	}
	last := 0 // the latest demo survey year
	for _, vs := range n.Surveys {
		for _, v := range vs {
			if v.Source.File == SourceFile {
				last = max(last, v.Date.Year())
			}
		}
	}
	for id, vs := range n.Surveys {
		for _, v := range vs {
			if v.Source.File == SourceFile && v.Verif.State != roads.Verified && !(queue[id] && v.Date.Year() == last) {
				ids[roads.EntitySurvey] = append(ids[roads.EntitySurvey], v.ID)
			}
		}
	}
	for _, ws := range n.Works {
		for _, w := range ws {
			if w.Source.File == SourceFile && w.Verif.State != roads.Verified && !w.Committed {
				ids[roads.EntityWorks] = append(ids[roads.EntityWorks], w.ID)
			}
		}
	}
	for _, ts := range n.Traffic {
		for _, t := range ts {
			if t.Source.File == SourceFile && t.Verif.State != roads.Verified {
				ids[roads.EntityTraffic] = append(ids[roads.EntityTraffic], t.ID)
			}
		}
	}
	done := 0
	for _, e := range []roads.Entity{roads.EntityRuas, roads.EntitySurvey, roads.EntityWorks, roads.EntityTraffic} {
		if len(ids[e]) == 0 {
			continue
		}
		if err := s.Verify(ctx, e, ids[e], Walidata); err != nil {
			return done, fmt.Errorf("verify demo %s: %w", e, err)
		}
		done += len(ids[e])
	}
	return done, nil
}
