package pgstore

import (
	"context"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Sessions and API tokens are shared with the other engine:
// roads/sqlstore/session.go.

func secretHash(secret string) string { return sqlstore.SecretHash(secret) }

const tokenPrefix = sqlstore.TokenPrefix

// CreateSession starts a session for the account (ttl 0 = SessionTTL) and
// returns the secret for the cookie; only its hash is stored.
func (s *Store) CreateSession(ctx context.Context, accountID int64, ttl time.Duration) (string, *roads.Session, error) {
	return s.records().CreateSession(ctx, accountID, ttl)
}

// Session returns the live session of a cookie secret, or ErrUnauthenticated.
func (s *Store) Session(ctx context.Context, secret string) (*roads.Session, error) {
	return s.records().Session(ctx, secret)
}

// EndSession signs a browser out. Ending an unknown session is not an error.
func (s *Store) EndSession(ctx context.Context, secret string) error {
	return s.records().EndSession(ctx, secret)
}

// CreateToken makes a new API token for the named account and returns it.
func (s *Store) CreateToken(ctx context.Context, name, label string) (string, *roads.APIToken, error) {
	return s.records().CreateToken(ctx, name, label)
}

// TokenAccount returns the account of a live API token, or ErrUnauthenticated.
func (s *Store) TokenAccount(ctx context.Context, token string) (*roads.Account, error) {
	return s.records().TokenAccount(ctx, token)
}

// Tokens lists the tokens of the named account ("" = every account).
func (s *Store) Tokens(ctx context.Context, name string) ([]*roads.APIToken, error) {
	return s.records().Tokens(ctx, name)
}

// RevokeTokens revokes every live token of the named account and returns how many.
func (s *Store) RevokeTokens(ctx context.Context, name string) (int, error) {
	return s.records().RevokeTokens(ctx, name)
}
