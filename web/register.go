package web

import (
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/netfile"
)

// Register is everything the server needs of a road register, one small
// interface per concern; *sqlitestore.Store satisfies it, and so must any
// other engine (see register_test.go).
type Register interface {
	Records
	Edits
	Verification
	Accounts
	Sessions
	Plans
	AuditTrail
	Offices
	Reconciliations
	FieldSurveys
	// netfile.Register: the import page writes through netfile.Import.
	netfile.Register
}

// Records reads the register's records: the network value the pages and
// the map are built from, single ruas and their histories, counts and
// the change figures.
type Records interface {
	Network(ctx context.Context) (*roads.Network, error)
	SnapshotHash(ctx context.Context) (string, error)
	ChangesSince(ctx context.Context, at time.Time) (roads.Changes, error)
	Ruas(ctx context.Context, key roads.Key) (*roads.Ruas, error)
	RuasByID(ctx context.Context, id int64) (*roads.Ruas, error)
	ListRuas(ctx context.Context, f roads.RuasFilter) ([]*roads.Ruas, error)
	CountRuas(ctx context.Context, f roads.RuasFilter) (int, error)
	RuasIDsInBound(ctx context.Context, f roads.RuasFilter, spanDeg float64) ([]int64, error)
	Surveys(ctx context.Context, f roads.SurveyFilter) ([]*roads.Survey, error)
	WorksOf(ctx context.Context, ruasID int64) ([]*roads.Works, error)
	TrafficOf(ctx context.Context, ruasID int64) ([]*roads.Traffic, error)
	Retirements(ctx context.Context) (map[int64]roads.Retirement, error)
}

// Edits writes records from the forms; each method is one transaction.
type Edits interface {
	CreateRuas(ctx context.Context, r *roads.Ruas) error
	UpdateRuas(ctx context.Context, r *roads.Ruas) error
	RetireRuas(ctx context.Context, id int64, version int, by, reason string) error
	ReinstateRuas(ctx context.Context, id int64, by string) error
	AddSurvey(ctx context.Context, v *roads.Survey) error
	AddWorks(ctx context.Context, w *roads.Works) error
	SetTraffic(ctx context.Context, t *roads.Traffic) error
}

// Verification is the walidata's queue: verify, return, and the records
// returned to their produsen.
type Verification interface {
	Verify(ctx context.Context, entity roads.Entity, ids []int64, actor string) error
	Return(ctx context.Context, entity roads.Entity, ids []int64, actor, reason string) error
	SetVerification(ctx context.Context, items []roads.VerifItem, actor string, state roads.VerifState, note string) error
	Revisions(ctx context.Context, e roads.Entity, ids []int64) (map[int64]roads.Revision, error)
	ReturnedTo(ctx context.Context, user string) ([]roads.ReturnedRecord, error)
}

// Accounts keeps the accounts, their API tokens and the sign-in attempts.
type Accounts interface {
	Account(ctx context.Context, name string) (*roads.Account, error)
	Accounts(ctx context.Context) ([]*roads.Account, error)
	AddAccount(ctx context.Context, a *roads.Account, password, by string) error
	UpdateAccount(ctx context.Context, name string, u roads.AccountUpdate, by string) (*roads.Account, error)
	LoginAttempts(ctx context.Context, limit int) ([]roads.LoginAttempt, error)
	CreateToken(ctx context.Context, name, label string) (string, *roads.APIToken, error)
	Tokens(ctx context.Context, name string) ([]*roads.APIToken, error)
}

// Sessions signs people in (with the sign-in limits) and recognises their
// sessions and API tokens.
type Sessions interface {
	SignIn(ctx context.Context, at roads.SignInAttempt, p roads.LoginPolicy) (*roads.SignedIn, error)
	CreateSession(ctx context.Context, accountID int64, ttl time.Duration) (string, *roads.Session, error)
	Session(ctx context.Context, secret string) (*roads.Session, error)
	EndSession(ctx context.Context, secret string) error
	TokenAccount(ctx context.Context, token string) (*roads.Account, error)
}

// Plans keeps the stored plan runs, what register data each read, and the
// adopted programme.
type Plans interface {
	SavePlanRun(ctx context.Context, p *roads.PlanRun) error
	PlanRunByID(ctx context.Context, id int64) (*roads.PlanRun, error)
	PlanRuns(ctx context.Context) ([]*roads.PlanRun, error)
	SetPlanBasis(ctx context.Context, b roads.PlanBasis) error
	PlanBases(ctx context.Context) (map[int64]roads.PlanBasis, error)
	PlanBasisOf(ctx context.Context, planID int64) (roads.PlanBasis, error)
	AdoptPlan(ctx context.Context, planID int64, by, note string) (*roads.Adoption, error)
	AdoptedPlan(ctx context.Context) (*roads.Adoption, error)
}

// AuditTrail reads the audit trail.
type AuditTrail interface {
	Audit(ctx context.Context, f roads.AuditFilter) ([]roads.AuditEntry, error)
	CountAudit(ctx context.Context, f roads.AuditFilter) (int, error)
	WriteAuditCSV(ctx context.Context, w io.Writer, f roads.AuditFilter) error
}

// Offices keeps the register's office and its kecamatan outlines.
type Offices interface {
	Office(ctx context.Context) (roads.Office, error)
	SetOffice(ctx context.Context, o roads.Office, by string, at time.Time) error
	SetOutlines(ctx context.Context, outlines []roads.Outline, by string) error
}

// Reconciliations keeps the reconciliation sheets agreed with other
// offices (issue 16).
type Reconciliations interface {
	AddReconciliation(ctx context.Context, r *roads.Reconciliation, by string) error
	AgreeReconciliation(ctx context.Context, id int64, sheet json.RawMessage, note, by string) error
	Reconciliation(ctx context.Context, id int64) (roads.Reconciliation, error)
	Reconciliations(ctx context.Context, agreedOnly bool) ([]roads.Reconciliation, error)
}

// FieldSurveys keeps what phones send from the field: units synced as
// draft surveys, their conflicts and photos (issue 14).
type FieldSurveys interface {
	SyncField(ctx context.Context, units []*roads.FieldUnit) ([]roads.FieldOutcome, error)
	FieldConflicts(ctx context.Context, account string) ([]roads.FieldDispute, error)
	ResolveFieldConflict(ctx context.Context, clientID, account string, keepMine bool) (roads.FieldOutcome, error)
	AddFieldPhoto(ctx context.Context, p *roads.FieldPhoto) (created bool, err error)
	FieldPhotoData(ctx context.Context, clientID string) (*roads.FieldPhoto, error)
	SurveyPhotos(ctx context.Context, surveyIDs []int64) (map[int64][]*roads.FieldPhoto, error)
	FieldNewestSurveys(ctx context.Context) (map[int64]int64, error)
	FieldForms(ctx context.Context, surveyIDs []int64) (map[int64]roads.FieldForm, error)
}

// Watch tells whether the register changed: Version differs between two
// calls exactly when some change was committed in between. The server's
// caches compare it before use.
type Watch interface {
	Version(ctx context.Context) (int64, error)
	Close() error
}

// WatchOf adapts an engine's watch opener (whose result is its own
// concrete type, e.g. sqlitestore.Store.Watch) to Options.Watch.
func WatchOf[W Watch](open func(ctx context.Context) (W, error)) func(ctx context.Context) (Watch, error) {
	return func(ctx context.Context) (Watch, error) {
		w, err := open(ctx)
		if err != nil {
			return nil, err
		}
		return w, nil
	}
}
