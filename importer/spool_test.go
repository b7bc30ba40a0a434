package importer

import (
	"errors"
	"io"
	"os"
	"reflect"
	"testing"

	"aniva-import/importer/sheet"
)

func TestSpoolGivesBackWhatWasRead(t *testing.T) {
	dir := t.TempDir()
	sp, err := newRowSpool(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	rows := []sheet.Row{
		{Line: 2, Cells: []string{"Maria", "", "Müller", "line\nbreak"}},
		{Line: 3, Cells: nil},
		{Line: 7, Cells: []string{"x"}},
	}
	sp.add(rows[0], nil)
	sp.add(rows[1], nil)
	sp.add(sheet.Row{}, &sheet.RowError{File: "in.csv", Line: 5, Err: errors.New("unbalanced quote")})
	sp.add(rows[2], nil)
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the spool left a name in the folder: %v", left)
	}
	if err := sp.Rewind(); err != nil {
		t.Fatal(err)
	}
	for i, want := range []sheet.Row{rows[0], rows[1], {}, rows[2]} {
		got, err := sp.Next()
		if i == 2 {
			var re *sheet.RowError
			if !errors.As(err, &re) || re.Error() != "in.csv line 5: unbalanced quote" {
				t.Errorf("record 3: err = %v, want the row error as read", err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got.Line != want.Line || len(got.Cells) != len(want.Cells) ||
			(len(want.Cells) > 0 && !reflect.DeepEqual(got.Cells, want.Cells)) {
			t.Errorf("record %d = %+v, want %+v", i+1, got, want)
		}
	}
	if _, err := sp.Next(); err != io.EOF {
		t.Errorf("after the last record: %v, want io.EOF", err)
	}
}
