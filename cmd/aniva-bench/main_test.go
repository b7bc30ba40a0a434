package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"aniva-import/importer/testgen"
)

// childEnv makes the test binary act as the command, so that the end-to-end
// test can run children.
const childEnv = "ANIVA_BENCH_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []string // cases
		wantErr string
	}{
		{"defaults", nil, allCases, ""},
		{"some cases", []string{"-cases", "upload, csv,upload"}, []string{"upload", "csv"}, ""},
		{"unknown case", []string{"-cases", "csv,speed"}, nil, `unknown case "speed"`},
		{"no repeat", []string{"-repeat", "0"}, nil, "-repeat must be at least 1"},
		{"no rows", []string{"-xlsx-rows", "0"}, nil, "row counts must be at least 1"},
		{"stray argument", []string{"now"}, nil, `unexpected argument "now"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(cfg.cases, tt.want) {
				t.Errorf("cases = %q, want %q", cfg.cases, tt.want)
			}
		})
	}
}

func TestParseFlagsDefaults(t *testing.T) {
	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	got := []any{cfg.csvRows, cfg.xlsxRows, cfg.memRows, cfg.uploadRows, cfg.repeat,
		cfg.latency, cfg.conc, cfg.rate}
	want := []any{1_000_000, 200_000, [2]int{100_000, 1_000_000}, 4000, 1,
		20 * time.Millisecond, 16, 200.0}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("default %d = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000",
		1_000_000: "1,000,000", -12345: "-12,345"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMedianAndSpread(t *testing.T) {
	if got := median([]float64{3, 1, 2}); got != 2 {
		t.Errorf("median of 3 = %v, want 2", got)
	}
	if got := median([]float64{4, 1, 2, 3}); got != 2.5 {
		t.Errorf("median of 4 = %v, want 2.5", got)
	}
	if got := spread([]float64{0.5}); got != "" {
		t.Errorf("spread of one = %q, want none", got)
	}
	if got := spread([]float64{0.25, 0.125, 0.5}); got != " [0.125–0.500]" {
		t.Errorf("spread = %q", got)
	}
}

func TestSharesString(t *testing.T) {
	s := shares{"phones": 0.5, "gc": 0.125, "reading": 0.25, "other": 0.125}
	want := "phones 50.0%, reading 25.0%, gc 12.5%, other 12.5%"
	if got := s.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAreaOf(t *testing.T) {
	tests := []struct {
		stack []string
		want  string
	}{
		{[]string{"regexp.(*Regexp).doExecute", "github.com/nyaruka/phonenumbers.Parse",
			"aniva-import/mapping/normalize.Phone", "aniva-import/mapping.(*Plan).Map"}, "phones"},
		{[]string{"compress/flate.(*compressor).deflate",
			"github.com/xuri/excelize/v2.(*File).WriteToBuffer",
			"aniva-import/importer/results.(*Writer).Close"}, "results writer"},
		{[]string{"github.com/xuri/excelize/v2.(*Rows).Columns",
			"aniva-import/importer/sheet.(*reader).Next"}, "reading"},
		{[]string{"aniva-import/mapping.(*Plan).IdentityKeys"}, "other mapping"},
		{[]string{"syscall.Syscall", "aniva-import/importer/journal.(*Journal).write"}, "journal"},
		{[]string{"runtime.scanobject", "runtime.gcBgMarkWorker"}, "gc"},
		{[]string{"runtime.futex"}, "other"},
	}
	for _, tt := range tests {
		if got := areaOf(tt.stack); got != tt.want {
			t.Errorf("areaOf(%q) = %q, want %q", tt.stack, got, tt.want)
		}
	}
}

// pb builds protobuf messages for the decoder's tests.
type pb []byte

func (b pb) varint(num int, v uint64) pb {
	b = appendUvarint(b, uint64(num)<<3)
	return appendUvarint(b, v)
}

func (b pb) bytes(num int, v []byte) pb {
	b = appendUvarint(b, uint64(num)<<3|2)
	b = appendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendUvarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func TestParseProfile(t *testing.T) {
	packed := appendUvarint(appendUvarint(nil, 1), 2)
	var msg pb
	msg = msg.bytes(fieldString, nil).
		bytes(fieldString, []byte("main.leaf")).
		bytes(fieldString, []byte("main.root")).
		bytes(fieldFunction, pb{}.varint(1, 10).varint(2, 1)).
		bytes(fieldFunction, pb{}.varint(1, 11).varint(2, 2)).
		bytes(fieldLocation, pb{}.varint(1, 1).bytes(4, pb{}.varint(1, 10))).
		bytes(fieldLocation, pb{}.varint(1, 2).bytes(4, pb{}.varint(1, 11))).
		// packed locations and values
		bytes(fieldSample, pb{}.bytes(1, packed).bytes(2, appendUvarint(appendUvarint(nil,
			3), 30000000))).
		// one location, values one by one
		bytes(fieldSample, pb{}.varint(1, 2).varint(2, 1).varint(2, 10000000))
	got, err := parseProfile(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := []sample{{30000000, []string{"main.leaf", "main.root"}},
		{10000000, []string{"main.root"}}}
	if len(got) != len(want) {
		t.Fatalf("got %d samples, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].nanos != want[i].nanos || !slices.Equal(got[i].funcs, want[i].funcs) {
			t.Errorf("sample %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	sh := divide(got)
	if sh[otherArea] != 1 {
		t.Errorf("shares = %v, want all other", sh)
	}
}

func TestParseProfileDamaged(t *testing.T) {
	for _, data := range [][]byte{{0x12}, {0x12, 0x05, 0x01}, {0x0b}} {
		if _, err := parseProfile(data); err == nil {
			t.Errorf("parseProfile(%x) gave no error", data)
		}
	}
}

// writeList writes an invented list of rows rows and returns its path.
func writeList(t *testing.T, ext string, rows int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "list."+ext)
	opts := testgen.Options{Rows: rows, Dialect: testgen.Mixed, Seed: 3,
		InvalidShare: testgen.DefaultInvalidShare}
	if err := testgen.WriteFile(path, opts); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestChild(t *testing.T) {
	csvPath, xlsxPath := writeList(t, "csv", 120), writeList(t, "xlsx", 40)
	prof := filepath.Join(t.TempDir(), "cpu.pprof")
	tests := []struct {
		name string
		args []string
		rows int
	}{
		{"floor csv", []string{"-kind", kindFloorCSV, "-in", csvPath}, 120},
		{"floor xlsx", []string{"-kind", kindFloorXLSX, "-in", xlsxPath}, 40},
		{"dry run", []string{"-kind", kindDryRun, "-in", csvPath, "-cpuprofile", prof,
			"-out", filepath.Join(t.TempDir(), "list.results.csv")}, 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(context.Background(), append([]string{childArg}, tt.args...),
				&out, &errOut); code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			var res childResult
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatalf("%v in %q", err, out.String())
			}
			if res.Rows != tt.rows {
				t.Errorf("rows = %d, want %d", res.Rows, tt.rows)
			}
			if tt.args[1] == kindDryRun {
				if got := res.Counts["valid"] + res.Counts["invalid"]; got != tt.rows {
					t.Errorf("valid and invalid = %d, want %d (%v)", got, tt.rows, res.Counts)
				}
				if _, err := profileShares(prof); err != nil {
					t.Errorf("profile: %v", err)
				}
			}
		})
	}
}

func TestChildUnknownKind(t *testing.T) {
	var errOut bytes.Buffer
	code := run(context.Background(), []string{childArg, "-kind", "sprint"}, io.Discard, &errOut)
	if code != exitFatal || !strings.Contains(errOut.String(), `unknown kind "sprint"`) {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}

// TestMeasure runs every case on tiny files, with this test binary as the
// children, and checks that each figure is printed.
func TestMeasure(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a dozen child processes")
	}
	cfg, err := parseFlags([]string{"-csv-rows", "150", "-xlsx-rows", "40", "-mem-short",
		"50", "-upload-rows", "40", "-latency", "2ms", "-dir", t.TempDir()}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	cfg.self, cfg.childEnv = os.Args[0], []string{childEnv + "=1"}
	var out bytes.Buffer
	if err := measure(context.Background(), cfg, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	// Columns are padded: compare with single spaces.
	got := strings.Join(strings.Fields(out.String()), " ")
	for _, want := range []string{
		"CSV dry run, 150 rows", "XLSX dry run, 40 rows", "floor: encoding/csv",
		"floor: excelize rows, raw values", "ratio to the floor", "CPU of the run by area",
		"results writer and journal", "CSV 50 rows", "CSV 150 rows", "for ×3 rows",
		"XLSX 4 rows", "XLSX 40 rows", "for ×10 rows", "Upload of 40 rows",
		"--rate 200", "no rate limit", "CPU (no rate limit)", "of concurrency ÷ that",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
