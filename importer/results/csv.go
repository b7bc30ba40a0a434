package results

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"aniva-import/importer/sheet"
)

// The byte order marks CSV results begin with, by encoding.
var boms = map[string][]byte{
	"utf-8-bom": {0xEF, 0xBB, 0xBF},
	"utf-16le":  {0xFF, 0xFE},
	"utf-16be":  {0xFE, 0xFF},
}

// headerRow stands for the header where a source row number is expected.
const headerRow = -1

// csvSink writes CSV results. Each record is first formatted as UTF-8 by
// encoding/csv (fields quoted where needed, records ending in a line
// feed), then encoded into the output encoding.
//
// windows-1252 cannot hold every character (an API message may quote
// one). Rather than lose it, or fail a whole import over a message, the
// sink then switches the entire file to UTF-8 with a BOM, converting what
// it has written so far, and says so in a note. Spreadsheets open such a
// file correctly, and the tool reads it back by its BOM.
type csvSink struct {
	file    *tempFile
	header  []string
	out     *bufio.Writer
	cw      *csv.Writer
	rec     bytes.Buffer          // the record being written, as UTF-8
	enc     transform.Transformer // nil for UTF-8
	encName string
	dst     []byte   // the record, encoded
	cells   []string // the record, escaped
	note    string
	// crlf ends records with CR LF. Not csv.Writer's UseCRLF, which drops
	// a lone CR inside a cell.
	crlf bool
}

func newCSVSink(file *tempFile, header []string, f sheet.Format, opts Options) (*csvSink, error) {
	s := &csvSink{file: file, header: header, out: bufio.NewWriterSize(file.f, 64<<10)}
	var err error
	if s.encName, s.enc, err = csvEncoding(f.Encoding, opts.BOM); err != nil {
		return nil, err
	}
	s.cw = csv.NewWriter(&s.rec)
	if f.Delimiter != 0 {
		s.cw.Comma = f.Delimiter
	}
	s.crlf = f.CRLF
	_, _ = s.out.Write(boms[s.encName])
	if f.SepLine {
		// Excel's hint naming the delimiter, kept because the input had it.
		eol := "\n"
		if f.CRLF {
			eol = "\r\n"
		}
		s.rec.WriteString("sep=" + string(s.cw.Comma) + eol)
		if err := s.emit(nil, headerRow); err != nil {
			return nil, err
		}
	}
	if err := s.writeRow(header, headerRow); err != nil {
		return nil, fmt.Errorf("write header: %w", err)
	}
	return s, nil
}

// csvEncoding resolves the encoding CSV results are written in, and its
// encoder (nil for UTF-8).
func csvEncoding(name string, bom bool) (string, transform.Transformer, error) {
	switch name = strings.ToLower(name); {
	case bom:
		return "utf-8-bom", nil, nil
	case name == "":
		return "utf-8", nil, nil
	}
	switch name {
	case "utf-8", "utf-8-bom":
		return name, nil, nil
	case "utf-16le":
		return name, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), nil
	case "utf-16be":
		return name, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder(), nil
	case "windows-1252":
		return name, charmap.Windows1252.NewEncoder(), nil
	}
	return "", nil, fmt.Errorf("unknown CSV encoding %q", name)
}

// writeRow escapes, formats and encodes one record.
func (s *csvSink) writeRow(row []string, sourceRow int) error {
	s.cells = s.cells[:0]
	for _, c := range row {
		s.cells = append(s.cells, escape(c))
	}
	s.rec.Reset()
	if err := s.cw.Write(s.cells); err != nil {
		return err
	}
	s.cw.Flush()
	if err := s.cw.Error(); err != nil {
		return err
	}
	if s.crlf {
		s.rec.Truncate(s.rec.Len() - 1) // the record's own "\n"
		s.rec.WriteString("\r\n")
	}
	return s.emit(row, sourceRow)
}

// emit encodes the formatted record in s.rec and writes it; row and
// sourceRow name it, should windows-1252 fail to hold it.
func (s *csvSink) emit(row []string, sourceRow int) error {
	if s.enc == nil {
		_, err := s.out.Write(s.rec.Bytes())
		return err
	}
	var err error
	s.dst, _, err = transform.Append(s.enc, s.dst[:0], s.rec.Bytes())
	if err == nil {
		_, err = s.out.Write(s.dst)
		return err
	}
	if s.encName != "windows-1252" {
		return fmt.Errorf("encode as %s: %w", s.encName, err)
	}
	if err := s.toUTF8(row, sourceRow); err != nil {
		return err
	}
	_, err = s.out.Write(s.rec.Bytes())
	return err
}

// toUTF8 rewrites what has been written so far as UTF-8 with a BOM and
// continues in that encoding. row is the record that could not be encoded.
func (s *csvSink) toUTF8(row []string, sourceRow int) error {
	s.note = fmt.Sprintf("results written as UTF-8 with BOM, not windows-1252: "+
		"%s holds a character windows-1252 cannot represent", s.where(row, sourceRow))
	if err := s.out.Flush(); err != nil {
		return err
	}
	old, err := s.file.renew()
	if err != nil {
		return err
	}
	defer closeRemove(old)
	if _, err := old.Seek(0, io.SeekStart); err != nil {
		return err
	}
	s.out.Reset(s.file.f)
	s.enc, s.encName = nil, "utf-8-bom"
	_, _ = s.out.Write(boms[s.encName])
	dec := transform.NewReader(old, charmap.Windows1252.NewDecoder())
	if _, err := io.Copy(s.out, dec); err != nil {
		return fmt.Errorf("convert results to UTF-8: %w", err)
	}
	return nil
}

// where names the first cell of row that windows-1252 cannot hold.
func (s *csvSink) where(row []string, sourceRow int) string {
	col := "a cell"
	enc := charmap.Windows1252.NewEncoder()
	for i, c := range row {
		if _, err := enc.String(c); err != nil {
			col = fmt.Sprintf("column %d", i+1)
			if i < len(s.header) {
				col = fmt.Sprintf("column %q", s.header[i])
			}
			break
		}
	}
	switch sourceRow {
	case headerRow:
		return "the header, " + col
	case 0:
		return "a row's " + col
	}
	return fmt.Sprintf("source row %d, %s", sourceRow, col)
}

func (s *csvSink) finish(Summary, map[string]int) error {
	return s.out.Flush()
}

func (s *csvSink) discard() {}

func (s *csvSink) notes() []string {
	if s.note == "" {
		return nil
	}
	return []string{s.note}
}
