package importer

import (
	"context"
	"errors"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"aniva-import/importer/api"
	"aniva-import/importer/results"
	"aniva-import/importer/sandbox"
	"aniva-import/importer/testgen"
)

// The benchmarks run only with -bench; the sizes are flags, so that the
// figures of BENCHMARKS.md can be had from here too, e.g.:
//
//	go test ./importer -run '^$' -bench DryRunCSV -benchtime 1x -importer.csvrows 1000000
var (
	benchCSVRows    = flag.Int("importer.csvrows", 200_000, "rows of the CSV benchmarks")
	benchXLSXRows   = flag.Int("importer.xlsxrows", 50_000, "rows of the XLSX benchmarks")
	benchUploadRows = flag.Int("importer.uploadrows", 1000, "rows of the upload benchmarks")
)

// benchFile writes an invented patient list of n rows (mixed dialect, 2%
// wrong on purpose) into a temporary directory and returns its path.
func benchFile(b *testing.B, ext string, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "patients."+ext)
	opts := testgen.Options{Rows: n, Dialect: testgen.Mixed, Seed: 1,
		InvalidShare: testgen.DefaultInvalidShare}
	if err := testgen.WriteFile(path, opts); err != nil {
		b.Fatal(err)
	}
	return path
}

func BenchmarkFloorCSV(b *testing.B) {
	path := benchFile(b, "csv", *benchCSVRows)
	for b.Loop() {
		if got := floorCSVRows(b, path); got != *benchCSVRows {
			b.Fatalf("floor read %d rows, want %d", got, *benchCSVRows)
		}
	}
	b.ReportMetric(float64(*benchCSVRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkFloorXLSX(b *testing.B) {
	path := benchFile(b, "xlsx", *benchXLSXRows)
	for b.Loop() {
		if got := floorXLSXRows(b, path); got != *benchXLSXRows {
			b.Fatalf("floor read %d rows, want %d", got, *benchXLSXRows)
		}
	}
	b.ReportMetric(float64(*benchXLSXRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// benchDryRun times the floor and a full dry run of the same file in turn,
// in every iteration, so that both meet the same load on a shared machine,
// and reports rows per second of each, by wall time, and their ratio.
func benchDryRun(b *testing.B, ext string, n int, floor func(*testing.B, string) int) {
	path := benchFile(b, ext, n)
	out := filepath.Join(b.TempDir(), "patients.results."+ext)
	var floorWall, runWall time.Duration
	for b.Loop() {
		t0 := time.Now()
		if got := floor(b, path); got != n {
			b.Fatalf("floor read %d rows, want %d", got, n)
		}
		t1 := time.Now()
		sum, err := Run(context.Background(), Config{Input: path, Out: out, DryRun: true})
		runWall += time.Since(t1)
		floorWall += t1.Sub(t0)
		if err != nil {
			b.Fatal(err)
		}
		if sum.Rows != n {
			b.Fatalf("run saw %d rows, want %d", sum.Rows, n)
		}
		if got := sum.Counts[results.StatusValid] + sum.Counts[results.StatusInvalid]; got != n {
			b.Fatalf("valid and invalid rows add up to %d, want %d (%v)", got, n, sum.Counts)
		}
	}
	rows := float64(n * b.N)
	b.ReportMetric(rows/runWall.Seconds(), "rows/s")
	b.ReportMetric(rows/floorWall.Seconds(), "floor-rows/s")
	b.ReportMetric(floorWall.Seconds()/runWall.Seconds(), "ratio-to-floor")
	if mb, ok := peakRSSMB(); ok {
		b.ReportMetric(mb, "peak-rss-MB")
	}
}

func BenchmarkDryRunCSV(b *testing.B) {
	benchDryRun(b, "csv", *benchCSVRows, floorCSVRows)
}

func BenchmarkDryRunXLSX(b *testing.B) {
	benchDryRun(b, "xlsx", *benchXLSXRows, floorXLSXRows)
}

// BenchmarkUpload creates every valid row of a CSV list in the sandbox,
// which answers after 20 ms, with 16 requests in flight: once at 200
// requests a second, once with no rate limit, where concurrency ÷ latency
// (800 a second) is the bound. It reports requests a second and their
// share of the bound.
func BenchmarkUpload(b *testing.B) {
	const latency, conc = 20 * time.Millisecond, 16
	cases := []struct {
		name  string
		rate  float64
		bound float64
	}{
		{"rate200", 200, 200},
		{"unlimited", 0, conc / latency.Seconds()},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			benchUpload(b, latency, conc, c.rate, c.bound)
		})
	}
}

func benchUpload(b *testing.B, latency time.Duration, conc int, rate, bound float64) {
	n := *benchUploadRows
	path := benchFile(b, "csv", n)
	var sent int
	var wall time.Duration
	for b.Loop() {
		client, stop := benchSandbox(b, latency)
		out := filepath.Join(b.TempDir(), "patients.results.csv")
		t0 := time.Now()
		sum, err := Run(context.Background(), Config{Input: path, Out: out, Client: client,
			Rate: rate, Concurrency: conc})
		wall += time.Since(t0)
		stop()
		if err != nil {
			b.Fatal(err)
		}
		// The next loop must send again, not find these rows sent.
		os.Remove(out + ".journal")
		// A few planted defects only the API can see are rejected: they
		// took a request all the same.
		answered := sum.Counts[results.StatusCreated] + sum.Counts[results.StatusRejected]
		if answered+sum.Counts[results.StatusInvalid] != n {
			b.Fatalf("counts %v, want %d rows created, rejected or invalid", sum.Counts, n)
		}
		sent += answered
	}
	perSec := float64(sent) / wall.Seconds()
	b.ReportMetric(perSec, "req/s")
	b.ReportMetric(perSec/bound, "share-of-bound")
}

// benchSandbox starts a sandbox whose every answer takes latency, and
// returns a client for it and the function that stops it.
func benchSandbox(b *testing.B, latency time.Duration) (*api.Client, func()) {
	sb := sandbox.New(sandbox.Options{Faults: sandbox.Faults{Latency: latency}})
	base, shutdown, err := sb.Start("")
	if err != nil {
		b.Fatal(err)
	}
	client, err := api.New(base, sandbox.DefaultKey, api.Options{Timeout: 10 * time.Second})
	if err != nil {
		b.Fatal(err)
	}
	return client, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			b.Error(err)
		}
	}
}

// peakRSSMB is the most memory this process has held resident (VmHWM),
// in megabytes; it includes generating the input file.
func peakRSSMB() (float64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024, err == nil
		}
	}
	return 0, false
}

// floorCSVRows and floorXLSXRows are the floors, failing the benchmark on
// an error.
func floorCSVRows(b *testing.B, path string) int { return floor(b, testgen.FloorCSV, path) }

func floorXLSXRows(b *testing.B, path string) int { return floor(b, testgen.FloorXLSX, path) }

func floor(b *testing.B, read func(string) (int, error), path string) int {
	n, err := read(path)
	if err != nil {
		b.Fatal(err)
	}
	return n
}
