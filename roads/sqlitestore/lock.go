package sqlitestore

import (
	"errors"
	"fmt"
	"os"
)

// Every Store holds a shared advisory lock on the file PATH.lock beside
// its register for as long as it is open; Restore takes the same lock
// exclusively, so it refuses while any process (a running `ruas serve`, an
// import) has the register open, instead of replacing the file under it
// and losing the writes that follow. The lock is the operating system's
// (flock on Unix), so it holds across processes and is released when a
// process dies.

// errLocked: the lock is held by another holder.
var errLocked = errors.New("register is locked")

// regLock is one held lock on a register's lock file.
type regLock struct{ f *os.File }

// lockPath is the lock file of the register at path.
func lockPath(path string) string { return path + ".lock" }

// lockShared takes a shared lock on path's lock file, waiting while a
// restore holds it exclusively.
func lockShared(path string) (*regLock, error) { return takeLock(path, false) }

// lockExclusive takes the exclusive lock without waiting: errLocked when
// any Store has the register open.
func lockExclusive(path string) (*regLock, error) { return takeLock(path, true) }

func takeLock(path string, exclusive bool) (*regLock, error) {
	f, err := os.OpenFile(lockPath(path), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", lockPath(path), err)
	}
	if err := flock(f, exclusive); err != nil {
		f.Close()
		return nil, err
	}
	return &regLock{f: f}, nil
}

// release drops the lock (closing the file releases it).
func (l *regLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
