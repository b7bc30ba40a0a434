package normalize

import (
	"fmt"
	"testing"
)

func TestSex(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"1", 1}, {"2", 2}, {"1.0", 1}, {"2.0", 2},
		{"m", 1}, {"M", 1}, {"m.", 1}, {" M ", 1}, {"f", 2}, {"F", 2},
		{"male", 1}, {"Male", 1}, {"MALE", 1}, {"female", 2}, {"Female", 2},
		{"man", 1}, {"woman", 2}, {"Woman", 2},
		{"männlich", 1}, {"Männlich", 1}, {"MÄNNLICH", 1}, {"maennlich", 1}, {"männl.", 1},
		{"weiblich", 2}, {"Weiblich", 2}, {"weibl.", 2}, {"w", 2}, {"W", 2}, {"w.", 2},
		{"Herr", 1}, {"Frau", 2},
		{"mies", 1}, {"Mies", 1}, {"nainen", 2}, {"Nainen", 2}, {"n", 2}, {"N", 2},
	}
	for _, tt := range tests {
		got, err := Sex(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Sex(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestSexErrors(t *testing.T) {
	only := "the API accepts only 1 (male) and 2 (female)"
	tests := []struct{ in, rule, hint string }{
		{"", "must not be empty", "1 (male) or 2 (female)"},
		{"divers", only, "no code for other or unknown sex"},
		{"Divers", only, ""}, {"d", only, ""}, {"D", only, ""}, {"x", only, ""},
		{"X", only, ""}, {"unknown", only, ""}, {"Unbekannt", only, ""},
		{"0", only, ""}, {"9", only, ""},
		{"3", "must be male or female (1 or 2)", "mapping file"},
		{"maybe", "must be male or female (1 or 2)", "m/f"},
	}
	for _, tt := range tests {
		got, err := Sex(tt.in)
		checkError(t, fmt.Sprintf("Sex(%q)", tt.in), got, err, tt.rule, tt.hint)
	}
}

func TestSexWithoutN(t *testing.T) {
	for _, in := range []string{"n", "N", "n."} {
		got, err := SexWithoutN(in)
		checkError(t, fmt.Sprintf("SexWithoutN(%q)", in), got, err, "N is read as female "+
			"(Finnish nainen) only in a Finnish list that writes female no other way", "not known")
	}
	for in, want := range map[string]int{"nainen": 2, "F": 2, "w": 2, "M": 1, "mies": 1, "2": 2} {
		if got, err := SexWithoutN(in); err != nil || got != want {
			t.Errorf("SexWithoutN(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for in, want := range map[string]SexSpelling{"F": SexFemaleNotN, "w.": SexFemaleNotN,
		"Female": SexFemaleNotN, "2": SexFemaleNotN, "weiblich": SexFemaleNotN, "N": SexLetterN,
		"n.": SexLetterN, "nainen": SexFinnish, "Mies": SexFinnish, "M": SexOther, "x": SexOther,
		"": SexOther} {
		if got := SpellingOf(in); got != want {
			t.Errorf("SpellingOf(%q) = %d, want %d", in, got, want)
		}
	}
}
