package testgen

import (
	"strconv"
	"time"
)

// Shares, in percent, of the variations every dialect shows.
const (
	emailShare      = 88 // rows with an email address
	phoneShare      = 90 // rows with a phone number
	measureShare    = 92 // rows with a height, and rows with a weight
	numericPhones   = 2  // of phones: stored as a number (XLSX) or digits only
	textDateShare   = 3  // of birth dates: typed as text into an XLSX file
	halfCentimetres = 10 // of heights in cm: with a .5
	unitShare       = 10 // of heights and weights in Mixed: unit in the value
)

var emailDomains = []string{"example.com", "example.org", "example.net"}

// fill writes a valid row for the patient in the given slot.
func (g *Generator) fill(row *Row, r *rng, fi, li, day int) {
	d, p := g.d, &row.Want
	sex := d.firstSex[fi]
	p.FirstName, p.LastName, p.Sex = d.first[fi], d.last[li], sex
	row.Cells[colFirst] = Cell{Text: p.FirstName}
	row.Cells[colLast] = Cell{Text: p.LastName}
	if sex == 1 {
		row.Cells[colSex] = Cell{Text: r.pick(d.male).text}
	} else {
		row.Cells[colSex] = Cell{Text: r.pick(d.female).text}
	}
	dob := birthDate(day)
	p.DateOfBirth = dob.Format(isoLayout)
	row.Cells[colDOB] = g.dateCell(r, dob, row.Index == 0)
	if r.percent(emailShare) {
		p.Email = email(r, p.FirstName, p.LastName, row.Index)
		row.Cells[colEmail] = Cell{Text: p.Email}
	}
	if r.percent(phoneShare) {
		row.Cells[colPhone], p.Phone = g.phoneCell(r)
	}
	if r.percent(measureShare) {
		row.Cells[colHeight], p.Height = g.height(r, sex)
	}
	if r.percent(measureShare) {
		row.Cells[colWeight], p.Weight = g.weight(r, sex)
	}
	l := r.pick(d.languages)
	row.Cells[colLanguage], p.Language = Cell{Text: l.text}, l.value
	p.ProfileGroupSlug = r.pick(d.groups).text
	row.Cells[colGroup] = Cell{Text: p.ProfileGroupSlug}
}

// dateCell writes a birth date: a date cell whose text form follows one of
// the dialect's layouts, or now and then a date typed as text. Typed dates
// are never ambiguous, so an XLSX column of date cells never needs a
// date order; settle forces the day-first layout (and the generator gives
// row 0 a day of 13 or later) so that a CSV column is settled by its first
// row.
func (g *Generator) dateCell(r *rng, t time.Time, settle bool) Cell {
	layout := g.d.dayFirst
	if !settle {
		if r.percent(textDateShare) {
			return Cell{Text: g.clearDate(t)}
		}
		layout = r.pick(g.d.dateLayouts).text
		if layout == "02.01.06" && (t.Year() < 1940 || t.Year() > 1999) {
			layout = g.d.dayFirst // two-digit years only where no century is in doubt
		}
	}
	return Cell{Text: t.Format(layout), Type: DateCell, Date: t}
}

// clearDate writes t as text that only one date order can read: day-first
// when the day is 13 or later, ISO otherwise.
func (g *Generator) clearDate(t time.Time) string {
	if t.Day() >= 13 {
		return t.Format(g.d.dayFirst)
	}
	return t.Format(isoLayout)
}

func email(r *rng, first, last string, index int) string {
	b := make([]byte, 0, 48)
	b = asciiFold(b, first)
	b = append(b, '.')
	b = asciiFold(b, last)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(index+1), 10) // the row number keeps emails unique
	b = append(b, '@')
	b = append(b, emailDomains[r.intn(len(emailDomains))]...)
	return string(b)
}

func (g *Generator) phoneCell(r *rng) (Cell, string) {
	numeric := g.d.phones.nationalShare > 0 && r.percent(numericPhones)
	ph := g.d.phones.makePhone(r, numeric)
	if ph.numeric {
		return Cell{Text: ph.text, Type: NumberCell, Number: ph.number}, ph.e164
	}
	return Cell{Text: ph.text}, ph.e164
}

// height draws a height in centimetres and writes it the dialect's way.
func (g *Generator) height(r *rng, sex int) (Cell, *float64) {
	cm := r.between(152, 183)
	if sex == 1 {
		cm = r.between(163, 198)
	}
	want := float64(cm)
	switch {
	case g.d.metres:
		m := want / 100
		return Cell{Text: g.decimal(m, 2), Type: NumberCell, Number: m}, &want
	case g.d.unitsInValues && r.percent(unitShare):
		return Cell{Text: decimalComma(want/100, 2) + " m"}, &want
	case !g.d.decimalComma && r.percent(halfCentimetres):
		want += 0.5
	}
	if g.d.unitsInValues && r.percent(unitShare) {
		return Cell{Text: g.decimal(want, 1) + " cm"}, &want
	}
	return Cell{Text: g.decimal(want, 1), Type: NumberCell, Number: want}, &want
}

// weight draws a weight in kilograms, to a tenth half of the time.
func (g *Generator) weight(r *rng, sex int) (Cell, *float64) {
	tenths := r.between(480, 950)
	if sex == 1 {
		tenths = r.between(620, 1150)
	}
	if r.percent(50) {
		tenths -= tenths % 10
	}
	kg := float64(tenths) / 10
	want := kg
	if g.d.unitsInValues && r.percent(unitShare) {
		return Cell{Text: g.decimal(kg, 1) + " kg"}, &want
	}
	return Cell{Text: g.decimal(kg, 1), Type: NumberCell, Number: kg}, &want
}

// decimal writes v with at most prec decimals (no trailing zeros except in
// metres, written with exactly two), with the dialect's decimal separator.
func (g *Generator) decimal(v float64, prec int) string {
	if g.d.decimalComma {
		return decimalComma(v, prec)
	}
	return decimalText(v, prec)
}

func decimalText(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if prec == 1 && len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}

func decimalComma(v float64, prec int) string {
	b := []byte(decimalText(v, prec))
	for i, c := range b {
		if c == '.' {
			b[i] = ','
		}
	}
	return string(b)
}
