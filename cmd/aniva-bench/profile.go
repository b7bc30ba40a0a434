package main

import (
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// A CPU profile is read with a small protobuf decoder of its own rather
// than github.com/google/pprof/profile, which the module does not require:
// the shares below need only each sample's CPU time and function names.

// sample is one stack of a CPU profile: its CPU time and the functions on
// it, leaf first.
type sample struct {
	nanos int64
	funcs []string
}

// area is where CPU time went. A sample belongs to the first area any of
// whose prefixes names a function on its stack, so that, e.g., excelize
// writing the results sheet counts for the results writer, not for reading.
type area struct {
	name     string
	prefixes []string
}

var areas = []area{
	{"phones", []string{"aniva-import/mapping/normalize.Phone"}},
	{"results writer", []string{"aniva-import/importer/results."}},
	{"journal", []string{"aniva-import/importer/journal."}},
	{"reading", []string{"aniva-import/importer/sheet.", "aniva-import/importer.(*rowSpool)",
		"aniva-import/importer/spool.", "encoding/csv.", "github.com/xuri/excelize/"}},
	{"other mapping", []string{"aniva-import/mapping"}},
	{"http", []string{"net/http.", "aniva-import/importer/api."}},
	{"gc", []string{"runtime.gcBgMarkWorker"}},
}

// otherArea holds the samples of no area.
const otherArea = "other"

// shares is the share of CPU time by area, from 0 to 1.
type shares map[string]float64

// profileShares reads a gzipped CPU profile and divides its time by area.
func profileShares(path string) (shares, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", path, err)
	}
	samples, err := parseProfile(data)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", path, err)
	}
	return divide(samples), nil
}

func divide(samples []sample) shares {
	out := shares{}
	var total int64
	for _, s := range samples {
		total += s.nanos
		out[areaOf(s.funcs)] += float64(s.nanos)
	}
	if total == 0 {
		return shares{}
	}
	for k := range out {
		out[k] /= float64(total)
	}
	return out
}

func areaOf(funcs []string) string {
	for _, a := range areas {
		for _, fn := range funcs {
			for _, p := range a.prefixes {
				if strings.HasPrefix(fn, p) {
					return a.name
				}
			}
		}
	}
	return otherArea
}

// The field numbers of profile.proto that are read.
const (
	fieldSample   = 2
	fieldLocation = 4
	fieldFunction = 5
	fieldString   = 6
)

type rawSample struct {
	locs   []uint64
	values []uint64
}

// parseProfile decodes an uncompressed profile.proto message. The value of
// a sample is its last one (for a CPU profile: nanoseconds).
func parseProfile(data []byte) ([]sample, error) {
	var raws []rawSample
	locFuncs := map[uint64][]uint64{} // location → functions, leaf first
	funcName := map[uint64]uint64{}   // function → index into strs
	var strs []string
	err := fields(data, func(num int, v uint64, b []byte) error {
		switch num {
		case fieldSample:
			var s rawSample
			err := fields(b, func(n int, v uint64, b []byte) error {
				switch n {
				case 1:
					return appendVarints(&s.locs, v, b)
				case 2:
					return appendVarints(&s.values, v, b)
				}
				return nil
			})
			raws = append(raws, s)
			return err
		case fieldLocation:
			id, funcs, err := parseLocation(b)
			locFuncs[id] = funcs
			return err
		case fieldFunction:
			id, name, err := parseFunction(b)
			funcName[id] = name
			return err
		case fieldString:
			strs = append(strs, string(b))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return resolveSamples(raws, locFuncs, funcName, strs)
}

// parseFunction reads a Function message: its id and the index of its
// name in the string table.
func parseFunction(b []byte) (id, name uint64, err error) {
	err = fields(b, func(n int, v uint64, _ []byte) error {
		switch n {
		case 1:
			id = v
		case 2:
			name = v
		}
		return nil
	})
	return id, name, err
}

func parseLocation(b []byte) (id uint64, funcs []uint64, err error) {
	err = fields(b, func(n int, v uint64, b []byte) error {
		switch n {
		case 1:
			id = v
		case 4: // a Line: function_id is its field 1
			return fields(b, func(n int, v uint64, _ []byte) error {
				if n == 1 {
					funcs = append(funcs, v)
				}
				return nil
			})
		}
		return nil
	})
	return id, funcs, err
}

func resolveSamples(raws []rawSample, locFuncs map[uint64][]uint64,
	funcName map[uint64]uint64, strs []string) ([]sample, error) {
	out := make([]sample, 0, len(raws))
	for _, r := range raws {
		if len(r.values) == 0 {
			return nil, errors.New("a sample has no value")
		}
		s := sample{nanos: int64(r.values[len(r.values)-1])}
		for _, l := range r.locs {
			for _, fn := range locFuncs[l] {
				if i := funcName[fn]; i < uint64(len(strs)) {
					s.funcs = append(s.funcs, strs[i])
				}
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// appendVarints appends a repeated integer field, packed (b) or not (v).
func appendVarints(dst *[]uint64, v uint64, b []byte) error {
	if b == nil {
		*dst = append(*dst, v)
		return nil
	}
	for len(b) > 0 {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("bad packed varint")
		}
		*dst = append(*dst, x)
		b = b[n:]
	}
	return nil
}

// fields calls fn for each field of a protobuf message: v for a varint, b
// for a length-delimited field (never nil, and only valid during the call),
// neither for fixed-size ones.
func fields(data []byte, fn func(num int, v uint64, b []byte) error) error {
	for len(data) > 0 {
		key, n := binary.Uvarint(data)
		if n <= 0 {
			return errors.New("bad field key")
		}
		data = data[n:]
		num, wire := int(key>>3), key&7
		var v uint64
		var b []byte
		switch wire {
		case 0:
			if v, n = binary.Uvarint(data); n <= 0 {
				return errors.New("bad varint")
			}
		case 1:
			n = 8
		case 2:
			size, k := binary.Uvarint(data)
			if k <= 0 || size > uint64(len(data)-k) {
				return errors.New("bad length")
			}
			b, n = data[k:k+int(size):k+int(size)], k+int(size)
		case 5:
			n = 4
		default:
			return fmt.Errorf("unknown wire type %d", wire)
		}
		if n > len(data) {
			return errors.New("truncated field")
		}
		data = data[n:]
		if err := fn(num, v, b); err != nil {
			return err
		}
	}
	return nil
}
