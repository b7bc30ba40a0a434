package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aniva-import/importer/results"
	"aniva-import/importer/sandbox"
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
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	fixed := filepath.Join(filepath.Dir(in), "patients-fixed.csv")
	if err := os.WriteFile(fixed, []byte(strings.Replace(string(data), "2999-01-01", "1977-04-03", 1)),
		0o600); err != nil {
		t.Fatal(err)
	}
	dry, err := Run(context.Background(), Config{Input: fixed, DryRun: true,
		Out: filepath.Join(filepath.Dir(in), "dry.csv")})
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for _, r := range readResults(t, dry.Out) {
		if strings.Contains(r["import_hint"], "a real run against its API does not send it again") {
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
