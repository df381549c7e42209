package sqlitestore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// The field survey's sync, conflicts and photos are shared with the other
// engine: roads/sqlstore/field.go.

// SyncField stores the units a field device sends, each on its own: a
// unit already stored answers what it got then; an invalid one is refused;
// one that meets a newer survey is kept as a conflict.
func (s *Store) SyncField(ctx context.Context, units []*roads.FieldUnit) ([]roads.FieldOutcome, error) {
	return s.records().SyncField(ctx, units)
}

// FieldConflicts returns the account's units waiting for a decision, with
// the newer survey each met and what the unit would store.
func (s *Store) FieldConflicts(ctx context.Context, account string) ([]roads.FieldDispute, error) {
	return s.records().FieldConflicts(ctx, account)
}

// ResolveFieldConflict applies the engineer's decision on a conflict: keep
// the unit as a draft survey beside the newer one, or discard it.
func (s *Store) ResolveFieldConflict(ctx context.Context, clientID, account string, keepMine bool) (roads.FieldOutcome, error) {
	return s.records().ResolveFieldConflict(ctx, clientID, account, keepMine)
}

// AddFieldPhoto stores a photo of a synced unit of the same account;
// created is false when it was stored already.
func (s *Store) AddFieldPhoto(ctx context.Context, p *roads.FieldPhoto) (created bool, err error) {
	return s.records().AddFieldPhoto(ctx, p)
}

// FieldPhotoData returns a photo with its bytes.
func (s *Store) FieldPhotoData(ctx context.Context, clientID string) (*roads.FieldPhoto, error) {
	return s.records().FieldPhotoData(ctx, clientID)
}

// SurveyPhotos returns the photos (without bytes) of the given survey
// rows, by survey id, oldest first.
func (s *Store) SurveyPhotos(ctx context.Context, surveyIDs []int64) (map[int64][]*roads.FieldPhoto, error) {
	return s.records().SurveyPhotos(ctx, surveyIDs)
}

// FieldNewestSurveys returns, per ruas, the newest survey id stored.
func (s *Store) FieldNewestSurveys(ctx context.Context) (map[int64]int64, error) {
	return s.records().FieldNewestSurveys(ctx)
}

// FieldForms returns the RCS forms of the field units stored as the given
// survey rows, by survey id.
func (s *Store) FieldForms(ctx context.Context, surveyIDs []int64) (map[int64]roads.FieldForm, error) {
	return s.records().FieldForms(ctx, surveyIDs)
}
