// Command aniva-bench prints the performance figures of BENCHMARKS.md: rows
// per second of a full dry run against the floor of merely reading the same
// file, measured in the same run, peak memory, the upload rate against the
// sandbox, and the share of the CPU spent in the results writer and the
// journal.
//
//	go run ./cmd/aniva-bench                      # every figure, about 10 minutes
//	go run ./cmd/aniva-bench -cases upload -repeat 3
//
// It writes invented patient lists into a temporary directory, and runs each
// measurement in a child process of its own, so that each has its own peak
// resident memory (from the kernel's rusage) and CPU profile. A floor and the
// run measured against it follow each other, so both meet the same load.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes, as the other commands use them.
const (
	exitOK    = 0
	exitFatal = 1
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run measures what args ask for and prints the figures on stdout, progress
// on stderr. The hidden first argument "child" runs one measurement.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == childArg {
		if err := runChild(ctx, args[1:], stdout); err != nil {
			fmt.Fprintf(stderr, "aniva-bench child: %v\n", err)
			return exitFatal
		}
		return exitOK
	}
	cfg, err := parseFlags(args, stderr)
	if err == errHelp {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "aniva-bench: %v\n", err)
		return exitUsage
	}
	if cfg.self == "" {
		if cfg.self, err = os.Executable(); err != nil {
			fmt.Fprintf(stderr, "aniva-bench: %v\n", err)
			return exitFatal
		}
	}
	if err := measure(ctx, cfg, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "aniva-bench: %v\n", err)
		return exitFatal
	}
	return exitOK
}
