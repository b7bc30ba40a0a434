package spool

import (
	"io"
	"os"
	"slices"
	"testing"
)

func TestRowsComeBackInOrder(t *testing.T) {
	dir := t.TempDir()
	s, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows := [][]string{{"Maria", "Müller", ""}, {}, {"line\nbreak", "=1+1"}, {"x"}}
	for _, r := range rows {
		s.Write(r)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the spool left a name in the folder: %v", left)
	}
	if err := s.Rewind(); err != nil {
		t.Fatal(err)
	}
	for i, want := range rows {
		got, err := s.Next()
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("row %d = %q, %v; want %q", i, got, err, want)
		}
	}
	if _, err := s.Next(); err != io.EOF {
		t.Errorf("after the last row: %v, want io.EOF", err)
	}
}
