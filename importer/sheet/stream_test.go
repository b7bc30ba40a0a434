package sheet

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// bigCSV builds n rows after a header, using sep between cells and eol
// after each line, and returns the text with the rows it should give.
func bigCSV(n int, sep, eol string, cell func(i int) string) (string, []result) {
	var b strings.Builder
	b.WriteString("first_name" + sep + "last_name" + sep + "note" + eol)
	var want []result
	for i := range n {
		name := fmt.Sprintf("Maria%d", i)
		b.WriteString(name + sep + "Schmidt" + sep + cell(i) + eol)
		want = append(want, row(i+2, name, "Schmidt", fmt.Sprint(i)))
	}
	return b.String(), want
}

func plain(i int) string { return fmt.Sprint(i) }

// TestQuotesFarIn puts unbalanced quotes deep in a file, past the sniffed
// sample and across many buffer fills, and checks that only their rows
// fail and every other row is read.
func TestQuotesFarIn(t *testing.T) {
	text, want := bigCSV(6000, ",", "\n", plain)
	lines := strings.SplitAfter(text, "\n")
	// Line 3001 opens a quote that swallows line 3002 up to a later quote.
	lines[3000] = `Maria2999,"Schmidt,2999` + "\n"
	lines[3001] = `Maria3000,Schmidt,"3000"` + "\n"
	want[2999] = result{Line: 3001, Err: ErrUnterminatedQuote}
	// The last line opens a quote that is never closed: swallowing is
	// caught, and so is the quote left open at the end.
	lines[5000] = `Maria4999,Schmidt,"4999` + "\n"
	want[4999] = result{Line: 5001, Err: ErrUnterminatedQuote}
	text = strings.Join(lines, "")
	path := writeTemp(t, "far.csv", []byte(text))
	_, got := readAll(t, path, Options{})
	if !sameResults(got, want) {
		t.Errorf("rows differ: %s", firstDiff(got, want))
	}
}

// TestQuoteOpenAtEnd checks a quote left open on the last line, which
// swallows nothing but the end of the file.
func TestQuoteOpenAtEnd(t *testing.T) {
	path := writeTemp(t, "end.csv", []byte("first_name,last_name\nMaria,Schmidt\nJohn,\"Car"))
	_, got := readAll(t, path, Options{})
	want := []result{row(2, "Maria", "Schmidt"), {Line: 3, Err: ErrUnterminatedQuote}}
	if !sameResults(got, want) {
		t.Errorf("rows:\n got %v\nwant %v", got, want)
	}
	// Two columns are too few to tell swallowed rows from a note; the
	// quote open at the end still fails its row, and reading restarts.
	path = writeTemp(t, "narrow.csv", []byte("a,b\nMaria,\"Schmidt\nJohn,Carter\n\nAino,x"))
	_, got = readAll(t, path, Options{})
	want = []result{{Line: 2, Err: ErrUnterminatedQuote}, row(3, "John", "Carter"),
		row(5, "Aino", "x")}
	if !sameResults(got, want) {
		t.Errorf("rows:\n got %v\nwant %v", got, want)
	}
}

// TestManyOpenQuotes checks that a file where every line opens a quote
// that never closes ends in bounded time, with every line up to the limit
// failed on its own and the rest failed as a whole.
func TestManyOpenQuotes(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b,c\n")
	for range maxResyncs + 200 {
		b.WriteString("x,\"y,z\n")
	}
	path := writeTemp(t, "open.csv", []byte(b.String()))
	_, got := readAll(t, path, Options{})
	if len(got) != maxResyncs+1 {
		t.Fatalf("%d results, want %d", len(got), maxResyncs+1)
	}
	for i, g := range got {
		if g.Err == nil || g.Line != i+2 {
			t.Fatalf("result %d is %v, want an error on line %d", i, g, i+2)
		}
	}
	if msg := got[maxResyncs].Err.Error(); !strings.Contains(msg, "from line 1003 on, is not read") {
		t.Errorf("last error %q does not say the rest is not read", msg)
	}
}

// TestLate1252 has a Windows-1252 byte only after the sniffed sample: that
// cell alone is read as Windows-1252.
func TestLate1252(t *testing.T) {
	text, want := bigCSV(4000, ";", "\r\n", plain)
	text += "J\xfcrgen;M\xfcller;4000\r\nAnna;Wei\xdf;4001\r\nZoë;Adams;4002\r\n"
	want = append(want, row(4002, "Jürgen", "Müller", "4000"), row(4003, "Anna", "Weiß", "4001"),
		row(4004, "Zoë", "Adams", "4002"))
	r, got := readAll(t, writeTemp(t, "late.csv", []byte(text)), Options{})
	if !sameResults(got, want) {
		t.Errorf("rows differ: %s", firstDiff(got, want))
	}
	if enc := r.Format().Encoding; enc != "utf-8" {
		t.Errorf("Encoding = %q, want utf-8", enc)
	}
}

// TestLoneCRBig reads a large file with classic Mac line endings, so that
// CRs fall on the edges of reads.
func TestLoneCRBig(t *testing.T) {
	text, want := bigCSV(20000, ",", "\r", plain)
	_, got := readAll(t, writeTemp(t, "mac.csv", []byte(text)), Options{})
	if !sameResults(got, want) {
		t.Errorf("rows differ: %s", firstDiff(got, want))
	}
}

// TestEncodingOption reads files with the encoding named, overriding what
// sniffing would say.
func TestEncodingOption(t *testing.T) {
	cases := []struct {
		content, enc string
		want         []string
		format       string
	}{
		{"a;b\nM\xfcller;Stra\xdfe\n", "latin1", []string{"Müller", "Straße"}, "windows-1252"},
		{"a;b\nM\xc3\xbcller;x\n", "Windows-1252", []string{"MÃ¼ller", "x"}, "windows-1252"},
		{"\xef\xbb\xbfa;b\nM\xc3\xbcller;x\n", "UTF8", []string{"Müller", "x"}, "utf-8-bom"},
		{string(utf16Bytes("a;b\nAino;x\n", binary.BigEndian)), "utf-16",
			[]string{"Aino", "x"}, "utf-16be"},
	}
	for _, tc := range cases {
		t.Run(tc.enc, func(t *testing.T) {
			path := writeTemp(t, "enc.csv", []byte(tc.content))
			r, got := readAll(t, path, Options{Encoding: tc.enc})
			want := []result{row(2, tc.want...)}
			if !sameResults(got, want) {
				t.Errorf("rows %v, want %v", got, want)
			}
			if f := r.Format(); f.Encoding != tc.format {
				t.Errorf("Encoding = %q, want %q", f.Encoding, tc.format)
			}
		})
	}
}

func TestCRReader(t *testing.T) {
	in := "a\rb\r\nc\r\rd\r"
	want := "a\nb\r\nc\n\nd\n"
	for _, wrap := range []func(io.Reader) io.Reader{
		func(r io.Reader) io.Reader { return r },
		iotest.OneByteReader, iotest.HalfReader, iotest.DataErrReader,
	} {
		got, err := io.ReadAll(&crReader{r: wrap(strings.NewReader(in))})
		if err != nil || string(got) != want {
			t.Errorf("read %q, %v; want %q", got, err, want)
		}
	}
}

// TestKeeper reads through a keeper fed one byte at a time, rewinds to
// the mark, and checks that nothing before the mark is kept for long.
func TestKeeper(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 30000)
	k := newKeeper(iotest.OneByteReader(bytes.NewReader(data)), true)
	buf := make([]byte, 4096)
	var got []byte
	for {
		n, err := k.Read(buf)
		got = append(got, buf[:n]...)
		if len(got) == 150000 && k.mark == 0 {
			k.setMark(149990)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, data) {
		t.Fatalf("read %d bytes, not the data", len(got))
	}
	if !k.exhausted() || k.offset() != int64(len(data)) || k.invalid {
		t.Errorf("exhausted %v, offset %d, invalid %v", k.exhausted(), k.offset(), k.invalid)
	}
	if raw := string(k.raw(149990, 150000)); raw != "0123456789" {
		t.Errorf("raw = %q", raw)
	}
	k.rewind(149995)
	rest, _ := io.ReadAll(k)
	if len(rest) != len(data)-149995 {
		t.Errorf("after rewind read %d bytes, want %d", len(rest), len(data)-149995)
	}
}

// TestKeeperInvalidUTF8 finds a bad byte and passes a rune cut by a read.
func TestKeeperInvalidUTF8(t *testing.T) {
	for _, tc := range []struct {
		data    string
		invalid bool
	}{{"abc\xc3\xbc", false}, {"ab\xfcc", true}, {"abc\xc3", true}} {
		k := newKeeper(iotest.OneByteReader(strings.NewReader(tc.data)), true)
		if _, err := io.ReadAll(k); err != nil {
			t.Fatal(err)
		}
		if k.invalid != tc.invalid {
			t.Errorf("%q: invalid = %v, want %v", tc.data, k.invalid, tc.invalid)
		}
	}
}

// firstDiff describes the first difference between two row lists.
func firstDiff(got, want []result) string {
	for i := range min(len(got), len(want)) {
		if !sameResults(got[i:i+1], want[i:i+1]) {
			return fmt.Sprintf("at %d: got %v, want %v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("got %d rows, want %d", len(got), len(want))
}
