package sheet

import "sync"

// Read-ahead sizes: rows per batch and batches queued. A batch costs the
// goroutines one hand-over instead of one per row; a few batches smooth
// over rows of uneven cost on either side.
const (
	prefetchBatch = 256
	prefetchQueue = 4
)

// prefetch reads a source ahead on a goroutine of its own, so that parsing
// the file (for XLSX, excelize's row iteration, the most costly step of a
// survey) runs on one core while the caller works on the rows already read
// on another. The records and errors come out in the source's order, and
// the goroutine stops at the first final error (io.EOF included), so the
// source is used exactly as without it; the records' slices are fresh for
// each record, so handing them over is safe.
//
// It is put in front of a source once the header is found, because the
// header's width changes how a CSV source reads (setWidth).
type prefetch struct {
	src     source
	batches chan []item
	free    chan []item // batches the reader is done with, to fill again
	stop    chan struct{}
	wg      sync.WaitGroup
	cur     []item // the batch being served
	pos     int    // the next item of cur
	final   *item  // the final error, once met
	closing sync.Once
}

func newPrefetch(src source) *prefetch {
	p := &prefetch{src: src, batches: make(chan []item, prefetchQueue),
		free: make(chan []item, prefetchQueue+1), stop: make(chan struct{})}
	p.wg.Go(p.run)
	return p
}

// run reads until a final error or until stopped.
func (p *prefetch) run() {
	defer close(p.batches)
	batch := p.emptyBatch()
	for {
		var it item
		it.line, it.cells, it.err = p.src.next()
		batch = append(batch, it)
		_, rowErr := it.err.(*RowError)
		final := it.err != nil && !rowErr
		if len(batch) == prefetchBatch || final {
			select {
			case p.batches <- batch:
			case <-p.stop:
				return
			}
			batch = p.emptyBatch()
		}
		if final {
			return
		}
	}
}

// emptyBatch returns a batch given back by the reader, or a new one.
func (p *prefetch) emptyBatch() []item {
	select {
	case b := <-p.free:
		return b[:0]
	default:
		return make([]item, 0, prefetchBatch)
	}
}

func (p *prefetch) next() (int, []string, error) {
	if p.pos == len(p.cur) {
		if p.final != nil {
			return p.final.line, nil, p.final.err
		}
		if p.cur != nil {
			select { // its items were cleared as they were served
			case p.free <- p.cur:
			default:
			}
		}
		p.cur, p.pos = <-p.batches, 0 // never closed before the final error is sent
	}
	it := p.cur[p.pos]
	p.cur[p.pos] = item{}
	p.pos++
	if _, rowErr := it.err.(*RowError); it.err != nil && !rowErr {
		p.final = &item{line: it.line, err: it.err}
	}
	return it.line, it.cells, it.err
}

// setWidth is not passed on: the width is set before the read-ahead starts.
func (p *prefetch) setWidth(int) {}

// close stops the goroutine, waits for it to leave the source, then closes
// the source.
func (p *prefetch) close() error {
	p.closing.Do(func() { close(p.stop) })
	p.wg.Wait()
	return p.src.close()
}
