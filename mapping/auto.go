package mapping

import "aniva-import/mapping/normalize"

// Confidence says how sure an automatic match of a header is.
type Confidence int

// The confidence levels, weakest first. Only Exact and Alias matches are
// used without a mapping file.
const (
	// Partial: the header contains a known header among other words
	// ("Telefon privat", "Patientenvorname"). It is a guess.
	Partial Confidence = iota + 1
	// Alias: the header is a usual name for the field ("Vorname", "DOB").
	Alias
	// Exact: the header is the API's field name ("first_name", "First Name").
	Exact
)

// String returns the level's lowercase name.
func (c Confidence) String() string {
	switch c {
	case Partial:
		return "partial"
	case Alias:
		return "alias"
	case Exact:
		return "exact"
	}
	return "none"
}

// Match is a header that names a field.
type Match struct {
	Field      string // an API field, FieldName or FieldPersonalID
	Column     int    // index in the header, from 0
	Header     string // the header text as in the file
	Confidence Confidence
}

// autoResult is what automatic matching found, kept in the [Spec] it
// builds so that [NewPlan] can refuse what is unsure and [Spec.YAML] can
// explain it.
type autoResult struct {
	header  []string
	matches []Match // every header that names a field
	// chosen maps a field to the column feeding it.
	chosen map[string]int
	// ambiguous maps a field to the columns that claim it equally.
	ambiguous map[string][]int
	// nameAsLast is set when a "Name" column beside a first-name column
	// was read as the last name.
	nameAsLast bool
}

// Auto matches a header against the field names and their usual English,
// German and Finnish headers. It returns the mapping it would use and
// every header that names a field, chosen or not. [NewPlan] with a nil
// spec refuses the result when two columns claim one field or when a
// field rests on a partial match; the mapping command prints it with
// [Spec.YAML] so that a person can settle it.
func Auto(header []string) (*Spec, []Match) {
	a := &autoResult{
		header:    header,
		chosen:    map[string]int{},
		ambiguous: map[string][]int{},
	}
	for i, h := range header {
		if f, c := classify(h); f != "" {
			a.matches = append(a.matches, Match{Field: f, Column: i, Header: h, Confidence: c})
		}
	}
	for _, field := range specFields {
		a.choose(field)
	}
	a.resolveName()
	a.resolvePersonalID()
	spec := &Spec{Fields: map[string]FieldSpec{}, auto: a}
	for field, col := range a.chosen {
		fs := FieldSpec{Column: header[col]}
		if field == FieldHeight || field == FieldWeight {
			fs.Unit = headerUnit(header[col], field)
		}
		spec.Fields[field] = fs
	}
	return spec, append([]Match(nil), a.matches...)
}

// choose picks the column with the strongest match for field, or records
// a tie.
func (a *autoResult) choose(field string) {
	var best Confidence
	var cols []int
	for _, m := range a.matches {
		switch {
		case m.Field != field || m.Confidence < best:
		case m.Confidence > best:
			best, cols = m.Confidence, []int{m.Column}
		default:
			cols = append(cols, m.Column)
		}
	}
	switch len(cols) {
	case 0:
	case 1:
		a.chosen[field] = cols[0]
	default:
		a.ambiguous[field] = cols
	}
}

// resolveName decides what a whole-name column feeds. Beside a first-name
// column and no last-name column it is the surname, as in German lists
// ("Name", "Vorname"); with neither it is split; otherwise it is unused.
func (a *autoResult) resolveName() {
	_, first := a.chosen[FieldFirstName]
	_, last := a.chosen[FieldLastName]
	col, ok := a.chosen[FieldName]
	lastOpen := !last && a.ambiguous[FieldLastName] == nil
	switch {
	case ok && first && lastOpen:
		delete(a.chosen, FieldName)
		a.chosen[FieldLastName] = col
		a.nameAsLast = true
		for i := range a.matches {
			if a.matches[i].Column == col {
				a.matches[i].Field = FieldLastName
			}
		}
	case first || last || a.ambiguous[FieldFirstName] != nil:
		delete(a.chosen, FieldName)
		delete(a.ambiguous, FieldName)
	}
}

// resolvePersonalID drops a tie between two personal-code columns when sex
// and date of birth have columns of their own: one code would only check
// them (see [planner.resolvePersonalID]), and a tie is no reason to stop.
func (a *autoResult) resolvePersonalID() {
	if a.has(FieldSex) && a.has(FieldDOB) {
		delete(a.ambiguous, FieldPersonalID)
	}
}

// has reports whether field has a column or a tie of columns.
func (a *autoResult) has(field string) bool {
	_, ok := a.chosen[field]
	return ok || a.ambiguous[field] != nil
}

// headerUnit is the unit a height or weight header states ("Größe (m)",
// "Weight lbs"), or UnitNone; a weight unit on a height column, or the
// other way round, is ignored here and left to the values.
func headerUnit(h, field string) normalize.Unit {
	if u := normalize.UnitIn(h); unitFits(u, field) {
		return u
	}
	return normalize.UnitNone
}

// unitFits reports whether u is a unit field can be given in.
func unitFits(u normalize.Unit, field string) bool {
	switch u {
	case normalize.Centimetre, normalize.Metre, normalize.Inch:
		return field == FieldHeight
	case normalize.Kilogram, normalize.Pound:
		return field == FieldWeight
	}
	return false
}
