package sheet

import "bytes"

// What scanRecord finds in the raw text of a record.
const (
	recordOK           = iota
	recordUnterminated // a quoted cell runs to the end of the text
	recordSwallowed    // a quoted cell holds lines that look like rows
)

// scanRecord reads the raw text of one record as encoding/csv does with
// LazyQuotes: a cell is quoted when it starts with a quote, and a quote
// inside it ends it only when a delimiter, a line break or the end
// follows; a doubled quote is a quote, any other is kept as text. It
// reports a quoted cell left open at the end of raw and, when minDelims is
// positive, a quoted cell one of whose later lines holds minDelims
// delimiters, as a whole row would. open is where that cell's quote is.
func scanRecord(raw, delim []byte, minDelims int) (open, status int) {
	for i := 0; ; {
		if i < len(raw) && raw[i] == '"' {
			next, st := scanQuoted(raw, i, delim, minDelims)
			if st != recordOK {
				return i, st
			}
			if next < 0 {
				return 0, recordOK
			}
			i = next
			continue
		}
		nd := bytes.Index(raw[i:], delim)
		if nd < 0 || bytes.IndexByte(raw[i:i+nd], '\n') >= 0 {
			return 0, recordOK
		}
		i += nd + len(delim)
	}
}

// scanQuoted reads the quoted cell whose quote is at raw[at]. It returns
// the start of the next cell, or -1 when the record ends with this cell.
func scanQuoted(raw []byte, at int, delim []byte, minDelims int) (int, int) {
	lines := quotedLines{delim: delim, min: minDelims}
	for i := at + 1; ; {
		q := bytes.IndexByte(raw[i:], '"')
		if q < 0 {
			if lines.scan(raw[i:]) {
				return 0, recordSwallowed
			}
			return 0, recordUnterminated
		}
		if lines.scan(raw[i : i+q]) {
			return 0, recordSwallowed
		}
		j := i + q + 1
		rest := raw[j:]
		switch {
		case len(rest) > 0 && rest[0] == '"':
			i = j + 1
		case bytes.HasPrefix(rest, delim):
			return j + len(delim), recordOK
		case len(rest) == 0 || rest[0] == '\n' || bytes.HasPrefix(rest, []byte("\r\n")):
			return -1, recordOK
		default:
			i = j
		}
	}
}

// quotedLines counts the delimiters on each line of a quoted cell after
// its first line.
type quotedLines struct {
	delim   []byte
	min     int
	newLine bool // a line break was seen
	onLine  int  // delimiters on the current later line
}

// scan goes on through the next part of the cell and tells whether some
// later line has reached the count.
func (q *quotedLines) scan(part []byte) bool {
	if q.min <= 0 {
		return false
	}
	for i := 0; i < len(part); i++ {
		switch {
		case part[i] == '\n':
			q.newLine, q.onLine = true, 0
		case q.newLine && bytes.HasPrefix(part[i:], q.delim):
			q.onLine++
			i += len(q.delim) - 1
			if q.onLine >= q.min {
				return true
			}
		}
	}
	return false
}
