package mapping

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"aniva-import/mapping/normalize"
)

// IdentityKeys returns keys under which a row may duplicate another row
// of the same file: its name with its date of birth, its email, its
// personal identity code. Rows that share a key are possibly the same
// person. Keys fold case, spacing, punctuation, accents and the order of
// name parts ("Schmidt, Maria" = "maria schmidt"), and dates written in
// different forms; they are hashes, so they hold no patient value.
// IdentityKeys may be called before [Plan.Settle] and is safe for
// concurrent use as long as Settle is not running.
func (p *Plan) IdentityKeys(cells []string) []string {
	var keys []string
	if name := p.nameKey(cells); name != "" {
		if dob := p.dobKey(cells); dob != "" {
			keys = append(keys, hashKey("name+dob", name, dob))
		}
	}
	if s := p.src[FieldEmail]; s != nil {
		if e, err := normalize.Email(s.raw(cells)); err == nil && e != "" {
			keys = append(keys, hashKey("email", strings.ToLower(e)))
		}
	}
	if s := p.src[FieldPersonalID]; s != nil {
		if v := s.raw(cells); v != "" {
			keys = append(keys, hashKey("personal_id", strings.ToUpper(v)))
		}
	}
	return keys
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

// nameKey is the row's name, folded, with its words sorted.
func (p *Plan) nameKey(cells []string) string {
	var words []string
	for _, f := range []string{FieldFirstName, FieldLastName, FieldName} {
		if s := p.src[f]; s != nil {
			words = append(words, foldWords(s.raw(cells))...)
		}
	}
	sort.Strings(words)
	return strings.Join(words, " ")
}

// dobKey is the row's date of birth as YYYY-MM-DD when it can be read
// without the column's settled order, else its folded text.
func (p *Plan) dobKey(cells []string) string {
	if contains(p.fromID, FieldDOB) {
		dob, _, err := normalize.HETU(p.src[FieldPersonalID].raw(cells))
		if err != nil {
			return ""
		}
		return dob.Format(time.DateOnly)
	}
	s := p.src[FieldDOB]
	if s == nil {
		return ""
	}
	v := s.raw(cells)
	if v == "" {
		return ""
	}
	if p.dob.layout != "" {
		if t, err := p.layoutDate(v); err == nil {
			return t.Format(time.DateOnly)
		}
		return strings.Join(foldWords(v), " ")
	}
	// Before Settle the order is unknown: a date that depends on it
	// (03/04/1985) keys by its text.
	if t, err := normalize.Date(v, p.dob.order, p.opts.Date1904, p.opts.Today); err == nil {
		return t.Format(time.DateOnly)
	}
	return strings.Join(foldWords(v), " ")
}

// hashKey hashes the parts of a key under its kind.
func hashKey(kind string, parts ...string) string {
	h := sha256.New()
	h.Write([]byte(kind))
	for _, s := range parts {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return kind + ":" + base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
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
