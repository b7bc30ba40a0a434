package importer

import (
	"runtime"
	"sync"

	"aniva-import/importer/results"
	"aniva-import/importer/sheet"
	"aniva-import/mapping"
)

// surveyWork is the part of the survey that needs no other row: each
// row's identity keys and its [mapping.Early] part (the phone, the
// costliest step of a row). Workers on every core do it in batches while
// the survey's loop reads and observes the next rows; one collector then
// takes the batches in order, spools each row with its early part and
// gathers the keys. For XLSX results the workers also measure the rows'
// cells ([results.Layout]), so that the results sheet can be written as the
// outcomes come. At most a few batches are on their way at a time, so
// memory stays bounded. add and wait are called from one goroutine.
type surveyWork struct {
	plan  *mapping.Plan
	ids   *identitySet
	spool *rowSpool // nil: no spool, and no early part is worth working out
	// layout is every row's measure, once wait has returned; nil when the
	// rows are not measured. Each worker measures into one of layouts.
	layout  *results.Layout
	layouts []*results.Layout

	batch *surveyBatch
	work  chan *surveyBatch // to the workers
	order chan *surveyBatch // to the collector, in row order; nil once closed
	wg    sync.WaitGroup    // the workers
	done  chan error        // the collector's first error
}

// surveyBatch is rows on their way; ready closes when a worker is done
// with them.
type surveyBatch struct {
	rows  []surveyRow
	keys  []uint64 // every row's keys, back to back
	ready chan struct{}
}

type surveyRow struct {
	row   sheet.Row
	err   *sheet.RowError
	own   []string // the row's own cells; nil for a row that could not be read
	extra []string // the cells beyond the header
	keys  int      // how many of the batch's keys are this row's
	early mapping.Early
}

const surveyBatchRows = 256

// startSurveyWork starts the workers and the collector; measure has them
// measure the rows for the results sheet. The caller must call wait before
// it calls Settle: AppendIdentityKeys and Early are safe beside Observe,
// not beside Settle.
func startSurveyWork(plan *mapping.Plan, ids *identitySet, spool *rowSpool,
	measure bool) *surveyWork {
	n := max(runtime.GOMAXPROCS(0), 1)
	work, order := make(chan *surveyBatch, 2*n), make(chan *surveyBatch, 4*n)
	w := &surveyWork{plan: plan, ids: ids, spool: spool, batch: newSurveyBatch(),
		work: work, order: order, done: make(chan error, 1)}
	for range n {
		var lay *results.Layout
		if measure {
			lay = new(results.Layout)
			w.layouts = append(w.layouts, lay)
		}
		w.wg.Go(func() {
			for b := range work {
				w.prepare(b, lay)
			}
		})
	}
	go func() { w.done <- w.collect(order) }()
	return w
}

func newSurveyBatch() *surveyBatch {
	return &surveyBatch{rows: make([]surveyRow, 0, surveyBatchRows), ready: make(chan struct{})}
}

// add hands over one row with its own cells and those beyond the header,
// or the error that stood in its place.
func (w *surveyWork) add(row sheet.Row, re *sheet.RowError, own, extra []string) {
	w.batch.rows = append(w.batch.rows, surveyRow{row: row, err: re, own: own, extra: extra})
	if len(w.batch.rows) == surveyBatchRows {
		w.flush()
	}
}

func (w *surveyWork) flush() {
	w.order <- w.batch
	w.work <- w.batch
	w.batch = newSurveyBatch()
}

// wait hands over the last rows and returns when every row is spooled and
// its keys gathered, with the first error. Calling it again does nothing.
func (w *surveyWork) wait() error {
	if w.order == nil {
		return nil
	}
	if len(w.batch.rows) > 0 {
		w.flush()
	}
	close(w.work)
	close(w.order)
	w.order = nil
	w.wg.Wait()
	if w.layouts != nil {
		w.layout = new(results.Layout)
		for _, l := range w.layouts {
			w.layout.Merge(l)
		}
	}
	return <-w.done
}

// prepare works out a batch's keys and early parts, and measures its rows
// into lay unless it is nil.
func (w *surveyWork) prepare(b *surveyBatch, lay *results.Layout) {
	defer close(b.ready)
	for i := range b.rows {
		r := &b.rows[i]
		if lay != nil {
			lay.Measure(r.resultCells())
		}
		if r.own == nil {
			continue
		}
		n := len(b.keys)
		b.keys = w.plan.AppendIdentityKeys(b.keys, r.own)
		r.keys = len(b.keys) - n
		if w.spool != nil {
			r.early = w.plan.Early(r.own)
		}
	}
}

// collect spools the rows and gathers their keys, in order. After an
// error it only drains the batches, so that add never blocks for good.
func (w *surveyWork) collect(order <-chan *surveyBatch) error {
	var err error
	for b := range order {
		<-b.ready
		if err != nil {
			continue
		}
		keys := b.keys
		for _, r := range b.rows {
			if w.spool != nil {
				w.spool.add(r.row, r.err, r.early)
			}
			for _, h := range keys[:r.keys] {
				if err = w.ids.add(h, r.row.Line); err != nil {
					break
				}
			}
			keys = keys[r.keys:]
			if err != nil {
				break
			}
		}
	}
	return err
}

// resultCells are the cells the row will have in the results sheet, as the
// mapping pass hands them over: its own, then the cells beyond the header
// if any of them holds something; none for a row that could not be read.
func (r *surveyRow) resultCells() []string {
	if countNonEmpty(r.extra) == 0 {
		return r.own
	}
	return append(r.own[:len(r.own):len(r.own)], r.extra...)
}
