package storetest

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/kotablitar/ruas/roads"
)

// OfficeStore is a store of a register that may hold several offices
// (issue 13 item 3): the suite's Store with the office methods.
type OfficeStore interface {
	Store
	RegisterOffices(ctx context.Context) ([]roads.Office, error)
	AddRegisterOffice(ctx context.Context, o roads.Office, by string, at time.Time) error
	SetAccountOffice(ctx context.Context, name, region, by string) error
	AccountOffice(ctx context.Context, name string) (string, error)
}

// RunOffices checks the office tables and the office filter of ruas lists
// on one engine: a register of a province (35) holding two kota (35.73,
// 35.79), with ruas of each and of places under no office. Each list is
// judged against roads.Scope applied here to the ruas the test made.
func RunOffices(t *testing.T, open func(t *testing.T) OfficeStore) {
	s := open(t)
	ctx := context.Background()
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	kota := func(code, name string) roads.Office {
		return roads.Office{Region: code, Name: name, Level: "kota", OPD: "Dinas PUPR " + name, Authority: roads.Kota}
	}
	prov := roads.Office{Region: "35", Name: "Jawa Timur", Level: "provinsi", OPD: "Dinas PU Bina Marga", Authority: roads.Provinsi}
	if err := s.AddRegisterOffice(ctx, kota("35.73", "Kota Malang"), "admin", at); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("an office added before the register's own: %v, want ErrNotFound", err)
	}
	must(t, s.SetOffice(ctx, prov, "admin", at))
	if err := s.AddRegisterOffice(ctx, roads.Office{Region: "35", Name: "Jawa Timur", Level: "provinsi", OPD: "x", Authority: roads.Provinsi}, "admin", at); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("adding the register's own office again: %v, want ErrInvalid", err)
	}
	must(t, s.AddRegisterOffice(ctx, kota("35.79", "Kota Batu"), "admin", at))
	must(t, s.AddRegisterOffice(ctx, kota("35.73", "Kota Malang"), "admin", at))
	must(t, s.AddRegisterOffice(ctx, kota("35.73", "Kota Malang"), "admin", at)) // again: updated, not doubled
	offs, err := s.RegisterOffices(ctx)
	must(t, err)
	if len(offs) != 2 || offs[0].Region != "35.73" || offs[1].Region != "35.79" || offs[0].Authority != roads.Kota || !offs[0].SetAt.Equal(at) {
		t.Fatalf("offices %+v", offs)
	}
	if n, _ := s.CountAudit(ctx, roads.AuditFilter{Entity: "register_office"}); n != 3 {
		t.Errorf("%d register_office audit rows, want 3 (two inserts, one update)", n)
	}

	// Accounts: none placed belongs to the register's own office.
	must(t, s.AddAccount(ctx, &roads.Account{Name: "budi", Role: roads.RoleProdusen}, "", "admin"))
	if o, err := s.AccountOffice(ctx, "budi"); err != nil || o != "" {
		t.Errorf("office of a new account: %q %v, want \"\"", o, err)
	}
	must(t, s.SetAccountOffice(ctx, "budi", "35.73", "admin"))
	if o, _ := s.AccountOffice(ctx, "budi"); o != "35.73" {
		t.Errorf("office of budi: %q, want 35.73", o)
	}
	if err := s.SetAccountOffice(ctx, "budi", "35.71", "admin"); !errors.Is(err, roads.ErrInvalid) {
		t.Errorf("an office not in the register: %v, want ErrInvalid", err)
	}
	if err := s.SetAccountOffice(ctx, "siapa", "35.73", "admin"); !errors.Is(err, roads.ErrNotFound) {
		t.Errorf("office of a missing account: %v, want ErrNotFound", err)
	}
	must(t, s.SetAccountOffice(ctx, "budi", "35", "admin")) // back to the register's own
	if o, _ := s.AccountOffice(ctx, "budi"); o != "35" {
		t.Errorf("office of budi: %q, want 35", o)
	}

	// Ruas of every office, and of regions under none (the register's own).
	regions := []string{"35", "35.07", "35.73", "35.73.01", "35.79", "35.730", "3573", "33.74", "35.7_"}
	for i, r := range regions {
		x := &roads.Ruas{Key: roads.Key{Region: r, No: "1"}, Name: "Jl. " + r, Status: roads.Kota, Fungsi: roads.Lokal, Surface: roads.Aspal,
			WidthM: 5, LengthM: 100, Geometry: orb.LineString{{112.5 + float64(i)*0.01, -7.9}, {112.505 + float64(i)*0.01, -7.9}}}
		must(t, s.CreateRuas(ctx, x))
	}
	others := []string{"35.73", "35.79"}
	for _, account := range []string{"", "35.73", "35.79"} {
		sc := roads.NewScope("35", others, account)
		var want []string
		for _, r := range regions {
			if sc.Reads(r) {
				want = append(want, r)
			}
		}
		sort.Strings(want)
		list, err := s.ListRuas(ctx, roads.RuasFilter{Within: sc})
		must(t, err)
		var got []string
		for _, x := range list {
			got = append(got, x.Key.Region)
		}
		sort.Strings(got)
		if len(got) != len(want) || len(got) == 0 {
			t.Errorf("ruas of office %q: %v, want %v", account, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("ruas of office %q: %v, want %v", account, got, want)
				break
			}
		}
		if n, err := s.CountRuas(ctx, roads.RuasFilter{Within: sc}); err != nil || n != len(want) {
			t.Errorf("count of office %q: %d %v, want %d", account, n, err, len(want))
		}
		ids, err := s.RuasIDsInBound(ctx, roads.RuasFilter{Within: sc, Bound: &orb.Bound{Min: orb.Point{112, -8}, Max: orb.Point{113, -7}}}, 0.01)
		must(t, err)
		if len(ids) != len(want) {
			t.Errorf("ids in bound of office %q: %d, want %d", account, len(ids), len(want))
		}
	}
	if n, _ := s.CountRuas(ctx, roads.RuasFilter{}); n != len(regions) {
		t.Errorf("unfiltered count %d, want %d", n, len(regions))
	}
}
