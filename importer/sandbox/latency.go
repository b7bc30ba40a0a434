package sandbox

import (
	"context"
	"sync/atomic"
	"time"
)

// maxEarly bounds how much earlier than asked the sandbox sets a latency
// timer. Go's runtime sleeps in whole milliseconds when the process has
// nothing else to run, so a timer fires up to about 1 ms late, and the
// answer is still to be made after it: about 1 ms on average on a 2-core
// machine under load, which is the sandbox's own doing and is made up for.
// Lateness beyond the bound comes from a machine too busy to keep time,
// and is left in.
const maxEarly = 2 * time.Millisecond

// clock holds answers back for their latency, and measures what it held.
//
// Without it a 20 ms latency held answers 20.5–21 ms on average, so the
// bound of concurrency ÷ latency that a client is measured against could
// not be reached by any client. The clock learns by how much answers have
// lately left after their timer fired (a moving average of the timer's
// lateness and the work after it) and sets each timer that much early, up
// to maxEarly, so that answers leave on average after the latency asked
// for. One answer may leave up to maxEarly before it.
type clock struct {
	late atomic.Int64 // from a timer's due time to the answer, lately, in ns
	held atomic.Int64 // from arrival to answer, summed over requests, in ns
}

// hold is one request's latency timer.
type hold struct {
	due time.Time // when the timer was set to fire; zero without a timer
}

// wait returns once d has passed since from (less the learnt lateness), or
// false at once if ctx ends first: the client went away.
func (c *clock) wait(ctx context.Context, h *hold, from time.Time, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	h.due = c.due(from, d)
	t := time.NewTimer(time.Until(h.due))
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		h.due = time.Time{} // nothing to learn from
		return false
	}
}

// due is when to fire the timer of an answer due d after from.
func (c *clock) due(from time.Time, d time.Duration) time.Time {
	early := min(time.Duration(c.late.Load()), maxEarly, d/2)
	return from.Add(d - early)
}

// answered learns from a request answered now: how late after its timer,
// and how long after its arrival.
func (c *clock) answered(h *hold, arrived time.Time) {
	now := time.Now()
	c.held.Add(int64(now.Sub(arrived)))
	if h.due.IsZero() {
		return
	}
	// A moving average over about the last 16 answers; an update lost to
	// a concurrent one changes nothing that matters.
	old := c.late.Load()
	c.late.CompareAndSwap(old, old+(int64(now.Sub(h.due))-old)/16)
}
