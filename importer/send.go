package importer

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"aniva-import/importer/api"
	"aniva-import/importer/journal"
	"aniva-import/importer/results"
)

// sender creates profiles, one row at a time per worker, and decides what
// each answer means for the row and for the run.
//
// A create is not idempotent, so a row is sent again only when the answer
// proves that no profile was made (429, a connection never made). Any answer
// that leaves it open (a timeout after the request was written, a 5xx)
// makes the row unknown: it is not resent unless the operator asks.
type sender struct {
	cfg  *Config
	jr   ledger
	pace *pacer

	active atomic.Int32 // calls of do under way

	mu         sync.Mutex
	stopped    error             // why no more rows are sent
	badGroups  map[string]string // profile group → why its rows are not sent
	unclear    []string          // groups refused by a 403 naming no cause
	serverErrs int               // server errors in a row
	unreached  int               // attempts in a row that reached no server
}

// ledger is the part of [journal.Journal] the sender writes to.
type ledger interface {
	Append(journal.Entry) error // returns once the entry is on disk
	Queue(journal.Entry) error  // returns at once; the next sync covers it
	Sync() error
}

func newSender(cfg *Config, jr ledger) *sender {
	return &sender{cfg: cfg, jr: jr, pace: newPacer(cfg.Rate), badGroups: map[string]string{}}
}

func (s *sender) stopCause() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopped
}

func (s *sender) stop(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped == nil {
		s.stopped = err
	}
}

// do sends rw until its outcome is decided, and journals each step. Its
// error is for the run (the journal cannot be written), never for the row.
//
// A row's "done" entry is queued, not synced: the next "send" entry's sync
// covers it, so a request costs one sync instead of two. The results sheet
// becomes final only after every call of do has returned, so the last call
// to return syncs whatever the others left queued: the sheet never states
// an outcome that a crash of the machine could take back.
func (s *sender) do(feed context.Context, rw *row, key string) (err error) {
	s.active.Add(1)
	defer func() {
		if s.active.Add(-1) == 0 && err == nil {
			err = s.jr.Sync()
		}
	}()
	for attempt := 1; ; attempt++ {
		if s.held(rw) {
			return s.done(rw)
		}
		if err := s.pace.Wait(feed); err != nil {
			rw.pending("not sent: the run was interrupted")
			return nil
		}
		if s.held(rw) {
			return s.done(rw)
		}
		send := journal.Entry{Row: rw.line, Source: rw.source, Event: journal.EventSend,
			Hash: rw.hash, Attempt: attempt}
		if err := s.jr.Append(send); err != nil {
			rw.pending("not sent: the journal could not be written")
			return err
		}
		// In-flight requests finish even after a Ctrl-C: the client's own
		// timeout bounds them.
		res := s.cfg.Client.Create(context.Background(), rw.body, key)
		wait, retry := s.judge(rw, res, attempt)
		if err := s.done(rw); err != nil || !retry {
			return err
		}
		if s.cfg.Observer.Retry != nil {
			s.cfg.Observer.Retry(rw.line, attempt, wait, rw.reason)
		}
		if !sleep(feed, wait) {
			rw.pending("not sent: the run was interrupted during a retry wait")
			return nil
		}
	}
}

// held reports whether rw must not be sent because of what earlier rows
// found out, and gives it its outcome if so.
func (s *sender) held(rw *row) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped != nil {
		rw.pending("not sent: " + s.stopped.Error())
		return true
	}
	if why, bad := s.badGroups[rw.group]; bad {
		rw.status, rw.reason = results.StatusRejected, why+" (not sent)"
		rw.hint = groupHint
		return true
	}
	return false
}

const groupHint = "check the profile group slug (the column or --group) and that the API key may use it"

func (s *sender) done(rw *row) error {
	return s.jr.Queue(journal.Entry{Row: rw.line, Source: rw.source, Event: journal.EventDone,
		Hash: rw.hash, Status: rw.status, ID: rw.id, Email: rw.email, Error: rw.reason})
}

// judge turns an answer into the row's status, and tells whether and when
// to try again.
func (s *sender) judge(rw *row, res api.Result, attempt int) (time.Duration, bool) {
	s.mu.Lock()
	if res.Outcome != api.Ambiguous {
		s.serverErrs = 0
	}
	if res.Status != 0 {
		s.unreached = 0
	}
	s.mu.Unlock()
	switch res.Outcome {
	case api.Created:
		s.pace.Succeeded()
		rw.status, rw.id, rw.reason = results.StatusCreated, res.ID, ""
		rw.sandboxID = s.cfg.API == SandboxAPI
		if !rw.hasEmail {
			rw.email = res.Email // the one Aniva made up; the operator needs it
		}
		rw.hint = dupOnly(rw.hint)
	case api.Rejected:
		s.pace.Succeeded()
		rw.status, rw.reason = results.StatusRejected, describe(res)
		rw.hint = rejectHint(res)
		if res.GroupProblem {
			s.markGroup(rw, res)
		}
	case api.Fatal:
		rw.pending("not sent: " + describe(res))
		s.stop(fmt.Errorf("%w: %s", ErrFatal, describe(res)))
	case api.Ambiguous:
		rw.status, rw.reason, rw.hint = results.StatusUnknown, describe(res), hintUnknown
		if !strings.Contains(rw.reason, "may") {
			rw.reason += ": the profile may have been created"
		}
		s.serverError(res)
	default: // api.NotCreated: certainly not created, safe to send again
		rw.status, rw.reason = results.StatusFailed, describe(res)
		if res.Status == http.StatusTooManyRequests {
			return s.throttled(rw, res)
		}
		if s.unreachable(res) {
			rw.pending("not sent: " + describe(res))
			return 0, false
		}
		rw.failures++
		if rw.failures >= s.cfg.MaxAttempts {
			rw.reason = fmt.Sprintf("not created after %d attempts: %s", attempt, describe(res))
			rw.hint = hintFailed
			return 0, false
		}
		return backoff(rw.failures, s.cfg.Backoff, res.RetryAfter), true
	}
	return 0, false
}

// unreachable counts attempts that reached no server at all, and stops
// the run when the API has not answered a good many of them in a row:
// retrying every row against a host that is down only costs hours.
func (s *sender) unreachable(res api.Result) bool {
	if res.Status != 0 {
		return false
	}
	s.mu.Lock()
	s.unreached++
	n := s.unreached
	s.mu.Unlock()
	if n < 2*s.cfg.MaxAttempts {
		return false
	}
	s.stop(fmt.Errorf("%w: the API could not be reached (%d attempts in a row): %s",
		ErrFatal, n, describe(res)))
	return true
}

const hintFailed = "nothing was created; rerun later (the row is sent again)"

// throttled handles a 429. The shared pacer slows the whole pool, so the
// row itself only waits out Retry-After (with a little jitter, so that rows
// refused together do not return together) instead of backing off ever
// longer; a server that keeps refusing still ends the row after a bound.
func (s *sender) throttled(rw *row, res api.Result) (time.Duration, bool) {
	s.pace.Slow()
	rw.throttles++
	if rw.throttles >= 4*s.cfg.MaxAttempts {
		rw.reason = fmt.Sprintf("not created: refused %d times as too many requests: %s",
			rw.throttles, describe(res))
		rw.hint = hintFailed
		return 0, false
	}
	wait := max(res.RetryAfter, s.cfg.Backoff)
	return wait + time.Duration(rand.Float64()*0.2*float64(wait)), true
}

// refusedUnclearly lists the groups a 403 naming no cause refused; nil for
// a dry run.
func (s *sender) refusedUnclearly() []string {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.unclear)
}

func (s *sender) markGroup(rw *row, res api.Result) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if res.Unclear403 && !slices.Contains(s.unclear, rw.group) {
		s.unclear = append(s.unclear, rw.group)
	}
	if _, ok := s.badGroups[rw.group]; !ok {
		s.badGroups[rw.group] = fmt.Sprintf("profile group %q: %s (answered for row %d)",
			rw.group, describe(res), rw.line)
	}
}

// serverError counts answers in a row that leave the profile in doubt (a
// server error, a timeout, a dropped connection): a short run pauses the
// pool, a long one stops the run, leaving the rest pending. The messages
// name the last one, and --timeout when it was a timeout.
func (s *sender) serverError(res api.Result) {
	s.mu.Lock()
	s.serverErrs++
	n := s.serverErrs
	s.mu.Unlock()
	what := fmt.Sprintf("%d requests in a row ended in doubt (the last: %s)", n, describe(res))
	if strings.Contains(what, "timed out") {
		what += "; if the API is only slow, a longer --timeout helps"
	}
	switch {
	case n >= s.cfg.ServerErrorStop:
		s.stop(fmt.Errorf("%w: %s", ErrFatal, what))
	case n%s.cfg.ServerErrorPause == 0:
		s.pace.Hold(s.cfg.Pause)
		if s.cfg.Observer.Warn != nil {
			s.cfg.Observer.Warn(fmt.Sprintf("%s: pausing for %s", what, s.cfg.Pause))
		}
	}
}

// describe is one line saying what the API answered. The client's reason
// already names the status where it matters.
func describe(res api.Result) string {
	switch {
	case res.Reason != "":
		return res.Reason
	case res.Err != nil:
		return res.Err.Error()
	case res.Status != 0:
		return fmt.Sprintf("HTTP %d", res.Status)
	}
	return "no answer"
}

func rejectHint(res api.Result) string {
	switch {
	case res.Unclear403:
		return groupHint + "; if every group is refused, the key may lack the CREATE_USER scope"
	case res.GroupProblem:
		return groupHint
	case res.Status == http.StatusBadRequest:
		return "fix the cells of the fields named in import_error, then rerun this sheet"
	}
	return ""
}

// dupOnly keeps a duplicate note and drops hints that no longer apply.
func dupOnly(hint string) string {
	for _, mark := range []string{dupMark, emailMark} {
		if i := strings.Index(hint, mark); i >= 0 {
			return hint[i:]
		}
	}
	return ""
}

// backoff scales the API's standard schedule to the configured first
// delay, so that tests can run the same schedule fast.
func backoff(attempt int, first, retryAfter time.Duration) time.Duration {
	d := api.Backoff(attempt, 0, rand.Float64) * first / api.BackoffBase
	return max(d, retryAfter)
}

func (rw *row) pending(reason string) {
	rw.status, rw.reason = results.StatusPending, reason
	rw.hint = "no profile was created for this row; run the same command again to continue"
}

// sleep waits d, or less if ctx ends first; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
