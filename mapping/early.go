package mapping

import (
	"strings"

	"aniva-import/mapping/normalize"
)

// Early is what [Plan.Map] would find for the cells of a row that depend
// on no other row, worked out before [Plan.Settle] by a caller with a core
// to spare (the importer's survey). Today that is the phone number:
// libphonenumber's validation is the costliest step of a row. The zero
// Early holds nothing, and Map works everything out itself.
type Early struct {
	set        bool
	phone      string
	rule, hint string // why the phone is wrong, when it is
}

// Early works out the row's phone as Map would. It is safe for concurrent
// use and may be called before Settle.
func (p *Plan) Early(cells []string) Early {
	e := Early{set: true}
	s := p.src[FieldPhone]
	if s == nil {
		return e
	}
	v := s.cell(cells)
	if v == "" {
		return e
	}
	var err error
	if e.phone, err = normalize.Phone(v, p.region); err != nil {
		e.rule, e.hint = ruleOf(err), hintOf(err)
	}
	return e
}

// String encodes e for a spool: "" for the zero Early, else a mark and
// the number, or the rule and hint of its error.
func (e Early) String() string {
	switch {
	case !e.set:
		return ""
	case e.rule != "":
		return "!" + e.rule + "\x00" + e.hint
	}
	return "=" + e.phone
}

// ParseEarly decodes [Early.String]; anything else is the zero Early.
func ParseEarly(s string) Early {
	switch {
	case strings.HasPrefix(s, "="):
		return Early{set: true, phone: s[1:]}
	case strings.HasPrefix(s, "!"):
		rule, hint, _ := strings.Cut(s[1:], "\x00")
		return Early{set: true, rule: rule, hint: hint}
	}
	return Early{}
}

// apply sets the early phone in prof, or appends its error; false
// when e holds nothing and the phone is still to be read.
func (e Early) apply(s *source, prof *Profile, errs *[]FieldError) bool {
	if !e.set {
		return false
	}
	if e.rule != "" {
		*errs = append(*errs, FieldError{Field: FieldPhone, Column: s.header, Rule: e.rule, Hint: e.hint})
		return true
	}
	prof.Phone = e.phone
	return true
}
