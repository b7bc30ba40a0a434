package mapping

import (
	"reflect"
	"testing"

	"aniva-import/mapping/normalize"
)

func TestIdentityKeys(t *testing.T) {
	header := []string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "E-Mail"}
	p, err := NewPlan(header, nil, Options{Group: "g", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	keys := func(row ...string) []string { return p.IdentityKeys(row) }
	// Called before Settle, as the pipeline does while observing.
	maria := keys("Maria", "Schmidt", "w", "22.03.1985", "maria@example.com")
	if len(maria) != 2 {
		t.Fatalf("keys = %q, want a name+dob key and an email key", maria)
	}
	same := []struct {
		name string
		row  []string
		want []string
	}{
		{"other spelling of name and date", []string{"  MARIA ", "schmidt", "2", "1985-03-22", ""},
			maria[:1]},
		{"accents", []string{"Mariá", "Schmídt", "", "22.3.1985"}, maria[:1]},
	}
	for _, tt := range same {
		if got := keys(tt.row...); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: keys = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := keys("Anna", "Weber", "w", "01.01.1990", "Maria@Example.COM"); len(got) != 2 ||
		got[1] != maria[1] {
		t.Errorf("email key = %q, want the second to be %q", got, maria[1])
	}
	differ := [][]string{
		{"Maria", "Schmitt", "w", "22.03.1985"},
		{"Maria", "Schmidt", "w", "23.03.1985"},
		{"Marian", "Schmidt", "w", "22.03.1985"},
	}
	for _, row := range differ {
		if got := keys(row...); len(got) != 1 || got[0] == maria[0] {
			t.Errorf("%q: keys = %q, must differ from %q", row, got, maria[0])
		}
	}
	if got := keys("", "Schmidt", "w", "22.03.1985"); len(got) != 1 {
		t.Errorf("first name missing: keys = %q, want the surname and date key only", got)
	}
	if got := keys("Maria", "Schmidt", "w", ""); got != nil {
		t.Errorf("date missing: keys = %q, want none", got)
	}
}

// A whole-name column and a personal code give the same kinds of keys.
func TestIdentityKeysNameColumn(t *testing.T) {
	header := []string{"Nimi", "Henkilötunnus"}
	p, err := NewPlan(header, nil, Options{Group: "g", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	a := p.IdentityKeys([]string{"Virtanen, Aino", "150770-246A"})
	b := p.IdentityKeys([]string{"Aino Virtanen", "150770-246a"})
	if len(a) != 2 || !reflect.DeepEqual(a, b) {
		t.Errorf("keys %q and %q, want the same two", a, b)
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
