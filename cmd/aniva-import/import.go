package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"math"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"aniva-import/importer"
	"aniva-import/importer/api"
	"aniva-import/importer/results"
	"aniva-import/importer/sandbox"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

const defaultBaseURL = "https://anivahealth.com"

// The defaults of the sending flags, which a suggested rerun leaves out,
// and the slowest rate taken.
const (
	defaultRate        = 10
	defaultConcurrency = 4
	defaultTimeout     = 30 * time.Second
	minRate            = 1.0 / 60
)

// importOptions are the import command's flags.
type importOptions struct {
	file           string
	dryRun         bool
	sandbox        bool
	baseURL        string
	keyFile        string
	group          string
	mappingFile    string
	sheet          string
	out            string
	rate           float64
	concurrency    int
	phoneRegion    string
	dateOrder      string
	encoding       string
	delimiter      string
	restart        bool
	retryUnknown   bool
	skipDuplicates bool
	only           []string
	bom            bool
	timeout        time.Duration
	logFormat      string
	verbose        bool
	quiet          bool
}

func (o *importOptions) flags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.dryRun, "dry-run", false, "full validation and results sheet, no network at all")
	fs.BoolVar(&o.sandbox, "sandbox", false, "run against an in-process stand-in of the API (no key needed)")
	fs.StringVar(&o.baseURL, "base-url", "", "API root (default "+defaultBaseURL+", env ANIVA_BASE_URL)")
	fs.StringVar(&o.keyFile, "api-key-file", "",
		"file holding the API key, readable by its owner only (else env ANIVA_API_KEY)")
	fs.StringVar(&o.group, "group", "", "profile_group_slug for rows that carry none")
	fs.StringVar(&o.mappingFile, "mapping", "", "mapping file (YAML); default: automatic mapping")
	fs.StringVar(&o.sheet, "sheet", "", "XLSX sheet (default: the first visible one)")
	fs.StringVar(&o.out, "out", "", "results sheet (default: beside FILE, NAME.results.EXT)")
	fs.Float64Var(&o.rate, "rate", defaultRate, "at most N requests per second (0: no limit)")
	fs.IntVar(&o.concurrency, "concurrency", defaultConcurrency, "requests in flight at once")
	fs.StringVar(&o.phoneRegion, "phone-region", "",
		"region for phone numbers written without a country code (DE, FI, GB, US…)")
	fs.StringVar(&o.dateOrder, "date-order", "", "dmy, mdy or ymd, for text dates that are ambiguous")
	fs.StringVar(&o.encoding, "encoding", "",
		"CSV encoding: utf-8, utf-16le, utf-16be or windows-1252 (default: detected)")
	fs.StringVar(&o.delimiter, "delimiter", "", `CSV delimiter: ",", ";", "tab" or "|" (default: detected)`)
	fs.BoolVar(&o.restart, "restart", false,
		"start over although the journal belongs to another input, mapping or API, and send rows "+
			"other journals record as sent (rows may be created again)")
	fs.BoolVar(&o.retryUnknown, "retry-unknown", false,
		"resend rows whose earlier request may have created the profile")
	fs.BoolVar(&o.skipDuplicates, "skip-duplicates", false,
		"send only the first of rows with the same name and birth date "+
			"(rows sharing only an email are sent)")
	fs.StringSliceVar(&o.only, "only", nil, "process only rows of these earlier statuses (e.g. unknown,failed)")
	fs.BoolVar(&o.bom, "bom", false, "write a CSV results sheet as UTF-8 with BOM")
	fs.DurationVar(&o.timeout, "timeout", defaultTimeout, "timeout of one request")
	fs.StringVar(&o.logFormat, "log-format", "text", "text or json (structured logs on stderr)")
	fs.BoolVarP(&o.verbose, "verbose", "v", false, "log each retry and decision (row numbers only)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "no progress output")
}

func runImport(ctx context.Context, args []string, io streams) int {
	var o importOptions
	fs := pflag.NewFlagSet("import", pflag.ContinueOnError)
	o.flags(fs)
	if code, ok := parseFlags(fs, args, io, "aniva-import import FILE [flags]"); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return usageErr(io, "import takes one FILE, got %d (see --help)", fs.NArg())
	}
	o.file = fs.Arg(0)
	ui, err := newUI(io, o.logFormat, o.verbose, o.quiet)
	if err != nil {
		return usageErr(io, "%v", err)
	}
	cfg, cleanup, err := o.config(ctx, fs, ui)
	if err != nil {
		ui.fail(err)
		return exitUsage
	}
	defer cleanup()

	// excelize reports some damage through the standard logger; such lines
	// may quote cell contents, so they are held back unless asked for.
	var stray bytes.Buffer
	log.SetOutput(&stray)
	defer log.SetOutput(os.Stderr)

	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			ui.warn("stopping: no new rows are sent; requests in flight finish and the results " +
				"sheet is written. Press Ctrl-C again to quit at once.")
		case <-done:
		}
	}()
	sum, err := importer.Run(ctx, cfg)
	ui.finish()
	code := ui.report(o, sum, err)
	if stray.Len() > 0 && code != exitOK {
		if o.verbose {
			ui.warn("messages from the XLSX library:\n" + stray.String())
		} else {
			ui.warn("the XLSX library reported problems with the file; rerun with -v to see them")
		}
	}
	return code
}

// config turns the flags into an importer configuration. cleanup stops an
// in-process sandbox.
func (o *importOptions) config(ctx context.Context, fs *pflag.FlagSet, ui *ui) (
	importer.Config, func(), error) {
	cleanup := func() {}
	cfg := importer.Config{
		Input: o.file, Out: o.out, DryRun: o.dryRun, Rate: o.rate, Concurrency: o.concurrency,
		Restart: o.restart, RetryUnknown: o.retryUnknown, SkipDuplicates: o.skipDuplicates,
		BOM: o.bom, Mapping: o.mappingFile, Flags: flagList(fs), Logger: ui.log,
		Observer: ui.observer(),
	}
	switch {
	case math.IsNaN(o.rate) || math.IsInf(o.rate, 0) || o.rate < 0:
		return cfg, cleanup, fmt.Errorf("--rate %v: give requests per second, or 0 for no limit",
			o.rate)
	case o.rate > 0 && o.rate < minRate:
		// A typo (1e-3 for 1e3) would otherwise wait hours between rows.
		return cfg, cleanup, fmt.Errorf("--rate %v: give at least one request a minute (%.3f), "+
			"or 0 for no limit", o.rate, minRate)
	case o.concurrency < 1:
		return cfg, cleanup, fmt.Errorf("--concurrency %d: give 1 or more", o.concurrency)
	case o.timeout <= 0:
		return cfg, cleanup, fmt.Errorf("--timeout %v: give a positive duration", o.timeout)
	}
	var err error
	if cfg.Sheet, err = sheetOptions(o); err != nil {
		return cfg, cleanup, err
	}
	if cfg.Map, err = mapOptions(o); err != nil {
		return cfg, cleanup, err
	}
	for _, s := range o.only {
		if !knownStatus(s) {
			return cfg, cleanup, fmt.Errorf("--only: unknown status %q (one of %s)",
				s, strings.Join(results.Statuses(), ", "))
		}
		cfg.Only = append(cfg.Only, strings.ToLower(s))
	}
	if o.mappingFile != "" {
		if cfg.Spec, err = mapping.LoadSpec(o.mappingFile); err != nil {
			return cfg, cleanup, err
		}
	}
	if err := sheet.Check(o.file, cfg.Sheet); err != nil {
		// Before the key and the API: a file that cannot be read at all
		// (missing, a folder, empty, a PDF) is the thing to fix.
		return cfg, cleanup, err
	}
	if o.dryRun {
		if o.sandbox || o.baseURL != "" {
			ui.warn("--dry-run sends nothing: --sandbox and --base-url are ignored")
		}
		return cfg, cleanup, nil
	}
	if cfg.Client, cleanup, err = o.client(ui); err != nil {
		return cfg, cleanup, err
	}
	// The sandbox listens on another port each run: its URL would not name it.
	switch c, ok := cfg.Client.(*api.Client); {
	case o.sandbox:
		cfg.API = importer.SandboxAPI
	case ok:
		cfg.API = c.Endpoint()
	}
	return cfg, cleanup, err
}

func knownStatus(s string) bool {
	for _, k := range results.Statuses() {
		if strings.EqualFold(s, k) {
			return true
		}
	}
	return false
}

func mapOptions(o *importOptions) (mapping.Options, error) {
	opts := mapping.Options{Group: o.group, PhoneRegion: strings.ToUpper(o.phoneRegion)}
	var err error
	if o.dateOrder != "" {
		if opts.DateOrder, err = mapping.ParseDateOrder(o.dateOrder); err != nil {
			return opts, fmt.Errorf("--date-order: %w", err)
		}
	}
	return opts, nil
}

// client builds the API client: the in-process sandbox, or the real API
// with the key from --api-key-file or ANIVA_API_KEY.
func (o *importOptions) client(ui *ui) (importer.Creator, func(), error) {
	opts := api.Options{Timeout: o.timeout}
	if o.sandbox {
		url, shutdown, err := sandbox.New(sandbox.DefaultOptions()).Start("127.0.0.1:0")
		if err != nil {
			return nil, func() {}, err
		}
		ui.info("using the in-process sandbox at " + url + " (nothing reaches Aniva)")
		c, err := api.New(url, sandbox.DefaultKey, opts)
		if err != nil {
			shutdown(context.Background())
			return nil, func() {}, err
		}
		return c, func() { shutdown(context.Background()) }, nil
	}
	base := o.baseURL
	if base == "" {
		base = os.Getenv("ANIVA_BASE_URL")
	}
	if base == "" {
		base = defaultBaseURL
	}
	key, err := apiKey(o.keyFile, ui)
	if err != nil {
		return nil, func() {}, err
	}
	c, err := api.New(base, key, opts)
	if err != nil {
		// Not c itself: a nil *api.Client in an interface is not nil.
		return nil, func() {}, err
	}
	return c, func() {}, nil
}

// apiKey reads the key from keyFile, else from ANIVA_API_KEY. It is never
// taken from a flag's value, so it stays out of shell history and ps.
func apiKey(keyFile string, ui *ui) (string, error) {
	if keyFile == "" {
		if k := strings.TrimSpace(os.Getenv("ANIVA_API_KEY")); k != "" {
			return k, nil
		}
		return "", errors.New("no API key: set ANIVA_API_KEY or --api-key-file " +
			"(or use --sandbox or --dry-run)")
	}
	info, err := os.Stat(keyFile)
	if err != nil {
		return "", fmt.Errorf("--api-key-file: %w", err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		ui.warn(fmt.Sprintf("%s can be read by others (mode %v); chmod 600 it", keyFile,
			info.Mode().Perm()))
	}
	data, err := os.ReadFile(keyFile)
	if err != nil {
		return "", fmt.Errorf("--api-key-file: %w", err)
	}
	k := strings.TrimSpace(string(data))
	if k == "" {
		return "", fmt.Errorf("--api-key-file: %s is empty", keyFile)
	}
	return k, nil
}

// flagList is the flags the operator set, for the results summary. None
// of them holds a secret: the key never comes from a flag.
func flagList(fs *pflag.FlagSet) []string {
	var out []string
	fs.Visit(func(f *pflag.Flag) {
		out = append(out, "--"+f.Name+"="+f.Value.String())
	})
	return out
}
