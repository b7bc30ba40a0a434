package normalize

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// phonenumbers.Parse spends most of its time (about 10 µs a number) on
// regular expressions that find a number in free text: extensions,
// punctuation, letters, "tel:" forms. The digits reaching resolve are
// already clean, so quickResolve builds the PhoneNumber that Parse would
// build from them and lets the library judge it with IsValidNumber and
// Format, as the slow path does. It takes only the cases where the
// library's parse of clean digits is plain: no international prefix to
// strip, no leading country code to guess, and a national prefix that is
// absent or removed without a transform rule. Everything else, and every
// number the library calls invalid (its error needs Parse's reason), goes
// to the slow path. TestQuickResolveAgrees checks the two agree on numbers
// of every calling code and region the library knows.

// numberPlan is what Parse consults for numbers of one region or calling
// code, compiled once.
type numberPlan struct {
	cc         int32
	ccDigits   string
	natPrefix  *regexp.Regexp // the national prefix for parsing, anchored; nil if none
	transforms bool           // the national prefix has a transform rule
	idd        *regexp.Regexp // the international prefix, anchored; nil if none
	general    *regexp.Regexp // the general national number pattern, whole string
	lengths    []int32        // the general possible lengths, ascending
	localOnly  []int32        // lengths only dialled within an area
	// main is the region when it is its calling code's main one and
	// claims numbers by type rather than by leading digits: a number valid
	// there is the number IsValidNumber would find valid, without first
	// trying every region of the code (the 25 of +1 in turn).
	main string
}

// keepsStripped reports whether Parse keeps a national number of n digits
// left after removing the national prefix: its length must not be too
// short, local-only or impossible (a number too long is kept).
func (np *numberPlan) keepsStripped(n int) bool {
	l := int32(n)
	if len(np.lengths) == 0 || np.lengths[0] == -1 || slices.Contains(np.localOnly, l) ||
		l < np.lengths[0] {
		return false
	}
	return l > np.lengths[len(np.lengths)-1] || slices.Contains(np.lengths, l)
}

type numberPlans struct {
	byRegion map[string]*numberPlan // geographic regions, for national numbers
	byCode   map[int]*numberPlan    // each calling code's main metadata, for +numbers
}

var plans = sync.OnceValue(func() numberPlans {
	p := numberPlans{byRegion: map[string]*numberPlan{}, byCode: map[int]*numberPlan{}}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return p // no fast path; resolve's slow path reports what is wrong
	}
	for _, md := range coll.GetMetadata() {
		np := &numberPlan{cc: md.GetCountryCode(), ccDigits: strconv.Itoa(int(md.GetCountryCode())),
			transforms: md.GetNationalPrefixTransformRule() != ""}
		if s := md.GetNationalPrefixForParsing(); s != "" {
			np.natPrefix = regexp.MustCompile("^(?:" + s + ")")
		}
		if s := md.GetInternationalPrefix(); s != "" {
			np.idd = regexp.MustCompile("^(?:" + s + ")")
		}
		gd := md.GetGeneralDesc()
		np.general = regexp.MustCompile("^(?:" + gd.GetNationalNumberPattern() + ")$")
		np.lengths, np.localOnly = gd.GetPossibleLength(), gd.GetPossibleLengthLocalOnly()
		if md.GetId() == "001" { // a non-geographic calling code, such as +800
			p.byCode[int(np.cc)] = np
			continue
		}
		main := phonenumbers.GetRegionCodeForCountryCode(int(np.cc)) == md.GetId()
		if main && md.GetLeadingDigits() == "" {
			np.main = md.GetId()
		}
		p.byRegion[md.GetId()] = np
	}
	for cc := range phonenumbers.GetSupportedCallingCodes() {
		if np, ok := p.byRegion[phonenumbers.GetRegionCodeForCountryCode(cc)]; ok {
			p.byCode[cc] = np
		}
	}
	return p
})

// quickResolve returns the E.164 form of num as resolve would, and false
// when it cannot decide cheaply; see the note at the top of this file.
func quickResolve(num, region string) (string, bool) {
	var np *numberPlan
	var nsn string
	if digits, ok := strings.CutPrefix(num, "+"); ok {
		if region != "" || digits == "" || digits[0] == '0' {
			return "", false
		}
		cc := callingCode(digits)
		if np = plans().byCode[cc]; np == nil {
			return "", false
		}
		nsn = digits[len(np.ccDigits):]
	} else {
		if np = plans().byRegion[region]; np == nil {
			return "", false
		}
		// Parse would read a leading international prefix, or the
		// region's own calling code, as the start of an international
		// number under some conditions: leave those to it.
		if (np.idd != nil && np.idd.MatchString(num)) || strings.HasPrefix(num, np.ccDigits) {
			return "", false
		}
		nsn = num
	}
	if np.natPrefix != nil {
		m := np.natPrefix.FindStringSubmatchIndex(nsn)
		if m != nil {
			// Parse removes a national prefix when what remains fits the
			// general pattern, and keeps the result when its length allows.
			rest := nsn[m[1]:]
			if np.transforms || !np.general.MatchString(rest) {
				return "", false
			}
			if np.keepsStripped(len(rest)) {
				nsn = rest
			}
		}
	}
	if len(nsn) < 2 || len(nsn) > 17 { // Parse's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN
		return "", false
	}
	nn, err := strconv.ParseUint(nsn, 10, 64)
	if err != nil {
		return "", false
	}
	n := &phonenumbers.PhoneNumber{CountryCode: &np.cc, NationalNumber: &nn}
	if len(nsn) > 1 && nsn[0] == '0' { // as Parse records leading zeros (Italy)
		italian := true
		n.ItalianLeadingZero = &italian
		zeros := int32(1)
		for int(zeros) < len(nsn)-1 && nsn[zeros] == '0' {
			zeros++
		}
		if zeros != 1 {
			n.NumberOfLeadingZeros = &zeros
		}
	}
	valid := np.main != "" && phonenumbers.IsValidNumberForRegion(n, np.main)
	if !valid && !phonenumbers.IsValidNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}
