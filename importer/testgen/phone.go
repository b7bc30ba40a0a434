package testgen

import (
	"strconv"

	"github.com/nyaruka/phonenumbers"
)

// phoneRange is a block of numbers that libphonenumber holds valid: a country
// calling code, the fixed digits that open the national significant number
// (NSN), how many free digits follow, and how the NSN is grouped for display.
type phoneRange struct {
	cc     string
	lead   string
	free   int
	groups []int
}

var (
	germanPhones = []phoneRange{
		{"49", "30", 7, []int{2, 7}}, {"49", "30", 8, []int{2, 8}},
		{"49", "40", 7, []int{2, 7}}, {"49", "89", 7, []int{2, 7}},
		{"49", "221", 7, []int{3, 7}}, {"49", "69", 8, []int{2, 8}},
		{"49", "171", 7, []int{3, 7}}, {"49", "151", 8, []int{3, 8}},
		{"49", "160", 7, []int{3, 7}}, {"49", "176", 8, []int{3, 8}},
		{"49", "172", 7, []int{3, 7}}, {"49", "157", 8, []int{3, 8}},
	}
	finnishPhones = []phoneRange{
		{"358", "40", 7, []int{2, 3, 4}}, {"358", "50", 7, []int{2, 3, 4}},
		{"358", "44", 7, []int{2, 3, 4}}, {"358", "45", 7, []int{2, 3, 4}},
		{"358", "41", 7, []int{2, 3, 4}}, {"358", "92", 6, []int{1, 3, 4}},
		{"358", "94", 6, []int{1, 3, 4}}, {"358", "98", 6, []int{1, 3, 4}},
	}
	// British numbers avoid 07700 900xxx: Ofcom keeps it for drama, and
	// libphonenumber calls it invalid. The 0113 496 0xxx and 020 7946 0xxx
	// drama blocks are valid there.
	britishPhones = []phoneRange{
		{"44", "7400", 6, []int{4, 6}}, {"44", "7712", 6, []int{4, 6}},
		{"44", "7507", 6, []int{4, 6}}, {"44", "7723", 6, []int{4, 6}},
		{"44", "7831", 6, []int{4, 6}}, {"44", "7944", 6, []int{4, 6}},
		{"44", "1134960", 3, []int{3, 3, 4}}, {"44", "2079460", 3, []int{2, 4, 4}},
		{"44", "161", 7, []int{3, 3, 4}}, {"44", "1904", 6, []int{4, 6}},
	}
)

// phonePlan says how a dialect writes its phone numbers.
type phonePlan struct {
	ranges []phoneRange
	// nationalShare is the percentage written in national form; the rest
	// are international. Zero for files without a home region.
	nationalShare int
	// afterArea separates the area code from the rest in national form.
	afterArea []string
	// trunkVariants allows "+49 (0)30 …" and "0049 30 …" forms.
	trunkVariants bool
	// cut lists the mobile ranges that impossible numbers are cut from.
	cut []phoneRange
}

// phone is a generated phone cell.
type phone struct {
	text    string
	e164    string
	numeric bool    // stored as a number, as Excel does to digit strings
	number  float64 // the stored number when numeric
}

// makePhone draws a valid number from the plan and writes it in one of the
// plan's forms. With numeric, it is written as Excel stores a national
// number typed into a General cell: the leading zero is lost.
func (p *phonePlan) makePhone(r *rng, numeric bool) phone {
	if numeric {
		return p.numericPhone(r)
	}
	pr, nsn := p.draw(r)
	e164 := "+" + pr.cc + string(nsn)
	var b []byte
	if r.percent(p.nationalShare) {
		b = p.national(r, b, pr, nsn)
	} else {
		b = p.international(r, b, pr, nsn)
	}
	return phone{text: string(b), e164: e164}
}

// draw picks a range and fills in its free digits.
func (p *phonePlan) draw(r *rng) (phoneRange, []byte) {
	pr := p.ranges[r.intn(len(p.ranges))]
	return pr, r.digits(append(make([]byte, 0, 16), pr.lead...), pr.free)
}

// numericPhone draws a number whose national digits, without the leading
// zero, cannot also be read as an international number that lost its +:
// "15174673492" (0151 7467 3492) is +1 517 467 3492 too, and an importer
// is right to call such a cell ambiguous. Only national numbers are written
// this way; "+49 171 …" stored as 49171… cannot be told from a national
// number that starts with 49.
func (p *phonePlan) numericPhone(r *rng) phone {
	for {
		pr, nsn := p.draw(r)
		if num, err := phonenumbers.Parse("+"+string(nsn), ""); err == nil &&
			phonenumbers.IsValidNumber(num) {
			continue
		}
		n, _ := strconv.ParseFloat(string(nsn), 64) // at most 12 digits: exact
		return phone{text: string(nsn), e164: "+" + pr.cc + string(nsn), numeric: true, number: n}
	}
}

func (p *phonePlan) national(r *rng, b []byte, pr phoneRange, nsn []byte) []byte {
	b = append(b, '0')
	first := pr.groups[0]
	b = append(b, nsn[:first]...)
	b = append(b, p.afterArea[r.intn(len(p.afterArea))]...)
	return appendGroups(b, nsn[first:], pr.groups[1:], " ")
}

func (p *phonePlan) international(r *rng, b []byte, pr phoneRange, nsn []byte) []byte {
	form := r.intn(10)
	switch {
	case form < 2: // compact E.164, as some systems export it
		return append(append(append(b, '+'), pr.cc...), nsn...)
	case form < 4 && p.trunkVariants:
		b = append(append(append(b, "00"...), pr.cc...), ' ')
	case form < 5 && p.trunkVariants:
		b = append(append(append(b, '+'), pr.cc...), " (0)"...)
	default:
		b = append(append(append(b, '+'), pr.cc...), ' ')
	}
	return appendGroups(b, nsn, pr.groups, " ")
}

// appendGroups writes digits split into groups of the given sizes.
func appendGroups(b, digits []byte, groups []int, sep string) []byte {
	at := 0
	for i, g := range groups {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, digits[at:at+g]...)
		at += g
	}
	return b
}

// impossiblePhone is a mobile number cut short: the opening digits of a
// mobile range and three more, which its numbering plan does not accept.
func (p *phonePlan) impossiblePhone(r *rng) string {
	pr := p.cut[r.intn(len(p.cut))]
	var b []byte
	if r.percent(p.nationalShare) {
		b = append(append(b, '0'), pr.lead...)
	} else {
		b = append(append(append(append(b, '+'), pr.cc...), ' '), pr.lead...)
	}
	b = append(b, ' ')
	return string(r.digits(b, 3))
}
