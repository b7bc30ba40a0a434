package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// Reading restarts after each unbalanced quote, reading again the text the
// quote had swallowed: after a quote left open at the end of the file, the
// rest of the file. These bound how often, so that a file full of stray
// quotes still takes time in proportion to its size.
const (
	maxEOFResyncs = 100
	maxResyncs    = 1000
)

// openCSV settles the encoding, the "sep=" line, the delimiter and the
// line endings from the file's first bytes, then finds the header.
func openCSV(path string, f *os.File, head []byte, opts Options) (Reader, error) {
	enc, bomLen, err := chooseEncoding(path, head, opts.Encoding)
	if err != nil {
		return nil, err
	}
	if enc == encUTF8 && bomLen > 0 {
		enc = encUTF8BOM
	}
	src, sample := decoded(f, head[bomLen:], enc)
	sepDelim, sepLen := sepLine(sample)
	if _, err := io.CopyN(io.Discard, src, int64(sepLen)); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	sample = sample[sepLen:]
	if len(bytes.TrimSpace(sample)) == 0 {
		return nil, fmt.Errorf("%s: %w: the file holds no rows", path, ErrNoHeader)
	}
	delim, err := chooseDelimiter(path, sample, sepDelim, opts.Delimiter)
	if err != nil {
		return nil, err
	}
	if hasLoneCR(sample) {
		src = &crReader{r: src}
	}
	s := &csvSource{
		path: path, file: f, delim: delim, delimBytes: []byte(string(delim)),
		k: newKeeper(src, enc == encUTF8 || enc == encUTF8BOM),
	}
	if sepLen > 0 {
		s.lineBase = 1
	}
	s.cr = newCSVReader(s.k, delim)
	r := &reader{src: s, path: path, format: Format{
		Kind: CSV, Delimiter: delim, Encoding: enc, SepLine: sepLen > 0, CRLF: endsWithCR(sample),
	}}
	if err := r.findHeader(opts); err != nil {
		return nil, err
	}
	return r, nil
}

// decoded returns the file's text as UTF-8 from after the BOM, given the
// bytes already read from f, and its first 64 KiB for sniffing.
func decoded(f *os.File, head []byte, enc string) (io.Reader, []byte) {
	rest := io.MultiReader(bytes.NewReader(head), f)
	dec := decoderFor(enc)
	if dec == nil {
		return rest, head
	}
	br := bufio.NewReaderSize(transform.NewReader(rest, dec), sniffSize)
	sample, _ := br.Peek(sniffSize)
	return br, sample
}

// chooseDelimiter takes the option, else the "sep=" line, else sniffs.
func chooseDelimiter(path string, sample []byte, fromSep, opt rune) (rune, error) {
	switch {
	case opt != 0:
		if opt == '"' || opt == '\r' || opt == '\n' || opt == utf8.RuneError ||
			!utf8.ValidRune(opt) {
			return 0, fmt.Errorf("%s: --delimiter %q cannot separate fields", path, opt)
		}
		return opt, nil
	case fromSep != 0:
		return fromSep, nil
	}
	return sniffDelimiter(path, sample)
}

func newCSVReader(r io.Reader, delim rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	return cr
}

// csvSource yields the records of a CSV file through encoding/csv, and
// turns records that an unbalanced quote has glued together into row
// errors, reading on after the line where the quote was opened.
type csvSource struct {
	path       string
	file       *os.File
	k          *keeper
	cr         *csv.Reader
	delim      rune
	delimBytes []byte
	csvBase    int64 // keeper offset at which cr began
	lineBase   int   // lines before cr's first line
	width      int   // header width, 0 until known
	eofResyncs int
	resyncs    int
	done       bool // nothing more can be read
}

func (s *csvSource) setWidth(n int) { s.width = n }
func (s *csvSource) close() error   { return s.file.Close() }

// next reads one record. Its slice is fresh, as encoding/csv makes one
// for every record when not told to reuse it. (Why not reuse one and copy
// into slabs of cells: measured, it saves allocations but not time, as
// the cost is in the GC's write barriers on the cells either way.)
func (s *csvSource) next() (int, []string, error) {
	if s.done {
		return 0, nil, io.EOF
	}
	start := s.csvBase + s.cr.InputOffset()
	s.k.setMark(start)
	rec, err := s.cr.Read()
	if err == io.EOF {
		return 0, nil, io.EOF
	}
	if err != nil {
		return 0, nil, fmt.Errorf("read %s: %w", s.path, err)
	}
	line, _ := s.cr.FieldPos(0)
	line += s.lineBase
	if err := s.checkQuotes(rec, start, line); err != nil {
		return line, nil, err
	}
	if s.k.invalid {
		for i, c := range rec {
			if !utf8.ValidString(c) {
				rec[i] = from1252(c)
			}
		}
	}
	return line, rec, nil
}

// checkQuotes looks at the raw text of a record that ends the file, or
// that spans lines, for a quote that was never closed or that swallowed
// whole rows. Such a record becomes a row error and reading restarts on
// the line after the quote.
func (s *csvSource) checkQuotes(rec []string, start int64, line int) error {
	last := len(rec) - 1
	lastLine, _ := s.cr.FieldPos(last)
	end := s.csvBase + s.cr.InputOffset()
	atEnd := s.k.exhausted() && end == s.k.offset()
	multi := lastLine+s.lineBase != line || strings.IndexByte(rec[last], '\n') >= 0
	minDelims := 0
	if multi && s.width >= 3 {
		minDelims = s.width - 1
	}
	if !atEnd && minDelims == 0 {
		return nil
	}
	raw := s.k.raw(start, end)
	open, status := scanRecord(raw, s.delimBytes, minDelims)
	if status == recordOK {
		return nil
	}
	quoteLine := line + bytes.Count(raw[:open], []byte{'\n'})
	cause := fmt.Errorf("%w: the quote that opens a cell on line %d is never closed, "+
		"so the row cannot be read", ErrUnterminatedQuote, quoteLine)
	if status == recordSwallowed {
		cause = fmt.Errorf("%w: the quoted cell opened on line %d runs over the next "+
			"lines as if they were part of it, so the row cannot be read",
			ErrUnterminatedQuote, quoteLine)
	}
	nl := bytes.IndexByte(raw[open:], '\n')
	text := raw
	if nl >= 0 {
		text = raw[:open+nl] // the rows after the quote's line are read again
	}
	rowErr := &RowError{File: s.path, Line: line, Cells: s.looseCells(text)}
	switch {
	case nl < 0:
	case s.resyncs == maxResyncs,
		status == recordUnterminated && s.eofResyncs == maxEOFResyncs:
		s.done = true
		cause = fmt.Errorf("%w; the rest of the file, from line %d on, is not read "+
			"either: too many unbalanced quotes", cause, quoteLine+1)
	default:
		if status == recordUnterminated {
			s.eofResyncs++
		}
		s.resyncs++
		s.restart(start+int64(open+nl+1), quoteLine)
	}
	rowErr.Err = cause
	return rowErr
}

// looseCells splits the text of a row that cannot be parsed at each
// delimiter, quotes and all, so that what the row held is not lost.
func (s *csvSource) looseCells(text []byte) []string {
	cells := strings.Split(strings.TrimRight(string(text), "\r\n"), string(s.delim))
	for i, c := range cells {
		if c = strings.TrimSuffix(c, "\r"); !utf8.ValidString(c) {
			c = from1252(c) // as next does for the cells of a mixed file
		}
		cells[i] = c
	}
	return cells
}

// restart parses again from the kept offset off, the start of the line
// after line.
func (s *csvSource) restart(off int64, line int) {
	s.k.rewind(off)
	s.cr = newCSVReader(s.k, s.delim)
	s.csvBase = off
	s.lineBase = line
}
