package pgstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// stampLayout writes UTC times with a fixed number of fraction digits, so
// that the text order of stored times is their time order (RFC3339Nano
// drops trailing zeros: "…05.1Z" would sort after "…05.12Z").
const stampLayout = "2006-01-02T15:04:05.000000000Z"

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// secretHash is how session ids and API tokens are stored: a hex SHA-256.
// They are 128+ random bits, so a fast hash is enough (no salt, no bcrypt).
func secretHash(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// CreateSession starts a session for the account (ttl 0 = SessionTTL) and
// returns the secret for the cookie; only its hash is stored.
func (s *Store) CreateSession(ctx context.Context, accountID int64, ttl time.Duration) (string, *roads.Session, error) {
	if ttl <= 0 {
		ttl = roads.SessionTTL
	}
	secret, csrf := rand.Text(), rand.Text()
	t := s.now()
	exp := t.Add(ttl)
	var sess *roads.Session
	err := s.write(ctx, func(tx *pgTx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM session WHERE expires_at < ?`, stamp(t)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO session (id_hash, account_id, csrf, created_at, expires_at) VALUES (?,?,?,?,?)`,
			secretHash(secret), accountID, csrf, stamp(t), stamp(exp)); err != nil {
			return fmt.Errorf("start session: %w", err)
		}
		a, err := scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE id = ?`, accountID))
		if err != nil {
			return fmt.Errorf("start session for account %d: %w", accountID, err)
		}
		sess = &roads.Session{Account: a, CSRF: csrf, ExpiresAt: exp}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return secret, sess, nil
}

// Session returns the live session of a cookie secret, or ErrUnauthenticated
// when it is unknown, expired, or its account is disabled.
func (s *Store) Session(ctx context.Context, secret string) (*roads.Session, error) {
	if secret == "" {
		return nil, fmt.Errorf("%w: no session", roads.ErrUnauthenticated)
	}
	var sess *roads.Session
	err := s.read(ctx, func(tx *pgTx) error {
		row := tx.QueryRowContext(ctx, `SELECT `+prefixed("a.", accountColumns)+`, s.csrf, s.expires_at FROM session s JOIN account a ON a.id = s.account_id
			WHERE s.id_hash = ? AND s.expires_at > ? AND NOT a.disabled`, secretHash(secret), stamp(s.now()))
		var csrf, exp string
		a, err := scanAccount(scannerFunc(func(dest ...any) error { return row.Scan(append(dest, &csrf, &exp)...) }))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: the session ended or is unknown; sign in again", roads.ErrUnauthenticated)
		}
		if err != nil {
			return err
		}
		sess = &roads.Session{Account: a, CSRF: csrf, ExpiresAt: parseTime(exp)}
		return nil
	})
	return sess, err
}

// EndSession signs a browser out. Ending an unknown session is not an error.
func (s *Store) EndSession(ctx context.Context, secret string) error {
	return s.write(ctx, func(tx *pgTx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM session WHERE id_hash = ?`, secretHash(secret))
		return err
	})
}

// prefixed qualifies each column of a column list with a table alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// tokenPrefix starts every API token so that one pasted in the wrong
// place (a chat, a repository) is recognisable.
const tokenPrefix = "ruas_"

// CreateToken makes a new API token for the named account and returns it;
// only its hash is stored, so it cannot be shown again.
func (s *Store) CreateToken(ctx context.Context, name, label string) (string, *roads.APIToken, error) {
	name = roads.NormalizeAccountName(name)
	if errs := roads.CheckLen(nil, "label", strings.TrimSpace(label), roads.MaxTokenLabel); errs != nil {
		return "", nil, &roads.ValidationError{Record: "token", Fields: errs}
	}
	token := tokenPrefix + rand.Text()
	t := &roads.APIToken{Account: name, Prefix: token[:len(tokenPrefix)+6], Label: strings.TrimSpace(label), CreatedAt: s.now()}
	err := s.write(ctx, func(tx *pgTx) error {
		var id int64
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT id, disabled FROM account WHERE name = ?`, name).Scan(&id, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: account %q; create it first with `ruas user add`", roads.ErrNotFound, name)
		}
		if err != nil {
			return err
		}
		if disabled {
			return fmt.Errorf("%w: account %q is disabled; enable it before making a token", roads.ErrForbidden, name)
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO api_token (account_id, hash, prefix, label, created_at) VALUES (?,?,?,?,?) RETURNING id`,
			id, secretHash(token), t.Prefix, t.Label, stamp(t.CreatedAt)).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("create token: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// TokenAccount returns the account of a live API token, or
// ErrUnauthenticated when the token is unknown, revoked or its account disabled.
func (s *Store) TokenAccount(ctx context.Context, token string) (*roads.Account, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return nil, fmt.Errorf("%w: not a ruas API token (they start with %s)", roads.ErrUnauthenticated, tokenPrefix)
	}
	var a *roads.Account
	err := s.read(ctx, func(tx *pgTx) error {
		var err error
		a, err = scanAccount(tx.QueryRowContext(ctx, `SELECT `+prefixed("a.", accountColumns)+` FROM api_token t JOIN account a ON a.id = t.account_id
			WHERE t.hash = ? AND t.revoked_at IS NULL AND NOT a.disabled`, secretHash(token)))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: the API token is unknown or revoked; make a new one with `ruas user token`", roads.ErrUnauthenticated)
		}
		return err
	})
	return a, err
}

// Tokens lists the tokens of the named account ("" = every account).
func (s *Store) Tokens(ctx context.Context, name string) ([]*roads.APIToken, error) {
	var out []*roads.APIToken
	err := s.read(ctx, func(tx *pgTx) error {
		rows, err := tx.QueryContext(ctx, `SELECT t.id, a.name, t.prefix, t.label, t.created_at, t.revoked_at IS NOT NULL FROM api_token t JOIN account a ON a.id = t.account_id
			WHERE ? = '' OR a.name = ? ORDER BY t.id`, roads.NormalizeAccountName(name), roads.NormalizeAccountName(name))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t roads.APIToken
			var created string
			if err := rows.Scan(&t.ID, &t.Account, &t.Prefix, &t.Label, &created, &t.Revoked); err != nil {
				return err
			}
			t.CreatedAt = parseTime(created)
			out = append(out, &t)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeTokens revokes every live token of the named account and returns how many.
func (s *Store) RevokeTokens(ctx context.Context, name string) (int, error) {
	name = roads.NormalizeAccountName(name)
	var n int64
	err := s.write(ctx, func(tx *pgTx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_token SET revoked_at = ? WHERE revoked_at IS NULL AND account_id = (SELECT id FROM account WHERE name = ?)`, s.nowText(), name)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}
