package api

import (
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"   ", 0, false},
		{"0", 0, true},
		{"7", 7 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"86400", 24 * time.Hour, true},
		{"86401", 24 * time.Hour, true},
		{"99999999999999999999999", 24 * time.Hour, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"Sun, 15 Jun 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Sunday, 15-Jun-25 12:01:00 GMT", time.Minute, true},
		{"Sun Jun 15 12:00:05 2025", 5 * time.Second, true},
		{"Sun, 15 Jun 2025 11:59:00 GMT", 0, true},
		{"Mon, 15 Jun 2026 12:00:00 GMT", 24 * time.Hour, true},
		{"2025-06-15T12:00:30Z", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v",
				tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestBackoff(t *testing.T) {
	fixed := func(v float64) func() float64 { return func() float64 { return v } }
	tests := []struct {
		name       string
		attempt    int
		retryAfter time.Duration
		jitter     func() float64
		want       time.Duration
	}{
		{"first, no jitter", 1, 0, nil, 500 * time.Millisecond},
		{"second, no jitter", 2, 0, nil, time.Second},
		{"fourth, no jitter", 4, 0, nil, 4 * time.Second},
		{"zero attempt counts as first", 0, 0, nil, 500 * time.Millisecond},
		{"negative attempt counts as first", -3, 0, nil, 500 * time.Millisecond},
		{"capped", 7, 0, nil, 30 * time.Second},
		{"huge attempt stays capped", 500, 0, nil, 30 * time.Second},
		{"jitter 0 gives half", 3, 0, fixed(0), time.Second},
		{"jitter 0.5 gives three quarters", 3, 0, fixed(0.5), 1500 * time.Millisecond},
		{"jitter near 1 gives almost all", 3, 0, fixed(0.999), 1999 * time.Millisecond},
		{"jitter out of range is clamped", 3, 0, fixed(7), 2 * time.Second},
		{"jitter on the cap", 9, 0, fixed(0), 15 * time.Second},
		{"retry-after wins when longer", 1, 5 * time.Second, fixed(0.5), 5 * time.Second},
		{"retry-after over the cap still wins", 9, 90 * time.Second, nil, 90 * time.Second},
		{"backoff wins when longer", 5, time.Second, nil, 8 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Backoff(tt.attempt, tt.retryAfter, tt.jitter)
			if got != tt.want {
				t.Errorf("Backoff(%d, %v) = %v, want %v", tt.attempt, tt.retryAfter, got, tt.want)
			}
		})
	}
}
