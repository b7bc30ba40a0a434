package results

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct {
		cell, escaped string
	}{
		{"=1+1", "'=1+1"},
		{"+4930123456", "'+4930123456"},
		{"-12", "'-12"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"\nx", "'\nx"},
		{"'=1", "''=1"},
		{"''+1", "'''+1"},
		{"'", "'"},
		{"''", "''"},
		{"'abc", "'abc"},
		{"O'Neil", "O'Neil"},
		{"0171 2345678", "0171 2345678"},
		{"00123", "00123"},
		{"Müller", "Müller"},
		{" =1", " =1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := escape(tt.cell); got != tt.escaped {
			t.Errorf("escape(%q) = %q, want %q", tt.cell, got, tt.escaped)
		}
		if got := Unescape(tt.escaped); got != tt.cell {
			t.Errorf("Unescape(%q) = %q, want %q", tt.escaped, got, tt.cell)
		}
	}
}

func TestUnescapeLeavesOtherCells(t *testing.T) {
	for _, cell := range []string{"'", "'a", "'0171", "a'=b", "=x", "+49", "", "'''"} {
		if got := Unescape(cell); got != cell {
			t.Errorf("Unescape(%q) = %q, want it unchanged", cell, got)
		}
	}
}

func FuzzEscapeRoundTrip(f *testing.F) {
	for _, s := range []string{"=1+1", "'=1", "+49", "abc", "'", "\t", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		e := escape(cell)
		if got := Unescape(e); got != cell {
			t.Fatalf("Unescape(escape(%q)) = %q", cell, got)
		}
		if e != "" && isFormulaStart(e[0]) {
			t.Fatalf("escape(%q) = %q starts a formula", cell, e)
		}
	})
}
