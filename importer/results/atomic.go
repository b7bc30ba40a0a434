package results

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"aniva-import/importer/internal/filelock"
)

// tempFile is the file a results sheet is written to before it replaces
// its target. It lives in the target's directory, so that the final rename
// stays within one file system and is atomic.
type tempFile struct {
	target string
	input  string
	f      *os.File
}

// newTempFile checks that target may be written and opens a temporary file
// beside it, readable by its owner only.
func newTempFile(target, input string) (*tempFile, error) {
	if err := checkTarget(target, input); err != nil {
		return nil, err
	}
	t := &tempFile{target: target, input: input}
	t.sweep()
	f, err := t.create()
	if err != nil {
		return nil, err
	}
	t.f = f
	return t, nil
}

// create opens a new, empty temporary file in the target's directory.
func (t *tempFile) create() (*os.File, error) {
	dir, base := filepath.Split(t.target)
	if dir == "" {
		dir = "."
	}
	// os.CreateTemp already uses mode 0600; Chmod says so independently
	// of how the platform implements it.
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create temporary results file: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		closeRemove(f)
		return nil, fmt.Errorf("restrict temporary results file: %w", err)
	}
	// Held until the process ends, so that sweep can tell this file from
	// one a killed run left behind.
	if err := filelock.Lock(f); err != nil {
		closeRemove(f)
		return nil, fmt.Errorf("lock temporary results file: %w", err)
	}
	return f, nil
}

// sweep removes the temporary files of this target that killed runs left
// behind: they hold patient rows, and no run will finish them. A file
// whose lock can be taken has no live writer. Where files cannot be
// locked, nothing is removed.
func (t *tempFile) sweep() {
	if !filelock.Supported {
		return
	}
	dir, base := filepath.Split(t.target)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		mid, ok := strings.CutPrefix(e.Name(), "."+base+".")
		mid, ok2 := strings.CutSuffix(mid, ".tmp")
		if !ok || !ok2 || mid == "" || strings.Trim(mid, "0123456789") != "" || !e.Type().IsRegular() {
			continue // not a name create gives
		}
		name := e.Name()
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if filelock.Lock(f) == nil {
			_ = os.Remove(f.Name())
		}
		_ = f.Close()
	}
}

// renew replaces the temporary file with a new, empty one and returns the
// old one, still open, which the caller must close and remove.
func (t *tempFile) renew() (*os.File, error) {
	f, err := t.create()
	if err != nil {
		return nil, err
	}
	old := t.f
	t.f = f
	return old, nil
}

// commit syncs the temporary file and renames it over the target. On
// error the temporary file is removed and the target is untouched.
func (t *tempFile) commit() error {
	err := t.f.Sync()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// The input may have been moved into place while we wrote.
		err = checkTarget(t.target, t.input)
	}
	if err == nil {
		err = os.Rename(t.f.Name(), t.target)
	}
	if err != nil {
		_ = os.Remove(t.f.Name())
		return err
	}
	syncDir(filepath.Dir(t.target))
	return nil
}

// discard closes and removes the temporary file.
func (t *tempFile) discard() {
	closeRemove(t.f)
}

func closeRemove(f *os.File) {
	_ = f.Close()
	_ = os.Remove(f.Name())
}

// syncDir makes a rename in dir durable. Some file systems and platforms
// cannot sync a directory; the rename itself has happened either way, so a
// failure here is not reported.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// checkTarget refuses a target that is the input file, by name or as the
// same file under another name (a link), and a target that is a directory.
func checkTarget(target, input string) error {
	st, err := os.Stat(target)
	if err == nil && st.IsDir() {
		return fmt.Errorf("results path %s is a directory", target)
	}
	if input == "" {
		return nil
	}
	at, aerr := filepath.Abs(target)
	ai, ierr := filepath.Abs(input)
	if aerr == nil && ierr == nil && at == ai {
		return fmt.Errorf("results path %s: %w", target, ErrInputOverwrite)
	}
	if err != nil {
		return nil // the target does not exist yet
	}
	if si, err := os.Stat(input); err == nil && os.SameFile(st, si) {
		return fmt.Errorf("results path %s: %w", target, ErrInputOverwrite)
	}
	return nil
}
