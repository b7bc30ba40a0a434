package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"aniva-import/importer/sandbox"
)

// runSandbox serves the stand-in API until ctx ends.
func runSandbox(ctx context.Context, args []string, io streams) int {
	opts := sandbox.DefaultOptions()
	f := &opts.Faults
	fs := pflag.NewFlagSet("sandbox", pflag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback only unless --allow-remote)")
	fs.BoolVar(&opts.AllowRemote, "allow-remote", false, "allow a non-loopback --addr")
	fs.BoolVar(&opts.HonourIdempotency, "idempotency", false,
		"honour Idempotency-Key: a repeated key and body replays the first answer")
	fs.Uint64Var(&opts.Seed, "seed", 1, "seed of every random fault")
	fs.DurationVar(&f.Latency, "latency", 0, "delay every answer by this much")
	fs.DurationVar(&f.LatencyJitter, "latency-jitter", 0, "spread the latency by up to this much")
	fs.Float64Var(&f.RateLimit, "rate-limit", 0, "answer 429 past this many requests a second (0: none)")
	fs.Float64Var(&f.UnavailableRate, "fault-503", 0, "share of requests answered 503 with Retry-After")
	fs.Float64Var(&f.ErrorRate, "fault-500", 0, "share of valid requests answered 500")
	fs.Float64Var(&f.ErrorAfterCreate, "fault-500-after", 0,
		"share of those 500s answered after the profile was created")
	fs.Float64Var(&f.DropRate, "fault-drop", 0, "share of valid requests whose connection is dropped")
	fs.Float64Var(&f.DropAfterCreate, "fault-drop-after", 0, "share of those drops made after creating")
	fs.BoolVar(&f.MissingScope, "fault-no-scope", false, "every key lacks CREATE_USER (403)")
	if code, ok := parseFlags(fs, args, io, "aniva-import sandbox [--addr HOST:PORT] [flags]"); !ok {
		return code
	}
	if fs.NArg() != 0 {
		return usageErr(io, "sandbox takes no arguments, got %q", fs.Args())
	}
	url, shutdown, err := sandbox.New(opts).Start(*addr)
	if err != nil {
		return usageErr(io, "%v", err)
	}
	loopback := "loopback only"
	if opts.AllowRemote {
		loopback = "reachable from other hosts"
	}
	fmt.Fprintf(io.err, "aniva-import sandbox: listening on %s (%s); stop with Ctrl-C\n"+
		"  key with CREATE_USER: %s   key without it: %s\n"+
		"  groups: %s (%s exists but is outside the keys' access)\n"+
		"  try: ANIVA_API_KEY=%s aniva-import import FILE --base-url %s\n",
		url, loopback, sandbox.DefaultKey, sandbox.ReadOnlyKey,
		strings.Join(sandbox.DefaultGroups, ", "), sandbox.OutsideGroup, sandbox.DefaultKey, url)
	<-ctx.Done()
	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := shutdown(stop); err != nil {
		fmt.Fprintf(io.err, "aniva-import sandbox: %v\n", err)
		return exitFailed
	}
	return exitOK
}
