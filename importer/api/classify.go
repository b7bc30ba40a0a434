package api

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/google/uuid"
)

// readCapped reads at most limit bytes of r. truncated reports that more
// was there; the rest is left unread (closing the body drops it).
func readCapped(r io.Reader, limit int64) (data []byte, truncated bool, err error) {
	data, err = io.ReadAll(io.LimitReader(r, limit+1))
	if int64(len(data)) > limit {
		return data[:limit], true, err
	}
	return data, false, err
}

// classify turns a received response into a Result.
func (c *Client) classify(resp *http.Response, body []byte, truncated bool, readErr error) Result {
	s := resp.StatusCode
	r := Result{Status: s}
	if ra, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		r.RetryAfter = ra
	}
	switch {
	case s >= 200 && s < 300:
		return created(r, body, truncated, readErr)
	case s >= 300 && s < 400:
		r.Outcome, r.Reason = Fatal, redirectReason(resp)
		return r
	}
	ct := resp.Header.Get("Content-Type")
	r.Reason = describe(s, ct, body, readErr)
	switch {
	case s == http.StatusTooManyRequests, s == http.StatusRequestTimeout:
		r.Outcome = NotCreated
	case s == http.StatusServiceUnavailable && r.RetryAfter > 0:
		r.Outcome = NotCreated
	case s == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "":
		r.Outcome = NotCreated // "Retry-After: 0" is still the server's promise
	case s == http.StatusUnauthorized:
		r.Outcome = Fatal
	case s == http.StatusForbidden:
		forbidden(&r, ct, body)
	case s == http.StatusNotFound:
		notFound(&r, ct, body)
	case s >= 400 && s < 500:
		r.Outcome = Rejected
	default:
		r.Outcome = Ambiguous
	}
	return r
}

// created handles a 2xx: only a body with a valid UUID proves creation.
func created(r Result, body []byte, truncated bool, readErr error) Result {
	var p struct {
		ID    string  `json:"id"`
		Email *string `json:"email"`
	}
	var what string
	switch {
	case readErr != nil:
		what = "but the body could not be read"
	case truncated:
		what = "with a body over the size cap"
	case json.Unmarshal(body, &p) != nil:
		what = "with a malformed JSON body"
	case !isUUID(p.ID):
		what = "without a valid profile id"
	default:
		r.Outcome, r.ID = Created, p.ID
		if p.Email != nil {
			r.Email = *p.Email
		}
		return r
	}
	r.Outcome = Ambiguous
	r.Reason = fmt.Sprintf("HTTP %d %s: the profile may exist", r.Status, what)
	return r
}

// isUUID accepts only the canonical 36-character form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}

// redirectReason names where a 3xx pointed, by host only.
func redirectReason(resp *http.Response) string {
	where := "an unnamed location"
	if loc := resp.Header.Get("Location"); loc != "" {
		if u, err := resp.Request.URL.Parse(loc); err == nil && u.Host != "" {
			where = u.Host
		}
	}
	return fmt.Sprintf("unexpected redirect (HTTP %d) to %s: not followed, "+
		"check the base URL", resp.StatusCode, where)
}

// forbidden splits a 403 by what its body names: the CREATE_USER scope
// (or a scope at all) stops the run; a profile group rejects the row and
// its group. A firewall's HTML page stops the run too. A 403 naming
// neither is taken for the group's (see [Result.Unclear403]).
func forbidden(r *Result, contentType string, body []byte) {
	low := strings.ToLower(string(body))
	switch {
	case isHTML(contentType, body), strings.Contains(low, "create_user"):
		r.Outcome = Fatal
	case strings.Contains(low, "group"):
		r.Outcome, r.GroupProblem = Rejected, true
	case strings.Contains(low, "scope"):
		r.Outcome = Fatal
	default:
		r.Outcome, r.GroupProblem, r.Unclear403 = Rejected, true, true
	}
}

// notFound: the API answers 404 only for an unknown profile group. An HTML
// page instead means a wrong base URL, which fails every row alike.
func notFound(r *Result, contentType string, body []byte) {
	if isHTML(contentType, body) {
		r.Outcome = Fatal
		r.Reason += ": check the base URL"
		return
	}
	r.Outcome, r.GroupProblem = Rejected, true
}

// failed classes a request that got no response.
func (c *Client) failed(parent context.Context, err error, wrote bool) Result {
	r := Result{Outcome: NotCreated, Err: c.redact(err)}
	cause := shortCause(parent, err)
	if isCertError(err) {
		r.Outcome = Fatal
		r.Reason = fmt.Sprintf("TLS certificate of %s is not trusted: %s", c.host, cause)
		return r
	}
	if !wrote {
		r.Reason = fmt.Sprintf("request to %s not sent: %s", c.host, cause)
		return r
	}
	r.Outcome = Ambiguous
	r.Reason = fmt.Sprintf("no answer from %s after the request was sent (%s): "+
		"the profile may exist", c.host, cause)
	return r
}

// shortCause names a transport failure without repeating the URL.
func shortCause(parent context.Context, err error) string {
	var dnsErr *net.DNSError
	switch {
	case errors.Is(parent.Err(), context.Canceled):
		return "cancelled"
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return "timed out"
	case errors.As(err, &dnsErr):
		return "host name not found"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by the server"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isCertError(err error) bool {
	var verr *tls.CertificateVerificationError
	var uerr x509.UnknownAuthorityError
	var herr x509.HostnameError
	var cerr x509.CertificateInvalidError
	return errors.As(err, &verr) || errors.As(err, &uerr) ||
		errors.As(err, &herr) || errors.As(err, &cerr)
}
