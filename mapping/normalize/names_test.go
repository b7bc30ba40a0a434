package normalize

import (
	"fmt"
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Maria", "Maria"},
		{"  Maria  ", "Maria"},
		{"Maria   Anna", "Maria Anna"},
		{"Maria\tAnna\n", "Maria Anna"},
		{"Maria\u00a0Anna", "Maria Anna"},
		{"\u00a0Maria\u202f", "Maria"},
		{"Ma\u200bria", "Maria"},
		{"Ma\u00adria", "Maria"},
		{"\ufeffMaria\u200d", "Maria"},
		{"Jürgen", "Jürgen"},
		{"Ju\u0308rgen", "J\u00fcrgen"}, // decomposed ü becomes one character
		{"Sørensen-Åberg", "Sørensen-Åberg"},
		{"Łukasz Żółć", "Łukasz Żółć"},
		{"Straße", "Straße"},
		{"O'Brien", "O'Brien"},
		{"D’Angelo", "D'Angelo"},
		{"O‘Neil", "O'Neil"}, {"Oʼneil", "O'neil"}, {"D´Angelo", "D'Angelo"}, {"D`Angelo", "D'Angelo"},
		{"Anna‐Lena", "Anna-Lena"}, {"Anna‑Lena", "Anna-Lena"}, {"Müller–Schmidt", "Müller-Schmidt"},
		{"St. John", "St. John"},
		{"Anne-Marie", "Anne-Marie"},
		{"Ng\u0303", "Ng\u0303"}, // g with tilde has no single character: the mark stays
		{strings.Repeat("a", 100), strings.Repeat("a", 100)},
		{strings.Repeat("ä", 100), strings.Repeat("ä", 100)},
	}
	for _, tt := range tests {
		got, err := Name(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Name(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNameErrors(t *testing.T) {
	tests := []struct{ in, rule, hint string }{
		{"", "must not be empty", "fill in"},
		{" \u00a0\u200b ", "must not be empty", "fill in"},
		{"Maria2", "must use Latin letters; found '2'", "remove the digit"},
		{"Мария", "must use Latin letters; found 'М'", "transliterate"},
		{"Maria Жукова", "must use Latin letters; found 'Ж'", "transliterate"},
		{"Μαρία", "must use Latin letters; found 'Μ'", "transliterate"},
		{"玛丽亚", "must use Latin letters; found '玛'", "transliterate"},
		{"Maria & Anna", "must hold only letters, spaces, hyphens, apostrophes and periods; found '&'", "remove the character"},
		{"Maria (Mia)", "must hold only letters, spaces, hyphens, apostrophes and periods; found '('", "remove the character"},
		{"Maria\x01", "must hold only letters, spaces, hyphens, apostrophes and periods; found U+0001", "remove the character"},
		{"\u0301Maria", "must hold only letters, spaces, hyphens, apostrophes and periods; found U+0301", "remove the character"},
		{"- .", "must contain a letter", "only punctuation"},
		{strings.Repeat("a", 101), "must be at most 100 characters; it has 101", "shorten"},
	}
	for _, tt := range tests {
		got, err := Name(tt.in)
		checkError(t, fmt.Sprintf("Name(%q)", tt.in), got, err, tt.rule, tt.hint)
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"Schmidt, Maria", "Maria", "Schmidt"},
		{"Schmidt,Maria", "Maria", "Schmidt"},
		{" Schmidt ,  Maria Anna ", "Maria Anna", "Schmidt"},
		{"Maria Schmidt", "Maria", "Schmidt"},
		{"Maria Anna Schmidt", "Maria Anna", "Schmidt"},
		{"Maria\u00a0Schmidt", "Maria", "Schmidt"},
		{"Ludwig van Beethoven", "Ludwig", "van Beethoven"},
		{"Ursula von der Leyen", "Ursula", "von der Leyen"},
		{"Jan de Vries", "Jan", "de Vries"},
		{"de Vries, Jan", "Jan", "de Vries"},
		{"Anna Müller-Lüdenscheidt", "Anna", "Müller-Lüdenscheidt"},
	}
	for _, tt := range tests {
		first, last, err := SplitName(tt.in)
		if err != nil || first != tt.first || last != tt.last {
			t.Errorf("SplitName(%q) = %q, %q, %v; want %q, %q",
				tt.in, first, last, err, tt.first, tt.last)
		}
	}
}

func TestSplitNameErrors(t *testing.T) {
	tests := []struct{ in, rule, hint string }{
		{"", "must not be empty", "fill in"},
		{"Maria", "must hold both a first and a last name", "'Last, First'"},
		{"Schmidt, Maria, Anna", "must hold at most one comma (Last, First)", "first_name"},
		{"Schmidt,", "must hold a name on both sides of the comma", "'First Last'"},
		{", Maria", "must hold a name on both sides of the comma", ""},
		{"Maria Schmidt2", "must use Latin letters; found '2'", "remove the digit"},
		{"Мария Schmidt", "must use Latin letters; found 'М'", "transliterate"},
	}
	for _, tt := range tests {
		first, last, err := SplitName(tt.in)
		checkError(t, fmt.Sprintf("SplitName(%q)", tt.in), first+last, err, tt.rule, tt.hint)
	}
}

// In a column headed last name first, a cell without a comma is read in
// the header's order, and one that cannot be is an error, never a guess.
func TestSplitNameLastFirst(t *testing.T) {
	tests := []struct{ in, first, last, rule string }{
		{"Schäfer Ursula", "Ursula", "Schäfer", ""},
		{"Schäfer, Ursula Maria", "Ursula Maria", "Schäfer", ""},
		{"van Beethoven Ludwig", "Ludwig", "van Beethoven", ""},
		{"Müller-Lüdenscheidt Anna", "Anna", "Müller-Lüdenscheidt", ""},
		{"Schäfer Ursula Maria", "", "", "must separate the last name from the first " +
			"names with a comma when it holds more than two names"},
		{"Schäfer", "", "", "must hold both a last and a first name"},
		{"van Schäfer", "", "", "must hold both a last and a first name"},
	}
	for _, tt := range tests {
		first, last, err := SplitNameLastFirst(tt.in)
		switch {
		case tt.rule == "" && (err != nil || first != tt.first || last != tt.last):
			t.Errorf("SplitNameLastFirst(%q) = %q, %q, %v; want %q, %q",
				tt.in, first, last, err, tt.first, tt.last)
		case tt.rule != "":
			checkError(t, fmt.Sprintf("SplitNameLastFirst(%q)", tt.in), first+last, err,
				tt.rule, "'Last, First'")
		}
	}
}

func BenchmarkName(b *testing.B) {
	cells := []string{"Maria", "Jürgen", "Anne-Marie", "O'Brien", " Maria  Anna ", "Sørensen"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Name(cells[i%len(cells)]); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzName checks that Name never panics and that a name it accepts is
// accepted again unchanged.
func FuzzName(f *testing.F) {
	seeds := []string{"Maria", " Jürgen\u00a0", "Ju\u0308rgen", "O’Brien", "Мария", "a\u0301"}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Name(s)
		if err != nil {
			return
		}
		if again, err := Name(got); err != nil || again != got {
			t.Errorf("Name(%q) = %q, but Name(%q) = %q, %v", s, got, got, again, err)
		}
	})
}
