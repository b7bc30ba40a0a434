package sandbox

import (
	"slices"
	"time"
)

// Names the sandbox knows out of the box.
const (
	// DefaultKey has the CREATE_USER scope and access to DefaultGroups.
	DefaultKey = "sandbox"
	// ReadOnlyKey reaches the same groups but lacks CREATE_USER (403).
	ReadOnlyKey = "sandbox-readonly"
	// ScopeCreateUser is the scope POST /api/v1/profiles requires.
	ScopeCreateUser = "CREATE_USER"
	// OutsideGroup exists but is outside every default key's access (403).
	OutsideGroup = "northwind-clinic-munich"
	// EmailDomain is the domain of the emails generated for profiles sent
	// without one.
	EmailDomain = "patients.sandbox.aniva.invalid"
)

// DefaultGroups are the profile groups DefaultKey may create profiles in.
var DefaultGroups = []string{
	"acme-clinic-berlin",
	"acme-clinic-hamburg",
	"kallio-health-helsinki",
	"riverside-clinic-leeds",
}

// Key is what an API key may do: its scopes and the profile groups in its
// access context.
type Key struct {
	Scopes []string
	Groups []string
}

// Options configure a [Server]. The zero value serves the default keys and
// groups with no faults.
type Options struct {
	// Keys maps an API key to what it may do. nil means DefaultKey and
	// ReadOnlyKey. A request with a missing or unknown key gets 401.
	Keys map[string]Key

	// Groups are the profile groups that exist, besides those named by a
	// key. nil means DefaultGroups plus OutsideGroup. Any other slug
	// gets 404.
	Groups []string

	// Clock gives the time for the "date in the past" rule and the ledger.
	// nil means time.Now. Latency and the rate limit use real time.
	Clock func() time.Time

	// Seed drives every random choice (latency jitter and faults). A
	// request's choices depend on the seed, its body and how often that
	// body was seen before, so runs repeat even under concurrency.
	Seed uint64

	// Faults to inject. The zero value injects none.
	Faults Faults

	// HonourIdempotency makes the server honour the Idempotency-Key
	// header: the same key with the same body replays the original 201
	// (no second profile); the same key with another body gets 422.
	// Off, the header is ignored, as by the real API. CLI: --idempotency.
	HonourIdempotency bool

	// AllowRemote lets [Server.Start] bind a non-loopback address.
	AllowRemote bool
}

// Faults are the failures the sandbox can inject, for trials and tests.
// Shares are probabilities in [0, 1], drawn per request. The CLI names
// suggested for each are given in its comment.
type Faults struct {
	// Latency delays every answer, from the request's last byte to the
	// answer leaving; LatencyJitter spreads it uniformly by up to that much
	// either way. The sandbox makes up for timers that fire late (by up to
	// 2 ms), so answers take Latency on average, and one may come up to
	// that much early. CLI: --latency, --latency-jitter.
	Latency, LatencyJitter time.Duration

	// RateLimit is a token bucket of this many requests a second (0: none)
	// holding RateBurst tokens (0: one second's worth). A request over it
	// gets 429 with Retry-After in whole seconds. CLI: --rate-limit.
	RateLimit float64
	RateBurst int

	// UnavailableRate is the share answered 503 with Retry-After: 1 before
	// anything else is looked at. CLI: --fault-503.
	UnavailableRate float64

	// ErrorRate is the share of valid requests answered 500; of those,
	// ErrorAfterCreate is the share answered after the profile was created
	// (the ledger has it, the client sees 500). CLI: --fault-500,
	// --fault-500-after.
	ErrorRate, ErrorAfterCreate float64

	// DropRate is the share of valid requests whose connection is closed
	// without an answer; DropAfterCreate the share of those dropped after
	// creating. CLI: --fault-drop, --fault-drop-after.
	DropRate, DropAfterCreate float64

	// MissingScope makes every key lack CREATE_USER (403 for every
	// authenticated request). CLI: --fault-no-scope.
	MissingScope bool
}

// DefaultOptions returns the options the zero value stands for, spelled
// out, for callers that want to adjust them.
func DefaultOptions() Options {
	return Options{
		Keys:   defaultKeys(),
		Groups: defaultExisting(),
	}
}

func defaultKeys() map[string]Key {
	return map[string]Key{
		DefaultKey:  {Scopes: []string{ScopeCreateUser}, Groups: slices.Clone(DefaultGroups)},
		ReadOnlyKey: {Scopes: []string{"READ_USER"}, Groups: slices.Clone(DefaultGroups)},
	}
}

func defaultExisting() []string {
	return append(slices.Clone(DefaultGroups), OutsideGroup)
}
