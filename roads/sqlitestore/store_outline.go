package sqlitestore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// Outlines are shared with the other engine: roads/sqlstore/outline.go.

// SetOutlines replaces the office's outlines with these (none: remove
// them all), as loaded by the named account.
func (s *Store) SetOutlines(ctx context.Context, outlines []roads.Outline, by string) error {
	return s.records().SetOutlines(ctx, outlines, by)
}

// Outlines returns the office's outlines in code order (none: empty).
func (s *Store) Outlines(ctx context.Context) ([]roads.Outline, error) {
	return s.records().Outlines(ctx)
}
