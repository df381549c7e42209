package pgstore

import (
	"context"
	"fmt"
)

// Watch tells cheaply whether the register changed, like the SQLite
// store's: every committed transaction that changes the register (ruas,
// surveys, works, traffic, retirements, the office, outlines, plans)
// bumps register_version once, by trigger (data/pgmigrations), whichever
// process or server made it.
type Watch struct {
	s *Store
}

// Watch returns the register's change watch.
func (s *Store) Watch(ctx context.Context) (*Watch, error) {
	return &Watch{s: s}, nil
}

// Version is the register's version: it differs between two calls exactly
// when a change was committed in between.
func (w *Watch) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := w.s.db.QueryRowContext(ctx, `SELECT version FROM register_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("watch register: %w", err)
	}
	return v, nil
}

// Close releases the watch (it holds nothing of its own).
func (w *Watch) Close() error { return nil }
