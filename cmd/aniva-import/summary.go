package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"aniva-import/importer"
	"aniva-import/importer/results"
	"aniva-import/importer/sheet"
)

// summary tells the operator what the run did and what to do next.
func (u *ui) summary(o importOptions, sum importer.Summary) {
	if u.json {
		args := []any{"rows", sum.Rows, "results", sum.Out, "journal", sum.Journal,
			"seconds", sum.Finished.Sub(sum.Started).Seconds()}
		for _, s := range results.Statuses() {
			if n := sum.Counts[s]; n > 0 {
				args = append(args, s, n)
			}
		}
		if !o.dryRun {
			args = append(args, "created_now", sum.CreatedNow)
		}
		u.log.Info("summary", args...)
		for _, n := range sum.Notes {
			u.log.Info("note", "note", n)
		}
		u.nextSteps(o, sum)
		return
	}
	w := u.io.err
	took := sum.Finished.Sub(sum.Started).Round(100 * time.Millisecond)
	fmt.Fprintf(w, "\n%s from %s in %s", rows(sum.Rows, "read", "read"), o.file, took)
	if o.dryRun {
		fmt.Fprint(w, " (dry run: nothing was sent)")
	}
	fmt.Fprintln(w)
	for _, s := range results.Statuses() {
		n := sum.Counts[s]
		switch {
		case n == 0:
		case s == results.StatusCreated && o.dryRun && sum.InSandbox > 0:
			fmt.Fprintf(w, "  %-10s %d (by earlier runs; %d only in the sandbox, which a real "+
				"run sends)\n", s, n, sum.InSandbox)
		case s == results.StatusCreated && o.dryRun:
			fmt.Fprintf(w, "  %-10s %d (by earlier runs)\n", s, n)
		case s == results.StatusCreated && sum.CreatedNow != n:
			// A rerun carries rows an earlier run created: say which are new.
			fmt.Fprintf(w, "  %-10s %d (%d by this run, %d earlier)\n", s, n, sum.CreatedNow,
				n-sum.CreatedNow)
		default:
			fmt.Fprintf(w, "  %-10s %d\n", s, n)
		}
	}
	for _, n := range sum.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
	fmt.Fprintln(w, "results: "+sum.Out)
	if sum.Journal != "" {
		fmt.Fprintln(w, "journal: "+sum.Journal+" (keep it while the list may be imported "+
			"again: it is what stops a rerun from sending rows twice)")
	}
	if sum.Stopped != nil {
		fmt.Fprintln(w, "stopped early: "+sum.Stopped.Error())
	}
	u.nextSteps(o, sum)
}

// step is one piece of advice after a run, with the command it suggests.
type step struct{ advice, command string }

func (u *ui) nextSteps(o importOptions, sum importer.Summary) {
	for _, st := range nextSteps(o, sum) {
		if u.json {
			u.log.Info("next step", "advice", st.advice, "command", st.command)
			continue
		}
		fmt.Fprintf(u.io.err, "\n%s\n  %s\n", st.advice, st.command)
	}
}

// nextSteps says what to do after a run, most pressing first.
func nextSteps(o importOptions, sum importer.Summary) []step {
	var steps []step
	c := sum.Counts
	if n := c[results.StatusUnknown]; n > 0 {
		// A real command even after a dry run, with the API's flags; there
		// the sheet to edit is the one the dry run read.
		send := rerunCommand(o, sum.Out)
		if o.dryRun {
			real := o
			real.dryRun = false
			send = sameCommand(real)
		}
		steps = append(steps, step{rows(n, "is", "are") + " unknown: the request may have " +
			"created a profile. Check each on the platform;\nwhere it exists, write its id into " +
			"profile_id and set import_status to created in the results sheet;\nthen send the " +
			"others with:", send + " --only unknown --retry-unknown"})
	}
	if sum.Interrupted || sum.Stopped != nil {
		advice := "to continue where this run stopped, run the same command again:"
		if errors.Is(sum.Stopped, importer.ErrFatal) {
			advice = "fix what stopped the run first, as said above (the API key, its scope, " +
				"the base URL, or a slow or failing API);\nthen continue where it stopped with " +
				"the same command:"
		}
		return append(steps, step{advice, sameCommand(o)})
	}
	failed := c[results.StatusInvalid] + c[results.StatusRejected] + c[results.StatusFailed]
	if o.dryRun {
		real := o
		real.dryRun = false
		n, valid := c[results.StatusInvalid], c[results.StatusValid]
		if n > 0 {
			them := pronoun(n)
			steps = append(steps, step{rows(n, "is", "are") + " invalid (see import_error and " +
				"import_hint in the results). Fix " + them + " in the file and check again, or " +
				"fix " + them + " in the results sheet and check that:",
				rerunCommand(o, sum.Out) + " --dry-run"})
		}
		create := sameCommand(real)
		if sum.InSandbox > 0 && !o.sandbox {
			// The input comes from a sandbox trial, whose sheet a real run
			// refuses; this sheet keeps the trial's ids marked, to send.
			create = rerunCommand(real, sum.Out)
			valid += sum.InSandbox
		}
		switch {
		case valid > 0 && n == 0 && c[results.StatusUnknown] == 0:
			steps = append(steps, step{"every row is valid; to create the profiles, run:", create})
		case valid > 0:
			steps = append(steps, step{"or create the valid rows now; the invalid ones are " +
				"not sent and stay in the results sheet, to fix and import later:", create})
		}
		return steps
	}
	if n := sum.LeftOut; n > 0 && len(o.only) > 0 {
		// A run without --only takes them up.
		steps = append(steps, step{fmt.Sprintf("%s left out by --only; to take %s up too, run:",
			rows(n, "was", "were"), pronoun(n)), rerunCommand(o, sum.Out)})
	}
	if failed > 0 {
		verb := "Fix"
		if c[results.StatusFailed] == failed {
			verb = "Check"
		}
		steps = append(steps, step{fmt.Sprintf("%s not created. %s %s in the results sheet "+
			"(see import_error and import_hint), then run:", rows(failed, "was", "were"), verb,
			pronoun(failed)), rerunCommand(o, sum.Out)})
	}
	return steps
}

// pronoun stands for n rows.
func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// rerunCommand is the command that feeds the results sheet back in; created
// rows in it are skipped.
func rerunCommand(o importOptions, out string) string {
	parts := []string{"aniva-import", "import", shellQuote(out)}
	return strings.Join(append(parts, carriedFlags(o)...), " ")
}

// sameCommand is the command that ran, as far as it matters to a rerun:
// the same input, results and reading of the file.
func sameCommand(o importOptions) string {
	parts := []string{"aniva-import", "import", shellQuote(o.file)}
	if o.dryRun {
		parts = append(parts, "--dry-run")
	}
	if o.out != "" {
		parts = append(parts, "--out", shellQuote(o.out))
	}
	// A results sheet fed back in is always this tool's own format, so
	// these three apply to the original input only.
	parts = appendFlag(parts, "sheet", o.sheet)
	parts = appendFlag(parts, "encoding", o.encoding)
	parts = appendFlag(parts, "delimiter", o.delimiter)
	return strings.Join(append(parts, carriedFlags(o)...), " ")
}

// carriedFlags are the flags a rerun needs to map and send rows the same
// way: a rerun at the default --rate could exceed what the platform allows.
func carriedFlags(o importOptions) []string {
	var f []string
	if !o.dryRun {
		// A dry run names no API: it would only warn that these are ignored.
		if o.sandbox {
			f = append(f, "--sandbox")
		}
		f = appendFlag(f, "base-url", o.baseURL)
		f = appendFlag(f, "api-key-file", o.keyFile)
	}
	f = appendFlag(f, "group", o.group)
	f = appendFlag(f, "mapping", o.mappingFile)
	f = appendFlag(f, "phone-region", o.phoneRegion)
	f = appendFlag(f, "date-order", o.dateOrder)
	if o.skipDuplicates {
		f = append(f, "--skip-duplicates")
	}
	if o.rate != defaultRate {
		f = appendFlag(f, "rate", strconv.FormatFloat(o.rate, 'f', -1, 64))
	}
	if o.concurrency != defaultConcurrency {
		f = appendFlag(f, "concurrency", strconv.Itoa(o.concurrency))
	}
	if o.timeout != defaultTimeout {
		f = appendFlag(f, "timeout", o.timeout.String())
	}
	if o.bom {
		f = append(f, "--bom")
	}
	return f
}

// appendFlag adds --name value when the value is set.
func appendFlag(f []string, name, v string) []string {
	if v == "" {
		return f
	}
	return append(f, "--"+name+" "+shellQuote(v))
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == ':' ||
			r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sheetOptions turns the reading flags into reader options.
func sheetOptions(o *importOptions) (sheet.Options, error) {
	opts := sheet.Options{Sheet: o.sheet, Encoding: strings.ToLower(o.encoding)}
	switch opts.Encoding {
	case "", "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252":
	case "utf8":
		opts.Encoding = "utf-8"
	case "cp1252", "latin1", "iso-8859-1", "iso-8859-15":
		opts.Encoding = "windows-1252"
	default:
		return opts, fmt.Errorf("--encoding: %q is not utf-8, utf-16le, utf-16be or windows-1252",
			o.encoding)
	}
	switch strings.ToLower(o.delimiter) {
	case "":
	case ",", "comma":
		opts.Delimiter = ','
	case ";", "semicolon":
		opts.Delimiter = ';'
	case "tab", `\t`, "\t":
		opts.Delimiter = '\t'
	case "|", "pipe":
		opts.Delimiter = '|'
	default:
		return opts, fmt.Errorf(`--delimiter: %q is not ",", ";", "tab" or "|"`, o.delimiter)
	}
	return opts, nil
}

// rows says "1 row is" or "3 rows are".
func rows(n int, one, many string) string {
	if n == 1 {
		return "1 row " + one
	}
	return fmt.Sprintf("%d rows %s", n, many)
}
