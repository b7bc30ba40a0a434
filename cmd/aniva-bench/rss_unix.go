//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSSMB is the peak resident memory of a child that has ended, in
// megabytes (2^20 bytes), from its rusage; 0 when unknown.
func maxRSSMB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	kb := float64(ru.Maxrss) // kilobytes, but bytes on macOS
	if runtime.GOOS == "darwin" {
		kb /= 1024
	}
	return kb / 1024
}
