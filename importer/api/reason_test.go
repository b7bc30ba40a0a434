package api

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		name   string
		status int
		ct     string
		body   string
		want   string
	}{
		{"empty", 502, "", "", "HTTP 502 Bad Gateway (empty body)"},
		{"blank", 500, "text/plain", " \n ", "HTTP 500 Internal Server Error (empty body)"},
		{"sandbox 400", 400, "application/json",
			`{"error":"validation_error","message":"one or more fields failed validation",` +
				`"errors":{"sex":"must be 1 (male) or 2 (female)",` +
				`"first_name":"must use latin characters"}}`,
			"sex: must be 1 (male) or 2 (female); first_name: must use latin characters"},
		{"field lists", 400, "application/json",
			`{"errors":{"email":["is invalid","is too long"],"phone":{"message":"not E.164"}}}`,
			"email: is invalid, is too long; phone: not E.164"},
		{"array of objects", 400, "application/json",
			`{"errors":[{"field":"email","message":"is invalid"},` +
				`{"loc":["body","sex"],"msg":"bad"}]}`,
			"email: is invalid; sex: bad"},
		{"FastAPI detail list", 422, "application/json",
			`{"detail":[{"type":"string_pattern_mismatch","loc":["body","phone"],` +
				`"msg":"String should match pattern","input":"x"},` +
				`{"loc":["body","address",0,"zip"],"msg":"Field required"}]}`,
			"HTTP 422: phone: String should match pattern; address.0.zip: Field required"},
		{"FastAPI detail list on 400", 400, "application/json",
			`{"detail":[{"loc":["body","first_name"],"msg":"must use latin characters"}]}`,
			"first_name: must use latin characters"},
		{"detail string stays a message", 400, "application/json", `{"detail":"bad body"}`,
			"HTTP 400: bad body"},
		{"fields key", 400, "application/json", `{"fields":{"height":"must be positive"}}`,
			"height: must be positive"},
		{"top-level array", 400, "application/json", `["first_name is required","sex is required"]`,
			"first_name is required; sex is required"},
		{"field list on 422 keeps status", 422, "application/json",
			`{"errors":{"email":"taken"}}`, "HTTP 422: email: taken"},
		{"message", 404, "application/json",
			`{"error":"not_found","message":"profile group not found"}`,
			"HTTP 404: profile group not found"},
		{"error string only", 403, "application/json", `{"error":"missing scope CREATE_USER"}`,
			"HTTP 403: missing scope CREATE_USER"},
		{"nested error object", 401, "application/json",
			`{"error":{"code":401,"message":"invalid api key"}}`, "HTTP 401: invalid api key"},
		{"problem detail", 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","detail":"body is not JSON"}`,
			"HTTP 400: body is not JSON"},
		{"empty errors fall back to message", 400, "application/json",
			`{"errors":{},"message":"invalid"}`, "HTTP 400: invalid"},
		{"JSON without message", 500, "application/json", `{"code":17}`, `HTTP 500: {"code":17}`},
		{"malformed JSON", 400, "application/json", `{"error": "bad`,
			`HTTP 400 (malformed JSON body): {"error": "bad`},
		{"HTML by type", 502, "text/html; charset=utf-8",
			"<html><head><title>502 Bad\n Gateway</title></head><body>nginx</body></html>",
			"HTTP 502 from a proxy (HTML page: 502 Bad Gateway)"},
		{"HTML by sniffing", 504, "text/plain", "<!DOCTYPE html><p>timeout</p>",
			"HTTP 504 from a proxy (HTML page)"},
		{"plain text", 500, "text/plain", "upstream\tconnect error\r\nor disconnect",
			"HTTP 500: upstream connect error or disconnect"},
		{"invalid UTF-8 and control", 500, "", "bad \xff\x00 byte", "HTTP 500: bad \uFFFD byte"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describe(tt.status, tt.ct, []byte(tt.body), nil)
			if got != tt.want {
				t.Errorf("describe() = %q\nwant         %q", got, tt.want)
			}
		})
	}
}

func TestDescribeUnreadableBody(t *testing.T) {
	got := describe(400, "", nil, errors.New("read: connection reset"))
	if want := "HTTP 400 Bad Request (body unreadable)"; got != want {
		t.Errorf("describe() = %q, want %q", got, want)
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("ä", 1000)
	got := clip(long)
	if n := utf8.RuneCountInString(got); n != maxReason || !strings.HasSuffix(got, "…") {
		t.Errorf("clip gave %d runes ending %q, want %d ending with …",
			n, got[len(got)-3:], maxReason)
	}
	if got := clip("short"); got != "short" {
		t.Errorf("clip(short) = %q", got)
	}
}
