package sheet

import (
	"errors"
	"reflect"
	"testing"
)

func TestSniffDelimiter(t *testing.T) {
	cases := []struct {
		name, sample string
		want         rune
		err          error
	}{
		{"comma", "a,b,c\n1,2,3\n", ',', nil},
		{"semicolon with decimal commas",
			"Name;Größe;Gewicht\nMaria;1,68;65,5\nJohn;1,80;82\n", ';', nil},
		{"tab", "a\tb\n1\t2\n", '\t', nil},
		{"pipe", "a|b|c\n1|2|3", '|', nil},
		{"title with a comma", "Report, March\na;b;c\n1;2;3\n4;5;6\n", ';', nil},
		{"quoted commas", "a;b\n\"x,y,z\";1\n\"p,q\";2\n", ';', nil},
		{"doubled quote in quotes", "a;b\n\"say \"\"x,y\"\" now\";1\n", ';', nil},
		{"lone CR", "a;b\r1;2\r3;4\r", ';', nil},
		{"none", "name\nMaria\n", 0, ErrUndecidable},
		{"tie", "a,b;c\n1,2;3\n", 0, ErrUndecidable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sniffDelimiter("x.csv", []byte(tc.sample))
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Errorf("sniffDelimiter = %q, %v; want %q, %v", got, err, tc.want, tc.err)
			}
		})
	}
}

func TestSniffEncoding(t *testing.T) {
	cases := []struct {
		name, head string
		want       string
		err        error
	}{
		{"ascii", "a,b\n", "utf-8", nil},
		{"utf-8", "a,b\nMüller,x\n", "utf-8", nil},
		{"bom", "\xef\xbb\xbfa", "utf-8-bom", nil},
		{"1252", "a;b\nM\xfcller;Wei\xdf\n", "windows-1252", nil},
		{"mostly utf-8", "M\xc3\xbcller;M\xc3\xbcller;Wei\xdf\n", "utf-8", nil},
		{"cut rune at the end", "a;M\xc3", "utf-8", nil},
		{"utf-16le without bom", "a\x00,\x00b\x00\n\x00", "utf-16le", nil},
		{"utf-16be without bom", "\x00a\x00,\x00b\x00\n", "utf-16be", nil},
		{"binary", "\x00\x00\x00\x01\x02\x00\x00\x00", "", ErrUnsupported},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sniffEncoding("x.csv", []byte(tc.head))
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Errorf("sniffEncoding = %q, %v; want %q, %v", got, err, tc.want, tc.err)
			}
		})
	}
}

func TestSepLine(t *testing.T) {
	cases := []struct {
		sample string
		delim  rune
		n      int
	}{
		{"sep=;\r\na;b", ';', 7},
		{"SEP=|\na|b", '|', 6},
		{"sep=\t\n", '\t', 6},
		{"sep=,", ',', 5},
		{"sep=;;\n", 0, 0},
		{"sep=\n", 0, 0},
		{"separator,x\n", 0, 0},
	}
	for _, tc := range cases {
		d, n := sepLine([]byte(tc.sample))
		if d != tc.delim || n != tc.n {
			t.Errorf("sepLine(%q) = %q, %d; want %q, %d", tc.sample, d, n, tc.delim, tc.n)
		}
	}
}

func TestHasLoneCR(t *testing.T) {
	for sample, want := range map[string]bool{
		"a\r\nb\r\n": false, "a\rb": true, "a\r\nb\rc": true, "a\r": false, "ab": false,
	} {
		if got := hasLoneCR([]byte(sample)); got != want {
			t.Errorf("hasLoneCR(%q) = %v, want %v", sample, got, want)
		}
	}
}

func TestScanRecord(t *testing.T) {
	cases := []struct {
		raw       string
		minDelims int
		open      int
		status    int
	}{
		{"a,b,c\n", 0, 0, recordOK},
		{`a,"b,c",d` + "\n", 0, 0, recordOK},
		{`a,"b""c",d`, 0, 0, recordOK},
		{`a,"b` + "\n" + `c,d`, 0, 2, recordUnterminated},
		{`a,"b` + "\n" + `c,d,e"` + "\n", 2, 2, recordSwallowed},
		{`a,"note` + "\n" + `second, line"` + "\n", 2, 0, recordOK},
		{`a,b"c,"d`, 0, 6, recordUnterminated},
		{`a,"x"y,z"`, 0, 0, recordOK},
	}
	for _, tc := range cases {
		open, status := scanRecord([]byte(tc.raw), []byte(","), tc.minDelims)
		if open != tc.open || status != tc.status {
			t.Errorf("scanRecord(%q, %d) = %d, %d; want %d, %d",
				tc.raw, tc.minDelims, open, status, tc.open, tc.status)
		}
	}
}

func TestHeaderCleaning(t *testing.T) {
	got := cleanHeader([]string{"\uFEFFVorname", " Nach\u00A0name ", "\u200BE-Mail\u200D",
		"", "x", " ", ""})
	want := []string{"Vorname", "Nach name", "E-Mail", "", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cleanHeader = %q, want %q", got, want)
	}
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A (1)", 25: "Z (26)", 26: "AA (27)", 701: "ZZ (702)",
		702: "AAA (703)", 16383: "XFD (16384)"} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
	}
}

func TestPickHeader(t *testing.T) {
	rows := func(rs ...[]string) []item {
		var out []item
		for i, r := range rs {
			out = append(out, item{line: i + 1, cells: r})
		}
		return out
	}
	cases := []struct {
		name string
		rows []item
		is   func([]string) bool
		want int
	}{
		{"first", rows([]string{"a", "b"}, []string{"1", "2"}), nil, 0},
		{"title", rows([]string{"Report"}, []string{"a", "b", "c"}, []string{"1", "2", "3"}),
			nil, 1},
		{"note of two", rows([]string{"by", "admin"}, []string{"a", "b", "c", "d"},
			[]string{"1", "2", "3", "4"}), nil, 1},
		{"single column", rows([]string{"name"}, []string{"Maria"}), nil, 0},
		{"recogniser", rows([]string{"x", "y"}, []string{"first_name", "y"}),
			func(c []string) bool { return c[0] == "first_name" }, 1},
		{"recogniser finds none", rows([]string{"T"}, []string{"x", "y"}),
			func([]string) bool { return false }, 1},
		{"skips errors",
			[]item{{line: 1, err: errors.New("bad")}, {line: 2, cells: []string{"a", "b"}}},
			nil, 1},
		{"empty", nil, nil, -1},
	}
	for _, tc := range cases {
		if got := pickHeader(tc.rows, tc.is); got != tc.want {
			t.Errorf("%s: pickHeader = %d, want %d", tc.name, got, tc.want)
		}
	}
}
