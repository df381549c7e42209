package roads

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Session is a signed-in browser: its account and the CSRF token its forms
// must send back.
type Session struct {
	Account   *Account
	CSRF      string
	ExpiresAt time.Time
}

// SessionTTL is how long a sign-in lasts: one working day.
const SessionTTL = 12 * time.Hour

// APIToken describes a stored token; the token itself is shown once, at creation.
type APIToken struct {
	ID        int64
	Account   string
	Prefix    string // the token's first characters
	Label     string
	CreatedAt time.Time
	Revoked   bool
}

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

// CheckFullName refuses a full name longer than MaxFullName characters.
func CheckFullName(s string) error {
	if utf8.RuneCountInString(s) > MaxFullName {
		return &ValidationError{Record: "account", Fields: CheckLen(nil, "full_name", s, MaxFullName)}
	}
	return nil
}

// CheckAccountName refuses an account name that is not 2–40 characters of
// a–z, 0–9, '.', '_' or '-' starting with a letter or digit.
func CheckAccountName(name string) error {
	if !accountName.MatchString(name) {
		return fmt.Errorf("%w: account name %q must be 2–40 characters of a–z, 0–9, '.', '_' or '-', starting with a letter or digit (e.g. budi.s)", ErrInvalid, name)
	}
	return nil
}

// AccountUpdate changes some fields of an account; nil fields stay.
type AccountUpdate struct {
	FullName *string
	Role     *Role
	Disabled *bool
	Password *string // a new password; "" removes password sign-in
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

// KnownDeviceTTL is how long a browser stays a known device of an account
// after its last successful sign-in.
const KnownDeviceTTL = 90 * 24 * time.Hour

// MaxLoginName is how many characters of a typed account name a sign-in
// attempt keeps (names are at most 40): a longer one is cut before it is
// counted, stored or shown, so an anonymous visitor cannot write a large
// value into the register.
const MaxLoginName = 64

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

// LoginAttempt is one recorded sign-in attempt.
type LoginAttempt struct {
	At   time.Time
	Name string
	IP   string
	OK   bool
}
