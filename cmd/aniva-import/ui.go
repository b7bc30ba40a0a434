package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"aniva-import/importer"
)

// ui is everything the import command tells the operator, on stderr:
// progress, warnings and the summary. Logs carry row numbers and rules,
// never patient values.
type ui struct {
	io    streams
	log   *slog.Logger
	json  bool
	quiet bool

	mu      sync.Mutex
	bar     *progressbar.ProgressBar
	total   int
	done    int
	counts  map[string]int
	lastOut time.Time
	every   time.Duration
}

func newUI(io streams, format string, verbose, quiet bool) (*ui, error) {
	level := slog.LevelInfo
	if verbose {
		level = slog.LevelDebug
	}
	opts := &slog.HandlerOptions{Level: level}
	u := &ui{io: io, quiet: quiet, counts: map[string]int{}, every: 5 * time.Second}
	switch format {
	case "text":
		u.log = slog.New(slog.NewTextHandler(io.err, opts))
	case "json":
		u.log = slog.New(slog.NewJSONHandler(io.err, opts))
		u.json = true
	default:
		return nil, fmt.Errorf("--log-format: %q is not text or json", format)
	}
	return u, nil
}

// terminal reports whether w is a terminal, where a progress bar belongs.
func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (u *ui) observer() importer.Observer {
	return importer.Observer{
		Planned: u.planned,
		Done:    u.rowDone,
		Retry: func(row, attempt int, wait time.Duration, cause string) {
			u.log.Debug("retry", "row", row, "attempt", attempt, "wait", wait.Round(time.Millisecond),
				"cause", cause)
		},
		Warn: u.warn,
	}
}

func (u *ui) planned(rows int) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.total = rows
	u.lastOut = time.Now()
	if u.quiet || u.json || !terminal(u.io.err) {
		return
	}
	// Built by hand: the library's defaults write to stdout, or print a
	// stray newline straight to os.Stderr.
	u.bar = progressbar.NewOptions(rows,
		progressbar.OptionSetWriter(u.io.err),
		progressbar.OptionSetDescription("rows"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("rows"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(u.io.err) }),
	)
}

func (u *ui) rowDone(status string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.done++
	u.counts[status]++
	if u.bar != nil {
		u.bar.Add(1)
		return
	}
	if u.quiet || time.Since(u.lastOut) < u.every {
		return
	}
	u.lastOut = time.Now()
	if u.json {
		u.log.Info("progress", "done", u.done, "rows", u.total)
		return
	}
	fmt.Fprintf(u.io.err, "aniva-import: %d of %d rows done\n", u.done, u.total)
}

// finish ends the progress bar before the summary is printed.
func (u *ui) finish() {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.bar != nil {
		u.bar.Finish()
		u.bar = nil
	}
}

func (u *ui) info(msg string) {
	if u.json {
		u.log.Info(msg)
		return
	}
	if !u.quiet {
		fmt.Fprintln(u.io.err, "aniva-import: "+msg)
	}
}

func (u *ui) warn(msg string) {
	if u.json {
		u.log.Warn(msg)
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.bar != nil {
		u.bar.Clear()
	}
	fmt.Fprintln(u.io.err, "aniva-import: warning: "+msg)
}

func (u *ui) fail(err error) {
	if u.json {
		u.log.Error("run failed", "error", err.Error())
		return
	}
	fmt.Fprintln(u.io.err, "aniva-import: "+err.Error())
}

// report prints the run's summary and returns the exit code.
func (u *ui) report(o importOptions, sum importer.Summary, err error) int {
	var setup *importer.SetupError
	switch {
	case errors.As(err, &setup):
		u.fail(err)
		return exitUsage
	case err != nil && !errors.Is(err, importer.ErrFatal):
		u.fail(err)
		return exitFailed
	}
	u.summary(o, sum)
	switch {
	case err != nil:
		u.fail(err)
		return exitFailed
	case sum.Interrupted:
		return exitInterrupted
	}
	good := sum.Counts["created"]
	if o.dryRun {
		good += sum.Counts["valid"] // a sheet fed back keeps its created rows
	}
	if good == sum.Rows {
		return exitOK
	}
	return exitPartial
}
