package mapping

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"aniva-import/mapping/normalize"
)

// Spec says where each profile field comes from: the mapping file, or
// what [Auto] found. A Spec is not changed by [NewPlan] and may be shared.
type Spec struct {
	// Fields maps a field (an API field name, FieldName or
	// FieldPersonalID) to its source. Fields that are absent have none.
	Fields map[string]FieldSpec

	file string      // the mapping file's name, for messages
	auto *autoResult // set by Auto
	// keyLines holds the line of each field's key ("sex.value"), so that a
	// message points at the key at fault rather than its field.
	keyLines map[string]int
}

// FieldSpec is one field's source in a mapping file.
type FieldSpec struct {
	// Column is the header of the column holding the field.
	Column string
	// Value is a constant: used for every row when there is no Column,
	// and for rows whose cell is empty when there is one.
	Value string
	// Values replaces whole cell values before they are read, matched
	// ignoring case and surrounding space (e.g. "W" → "2" for sex). A
	// value that maps to "" counts as an empty cell. Cells not listed
	// are read as they are.
	Values map[string]string
	// DateOrder reads ambiguous text dates (date_of_birth only).
	DateOrder normalize.Order
	// Layout is an exact date layout, either strftime-like ("%d.%m.%Y")
	// or Go's ("02.01.2006") (date_of_birth only).
	Layout string
	// Region is the phone region for numbers without a country code.
	Region string
	// Unit is the unit of a height or weight written without one.
	Unit normalize.Unit
	// Line is the line of the field in the mapping file, or 0.
	Line int
}

// ConfigError is a mapping that cannot be used: a mapping file that does
// not parse, a column that is not in the file, a required field without a
// source, a column order that is ambiguous. It lists every problem found.
type ConfigError struct {
	Problems []string
	Err      error // the underlying cause, if any (e.g. an unreadable file)
}

// Error lists the problems, one per line when there are several.
func (e *ConfigError) Error() string {
	if len(e.Problems) == 1 {
		return e.Problems[0]
	}
	return fmt.Sprintf("%d problems with the column mapping:\n  %s",
		len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// Unwrap returns the underlying cause.
func (e *ConfigError) Unwrap() error { return e.Err }

// LoadSpec reads and parses a mapping file. Errors are a *[ConfigError].
func LoadSpec(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		msg := fmt.Sprintf("read mapping file: %v", err)
		return nil, &ConfigError{Problems: []string{msg}, Err: err}
	}
	return ParseSpec(data, path)
}

// fieldKeys lists the keys each field accepts inside its mapping.
var fieldKeys = map[string][]string{
	FieldFirstName:  {"column", "value", "values"},
	FieldLastName:   {"column", "value", "values"},
	FieldName:       {"column"},
	FieldSex:        {"column", "value", "values"},
	FieldDOB:        {"column", "value", "values", "date_order", "layout"},
	FieldPersonalID: {"column"},
	FieldGroup:      {"column", "value", "values"},
	FieldEmail:      {"column", "value", "values"},
	FieldPhone:      {"column", "value", "values", "region"},
	FieldHeight:     {"column", "value", "values", "unit"},
	FieldWeight:     {"column", "value", "values", "unit"},
	FieldLanguage:   {"column", "value", "values"},
}

// specParser collects the problems of one mapping file.
type specParser struct {
	file     string
	problems []string
	keyLines map[string]int // see Spec.keyLines
}

func (p *specParser) addf(line int, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	switch {
	case p.file != "" && line > 0:
		msg = fmt.Sprintf("%s:%d: %s", p.file, line, msg)
	case p.file != "":
		msg = p.file + ": " + msg
	case line > 0:
		msg = fmt.Sprintf("line %d: %s", line, msg)
	}
	p.problems = append(p.problems, msg)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// ParseSpec parses a mapping file; name is used in messages. Every
// problem is reported with its line, in a *[ConfigError].
func ParseSpec(data []byte, name string) (*Spec, error) {
	p := &specParser{file: name, keyLines: map[string]int{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			msg = name + ":" + m[1] + ": " + m[2]
		} else if name != "" {
			msg = name + ": " + msg
		}
		return nil, &ConfigError{Problems: []string{msg}, Err: err}
	}
	spec := &Spec{Fields: map[string]FieldSpec{}, file: name, keyLines: p.keyLines}
	if len(doc.Content) == 0 {
		p.addf(0, "the mapping file is empty")
	} else if root := doc.Content[0]; root.Kind != yaml.MappingNode {
		p.addf(root.Line, "expected field names at the top level (first_name: ...)")
	} else if len(root.Content) == 0 {
		p.addf(root.Line, "the mapping file names no fields")
	} else {
		p.fields(root, spec)
	}
	if p.problems != nil {
		return nil, &ConfigError{Problems: p.problems}
	}
	return spec, nil
}

// fields reads the top-level mapping of field names.
func (p *specParser) fields(root *yaml.Node, spec *Spec) {
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		field := k.Value
		if fieldKeys[field] == nil {
			p.addf(k.Line, "unknown field %q (fields: %s)", field, strings.Join(specFields, ", "))
			continue
		}
		if line, dup := seen[field]; dup {
			p.addf(k.Line, "%s is set twice (first on line %d)", field, line)
			continue
		}
		seen[field] = k.Line
		fs, ok := p.field(field, v)
		if ok {
			fs.Line = k.Line
			spec.Fields[field] = fs
		}
	}
	if line, ok := seen[FieldName]; ok {
		for _, f := range []string{FieldFirstName, FieldLastName} {
			if _, both := seen[f]; both {
				p.addf(line, "name feeds first_name and last_name: remove name or %s", f)
			}
		}
	}
}

// field reads one field's source: a column header as shorthand, or a
// mapping of keys.
func (p *specParser) field(field string, v *yaml.Node) (FieldSpec, bool) {
	var fs FieldSpec
	switch {
	case v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "" && v.Tag != "!!null":
		fs.Column = strings.TrimSpace(v.Value)
		return fs, true
	case v.Kind != yaml.MappingNode:
		p.addf(v.Line, "%s needs a column header or keys (column: ...)", field)
		return fs, false
	}
	before := len(p.problems)
	seen := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if !contains(fieldKeys[field], k.Value) {
			p.addf(k.Line, "unknown key %q in %s (keys: %s)",
				k.Value, field, strings.Join(fieldKeys[field], ", "))
			continue
		}
		if seen[k.Value] {
			p.addf(k.Line, "%s: %s is set twice", field, k.Value)
			continue
		}
		seen[k.Value] = true
		p.key(&fs, field, k.Value, val)
	}
	p.check(&fs, field, v.Line, seen)
	return fs, len(p.problems) == before
}

// key reads one key of a field's mapping into fs.
func (p *specParser) key(fs *FieldSpec, field, key string, v *yaml.Node) {
	if key == "values" {
		fs.Values = p.valueMap(field, v)
		return
	}
	s, ok := p.scalar(field, key, v)
	if !ok {
		return
	}
	p.keyLines[field+"."+key] = v.Line
	switch key {
	case "column":
		fs.Column = s
	case "value":
		fs.Value = s
	case "date_order":
		o, err := ParseDateOrder(s)
		if err != nil {
			p.addf(v.Line, "%s: %v", field, err)
		}
		fs.DateOrder = o
	case "layout":
		if _, _, err := goLayout(s); err != nil {
			p.addf(v.Line, "%s: %v", field, err)
		}
		fs.Layout = s
	case "region":
		fs.Region = strings.ToUpper(s)
		if !validRegion(fs.Region) {
			p.addf(v.Line, "%s: region %q is not a region code such as DE, FI or US", field, s)
		}
	case "unit":
		fs.Unit = p.unit(field, s, v.Line)
	}
}

// scalar reads a key's text value.
func (p *specParser) scalar(field, key string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		p.addf(v.Line, "%s: %s must be a single value", field, key)
		return "", false
	}
	if v.Tag == "!!null" || strings.TrimSpace(v.Value) == "" {
		p.addf(v.Line, "%s: %s is empty", field, key)
		return "", false
	}
	return strings.TrimSpace(v.Value), true
}

// valueMap reads a values mapping; keys are compared ignoring case and
// surrounding space, and null maps to "".
func (p *specParser) valueMap(field string, v *yaml.Node) map[string]string {
	if v.Kind != yaml.MappingNode {
		p.addf(v.Line, "%s: values must be a mapping such as {W: 2, M: 1}", field)
		return nil
	}
	out := map[string]string{}
	lines := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if k.Kind != yaml.ScalarNode || val.Kind != yaml.ScalarNode {
			p.addf(k.Line, "%s: values must map single values to single values", field)
			continue
		}
		key := valueKey(k.Value)
		if line, dup := lines[key]; dup {
			p.addf(k.Line, "%s: value %q is mapped twice (first on line %d)", field, k.Value, line)
			continue
		}
		lines[key] = k.Line
		out[key] = ""
		if val.Tag != "!!null" {
			out[key] = strings.TrimSpace(val.Value)
		}
	}
	return out
}

// valueKey is the form in which value-map keys and cells are compared.
func valueKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// check reports what is missing or contradictory in one field's mapping.
func (p *specParser) check(fs *FieldSpec, field string, line int, seen map[string]bool) {
	if !seen["column"] && !seen["value"] {
		if contains(fieldKeys[field], "value") {
			p.addf(line, "%s needs a column or a value", field)
		} else {
			p.addf(line, "%s needs a column", field)
		}
	}
	if seen["date_order"] && seen["layout"] {
		p.addf(line, "%s: use date_order or layout, not both", field)
	}
}

// unitNames are the unit names a mapping file may use, in the order the
// mapping command writes them.
var unitNames = []struct {
	name, word string
	unit       normalize.Unit
}{
	{"cm", "centimetres", normalize.Centimetre}, {"m", "metres", normalize.Metre},
	{"in", "inches", normalize.Inch}, {"kg", "kilograms", normalize.Kilogram},
	{"lb", "pounds", normalize.Pound},
}

func (p *specParser) unit(field, s string, line int) normalize.Unit {
	for _, u := range unitNames {
		if strings.EqualFold(s, u.name) {
			if !unitFits(u.unit, field) {
				break
			}
			return u.unit
		}
	}
	if field == FieldHeight {
		p.addf(line, "height: unit %q is not one of cm, m, in", s)
	} else {
		p.addf(line, "weight: unit %q is not one of kg, lb", s)
	}
	return normalize.UnitNone
}

// unitName is the mapping-file name of u.
func unitName(u normalize.Unit) string {
	for _, n := range unitNames {
		if n.unit == u {
			return n.name
		}
	}
	return ""
}

// unitWord is the written-out name of u, for notes.
func unitWord(u normalize.Unit) string {
	for _, n := range unitNames {
		if n.unit == u {
			return n.word
		}
	}
	return ""
}

// ParseDateOrder reads a date order as --date-order and date_order give
// it: dmy, mdy or ymd, in any case.
func ParseDateOrder(s string) (normalize.Order, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "dmy":
		return normalize.DMY, nil
	case "mdy":
		return normalize.MDY, nil
	case "ymd":
		return normalize.YMD, nil
	}
	return normalize.OrderUnknown, fmt.Errorf("date order %q is not one of dmy, mdy, ymd", s)
}

// orderName is the flag spelling of o.
func orderName(o normalize.Order) string {
	switch o {
	case normalize.DMY:
		return "dmy"
	case normalize.MDY:
		return "mdy"
	case normalize.YMD:
		return "ymd"
	}
	return ""
}

// validRegion reports whether r is a region phone numbers can be read in.
func validRegion(r string) bool { return normalize.KnownPhoneRegion(r) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
