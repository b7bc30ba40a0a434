package sandbox

import (
	"testing"
	"time"
)

// TestClockMakesUpForLateAnswers: answers that leave late make the clock
// set its timers early, by no more than maxEarly nor half the latency.
func TestClockMakesUpForLateAnswers(t *testing.T) {
	var c clock
	from := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	const d = 20 * time.Millisecond
	if got, want := c.due(from, d), from.Add(d); !got.Equal(want) {
		t.Errorf("a new clock fires at %v, want %v: nothing is known yet", got, want)
	}
	for range 200 {
		arrived := time.Now().Add(-25 * time.Millisecond)
		c.answered(&hold{due: time.Now().Add(-5 * time.Millisecond)}, arrived)
	}
	if late := time.Duration(c.late.Load()); late < 4*time.Millisecond {
		t.Fatalf("after 200 answers 5 ms late, the clock reckons %v", late)
	}
	if got, want := c.due(from, d), from.Add(d-maxEarly); !got.Equal(want) {
		t.Errorf("timer at %v, want %v: no earlier than maxEarly", got, want)
	}
	if got, want := c.due(from, 2*time.Millisecond), from.Add(time.Millisecond); !got.Equal(want) {
		t.Errorf("timer at %v, want %v: no earlier than half the latency", got, want)
	}
	if held := time.Duration(c.held.Load()); held < 200*25*time.Millisecond {
		t.Errorf("held %v in all, want at least 200 × 25 ms", held)
	}
}

// TestClockLearnsNothingWithoutATimer: answers given without a latency
// timer (no latency, a client gone) say nothing of how late timers fire.
func TestClockLearnsNothingWithoutATimer(t *testing.T) {
	var c clock
	for range 20 {
		c.answered(&hold{}, time.Now().Add(-time.Millisecond))
	}
	if late := c.late.Load(); late != 0 {
		t.Errorf("the clock learnt %v from answers without a timer", time.Duration(late))
	}
}
