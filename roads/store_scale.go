package roads

import (
	"context"
	"database/sql"
	"fmt"
)

// writeBatch is write for Apply. A batch of bulkRuas ruas or more runs on
// the write connection tuned for it, set before BEGIN (SQLite fixes where
// statement journals live when the transaction starts) and put back after:
//
//   - temp_store = MEMORY: every insert fires an audit trigger, so SQLite
//     keeps a statement journal per statement (the pages the statement
//     changes, to undo it alone on a conflict). In a temporary file a
//     100,000-ruas import wrote 7.6 GB to it, 4 kB at a time, and spent
//     more time in the kernel than in SQLite; in memory it is a copy.
//   - cache_size = 64 MB (negative = KiB): the indexes every row touches
//     stay in the page cache instead of being spilled to the WAL and read
//     back.
func (s *Store) writeBatch(ctx context.Context, bulk bool, fn func(tx *sql.Tx) error) error {
	if !bulk {
		return s.write(ctx, fn)
	}
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	defer conn.Close()
	for _, p := range []string{`PRAGMA temp_store = MEMORY`, `PRAGMA cache_size = -65536`} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("begin write: %w", err)
		}
	}
	defer func() {
		ctx := context.WithoutCancel(ctx)
		conn.ExecContext(ctx, `PRAGMA temp_store = DEFAULT`)
		conn.ExecContext(ctx, `PRAGMA cache_size = -2000`)
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin write: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
