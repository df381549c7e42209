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

// SyncField stores units synced from a phone, in one transaction. Each
// unit is judged alone: a unit already received (same client id) answers
// what it got then and stores nothing; an invalid one is refused with its
// problems; one whose stretch got a survey the phone did not know, dated
// on or after it, is kept as a conflict; the rest become draft surveys
// authored by the unit's account, their origin naming the device.
func (db *Records) SyncField(ctx context.Context, units []*roads.FieldUnit) ([]roads.FieldOutcome, error) {
	rules, err := roads.ConditionRules("")
	if err != nil {
		return nil, err
	}
	out := make([]roads.FieldOutcome, len(units))
	err = db.write(ctx, func(tx Tx) error {
		now := db.now()
		for i, u := range units {
			o, err := db.syncFieldUnit(ctx, tx, rules, u, now)
			if err != nil {
				return err
			}
			out[i] = o
		}
		return nil
	})
	return out, err
}

func (db *Records) syncFieldUnit(ctx context.Context, tx Tx, rules *roads.Rules, u *roads.FieldUnit, now time.Time) (roads.FieldOutcome, error) {
	o := roads.FieldOutcome{ClientID: u.ClientID}
	var account string
	err := tx.QueryRowContext(ctx, `SELECT account, state, coalesce(survey_id, 0), coalesce(conflict_with, 0) FROM field_unit WHERE client_id = ?`, u.ClientID).
		Scan(&account, &o.State, &o.SurveyID, &o.ConflictWith)
	switch {
	case err == nil:
		if account != u.Account {
			o.State, o.Errors = roads.FieldRefused, []roads.FieldError{{Field: "id", Value: u.ClientID, Message: "another account synced a unit with this id; the phone must make a new id"}}
			return o, nil
		}
		o.Repeat = true
		if o.SurveyID != 0 {
			v, err := QuerySurveys(ctx, tx, `SELECT `+db.dl.SurveyColumns()+` FROM survey s JOIN ruas r ON r.id = s.ruas_id WHERE s.id = ?`, o.SurveyID)
			if err != nil {
				return o, err
			}
			if len(v) == 1 {
				o.SDI, o.Kondisi = v[0].Assessment.SDI, v[0].Assessment.Kondisi
			}
		}
		return o, nil
	case !errors.Is(err, sql.ErrNoRows):
		return o, err
	}
	var key roads.Key
	var lengthM, geomM float64
	err = tx.QueryRowContext(ctx, `SELECT region, no_ruas, length_m, geom_length_m FROM ruas WHERE id = ?`, u.RuasID).Scan(&key.Region, &key.No, &lengthM, &geomM)
	if errors.Is(err, sql.ErrNoRows) {
		o.State, o.Errors = roads.FieldRefused, []roads.FieldError{{Field: "ruas_id", Value: fmt.Sprint(u.RuasID), Message: "the ruas is not in the register (deleted since the phone took it)"}}
		return o, nil
	}
	if err != nil {
		return o, err
	}
	v, errs := u.Survey(rules, key, now)
	if length := (&roads.Ruas{LengthM: lengthM, GeomLengthM: geomM}).Length(); length > 0 && u.StaToM > length+roads.FieldSTASlackM {
		errs = append(errs, roads.FieldError{Field: "sta_to_m", Value: roads.FormatSTA(u.StaToM),
			Message: fmt.Sprintf("the unit ends after the ruas (%s); check the STA", roads.FormatSTA(length))})
	}
	if len(errs) > 0 {
		o.State, o.Errors = roads.FieldRefused, errs
		return o, nil
	}
	o.SDI, o.Kondisi = v.Assessment.SDI, v.Assessment.Kondisi
	form, err := json.Marshal(u.Form)
	if err != nil {
		return o, err
	}
	// A survey of an overlapping stretch that the phone did not know,
	// dated on or after the unit, is newer evidence: no overwrite, a
	// conflict. So is any survey with the same date and STA (the register
	// keeps one per date and stretch).
	var newer int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM survey WHERE ruas_id = ? AND sta_from_m < ? AND sta_to_m > ?
		AND (id > ? AND date >= ? OR date = ? AND sta_from_m = ? AND sta_to_m = ?)
		ORDER BY date DESC, id DESC LIMIT 1`,
		u.RuasID, u.StaToM, u.StaFromM, u.KnownSurveyID, u.Date.Format(DateLayout), u.Date.Format(DateLayout), u.StaFromM, u.StaToM).Scan(&newer)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return o, err
	}
	state := roads.FieldStored
	var surveyID, conflict any
	if newer != 0 {
		state, conflict, o.ConflictWith = roads.FieldConflict, newer, newer
	} else {
		if err := db.dl.InsertSurvey(ctx, tx, v, now); err != nil {
			return o, err
		}
		surveyID, o.SurveyID = v.ID, v.ID
	}
	o.State = state
	_, err = tx.ExecContext(ctx, `INSERT INTO field_unit (client_id, ruas_id, account, device, date, sta_from_m, sta_to_m, form,
		known_survey_id, state, survey_id, conflict_with, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		u.ClientID, u.RuasID, u.Account, u.Device, u.Date.Format(DateLayout), u.StaFromM, u.StaToM, string(form),
		u.KnownSurveyID, state, surveyID, conflict, StampText(now))
	return o, err
}

func (d *Dialect) fieldUnitColumns() string {
	return `client_id, ruas_id, account, device, date, sta_from_m, sta_to_m, form, known_survey_id, state,
	coalesce(survey_id, 0), coalesce(conflict_with, 0), ` + d.Stamp("received_at")
}

func scanFieldUnit(sc Scanner) (*roads.FieldUnit, error) {
	var u roads.FieldUnit
	var date, form, received string
	if err := sc.Scan(&u.ClientID, &u.RuasID, &u.Account, &u.Device, &date, &u.StaFromM, &u.StaToM, &form, &u.KnownSurveyID, &u.State,
		&u.SurveyID, &u.ConflictWith, &received); err != nil {
		return nil, err
	}
	u.Date, _ = time.Parse(DateLayout, date)
	u.ReceivedAt = ParseTime(received)
	if err := json.Unmarshal([]byte(form), &u.Form); err != nil {
		return nil, fmt.Errorf("field unit %s: stored form: %w", u.ClientID, err)
	}
	return &u, nil
}

// FieldConflicts returns the account's units waiting for a decision, with
// the newer survey each met and what the unit would store.
func (db *Records) FieldConflicts(ctx context.Context, account string) ([]roads.FieldDispute, error) {
	rules, err := roads.ConditionRules("")
	if err != nil {
		return nil, err
	}
	var out []roads.FieldDispute
	err = db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+db.dl.fieldUnitColumns()+` FROM field_unit WHERE account = ? AND state = ? ORDER BY received_at, client_id`, account, roads.FieldConflict)
		if err != nil {
			return err
		}
		var units []*roads.FieldUnit
		for rows.Next() {
			u, err := scanFieldUnit(rows)
			if err != nil {
				rows.Close()
				return err
			}
			units = append(units, u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, u := range units {
			c := roads.FieldDispute{Unit: *u}
			srv, err := QuerySurveys(ctx, tx, `SELECT `+db.dl.SurveyColumns()+` FROM survey s JOIN ruas r ON r.id = s.ruas_id WHERE s.id = ?`, u.ConflictWith)
			if err != nil {
				return err
			}
			if len(srv) == 1 {
				c.Server = srv[0]
			}
			var key roads.Key
			if err := tx.QueryRowContext(ctx, `SELECT region, no_ruas FROM ruas WHERE id = ?`, u.RuasID).Scan(&key.Region, &key.No); err != nil {
				return err
			}
			c.Mine, _ = u.Survey(rules, key, db.now())
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// ResolveFieldConflict applies the engineer's decision on a conflict:
// keepMine stores the unit as a draft survey beside the newer one (the
// register keeps both; the latest date counts); otherwise the unit is
// discarded and the server's survey stands. Only the unit's author decides.
func (db *Records) ResolveFieldConflict(ctx context.Context, clientID, account string, keepMine bool) (roads.FieldOutcome, error) {
	rules, err := roads.ConditionRules("")
	if err != nil {
		return roads.FieldOutcome{}, err
	}
	o := roads.FieldOutcome{ClientID: clientID}
	err = db.write(ctx, func(tx Tx) error {
		u, err := scanFieldUnit(tx.QueryRowContext(ctx, `SELECT `+db.dl.fieldUnitColumns()+` FROM field_unit WHERE client_id = ?`, clientID))
		if errors.Is(err, sql.ErrNoRows) || err == nil && u.Account != account {
			return fmt.Errorf("%w: no field unit %s of account %s", roads.ErrNotFound, clientID, account)
		}
		if err != nil {
			return err
		}
		if u.State != roads.FieldConflict {
			return fmt.Errorf("%w: field unit %s is %s, not a conflict; nothing to decide", roads.ErrConflict, clientID, u.State)
		}
		now := db.now()
		if !keepMine {
			o.State = roads.FieldDiscarded
			_, err := tx.ExecContext(ctx, `UPDATE field_unit SET state = ?, resolved_at = ? WHERE client_id = ?`, roads.FieldDiscarded, StampText(now), clientID)
			return err
		}
		var key roads.Key
		if err := tx.QueryRowContext(ctx, `SELECT region, no_ruas FROM ruas WHERE id = ?`, u.RuasID).Scan(&key.Region, &key.No); err != nil {
			return err
		}
		v, errs := u.Survey(rules, key, now)
		if len(errs) > 0 {
			return roads.ValidationErrorOf("field unit "+clientID, errs)
		}
		if err := db.dl.InsertSurvey(ctx, tx, v, now); err != nil {
			if errors.Is(err, roads.ErrConflict) {
				return fmt.Errorf("%w: the server's survey has the same date and STA as this unit; keep the server's, or enter the unit again with the date it was really surveyed", roads.ErrConflict)
			}
			return err
		}
		o.State, o.SurveyID, o.SDI, o.Kondisi = roads.FieldStored, v.ID, v.Assessment.SDI, v.Assessment.Kondisi
		_, err = tx.ExecContext(ctx, `UPDATE field_unit SET state = ?, survey_id = ?, resolved_at = ? WHERE client_id = ?`, roads.FieldStored, v.ID, StampText(now), clientID)
		return err
	})
	return o, err
}

// AddFieldPhoto stores a photo of a synced unit of the same account. A
// photo already stored (same client id) is not stored again: created is
// false and nothing changes.
func (db *Records) AddFieldPhoto(ctx context.Context, p *roads.FieldPhoto) (created bool, err error) {
	if !roads.ClientIDOK(p.ClientID) || !roads.ClientIDOK(p.UnitID) {
		return false, fmt.Errorf("%w: photo id %q and unit id %q must be 8–64 letters, digits or '-'", roads.ErrInvalid, p.ClientID, p.UnitID)
	}
	if len(p.Data) == 0 || len(p.Data) > roads.MaxPhotoBytes {
		return false, fmt.Errorf("%w: photo of %d bytes; a photo must be 1 byte to %d MiB", roads.ErrInvalid, len(p.Data), roads.MaxPhotoBytes>>20)
	}
	ok := false
	for _, t := range roads.PhotoTypes {
		ok = ok || t == p.ContentType
	}
	if !ok {
		return false, fmt.Errorf("%w: photo of type %s; send JPEG, PNG or WebP", roads.ErrInvalid, p.ContentType)
	}
	err = db.write(ctx, func(tx Tx) error {
		var account, unit string
		err := tx.QueryRowContext(ctx, `SELECT unit_id, account FROM field_photo WHERE client_id = ?`, p.ClientID).Scan(&unit, &account)
		if err == nil {
			if unit != p.UnitID || account != p.Account {
				return fmt.Errorf("%w: photo id %s is taken by another unit; the phone must make a new id", roads.ErrConflict, p.ClientID)
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT account FROM field_unit WHERE client_id = ?`, p.UnitID).Scan(&account)
		if errors.Is(err, sql.ErrNoRows) || err == nil && account != p.Account {
			return fmt.Errorf("%w: no synced unit %s of account %s; sync the unit before its photos", roads.ErrNotFound, p.UnitID, p.Account)
		}
		if err != nil {
			return err
		}
		now := db.now()
		taken := p.TakenAt
		if taken.IsZero() {
			taken = now
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO field_photo (client_id, unit_id, content_type, data, size, width, height, lat, lon, taken_at, account, received_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, p.ClientID, p.UnitID, p.ContentType, p.Data, len(p.Data), p.Width, p.Height, p.Lat, p.Lon,
			StampText(taken), p.Account, StampText(now))
		created = err == nil
		return err
	})
	return created, err
}

func (d *Dialect) fieldPhotoColumns() string {
	return `p.client_id, p.unit_id, p.content_type, p.width, p.height, p.lat, p.lon, ` + d.Stamp("p.taken_at") + `, p.account, ` + d.Stamp("p.received_at") + `,
	coalesce(u.survey_id, 0), u.ruas_id`
}

func scanFieldPhoto(sc Scanner) (*roads.FieldPhoto, error) {
	var p roads.FieldPhoto
	var lat, lon sql.NullFloat64
	var taken, received string
	if err := sc.Scan(&p.ClientID, &p.UnitID, &p.ContentType, &p.Width, &p.Height, &lat, &lon, &taken, &p.Account, &received, &p.SurveyID, &p.RuasID); err != nil {
		return nil, err
	}
	if lat.Valid && lon.Valid {
		p.Lat, p.Lon = &lat.Float64, &lon.Float64
	}
	p.TakenAt, p.ReceivedAt = ParseTime(taken), ParseTime(received)
	return &p, nil
}

// FieldPhotoData returns a photo with its bytes.
func (db *Records) FieldPhotoData(ctx context.Context, clientID string) (*roads.FieldPhoto, error) {
	var p *roads.FieldPhoto
	err := db.read(ctx, func(tx Tx) error {
		var err error
		row := tx.QueryRowContext(ctx, `SELECT `+db.dl.fieldPhotoColumns()+`, p.data FROM field_photo p JOIN field_unit u ON u.client_id = p.unit_id WHERE p.client_id = ?`, clientID)
		var data []byte
		p, err = scanFieldPhoto(scanFunc(func(dest ...any) error { return row.Scan(append(dest, &data)...) }))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no photo %s", roads.ErrNotFound, clientID)
		}
		if err == nil {
			p.Data = data
		}
		return err
	})
	return p, err
}

// scanFunc adapts a function to the scanner interface.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// SurveyPhotos returns the photos (without bytes) of the given survey
// rows, by survey id, oldest first.
func (db *Records) SurveyPhotos(ctx context.Context, surveyIDs []int64) (map[int64][]*roads.FieldPhoto, error) {
	out := map[int64][]*roads.FieldPhoto{}
	if len(surveyIDs) == 0 {
		return out, nil
	}
	err := db.read(ctx, func(tx Tx) error {
		// In chunks, under SQLite's bound on host parameters.
		for start := 0; start < len(surveyIDs); start += 500 {
			ids := surveyIDs[start:min(start+500, len(surveyIDs))]
			in, args := db.dl.InIDs(ids)
			rows, err := tx.QueryContext(ctx, `SELECT `+db.dl.fieldPhotoColumns()+` FROM field_photo p JOIN field_unit u ON u.client_id = p.unit_id
				WHERE u.survey_id `+in+` ORDER BY p.taken_at, p.client_id`, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				p, err := scanFieldPhoto(rows)
				if err != nil {
					rows.Close()
					return err
				}
				out[p.SurveyID] = append(out[p.SurveyID], p)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// FieldNewestSurveys returns, per ruas, the newest survey id stored (0
// for none): the phone keeps it with the ruas it takes, and sends it back
// with its units so that a survey stored meanwhile is seen as newer.
func (db *Records) FieldNewestSurveys(ctx context.Context) (map[int64]int64, error) {
	out := map[int64]int64{}
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT ruas_id, max(id) FROM survey GROUP BY ruas_id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r, id int64
			if err := rows.Scan(&r, &id); err != nil {
				return err
			}
			out[r] = id
		}
		return rows.Err()
	})
	return out, err
}

// FieldForms returns the RCS forms of the field units stored as the given
// survey rows, by survey id (the items the survey row has no column for:
// surface, crack type, patching, edge break, shoulder, drainage, note).
func (db *Records) FieldForms(ctx context.Context, surveyIDs []int64) (map[int64]roads.FieldForm, error) {
	out := map[int64]roads.FieldForm{}
	if len(surveyIDs) == 0 {
		return out, nil
	}
	err := db.read(ctx, func(tx Tx) error {
		for start := 0; start < len(surveyIDs); start += 500 {
			ids := surveyIDs[start:min(start+500, len(surveyIDs))]
			in, args := db.dl.InIDs(ids)
			rows, err := tx.QueryContext(ctx, `SELECT survey_id, form FROM field_unit WHERE survey_id `+in, args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				var raw string
				var f roads.FieldForm
				if err := rows.Scan(&id, &raw); err != nil {
					rows.Close()
					return err
				}
				if err := json.Unmarshal([]byte(raw), &f); err != nil {
					rows.Close()
					return fmt.Errorf("field form of survey %d: %w", id, err)
				}
				out[id] = f
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
