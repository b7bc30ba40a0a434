package importer

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"aniva-import/importer/sandbox"
	"aniva-import/mapping"
)

// TestEveryFaultAtOnce is the promise of the tool: with every fault the
// sandbox can make, each valid row is created exactly once or marked
// unknown, no profile is created twice, and no row is missing.
func TestEveryFaultAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("2,000 rows over HTTP")
	}
	const n = 2000
	in := patientCSV(t, n, nil)
	opts := sandbox.DefaultOptions()
	opts.Seed = 7
	opts.Faults = sandbox.Faults{
		Latency: time.Millisecond, LatencyJitter: time.Millisecond,
		RateLimit: 800, RateBurst: 50,
		UnavailableRate: 0.02,
		ErrorRate:       0.03, ErrorAfterCreate: 0.5,
		DropRate: 0.02, DropAfterCreate: 0.5,
	}
	sb, client := startSandbox(t, opts)
	sum, err := Run(context.Background(), Config{Input: in, Client: client, Concurrency: 16,
		Backoff: 5 * time.Millisecond, MaxAttempts: 20, ServerErrorPause: 1000,
		ServerErrorStop: 100000})
	if err != nil {
		t.Fatal(err)
	}
	rows := readResults(t, sum.Out)
	if len(rows) != n {
		t.Fatalf("results have %d rows, want %d", len(rows), n)
	}
	inLedger := map[string]int{}    // email → profiles created
	ledgerID := map[string]string{} // id → email
	for _, e := range sb.Ledger() {
		var p mapping.Profile
		json.Unmarshal(e.Body, &p)
		inLedger[p.Email]++
		ledgerID[e.ID] = p.Email
	}
	unknown := 0
	for _, r := range rows {
		email := r["Email"]
		switch r["import_status"] {
		case "created":
			if inLedger[email] != 1 || ledgerID[r["profile_id"]] != email {
				t.Errorf("row %s created, but the ledger holds it %d times (id %s)",
					r["source_row"], inLedger[email], r["profile_id"])
			}
		case "unknown":
			unknown++
			if inLedger[email] > 1 {
				t.Errorf("row %s unknown and created %d times", r["source_row"], inLedger[email])
			}
		default:
			t.Errorf("row %s: status %s (%s)", r["source_row"], r["import_status"], r["import_error"])
		}
	}
	for email, k := range inLedger {
		if k > 1 {
			t.Errorf("%s created %d times", email, k)
		}
	}
	if unknown == 0 || sum.Counts["created"] < n*9/10 {
		t.Errorf("counts %v: the faults did not bite, or too few rows were created", sum.Counts)
	}
	t.Logf("counts %v, requests %d", sum.Counts, sb.Requests())
}

// TestPoolSettlesUnderTheServersLimit: a server that answers 429 past 40
// requests a second slows the whole pool, and no row fails for it.
func TestPoolSettlesUnderTheServersLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("takes several seconds of real time")
	}
	const limit = 40
	in := patientCSV(t, 320, nil)
	opts := sandbox.DefaultOptions()
	opts.Faults = sandbox.Faults{RateLimit: limit, RateBurst: 5}
	sb, client := startSandbox(t, opts)
	sum, err := Run(context.Background(), Config{Input: in, Client: client, Concurrency: 8,
		MaxAttempts: 30})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Counts["created"] != 320 {
		t.Fatalf("counts %v, want all 320 created", sum.Counts)
	}
	led := sb.Ledger()
	half := led[len(led)/2:]
	took := half[len(half)-1].Time.Sub(half[0].Time).Seconds()
	got := float64(len(half)-1) / took
	st := sb.Stats()
	t.Logf("second half: %.1f creates/s against a limit of %d; 429s: %d", got, limit, st.ByStatus[429])
	if got > limit*1.1 {
		t.Errorf("achieved %.1f/s, over the server's limit of %d", got, limit)
	}
	if got < limit*0.5 {
		t.Errorf("achieved %.1f/s, far under the server's limit of %d", got, limit)
	}
}
