package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// The register's other offices and the office of each account (issue 13
// item 3; migration register_office/account_office). The office row stays
// the register's own office.

// ScopeWhere is the SQL condition (on the ruas table's region column)
// keeping the ruas a scope reads, or "" for a scope that reads all.
func ScopeWhere(s roads.Scope) (string, []any) {
	if s.All() {
		return "", nil
	}
	esc := strings.NewReplacer("\\", "\\\\", "%", "\\%", "_", "\\_")
	covers := func(o string) (string, []any) {
		return "(region = ? OR region LIKE ? ESCAPE '\\')", []any{o, esc.Replace(o) + ".%"}
	}
	readable, home := s.ReadableOffices()
	var ors []string
	var args []any
	for _, o := range readable {
		c, a := covers(o)
		ors, args = append(ors, c), append(args, a...)
	}
	if home {
		var none []string
		for _, o := range s.Others {
			c, a := covers(o)
			none, args = append(none, "NOT "+c), append(args, a...)
		}
		ors = append(ors, "("+strings.Join(none, " AND ")+")")
	}
	if len(ors) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// RegisterOffices lists the register's offices besides its own, by region code.
func (db *Records) RegisterOffices(ctx context.Context) ([]roads.Office, error) {
	var out []roads.Office
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT region, name, level, opd, opd_code, kewenangan, set_by, set_at FROM register_office ORDER BY region`)
		if err != nil {
			return fmt.Errorf("read offices: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var o roads.Office
			var authority, at string
			if err := rows.Scan(&o.Region, &o.Name, &o.Level, &o.OPD, &o.OPDCode, &authority, &o.SetBy, &at); err != nil {
				return fmt.Errorf("read offices: %w", err)
			}
			o.Authority, o.SetAt = roads.Status(authority), ParseTime(at)
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}

// AddRegisterOffice adds another office to the register, or updates the
// one of the same region code. The register's own office must be set
// first, and the new one may not be it. The office must come from NewOffice.
func (db *Records) AddRegisterOffice(ctx context.Context, o roads.Office, by string, at time.Time) error {
	if o.Region == "" || o.Name == "" || o.OPD == "" || o.Authority == "" || by == "" {
		return fmt.Errorf("%w: an office needs a region, a name, an OPD, a kewenangan and who adds it (build it with NewOffice)", roads.ErrInvalid)
	}
	return db.write(ctx, func(tx Tx) error {
		home, err := ReadOffice(ctx, tx)
		if err != nil {
			return err
		}
		if home.Region == o.Region {
			return fmt.Errorf("%w: %s (%s) is the register's own office already; add another region", roads.ErrInvalid, o.Region, o.Name)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO register_office (region, name, level, opd, opd_code, kewenangan, set_by, set_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (region) DO UPDATE SET name = excluded.name, level = excluded.level, opd = excluded.opd,
				opd_code = excluded.opd_code, kewenangan = excluded.kewenangan, set_by = excluded.set_by, set_at = excluded.set_at`,
			o.Region, o.Name, o.Level, o.OPD, o.OPDCode, string(o.Authority), by, at.UTC().Format(time.RFC3339Nano))
		if err != nil {
			return fmt.Errorf("add office: %w", err)
		}
		return nil
	})
}

// SetAccountOffice places an account in one of the register's offices
// (its own office or one added with AddRegisterOffice).
func (db *Records) SetAccountOffice(ctx context.Context, name, region, by string) error {
	return db.write(ctx, func(tx Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM account WHERE name = ?`, name).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: account %q; list accounts with `ruas user list`", roads.ErrNotFound, name)
		}
		if err != nil {
			return err
		}
		home, err := ReadOffice(ctx, tx)
		if err != nil {
			return err
		}
		if region != home.Region {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM register_office WHERE region = ?`, region).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fmt.Errorf("%w: office %q is not in this register (its own office is %s); add it first with `ruas init --add-office KODE`", roads.ErrInvalid, region, home.Region)
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO account_office (account_id, region, set_by, set_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (account_id) DO UPDATE SET region = excluded.region, set_by = excluded.set_by, set_at = excluded.set_at`,
			id, region, by, db.nowText())
		if err != nil {
			return fmt.Errorf("set account office: %w", err)
		}
		return nil
	})
}

// AccountOffice is the region code of an account's office, or "" when it
// belongs to the register's own office.
func (db *Records) AccountOffice(ctx context.Context, name string) (string, error) {
	var region string
	err := db.read(ctx, func(tx Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT o.region FROM account_office o JOIN account a ON a.id = o.account_id WHERE a.name = ?`, name).Scan(&region)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return region, err
}
