package mapping

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"aniva-import/mapping/normalize"
)

// YAML writes the spec as a mapping file to edit and pass back with
// --mapping: the same file gives the same requests. Comments show each
// match's confidence (from matches, as [Auto] returns them), the columns
// that tie for a field, the fields without a source and the columns left
// unused.
func (s *Spec) YAML(matches []Match) []byte {
	w := &yamlWriter{spec: s, byCol: map[int]Match{}}
	if matches == nil && s.auto != nil {
		matches = s.auto.matches
	}
	for _, m := range matches {
		w.byCol[m.Column] = m
	}
	w.line("# Mapping file for aniva-import: which column feeds which profile field.")
	w.line("# Edit it, then run: aniva-import import FILE --mapping THIS_FILE")
	w.line("# A field takes a column (its header) or a value (a constant for every row).")
	w.line("")
	for _, field := range specFields {
		if fs, ok := s.Fields[field]; ok {
			w.field(field, fs)
		} else {
			w.absent(field)
		}
	}
	w.unused()
	return w.buf.Bytes()
}

type yamlWriter struct {
	spec  *Spec
	byCol map[int]Match
	buf   bytes.Buffer
}

func (w *yamlWriter) line(format string, args ...any) {
	fmt.Fprintf(&w.buf, format, args...)
	w.buf.WriteByte('\n')
}

// column is the index of a header in the automatic match's header.
func (w *yamlWriter) column(h string) int {
	if w.spec.auto != nil {
		for i, x := range w.spec.auto.header {
			if x == h {
				return i
			}
		}
	}
	return -1
}

// field writes one field's source.
func (w *yamlWriter) field(field string, fs FieldSpec) {
	w.line("%s:", field)
	if fs.Column != "" {
		w.line("  column: %s%s", quote(fs.Column), w.matchComment(field, fs.Column))
	}
	if fs.Value != "" {
		w.line("  value: %s", quote(fs.Value))
	}
	if len(fs.Values) > 0 {
		w.line("  values:")
	}
	for _, k := range sortedKeys(fs.Values) {
		w.line("    %s: %s", quote(k), quote(fs.Values[k]))
	}
	w.options(field, fs)
}

// matchComment explains how a column was matched.
func (w *yamlWriter) matchComment(field, header string) string {
	m, ok := w.byCol[w.column(header)]
	switch {
	case !ok:
		return ""
	case w.spec.auto.nameAsLast && field == FieldLastName && m.Field == FieldLastName &&
		m.Confidence != Partial:
		return "  # a name column beside a first-name column: read as the last name"
	case m.Confidence == Partial:
		return "  # partial match: check that this is the right column"
	case field == FieldName:
		return fmt.Sprintf("  # %s match: split into first_name and last_name", m.Confidence)
	}
	return fmt.Sprintf("  # %s match", m.Confidence)
}

// options writes a field's reading options, or comments offering them.
func (w *yamlWriter) options(field string, fs FieldSpec) {
	switch field {
	case FieldDOB:
		switch {
		case fs.Layout != "":
			w.line("  layout: %s", quote(fs.Layout))
		case fs.DateOrder != normalize.OrderUnknown:
			w.line("  date_order: %s", orderName(fs.DateOrder))
		default:
			w.line("  # date_order: dmy  # dmy, mdy or ymd: needed when the run stops on " +
				"ambiguous dates")
		}
	case FieldPhone:
		if fs.Region != "" {
			w.line("  region: %s", fs.Region)
		} else {
			// XX, not a real code: a region copied unread would
			// misread every national number.
			w.line("  # region: XX  # the country (DE, FI, GB, US, …) of numbers without a " +
				"country code, or --phone-region")
		}
	case FieldHeight, FieldWeight:
		if fs.Unit != normalize.UnitNone {
			w.line("  unit: %s", unitName(fs.Unit))
		} else if field == FieldHeight {
			w.line("  # unit: cm  # cm, m or in; a column of values from 0.5 to 2.5 is " +
				"read as metres")
		} else {
			w.line("  # unit: kg  # kg or lb")
		}
	case FieldPersonalID:
		w.line("  # feeds sex and date_of_birth where they have no column, else checks " +
			"them; never sent")
	}
}

// absent writes a commented line for a field without a source.
func (w *yamlWriter) absent(field string) {
	a := w.spec.auto
	switch {
	case a != nil && a.ambiguous[field] != nil:
		w.line("# %s: these columns match equally; remove the # before the one to use:", field)
		for _, c := range a.ambiguous[field] {
			w.line("# %s: %s", field, quote(a.header[c]))
		}
	case field == FieldGroup:
		w.line("# %s: no column; pass --group SLUG, or set one group for every row:", field)
		w.line("# %s:", field)
		w.line("#   value: \"your-group-slug\"")
	case field == FieldName || field == FieldPersonalID:
		return
	case (field == FieldSex || field == FieldDOB) && w.spec.Fields[FieldPersonalID].Column != "":
		w.line("# %s: from personal_id; a column named here is read instead:", field)
		w.line("# %s: \"COLUMN HEADER\"", field)
	case (field == FieldFirstName || field == FieldLastName) && w.spec.Fields[FieldName].Column != "":
		w.line("# %s: from name; a column named here is read instead:", field)
		w.line("# %s: \"COLUMN HEADER\"", field)
	case required[field]:
		w.line("# %s: REQUIRED, no column found; name its column here:", field)
		w.line("# %s: \"COLUMN HEADER\"", field)
	default:
		w.line("# %s: \"COLUMN HEADER\"", field)
	}
}

// unused lists the columns no field reads.
func (w *yamlWriter) unused() {
	a := w.spec.auto
	if a == nil {
		return
	}
	used := map[string]bool{}
	for _, fs := range w.spec.Fields {
		used[fs.Column] = true
	}
	if holdsValues(a.header) {
		w.line("")
		w.line("# The first row, read as the header, holds values such as dates or e-mail")
		w.line("# addresses: if the file has no header row, add one. Its cells are not shown.")
		return
	}
	first := true
	for i, h := range a.header {
		if used[h] || strings.TrimSpace(h) == "" {
			continue
		}
		if first {
			w.line("")
			w.line("# Columns not used:")
			first = false
		}
		if m, ok := w.byCol[i]; ok {
			w.line("#   %s  (%s match for %s)", quote(h), m.Confidence, m.Field)
		} else {
			w.line("#   %s", quote(h))
		}
	}
}

// quote writes s as a YAML double-quoted scalar (JSON's escapes are
// YAML's too).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
