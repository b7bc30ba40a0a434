// Package sandbox is a stand-in for the Aniva profiles API, written from
// its reference page: POST /api/v1/profiles with the x-api-key check, the
// CREATE_USER scope, profile groups that exist or lie outside a key's
// access, every field rule (400 listing each failing field) and 201 with a
// new UUID and the echoed profile.
//
// A [Server] is an http.Handler, for httptest, or runs on its own with
// [Server.Start], which binds loopback unless told otherwise. It can
// inject faults ([Faults]), honour Idempotency-Key on request, and keeps a
// ledger of every profile it created so tests can count. It never prints.
package sandbox

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"golang.org/x/time/rate"
)

// EndpointPath is the one path the sandbox serves.
const EndpointPath = "/api/v1/profiles"

// maxRequestBody caps a request body; more gets 413.
const maxRequestBody = 1 << 20

// Server is the stand-in API. It is safe for concurrent use.
type Server struct {
	opts     Options
	now      func() time.Time
	groups   map[string]bool
	limiter  *rate.Limiter
	requests atomic.Int64
	clock    clock

	mu       sync.Mutex
	ledger   []Entry
	statuses map[int]int
	replays  int
	seen     map[[sha256.Size]byte]uint64 // body hash → times received
	idem     map[idemKey]*idemEntry
}

// New returns a server configured by opts; see [Options] for the defaults
// its zero fields stand for.
func New(opts Options) *Server {
	if opts.Keys == nil {
		opts.Keys = defaultKeys()
	}
	if opts.Groups == nil {
		opts.Groups = defaultExisting()
	}
	s := &Server{
		opts:     opts,
		now:      opts.Clock,
		groups:   map[string]bool{},
		statuses: map[int]int{},
		seen:     map[[sha256.Size]byte]uint64{},
		idem:     map[idemKey]*idemEntry{},
	}
	if s.now == nil {
		s.now = time.Now
	}
	for _, g := range opts.Groups {
		s.groups[g] = true
	}
	for _, k := range opts.Keys {
		for _, g := range k.Groups {
			s.groups[g] = true
		}
	}
	if f := opts.Faults; f.RateLimit > 0 {
		burst := f.RateBurst
		if burst <= 0 {
			burst = max(1, int(f.RateLimit+0.999))
		}
		s.limiter = rate.NewLimiter(rate.Limit(f.RateLimit), burst)
	}
	return s
}

// answer is a reply to send. Status 0 means: drop the connection.
type answer struct {
	status int
	body   []byte
	header http.Header
}

// ServeHTTP answers POST /api/v1/profiles; other paths get 404 and other
// methods 405.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	arrived := time.Now()
	var h hold
	defer s.clock.answered(&h, arrived)
	a := s.handle(r, &h)
	s.mu.Lock()
	s.statuses[a.status]++
	s.mu.Unlock()
	if a.status == 0 {
		dropConnection(w)
		return
	}
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(a.body)))
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

// handle runs the checks in the order an API would: route, rate limit,
// key, scope, media type, body, group, then the create itself.
func (s *Server) handle(r *http.Request, h *hold) *answer {
	if r.URL.Path != EndpointPath {
		return reply(http.StatusNotFound, "not_found", "no such endpoint")
	}
	if r.Method != http.MethodPost {
		a := reply(http.StatusMethodNotAllowed, "method_not_allowed", "use POST")
		a.header = http.Header{"Allow": {http.MethodPost}}
		return a
	}
	body, a := readBody(r)
	if a != nil {
		return a
	}
	// The latency runs from the request's last byte, as over a network.
	read := time.Now()
	p := s.plan(body)
	if !s.clock.wait(r.Context(), h, read, p.latency) {
		return &answer{}
	}
	if a := s.limit(); a != nil {
		return a
	}
	if p.unavailable {
		a := reply(http.StatusServiceUnavailable, "unavailable", "service unavailable, retry later")
		a.header = http.Header{"Retry-After": {"1"}}
		return a
	}
	apiKey, key, a := s.authorize(r.Header.Get("x-api-key"))
	if a != nil {
		return a
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil ||
		mt != "application/json" {
		return reply(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Content-Type must be application/json")
	}
	idem := r.Header.Get("Idempotency-Key")
	if s.opts.HonourIdempotency && idem != "" {
		return s.createOnce(r.Context(), idemKey{apiKey, idem}, key, body, p)
	}
	a, _ = s.create(key, idem, body, p)
	return a
}

// readBody reads the request body up to the cap.
func readBody(r *http.Request) ([]byte, *answer) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		return nil, &answer{} // the client went away mid-body
	}
	if len(body) > maxRequestBody {
		return nil, reply(http.StatusRequestEntityTooLarge, "too_large",
			"request body is too large")
	}
	return body, nil
}

// authorize finds the key and checks the CREATE_USER scope.
func (s *Server) authorize(given string) (string, Key, *answer) {
	for name, k := range s.opts.Keys {
		if subtle.ConstantTimeCompare([]byte(name), []byte(given)) != 1 {
			continue
		}
		if s.opts.Faults.MissingScope || !slices.Contains(k.Scopes, ScopeCreateUser) {
			return "", Key{}, reply(http.StatusForbidden, "forbidden",
				"API key lacks the CREATE_USER scope")
		}
		return name, k, nil
	}
	return "", Key{}, reply(http.StatusUnauthorized, "unauthorized", "missing or invalid API key")
}

// create validates body and, if it passes, records a new profile. resp is
// the 201 body when a profile was created, even if the answer is a fault.
func (s *Server) create(key Key, idem string, body []byte, p plan) (a *answer, resp []byte) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return reply(http.StatusBadRequest, "invalid_json",
			"request body must be a JSON object"), nil
	}
	prof, errs := validate(obj, s.now())
	if len(errs) > 0 {
		return &answer{status: http.StatusBadRequest, body: validationBody(errs)}, nil
	}
	if a := s.checkGroup(key, prof.Group); a != nil {
		return a, nil
	}
	if p.fail && !p.after {
		return serverError(), nil
	}
	if p.drop && !p.after {
		return &answer{}, nil
	}
	id := uuid.New().String()
	resp = renderProfile(id, prof)
	e := Entry{ID: id, Body: bytes.Clone(body), IdempotencyKey: idem, Time: s.now()}
	switch {
	case p.fail:
		e.Answered = http.StatusInternalServerError
		a = serverError()
	case p.drop:
		a = &answer{}
	default:
		e.Answered = http.StatusCreated
		a = &answer{status: http.StatusCreated, body: resp}
	}
	s.mu.Lock()
	s.ledger = append(s.ledger, e)
	s.mu.Unlock()
	return a, resp
}

// checkGroup: an unknown slug is 404, a known one outside the key's
// access context 403.
func (s *Server) checkGroup(key Key, slug string) *answer {
	if !s.groups[slug] {
		return reply(http.StatusNotFound, "not_found", "profile group not found")
	}
	if !slices.Contains(key.Groups, slug) {
		return reply(http.StatusForbidden, "forbidden",
			"profile group is outside this API key's access context")
	}
	return nil
}

func serverError() *answer {
	return reply(http.StatusInternalServerError, "internal_error", "internal server error")
}
