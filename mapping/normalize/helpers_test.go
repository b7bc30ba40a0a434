package normalize

import (
	"errors"
	"strings"
	"testing"
)

// checkError asserts that a call failed with an *Error whose Rule is rule
// and whose Hint contains hint, and that it returned the zero value.
func checkError[T comparable](t *testing.T, call string, got T, err error, rule, hint string) {
	t.Helper()
	var zero T
	if got != zero {
		t.Errorf("%s = %v, want the zero value with an error", call, got)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: error %v, want *Error with rule %q", call, err, rule)
		return
	}
	if e.Rule != rule {
		t.Errorf("%s: rule %q, want %q", call, e.Rule, rule)
	}
	if !strings.Contains(e.Hint, hint) || e.Hint == "" {
		t.Errorf("%s: hint %q, want one containing %q", call, e.Hint, hint)
	}
}
