package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"aniva-import/importer/sandbox"
	"aniva-import/importer/testgen"
)

// TestMain lets a test run this binary as the real command, in a child
// process, so that it can be killed like one.
func TestMain(m *testing.M) {
	if os.Getenv("ANIVA_IMPORT_BE_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// command runs the tool in-process and returns its exit code and output.
func command(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// copySample copies a bundled sample into a temporary folder, so results
// land there.
func copySample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func readCSV(t *testing.T, path string, comma rune) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func column(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}

// Help asked for is an answer: it goes to stdout, so it can be paged.
func TestHelpGoesToStdout(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "import"}, {"import", "--help"},
		{"mapping", "-h"}} {
		code, stdout, _ := command(t, nil, args...)
		if code != exitOK || !strings.Contains(stdout, "Usage") {
			t.Errorf("%q: exit %d, stdout %q", args, code, stdout)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{nil, "Usage:"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"import"}, "import takes one FILE"},
		{[]string{"import", "a.csv", "--date-order", "dym"}, "--date-order"},
		{[]string{"import", "a.csv", "--delimiter", "#"}, "--delimiter"},
		{[]string{"import", "a.csv", "--only", "great"}, `unknown status "great"`},
		{[]string{"import", "a.csv", "--no-such-flag"}, "unknown flag"},
		{[]string{"import", "a.csv", "--rate", "1e-9"}, "at least one request a minute"},
		{[]string{"import", "a.csv", "--rate", "NaN"}, "--rate NaN"},
		{[]string{"import", "a.csv", "--concurrency", "0"}, "--concurrency 0"},
	}
	for _, c := range cases {
		code, _, stderr := command(t, nil, c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, stderr, exitUsage, c.want)
		}
	}
}

// A file that cannot be read at all is named before a missing key.
func TestUnreadableFileBeforeMissingKey(t *testing.T) {
	dir := t.TempDir()
	empty, blank := filepath.Join(dir, "empty.csv"), filepath.Join(dir, "blank.csv")
	if err := errors.Join(os.WriteFile(empty, nil, 0o600),
		os.WriteFile(blank, []byte("\ufeff\r\n \r\n"), 0o600)); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		filepath.Join(dir, "nosuch.csv"): "nosuch.csv: no such file",
		dir:                              "a folder, not a file",
		empty:                            "the file is empty",
		blank:                            "the file holds no rows",
	} {
		code, _, stderr := command(t, map[string]string{"ANIVA_API_KEY": ""}, "import", file)
		if code != exitUsage || !strings.Contains(stderr, want) || strings.Contains(stderr, "ANIVA_API_KEY") {
			t.Errorf("%s: exit %d, stderr %q", file, code, stderr)
		}
	}
}

func TestMissingKeyIsAUsageError(t *testing.T) {
	in := copySample(t, "clinic-leeds.csv")
	code, _, stderr := command(t, map[string]string{"ANIVA_API_KEY": ""}, "import", in)
	if code != exitUsage || !strings.Contains(stderr, "ANIVA_API_KEY") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// A key a header cannot carry (a pasted non-breaking space, say) is a
// usage error, said without the key; it used to panic.
func TestUnsendableKeyIsAUsageError(t *testing.T) {
	in := copySample(t, "clinic-leeds.csv")
	key := "s\u00e9cret\u00a0"
	code, stdout, stderr := command(t, map[string]string{"ANIVA_API_KEY": key}, "import", in,
		"--base-url", "http://127.0.0.1:9", "--phone-region", "GB")
	if code != exitUsage || !strings.Contains(stderr, "api key contains") ||
		strings.Contains(stdout+stderr, "s\u00e9cret") || strings.Contains(stderr, "panic") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestSamplesAgainstTheSandbox is the README's first command on every
// sample: valid rows get an id, the deliberately bad ones a reason.
func TestSamplesAgainstTheSandbox(t *testing.T) {
	samples := []struct {
		file, region string
		comma        rune
	}{
		{"praxis-berlin.csv", "DE", ';'},
		{"clinic-leeds.csv", "GB", ','},
	}
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			in := copySample(t, s.file)
			code, _, stderr := command(t, nil, "import", in, "--sandbox", "--phone-region", s.region)
			if code != exitPartial {
				t.Fatalf("exit %d, want %d (the samples hold bad rows); stderr:\n%s", code, exitPartial,
					stderr)
			}
			recs := readCSV(t, strings.TrimSuffix(in, ".csv")+".results.csv", s.comma)
			st, id, msg := column(recs[0], "import_status"), column(recs[0], "profile_id"),
				column(recs[0], "import_error")
			bad := 0
			for _, r := range recs[1:] {
				switch r[st] {
				case "created":
					if sid, ok := strings.CutPrefix(r[id], "sandbox:"); !ok || len(sid) != 36 {
						t.Errorf("created row without a sandbox id: %q", r[id])
					}
				case "invalid", "rejected":
					bad++
					if r[msg] == "" {
						t.Errorf("%s row without a reason", r[st])
					}
				default:
					t.Errorf("row status %q", r[st])
				}
			}
			if bad < 3 || bad > 6 {
				t.Errorf("%d bad rows, want the sample's 3 to 6", bad)
			}
		})
	}
}

// TestDryRunOpensNoConnection points the tool at a listener that counts
// connections: a dry run must make none.
func TestDryRunOpensNoConnection(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	in := copySample(t, "clinic-leeds.csv")
	code, _, stderr := command(t, map[string]string{"ANIVA_API_KEY": "k"}, "import", in, "--dry-run",
		"--base-url", srv.URL, "--phone-region", "GB")
	if code != exitPartial {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if n := conns.Load(); n != 0 {
		t.Errorf("dry run opened %d connections", n)
	}
}

// TestKeyNeverShown plants a key, makes the run fail on it, and looks for
// it in everything the run left behind.
func TestKeyNeverShown(t *testing.T) {
	const key = "planted-Key-7f3a9c"
	srv := httptest.NewServer(sandbox.New(sandbox.DefaultOptions()))
	defer srv.Close()
	in := copySample(t, "clinic-leeds.csv")
	for _, format := range []string{"text", "json"} {
		code, stdout, stderr := command(t, map[string]string{"ANIVA_API_KEY": key}, "import", in,
			"--base-url", srv.URL, "--phone-region", "GB", "--verbose", "--log-format", format,
			"--restart")
		if code != exitFailed {
			t.Errorf("%s: exit %d, want %d for a refused key; stderr:\n%s", format, code, exitFailed,
				stderr)
		}
		for name, text := range map[string]string{"stdout": stdout, "stderr": stderr} {
			if strings.Contains(text, key) {
				t.Errorf("%s: the key appears in %s", format, name)
			}
		}
		// Either format says to fix the key before going on, and how to go on.
		if !strings.Contains(stderr, "fix what stopped the run first") ||
			!strings.Contains(stderr, "aniva-import import "+in) {
			t.Errorf("%s: no next step in stderr:\n%s", format, stderr)
		}
	}
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(in), "*"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		if bytes.Contains(data, []byte(key)) {
			t.Errorf("the key appears in %s", filepath.Base(f))
		}
	}
	if len(files) < 3 {
		t.Errorf("files left: %v; want the input, the results and the journal", files)
	}
}

// TestKillAndResume kills a real run with SIGKILL halfway, runs the same
// command again, and checks the sandbox's ledger: nobody created twice,
// every row with an outcome.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a child process")
	}
	opts := sandbox.DefaultOptions()
	opts.Faults.Latency = 20 * time.Millisecond
	sb := sandbox.New(opts)
	srv := httptest.NewServer(sb)
	defer srv.Close()

	dir := t.TempDir()
	in := filepath.Join(dir, "people.csv")
	var b strings.Builder
	b.WriteString("Vorname;Nachname;Geschlecht;Geburtsdatum;E-Mail;Standort\n")
	const n = 300
	for i := range n {
		fmt.Fprintf(&b, "Anna;Muster%s;w;%02d.%02d.19%02d;p%d@example.com;acme-clinic-berlin\n",
			testgen.Letters(i), 13+i%15, 1+i%12, 30+i%60, i)
	}
	os.WriteFile(in, []byte(b.String()), 0o600)

	start := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "import", in, "--base-url", srv.URL, "--rate", "0",
			"--concurrency", "8", "--quiet")
		cmd.Env = append(os.Environ(), "ANIVA_IMPORT_BE_MAIN=1", "ANIVA_API_KEY="+sandbox.DefaultKey)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	cmd := start()
	deadline := time.Now().Add(20 * time.Second)
	for len(sb.Ledger()) < n/3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	killedAt := len(sb.Ledger())
	if killedAt >= n {
		t.Fatalf("the run finished before it could be killed")
	}

	cmd = start()
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitPartial {
			t.Fatalf("resumed run: %v", err)
		}
	}
	seen := map[string]bool{}
	for _, e := range sb.Ledger() {
		k := string(e.Body)
		if seen[k] {
			t.Errorf("a profile was created twice: %s", e.ID)
		}
		seen[k] = true
	}
	recs := readCSV(t, filepath.Join(dir, "people.results.csv"), ';')
	if len(recs) != n+1 {
		t.Fatalf("results have %d rows, want %d", len(recs)-1, n)
	}
	st, id := column(recs[0], "import_status"), column(recs[0], "profile_id")
	ids := map[string]bool{}
	for _, e := range sb.Ledger() {
		ids[e.ID] = true
	}
	counts := map[string]int{}
	for _, r := range recs[1:] {
		counts[r[st]]++
		if r[st] == "created" && !ids[r[id]] {
			t.Errorf("row created with id %q, which the ledger does not hold", r[id])
		}
	}
	// An unknown row was in flight at the kill: it may or may not exist.
	if counts["created"]+counts["unknown"] != n || len(seen) > n ||
		len(seen) < counts["created"] {
		t.Errorf("after resume: %v with %d in the ledger (killed at %d)", counts, len(seen), killedAt)
	}
	t.Logf("killed after %d creates; after resume %v", killedAt, counts)
}
