package importer

// sourceRows finds the source_row numbers that more than one row of a
// results sheet carries. A row copied in a spreadsheet to add a patient
// brings its source_row along, and often its created status and profile
// id too; only the request can then tell the row that was created from
// its copies (see [pipeline.carry]).
type sourceRows struct {
	seen   []uint64     // bit n: source_row n was seen
	far    map[int]bool // seen, past what the bits cover (typed by hand)
	shared map[int]bool // seen more than once
	max    int          // the highest seen
}

// sourceBits caps the bitset at 2 MiB: a sheet's own numbers stay below
// it, so memory grows by a bit a row, not by a map entry.
const sourceBits = 1 << 24

// add counts one row's source_row; n <= 0 is a row without one.
func (s *sourceRows) add(n int) {
	if n <= 0 {
		return
	}
	s.max = max(s.max, n)
	if n >= sourceBits {
		if s.far[n] {
			s.markShared(n)
		} else if s.far == nil {
			s.far = map[int]bool{n: true}
		} else {
			s.far[n] = true
		}
		return
	}
	w, bit := n/64, uint64(1)<<(n%64)
	if w >= len(s.seen) {
		s.seen = append(s.seen, make([]uint64, max(w+1-len(s.seen), len(s.seen)))...)
	}
	if s.seen[w]&bit != 0 {
		s.markShared(n)
	}
	s.seen[w] |= bit
}

func (s *sourceRows) markShared(n int) {
	if s.shared == nil {
		s.shared = map[int]bool{}
	}
	s.shared[n] = true
}
