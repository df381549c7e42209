package pgstore

import (
	"context"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// Reading the network is shared with the other engine:
// roads/sqlstore/network.go.

// Network reads the whole register in one read transaction.
func (s *Store) Network(ctx context.Context) (*roads.Network, error) {
	return s.records().Network(ctx)
}

// SnapshotHash returns the hash of the register as it stands now; it equals
// Network().Hash when nothing changed in between.
func (s *Store) SnapshotHash(ctx context.Context) (string, error) {
	return s.records().SnapshotHash(ctx)
}

// ChangesSince counts the records changed after at.
func (s *Store) ChangesSince(ctx context.Context, at time.Time) (roads.Changes, error) {
	return s.records().ChangesSince(ctx, at)
}
