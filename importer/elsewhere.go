package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"aniva-import/importer/internal/filelock"
	"aniva-import/importer/journal"
	"aniva-import/importer/results"
	"aniva-import/mapping"
)

// sentBefore is what the other journals beside the input and the results
// know of one request body: a patient another file already sent.
type sentBefore struct {
	journal string // the journal that records it
	api     string // the API that run sent to, as its journal names it
	row     int    // its row in that run's original input
	id      string // the profile's id when created
	email   string
	// maybe is true when the profile may exist: the request was in
	// flight or its answer proved nothing, or the journal does not name
	// its API, so its id may belong to another API.
	maybe bool
	// sandboxID is set when the sandbox made id.
	sandboxID bool
}

// where names the row and the run that sent it, for messages.
func (b sentBefore) where() string {
	return "row " + strconv.Itoa(b.row) + " of the run whose journal is " + b.journal
}

// sentElsewhere gathers, from every other journal beside the input and the
// results, the request bodies that created a profile or may have: a fixed
// copy of a list saved under a new name, or a results sheet stripped of
// its status columns, holds rows those runs already sent, and the API has
// no idempotency to catch them. Rows are matched by their exact request
// body (its hash), so an edited row is sent. Journals of another API are
// left out (a dry run, which has none, reads them all); --restart leaves
// them all out but for their row numbers.
//
// A journal another run holds open stops the run (a dry run skips it): its
// rows are being sent as this run reads it. So does one that cannot be
// read, whose rows could otherwise be sent again.
//
// Nearby also holds the highest original row number any of the journals
// names, and the journals of earlier cleaning rules.
func sentElsewhere(cfg *Config, own string) (nearby, error) {
	api := normalAPI(cfg.API)
	var n nearby
	for _, path := range nearbyJournals(own, cfg.Input, cfg.Out) {
		h, st, err := loadIdle(path)
		if err == nil {
			for row, o := range st {
				n.maxSource = max(n.maxSource, row, o.Source)
			}
		}
		switch {
		case cfg.Restart:
			continue // numbers only
		case errors.Is(err, os.ErrNotExist):
			continue // removed since the listing
		case cfg.DryRun && err != nil:
			continue // a dry run sends nothing: it shows what it can
		case errors.Is(err, journal.ErrBusy):
			return n, setupErr(fmt.Errorf("%s is in use by another run: wait for it to "+
				"finish, as this run could send the same patients at the same time", path))
		case err != nil:
			return n, unreadableJournal(err)
		case !cfg.DryRun && h.API != "" && h.API != api:
			continue // a dry run names no API: it shows what any journal knows
		}
		older := h.Rules < mapping.Rules
		for row, o := range st {
			created := o.Status == results.StatusCreated && o.ID != ""
			maybe := o.InFlight || o.Status == results.StatusUnknown ||
				o.Status == results.StatusCreated && o.ID == ""
			if o.Hash == "" || !created && !maybe {
				continue
			}
			if older && !slices.Contains(n.older, path) {
				n.older = append(n.older, path)
			}
			if n.sent == nil {
				n.sent = map[string]sentBefore{}
			}
			if old, ok := n.sent[o.Hash]; ok && !old.maybe {
				continue // a creation known for sure outranks a maybe
			}
			src := o.Source
			if src == 0 {
				src = row
			}
			n.sent[o.Hash] = sentBefore{journal: path, api: h.API, row: src, id: o.ID,
				email: o.Email, maybe: maybe || h.API == "",
				sandboxID: h.API == SandboxAPI && !o.Foreign}
		}
	}
	return n, nil
}

// nearby is what the journals around a run's input and results know.
type nearby struct {
	sent map[string]sentBefore // request bodies sent, by hash
	// maxSource is the highest original row number any journal names, of
	// any API and with --restart too: a row added to a results sheet is
	// numbered above it, so that it never takes the number of a row that
	// an earlier sheet of the chain held and a later one dropped.
	maxSource int
	// older lists the journals written under earlier cleaning rules
	// ([mapping.Rules]) that sent rows: this run may write some of their
	// requests differently, and not know them.
	older []string
}

// olderRulesNote warns that rows sent under earlier cleaning rules may go
// unrecognised in a copy of their list.
func (n nearby) olderRulesNote() string {
	if len(n.older) == 0 {
		return ""
	}
	return fmt.Sprintf("%s was written by an earlier version of aniva-import that cleaned some "+
		"values differently (hyphens and apostrophes in names, email domains, decimals of "+
		"weights): a row it sent that holds such values is not recognised in a copy of its "+
		"list, and would be sent again. Import that run's results sheet rather than a copy of "+
		"the list",
		strings.Join(n.older, ", "))
}

// unreadableJournal refuses a run because of a journal that cannot be
// read. --restart is not offered: it would send every row again, the
// created ones too.
func unreadableJournal(err error) error {
	return setupErr(fmt.Errorf("%w: nothing was sent, as rows it records could be sent "+
		"again. Repair the journal (a damaged line added by mistake can be removed, a file "+
		"made unreadable made readable again), or move it away if it belongs to none of "+
		"these patients", err))
}

// journalList is the file beside an input that names the journals of its
// runs whose results went to another folder (--out), so that a later run
// of the input, or of a copy beside it, finds them.
func journalList(input string) string {
	return filepath.Join(filepath.Dir(input), "."+filepath.Base(input)+".journals")
}

// listJournal adds the journal at path to the input's journal list, unless
// it lies beside the input, where every run looks anyway.
func listJournal(input, path string) error {
	dir, err1 := filepath.Abs(filepath.Dir(input))
	abs, err2 := filepath.Abs(path)
	if err := errors.Join(err1, err2); err != nil || filepath.Dir(abs) == dir {
		return err
	}
	list := journalList(input)
	data, err := os.ReadFile(list)
	if err == nil && slices.Contains(strings.Split(string(data), "\n"), abs) {
		return nil
	}
	f, err := os.OpenFile(list, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(abs + "\n")
	return errors.Join(err, f.Close())
}

// nearbyJournals lists, as absolute paths, the journals beside files and
// those their folders' journal lists name, all but own.
func nearbyJournals(own string, files ...string) []string {
	seen := map[string]bool{}
	if a, err := filepath.Abs(own); err == nil {
		seen[a] = true
	}
	var out []string
	add := func(path string) {
		if a, err := filepath.Abs(path); err == nil && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, f := range files {
		dir := filepath.Dir(f)
		found, _ := filepath.Glob(filepath.Join(dir, "*.journal"))
		for _, path := range found {
			add(path)
		}
		lists, _ := filepath.Glob(filepath.Join(dir, ".*.journals"))
		for _, list := range lists {
			data, err := os.ReadFile(list)
			if err != nil {
				continue
			}
			for _, path := range strings.Split(string(data), "\n") {
				if _, err := os.Stat(path); path != "" && err == nil {
					add(path)
				}
			}
		}
	}
	return out
}

// loadIdle loads the journal at path unless a run holds it open, which it
// tells with [journal.ErrBusy].
func loadIdle(path string) (journal.Header, journal.State, error) {
	f, err := os.Open(path)
	if err != nil {
		return journal.Header{}, nil, err
	}
	defer f.Close() // and with it the lock
	if filelock.Lock(f) != nil {
		return journal.Header{}, nil, journal.ErrBusy
	}
	h, st, err := journal.Load(path)
	if err != nil {
		return h, st, fmt.Errorf("journal %s cannot be read: %w", path, err)
	}
	return h, st, nil
}

// alreadySent reports whether another run already sent rw's very request,
// and if so gives rw that run's outcome instead of sending it again.
func (p *pipeline) alreadySent(rw *row) bool {
	prev, ok := p.elsewhere[rw.hash]
	if !ok {
		return false
	}
	where := prev.where()
	if prev.maybe {
		if p.cfg.RetryUnknown {
			return false
		}
		rw.status = results.StatusUnknown
		rw.reason = "the same request was sent by " + where + ", which may have created the profile"
		rw.hint = hintUnknown
	} else {
		rw.status, rw.id, rw.email = results.StatusCreated, prev.id, prev.email
		rw.sandboxID = prev.sandboxID
		rw.hint = "created by " + where + "; not sent again"
	}
	p.keep(rw)
	return true
}
