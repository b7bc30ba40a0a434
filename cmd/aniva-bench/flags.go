package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// The groups of figures, for -cases.
const (
	caseCSV    = "csv"    // 1M-row CSV dry run against encoding/csv
	caseXLSX   = "xlsx"   // 200k-row XLSX dry run against excelize
	caseMemory = "memory" // peak memory of a short and a long file
	caseUpload = "upload" // uploads against the sandbox
)

var allCases = []string{caseCSV, caseXLSX, caseMemory, caseUpload}

var errHelp = errors.New("help")

// config is what the flags ask for.
type config struct {
	cases      []string
	csvRows    int
	xlsxRows   int
	memRows    [2]int // CSV rows of the short and the long memory run
	uploadRows int
	repeat     int
	latency    time.Duration
	conc       int
	rate       float64
	dir        string // where the files go; "" is a new temporary directory
	keep       bool   // leave the files and profiles behind
	self       string // the executable to run children with; "" is this one
	childEnv   []string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("aniva-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cases := fs.String("cases", strings.Join(allCases, ","),
		"figures to measure, any of "+strings.Join(allCases, ","))
	fs.IntVar(&cfg.csvRows, "csv-rows", 1_000_000, "rows of the CSV dry run")
	fs.IntVar(&cfg.xlsxRows, "xlsx-rows", 200_000, "rows of the XLSX dry run")
	short := fs.Int("mem-short", 100_000, "CSV rows of the short memory run "+
		"(the long one is -csv-rows)")
	fs.IntVar(&cfg.uploadRows, "upload-rows", 4000, "rows of each upload")
	fs.IntVar(&cfg.repeat, "repeat", 1, "measure each floor and run pair this many times")
	fs.DurationVar(&cfg.latency, "latency", 20*time.Millisecond, "the sandbox's answer latency")
	fs.IntVar(&cfg.conc, "concurrency", 16, "requests in flight during uploads")
	fs.Float64Var(&cfg.rate, "rate", 200, "requests per second of the rate-limited upload")
	fs.StringVar(&cfg.dir, "dir", "", "directory for the generated files "+
		"(default: a new temporary directory, removed afterwards)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the generated files and CPU profiles")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, errHelp
		}
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	cfg.memRows = [2]int{*short, cfg.csvRows}
	return cfg, cfg.complete(*cases)
}

// complete checks the values and the cases.
func (cfg *config) complete(cases string) error {
	for _, c := range strings.Split(cases, ",") {
		c = strings.TrimSpace(c)
		if !slices.Contains(allCases, c) {
			return fmt.Errorf("unknown case %q: want some of %s", c, strings.Join(allCases, ","))
		}
		if !slices.Contains(cfg.cases, c) {
			cfg.cases = append(cfg.cases, c)
		}
	}
	switch {
	case cfg.csvRows < 1 || cfg.xlsxRows < 1 || cfg.memRows[0] < 1 || cfg.uploadRows < 1:
		return errors.New("row counts must be at least 1")
	case cfg.repeat < 1:
		return errors.New("-repeat must be at least 1")
	case cfg.conc < 1:
		return errors.New("-concurrency must be at least 1")
	case cfg.latency <= 0:
		return errors.New("-latency must be positive")
	case cfg.rate <= 0:
		return errors.New("-rate must be positive")
	}
	return nil
}

func (cfg *config) wants(c string) bool { return slices.Contains(cfg.cases, c) }
