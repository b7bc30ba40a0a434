package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Bounds of [Backoff].
const (
	BackoffBase = 500 * time.Millisecond // the wait before the first retry
	BackoffMax  = 30 * time.Second       // no wait grows past this, Retry-After aside
)

// maxRetryAfter bounds a Retry-After so that absurd values cannot overflow.
const maxRetryAfter = 24 * time.Hour

// ParseRetryAfter reads a Retry-After header value: delay-seconds ("120")
// or an HTTP-date, measured from now. A date in the past gives 0. It
// reports false for an empty or malformed value. Values over a day are
// cut to a day.
func ParseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if isDigits(h) {
		n, err := strconv.ParseInt(h, 10, 64)
		if err != nil || n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true // only overflow fails on digits
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(h)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		return 0, true
	}
	return min(d, maxRetryAfter), true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Backoff returns the wait before retry number attempt (1 for the first
// retry): BackoffBase doubled per attempt and capped at BackoffMax, with
// equal jitter (half the step fixed, half scaled by jitter, which returns
// a value in [0, 1); nil means no jitter, the full step). The result is
// never below retryAfter, the server's own wait.
func Backoff(attempt int, retryAfter time.Duration, jitter func() float64) time.Duration {
	attempt = max(attempt, 1)
	step := BackoffMax
	if attempt <= 30 { // 2^30 steps overflow nothing; beyond, the cap holds
		step = min(BackoffBase<<(attempt-1), BackoffMax)
	}
	d := step
	if jitter != nil {
		j := min(max(jitter(), 0), 1)
		d = step/2 + time.Duration(j*float64(step/2))
	}
	return max(d, retryAfter)
}
