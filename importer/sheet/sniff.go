package sheet

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// The encoding names of Format.Encoding.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8-bom"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	enc1252    = "windows-1252"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// sniffRecords is how many records at the top decide the delimiter.
const sniffRecords = 20

// delimiters are the candidates the sniffer chooses among, in the order
// that breaks no tie (ties are an error).
var delimiters = []rune{',', ';', '\t', '|'}

// encodingAliases maps option spellings (lowercase, without - _ and
// spaces) to encoding names; "utf16" lets the BOM choose the byte order.
var encodingAliases = map[string]string{
	"utf8": encUTF8, "utf8bom": encUTF8BOM, "utf8sig": encUTF8BOM,
	"utf16le": encUTF16LE, "ucs2le": encUTF16LE, "unicode": encUTF16LE,
	"utf16be": encUTF16BE, "ucs2be": encUTF16BE, "utf16": "utf16",
	"windows1252": enc1252, "cp1252": enc1252, "win1252": enc1252, "ansi": enc1252,
	"latin1": enc1252, "iso88591": enc1252, "l1": enc1252,
}

// chooseEncoding settles the encoding from the option or the file's first
// bytes, and says how many BOM bytes to skip.
func chooseEncoding(path string, head []byte, opt string) (string, int, error) {
	bomLen := func(enc string) int {
		switch {
		case enc == encUTF8 || enc == encUTF8BOM:
			if bytes.HasPrefix(head, bomUTF8) {
				return 3
			}
		case enc == encUTF16LE && bytes.HasPrefix(head, bomUTF16LE),
			enc == encUTF16BE && bytes.HasPrefix(head, bomUTF16BE):
			return 2
		}
		return 0
	}
	if opt != "" {
		key := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(opt))
		enc, ok := encodingAliases[key]
		if !ok {
			return "", 0, fmt.Errorf("%s: unknown --encoding %q: use utf-8, utf-16le, "+
				"utf-16be or windows-1252", path, opt)
		}
		if enc == "utf16" {
			enc = encUTF16LE
			if bytes.HasPrefix(head, bomUTF16BE) {
				enc = encUTF16BE
			}
		}
		return enc, bomLen(enc), nil
	}
	enc, err := sniffEncoding(path, head)
	return enc, bomLen(enc), err
}

// sniffEncoding tells the encoding from a BOM, from the zero bytes of
// UTF-16 text, or from whether the bytes are valid UTF-8.
func sniffEncoding(path string, head []byte) (string, error) {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		return encUTF8BOM, nil
	case bytes.HasPrefix(head, bomUTF16LE):
		return encUTF16LE, nil
	case bytes.HasPrefix(head, bomUTF16BE):
		return encUTF16BE, nil
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return sniffZeros(path, head)
	}
	// Any valid multi-byte sequence means UTF-8 with a few stray bytes (rows
	// pasted from another export): those cells alone are read as
	// Windows-1252 (see from1252), and the UTF-8 ones stay intact. A file
	// really in Windows-1252 rarely holds a byte pair that is valid UTF-8.
	valid, invalid := countUTF8(head)
	if invalid > 0 && valid == 0 {
		return enc1252, nil
	}
	return encUTF8, nil
}

// sniffZeros tells UTF-16 without a BOM from binary data: in mostly-ASCII
// UTF-16 every other byte is zero.
func sniffZeros(path string, head []byte) (string, error) {
	b := head[:min(len(head), 4096)&^1]
	var even, odd int
	for i := 0; i < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := len(b) / 2
	switch {
	case pairs > 0 && 10*odd >= 4*pairs && 20*even < pairs:
		return encUTF16LE, nil
	case pairs > 0 && 10*even >= 4*pairs && 20*odd < pairs:
		return encUTF16BE, nil
	}
	return "", unsupported(path, "a binary file, not CSV text",
		"if it is text after all, name its encoding with --encoding; else "+saveAs)
}

// countUTF8 counts the multi-byte UTF-8 sequences and the bytes that are
// not valid UTF-8. A sequence cut by the end of a full sample is not
// counted.
func countUTF8(b []byte) (valid, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			if len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) {
				break
			}
			invalid++
			i++
			continue
		}
		valid++
		i += size
	}
	return valid, invalid
}

// decoderFor returns the decoder to UTF-8, or nil for UTF-8 itself.
func decoderFor(enc string) *encoding.Decoder {
	switch enc {
	case encUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case encUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case enc1252:
		return charmap.Windows1252.NewDecoder()
	}
	return nil
}

// from1252 reads a cell that is not valid UTF-8 as Windows-1252.
func from1252(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return out
}

// sepLine recognises Excel's "sep=X" first line and returns the delimiter
// and the line's length with its line break.
func sepLine(sample []byte) (rune, int) {
	if len(sample) < 5 || !strings.EqualFold(string(sample[:4]), "sep=") {
		return 0, 0
	}
	r, size := utf8.DecodeRune(sample[4:])
	if r == utf8.RuneError || r == '\r' || r == '\n' || r == '"' {
		return 0, 0
	}
	n := 4 + size
	rest := sample[n:]
	switch {
	case len(rest) == 0:
		return r, n
	case bytes.HasPrefix(rest, []byte("\r\n")):
		return r, n + 2
	case rest[0] == '\n' || rest[0] == '\r':
		return r, n + 1
	}
	return 0, 0
}

// endsWithCR tells whether the sample's first line break starts with a
// CR. A break inside a quoted cell counts as well; Excel, which writes
// CRLF rows, writes those as LF, so a CR first is still a CRLF file.
func endsWithCR(sample []byte) bool {
	i := bytes.IndexAny(sample, "\r\n")
	return i >= 0 && sample[i] == '\r'
}

// hasLoneCR tells whether the sample ends lines with a bare CR somewhere.
func hasLoneCR(sample []byte) bool {
	for i := bytes.IndexByte(sample, '\r'); i >= 0; {
		if i+1 < len(sample) && sample[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(sample[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// sniffDelimiter picks the candidate delimiter that splits the first
// records most evenly: the one whose most common non-zero count is shared
// by the most records, then the one with the higher count. A tie, or no
// candidate at all, is for --delimiter to settle.
func sniffDelimiter(path string, sample []byte) (rune, error) {
	counts := countDelimiters(sample)
	best, bestScore, bestMode, tie := rune(0), 0, 0, false
	for i, d := range delimiters {
		mode, score := modeOf(counts[i])
		switch {
		case score == 0:
		case score > bestScore || score == bestScore && mode > bestMode:
			best, bestScore, bestMode, tie = d, score, mode, false
		case score == bestScore && mode == bestMode:
			tie = true
		}
	}
	if best == 0 {
		return 0, fmt.Errorf("%s: %w: the delimiter (no comma, semicolon, tab or pipe "+
			"separates the first lines); name it with --delimiter", path, ErrUndecidable)
	}
	if tie {
		return 0, fmt.Errorf("%s: %w: the delimiter (two candidates split the first lines "+
			"alike); name it with --delimiter", path, ErrUndecidable)
	}
	return best, nil
}

// countDelimiters counts each candidate outside quotes in each of the
// first non-empty records of the sample. A quote opens a quoted part only
// at the start of a field, as encoding/csv reads it.
func countDelimiters(sample []byte) [][]int {
	counts := make([][]int, len(delimiters))
	row := make([]int, len(delimiters))
	records, inQuote, closed, fieldStart, empty := 0, false, false, true, true
	endRecord := func() {
		if !empty {
			for i := range counts {
				counts[i] = append(counts[i], row[i])
			}
			records++
		}
		clear(row)
		empty, fieldStart = true, true
	}
	for _, c := range string(sample) {
		if records == sniffRecords {
			break
		}
		if inQuote {
			inQuote = c != '"'
			closed = !inQuote
			continue
		}
		reopen := closed // a doubled quote inside a quoted part
		closed = false
		switch {
		case c == '"' && (fieldStart || reopen):
			inQuote, empty, fieldStart = true, false, false
		case c == '\n' || c == '\r':
			endRecord()
		default:
			empty = false
			i := indexRune(delimiters, c)
			if i >= 0 {
				row[i]++
			}
			fieldStart = i >= 0
		}
	}
	if records < sniffRecords {
		endRecord()
	}
	return counts
}

// modeOf returns the most common non-zero value (the larger on a tie) and
// how many values equal it.
func modeOf(values []int) (mode, score int) {
	freq := map[int]int{}
	for _, v := range values {
		if v > 0 {
			freq[v]++
		}
	}
	for v, n := range freq {
		if n > score || n == score && v > mode {
			mode, score = v, n
		}
	}
	return mode, score
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}
