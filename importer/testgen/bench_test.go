package testgen

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkWriteCSV measures generating a CSV file, per dialect.
func BenchmarkWriteCSV(b *testing.B) {
	const rows = 100_000
	for _, d := range allDialects {
		b.Run(string(d), func(b *testing.B) {
			opts := Options{Rows: rows, Dialect: d, Seed: 1, InvalidShare: DefaultInvalidShare}
			for b.Loop() {
				if err := Write(io.Discard, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkWriteXLSX measures generating an XLSX file.
func BenchmarkWriteXLSX(b *testing.B) {
	const rows = 50_000
	path := filepath.Join(b.TempDir(), "bench.xlsx")
	opts := Options{Rows: rows, Dialect: Mixed, Seed: 1, InvalidShare: DefaultInvalidShare}
	for b.Loop() {
		if err := WriteXLSX(path, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
