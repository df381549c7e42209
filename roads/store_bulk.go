package roads

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ApplyBulk writes a batch exactly as Apply does — the same upserts by
// key, the same counts, one all-or-nothing transaction — but prepares each
// statement once per transaction instead of once per record, and does not
// look for stored surveys of a ruas the same batch has just created. It is
// the path for large imports: preparing an INSERT compiles the audit
// triggers into it, which costs more than running it. Batches holding works
// or traffic go through Apply. TestApplyBulkMatchesApply keeps the two
// paths writing identical rows.
func (s *Store) ApplyBulk(ctx context.Context, b *Batch, progress func(done, total int)) (ApplyStats, error) {
	if len(b.Works) > 0 || len(b.Traffic) > 0 {
		return s.Apply(ctx, b, progress)
	}
	var st ApplyStats
	total, done := b.Len(), 0
	tick := func() {
		done++
		if progress != nil && (done%1000 == 0 || done == total) {
			progress(done, total)
		}
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		c := &stmts{tx: tx, m: map[string]*sql.Stmt{}}
		defer c.close()
		// One read of the stored keys spares a look-up per new ruas.
		stored, err := storedKeys(ctx, tx)
		if err != nil {
			return err
		}
		c.stored = stored
		ids := map[Key]int64{}
		fresh := map[int64]bool{} // created by this batch: no stored surveys
		for _, r := range b.Ruas {
			if err := ctx.Err(); err != nil {
				return err
			}
			ch, err := c.upsertRuas(ctx, r)
			if err != nil {
				return err
			}
			bump(&st.Ruas, ch)
			ids[r.Key] = r.ID
			if ch == created {
				fresh[r.ID] = true
			}
			tick()
		}
		written := map[string]bool{} // surveys of fresh ruas written so far
		for _, v := range b.Surveys {
			if err := ctx.Err(); err != nil {
				return err
			}
			if v.RuasID == 0 {
				if id, ok := ids[v.Ruas]; ok {
					v.RuasID = id
				} else {
					err := c.queryRow(ctx, `SELECT id FROM ruas WHERE region = ? AND no_ruas = ?`, v.Ruas.Region, v.Ruas.No).Scan(&v.RuasID)
					if errors.Is(err, sql.ErrNoRows) {
						return fmt.Errorf("%w: ruas %s is not in the register; add the ruas first", ErrNotFound, v.Ruas)
					}
					if err != nil {
						return err
					}
					ids[v.Ruas] = v.RuasID
				}
			}
			k := fmt.Sprintf("%d\x00%s\x00%g\x00%g", v.RuasID, v.Date.Format(dateLayout), v.StaFromM, v.StaToM)
			var ch change
			var err error
			if fresh[v.RuasID] && !written[k] {
				ch, err = created, c.insertSurvey(ctx, v, false)
			} else {
				ch, err = c.upsertSurvey(ctx, v)
			}
			if err != nil {
				return err
			}
			written[k] = true
			bump(&st.Surveys, ch)
			tick()
		}
		return nil
	})
	if err != nil {
		return ApplyStats{}, err
	}
	return st, nil
}

// stmts prepares each statement of a transaction once.
type stmts struct {
	tx     *sql.Tx
	m      map[string]*sql.Stmt
	stored map[Key]bool // keys stored when the transaction began
}

func storedKeys(ctx context.Context, tx *sql.Tx) (map[Key]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT region, no_ruas FROM ruas`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keys := map[Key]bool{}
	for rows.Next() {
		var k Key
		if err := rows.Scan(&k.Region, &k.No); err != nil {
			return nil, err
		}
		keys[k] = true
	}
	return keys, rows.Err()
}

func (c *stmts) prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	if s, ok := c.m[q]; ok {
		return s, nil
	}
	s, err := c.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	c.m[q] = s
	return s, nil
}

func (c *stmts) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	s, err := c.prepare(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

// errRow lets queryRow report a prepare error through Scan.
type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

func (c *stmts) queryRow(ctx context.Context, q string, args ...any) scanner {
	s, err := c.prepare(ctx, q)
	if err != nil {
		return errRow{err}
	}
	return s.QueryRowContext(ctx, args...)
}

func (c *stmts) close() {
	for _, s := range c.m {
		s.Close()
	}
}

// The statements below are those of insertRuas, updateRuas, upsertSurvey
// and insertSurvey, with the same arguments.
const (
	bulkSelectRuas = `SELECT ` + ruasColumns + ` FROM ruas WHERE region = ? AND no_ruas = ?`
	bulkInsertRuas = `INSERT INTO ruas (region, no_ruas, name, status, fungsi, surface, surface_text, width_m, length_m,
		geom, geom_length_m, min_lon, min_lat, max_lon, max_lat, kabupaten, kecamatan_code, kecamatan, kelurahan_code, kelurahan,
		year_built, design_life, notes, source_file, source_row, source_form, source_user, recorded_at, version, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)`
	bulkUpdateRuas = `UPDATE ruas SET region=?, no_ruas=?, name=?, status=?, fungsi=?, surface=?, surface_text=?, width_m=?, length_m=?,
		geom=?, geom_length_m=?, min_lon=?, min_lat=?, max_lon=?, max_lat=?, kabupaten=?, kecamatan_code=?, kecamatan=?, kelurahan_code=?, kelurahan=?,
		year_built=?, design_life=?, notes=?, source_file=?, source_row=?, source_form=?, source_user=?, version=version+1, updated_at=?,
		verif='draft', verif_by='', verif_at='', verif_note=''
		WHERE id=? AND version=?`
	bulkSelectSurvey = `SELECT ` + surveyColumns + ` FROM survey s JOIN ruas r ON r.id = s.ruas_id
		WHERE s.ruas_id = ? AND s.date = ? AND s.sta_from_m = ? AND s.sta_to_m = ?`
	bulkInsertSurvey = ` INTO survey (ruas_id, date, date_basis, sta_from_m, sta_to_m,
		crack_area_pct, crack_width_mm, potholes, rut_cm, iri, pci, scheme, part1, part2, part3, part4,
		sdi, kondisi, basis, rule_version, steps, m_baik, m_sedang, m_rusak_ringan, m_rusak_berat, mapping_version,
		source_file, source_row, source_form, source_user, recorded_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
)

func (c *stmts) upsertRuas(ctx context.Context, r *Ruas) (change, error) {
	if !c.stored[r.Key] {
		// Not stored before this batch. A repeat of the key later in
		// the batch then takes the look-up path and finds this row, as
		// in Apply.
		c.stored[r.Key] = true
		return created, c.insertRuas(ctx, r)
	}
	cur, err := scanRuas(c.queryRow(ctx, bulkSelectRuas, r.Key.Region, r.Key.No))
	if errors.Is(err, sql.ErrNoRows) {
		return created, c.insertRuas(ctx, r)
	}
	if err != nil {
		return 0, err
	}
	r.ID = cur.ID
	if sameRuas(cur, r) {
		r.Version = cur.Version
		r.Source = cur.Source
		return unchanged, nil
	}
	r.Version = cur.Version
	return updated, c.updateRuas(ctx, r)
}

func (c *stmts) insertRuas(ctx context.Context, r *Ruas) error {
	blob, x0, y0, x1, y1, err := geomArgs(r.Geometry)
	if err != nil {
		return err
	}
	ts := now()
	if r.Source.At.IsZero() {
		r.Source.At = parseTime(ts)
	}
	res, err := c.exec(ctx, bulkInsertRuas,
		r.Key.Region, r.Key.No, r.Name, r.Status, r.Fungsi, r.Surface, r.SurfaceText, r.WidthM, r.LengthM,
		blob, r.GeomLengthM, x0, y0, x1, y1, r.Kabupaten, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan,
		r.YearBuilt, r.DesignLife, r.Notes, r.Source.File, r.Source.Row, r.Source.Form, r.Source.User,
		r.Source.At.UTC().Format("2006-01-02T15:04:05.999999999Z07:00"), ts)
	if isUnique(err) {
		return fmt.Errorf("%w: ruas %s already exists; edit it instead of creating it again", ErrConflict, r.Key)
	}
	if err != nil {
		return fmt.Errorf("create ruas %s: %w", r.Key, err)
	}
	r.ID, _ = res.LastInsertId()
	r.Version = 1
	r.Verif = Verification{State: Draft}
	r.UpdatedAt = parseTime(ts)
	return nil
}

func (c *stmts) updateRuas(ctx context.Context, r *Ruas) error {
	blob, x0, y0, x1, y1, err := geomArgs(r.Geometry)
	if err != nil {
		return err
	}
	ts := now()
	res, err := c.exec(ctx, bulkUpdateRuas,
		r.Key.Region, r.Key.No, r.Name, r.Status, r.Fungsi, r.Surface, r.SurfaceText, r.WidthM, r.LengthM,
		blob, r.GeomLengthM, x0, y0, x1, y1, r.Kabupaten, r.KecamatanCode, r.Kecamatan, r.KelurahanCode, r.Kelurahan,
		r.YearBuilt, r.DesignLife, r.Notes, r.Source.File, r.Source.Row, r.Source.Form, r.Source.User, ts, r.ID, r.Version)
	if isUnique(err) {
		return fmt.Errorf("%w: another ruas already has key %s", ErrConflict, r.Key)
	}
	if err != nil {
		return fmt.Errorf("update ruas %s: %w", r.Key, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		// The row was read in this same transaction: it cannot have moved.
		return fmt.Errorf("update ruas %s: row version %d no longer stored", r.Key, r.Version)
	}
	r.Version++
	r.UpdatedAt = parseTime(ts)
	r.Verif = Verification{State: Draft}
	return nil
}

func (c *stmts) upsertSurvey(ctx context.Context, v *Survey) (change, error) {
	s, err := c.prepare(ctx, bulkSelectSurvey)
	if err != nil {
		return 0, err
	}
	rows, err := s.QueryContext(ctx, v.RuasID, v.Date.Format(dateLayout), v.StaFromM, v.StaToM)
	if err != nil {
		return 0, err
	}
	var cur *Survey
	for rows.Next() {
		if cur, err = scanSurvey(rows); err != nil {
			rows.Close()
			return 0, err
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if cur == nil {
		return created, c.insertSurvey(ctx, v, false)
	}
	if sameSurvey(cur, v) {
		v.ID = cur.ID
		return unchanged, nil
	}
	return updated, c.insertSurvey(ctx, v, true)
}

func (c *stmts) insertSurvey(ctx context.Context, v *Survey, replace bool) error {
	d := v.Distress
	if d == nil {
		d = &Distress{}
	}
	if v.Source.At.IsZero() {
		v.Source.At = time.Now().UTC()
	}
	verb := "INSERT"
	if replace {
		verb = "INSERT OR REPLACE"
	}
	res, err := c.exec(ctx, verb+bulkInsertSurvey,
		v.RuasID, v.Date.Format(dateLayout), v.DateBasis, v.StaFromM, v.StaToM,
		d.CrackAreaPct, d.CrackWidthMM, d.Potholes, d.RutCM, d.IRI, d.PCI, v.Scheme, v.Parts[0], v.Parts[1], v.Parts[2], v.Parts[3],
		v.Assessment.SDI, v.Assessment.Kondisi, v.Assessment.Basis, v.Assessment.RuleVersion, strings.Join(v.Assessment.Steps, "\n"),
		v.Metres[0], v.Metres[1], v.Metres[2], v.Metres[3], v.MappingVersion,
		v.Source.File, v.Source.Row, v.Source.Form, v.Source.User, v.Source.At.UTC().Format(time.RFC3339Nano))
	if isUnique(err) {
		return fmt.Errorf("%w: ruas %s already has a survey on %s for STA %s–%s", ErrConflict, v.Ruas, v.Date.Format(dateLayout), FormatSTA(v.StaFromM), FormatSTA(v.StaToM))
	}
	if err != nil {
		return fmt.Errorf("add survey of ruas %s: %w", v.Ruas, err)
	}
	v.ID, _ = res.LastInsertId()
	v.Verif = Verification{State: Draft}
	return nil
}
