// Command ruas is the road-maintenance asset planning tool: the road
// register, condition surveys, maintenance planning and SIPD exports, as a
// CLI and a browser app. This package only wires flags to the roads,
// planner and web packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// command is one subcommand: its one-line summary and its run function.
// run gets the arguments after the subcommand's name.
type command struct {
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what every subcommand may use: its output streams and the
// process environment (for $RUAS_DB).
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// tty reports whether stderr is a terminal: progress is shown there only then.
	tty bool
}

// commands is the table of subcommands; each file of this package adds its own.
var commands = map[string]command{}

// usageError marks a wrong invocation (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, tty: isTerminal(os.Stderr)}
	os.Exit(exitCode(run(ctx, os.Args[1:], e), e.stderr))
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "ruas:", err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// run dispatches to a subcommand.
func run(ctx context.Context, args []string, e *env) error {
	return dispatch(ctx, e, args, commands, usage,
		"no subcommand given; see the list above", "unknown subcommand %q; run `ruas -h` for the list")
}

// dispatch runs the entry of table named by args[0] with the rest of the
// arguments. With no name, or -h, it prints the list (usage); no name is
// a usage error (missing), an unknown name too (unknown, with %q).
func dispatch(ctx context.Context, e *env, args []string, table map[string]command, usage func(io.Writer), missing, unknown string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return usageError{missing}
		}
		return nil
	}
	c, ok := table[args[0]]
	if !ok {
		return usageError{fmt.Sprintf(unknown, args[0])}
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "ruas — road-maintenance asset planning for Indonesian local governments")
	fmt.Fprintln(w, "\nUsage: ruas SUBCOMMAND [flags]   (ruas SUBCOMMAND -h for its flags)")
	fmt.Fprintln(w, "\nSubcommands:")
	list(w, commands)
}

// list writes a table's names and summaries, sorted by name.
func list(w io.Writer, table map[string]command) {
	var names []string
	for n := range table {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, table[n].summary)
	}
}

// newFlags makes a subcommand's flag set with the common --db flag; the
// returned pointer holds the database path after parsing.
func newFlags(e *env, name, synopsis, help string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := e.getenv("RUAS_DB")
	if def == "" {
		def = "ruas.db"
	}
	db := fs.String("db", def, "register: a SQLite file `PATH`, or a PostgreSQL URL postgres://user@host/database (default ruas.db, or $RUAS_DB)")
	fs.Lookup("db").DefValue = redactDSN(def) // help never shows a password
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: ruas %s\n\n%s\n\nFlags:\n", synopsis, strings.TrimSpace(help))
		fs.PrintDefaults()
	}
	return fs, db
}

// parse parses flags, turning a flag error into a usage error (exit 2).
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
