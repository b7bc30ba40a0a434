// Command aniva-import turns a clinic's patient list, a CSV or XLSX file,
// into patient profiles on the Aniva platform, and writes a results sheet
// with every row's outcome. Run it with no arguments for help.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"aniva-import/cmd/internal/heap"
)

func main() {
	heap.Budget()
	ctx, cancel := context.WithCancel(context.Background())
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		cancel() // each command says what stopping means for it
		<-signals
		// The journal already holds every decided outcome; the next run
		// resumes from it.
		fmt.Fprintln(os.Stderr, "quitting at once; run the same command again to resume")
		os.Exit(exitInterrupted)
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
