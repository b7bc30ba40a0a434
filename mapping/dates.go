package mapping

import (
	"strconv"
	"time"

	"aniva-import/mapping/normalize"
)

// readDate reads a date of birth and returns it as the API takes it.
func (p *Plan) readDate(v string) (string, error) {
	var t time.Time
	var err error
	if p.dob.layout != "" {
		t, err = p.layoutDate(v)
	} else {
		t, err = normalize.Date(v, p.dob.order, p.opts.Date1904, p.opts.Today)
	}
	if err != nil {
		return "", err
	}
	return t.Format(time.DateOnly), nil
}

// layoutDate reads a date written in the mapping file's layout. An Excel
// date serial is read as such; a two-digit year is put in the past; the
// result is held to the same rules as any other date.
func (p *Plan) layoutDate(v string) (time.Time, error) {
	t, err := time.Parse(p.dob.layout, v)
	if err != nil {
		if _, nerr := strconv.ParseFloat(v, 64); nerr == nil {
			return normalize.Date(v, normalize.YMD, p.opts.Date1904, p.opts.Today)
		}
		return time.Time{}, &normalize.Error{
			Rule: "must be a date written as " + p.dob.written,
			Hint: "the layout comes from the mapping file",
		}
	}
	if p.dob.short && !t.Before(p.opts.Today) {
		t = t.AddDate(-100, 0, 0)
	}
	return t, normalize.CheckDateOfBirth(t, p.opts.Today)
}
