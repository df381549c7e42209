package roads

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Password bounds. bcrypt reads at most 72 bytes; a longer password would
// be silently cut, so it is refused instead.
const (
	MinPasswordLen   = 10 // characters
	MaxPasswordBytes = 72 // bytes (bcrypt's limit)
)

// PasswordReason says why a password is refused; cmd and web word it.
type PasswordReason string

// The reasons a password is refused.
const (
	PasswordShort    PasswordReason = "short"    // fewer than MinPasswordLen characters
	PasswordLong     PasswordReason = "long"     // more than 72 bytes
	PasswordCommon   PasswordReason = "common"   // on the common list, or a common stem with digits/symbols added
	PasswordName     PasswordReason = "name"     // the account's own name (with digits/symbols added)
	PasswordRepeated PasswordReason = "repeated" // fewer than 4 different characters
)

// PasswordError is a refused password. It is ErrInvalid.
type PasswordError struct {
	Reason PasswordReason
}

func (e *PasswordError) Error() string {
	switch e.Reason {
	case PasswordShort:
		return "invalid input: password must have at least 10 characters"
	case PasswordLong:
		return "invalid input: password must be at most 72 bytes"
	case PasswordCommon:
		return "invalid input: password is one of the most common passwords; choose one nobody would guess"
	case PasswordName:
		return "invalid input: password is the account's own name; choose another"
	}
	return "invalid input: password repeats too few characters; choose a less regular one"
}

func (e *PasswordError) Unwrap() error { return ErrInvalid }

//go:embed common_passwords.txt
var commonPasswordsText string

// commonPasswords is the embedded list as a set.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(commonPasswordsText, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out[strings.ToLower(line)] = true
		}
	}
	return out
})

// CheckPassword refuses a password that a guesser would try early: shorter
// than MinPasswordLen characters, longer than bcrypt reads, on the common
// list (common_passwords.txt) or a common stem with only digits and
// symbols after it, the account's own name, or fewer than 4 different
// characters. It returns a *PasswordError.
func CheckPassword(p, account string) error {
	if utf8.RuneCountInString(p) < MinPasswordLen {
		return &PasswordError{Reason: PasswordShort}
	}
	if len(p) > MaxPasswordBytes {
		return &PasswordError{Reason: PasswordLong}
	}
	lower := strings.ToLower(p)
	stem := strings.TrimRightFunc(lower, func(r rune) bool {
		return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
	})
	list := commonPasswords()
	if list[lower] || list[stem] {
		return &PasswordError{Reason: PasswordCommon}
	}
	if a := NormalizeAccountName(account); a != "" && (stem == a || lower == a) {
		return &PasswordError{Reason: PasswordName}
	}
	distinct := map[rune]bool{}
	for _, r := range lower {
		distinct[r] = true
	}
	if len(distinct) < 4 {
		return &PasswordError{Reason: PasswordRepeated}
	}
	return nil
}
