package importer

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"aniva-import/importer/results"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// survey is what the first pass over the file learns: how many rows there
// are, how each column settles, and which rows look like the same person.
type survey struct {
	input  os.FileInfo // the input as the survey began to read it
	count  int         // data rows
	format sheet.Format
	layout layout
	plan   *mapping.Plan
	// dupOf names, for each row that shares a name and birth date or an
	// email with another, the other row: the first one with a key of the
	// row's, or for a row that comes first with each key, the next one.
	// sameOf does the same by name and birth date (or personal identity
	// code) only: an email alone may be a family's.
	dupOf, sameOf map[int]int
	// rows holds the rows read, for the second pass; nil when no spool
	// could be made, and the file is read again.
	rows *rowSpool
	// sizes measures the rows for XLSX results, which can then be written
	// during the second pass; nil for CSV.
	sizes *results.Layout
	// sharedSource holds the source_row numbers of a results sheet that
	// more than one of its rows carries.
	sharedSource map[int]bool
	// maxSource is the highest source_row a results sheet's rows carry.
	maxSource int
	// sharedID holds the lines of a results sheet whose profile_id another
	// row carries too: a row copied to add a patient may keep it.
	sharedID map[int]bool
	// sourceAt is a results sheet's source_row by line, so that a note
	// can name another row as the operator finds it; nil for other input.
	sourceAt []int32
}

// pidSeed hashes profile ids within one process.
var pidSeed = maphash.MakeSeed()

// surveyFile reads the whole file once before anything is sent, because
// some decisions (a column's date order, metres or centimetres, duplicates)
// need every value of a column, and a run must not stop halfway on them.
func surveyFile(cfg *Config) (_ *survey, err error) {
	input, _ := os.Stat(cfg.Input) // a missing file is open's to report
	r, err := open(cfg)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s := &survey{format: r.Format(), layout: newLayout(r.Header()), input: input}
	opts := cfg.Map
	opts.Date1904 = s.format.Date1904
	s.plan, err = mapping.NewPlan(s.layout.header, cfg.Spec, opts)
	if err != nil {
		if h := s.layout.header; len(h) == 1 && strings.ContainsAny(h[0], ",;\t|") {
			err = fmt.Errorf("%w\nthe header was read as a single column; if the file uses "+
				"another delimiter, name it with --delimiter", err)
		}
		return nil, setupErr(fmt.Errorf("%s: %w", cfg.Input, err))
	}
	// The spool goes beside the results, where the operator keeps the
	// patient data anyway (not in a shared /tmp).
	dir := filepath.Dir(cfg.Input)
	if cfg.Out != "" {
		dir = filepath.Dir(cfg.Out)
	}
	if sp, err := newRowSpool(dir); err == nil {
		s.rows = sp
		defer func() {
			if err != nil {
				sp.Close()
			}
		}()
	} else if cfg.Logger != nil {
		cfg.Logger.Debug("no spool; the file will be read twice", "cause", err.Error())
	}
	ids, noFile := newIdentitySet(dir)
	if noFile != nil && cfg.Logger != nil {
		cfg.Logger.Debug("identity keys kept in memory", "cause", noFile.Error())
	}
	defer ids.Close()
	work := startSurveyWork(s.plan, ids, s.rows, s.format.Kind == sheet.XLSX)
	defer work.wait() // on the paths that return early
	var sources sourceRows
	var pids *identitySet // the profile ids of a results sheet, to find those on two rows
	if s.layout.rerun() {
		pids, _ = newIdentitySet(dir) // without a file it keeps them in memory
		defer pids.Close()
	}
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var re *sheet.RowError
			if errors.As(err, &re) {
				s.count++
				work.add(row, re, nil, nil)
				continue
			}
			return nil, setupErr(err)
		}
		s.count++
		if s.layout.rerun() {
			e := s.layout.earlier(row.Cells)
			sources.add(e.source)
			s.noteSource(row.Line, e.source)
			if id := e.id; id != "" {
				// A UUID is the same in capitals.
				err := pids.add(maphash.String(pidSeed, strings.ToLower(id)), row.Line)
				if err != nil {
					return nil, err
				}
			}
		}
		own, extra := s.layout.split(row.Cells, s.layout.rerun())
		s.plan.Observe(own)
		work.add(row, nil, own, extra)
	}
	if err := work.wait(); err != nil {
		return nil, err
	}
	s.sizes = work.layout
	s.sharedSource, s.maxSource = sources.shared, sources.max
	if pids != nil {
		shared, err := pids.duplicates()
		if err != nil {
			return nil, err
		}
		for line := range shared.dupOf {
			if s.sharedID == nil {
				s.sharedID = map[int]bool{}
			}
			s.sharedID[line] = true
		}
	}
	pairs, err := ids.duplicates()
	if err != nil {
		return nil, err
	}
	s.dupOf, s.sameOf = pairs.dupOf, pairs.sameOf
	if err := s.plan.Settle(); err != nil {
		return nil, setupErr(fmt.Errorf("%s: %w", cfg.Input, err))
	}
	if s.rows != nil {
		if err := s.rows.Rewind(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// noteSource records line's source_row.
func (s *survey) noteSource(line, src int) {
	if src <= 0 || src > math.MaxInt32 || line < 0 {
		return
	}
	if line >= len(s.sourceAt) {
		s.sourceAt = append(s.sourceAt, make([]int32, line+1-len(s.sourceAt))...)
	}
	s.sourceAt[line] = int32(src)
}

// rowName names the row at line as the operator finds it: by its
// source_row in a results sheet (whose rows are numbered anew), else by
// its number in the file.
func (s *survey) rowName(line int) string {
	if !s.layout.rerun() {
		return "row " + strconv.Itoa(line)
	}
	if line >= 0 && line < len(s.sourceAt) && s.sourceAt[line] > 0 &&
		!s.sharedSource[int(s.sourceAt[line])] {
		return "source_row " + strconv.Itoa(int(s.sourceAt[line]))
	}
	// A source_row that rows share would name the row itself too.
	return "the row at line " + strconv.Itoa(line) + " of this sheet"
}
