package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/demo"
	"github.com/kotablitar/ruas/web"
)

func init() {
	commands["serve"] = command{summary: "jalankan aplikasi web dan API JSON (basis data dibuat bila belum ada)", run: runServe}
}

const serveHelp = `
Menjalankan aplikasi web dan API JSON (/api/v1, diuraikan di /api/v1/openapi.json).
Basis data dibuat bila berkasnya belum ada. Halaman tidak memuat apa pun dari
internet; peta dasar hanya tampil bila --tiles menyebut server ubin peta.
Hentikan dengan Ctrl-C (SIGINT) atau SIGTERM: permintaan yang sedang berjalan
diselesaikan dulu.

Akses: halaman kerja dan API perlu akun (buat dengan ` + "`ruas user add`" + `);
warga membaca data terverifikasi di /publik tanpa akun. Sesi memakai cookie
HttpOnly, SameSite=Lax; cookie bertanda Secure bila permintaan datang lewat
TLS, atau selalu dengan --secure-cookies (di belakang proxy TLS).

Batas masuk: 5 kegagalan per menit per nama akun dan 5 per alamat; peramban
yang pernah berhasil masuk sebagai akun itu hanya dibatasi 5 per menit untuk
dirinya sendiri, sehingga tebakan dari tempat lain tidak mengunci pemiliknya.
Di belakang proxy balik (nginx, Caddy), sebut alamat proxy dengan
--trusted-proxy agar alamat klien dibaca dari X-Forwarded-For; tanpa itu
header tersebut diabaikan (siapa pun dapat memalsukannya) dan semua pengguna
di belakang proxy berbagi satu alamat.`

// shutdownGrace is how long in-flight requests get to finish after
// SIGINT/SIGTERM before the server closes their connections.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "serve", "serve [--addr :8080] [--demo] [--tiles URL] [--trusted-proxy CIDR[,CIDR]] [--db PATH]", serveHelp)
	addr := fs.String("addr", ":8080", "`ALAMAT` yang didengar (host:port; port 0 memilih port bebas)")
	demoFill := fs.Bool("demo", false, "isi jaringan contoh "+demo.City+" (DATA SINTETIS) bila basis data masih kosong, dan buat akun demo per peran (kata sandi dicetak sekali) bila belum ada akun")
	secureCookies := fs.Bool("secure-cookies", false, "tandai cookie sesi Secure (pakai bila aplikasi dilayani lewat proxy HTTPS)")
	trusted := fs.String("trusted-proxy", "", "`CIDR`[,CIDR...] proxy balik tepercaya (mis. 127.0.0.1/32 atau 10.0.0.0/8): hanya dari alamat ini X-Forwarded-For dipakai sebagai alamat klien")
	tiles := fs.String("tiles", "", "templat `URL` ubin peta dasar dengan {z}/{x}/{y}, mis. https://tile.example.org/{z}/{x}/{y}.png (bawaan: tanpa peta dasar, bekerja luring)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("serve tidak menerima argumen %q; lihat `ruas serve -h`", fs.Arg(0))}
	}
	if *tiles != "" {
		if err := web.CheckTiles(*tiles); err != nil {
			return usageError{fmt.Sprintf("--tiles %q harus templat URL http(s) dengan {z}, {x} dan {y}, mis. https://tile.example.org/{z}/{x}/{y}.png", *tiles)}
		}
	}
	proxies, err := parseTrustedProxies(*trusted)
	if err != nil {
		return err
	}
	store, err := openRegister(ctx, *db)
	if err != nil {
		return fmt.Errorf("basis data %s tidak dapat dibuka: %w; periksa path --db dan izin berkasnya", redactDSN(*db), err)
	}
	defer store.Close()
	if *demoFill {
		if err := fillDemo(ctx, e, store, *db); err != nil {
			return err
		}
		if err := demoAccounts(ctx, e, store, *db); err != nil {
			return err
		}
	}
	if o, err := store.Office(ctx); err == nil || errors.Is(err, roads.ErrNotFound) {
		officeNotice(e.stderr, o)
	}
	srv, err := web.New(ctx, web.Options{Store: store, Watch: store.OpenWatch, Tiles: *tiles, SecureCookies: *secureCookies, TrustedProxies: proxies, Log: slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		return fmt.Errorf("aplikasi web tidak dapat dimulai: %w", err)
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("tidak dapat mendengarkan di %s: %w; pilih alamat lain dengan --addr", *addr, err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(e.stdout, "ruas: melayani %s di http://%s\n", redactDSN(*db), displayAddr(ln.Addr()))
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("server berhenti: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("penghentian server: %w", err)
	}
	fmt.Fprintln(e.stdout, "ruas: berhenti")
	return nil
}

// parseTrustedProxies reads --trusted-proxy: addresses or CIDR ranges,
// comma-separated; a bare address is a range of one.
func parseTrustedProxies(v string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if _, err := netip.ParsePrefix(f); err != nil {
			if _, err := netip.ParseAddr(f); err != nil {
				return nil, usageError{fmt.Sprintf("--trusted-proxy %q bukan alamat IP atau rentang CIDR; tulis mis. 127.0.0.1/32,10.0.0.0/8", f)}
			}
		}
		out = append(out, f)
	}
	return out, nil
}

// fillDemo writes the synthetic demo network into an empty register; a
// register that already holds ruas is left alone.
func fillDemo(ctx context.Context, e *env, store register, db string) error {
	n, err := store.CountRuas(ctx, roads.RuasFilter{})
	if err != nil {
		return fmt.Errorf("membaca %s: %w", redactDSN(db), err)
	}
	if n > 0 {
		fmt.Fprintf(e.stdout, "ruas: basis data sudah berisi %d ruas; demo tidak ditulis\n", n)
		return nil
	}
	st, err := demo.Fill(ctx, store, demo.DefaultSeed, nil) // nil: the demo made today (WIB)
	if err != nil {
		return fmt.Errorf("mengisi demo: %w", err)
	}
	// As `ruas demo` does: the walidata's verification, so that the public
	// portal has data to show (a tenth of the latest surveys stay drafts).
	if _, err := demo.Verify(ctx, store); err != nil {
		return fmt.Errorf("memverifikasi demo: %w", err)
	}
	fmt.Fprintf(e.stdout, "ruas: jaringan contoh (DATA SINTETIS) ditulis: %d ruas, %d survei\n", st.Ruas.Created, st.Surveys.Created)
	return nil
}

// displayAddr writes a listen address as a reader can open it: ":8080"
// listens on every interface, reachable as localhost.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
