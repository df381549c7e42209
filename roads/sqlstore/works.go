package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// WorksColumns are the columns ScanWorks reads, of works w joined to ruas r.
func (d *Dialect) WorksColumns() string {
	return `w.id, w.ruas_id, r.region, r.no_ruas, w.date, w.type, w.sta_from_m, w.sta_to_m, w.quantity, w.unit, w.cost_rp,
	w.funding, w.sub_kegiatan, w.nomen_version, w.contract_ref, w.committed, w.source_file, w.source_row, w.source_form, w.source_user, w.recorded_at,
	w.verif, w.verif_by, ` + d.Stamp("w.verif_at") + `, w.verif_note`
}

// ScanWorks reads a row of WorksColumns.
func ScanWorks(sc Scanner) (*roads.Works, error) {
	var w roads.Works
	var date, recorded, verifAt string
	err := sc.Scan(&w.ID, &w.RuasID, &w.Ruas.Region, &w.Ruas.No, &date, &w.Type, &w.StaFromM, &w.StaToM, &w.Quantity, &w.Unit, &w.CostRp,
		&w.Funding, &w.SubKegiatan, &w.NomenVersion, &w.ContractRef, &w.Committed, &w.Source.File, &w.Source.Row, &w.Source.Form, &w.Source.User, &recorded,
		&w.Verif.State, &w.Verif.By, &verifAt, &w.Verif.Note)
	if err != nil {
		return nil, err
	}
	w.Date, _ = time.Parse(DateLayout, date)
	w.Source.At = ParseTime(recorded)
	w.Verif.At = ParseTime(verifAt)
	return &w, nil
}

// AddWorks validates and stores a works record.
func (db *Records) AddWorks(ctx context.Context, w *roads.Works) error {
	if err := roads.ValidationErrorOf(fmt.Sprintf("works on ruas %s", w.Ruas), w.Validate()); err != nil {
		return err
	}
	return db.write(ctx, func(tx Tx) error {
		if err := ResolveRuas(ctx, tx, &w.RuasID, w.Ruas); err != nil {
			return err
		}
		return db.dl.InsertWorks(ctx, tx, w, db.now())
	})
}

// InsertWorks writes w as a new works record, stamped at when it has no time.
func (d *Dialect) InsertWorks(ctx context.Context, tx Tx, w *roads.Works, at time.Time) error {
	if w.Source.At.IsZero() {
		w.Source.At = at.UTC()
	}
	id, err := d.InsertID(ctx, tx, `INSERT INTO works (ruas_id, date, type, sta_from_m, sta_to_m, quantity, unit, cost_rp, funding,
		sub_kegiatan, nomen_version, contract_ref, committed, source_file, source_row, source_form, source_user, recorded_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		w.RuasID, w.Date.Format(DateLayout), w.Type, w.StaFromM, w.StaToM, w.Quantity, w.Unit, w.CostRp, w.Funding,
		w.SubKegiatan, w.NomenVersion, w.ContractRef, w.Committed, w.Source.File, w.Source.Row, w.Source.Form, w.Source.User,
		w.Source.At.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("add works on ruas %s: %w", w.Ruas, err)
	}
	w.ID = id
	w.Verif = roads.Verification{State: roads.Draft}
	return nil
}

// WorksOf returns the works of one ruas (all ruas when ruasID is 0), by date.
func (db *Records) WorksOf(ctx context.Context, ruasID int64) ([]*roads.Works, error) {
	q := `SELECT ` + db.dl.WorksColumns() + ` FROM works w JOIN ruas r ON r.id = w.ruas_id`
	var args []any
	if ruasID != 0 {
		q += ` WHERE w.ruas_id = ?`
		args = append(args, ruasID)
	}
	q += ` ORDER BY w.ruas_id, w.date, w.sta_from_m`
	var out []*roads.Works
	err := db.read(ctx, func(tx Tx) error {
		var err error
		out, err = QueryWorks(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// QueryWorks runs q, a select of WorksColumns.
func QueryWorks(ctx context.Context, tx Tx, q string, args ...any) ([]*roads.Works, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*roads.Works
	for rows.Next() {
		w, err := ScanWorks(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// TrafficColumns are the columns ScanTraffic reads, of traffic t joined to ruas r.
func (d *Dialect) TrafficColumns() string {
	return `t.id, t.ruas_id, r.region, r.no_ruas, t.year, t.lhr, t.by_class, t.source_file, t.source_row, t.source_form, t.source_user, t.recorded_at,
	t.verif, t.verif_by, ` + d.Stamp("t.verif_at") + `, t.verif_note`
}

// ScanTraffic reads a row of TrafficColumns.
func ScanTraffic(sc Scanner) (*roads.Traffic, error) {
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
	t.Source.At = ParseTime(recorded)
	t.Verif.At = ParseTime(verifAt)
	return &t, nil
}

// SetTraffic validates and stores an LHR count, replacing the count of the
// same ruas and year.
func (db *Records) SetTraffic(ctx context.Context, t *roads.Traffic) error {
	if err := roads.ValidationErrorOf(fmt.Sprintf("traffic of ruas %s", t.Ruas), t.Validate()); err != nil {
		return err
	}
	return db.write(ctx, func(tx Tx) error {
		if err := ResolveRuas(ctx, tx, &t.RuasID, t.Ruas); err != nil {
			return err
		}
		_, err := db.dl.UpsertTraffic(ctx, tx, t, db.now())
		return err
	})
}

// UpsertTraffic writes t as the count of its ruas and year.
func (d *Dialect) UpsertTraffic(ctx context.Context, tx Tx, t *roads.Traffic, at time.Time) (Change, error) {
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
		return Unchanged, nil
	case err == nil:
		_, err = tx.ExecContext(ctx, `UPDATE traffic SET lhr=?, by_class=?, source_file=?, source_row=?, source_form=?, source_user=?, recorded_at=?,
			verif='draft', verif_by='', verif_at=`+d.NoStamp+`, verif_note='' WHERE id=?`,
			t.LHR, byClass, t.Source.File, t.Source.Row, t.Source.Form, t.Source.User, t.Source.At.UTC().Format(time.RFC3339Nano), t.ID)
		if err != nil {
			return 0, fmt.Errorf("set traffic of ruas %s: %w", t.Ruas, err)
		}
		return Updated, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, err
	}
	id, err := d.InsertID(ctx, tx, `INSERT INTO traffic (ruas_id, year, lhr, by_class, source_file, source_row, source_form, source_user, recorded_at)
		VALUES (?,?,?,?,?,?,?,?,?)`,
		t.RuasID, t.Year, t.LHR, byClass, t.Source.File, t.Source.Row, t.Source.Form, t.Source.User, t.Source.At.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return 0, fmt.Errorf("set traffic of ruas %s: %w", t.Ruas, err)
	}
	t.ID = id
	t.Verif = roads.Verification{State: roads.Draft}
	return Created, nil
}

// TrafficOf returns the counts of one ruas (all when ruasID is 0), by year.
func (db *Records) TrafficOf(ctx context.Context, ruasID int64) ([]*roads.Traffic, error) {
	q := `SELECT ` + db.dl.TrafficColumns() + ` FROM traffic t JOIN ruas r ON r.id = t.ruas_id`
	var args []any
	if ruasID != 0 {
		q += ` WHERE t.ruas_id = ?`
		args = append(args, ruasID)
	}
	q += ` ORDER BY t.ruas_id, t.year`
	var out []*roads.Traffic
	err := db.read(ctx, func(tx Tx) error {
		var err error
		out, err = QueryTraffic(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// QueryTraffic runs q, a select of TrafficColumns.
func QueryTraffic(ctx context.Context, tx Tx, q string, args ...any) ([]*roads.Traffic, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*roads.Traffic
	for rows.Next() {
		t, err := ScanTraffic(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
