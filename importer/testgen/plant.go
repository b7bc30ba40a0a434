package testgen

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// impossibleDays are (day, month) pairs that no year has.
var impossibleDays = [][2]int{{31, 2}, {30, 2}, {31, 4}, {31, 6}, {31, 9}, {31, 11}}

// plant spoils one cell of a valid row so that it carries defect x. Bad
// dates keep the valid date's offset from a far-away base, so that planted
// rows stay as distinct from each other as valid ones.
func (g *Generator) plant(row *Row, r *rng, x Defect, day int) {
	row.Defect = x
	c := &row.Cells
	switch x {
	case FutureBirth:
		t := futureBirth.Add(time.Duration(day) * 24 * time.Hour)
		c[colDOB] = Cell{Text: t.Format(g.d.dayFirst), Type: DateCell, Date: t}
	case ImpossibleDate:
		c[colDOB] = Cell{Text: g.impossibleDate(r, birthDate(day).Year())}
	case BirthBefore1900:
		// Excel cannot hold a date before 1900 in a date cell: such dates
		// arrive as text.
		c[colDOB] = Cell{Text: g.clearDate(oldBirth.Add(time.Duration(day) * 24 * time.Hour))}
	case DigitInName:
		c[colFirst].Text = withDigit(r, c[colFirst].Text)
	case DigitInLastName:
		c[colLast].Text = withDigit(r, c[colLast].Text)
	case CyrillicName:
		c[colFirst].Text = cyrillicNames[r.intn(len(cyrillicNames))]
	case UnknownSex:
		c[colSex].Text = g.d.unknownSex[r.intn(len(g.d.unknownSex))]
	case BrokenEmail:
		c[colEmail] = Cell{Text: brokenEmail(r, row.Want.FirstName, row.Want.LastName)}
	case ImpossiblePhone:
		c[colPhone] = Cell{Text: g.d.phones.impossiblePhone(r)}
	case UnknownLanguage:
		c[colLanguage].Text = g.d.badLanguages[r.intn(len(g.d.badLanguages))]
	case ZeroHeight:
		c[colHeight] = Cell{Text: "0", Type: NumberCell}
		if g.d.metres {
			c[colHeight].Text = "0,00"
		}
	case NegativeWeight:
		kg := -float64(r.between(48, 115))
		c[colWeight] = Cell{Text: g.decimal(kg, 1), Type: NumberCell, Number: kg}
	default:
		g.plantMissing(row, r, x)
	}
}

// plantMissing plants the defects that empty a cell or change the group.
func (g *Generator) plantMissing(row *Row, r *rng, x Defect) {
	c := &row.Cells
	switch x {
	case MissingBirthDate:
		c[colDOB] = Cell{}
	case MissingFirstName:
		c[colFirst] = Cell{}
	case MissingSex:
		c[colSex] = Cell{}
	case ForbiddenGroup:
		c[colGroup].Text = groupForbidden
	case UnknownGroup:
		c[colGroup].Text = g.d.unknownGroups[r.intn(len(g.d.unknownGroups))]
	default:
		panic(fmt.Sprintf("testgen: no way to plant %v", x))
	}
	row.Want.ProfileGroupSlug = c[colGroup].Text
}

// impossibleDate writes a day that the year does not have, in the way the
// dialect writes dates.
func (g *Generator) impossibleDate(r *rng, year int) string {
	dm := impossibleDays[r.intn(len(impossibleDays))]
	if g.d.dayFirst == "2.1.2006" {
		return fmt.Sprintf("%d.%d.%d", dm[0], dm[1], year)
	}
	if r.pick(g.d.dateLayouts).text == isoLayout {
		return fmt.Sprintf("%d-%02d-%02d", year, dm[1], dm[0])
	}
	sep := g.d.dayFirst[2:3]
	return fmt.Sprintf("%02d%s%02d%s%d", dm[0], sep, dm[1], sep, year)
}

// withDigit puts a digit after the first letter of name, as a slip on the
// keyboard does.
func withDigit(r *rng, name string) string {
	_, n := utf8.DecodeRuneInString(name)
	return name[:n] + string(rune('0'+r.intn(10))) + name[n:]
}

func brokenEmail(r *rng, first, last string) string {
	local := string(asciiFold(nil, first))
	domain := emailDomains[r.intn(len(emailDomains))]
	switch r.intn(3) {
	case 0:
		return local + "@@" + domain
	case 1:
		return local + "." + string(asciiFold(nil, last)) + "@"
	}
	return strings.ToLower(first) + " " + string(asciiFold(nil, last)) + "@" + domain
}
