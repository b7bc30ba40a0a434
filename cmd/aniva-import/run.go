package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/pflag"
)

// Exit codes, as the README lists them.
const (
	exitOK          = 0
	exitFailed      = 1 // the run could not complete
	exitUsage       = 2 // usage or configuration error; nothing was sent
	exitPartial     = 3 // finished, but some rows were not created (or are invalid)
	exitInterrupted = 130
)

const usage = `aniva-import turns a clinic's patient list (CSV or XLSX) into Aniva profiles.

Usage:
  aniva-import import FILE [flags]     validate, create profiles, write the results sheet
  aniva-import mapping FILE [flags]    print the automatic mapping as an editable mapping file
  aniva-import sandbox [--addr HOST:PORT]   serve the stand-in API for trials

Run "aniva-import help COMMAND" for a command's flags; "aniva-import version" for the version.
`

// streams are the command's standard streams.
type streams struct {
	in       io.Reader
	out, err io.Writer
}

// run is the whole program but for signals and the process exit, so that
// tests reach all of it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	io := streams{in: stdin, out: stdout, err: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "import":
		return runImport(ctx, args[1:], io)
	case "mapping":
		return runMapping(args[1:], io)
	case "sandbox":
		return runSandbox(ctx, args[1:], io)
	case "help", "-h", "--help":
		if len(args) > 1 && args[1] != "help" {
			return run(ctx, []string{args[1], "--help"}, stdin, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "aniva-import", version())
		return exitOK
	}
	fmt.Fprintf(stderr, "aniva-import: unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}

// version is the module version the binary was built from, or its VCS
// revision for a build from a checkout.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// parseFlags parses args with fs and reports the exit code to return when
// the command should not go on (help asked for, or a usage error).
func parseFlags(fs *pflag.FlagSet, args []string, io streams, synopsis string) (int, bool) {
	fs.SetOutput(io.err)
	// pflag calls Usage only when help is asked for: an answer, not an
	// error, so it goes to stdout like the top-level usage.
	fs.Usage = func() {
		fmt.Fprintf(io.out, "Usage: %s\n\nFlags:\n%s", synopsis, fs.FlagUsagesWrapped(100))
	}
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		return exitOK, false
	}
	if err != nil {
		fmt.Fprintf(io.err, "aniva-import: %v\n", err)
		return exitUsage, false
	}
	return 0, true
}

// usageErr prints a usage error and returns its exit code.
func usageErr(io streams, format string, args ...any) int {
	fmt.Fprintf(io.err, "aniva-import: "+format+"\n", args...)
	return exitUsage
}
