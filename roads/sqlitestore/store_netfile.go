package sqlitestore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// ImportDatedSurveys returns the surveys whose date is the day they were
// imported, by ruas key, oldest first (roads/sqlstore/netfile.go).
func (s *Store) ImportDatedSurveys(ctx context.Context) (map[roads.Key][]*roads.Survey, error) {
	return s.records().ImportDatedSurveys(ctx)
}
