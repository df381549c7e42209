package roads

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"time"
)

// Network is a consistent read of the whole register: every ruas with its
// surveys, works and traffic, and a hash that changes whenever any stored
// record does. Plans are computed from a Network and keep its Hash, so an
// export can tell when the data moved on since the plan ran.
type Network struct {
	Ruas    []*Ruas
	Surveys map[int64][]*Survey  // by ruas id, by date then STA
	Works   map[int64][]*Works   // by ruas id, by date
	Traffic map[int64][]*Traffic // by ruas id, by year
	Hash    string
	ReadAt  time.Time
	// VerifiedOnly is set on the network returned by Verified.
	VerifiedOnly bool
	// Office is who the register belongs to (zero when not set yet; see
	// Office.IsSet). It is not part of Hash: naming the office does not
	// make a plan's data stale.
	Office Office
}

// Network reads the whole register in one read transaction.
func (s *Store) Network(ctx context.Context) (*Network, error) {
	n := &Network{Surveys: map[int64][]*Survey{}, Works: map[int64][]*Works{}, Traffic: map[int64][]*Traffic{}, ReadAt: s.clock()}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+ruasColumns+` FROM ruas WHERE id NOT IN (`+standing+`) ORDER BY region, no_ruas`)
		if err != nil {
			return err
		}
		for rows.Next() {
			r, err := scanRuas(rows)
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
		surveys, err := querySurveys(ctx, tx, `SELECT `+surveyColumns+` FROM survey s JOIN ruas r ON r.id = s.ruas_id WHERE r.id NOT IN (`+standing+`) ORDER BY s.ruas_id, s.date, s.sta_from_m`)
		if err != nil {
			return err
		}
		for _, v := range surveys {
			n.Surveys[v.RuasID] = append(n.Surveys[v.RuasID], v)
		}
		works, err := queryWorks(ctx, tx, `SELECT `+worksColumns+` FROM works w JOIN ruas r ON r.id = w.ruas_id WHERE r.id NOT IN (`+standing+`) ORDER BY w.ruas_id, w.date, w.sta_from_m`)
		if err != nil {
			return err
		}
		for _, w := range works {
			n.Works[w.RuasID] = append(n.Works[w.RuasID], w)
		}
		traffic, err := queryTraffic(ctx, tx, `SELECT `+trafficColumns+` FROM traffic t JOIN ruas r ON r.id = t.ruas_id WHERE r.id NOT IN (`+standing+`) ORDER BY t.ruas_id, t.year`)
		if err != nil {
			return err
		}
		for _, t := range traffic {
			n.Traffic[t.RuasID] = append(n.Traffic[t.RuasID], t)
		}
		if n.Office, err = readOffice(ctx, tx); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		n.Hash, err = snapshotHash(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read network: %w", err)
	}
	return n, nil
}

// SnapshotHash returns the hash of the register as it stands now; it equals
// Network().Hash when nothing changed in between.
func (s *Store) SnapshotHash(ctx context.Context) (string, error) {
	var h string
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		h, err = snapshotHash(ctx, tx)
		return err
	})
	return h, err
}

// snapshotHash hashes the identity and version of every stored record:
// ruas (id, version), surveys, works and traffic (id and recorded time, and
// the values that an upsert may change in place), and every record's
// verification state, since the published figures and the SIPD and
// e-Walidata exports read verified records only.
func snapshotHash(ctx context.Context, tx *sql.Tx) (string, error) {
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
		{"survey", `SELECT id, 0, recorded_at || verif FROM survey ORDER BY id`},
		{"works", `SELECT id, CAST(cost_rp AS INTEGER) + committed, recorded_at || verif FROM works ORDER BY id`},
		{"traffic", `SELECT id, CAST(lhr AS INTEGER), recorded_at || verif FROM traffic ORDER BY id`},
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
	rows, err := tx.QueryContext(ctx, `SELECT ruas_id, retired_at FROM ruas_retired WHERE ended_at = '' ORDER BY ruas_id`)
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

// LatestSurvey returns, for a ruas's surveys (sorted by date), those of the
// most recent survey date: the current condition of the link.
func LatestSurvey(surveys []*Survey) []*Survey {
	if len(surveys) == 0 {
		return nil
	}
	last := surveys[len(surveys)-1].Date
	i := len(surveys) - 1
	for i > 0 && surveys[i-1].Date.Equal(last) {
		i--
	}
	return surveys[i:]
}

// Condition is the length per Bina Marga class of a set of surveys, with
// the versions of the rules and mappings that derived them.
type Condition struct {
	Metres   [4]float64 // Kondisis order
	Date     time.Time  // latest survey date
	Versions []string   // rule and mapping versions used
	Mapped   bool       // some metres came through a scheme mapping
	SDI      float64    // length-weighted mean SDI of units that have one; NaN if none
	IRI      float64    // length-weighted mean IRI of units that have one; NaN if none
}

// Total is the surveyed length in metres.
func (c Condition) Total() float64 { return ClassLengthOf(c.Metres).Total() }

// Kemantapan is the share (%) of surveyed length in Baik or Sedang, NaN
// when nothing was surveyed (ClassLength.Kemantapan).
func (c Condition) Kemantapan() float64 { return ClassLengthOf(c.Metres).Kemantapan() }

// Kondisi is the class holding the most length (ties to the worse).
func (c Condition) Kondisi() Kondisi {
	best := -1
	for i, m := range c.Metres {
		if m > 0 && (best < 0 || m >= c.Metres[best]) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return Kondisis[best]
}

// ConditionOf sums surveys into a Condition.
func ConditionOf(surveys []*Survey) Condition {
	var c Condition
	seen := map[string]bool{}
	var sdiW, sdiSum, iriW, iriSum float64
	for _, v := range surveys {
		for i := range c.Metres {
			c.Metres[i] += v.Metres[i]
		}
		if v.Date.After(c.Date) {
			c.Date = v.Date
		}
		ver := v.Assessment.RuleVersion
		if v.MappingVersion != "" {
			ver = v.MappingVersion
			if v.Scheme != SchemeBinaMarga {
				c.Mapped = true
			}
		}
		if ver != "" && !seen[ver] {
			seen[ver] = true
			c.Versions = append(c.Versions, ver)
		}
		if v.Distress != nil {
			l := v.LengthM()
			if v.Assessment.SDI != nil {
				sdiW += l
				sdiSum += l * *v.Assessment.SDI
			}
			if v.Distress.IRI != nil {
				iriW += l
				iriSum += l * *v.Distress.IRI
			}
		}
	}
	c.SDI, c.IRI = math.NaN(), math.NaN()
	if sdiW > 0 {
		c.SDI = sdiSum / sdiW
	}
	if iriW > 0 {
		c.IRI = iriSum / iriW
	}
	return c
}

// Changes counts the register records changed after a moment, from the
// audit trail: records a walidata verified or returned, and records added,
// edited, deleted or retired. A record both edited and verified counts in
// both. It tells a planner what moved since a plan ran.
type Changes struct {
	Verified int // verified or returned by a walidata
	Edited   int // added, edited, deleted or retired
}

// Total is the number of changes of either kind.
func (c Changes) Total() int { return c.Verified + c.Edited }

// ChangesSince counts the records changed after at.
func (s *Store) ChangesSince(ctx context.Context, at time.Time) (Changes, error) {
	var c Changes
	// The audit trail writes its moments as '%Y-%m-%dT%H:%M:%fZ'; compare
	// in that layout so the text order is the time order. Its clock has
	// milliseconds only, so a change in the same millisecond as at counts
	// (at is when a plan was saved, after it read the register: what was
	// written then is not in the plan).
	since := at.UTC().Truncate(time.Millisecond).Format("2006-01-02T15:04:05.000Z")
	err := s.read(ctx, func(tx *sql.Tx) error {
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
