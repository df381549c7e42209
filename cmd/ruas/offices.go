package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
)

// officeRegister is a register that may hold several offices (issue 13
// item 3): both engines' stores.
type officeRegister interface {
	RegisterOffices(ctx context.Context) ([]roads.Office, error)
	AddRegisterOffice(ctx context.Context, o roads.Office, by string, at time.Time) error
	SetAccountOffice(ctx context.Context, name, region, by string) error
}

func officesOf(s register) (officeRegister, error) {
	or, ok := s.(officeRegister)
	if !ok {
		return nil, fmt.Errorf("register ini hanya dapat memuat satu kantor")
	}
	return or, nil
}

// runAddOffice is `ruas init --add-office KODE`: another office (a
// kabupaten or kota under the register's own province, say) joins the
// register; its ruas are those whose region code lies under KODE.
func runAddOffice(ctx context.Context, e *env, db string, in roads.OfficeInput) error {
	o, errs := roads.NewOffice(in)
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, fe := range errs {
			f := flagOf(fe.Field)
			if fe.Field == "region" {
				f = "--add-office"
			}
			msgs[i] = f + ": " + fe.Message
		}
		return usageError{strings.Join(msgs, "; ")}
	}
	s, err := openRegister(ctx, db)
	if err != nil {
		return fmt.Errorf("basis data %s tidak dapat dibuka: %w; periksa path --db dan izin berkasnya", db, err)
	}
	defer s.Close()
	or, err := officesOf(s)
	if err != nil {
		return err
	}
	home, err := s.Office(ctx)
	if err != nil {
		return fmt.Errorf("atur dulu kantor register sendiri dengan `ruas init --region KODE`, lalu tambahkan kantor lain: %w", err)
	}
	if err := or.AddRegisterOffice(ctx, o, cliActor(e), time.Now()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Kantor %s (%s) ditambahkan ke register %s milik %s.\n", o.Pemda(), o.Region, db, home.Pemda())
	return printOtherOffices(ctx, e, or)
}

// printOtherOffices lists the register's other offices, if any.
func printOtherOffices(ctx context.Context, e *env, or officeRegister) error {
	others, err := or.RegisterOffices(ctx)
	if err != nil || len(others) == 0 {
		return err
	}
	fmt.Fprintln(e.stdout, "  Kantor lain dalam register ini:")
	for _, o := range others {
		fmt.Fprintf(e.stdout, "    %-8s %s — %s (jalan %s)\n", o.Region, o.Pemda(), o.OPDShort(), o.Authority)
	}
	return nil
}

// checkAccountOffice refuses, before an account is made, an office that
// is not in the register; "" is the register's own office.
func checkAccountOffice(ctx context.Context, s register, region string) error {
	if region == "" {
		return nil
	}
	home, err := s.Office(ctx)
	if err != nil {
		return fmt.Errorf("--office %s: register belum punya kantor; atur dengan `ruas init --region KODE`", region)
	}
	if region == home.Region {
		return nil
	}
	or, err := officesOf(s)
	if err != nil {
		return fmt.Errorf("--office %s: %w", region, err)
	}
	others, err := or.RegisterOffices(ctx)
	if err != nil {
		return err
	}
	codes := []string{home.Region}
	for _, o := range others {
		if o.Region == region {
			return nil
		}
		codes = append(codes, o.Region)
	}
	return usageError{fmt.Sprintf("--office %s bukan kantor dalam register ini (kantornya: %s); tambahkan dengan `ruas init --add-office %s`", region, strings.Join(codes, ", "), region)}
}
