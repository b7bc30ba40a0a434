//go:build unix

package filelock

import (
	"os"
	"syscall"
)

// Supported reports whether Lock really locks on this platform.
const Supported = true

// Lock takes an exclusive advisory lock on f, failing at once if another
// process holds it. The kernel drops it when the process ends, however it
// ends.
func Lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
