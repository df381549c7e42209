package main

import (
	"context"
	"fmt"

	"github.com/kotablitar/ruas/roads"
)

func init() {
	commands["backup"] = command{"consistent copy of the register while it is in use", runBackup}
	commands["restore"] = command{"replace the register with a checked backup (stop the server first)", runRestore}
	commands["audit"] = command{"write the audit trail of every change as CSV", runAudit}
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "backup", "backup --out FILE [--db PATH]",
		"Writes a consistent copy of the register to FILE. Safe while `ruas serve` runs:\nevery change committed before the backup began is in the copy.")
	out := fs.String("out", "", "backup `FILE` to write (must not exist)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"backup needs --out FILE"}
	}
	s, err := roads.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup of %s written to %s (integrity check ok)\n", *db, *out)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "restore", "restore --from FILE [--db PATH]",
		"Replaces the register with the backup FILE after checking its integrity.\nStop `ruas serve` first. The replaced register is kept as PATH.before-restore.")
	from := fs.String("from", "", "backup `FILE` to restore")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return usageError{"restore needs --from FILE"}
	}
	if err := roads.Restore(ctx, *from, *db); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s restored from %s; the previous register is kept as %s.before-restore\n", *db, *from, *db)
	return nil
}

func runAudit(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, "audit", "audit [--db PATH]", "Writes the audit trail (every insert, update and delete, with who, when,\nfrom which file or form, and the row before and after) as CSV to stdout.")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := roads.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.WriteAuditCSV(ctx, e.stdout)
}
