package sqlstore

import (
	"context"
	"database/sql"
)

// Preparer is a transaction that also prepares statements.
type Preparer interface {
	Tx
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// StmtCache runs queries on a transaction through statements prepared on
// first use and kept until Close: a batch prepares each statement once
// instead of once per row.
type StmtCache struct {
	tx    Preparer
	stmts map[string]*sql.Stmt
}

// NewStmtCache is a cache of statements on tx.
func NewStmtCache(tx Preparer) *StmtCache {
	return &StmtCache{tx: tx, stmts: map[string]*sql.Stmt{}}
}

func (c *StmtCache) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := c.stmts[q]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.stmts[q] = st
	return st, nil
}

// ExecContext runs q's prepared statement.
func (c *StmtCache) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs q's prepared statement.
func (c *StmtCache) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext falls back to the plain transaction when preparing
// fails, so that the error surfaces from Scan as database/sql does it.
func (c *StmtCache) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, q)
	if err != nil {
		return c.tx.QueryRowContext(ctx, q, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// Close closes the prepared statements.
func (c *StmtCache) Close() {
	for _, st := range c.stmts {
		st.Close()
	}
}
