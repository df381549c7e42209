package roads

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Role is what an account may do in the register (Satu Data Indonesia
// names). Anonymous readers have no account and no role.
type Role string

// The roles. Produsen enter data but do not verify it; walidata verify or
// return it but do not edit what they verify; perencana run plans and
// exports; admin manages accounts.
const (
	RoleAdmin     Role = "admin"
	RoleProdusen  Role = "produsen"
	RoleWalidata  Role = "walidata"
	RolePerencana Role = "perencana"
)

// Roles lists every role, in the order screens show them.
var Roles = []Role{RoleAdmin, RoleProdusen, RoleWalidata, RolePerencana}

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Roles {
		if r == x {
			return r, nil
		}
	}
	return "", fmt.Errorf("%w: role %q must be admin, produsen, walidata or perencana", ErrInvalid, s)
}

// Account is a person (or a script) who signs in. Its Name is what the
// register rows it writes carry as Source.User, so the audit trail and the
// walidata's self-verification rule name the logged-in person.
type Account struct {
	ID          int64
	Name        string // login name, lower case
	FullName    string
	Role        Role
	Disabled    bool
	HasPassword bool // false: the account signs in with API tokens only
	CreatedAt   time.Time
	UpdatedAt   time.Time
	UpdatedBy   string
}

// More sentinels for sign-in: the web maps ErrUnauthenticated to 401 (or
// the login page) and ErrLimited to 429.
var (
	// ErrUnauthenticated: wrong name or password, or no valid session or token.
	ErrUnauthenticated = errors.New("not signed in")
	// ErrLimited: too many failed sign-in attempts in the policy's window.
	ErrLimited = errors.New("too many attempts")
)

// LimitError says which limit was hit and when to try again.
type LimitError struct {
	By         string        // "name", "ip" or "device"
	RetryAfter time.Duration // until the oldest counted failure leaves the window
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("too many failed sign-in attempts for this %s; try again in %d s", e.By, int(e.RetryAfter.Seconds()+0.999))
}

func (e *LimitError) Unwrap() error { return ErrLimited }

var accountName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)

// NormalizeAccountName lower-cases and trims a login name.
func NormalizeAccountName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Text bounds of an account, in characters.
const (
	MaxFullName   = 100
	MaxTokenLabel = 100
)

func checkFullName(s string) error {
	if utf8.RuneCountInString(s) > MaxFullName {
		return &ValidationError{Record: "account", Fields: checkLen(nil, "full_name", s, MaxFullName)}
	}
	return nil
}

func checkAccountName(name string) error {
	if !accountName.MatchString(name) {
		return fmt.Errorf("%w: account name %q must be 2–40 characters of a–z, 0–9, '.', '_' or '-', starting with a letter or digit (e.g. budi.s)", ErrInvalid, name)
	}
	return nil
}

// passwordCost is the bcrypt work factor (2^cost rounds, ≈ 50–100 ms at 10
// on a 2020s server core). Tests of this package lower it.
var passwordCost = bcrypt.DefaultCost

func hashPassword(p string) (string, error) {
	if p == "" {
		return "", nil
	}
	if len(p) > maxPasswordBytes {
		return "", &PasswordError{Reason: PasswordLong}
	}
	h, err := bcrypt.GenerateFromPassword([]byte(p), passwordCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// dummyHash is compared against when a name is unknown, so that a wrong
// name takes as long as a wrong password and does not reveal which names exist.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("no such account, no such password"), passwordCost)
	return h
})

const accountColumns = `id, name, full_name, role, password_hash <> '', disabled, created_at, updated_at, updated_by`

func scanAccount(sc scanner) (*Account, error) {
	var a Account
	var created, updated string
	if err := sc.Scan(&a.ID, &a.Name, &a.FullName, &a.Role, &a.HasPassword, &a.Disabled, &created, &updated, &a.UpdatedBy); err != nil {
		return nil, err
	}
	a.CreatedAt, a.UpdatedAt = parseTime(created), parseTime(updated)
	return &a, nil
}

// AddAccount stores a new account with password (empty: API tokens only);
// by names who made it (an admin's name, or "cli"). A taken name is a conflict.
func (s *Store) AddAccount(ctx context.Context, a *Account, password, by string) error {
	a.Name = NormalizeAccountName(a.Name)
	a.FullName = strings.TrimSpace(a.FullName)
	if err := checkAccountName(a.Name); err != nil {
		return err
	}
	if err := checkFullName(a.FullName); err != nil {
		return err
	}
	role, err := ParseRole(string(a.Role))
	if err != nil {
		return err
	}
	a.Role = role
	if password != "" {
		if err := CheckPassword(password, a.Name); err != nil {
			return err
		}
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	ts := s.nowText()
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO account (name, full_name, role, password_hash, disabled, created_at, updated_at, updated_by)
			VALUES (?,?,?,?,?,?,?,?)`, a.Name, a.FullName, a.Role, hash, a.Disabled, ts, ts, by)
		if isUnique(err) {
			return fmt.Errorf("%w: account %q already exists; choose another name", ErrConflict, a.Name)
		}
		if err != nil {
			return fmt.Errorf("add account %s: %w", a.Name, err)
		}
		a.ID, _ = res.LastInsertId()
		a.HasPassword = hash != ""
		a.CreatedAt, a.UpdatedAt, a.UpdatedBy = parseTime(ts), parseTime(ts), by
		return nil
	})
}

// AccountUpdate changes some fields of an account; nil fields stay.
type AccountUpdate struct {
	FullName *string
	Role     *Role
	Disabled *bool
	Password *string // a new password; "" removes password sign-in
}

// UpdateAccount applies u to the named account. Disabling an account or
// changing its password or role ends its sessions, so a change of rights
// takes effect at once; disabling also revokes its API tokens.
func (s *Store) UpdateAccount(ctx context.Context, name string, u AccountUpdate, by string) (*Account, error) {
	name = NormalizeAccountName(name)
	var hash *string
	if u.Password != nil {
		if *u.Password != "" {
			if err := CheckPassword(*u.Password, name); err != nil {
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
		if err := checkFullName(strings.TrimSpace(*u.FullName)); err != nil {
			return nil, err
		}
	}
	if u.Role != nil {
		r, err := ParseRole(string(*u.Role))
		if err != nil {
			return nil, err
		}
		u.Role = &r
	}
	var out *Account
	err := s.write(ctx, func(tx *sql.Tx) error {
		a, err := scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE name = ?`, name))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: account %q; list accounts with `ruas user list`", ErrNotFound, name)
		}
		if err != nil {
			return err
		}
		sets, args := []string{"updated_at = ?", "updated_by = ?"}, []any{s.nowText(), by}
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
			if _, err := tx.ExecContext(ctx, `UPDATE api_token SET revoked_at = ? WHERE account_id = ? AND revoked_at = ''`, s.nowText(), a.ID); err != nil {
				return err
			}
		}
		out, err = scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE id = ?`, a.ID))
		return err
	})
	return out, err
}

// Account returns the named account.
func (s *Store) Account(ctx context.Context, name string) (*Account, error) {
	name = NormalizeAccountName(name)
	var a *Account
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = scanAccount(tx.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM account WHERE name = ?`, name))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: account %q", ErrNotFound, name)
		}
		return err
	})
	return a, err
}

// Accounts lists every account by name.
func (s *Store) Accounts(ctx context.Context) ([]*Account, error) {
	var out []*Account
	err := s.read(ctx, func(tx *sql.Tx) error {
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

// LoginPolicy bounds failed sign-in attempts within Window: PerName
// failures for one account name and PerIP from one address, both counted
// over attempts from browsers that are not a known device of the account;
// PerDevice failures for one known device. Zero disables a limit.
type LoginPolicy struct {
	PerName   int
	PerIP     int
	PerDevice int
	Window    time.Duration
}

// DefaultLoginPolicy allows 5 failures a minute per name, per address and
// per known device: enough for typing mistakes, far too few to guess a
// password.
var DefaultLoginPolicy = LoginPolicy{PerName: 5, PerIP: 5, PerDevice: 5, Window: time.Minute}

// loginKeep is how long attempts are kept for an administrator to read.
const loginKeep = 90 * 24 * time.Hour

// KnownDeviceTTL is how long a browser stays a known device of an account
// after its last successful sign-in.
const KnownDeviceTTL = 90 * 24 * time.Hour

// MaxLoginName is how many characters of a typed account name a sign-in
// attempt keeps (names are at most 40): a longer one is cut before it is
// counted, stored or shown, so an anonymous visitor cannot write a large
// value into the register.
const MaxLoginName = 64

// boundText cuts s to at most n characters (whole runes).
func boundText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// SignInAttempt is one try at the sign-in form.
type SignInAttempt struct {
	Name     string
	Password string
	IP       string // the client's address (behind a trusted proxy, the forwarded one)
	Device   string // the browser's known-device token, "" when it has none
}

// SignedIn is a successful sign-in: the account and the known-device
// token the browser keeps (the one it sent when that was known, else new).
type SignedIn struct {
	Account *Account
	Device  string
}

// Login is SignIn without a known-device token.
func (s *Store) Login(ctx context.Context, name, password, ip string, p LoginPolicy) (*Account, error) {
	in, err := s.SignIn(ctx, SignInAttempt{Name: name, Password: password, IP: ip}, p)
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
func (s *Store) SignIn(ctx context.Context, at SignInAttempt, p LoginPolicy) (*SignedIn, error) {
	name := boundText(NormalizeAccountName(at.Name), MaxLoginName)
	ip := boundText(at.IP, MaxLoginName)
	t := s.now()
	var attemptID int64
	device := "" // the hash of a known device of this account
	err := s.write(ctx, func(tx *sql.Tx) error {
		if at.Device != "" {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM known_device d JOIN account a ON a.id = d.account_id
				WHERE d.hash = ? AND a.name = ? AND d.last_used_at >= ?`, secretHash(at.Device), name, stamp(t.Add(-KnownDeviceTTL))).Scan(&one)
			switch {
			case err == nil:
				device = secretHash(at.Device)
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
		}
		if err := checkLimit(ctx, tx, name, ip, device, p, t); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO login_attempt (at, name, ip, ok, device) VALUES (?,?,?,0,?)`, stamp(t), name, ip, device)
		if err != nil {
			return fmt.Errorf("record sign-in attempt: %w", err)
		}
		attemptID, err = res.LastInsertId()
		return err
	})
	if err != nil {
		return nil, err
	}
	var a *Account
	var hash string
	err = s.read(ctx, func(tx *sql.Tx) error {
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
	if a != nil && hash != "" && !a.Disabled && len(at.Password) <= maxPasswordBytes {
		ok = bcrypt.CompareHashAndPassword([]byte(hash), []byte(at.Password)) == nil
	} else {
		pw := at.Password
		if len(pw) > maxPasswordBytes {
			pw = pw[:maxPasswordBytes]
		}
		bcrypt.CompareHashAndPassword(dummyHash(), []byte(pw))
	}
	if !ok {
		return nil, fmt.Errorf("%w: wrong account name or password", ErrUnauthenticated)
	}
	out := &SignedIn{Account: a, Device: at.Device}
	if device == "" {
		out.Device = rand.Text()
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE login_attempt SET ok = 1 WHERE id = ?`, attemptID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_attempt WHERE at < ?`, stamp(t.Add(-loginKeep))); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM known_device WHERE last_used_at < ?`, stamp(t.Add(-KnownDeviceTTL))); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO known_device (hash, account_id, created_at, last_used_at) VALUES (?,?,?,?)
			ON CONFLICT (hash) DO UPDATE SET last_used_at = excluded.last_used_at`, secretHash(out.Device), a.ID, stamp(t), stamp(t))
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
func checkLimit(ctx context.Context, tx *sql.Tx, name, ip, device string, p LoginPolicy, t time.Time) error {
	since := stamp(t.Add(-p.Window))
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
		err := tx.QueryRowContext(ctx, `SELECT at FROM login_attempt WHERE `+c.cond+` AND ok = 0 AND at >= ?
			ORDER BY at DESC LIMIT 1 OFFSET ?`, c.arg, since, c.n-1).Scan(&at)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		return &LimitError{By: c.by, RetryAfter: parseTime(at).Add(p.Window).Sub(t)}
	}
	return nil
}

// LoginAttempt is one recorded sign-in attempt.
type LoginAttempt struct {
	At   time.Time
	Name string
	IP   string
	OK   bool
}

// LoginAttempts returns the most recent attempts, newest first (limit 0 = 100).
func (s *Store) LoginAttempts(ctx context.Context, limit int) ([]LoginAttempt, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []LoginAttempt
	err := s.read(ctx, func(tx *sql.Tx) error {
		// substr: names stored before they were bounded may be huge.
		rows, err := tx.QueryContext(ctx, `SELECT at, substr(name, 1, ?), substr(ip, 1, ?), ok FROM login_attempt ORDER BY id DESC LIMIT ?`, MaxLoginName, MaxLoginName, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a LoginAttempt
			var at string
			if err := rows.Scan(&at, &a.Name, &a.IP, &a.OK); err != nil {
				return err
			}
			a.At = parseTime(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}
