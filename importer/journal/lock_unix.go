//go:build unix

package journal

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on f, failing at once if another
// process holds it. The kernel drops it when the process ends, however it
// ends.
func lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}
