package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"aniva-import/importer/journal"
	"aniva-import/importer/results"
	"aniva-import/mapping"
)

// mapRows decides each row's fate: carried over from an earlier run,
// invalid, valid (in a dry run), or queued to be sent.
func (p *pipeline) mapRows(ctx context.Context, in <-chan *row, sendQ, done chan<- *row) error {
	for rw := range in {
		if b := p.before(rw); b != nil {
			// Rows are mapped on several goroutines: wait for the fate of
			// the copy before, which the reader handed out earlier.
			select {
			case <-b.done:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		out := done
		queued := p.prepare(rw)
		if queued {
			rw.queued = true
			out = sendQ
		}
		p.settle(rw, queued)
		select {
		case out <- rw:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// prepare fills in rw and reports whether it is to be sent.
func (p *pipeline) prepare(rw *row) bool {
	lay := p.sv.layout
	if rw.readErr != nil {
		rw.status, rw.reason = results.StatusInvalid, rw.readErr.Error()
		rw.hint = "fix the row in the file, or save the file again from a spreadsheet program"
		if rw.cells != nil {
			// The row's text as split at the delimiter, to fix here: any
			// earlier outcome columns it held are not this row's now.
			raw := rw.cells
			own, extra := lay.split(raw, lay.rerun())
			rw.cells = own
			if countNonEmpty(extra) > 0 {
				rw.cells = append(own, extra...)
			}
			rw.hint = "fix the row's cells here and import this sheet again (remove the stray " +
				"quote; where it split a cell, join the pieces and delete the cells left over " +
				"at the end of the row), or fix the row in the file"
			if lay.rerun() {
				p.createdBefore(rw, raw)
			}
		}
		return false
	}
	raw := rw.cells
	own, extra := lay.split(raw, lay.rerun())
	rw.cells = own
	if n := countNonEmpty(extra); n > 0 {
		// Kept after the status columns, so nothing the row held is lost.
		rw.cells = append(own, extra...)
	}
	if lay.rerun() {
		rw.before = p.fromSheet(lay.earlier(raw))
		if rw.before.source > 0 {
			rw.source = rw.before.source
		}
	}
	if p.carry(rw) {
		if rw.status == results.StatusCreated {
			p.noteDuplicate(rw, false) // the summary counts it; the sheet should show it
		}
		return false
	}
	prof, errs := p.sv.plan.MapEarly(own, rw.early)
	if n := countNonEmpty(extra); n > 0 {
		// First: a delimiter in an unquoted cell shifts every cell after
		// it, and the errors of those cells follow from this one.
		cells := "cells"
		if n == 1 {
			cells = "cell"
		}
		errs = append([]mapping.FieldError{{Rule: fmt.Sprintf(
			"the row has %d more %s than the header has columns", n, cells),
			Hint: "if a cell holds the delimiter, quote that cell; else remove the extra cells " +
				"or add a header for them (they are not sent)"}}, errs...)
	}
	if len(errs) > 0 {
		rw.status = results.StatusInvalid
		rw.reason, rw.hint = joinErrors(errs)
		p.noteDuplicate(rw, false)
		return false
	}
	// The request identifies the row to the journals; a dry run that no
	// journal can speak to skips making it, and its hash, for nothing.
	var body []byte
	var hash string
	if !p.cfg.DryRun || p.elsewhere != nil || rw.created != nil {
		body, _ = json.Marshal(prof)
		hash = bodyHash(body)
	}
	if p.sentAs(rw, hash) {
		p.noteDuplicate(rw, false)
		return false
	}
	if p.noteDuplicate(rw, p.cfg.SkipDuplicates) {
		return false
	}
	if p.cfg.DryRun {
		rw.status = results.StatusValid
		if p.elsewhere != nil {
			if prev, ok := p.elsewhere[hash]; ok {
				rw.hint = joinNonEmpty(rw.hint, "already sent to "+apiName(prev.api)+
					" by "+prev.where()+": a run against "+apiName(prev.api)+
					" does not send it again; a run against any other API does")
			}
		}
		return false
	}
	rw.body, rw.hash = body, hash
	rw.group = prof.ProfileGroupSlug
	rw.hasEmail = prof.Email != ""
	return !p.alreadySent(rw)
}

// createdBefore keeps an unreadable row of a results sheet created when
// what can be read of it shows the profile an earlier run made for it: its
// source_row that the sheet's journal records as created, or its own
// created status and id. Its cells may be garbled, but it must not lose
// the profile, or a later edit would send the patient again. The stray
// quote may sit in any of those cells: [layout.earlier] reads them without.
func (p *pipeline) createdBefore(rw *row, raw []string) {
	e := p.fromSheet(p.sv.layout.earlier(raw))
	o, inPrior := p.prior[e.source]
	switch {
	case e.source > 0 && inPrior && o.Status == results.StatusCreated && o.ID != "" &&
		(e.id == "" || e.id == o.ID):
		rw.id, rw.email, rw.hash = o.ID, o.Email, o.Hash
		rw.sandboxID = p.priorSandbox && !o.Foreign
	case e.source > 0 && e.status == results.StatusCreated && e.id != "":
		rw.id, rw.email, rw.sandboxID = e.id, e.email, e.sandboxID
	default:
		return
	}
	rw.status, rw.source = results.StatusCreated, e.source
	rw.hint = "created by an earlier run, so not sent again, although the row cannot be read (" +
		rw.reason + "); fix the quote to keep the sheet readable"
	rw.reason = ""
	p.keep(rw)
}

const sharedIDHint = "keep profile_id and the created status on the row of the patient it " +
	"belongs to; on a row copied to add a patient, empty import_status, profile_id and " +
	"source_row; on the row of a patient created before, write that patient's own profile_id"

// idOfOther reports whether the journal of the run that wrote the sheet
// created rw's profile_id for another source_row. Its index by id is built
// once, and only when a row asks.
func (p *pipeline) idOfOther(rw *row) bool {
	p.priorIDsOnce.Do(func() {
		for src, o := range p.prior {
			if o.Status == results.StatusCreated && o.ID != "" {
				if p.priorIDs == nil {
					p.priorIDs = map[string]int{}
				}
				p.priorIDs[strings.ToLower(o.ID)] = src
			}
		}
	})
	src, ok := p.priorIDs[strings.ToLower(rw.before.id)]
	return ok && src != rw.before.source
}

// bodyHash names a request body in journals.
func bodyHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:8])
}

// sandboxMark begins the profile_id of a row created in the sandbox, in
// the results sheet only: the sheet may outlive the journal that names its
// API, and a real run must not take a sandbox id for a patient created on
// Aniva (the patient would never be sent).
const sandboxMark = "sandbox:"

// fromSheet reads an earlier outcome as this run's API sees it: created in
// the sandbox is created for a sandbox run, and not yet sent for any other.
// A dry run, which has no API, shows it as it is, still marked.
func (p *pipeline) fromSheet(e earlier) earlier {
	id, marked := strings.CutPrefix(e.id, sandboxMark)
	switch {
	case !marked:
	case p.cfg.API == SandboxAPI || p.cfg.DryRun:
		e.id, e.sandboxID = id, true
	default:
		e.status, e.id, e.email, e.err = "", "", "", ""
		e.hint = "created only in the sandbox by an earlier run"
	}
	return e
}

// sheetID is the profile_id a results sheet shows for id, marked when the
// sandbox made it. Only the record an id comes from says so: a sandbox
// run also carries ids that a real run made, which stay unmarked.
func sheetID(id string, sandbox bool) string {
	if id == "" || !sandbox {
		return id
	}
	return sandboxMark + id
}

func countNonEmpty(cells []string) int {
	n := 0
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			n++
		}
	}
	return n
}

// carry reports whether the row keeps an earlier outcome instead of being
// processed: created rows are never sent twice, rows that may exist are
// not resent unless asked, and --only leaves other rows as they were.
//
// Three records can speak for a row, most trusted first: this run's own
// journal (a resumed run), the journal of the run that wrote the results
// sheet being read (a sheet may be stale, or edited by hand), and the
// sheet's own status columns. Rows the journals cannot place are matched
// by request body against every journal beside the files ([sentElsewhere]).
func (p *pipeline) carry(rw *row) bool {
	own, inOwn := p.state[rw.line]
	// The earlier run's journal knows rows by their source_row: a row
	// without one was added to the sheet since, and is none of its rows.
	var prior journal.Outcome
	inPrior := false
	if rw.before.source > 0 {
		prior, inPrior = p.prior[rw.before.source]
	}
	// A row whose sheet does not show the creation its journal records may
	// be a stale row of that patient, or a copy of the row made to add a
	// new patient (source_row comes along): its request tells which, once
	// mapped (see [pipeline.sentAs]). So does a row whose source_row other
	// rows carry too: a copy may keep the status and id as well.
	// (A sandbox id a real run does not take is no id here.)
	sharedID := p.sv.sharedID[rw.line] && rw.before.id != ""
	confirmed := rw.before.status == results.StatusCreated && rw.before.id == prior.ID &&
		!p.sv.sharedSource[rw.before.source] && !sharedID
	switch {
	case inOwn && own.Status == results.StatusCreated:
		rw.status, rw.id, rw.email = results.StatusCreated, own.ID, own.Email
		rw.sandboxID = p.cfg.API == SandboxAPI && !own.Foreign // this run's own journal: its API
		return true
	case inPrior && prior.Status == results.StatusCreated && !confirmed && prior.Hash != "":
		rw.created = &prior
		return false
	case inPrior && prior.Status == results.StatusCreated:
		rw.status, rw.id, rw.email = results.StatusCreated, prior.ID, prior.Email
		rw.hash, rw.sandboxID = prior.Hash, p.priorSandbox && !prior.Foreign
		p.keep(rw)
		return true
	case sharedID && !(inOwn && own.Status != ""):
		// Another row carries this profile_id too, and no journal tells
		// which is the patient it belongs to: neither is taken for created
		// nor sent, until the sheet says.
		rw.status, rw.id, rw.sandboxID = results.StatusUnknown, rw.before.id, rw.before.sandboxID
		rw.reason = "other rows of this sheet carry this profile_id too"
		rw.hint = sharedIDHint
		return true
	case rw.before.status == results.StatusCreated && rw.before.id != "" && p.idOfOther(rw):
		// The journal of the run that wrote the sheet made this profile
		// for another row: a copy whose source_row was changed or emptied.
		rw.status, rw.id, rw.sandboxID = results.StatusUnknown, rw.before.id, rw.before.sandboxID
		rw.reason = "the run that wrote this sheet created this profile_id for another row"
		rw.hint = sharedIDHint
		return true
	case rw.before.status == results.StatusCreated && rw.before.id != "":
		rw.status, rw.id, rw.email = results.StatusCreated, rw.before.id, rw.before.email
		rw.sandboxID = rw.before.sandboxID
		p.keep(rw)
		return true
	case rw.before.id != "" && !(inOwn && own.Status != ""):
		// An id typed into a row that is not created, half of the advice
		// for unknown rows: the operator found a profile, which sending
		// would duplicate. The row waits for the other half.
		rw.status, rw.id, rw.sandboxID = results.StatusUnknown, rw.before.id, rw.before.sandboxID
		rw.reason = fmt.Sprintf("the row holds a profile_id, but its import_status is %q",
			rw.before.status)
		if rw.before.status == "" {
			rw.reason = "the row holds a profile_id, but no import_status"
		}
		rw.hint = "if that is this patient's profile, set import_status to created; to send " +
			"the row instead, empty profile_id"
		return true
	}
	decided := inOwn && (own.Status != "" || own.InFlight)
	why, maybe := p.mayExist(rw, own, decided, prior, inPrior)
	// --retry-unknown resends what earlier runs left unknown, once: a
	// resumed run does not resend what its own requests left unknown, nor
	// does a row whose source_row other rows carry (a row pasted again,
	// beside the one whose profile the operator has since found).
	copied := rw.before.source > 0 && p.sv.sharedSource[rw.before.source]
	if maybe && (!p.cfg.RetryUnknown || decided || copied) {
		rw.status, rw.reason, rw.hint = results.StatusUnknown, why, hintUnknown
		if copied && p.cfg.RetryUnknown && !decided {
			rw.reason += fmt.Sprintf("; other rows carry source_row %d too, so it is not resent",
				rw.before.source)
			rw.hint = "keep one row for this patient (the one with its profile_id if it was " +
				"found), then rerun with --only unknown --retry-unknown"
		}
		if !decided {
			p.keep(rw)
		}
		return true
	}
	if len(p.cfg.Only) == 0 {
		return false
	}
	prev := rw.before.status
	switch {
	case inOwn && own.Status != "":
		prev = own.Status
	case inPrior && prior.Status != "":
		prev = prior.Status
	}
	if slices.Contains(p.cfg.Only, prev) {
		return false
	}
	rw.status, rw.id, rw.email = prev, rw.before.id, rw.before.email
	rw.sandboxID = rw.before.sandboxID
	rw.reason, rw.hint = rw.before.err, rw.before.hint
	if rw.status == "" {
		rw.status = results.StatusPending
	}
	rw.leftOut = true
	return true
}

// keep records in this run's journal an outcome carried over from an
// earlier run's journal or sheet, created or maybe created: a later run
// fed this run's sheet reads this journal only, and must not send the row
// again even if the sheet is edited. A failed write is not lost: the
// journal keeps the error, and Run syncs it before the sheet is final.
func (p *pipeline) keep(rw *row) {
	if p.jr == nil {
		return // a dry run writes no journal
	}
	_ = p.jr.Queue(journal.Entry{Row: rw.line, Source: rw.source, Event: journal.EventDone,
		Hash: rw.hash, Status: rw.status, ID: rw.id, Email: rw.email, Error: rw.reason,
		Foreign: rw.id != "" && rw.sandboxID != (p.cfg.API == SandboxAPI)})
}

// sentAs settles a row the earlier run's journal records as created while
// its sheet does not: the same request is that patient, carried over as
// created; another one is held back, as it may be a stale row edited
// since (sending it would create the patient twice) or a copied row for a
// new patient (carrying it would lose them). It reports whether the row
// is settled; a row that is neither keeps going.
func (p *pipeline) sentAs(rw *row, hash string) bool {
	c := rw.created
	if c == nil {
		return false
	}
	if hash == c.Hash {
		rw.status, rw.id, rw.email = results.StatusCreated, c.ID, c.Email
		rw.hash, rw.sandboxID = hash, p.priorSandbox && !c.Foreign
		p.keep(rw)
		return true
	}
	id := sheetID(c.ID, p.priorSandbox && !c.Foreign)
	rw.status = results.StatusInvalid
	rw.reason = fmt.Sprintf("the run that wrote this sheet created source_row %d as profile %s, "+
		"but this row's values differ from what it sent", rw.source, id)
	rw.hint = fmt.Sprintf("if this is that patient, set import_status to created and profile_id "+
		"to %s; if it is a new patient, empty its source_row", id)
	if p.sv.sharedSource[rw.source] {
		rw.reason += fmt.Sprintf(", and other rows carry source_row %d too", rw.source)
		rw.hint = "if this is a new patient (a copied row), empty its source_row, " +
			"import_status and profile_id; if it is that patient, keep only one of its rows"
	}
	return true
}

// mayExist tells whether an earlier request for the row may have created
// its profile, and says why. A decision of this run's own journal stands
// over the older records.
func (p *pipeline) mayExist(rw *row, own journal.Outcome, decided bool, prior journal.Outcome,
	inPrior bool) (string, bool) {
	const why = "an earlier request for this row may have created the profile"
	switch {
	case decided:
		return why + detail(own.Error), own.InFlight || own.Status == results.StatusUnknown
	case inPrior && (prior.InFlight || prior.Status == results.StatusUnknown):
		return why + detail(prior.Error), true
	case rw.before.status == results.StatusUnknown:
		return why + detail(rw.before.err), true
	case rw.before.status == results.StatusCreated:
		return "the sheet says created, but its profile_id is empty: the profile exists", true
	}
	return "", false
}

func detail(s string) string {
	if s == "" || strings.HasPrefix(s, "an earlier request") {
		return ""
	}
	return " (" + s + ")"
}

const hintUnknown = "check on the platform whether this patient exists: if so, put its id " +
	"in profile_id and set import_status to created; if not, rerun this sheet with " +
	"--only unknown --retry-unknown"

// fate is what became of one copy of a person, for --skip-duplicates: a
// copy is skipped when an earlier copy is kept (sent, valid in a dry run,
// created or maybe created), and sent when none is, as when the first copy
// is invalid and a later one is good.
type fate struct {
	done chan struct{} // closed once the fields below are set
	// keeper is the line of the first kept copy up to this one, 0 if none.
	keeper int
}

// copies holds, for --skip-duplicates, a fate for every copy of a person
// and, for each later copy, the copy before it, whose fate it waits for.
type copies struct {
	fate map[int]*fate
	prev map[int]int
}

func newCopies(sv *survey) copies {
	groups := map[int][]int{}
	for line, first := range sv.sameOf {
		if first < line {
			groups[first] = append(groups[first], line)
		}
	}
	c := copies{fate: map[int]*fate{}, prev: map[int]int{}}
	for first, later := range groups {
		slices.Sort(later)
		c.fate[first] = &fate{done: make(chan struct{})}
		prev := first
		for _, l := range later {
			c.fate[l] = &fate{done: make(chan struct{})}
			c.prev[l] = prev
			prev = l
		}
	}
	return c
}

// before is the fate of the copy before rw, which rw must wait for.
func (p *pipeline) before(rw *row) *fate {
	if prev, ok := p.copies.prev[rw.line]; ok {
		return p.copies.fate[prev]
	}
	return nil
}

// settle records rw's fate, for the copies after it.
func (p *pipeline) settle(rw *row, queued bool) {
	f := p.copies.fate[rw.line]
	if f == nil {
		return
	}
	if b := p.before(rw); b != nil && b.keeper != 0 {
		f.keeper = b.keeper
	} else if queued || rw.status == results.StatusValid || rw.status == results.StatusCreated ||
		rw.status == results.StatusUnknown {
		f.keeper = rw.line
	}
	close(f.done)
}

// The notes noteDuplicate adds to a row's hint, before a row number.
const (
	dupMark   = "possible duplicate of "
	emailMark = "shares its email with "
)

// noteDuplicate marks a row that shares a name and birth date, or an
// email, with another row, and reports whether it is skipped: only a row
// that is the same person as an earlier one, not one that only shares an
// email with it.
func (p *pipeline) noteDuplicate(rw *row, skip bool) bool {
	other, ok := p.sv.dupOf[rw.line]
	if !ok {
		return false
	}
	same, person := p.sv.sameOf[rw.line]
	note := dupMark + p.sv.rowName(same)
	if !person {
		note = emailMark + p.sv.rowName(other)
	}
	if b := p.before(rw); skip && person && b != nil && b.keeper != 0 {
		rw.status, rw.reason = results.StatusDuplicate, dupMark+p.sv.rowName(b.keeper)
		rw.hint = "not sent (--skip-duplicates); remove the row or rerun without the flag"
		return true
	}
	rw.hint = joinNonEmpty(rw.hint, note)
	return false
}

func joinErrors(errs []mapping.FieldError) (reason, hint string) {
	var rs, hs []string
	for _, e := range errs {
		rs = append(rs, e.Error())
		if e.Hint != "" && !slices.Contains(hs, e.Hint) {
			hs = append(hs, e.Hint)
		}
	}
	return strings.Join(rs, "; "), strings.Join(hs, "; ")
}

func joinNonEmpty(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// idempotencyKey is stable for one row of one input with one body, so a
// resent request (--retry-unknown) carries the key of the first.
func idempotencyKey(source string, row int, body []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "aniva-import/1\x00%s\x00%d\x00", source, row)
	h.Write(body)
	var b [16]byte
	copy(b[:], h.Sum(nil))
	b[6] = b[6]&0x0f | 0x50 // a name-based UUID, so servers that expect one accept it
	b[8] = b[8]&0x3f | 0x80
	return uuid.UUID(b).String()
}

// sendRows creates the queued rows.
func (p *pipeline) sendRows(feed, ctx context.Context, in <-chan *row, done chan<- *row) error {
	for rw := range in {
		if err := p.send.do(feed, rw, idempotencyKey(p.source, rw.source, rw.body)); err != nil {
			return err
		}
		select {
		case done <- rw:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
