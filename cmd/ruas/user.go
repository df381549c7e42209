package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/kotablitar/ruas/roads"
)

func init() {
	commands["user"] = command{"kelola akun pengguna dan peran (add, list, passwd, role, disable, enable, token, revoke)", runUser}
}

// stdin is where --password-stdin reads from; tests replace it.
var stdin io.Reader = os.Stdin

// userActions are the verbs of `ruas user`, each with its one-line summary.
var userActions = map[string]command{
	"add":     {"buat akun baru dengan peran admin, produsen, walidata atau perencana", userAdd},
	"list":    {"daftar akun, peran dan token API", userList},
	"passwd":  {"ganti kata sandi akun (sesi yang berjalan diakhiri)", userPasswd},
	"role":    {"ganti peran akun (sesi yang berjalan diakhiri)", userRole},
	"disable": {"nonaktifkan akun (sesi dan token tidak berlaku lagi)", func(ctx context.Context, e *env, a []string) error { return userSetDisabled(ctx, e, a, true) }},
	"enable":  {"aktifkan kembali akun (token API lamanya tetap dicabut; buat yang baru)", func(ctx context.Context, e *env, a []string) error { return userSetDisabled(ctx, e, a, false) }},
	"token":   {"buat token API baru untuk skrip (ditampilkan sekali saja)", userToken},
	"revoke":  {"cabut semua token API sebuah akun", userRevoke},
}

func runUser(ctx context.Context, e *env, args []string) error {
	return dispatch(ctx, e, args, userActions, func(w io.Writer) {
		fmt.Fprintln(w, "Usage: ruas user AKSI [flags]   (ruas user AKSI -h untuk flag-nya)\n\nAksi:")
		list(w, userActions)
	}, "ruas user perlu aksi, mis. `ruas user add --name budi --role produsen`", "aksi %q tidak dikenal; lihat `ruas user -h`")
}

// cliActor names who made a change from the command line in the audit
// trail: "cli", with the operating-system user when known.
func cliActor(e *env) string {
	if u := e.getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}

// readPassword reads the first line of stdin (for scripts and password
// managers: `echo "$PW" | ruas user add ... --password-stdin`).
func readPassword() (string, error) {
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("kata sandi tidak dapat dibaca dari stdin: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usageError{"--password-stdin: stdin kosong; kirim kata sandi pada baris pertama, mis. `echo \"$PW\" | ruas user ...`"}
	}
	return line, nil
}

// newPassword is a generated password: 16 base32 characters (80 random bits).
func newPassword() string { return rand.Text()[:16] }

func openForUser(ctx context.Context, db string) (register, error) {
	s, err := openRegister(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("basis data %s tidak dapat dibuka: %w; periksa path --db", db, err)
	}
	return s, nil
}

// needName checks the --name flag of an action.
func needName(action, name string) error {
	if strings.TrimSpace(name) == "" {
		return usageError{fmt.Sprintf("ruas user %s perlu --name NAMA", action)}
	}
	return nil
}

func userAdd(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "user add", "user add --name NAMA --role admin|produsen|walidata|perencana [--full-name TEKS] [--password-stdin | --token-only] [--db PATH]",
		"Membuat akun. Tanpa --password-stdin dibuatkan kata sandi acak yang dicetak sekali.\nNama akun (huruf kecil, angka, '.', '_', '-') tercatat sebagai pengguna pada setiap data yang diubahnya.")
	name := fs.String("name", "", "`NAMA` akun untuk masuk, mis. budi.s")
	role := fs.String("role", "", "`PERAN`: admin, produsen (memasukkan data), walidata (memverifikasi), perencana (rencana dan ekspor)")
	full := fs.String("full-name", "", "nama lengkap `TEKS` untuk tampilan")
	fromStdin := fs.Bool("password-stdin", false, "baca kata sandi dari baris pertama stdin")
	tokenOnly := fs.Bool("token-only", false, "akun tanpa kata sandi, hanya untuk token API (skrip)")
	office := fs.String("office", "", "kantor `KODE` tempat akun bekerja bila register memuat beberapa kantor (bawaan: kantor register sendiri)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needName("add", *name); err != nil {
		return err
	}
	r, err := roads.ParseRole(*role)
	if err != nil {
		return usageError{fmt.Sprintf("--role %q harus admin, produsen, walidata atau perencana", *role)}
	}
	if *fromStdin && *tokenOnly {
		return usageError{"--password-stdin dan --token-only tidak dapat dipakai bersama"}
	}
	pw, generated := "", false
	switch {
	case *fromStdin:
		if pw, err = readPassword(); err != nil {
			return err
		}
	case !*tokenOnly:
		pw, generated = newPassword(), true
	}
	s, err := openForUser(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := checkAccountOffice(ctx, s, *office); err != nil {
		return err
	}
	a := &roads.Account{Name: *name, FullName: *full, Role: r}
	if err := s.AddAccount(ctx, a, pw, cliActor(e)); err != nil {
		return accountError(err)
	}
	if *office != "" {
		or, err := officesOf(s)
		if err != nil {
			return err
		}
		if err := or.SetAccountOffice(ctx, a.Name, *office, cliActor(e)); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "akun %s (%s) dibuat\n", a.Name, a.Role)
	if generated {
		fmt.Fprintf(e.stdout, "kata sandi: %s\n(catat sekarang; kata sandi tidak dapat ditampilkan lagi, hanya diganti dengan `ruas user passwd`)\n", pw)
	}
	return nil
}

// accountError rewords the store's refusals of account input as one
// Indonesian sentence that says how to fix it; the English detail follows.
func accountError(err error) error {
	var pe *roads.PasswordError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("%s; ulangi dengan kata sandi lain (%w)", passwordProblem[pe.Reason], err)
	case errors.Is(err, roads.ErrConflict):
		return fmt.Errorf("nama akun sudah dipakai; pilih nama lain (%w)", err)
	case errors.Is(err, roads.ErrNotFound):
		return fmt.Errorf("akun tidak ada; lihat daftarnya dengan `ruas user list` (%w)", err)
	case errors.Is(err, roads.ErrInvalid):
		return fmt.Errorf("isian akun tidak sah: nama 2–40 huruf kecil/angka/./_/-, nama lengkap paling banyak %d karakter (%w)", roads.MaxFullName, err)
	}
	return err
}

// passwordProblem words each reason a password is refused.
var passwordProblem = map[roads.PasswordReason]string{
	roads.PasswordShort:    fmt.Sprintf("kata sandi terlalu pendek: minimal %d karakter", roads.MinPasswordLen),
	roads.PasswordLong:     "kata sandi terlalu panjang: paling banyak 72 bita",
	roads.PasswordCommon:   "kata sandi ini termasuk yang paling umum dan mudah ditebak (mis. password123, bismillah2024)",
	roads.PasswordName:     "kata sandi tidak boleh sama dengan nama akun",
	roads.PasswordRepeated: "kata sandi terlalu seragam: kurang dari 4 karakter berbeda",
}

func userList(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "user list", "user list [--db PATH]", "Mencetak semua akun dengan peran, status dan token API-nya.")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := openForUser(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	accounts, err := s.Accounts(ctx)
	if err != nil {
		return err
	}
	tokens, err := s.Tokens(ctx, "")
	if err != nil {
		return err
	}
	live := map[string]int{}
	for _, t := range tokens {
		if !t.Revoked {
			live[t.Account]++
		}
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAMA\tPERAN\tSTATUS\tSANDI\tTOKEN\tNAMA LENGKAP\tDIUBAH OLEH")
	for _, a := range accounts {
		status, pw := "aktif", "ya"
		if a.Disabled {
			status = "nonaktif"
		}
		if !a.HasPassword {
			pw = "tidak"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", a.Name, a.Role, status, pw, live[a.Name], a.FullName, a.UpdatedBy)
	}
	return w.Flush()
}

func userPasswd(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "user passwd", "user passwd --name NAMA [--password-stdin] [--db PATH]",
		"Mengganti kata sandi. Tanpa --password-stdin dibuatkan kata sandi acak yang dicetak sekali.\nSesi yang sedang berjalan untuk akun itu diakhiri.")
	name := fs.String("name", "", "`NAMA` akun")
	fromStdin := fs.Bool("password-stdin", false, "baca kata sandi dari baris pertama stdin")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needName("passwd", *name); err != nil {
		return err
	}
	pw, generated := newPassword(), true
	if *fromStdin {
		var err error
		if pw, err = readPassword(); err != nil {
			return err
		}
		generated = false
	}
	return updateAccount(ctx, e, *db, *name, roads.AccountUpdate{Password: &pw}, func(a *roads.Account) {
		fmt.Fprintf(e.stdout, "kata sandi akun %s diganti\n", a.Name)
		if generated {
			fmt.Fprintf(e.stdout, "kata sandi: %s\n(catat sekarang; tidak dapat ditampilkan lagi)\n", pw)
		}
	})
}

func userRole(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "user role", "user role --name NAMA --role PERAN [--db PATH]", "Mengganti peran akun; sesi yang sedang berjalan diakhiri.")
	name := fs.String("name", "", "`NAMA` akun")
	role := fs.String("role", "", "`PERAN` baru: admin, produsen, walidata atau perencana")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needName("role", *name); err != nil {
		return err
	}
	r, err := roads.ParseRole(*role)
	if err != nil {
		return usageError{fmt.Sprintf("--role %q harus admin, produsen, walidata atau perencana", *role)}
	}
	return updateAccount(ctx, e, *db, *name, roads.AccountUpdate{Role: &r}, func(a *roads.Account) {
		fmt.Fprintf(e.stdout, "akun %s kini berperan %s\n", a.Name, a.Role)
	})
}

func userSetDisabled(ctx context.Context, e *env, args []string, disabled bool) error {
	action := map[bool]string{true: "disable", false: "enable"}[disabled]
	fs, db := newFlags(e, "user "+action, "user "+action+" --name NAMA [--db PATH]",
		map[bool]string{true: "Menonaktifkan akun: sesinya diakhiri dan token API-nya tidak berlaku lagi; datanya tetap tercatat atas namanya.",
			false: "Mengaktifkan kembali akun yang dinonaktifkan."}[disabled])
	name := fs.String("name", "", "`NAMA` akun")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needName(action, *name); err != nil {
		return err
	}
	return updateAccount(ctx, e, *db, *name, roads.AccountUpdate{Disabled: &disabled}, func(a *roads.Account) {
		fmt.Fprintf(e.stdout, "akun %s %s\n", a.Name, map[bool]string{true: "dinonaktifkan", false: "diaktifkan"}[disabled])
	})
}

func updateAccount(ctx context.Context, e *env, db, name string, u roads.AccountUpdate, done func(*roads.Account)) error {
	s, err := openForUser(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	a, err := s.UpdateAccount(ctx, name, u, cliActor(e))
	if err != nil {
		return accountError(err)
	}
	done(a)
	return nil
}

func userToken(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "user token", "user token --name NAMA [--label TEKS] [--db PATH]",
		"Membuat token API untuk skrip dan mencetaknya sekali. Kirim sebagai\n`Authorization: Bearer TOKEN`; token bertindak atas nama dan peran akun itu.\nHanya hash token yang disimpan: token yang hilang dicabut (`ruas user revoke`) lalu dibuat baru.")
	name := fs.String("name", "", "`NAMA` akun pemilik token")
	label := fs.String("label", "", "keterangan `TEKS`, mis. \"impor malam\"")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needName("token", *name); err != nil {
		return err
	}
	s, err := openForUser(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	tok, _, err := s.CreateToken(ctx, *name, *label)
	if err != nil {
		if errors.Is(err, roads.ErrForbidden) {
			return fmt.Errorf("akun %s nonaktif; aktifkan dulu dengan `ruas user enable --name %s`", roads.NormalizeAccountName(*name), roads.NormalizeAccountName(*name))
		}
		return accountError(err)
	}
	// The token alone on stdout, so that `TOKEN=$(ruas user token ...)` works;
	// the advice goes to stderr.
	fmt.Fprintln(e.stdout, tok)
	fmt.Fprintln(e.stderr, "ruas: token di atas ditampilkan sekali ini saja; simpan di tempat aman")
	return nil
}

func userRevoke(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "user revoke", "user revoke --name NAMA [--db PATH]", "Mencabut semua token API akun itu.")
	name := fs.String("name", "", "`NAMA` akun")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needName("revoke", *name); err != nil {
		return err
	}
	s, err := openForUser(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.RevokeTokens(ctx, *name)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d token akun %s dicabut\n", n, roads.NormalizeAccountName(*name))
	return nil
}
