package mapping

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"aniva-import/mapping/normalize"
)

// FieldError is one rule a row breaks. It names the field and the column,
// never the cell's value.
type FieldError struct {
	Field  string // the API field; FieldName or FieldPersonalID for those sources
	Column string // the column's header, "" for a constant
	Rule   string // what the value must be ("must be a date in the past")
	Hint   string // what to change, may be ""
}

// Error reads like `date_of_birth (column "Geburtsdatum"): must be a
// date in the past`.
func (e FieldError) Error() string {
	if e.Field == "" {
		return e.Rule // a fault of the whole row, such as extra cells
	}
	if e.Column == "" {
		return e.Field + ": " + e.Rule
	}
	return fmt.Sprintf("%s (column %q): %s", e.Field, e.Column, e.Rule)
}

// Map turns one data row into a profile, or reports every rule the row
// breaks, by field. Cells missing at the end of a short row count as
// empty; empty optional fields are left out. Map is safe for concurrent
// use; it panics if [Plan.Settle] has not succeeded.
func (p *Plan) Map(cells []string) (Profile, []FieldError) {
	return p.MapEarly(cells, Early{})
}

// MapEarly is [Plan.Map] for a row whose [Early] part was worked out
// before; e must come from this plan and these cells.
func (p *Plan) MapEarly(cells []string, e Early) (Profile, []FieldError) {
	if !p.settled {
		panic("mapping: Plan.Map called before Plan.Settle")
	}
	var prof Profile
	var errs []FieldError
	for _, field := range specFields {
		s := p.src[field]
		if s == nil {
			continue
		}
		if v := s.cell(cells); v == "" {
			if !p.fillsFromID(field, cells) {
				p.empty(s, &errs)
			}
		} else if field != FieldPhone || !e.apply(s, &prof, &errs) {
			p.read(s, v, &prof, &errs)
		}
	}
	return prof, errs
}

// cell is the text the source gives for a row: the trimmed cell, after
// the value map, or the source's constant when that leaves nothing.
func (s *source) cell(cells []string) string {
	v := ""
	if s.col >= 0 && s.col < len(cells) {
		v = strings.TrimSpace(cells[s.col])
	}
	if s.values != nil && v != "" {
		if m, ok := s.values[valueKey(v)]; ok {
			v = m
		}
	}
	if v == "" {
		v = s.value
	}
	return v
}

// empty reports a source that gives nothing, if a required field comes
// from it. Optional fields are simply left out.
func (p *Plan) empty(s *source, errs *[]FieldError) {
	e := FieldError{Field: s.field, Column: s.header, Rule: "must not be empty"}
	switch s.field {
	case FieldFirstName, FieldName, FieldSex, FieldDOB:
		p.read(s, "", &Profile{}, errs) // the normalizer's own rule and hint
		return
	case FieldGroup:
		e.Hint = "fill in the cell, or pass --group SLUG for rows without a group"
	case FieldPersonalID:
		if p.fromID == nil {
			return // only a check of the sex and date_of_birth columns
		}
		e.Hint = strings.Join(p.fromID, " and ") + " come from this column"
		if len(p.fromID) == 1 {
			e.Hint = p.fromID[0] + " comes from this column"
		}
	default:
		return
	}
	*errs = append(*errs, e)
}

// read converts one non-empty value of a source into the profile, or
// appends the rules it breaks.
func (p *Plan) read(s *source, v string, prof *Profile, errs *[]FieldError) {
	var err error
	field := s.field
	switch field {
	case FieldFirstName:
		prof.FirstName, err = normalize.Name(v)
	case FieldLastName:
		prof.LastName, err = normalize.Name(v)
	case FieldName:
		split := normalize.SplitName
		if lastNameFirst(s.header) {
			split = normalize.SplitNameLastFirst
		}
		prof.FirstName, prof.LastName, err = split(v)
	case FieldSex:
		if p.sex.notN {
			prof.Sex, err = normalize.SexWithoutN(v)
		} else {
			prof.Sex, err = normalize.Sex(v)
		}
	case FieldDOB:
		prof.DateOfBirth, err = p.readDate(v)
	case FieldPersonalID:
		field, err = p.readPersonalID(v, prof)
	case FieldGroup:
		if err = checkSlug(v); err == nil {
			prof.ProfileGroupSlug = v
		}
	case FieldEmail:
		prof.Email, err = normalize.Email(v)
	case FieldPhone:
		prof.Phone, err = normalize.Phone(v, p.region)
	case FieldHeight:
		prof.Height, err = measure(v, p.height.unit, true)
	case FieldWeight:
		prof.Weight, err = measure(v, p.weight.unit, false)
	case FieldLanguage:
		prof.Language, err = normalize.Language(v)
	}
	if err != nil {
		*errs = append(*errs, FieldError{Field: field, Column: s.header,
			Rule: ruleOf(err), Hint: hintOf(err)})
	}
}

// readPersonalID takes sex and date of birth from a personal identity
// code, for the fields that have no source of their own; where both have
// one, it checks them against the code. It returns the field an error is
// about: the code, or the date of birth it holds.
func (p *Plan) readPersonalID(v string, prof *Profile) (string, error) {
	dob, sex, err := normalize.HETU(v)
	if err != nil {
		return FieldPersonalID, err
	}
	// A field with a column of its own is checked against the code; a
	// field without one, or whose cell is empty (fillsFromID let it
	// through), is filled from it. A cell that could not be read has
	// its error already, and filling it changes nothing.
	if err := p.checkPersonalID(dob, sex, prof); err != nil {
		return FieldPersonalID, err
	}
	var fill []string
	if prof.Sex == 0 {
		fill = append(fill, FieldSex)
	}
	if prof.DateOfBirth == "" {
		fill = append(fill, FieldDOB)
	}
	if contains(fill, FieldDOB) {
		if err := normalize.CheckDateOfBirth(dob, p.opts.Today); err != nil {
			return FieldDOB, err
		}
	}
	for _, f := range fill {
		if f == FieldSex {
			prof.Sex = sex
		} else {
			prof.DateOfBirth = dob.Format(time.DateOnly)
		}
	}
	return "", nil
}

// fillsFromID reports whether an empty sex or date_of_birth cell is
// filled from the row's personal identity code, which must then be valid:
// a clinic that left the cell empty gave the date there.
func (p *Plan) fillsFromID(field string, cells []string) bool {
	id := p.src[FieldPersonalID]
	if id == nil || field != FieldSex && field != FieldDOB {
		return false
	}
	v := id.cell(cells)
	if v == "" {
		return false
	}
	_, _, err := normalize.HETU(v)
	return err == nil
}

// checkPersonalID compares a code's date of birth and sex with those the
// row's own columns gave (read before it, in specFields order); a column
// that could not be read has its own error already.
func (p *Plan) checkPersonalID(dob time.Time, sex int, prof *Profile) error {
	const hint = "check both cells against the patient's record; the code is not sent, " +
		"it only checks them"
	from := func(what, field string) string {
		if h := p.src[field].header; h != "" {
			return fmt.Sprintf("%s from column %q", what, h)
		}
		return what + " the mapping sets"
	}
	var differ []string
	if prof.DateOfBirth != "" && prof.DateOfBirth != dob.Format(time.DateOnly) {
		differ = append(differ, from("date of birth", FieldDOB))
	}
	if prof.Sex != 0 && prof.Sex != sex {
		differ = append(differ, from("sex", FieldSex))
	}
	if differ == nil {
		return nil
	}
	return &normalize.Error{Rule: "disagrees with the " + strings.Join(differ, " and with the "),
		Hint: hint}
}

// measure converts a height or weight and returns it as the profile
// holds it.
func measure(v string, u normalize.Unit, height bool) (*float64, error) {
	f, err := normalize.Measure(v, u, height)
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// checkSlug checks that a group slug could be one: letters, digits, and
// . _ - only. A name ("Praxis Mitte") is refused, so that a value map can
// turn it into the slug.
func checkSlug(s string) error {
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
			r == '-' || r == '_' || r == '.'
		if !ok {
			return &normalize.Error{
				Rule: fmt.Sprintf("must be a group slug (letters, digits and hyphens), "+
					"found %q", r),
				Hint: "map names to slugs with values in a mapping file, or use --group",
			}
		}
	}
	return nil
}

// ruleOf is the rule an error states.
func ruleOf(err error) string {
	var ne *normalize.Error
	if errors.As(err, &ne) {
		return ne.Rule
	}
	return err.Error()
}

// hintOf is the hint an error gives, if any.
func hintOf(err error) string {
	var ne *normalize.Error
	if errors.As(err, &ne) {
		return ne.Hint
	}
	return ""
}
