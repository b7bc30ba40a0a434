package importer

import (
	"maps"
	"slices"
	"testing"

	"aniva-import/importer/results"
)

func TestSourceRows(t *testing.T) {
	var s sourceRows
	for _, n := range []int{2, 3, 0, -1, 0, 64, 2, 70000, sourceBits + 5, 3, sourceBits + 5,
		sourceBits + 6, 2} {
		s.add(n)
	}
	got := slices.Sorted(maps.Keys(s.shared))
	if want := []int{2, 3, sourceBits + 5}; !slices.Equal(got, want) {
		t.Errorf("shared = %v, want %v", got, want)
	}
}

// A source_row is read as a spreadsheet or a data tool may write it back.
func TestLayoutSourceRow(t *testing.T) {
	l := newLayout(append([]string{"first_name"}, results.Columns()...))
	for cell, want := range map[string]int{"4": 4, " 4 ": 4, "4.0": 4, "4e0": 4, `4"`: 4, `"4`: 4, "": 0,
		"4.5": 0, "-4": -4, "0.0": 0, "x": 0, "9223372036854775807": 0, "1e300": 0} {
		row := make([]string, 1+len(results.Columns()))
		row[len(row)-1] = cell
		if got := l.sourceRow(row); got != want {
			t.Errorf("source_row %q read as %d, want %d", cell, got, want)
		}
	}
}
