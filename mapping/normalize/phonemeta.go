package normalize

// This file reads phone numbers the way github.com/nyaruka/phonenumbers
// does, from the library's own metadata, but about ten times faster.
//
// Why: Parse + IsValidNumber + Format cost about 25 µs a number. Most of
// it is not matching digits: the library looks for an extension with a
// large unanchored pattern, rebuilds each pattern string and hashes it
// into a global, mutex-guarded cache on every match, and matches each
// number-type pattern twice. Here each region's patterns are compiled
// once and matched once.
//
// Why not a memo of recent results: a patient list rarely repeats a
// phone number, so a memo would miss on nearly every row.
//
// The mirror covers only the canonical input that Phone builds ("+" and
// digits, or digits and a region) for geographic regions; fastResolve
// reports !ok for anything else, and the library itself is asked. A test
// compares both paths on every region's example numbers and variations
// of them, and a fuzz test on random digits.

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// numberDesc is one compiled description of numbers: their possible
// lengths and their anchored national number pattern (nil: no numbers).
type numberDesc struct {
	lengths []int32
	re      *regexp.Regexp
}

func newNumberDesc(d *phonenumbers.PhoneNumberDesc) numberDesc {
	var nd numberDesc
	if d == nil {
		return nd
	}
	nd.lengths = d.GetPossibleLength()
	if p := d.GetNationalNumberPattern(); p != "" {
		nd.re = regexp.MustCompile("^(?:" + p + ")$")
	}
	return nd
}

// matches mirrors the library's test of a national significant number
// against a description: a possible length, then the pattern.
func (d *numberDesc) matches(nsn string) bool {
	if len(d.lengths) > 0 && !hasLength(d.lengths, len(nsn)) {
		return false
	}
	return d.re != nil && d.re.MatchString(nsn)
}

func hasLength(lengths []int32, n int) bool {
	for _, l := range lengths {
		if int(l) == n {
			return true
		}
	}
	return false
}

// regionMeta is one region's metadata, compiled for matching.
type regionMeta struct {
	cc        int
	ccDigits  string
	general   numberDesc
	localOnly []int32
	special   []numberDesc // premium rate … voicemail: valid, but not fixed or mobile
	fixed     numberDesc
	mobile    numberDesc
	sameFM    bool           // fixed-line and mobile numbers share one pattern
	idd       *regexp.Regexp // international prefix, unanchored as the library uses it
	natPrefix *regexp.Regexp // national prefix for parsing, anchored at the start
	transform string
	leading   *regexp.Regexp // leading digits that pick this region of a shared code
	trunkZero bool           // the national prefix is 0
}

var (
	metaOnce   sync.Once
	metaSource map[string]*phonenumbers.PhoneMetadata
	metaByID   sync.Map // region → *regionMeta, compiled on first use
)

// metaFor returns the compiled metadata of a geographic region, or nil.
func metaFor(region string) *regionMeta {
	if m, ok := metaByID.Load(region); ok {
		return m.(*regionMeta)
	}
	metaOnce.Do(loadMetaSource)
	src := metaSource[region]
	if src == nil {
		return nil
	}
	m, _ := metaByID.LoadOrStore(region, compileMeta(src))
	return m.(*regionMeta)
}

func loadMetaSource() {
	metaSource = make(map[string]*phonenumbers.PhoneMetadata)
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return // the library panics at init before this can happen
	}
	supported := phonenumbers.GetSupportedRegions() // excludes 001, the non-geographic codes
	for _, m := range coll.GetMetadata() {
		if supported[m.GetId()] {
			metaSource[m.GetId()] = m
		}
	}
}

func compileMeta(src *phonenumbers.PhoneMetadata) *regionMeta {
	m := &regionMeta{
		cc:        int(src.GetCountryCode()),
		general:   newNumberDesc(src.GetGeneralDesc()),
		localOnly: src.GetGeneralDesc().GetPossibleLengthLocalOnly(),
		fixed:     newNumberDesc(src.GetFixedLine()),
		mobile:    newNumberDesc(src.GetMobile()),
		sameFM:    src.GetSameMobileAndFixedLinePattern(),
		idd:       regexp.MustCompile(src.GetInternationalPrefix()),
		transform: src.GetNationalPrefixTransformRule(),
		trunkZero: src.GetNationalPrefix() == "0",
	}
	m.ccDigits = strconv.Itoa(m.cc)
	for _, d := range []*phonenumbers.PhoneNumberDesc{src.GetPremiumRate(), src.GetTollFree(),
		src.GetSharedCost(), src.GetVoip(), src.GetPersonalNumber(), src.GetPager(),
		src.GetUan(), src.GetVoicemail()} {
		m.special = append(m.special, newNumberDesc(d))
	}
	if p := src.GetNationalPrefixForParsing(); p != "" {
		m.natPrefix = regexp.MustCompile("^(?:" + p + ")")
	}
	if p := src.GetLeadingDigits(); p != "" {
		m.leading = regexp.MustCompile("^(?:" + p + ")")
	}
	return m
}

// generalMatch mirrors the library's test of a whole number against the
// region's general pattern, without the length check.
func (m *regionMeta) generalMatch(s string) bool {
	return m.general.re != nil && m.general.re.MatchString(s)
}

// testLength mirrors the library's length test of a number of any type.
func (m *regionMeta) testLength(nsn string) phonenumbers.ValidationResult {
	lengths := m.general.lengths
	if len(lengths) == 0 || lengths[0] == -1 {
		return phonenumbers.INVALID_LENGTH
	}
	n := int32(len(nsn))
	switch {
	case hasLength(m.localOnly, int(n)):
		return phonenumbers.IS_POSSIBLE_LOCAL_ONLY
	case n == lengths[0]:
		return phonenumbers.IS_POSSIBLE
	case n < lengths[0]:
		return phonenumbers.TOO_SHORT
	case n > lengths[len(lengths)-1]:
		return phonenumbers.TOO_LONG
	case hasLength(lengths[1:], int(n)):
		return phonenumbers.IS_POSSIBLE
	}
	return phonenumbers.INVALID_LENGTH
}

// stripNationalPrefix mirrors the library's removal of a national
// (trunk) prefix such as 0, applying the region's transform rule, and
// keeping the number whole when removing the prefix would make a number
// that fits the region's pattern stop fitting it.
func (m *regionMeta) stripNationalPrefix(num string) string {
	if num == "" || m.natPrefix == nil {
		return num
	}
	loc := m.natPrefix.FindStringSubmatchIndex(num)
	if loc == nil {
		return num
	}
	viable := m.generalMatch(num)
	groups := len(loc)/2 - 1
	out := num[loc[1]:]
	if m.transform != "" && loc[groups*2] >= 0 {
		out = m.natPrefix.ReplaceAllString(num, m.transform)
	}
	if viable && !m.generalMatch(out) {
		return num
	}
	return out
}

// callingCode finds the country calling code that starts digits, as the
// library does: codes never start with 0 and none is a prefix of another.
func callingCode(digits string) (cc int, rest string) {
	if digits == "" || digits[0] == '0' {
		return 0, digits
	}
	codes := phonenumbers.GetSupportedCallingCodes()
	for i := 1; i <= 3 && i <= len(digits); i++ {
		if c := atoi(digits[:i]); codes[c] {
			return c, digits[i:]
		}
	}
	return 0, digits
}

// fastParse mirrors phonenumbers.Parse for canonical input: "+" and
// digits, or digits and a supported region. ok is false outside that, or
// when the number belongs to a non-geographic code: the caller then asks
// the library.
func fastParse(num, region string) (cc int, nsn string, err error, ok bool) {
	digits, plus := strings.CutPrefix(num, "+")
	if len(digits) < 3 || !isDigits(digits) {
		return 0, "", nil, false
	}
	var home *regionMeta
	if region != "" {
		if home = metaFor(region); home == nil {
			return 0, "", nil, false
		}
	} else if !plus {
		return 0, "", phonenumbers.ErrInvalidCountryCode, true
	}
	cc, national, err, ok := extractCode(digits, plus, home)
	if err != nil || !ok {
		return 0, "", err, ok
	}
	rm := home
	if cc == 0 {
		cc, national = home.cc, digits
	} else if main := phonenumbers.GetRegionCodeForCountryCode(cc); main != region {
		if rm = metaFor(main); rm == nil {
			return 0, "", nil, false
		}
	}
	if len(national) < phonenumbers.MIN_LENGTH_FOR_NSN {
		return 0, "", phonenumbers.ErrTooShortNSN, true
	}
	pot := rm.stripNationalPrefix(national)
	switch rm.testLength(pot) {
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY, phonenumbers.INVALID_LENGTH:
	default:
		national = pot
	}
	switch {
	case len(national) < phonenumbers.MIN_LENGTH_FOR_NSN:
		return 0, "", phonenumbers.ErrTooShortNSN, true
	case len(national) > phonenumbers.MAX_LENGTH_FOR_NSN:
		return 0, "", phonenumbers.ErrNumTooLong, true
	}
	return cc, national, nil, true
}

// extractCode mirrors the library's search for a country calling code:
// after a plus, after the home region's international prefix, or at the
// start of a number that fits the home region better without it. cc is
// 0 when the number is national.
func extractCode(digits string, plus bool, home *regionMeta) (cc int, national string,
	err error, ok bool) {
	idd := false
	if !plus {
		loc := home.idd.FindStringIndex(digits)
		if loc != nil && loc[0] == 0 && (loc[1] == len(digits) || digits[loc[1]] != '0') {
			digits, idd = digits[loc[1]:], true
		}
	}
	if plus || idd {
		if len(digits) <= phonenumbers.MIN_LENGTH_FOR_NSN {
			return 0, "", phonenumbers.ErrTooShortAfterIDD, true
		}
		if cc, national = callingCode(digits); cc == 0 {
			// After a plus the library retries the digits as a national
			// number; that case is left to it.
			return 0, "", phonenumbers.ErrInvalidCountryCode, idd
		}
		return cc, national, nil, true
	}
	if !strings.HasPrefix(digits, home.ccDigits) {
		return 0, "", nil, true
	}
	pot := home.stripNationalPrefix(digits[len(home.ccDigits):])
	if (!home.generalMatch(digits) && home.generalMatch(pot)) ||
		home.testLength(digits) == phonenumbers.TOO_LONG {
		return home.cc, pot, nil, true
	}
	return 0, "", nil, true
}

// fastValid mirrors phonenumbers.IsValidNumber: the region is the only
// one of the calling code, or the one whose leading digits or patterns
// fit, and the number must fit one of that region's number types.
func fastValid(cc int, nsn string) (valid, ok bool) {
	regions := phonenumbers.GetRegionCodesForCountryCode(cc)
	region := ""
	if len(regions) == 1 {
		region = regions[0]
	} else {
		for _, r := range regions {
			m := metaFor(r)
			if m == nil {
				return false, false
			}
			if (m.leading != nil && m.leading.MatchString(nsn)) ||
				(m.leading == nil && m.hasType(nsn)) {
				region = r
				break
			}
		}
	}
	if region == "" {
		return false, true
	}
	m := metaFor(region)
	if m == nil {
		return false, false
	}
	return m.hasType(nsn), true
}

// hasType mirrors the library's number type lookup, reporting whether a
// national significant number is of any known type in the region. Only
// whether some type fits matters, not which, so the common types are
// tried first, mobile (a short pattern) before fixed line (often long).
func (m *regionMeta) hasType(nsn string) bool {
	if !m.general.matches(nsn) {
		return false
	}
	if (!m.sameFM && m.mobile.matches(nsn)) || m.fixed.matches(nsn) {
		return true
	}
	for i := range m.special {
		if m.special[i].matches(nsn) {
			return true
		}
	}
	return false
}

// fastPossible mirrors phonenumbers.IsPossibleNumberWithReason, used to
// explain why a number is not valid.
func fastPossible(cc int, nsn string) (phonenumbers.ValidationResult, bool) {
	m := metaFor(phonenumbers.GetRegionCodeForCountryCode(cc))
	if m == nil {
		return 0, false
	}
	if m.general.re == nil {
		switch {
		case len(nsn) < phonenumbers.MIN_LENGTH_FOR_NSN:
			return phonenumbers.TOO_SHORT, true
		case len(nsn) > phonenumbers.MAX_LENGTH_FOR_NSN:
			return phonenumbers.TOO_LONG, true
		}
		return phonenumbers.IS_POSSIBLE, true
	}
	return m.testLength(nsn), true
}
