package importer

import (
	"cmp"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// survey is what the first pass over the file learns: how many rows there
// are, how each column settles, and which rows look like the same person.
type survey struct {
	count  int // data rows
	format sheet.Format
	layout layout
	plan   *mapping.Plan
	// dupOf names, for each row that shares a name and birth date or an
	// email with another, the other row (the first one seen, or for the
	// first one, the next).
	dupOf map[int]int
	// rows holds the rows read, for the second pass; nil when no spool
	// could be made, and the file is read again.
	rows *rowSpool
}

// surveyFile reads the whole file once before anything is sent, because
// some decisions (a column's date order, metres or centimetres, duplicates)
// need every value of a column, and a run must not stop halfway on them.
func surveyFile(cfg *Config) (_ *survey, err error) {
	r, err := open(cfg)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	s := &survey{format: r.Format(), layout: newLayout(r.Header())}
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
	var keys identities
	seed := maphash.MakeSeed()
	for {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var re *sheet.RowError
			if errors.As(err, &re) {
				s.count++
				s.spool(row, re)
				continue
			}
			return nil, setupErr(err)
		}
		s.count++
		s.spool(row, nil)
		own, _ := s.layout.split(row.Cells, s.layout.rerun())
		s.plan.Observe(own)
		for _, key := range s.plan.IdentityKeys(own) {
			keys = append(keys, identity{maphash.String(seed, key), row.Line})
		}
	}
	s.dupOf = keys.duplicates()
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

// identity is one row's identity key, hashed: 16 bytes a key, so a million
// rows cost some 32 MB where a map would cost several times that.
type identity struct {
	hash uint64
	line int
}

type identities []identity

// duplicates pairs the rows that share a key: each row names the first row
// with its key, and the first row the next one.
func (ids identities) duplicates() map[int]int {
	slices.SortFunc(ids, func(a, b identity) int {
		return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.line, b.line))
	})
	dupOf := map[int]int{}
	first := 0 // index of the first identity with the current hash
	for i := 1; i < len(ids); i++ {
		if ids[i].hash != ids[first].hash {
			first = i
			continue
		}
		a, b := ids[first].line, ids[i].line
		if a == b {
			continue // one row holding the same key twice
		}
		if _, ok := dupOf[b]; !ok {
			dupOf[b] = a
		}
		if _, ok := dupOf[a]; !ok {
			dupOf[a] = b
		}
	}
	return dupOf
}

func (s *survey) spool(row sheet.Row, re *sheet.RowError) {
	if s.rows != nil {
		s.rows.add(row, re)
	}
}
