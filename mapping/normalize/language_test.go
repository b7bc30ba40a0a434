package normalize

import (
	"fmt"
	"testing"
)

func TestLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"en", "en"}, {"de", "de"}, {"fi", "fi"}, {"EN", "en"}, {" De ", "de"},
		{"de-DE", "de"}, {"de_AT", "de"}, {"fi_FI", "fi"}, {"en-GB", "en"}, {"en_US", "en"},
		{"English", "en"}, {"Englisch", "en"}, {"englanti", "en"},
		{"Deutsch", "de"}, {"German", "de"}, {"saksa", "de"}, {"GER", "de"},
		{"Suomi", "fi"}, {"suomi", "fi"}, {"Finnish", "fi"}, {"Finnisch", "fi"},
	}
	for _, tt := range tests {
		got, err := Language(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Language(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestLanguageErrors(t *testing.T) {
	tests := []struct{ in, rule, hint string }{
		{"", "must not be empty", "en, de or fi"},
		{"ruotsi", "must be en, de or fi", "English (en), German (de) and Finnish (fi)"},
		{"sv", "must be en, de or fi", ""},
		{"sv-FI", "must be en, de or fi", ""},
		{"Swedish", "must be en, de or fi", ""},
		{"fr", "must be en, de or fi", ""},
	}
	for _, tt := range tests {
		got, err := Language(tt.in)
		checkError(t, fmt.Sprintf("Language(%q)", tt.in), got, err, tt.rule, tt.hint)
	}
}
