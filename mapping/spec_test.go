package mapping

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"aniva-import/mapping/normalize"
)

const fullSpec = `# Praxis Mitte, export from the practice software
first_name: Vorname
last_name:
  column: Nachname
sex:
  column: Geschlecht
  values: {W: 2, M: 1, D: ~}
date_of_birth:
  column: Geb.-Datum
  date_order: dmy
profile_group_slug:
  column: Standort
  value: praxis-mitte
  values:
    Mitte: praxis-mitte
    Nord: praxis-nord
email:
  column: E-Mail
phone:
  column: Telefon
  region: de
height:
  column: Größe
  unit: m
weight:
  column: Gewicht
  unit: kg
language:
  value: de
`

func TestParseSpecFull(t *testing.T) {
	spec, err := ParseSpec([]byte(fullSpec), "praxis.yaml")
	if err != nil {
		t.Fatalf("ParseSpec: %v", err)
	}
	want := map[string]FieldSpec{
		FieldFirstName: {Column: "Vorname", Line: 2},
		FieldLastName:  {Column: "Nachname", Line: 3},
		FieldSex: {Column: "Geschlecht", Line: 5,
			Values: map[string]string{"w": "2", "m": "1", "d": ""}},
		FieldDOB: {Column: "Geb.-Datum", DateOrder: normalize.DMY, Line: 8},
		FieldGroup: {Column: "Standort", Value: "praxis-mitte", Line: 11,
			Values: map[string]string{"mitte": "praxis-mitte", "nord": "praxis-nord"}},
		FieldEmail:    {Column: "E-Mail", Line: 17},
		FieldPhone:    {Column: "Telefon", Region: "DE", Line: 19},
		FieldHeight:   {Column: "Größe", Unit: normalize.Metre, Line: 22},
		FieldWeight:   {Column: "Gewicht", Unit: normalize.Kilogram, Line: 25},
		FieldLanguage: {Value: "de", Line: 28},
	}
	if !reflect.DeepEqual(spec.Fields, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", spec.Fields, want)
	}
}

func TestParseSpecLayout(t *testing.T) {
	tests := []struct {
		layout string
		ok     bool
	}{
		{"%d.%m.%Y", true},
		{"%d.%m.%y", true},
		{"%e %B %Y", true},
		{"02.01.2006", true},
		{"2006-01-02", true},
		{"%m/%Y", false},
		{"%d.%m.%Q", false},
		{"dd.mm.yyyy", false},
	}
	for _, tt := range tests {
		src := "date_of_birth:\n  column: DOB\n  layout: \"" + tt.layout + "\"\n"
		_, err := ParseSpec([]byte(src), "m.yaml")
		if (err == nil) != tt.ok {
			t.Errorf("layout %q: err = %v, want ok = %v", tt.layout, err, tt.ok)
		}
	}
}

func TestParseSpecErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown field", "first_name: Vorname\nbirthday: DOB\n",
			[]string{`m.yaml:2: unknown field "birthday" (fields: first_name, last_name, ` +
				`name, sex, date_of_birth, personal_id, profile_group_slug, email, phone, ` +
				`height, weight, language)`}},
		{"unknown key", "sex:\n  colum: Geschlecht\n",
			[]string{`m.yaml:2: unknown key "colum" in sex (keys: column, value, values)`,
				`m.yaml:2: sex needs a column or a value`}},
		{"key of another field", "phone:\n  column: Tel\n  unit: cm\n",
			[]string{`m.yaml:3: unknown key "unit" in phone ` +
				`(keys: column, value, values, region)`}},
		{"twice", "sex: A\nsex: B\n",
			[]string{`m.yaml:2: sex is set twice (first on line 1)`}},
		{"bad order", "date_of_birth:\n  column: DOB\n  date_order: ddmmyy\n",
			[]string{`m.yaml:3: date_of_birth: date order "ddmmyy" is not one of dmy, mdy, ymd`}},
		{"order and layout", "date_of_birth:\n  column: DOB\n  date_order: dmy\n" +
			"  layout: '%d.%m.%Y'\n",
			[]string{`m.yaml:2: date_of_birth: use date_order or layout, not both`}},
		{"bad layout", "date_of_birth:\n  column: DOB\n  layout: '%m/%Y'\n",
			[]string{`m.yaml:3: date_of_birth: layout "%m/%Y" needs a day, a month and a year ` +
				`(e.g. %d.%m.%Y or 02.01.2006)`}},
		{"bad unit", "height:\n  column: H\n  unit: kg\nweight:\n  column: W\n  unit: stone\n",
			[]string{`m.yaml:3: height: unit "kg" is not one of cm, m, in`,
				`m.yaml:6: weight: unit "stone" is not one of kg, lb`}},
		{"bad region", "phone:\n  column: Tel\n  region: Germany\n",
			[]string{`m.yaml:3: phone: region "Germany" is not a region code ` +
				`such as DE, FI or US`}},
		{"values not a map", "sex:\n  column: G\n  values: [W, M]\n",
			[]string{`m.yaml:3: sex: values must be a mapping such as {W: 2, M: 1}`}},
		{"values twice", "sex:\n  column: G\n  values:\n    W: 2\n    w: 1\n",
			[]string{`m.yaml:5: sex: value "w" is mapped twice (first on line 4)`}},
		{"empty column", "email:\n  column: ''\n",
			[]string{`m.yaml:2: email: column is empty`}},
		{"null field", "email:\n",
			[]string{`m.yaml:1: email needs a column header or keys (column: ...)`}},
		{"name with first", "first_name: Vorname\nname: Name\n",
			[]string{`m.yaml:2: name feeds first_name and last_name: remove name or first_name`}},
		{"name takes no value", "name:\n  value: Maria\n",
			[]string{`m.yaml:2: unknown key "value" in name (keys: column)`,
				`m.yaml:2: name needs a column`}},
		{"list", "- first_name\n", []string{`m.yaml:1: expected field names at the top level ` +
			`(first_name: ...)`}},
		{"empty", "# nothing\n", []string{`m.yaml: the mapping file is empty`}},
		{"syntax", "first_name: Vorname\n  sex: [\n", []string{`m.yaml:2: mapping values ` +
			`are not allowed in this context`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSpec([]byte(tt.src), "m.yaml")
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *ConfigError", err)
			}
			if !reflect.DeepEqual(ce.Problems, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", ce.Problems, tt.want)
			}
		})
	}
}

func TestConfigErrorText(t *testing.T) {
	one := &ConfigError{Problems: []string{"a"}}
	if got := one.Error(); got != "a" {
		t.Errorf("one problem: %q", got)
	}
	two := &ConfigError{Problems: []string{"a", "b"}}
	if got, want := two.Error(), "2 problems with the column mapping:\n  a\n  b"; got != want {
		t.Errorf("two problems: %q, want %q", got, want)
	}
}

func TestLoadSpec(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mapping.yaml")
	if err := os.WriteFile(path, []byte("first_name: Vorname\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	spec, err := LoadSpec(path)
	if err != nil {
		t.Fatalf("LoadSpec: %v", err)
	}
	if got := spec.Fields[FieldFirstName].Column; got != "Vorname" {
		t.Errorf("first_name column = %q", got)
	}
	_, err = LoadSpec(filepath.Join(dir, "missing.yaml"))
	var ce *ConfigError
	if !errors.As(err, &ce) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: err = %v, want a *ConfigError wrapping ErrNotExist", err)
	}
	if !strings.HasPrefix(ce.Error(), "read mapping file: ") {
		t.Errorf("missing file: %q", ce.Error())
	}
}

func TestParseDateOrder(t *testing.T) {
	tests := []struct {
		in   string
		want normalize.Order
		ok   bool
	}{
		{"dmy", normalize.DMY, true}, {"MDY", normalize.MDY, true},
		{" ymd ", normalize.YMD, true}, {"", normalize.OrderUnknown, false},
		{"d/m/y", normalize.OrderUnknown, false},
	}
	for _, tt := range tests {
		got, err := ParseDateOrder(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseDateOrder(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParseSpec(f *testing.F) {
	f.Add([]byte(fullSpec))
	f.Add([]byte("sex: {column: G, values: {W: 2}}\n"))
	f.Add([]byte("a: &x {column: b}\nb: *x\n"))
	f.Add([]byte("date_of_birth: {column: D, layout: '%d%%%m%Y'}\n"))
	f.Add([]byte("{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := ParseSpec(data, "f.yaml")
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) || len(ce.Problems) == 0 {
				t.Fatalf("error %v is not a *ConfigError with problems", err)
			}
			return
		}
		// A parsed spec prints as a file that parses to the same spec.
		back, err := ParseSpec(spec.YAML(nil), "g.yaml")
		if err != nil {
			t.Fatalf("reparse: %v\n%s", err, spec.YAML(nil))
		}
		for field, fs := range spec.Fields {
			b := back.Fields[field]
			fs.Line, b.Line = 0, 0
			if len(fs.Values) == 0 {
				fs.Values = nil
			}
			if len(b.Values) == 0 {
				b.Values = nil
			}
			if !reflect.DeepEqual(fs, b) {
				t.Fatalf("%s: %+v printed and read back as %+v", field, fs, b)
			}
		}
	})
}

// The README's full mapping example parses and maps a row.
func TestMappingDocExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "### Full example\n\n```yaml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("README.md has no full mapping example")
	}
	header := []string{"Name", "Vorname", "Geschlecht", "Geb.-Datum", "Standort", "E-Mail",
		"Telefon", "Größe", "Gewicht"}
	p := plan(t, header, parse(t, example), Options{})
	got, errs := p.Map([]string{"Schmidt", "Maria", "W", "22/03/1985", "nord", "", "030 1234567",
		"1,68", "65"})
	want := Profile{FirstName: "Maria", LastName: "Schmidt", Sex: 2, DateOfBirth: "1985-03-22",
		ProfileGroupSlug: "praxis-nord", Phone: "+49301234567", Height: num(168),
		Weight: num(65), Language: "de"}
	if !reflect.DeepEqual(got, want) || errs != nil {
		t.Errorf("Map = %s, %q\nwant %s", show(got), errs, show(want))
	}
}
