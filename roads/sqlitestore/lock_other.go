//go:build !unix

package sqlitestore

import "os"

// flock is a no-op where flock(2) does not exist: there, stop the server
// before a restore (the restore cannot tell).
func flock(f *os.File, exclusive bool) error { return nil }
