// Command aniva-gen writes large invented patient lists for benchmarks and
// trials, and regenerates the bundled samples.
//
//	aniva-gen -rows N -format csv|xlsx -dialect de|fi|en|mixed -seed S -o FILE
//	aniva-gen -samples DIR
//
// The same flags give the same file. About 2% of rows are wrong on purpose
// unless -valid is given (see package aniva-import/importer/testgen).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"aniva-import/importer/testgen"
)

// Exit codes, as aniva-import uses them.
const (
	exitOK    = 0
	exitFatal = 1
	exitUsage = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags ask for.
type config struct {
	opts    testgen.Options
	format  string
	out     string
	samples string
}

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "aniva-gen: %v\n", err)
		return exitUsage
	}
	if cfg.samples != "" {
		if err := testgen.WriteSamples(cfg.samples); err != nil {
			fmt.Fprintf(stderr, "aniva-gen: %v\n", err)
			return exitFatal
		}
		fmt.Fprintf(stderr, "wrote the samples to %s\n", cfg.samples)
		return exitOK
	}
	g, err := testgen.New(cfg.opts)
	if err != nil {
		fmt.Fprintf(stderr, "aniva-gen: %v\n", err)
		return exitUsage
	}
	if err := write(g, cfg, stdout); err != nil {
		fmt.Fprintf(stderr, "aniva-gen: %v\n", err)
		return exitFatal
	}
	if cfg.out != "-" {
		fmt.Fprintf(stderr, "wrote %d rows (%d with a defect) to %s\n",
			cfg.opts.Rows, g.DefectCount(), cfg.out)
	}
	return exitOK
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("aniva-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&cfg.opts.Rows, "rows", 1000, "data rows to write")
	fs.StringVar(&cfg.format, "format", "",
		"csv or xlsx (default: from the -o extension, else csv)")
	dialect := fs.String("dialect", "mixed", "spelling of headers and values: de, fi, en or mixed")
	fs.Uint64Var(&cfg.opts.Seed, "seed", 1, "seed; the same seed gives the same file")
	fs.StringVar(&cfg.out, "o", "", "output file; - writes CSV to stdout")
	valid := fs.Bool("valid", false, "write only valid rows (same as -invalid 0)")
	fs.Float64Var(&cfg.opts.InvalidShare, "invalid", testgen.DefaultInvalidShare,
		"share of rows with a deliberate defect, 0 to 1")
	fs.BoolVar(&cfg.opts.Date1904, "date1904", false, "XLSX: count dates from 1904")
	fs.StringVar(&cfg.samples, "samples", "", "write the bundled samples into `DIR` and exit")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if cfg.samples != "" {
		return cfg, nil
	}
	return cfg, cfg.complete(*dialect, *valid)
}

// complete checks the flags that depend on each other.
func (cfg *config) complete(dialect string, valid bool) error {
	d, err := testgen.ParseDialect(dialect)
	if err != nil {
		return err
	}
	cfg.opts.Dialect = d
	if valid {
		cfg.opts.InvalidShare = 0
	}
	if cfg.out == "" {
		return errors.New("no output file: give -o FILE")
	}
	if cfg.format == "" {
		cfg.format = "csv"
		if strings.EqualFold(filepath.Ext(cfg.out), ".xlsx") {
			cfg.format = "xlsx"
		}
	}
	switch {
	case cfg.format != "csv" && cfg.format != "xlsx":
		return fmt.Errorf("unknown format %q: want csv or xlsx", cfg.format)
	case cfg.format == "xlsx" && cfg.out == "-":
		return errors.New("xlsx cannot go to stdout: give -o FILE")
	}
	return nil
}

func write(g *testgen.Generator, cfg config, stdout io.Writer) error {
	if cfg.format == "xlsx" {
		return g.WriteXLSX(cfg.out)
	}
	if cfg.out == "-" {
		return g.WriteCSV(stdout)
	}
	f, err := os.Create(cfg.out)
	if err != nil {
		return err
	}
	if err := g.WriteCSV(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
