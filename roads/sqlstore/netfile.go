package sqlstore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// ImportDatedSurveys returns the surveys (link-level and units) whose date is the day
// they were imported (DateBasis DateFromImport, the source gave no date),
// by ruas key, oldest first. An importer uses them to give an undated file
// imported again the date of its first import — the same observation — so
// that re-importing a file changes nothing.
func (db *Records) ImportDatedSurveys(ctx context.Context) (map[roads.Key][]*roads.Survey, error) {
	out := map[roads.Key][]*roads.Survey{}
	err := db.read(ctx, func(tx Tx) error {
		vs, err := QuerySurveys(ctx, tx, `SELECT `+db.dl.SurveyColumns()+` FROM survey s JOIN ruas r ON r.id = s.ruas_id
			WHERE s.date_basis = ? ORDER BY s.ruas_id, s.date, s.sta_from_m`, roads.DateFromImport)
		if err != nil {
			return err
		}
		for _, v := range vs {
			out[v.Ruas] = append(out[v.Ruas], v)
		}
		return nil
	})
	return out, err
}
