package sqlitestore

import (
	"context"

	"github.com/kotablitar/ruas/roads"
)

// Accounts and sign-in are shared with the other engine:
// roads/sqlstore/user.go (its PasswordCost is the bcrypt work factor).

// AddAccount stores a new account with password (empty: API tokens only);
// by names who made it. A taken name is a conflict.
func (s *Store) AddAccount(ctx context.Context, a *roads.Account, password, by string) error {
	return s.records().AddAccount(ctx, a, password, by)
}

// UpdateAccount applies u to the named account; disabling it or changing
// its password or role ends its sessions.
func (s *Store) UpdateAccount(ctx context.Context, name string, u roads.AccountUpdate, by string) (*roads.Account, error) {
	return s.records().UpdateAccount(ctx, name, u, by)
}

// Account returns the named account.
func (s *Store) Account(ctx context.Context, name string) (*roads.Account, error) {
	return s.records().Account(ctx, name)
}

// Accounts lists every account by name.
func (s *Store) Accounts(ctx context.Context) ([]*roads.Account, error) {
	return s.records().Accounts(ctx)
}

// Login is SignIn without a known-device token.
func (s *Store) Login(ctx context.Context, name, password, ip string, p roads.LoginPolicy) (*roads.Account, error) {
	return s.records().Login(ctx, name, password, ip, p)
}

// SignIn checks a sign-in attempt against the password and the sign-in
// limits, and records it.
func (s *Store) SignIn(ctx context.Context, at roads.SignInAttempt, p roads.LoginPolicy) (*roads.SignedIn, error) {
	return s.records().SignIn(ctx, at, p)
}

// LoginAttempts returns the most recent attempts, newest first (limit 0 = 100).
func (s *Store) LoginAttempts(ctx context.Context, limit int) ([]roads.LoginAttempt, error) {
	return s.records().LoginAttempts(ctx, limit)
}
