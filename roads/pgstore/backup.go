package pgstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Tool finds a PostgreSQL client program (pg_dump, pg_restore): on PATH,
// else in Debian's /usr/lib/postgresql/<version>/bin, newest version first.
func Tool(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	sort.Slice(found, func(i, j int) bool { return versionOf(found[i]) > versionOf(found[j]) })
	if len(found) > 0 {
		return found[0], nil
	}
	return "", fmt.Errorf("%w: %s not found; install the PostgreSQL client (Debian: apt-get install postgresql-client)", roads.ErrNotFound, name)
}

func versionOf(path string) int {
	var v int
	fmt.Sscanf(filepath.Base(filepath.Dir(filepath.Dir(path))), "%d", &v)
	return v
}

// run runs a PostgreSQL client program. A password in a --dbname URL is
// passed in the environment (PGPASSWORD) instead, out of the process list.
func run(ctx context.Context, tool string, args ...string) error {
	p, err := Tool(tool)
	if err != nil {
		return err
	}
	env := os.Environ()
	for i, a := range args {
		u, ok := strings.CutPrefix(a, "--dbname=")
		if !ok {
			continue
		}
		if pu, err := url.Parse(u); err == nil && pu.User != nil {
			if pw, set := pu.User.Password(); set {
				env = append(env, "PGPASSWORD="+pw)
				pu.User = url.User(pu.User.Username())
				args[i] = "--dbname=" + pu.String()
			}
		}
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, p, args...)
	cmd.Env = env
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w: %s", tool, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// Backup writes a consistent copy of the register to path while the store
// stays in use: pg_dump's custom format, read in one snapshot, so every
// write committed before the backup began is in it and none that began
// after. The archive is then checked (CheckDump). The target must not exist.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%w: backup target %s already exists; choose a new file name", roads.ErrConflict, path)
	}
	if err := run(ctx, "pg_dump", "--format=custom", "--file="+path, "--dbname="+s.url); err != nil {
		os.Remove(path)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return CheckDump(ctx, path)
}

// CheckDump checks that path is a pg_dump archive of a ruas register: it
// lists the register's tables, its migrations table's data, and the audit
// trail's append-only guards.
func CheckDump(ctx context.Context, path string) error {
	p, err := Tool("pg_restore")
	if err != nil {
		return err
	}
	out, err := exec.CommandContext(ctx, p, "--list", path).Output()
	if err != nil {
		return fmt.Errorf("%w: %s is not a readable pg_dump archive: %v", roads.ErrInvalid, path, err)
	}
	toc := string(out)
	for _, want := range []string{"TABLE public ruas ", "TABLE public audit ", "TABLE DATA public schema_migration "} {
		if !strings.Contains(toc, want) {
			return fmt.Errorf("%w: %s is not a whole ruas register (no %s)", roads.ErrInvalid, path, strings.TrimSpace(want))
		}
	}
	for _, want := range []string{"TRIGGER public audit audit_no_update ", "TRIGGER public audit audit_no_delete "} {
		if !strings.Contains(toc, want) {
			return fmt.Errorf("%w: %s: the audit trail is no longer append-only (its guard trigger %s was removed)", roads.ErrInvalid, path, strings.Fields(want)[3])
		}
	}
	return nil
}

// dbURL is u with its database name replaced by name.
func dbURL(u, name string) (string, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return "", fmt.Errorf("%w: database URL: %v", roads.ErrInvalid, err)
	}
	pu.Path = "/" + name
	return pu.String(), nil
}

// dbName is the database name of a URL.
func dbName(u string) (string, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return "", fmt.Errorf("%w: database URL: %v", roads.ErrInvalid, err)
	}
	name := strings.TrimPrefix(pu.Path, "/")
	if name == "" {
		return "", fmt.Errorf("%w: the URL %s names no database", roads.ErrInvalid, redact(u))
	}
	return name, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// Restore replaces the register at target (a postgres:// URL) with the
// backup at backupPath, after checking it: the archive is restored into a
// fresh database beside the target, whose content is checked as the
// SQLite restore checks a file (known migrations, the audit trail's guards
// in place, no row the trail says was deleted); only then is it renamed
// to the target's name. The register it replaces is kept, renamed
// <name>_before_restore, so a mistaken restore loses nothing. It refuses
// with ErrInUse while anything is connected to the target.
func Restore(ctx context.Context, backupPath, target string) error {
	if err := CheckDump(ctx, backupPath); err != nil {
		return err
	}
	name, err := dbName(target)
	if err != nil {
		return err
	}
	maintURL, err := dbURL(target, "postgres")
	if err != nil {
		return err
	}
	maint, err := sql.Open("pgx", maintURL)
	if err != nil {
		return err
	}
	defer maint.Close()
	maint.SetMaxOpenConns(1)
	tmp, keep := name+"_restoring", name+"_before_restore"
	if _, err := maint.ExecContext(ctx, `DROP DATABASE IF EXISTS `+quoteIdent(tmp)); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := maint.ExecContext(ctx, `CREATE DATABASE `+quoteIdent(tmp)); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	dropTmp := func() { maint.ExecContext(context.WithoutCancel(ctx), `DROP DATABASE IF EXISTS `+quoteIdent(tmp)) }
	tmpURL, _ := dbURL(target, tmp)
	if err := run(ctx, "pg_restore", "--exit-on-error", "--no-owner", "--dbname="+tmpURL, backupPath); err != nil {
		dropTmp()
		return fmt.Errorf("%w: restore of %s failed: %v", roads.ErrInvalid, backupPath, err)
	}
	if err := checkRestored(ctx, tmpURL, backupPath); err != nil {
		dropTmp()
		return err
	}
	var exists bool
	if err := maint.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		dropTmp()
		return err
	}
	if exists {
		var conns int
		if err := maint.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = $1`, name).Scan(&conns); err != nil {
			dropTmp()
			return err
		}
		if conns > 0 {
			dropTmp()
			return fmt.Errorf("%w: register %s sedang dibuka (%d koneksi, mis. `ruas serve`); hentikan server dulu, lalu ulangi restore", roads.ErrInUse, name, conns)
		}
		if _, err := maint.ExecContext(ctx, `DROP DATABASE IF EXISTS `+quoteIdent(keep)); err != nil {
			dropTmp()
			return fmt.Errorf("restore: %w", err)
		}
		if _, err := maint.ExecContext(ctx, `ALTER DATABASE `+quoteIdent(name)+` RENAME TO `+quoteIdent(keep)); err != nil {
			dropTmp()
			return fmt.Errorf("restore: keep the old register: %w", err)
		}
	}
	if _, err := maint.ExecContext(ctx, `ALTER DATABASE `+quoteIdent(tmp)+` RENAME TO `+quoteIdent(name)); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// checkRestored checks the content of a restored register.
func checkRestored(ctx context.Context, u, from string) error {
	db, err := sql.Open("pgx", u)
	if err != nil {
		return err
	}
	defer db.Close()
	known, err := migrationFiles()
	if err != nil {
		return err
	}
	names := map[int]string{}
	for _, m := range known {
		names[m.n] = m.name
	}
	if err := sqlstore.CheckMigrations(ctx, db, names, from); err != nil {
		return err
	}
	var guards int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit'::regclass AND tgname IN ('audit_no_update', 'audit_no_delete') AND tgenabled <> 'D'`).Scan(&guards); err != nil {
		return err
	}
	if guards != 2 {
		return fmt.Errorf("%w: %s: the audit trail is no longer append-only (its guard triggers were removed)", roads.ErrInvalid, from)
	}
	for _, table := range []string{"ruas", "survey", "works", "traffic"} {
		var ghosts int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` t JOIN audit a ON a.entity = $1 AND a.entity_id = t.id
			WHERE a.id = (SELECT max(id) FROM audit WHERE entity = $1 AND entity_id = t.id) AND a.action = 'delete'`, table).Scan(&ghosts)
		if err != nil {
			return err
		}
		if ghosts > 0 {
			return fmt.Errorf("%w: %s: %d %s rows exist that the audit trail says were deleted; the backup was changed outside ruas", roads.ErrInvalid, from, ghosts, table)
		}
	}
	return nil
}
