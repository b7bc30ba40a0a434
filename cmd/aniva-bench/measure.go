package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"aniva-import/importer/sandbox"
	"aniva-import/importer/testgen"
)

// bench runs the children of one invocation.
type bench struct {
	cfg    config
	dir    string
	stderr io.Writer
	files  map[string]string // "csv-1000" → path
	seq    int
}

// measurement is one child's result, with what the parent saw of it.
type measurement struct {
	childResult
	rssMB  float64
	cpu    float64 // seconds of CPU, user and system, of the whole child
	shares shares  // nil when not profiled
	// held is how long the sandbox held a request on average, from its
	// arrival to the answer, in seconds (uploads).
	held float64
	// steady is the rate at which the sandbox created profiles between the
	// first and the last, without the survey before the first request and
	// the results sheet after the last (uploads); 0 when unknown.
	steady float64
}

// measure generates the files, runs every case asked for and prints the
// figures.
func measure(ctx context.Context, cfg config, stdout, stderr io.Writer) (err error) {
	dir := cfg.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "aniva-bench-*"); err != nil {
			return err
		}
		if !cfg.keep {
			defer os.RemoveAll(dir)
		}
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	b := &bench{cfg: cfg, dir: dir, stderr: stderr, files: map[string]string{}}
	r := &report{w: stdout, cfg: cfg}
	r.machine(loadAverage())
	steps := []struct {
		name string
		fn   func(context.Context, *report) error
	}{
		{caseCSV, b.csvCase}, {caseXLSX, b.xlsxCase},
		{caseMemory, b.memoryCase}, {caseUpload, b.uploadCase},
	}
	for _, s := range steps {
		if !cfg.wants(s.name) {
			continue
		}
		if err := s.fn(ctx, r); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	r.end(loadAverage())
	return nil
}

// file returns an invented patient list of rows rows in the mixed
// dialect, with the generator's usual 2% of bad rows, writing it once.
func (b *bench) file(ext string, rows int) (string, error) {
	key := ext + "-" + strconv.Itoa(rows)
	if p, ok := b.files[key]; ok {
		return p, nil
	}
	path := filepath.Join(b.dir, "patients-"+key+"."+ext)
	fmt.Fprintf(b.stderr, "writing %d invented rows to %s\n", rows, path)
	opts := testgen.Options{Rows: rows, Dialect: testgen.Mixed, Seed: 1,
		InvalidShare: testgen.DefaultInvalidShare}
	if err := testgen.WriteFile(path, opts); err != nil {
		return "", err
	}
	b.files[key] = path
	return path, nil
}

// child runs one measurement in a process of its own. A dry run or upload
// is profiled, and its results sheet and journal removed afterwards.
func (b *bench) child(ctx context.Context, kind, in, outDir string,
	extra ...string) (measurement, error) {
	b.seq++
	name := fmt.Sprintf("run-%02d-%s", b.seq, kind)
	args := []string{childArg, "-kind", kind, "-in", in}
	var out, prof string
	if kind == kindDryRun || kind == kindUpload {
		out = filepath.Join(outDir, name+".results"+filepath.Ext(in))
		prof = filepath.Join(b.dir, name+".cpu.pprof")
		args = append(args, "-out", out, "-cpuprofile", prof)
		defer os.Remove(out)
		defer os.Remove(out + ".journal")
	}
	fmt.Fprintf(b.stderr, "%s: %s %s\n", time.Now().Format("15:04:05"), kind,
		filepath.Base(in))
	cmd := exec.CommandContext(ctx, b.cfg.self, append(args, extra...)...)
	cmd.Env = append(os.Environ(), b.cfg.childEnv...)
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, b.stderr
	if err := cmd.Run(); err != nil {
		return measurement{}, fmt.Errorf("%s of %s: %w", kind, filepath.Base(in), err)
	}
	var m measurement
	if err := json.Unmarshal(stdout.Bytes(), &m.childResult); err != nil {
		return m, fmt.Errorf("%s of %s: child said %q: %w", kind, filepath.Base(in),
			stdout.String(), err)
	}
	m.rssMB = maxRSSMB(cmd.ProcessState)
	m.cpu = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	if prof != "" {
		var err error
		if m.shares, err = profileShares(prof); err != nil {
			return m, err
		}
		if !b.cfg.keep {
			os.Remove(prof)
		}
	}
	return m, nil
}

// pairs measures the floor and the dry run of one file in turn, repeat
// times.
func (b *bench) pairs(ctx context.Context, ext string, rows int,
	floorKind string) (floors, runs []measurement, err error) {
	path, err := b.file(ext, rows)
	if err != nil {
		return nil, nil, err
	}
	for range b.cfg.repeat {
		f, err := b.child(ctx, floorKind, path, "")
		if err != nil {
			return nil, nil, err
		}
		r, err := b.child(ctx, kindDryRun, path, b.dir)
		if err != nil {
			return nil, nil, err
		}
		if f.Rows != rows || r.Rows != rows {
			return nil, nil, fmt.Errorf("floor read %d rows and the run %d, want %d",
				f.Rows, r.Rows, rows)
		}
		floors, runs = append(floors, f), append(runs, r)
	}
	return floors, runs, nil
}

func (b *bench) csvCase(ctx context.Context, r *report) error {
	floors, runs, err := b.pairs(ctx, "csv", b.cfg.csvRows, kindFloorCSV)
	if err != nil {
		return err
	}
	r.dryRun("CSV dry run", "encoding/csv", b.cfg.csvRows, floors, runs, 0.12)
	return nil
}

func (b *bench) xlsxCase(ctx context.Context, r *report) error {
	floors, runs, err := b.pairs(ctx, "xlsx", b.cfg.xlsxRows, kindFloorXLSX)
	if err != nil {
		return err
	}
	r.dryRun("XLSX dry run", "excelize rows, raw values", b.cfg.xlsxRows, floors, runs, 0.9)
	return nil
}

// memoryCase measures the peak memory of a dry run of a short and a long
// CSV file, and of a short and a long XLSX file (a tenth of -xlsx-rows).
func (b *bench) memoryCase(ctx context.Context, r *report) error {
	var got []memFigure
	for _, c := range []struct {
		ext  string
		rows int
	}{
		{"csv", b.cfg.memRows[0]}, {"csv", b.cfg.memRows[1]},
		{"xlsx", max(b.cfg.xlsxRows/10, 1)}, {"xlsx", b.cfg.xlsxRows},
	} {
		path, err := b.file(c.ext, c.rows)
		if err != nil {
			return err
		}
		m, err := b.child(ctx, kindDryRun, path, b.dir)
		if err != nil {
			return err
		}
		got = append(got, memFigure{ext: c.ext, rows: c.rows, mb: m.rssMB})
	}
	r.memory(got)
	return nil
}

// uploadCase sends one CSV list to a fresh sandbox three times: at -rate,
// without a rate limit, and without one with the results sheet and journal
// on tmpfs, where a sync costs nothing, to show what the journal's syncs
// cost.
func (b *bench) uploadCase(ctx context.Context, r *report) error {
	path, err := b.file("csv", b.cfg.uploadRows)
	if err != nil {
		return err
	}
	conc := strconv.Itoa(b.cfg.conc)
	cases := []uploadFigure{
		{name: fmt.Sprintf("--rate %g", b.cfg.rate), rate: b.cfg.rate, bound: b.cfg.rate},
		{name: "no rate limit", bound: float64(b.cfg.conc) / b.cfg.latency.Seconds()},
	}
	if shm, err := os.MkdirTemp("/dev/shm", "aniva-bench-*"); err == nil {
		defer os.RemoveAll(shm)
		cases = append(cases, uploadFigure{name: "no rate limit, journal on tmpfs",
			bound: cases[1].bound, outDir: shm})
	}
	for i := range cases {
		c := &cases[i]
		for range b.cfg.repeat {
			m, err := b.upload(ctx, path, c, conc)
			if err != nil {
				return err
			}
			c.runs = append(c.runs, m)
		}
	}
	r.upload(b.cfg, cases)
	return nil
}

// upload runs one upload against a sandbox of its own, and asks the
// sandbox how long it really held each request.
func (b *bench) upload(ctx context.Context, path string, c *uploadFigure,
	conc string) (measurement, error) {
	sb := sandbox.New(sandbox.Options{Faults: sandbox.Faults{Latency: b.cfg.latency}})
	base, shutdown, err := sb.Start("")
	if err != nil {
		return measurement{}, err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = shutdown(sctx)
	}()
	outDir := c.outDir
	if outDir == "" {
		outDir = b.dir
	}
	m, err := b.child(ctx, kindUpload, path, outDir, "-base", base,
		"-rate", strconv.FormatFloat(c.rate, 'g', -1, 64), "-concurrency", conc)
	if st := sb.Stats(); st.Requests > 0 {
		m.held = st.Held.Seconds() / float64(st.Requests)
	}
	if l := sb.Ledger(); len(l) > 1 {
		if d := l[len(l)-1].Time.Sub(l[0].Time).Seconds(); d > 0 {
			m.steady = float64(len(l)-1) / d
		}
	}
	return m, err
}

// loadAverage is the first field of /proc/loadavg, "" where there is none.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := bytes.Fields(data)
	if len(f) == 0 {
		return ""
	}
	return string(f[0])
}
