package importer

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacer is the one rate limit every request of a run waits on. It slows the
// whole pool when the API answers 429 and recovers gradually: quickly up to
// a little under the rate at which the API pushed back, then slowly past it,
// so the pool settles just under the server's limit instead of sawing.
type pacer struct {
	lim     *rate.Limiter
	ceiling rate.Limit // the configured rate, rate.Inf when unlimited

	mu       sync.Mutex
	soft     rate.Limit // a little under where the API last pushed back
	resumeAt time.Time  // nobody sends before this (Retry-After, a pause)
	slowedAt time.Time  // the last time a 429 lowered the rate
	starts   [64]time.Time
	next     int // index in starts of the oldest start
}

func newPacer(perSecond float64) *pacer {
	limit := rate.Inf
	if perSecond > 0 {
		limit = rate.Limit(perSecond)
	}
	return &pacer{lim: rate.NewLimiter(limit, 1), ceiling: limit, soft: limit}
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
	p.starts[p.next] = time.Now()
	p.next = (p.next + 1) % len(p.starts)
	p.mu.Unlock()
	return nil
}

// achieved is the rate of the recent starts, for an unlimited pool that is
// told to slow down and has no limit of its own to halve.
func (p *pacer) achieved(now time.Time) rate.Limit {
	oldest := p.starts[p.next]
	if oldest.IsZero() {
		oldest = p.starts[0]
		if oldest.IsZero() {
			return 1
		}
	}
	n := 0
	for _, t := range p.starts {
		if !t.IsZero() && !t.Before(oldest) {
			n++
		}
	}
	secs := now.Sub(oldest).Seconds()
	if secs <= 0 || n < 2 {
		return 1
	}
	return rate.Limit(float64(n-1) / secs)
}

// Slow is called on a 429: lower the rate by almost a third. The row that
// got the 429 waits out its Retry-After itself; holding the whole pool for
// it as well would lose more than the server asked for. The answers to
// requests already in flight when the rate dropped say nothing about the
// new rate, so for a second further 429s change nothing.
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
		cur = p.achieved(now)
	}
	p.soft = max(cur*0.9, 0.2)
	p.lim.SetLimit(max(cur*0.7, 0.1))
}

// Hold keeps everyone back for d.
func (p *pacer) Hold(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.holdLocked(d)
}

func (p *pacer) holdLocked(d time.Duration) {
	if until := time.Now().Add(d); until.After(p.resumeAt) {
		p.resumeAt = until
	}
}

// Succeeded is called on every answer that was not a 429, and lets the
// rate climb back: to soft within a score of answers, then by a tenth of a
// percent of it per answer.
func (p *pacer) Succeeded() {
	p.mu.Lock()
	defer p.mu.Unlock()
	cur := p.lim.Limit()
	if cur == p.ceiling {
		return
	}
	var next rate.Limit
	if cur < p.soft {
		next = min(cur+p.soft/20, p.soft)
	} else {
		next = cur + p.soft/1000
	}
	if p.ceiling != rate.Inf && next >= p.ceiling {
		next = p.ceiling
	}
	p.lim.SetLimit(next)
}

// Limit is the rate in force, in requests per second.
func (p *pacer) Limit() rate.Limit { return p.lim.Limit() }
