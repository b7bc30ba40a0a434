package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxReason caps a reason's length in runes; the sheet cell stays readable.
const maxReason = 300

// describe makes a one-line reason from an error response's body, whatever
// its shape. A 400 that lists fields reads "field: reason; field: reason";
// everything else starts with "HTTP <status>".
func describe(status int, contentType string, body []byte, readErr error) string {
	prefix := fmt.Sprintf("HTTP %d", status)
	named := strings.TrimSpace(prefix + " " + http.StatusText(status))
	text := bytes.TrimSpace(body)
	switch {
	case len(text) == 0 && readErr != nil:
		return named + " (body unreadable)"
	case len(text) == 0:
		return named + " (empty body)"
	case isHTML(contentType, text):
		return htmlReason(prefix, text)
	case text[0] == '{' || text[0] == '[':
		return jsonReason(status, prefix, text)
	}
	return prefix + ": " + oneLine(string(text))
}

// isHTML reports whether a body is an HTML page, as proxies send.
func isHTML(contentType string, body []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		if mt == "text/html" || mt == "application/xhtml+xml" {
			return true
		}
	}
	head := strings.ToLower(string(bytes.TrimSpace(body[:min(len(body), 512)])))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}

var titleRE = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

func htmlReason(prefix string, body []byte) string {
	s := prefix + " from a proxy (HTML page"
	if m := titleRE.FindSubmatch(body); m != nil {
		if t := oneLine(string(m[1])); t != "" {
			s += ": " + t
		}
	}
	return s + ")"
}

// jsonReason reads the usual error shapes: per-field lists under errors,
// fields or details, or a list under detail (FastAPI's); else a message
// under message, error, detail or title.
func jsonReason(status int, prefix string, body []byte) string {
	if body[0] == '[' {
		if list := flatten(body); list != "" {
			return withPrefix(status, prefix, list)
		}
		return prefix + ": " + oneLine(string(body))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return prefix + " (malformed JSON body): " + oneLine(string(body))
	}
	for _, k := range []string{"errors", "fields", "details", "invalid_fields"} {
		if list := flatten(obj[k]); list != "" {
			return withPrefix(status, prefix, list)
		}
	}
	if d := bytes.TrimSpace(obj["detail"]); len(d) > 0 && d[0] == '[' {
		if list := flatten(d); list != "" {
			return withPrefix(status, prefix, list)
		}
	}
	if msg := message(obj); msg != "" {
		return prefix + ": " + msg
	}
	return prefix + ": " + oneLine(string(body))
}

// withPrefix leaves a 400's field list bare: it is what the row shows.
func withPrefix(status int, prefix, list string) string {
	if status == http.StatusBadRequest {
		return list
	}
	return prefix + ": " + list
}

// message finds a human message in an error object, one level deep.
func message(obj map[string]json.RawMessage) string {
	for _, k := range []string{"message", "error_description", "detail", "error", "title", "msg"} {
		raw, ok := obj[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) != "" {
			return oneLine(s)
		}
		var inner map[string]json.RawMessage
		if json.Unmarshal(raw, &inner) == nil {
			if m := message(inner); m != "" {
				return m
			}
		}
	}
	return ""
}

// flatten renders a per-field error list, keeping the server's order:
// {"f":"r"}, {"f":["r1","r2"]}, {"f":{"message":"r"}}, ["r"] or
// [{"field":"f","message":"r"}]. It returns "" for anything else.
func flatten(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	var parts []string
	switch raw[0] {
	case '{':
		parts = flattenObject(raw)
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return ""
		}
		for _, it := range items {
			if p := item(it); p != "" {
				parts = append(parts, p)
			}
		}
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			parts = append(parts, oneLine(s))
		}
	}
	return strings.Join(parts, "; ")
}

// flattenObject walks an object's keys in document order.
func flattenObject(raw json.RawMessage) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	var parts []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return parts
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if dec.Decode(&val) != nil {
			return parts
		}
		if v := value(val); v != "" {
			parts = append(parts, oneLine(key)+": "+v)
		}
	}
	return parts
}

// item renders one element of an error list.
func item(raw json.RawMessage) string {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return value(raw)
	}
	field := location(obj["loc"])
	for _, k := range []string{"field", "path", "name", "loc", "param", "pointer"} {
		if field != "" {
			break
		}
		field = value(obj[k])
	}
	msg := message(obj)
	if msg == "" {
		msg = value(obj["reason"])
	}
	switch {
	case field != "" && msg != "":
		return field + ": " + msg
	case msg != "":
		return msg
	}
	return oneLine(string(raw))
}

// location renders a FastAPI/pydantic "loc", ["body", "first_name"], as
// the field's path within the body: "first_name".
func location(raw json.RawMessage) string {
	var loc []any
	if json.Unmarshal(raw, &loc) != nil || len(loc) == 0 {
		return ""
	}
	if s, ok := loc[0].(string); ok && s == "body" && len(loc) > 1 {
		loc = loc[1:]
	}
	parts := make([]string, len(loc))
	for i, p := range loc {
		parts[i] = oneLine(fmt.Sprint(p))
	}
	return strings.Join(parts, ".")
}

// value renders a field's reason: a string, a list of them, or an object
// with a message.
func value(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return oneLine(s)
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		var out []string
		for _, it := range list {
			if v := value(it); v != "" {
				out = append(out, v)
			}
		}
		return strings.Join(out, ", ")
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		if m := message(obj); m != "" {
			return m
		}
	}
	return oneLine(string(raw))
}

// oneLine makes text safe for one cell: valid UTF-8, no control
// characters, runs of space folded.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// clip shortens s to maxReason runes, marking the cut.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxReason {
		return s
	}
	r := []rune(s)
	return string(r[:maxReason-1]) + "…"
}
