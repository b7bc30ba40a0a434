package importer

import (
	"errors"
	"io"
	"os"
	"reflect"
	"testing"

	"aniva-import/importer/sheet"
	"aniva-import/mapping"
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
	// What the survey worked out of a row comes back with it.
	early := []mapping.Early{mapping.ParseEarly("=+49301234567"), {}, {},
		mapping.ParseEarly("!must be a phone number\x00write it with +")}
	sp.add(rows[0], nil, early[0])
	sp.add(rows[1], nil, early[1])
	sp.add(sheet.Row{}, &sheet.RowError{File: "in.csv", Line: 5, Err: errors.New("unbalanced quote"),
		Cells: []string{`"Anna`, "Moss"}}, early[2])
	sp.add(rows[2], nil, early[3])
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the spool left a name in the folder: %v", left)
	}
	if err := sp.Rewind(); err != nil {
		t.Fatal(err)
	}
	for i, want := range []sheet.Row{rows[0], rows[1], {}, rows[2]} {
		got, gotEarly, err := sp.Next()
		if i == 2 {
			var re *sheet.RowError
			if !errors.As(err, &re) || re.Error() != "in.csv line 5: unbalanced quote" ||
				!reflect.DeepEqual(re.Cells, []string{`"Anna`, "Moss"}) {
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
		if gotEarly != early[i] {
			t.Errorf("record %d: early part %q, want %q", i+1, gotEarly, early[i])
		}
	}
	if _, _, err := sp.Next(); err != io.EOF {
		t.Errorf("after the last record: %v, want io.EOF", err)
	}
}
