package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kotablitar/ruas/roads"
	"golang.org/x/crypto/bcrypt"
)

// PasswordCost is the bcrypt work factor (2^cost rounds, ≈ 50–100 ms at 10
// on a 2020s server core). Tests of this package lower it.
var PasswordCost = bcrypt.DefaultCost

func hashPassword(p string) (string, error) {
	if p == "" {
		return "", nil
	}
	if len(p) > roads.MaxPasswordBytes {
		return "", &roads.PasswordError{Reason: roads.PasswordLong}
	}
	h, err := bcrypt.GenerateFromPassword([]byte(p), PasswordCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// dummyHash is compared against when a name is unknown, so that a wrong
// name takes as long as a wrong password and does not reveal which names exist.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such account, no such password"), PasswordCost)
	return h
})

const accountColumns = `id, name, full_name, role, password_hash <> '', disabled, created_at, updated_at, updated_by`

func scanAccount(sc Scanner) (*roads.Account, error) {
	var a roads.Account
	var created, updated string
	if err := sc.Scan(&a.ID, &a.Name, &a.FullName, &a.Role, &a.HasPassword, &a.Disabled, &created, &updated, &a.UpdatedBy); err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt = ParseTime(created), ParseTime(updated)
	return &a, nil
}

// AddAccount stores a new account with password (empty: API tokens only);
// by names who made it (an admin's name, or "cli"). A taken name is a conflict.
func (db *Records) AddAccount(ctx context.Context, a *roads.Account, password, by string) error {
	a.Name = roads.NormalizeAccountName(a.Name)
	a.FullName = strings.TrimSpace(a.FullName)
	if err := roads.CheckAccountName(a.Name); err != nil {
		return err
	}
	if err := roads.CheckFullName(a.FullName); err != nil {
		return err
	}
	role, err := roads.ParseRole(string(a.Role))
	if err != nil {
		return err
	}
	a.Role = role
	if password != "" {
		if err := roads.CheckPassword(password, a.Name); err != nil {
			return err
		}
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	ts := db.nowText()
	return db.write(ctx, func(tx Tx) error {
		id, err := db.dl.InsertID(ctx, tx, `INSERT INTO account (name, full_name, role, password_hash, disabled, created_at, updated_at, updated_by)
			VALUES (?,?,?,?,?,?,?,?)`, a.Name, a.FullName, a.Role, hash, a.Disabled, ts, ts, by)
		if db.dl.IsUnique(err) {
			return fmt.Errorf("%w: account %q already exists; choose another name", roads.ErrConflict, a.Name)
		}
		if err != nil {
			return fmt.Errorf("add account %s: %w", a.Name, err)
		}
		a.ID = id
		a.HasPassword = hash != ""
		a.CreatedAt, a.UpdatedAt, a.UpdatedBy = ParseTime(ts), ParseTime(ts), by
		return nil
	})
}

// UpdateAccount applies u to the named account. Disabling an account or
// changing its password or role ends its sessions, so a change of rights
// takes effect at once; disabling also revokes its API tokens.
func (db *Records) UpdateAccount(ctx context.Context, name string, u roads.AccountUpdate, by string) (*roads.Account, error) {
	name = roads.NormalizeAccountName(name)
	var hash *string
	if u.Password != nil {
		if *u.Password != "" {
			if err := roads.CheckPassword(*u.Password, name); err != nil {
				return nil, err
			}
		}
		h, err := hashPassword(*u.Password)
		if err != nil {
			return nil, err
		}
		hash = &h
	}
	if u.FullName != nil {
		if err := roads.CheckFullName(strings.TrimSpace(*u.FullName)); err != nil {
			return nil, err
		}
	}
	if u.Role != nil {
		r, err := roads.ParseRole(string(*u.Role))
		if err != nil {
			return nil, err
		}
		u.Role = &r
	}
	var out *roads.Account
	err := db.write(ctx, func(tx Tx) error {
		a, err := scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE name = ?`, name))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: account %q; list accounts with `ruas user list`", roads.ErrNotFound, name)
		}
		if err != nil {
			return err
		}
		sets, args := []string{"updated_at = ?", "updated_by = ?"}, []any{db.nowText(), by}
		endSessions := false
		if u.FullName != nil {
			sets, args = append(sets, "full_name = ?"), append(args, strings.TrimSpace(*u.FullName))
		}
		if u.Role != nil {
			sets, args = append(sets, "role = ?"), append(args, *u.Role)
			endSessions = endSessions || *u.Role != a.Role
		}
		if u.Disabled != nil {
			sets, args = append(sets, "disabled = ?"), append(args, *u.Disabled)
			endSessions = endSessions || *u.Disabled
		}
		if hash != nil {
			sets, args = append(sets, "password_hash = ?"), append(args, *hash)
			endSessions = true
		}
		if _, err := tx.ExecContext(ctx, `UPDATE account SET `+strings.Join(sets, ", ")+` WHERE id = ?`, append(args, a.ID)...); err != nil {
			return fmt.Errorf("update account %s: %w", name, err)
		}
		if endSessions {
			if _, err := tx.ExecContext(ctx, `DELETE FROM session WHERE account_id = ?`, a.ID); err != nil {
				return err
			}
		}
		// A new password or a disabled account forgets its known devices:
		// a browser that signed in with the old password is new again.
		if hash != nil || (u.Disabled != nil && *u.Disabled) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM known_device WHERE account_id = ?`, a.ID); err != nil {
				return err
			}
		}
		// Disabling revokes the account's API tokens for good, so that
		// enabling it again does not bring back a token that may have
		// leaked meanwhile; it gets new ones.
		if u.Disabled != nil && *u.Disabled {
			if _, err := tx.ExecContext(ctx, `UPDATE api_token SET revoked_at = ? WHERE account_id = ? AND `+db.dl.Unset("revoked_at"), db.nowText(), a.ID); err != nil {
				return err
			}
		}
		out, err = scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE id = ?`, a.ID))
		return err
	})
	return out, err
}

// Account returns the named account.
func (db *Records) Account(ctx context.Context, name string) (*roads.Account, error) {
	name = roads.NormalizeAccountName(name)
	var a *roads.Account
	err := db.read(ctx, func(tx Tx) error {
		var err error
		a, err = scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE name = ?`, name))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: account %q", roads.ErrNotFound, name)
		}
		return err
	})
	return a, err
}

// Accounts lists every account by name.
func (db *Records) Accounts(ctx context.Context) ([]*roads.Account, error) {
	var out []*roads.Account
	err := db.read(ctx, func(tx Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+accountColumns+` FROM account ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAccount(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// loginKeep is how long attempts are kept for an administrator to read.
const loginKeep = 90 * 24 * time.Hour

// Login is SignIn without a known-device token.
func (db *Records) Login(ctx context.Context, name, password, ip string, p roads.LoginPolicy) (*roads.Account, error) {
	in, err := db.SignIn(ctx, roads.SignInAttempt{Name: name, Password: password, IP: ip}, p)
	if err != nil {
		return nil, err
	}
	return in.Account, nil
}

// SignIn checks a name and password under policy p and records the
// attempt. It returns ErrUnauthenticated for a wrong name, password or a
// disabled account (the same answer for each, so names cannot be probed),
// and a *LimitError (ErrLimited) while too many recent attempts failed; a
// refused attempt is not counted again.
//
// The attempt is reserved before the password is compared: one write
// transaction counts the recent failures and, when under the limits,
// records this attempt as a failure; a correct password then marks it a
// success. Parallel guesses therefore queue on the write lock and at most
// the policy's number of them ever reach the (slow) hash comparison,
// however many arrive at once and however many processes serve them.
//
// Which limits apply depends on the browser. One that presents a known
// device of the account named (a token given at an earlier successful
// sign-in of that account) is limited per device only; any other is
// limited per name and per address. Guessing at a name from many
// addresses thus locks out new browsers for that name, never the owner's
// browsers that signed in before.
func (db *Records) SignIn(ctx context.Context, at roads.SignInAttempt, p roads.LoginPolicy) (*roads.SignedIn, error) {
	name := roads.BoundText(roads.NormalizeAccountName(at.Name), roads.MaxLoginName)
	ip := roads.BoundText(at.IP, roads.MaxLoginName)
	t := db.now()
	var attemptID int64
	device := "" // the hash of a known device of this account
	err := db.write(ctx, func(tx Tx) error {
		if at.Device != "" {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM known_device d JOIN account a ON a.id = d.account_id
				WHERE d.hash = ? AND a.name = ? AND d.last_used_at >= ?`, SecretHash(at.Device), name, SortableStamp(t.Add(-roads.KnownDeviceTTL))).Scan(&one)
			switch {
			case err == nil:
				device = SecretHash(at.Device)
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		if err := db.checkLimit(ctx, tx, name, ip, device, p, t); err != nil {
			return err
		}
		var err error
		attemptID, err = db.dl.InsertID(ctx, tx, `INSERT INTO login_attempt (at, name, ip, ok, device) VALUES (?,?,?,`+db.dl.False+`,?)`, SortableStamp(t), name, ip, device)
		if err != nil {
			return fmt.Errorf("record sign-in attempt: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var a *roads.Account
	var hash string
	err = db.read(ctx, func(tx Tx) error {
		row := tx.QueryRowContext(ctx, `SELECT `+accountColumns+`, password_hash FROM account WHERE name = ?`, name)
		var err error
		a, err = scanAccount(scannerFunc(func(dest ...any) error { return row.Scan(append(dest, &hash)...) }))
		return err
	})
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	// The hash comparison (tens of ms) runs outside any transaction, so
	// sign-ins never hold the write lock while hashing.
	// A password longer than any stored one (72 bytes) is wrong, and
	// takes as long to refuse as any other.
	ok := false
	if a != nil && hash != "" && !a.Disabled && len(at.Password) <= roads.MaxPasswordBytes {
		ok = bcrypt.CompareHashAndPassword([]byte(hash), []byte(at.Password)) == nil
	} else {
		pw := at.Password
		if len(pw) > roads.MaxPasswordBytes {
			pw = pw[:roads.MaxPasswordBytes]
		}
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(pw))
	}
	if !ok {
		return nil, fmt.Errorf("%w: wrong account name or password", roads.ErrUnauthenticated)
	}
	out := &roads.SignedIn{Account: a, Device: at.Device}
	if device == "" {
		out.Device = rand.Text()
	}
	err = db.write(ctx, func(tx Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE login_attempt SET ok = `+db.dl.True+` WHERE id = ?`, attemptID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_attempt WHERE at < ?`, SortableStamp(t.Add(-loginKeep))); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM known_device WHERE last_used_at < ?`, SortableStamp(t.Add(-roads.KnownDeviceTTL))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO known_device (hash, account_id, created_at, last_used_at) VALUES (?,?,?,?)
			ON CONFLICT (hash) DO UPDATE SET last_used_at = excluded.last_used_at`, SecretHash(out.Device), a.ID, SortableStamp(t), SortableStamp(t))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record sign-in: %w", err)
	}
	return out, nil
}

type scannerFunc func(dest ...any) error

func (f scannerFunc) Scan(dest ...any) error { return f(dest...) }

// checkLimit refuses a sign-in while its device, or (from a browser that
// is not a known device) its name or address, has p's number of failures
// within the window; RetryAfter is when the oldest of those leaves it.
func (db *Records) checkLimit(ctx context.Context, tx Tx, name, ip, device string, p roads.LoginPolicy, t time.Time) error {
	since := SortableStamp(t.Add(-p.Window))
	type limit struct {
		by, cond string
		arg      string
		n        int
	}
	limits := []limit{{"device", "device = ?", device, p.PerDevice}}
	if device == "" {
		limits = []limit{{"name", "name = ? AND device = ''", name, p.PerName}, {"ip", "ip = ? AND device = ''", ip, p.PerIP}}
	}
	for _, c := range limits {
		if c.n <= 0 {
			continue
		}
		// The n-th most recent failure, if it is inside the window.
		var at string
		err := tx.QueryRowContext(ctx, `SELECT at FROM login_attempt WHERE `+c.cond+` AND `+db.dl.Not("ok")+` AND at >= ?
			ORDER BY at DESC LIMIT 1 OFFSET ?`, c.arg, since, c.n-1).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		return &roads.LimitError{By: c.by, RetryAfter: ParseTime(at).Add(p.Window).Sub(t)}
	}
	return nil
}

// LoginAttempts returns the most recent attempts, newest first (limit 0 = 100).
func (db *Records) LoginAttempts(ctx context.Context, limit int) ([]roads.LoginAttempt, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []roads.LoginAttempt
	err := db.read(ctx, func(tx Tx) error {
		// substr: names stored before they were bounded may be huge.
		rows, err := tx.QueryContext(ctx, `SELECT at, substr(name, 1, ?), substr(ip, 1, ?), ok FROM login_attempt ORDER BY id DESC LIMIT ?`, roads.MaxLoginName, roads.MaxLoginName, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a roads.LoginAttempt
			var at string
			if err := rows.Scan(&at, &a.Name, &a.IP, &a.OK); err != nil {
				return err
			}
			a.At = ParseTime(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}
