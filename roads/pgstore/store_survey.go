package pgstore

import (
	"context"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Surveys are shared with the other engine: roads/sqlstore/survey.go.

var surveyColumns = dialect.SurveyColumns()

// AddSurvey validates a survey, derives its SDI and class with the current
// rule table, and stores it. A second survey of the same ruas, date and
// STA range is a conflict.
func (s *Store) AddSurvey(ctx context.Context, v *roads.Survey) error {
	return s.records().AddSurvey(ctx, v)
}

func resolveRuas(ctx context.Context, tx dbtx, id *int64, key roads.Key) error {
	return sqlstore.ResolveRuas(ctx, tx, id, key)
}

func insertSurvey(ctx context.Context, tx dbtx, v *roads.Survey, at time.Time) error {
	return dialect.InsertSurvey(ctx, tx, v, at)
}

// Surveys returns the surveys matching f, by ruas, date and STA.
func (s *Store) Surveys(ctx context.Context, f roads.SurveyFilter) ([]*roads.Survey, error) {
	return s.records().Surveys(ctx, f)
}

func querySurveys(ctx context.Context, tx dbtx, q string, args ...any) ([]*roads.Survey, error) {
	return sqlstore.QuerySurveys(ctx, tx, q, args...)
}
