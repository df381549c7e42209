package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

const ruasColumns = `id, region, no_ruas, name, status, fungsi, surface, surface_text, width_m, length_m, ST_AsBinary(geom), geom_length_m,
	kabupaten, kecamatan_code, kecamatan, kelurahan_code, kelurahan, year_built, design_life, notes,
	source_file, source_row, source_form, source_user, recorded_at, version, updated_at, verif, verif_by, ts(verif_at), verif_note`

type scanner interface{ Scan(dest ...any) error }

func scanRuas(sc scanner) (*roads.Ruas, error) {
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
	r.Source.At = parseTime(recorded)
	r.UpdatedAt = parseTime(updated)
	r.Verif.At = parseTime(verifAt)
	return &r, nil
}

// geomArg is a geometry as the WKB parameter of ST_GeomFromWKB (nil: NULL).
func geomArg(g orb.Geometry) ([]byte, error) {
	if g == nil {
		return nil, nil
	}
	return wkb.Marshal(g)
}

// CreateRuas stores a new ruas. A ruas with the same key is a conflict.
func (s *Store) CreateRuas(ctx context.Context, r *roads.Ruas) error {
	r.Normalize()
	if err := roads.ValidationErrorOf("ruas "+r.Key.String(), r.Validate()); err != nil {
		return err
	}
	return s.write(ctx, func(tx *pgTx) error {
		if err := checkInsideOffice(ctx, tx, r); err != nil {
			return err
		}
		return insertRuas(ctx, tx, r, s.now())
	})
}

// checkInsideOffice refuses a ruas drawn far outside the office's
// boundary (a slip of sign or digit puts a city road in another province,
// and every map then frames both).
func checkInsideOffice(ctx context.Context, tx dbtx, r *roads.Ruas) error {
	fe, err := outsideOffice(ctx, tx, r.Geometry)
	if err != nil || fe == nil {
		return err
	}
	return roads.ValidationErrorOf("ruas "+r.Key.String(), []roads.FieldError{*fe})
}

func insertRuas(ctx context.Context, tx dbtx, r *roads.Ruas, at time.Time) error {
	blob, err := geomArg(r.Geometry)
	if err != nil {
		return err
	}
	ts := stampText(at)
	if r.Source.At.IsZero() {
		r.Source.At = parseTime(ts)
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO ruas (region, no_ruas, name, status, fungsi, surface, surface_text, width_m, length_m,
		geom, geom_length_m, kabupaten, kecamatan_code, kecamatan, kelurahan_code, kelurahan,
		year_built, design_life, notes, source_file, source_row, source_form, source_user, recorded_at, version, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,ST_GeomFromWKB(?, 4326),?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?) RETURNING id`,
		r.Key.Region, r.Key.No, r.Name, r.Status, r.Fungsi, r.Surface, r.SurfaceText, r.WidthM, r.LengthM,
		blob, r.GeomLengthM, r.Kabupaten, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan,
		r.YearBuilt, r.DesignLife, r.Notes, r.Source.File, r.Source.Row, r.Source.Form, r.Source.User,
		r.Source.At.UTC().Format(time.RFC3339Nano), ts).Scan(&r.ID)
	if isUnique(err) {
		return fmt.Errorf("%w: ruas %s already exists; edit it instead of creating it again", roads.ErrConflict, r.Key)
	}
	if err != nil {
		return fmt.Errorf("create ruas %s: %w", r.Key, err)
	}
	r.Version = 1
	r.Verif = roads.Verification{State: roads.Draft}
	r.UpdatedAt = parseTime(ts)
	return nil
}

// UpdateRuas writes r over the stored ruas with the same ID, provided the
// stored row version still equals r.Version (the version the editor read).
// Otherwise it returns a *ConflictError (wrapping ErrConflict) that holds
// the current row, and writes nothing. On success r.Version is the new version.
func (s *Store) UpdateRuas(ctx context.Context, r *roads.Ruas) error {
	r.Normalize()
	if err := roads.ValidationErrorOf("ruas "+r.Key.String(), r.Validate()); err != nil {
		return err
	}
	return s.write(ctx, func(tx *pgTx) error {
		if err := checkInsideOffice(ctx, tx, r); err != nil {
			return err
		}
		return updateRuas(ctx, tx, r, s.now())
	})
}

func updateRuas(ctx context.Context, tx dbtx, r *roads.Ruas, at time.Time) error {
	blob, err := geomArg(r.Geometry)
	if err != nil {
		return err
	}
	ts := stampText(at)
	res, err := tx.ExecContext(ctx, `UPDATE ruas SET region=?, no_ruas=?, name=?, status=?, fungsi=?, surface=?, surface_text=?, width_m=?, length_m=?,
		geom=ST_GeomFromWKB(?, 4326), geom_length_m=?, kabupaten=?, kecamatan_code=?, kecamatan=?, kelurahan_code=?, kelurahan=?,
		year_built=?, design_life=?, notes=?, source_file=?, source_row=?, source_form=?, source_user=?, version=version+1, updated_at=?,
		verif='draft', verif_by='', verif_at=NULL, verif_note=''
		WHERE id=? AND version=?`,
		r.Key.Region, r.Key.No, r.Name, r.Status, r.Fungsi, r.Surface, r.SurfaceText, r.WidthM, r.LengthM,
		blob, r.GeomLengthM, r.Kabupaten, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan,
		r.YearBuilt, r.DesignLife, r.Notes, r.Source.File, r.Source.Row, r.Source.Form, r.Source.User, ts, r.ID, r.Version)
	if isUnique(err) {
		return fmt.Errorf("%w: another ruas already has key %s", roads.ErrConflict, r.Key)
	}
	if err != nil {
		return fmt.Errorf("update ruas %s: %w", r.Key, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		cur, err := scanRuas(tx.QueryRowContext(ctx, `SELECT `+ruasColumns+` FROM ruas WHERE id = ?`, r.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas %s (id %d) was deleted", roads.ErrNotFound, r.Key, r.ID)
		}
		if err != nil {
			return err
		}
		return &roads.ConflictError{Current: cur, Tried: r.Version}
	}
	r.Version++
	r.UpdatedAt = parseTime(ts)
	r.Verif = roads.Verification{State: roads.Draft}
	return nil
}

// DeleteRuas removes a ruas and its surveys, works and traffic, provided
// its row version is still version.
func (s *Store) DeleteRuas(ctx context.Context, id int64, version int) error {
	return s.write(ctx, func(tx *pgTx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM ruas WHERE id = ? AND version = ?`, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			cur, err := scanRuas(tx.QueryRowContext(ctx, `SELECT `+ruasColumns+` FROM ruas WHERE id = ?`, id))
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
func (s *Store) Ruas(ctx context.Context, key roads.Key) (*roads.Ruas, error) {
	var r *roads.Ruas
	err := s.read(ctx, func(tx *pgTx) error {
		var err error
		r, err = scanRuas(tx.QueryRowContext(ctx, `SELECT `+ruasColumns+` FROM ruas WHERE region = ? AND no_ruas = ?`, key.Region, key.No))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas %s", roads.ErrNotFound, key)
		}
		return err
	})
	return r, err
}

// RuasByID returns the ruas with the given store id.
func (s *Store) RuasByID(ctx context.Context, id int64) (*roads.Ruas, error) {
	var r *roads.Ruas
	err := s.read(ctx, func(tx *pgTx) error {
		var err error
		r, err = scanRuas(tx.QueryRowContext(ctx, `SELECT `+ruasColumns+` FROM ruas WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas id %d", roads.ErrNotFound, id)
		}
		return err
	})
	return r, err
}

func ruasWhere(f roads.RuasFilter) (string, []any) {
	var conds []string
	var args []any
	if !f.Retired {
		conds = append(conds, "id NOT IN ("+standing+")")
	}
	if f.Region != "" {
		conds, args = append(conds, "region = ?"), append(args, f.Region)
	}
	if c, a := scopeWhere(f.Within); c != "" {
		conds, args = append(conds, c), append(args, a...)
	}
	if f.Kecamatan != "" {
		conds, args = append(conds, "(kecamatan_code = ? OR lower(kecamatan) = lower(?))"), append(args, f.Kecamatan, f.Kecamatan)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, f.Status)
	}
	if f.Surface != "" {
		conds, args = append(conds, "surface = ?"), append(args, f.Surface)
	}
	if f.Search != "" {
		like := "%" + strings.NewReplacer("%", `\%`, "_", `\_`).Replace(f.Search) + "%"
		conds, args = append(conds, `(name ILIKE ? ESCAPE '\' OR no_ruas ILIKE ? ESCAPE '\')`), append(args, like, like)
	}
	if f.Bound != nil {
		conds = append(conds, "geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)")
		args = append(args, f.Bound.Min[0], f.Bound.Min[1], f.Bound.Max[0], f.Bound.Max[1])
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListRuas returns the ruas matching f.
func (s *Store) ListRuas(ctx context.Context, f roads.RuasFilter) ([]*roads.Ruas, error) {
	where, args := ruasWhere(f)
	order := "region, no_ruas"
	switch f.Order {
	case "name":
		order = "lower(name)"
	case "length":
		order = "CASE WHEN length_m > 0 THEN length_m ELSE geom_length_m END"
	}
	if f.Desc {
		order += " DESC"
	}
	q := `SELECT ` + ruasColumns + ` FROM ruas` + where + ` ORDER BY ` + order + `, id`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, f.Offset)
	}
	var out []*roads.Ruas
	err := s.read(ctx, func(tx *pgTx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRuas(rows)
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
func (s *Store) CountRuas(ctx context.Context, f roads.RuasFilter) (int, error) {
	where, args := ruasWhere(f)
	var n int
	err := s.read(ctx, func(tx *pgTx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM ruas`+where, args...).Scan(&n)
	})
	return n, err
}

// standing selects the ids of ruas whose retirement stands: they are out
// of the network (plans, maps, lists, exports, quality) but keep their
// history and audit trail.
const standing = `SELECT ruas_id FROM ruas_retired WHERE ended_at IS NULL`

// RetireRuas takes the ruas with id out of the network, provided its row
// version is still version (the version the person read). The ruas, its
// surveys, works and traffic stay stored and audited; the retirement is
// audited with by as actor. Retiring a retired ruas is a conflict.
func (s *Store) RetireRuas(ctx context.Context, id int64, version int, by, reason string) error {
	by, reason = strings.TrimSpace(by), strings.TrimSpace(reason)
	if by == "" {
		return fmt.Errorf("%w: retiring a ruas needs the name of who retires it", roads.ErrInvalid)
	}
	if reason == "" {
		return fmt.Errorf("%w: say why the ruas is retired (reason is empty), e.g. the decree that removed it", roads.ErrInvalid)
	}
	return s.write(ctx, func(tx *pgTx) error {
		cur, err := scanRuas(tx.QueryRowContext(ctx, `SELECT `+ruasColumns+` FROM ruas WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: ruas id %d", roads.ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		if cur.Version != version {
			return &roads.ConflictError{Current: cur, Tried: version}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO ruas_retired (ruas_id, retired_at, retired_by, reason) VALUES (?, ?, ?, ?)`, id, s.nowText(), by, reason)
		if isUnique(err) {
			return fmt.Errorf("%w: ruas %s is already retired", roads.ErrConflict, cur.Key)
		}
		return err
	})
}

// ReinstateRuas ends the standing retirement of a ruas: it is back in the
// network. The retirement stays recorded; its end is audited with by as actor.
func (s *Store) ReinstateRuas(ctx context.Context, id int64, by string) error {
	by = strings.TrimSpace(by)
	if by == "" {
		return fmt.Errorf("%w: reinstating a ruas needs the name of who reinstates it", roads.ErrInvalid)
	}
	return s.write(ctx, func(tx *pgTx) error {
		res, err := tx.ExecContext(ctx, `UPDATE ruas_retired SET ended_at = ?, ended_by = ? WHERE ruas_id = ? AND ended_at IS NULL`, s.nowText(), by, id)
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
func (s *Store) Retirements(ctx context.Context) (map[int64]roads.Retirement, error) {
	out := map[int64]roads.Retirement{}
	err := s.read(ctx, func(tx *pgTx) error {
		rows, err := tx.QueryContext(ctx, `SELECT ruas_id, retired_at, retired_by, reason FROM ruas_retired WHERE ended_at IS NULL`)
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
			r.At = parseTime(at)
			out[r.RuasID] = r
		}
		return rows.Err()
	})
	return out, err
}
