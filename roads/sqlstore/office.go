package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Office returns the register's office, or an error wrapping ErrNotFound
// when none is set yet (a new register before `ruas init`).
func (db *Records) Office(ctx context.Context) (roads.Office, error) {
	var o roads.Office
	err := db.read(ctx, func(tx Tx) error {
		var err error
		o, err = ReadOffice(ctx, tx)
		return err
	})
	return o, err
}

// ReadOffice reads the office row; ErrNotFound when there is none.
func ReadOffice(ctx context.Context, tx Tx) (roads.Office, error) {
	var o roads.Office
	var authority, boundary, setAt string
	var assumed bool
	err := tx.QueryRowContext(ctx, `SELECT region, name, level, opd, opd_code, kewenangan, boundary, assumed, set_by, set_at FROM office WHERE id = 1`).
		Scan(&o.Region, &o.Name, &o.Level, &o.OPD, &o.OPDCode, &authority, &boundary, &assumed, &o.SetBy, &setAt)
	if errors.Is(err, sql.ErrNoRows) {
		return roads.Office{}, fmt.Errorf("%w: register belum punya kantor; atur dengan `ruas init --region KODE` atau halaman admin /admin/kantor", roads.ErrNotFound)
	}
	if err != nil {
		return roads.Office{}, fmt.Errorf("read office: %w", err)
	}
	o.Authority, o.Assumed, o.SetAt = roads.Status(authority), assumed, ParseTime(setAt)
	if boundary != "" {
		g, err := geojson.UnmarshalGeometry([]byte(boundary))
		if err != nil {
			return roads.Office{}, fmt.Errorf("read office: stored boundary: %w", err)
		}
		o.Boundary = g.Geometry()
	}
	if o.Outlines, err = ReadOutlines(ctx, tx); err != nil {
		return roads.Office{}, err
	}
	return o, nil
}

// SetOffice stores the office (replacing any), as set by the named account
// at the given time; the audit trail records the change. The office must
// come from NewOffice (checked against the region table).
func (db *Records) SetOffice(ctx context.Context, o roads.Office, by string, at time.Time) error {
	if o.Region == "" || o.Name == "" || o.OPD == "" || o.Authority == "" {
		return fmt.Errorf("%w: office needs a region, a name, an OPD and a kewenangan (build it with NewOffice)", roads.ErrInvalid)
	}
	if by == "" {
		return fmt.Errorf("%w: office change without an author", roads.ErrInvalid)
	}
	var boundary string
	if o.Boundary != nil {
		b, err := geojson.NewGeometry(o.Boundary).MarshalJSON()
		if err != nil {
			return fmt.Errorf("%w: office boundary: %v", roads.ErrInvalid, err)
		}
		boundary = string(b)
	}
	return db.write(ctx, func(tx Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO office (id, region, name, level, opd, opd_code, kewenangan, boundary, assumed, set_by, set_at)
			VALUES (1, ?, ?, ?, ?, ?, ?, ?, `+db.dl.False+`, ?, ?)
			ON CONFLICT (id) DO UPDATE SET region = excluded.region, name = excluded.name, level = excluded.level, opd = excluded.opd,
				opd_code = excluded.opd_code, kewenangan = excluded.kewenangan, boundary = excluded.boundary, assumed = `+db.dl.False+`,
				set_by = excluded.set_by, set_at = excluded.set_at`,
			o.Region, o.Name, o.Level, o.OPD, o.OPDCode, string(o.Authority), boundary, by, at.UTC().Format(time.RFC3339Nano))
		if err != nil {
			return fmt.Errorf("set office: %w", err)
		}
		return nil
	})
}

// OutsideOffice is the field error of a geometry lying outside the stored
// office's boundary (see roads.Office.CheckInside), or nil. With no office
// every geometry passes.
func OutsideOffice(ctx context.Context, tx Tx, g orb.Geometry) (*roads.FieldError, error) {
	if g == nil {
		return nil, nil
	}
	o, err := ReadOffice(ctx, tx)
	if errors.Is(err, roads.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return o.CheckInside(g), nil
}
