package api

import (
	"fmt"
	"time"
)

// Outcome classes one attempt by whether the profile may exist.
type Outcome int

// The outcomes of one attempt.
const (
	// Created: 2xx with a valid profile id. The profile exists.
	Created Outcome = iota + 1
	// NotCreated: the profile certainly does not exist and the attempt may
	// be retried: 429, 408, 503 with Retry-After, or a failure before the
	// whole request was written (connection refused, DNS, TLS handshake).
	NotCreated
	// Rejected: the server refused this profile (400, 404, a 403 for a
	// group outside the key's access, other 4xx). Never retry it as is.
	Rejected
	// Ambiguous: the profile may exist. A timeout or a broken connection
	// after the request was written, 500, 502, 504, other 5xx, 503 without
	// Retry-After, or a 2xx whose body gives no valid id.
	Ambiguous
	// Fatal: no request with this key and this endpoint can succeed: 401,
	// a 403 for the missing CREATE_USER scope (or a 403 naming no group),
	// a redirect, an HTML 404, an untrusted TLS certificate. Stop the run.
	Fatal
)

var outcomeNames = map[Outcome]string{
	Created:    "created",
	NotCreated: "not-created",
	Rejected:   "rejected",
	Ambiguous:  "ambiguous",
	Fatal:      "fatal",
}

// String returns the outcome's lowercase name, such as "not-created".
func (o Outcome) String() string {
	if s, ok := outcomeNames[o]; ok {
		return s
	}
	return fmt.Sprintf("outcome(%d)", int(o))
}

// Result is the classified answer to one [Client.Create] call.
type Result struct {
	Outcome Outcome

	// Status is the HTTP status code, 0 if no response was received.
	Status int

	// ID and Email come from a Created answer: the profile's UUID and its
	// email address (the one Aniva generated when none was sent).
	ID, Email string

	// Reason is one readable line saying why the profile was not created,
	// taken from the body whatever its shape: for a 400 with per-field
	// errors, "field: reason; field: reason". Empty for Created.
	Reason string

	// RetryAfter is the server's Retry-After, 0 when absent.
	RetryAfter time.Duration

	// GroupProblem is set for a 404 or 403 about the profile group: the
	// caller may fail the group's other rows without sending them.
	GroupProblem bool

	// Unclear403 marks a 403 whose JSON body names neither the
	// CREATE_USER scope nor a profile group, the two causes the API
	// documents. It is taken for the group's (GroupProblem): a key
	// without the scope then has each group's first row refused, and no
	// more, where stopping the run would depend on which row went first.
	Unclear403 bool

	// Err is the transport error when no response was received (nil when
	// one was). Its text never contains the key.
	Err error
}

// String is one line for logs: the outcome, the status and the reason.
func (r Result) String() string {
	s := r.Outcome.String()
	if r.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", r.Status)
	}
	if r.Outcome == Created {
		return s + ": " + r.ID
	}
	if r.Reason != "" {
		s += ": " + r.Reason
	}
	return s
}
