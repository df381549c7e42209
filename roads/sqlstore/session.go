package sqlstore

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

// SecretHash is how session ids and API tokens are stored: a hex SHA-256.
// They are 128+ random bits, so a fast hash is enough (no salt, no bcrypt).
func SecretHash(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// CreateSession starts a session for the account (ttl 0 = SessionTTL) and
// returns the secret for the cookie; only its hash is stored.
func (db *Records) CreateSession(ctx context.Context, accountID int64, ttl time.Duration) (string, *roads.Session, error) {
	if ttl <= 0 {
		ttl = roads.SessionTTL
	}
	secret, csrf := rand.Text(), rand.Text()
	t := db.now()
	exp := t.Add(ttl)
	var sess *roads.Session
	err := db.write(ctx, func(tx Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM session WHERE expires_at < ?`, SortableStamp(t)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO session (id_hash, account_id, csrf, created_at, expires_at) VALUES (?,?,?,?,?)`,
			SecretHash(secret), accountID, csrf, SortableStamp(t), SortableStamp(exp)); err != nil {
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
func (db *Records) Session(ctx context.Context, secret string) (*roads.Session, error) {
	if secret == "" {
		return nil, fmt.Errorf("%w: no session", roads.ErrUnauthenticated)
	}
	var sess *roads.Session
	err := db.read(ctx, func(tx Tx) error {
		row := tx.QueryRowContext(ctx, `SELECT `+prefixed("a.", accountColumns)+`, s.csrf, s.expires_at FROM session s JOIN account a ON a.id = s.account_id
			WHERE s.id_hash = ? AND s.expires_at > ? AND `+db.dl.Not("a.disabled"), SecretHash(secret), SortableStamp(db.now()))
		var csrf, exp string
		a, err := scanAccount(scannerFunc(func(dest ...any) error { return row.Scan(append(dest, &csrf, &exp)...) }))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: the session ended or is unknown; sign in again", roads.ErrUnauthenticated)
		}
		if err != nil {
			return err
		}
		sess = &roads.Session{Account: a, CSRF: csrf, ExpiresAt: ParseTime(exp)}
		return nil
	})
	return sess, err
}

// EndSession signs a browser out. Ending an unknown session is not an error.
func (db *Records) EndSession(ctx context.Context, secret string) error {
	return db.write(ctx, func(tx Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM session WHERE id_hash = ?`, SecretHash(secret))
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

// TokenPrefix starts every API token so that one pasted in the wrong
// place (a chat, a repository) is recognisable.
const TokenPrefix = "ruas_"

// CreateToken makes a new API token for the named account and returns it;
// only its hash is stored, so it cannot be shown again.
func (db *Records) CreateToken(ctx context.Context, name, label string) (string, *roads.APIToken, error) {
	name = roads.NormalizeAccountName(name)
	if errs := roads.CheckLen(nil, "label", strings.TrimSpace(label), roads.MaxTokenLabel); errs != nil {
		return "", nil, &roads.ValidationError{Record: "token", Fields: errs}
	}
	token := TokenPrefix + rand.Text()
	t := &roads.APIToken{Account: name, Prefix: token[:len(TokenPrefix)+6], Label: strings.TrimSpace(label), CreatedAt: db.now()}
	err := db.write(ctx, func(tx Tx) error {
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
		t.ID, err = db.dl.InsertID(ctx, tx, `INSERT INTO api_token (account_id, hash, prefix, label, created_at) VALUES (?,?,?,?,?)`,
			id, SecretHash(token), t.Prefix, t.Label, SortableStamp(t.CreatedAt))
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
func (db *Records) TokenAccount(ctx context.Context, token string) (*roads.Account, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, fmt.Errorf("%w: not a ruas API token (they start with %s)", roads.ErrUnauthenticated, TokenPrefix)
	}
	var a *roads.Account
	err := db.read(ctx, func(tx Tx) error {
		var err error
		a, err = scanAccount(tx.QueryRowContext(ctx, `SELECT `+prefixed("a.", accountColumns)+` FROM api_token t JOIN account a ON a.id = t.account_id
			WHERE t.hash = ? AND `+db.dl.Unset("t.revoked_at")+` AND `+db.dl.Not("a.disabled"), SecretHash(token)))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: the API token is unknown or revoked; make a new one with `ruas user token`", roads.ErrUnauthenticated)
		}
		return err
	})
	return a, err
}

// Tokens lists the tokens of the named account ("" = every account).
func (db *Records) Tokens(ctx context.Context, name string) ([]*roads.APIToken, error) {
	var out []*roads.APIToken
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT t.id, a.name, t.prefix, t.label, t.created_at, `+db.dl.IsSet("t.revoked_at")+` FROM api_token t JOIN account a ON a.id = t.account_id
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
			t.CreatedAt = ParseTime(created)
			out = append(out, &t)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeTokens revokes every live token of the named account and returns how many.
func (db *Records) RevokeTokens(ctx context.Context, name string) (int, error) {
	name = roads.NormalizeAccountName(name)
	var n int64
	err := db.write(ctx, func(tx Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_token SET revoked_at = ? WHERE `+db.dl.Unset("revoked_at")+` AND account_id = (SELECT id FROM account WHERE name = ?)`, db.nowText(), name)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}
