package roads

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the register to path while the store
// stays in use: VACUUM INTO reads one snapshot (WAL readers do not block
// writers), so every write committed before the backup began is in the
// copy and none that began after. The target must not exist.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%w: backup target %s already exists; choose a new file name", ErrConflict, path)
	}
	if _, err := s.rdb.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return CheckIntegrity(ctx, path)
}

// CheckIntegrity opens a database file read-only and runs PRAGMA
// integrity_check on it.
func CheckIntegrity(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotFound, path, err)
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
		return fmt.Errorf("%w: %s fails the integrity check: %s", ErrInvalid, path, res)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migration`).Scan(&n); err != nil {
		return fmt.Errorf("%w: %s is not a ruas register (no schema_migration table)", ErrInvalid, path)
	}
	return nil
}

// Restore replaces the register at dbPath with the backup at backupPath,
// after checking the backup's integrity. Stop the server first: the file
// is replaced underneath any open connection. The old register is kept as
// dbPath + ".before-restore" so that a mistaken restore loses nothing.
func Restore(ctx context.Context, backupPath, dbPath string) error {
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
