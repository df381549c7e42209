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

// SurveyColumns are the columns ScanSurvey reads, of survey s joined to ruas r.
func (d *Dialect) SurveyColumns() string {
	return `s.id, s.ruas_id, r.region, r.no_ruas, s.date, s.date_basis, s.sta_from_m, s.sta_to_m,
	s.crack_area_pct, s.crack_width_mm, s.potholes, s.rut_cm, s.iri, s.pci, s.scheme, s.part1, s.part2, s.part3, s.part4,
	s.sdi, s.kondisi, s.basis, s.rule_version, s.steps, s.m_baik, s.m_sedang, s.m_rusak_ringan, s.m_rusak_berat, s.mapping_version,
	s.source_file, s.source_row, s.source_form, s.source_user, s.recorded_at, s.verif, s.verif_by, ` + d.Stamp("s.verif_at") + `, s.verif_note`
}

// ScanSurvey reads a row of SurveyColumns.
func ScanSurvey(sc Scanner) (*roads.Survey, error) {
	var v roads.Survey
	var d roads.Distress
	var date, recorded, steps, verifAt string
	var sdi sql.NullFloat64
	var kondisi string
	err := sc.Scan(&v.ID, &v.RuasID, &v.Ruas.Region, &v.Ruas.No, &date, &v.DateBasis, &v.StaFromM, &v.StaToM,
		&d.CrackAreaPct, &d.CrackWidthMM, &d.Potholes, &d.RutCM, &d.IRI, &d.PCI, &v.Scheme, &v.Parts[0], &v.Parts[1], &v.Parts[2], &v.Parts[3],
		&sdi, &kondisi, &v.Assessment.Basis, &v.Assessment.RuleVersion, &steps, &v.Metres[0], &v.Metres[1], &v.Metres[2], &v.Metres[3], &v.MappingVersion,
		&v.Source.File, &v.Source.Row, &v.Source.Form, &v.Source.User, &recorded, &v.Verif.State, &v.Verif.By, &verifAt, &v.Verif.Note)
	if err != nil {
		return nil, err
	}
	v.Date, _ = time.Parse(DateLayout, date)
	v.Source.At = ParseTime(recorded)
	v.Verif.At = ParseTime(verifAt)
	v.Assessment.Kondisi = roads.Kondisi(kondisi)
	if sdi.Valid {
		x := sdi.Float64
		v.Assessment.SDI = &x
	}
	if steps != "" {
		v.Assessment.Steps = strings.Split(steps, "\n")
	}
	if v.Scheme == "" {
		v.Distress = &d
		if strings.HasSuffix(v.Assessment.Basis, roads.BasisSDIGiven) && v.Assessment.SDI != nil {
			x := *v.Assessment.SDI
			v.SDIGiven = &x
		}
	}
	return &v, nil
}

// AddSurvey validates a survey, derives its SDI and class with the current
// rule table, and stores it. The ruas is found by v.RuasID or else v.Ruas.
// A second survey of the same ruas, date and STA range is a conflict.
func (db *Records) AddSurvey(ctx context.Context, v *roads.Survey) error {
	rules, err := roads.ConditionRules("")
	if err != nil {
		return err
	}
	if err := v.Prepare(rules); err != nil {
		return err
	}
	return db.write(ctx, func(tx Tx) error {
		if err := ResolveRuas(ctx, tx, &v.RuasID, v.Ruas); err != nil {
			return err
		}
		return db.dl.InsertSurvey(ctx, tx, v, db.now())
	})
}

// ResolveRuas sets *id to the ruas of key unless it is set already.
func ResolveRuas(ctx context.Context, tx Tx, id *int64, key roads.Key) error {
	if *id != 0 {
		return nil
	}
	err := tx.QueryRowContext(ctx, `SELECT id FROM ruas WHERE region = ? AND no_ruas = ?`, key.Region, key.No).Scan(id)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: ruas %s is not in the register; add the ruas first", roads.ErrNotFound, key)
	}
	return err
}

// InsertSurvey writes v as a new survey; one of the same ruas, date and
// STA range already stored is a conflict (a re-import updates it in place:
// updateSurveyRow).
func (dl *Dialect) InsertSurvey(ctx context.Context, tx Tx, v *roads.Survey, at time.Time) error {
	d := v.Distress
	if d == nil {
		d = &roads.Distress{}
	}
	if v.Source.At.IsZero() {
		v.Source.At = at.UTC()
	}
	id, err := dl.InsertID(ctx, tx, `INSERT INTO survey (ruas_id, date, date_basis, sta_from_m, sta_to_m,
		crack_area_pct, crack_width_mm, potholes, rut_cm, iri, pci, scheme, part1, part2, part3, part4,
		sdi, kondisi, basis, rule_version, steps, m_baik, m_sedang, m_rusak_ringan, m_rusak_berat, mapping_version,
		source_file, source_row, source_form, source_user, recorded_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		v.RuasID, v.Date.Format(DateLayout), v.DateBasis, v.StaFromM, v.StaToM,
		d.CrackAreaPct, d.CrackWidthMM, d.Potholes, d.RutCM, d.IRI, d.PCI, v.Scheme, v.Parts[0], v.Parts[1], v.Parts[2], v.Parts[3],
		v.Assessment.SDI, v.Assessment.Kondisi, v.Assessment.Basis, v.Assessment.RuleVersion, strings.Join(v.Assessment.Steps, "\n"),
		v.Metres[0], v.Metres[1], v.Metres[2], v.Metres[3], v.MappingVersion,
		v.Source.File, v.Source.Row, v.Source.Form, v.Source.User, v.Source.At.UTC().Format(time.RFC3339Nano))
	if dl.IsUnique(err) {
		return fmt.Errorf("%w: ruas %s already has a survey on %s for STA %s–%s", roads.ErrConflict, v.Ruas, v.Date.Format(DateLayout), roads.FormatSTA(v.StaFromM), roads.FormatSTA(v.StaToM))
	}
	if err != nil {
		return fmt.Errorf("add survey of ruas %s: %w", v.Ruas, err)
	}
	v.ID = id
	v.Verif = roads.Verification{State: roads.Draft}
	return nil
}

// Surveys returns the surveys matching f, by ruas, date and STA.
func (db *Records) Surveys(ctx context.Context, f roads.SurveyFilter) ([]*roads.Survey, error) {
	var conds []string
	var args []any
	if f.RuasID != 0 {
		conds, args = append(conds, "s.ruas_id = ?"), append(args, f.RuasID)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "s.date >= ?"), append(args, f.From.Format(DateLayout))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "s.date <= ?"), append(args, f.To.Format(DateLayout))
	}
	q := `SELECT ` + db.dl.SurveyColumns() + ` FROM survey s JOIN ruas r ON r.id = s.ruas_id`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY s.ruas_id, s.date, s.sta_from_m"
	var out []*roads.Survey
	err := db.read(ctx, func(tx Tx) error {
		var err error
		out, err = QuerySurveys(ctx, tx, q, args...)
		return err
	})
	return out, err
}

// QuerySurveys runs q, a select of SurveyColumns.
func QuerySurveys(ctx context.Context, tx Tx, q string, args ...any) ([]*roads.Survey, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*roads.Survey
	for rows.Next() {
		v, err := ScanSurvey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
