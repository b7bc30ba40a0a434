package sheet

import (
	"path/filepath"
	"testing"
)

func BenchmarkZZOurs(b *testing.B) {
	path := filepath.Join(b.TempDir(), "patients.csv")
	writeBenchCSV(b, path, *benchCSVRows)
	b.ResetTimer()
	for b.Loop() {
		readSheet(b, path)
	}
}
func BenchmarkZZFloor(b *testing.B) {
	path := filepath.Join(b.TempDir(), "patients.csv")
	writeBenchCSV(b, path, *benchCSVRows)
	b.ResetTimer()
	for b.Loop() {
		floorCSV(b, path)
	}
}
