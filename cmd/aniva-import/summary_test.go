package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
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

	// A dry run given --sandbox: its own check needs no API, the real run does.
	trial := o
	trial.sandbox = true
	steps = nextSteps(trial, mixed)
	if len(steps) != 2 || strings.Contains(steps[0].command, "--sandbox") ||
		!strings.Contains(steps[1].command, "--sandbox") {
		t.Errorf("dry run given --sandbox: %+v", steps)
	}

	// A dry run of a sandbox trial's sheet: the real run takes its own sheet,
	// which keeps the trial's ids marked; the trial's is refused.
	trialSheet := importer.Summary{Out: "people.results-2.csv", InSandbox: 2,
		Counts: map[string]int{results.StatusCreated: 2}}
	steps = nextSteps(o, trialSheet)
	if len(steps) != 1 || !strings.HasPrefix(steps[0].command, "aniva-import import people.results-2.csv") ||
		strings.Contains(steps[0].command, "--dry-run") {
		t.Errorf("dry run of a trial's sheet: %+v", steps)
	}
	// Going on in the sandbox, the trial's own sheet is the one to import.
	steps = nextSteps(trial, trialSheet)
	if len(steps) != 0 {
		t.Errorf("dry run of a trial's sheet, given --sandbox: %+v", steps)
	}

	// Rows --only left out are pending: the way on sends them.
	only := o
	only.dryRun, only.only = false, []string{"unknown"}
	left := importer.Summary{Out: "people.results-2.csv", LeftOut: 1,
		Counts: map[string]int{results.StatusPending: 1, results.StatusCreated: 2}}
	steps = nextSteps(only, left)
	if len(steps) != 1 || !strings.Contains(steps[0].advice, "left out by --only") ||
		strings.Contains(steps[0].command, "--only") {
		t.Errorf("rows left out by --only: %+v", steps)
	}

	// Unknown rows seen by a dry run: a real command on the sheet it read,
	// with the API's flags, and no "every row is valid".
	seen := o
	seen.file, seen.baseURL = "people.results.csv", "https://api.example"
	unknown := importer.Summary{Out: "people.results-2.csv",
		Counts: map[string]int{results.StatusUnknown: 1, results.StatusValid: 2}}
	steps = nextSteps(seen, unknown)
	if len(steps) != 2 || !strings.HasPrefix(steps[0].command, "aniva-import import people.results.csv") ||
		!strings.Contains(steps[0].command, "--base-url https://api.example") ||
		strings.Contains(steps[0].command, "--dry-run") || strings.Contains(steps[1].advice, "every row") {
		t.Errorf("dry run with unknown rows: %+v", steps)
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

// A dry run of a results sheet whose failed row was fixed passes: its
// created rows are as good as valid ones.
func TestDryRunOfAFixedSheetPasses(t *testing.T) {
	in := filepath.Join(t.TempDir(), "list.csv")
	os.WriteFile(in, []byte("First name,Last name,Sex,Date of birth,Clinic\n"+
		"Anna,Beispiel,f,1980-01-02,acme-clinic-berlin\n"+
		"Berta,Beispiel,f,1981-13-02,acme-clinic-berlin\n"), 0o600)
	if code, _, stderr := command(t, nil, "import", in, "--sandbox", "-q"); code != exitPartial {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	sheet := filepath.Join(filepath.Dir(in), "list.results.csv")
	b, err := os.ReadFile(sheet)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(sheet, bytes.Replace(b, []byte("1981-13-02"), []byte("1981-12-02"), 1), 0o600)
	code, _, stderr := command(t, nil, "import", sheet, "--dry-run", "--out",
		filepath.Join(filepath.Dir(in), "check.csv"))
	if code != exitOK || !strings.Contains(stderr, "created    1 (by earlier runs; 1 only in the sandbox") ||
		!strings.Contains(stderr, "valid      1") {
		t.Errorf("dry run of the fixed sheet: exit %d\n%s", code, stderr)
	}
}
