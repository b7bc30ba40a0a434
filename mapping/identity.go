package mapping

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
	"time"

	"aniva-import/mapping/normalize"
)

// identitySeed makes identity keys differ from one process to the next:
// they compare within a run and mean nothing outside it.
var identitySeed = maphash.MakeSeed()

// AppendIdentityKeys appends to keys the keys under which a row may
// duplicate another row of the same file: its name with its date of
// birth, its email, its personal identity code. Rows that share a key are
// possibly the same person. Keys fold case, spacing, punctuation, accents
// and the order of name parts ("Schmidt, Maria" = "maria schmidt"), and
// dates written in different forms. They are 64-bit hashes under a seed
// drawn for each process, so they hold no patient value and compare only
// within one process; two different keys are equal by chance with a
// probability of 2⁻⁶³ (the lowest bit tells an email key, see
// [SharedOnly]). AppendIdentityKeys may be called before
// [Plan.Settle], and is safe for concurrent use, with itself and with
// [Plan.Observe], as long as Settle is not running: it reads none of what
// Observe writes.
func (p *Plan) AppendIdentityKeys(keys []uint64, cells []string) []uint64 {
	k := identityKeys.Get().(*identityKey)
	defer identityKeys.Put(k)
	if p.nameKey(k, cells) && p.dobKey(k, cells) {
		keys = append(keys, k.sum()&^1)
	}
	if s := p.src[FieldEmail]; s != nil {
		if e, err := normalize.Email(s.raw(cells)); err == nil && e != "" {
			k.start("email")
			k.text = append(k.text, strings.ToLower(e)...)
			keys = append(keys, k.sum()|1)
		}
	}
	if s := p.src[FieldPersonalID]; s != nil {
		if v := s.raw(cells); v != "" {
			k.start("personal_id")
			k.text = append(k.text, strings.ToUpper(v)...)
			keys = append(keys, k.sum()&^1)
		}
	}
	return keys
}

// SharedOnly reports whether an identity key is one that different people
// may share: an email, which a family may use for all its members. Keys
// of a person (name and birth date, personal identity code) are not.
func SharedOnly(key uint64) bool { return key&1 == 1 }

// identityKey builds the text of one key, which is hashed: its kind, then
// each part after a zero byte. Its buffers are reused across rows.
type identityKey struct {
	text []byte
	fold folder
}

var identityKeys = sync.Pool{New: func() any { return new(identityKey) }}

func (k *identityKey) start(kind string) { k.text = append(append(k.text[:0], kind...), 0) }

func (k *identityKey) sum() uint64 { return maphash.Bytes(identitySeed, k.text) }

// addFolded adds the words of k.fold, separated by spaces, and reports
// whether there were any.
func (k *identityKey) addFolded() bool {
	for i := range k.fold.words {
		if i > 0 {
			k.text = append(k.text, ' ')
		}
		k.text = append(k.text, k.fold.word(i)...)
	}
	return len(k.fold.words) > 0
}

// raw is the row's trimmed cell after the value map, without the
// source's constant.
func (s *source) raw(cells []string) string {
	if s.col < 0 {
		return ""
	}
	c := *s
	c.value = ""
	return c.cell(cells)
}

// nameKey starts a name+dob key with the row's name, folded, its words
// sorted; it reports false when the row has no name.
func (p *Plan) nameKey(k *identityKey, cells []string) bool {
	f := &k.fold
	f.reset()
	for _, field := range [...]string{FieldFirstName, FieldLastName, FieldName} {
		if s := p.src[field]; s != nil {
			f.fold(s.raw(cells))
		}
	}
	slices.SortFunc(f.words, func(a, b span) int {
		return bytes.Compare(f.text[a.start:a.end], f.text[b.start:b.end])
	})
	k.start("name+dob")
	return k.addFolded()
}

// dobKey adds the row's date of birth to a key, as YYYY-MM-DD when it can
// be read without the column's settled order, else as its folded text; it
// reports false when the row has none.
func (p *Plan) dobKey(k *identityKey, cells []string) bool {
	k.text = append(k.text, 0)
	if contains(p.fromID, FieldDOB) {
		dob, _, err := normalize.HETU(p.src[FieldPersonalID].raw(cells))
		if err != nil {
			return false
		}
		k.text = dob.AppendFormat(k.text, time.DateOnly)
		return true
	}
	s := p.src[FieldDOB]
	if s == nil {
		return false
	}
	v := s.raw(cells)
	if v == "" {
		return false
	}
	var t time.Time
	var err error
	if p.dob.layout != "" {
		t, err = p.layoutDate(v)
	} else {
		// Before Settle the order is unknown: a date that depends on it
		// (03/04/1985) keys by its text.
		t, err = normalize.Date(v, p.dob.order, p.opts.Date1904, p.opts.Today)
	}
	if err == nil {
		k.text = t.AppendFormat(k.text, time.DateOnly)
		return true
	}
	k.fold.reset()
	k.fold.fold(v)
	return k.addFolded()
}

// Fingerprint is a stable hash of everything in the plan that shapes
// the requests: the columns chosen, constants, value maps, the settled
// date order, units, the phone region, the options. Two plans with the
// same fingerprint send the same request for the same row. Call it
// after [Plan.Settle].
func (p *Plan) Fingerprint() string {
	var b strings.Builder
	fmt.Fprintf(&b, "mapping v1\n")
	for _, field := range specFields {
		s := p.src[field]
		if s == nil {
			continue
		}
		fmt.Fprintf(&b, "%s col=%d header=%q value=%q\n", field, s.col, s.header, s.value)
		for _, k := range sortedKeys(s.values) {
			fmt.Fprintf(&b, "  %q=%q\n", k, s.values[k])
		}
	}
	fmt.Fprintf(&b, "split=%t from_id=%q region=%q\n", p.split, p.fromID, p.region)
	fmt.Fprintf(&b, "date order=%q layout=%q short=%t 1904=%t\n",
		orderName(p.dob.order), p.dob.layout, p.dob.short, p.opts.Date1904)
	fmt.Fprintf(&b, "height=%q weight=%q\n", unitName(p.height.unit), unitName(p.weight.unit))
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:16])
}

// DateColumns lists the input columns, from 0, that hold dates, so that
// a results writer can show Excel date serials there as dates.
func (p *Plan) DateColumns() []int {
	if s := p.src[FieldDOB]; s != nil && s.col >= 0 {
		return []int{s.col}
	}
	return nil
}

// Notes are lines for the run summary about how the file is read: a
// name column split, heights read as metres, the date order and where it
// came from, a personal identity code used. They hold no patient values.
// Call it after [Plan.Settle] for the complete list.
func (p *Plan) Notes() []string {
	return append([]string(nil), p.notes...)
}
