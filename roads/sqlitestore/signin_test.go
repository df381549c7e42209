package sqlitestore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kotablitar/ruas/roads"
)

// TestSignInParallelGuesses fires 300 wrong passwords for one account at
// once: the limit is checked and the attempt recorded in one transaction
// before the hash comparison, so no more than the policy's 5 get an answer
// other than "limited".
func TestSignInParallelGuesses(t *testing.T) {
	s := openTest(t)
	addAccount(t, s, "walidata", roads.RoleWalidata, "benar-sekali-42")
	p := roads.LoginPolicy{PerName: 5, PerIP: 5, PerDevice: 5, Window: time.Minute}
	var wrong, limited, other int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 300 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Login(context.Background(), "walidata", fmt.Sprintf("tebakan-%03d", i), "10.0.0.1", p)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, roads.ErrLimited):
				limited++
			case errors.Is(err, roads.ErrUnauthenticated):
				wrong++
			default:
				other++
				t.Errorf("guess %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if wrong > 5 || wrong+limited != 300 {
		t.Errorf("%d guesses reached the password check, %d limited, %d other; want at most 5 checked", wrong, limited, other)
	}
	got, err := s.LoginAttempts(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != wrong {
		t.Errorf("%d attempts recorded, want the %d that were checked", len(got), wrong)
	}
}

// TestKnownDeviceBeatsLockout: guessing at a name from many addresses
// locks out browsers that never signed in as it, but not the owner's
// browser that did; that browser has its own limit.
func TestKnownDeviceBeatsLockout(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	addAccount(t, s, "walidata", roads.RoleWalidata, "benar-sekali-42")
	addAccount(t, s, "budi", roads.RoleProdusen, "budi-punya-sandi")
	p := roads.LoginPolicy{PerName: 5, PerIP: 5, PerDevice: 5, Window: time.Minute}
	owner, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1"}, p)
	if err != nil || owner.Device == "" {
		t.Fatalf("owner's first sign-in: %+v, %v", owner, err)
	}
	other, err := s.SignIn(ctx, roads.SignInAttempt{Name: "budi", Password: "budi-punya-sandi", IP: "10.0.0.2"}, p)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if _, err := s.Login(ctx, "walidata", "tebakan", fmt.Sprintf("192.0.2.%d", i+1), p); !errors.Is(err, roads.ErrUnauthenticated) {
			t.Fatalf("guess %d: %v", i, err)
		}
	}
	// A new browser, right password: the name is locked.
	_, err = s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1"}, p)
	var le *roads.LimitError
	if !errors.As(err, &le) || le.By != "name" {
		t.Fatalf("new browser after the guesses: %v, want the name limit", err)
	}
	// Another account's device token is no known device of this one.
	_, err = s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1", Device: other.Device}, p)
	if !errors.As(err, &le) || le.By != "name" {
		t.Fatalf("with budi's device: %v, want the name limit", err)
	}
	// The owner's browser signs in, and keeps its token.
	again, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", IP: "10.0.0.1", Device: owner.Device}, p)
	if err != nil {
		t.Fatalf("owner's known device after the guesses: %v", err)
	}
	if again.Device != owner.Device || again.Account.Name != "walidata" {
		t.Errorf("known device sign-in gave %+v", again)
	}
	// A stolen device token still allows only 5 guesses.
	for i := range 5 {
		if _, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "tebakan", Device: owner.Device}, p); !errors.Is(err, roads.ErrUnauthenticated) {
			t.Fatalf("device guess %d: %v", i, err)
		}
	}
	_, err = s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42", Device: owner.Device}, p)
	if !errors.As(err, &le) || le.By != "device" {
		t.Fatalf("6th try from the device: %v, want the device limit", err)
	}
}

// TestSignInNameBounded: a huge typed name is cut before it is stored.
func TestSignInNameBounded(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	huge := strings.Repeat("é", 1<<20)
	if _, err := s.Login(ctx, huge, "tebakan", strings.Repeat("9", 1000), roads.LoginPolicy{}); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Fatalf("huge name: %v", err)
	}
	got, err := s.LoginAttempts(ctx, 0)
	if err != nil || len(got) != 1 {
		t.Fatalf("attempts %d, %v", len(got), err)
	}
	if n := utf8.RuneCountInString(got[0].Name); n != roads.MaxLoginName || !utf8.ValidString(got[0].Name) || len(got[0].IP) > roads.MaxLoginName {
		t.Errorf("stored name has %d characters (valid UTF-8: %v), address %d bytes; want %d and at most %d",
			n, utf8.ValidString(got[0].Name), len(got[0].IP), roads.MaxLoginName, roads.MaxLoginName)
	}
	var stored int
	if err := s.rdb.QueryRow(`SELECT max(length(CAST(name AS BLOB))) FROM login_attempt`).Scan(&stored); err != nil || stored > 4*roads.MaxLoginName {
		t.Errorf("%d bytes stored for the name (%v)", stored, err)
	}
}

func TestCheckPassword(t *testing.T) {
	for _, tc := range []struct {
		name, pw, account string
		want              roads.PasswordReason // "" = accepted
	}{
		{"password", "password", "ani", roads.PasswordShort},
		{"eight digits", "12345678", "ani", roads.PasswordShort},
		{"nine characters", "kucing-88", "ani", roads.PasswordShort},
		{"ten digits in a row", "1234567890", "ani", roads.PasswordCommon},
		{"common word with digits", "Password123", "ani", roads.PasswordCommon},
		{"indonesian stem with year and symbol", "bismillah2024!", "ani", roads.PasswordCommon},
		{"keyboard row", "qwertyuiop", "ani", roads.PasswordCommon},
		{"own name with digits", "budi.santoso99", "budi.santoso", roads.PasswordName},
		{"one character", "aaaaaaaaaaaa", "ani", roads.PasswordRepeated},
		{"two characters", "ababababab", "ani", roads.PasswordRepeated},
		{"too long", strings.Repeat("ab3!", 19), "ani", roads.PasswordLong},
		{"ten unrelated characters", "kopi-tubruk", "ani", ""},
		{"common word inside a longer one", "password-kebun-mangga", "ani", ""},
		{"generated", "QX7T2M9KD4PR6WZA", "ani", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := roads.CheckPassword(tc.pw, tc.account)
			var pe *roads.PasswordError
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("%q refused: %v", tc.pw, err)
			case tc.want != "" && (!errors.As(err, &pe) || pe.Reason != tc.want || !errors.Is(err, roads.ErrInvalid)):
				t.Errorf("%q: %v, want reason %s", tc.pw, err, tc.want)
			}
		})
	}
	s := openTest(t)
	for _, pw := range []string{"password", "12345678"} {
		if err := s.AddAccount(context.Background(), &roads.Account{Name: "ani", Role: roads.RoleProdusen}, pw, "cli"); !errors.Is(err, roads.ErrInvalid) {
			t.Errorf("AddAccount with %q: %v, want ErrInvalid", pw, err)
		}
	}
	addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	weak := "password123"
	if _, err := s.UpdateAccount(context.Background(), "ani", roads.AccountUpdate{Password: &weak}, "cli"); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("UpdateAccount to %q: %v, want ErrInvalid", weak, err)
	}
}

// TestDisableRevokesTokens: an account disabled and enabled again does not
// get its old API tokens back.
func TestDisableRevokesTokens(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	addAccount(t, s, "skrip", roads.RolePerencana, "")
	tok, _, err := s.CreateToken(ctx, "skrip", "cron")
	if err != nil {
		t.Fatal(err)
	}
	on, off := false, true
	if _, err := s.UpdateAccount(ctx, "skrip", roads.AccountUpdate{Disabled: &off}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateAccount(ctx, "skrip", roads.AccountUpdate{Disabled: &on}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenAccount(ctx, tok); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("old token after disable and enable: %v, want ErrUnauthenticated", err)
	}
	fresh, _, err := s.CreateToken(ctx, "skrip", "cron")
	if err != nil {
		t.Fatal(err)
	}
	if a, err := s.TokenAccount(ctx, fresh); err != nil || a.Name != "skrip" {
		t.Errorf("new token: %v, %v", a, err)
	}
}

// TestPasswordChangeForgetsDevices: after a password change a browser
// that knew the account is limited like any other.
func TestPasswordChangeForgetsDevices(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	addAccount(t, s, "walidata", roads.RoleWalidata, "benar-sekali-42")
	p := roads.LoginPolicy{PerName: 1, PerIP: 0, PerDevice: 5, Window: time.Minute}
	in, err := s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: "benar-sekali-42"}, p)
	if err != nil {
		t.Fatal(err)
	}
	pw := "sandi-baru-sekali"
	if _, err := s.UpdateAccount(ctx, "walidata", roads.AccountUpdate{Password: &pw}, "admin"); err != nil {
		t.Fatal(err)
	}
	s.Login(ctx, "walidata", "tebakan", "192.0.2.1", p)
	_, err = s.SignIn(ctx, roads.SignInAttempt{Name: "walidata", Password: pw, Device: in.Device}, p)
	var le *roads.LimitError
	if !errors.As(err, &le) || le.By != "name" {
		t.Errorf("old device after a password change: %v, want the name limit", err)
	}
}
