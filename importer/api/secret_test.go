package api

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPlantedKeyNeverShown makes servers echo the key back in every way a
// body, a header or a failure can carry it, and greps every output.
func TestPlantedKeyNeverShown(t *testing.T) {
	k := plantedKey
	handlers := map[string]http.HandlerFunc{
		"400 fields":  fixed(400, nil, `{"errors":{"x-api-key":"`+k+` is odd"}}`),
		"401 message": fixed(401, nil, `{"message":"key `+k+` unknown"}`),
		"403 nested":  fixed(403, nil, `{"error":{"message":"scope missing for `+k+`"}}`),
		"404 list":    fixed(404, nil, `[{"field":"group","message":"`+k+`"}]`),
		"429 text":    fixed(429, map[string]string{"Retry-After": "1"}, "slow down "+k),
		"500 JSON":    fixed(500, nil, `{"debug":"`+k+`"}`),
		"502 HTML": fixed(502, map[string]string{"Content-Type": "text/html"},
			"<html><title>"+k+"</title></html>"),
		"malformed": fixed(400, nil, `{"message":"`+k),
		"long text": fixed(400, nil, strings.Repeat("é", maxReason-8)+k),
		"echo header": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			_, _ = io.WriteString(w, "you sent "+r.Header.Get("x-api-key"))
		},
		"redirect with key": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://"+k+".example/?key="+k, http.StatusFound)
		},
		"drop": hijackClose,
	}
	for name, h := range handlers {
		t.Run(name, func(t *testing.T) {
			ts := serve(t, h)
			c := newClient(t, ts.URL, Options{})
			r := c.Create(context.Background(), sampleBody, "k")
			checkNoKey(t, r)
			if r.Outcome == Created || r.Outcome == 0 {
				t.Errorf("outcome %v, want a failure", r.Outcome)
			}
		})
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := newClient(t, "http://"+addr, Options{Timeout: time.Second})
	checkNoKey(t, c.Create(context.Background(), sampleBody, "k"))
	for _, s := range []string{
		fmt.Sprint(c), fmt.Sprintf("%v %+v %#v %s", c, c, c, c),
		fmt.Sprintf("%v %+v %#v", *c, *c, *c),
	} {
		if strings.Contains(s, k) || strings.Contains(s, k[:12]) {
			t.Errorf("formatted client shows the key: %s", s)
		}
	}
}

// checkNoKey fails if any part of r shows the key, or a long piece of it.
func checkNoKey(t *testing.T, r Result) {
	t.Helper()
	outputs := []string{r.Reason, r.String(), fmt.Sprintf("%v %+v %#v", r, r, r)}
	if r.Err != nil {
		outputs = append(outputs, r.Err.Error(), fmt.Sprintf("%v", r.Err))
	}
	for _, s := range outputs {
		if strings.Contains(s, plantedKey) || strings.Contains(s, plantedKey[:12]) {
			t.Errorf("output shows the key: %s", s)
		}
	}
}
