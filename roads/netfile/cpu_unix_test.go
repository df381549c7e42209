//go:build unix

package netfile

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system, every thread) the process has
// used: benchmarks report it beside the wall time, since the machines
// they run on are shared.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
