package importer

import (
	"maps"
	"slices"
	"testing"
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
