package sheet

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file that cannot be opened is named, with the reason in words; the
// system call behind it stays reachable for callers.
func TestOpenSaysWhyAFileCannotBeRead(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "patients.csv")
	_, err := Open(missing, Options{})
	if err == nil || err.Error() != missing+": no such file" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}

	_, err = Open(dir, Options{})
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("directory: %v", err)
	}

	if os.Geteuid() == 0 {
		return // root reads any file
	}
	locked := filepath.Join(dir, "locked.csv")
	if err := os.WriteFile(locked, []byte("a,b\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err = Open(locked, Options{})
	if err == nil || !strings.Contains(err.Error(), "not allowed to read it") || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("unreadable file: %v", err)
	}
}
