package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/paulmach/orb/encoding/wkb"
)

// Apply writes the batch in one transaction: ruas are upserted by key (a
// ruas whose content is unchanged is left alone, so re-importing a file
// changes nothing), surveys replace a survey of the same ruas, date and STA
// range, works are matched on ruas, date, type, STA and contract, traffic
// on ruas and year. Records must be validated and surveys derived before
// (see Prepare); any error rolls the whole batch back. progress, if not
// nil, is called with the number of records written so far.
func (s *Store) Apply(ctx context.Context, b *roads.Batch, progress func(done, total int)) (roads.ApplyStats, error) {
	var st roads.ApplyStats
	total, done := b.Len(), 0
	at := s.now() // one recorded_at for the whole batch
	tick := func() {
		done++
		if progress != nil && (done%1000 == 0 || done == total) {
			progress(done, total)
		}
	}
	err := s.writeBatch(ctx, b.Len() >= bulkRuas, func(plain *sql.Tx) error {
		tx := newStmtCache(plain)
		defer tx.close()
		// Statements run without ctx's cancel: with it the driver starts a
		// goroutine per statement and waits on it (at 200,000 rows, more
		// time in thread hand-offs than in the statements). The loops check
		// ctx between rows, and a cancelled ctx rolls the transaction back.
		live := ctx
		ctx := context.WithoutCancel(ctx)
		var stored map[roads.Key]bool // with a large batch: the keys stored before it
		audit := &deferredAudit{}
		if len(b.Ruas) >= bulkRuas {
			// A large batch reads the stored keys once; it also runs with
			// a larger page cache, statement journals in memory and its
			// insert audit rows deferred (writeBatch, deferAudit: store_scale.go).
			var err error
			if stored, err = storedKeys(ctx, plain); err != nil {
				return err
			}
		}
		if b.Len() >= bulkRuas {
			var err error
			if audit, err = deferAudit(ctx, plain, "ruas", "survey"); err != nil {
				return err
			}
		}
		ids := map[roads.Key]int64{}
		fresh := map[int64]bool{} // ruas created by this batch: nothing of theirs to match
		for _, r := range b.Ruas {
			if err := live.Err(); err != nil {
				return err
			}
			var c change
			var err error
			if stored != nil && !stored[r.Key] {
				// Not stored before the batch: insert without a look-up. A
				// repeat of the key later in the batch takes the look-up.
				stored[r.Key] = true
				c, err = created, insertRuas(ctx, tx, r, at)
			} else if err = audit.flush(ctx, plain); err == nil {
				c, err = upsertRuas(ctx, tx, r, at)
			}
			if err != nil {
				return err
			}
			bump(&st.Ruas, c)
			ids[r.Key] = r.ID
			if c == created {
				fresh[r.ID] = true
				audit.pending = true
			}
			tick()
		}
		written := map[surveyKey]bool{} // repeats within the batch take the look-up
		lookup := func(id *int64, key roads.Key) error {
			if *id != 0 {
				return nil
			}
			if v, ok := ids[key]; ok {
				*id = v
				return nil
			}
			if err := resolveRuas(ctx, tx, id, key); err != nil {
				return err
			}
			ids[key] = *id
			return nil
		}
		for _, v := range b.Surveys {
			if err := live.Err(); err != nil {
				return err
			}
			if err := lookup(&v.RuasID, v.Ruas); err != nil {
				return err
			}
			k := surveyKey{v.RuasID, v.Date, v.StaFromM, v.StaToM}
			isNew := fresh[v.RuasID] && !written[k]
			if !isNew {
				if err := audit.flush(ctx, plain); err != nil {
					return err
				}
			}
			c, err := upsertSurvey(ctx, tx, v, isNew, at)
			written[k] = true
			if err != nil {
				return err
			}
			if c == created {
				audit.pending = true
			}
			bump(&st.Surveys, c)
			tick()
		}
		if err := audit.flush(ctx, plain); err != nil {
			return err
		}
		for _, w := range b.Works {
			if err := lookup(&w.RuasID, w.Ruas); err != nil {
				return err
			}
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM works WHERE ruas_id=? AND date=? AND type=? AND sta_from_m=? AND sta_to_m=? AND contract_ref=?`,
				w.RuasID, w.Date.Format(dateLayout), w.Type, w.StaFromM, w.StaToM, w.ContractRef).Scan(&id)
			switch {
			case err == nil:
				w.ID = id
				// The source names who changed it, so the audit trail does.
				if w.Source.At.IsZero() {
					w.Source.At = time.Now().UTC()
				}
				res, err := tx.ExecContext(ctx, `UPDATE works SET quantity=?, unit=?, cost_rp=?, funding=?, sub_kegiatan=?, nomen_version=?, committed=?,
					source_file=?, source_row=?, source_form=?, source_user=?, recorded_at=?,
					verif='draft', verif_by='', verif_at='', verif_note=''
					WHERE id=? AND NOT (quantity=? AND unit=? AND cost_rp=? AND funding=? AND sub_kegiatan=? AND nomen_version=? AND committed=?)`,
					w.Quantity, w.Unit, w.CostRp, w.Funding, w.SubKegiatan, w.NomenVersion, w.Committed,
					w.Source.File, w.Source.Row, w.Source.Form, w.Source.User, w.Source.At.UTC().Format(time.RFC3339Nano), id,
					w.Quantity, w.Unit, w.CostRp, w.Funding, w.SubKegiatan, w.NomenVersion, w.Committed)
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n > 0 {
					st.Works.Updated++
				} else {
					st.Works.Unchanged++
				}
			case errors.Is(err, sql.ErrNoRows):
				if err := insertWorks(ctx, tx, w, at); err != nil {
					return err
				}
				st.Works.Created++
			default:
				return err
			}
			tick()
		}
		for _, t := range b.Traffic {
			if err := lookup(&t.RuasID, t.Ruas); err != nil {
				return err
			}
			c, err := upsertTraffic(ctx, tx, t, at)
			if err != nil {
				return err
			}
			bump(&st.Traffic, c)
			tick()
		}
		return audit.finish(ctx, plain)
	})
	if err != nil {
		return roads.ApplyStats{}, err
	}
	return st, nil
}

// bulkRuas is the batch size from which Apply reads every stored key once
// instead of looking each new ruas up.
const bulkRuas = 1000

type surveyKey struct {
	ruas     int64
	date     time.Time
	from, to float64
}

func storedKeys(ctx context.Context, tx *sql.Tx) (map[roads.Key]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT region, no_ruas FROM ruas`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keys := map[roads.Key]bool{}
	for rows.Next() {
		var k roads.Key
		if err := rows.Scan(&k.Region, &k.No); err != nil {
			return nil, err
		}
		keys[k] = true
	}
	return keys, rows.Err()
}

type change int

const (
	created change = iota
	updated
	unchanged
)

func bump(c *roads.Counts, ch change) {
	switch ch {
	case created:
		c.Created++
	case updated:
		c.Updated++
	default:
		c.Unchanged++
	}
}

func upsertRuas(ctx context.Context, tx dbtx, r *roads.Ruas, at time.Time) (change, error) {
	cur, err := scanRuas(tx.QueryRowContext(ctx, `SELECT `+ruasColumns+` FROM ruas WHERE region = ? AND no_ruas = ?`, r.Key.Region, r.Key.No))
	if errors.Is(err, sql.ErrNoRows) {
		return created, insertRuas(ctx, tx, r, at)
	}
	if err != nil {
		return 0, err
	}
	r.ID = cur.ID
	keepStored(r, cur)
	if sameRuas(cur, r) {
		r.Version = cur.Version
		r.Source = cur.Source
		return unchanged, nil
	}
	r.Version = cur.Version
	return updated, updateRuas(ctx, tx, r, at)
}

// keepStored fills the fields an import row left empty with the stored
// values: a file carries what it carries (a condition file has no width
// or surface, a table no geometry), and an import never blanks a stored
// field. Clearing a field is an edit, made through the form or the API.
func keepStored(r, cur *roads.Ruas) {
	str := func(v *string, old string) {
		if *v == "" {
			*v = old
		}
	}
	num := func(v *float64, old float64) {
		if *v == 0 {
			*v = old
		}
	}
	str(&r.Name, cur.Name)
	if r.Status == "" {
		r.Status = cur.Status
	}
	if r.Fungsi == "" {
		r.Fungsi = cur.Fungsi
	}
	if (r.Surface == "" || r.Surface == roads.Unknown) && r.SurfaceText == "" {
		r.Surface, r.SurfaceText = cur.Surface, cur.SurfaceText
	}
	num(&r.WidthM, cur.WidthM)
	num(&r.LengthM, cur.LengthM)
	if r.Geometry == nil {
		r.Geometry, r.GeomLengthM = cur.Geometry, cur.GeomLengthM
	}
	str(&r.Kabupaten, cur.Kabupaten)
	if r.KecamatanCode == "" && r.Kecamatan == "" {
		r.KecamatanCode, r.Kecamatan = cur.KecamatanCode, cur.Kecamatan
	}
	if r.KelurahanCode == "" && r.Kelurahan == "" {
		r.KelurahanCode, r.Kelurahan = cur.KelurahanCode, cur.Kelurahan
	}
	if r.YearBuilt == 0 {
		r.YearBuilt = cur.YearBuilt
	}
	if r.DesignLife == 0 {
		r.DesignLife = cur.DesignLife
	}
	str(&r.Notes, cur.Notes)
}

// sameRuas compares the register content of two ruas: everything but the
// store id, row version, timestamps and source.
func sameRuas(a, b *roads.Ruas) bool {
	ga, _ := wkbOf(a)
	gb, _ := wkbOf(b)
	return a.Key == b.Key && a.Name == b.Name && a.Status == b.Status && a.Fungsi == b.Fungsi && a.Surface == b.Surface &&
		a.SurfaceText == b.SurfaceText && a.WidthM == b.WidthM && a.LengthM == b.LengthM && bytes.Equal(ga, gb) &&
		a.Kabupaten == b.Kabupaten && a.KecamatanCode == b.KecamatanCode && a.Kecamatan == b.Kecamatan &&
		a.KelurahanCode == b.KelurahanCode && a.Kelurahan == b.Kelurahan && a.YearBuilt == b.YearBuilt &&
		a.DesignLife == b.DesignLife && a.Notes == b.Notes
}

func wkbOf(r *roads.Ruas) ([]byte, error) {
	if r.Geometry == nil {
		return nil, nil
	}
	return wkb.Marshal(r.Geometry)
}

func upsertSurvey(ctx context.Context, tx dbtx, v *roads.Survey, freshRuas bool, at time.Time) (change, error) {
	if freshRuas {
		return created, insertSurvey(ctx, tx, v, at)
	}
	cur, err := querySurveys(ctx, tx, `SELECT `+surveyColumns+` FROM survey s JOIN ruas r ON r.id = s.ruas_id
		WHERE s.ruas_id = ? AND s.date = ? AND s.sta_from_m = ? AND s.sta_to_m = ?`, v.RuasID, v.Date.Format(dateLayout), v.StaFromM, v.StaToM)
	if err != nil {
		return 0, err
	}
	if len(cur) == 0 {
		return created, insertSurvey(ctx, tx, v, at)
	}
	if sameSurvey(cur[0], v) {
		v.ID = cur[0].ID
		return unchanged, nil
	}
	v.ID = cur[0].ID
	return updated, updateSurveyRow(ctx, tx, v, at)
}

// updateSurveyRow rewrites the measurements of a stored survey (same ruas,
// date and STA) in place: it keeps its id, goes back to draft, and the
// audit trigger records before and after with the importer as actor.
// (Replacing the row would drop the old one from the trail unseen.)
func updateSurveyRow(ctx context.Context, tx dbtx, v *roads.Survey, at time.Time) error {
	d := v.Distress
	if d == nil {
		d = &roads.Distress{}
	}
	if v.Source.At.IsZero() {
		v.Source.At = at.UTC()
	}
	_, err := tx.ExecContext(ctx, `UPDATE survey SET date_basis = ?, crack_area_pct = ?, crack_width_mm = ?, potholes = ?, rut_cm = ?, iri = ?, pci = ?,
		scheme = ?, part1 = ?, part2 = ?, part3 = ?, part4 = ?, sdi = ?, kondisi = ?, basis = ?, rule_version = ?, steps = ?,
		m_baik = ?, m_sedang = ?, m_rusak_ringan = ?, m_rusak_berat = ?, mapping_version = ?,
		source_file = ?, source_row = ?, source_form = ?, source_user = ?, recorded_at = ?,
		verif = 'draft', verif_by = '', verif_at = '', verif_note = ''
		WHERE id = ?`,
		v.DateBasis, d.CrackAreaPct, d.CrackWidthMM, d.Potholes, d.RutCM, d.IRI, d.PCI,
		v.Scheme, v.Parts[0], v.Parts[1], v.Parts[2], v.Parts[3],
		v.Assessment.SDI, v.Assessment.Kondisi, v.Assessment.Basis, v.Assessment.RuleVersion, strings.Join(v.Assessment.Steps, "\n"),
		v.Metres[0], v.Metres[1], v.Metres[2], v.Metres[3], v.MappingVersion,
		v.Source.File, v.Source.Row, v.Source.Form, v.Source.User, v.Source.At.UTC().Format(time.RFC3339Nano), v.ID)
	if err != nil {
		return fmt.Errorf("update survey of ruas %s: %w", v.Ruas, err)
	}
	v.Verif = roads.Verification{State: roads.Draft}
	return nil
}

func sameSurvey(a, b *roads.Survey) bool {
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	da, db := a.Distress, b.Distress
	if da == nil {
		da = &roads.Distress{}
	}
	if db == nil {
		db = &roads.Distress{}
	}
	return a.Scheme == b.Scheme && a.Parts == b.Parts && a.DateBasis == b.DateBasis &&
		eq(da.CrackAreaPct, db.CrackAreaPct) && eq(da.CrackWidthMM, db.CrackWidthMM) && eq(da.Potholes, db.Potholes) &&
		eq(da.RutCM, db.RutCM) && eq(da.IRI, db.IRI) && eq(da.PCI, db.PCI) && eq(a.SDIGiven, b.SDIGiven) &&
		a.Assessment.RuleVersion == b.Assessment.RuleVersion && a.MappingVersion == b.MappingVersion
}

// RuasLengths returns the key of every stored ruas with its length in
// metres (the official length, else the drawn one; 0 when neither is
// known). An importer checks survey rows against it.
func (s *Store) RuasLengths(ctx context.Context) (map[roads.Key]float64, error) {
	out := map[roads.Key]float64{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT region, no_ruas, length_m, geom_length_m FROM ruas`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k roads.Key
			var l, g float64
			if err := rows.Scan(&k.Region, &k.No, &l, &g); err != nil {
				return err
			}
			if l <= 0 {
				l = g
			}
			out[k] = l
		}
		return rows.Err()
	})
	return out, err
}
