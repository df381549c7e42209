package pgstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kotablitar/ruas/roads"
)

const worksColumns = `w.id, w.ruas_id, r.region, r.no_ruas, w.date, w.type, w.sta_from_m, w.sta_to_m, w.quantity, w.unit, w.cost_rp,
	w.funding, w.sub_kegiatan, w.nomen_version, w.contract_ref, w.committed, w.source_file, w.source_row, w.source_form, w.source_user, w.recorded_at,
	w.verif, w.verif_by, ts(w.verif_at), w.verif_note`

func scanWorks(sc scanner) (*roads.Works, error) {
	var w roads.Works
	var date, recorded, verifAt string
	err := sc.Scan(&w.ID, &w.RuasID, &w.Ruas.Region, &w.Ruas.No, &date, &w.Type, &w.StaFromM, &w.StaToM, &w.Quantity, &w.Unit, &w.CostRp,
		&w.Funding, &w.SubKegiatan, &w.NomenVersion, &w.ContractRef, &w.Committed, &w.Source.File, &w.Source.Row, &w.Source.Form, &w.Source.User, &recorded,
		&w.Verif.State, &w.Verif.By, &verifAt, &w.Verif.Note)
	if err != nil {
		return nil, err
	}
	w.Date, _ = time.Parse(dateLayout, date)
	w.Source.At = parseTime(recorded)
	w.Verif.At = parseTime(verifAt)
	return &w, nil
}

// AddWorks validates and stores a works record.
func (s *Store) AddWorks(ctx context.Context, w *roads.Works) error {
	if err := roads.ValidationErrorOf(fmt.Sprintf("works on ruas %s", w.Ruas), w.Validate()); err != nil {
		return err
	}
	return s.write(ctx, func(tx *pgTx) error {
		if err := resolveRuas(ctx, tx, &w.RuasID, w.Ruas); err != nil {
			return err
		}
		return insertWorks(ctx, tx, w, s.now())
	})
}

func insertWorks(ctx context.Context, tx dbtx, w *roads.Works, at time.Time) error {
	if w.Source.At.IsZero() {
		w.Source.At = at.UTC()
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO works (ruas_id, date, type, sta_from_m, sta_to_m, quantity, unit, cost_rp, funding,
		sub_kegiatan, nomen_version, contract_ref, committed, source_file, source_row, source_form, source_user, recorded_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`,
		w.RuasID, w.Date.Format(dateLayout), w.Type, w.StaFromM, w.StaToM, w.Quantity, w.Unit, w.CostRp, w.Funding,
		w.SubKegiatan, w.NomenVersion, w.ContractRef, w.Committed, w.Source.File, w.Source.Row, w.Source.Form, w.Source.User,
		w.Source.At.UTC().Format(time.RFC3339Nano)).Scan(&w.ID)
	if err != nil {
		return fmt.Errorf("add works on ruas %s: %w", w.Ruas, err)
	}
	w.Verif = roads.Verification{State: roads.Draft}
	return nil
}

// WorksOf returns the works of one ruas (all ruas when ruasID is 0), by date.
func (s *Store) WorksOf(ctx context.Context, ruasID int64) ([]*roads.Works, error) {
	q := `SELECT ` + worksColumns + ` FROM works w JOIN ruas r ON r.id = w.ruas_id`
	var args []any
	if ruasID != 0 {
		q += ` WHERE w.ruas_id = ?`
		args = append(args, ruasID)
	}
	q += ` ORDER BY w.ruas_id, w.date, w.sta_from_m`
	var out []*roads.Works
	err := s.read(ctx, func(tx *pgTx) error {
		var err error
		out, err = queryWorks(ctx, tx, q, args...)
		return err
	})
	return out, err
}

func queryWorks(ctx context.Context, tx dbtx, q string, args ...any) ([]*roads.Works, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*roads.Works
	for rows.Next() {
		w, err := scanWorks(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

const trafficColumns = `t.id, t.ruas_id, r.region, r.no_ruas, t.year, t.lhr, t.by_class, t.source_file, t.source_row, t.source_form, t.source_user, t.recorded_at,
	t.verif, t.verif_by, ts(t.verif_at), t.verif_note`

func scanTraffic(sc scanner) (*roads.Traffic, error) {
	var t roads.Traffic
	var byClass, recorded, verifAt string
	if err := sc.Scan(&t.ID, &t.RuasID, &t.Ruas.Region, &t.Ruas.No, &t.Year, &t.LHR, &byClass,
		&t.Source.File, &t.Source.Row, &t.Source.Form, &t.Source.User, &recorded, &t.Verif.State, &t.Verif.By, &verifAt, &t.Verif.Note); err != nil {
		return nil, err
	}
	if byClass != "" {
		if err := json.Unmarshal([]byte(byClass), &t.ByClass); err != nil {
			return nil, fmt.Errorf("traffic %d: by class: %w", t.ID, err)
		}
	}
	t.Source.At = parseTime(recorded)
	t.Verif.At = parseTime(verifAt)
	return &t, nil
}

// SetTraffic validates and stores an LHR count, replacing the count of the
// same ruas and year.
func (s *Store) SetTraffic(ctx context.Context, t *roads.Traffic) error {
	if err := roads.ValidationErrorOf(fmt.Sprintf("traffic of ruas %s", t.Ruas), t.Validate()); err != nil {
		return err
	}
	return s.write(ctx, func(tx *pgTx) error {
		if err := resolveRuas(ctx, tx, &t.RuasID, t.Ruas); err != nil {
			return err
		}
		_, err := upsertTraffic(ctx, tx, t, s.now())
		return err
	})
}

func upsertTraffic(ctx context.Context, tx dbtx, t *roads.Traffic, at time.Time) (change, error) {
	var byClass string
	if len(t.ByClass) > 0 {
		b, _ := json.Marshal(t.ByClass)
		byClass = string(b)
	}
	if t.Source.At.IsZero() {
		t.Source.At = at.UTC()
	}
	var curLHR float64
	var curClass string
	err := tx.QueryRowContext(ctx, `SELECT id, lhr, by_class FROM traffic WHERE ruas_id = ? AND year = ?`, t.RuasID, t.Year).Scan(&t.ID, &curLHR, &curClass)
	switch {
	case err == nil && curLHR == t.LHR && curClass == byClass:
		// Same count as stored: nothing to change, and its verification stands.
		return unchanged, nil
	case err == nil:
		_, err = tx.ExecContext(ctx, `UPDATE traffic SET lhr=?, by_class=?, source_file=?, source_row=?, source_form=?, source_user=?, recorded_at=?,
			verif='draft', verif_by='', verif_at=NULL, verif_note='' WHERE id=?`,
			t.LHR, byClass, t.Source.File, t.Source.Row, t.Source.Form, t.Source.User, t.Source.At.UTC().Format(time.RFC3339Nano), t.ID)
		if err != nil {
			return 0, fmt.Errorf("set traffic of ruas %s: %w", t.Ruas, err)
		}
		return updated, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO traffic (ruas_id, year, lhr, by_class, source_file, source_row, source_form, source_user, recorded_at)
		VALUES (?,?,?,?,?,?,?,?,?) RETURNING id`,
		t.RuasID, t.Year, t.LHR, byClass, t.Source.File, t.Source.Row, t.Source.Form, t.Source.User, t.Source.At.UTC().Format(time.RFC3339Nano)).Scan(&t.ID)
	if err != nil {
		return 0, fmt.Errorf("set traffic of ruas %s: %w", t.Ruas, err)
	}
	t.Verif = roads.Verification{State: roads.Draft}
	return created, nil
}

// TrafficOf returns the counts of one ruas (all when ruasID is 0), by year.
func (s *Store) TrafficOf(ctx context.Context, ruasID int64) ([]*roads.Traffic, error) {
	q := `SELECT ` + trafficColumns + ` FROM traffic t JOIN ruas r ON r.id = t.ruas_id`
	var args []any
	if ruasID != 0 {
		q += ` WHERE t.ruas_id = ?`
		args = append(args, ruasID)
	}
	q += ` ORDER BY t.ruas_id, t.year`
	var out []*roads.Traffic
	err := s.read(ctx, func(tx *pgTx) error {
		var err error
		out, err = queryTraffic(ctx, tx, q, args...)
		return err
	})
	return out, err
}

func queryTraffic(ctx context.Context, tx dbtx, q string, args ...any) ([]*roads.Traffic, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*roads.Traffic
	for rows.Next() {
		t, err := scanTraffic(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
