package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// report prints the figures as they come in.
type report struct {
	w   io.Writer
	cfg config
}

// memFigure is the peak memory of one dry run.
type memFigure struct {
	ext  string
	rows int
	mb   float64
}

// uploadFigure is one kind of upload and its runs.
type uploadFigure struct {
	name   string
	rate   float64 // the --rate given; 0 is none
	bound  float64 // the most requests a second it can reach
	outDir string  // where the results sheet and journal go; "" is the work dir
	runs   []measurement
}

func (r *report) machine(load string) {
	fmt.Fprintf(r.w, "aniva-bench: %d CPUs, GOMAXPROCS %d, %s, load average %s at the start\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), load)
	fmt.Fprintf(r.w, "Ratios are of wall times, the floor and the run measured in turn "+
		"in this invocation; each pair %d time(s), median [min–max].\n\n", r.cfg.repeat)
}

func (r *report) end(load string) {
	fmt.Fprintf(r.w, "load average %s at the end\n", load)
}

// dryRun prints a dry run against its floor.
func (r *report) dryRun(title, floorName string, rows int, floors, runs []measurement,
	target float64) {
	ratios := make([]float64, len(runs))
	tails := make([]float64, len(runs))
	for i := range runs {
		ratios[i] = floors[i].Seconds / runs[i].Seconds
		tails[i] = runs[i].Tail / runs[i].Seconds
	}
	fmt.Fprintf(r.w, "%s, %s rows (mixed dialect, 2%% bad rows)\n", title, thousands(rows))
	r.timing("floor: "+floorName, rows, floors)
	r.timing("full dry run", rows, runs)
	ratio := median(ratios)
	fmt.Fprintf(r.w, "  %-34s %.3f%s   target ≥ %.2f: %s\n", "ratio to the floor", ratio,
		spread(ratios), target, verdict(ratio >= target))
	sh := meanShares(runs)
	fmt.Fprintf(r.w, "  %-34s %s\n", "CPU of the run by area", sh)
	writer := sh["results writer"] + sh["journal"]
	tail := median(tails)
	fmt.Fprintf(r.w, "  %-34s %.1f%% of CPU; after the last row %.1f%% of the wall time"+
		"   target < 10%%: %s\n\n", "results writer and journal", 100*writer, 100*tail,
		verdict(max(writer, tail) < 0.10))
}

func (r *report) timing(name string, rows int, ms []measurement) {
	secs := make([]float64, len(ms))
	cpu := make([]float64, len(ms))
	rss := 0.0
	for i, m := range ms {
		secs[i], cpu[i] = m.Seconds, m.cpu
		rss = max(rss, m.rssMB)
	}
	s := median(secs)
	fmt.Fprintf(r.w, "  %-34s %7.2f s %10s rows/s  CPU %6.1f s  peak RSS %4.0f MB\n", name, s,
		thousands(int(float64(rows)/s)), median(cpu), rss)
}

func (r *report) memory(figs []memFigure) {
	fmt.Fprintln(r.w, "Peak memory of a dry run (the process's peak RSS)")
	ok := true
	for i, f := range figs {
		growth := ""
		if i%2 == 1 && figs[i-1].mb > 0 {
			prev := figs[i-1]
			growth = fmt.Sprintf("   ×%.2f for ×%.0f rows", f.mb/prev.mb,
				float64(f.rows)/float64(prev.rows))
			ok = ok && f.mb < 150 && f.mb/prev.mb < 1.5
		}
		fmt.Fprintf(r.w, "  %-5s %12s rows %6.0f MB%s\n", strings.ToUpper(f.ext),
			thousands(f.rows), f.mb, growth)
	}
	fmt.Fprintf(r.w, "  %-34s %s\n\n", "target < 150 MB, not growing:", verdict(ok))
}

func (r *report) upload(cfg config, figs []uploadFigure) {
	fmt.Fprintf(r.w, "Upload of %s rows to the sandbox: %s latency, concurrency %d\n",
		thousands(cfg.uploadRows), cfg.latency, cfg.conc)
	rates := make([]float64, len(figs))
	for i, f := range figs {
		per := make([]float64, len(f.runs))
		shares := make([]float64, len(f.runs))
		for j, m := range f.runs {
			per[j] = float64(m.Answered) / m.Seconds
			shares[j] = per[j] / f.bound
		}
		rates[i] = median(per)
		target := ""
		switch i {
		case 0:
			target = "   target ≥ 97%: " + verdict(median(shares) >= 0.97)
		case 1:
			target = "   target ≥ 90%: " + verdict(median(shares) >= 0.90)
		}
		fmt.Fprintf(r.w, "  %-32s %7.1f req/s  %5.1f%%%s of %.0f%s\n", f.name, rates[i],
			100*median(shares), pctSpread(shares), f.bound, target)
	}
	if len(figs) > 2 && rates[2] > 0 {
		fmt.Fprintf(r.w, "  %-32s %.1f%% of the unlimited run's time\n",
			"the journal's syncs cost", 100*(1-rates[1]/rates[2]))
	}
	r.held(cfg, figs)
	r.steady(figs)
	for _, f := range figs[:min(2, len(figs))] {
		sh := meanShares(f.runs)
		fmt.Fprintf(r.w, "  CPU (%s): %s\n", f.name, sh)
	}
	fmt.Fprintln(r.w)
}

// held says how long the sandbox really held each request, and what share
// of concurrency ÷ that latency the unlimited uploads reached: the share
// of the bound that is the client's doing. The targets stay against the
// nominal latency.
func (r *report) held(cfg config, figs []uploadFigure) {
	for i, f := range figs {
		if i == 0 {
			continue // the rate, not the latency, bounds it
		}
		held := make([]float64, 0, len(f.runs))
		shares := make([]float64, 0, len(f.runs))
		for _, m := range f.runs {
			if m.held > 0 {
				held = append(held, m.held)
				shares = append(shares, float64(m.Answered)/m.Seconds/(float64(cfg.conc)/m.held))
			}
		}
		if len(held) == 0 {
			continue
		}
		fmt.Fprintf(r.w, "  %-32s held %.2f ms a request; %.1f%%%s of concurrency ÷ that\n",
			f.name, 1000*median(held), 100*median(shares), pctSpread(shares))
	}
}

// steady gives the unlimited uploads' rate from the first profile created
// to the last: the whole run's rate, on which the target is judged, also
// counts the survey of the file before the first request.
func (r *report) steady(figs []uploadFigure) {
	for i, f := range figs {
		if i == 0 {
			continue
		}
		var shares []float64
		for _, m := range f.runs {
			if m.steady > 0 {
				shares = append(shares, m.steady/f.bound)
			}
		}
		if len(shares) > 0 {
			fmt.Fprintf(r.w, "  %-32s %.1f%%%s of %.0f from the first profile created to the last\n",
				f.name, 100*median(shares), pctSpread(shares), f.bound)
		}
	}
}

// String lists the areas, largest first, in percent.
func (s shares) String() string {
	names := make([]string, 0, len(s))
	for k := range s {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b string) int {
		if s[a] != s[b] {
			if s[a] > s[b] {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %.1f%%", n, 100*s[n]))
	}
	return strings.Join(parts, ", ")
}

func meanShares(ms []measurement) shares {
	out := shares{}
	n := 0
	for _, m := range ms {
		if m.shares == nil {
			continue
		}
		n++
		for k, v := range m.shares {
			out[k] += v
		}
	}
	for k := range out {
		out[k] /= float64(n)
	}
	return out
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread is " [min–max]" of several values, "" of one.
func spread(xs []float64) string {
	if len(xs) < 2 {
		return ""
	}
	return fmt.Sprintf(" [%.3f–%.3f]", slices.Min(xs), slices.Max(xs))
}

func pctSpread(xs []float64) string {
	if len(xs) < 2 {
		return ""
	}
	return fmt.Sprintf(" [%.1f–%.1f]", 100*slices.Min(xs), 100*slices.Max(xs))
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
