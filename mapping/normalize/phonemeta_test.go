package normalize

import (
	"sort"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// mirrorTypes are the number types whose example numbers seed the
// comparison of the fast path with the library.
var mirrorTypes = []phonenumbers.PhoneNumberType{
	phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
	phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.VOIP,
	phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER, phonenumbers.UAN,
	phonenumbers.VOICEMAIL,
}

// mirrorInputs builds canonical inputs for region from its example
// numbers: international, national with and without the trunk prefix,
// without the +, and with digits dropped, added and changed.
func mirrorInputs(region string) []string {
	var out []string
	ndd := phonenumbers.GetNddPrefixForRegion(region, true)
	for _, typ := range mirrorTypes {
		ex := phonenumbers.GetExampleNumberForType(region, typ)
		if ex == nil {
			continue
		}
		cc := strconv.Itoa(int(ex.GetCountryCode()))
		nsn := phonenumbers.GetNationalSignificantNumber(ex)
		variants := []string{nsn, nsn[:len(nsn)-1], nsn + "5", "9" + nsn[1:],
			"1" + nsn[1:], "0" + nsn}
		for _, v := range variants {
			out = append(out, "+"+cc+v, v, cc+v, ndd+v, "00"+cc+v)
		}
	}
	return out
}

// TestPhoneMirror checks that the fast path gives the library's answer
// (E.164 form, or the reason it is not valid) for every input it covers,
// and that it covers nearly all of them. Every region's numbers are read
// as international ones, in their own region, and in every fourth region
// also with a German home region; with -short or -race, ten regions only.
func TestPhoneMirror(t *testing.T) {
	regions := make([]string, 0, 256)
	for r := range phonenumbers.GetSupportedRegions() {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	if testing.Short() || raceEnabled {
		regions = []string{"DE", "FI", "US", "GB", "AT", "CH", "IT", "AR", "MX", "RU"}
	}
	total, covered := 0, 0
	for i, region := range regions {
		homes := []string{region, ""}
		if i%4 == 0 {
			homes = append(homes, "DE")
		}
		for _, in := range mirrorInputs(region) {
			for _, home := range homes {
				total++
				fast, ok := fastResolve(in, home)
				if !ok {
					continue
				}
				covered++
				if slow := slowResolve(in, home); fast != slow {
					t.Errorf("resolve(%q, %q): fast %+v, library %+v", in, home, fast, slow)
				}
			}
		}
	}
	if covered*100 < total*95 {
		t.Errorf("fast path covered %d of %d inputs, want at least 95%%", covered, total)
	}
	t.Logf("fast path covered %d of %d inputs", covered, total)
}

// FuzzPhoneMirror compares the fast path with the library on arbitrary
// digits in a few regions.
func FuzzPhoneMirror(f *testing.F) {
	for _, s := range []string{"4930123456", "0301234567", "358401234567", "14155552671",
		"0044207946095", "011493012345", "999", "3912345678", "0039061234567"} {
		f.Add(s, uint8(0), true)
		f.Add(s, uint8(1), false)
	}
	regions := []string{"DE", "FI", "US", "GB", "IT", "AR", "BR", "RU", "JP", "AU", "CH", "FR"}
	f.Fuzz(func(t *testing.T, digits string, ri uint8, plus bool) {
		if !isDigits(digits) || len(digits) > 20 {
			return
		}
		in, home := digits, regions[int(ri)%len(regions)]
		if plus {
			in, home = "+"+digits, ""
		}
		fast, ok := fastResolve(in, home)
		if !ok {
			return
		}
		if slow := slowResolve(in, home); fast != slow {
			t.Errorf("resolve(%q, %q): fast %+v, library %+v", in, home, fast, slow)
		}
	})
}
