package sqlitestore

import (
	"context"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// ruasColumnsNoGeom are ruasColumns with the geometry read as NULL.
var ruasColumnsNoGeom = strings.Replace(ruasColumns, "geom, geom_length_m", "NULL, geom_length_m", 1)

// NetworkNoSurveys reads the register as Network does, but without the
// ruas geometries and without any survey: Surveys is empty and every
// Ruas.Geometry nil; works, traffic, the office and Hash are as Network
// gives them. It is for exports that read neither (the SIPD usulan reads
// the plan's works, the ruas keys and their contracts): on a million
// sections the surveys and geometries were most of the read.
func (s *Store) NetworkNoSurveys(ctx context.Context) (*roads.Network, error) {
	return s.network(ctx, false)
}
