package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Watch tells cheaply whether the register changed: caches built from it
// (the web map's latest condition per ruas, the dashboard figures) compare
// Version before use instead of re-reading the whole register.
type Watch struct {
	mu   sync.Mutex
	db   *sql.DB
	conn *sql.Conn
}

// Watch opens a dedicated connection on the store's file. It sees commits
// made by any other connection: this store's writers and other processes
// (a `ruas import` running beside `ruas serve`).
func (s *Store) Watch(ctx context.Context) (*Watch, error) {
	db, err := sql.Open("sqlite3", dsn(s.path, false))
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", s.path, err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("watch %s: %w", s.path, err)
	}
	return &Watch{db: db, conn: conn}, nil
}

// Version is SQLite's data_version of the watch's connection: it differs
// between two calls exactly when some other connection committed a change
// in between. The connection is pinned for the watch's life, so the
// numbers of one watch are comparable.
func (w *Watch) Version(ctx context.Context) (int64, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var v int64
	if err := w.conn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("watch register: %w", err)
	}
	return v, nil
}

// Close releases the watch's connection.
func (w *Watch) Close() error {
	w.conn.Close()
	return w.db.Close()
}
