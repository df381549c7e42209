package main

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
)

// demoAccounts makes one account per role for a demo register that has
// none, with random passwords printed once on the console, so that
// `ruas serve --demo` can be tried at once: sign in as produsen to enter
// data, walidata to verify it, perencana to plan, admin to manage
// accounts. A register that already has accounts is left alone; lost
// passwords are reset with `ruas user passwd --name NAME`.
func demoAccounts(ctx context.Context, e *env, store register, db string) error {
	existing, err := store.Accounts(ctx)
	if err != nil {
		return fmt.Errorf("membaca akun di %s: %w", redactDSN(db), err)
	}
	if len(existing) > 0 {
		return nil
	}
	fmt.Fprintln(e.stdout, "ruas: akun demo dibuat (kata sandi tampil sekali ini; ganti dengan `ruas user passwd --name NAMA`):")
	for _, r := range roads.Roles {
		pw := newPassword()
		a := &roads.Account{Name: string(r), FullName: "Akun demo " + string(r), Role: r}
		if err := store.AddAccount(ctx, a, pw, "demo"); err != nil {
			return fmt.Errorf("membuat akun demo %s: %w", r, err)
		}
		fmt.Fprintf(e.stdout, "  %-10s kata sandi %s\n", a.Name, pw)
	}
	return nil
}
