package sqlitestore

import (
	"context"
	"testing"

	"github.com/kotablitar/ruas/roads"
)

// Every signed-in request looks up its session or API token: these are
// on the path of every page and API call.

func BenchmarkSession(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	a := &roads.Account{Name: "ani", Role: roads.RoleProdusen}
	if err := s.AddAccount(ctx, a, "", "bench"); err != nil {
		b.Fatal(err)
	}
	secret, _, err := s.CreateSession(ctx, a.ID, 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Session(ctx, secret); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTokenAccount(b *testing.B) {
	ctx := context.Background()
	s := openTest(b)
	if err := s.AddAccount(ctx, &roads.Account{Name: "skrip", Role: roads.RoleProdusen}, "", "bench"); err != nil {
		b.Fatal(err)
	}
	tok, _, err := s.CreateToken(ctx, "skrip", "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.TokenAccount(ctx, tok); err != nil {
			b.Fatal(err)
		}
	}
}
