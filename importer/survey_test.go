package importer

import "testing"

// BenchmarkSurveyCSV times the first pass alone: it runs before any row is
// mapped, so its wall time adds to every run's.
func BenchmarkSurveyCSV(b *testing.B) {
	path := benchFile(b, "csv", *benchCSVRows)
	cfg := Config{Input: path, DryRun: true}
	cfg.defaults()
	for b.Loop() {
		sv, err := surveyFile(&cfg)
		if err != nil {
			b.Fatal(err)
		}
		if sv.rows != nil {
			sv.rows.Close()
		}
	}
	b.ReportMetric(float64(*benchCSVRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
