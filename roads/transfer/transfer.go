// Package transfer moves an office's whole register between the two
// engines — a SQLite file and a PostgreSQL database — in either direction:
// the office and its outlines, ruas, surveys, works, traffic, retirements,
// accounts and their API tokens, plan runs with their bases and
// adoptions, reconciliation sheets, field survey units and their photos,
// and the audit trail, row for row with their ids, moments and
// verification states. The audit trail is copied as it is, not written
// again: the target's audit triggers are held off while the rows go in
// (in the same transaction, so a failed move leaves the target as it was).
// Sessions, sign-in attempts and known devices are not moved: they are
// short-lived, and everyone signs in again on the new register.
package transfer

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/pgstore"
	"github.com/kotablitar/ruas/roads/sqlitestore"
)

// column kinds
const (
	kText     = 't' // text
	kInt      = 'i' // integer
	kReal     = 'r' // real
	kRealNull = 'R' // real or NULL
	kBool     = 'b' // SQLite 0/1, PostgreSQL boolean
	kTime     = 'T' // SQLite text, PostgreSQL timestamptz
	kTimeNull = 'N' // SQLite '' when not set, PostgreSQL NULL
	kGeom     = 'g' // SQLite WKB and bounds, PostgreSQL PostGIS geometry
	kTextNull = 'J' // text or NULL
	kIntNull  = 'I' // integer or NULL
	kBlob     = 'B' // bytes
	kSeq      = 's' // SQLite's rowid, PostgreSQL's seq column (the audit names rows by it)
)

// colName is how the engine names a column.
func colName(c column, pg bool) string {
	if c.kind == kSeq && !pg {
		return "rowid"
	}
	return c.name
}

type column struct {
	name string
	kind byte
	// layout writes a moment into SQLite as the SQLite store writes it
	// in that column ("" = RFC 3339 with nanoseconds).
	layout string
}

type table struct {
	name string
	cols []column
}

// spec parses "name:kind[:layout]" columns.
func spec(name string, cols ...string) table {
	t := table{name: name}
	for _, c := range cols {
		parts := strings.SplitN(c, ":", 3)
		col := column{name: parts[0], kind: parts[1][0]}
		if len(parts) == 3 {
			col.layout = parts[2]
		}
		t.cols = append(t.cols, col)
	}
	return t
}

// The SQLite store's layouts besides RFC 3339 with nanoseconds.
const (
	auditAt = "2006-01-02T15:04:05.000Z"       // strftime('%Y-%m-%dT%H:%M:%fZ')
	stamp   = "2006-01-02T15:04:05.000000000Z" // sessions, tokens, adoptions
)

var source = []string{"source_file:t", "source_row:i", "source_form:t", "source_user:t", "recorded_at:T"}
var verif = []string{"verif:t", "verif_by:t", "verif_at:N", "verif_note:t"}

func cat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// Tables are the moved tables, parents before children.
var Tables = []table{
	spec("office", "id:i", "region:t", "name:t", "level:t", "opd:t", "opd_code:t", "kewenangan:t", "boundary:t", "assumed:b", "set_by:t", "set_at:T"),
	spec("outline", "id:i", "code:t", "name:t", "level:t", "geom:t", "source:t", "set_by:t", "set_at:T"),
	spec("ruas", cat([]string{"id:i", "region:t", "no_ruas:t", "name:t", "status:t", "fungsi:t", "surface:t", "surface_text:t", "width_m:r", "length_m:r",
		"geom:g", "geom_length_m:r", "kabupaten:t", "kecamatan_code:t", "kecamatan:t", "kelurahan_code:t", "kelurahan:t", "year_built:i", "design_life:i", "notes:t"},
		source, []string{"version:i", "updated_at:T"}, verif)...),
	spec("survey", cat([]string{"id:i", "ruas_id:i", "date:t", "date_basis:t", "sta_from_m:r", "sta_to_m:r", "crack_area_pct:R", "crack_width_mm:R",
		"potholes:R", "rut_cm:R", "iri:R", "pci:R", "scheme:t", "part1:r", "part2:r", "part3:r", "part4:r", "sdi:R", "kondisi:t", "basis:t",
		"rule_version:t", "steps:t", "m_baik:r", "m_sedang:r", "m_rusak_ringan:r", "m_rusak_berat:r", "mapping_version:t"}, source, verif)...),
	spec("works", cat([]string{"id:i", "ruas_id:i", "date:t", "type:t", "sta_from_m:r", "sta_to_m:r", "quantity:r", "unit:t", "cost_rp:r",
		"funding:t", "sub_kegiatan:t", "nomen_version:t", "contract_ref:t", "committed:b"}, source, verif)...),
	spec("traffic", cat([]string{"id:i", "ruas_id:i", "year:i", "lhr:r", "by_class:t"}, source, verif)...),
	spec("ruas_retired", "id:i", "ruas_id:i", "retired_at:T", "retired_by:t", "reason:t", "ended_at:N", "ended_by:t"),
	spec("account", "id:i", "name:t", "full_name:t", "role:t", "password_hash:t", "disabled:b", "created_at:T", "updated_at:T", "updated_by:t"),
	spec("api_token", "id:i", "account_id:i", "hash:t", "prefix:t", "label:t", "created_at:T:"+stamp, "revoked_at:N"),
	spec("plan_run", "id:i", "created_at:T", "created_by:t", "method:t", "from_year:i", "years:i", "snapshot_hash:t", "inputs:t", "result:t"),
	spec("plan_basis", "plan_id:i", "verified_only:b", "pending:i"),
	spec("plan_adoption", "id:i", "plan_id:i", "adopted_by:t", "adopted_at:T:"+stamp, "note:t"),
	spec("reconciliation", "id:i", "year:i", "file:t", "sources:t", "register_hash:t", "sheet:t", "status:t", "note:t", "created_by:t",
		"created_at:T", "agreed_by:t", "agreed_at:N", "updated_by:t"),
	spec("field_unit", "seq:s", "client_id:t", "ruas_id:i", "account:t", "device:t", "date:t", "sta_from_m:r", "sta_to_m:r", "form:t",
		"known_survey_id:i", "state:t", "survey_id:I", "conflict_with:I", "received_at:T", "resolved_at:N"),
	spec("field_photo", "seq:s", "client_id:t", "unit_id:t", "content_type:t", "data:B", "size:i", "width:i", "height:i", "lat:R", "lon:R",
		"taken_at:T", "account:t", "received_at:T"),
	spec("audit", "id:i", "at:T:"+auditAt, "action:t", "entity:t", "entity_id:i", "ruas_id:i", "actor:t", "origin:t", "before:J", "after:J"),
}

// Count is one table's rows in the source and the target after a move.
type Count struct {
	Table          string
	Source, Target int
}

// register is one side of a move.
type register struct {
	name string // as given, password hidden
	db   *sql.DB
	pg   bool
}

func (r *register) q(query string) string {
	if !r.pg {
		return query
	}
	n := 0
	var b strings.Builder
	for _, c := range query {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// open opens a register by name (a postgres:// URL or a SQLite path),
// bringing its schema up to date through its store first.
func open(ctx context.Context, name string, create bool) (*register, error) {
	if pgstore.IsURL(name) {
		if err := pgstore.Migrate(ctx, name); err != nil {
			return nil, err
		}
		db, err := sql.Open("pgx", name)
		if err != nil {
			return nil, err
		}
		return &register{name: pgstore.Redact(name), db: db, pg: true}, nil
	}
	if !create {
		if _, err := os.Stat(name); err != nil {
			return nil, fmt.Errorf("%w: register %s does not exist", roads.ErrNotFound, name)
		}
	}
	s, err := sqlitestore.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite3", "file:"+name+"?_foreign_keys=on&_busy_timeout=15000")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return &register{name: name, db: db}, nil
}

// Move copies the register from into the empty register to (either may be
// a SQLite path or a postgres:// URL; to is created if it is a missing
// SQLite file) in one transaction, then counts every moved table on both
// sides. A count that differs is an error naming the table.
func Move(ctx context.Context, from, to string) ([]Count, error) {
	if from == to {
		return nil, fmt.Errorf("%w: --from and --to are the same register", roads.ErrInvalid)
	}
	src, err := open(ctx, from, false)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", pgstore.Redact(from), err)
	}
	defer src.db.Close()
	dst, err := open(ctx, to, true)
	if err != nil {
		return nil, fmt.Errorf("target %s: %w", pgstore.Redact(to), err)
	}
	defer dst.db.Close()
	if err := checkEmpty(ctx, dst); err != nil {
		return nil, err
	}
	rtx, err := src.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: src.pg, Isolation: isolation(src)})
	if err != nil {
		return nil, err
	}
	defer rtx.Rollback()
	wtx, err := dst.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer wtx.Rollback()
	restore, err := holdTriggers(ctx, dst, wtx)
	if err != nil {
		return nil, err
	}
	want := map[string]int{}
	for _, t := range Tables {
		n, err := copyTable(ctx, src, rtx, dst, wtx, t)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", t.name, err)
		}
		want[t.name] = n
	}
	if err := restore(); err != nil {
		return nil, err
	}
	if err := wtx.Commit(); err != nil {
		return nil, fmt.Errorf("commit to %s: %w", pgstore.Redact(to), err)
	}
	var counts []Count
	var bad []string
	for _, t := range Tables {
		var got int
		if err := dst.db.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&got); err != nil {
			return nil, err
		}
		counts = append(counts, Count{t.name, want[t.name], got})
		if got != want[t.name] {
			bad = append(bad, fmt.Sprintf("%s: %d rows read, %d in the target", t.name, want[t.name], got))
		}
	}
	if len(bad) > 0 {
		return counts, fmt.Errorf("the move to %s is incomplete (%s); do not use the target, move again into an empty register", pgstore.Redact(to), strings.Join(bad, "; "))
	}
	return counts, nil
}

func isolation(r *register) sql.IsolationLevel {
	if r.pg {
		return sql.LevelRepeatableRead
	}
	return sql.LevelDefault
}

// checkEmpty refuses a target that holds any register data.
func checkEmpty(ctx context.Context, r *register) error {
	var parts []string
	for _, t := range Tables {
		var n int
		if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM `+t.name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d rows of %s", n, t.name))
		}
	}
	if len(parts) > 0 {
		return fmt.Errorf("%w: the target %s already holds data (%s); a move goes into an empty register only, so nothing was written", roads.ErrConflict, r.name, strings.Join(parts, ", "))
	}
	return nil
}

// holdTriggers keeps the target's triggers from firing while rows go in,
// within the write transaction, and returns what puts them back. The rows
// carry their own audit trail; the triggers would write a second one.
func holdTriggers(ctx context.Context, r *register, tx *sql.Tx) (func() error, error) {
	if r.pg {
		for _, t := range Tables {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE `+t.name+` DISABLE TRIGGER USER`); err != nil {
				return nil, err
			}
		}
		return func() error {
			for _, t := range Tables {
				if _, err := tx.ExecContext(ctx, `ALTER TABLE `+t.name+` ENABLE TRIGGER USER`); err != nil {
					return err
				}
				if c := t.cols[0].name; (c == "id" || c == "seq") && t.name != "office" {
					if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t.name+`', '`+c+`'), coalesce(max(`+c+`), 0) + 1, false) FROM `+t.name); err != nil {
						return err
					}
				}
			}
			_, err := tx.ExecContext(ctx, `UPDATE register_version SET version = version + 1`)
			return err
		}, nil
	}
	// SQLite cannot switch triggers off; DDL is transactional, so they are
	// dropped and made again from their own text in the same transaction.
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return nil, err
		}
		names, defs = append(names, n), append(defs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+n+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, d := range defs {
			if _, err := tx.ExecContext(ctx, d); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// copyTable copies one table's rows and returns how many it read.
func copyTable(ctx context.Context, src *register, rtx *sql.Tx, dst *register, wtx *sql.Tx, t table) (int, error) {
	var sel []string
	for _, c := range t.cols {
		if c.kind == kGeom && src.pg {
			sel = append(sel, "ST_AsBinary("+c.name+")")
		} else {
			sel = append(sel, colName(c, src.pg))
		}
	}
	var ins, vals []string
	for _, c := range t.cols {
		ins = append(ins, colName(c, dst.pg))
		switch {
		case c.kind == kGeom && dst.pg:
			vals = append(vals, "ST_GeomFromWKB(?, 4326)")
		case c.kind == kGeom:
			ins = append(ins, "min_lon", "min_lat", "max_lon", "max_lat")
			vals = append(vals, "?", "?", "?", "?", "?")
		default:
			vals = append(vals, "?")
		}
	}
	// A SQLite register keeps a plan run's result gzip-compressed in
	// result_gz (SQLite migration 013) when it has the column; the rows
	// go over with the JSON in result, which every reader takes.
	gzCol := -1
	if t.name == "plan_run" && !src.pg {
		if ok, err := hasColumn(ctx, rtx, "plan_run", "result_gz"); err != nil {
			return 0, err
		} else if ok {
			sel = append(sel, "result_gz")
			for i, c := range t.cols {
				if c.name == "result" {
					gzCol = i
				}
			}
		}
	}
	order := colName(t.cols[0], src.pg)
	rows, err := rtx.QueryContext(ctx, `SELECT `+strings.Join(sel, ", ")+` FROM `+t.name+` ORDER BY `+order)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	stmt, err := wtx.PrepareContext(ctx, dst.q(`INSERT INTO `+t.name+` (`+strings.Join(ins, ", ")+`) VALUES (`+strings.Join(vals, ", ")+`)`))
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	n := 0
	dest := make([]any, len(t.cols))
	for rows.Next() {
		for i, c := range t.cols {
			dest[i] = scanTarget(c.kind, src.pg)
		}
		var gz []byte
		scan := dest
		if gzCol >= 0 {
			scan = append(dest[:len(dest):len(dest)], &gz)
		}
		if err := rows.Scan(scan...); err != nil {
			return n, err
		}
		if gz != nil {
			js, err := inflate(gz)
			if err != nil {
				return n, fmt.Errorf("row %d, result_gz: %w", n+1, err)
			}
			*dest[gzCol].(*string) = string(js)
		}
		var args []any
		for i, c := range t.cols {
			a, err := convert(c, dest[i], src.pg, dst.pg)
			if err != nil {
				return n, fmt.Errorf("row %d, %s: %w", n+1, c.name, err)
			}
			args = append(args, a...)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	return n, rows.Err()
}

func scanTarget(kind byte, pg bool) any {
	switch kind {
	case kText:
		return new(string)
	case kInt, kSeq:
		return new(int64)
	case kIntNull:
		return new(sql.NullInt64)
	case kBlob:
		return new([]byte)
	case kReal:
		return new(float64)
	case kRealNull:
		return new(sql.NullFloat64)
	case kBool:
		if pg {
			return new(bool)
		}
		return new(int64)
	case kTime:
		if pg {
			return new(time.Time)
		}
		return new(string)
	case kTimeNull:
		if pg {
			return new(sql.NullTime)
		}
		return new(string)
	case kGeom:
		return new([]byte)
	case kTextNull:
		return new(sql.NullString)
	}
	panic("unknown column kind " + string(kind))
}

// convert turns a scanned source value into the target's argument(s).
func convert(c column, v any, fromPG, toPG bool) ([]any, error) {
	one := func(x any) ([]any, error) { return []any{x}, nil }
	switch c.kind {
	case kBool:
		var b bool
		if fromPG {
			b = *v.(*bool)
		} else {
			b = *v.(*int64) != 0
		}
		if toPG {
			return one(b)
		}
		if b {
			return one(1)
		}
		return one(0)
	case kTime, kTimeNull:
		var t time.Time
		set := true
		if fromPG {
			if c.kind == kTime {
				t = *v.(*time.Time)
			} else {
				nt := *v.(*sql.NullTime)
				t, set = nt.Time, nt.Valid
			}
		} else {
			s := *v.(*string)
			if s == "" {
				set = false
			} else {
				var err error
				if t, err = parseTime(s); err != nil {
					return nil, err
				}
			}
		}
		switch {
		case toPG && !set:
			return one(nil)
		case toPG:
			return one(t)
		case !set:
			return one("")
		}
		layout := c.layout
		if layout == "" {
			layout = time.RFC3339Nano
		}
		return one(t.UTC().Format(layout))
	case kGeom:
		b := *v.(*[]byte)
		if len(b) == 0 {
			if toPG {
				return one(nil)
			}
			return []any{nil, nil, nil, nil, nil}, nil
		}
		if toPG {
			return one(b)
		}
		g, err := wkb.Unmarshal(b)
		if err != nil {
			return nil, fmt.Errorf("geometry unreadable: %w", err)
		}
		// Written as the SQLite store writes it (orb's WKB) with its bounds.
		blob, err := wkb.Marshal(g)
		if err != nil {
			return nil, err
		}
		bd := g.Bound()
		return []any{blob, bd.Min[0], bd.Min[1], bd.Max[0], bd.Max[1]}, nil
	}
	switch x := v.(type) {
	case *string:
		return one(*x)
	case *int64:
		return one(*x)
	case *float64:
		return one(*x)
	case *sql.NullFloat64:
		if !x.Valid {
			return one(nil)
		}
		return one(x.Float64)
	case *sql.NullString:
		if !x.Valid {
			return one(nil)
		}
		return one(x.String)
	case *sql.NullInt64:
		if !x.Valid {
			return one(nil)
		}
		return one(x.Int64)
	case *[]byte:
		return one(*x)
	}
	return nil, errors.New("unexpected value")
}

// hasColumn tells whether a SQLite table has the column.
func hasColumn(ctx context.Context, tx *sql.Tx, table, col string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, table, col).Scan(&n)
	return n > 0, err
}

// inflate reads a gzip-compressed plan result.
func inflate(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	return b, zr.Close()
}

func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("moment %q is not RFC 3339", s)
}
