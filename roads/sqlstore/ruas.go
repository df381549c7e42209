package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb/encoding/wkb"
)

// RuasColumns are the columns ScanRuas reads of table ruas.
func (d *Dialect) RuasColumns() string {
	return `id, region, no_ruas, name, status, fungsi, surface, surface_text, width_m, length_m, ` + d.GeomRead("geom") + `, geom_length_m,
	kabupaten, kecamatan_code, kecamatan, kelurahan_code, kelurahan, year_built, design_life, notes,
	source_file, source_row, source_form, source_user, recorded_at, version, updated_at, verif, verif_by, ` + d.Stamp("verif_at") + `, verif_note`
}

// RuasColumnsNoGeom are RuasColumns with the geometry read as NULL.
func (d *Dialect) RuasColumnsNoGeom() string {
	return strings.Replace(d.RuasColumns(), d.GeomRead("geom")+", geom_length_m", "NULL, geom_length_m", 1)
}

// ScanRuas reads a row of RuasColumns.
func ScanRuas(sc Scanner) (*roads.Ruas, error) {
	var r roads.Ruas
	var geom []byte
	var recorded, updated, verifAt string
	err := sc.Scan(&r.ID, &r.Key.Region, &r.Key.No, &r.Name, &r.Status, &r.Fungsi, &r.Surface, &r.SurfaceText, &r.WidthM, &r.LengthM,
		&geom, &r.GeomLengthM, &r.Kabupaten, &r.KecamatanCode, &r.Kecamatan, &r.KelurahanCode, &r.Kelurahan, &r.YearBuilt, &r.DesignLife, &r.Notes,
		&r.Source.File, &r.Source.Row, &r.Source.Form, &r.Source.User, &recorded, &r.Version, &updated,
		&r.Verif.State, &r.Verif.By, &verifAt, &r.Verif.Note)
	if err != nil {
		return nil, err
	}
	if len(geom) > 0 {
		g, err := wkb.Unmarshal(geom)
		if err != nil {
			return nil, fmt.Errorf("ruas %s: stored geometry unreadable: %w", r.Key, err)
		}
		r.Geometry = g
	}
	r.Source.At = ParseTime(recorded)
	r.UpdatedAt = ParseTime(updated)
	r.Verif.At = ParseTime(verifAt)
	return &r, nil
}

// CreateRuas stores a new ruas. A ruas with the same key is a conflict.
func (db *Records) CreateRuas(ctx context.Context, r *roads.Ruas) error {
	r.Normalize()
	if err := roads.ValidationErrorOf("ruas "+r.Key.String(), r.Validate()); err != nil {
		return err
	}
	return db.write(ctx, func(tx Tx) error {
		if err := CheckInsideOffice(ctx, tx, r); err != nil {
			return err
		}
		return db.dl.InsertRuas(ctx, tx, r, db.now())
	})
}

// CheckInsideOffice refuses a ruas drawn far outside the office's
// boundary (a slip of sign or digit puts a city road in another province,
// and every map then frames both).
func CheckInsideOffice(ctx context.Context, tx Tx, r *roads.Ruas) error {
	fe, err := OutsideOffice(ctx, tx, r.Geometry)
	if err != nil || fe == nil {
		return err
	}
	return roads.ValidationErrorOf("ruas "+r.Key.String(), []roads.FieldError{*fe})
}

// InsertRuas writes r as a new ruas stamped at.
func (d *Dialect) InsertRuas(ctx context.Context, tx Tx, r *roads.Ruas, at time.Time) error {
	gcols, gvals, gargs, err := d.GeomWrite(r.Geometry)
	if err != nil {
		return err
	}
	ts := StampText(at)
	if r.Source.At.IsZero() {
		r.Source.At = ParseTime(ts)
	}
	args := []any{r.Key.Region, r.Key.No, r.Name, r.Status, r.Fungsi, r.Surface, r.SurfaceText, r.WidthM, r.LengthM}
	args = append(args, gargs...)
	args = append(args, r.GeomLengthM, r.Kabupaten, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan,
		r.YearBuilt, r.DesignLife, r.Notes, r.Source.File, r.Source.Row, r.Source.Form, r.Source.User,
		r.Source.At.UTC().Format(time.RFC3339Nano), ts)
	id, err := d.InsertID(ctx, tx, `INSERT INTO ruas (region, no_ruas, name, status, fungsi, surface, surface_text, width_m, length_m,
		`+strings.Join(gcols, ", ")+`, geom_length_m, kabupaten, kecamatan_code, kecamatan, kelurahan_code, kelurahan,
		year_built, design_life, notes, source_file, source_row, source_form, source_user, recorded_at, version, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,`+strings.Join(gvals, ",")+`,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)`, args...)
	if d.IsUnique(err) {
		return fmt.Errorf("%w: ruas %s already exists; edit it instead of creating it again", roads.ErrConflict, r.Key)
	}
	if err != nil {
		return fmt.Errorf("create ruas %s: %w", r.Key, err)
	}
	r.ID = id
	r.Version = 1
	r.Verif = roads.Verification{State: roads.Draft}
	r.UpdatedAt = ParseTime(ts)
	return nil
}

// UpdateRuas writes r over the stored ruas with the same ID, provided the
// stored row version still equals r.Version (the version the editor read).
// Otherwise it returns a *ConflictError (wrapping ErrConflict) that holds
// the current row, and writes nothing. On success r.Version is the new version.
func (db *Records) UpdateRuas(ctx context.Context, r *roads.Ruas) error {
	r.Normalize()
	if err := roads.ValidationErrorOf("ruas "+r.Key.String(), r.Validate()); err != nil {
		return err
	}
	return db.write(ctx, func(tx Tx) error {
		if err := CheckInsideOffice(ctx, tx, r); err != nil {
			return err
		}
		return db.dl.UpdateRuas(ctx, tx, r, db.now())
	})
}

// UpdateRuas writes r over the stored ruas of r.ID if its version is still r.Version.
func (d *Dialect) UpdateRuas(ctx context.Context, tx Tx, r *roads.Ruas, at time.Time) error {
	gcols, gvals, gargs, err := d.GeomWrite(r.Geometry)
	if err != nil {
		return err
	}
	gset := make([]string, len(gcols))
	for i := range gcols {
		gset[i] = gcols[i] + "=" + gvals[i]
	}
	ts := StampText(at)
	args := []any{r.Key.Region, r.Key.No, r.Name, r.Status, r.Fungsi, r.Surface, r.SurfaceText, r.WidthM, r.LengthM}
	args = append(args, gargs...)
	args = append(args, r.GeomLengthM, r.Kabupaten, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan,
		r.YearBuilt, r.DesignLife, r.Notes, r.Source.File, r.Source.Row, r.Source.Form, r.Source.User, ts, r.ID, r.Version)
	res, err := tx.ExecContext(ctx, `UPDATE ruas SET region=?, no_ruas=?, name=?, status=?, fungsi=?, surface=?, surface_text=?, width_m=?, length_m=?,
		`+strings.Join(gset, ", ")+`, geom_length_m=?, kabupaten=?, kecamatan_code=?, kecamatan=?, kelurahan_code=?, kelurahan=?,
		year_built=?, design_life=?, notes=?, source_file=?, source_row=?, source_form=?, source_user=?, version=version+1, updated_at=?,
		verif='draft', verif_by='', verif_at=`+d.NoStamp+`, verif_note=''
		WHERE id=? AND version=?`, args...)
	if d.IsUnique(err) {
		return fmt.Errorf("%w: another ruas already has key %s", roads.ErrConflict, r.Key)
	}
	if err != nil {
		return fmt.Errorf("update ruas %s: %w", r.Key, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		cur, err := ScanRuas(tx.QueryRowContext(ctx, `SELECT `+d.RuasColumns()+` FROM ruas WHERE id = ?`, r.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas %s (id %d) was deleted", roads.ErrNotFound, r.Key, r.ID)
		}
		if err != nil {
			return err
		}
		return &roads.ConflictError{Current: cur, Tried: r.Version}
	}
	r.Version++
	r.UpdatedAt = ParseTime(ts)
	r.Verif = roads.Verification{State: roads.Draft}
	return nil
}

// DeleteRuas removes a ruas and its surveys, works and traffic, provided
// its row version is still version.
func (db *Records) DeleteRuas(ctx context.Context, id int64, version int) error {
	return db.write(ctx, func(tx Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM ruas WHERE id = ? AND version = ?`, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			cur, err := ScanRuas(tx.QueryRowContext(ctx, `SELECT `+db.dl.RuasColumns()+` FROM ruas WHERE id = ?`, id))
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("%w: ruas id %d", roads.ErrNotFound, id)
			}
			if err != nil {
				return err
			}
			return &roads.ConflictError{Current: cur, Tried: version}
		}
		return nil
	})
}

// Ruas returns the ruas with the given key.
func (db *Records) Ruas(ctx context.Context, key roads.Key) (*roads.Ruas, error) {
	var r *roads.Ruas
	err := db.read(ctx, func(tx Tx) error {
		var err error
		r, err = ScanRuas(tx.QueryRowContext(ctx, `SELECT `+db.dl.RuasColumns()+` FROM ruas WHERE region = ? AND no_ruas = ?`, key.Region, key.No))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas %s", roads.ErrNotFound, key)
		}
		return err
	})
	return r, err
}

// RuasByID returns the ruas with the given store id.
func (db *Records) RuasByID(ctx context.Context, id int64) (*roads.Ruas, error) {
	var r *roads.Ruas
	err := db.read(ctx, func(tx Tx) error {
		var err error
		r, err = ScanRuas(tx.QueryRowContext(ctx, `SELECT `+db.dl.RuasColumns()+` FROM ruas WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas id %d", roads.ErrNotFound, id)
		}
		return err
	})
	return r, err
}

// ListRuas returns the ruas matching f.
func (db *Records) ListRuas(ctx context.Context, f roads.RuasFilter) ([]*roads.Ruas, error) {
	where, args := db.dl.RuasWhere(f)
	order := "region, no_ruas"
	switch f.Order {
	case "name":
		order = db.dl.NoCase("name")
	case "length":
		order = "CASE WHEN length_m > 0 THEN length_m ELSE geom_length_m END"
	}
	if f.Desc {
		order += " DESC"
	}
	q := `SELECT ` + db.dl.RuasColumns() + ` FROM ruas` + where + ` ORDER BY ` + order + `, id`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	var out []*roads.Ruas
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := ScanRuas(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// CountRuas counts the ruas matching f (ignoring Limit and Offset).
func (db *Records) CountRuas(ctx context.Context, f roads.RuasFilter) (int, error) {
	where, args := db.dl.RuasWhere(f)
	var n int
	err := db.read(ctx, func(tx Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM ruas`+where, args...).Scan(&n)
	})
	return n, err
}

// Standing selects the ids of ruas whose retirement stands: they are out
// of the network (plans, maps, lists, exports, quality) but keep their
// history and audit trail.
func (d *Dialect) Standing() string {
	return `SELECT ruas_id FROM ruas_retired WHERE ` + d.Unset("ended_at")
}

// RetireRuas takes the ruas with id out of the network, provided its row
// version is still version (the version the person read). The ruas, its
// surveys, works and traffic stay stored and audited; the retirement is
// audited with by as actor. Retiring a retired ruas is a conflict.
func (db *Records) RetireRuas(ctx context.Context, id int64, version int, by, reason string) error {
	by, reason = strings.TrimSpace(by), strings.TrimSpace(reason)
	if by == "" {
		return fmt.Errorf("%w: retiring a ruas needs the name of who retires it", roads.ErrInvalid)
	}
	if reason == "" {
		return fmt.Errorf("%w: say why the ruas is retired (reason is empty), e.g. the decree that removed it", roads.ErrInvalid)
	}
	return db.write(ctx, func(tx Tx) error {
		cur, err := ScanRuas(tx.QueryRowContext(ctx, `SELECT `+db.dl.RuasColumns()+` FROM ruas WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas id %d", roads.ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		if cur.Version != version {
			return &roads.ConflictError{Current: cur, Tried: version}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO ruas_retired (ruas_id, retired_at, retired_by, reason) VALUES (?, ?, ?, ?)`, id, db.nowText(), by, reason)
		if db.dl.IsUnique(err) {
			return fmt.Errorf("%w: ruas %s is already retired", roads.ErrConflict, cur.Key)
		}
		return err
	})
}

// ReinstateRuas ends the standing retirement of a ruas: it is back in the
// network. The retirement stays recorded; its end is audited with by as actor.
func (db *Records) ReinstateRuas(ctx context.Context, id int64, by string) error {
	by = strings.TrimSpace(by)
	if by == "" {
		return fmt.Errorf("%w: reinstating a ruas needs the name of who reinstates it", roads.ErrInvalid)
	}
	return db.write(ctx, func(tx Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE ruas_retired SET ended_at = ?, ended_by = ? WHERE ruas_id = ? AND `+db.dl.Unset("ended_at"), db.nowText(), by, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: ruas id %d is not retired", roads.ErrNotFound, id)
		}
		return nil
	})
}

// Retirements returns the standing retirements, by ruas id.
func (db *Records) Retirements(ctx context.Context) (map[int64]roads.Retirement, error) {
	out := map[int64]roads.Retirement{}
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT ruas_id, `+db.dl.Stamp("retired_at")+`, retired_by, reason FROM ruas_retired WHERE `+db.dl.Unset("ended_at"))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r roads.Retirement
			var at string
			if err := rows.Scan(&r.RuasID, &at, &r.By, &r.Reason); err != nil {
				return err
			}
			r.At = ParseTime(at)
			out[r.RuasID] = r
		}
		return rows.Err()
	})
	return out, err
}
