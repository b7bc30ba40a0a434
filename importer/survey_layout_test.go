package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"aniva-import/importer/results"
	"aniva-import/mapping"
)

// The survey measures an XLSX input's rows, so the results sheet is sized
// before its first row: a wide cell and extra cells far down the file set
// the widths and the dimension.
func TestXLSXResultsSizedBySurvey(t *testing.T) {
	const sh, rows, wide = "Patienten", 1500, 1400 // well past the results' first rows
	w := xlsxWriter{t, newWorkbook(t, sh)}
	note := strings.Repeat("Rückruf ", 5) // 40 characters
	w.rows(sh, []any{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "Telefon", "Notiz"})
	for r := 2; r <= rows; r++ {
		row := []any{"Jonas", "Müller", "m", "12.03.1990", "030 " + strconv.Itoa(1000000+r), "kurz"}
		if r == wide {
			row = append(row[:5], note, "übrig", nil, "auch")
		}
		w.must(w.f.SetSheetRow(sh, "A"+strconv.Itoa(r), &row))
	}
	in := w.save("people.xlsx")
	out := filepath.Join(t.TempDir(), "people.results.xlsx")
	cfg := Config{Input: in, Out: out, DryRun: true,
		Map: mapping.Options{PhoneRegion: "DE", Group: "acme-clinic-berlin"}}
	cfg.defaults()
	sv, err := surveyFile(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	if sv.rows != nil {
		sv.rows.Close()
	}
	if sv.sizes == nil || sv.sizes.Rows() != rows-1 {
		t.Fatalf("survey measured %v, want %d rows", sv.sizes, rows-1)
	}
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}

	book, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if dim, _ := book.GetSheetDimension(sh); dim != fmt.Sprintf("A1:O%d", rows) {
		t.Errorf("dimension = %q, want A1:O%d (6 + 6 columns and 3 extra cells)", dim, rows)
	}
	if got, _ := book.GetColWidth(sh, "F"); got != 42 {
		t.Errorf("width of the note column = %v, want 42 (row %d's note)", got, wide)
	}
	got, err := book.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != rows {
		t.Fatalf("results hold %d rows, want %d", len(got), rows)
	}
	// The survey measured the very cells the results sheet got.
	var want results.Layout
	for _, r := range got[1:] {
		want.Measure(append(r[:6:6], r[12:]...))
	}
	if !reflect.DeepEqual(sv.sizes, &want) {
		t.Errorf("survey measured %+v, the results hold %+v", *sv.sizes, want)
	}
	row := got[wide-1]
	if n := len(row); n != 15 || row[5] != note || row[12] != "übrig" || row[14] != "auch" {
		t.Errorf("row %d = %q, want its note and its extra cells after source_row", wide, row)
	}
	if row[6] != results.StatusInvalid || row[11] != strconv.Itoa(wide) {
		t.Errorf("row %d: status %q, source row %q", wide, row[6], row[11])
	}
}
