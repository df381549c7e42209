package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// Network reads the whole register in one read transaction.
func (db *Records) Network(ctx context.Context) (*roads.Network, error) {
	return db.network(ctx, true)
}

// NetworkNoSurveys reads the register as Network does, but without the
// ruas geometries and without any survey: Surveys is empty and every
// Ruas.Geometry nil; works, traffic, the office and Hash are as Network
// gives them. It is for exports that read neither (the SIPD usulan reads
// the plan's works, the ruas keys and their contracts): on a million
// sections the surveys and geometries were most of the read.
func (db *Records) NetworkNoSurveys(ctx context.Context) (*roads.Network, error) {
	return db.network(ctx, false)
}

// network reads the network; without full, the ruas come without their
// geometry and no survey is read.
func (db *Records) network(ctx context.Context, full bool) (*roads.Network, error) {
	n := &roads.Network{Surveys: map[int64][]*roads.Survey{}, Works: map[int64][]*roads.Works{}, Traffic: map[int64][]*roads.Traffic{}, ReadAt: db.clock()}
	cols := db.dl.RuasColumns()
	if !full {
		cols = db.dl.RuasColumnsNoGeom()
	}
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+cols+` FROM ruas WHERE id NOT IN (`+db.dl.Standing()+`) ORDER BY region, no_ruas`)
		if err != nil {
			return err
		}
		for rows.Next() {
			r, err := ScanRuas(rows)
			if err != nil {
				rows.Close()
				return err
			}
			n.Ruas = append(n.Ruas, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var surveys []*roads.Survey
		if full {
			surveys, err = QuerySurveys(ctx, tx, `SELECT `+db.dl.SurveyColumns()+` FROM survey s JOIN ruas r ON r.id = s.ruas_id WHERE r.id NOT IN (`+db.dl.Standing()+`) ORDER BY s.ruas_id, s.date, s.sta_from_m`)
			if err != nil {
				return err
			}
		}
		for _, v := range surveys {
			n.Surveys[v.RuasID] = append(n.Surveys[v.RuasID], v)
		}
		works, err := QueryWorks(ctx, tx, `SELECT `+db.dl.WorksColumns()+` FROM works w JOIN ruas r ON r.id = w.ruas_id WHERE r.id NOT IN (`+db.dl.Standing()+`) ORDER BY w.ruas_id, w.date, w.sta_from_m`)
		if err != nil {
			return err
		}
		for _, w := range works {
			n.Works[w.RuasID] = append(n.Works[w.RuasID], w)
		}
		traffic, err := QueryTraffic(ctx, tx, `SELECT `+db.dl.TrafficColumns()+` FROM traffic t JOIN ruas r ON r.id = t.ruas_id WHERE r.id NOT IN (`+db.dl.Standing()+`) ORDER BY t.ruas_id, t.year`)
		if err != nil {
			return err
		}
		for _, t := range traffic {
			n.Traffic[t.RuasID] = append(n.Traffic[t.RuasID], t)
		}
		if n.Office, err = ReadOffice(ctx, tx); err != nil && !errors.Is(err, roads.ErrNotFound) {
			return err
		}
		n.Hash, err = db.dl.snapshotHash(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read network: %w", err)
	}
	return n, nil
}

// SnapshotHash returns the hash of the register as it stands now; it equals
// Network().Hash when nothing changed in between.
func (db *Records) SnapshotHash(ctx context.Context) (string, error) {
	var h string
	err := db.read(ctx, func(tx Tx) error {
		var err error
		h, err = db.dl.snapshotHash(ctx, tx)
		return err
	})
	return h, err
}

// snapshotHash hashes the identity and version of every stored record:
// ruas (id, version), surveys, works and traffic (id and recorded time, and
// the values that an upsert may change in place), and every record's
// verification state, since the published figures and the SIPD and
// e-Walidata exports read verified records only.
func (d *Dialect) snapshotHash(ctx context.Context, tx Tx) (string, error) {
	h := sha256.New()
	var buf [8]byte
	put := func(vals ...any) {
		for _, v := range vals {
			switch v := v.(type) {
			case int64:
				binary.LittleEndian.PutUint64(buf[:], uint64(v))
				h.Write(buf[:])
			case float64:
				binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
				h.Write(buf[:])
			case string:
				h.Write([]byte(v))
				h.Write([]byte{0})
			}
		}
	}
	for _, q := range []struct {
		tag, sql string
	}{
		{"ruas", `SELECT id, version, verif FROM ruas ORDER BY id`},
		{"survey", `SELECT id, 0, ` + d.Stamp("recorded_at") + ` || verif FROM survey ORDER BY id`},
		{"works", `SELECT id, ` + d.IntOf("cost_rp") + ` + ` + d.BoolInt("committed") + `, ` + d.Stamp("recorded_at") + ` || verif FROM works ORDER BY id`},
		{"traffic", `SELECT id, ` + d.IntOf("lhr") + `, ` + d.Stamp("recorded_at") + ` || verif FROM traffic ORDER BY id`},
	} {
		put(q.tag)
		rows, err := tx.QueryContext(ctx, q.sql)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var id, v int64
			var s string
			if err := rows.Scan(&id, &v, &s); err != nil {
				rows.Close()
				return "", err
			}
			put(id, v, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	// Standing retirements take ruas out of the network. With none the
	// hash is what it was before retiring existed, so older plans stay current.
	rows, err := tx.QueryContext(ctx, `SELECT ruas_id, `+d.Stamp("retired_at")+` FROM ruas_retired WHERE `+d.Unset("ended_at")+` ORDER BY ruas_id`)
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var id int64
		var at string
		if err := rows.Scan(&id, &at); err != nil {
			rows.Close()
			return "", err
		}
		put("retired", id, at)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// ChangesSince counts the records changed after at.
func (db *Records) ChangesSince(ctx context.Context, at time.Time) (roads.Changes, error) {
	var c roads.Changes
	// The SQLite audit trail writes its moments as '%Y-%m-%dT%H:%M:%fZ';
	// compare in that layout so the text order is the time order (PostgreSQL
	// reads it as a timestamptz). That clock has milliseconds only, so a change in the same millisecond as at counts
	// (at is when a plan was saved, after it read the register: what was
	// written then is not in the plan).
	since := at.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000Z")
	err := db.read(ctx, func(tx Tx) error {
		const q = `SELECT count(DISTINCT entity || ':' || entity_id) FROM audit WHERE at >= ? AND (origin LIKE 'verifikasi:%') = ?`
		if err := tx.QueryRowContext(ctx, q, since, true).Scan(&c.Verified); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, q, since, false).Scan(&c.Edited)
	})
	if err != nil {
		return c, fmt.Errorf("changes since %s: %w", since, err)
	}
	return c, nil
}
