package sqlstore

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb/geojson"
)

// SetOutlines replaces the office's outlines with these (none: remove
// them all), as loaded by the named account; the audit trail records each
// removed and added outline.
func (db *Records) SetOutlines(ctx context.Context, outlines []roads.Outline, by string) error {
	if by == "" {
		return fmt.Errorf("%w: outlines without an author", roads.ErrInvalid)
	}
	at := db.nowText()
	return db.write(ctx, func(tx Tx) error {
		// Delete row by row so the audit trigger names who removed them.
		if _, err := tx.ExecContext(ctx, `UPDATE outline SET set_by = ?`, by); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM outline`); err != nil {
			return err
		}
		for _, o := range outlines {
			g, err := geojson.NewGeometry(o.Geometry).MarshalJSON()
			if err != nil {
				return fmt.Errorf("outline %s: %w", o.Code, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO outline (code, name, level, geom, source, set_by, set_at) VALUES (?,?,?,?,?,?,?)`,
				o.Code, o.Name, o.Level, string(g), o.Source, by, at); err != nil {
				if db.dl.IsUnique(err) {
					return fmt.Errorf("%w: outline %s given twice", roads.ErrConflict, o.Code)
				}
				return err
			}
		}
		return nil
	})
}

// Outlines returns the office's outlines in code order (none: empty).
func (db *Records) Outlines(ctx context.Context) ([]roads.Outline, error) {
	var out []roads.Outline
	err := db.read(ctx, func(tx Tx) error {
		var err error
		out, err = ReadOutlines(ctx, tx)
		return err
	})
	return out, err
}

// ReadOutlines reads the office's outlines in code order.
func ReadOutlines(ctx context.Context, tx Tx) ([]roads.Outline, error) {
	rows, err := tx.QueryContext(ctx, `SELECT code, name, level, geom, source FROM outline ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("read outlines: %w", err)
	}
	defer rows.Close()
	var out []roads.Outline
	for rows.Next() {
		var o roads.Outline
		var g string
		if err := rows.Scan(&o.Code, &o.Name, &o.Level, &g, &o.Source); err != nil {
			return nil, err
		}
		geom, err := geojson.UnmarshalGeometry([]byte(g))
		if err != nil {
			return nil, fmt.Errorf("outline %s: stored geometry: %w", o.Code, err)
		}
		o.Geometry = geom.Geometry()
		out = append(out, o)
	}
	return out, rows.Err()
}
