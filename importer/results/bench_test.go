package results

import (
	"flag"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"aniva-import/importer/sheet"
)

var benchRows = flag.Int("results.rows", 200_000, "rows per results benchmark run")

// BenchmarkWrite writes a results sheet of -results.rows invented rows and
// reports rows per second and the peak heap seen while writing. xlsx-layout
// is given the rows' [Layout], measured before the clock starts, as the
// importer's survey does.
func BenchmarkWrite(b *testing.B) {
	formats := []sheet.Format{
		{Kind: sheet.CSV, Encoding: "utf-8", Delimiter: ';'},
		{Kind: sheet.CSV, Encoding: "windows-1252", Delimiter: ';'},
		{Kind: sheet.XLSX, Sheet: "Patienten"},
	}
	for _, f := range formats {
		name := f.Kind.String()
		if f.Kind == sheet.CSV {
			name += "-" + f.Encoding
		}
		b.Run(name, func(b *testing.B) { benchWrite(b, f, false) })
	}
	b.Run("xlsx-layout", func(b *testing.B) { benchWrite(b, formats[2], true) })
}

var benchHeader = []string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "E-Mail",
	"Telefon", "Gruppe", "Größe", "Gewicht", "Sprache", "Notiz", "Kunden-Nr"}

// benchCells fills cells with invented row i.
func benchCells(i int, cells []string) {
	firsts := []string{"Jonas", "Aino", "Freja", "Lea", "Mikko", "Åsa", "Jörg", "Ørjan"}
	lasts := []string{"Müller", "Äijälä", "Ørsted", "Brandt", "Nyström", "Weiß"}
	cells[0], cells[1] = firsts[i%len(firsts)], lasts[i%len(lasts)]
	cells[2], cells[3] = "w", strconv.Itoa(20000+i%20000)
	cells[4] = fmt.Sprintf("p%d@praxis.example", i)
	cells[5] = "+49 30 " + strconv.Itoa(1000000+i)
	cells[6], cells[7], cells[8], cells[9] = "praxis-nord", "172", "68.5", "de"
	cells[10] = "Rückruf erbeten; \"dringend\""
	cells[11] = fmt.Sprintf("%08d", i)
}

func benchWrite(b *testing.B, f sheet.Format, layout bool) {
	opts := Options{DateColumns: []int{3}}
	cells := make([]string, len(benchHeader))
	if layout {
		opts.Layout = new(Layout)
		for i := range *benchRows {
			benchCells(i, cells)
			opts.Layout.Measure(cells)
		}
	}
	dir := b.TempDir()
	var peak atomic.Uint64
	stop := watchHeap(&peak)
	defer stop()
	b.ResetTimer()
	for range b.N {
		path := filepath.Join(dir, "bench.results."+f.Kind.String())
		w, err := Create(path, benchHeader, f, opts)
		if err != nil {
			b.Fatal(err)
		}
		for i := range *benchRows {
			benchCells(i, cells)
			err := w.Write(Record{Cells: cells, Status: StatusCreated,
				ProfileID: "7d1c2a9e-0000-4000-8000-000000000001", SourceRow: i + 2})
			if err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(Summary{Started: time.Now(), Finished: time.Now()}); err != nil {
			b.Fatal(err)
		}
		if extra := leftovers(b, dir, path); len(extra) != 0 {
			b.Fatalf("files left behind: %q", extra)
		}
	}
	b.ReportMetric(float64(*benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
}

// watchHeap records the largest heap in use until stop is called.
func watchHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	return func() { close(done); wg.Wait() }
}
