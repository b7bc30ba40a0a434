package main

import (
	"errors"
	"strings"
	"testing"

	"aniva-import/importer"
	"aniva-import/importer/results"
)

// The commands a run suggests keep the flags that decide how rows are read,
// mapped and sent, and never turn a dry run into a real one by accident.
func TestNextStepsCarryTheFlags(t *testing.T) {
	o := importOptions{file: "people.csv", dryRun: true, phoneRegion: "DE", rate: 2,
		concurrency: defaultConcurrency, timeout: defaultTimeout, encoding: "windows-1252",
		skipDuplicates: true}
	clean := importer.Summary{Out: "people.results.csv",
		Counts: map[string]int{results.StatusValid: 3}}
	steps := nextSteps(o, clean)
	if len(steps) != 1 {
		t.Fatalf("clean dry run: %d steps, want 1: %+v", len(steps), steps)
	}
	want := "aniva-import import people.csv --encoding windows-1252 --phone-region DE " +
		"--skip-duplicates --rate 2"
	if steps[0].command != want {
		t.Errorf("after a clean dry run:\n got %s\nwant %s", steps[0].command, want)
	}

	mixed := clean
	mixed.Counts = map[string]int{results.StatusValid: 3, results.StatusInvalid: 1}
	steps = nextSteps(o, mixed)
	if len(steps) != 2 || !strings.Contains(steps[0].command, "people.results.csv") ||
		!strings.HasSuffix(steps[0].command, "--dry-run") || steps[1].command != want {
		t.Errorf("dry run with an invalid row: %+v", steps)
	}

	stopped := clean
	stopped.Stopped = errors.New("interrupted")
	steps = nextSteps(o, stopped)
	if len(steps) != 1 || !strings.Contains(steps[0].command, " --dry-run") {
		t.Errorf("a stopped dry run must be resumed as a dry run: %+v", steps)
	}

	o.dryRun, o.rate = false, defaultRate
	stopped.Counts = map[string]int{results.StatusCreated: 2, results.StatusPending: 1}
	steps = nextSteps(o, stopped)
	if len(steps) != 1 || strings.Contains(steps[0].command, "--rate") ||
		strings.Contains(steps[0].command, "--dry-run") {
		t.Errorf("a stopped run at the default rate: %+v", steps)
	}
}
