package mapping

import (
	"fmt"
	"strings"
	"time"

	"aniva-import/mapping/normalize"
)

// Options are the run's settings that affect how cells are read.
type Options struct {
	// Group is the profile_group_slug for rows that carry none (--group).
	Group string
	// PhoneRegion reads phone numbers written without a country code
	// (--phone-region), e.g. "DE". A mapping file's region wins.
	PhoneRegion string
	// DateOrder reads ambiguous text dates (--date-order). A mapping
	// file's date_order or layout wins.
	DateOrder normalize.Order
	// Date1904 is set when the workbook counts date serials from 1904.
	Date1904 bool
	// Today is the date against which birth dates must lie in the past;
	// the zero value means the current time.
	Today time.Time
}

// source is where one field's value comes from.
type source struct {
	field  string
	col    int    // input column, or -1 for a constant
	header string // the column's header, "" for a constant
	value  string // the constant, or the fallback for empty cells
	values map[string]string
}

// Plan turns the rows of one file into profiles. Build it with
// [NewPlan], feed every data row to [Plan.Observe], call [Plan.Settle]
// once, then call [Plan.Map] for each row. Observe and Settle must be
// called from one goroutine; after Settle, Map and the other methods are
// safe for concurrent use.
type Plan struct {
	header []string
	opts   Options
	src    map[string]*source // by field; FieldName when a name is split
	split  bool               // one name column feeds first and last name
	fromID []string           // fields taken from the personal code
	region string             // phone region for national numbers
	// national counts, while no region is set, the phones written without
	// a country code: they cannot be read, and the summary says why.
	national int
	// abroad counts the phones written with a country code by its main
	// country, while no region is set: the likely region of the others.
	abroad map[string]int
	sex    sexRule
	dob    dateRule
	height measureRule
	weight measureRule
	notes  []string
	// settled is set by Settle; Map refuses to run before it.
	settled bool
}

// planner collects the problems found while building a plan.
type planner struct {
	p        *Plan
	spec     *Spec
	problems []string
}

// NewPlan decides, for a file's header, where each field comes from. A
// nil spec means automatic matching ([Auto]). Every problem found is
// listed in one *[ConfigError]: a required field with no source, a
// mapped column missing from the header, columns that match one field
// equally, a partial match, a constant the API would refuse.
func NewPlan(header []string, spec *Spec, opts Options) (*Plan, error) {
	if spec == nil {
		spec, _ = Auto(header)
	}
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	b := &planner{spec: spec, p: &Plan{
		header: append([]string(nil), header...),
		opts:   opts,
		src:    map[string]*source{},
	}}
	b.checkOptions()
	if spec.auto != nil {
		b.checkAuto(spec.auto)
	}
	for _, field := range specFields {
		if fs, ok := spec.Fields[field]; ok {
			b.addSource(field, fs)
		}
	}
	b.resolveNames()
	b.resolvePersonalID()
	b.checkRequired()
	b.rules()
	b.checkConstants()
	if unused := b.p.unusedHeaders(); len(unused) > 0 {
		if holdsValues(b.p.header) {
			b.p.note("%d columns not used; the first row, read as the header, holds values "+
				"such as dates or e-mail addresses: if the file has no header row, add one", len(unused))
		} else {
			b.p.note("columns not used: %s", quoteList(unused))
		}
	}
	if b.problems != nil {
		return nil, &ConfigError{Problems: b.problems}
	}
	return b.p, nil
}

func (b *planner) addf(format string, args ...any) {
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// at is the mapping-file position of a field, as a message prefix: the
// line of its key (column or value) when it has one of its own.
func (b *planner) at(field, key string) string {
	line := b.spec.Fields[field].Line
	if l := b.spec.keyLines[field+"."+key]; l > 0 {
		line = l
	}
	switch {
	case b.spec.file != "" && line > 0:
		return fmt.Sprintf("%s:%d: ", b.spec.file, line)
	case b.spec.file != "":
		return b.spec.file + ": "
	}
	return ""
}

// checkOptions checks the options that do not depend on the header.
func (b *planner) checkOptions() {
	o := &b.p.opts
	if o.PhoneRegion != "" {
		o.PhoneRegion = strings.ToUpper(strings.TrimSpace(o.PhoneRegion))
		if !validRegion(o.PhoneRegion) {
			b.addf("--phone-region %q is not a region code such as DE, FI or US", o.PhoneRegion)
		}
	}
	if o.Group != "" {
		o.Group = strings.TrimSpace(o.Group)
		if err := checkSlug(o.Group); err != nil {
			b.addf("--group %q %s", o.Group, ruleOf(err))
		}
	}
}

// checkAuto refuses what automatic matching is unsure of.
func (b *planner) checkAuto(a *autoResult) {
	for _, field := range specFields {
		if cols := a.ambiguous[field]; cols != nil {
			b.addf("%s: columns %s match equally; choose one in a mapping file "+
				"(aniva-import mapping FILE prints one to edit)", field, b.columnList(cols))
		}
		col, ok := a.chosen[field]
		if ok && a.confidence(col) == Partial {
			b.addf("%s: column %s only partly matches; confirm it in a mapping file "+
				"(aniva-import mapping FILE prints one to edit)", field, b.p.colName(col))
		}
	}
}

// confidence is the confidence of the match on column col.
func (a *autoResult) confidence(col int) Confidence {
	for _, m := range a.matches {
		if m.Column == col {
			return m.Confidence
		}
	}
	return 0
}

// columnList names columns for a message: "A", "B" and "C".
func (b *planner) columnList(cols []int) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = b.p.colName(c)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// colName names input column i for a message: its quoted header, and
// its position when the header occurs more than once.
func (p *Plan) colName(i int) string {
	n := 0
	for _, h := range p.header {
		if h == p.header[i] {
			n++
		}
	}
	if n > 1 || p.header[i] == "" {
		return fmt.Sprintf("%q (column %d)", p.header[i], i+1)
	}
	return fmt.Sprintf("%q", p.header[i])
}

// addSource records a field's source, finding its column in the header.
func (b *planner) addSource(field string, fs FieldSpec) {
	s := &source{field: field, col: -1, value: fs.Value, values: fs.Values}
	if fs.Column != "" {
		col, err := findColumn(b.p.header, fs.Column)
		if err != nil {
			b.addf("%s%s: %v", b.at(field, "column"), field, err)
			return
		}
		s.col, s.header = col, b.p.header[col]
	}
	b.p.src[field] = s
}

// findColumn finds a header: as written, else ignoring case, else
// ignoring accents, spacing and punctuation too.
func findColumn(header []string, want string) (int, error) {
	tests := []func(string) bool{
		func(h string) bool { return h == want },
		func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), want) },
		func(h string) bool { k := headerKey(want); return k != "" && headerKey(h) == k },
	}
	for _, match := range tests {
		var found []int
		for i, h := range header {
			if match(h) {
				found = append(found, i)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		}
		return -1, fmt.Errorf("column %q is in the header %d times (columns %s); "+
			"rename one", want, len(found), joinInts(found))
	}
	msg := fmt.Sprintf("column %q is not in the header", want)
	if near := closest(header, []string{want}, 3); len(near) > 0 {
		msg += " (closest: " + quoteList(near) + ")"
	}
	return -1, fmt.Errorf("%s", msg)
}

func joinInts(cols []int) string {
	s := make([]string, len(cols))
	for i, c := range cols {
		s[i] = fmt.Sprint(c + 1)
	}
	return strings.Join(s, ", ")
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
