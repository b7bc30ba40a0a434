package normalize

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestQuickResolveAgrees holds quickResolve to the library's own parse:
// whenever it decides, slowResolve must find the same valid number. The
// numbers are the library's examples of every type in every region, and
// random digits after every calling code and national prefix.
func TestQuickResolveAgrees(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 8))
	randDigits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rnd.IntN(10))
		}
		return string(b)
	}
	type input struct{ num, region string }
	var inputs []input
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE,
		phonenumbers.TOLL_FREE, phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST,
		phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.PAGER, phonenumbers.UAN,
		phonenumbers.VOICEMAIL}
	for _, region := range slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions())) {
		ndd := phonenumbers.GetNddPrefixForRegion(region, true)
		for _, typ := range types {
			ex := phonenumbers.GetExampleNumberForType(region, typ)
			if ex == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(ex)
			inputs = append(inputs, input{nsn, region}, input{ndd + nsn, region},
				input{phonenumbers.Format(ex, phonenumbers.E164), ""})
			// Neighbours of a valid number are often valid too, or not
			// for a reason only the slow path can tell.
			for range 20 {
				cut := rnd.IntN(len(nsn) + 1)
				alt := nsn[:cut] + randDigits(max(0, len(nsn)-cut+rnd.IntN(3)-1))
				inputs = append(inputs, input{alt, region}, input{ndd + alt, region},
					input{"+" + strconv.Itoa(int(ex.GetCountryCode())) + alt, ""})
			}
		}
		for range 50 {
			d := randDigits(3 + rnd.IntN(15))
			inputs = append(inputs, input{d, region}, input{ndd + d, region})
		}
	}
	for _, cc := range slices.Sorted(maps.Keys(phonenumbers.GetSupportedCallingCodes())) {
		for range 50 {
			inputs = append(inputs, input{"+" + strconv.Itoa(cc) + randDigits(1+rnd.IntN(17)), ""})
		}
	}
	quick, valid := 0, 0
	for _, in := range inputs {
		slow := slowResolve(in.num, in.region)
		if slow.reason == phoneValid {
			valid++
		}
		got, ok := quickResolve(in.num, in.region)
		if !ok {
			continue
		}
		quick++
		if slow.reason != phoneValid || slow.e164 != got {
			t.Errorf("quickResolve(%q, %q) = %q; the library's parse gives %q (reason %d)",
				in.num, in.region, got, slow.e164, slow.reason)
		}
	}
	t.Logf("%d inputs, %d valid, %d decided quickly", len(inputs), valid, quick)
	if quick < valid*3/4 {
		t.Errorf("the quick path decided only %d of %d valid numbers", quick, valid)
	}
}

// TestQuickResolveCommon checks that the numbers clinics write most go the
// quick way.
func TestQuickResolveCommon(t *testing.T) {
	for _, in := range [][2]string{
		{"+49301234567", ""}, {"+491711234567", ""}, {"0301234567", "DE"}, {"01711234567", "DE"},
		{"+358401234567", ""}, {"0401234567", "FI"}, {"091234567", "FI"},
		{"+442079460958", ""}, {"02079460958", "GB"}, {"07911123456", "GB"},
		{"+14155552671", ""}, {"4155552671", "US"},
	} {
		if _, ok := quickResolve(in[0], in[1]); !ok {
			t.Errorf("quickResolve(%q, %q) left the number to the slow path", in[0], in[1])
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	nums := [][2]string{{"+49301234567", ""}, {"+491711234567", ""}, {"0301234567", "DE"},
		{"+358401234567", ""}, {"+442079460958", ""}, {"+14155552671", ""}}
	b.Run("quick", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			resolve(nums[i%len(nums)][0], nums[i%len(nums)][1])
		}
	})
	b.Run("library", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			slowResolve(nums[i%len(nums)][0], nums[i%len(nums)][1])
		}
	})
}
