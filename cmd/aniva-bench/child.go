package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sync/atomic"
	"time"

	"aniva-import/cmd/internal/heap"
	"aniva-import/importer"
	"aniva-import/importer/api"
	"aniva-import/importer/results"
	"aniva-import/importer/sandbox"
	"aniva-import/importer/testgen"
)

// childArg, as the first argument, makes the process one measurement.
const childArg = "child"

// The measurements a child makes.
const (
	kindFloorCSV  = "floor-csv"  // read a CSV file with plain encoding/csv
	kindFloorXLSX = "floor-xlsx" // read an XLSX sheet with excelize's row iteration
	kindDryRun    = "dry"        // a full dry run
	kindUpload    = "upload"     // an upload against a sandbox
)

// childResult is what a child reports, as one JSON object on stdout.
type childResult struct {
	Rows    int     `json:"rows"`    // data rows read or run
	Seconds float64 `json:"seconds"` // wall time of the measured work alone
	// Tail is the time from the last row's outcome to the end of the run:
	// what the results writer does after the last row, e.g. an XLSX sheet.
	Tail     float64        `json:"tail"`
	Answered int            `json:"answered"` // requests the API answered (uploads)
	Counts   map[string]int `json:"counts,omitempty"`
}

// childFlags are one measurement's parameters.
type childFlags struct {
	kind, in, out, base, profile string
	rate                         float64
	conc                         int
}

func runChild(ctx context.Context, args []string, stdout io.Writer) error {
	var cf childFlags
	fs := flag.NewFlagSet("aniva-bench child", flag.ContinueOnError)
	fs.StringVar(&cf.kind, "kind", "", "what to measure")
	fs.StringVar(&cf.in, "in", "", "input file")
	fs.StringVar(&cf.out, "out", "", "results sheet")
	fs.StringVar(&cf.base, "base", "", "the sandbox's URL, for an upload")
	fs.StringVar(&cf.profile, "cpuprofile", "", "write a CPU profile of the work here")
	fs.Float64Var(&cf.rate, "rate", 0, "requests per second; 0 is unlimited")
	fs.IntVar(&cf.conc, "concurrency", 16, "requests in flight")
	if err := fs.Parse(args); err != nil {
		return err
	}
	heap.Budget() // as aniva-import runs
	if cf.profile != "" {
		f, err := os.Create(cf.profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	res, err := cf.measure(ctx)
	if cf.profile != "" {
		pprof.StopCPUProfile()
	}
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(res)
}

func (cf childFlags) measure(ctx context.Context) (childResult, error) {
	var res childResult
	var err error
	start := time.Now()
	switch cf.kind {
	case kindFloorCSV:
		res.Rows, err = testgen.FloorCSV(cf.in)
	case kindFloorXLSX:
		res.Rows, err = testgen.FloorXLSX(cf.in)
	case kindDryRun, kindUpload:
		res, err = cf.importRun(ctx)
	default:
		err = fmt.Errorf("unknown kind %q", cf.kind)
	}
	if res.Seconds == 0 {
		res.Seconds = time.Since(start).Seconds()
	}
	return res, err
}

// importRun runs the importer as the command would, and notes when the
// last row's outcome was decided.
func (cf childFlags) importRun(ctx context.Context) (childResult, error) {
	var last atomic.Int64
	cfg := importer.Config{Input: cf.in, Out: cf.out, DryRun: cf.kind == kindDryRun,
		Rate: cf.rate, Concurrency: cf.conc,
		Observer: importer.Observer{Done: func(string) { last.Store(time.Now().UnixNano()) }}}
	if !cfg.DryRun {
		client, err := api.New(cf.base, sandbox.DefaultKey, api.Options{Timeout: 30 * time.Second})
		if err != nil {
			return childResult{}, err
		}
		cfg.Client = client
	}
	start := time.Now()
	sum, err := importer.Run(ctx, cfg)
	end := time.Now()
	if err != nil {
		return childResult{}, err
	}
	res := childResult{Rows: sum.Rows, Seconds: end.Sub(start).Seconds(), Counts: sum.Counts,
		Answered: sum.Counts[results.StatusCreated] + sum.Counts[results.StatusRejected]}
	if t := last.Load(); t != 0 {
		res.Tail = end.Sub(time.Unix(0, t)).Seconds()
	}
	if n := sum.Counts[results.StatusPending] + sum.Counts[results.StatusUnknown] +
		sum.Counts[results.StatusFailed]; n > 0 {
		return res, fmt.Errorf("%d rows were not decided (%v)", n, sum.Counts)
	}
	return res, nil
}
