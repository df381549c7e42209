package sqlitestore

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/kotablitar/ruas/roads"
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
//   - cache_size = 32 MB (negative = KiB): the indexes every row touches
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
	for _, p := range []string{`PRAGMA temp_store = MEMORY`, `PRAGMA cache_size = -32768`} {
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

// deferredAudit holds the audit insert triggers a bulk batch set aside:
// inside the batch's transaction the triggers are dropped, the rows
// written, and then one INSERT … SELECT per table writes the audit rows of
// every row the batch inserted, built from the trigger's own text so that
// each row holds what the trigger would have written, and the triggers
// are created again before the commit. Other connections never see the
// register without them: the schema change and the rows commit together,
// and a failure rolls back both. Per row, the trigger cost more than the
// row itself (a 100,000-ruas import: 4.4 s of CPU of 10.7 s).
//
// The audit keeps the order the triggers would give: before any statement
// that writes an audit row itself (an update of a ruas or survey, works,
// traffic) the rows inserted so far get theirs (flush), so the latest
// audit row of a record is still its latest change.
type deferredAudit struct {
	triggers []setAside
	// pending is set by the caller when it inserted a row since the last flush.
	pending bool
}

type setAside struct {
	table, name, create, fill string
	maxID                     int64 // the largest id before the batch: rows above it are the batch's
}

// deferBatchAudit turns the deferral on; tests turn it off to compare
// with what the triggers write.
var deferBatchAudit = true

// auditInsertTrigger matches an audit trigger that is one INSERT of one
// row: the only shape whose rows a SELECT over the table can reproduce.
var auditInsertTrigger = regexp.MustCompile(`(?s)^CREATE TRIGGER (\w+) AFTER INSERT ON (\w+)\s+BEGIN\s+(INSERT INTO audit \([^()]*\))\s+VALUES \((.*)\);\s*END$`)

// deferAudit sets aside the audit insert triggers of the tables. A
// trigger of another shape stays (then nothing is deferred), so the audit
// is never short of a row.
func deferAudit(ctx context.Context, tx *sql.Tx, tables ...string) (*deferredAudit, error) {
	d := &deferredAudit{}
	if !deferBatchAudit {
		return d, nil
	}
	for _, t := range tables {
		name := "audit_" + t + "_insert"
		var create string
		err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ? AND tbl_name = ?`, name, t).Scan(&create)
		if errors.Is(err, sql.ErrNoRows) {
			return &deferredAudit{}, nil
		}
		if err != nil {
			return nil, err
		}
		m := auditInsertTrigger.FindStringSubmatch(create)
		if m == nil || m[1] != name || m[2] != t {
			return &deferredAudit{}, nil
		}
		a := setAside{table: t, name: name, create: create,
			fill: m[3] + ` SELECT ` + m[4] + ` FROM ` + t + ` AS NEW WHERE NEW.id > ? ORDER BY NEW.id`}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM `+t).Scan(&a.maxID); err != nil {
			return nil, err
		}
		d.triggers = append(d.triggers, a)
	}
	for _, a := range d.triggers {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER `+a.name); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// flush writes the audit rows of the rows inserted since the last flush.
func (d *deferredAudit) flush(ctx context.Context, tx *sql.Tx) error {
	if !d.pending {
		return nil
	}
	for i := range d.triggers {
		a := &d.triggers[i]
		if _, err := tx.ExecContext(ctx, a.fill, a.maxID); err != nil {
			return fmt.Errorf("audit of the batch: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM `+a.table).Scan(&a.maxID); err != nil {
			return fmt.Errorf("audit of the batch: %w", err)
		}
	}
	d.pending = false
	return nil
}

// finish writes the remaining audit rows and puts the triggers back.
func (d *deferredAudit) finish(ctx context.Context, tx *sql.Tx) error {
	if err := d.flush(ctx, tx); err != nil {
		return err
	}
	for _, a := range d.triggers {
		if _, err := tx.ExecContext(ctx, a.create); err != nil {
			return fmt.Errorf("audit of the batch: %w", err)
		}
	}
	return nil
}

// A plan run's result is stored gzip-compressed in plan_run.result_gz
// (migration 013): JSON of a million-section plan shrinks about tenfold,
// and the register writes (and its WAL copies) a tenth of it. Runs stored
// before keep their JSON in result and read as before.

// SavePlanRunCompressed stores a plan run whose result is given compressed
// (roads.CompressResult, roads.NewResultWriter) instead of in p.Result, so that a
// caller that streamed the result never holds its JSON.
func (s *Store) SavePlanRunCompressed(ctx context.Context, p *roads.PlanRun, gz []byte) error {
	if len(gz) < 18 || gz[0] != 0x1f || gz[1] != 0x8b {
		return fmt.Errorf("%w: save plan run: the result is not gzip-compressed", roads.ErrInvalid)
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = s.now()
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO plan_run (created_at, created_by, method, from_year, years, snapshot_hash, inputs, result, result_gz)
			VALUES (?,?,?,?,?,?,?,'',?)`, p.CreatedAt.UTC().Format(time.RFC3339Nano), p.CreatedBy, p.Method, p.FromYear, p.Years,
			p.SnapshotHash, string(p.Inputs), gz)
		if err != nil {
			return fmt.Errorf("save plan run: %w", err)
		}
		p.ID, _ = res.LastInsertId()
		return nil
	})
}

// inflateResult reads a stored compressed result back into its JSON.
func inflateResult(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("stored result unreadable: %w", err)
	}
	// The gzip trailer ends with the length (mod 2³²): one buffer of that size.
	size := int(binary.LittleEndian.Uint32(gz[len(gz)-4:]))
	b := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := b.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("stored result unreadable: %w", err)
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("stored result unreadable: %w", err)
	}
	return b.Bytes(), nil
}
