// Package heap sets the garbage collector's policy of the commands.
package heap

import (
	"os"
	"runtime/debug"
)

// Limit is the heap the commands let the collector aim at before it works
// harder: enough for the duplicate keys of a few million rows, and well
// under the 150 MB a run may take on a small machine.
const Limit = 96 << 20

// Budget lets the heap grow to five times what is live between collections
// instead of twice, but not past Limit. A run keeps little alive (a window
// of rows, duplicate keys) and allocates a lot in short-lived strings, many
// of them inside libphonenumber; with the default the collector took a third
// of a dry run's CPU. GOGC and GOMEMLIMIT, when set, win.
func Budget() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(Limit)
	}
}
