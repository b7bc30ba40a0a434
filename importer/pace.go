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
	winStart time.Time  // a one-second window counting starts, for an unlimited pool
	winCount int
	lastRate rate.Limit
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
	p.countStart(time.Now())
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
	return p.lim.Wait(ctx)
}

// countStart keeps the rate achieved in the last whole second, which an
// unlimited pool halves when it is first told to slow down.
func (p *pacer) countStart(now time.Time) {
	if now.Sub(p.winStart) >= time.Second {
		p.lastRate = rate.Limit(p.winCount)
		p.winStart, p.winCount = now, 0
	}
	p.winCount++
}

// Slow is called on a 429: halve the rate and keep everyone back for
// retryAfter.
func (p *pacer) Slow(retryAfter time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	cur := p.lim.Limit()
	if cur == rate.Inf {
		cur = max(p.lastRate, rate.Limit(p.winCount), 1)
	}
	p.soft = cur * 0.9
	p.lim.SetLimit(max(cur/2, 0.2))
	p.holdLocked(retryAfter)
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
// rate climb back.
func (p *pacer) Succeeded() {
	p.mu.Lock()
	defer p.mu.Unlock()
	cur := p.lim.Limit()
	if cur == p.ceiling {
		return
	}
	var next rate.Limit
	if cur < p.soft {
		next = min(cur+max(p.soft/50, 0.05), p.soft)
	} else {
		next = cur + max(p.soft/1000, 0.01)
	}
	if p.ceiling != rate.Inf && next >= p.ceiling {
		next = p.ceiling
	}
	p.lim.SetLimit(next)
}

// Limit is the rate in force, in requests per second.
func (p *pacer) Limit() rate.Limit { return p.lim.Limit() }
