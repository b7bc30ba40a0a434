package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aniva-import/importer/testgen"
)

func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunWritesCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "list.csv")
	code, _, stderr := runArgs(t, "-rows", "500", "-dialect", "de", "-seed", "4", "-o", path)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if want := "wrote 500 rows (10 with a defect) to " + path + "\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	var want bytes.Buffer
	opts := testgen.Options{Rows: 500, Dialect: testgen.German, Seed: 4,
		InvalidShare: testgen.DefaultInvalidShare}
	if err := testgen.Write(&want, opts); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("file differs from testgen.Write with the same options (%v)", err)
	}
}

func TestRunWritesXLSX(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.xlsx")
	code, _, stderr := runArgs(t, "-rows", "300", "-dialect", "fi", "-valid", "-o", path)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stderr, "(0 with a defect)") {
		t.Errorf("stderr = %q, want no defects with -valid", stderr)
	}
	wantPath := filepath.Join(dir, "want.xlsx")
	opts := testgen.Options{Rows: 300, Dialect: testgen.Finnish, Seed: 1}
	if err := testgen.WriteXLSX(wantPath, opts); err != nil {
		t.Fatal(err)
	}
	got, err1 := os.ReadFile(path)
	want, err2 := os.ReadFile(wantPath)
	if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
		t.Errorf("file differs from testgen.WriteXLSX with the same options (%v, %v)", err1, err2)
	}
}

func TestRunWritesStdout(t *testing.T) {
	code, stdout, stderr := runArgs(t, "-rows", "3", "-dialect", "en", "-o", "-")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "First name,Last name,") {
		t.Errorf("stdout = %q, want a header and 3 rows", stdout)
	}
}

func TestRunWritesSamples(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "samples")
	code, _, stderr := runArgs(t, "-samples", dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, s := range testgen.Samples() {
		got, err := os.ReadFile(filepath.Join(dir, s.Name))
		want, err2 := os.ReadFile(filepath.Join("..", "..", "samples", s.Name))
		if err != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs from samples/ (%v, %v)", s.Name, err, err2)
		}
	}
}

func TestRunRejectsBadUsage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.csv")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"-rows", "5"}, "no output file"},
		{"unknown dialect", []string{"-dialect", "sv", "-o", out}, "unknown dialect"},
		{"unknown format", []string{"-format", "ods", "-o", out}, "unknown format"},
		{"xlsx to stdout", []string{"-format", "xlsx", "-o", "-"}, "cannot go to stdout"},
		{"share too big", []string{"-invalid", "1.5", "-o", out}, "invalid share"},
		{"negative rows", []string{"-rows", "-2", "-o", out}, "negative"},
		{"stray argument", []string{"-o", out, "extra"}, "unexpected argument"},
		{"unknown flag", []string{"-colour"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runArgs(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, exitUsage, tt.want)
			}
		})
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a usage error left %s behind", out)
	}
}

func TestRunHelp(t *testing.T) {
	code, _, stderr := runArgs(t, "-h")
	if code != exitOK || !strings.Contains(stderr, "-dialect") {
		t.Errorf("exit %d, stderr %q; want 0 and the flag list", code, stderr)
	}
}

func TestRunReportsWriteFailure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "x.csv")
	code, _, stderr := runArgs(t, "-rows", "5", "-o", path)
	if code != exitFatal || !strings.Contains(stderr, "no such file") {
		t.Errorf("exit %d, stderr %q; want %d and the cause", code, stderr, exitFatal)
	}
}
