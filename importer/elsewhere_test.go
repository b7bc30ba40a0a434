package importer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aniva-import/importer/internal/filelock"
	"aniva-import/importer/results"
	"aniva-import/importer/sandbox"
	"aniva-import/mapping"
)

// A corrected copy of a list saved under a new name, or a results sheet
// stripped of its status columns, is a new input to the journals: its rows
// that another run already created must not be sent again.
func TestRowsSentByAnotherFileAreNotSentAgain(t *testing.T) {
	in := patientCSV(t, 6, map[int]string{3: "future"})
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	api := client.Endpoint()
	first, err := Run(context.Background(), Config{Input: in, Client: client, API: api})
	if err != nil || first.Counts["created"] != 5 {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}

	// The operator fixes row 3 in a copy named otherwise.
	fixed := copyBeside(t, in, "patients-fixed.csv", func(s string) string {
		return strings.Replace(s, "2999-01-01", "1977-04-03", 1)
	})
	dry, err := Run(context.Background(), Config{Input: fixed, DryRun: true,
		Out: filepath.Join(filepath.Dir(in), "dry.csv")})
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, r := range readResults(t, dry.Out) {
		if strings.Contains(r["import_hint"], "does not send it again; a run against any other API does") {
			marked++
		}
	}
	if marked != 5 {
		t.Errorf("the dry run marks %d rows as sent by another run, want 5", marked)
	}

	second, err := Run(context.Background(), Config{Input: fixed, Client: client, API: api})
	if err != nil || second.Counts["created"] != 6 {
		t.Fatalf("fixed copy: %v, %v", err, second.Counts)
	}
	assertNoDuplicates(t, sb, 6)
	ids := map[string]string{}
	for _, r := range readResults(t, first.Out) {
		ids[r["source_row"]] = r["profile_id"]
	}
	for _, r := range readResults(t, second.Out) {
		if want := ids[r["source_row"]]; want != "" && r["profile_id"] != want {
			t.Errorf("row %s: profile_id %q, want the first run's %q", r["source_row"],
				r["profile_id"], want)
		}
	}

	// A results sheet without its status columns reads as a new list.
	stripped := filepath.Join(filepath.Dir(in), "stripped.csv")
	editCSV(t, first.Out, stripped, func(recs [][]string) {
		for i := range recs {
			recs[i] = recs[i][:len(recs[i])-len(results.Columns())]
		}
	})
	third, err := Run(context.Background(), Config{Input: stripped, Client: client, API: api})
	if err != nil || third.Counts["created"] != 5 || third.Counts["invalid"] != 1 {
		t.Fatalf("stripped sheet: %v, %v", err, third.Counts)
	}
	assertNoDuplicates(t, sb, 6)

	// --restart is the way to send them again knowingly.
	before := sb.Requests()
	again, err := Run(context.Background(), Config{Input: stripped, Client: client, API: api,
		Restart: true, Out: filepath.Join(filepath.Dir(in), "again.csv")})
	if err != nil || sb.Requests()-before != 5 || again.Counts["created"] != 5 {
		t.Fatalf("--restart: %v, %v, %d requests", err, again.Counts, sb.Requests()-before)
	}
}

// Another file's journal that is in use, or damaged, stops the run before
// it sends: its rows could be sent twice. The same server written another
// way is the same API.
func TestOtherJournalsThatCannotBeTrusted(t *testing.T) {
	in, sb, client, first := createdList(t, 3)
	copied := copyBeside(t, in, "copy.csv", resaved)
	other := strings.Replace(client.Endpoint(), "127.0.0.1", "localhost", 1)
	if other == client.Endpoint() {
		t.Fatalf("endpoint %s is not on 127.0.0.1", other)
	}
	sum, err := Run(context.Background(), Config{Input: copied, Client: client, API: other})
	if err != nil || sum.Counts["created"] != 3 {
		t.Fatalf("copy, API spelled otherwise: %v, %v", err, sum.Counts)
	}
	assertNoDuplicates(t, sb, 3)
	os.Remove(sum.Out)
	os.Remove(sum.Journal)

	// In use: a lock on the first run's journal, as a live run holds.
	f, err := os.Open(first.Journal)
	if err != nil {
		t.Fatal(err)
	}
	if err := filelock.Lock(f); err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), Config{Input: copied, Client: client, API: client.Endpoint()})
	var se *SetupError
	if filelock.Supported && (!errors.As(err, &se) || !strings.Contains(err.Error(), "in use")) {
		t.Errorf("beside a journal in use: %v, want a setup error", err)
	}
	f.Close()

	// Damaged: a line cut open in the middle of the journal.
	j, err := os.ReadFile(first.Journal)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(j), "\n")
	lines[2] = strings.Replace(lines[2], `"ev":"`, `"ev":`, 1)
	if err := os.WriteFile(first.Journal, []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(filepath.Dir(in), "copy.results.csv.journal"))
	_, err = Run(context.Background(), Config{Input: copied, Client: client, API: client.Endpoint()})
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("beside a damaged journal: %v, want a setup error", err)
	}
	if dry, err := Run(context.Background(), Config{Input: copied, DryRun: true,
		Out: filepath.Join(filepath.Dir(in), "dry.csv")}); err != nil || dry.Counts["valid"] != 3 {
		t.Errorf("a dry run beside it: %v, %v", err, dry.Counts)
	}
	assertNoDuplicates(t, sb, 3)
}

// A run whose results went to another folder names its journal beside its
// input: a later run of the input without that --out, or of a copy beside
// it, finds it.
func TestJournalsInAnotherFolderAreFound(t *testing.T) {
	in := patientCSV(t, 3, nil)
	sb, client := startSandbox(t, sandbox.DefaultOptions())
	away := filepath.Join(t.TempDir(), "out", "patients.results.csv")
	if err := os.MkdirAll(filepath.Dir(away), 0o700); err != nil {
		t.Fatal(err)
	}
	first, err := Run(context.Background(), Config{Input: in, Out: away, Client: client,
		API: client.Endpoint()})
	if err != nil || first.Counts["created"] != 3 {
		t.Fatalf("first run: %v, %v", err, first.Counts)
	}
	_, err = Run(context.Background(), Config{Input: in, Client: client, API: client.Endpoint()})
	var se *SetupError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "already sent") {
		t.Errorf("the same list without its --out: %v, want a setup error", err)
	}
	copied := copyBeside(t, in, "copy.csv", resaved)
	sum, err := Run(context.Background(), Config{Input: copied, Client: client, API: client.Endpoint()})
	if err != nil || sum.Counts["created"] != 3 {
		t.Fatalf("a copy beside the list: %v, %v", err, sum.Counts)
	}
	assertNoDuplicates(t, sb, 3)
}

// copyBeside writes in's text, changed by edit, to a file named name beside
// it, as an operator saving a list again would.
func copyBeside(t *testing.T, in, name string, edit func(string) string) string {
	t.Helper()
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(in), name)
	if err := os.WriteFile(out, []byte(edit(string(data))), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// resaved is a list saved again with a blank line at its end: the same rows,
// another file.
func resaved(s string) string { return s + "\n" }

// A journal written under earlier cleaning rules is named before a copy of
// its list is sent: its rows may be written differently now, and go
// unrecognised.
func TestJournalOfEarlierRulesIsNamed(t *testing.T) {
	in := patientCSV(t, 2, nil)
	_, client := startSandbox(t, sandbox.DefaultOptions())
	first, err := Run(context.Background(), Config{Input: in, Client: client})
	if err != nil {
		t.Fatal(err)
	}
	copied := copyBeside(t, in, "patients-copy.csv", func(s string) string { return s })
	earlier := func(c Config) []string {
		var warned []string
		c.Observer.Warn = func(msg string) { warned = append(warned, msg) }
		if _, err := Run(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		return warned
	}
	dry := Config{Input: copied, DryRun: true, Out: filepath.Join(filepath.Dir(in), "dry.csv")}
	if w := earlier(dry); len(w) != 0 {
		t.Errorf("a journal of these rules: warned %q", w)
	}
	// The same journal as a version before Rules was recorded wrote it.
	j := first.Out + ".journal"
	b, err := os.ReadFile(j)
	if err != nil {
		t.Fatal(err)
	}
	old := strings.Replace(string(b), fmt.Sprintf(`"rules":%d,`, mapping.Rules), "", 1)
	if old == string(b) {
		t.Fatal("the journal's header records no rules")
	}
	if err := os.WriteFile(j, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	w := earlier(dry)
	if len(w) != 1 || !strings.Contains(w[0], j) || !strings.Contains(w[0], "earlier version") {
		t.Errorf("a journal of earlier rules: warned %q", w)
	}
	// Its results sheet, the way on that the warning advises, is not warned.
	if w := earlier(Config{Input: first.Out, DryRun: true,
		Out: filepath.Join(filepath.Dir(in), "dry2.csv")}); len(w) != 0 {
		t.Errorf("the results sheet of that journal: warned %q", w)
	}
}
