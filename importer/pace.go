package importer

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacer is the one rate limit every request of a run waits on. On a 429 it
// sets the whole pool to a little under the rate at which the API has just
// been answering, then probes upwards slowly, so the pool settles just under
// the server's limit instead of sawing between bursts and holds.
type pacer struct {
	lim     *rate.Limiter
	ceiling rate.Limit // the configured rate, rate.Inf when unlimited

	mu       sync.Mutex
	resumeAt time.Time  // nobody sends before this (a pause)
	slowedAt time.Time  // the last time a 429 lowered the rate
	soft     rate.Limit // the rate the API allowed at the last 429
	known    bool       // soft was measured, not guessed
	starts   ring       // when requests last started
	answers  ring       // when the API last answered without a 429
}

// ring holds the times of the latest events, to measure their rate.
type ring struct {
	at   [128]time.Time
	next int
}

func (r *ring) add(t time.Time) {
	r.at[r.next] = t
	r.next = (r.next + 1) % len(r.at)
}

// rate is the events per second over the last second. It reports false
// when the events it holds span less than that, as at the start of a run.
func (r *ring) rate(now time.Time) (rate.Limit, bool) {
	n, oldest, full := 0, now, false
	for _, t := range r.at {
		switch {
		case t.IsZero():
		case now.Sub(t) > time.Second:
			full = true
		default:
			n++
			if t.Before(oldest) {
				oldest = t
			}
		}
	}
	if n == len(r.at) {
		// More events than the ring holds in a second: measure its span.
		span := now.Sub(oldest).Seconds()
		return rate.Limit(float64(n-1) / max(span, 1e-3)), true
	}
	return rate.Limit(n), full
}

func newPacer(perSecond float64) *pacer {
	limit := rate.Inf
	if perSecond > 0 {
		limit = rate.Limit(perSecond)
	}
	return &pacer{lim: rate.NewLimiter(limit, 1), ceiling: limit}
}

// Wait blocks until a request may start, or ctx ends.
func (p *pacer) Wait(ctx context.Context) error {
	p.mu.Lock()
	until := p.resumeAt
	p.mu.Unlock()
	if d := time.Until(until); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
	if err := p.lim.Wait(ctx); err != nil {
		return err
	}
	p.mu.Lock()
	p.starts.add(time.Now())
	p.mu.Unlock()
	return nil
}

// Slow is called on a 429. The rate at which the API has answered without
// a 429 over the last second is what it allows; the pool is set to 90% of
// it. At the start of a run there is no such second yet, and the rate is
// halved instead. The row that got the 429 waits out its Retry-After
// itself: holding the whole pool for it too would lose more than the
// server asked for. Answers to requests already in flight when the rate
// dropped say nothing about the new rate, so for a second further 429s
// change nothing.
func (p *pacer) Slow() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.slowedAt) < time.Second {
		return
	}
	p.slowedAt = now
	cur := p.lim.Limit()
	if cur == rate.Inf {
		cur, _ = p.starts.rate(now)
	}
	allowed, measured := p.answers.rate(now)
	p.known = measured && allowed > 0 && allowed <= cur
	if !p.known {
		allowed = cur / 2
	}
	p.soft = allowed
	p.lim.SetLimit(max(allowed*0.9, 0.1))
}

// Hold keeps everyone back for d.
func (p *pacer) Hold(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until := time.Now().Add(d); until.After(p.resumeAt) {
		p.resumeAt = until
	}
}

// Succeeded is called on every answer that was not a 429, and lets the
// limit climb. Adding a constant per answer makes the climb a share of the
// rate per second, whatever the rate: +1 doubles it each second, which is
// how fast it returns to the rate the API last allowed or, when that was
// never measured, searches for it; +0.1 probes past a measured rate by
// about 10% a second.
func (p *pacer) Succeeded() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.answers.add(time.Now())
	cur := p.lim.Limit()
	if cur == p.ceiling {
		return
	}
	next := cur + 1
	if p.known && cur >= p.soft {
		next = cur + 0.1
	}
	if p.ceiling != rate.Inf && next >= p.ceiling {
		next = p.ceiling
	}
	p.lim.SetLimit(next)
}
