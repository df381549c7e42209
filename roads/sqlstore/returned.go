package sqlstore

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
)

// ReturnedTo lists the records last entered or edited by user that a
// walidata returned, newest return first. A record leaves the list once it
// is edited (it is a draft again) or verified.
func (db *Records) ReturnedTo(ctx context.Context, user string) ([]roads.ReturnedRecord, error) {
	q := `
SELECT 'ruas', r.id, r.id, r.region, r.no_ruas, r.name, '', 0, 0, '', 0, r.verif_by, ` + db.dl.Stamp("r.verif_at") + `, r.verif_note
  FROM ruas r WHERE r.verif = 'returned' AND r.source_user = ?1
UNION ALL
SELECT 'survey', v.id, r.id, r.region, r.no_ruas, r.name, v.date, v.sta_from_m, v.sta_to_m, '', 0, v.verif_by, ` + db.dl.Stamp("v.verif_at") + `, v.verif_note
  FROM survey v JOIN ruas r ON r.id = v.ruas_id WHERE v.verif = 'returned' AND v.source_user = ?1
UNION ALL
SELECT 'works', w.id, r.id, r.region, r.no_ruas, r.name, w.date, w.sta_from_m, w.sta_to_m, w.type, 0, w.verif_by, ` + db.dl.Stamp("w.verif_at") + `, w.verif_note
  FROM works w JOIN ruas r ON r.id = w.ruas_id WHERE w.verif = 'returned' AND w.source_user = ?1
UNION ALL
SELECT 'traffic', t.id, r.id, r.region, r.no_ruas, r.name, '', 0, 0, '', t.year, t.verif_by, ` + db.dl.Stamp("t.verif_at") + `, t.verif_note
  FROM traffic t JOIN ruas r ON r.id = t.ruas_id WHERE t.verif = 'returned' AND t.source_user = ?1
ORDER BY 13 DESC, 1, 2`
	var out []roads.ReturnedRecord
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, q, user)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var x roads.ReturnedRecord
			var date, at string
			if err := rows.Scan(&x.Entity, &x.ID, &x.RuasID, &x.RuasKey.Region, &x.RuasKey.No, &x.RuasName, &date, &x.StaFrom, &x.StaTo,
				&x.Type, &x.Year, &x.Verif.By, &at, &x.Verif.Note); err != nil {
				return err
			}
			x.Verif.State = roads.Returned
			x.Verif.At = ParseTime(at)
			if date != "" {
				x.Date = ParseTime(date)
			}
			out = append(out, x)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("records returned to %s: %w", user, err)
	}
	return out, nil
}
