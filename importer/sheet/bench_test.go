package sheet

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"aniva-import/importer/testgen"
)

// Run with, e.g.:
//
//	go test ./importer/sheet -run '^$' -bench Read -benchtime 3x -sheet.csvrows 1000000
var (
	benchCSVRows  = flag.Int("sheet.csvrows", 200_000, "rows of the CSV benchmarks")
	benchXLSXRows = flag.Int("sheet.xlsxrows", 50_000, "rows of the XLSX benchmarks")
)

var (
	firstNames = []string{"Maria", "John", "Aino", "Jürgen", "Kalle", "Anna", "Zoë", "Renée"}
	lastNames  = []string{"Schmidt", "Carter", "Virtanen", "Müller", "Mäki", "Weiß", "Adams"}
)

// writeBenchCSV writes n invented patients, twelve columns, with a quoted
// note holding a comma and a line break on every tenth row.
func writeBenchCSV(b *testing.B, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	fmt.Fprintln(w, "first_name,last_name,sex,date_of_birth,profile_group_slug,email,"+
		"phone,height,weight,language,customer_no,note")
	for i := range n {
		fn, ln := firstNames[i%len(firstNames)], lastNames[i/len(firstNames)%len(lastNames)]
		note := "regular check-up"
		if i%10 == 0 {
			note = "\"allergies: nuts, milk\nsecond line\""
		}
		fmt.Fprintf(w, "%s,%s,%d,%02d.%02d.%d,clinic-berlin,p%d@example.com,"+
			"+49 30 %07d,%d,%d.5,de,%08d,%s\n", fn, ln, 1+i%2, 1+i%28, 1+i%12, 1940+i%70,
			i, i, 150+i%50, 50+i%60, i, note)
	}
	if err := errors.Join(w.Flush(), f.Close()); err != nil {
		b.Fatal(err)
	}
}

// writeBenchXLSX writes n invented patients with date cells and phones
// stored as numbers, through excelize's stream writer.
func writeBenchXLSX(b *testing.B, path string, n int) {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	header := []any{"first_name", "last_name", "sex", "date_of_birth", "profile_group_slug",
		"email", "phone", "height", "weight", "language"}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{firstNames[i%len(firstNames)], lastNames[i/len(firstNames)%len(lastNames)],
			1 + i%2, excelize.Cell{StyleID: date, Value: 15000 + i%25000}, "clinic-helsinki",
			"p" + strconv.Itoa(i) + "@example.com", 358401000000 + i, 150 + i%50,
			50.5 + float64(i%60), "fi"}
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := errors.Join(sw.Flush(), f.SaveAs(path)); err != nil {
		b.Fatal(err)
	}
}

// readSheet reads the file with this package and counts the rows.
func readSheet(b *testing.B, path string) int {
	r, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// benchPair reads the same file with the floor and with this package in
// turn, in every iteration, so that both meet the same load on the machine,
// and reports rows per second of each (by CPU time, which other processes
// disturb less than wall time) and their ratio.
func benchPair(b *testing.B, path string, want int, floor func(*testing.B, string) int) {
	b.ReportAllocs()
	var floorCPU, sheetCPU time.Duration
	for b.Loop() {
		t0 := cpuTime()
		if got := floor(b, path); got != want {
			b.Fatalf("floor read %d rows, want %d", got, want)
		}
		t1 := cpuTime()
		if got := readSheet(b, path); got != want {
			b.Fatalf("read %d rows, want %d", got, want)
		}
		sheetCPU += cpuTime() - t1
		floorCPU += t1 - t0
	}
	rows := float64(want) * float64(b.N)
	b.ReportMetric(rows/floorCPU.Seconds(), "floor-rows/cpu-s")
	b.ReportMetric(rows/sheetCPU.Seconds(), "rows/cpu-s")
	b.ReportMetric(floorCPU.Seconds()/sheetCPU.Seconds(), "ratio-to-floor")
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapSys)/(1<<20), "heapsys-MiB")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkReadCSV(b *testing.B) {
	path := filepath.Join(b.TempDir(), "patients.csv")
	writeBenchCSV(b, path, *benchCSVRows)
	benchPair(b, path, *benchCSVRows, floorCSV)
}

func BenchmarkReadXLSX(b *testing.B) {
	path := filepath.Join(b.TempDir(), "patients.xlsx")
	writeBenchXLSX(b, path, *benchXLSXRows)
	benchPair(b, path, *benchXLSXRows, floorXLSX)
}

// BenchmarkXLSXTrailingRows measures a sheet of two patients followed by
// 100,000 styled empty rows and a styled cell at XFD1048576: the cost of
// rows that hold nothing.
func BenchmarkXLSXTrailingRows(b *testing.B) {
	path := trailingRowsWorkbook(b, 100_000)
	benchPair(b, path, 2, floorXLSX)
}

// BenchmarkXLSXLastCell measures two patients and a styled cell at
// XFD1048576 alone: a million rows with no XML.
func BenchmarkXLSXLastCell(b *testing.B) {
	path := trailingRowsWorkbook(b, 0)
	benchPair(b, path, 2, floorXLSX)
}

// floorCSV and floorXLSX are the floors, failing the benchmark on an error.
func floorCSV(b *testing.B, path string) int { return floor(b, testgen.FloorCSV, path) }

func floorXLSX(b *testing.B, path string) int { return floor(b, testgen.FloorXLSX, path) }

func floor(b *testing.B, read func(string) (int, error), path string) int {
	n, err := read(path)
	if err != nil {
		b.Fatal(err)
	}
	return n
}
