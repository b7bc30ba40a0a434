package importer

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"aniva-import/importer/sheet"
	"aniva-import/importer/testgen"
	"aniva-import/mapping"
)

// Keys spilled to runs on disk pair the same rows as keys kept in memory,
// whichever chunk the rows' keys land in.
func TestIdentitySetSpills(t *testing.T) {
	for _, n := range []int{0, 1, 6, 7, 8, 15, 100, 1000} {
		rng := rand.New(rand.NewPCG(uint64(n), 1))
		var keys []identity
		for line := 2; len(keys) < n; line++ {
			// Few distinct hashes, so that many rows share one, some a
			// row with itself.
			for range rng.IntN(3) {
				keys = append(keys, identity{rng.Uint64N(uint64(n/3 + 1)), line})
			}
		}
		keys = keys[:n]
		inMemory := &identitySet{limit: 7}
		dir := t.TempDir()
		spilled, err := newIdentitySet(dir)
		if err != nil {
			t.Fatal(err)
		}
		spilled.limit = 7
		for _, k := range keys {
			if err := inMemory.add(k.hash, k.line); err != nil {
				t.Fatal(err)
			}
			if err := spilled.add(k.hash, k.line); err != nil {
				t.Fatal(err)
			}
		}
		if want := n / 7; len(spilled.runs) != want {
			t.Errorf("%d keys: %d runs written, want %d", n, len(spilled.runs), want)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("the key file left a name in the folder: %v", left)
		}
		want, err := inMemory.duplicates()
		if err != nil {
			t.Fatal(err)
		}
		got, err := spilled.duplicates()
		spilled.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got.dupOf, want.dupOf) || !maps.Equal(got.sameOf, want.sameOf) {
			t.Errorf("%d keys: spilled pairs %v, in memory %v", n, got, want)
		}
		if n == 1000 && len(want.dupOf) == 0 {
			t.Errorf("%d keys with few hashes paired no rows", n)
		}
	}
}

// The radix sort orders keys as compareIdentities does, given keys added
// in row order.
func TestSortChunk(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := &identitySet{limit: keyChunk}
	for line := range 5000 {
		for range rng.IntN(3) {
			// High and low bits vary, and many keys share a hash.
			h := rng.Uint64N(500)
			s.chunk = append(s.chunk, identity{h<<56 | h*0x10001, line})
		}
	}
	want := slices.Clone(s.chunk)
	slices.SortFunc(want, compareIdentities)
	s.sortChunk()
	if !slices.Equal(s.chunk, want) {
		t.Error("sortChunk ordered the keys otherwise than compareIdentities")
	}
}

// Each row that shares a key names the first row with it; the first row
// names the next one.
func TestIdentitySetPairs(t *testing.T) {
	s := &identitySet{limit: keyChunk}
	for _, k := range []identity{{1, 2}, {9, 2}, {5, 3}, {1, 4}, {5, 5}, {5, 5}, {1, 6}, {9, 6},
		{7, 7}, {7, 7}} {
		if err := s.add(k.hash, k.line); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.duplicates()
	if err != nil {
		t.Fatal(err)
	}
	// Row 7 holds one key twice and pairs with no one.
	want := map[int]int{2: 4, 4: 2, 6: 2, 3: 5, 5: 3}
	if !maps.Equal(got.dupOf, want) {
		t.Errorf("pairs = %v, want %v", got, want)
	}
}

// A row that comes first with one key and later with another names the
// earlier row, whichever key's hash sorts first, so --skip-duplicates
// skips it.
func TestIdentitySetPrefersEarlierRow(t *testing.T) {
	for _, hashes := range [][2]uint64{{1, 2}, {2, 1}} {
		s := &identitySet{limit: keyChunk}
		for _, k := range []identity{{hashes[1], 3}, {hashes[0], 5}, {hashes[1], 5},
			{hashes[0], 9}} {
			if err := s.add(k.hash, k.line); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.duplicates()
		if err != nil {
			t.Fatal(err)
		}
		if want := map[int]int{3: 5, 5: 3, 9: 5}; !maps.Equal(got.dupOf, want) {
			t.Errorf("hashes %v: pairs = %v, want %v", hashes, got, want)
		}
	}
}

// The survey's workers find the rows that share a key, and when the keys
// cannot be written the survey says so, and still takes every row without
// blocking.
func TestSurveyWorkKeys(t *testing.T) {
	header := []string{"Vorname", "Nachname", "Geschlecht", "Geburtsdatum", "E-Mail"}
	p, err := mapping.NewPlan(header, nil, mapping.Options{Group: "g"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 10_000
	row := func(i int) []string {
		// Rows 2 and 3, and every 1000th row with the next, are one person.
		if i == 3 || i%1000 == 1 {
			i--
		}
		return []string{"Anna" + testgen.Letters(i), "Testperson", "w",
			fmt.Sprintf("19%02d-%02d-%02d", 40+i%60, 1+i%12, 1+i%28), ""}
	}
	for _, broken := range []bool{false, true} {
		set, err := newIdentitySet(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		set.limit = 100
		if broken {
			set.file.Close()
		}
		w := startSurveyWork(p, set, nil, false)
		for i := 2; i < n; i++ {
			w.add(sheet.Row{Line: i, Cells: row(i)}, nil, row(i), nil)
		}
		err = w.wait()
		var got map[int]int
		if err == nil {
			var pairs *pairer
			if pairs, err = set.duplicates(); err == nil {
				got = pairs.dupOf
			}
		}
		set.Close()
		switch {
		case broken && (err == nil || !strings.Contains(err.Error(), "write identity keys")):
			t.Errorf("keys written to a closed file: err = %v", err)
		case !broken && err != nil:
			t.Error(err)
		case !broken && (len(got) != 2*(n/1000) || got[3] != 2 || got[1001] != 1000):
			t.Errorf("pairs = %v, want 2 and 3, and each 1000th row with the next", got)
		}
	}
}

// A shared email pairs rows for the note, but only a person's keys pair
// them for --skip-duplicates: a family may share one address.
func TestIdentitySetSharedEmail(t *testing.T) {
	const person, email = 0x10, 0x21 // an even key, an odd (shared) one
	s := &identitySet{limit: keyChunk}
	for _, k := range []identity{{email, 2}, {email, 3}, {person, 3}, {person, 4}} {
		if err := s.add(k.hash, k.line); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.duplicates()
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int]int{2: 3, 3: 2, 4: 3}; !maps.Equal(got.dupOf, want) {
		t.Errorf("by any key: %v, want %v", got.dupOf, want)
	}
	if want := map[int]int{3: 4, 4: 3}; !maps.Equal(got.sameOf, want) {
		t.Errorf("by a person's keys: %v, want %v", got.sameOf, want)
	}
}
