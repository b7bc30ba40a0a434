package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"aniva-import/importer/results"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// layout tells the input's own columns from the status columns of an
// earlier results sheet, so that a results sheet can be fed back in.
type layout struct {
	header []string // the input's own columns
	own    []int    // their indexes in the file
	status int      // index of import_status, -1 when this is not a results sheet
	id     int
	errCol int
	hint   int
	email  int
	source int
}

func newLayout(fileHeader []string) layout {
	l := layout{status: -1, id: -1, errCol: -1, hint: -1, email: -1, source: -1}
	slots := map[string]*int{
		results.ColStatus: &l.status, results.ColProfileID: &l.id,
		results.ColError: &l.errCol, results.ColHint: &l.hint,
		results.ColEmail: &l.email, results.ColSourceRow: &l.source,
	}
	for i, h := range fileHeader {
		h = results.Unescape(h) // a results sheet guards its header cells too
		if p, ok := slots[strings.ToLower(strings.TrimSpace(h))]; ok {
			*p = i
			continue
		}
		l.header = append(l.header, h)
		l.own = append(l.own, i)
	}
	return l
}

// rerun is true when the input is a results sheet of an earlier run.
func (l layout) rerun() bool { return l.status >= 0 }

// split returns a row's own cells, padded to the header's width, and the
// cells beyond the header (of a results sheet: beyond its status columns),
// which no column can take.
func (l layout) split(row []string, unescape bool) (own, extra []string) {
	own = make([]string, len(l.own))
	for k, i := range l.own {
		if i < len(row) {
			own[k] = row[i]
			if unescape {
				own[k] = results.Unescape(own[k])
			}
		}
	}
	width := len(l.own)
	if l.rerun() {
		width += len(results.Columns())
	}
	for i := width; i < len(row); i++ {
		c := row[i]
		if unescape {
			c = results.Unescape(c)
		}
		extra = append(extra, c)
	}
	return own, extra
}

// earlier is what a results sheet says about a row from its last run.
type earlier struct {
	status, id, err, hint, email string
	source                       int
	sandboxID                    bool // id came marked as the sandbox's
}

func (l layout) earlier(row []string) earlier {
	get := func(i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(results.Unescape(row[i]))
	}
	// The tool writes status and id without quotes: one typed into them
	// by mistake is not part of them.
	e := earlier{status: strings.ToLower(unquote(get(l.status))), id: unquote(get(l.id)),
		err: get(l.errCol), hint: get(l.hint), email: get(l.email)}
	e.source = l.sourceRow(row)
	return e
}

func unquote(s string) string { return strings.Trim(s, `"`) }

// sourceRow is a results sheet row's source_row, 0 when it has none. A
// number no sheet can reach (typed by hand) counts as none, so that the
// rows added after it are numbered without overflowing.
func (l layout) sourceRow(row []string) int {
	if l.source < 0 || l.source >= len(row) {
		return 0
	}
	s := unquote(strings.TrimSpace(results.Unescape(row[l.source])))
	n, err := strconv.Atoi(s)
	if err != nil {
		// "4.0", as tools that read the column as numbers write it back.
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != math.Trunc(f) || f < 1 || f > maxSourceRow {
			return 0
		}
		n = int(f)
	}
	if n > maxSourceRow {
		return 0
	}
	return n
}

// maxSourceRow is far past the rows of any sheet (XLSX holds 1,048,576),
// and far below where adding to it could overflow.
const maxSourceRow = 1 << 40

// open opens the input for one pass.
func open(cfg *Config) (sheet.Reader, error) {
	opts := cfg.Sheet
	if opts.IsHeader == nil {
		opts.IsHeader = looksLikeHeader
	}
	r, err := sheet.Open(cfg.Input, opts)
	if err != nil {
		return nil, setupErr(err)
	}
	return r, nil
}

// looksLikeHeader also knows a results sheet's header, which may carry few
// recognisable patient columns.
func looksLikeHeader(cells []string) bool {
	for _, c := range cells {
		if strings.EqualFold(strings.TrimSpace(c), results.ColStatus) {
			return true
		}
	}
	return mapping.LooksLikeHeader(cells)
}

// checkUnchanged refuses an input saved again or replaced since fi was
// taken: its rows would come from two versions of it, and the journal
// would name one of them (a resumed run would then pair outcomes with the
// wrong patients).
func checkUnchanged(path string, fi os.FileInfo) error {
	now, err := os.Stat(path)
	if fi == nil || err == nil && os.SameFile(fi, now) && now.Size() == fi.Size() &&
		now.ModTime().Equal(fi.ModTime()) {
		return nil
	}
	return setupErr(fmt.Errorf("%s changed while it was being read (saved again or replaced); "+
		"nothing was sent. Run again once it is saved and closed", path))
}

// fileHash identifies the input's bytes, so a journal is never applied to a
// changed file.
func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

var rerunSuffix = regexp.MustCompile(`\.results(-(\d+))?$`)

// DefaultOut is the results sheet's default name, beside the input:
// NAME.results.csv or NAME.results.xlsx after the input's kind, and for a
// results sheet fed back in, NAME.results-2.EXT, -3 …, so that the input is
// never overwritten.
func DefaultOut(input string, kind sheet.Kind) string {
	ext := ".csv"
	if kind == sheet.XLSX {
		ext = ".xlsx"
	}
	stem := strings.TrimSuffix(input, filepath.Ext(input))
	m := rerunSuffix.FindStringSubmatch(stem)
	if m == nil {
		return stem + ".results" + ext
	}
	n := 2
	if m[2] != "" {
		n, _ = strconv.Atoi(m[2])
		n++
	}
	return strings.TrimSuffix(stem, m[0]) + ".results-" + strconv.Itoa(n) + ext
}

// sourceName is the name of the original input: a results sheet keeps
// pointing at the file it came from, so idempotency keys stay stable.
func sourceName(input string) string {
	base := filepath.Base(input)
	ext := filepath.Ext(base)
	stem := rerunSuffix.ReplaceAllString(strings.TrimSuffix(base, ext), "")
	return stem + ext
}

// OwnColumns is a header without the status columns an earlier run's
// results sheet added, so a results sheet maps like its input.
func OwnColumns(header []string) []string { return newLayout(header).header }
