package mapping

import (
	"hash/maphash"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"aniva-import/mapping/normalize"
)

func TestIdentityKeys(t *testing.T) {
	header := []string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "E-Mail"}
	p, err := NewPlan(header, nil, Options{Group: "g", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	keys := func(row ...string) []uint64 { return p.AppendIdentityKeys(nil, row) }
	// Called before Settle, as the pipeline does while observing.
	maria := keys("Maria", "Schmidt", "w", "22.03.1985", "maria@example.com")
	if len(maria) != 2 {
		t.Fatalf("keys = %x, want a name+dob key and an email key", maria)
	}
	same := []struct {
		name string
		row  []string
		want []uint64
	}{
		{"other spelling of name and date", []string{"  MARIA ", "schmidt", "2", "1985-03-22", ""},
			maria[:1]},
		{"accents", []string{"Mariá", "Schmídt", "", "22.3.1985"}, maria[:1]},
	}
	for _, tt := range same {
		if got := keys(tt.row...); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: keys = %x, want %x", tt.name, got, tt.want)
		}
	}
	if got := keys("Anna", "Weber", "w", "01.01.1990", "Maria@Example.COM"); len(got) != 2 ||
		got[1] != maria[1] {
		t.Errorf("email key = %x, want the second to be %x", got, maria[1])
	}
	differ := [][]string{
		{"Maria", "Schmitt", "w", "22.03.1985"},
		{"Maria", "Schmidt", "w", "23.03.1985"},
		{"Marian", "Schmidt", "w", "22.03.1985"},
	}
	for _, row := range differ {
		if got := keys(row...); len(got) != 1 || got[0] == maria[0] {
			t.Errorf("%q: keys = %x, must differ from %x", row, got, maria[0])
		}
	}
	if got := keys("", "Schmidt", "w", "22.03.1985"); len(got) != 1 {
		t.Errorf("first name missing: keys = %x, want the surname and date key only", got)
	}
	if got := keys("Maria", "Schmidt", "w", ""); got != nil {
		t.Errorf("date missing: keys = %x, want none", got)
	}
}

// A whole-name column and a personal code give the same kinds of keys.
func TestIdentityKeysNameColumn(t *testing.T) {
	header := []string{"Nimi", "Henkilötunnus"}
	p, err := NewPlan(header, nil, Options{Group: "g", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	a := p.AppendIdentityKeys(nil, []string{"Virtanen, Aino", "150770-246A"})
	b := p.AppendIdentityKeys(nil, []string{"Aino Virtanen", "150770-246a"})
	if len(a) != 2 || !reflect.DeepEqual(a, b) {
		t.Errorf("keys %x and %x, want the same two", a, b)
	}
}

// The text hashed for each key is what the keys were before they were
// hashed to 64 bits, so rows pair as they did.
func TestIdentityKeyText(t *testing.T) {
	header := []string{"Nachname", "Vorname", "Geburtsdatum", "E-Mail", "Hetu"}
	p, err := NewPlan(header, nil, Options{Group: "g", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		row  []string
		want []string
	}{
		{[]string{"Schmidt", "Maria", "22.03.1985", "Maria@Example.com", "220385-123x"},
			[]string{"name+dob\x00maria schmidt\x001985-03-22", "email\x00maria@example.com",
				"personal_id\x00220385-123X"}},
		{[]string{"Müller-Lüdenscheidt", "Hans Jürgen", "03/04/1985", "", ""},
			[]string{"name+dob\x00hans jurgen ludenscheidt muller\x0003 04 1985"}},
		{[]string{"Øre", "Æsa", "1990-01-01"},
			[]string{"name+dob\x00aesa ore\x001990-01-01"}},
	}
	for _, tt := range tests {
		var want []uint64
		for _, text := range tt.want {
			h := maphash.String(identitySeed, text) &^ 1
			if strings.HasPrefix(text, "email\x00") {
				h |= 1 // a key different people may share
			}
			want = append(want, h)
		}
		if got := p.AppendIdentityKeys(nil, tt.row); !slices.Equal(got, want) {
			t.Errorf("%q: keys = %x, want the hashes of %q", tt.row, got, tt.want)
		}
	}
}

// foldWordsNFKD is foldWords as it was before its ASCII shortcut and
// reused buffers: the reference they must agree with.
func foldWordsNFKD(s string) []string {
	var words []string
	var w []rune
	flush := func() {
		if len(w) > 0 {
			words = append(words, string(w))
			w = w[:0]
		}
	}
	for _, r := range norm.NFKD.String(s) {
		r = unicode.ToLower(r)
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ß':
			w = append(w, 's', 's')
		case r == 'æ':
			w = append(w, 'a', 'e')
		case r == 'ø':
			w = append(w, 'o')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w = append(w, r)
		default:
			flush()
		}
	}
	flush()
	return words
}

func FuzzFoldWords(f *testing.F) {
	for _, s := range []string{"Maria Schmidt", "Größe (m)", "ẞ Æsir Øre", "e\u0301",
		"ﬁne ①", "İstanbul", "Mü\u00adller", "\xff\xfeA-b", "\xf6Ѐ", "O'Connor,  SEÁN",
		"١٢٣ ٤"} {
		f.Add(s, "Smith-Jones")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := foldWords(a), foldWordsNFKD(a); !slices.Equal(got, want) {
			t.Fatalf("foldWords(%q) = %q, want %q", a, got, want)
		}
		// A folder reused for several cells gives the words of each.
		var fo folder
		fo.fold(b)
		fo.reset()
		fo.fold(a)
		fo.fold(b)
		var got []string
		for i := range fo.words {
			got = append(got, string(fo.word(i)))
		}
		if want := append(foldWordsNFKD(a), foldWordsNFKD(b)...); !slices.Equal(got, want) {
			t.Fatalf("folding %q then %q = %q, want %q", a, b, got, want)
		}
	})
}

func BenchmarkAppendIdentityKeys(b *testing.B) {
	p, err := NewPlan([]string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "E-Mail"},
		nil, Options{Group: "g", Today: today})
	if err != nil {
		b.Fatal(err)
	}
	rows := [][]string{
		{"Maria", "Schmidt", "w", "22.03.1985", "maria.schmidt@example.com"},
		{"Jürgen", "Mäkelä", "m", "1960-01-31", ""},
		{"Anna", "Smith-Jones", "2", "03/04/1985", "Anna.Smith@Example.org"},
	}
	var keys []uint64
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		keys = p.AppendIdentityKeys(keys[:0], rows[i%len(rows)])
	}
}

func TestFingerprint(t *testing.T) {
	header := []string{"Vorname", "Geschlecht", "Geburtsdatum", "Telefon"}
	fp := func(spec string, opts Options) string {
		return plan(t, header, parse(t, spec), opts).Fingerprint()
	}
	base := fp("", Options{Group: "a"})
	if again := fp("", Options{Group: "a", Today: today.AddDate(1, 0, 0)}); again != base {
		t.Errorf("fingerprint changed with the day: %s, %s", base, again)
	}
	changed := map[string]string{
		"group":  fp("", Options{Group: "b"}),
		"region": fp("", Options{Group: "a", PhoneRegion: "DE"}),
		"order":  fp("", Options{Group: "a", DateOrder: normalize.DMY}),
		"1904":   fp("", Options{Group: "a", Date1904: true}),
		"sex map": fp("first_name: Vorname\nsex: {column: Geschlecht, values: {W: 2}}\n"+
			"date_of_birth: Geburtsdatum\nphone: Telefon\n", Options{Group: "a"}),
		"no phone": fp("first_name: Vorname\nsex: Geschlecht\ndate_of_birth: Geburtsdatum\n",
			Options{Group: "a"}),
	}
	for what, got := range changed {
		if got == base {
			t.Errorf("fingerprint did not change with %s", what)
		}
	}
	same := fp("first_name: Vorname\nsex: Geschlecht\ndate_of_birth: Geburtsdatum\n"+
		"phone: Telefon\n", Options{Group: "a"})
	if same != base {
		t.Errorf("the same mapping from a file: %s, want %s", same, base)
	}
}

func TestDateColumns(t *testing.T) {
	p := plan(t, []string{"Nr", "Vorname", "Geschlecht", "Geburtsdatum"}, nil, Options{Group: "g"})
	if got := p.DateColumns(); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("DateColumns = %v, want [3]", got)
	}
	p = plan(t, []string{"Etunimi", "Hetu"}, nil, Options{Group: "g"})
	if got := p.DateColumns(); got != nil {
		t.Errorf("DateColumns with a personal code = %v, want none", got)
	}
}
