package normalize

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The codes below are invented: their check characters were computed for
// these tests.
func TestHETU(t *testing.T) {
	tests := []struct {
		in   string
		dob  string
		sex  int
		desc string
	}{
		{"220385-123H", "1985-03-22", 1, "1900s, odd individual number"},
		{"220385-124J", "1985-03-22", 2, "even individual number"},
		{" 220385-124j ", "1985-03-22", 2, "lowercase check character, spaces"},
		{"150790Y3572", "1990-07-15", 1, "new 1900s sign Y"},
		{"010105A246N", "2005-01-01", 2, "2000s sign A"},
		{"290200A482V", "2000-02-29", 2, "leap day of 2000"},
		{"311299+876F", "1899-12-31", 2, "1800s sign +"},
		// The century sign is not part of the check: a code can be well
		// formed and still give a future date, which CheckDateOfBirth rejects.
		{"220385A123H", "2085-03-22", 1, "2000s sign on 1900s digits"},
	}
	for _, tt := range tests {
		dob, sex, err := HETU(tt.in)
		if err != nil || dob.Format(time.DateOnly) != tt.dob || sex != tt.sex ||
			dob.Location() != time.UTC {
			t.Errorf("HETU(%q) (%s) = %v, %d, %v; want %s, %d",
				tt.in, tt.desc, dob, sex, err, tt.dob, tt.sex)
		}
	}
}

func TestHETUErrors(t *testing.T) {
	form := "must be a personal identity code of the form DDMMYYCZZZQ"
	tests := []struct{ in, rule string }{
		{"", "must not be empty"},
		{"220385-123", form},
		{"220385-123HX", form},
		{"22038S-123H", form},
		{"220385-1X3H", form},
		{"220385G123H", "has an unknown century sign (allowed: + - A–F U–Y)"},
		{"220385-123J", "has a check character that does not match"},
		{"010180-0014", "has an individual number that is never issued"},
		{"290201A4824", "holds a date of birth that does not exist"},
	}
	for _, tt := range tests {
		dob, sex, err := HETU(tt.in)
		if !dob.IsZero() || sex != 0 {
			t.Errorf("HETU(%q) = %v, %d; want zero values with the error", tt.in, dob, sex)
		}
		checkError(t, fmt.Sprintf("HETU(%q)", tt.in), 0, err, tt.rule, "")
		if err != nil && tt.in != "" && strings.Contains(err.Error()+err.(*Error).Hint, tt.in[:6]) {
			t.Errorf("HETU(%q): error quotes the code", tt.in)
		}
	}
}
