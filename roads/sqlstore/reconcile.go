package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kotablitar/ruas/roads"
)

// AddReconciliation stores a sheet as a draft, by the named account, and
// sets its ID.
func (db *Records) AddReconciliation(ctx context.Context, r *roads.Reconciliation, by string) error {
	switch {
	case by == "":
		return fmt.Errorf("%w: reconciliation sheet without an author", roads.ErrInvalid)
	case !json.Valid(r.Sheet):
		return fmt.Errorf("%w: reconciliation sheet is not JSON", roads.ErrInvalid)
	case len(r.Sheet) > roads.MaxReconciliationBytes:
		return fmt.Errorf("%w: reconciliation sheet of %d bytes is over %d", roads.ErrInvalid, len(r.Sheet), roads.MaxReconciliationBytes)
	case len(r.File) > roads.MaxNameLen || len(r.Sources) > roads.MaxNotesLen:
		return fmt.Errorf("%w: reconciliation file name or sources too long", roads.ErrInvalid)
	}
	at := db.now()
	return db.write(ctx, func(tx Tx) error {
		id, err := db.dl.InsertID(ctx, tx, `INSERT INTO reconciliation (year, file, sources, register_hash, sheet, status, created_by, created_at, updated_by)
			VALUES (?,?,?,?,?,'draft',?,?,?)`, r.Year, r.File, r.Sources, r.RegisterHash, string(r.Sheet), by, StampText(at), by)
		if err != nil {
			return err
		}
		r.ID = id
		r.Status, r.CreatedBy, r.CreatedAt = roads.ReconciliationDraft, by, at
		return nil
	})
}

// AgreeReconciliation marks a draft sheet agreed by a forum, replacing
// its sheet with the agreed one (the choices made) and keeping the
// forum's note. An agreed sheet is final (roads.ErrConflict).
func (db *Records) AgreeReconciliation(ctx context.Context, id int64, sheet json.RawMessage, note, by string) error {
	switch {
	case by == "":
		return fmt.Errorf("%w: agreement without an author", roads.ErrInvalid)
	case !json.Valid(sheet) || len(sheet) > roads.MaxReconciliationBytes:
		return fmt.Errorf("%w: agreed sheet is not JSON or too large", roads.ErrInvalid)
	case len(note) > roads.MaxNotesLen:
		return fmt.Errorf("%w: note of %d characters is over %d", roads.ErrInvalid, len(note), roads.MaxNotesLen)
	}
	return db.write(ctx, func(tx Tx) error {
		agreed, err := reconciliationAgreed(ctx, tx, id)
		if err != nil {
			return err
		}
		if agreed {
			return fmt.Errorf("%w: reconciliation sheet %d is already agreed; store a new sheet for a new meeting", roads.ErrConflict, id)
		}
		_, err = tx.ExecContext(ctx, `UPDATE reconciliation SET sheet = ?, status = 'agreed', note = ?, agreed_by = ?, agreed_at = ?, updated_by = ? WHERE id = ?`,
			string(sheet), strings.TrimSpace(note), by, db.nowText(), by, id)
		return err
	})
}

// reconciliationAgreed tells whether the stored sheet id is agreed;
// ErrNotFound when there is none.
func reconciliationAgreed(ctx context.Context, tx Tx, id int64) (bool, error) {
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM reconciliation WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("%w: reconciliation sheet %d", roads.ErrNotFound, id)
	}
	return status == roads.ReconciliationAgreed, err
}

// DeleteReconciliation removes a draft sheet (an agreed one is kept).
func (db *Records) DeleteReconciliation(ctx context.Context, id int64, by string) error {
	return db.write(ctx, func(tx Tx) error {
		agreed, err := reconciliationAgreed(ctx, tx, id)
		if err != nil {
			return err
		}
		if agreed {
			return fmt.Errorf("%w: reconciliation sheet %d is agreed and kept", roads.ErrConflict, id)
		}
		// Name who deletes, so the audit trigger records them.
		if _, err := tx.ExecContext(ctx, `UPDATE reconciliation SET updated_by = ? WHERE id = ?`, by, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM reconciliation WHERE id = ?`, id)
		return err
	})
}

func (d *Dialect) reconciliationColumns() string {
	return `id, year, file, sources, register_hash, sheet, status, note, created_by, ` + d.Stamp("created_at") + `, agreed_by, ` + d.Stamp("agreed_at")
}

func scanReconciliation(row interface{ Scan(...any) error }) (roads.Reconciliation, error) {
	var r roads.Reconciliation
	var sheet, created, agreed string
	if err := row.Scan(&r.ID, &r.Year, &r.File, &r.Sources, &r.RegisterHash, &sheet, &r.Status, &r.Note, &r.CreatedBy, &created, &r.AgreedBy, &agreed); err != nil {
		return r, err
	}
	r.Sheet = json.RawMessage(sheet)
	r.CreatedAt = ParseTime(created)
	if agreed != "" {
		r.AgreedAt = ParseTime(agreed)
	}
	return r, nil
}

// Reconciliation returns one stored sheet.
func (db *Records) Reconciliation(ctx context.Context, id int64) (roads.Reconciliation, error) {
	var r roads.Reconciliation
	err := db.read(ctx, func(tx Tx) error {
		var err error
		r, err = scanReconciliation(tx.QueryRowContext(ctx, `SELECT `+db.dl.reconciliationColumns()+` FROM reconciliation WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: reconciliation sheet %d", roads.ErrNotFound, id)
		}
		return err
	})
	return r, err
}

// Reconciliations returns the stored sheets, newest first; with
// agreedOnly, the agreed ones only (what the public portal shows).
func (db *Records) Reconciliations(ctx context.Context, agreedOnly bool) ([]roads.Reconciliation, error) {
	var out []roads.Reconciliation
	err := db.read(ctx, func(tx Tx) error {
		q := `SELECT ` + db.dl.reconciliationColumns() + ` FROM reconciliation`
		if agreedOnly {
			q += ` WHERE status = 'agreed'`
		}
		rows, err := tx.QueryContext(ctx, q+` ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReconciliation(rows)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}
