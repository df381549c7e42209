package sqlitestore

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
	"golang.org/x/crypto/bcrypt"
)

// The cheapest bcrypt cost keeps these tests fast; the algorithm is the same.
func init() { sqlstore.PasswordCost = bcrypt.MinCost }

func addAccount(t *testing.T, s *Store, name string, role roads.Role, password string) *roads.Account {
	t.Helper()
	a := &roads.Account{Name: name, Role: role}
	if err := s.AddAccount(context.Background(), a, password, "cli"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestAccountAddRefusesBadInput(t *testing.T) {
	s := openTest(t)
	addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	for _, tc := range []struct {
		name, account, role, password string
		want                          error
	}{
		{"name with space", "ani s", "produsen", "panjang-sekali", roads.ErrInvalid},
		{"one letter", "a", "produsen", "panjang-sekali", roads.ErrInvalid},
		{"unknown role", "budi", "kepala", "panjang-sekali", roads.ErrInvalid},
		{"short password", "budi", "walidata", "pendek", roads.ErrInvalid},
		{"password over bcrypt's 72 bytes", "budi", "walidata", strings.Repeat("x", 73), roads.ErrInvalid},
		{"taken name, other case", "ANI", "walidata", "panjang-sekali", roads.ErrConflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.AddAccount(context.Background(), &roads.Account{Name: tc.account, Role: roads.Role(tc.role)}, tc.password, "cli")
			if !errors.Is(err, tc.want) {
				t.Errorf("AddAccount(%q, %q) = %v, want %v", tc.account, tc.role, err, tc.want)
			}
		})
	}
}

func TestLogin(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	addAccount(t, s, "Wati", roads.RoleWalidata, "rahasia-wati")
	addAccount(t, s, "skrip", roads.RolePerencana, "") // token-only account
	off := addAccount(t, s, "lama", roads.RoleProdusen, "rahasia-lama")
	disabled := true
	if _, err := s.UpdateAccount(ctx, off.Name, roads.AccountUpdate{Disabled: &disabled}, "admin"); err != nil {
		t.Fatal(err)
	}
	open := roads.LoginPolicy{Window: time.Minute} // no limit
	for _, tc := range []struct {
		name, account, password string
		want                    error
	}{
		{"right password, name in other case", "WATI ", "rahasia-wati", nil},
		{"wrong password", "wati", "rahasia-budi", roads.ErrUnauthenticated},
		{"unknown name", "nobody", "rahasia-wati", roads.ErrUnauthenticated},
		{"token-only account", "skrip", "", roads.ErrUnauthenticated},
		{"disabled account", "lama", "rahasia-lama", roads.ErrUnauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := s.Login(ctx, tc.account, tc.password, "10.0.0.1", open)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Login = %v, want %v", err, tc.want)
			}
			if err == nil && (a.Name != "wati" || a.Role != roads.RoleWalidata) {
				t.Errorf("Login gave %+v, want wati the walidata", a)
			}
		})
	}
	got, err := s.LoginAttempts(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || !got[len(got)-1].OK || got[0].OK || got[0].IP != "10.0.0.1" {
		t.Errorf("recorded attempts %+v; want 5, the first (oldest) successful", got)
	}
}

func TestLoginRateLimit(t *testing.T) {
	ctx := context.Background()
	p := roads.LoginPolicy{PerName: 3, PerIP: 3, Window: time.Hour}
	t.Run("per name", func(t *testing.T) {
		s := openTest(t)
		addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
		for i := range 3 {
			// Each failure from a different address: only the name limit applies.
			if _, err := s.Login(ctx, "ani", "salah-salah", "10.0.0."+string(rune('1'+i)), p); !errors.Is(err, roads.ErrUnauthenticated) {
				t.Fatalf("failure %d: %v", i, err)
			}
		}
		_, err := s.Login(ctx, "ani", "rahasia-ani", "10.0.0.9", p)
		var le *roads.LimitError
		if !errors.As(err, &le) || le.By != "name" || le.RetryAfter <= 0 || le.RetryAfter > p.Window {
			t.Fatalf("4th attempt with the right password: %v, want a name limit with a retry within the window", err)
		}
		if n, _ := s.LoginAttempts(ctx, 0); len(n) != 3 {
			t.Errorf("%d attempts recorded; a refused attempt must not count again", len(n))
		}
		// Failures that left the window no longer count.
		if _, err := s.Login(ctx, "ani", "rahasia-ani", "10.0.0.9", roads.LoginPolicy{PerName: 3, PerIP: 3, Window: time.Nanosecond}); err != nil {
			t.Errorf("after the window: %v", err)
		}
	})
	t.Run("per address", func(t *testing.T) {
		s := openTest(t)
		addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
		for _, name := range []string{"x1", "x2", "x3"} {
			s.Login(ctx, name, "salah-salah", "10.0.0.7", p)
		}
		_, err := s.Login(ctx, "ani", "rahasia-ani", "10.0.0.7", p)
		var le *roads.LimitError
		if !errors.As(err, &le) || le.By != "ip" || !errors.Is(err, roads.ErrLimited) {
			t.Fatalf("from the guessing address: %v, want an ip limit", err)
		}
		if _, err := s.Login(ctx, "ani", "rahasia-ani", "10.0.0.8", p); err != nil {
			t.Errorf("from another address: %v", err)
		}
	})
	t.Run("successes do not count", func(t *testing.T) {
		s := openTest(t)
		addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
		for i := range 6 {
			if _, err := s.Login(ctx, "ani", "rahasia-ani", "10.0.0.1", p); err != nil {
				t.Fatalf("sign-in %d: %v", i, err)
			}
		}
	})
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	a := addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	secret, sess, err := s.CreateSession(ctx, a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) < 20 || len(sess.CSRF) < 20 || secret == sess.CSRF {
		t.Fatalf("session secret %q and CSRF %q must be long and distinct", secret, sess.CSRF)
	}
	var stored string
	if err := s.rdb.QueryRowContext(ctx, `SELECT id_hash FROM session`).Scan(&stored); err != nil || stored == secret || !strings.Contains(stored, sqlstore.SecretHash(secret)) {
		t.Errorf("stored session id %q (err %v): want only the hash of the secret", stored, err)
	}
	got, err := s.Session(ctx, secret)
	if err != nil || got.Account.Name != "ani" || got.CSRF != sess.CSRF {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	if _, err := s.Session(ctx, secret+"x"); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("unknown secret: %v", err)
	}
	if err := s.EndSession(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, secret); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("after sign-out: %v", err)
	}
	short, _, err := s.CreateSession(ctx, a.ID, time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Session(ctx, short); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("expired session: %v", err)
	}

	// A change of rights ends the account's sessions at once.
	pw, role, yes := "rahasia-baru", roads.RoleWalidata, true
	for _, tc := range []struct {
		name string
		u    roads.AccountUpdate
	}{
		{"password", roads.AccountUpdate{Password: &pw}},
		{"role", roads.AccountUpdate{Role: &role}},
		{"disabled", roads.AccountUpdate{Disabled: &yes}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sec, _, err := s.CreateSession(ctx, a.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.UpdateAccount(ctx, "ani", tc.u, "admin"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Session(ctx, sec); !errors.Is(err, roads.ErrUnauthenticated) {
				t.Errorf("session after %s change: %v", tc.name, err)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	addAccount(t, s, "skrip", roads.RolePerencana, "")
	tok, info, err := s.CreateToken(ctx, "skrip", "impor malam")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok, sqlstore.TokenPrefix) || !strings.HasPrefix(tok, info.Prefix) {
		t.Errorf("token %q, prefix %q", tok, info.Prefix)
	}
	var n int
	s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM api_token WHERE hash = ? OR hash = ?`, tok, strings.TrimPrefix(tok, sqlstore.TokenPrefix)).Scan(&n)
	if n != 0 {
		t.Error("the token itself is stored; only its hash may be")
	}
	a, err := s.TokenAccount(ctx, tok)
	if err != nil || a.Name != "skrip" || a.Role != roads.RolePerencana {
		t.Fatalf("TokenAccount = %+v, %v", a, err)
	}
	for _, bad := range []string{"", "Bearer " + tok, tok + "x", "ruas_AAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		if _, err := s.TokenAccount(ctx, bad); !errors.Is(err, roads.ErrUnauthenticated) {
			t.Errorf("TokenAccount(%q) = %v, want ErrUnauthenticated", bad, err)
		}
	}
	if _, _, err := s.CreateToken(ctx, "nobody", ""); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("token for unknown account: %v", err)
	}
	if k, err := s.RevokeTokens(ctx, "skrip"); err != nil || k != 1 {
		t.Fatalf("RevokeTokens = %d, %v", k, err)
	}
	if _, err := s.TokenAccount(ctx, tok); !errors.Is(err, roads.ErrUnauthenticated) {
		t.Errorf("revoked token: %v", err)
	}
	list, _ := s.Tokens(ctx, "skrip")
	if len(list) != 1 || !list[0].Revoked || list[0].Label != "impor malam" {
		t.Errorf("Tokens = %+v", list)
	}
}

// TestAccountChangesAudited: who created or changed an account, and what,
// is in the append-only trail, without the password hash.
func TestAccountChangesAudited(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	addAccount(t, s, "ani", roads.RoleProdusen, "rahasia-ani")
	role := roads.RoleWalidata
	if _, err := s.UpdateAccount(ctx, "ani", roads.AccountUpdate{Role: &role}, "kepala"); err != nil {
		t.Fatal(err)
	}
	entries, err := s.Audit(ctx, roads.AuditFilter{Entity: "account"})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Actor != "cli" || entries[1].Actor != "kepala" || entries[1].Action != "update" {
		t.Fatalf("account audit %+v", entries)
	}
	var before, after map[string]any
	json.Unmarshal(entries[1].Before, &before)
	json.Unmarshal(entries[1].After, &after)
	if before["role"] != "produsen" || after["role"] != "walidata" || after["password_set"] != float64(1) {
		t.Errorf("before %v after %v", before, after)
	}
	for _, e := range entries {
		if strings.Contains(string(e.After), "$2") {
			t.Errorf("audit entry holds a password hash: %s", e.After)
		}
	}
}

func TestAdoptPlan(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.AdoptedPlan(ctx); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("no adoption yet: %v", err)
	}
	if _, err := s.AdoptPlan(ctx, 42, "rina", ""); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("adopt unknown plan: %v", err)
	}
	var ids []int64
	for range 2 {
		p := &roads.PlanRun{Method: "sdi", FromYear: 2027, Years: 5, Inputs: json.RawMessage(`{}`), Result: json.RawMessage(`{}`)}
		if err := s.SavePlanRun(ctx, p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	// A plan with no recorded basis, or one that read drafts, is not adoptable.
	if _, err := s.AdoptPlan(ctx, ids[0], "rina", ""); !errors.Is(err, roads.ErrDraftPlan) {
		t.Errorf("adopt plan without basis: %v, want ErrDraftPlan", err)
	}
	if err := s.SetPlanBasis(ctx, roads.PlanBasis{PlanID: ids[0], Pending: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AdoptPlan(ctx, ids[0], "rina", ""); !errors.Is(err, roads.ErrDraftPlan) {
		t.Errorf("adopt plan run on drafts: %v, want ErrDraftPlan", err)
	}
	if b, err := s.PlanBasisOf(ctx, ids[1]); err != nil || !b.Draft() {
		t.Errorf("basis of a plan with none recorded: %+v, %v; want a draft", b, err)
	}
	for _, id := range ids {
		if err := s.SetPlanBasis(ctx, roads.PlanBasis{PlanID: id, VerifiedOnly: true, Pending: 5}); err != nil {
			t.Fatal(err)
		}
		if b, _ := s.PlanBasisOf(ctx, id); b.Draft() || !b.VerifiedOnly {
			t.Errorf("basis after verified-only run: %+v", b)
		}
		if _, err := s.AdoptPlan(ctx, id, "rina", "RKPD 2027"); err != nil {
			t.Fatal(err)
		}
	}
	a, err := s.AdoptedPlan(ctx)
	if err != nil || a.PlanID != ids[1] || a.By != "rina" || a.Note != "RKPD 2027" {
		t.Errorf("AdoptedPlan = %+v, %v; want the later plan %d", a, err, ids[1])
	}
	if e, _ := s.Audit(ctx, roads.AuditFilter{Entity: "plan_adoption"}); len(e) != 2 || e[1].EntityID != ids[1] || e[1].Actor != "rina" {
		t.Errorf("adoption audit %+v", e)
	}
}

func TestNetworkUnverified(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	r := sampleRuas("001")
	r.Source = roads.Source{Form: "ruas", User: "ani"}
	if err := s.CreateRuas(ctx, r); err != nil {
		t.Fatal(err)
	}
	date := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
	for _, sta := range []float64{0, 100} {
		if err := s.AddSurvey(ctx, &roads.Survey{Ruas: r.Key, Date: date, StaFromM: sta, StaToM: sta + 100, Distress: &roads.Distress{IRI: f(5)}, Source: roads.Source{Form: "survey", User: "ani"}}); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		n, err := s.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n.Unverified()
	}
	if got := count(); got != 3 {
		t.Errorf("Unverified = %d, want 3 (the ruas and two survey units)", got)
	}
	if err := s.Verify(ctx, roads.EntityRuas, []int64{r.ID}, "wati"); err != nil {
		t.Fatal(err)
	}
	if got := count(); got != 2 {
		t.Errorf("after verifying the ruas: %d, want 2", got)
	}
}
