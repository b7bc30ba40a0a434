package importer

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"fmt"
	"io"
	"os"

	"aniva-import/mapping"
)

// identity is one row's identity key ([mapping.Plan.AppendIdentityKeys]).
type identity struct {
	hash uint64
	line int
}

func compareIdentities(a, b identity) int {
	return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.line, b.line))
}

// keyChunk is how many keys an identitySet holds in memory: 4 MB, and as
// much again to sort them.
const keyChunk = 1 << 18

// identitySize is the size of a key in a run on disk: hash and line.
const identitySize = 16

// identitySet gathers the identity keys of a file's rows and pairs the
// rows that share one, in memory that does not grow with the file: when
// its chunk of keys fills, it sorts the chunk and writes it to a temporary
// file as a run, and at the end it merges the runs. A file of a million
// rows, two keys a row, makes eight runs. Without a file it keeps every
// key in memory. An identitySet is used by one goroutine.
type identitySet struct {
	chunk []identity
	tmp   []identity // for sorting the chunk
	limit int        // keys in a chunk
	file  *os.File   // the runs, back to back; nil keeps every key in memory
	name  string     // the file's name while it is still linked
	w     *bufio.Writer
	runs  []int // keys in each run
}

// newIdentitySet returns a set whose runs go to a file in dir. Keys are
// hashes, but of patient data, so the file is like the row spool: readable
// by its owner only, beside the results, and unlinked at once where the
// platform allows. When no file can be made, the set keeps its keys in
// memory and the error says why.
func newIdentitySet(dir string) (*identitySet, error) {
	s := &identitySet{limit: keyChunk}
	f, err := os.CreateTemp(dir, ".aniva-import-*.keys")
	if err != nil {
		return s, fmt.Errorf("create identity key file: %w", err)
	}
	s.file, s.name = f, f.Name()
	if os.Remove(f.Name()) == nil {
		s.name = ""
	}
	return s, nil
}

// add records that row line has key hash. Rows come in increasing order
// (a row may have several keys), which sortChunk relies on.
func (s *identitySet) add(hash uint64, line int) error {
	s.chunk = append(s.chunk, identity{hash, line})
	if len(s.chunk) < s.limit || s.file == nil {
		return nil
	}
	return s.spill()
}

// spill writes the chunk, sorted, as a run.
func (s *identitySet) spill() error {
	s.sortChunk()
	if s.w == nil {
		s.w = bufio.NewWriterSize(s.file, 64<<10)
	}
	var b [identitySize]byte
	for _, id := range s.chunk {
		binary.LittleEndian.PutUint64(b[:8], id.hash)
		binary.LittleEndian.PutUint64(b[8:], uint64(id.line))
		if _, err := s.w.Write(b[:]); err != nil {
			return fmt.Errorf("write identity keys: %w", err)
		}
	}
	s.runs = append(s.runs, len(s.chunk))
	s.chunk = s.chunk[:0]
	return nil
}

// sortChunk sorts the chunk by hash, and keys of one hash by line, as
// compareIdentities orders them: a radix sort by hash, which keeps the
// order in which keys of one hash were added, which is by line. A
// comparison sort cost a third as much CPU as keying the rows; this costs
// a quarter of that.
func (s *identitySet) sortChunk() {
	if cap(s.tmp) < len(s.chunk) {
		s.tmp = make([]identity, len(s.chunk))
	}
	src, dst := s.chunk, s.tmp[:len(s.chunk)]
	var at [256]int
	for shift := 0; shift < 64; shift += 8 {
		clear(at[:])
		for _, id := range src {
			at[byte(id.hash>>shift)]++
		}
		n := 0
		for d, c := range at {
			at[d] = n
			n += c
		}
		for _, id := range src {
			d := byte(id.hash >> shift)
			dst[at[d]] = id
			at[d]++
		}
		src, dst = dst, src
	}
	// After an even number of passes the keys are back in the chunk.
}

// duplicates pairs the rows that share a key: each row names the first row
// that shares one of its keys, or, when it comes first with each of its
// keys, the next row with one of them; once by any key, once by the keys
// of a person. Call it once, after the last add.
func (s *identitySet) duplicates() (*pairer, error) {
	var d pairer
	if s.runs == nil {
		s.sortChunk()
		for _, id := range s.chunk {
			d.add(id)
		}
		return &d, nil
	}
	if len(s.chunk) > 0 {
		if err := s.spill(); err != nil {
			return nil, err
		}
	}
	s.chunk, s.tmp = nil, nil // the merge needs only the runs' buffers
	if err := s.w.Flush(); err != nil {
		return nil, fmt.Errorf("write identity keys: %w", err)
	}
	m, err := newMerger(s.file, s.runs)
	if err != nil {
		return nil, err
	}
	for {
		id, ok, err := m.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return &d, nil
		}
		d.add(id)
	}
}

// Close closes and, if still linked, removes the file.
func (s *identitySet) Close() {
	if s.file == nil {
		return
	}
	_ = s.file.Close()
	if s.name != "" {
		_ = os.Remove(s.name)
	}
}

// pairer pairs rows from their identities in sorted order.
type pairer struct {
	first identity // the first identity with the current hash
	any   bool
	dupOf map[int]int // by any key
	// sameOf pairs by the keys of a person only, not by a shared email:
	// these are the rows --skip-duplicates leaves out.
	sameOf map[int]int
}

func (d *pairer) add(id identity) {
	if !d.any || id.hash != d.first.hash {
		d.first, d.any = id, true
		return
	}
	a, b := d.first.line, id.line
	if a == b {
		return // one row holding the same key twice
	}
	if d.dupOf == nil {
		d.dupOf, d.sameOf = map[int]int{}, map[int]int{}
	}
	pair(d.dupOf, b, a)
	pair(d.dupOf, a, b)
	if !mapping.SharedOnly(id.hash) {
		pair(d.sameOf, b, a)
		pair(d.sameOf, a, b)
	}
}

// pair names other for row unless row has an earlier partner already. Of
// a row's partners by its several keys, the earliest wins whatever order
// the keys' hashes sort in, so that --skip-duplicates skips every row
// that shares a key with an earlier row.
func pair(m map[int]int, row, other int) {
	if cur, ok := m[row]; !ok || other < cur {
		m[row] = other
	}
}

// merger reads sorted runs back as one sorted sequence. Its heap holds
// the runs not yet exhausted, the one with the least head first.
type merger struct {
	heap []*runReader
}

type runReader struct {
	r    *bufio.Reader
	left int // keys not yet read
	head identity
}

func newMerger(f *os.File, runs []int) (*merger, error) {
	m := &merger{}
	var off int64
	for _, n := range runs {
		size := int64(n) * identitySize
		rr := &runReader{r: bufio.NewReaderSize(io.NewSectionReader(f, off, size), 16<<10),
			left: n}
		off += size
		if err := rr.advance(); err != nil {
			return nil, err
		}
		m.heap = append(m.heap, rr)
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return m, nil
}

// next returns the least identity not yet returned, and false after the
// last.
func (m *merger) next() (identity, bool, error) {
	if len(m.heap) == 0 {
		return identity{}, false, nil
	}
	top := m.heap[0]
	id := top.head
	if top.left == 0 {
		last := len(m.heap) - 1
		m.heap[0] = m.heap[last]
		m.heap = m.heap[:last]
	} else if err := top.advance(); err != nil {
		return identity{}, false, err
	}
	m.down(0)
	return id, true, nil
}

// down moves the run at i down the heap to its place.
func (m *merger) down(i int) {
	h := m.heap
	for {
		least := i
		if c := 2*i + 1; c < len(h) && compareIdentities(h[c].head, h[least].head) < 0 {
			least = c
		}
		if c := 2*i + 2; c < len(h) && compareIdentities(h[c].head, h[least].head) < 0 {
			least = c
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}

// advance reads the run's next key into head.
func (rr *runReader) advance() error {
	var b [identitySize]byte
	if _, err := io.ReadFull(rr.r, b[:]); err != nil {
		return fmt.Errorf("read identity keys: %w", err)
	}
	rr.head = identity{binary.LittleEndian.Uint64(b[:8]), int(binary.LittleEndian.Uint64(b[8:]))}
	rr.left--
	return nil
}
