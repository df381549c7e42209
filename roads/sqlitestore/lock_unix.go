//go:build unix

package sqlitestore

import (
	"errors"
	"os"
	"syscall"
)

// flock locks f: shared (waiting for an exclusive holder to finish), or
// exclusive without waiting (errLocked when held).
func flock(f *os.File, exclusive bool) error {
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX | syscall.LOCK_NB
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errLocked
		default:
			return err
		}
	}
}
