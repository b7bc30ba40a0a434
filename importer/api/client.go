// Package api is the HTTP client for the one Aniva endpoint the importer
// uses, POST /api/v1/profiles.
//
// A [Client] makes exactly one attempt per call to [Client.Create] and
// classes its [Result] by whether the profile may exist on the server
// ([Outcome]). Retries, rate limiting and journaling belong to the caller;
// [Backoff] and [ParseRetryAfter] are the pure helpers it needs for them.
//
// The API key is sent only in the x-api-key header, over TLS (plain http is
// accepted for loopback addresses only), and never to a host that answers
// with a redirect: redirects are not followed at all. It never appears in a
// [Result], an error or the client's String form.
package api

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// EndpointPath is the path of the create-profile endpoint below the base URL.
const EndpointPath = "/api/v1/profiles"

// Defaults for the zero values of [Options].
const (
	DefaultTimeout   = 30 * time.Second
	DefaultMaxBody   = 64 << 10
	DefaultUserAgent = "aniva-import"
)

// Options tune a [Client]. The zero value means the documented defaults.
type Options struct {
	// Timeout bounds one request, from dialling to the last byte of the
	// response body. 0 means DefaultTimeout.
	Timeout time.Duration

	// HTTPClient, when set, supplies the transport (tests pass the client
	// of an httptest server). The client is copied: its redirect policy,
	// cookie jar and timeout are replaced. A transport that skips TLS
	// verification is refused.
	HTTPClient *http.Client

	// UserAgent is sent as User-Agent. "" means DefaultUserAgent.
	UserAgent string

	// MaxBodyBytes caps how much of a response body is read; the rest is
	// discarded. 0 means DefaultMaxBody.
	MaxBodyBytes int64
}

// Client sends create-profile requests. It is safe for concurrent use.
type Client struct {
	endpoint string
	host     string
	key      *secret // a pointer, so printing a Client shows an address
	hc       *http.Client
	timeout  time.Duration
	agent    string
	maxBody  int64
}

// secret holds the API key. Its methods keep it out of formatted output.
type secret struct{ v string }

func (*secret) String() string   { return "[redacted]" }
func (*secret) GoString() string { return "[redacted]" }

// New returns a client for the API at baseURL (for example
// https://anivahealth.com, or the endpoint URL itself) that sends key.
//
// It refuses a base URL that is not https, unless its host is a loopback
// address (127.0.0.0/8, ::1, localhost); one that carries credentials, a
// query or a fragment; an empty key or one with spaces or control
// characters (a trailing newline from a key file, say); and an
// Options.HTTPClient whose transport skips TLS verification.
func New(baseURL, key string, opts Options) (*Client, error) {
	endpoint, host, err := endpointFor(baseURL)
	if err != nil {
		return nil, err
	}
	if err := checkKey(key); err != nil {
		return nil, err
	}
	hc, err := httpClient(opts.HTTPClient)
	if err != nil {
		return nil, err
	}
	c := &Client{
		endpoint: endpoint,
		host:     host,
		key:      &secret{key},
		hc:       hc,
		timeout:  opts.Timeout,
		agent:    opts.UserAgent,
		maxBody:  opts.MaxBodyBytes,
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.agent == "" {
		c.agent = DefaultUserAgent
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxBody
	}
	return c, nil
}

// Endpoint returns the full URL that requests are posted to.
func (c *Client) Endpoint() string { return c.endpoint }

// Host returns the host (and port, if given) of the endpoint.
func (c *Client) Host() string { return c.host }

// String describes the client without its key.
func (c *Client) String() string { return "api.Client(" + c.endpoint + ")" }

// GoString is String, so that %#v does not print the key either.
func (c *Client) GoString() string { return c.String() }

func endpointFor(baseURL string) (endpoint, host string, err error) {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the whole URL
		}
		return "", "", fmt.Errorf("base url is not a valid url: %v", err)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", "", errors.New("base url has no host (want e.g. https://anivahealth.com)")
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return "", "", fmt.Errorf("plain http is refused for %s: use https "+
				"(http is accepted only for loopback addresses)", u.Host)
		}
	default:
		return "", "", fmt.Errorf("base url scheme %q is not supported: use https", u.Scheme)
	}
	if u.User != nil {
		return "", "", errors.New("base url must not contain credentials")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", "", errors.New("base url must not have a query or fragment")
	}
	// The base, the API's root (/api/v1, as its docs' paths begin) or the
	// endpoint itself: each names the same endpoint.
	p := strings.TrimRight(u.Path, "/")
	switch root := strings.TrimSuffix(EndpointPath, "/profiles"); {
	case strings.HasSuffix(p, EndpointPath):
	case strings.HasSuffix(p, root):
		p += "/profiles"
	default:
		p += EndpointPath
	}
	u.Path, u.RawPath = p, ""
	return u.String(), u.Host, nil
}

// isLoopback reports whether host names this machine only.
func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func checkKey(key string) error {
	if key == "" {
		return errors.New("api key is empty")
	}
	for i := 0; i < len(key); i++ {
		if key[i] <= ' ' || key[i] >= 0x7f {
			return fmt.Errorf("api key contains a space, control or non-ascii character "+
				"at byte %d (a trailing newline?)", i+1)
		}
	}
	return nil
}

func httpClient(override *http.Client) (*http.Client, error) {
	var hc http.Client
	if override != nil {
		hc = *override
		if skipsVerify(hc.Transport) {
			return nil, errors.New("the http client skips TLS verification: " +
				"refusing to send the key")
		}
	} else {
		hc.Transport = newTransport()
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse // a 3xx comes back to Create as it is
	}
	hc.Jar = nil
	hc.Timeout = 0 // each request carries its own deadline
	return &hc, nil
}

func skipsVerify(rt http.RoundTripper) bool {
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	return ok && t.TLSClientConfig != nil && t.TLSClientConfig.InsecureSkipVerify
}

func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	// A connection idle for long may be closed by the server just as a
	// request is written on it, which makes that request ambiguous.
	t.IdleConnTimeout = 4 * time.Second // under the 5 s of common servers (Node, Apache)
	t.MaxResponseHeaderBytes = 64 << 10
	// One host takes every request: keep a connection per worker, or a
	// busy pool opens a new one for a third of its requests. No bound:
	// there are never more idle than the requests in flight before, and a
	// bound under --concurrency made the pool dial (and shake hands) again
	// for the requests over it.
	t.MaxIdleConns = 0
	t.MaxIdleConnsPerHost = math.MaxInt
	return t
}

// Create posts body, the JSON of one profile, with the given
// Idempotency-Key ("" sends none), and classes the answer. It makes
// exactly one attempt and never follows a redirect.
//
// body is sent byte for byte; the caller encodes it once, so that what is
// hashed and journaled is what is sent.
func (c *Client) Create(ctx context.Context, body []byte, idempotencyKey string) Result {
	r := c.attempt(ctx, body, idempotencyKey)
	r.Reason = clip(c.redactText(r.Reason))
	return r
}

func (c *Client) attempt(ctx context.Context, body []byte, idempotencyKey string) Result {
	if err := ctx.Err(); err != nil {
		return c.failed(ctx, err, false)
	}
	if !validHeaderValue(idempotencyKey) {
		return Result{Outcome: Fatal,
			Reason: "idempotency key has characters a header cannot carry"}
	}
	rctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var wrote atomic.Bool
	rctx = httptrace.WithClientTrace(rctx, &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			// A failed write leaves the server an incomplete request,
			// which it cannot act on.
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	})
	req, err := c.newRequest(rctx, body, idempotencyKey)
	if err != nil {
		return Result{Outcome: Fatal, Reason: "cannot build the request", Err: c.redact(err)}
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return c.failed(ctx, err, wrote.Load())
	}
	defer resp.Body.Close()
	data, truncated, readErr := readCapped(resp.Body, c.maxBody)
	return c.classify(resp, data, truncated, readErr)
}

func (c *Client) newRequest(ctx context.Context, body []byte, idem string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	// Without GetBody, net/http cannot replay this POST on its own after
	// a lost connection: with an Idempotency-Key header it otherwise
	// would, and a server that ignores the key would create twice.
	req.GetBody = nil
	req.Header.Set("x-api-key", c.key.v)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.agent)
	if idem != "" {
		req.Header.Set("Idempotency-Key", idem)
	}
	return req, nil
}

func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// redact removes the key from an error's text.
func (c *Client) redact(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{err: err, key: c.key.v}
}

func (c *Client) redactText(s string) string {
	return strings.ReplaceAll(s, c.key.v, "[redacted]")
}

// redactedError is an error whose text never shows the key.
type redactedError struct {
	err error
	key string
}

func (e *redactedError) Error() string {
	return strings.ReplaceAll(e.err.Error(), e.key, "[redacted]")
}

func (e *redactedError) Unwrap() error { return e.err }
