package pgstore

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"

	"github.com/kotablitar/ruas/roads"
)

// SavePlanRunCompressed stores a plan run whose result is given
// gzip-compressed instead of in p.Result, as the SQLite store takes it
// from a caller that streamed the result. PostgreSQL compresses a large
// text value itself (TOAST), so the result is kept as its JSON text and
// reads back byte for byte; no column of its own is needed.
func (s *Store) SavePlanRunCompressed(ctx context.Context, p *roads.PlanRun, gz []byte) error {
	if len(gz) < 18 || gz[0] != 0x1f || gz[1] != 0x8b {
		return fmt.Errorf("%w: save plan run: the result is not gzip-compressed", roads.ErrInvalid)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return fmt.Errorf("%w: save plan run: the result is unreadable: %v", roads.ErrInvalid, err)
	}
	result, err := io.ReadAll(zr)
	if err == nil {
		err = zr.Close()
	}
	if err != nil {
		return fmt.Errorf("%w: save plan run: the result is unreadable: %v", roads.ErrInvalid, err)
	}
	q := *p
	q.Result = result
	if err := s.SavePlanRun(ctx, &q); err != nil {
		return err
	}
	p.ID, p.CreatedAt = q.ID, q.CreatedAt
	return nil
}
