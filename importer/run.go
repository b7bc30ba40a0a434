package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"aniva-import/importer/journal"
	"aniva-import/importer/results"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// window bounds the rows between the reader and the writer, and so the
// memory a run takes, however long the file.
const window = 4096

// Run imports cfg.Input. Cancelling ctx stops taking new rows: requests in
// flight finish, and the rows not yet sent are written as pending. A row
// that fails is an outcome in the results sheet, not an error; Run returns
// an error only when the run could not complete ([SetupError] when nothing
// was sent because of the input, mapping or flags).
func Run(ctx context.Context, cfg Config) (Summary, error) {
	sum := Summary{Started: time.Now(), Counts: map[string]int{}}
	cfg.defaults()
	if !cfg.DryRun && cfg.Client == nil {
		return sum, setupErr(errors.New("no API client: use --dry-run, --sandbox or give a key"))
	}
	sv, err := surveyFile(&cfg)
	if err != nil {
		return sum, err
	}
	if sv.rows != nil {
		defer sv.rows.Close()
	}
	if err := checkUnchanged(cfg.Input, sv.input); err != nil {
		return sum, err
	}
	if sv.format.Kind == sheet.XLSX && sv.sizes != nil {
		// Found now, or the results could not be written after every row
		// was sent.
		w := max(len(sv.layout.header), sv.sizes.Width())
		if err := results.CheckXLSXWidth(w); err != nil {
			return sum, setupErr(fmt.Errorf("%s: %w", cfg.Input, err))
		}
	}
	if cfg.Out == "" {
		cfg.Out = DefaultOut(cfg.Input, sv.format.Kind)
	}
	sum.Out = cfg.Out
	if err := checkOut(&cfg); err != nil {
		return sum, err
	}
	sum.Rows = sv.count
	sum.Notes = sv.plan.Notes()
	if sv.format.Kind == sheet.CSV && cfg.Sheet.Sheet != "" {
		sum.Notes = append(sum.Notes, fmt.Sprintf("--sheet %q was not used: %s is a CSV file, "+
			"which has one sheet", cfg.Sheet.Sheet, cfg.Input))
	}
	if others := sv.format.OtherSheets; others != "" && !sv.layout.rerun() {
		sum.Notes = append(sum.Notes, fmt.Sprintf("only sheet %q was read; the workbook's other "+
			"visible sheets (%s) were not: import each with --sheet", sv.format.Sheet, others))
	}
	if n := len(sv.dupOf); n > 0 {
		note := fmt.Sprintf("%d rows look like another row of the file (same name and birth "+
			"date, personal identity code, or email): see import_hint", n)
		if m := len(sv.sameOf); m > 0 && !cfg.SkipDuplicates {
			note += fmt.Sprintf("; %d of them the same person by name and birth date or by "+
				"code: --skip-duplicates sends only the first", m)
		}
		sum.Notes = append(sum.Notes, note)
	}
	if cfg.Observer.Planned != nil {
		cfg.Observer.Planned(sv.count)
	}

	// Before this run's journal exists: a refusal leaves no trace.
	near, err := sentElsewhere(&cfg, cfg.Out+".journal")
	if err != nil {
		return sum, err
	}
	if sv.layout.rerun() {
		// The sheet's own journal is the way on that the note advises.
		if own, err := filepath.Abs(cfg.Input + ".journal"); err == nil {
			near.older = slices.DeleteFunc(near.older, func(j string) bool { return j == own })
		}
	}
	if note := near.olderRulesNote(); note != "" {
		sum.Notes = append(sum.Notes, note)
		if cfg.Observer.Warn != nil {
			cfg.Observer.Warn(note) // now, not only in the summary after the rows are sent
		}
	}
	if err := checkOverwrite(&cfg); err != nil {
		return sum, err
	}
	var jr *journal.Journal
	var state journal.State
	if !cfg.DryRun {
		jr, state, err = openJournal(&cfg, sv)
		if err != nil {
			return sum, err
		}
		defer jr.Close()
		sum.Journal = jr.Path()
	}

	p := newPipeline(&cfg, sv, jr, state)
	if p.prior, p.priorSandbox, err = priorJournal(&cfg, sv); err != nil {
		return sum, err
	}
	p.lastSource = max(sv.maxSource, near.maxSource)
	for n := range p.prior {
		p.lastSource = max(p.lastSource, n)
	}
	p.elsewhere = near.sent
	w, err := results.Create(cfg.Out, sv.layout.header, sv.format, results.Options{
		DateColumns: sv.plan.DateColumns(),
		InputPath:   cfg.Input,
		BOM:         cfg.BOM,
		Layout:      sv.sizes,
	})
	if err != nil {
		return sum, err
	}
	runErr := p.run(ctx, w)
	sum.Counts, sum.CreatedNow, sum.InSandbox = p.counts, p.createdNow, p.inSandbox
	sum.LeftOut = p.leftOut
	sum.Interrupted = ctx.Err() != nil && p.unsent > 0
	sum.Stopped = p.stopCause()
	sum.Finished = time.Now()
	if runErr != nil {
		w.Abort()
		return sum, runErr
	}
	sum.Notes = append(sum.Notes, w.Notes()...)
	if groups := p.send.refusedUnclearly(); len(groups) > 0 && p.createdNow == 0 {
		which := fmt.Sprintf("profile group %q", groups[0])
		if len(groups) > 1 {
			which = fmt.Sprintf("%d profile groups", len(groups))
		}
		sum.Notes = append(sum.Notes, fmt.Sprintf("no profile was created, and %s answered 403 "+
			"without naming a cause: check the groups, and that the API key has the CREATE_USER "+
			"scope", which))
	}
	if jr != nil {
		// The sheet must state no outcome that a crash could still take
		// out of the journal; the senders' last sync covers this already.
		if err := jr.Sync(); err != nil {
			w.Abort()
			return sum, err
		}
	}
	if err := w.Close(p.resultsSummary(&sum)); err != nil {
		return sum, err
	}
	if err := markSheet(cfg.Out, jr); err != nil {
		// The sheet is whole; only a later run's check of edits to it is
		// lost, so the run's outcome stands.
		cfg.Logger.Warn("results sheet not recorded", "error", err.Error())
	}
	sum.Finished = time.Now()
	if sum.Stopped != nil && errors.Is(sum.Stopped, ErrFatal) {
		return sum, sum.Stopped
	}
	return sum, nil
}

// checkOverwrite refuses to write over a results sheet someone may have
// fixed by hand since the run that wrote it: importing that sheet keeps
// the fixes, and this run would lose them. A sheet is known unchanged when
// the mark its run left (in the journal, or beside a dry run's sheet)
// still fits it; a results sheet that no mark vouches for is refused too.
// So is a sheet written by a run killed before it could mark it: the safe
// side. --restart discards the earlier run, its sheet included (its
// journal, set aside, keeps the profile ids). It runs before this run's
// journal is begun, so a refusal leaves nothing behind.
func checkOverwrite(cfg *Config) error {
	out := cfg.Out
	fi, err := os.Stat(out)
	if err != nil || cfg.Restart {
		return nil
	}
	now := journal.MarkOf(fi)
	mark, ok, err := journal.LastSheet(out + ".journal")
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		// Not a journal gone: one that cannot be read is named as such.
		return unreadableJournal(err)
	}
	if ok {
		if mark == now {
			return nil
		}
		return setupErr(fmt.Errorf("%s was changed after the run that wrote it, and this "+
			"run would write over it. %s", out, keepOrDrop(out)))
	}
	if mark, err := readDryMark(out); err == nil && mark == now {
		return nil
	}
	if !isResults(out) {
		return nil // not this tool's: named with --out on purpose
	}
	return setupErr(fmt.Errorf("%s is a results sheet that nothing shows unchanged since it "+
		"was written (its journal is gone, or it was changed after the dry run that wrote "+
		"it), and this run would write over it. %s", out, keepOrDrop(out)))
}

func keepOrDrop(out string) string {
	if latest := latestSheet(out); latest != out {
		return fmt.Sprintf("It was imported since: the latest results sheet, with every row, is "+
			"%s. To go on, import that one (its created rows are not sent again): aniva-import "+
			"import %s ...; to drop the changes, move %s away first", latest, latest, out)
	}
	return fmt.Sprintf("To go on from its changes, import that sheet (its created rows are not "+
		"sent again): aniva-import import %s ...; to drop them, move it away first", out)
}

// latestSheet follows a results sheet to the sheets written by importing
// it (NAME.results-2, -3 ...), as far as their journals show runs.
func latestSheet(out string) string {
	kind := sheet.CSV
	if strings.EqualFold(filepath.Ext(out), ".xlsx") {
		kind = sheet.XLSX
	}
	for range 1000 { // a bound, for a folder of odd names
		next := DefaultOut(out, kind)
		if _, err := os.Stat(next + ".journal"); err != nil {
			break
		}
		out = next
	}
	return out
}

// dryMark names the file beside a dry run's results sheet that records the
// sheet as the dry run left it; a real run records its sheet in its
// journal instead.
func dryMark(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".dry-run")
}

func readDryMark(out string) (journal.SheetMark, error) {
	var m journal.SheetMark
	b, err := os.ReadFile(dryMark(out))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	return m, err
}

// markSheet records the results sheet as this run left it: in the journal,
// or for a dry run beside the sheet.
func markSheet(out string, jr *journal.Journal) error {
	fi, err := os.Stat(out)
	if err != nil {
		return err
	}
	mark := journal.MarkOf(fi)
	if jr != nil {
		if err := jr.MarkSheet(mark); err != nil {
			return err
		}
		// The journal vouches for the sheet now; an old dry run's mark
		// would only mislead once the journal is deleted.
		if err := os.Remove(dryMark(out)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return nil
	}
	b, _ := json.Marshal(mark)
	return os.WriteFile(dryMark(out), b, 0o600)
}

// checkOut refuses results that would replace the input, and a dry run
// over the results of a real run: its sheet holds the profile ids that keep
// a rerun from creating people twice.
func checkOut(cfg *Config) error {
	if fi, err := os.Stat(filepath.Dir(cfg.Out)); err != nil || !fi.IsDir() {
		return setupErr(fmt.Errorf("the results go to %s, but its folder %s does not exist: "+
			"create it, or give another --out", cfg.Out, filepath.Dir(cfg.Out)))
	}
	in, err1 := os.Stat(cfg.Input)
	out, err2 := os.Stat(cfg.Out)
	if err1 == nil && err2 == nil && os.SameFile(in, out) {
		return setupErr(fmt.Errorf("--out %s is the input file; the results go to a file of "+
			"their own", cfg.Out))
	}
	if !cfg.DryRun {
		return checkInputAPI(cfg)
	}
	run := "a run that created profiles"
	if h, err := journal.ReadHeader(cfg.Out + ".journal"); err == nil {
		run = "a run against " + apiName(h.API)
	} else if !errors.Is(err, os.ErrNotExist) {
		run = "a run (its journal is beside it)"
	} else if !holdsCreated(cfg.Out) {
		return nil
	}
	return setupErr(fmt.Errorf("%s holds the results of %s; a dry run would overwrite its "+
		"profile ids: give the dry run another --out", cfg.Out, run))
}

// present reports whether a file is at path, whatever may be done with it.
func present(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// checkInputAPI refuses a results sheet whose journal was written against
// another API: the rows it marks created were not created on this one. It
// runs before this run's own journal is begun, so a refusal leaves nothing.
// (A dry run sends nothing, so it may show another API's outcomes.)
func checkInputAPI(cfg *Config) error {
	h, err := journal.ReadHeader(cfg.Input + ".journal")
	api := normalAPI(cfg.API)
	if err != nil || h.API == "" || h.API == api {
		return nil // an unreadable journal is priorJournal's to refuse
	}
	err = fmt.Errorf("%s comes from a run against %s, as its journal says; this run "+
		"targets %s: the rows that run created were not created there. Import the original "+
		"file instead, with an --out that no run against %s has used",
		cfg.Input, apiName(h.API), apiName(api), apiName(api))
	if h.API == SandboxAPI {
		// Its ids say which API made them: the trial's are marked.
		err = fmt.Errorf("%w; or move its journal %s away and import the sheet: the ids "+
			"the sandbox made are marked and sent again, the others kept", err,
			cfg.Input+".journal")
	}
	return setupErr(err)
}

// openResults opens path if it is a results sheet of this tool.
func openResults(path string) (sheet.Reader, layout, bool) {
	r, err := sheet.Open(path, sheet.Options{IsHeader: looksLikeHeader})
	if err != nil {
		return nil, layout{}, false
	}
	lay := newLayout(r.Header())
	if !lay.rerun() {
		r.Close()
		return nil, layout{}, false
	}
	return r, lay, true
}

// isResults reports whether path is a results sheet of this tool.
func isResults(path string) bool {
	r, _, ok := openResults(path)
	if ok {
		r.Close()
	}
	return ok
}

// holdsCreated reports whether path is a results sheet with a created row.
func holdsCreated(path string) bool {
	r, lay, ok := openResults(path)
	if !ok {
		return false
	}
	defer r.Close()
	for {
		row, err := r.Next()
		var re *sheet.RowError
		switch {
		case errors.As(err, &re):
			continue
		case err != nil:
			return false
		case lay.earlier(row.Cells).status == results.StatusCreated:
			return true
		}
	}
}

// priorJournal reads the journal of the run that wrote the input, when the
// input is a results sheet with its journal beside it: the sheet may be
// stale (a run killed after writing it) or edited, the journal is not.
func priorJournal(cfg *Config, sv *survey) (_ journal.State, sandbox bool, _ error) {
	if !sv.layout.rerun() {
		return nil, false, nil
	}
	h, st, err := journal.Load(cfg.Input + ".journal")
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, false, nil
	case err != nil:
		return nil, false, setupErr(fmt.Errorf("the journal beside the results sheet cannot be "+
			"read, so rows it records as created could be sent again: %w", err))
	}
	return st.BySource(), h.API == SandboxAPI, nil
}

func (cfg *Config) defaults() {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 6
	}
	if cfg.Backoff <= 0 {
		cfg.Backoff = 500 * time.Millisecond
	}
	if cfg.ServerErrorPause <= 0 {
		cfg.ServerErrorPause = 5
	}
	if cfg.ServerErrorStop <= 0 {
		cfg.ServerErrorStop = 20
	}
	if cfg.Pause <= 0 {
		cfg.Pause = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
}

func openJournal(cfg *Config, sv *survey) (*journal.Journal, journal.State, error) {
	hash, err := fileHash(cfg.Input)
	if err != nil {
		return nil, nil, err
	}
	if err := checkUnchanged(cfg.Input, sv.input); err != nil {
		return nil, nil, err // the hash may be of the new version
	}
	api := normalAPI(cfg.API)
	path := cfg.Out + ".journal"
	if !cfg.Restart {
		if other := journalOfInput(hash, api, path, cfg.Input, cfg.Out); other != "" {
			return nil, nil, setupErr(fmt.Errorf("rows of this file were already sent in a run "+
				"whose journal is %s: to resume that run, give --out %s; or use --restart to "+
				"send them again knowingly", other, strings.TrimSuffix(other, ".journal")))
		}
	}
	fp := sv.plan.Fingerprint()
	if cfg.SkipDuplicates {
		// Part of what decides which rows are sent: a resume without the
		// flag would send the copies the run before it held back.
		fp += "+skip-duplicates"
	}
	h := journal.Header{Input: hash, Mapping: fp, API: api, Rules: mapping.Rules,
		Started: time.Now().UTC()}
	j, state, err := journal.Open(path, h, cfg.Restart)
	var ae *journal.APIError
	switch {
	case errors.As(err, &ae):
		return nil, nil, setupErr(fmt.Errorf("%s was written by a run against %s; this run "+
			"targets %s: its outcomes say nothing about that API. Move that run's results sheet "+
			"%s and its journal away, or give this run another --out", path, apiName(ae.Journal),
			apiName(api), cfg.Out))
	case errors.Is(err, journal.ErrBusy):
		return nil, nil, setupErr(err) // nothing was sent: a usage error, not a failed run
	case errors.Is(err, journal.ErrMismatch):
		// Another --out would send every row again, created ones too: the
		// results sheet is the file that knows which rows were created.
		fix := fmt.Sprintf("To correct or add patients, do it in the results sheet %s and "+
			"import that sheet: its created rows are not sent again, even if changed. (A "+
			"corrected copy of the file under a new name also works, except that a created row "+
			"changed in it is sent again as a new patient.)", cfg.Out)
		if _, serr := os.Stat(cfg.Out); serr != nil {
			// The earlier run was stopped before it wrote its sheet.
			fix = fmt.Sprintf("The earlier run stopped before writing %s. To go on from the "+
				"file as it is now, give this run another --out: rows the earlier run sent are "+
				"recognised by their request and not sent again, but a row changed since is "+
				"sent as a new patient.", cfg.Out)
		}
		return nil, nil, setupErr(fmt.Errorf("%w (the mapping includes --group, "+
			"--phone-region, --date-order and --skip-duplicates). To resume, run with the "+
			"earlier file and options. %s Use --restart only if nothing of the earlier run was "+
			"created: it sends every row again", err, fix))
	case errors.Is(err, os.ErrPermission) && !present(path):
		// Not a journal to distrust: a folder this user may not write in.
		return nil, nil, setupErr(fmt.Errorf("%s cannot be written in (%w): give --out a "+
			"file in a folder you may write in; nothing was sent", filepath.Dir(path), err))
	case err != nil:
		// Damaged or unreadable: nothing was sent, and nothing may be until
		// it is read, or its created rows could be sent again.
		return nil, nil, setupErr(fmt.Errorf("%w; nothing was sent. If the journal belongs to "+
			"no run whose patients matter here, move it away", err))
	case len(state) > 0 && api != "":
		old, herr := journal.ReadHeader(path)
		if herr == nil && old.API == "" && cfg.Observer.Warn != nil {
			cfg.Observer.Warn(fmt.Sprintf("%s was written by an older aniva-import that did not "+
				"record which API it ran against; it is resumed as a run against %s. If that run "+
				"used --sandbox, its created rows were not created here: stop, move it away and "+
				"import again", path, apiName(api)))
		}
	}
	if err := listJournal(cfg.Input, path); err != nil {
		cfg.Logger.Warn("the journal could not be named beside the input; a run of a copy "+
			"beside it will not find it", "error", err.Error())
	}
	return j, state, nil
}

// normalAPI gives one API one name: its URL's scheme, host, port and path,
// without credentials, a default port or a trailing slash.
func normalAPI(api string) string {
	u, err := url.Parse(api)
	if api == SandboxAPI || err != nil || u.Host == "" {
		return api
	}
	scheme, host, port := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname()), u.Port()
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		host = "localhost" // one machine, however it is written
	}
	if scheme == "https" && port == "443" || scheme == "http" && port == "80" {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	n := url.URL{Scheme: scheme, Host: host, Path: strings.TrimRight(u.Path, "/")}
	return n.String()
}

// apiName is an API's name for messages.
func apiName(api string) string {
	switch api {
	case SandboxAPI:
		return "the sandbox"
	case "":
		return "an API it does not name"
	}
	return api
}

// journalOfInput finds another journal, beside the input or the results,
// that was written for this very input and against this API: a run with
// another --out would otherwise send every row of it again. A journal of
// another API is no obstacle: none of its rows reached this one.
func journalOfInput(hash, api, own string, dirsOf ...string) string {
	for _, path := range nearbyJournals(own, dirsOf...) {
		h, err := journal.ReadHeader(path)
		if err == nil && h.Input == hash && (h.API == "" || h.API == api) {
			return path
		}
	}
	return ""
}

// row is one input row on its way through the pipeline.
type row struct {
	seq       int
	line      int // row number in this file
	source    int // row number in the original input
	cells     []string
	early     mapping.Early // what the survey worked out of cells
	readErr   error
	before    earlier // a results sheet's earlier outcome
	body      []byte
	hash      string
	group     string
	hasEmail  bool
	failures  int  // answers that proved nothing was created, 429 aside
	throttles int  // 429 answers
	queued    bool // handed to the senders by this run
	leftOut   bool // not processed: --only names another status
	// created is the earlier run's record of creating this row, while the
	// row's request must still show that it is the same patient.
	created   *journal.Outcome
	status    string
	id, email string
	// sandboxID marks an id that the sandbox made, whatever API this run
	// has: the sheet shows it marked, so that no real run takes it.
	sandboxID bool
	reason    string
	hint      string
}

// pipeline holds one run's moving parts.
type pipeline struct {
	cfg   *Config
	sv    *survey
	jr    *journal.Journal
	state journal.State // this run's own journal, by row
	prior journal.State // the journal of the run that wrote the input, by source row
	// priorSandbox is set when that run was against the sandbox.
	priorSandbox bool
	// priorIDs indexes prior's created profiles by id, lowercased, when a
	// row needs it (see [pipeline.idOfOther]).
	priorIDs     map[string]int
	priorIDsOnce sync.Once
	copies       copies // with --skip-duplicates
	// elsewhere holds the request bodies other journals beside the input
	// and the results record as sent, by hash.
	elsewhere map[string]sentBefore
	source    string
	send      *sender
	// lastSource is the source_row last given to a results sheet's row
	// that carries none (a patient added by hand, or a row that cannot be
	// read): above every number the sheet and the journals around it
	// know, since a row's line in the sheet may be another row's
	// source_row. The reader alone counts it, in line order; a resumed
	// run gives a row the number its own journal recorded.
	lastSource int

	counts map[string]int // written by the writer goroutine only
	unsent int
	// createdNow counts the rows this run's requests created, as against
	// rows an earlier run created; the writer goroutine's too.
	createdNow int
	inSandbox  int // created rows the sandbox made, in a dry run
	leftOut    int // rows --only left out that are not created
}

func newPipeline(cfg *Config, sv *survey, jr *journal.Journal, state journal.State) *pipeline {
	p := &pipeline{cfg: cfg, sv: sv, jr: jr, state: state, counts: map[string]int{},
		source: sourceName(cfg.Input)}
	if cfg.SkipDuplicates {
		p.copies = newCopies(sv)
	}
	if !cfg.DryRun {
		p.send = newSender(cfg, jr)
	}
	return p
}

func (p *pipeline) stopCause() error {
	if p.send == nil {
		return nil
	}
	return p.send.stopCause()
}

// run wires the stages: one reader, mappers, senders and one writer. Only
// a broken file or an unwritable results sheet or journal ends it early;
// ctx ending only stops rows from being sent.
func (p *pipeline) run(ctx context.Context, w *results.Writer) error {
	// The stages themselves must outlive ctx: after a Ctrl-C every row
	// still has to reach the results sheet.
	g, gctx := errgroup.WithContext(context.Background())
	slots := make(chan struct{}, window)
	read := make(chan *row, 256)
	sendQ := make(chan *row, p.cfg.Concurrency)
	done := make(chan *row, 256)

	g.Go(func() error { defer close(read); return p.read(gctx, slots, read) })

	mappers := max(runtime.GOMAXPROCS(0), 1)
	mapDone := make(chan struct{})
	var mg errgroup.Group
	for range mappers {
		mg.Go(func() error { return p.mapRows(gctx, read, sendQ, done) })
	}
	g.Go(func() error { err := mg.Wait(); close(sendQ); close(mapDone); return err })

	senders := p.cfg.Concurrency
	if p.send == nil {
		senders = 1
	}
	var sg errgroup.Group
	for range senders {
		sg.Go(func() error { return p.sendRows(ctx, gctx, sendQ, done) })
	}
	g.Go(func() error {
		// On an error, return it at once: that cancels gctx, which is what
		// the mappers and the writer wait on.
		if err := sg.Wait(); err != nil {
			return err
		}
		<-mapDone
		close(done)
		return nil
	})

	g.Go(func() error { return p.write(gctx, w, slots, done) })
	return g.Wait()
}

// read streams the rows in order. A slot is taken per row and given back
// by the writer, which keeps the rows between them bounded.
func (p *pipeline) read(ctx context.Context, slots chan struct{}, out chan<- *row) error {
	var next func() (sheet.Row, mapping.Early, error)
	if p.sv.rows != nil {
		next = p.sv.rows.Next
	} else {
		f, err := open(p.cfg)
		if err != nil {
			return err
		}
		defer f.Close()
		next = func() (sheet.Row, mapping.Early, error) {
			rec, err := f.Next()
			return rec, mapping.Early{}, err // the mappers work it out
		}
	}
	for seq := 0; ; seq++ {
		rec, early, err := next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		rw := &row{seq: seq}
		var re *sheet.RowError
		switch {
		case errors.As(err, &re):
			rw.line, rw.source, rw.readErr, rw.cells = re.Line, re.Line, re, re.Cells
		case err != nil:
			return err
		default:
			rw.line, rw.source, rw.cells, rw.early = rec.Line, rec.Line, rec.Cells, early
		}
		if lay := p.sv.layout; lay.rerun() && (rw.readErr != nil || lay.sourceRow(rw.cells) <= 0) {
			if o, ok := p.state[rw.line]; ok && o.Source > 0 {
				rw.source = o.Source // as numbered before the interruption
			} else {
				rw.source = p.lastSource + 1
			}
			p.lastSource = max(p.lastSource, rw.source)
		}
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case out <- rw:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// write puts outcomes back into input order and writes them.
func (p *pipeline) write(ctx context.Context, w *results.Writer, slots chan struct{},
	done <-chan *row) error {
	waiting := map[int]*row{}
	next := 0
	for {
		var rw *row
		select {
		case r, ok := <-done:
			if !ok {
				if len(waiting) > 0 {
					return fmt.Errorf("internal error: %d rows never reached the results sheet",
						len(waiting))
				}
				return ctx.Err()
			}
			rw = r
		case <-ctx.Done():
			return ctx.Err()
		}
		waiting[rw.seq] = rw
		for {
			r, ok := waiting[next]
			if !ok {
				break
			}
			delete(waiting, next)
			next++
			if err := w.Write(p.record(r)); err != nil {
				return err
			}
			p.counts[r.status]++
			if r.queued && r.status == results.StatusCreated {
				p.createdNow++
			}
			if r.status == results.StatusCreated && r.sandboxID && p.cfg.DryRun {
				p.inSandbox++
			}
			if r.leftOut && r.status != results.StatusCreated {
				p.leftOut++
			}
			if r.status == results.StatusPending {
				p.unsent++
			}
			if p.cfg.Observer.Done != nil {
				p.cfg.Observer.Done(r.status)
			}
			<-slots
		}
	}
}

func (p *pipeline) record(r *row) results.Record {
	cells := r.cells
	if cells == nil {
		cells = make([]string, len(p.sv.layout.header))
	}
	return results.Record{Cells: cells, Status: r.status, ProfileID: sheetID(r.id, r.sandboxID),
		Error: r.reason, Hint: r.hint, GeneratedEmail: r.email, SourceRow: r.source}
}

func (p *pipeline) resultsSummary(sum *Summary) results.Summary {
	mapping := p.cfg.Mapping
	if mapping == "" {
		mapping = "automatic"
	}
	return results.Summary{Started: sum.Started, Finished: sum.Finished,
		Input: p.cfg.Input, Mapping: mapping, Flags: p.cfg.Flags}
}
