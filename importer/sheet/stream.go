package sheet

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// keeperChunk is how much a keeper reads from below at a time.
const keeperChunk = 64 << 10

// keeper is a buffered reader that keeps every byte from a mark on, so
// that the raw text of the record being parsed can be looked at again and
// parsing can restart inside it. Offsets count the bytes served since the
// keeper was made.
//
// Why not let encoding/csv read the file directly: it gives back only the
// cells, and an unbalanced quote makes it glue rows together without a
// trace; the raw text is what tells such a record from a genuine one.
type keeper struct {
	r    io.Reader
	buf  []byte // buf[0] is at offset base
	base int64
	pos  int   // next byte to serve, in buf
	mark int64 // bytes before mark may be dropped
	eof  bool  // r is exhausted: buf holds the last bytes
	err  error // a read error from r, given once buf is served

	checkUTF8 bool  // watch for bytes that are not valid UTF-8
	checked   int64 // offset up to which the bytes were checked
	invalid   bool  // some byte was not valid UTF-8
}

func newKeeper(r io.Reader, checkUTF8 bool) *keeper {
	return &keeper{r: r, buf: make([]byte, 0, keeperChunk), checkUTF8: checkUTF8}
}

// Read serves buffered bytes, reading more from below when they run out.
func (k *keeper) Read(p []byte) (int, error) {
	if k.pos == len(k.buf) {
		if k.eof {
			return 0, io.EOF
		}
		if k.err != nil {
			return 0, k.err
		}
		k.fill()
		if k.pos == len(k.buf) {
			return 0, k.Read0()
		}
	}
	n := copy(p, k.buf[k.pos:])
	k.pos += n
	return n, nil
}

// Read0 is the error for a read that found nothing.
func (k *keeper) Read0() error {
	if k.err != nil {
		return k.err
	}
	return io.EOF
}

// fill drops the bytes before the mark and reads one chunk from below.
func (k *keeper) fill() {
	if drop := int(min(k.mark-k.base, int64(k.pos))); drop > 0 {
		n := copy(k.buf, k.buf[drop:])
		k.buf = k.buf[:n]
		k.base += int64(drop)
		k.pos -= drop
	}
	if cap(k.buf)-len(k.buf) < keeperChunk/2 {
		grown := make([]byte, len(k.buf), 2*cap(k.buf)+keeperChunk)
		copy(grown, k.buf)
		k.buf = grown
	}
	for n := 0; n == 0 && !k.eof && k.err == nil; {
		var err error
		n, err = k.r.Read(k.buf[len(k.buf):cap(k.buf)])
		k.buf = k.buf[:len(k.buf)+n]
		if err == io.EOF {
			k.eof = true
		} else if err != nil {
			k.err = err
		}
	}
	if k.checkUTF8 && !k.invalid {
		k.check()
	}
}

// check looks for bytes that are not valid UTF-8 among those read since
// the last check, leaving a rune cut by the end of the buffer for later.
func (k *keeper) check() {
	k.checked = max(k.checked, k.base)
	b := k.buf[k.checked-k.base:]
	if !k.eof {
		cut := 0
		for cut < len(b) && cut < utf8.UTFMax-1 && !utf8.RuneStart(b[len(b)-1-cut]) {
			cut++
		}
		if cut < len(b) && !utf8.FullRune(b[len(b)-1-cut:]) {
			b = b[:len(b)-1-cut]
		}
	}
	k.invalid = !utf8.Valid(b)
	k.checked += int64(len(b))
}

// setMark lets the bytes before off be dropped; off must not go back.
func (k *keeper) setMark(off int64) { k.mark = off }

// offset is the offset of the next byte to be served.
func (k *keeper) offset() int64 { return k.base + int64(k.pos) }

// exhausted tells whether every byte has been served.
func (k *keeper) exhausted() bool { return k.eof && k.pos == len(k.buf) }

// raw returns the kept bytes from off (not before the mark) to end, both
// already served.
func (k *keeper) raw(off, end int64) []byte {
	return k.buf[off-k.base : end-k.base]
}

// rewind serves again from off, which must not be before the mark.
func (k *keeper) rewind(off int64) { k.pos = int(off - k.base) }

// crReader turns every CR that is not followed by LF into LF, byte for
// byte, so that encoding/csv, which splits only at LF, sees the lines of a
// file saved with classic Mac line endings.
type crReader struct {
	r       io.Reader
	pending bool // a CR was held back to see the byte after it
}

// Read reads from below and rewrites lone CRs in place. p must have room
// for two bytes: a held-back CR and the byte after it.
func (c *crReader) Read(p []byte) (int, error) {
	if len(p) < 2 {
		return 0, io.ErrShortBuffer
	}
	for {
		start := 0
		if c.pending {
			p[0], start, c.pending = '\r', 1, false
		}
		n, err := c.r.Read(p[start:])
		n += start
		b := p[:n]
		for i := bytes.IndexByte(b, '\r'); i >= 0 && i+1 < n; {
			if b[i+1] != '\n' {
				b[i] = '\n'
			}
			j := bytes.IndexByte(b[i+1:], '\r')
			if j < 0 {
				break
			}
			i += 1 + j
		}
		if n > 0 && p[n-1] == '\r' {
			if err == nil {
				c.pending = true
				n--
			} else {
				p[n-1] = '\n'
			}
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
}
