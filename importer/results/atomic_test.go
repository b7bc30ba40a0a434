package results

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aniva-import/importer/internal/filelock"
	"aniva-import/importer/sheet"
)

var (
	csvFormat  = sheet.Format{Kind: sheet.CSV, Encoding: "utf-8", Delimiter: ','}
	xlsxFormat = sheet.Format{Kind: sheet.XLSX, Sheet: "Patienten"}
)

func TestOwnerOnlyPermissions(t *testing.T) {
	for _, f := range []sheet.Format{csvFormat, xlsxFormat} {
		t.Run(f.Kind.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "people.results."+f.Kind.String())
			// An older results file, readable by all, is replaced.
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			writeSheet(t, path, f, Options{}, testRecords(), Summary{})
			st, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := st.Mode().Perm(); got != 0o600 {
				t.Errorf("mode = %v, want -rw-------", st.Mode().Perm())
			}
			if st.Size() <= 3 {
				t.Errorf("size = %d, want the new sheet", st.Size())
			}
		})
	}
}

func TestRefuseToOverwriteInput(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "people.csv")
	if err := os.WriteFile(input, []byte("Vorname\nJonas\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.csv")
	if err := os.Link(input, hard); err != nil {
		t.Fatal(err)
	}
	soft := filepath.Join(dir, "soft.csv")
	if err := os.Symlink(input, soft); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	tests := []struct{ name, target string }{
		{"same path", input},
		{"relative path", "people.csv"},
		{"unclean path", filepath.Join(dir, "sub", "..", "people.csv")},
		{"hard link", hard},
		{"symbolic link", soft},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Create(tt.target, testHeader, csvFormat, Options{InputPath: input})
			if err == nil {
				w.Abort()
				t.Fatal("Create succeeded, want ErrInputOverwrite")
			}
			if !errors.Is(err, ErrInputOverwrite) {
				t.Errorf("error = %v, want ErrInputOverwrite", err)
			}
		})
	}
	got, err := os.ReadFile(input)
	if err != nil || string(got) != "Vorname\nJonas\n" {
		t.Errorf("input now %q (%v), want it unchanged", got, err)
	}
	if extra := leftovers(t, dir, input, hard, soft); len(extra) != 0 {
		t.Errorf("files left behind: %q", extra)
	}
}

// The input may appear at the results path after Create (a rename by
// someone else); Close must still refuse to replace it.
func TestCloseRechecksInput(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "people.csv")
	target := filepath.Join(dir, "people.results.csv")
	if err := os.WriteFile(input, []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := Create(target, testHeader, csvFormat, Options{InputPath: input})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Link(input, target); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(Summary{}); !errors.Is(err, ErrInputOverwrite) {
		t.Fatalf("Close error = %v, want ErrInputOverwrite", err)
	}
	if got, _ := os.ReadFile(input); string(got) != "data" {
		t.Errorf("input now %q, want it unchanged", got)
	}
	if extra := leftovers(t, dir, input, target); len(extra) != 0 {
		t.Errorf("files left behind: %q", extra)
	}
}

func TestFailedWriteKeepsOldFile(t *testing.T) {
	tests := []struct {
		name   string
		format sheet.Format
		finish func(w *Writer) error
		want   string
	}{
		{"abort", csvFormat, func(w *Writer) error { w.Abort(); return nil }, ""},
		{"xlsx abort", xlsxFormat, func(w *Writer) error { w.Abort(); return nil }, ""},
		{"xlsx too wide", xlsxFormat, func(w *Writer) error {
			// More columns than a worksheet has fails only when the
			// sheet is assembled, after every row was accepted.
			cells := make([]string, 16400)
			cells[len(cells)-1] = "x"
			if err := w.Write(Record{Cells: cells, Status: StatusValid}); err != nil {
				return err
			}
			return w.Close(Summary{})
		}, "finish results"},
		{"write after close", csvFormat, func(w *Writer) error {
			w.Abort()
			return w.Write(Record{Status: StatusValid})
		}, "results writer is closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "people.results")
			if err := os.WriteFile(path, []byte("previous run"), 0o600); err != nil {
				t.Fatal(err)
			}
			w, err := Create(path, testHeader, tt.format, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range testRecords() {
				if err := w.Write(r); err != nil {
					t.Fatal(err)
				}
			}
			err = tt.finish(w)
			if tt.want == "" && err != nil || tt.want != "" &&
				(err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
			w.Abort() // harmless after Close or Abort
			if got, _ := os.ReadFile(path); string(got) != "previous run" {
				t.Errorf("results file now %.20q, want the previous run", got)
			}
			if extra := leftovers(t, dir, path); len(extra) != 0 {
				t.Errorf("files left behind: %q", extra)
			}
		})
	}
}

func TestCloseTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.results.csv")
	w := writeSheet(t, path, csvFormat, Options{}, testRecords(), Summary{})
	if err := w.Close(Summary{}); err == nil {
		t.Error("second Close succeeded, want an error")
	}
}

func TestCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "people.results.csv")
	recs := append(testRecords(), Record{Status: StatusCreated, SourceRow: 10})
	w := writeSheet(t, path, csvFormat, Options{}, recs, Summary{})
	want := map[string]int{
		StatusCreated: 2, StatusInvalid: 1, StatusRejected: 1, StatusFailed: 1,
		StatusUnknown: 1, StatusPending: 1, StatusValid: 1, StatusDuplicate: 1,
	}
	got := w.Counts()
	for _, s := range Statuses() {
		if got[s] != want[s] {
			t.Errorf("Counts()[%s] = %d, want %d", s, got[s], want[s])
		}
	}
}

// A killed run's temporary results file holds patient rows: the next run
// that writes the same results removes it, and leaves a live run's file
// and other files alone.
func TestSweepsTempFilesOfKilledRuns(t *testing.T) {
	if !filelock.Supported {
		t.Skip("no file locks on this platform")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "people.results.csv")
	name := func(s string) string { return filepath.Join(dir, s) }
	for _, s := range []string{".people.results.csv.123.tmp", ".people.results.csv.456.tmp",
		".people.results.csv.notes.tmp", ".other.results.csv.789.tmp"} {
		if err := os.WriteFile(name(s), []byte("row"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	live, err := os.OpenFile(name(".people.results.csv.456.tmp"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := filelock.Lock(live); err != nil {
		t.Fatal(err)
	}
	writeSheet(t, path, csvFormat, Options{}, testRecords(), Summary{})
	for s, want := range map[string]bool{".people.results.csv.123.tmp": false,
		".people.results.csv.456.tmp": true, ".people.results.csv.notes.tmp": true,
		".other.results.csv.789.tmp": true} {
		if _, err := os.Stat(name(s)); (err == nil) != want {
			t.Errorf("%s: exists = %v, want %v", s, err == nil, want)
		}
	}
}
