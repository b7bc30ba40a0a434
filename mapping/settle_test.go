package mapping

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"aniva-import/mapping/normalize"
)

func TestSettleDates(t *testing.T) {
	header := []string{"first_name", "sex", "Birth date"}
	const flag = "pass --date-order dmy|mdy or set date_order in a mapping file"
	tests := []struct {
		name   string
		dates  []string
		opts   Options
		order  normalize.Order
		err    string
		sample string // a date to map once settled
		want   string
	}{
		{name: "a 13th or later settles day first",
			dates: []string{"03/04/1985", "", "22/03/1985", "07/08/1990"},
			order: normalize.DMY, sample: "03/04/1985", want: "1985-04-03"},
		{name: "a month day above 12 settles month first",
			dates: []string{"03/04/1985", "12/31/1999"},
			order: normalize.MDY, sample: "03/04/1985", want: "1985-03-04"},
		{name: "no value needs an order",
			dates: []string{"1985-03-22", "30845", "22.03.1985", "03/03/1985", "not a date"},
			order: normalize.OrderUnknown, sample: "03/03/1985", want: "1985-03-03"},
		{name: "a future typo does not block the column",
			dates: []string{"1.1.2030", "14/02/1984"},
			order: normalize.DMY, sample: "01/02/1984", want: "1984-02-01"},
		{name: "nothing tells",
			dates: []string{"03/04/1985", "05/06/1990", "1985-03-22"},
			err: `date_of_birth: the date order of column "Birth date" is ambiguous (2 rows ` +
				`could be read day first or month first, and no row tells); ` + flag},
		{name: "--date-order decides",
			dates: []string{"03/04/1985", "05/06/1990"},
			opts:  Options{DateOrder: normalize.MDY},
			order: normalize.MDY, sample: "05/06/1990", want: "1990-05-06"},
		{name: "both orders in one column",
			dates: []string{"22/03/1985", "03/22/1985", "04/05/1990"},
			err: `date_of_birth: column "Birth date" mixes date orders (1 row only readable ` +
				`as dmy, 1 row only readable as mdy); pass --date-order dmy|mdy|ymd or set ` +
				`date_order in a mapping file, and the rows that do not fit will be reported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Group, tt.opts.Today = "g", today
			p, err := NewPlan(header, nil, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range tt.dates {
				p.Observe([]string{"Maria", "2", d})
			}
			err = p.Settle()
			if tt.err != "" {
				var ce *ConfigError
				if !errors.As(err, &ce) || err.Error() != tt.err {
					t.Fatalf("Settle() = %v,\nwant *ConfigError %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Settle: %v", err)
			}
			if p.dob.order != tt.order {
				t.Errorf("order = %v, want %v", p.dob.order, tt.order)
			}
			got, errs := p.Map([]string{"Maria", "2", tt.sample})
			if got.DateOfBirth != tt.want || errs != nil {
				t.Errorf("Map(%q) = %q, %v; want %q", tt.sample, got.DateOfBirth, errs, tt.want)
			}
		})
	}
}

func TestSettleMetres(t *testing.T) {
	header := []string{"Vorname", "Geschlecht", "Geburtsdatum", "Größe", "Gewicht"}
	tests := []struct {
		name    string
		heights []string
		sample  string
		height  *float64
		errs    []FieldError
		notes   []string
	}{
		{name: "every value between 0.5 and 2.5",
			heights: []string{"1,68", "1.80", "", "1,7 m", "0,52"},
			sample:  "1,68", height: num(168),
			notes: []string{`height in column "Größe" is read as metres: ` +
				`every value is between 0.5 and 2.5`}},
		{name: "centimetres",
			heights: []string{"168", "180"},
			sample:  "175", height: num(175)},
		{name: "a mixed column is not guessed",
			heights: []string{"1,68", "175"},
			sample:  "1,68",
			errs: []FieldError{{"height", "Größe", "must be between 20 and 275 cm",
				"if the column is in metres, write the unit (1,68 m) or set the column's " +
					"unit to m"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows [][]string
			for _, h := range tt.heights {
				rows = append(rows, []string{"Anna", "w", "1980-01-01", h, "60"})
			}
			p := plan(t, header, nil, Options{Group: "g"}, rows...)
			got, errs := p.Map([]string{"Anna", "w", "1980-01-01", tt.sample})
			if !reflect.DeepEqual(got.Height, tt.height) || !reflect.DeepEqual(errs, tt.errs) {
				t.Errorf("Map height %q = %v, %q; want %v, %q",
					tt.sample, show(got), errs, tt.height, tt.errs)
			}
			if !reflect.DeepEqual(p.Notes(), tt.notes) {
				t.Errorf("notes = %q, want %q", p.Notes(), tt.notes)
			}
		})
	}
}

// A unit in the mapping file or the header wins over the values.
func TestStatedUnitWins(t *testing.T) {
	header := []string{"first_name", "sex", "date_of_birth", "Height (cm)"}
	rows := [][]string{{"Anna", "2", "1980-01-01", "1,68"}}
	p := plan(t, header, nil, Options{Group: "g"}, rows...)
	_, errs := p.Map(rows[0])
	want := []FieldError{{"height", "Height (cm)", "must be between 20 and 275 cm",
		"check the value and its unit"}}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors = %q, want %q", errs, want)
	}
	notes := []string{`height in column "Height (cm)" is read in centimetres, as its header says`}
	if !reflect.DeepEqual(p.Notes(), notes) {
		t.Errorf("notes = %q, want %q", p.Notes(), notes)
	}
}

func BenchmarkObserve(b *testing.B) {
	header := []string{"Vorname", "Geschlecht", "Geburtsdatum", "Größe", "Telefon"}
	p, err := NewPlan(header, nil, Options{Group: "g", PhoneRegion: "DE"})
	if err != nil {
		b.Fatal(err)
	}
	rows := [][]string{
		{"Maria", "w", "03/04/1985", "1,68", "030 1234567"},
		{"Jörg", "m", "22/03/1985", "1,80", "0171 1234567"},
		{"Anna", "w", "1990-01-15", "1,60", ""},
		{"Eva", "w", "30845", "1,70", ""},
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p.Observe(rows[i%len(rows)])
	}
}

func TestSettleSexN(t *testing.T) {
	english := []string{"first_name", "Gender", "DOB"}
	tests := []struct {
		name   string
		header []string
		sexes  []string
		want   int    // what N maps to, 0 for an error
		note   string // a note the summary must hold, if any
	}{
		{name: "mies among the values", header: english, sexes: []string{"M", "N", "n", "mies"}, want: 2},
		{name: "nainen among the values", header: english, sexes: []string{"nainen", "N", "M"}, want: 2},
		{name: "a Sukupuoli header", header: []string{"Etunimi", "Sukupuoli", "Syntymäaika"},
			sexes: []string{"M", "N"}, want: 2},
		{name: "a personal identity code column", header: []string{"first_name", "Sex", "DOB", "Hetu"},
			sexes: []string{"N", "M"}, want: 2},
		{name: "nothing Finnish", header: english, sexes: []string{"N", "n.", "M"},
			note: `sex: N in 2 rows of column "Gender" is not read as female (Finnish nainen): ` +
				`nothing marks the list as Finnish`},
		{name: "F as well", header: english, sexes: []string{"M", "F", "N", "mies"},
			note: `sex: N in 1 row of column "Gender" is not read as female (Finnish nainen): ` +
				`the column writes female as F, W or 2 too`},
		{name: "W as well, Finnish header", header: []string{"Etunimi", "Sukupuoli", "Syntymäaika"},
			sexes: []string{"w", "N", "n", "m"}, note: `sex: N in 2 rows of column "Sukupuoli"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPlan(tt.header, nil, Options{Group: "g", Today: today})
			if err != nil {
				t.Fatal(err)
			}
			row := func(sex string) []string {
				r := []string{"Maria", sex, "1985-03-22"}
				if len(tt.header) > 3 {
					r = append(r, "") // no code: the column alone marks the list
				}
				return r
			}
			for _, s := range tt.sexes {
				p.Observe(row(s))
			}
			if err := p.Settle(); err != nil {
				t.Fatal(err)
			}
			sexCol := tt.header[1]
			got, errs := p.Map(row("N"))
			if tt.want != 0 {
				if got.Sex != tt.want || len(errs) != 0 {
					t.Errorf("N mapped to %d, %v; want %d", got.Sex, errs, tt.want)
				}
				for _, n := range p.Notes() {
					if strings.HasPrefix(n, "sex:") {
						t.Errorf("note %q, want none on sex", n)
					}
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != FieldSex || errs[0].Column != sexCol ||
				!strings.Contains(errs[0].Rule, "N is read as female (Finnish nainen) only in a Finnish list") {
				t.Errorf("N mapped to %d, %+v; want one sex error naming the column", got.Sex, errs)
			}
			if !slices.ContainsFunc(p.Notes(), func(n string) bool { return strings.Contains(n, tt.note) }) {
				t.Errorf("notes %q, want one containing %q", p.Notes(), tt.note)
			}
			// The column's other spellings are read as before.
			if got, errs := p.Map(row("F")); got.Sex != 2 || len(errs) != 0 {
				t.Errorf("F mapped to %d, %v", got.Sex, errs)
			}
		})
	}
}
