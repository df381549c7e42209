package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kotablitar/ruas/data"
	"github.com/kotablitar/ruas/roads"
	"github.com/kotablitar/ruas/roads/sqlstore"
)

// Backup writes a consistent copy of the register to path while the store
// stays in use: VACUUM INTO reads one snapshot (WAL readers do not block
// writers), so every write committed before the backup began is in the
// copy and none that began after. The target must not exist.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%w: backup target %s already exists; choose a new file name", roads.ErrConflict, path)
	}
	if _, err := s.rdb.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return CheckIntegrity(ctx, path)
}

// CheckIntegrity opens a database file read-only and checks that it is a
// whole ruas register, in structure and in content: PRAGMA integrity_check
// and foreign_key_check pass; its migrations are ones this program knows,
// under their names; the audit trail is still append-only (its guard
// triggers are there) and consistent with the rows (no live row whose
// last audit entry is its deletion).
func CheckIntegrity(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%w: %s: %v", roads.ErrNotFound, path, err)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("%s is not a readable SQLite database: %w", path, err)
	}
	if res != "ok" {
		return fmt.Errorf("%w: %s fails the integrity check: %s", roads.ErrInvalid, path, res)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&n); err != nil {
		return fmt.Errorf("%w: %s is not a ruas register (no schema_migration table)", roads.ErrInvalid, path)
	}
	return checkContent(ctx, db, path)
}

// checkContent is CheckIntegrity's check of what the file holds.
func checkContent(ctx context.Context, db *sql.DB, path string) error {
	known, err := migrationNames()
	if err != nil {
		return err
	}
	if err := sqlstore.CheckMigrations(ctx, db, known, path); err != nil {
		return err
	}
	var fk int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil {
		return err
	}
	if fk > 0 {
		return fmt.Errorf("%w: %s has %d rows pointing at missing rows (foreign_key_check)", roads.ErrInvalid, path, fk)
	}
	var audited bool
	if err := db.QueryRowContext(ctx, `SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'audit'`).Scan(&audited); err != nil || !audited {
		return err // a register from before the audit (migration 002) has none to check
	}
	var guards int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_no_update', 'audit_no_delete')`).Scan(&guards); err != nil {
		return err
	}
	if guards != 2 {
		return fmt.Errorf("%w: %s: the audit trail is no longer append-only (its guard triggers were removed)", roads.ErrInvalid, path)
	}
	for _, table := range []string{"ruas", "survey", "works", "traffic"} {
		var ghosts int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` t JOIN audit a ON a.entity = ? AND a.entity_id = t.id
			WHERE a.id = (SELECT max(id) FROM audit WHERE entity = ? AND entity_id = t.id) AND a.action = 'delete'`, table, table).Scan(&ghosts)
		if err != nil {
			return err
		}
		if ghosts > 0 {
			return fmt.Errorf("%w: %s: %d %s rows exist that the audit trail says were deleted; the file was changed outside ruas", roads.ErrInvalid, path, ghosts, table)
		}
	}
	return nil
}

// migrationNames are the migrations this program carries, by number.
func migrationNames() (map[int]string, error) {
	names, err := fs.Glob(data.FS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	out := map[int]string{}
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		n, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", name)
		}
		out[n] = base
	}
	return out, nil
}

// Restore replaces the register at dbPath with the backup at backupPath,
// after checking the backup (CheckIntegrity). It refuses, with ErrInUse,
// while any Store has the register open — a running server's writes would
// go to the replaced file and be lost — and holds the register's lock
// exclusively while it works, so no process opens it half-restored. The
// old register is kept as dbPath + ".before-restore" so that a mistaken
// restore loses nothing.
func Restore(ctx context.Context, backupPath, dbPath string) error {
	lock, err := lockExclusive(dbPath)
	if errors.Is(err, errLocked) {
		return fmt.Errorf("%w: register %s sedang dibuka oleh proses lain (mis. `ruas serve`); hentikan server dulu, lalu ulangi restore", roads.ErrInUse, dbPath)
	}
	if err != nil {
		return err
	}
	defer lock.release()
	if err := CheckIntegrity(ctx, backupPath); err != nil {
		return err
	}
	tmp := dbPath + ".restoring"
	if err := copyFile(backupPath, tmp); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		keep := dbPath + ".before-restore"
		os.Remove(keep)
		// Fold any WAL content into the old file before keeping it.
		if old, err := sql.Open("sqlite3", "file:"+dbPath); err == nil {
			old.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
			old.Close()
		}
		if err := os.Rename(dbPath, keep); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("restore: keep the old register: %w", err)
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
