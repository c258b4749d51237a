package main

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

var colours = map[string]color.Color{
	"samenspel": color.RGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff},
	"peer":      color.RGBA{R: 0xe6, G: 0x7e, B: 0x22, A: 0xff},
	"raw":       color.RGBA{R: 0x7f, G: 0x8c, B: 0x8d, A: 0xff},
}

var labels = map[string]string{"samenspel": "Samenspel", "peer": "Neo4j GraphQL Library", "raw": "raw Cypher (Go driver)"}

type index map[string]*measure

func key(scale int, c, t string, n int) string { return fmt.Sprintf("%d|%s|%s|%d", scale, c, t, n) }

func (ix index) get(scale int, c, t string, n int) *measure { return ix[key(scale, c, t, n)] }

// writeReport writes BENCHMARKS.md and its plots from a run.
func writeReport(rep *report, out, results string) error {
	ix := index{}
	for _, m := range rep.Measures {
		ix[key(m.Scale, m.Case, m.Target, m.Clients)] = m
	}
	rel, err := filepath.Rel(filepath.Dir(out), results)
	if err != nil {
		rel = results
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Benchmarks\n\n")
	w("Samenspel against the **Neo4j GraphQL Library** (the peer, `bench/peer`) and against the **raw floor**: the very\n")
	w("Cypher statements Samenspel sends for the query, run through the Go driver by a bare HTTP server. Same Neo4j,\n")
	w("same data, same load. Written by `make bench-peer` (the suite in `cmd/samenspel-bench`); do not edit by hand.\n\n")
	w("## How it was made\n\n")
	w("- **When and what**: %s, commit %s, %.0f minutes.\n", rep.Started.Format("2006-01-02 15:04 MST"), rep.Commit, rep.Minutes)
	w("- **Machine**: %s. Load generator, the three targets and Neo4j share it.\n", rep.Machine)
	w("- **Software**: %s; Go %s; Node %s; peer: %s.\n", rep.Neo4j, strings.TrimPrefix(rep.Go, "go"), strings.TrimPrefix(rep.Node, "v"), rep.Peer)
	w("- **Data**: the CBS dataset and the generated demo set (seed 1) at scales %s, one fresh Neo4j (heap %s) per scale.\n", joinInts(rep.Settings.Scales), rep.Settings.Heap)
	w("- **Load**: vegeta as a library; %s concurrent clients, each sending its next request when the last is answered;\n", joinInts(rep.Settings.Clients))
	w("  %d interleaved rounds (every case, target and client count once per round, the first target rotating), %s per\n", rep.Settings.Rounds, rep.Settings.Duration)
	w("  measurement, %s of warm-up before the first. req/s = answered requests ÷ time under load; p50/p99 over all\n", rep.Settings.Warmup)
	w("  answers of all rounds; CPU per request from `/proc/<pid>/stat` of the target's process and of Neo4j while it ran.\n")
	w("  A request counts only with HTTP 200 and no `errors`.\n")
	w("- **Same answers first**: before any timing, every case is asked of Samenspel and the peer and their answers'\n")
	w("  scalar leaves compared (see `bench/cases.json`); a case whose answers differ is not timed on the peer.\n\n")

	w("## Goals\n\n")
	w("Samenspel at least **2× the peer's throughput** on every query at every client count, and its **p50 at one client\n")
	w("within 1.5× of the raw floor**.\n\n")
	w("| scale | query | clients | Samenspel ÷ peer req/s | Samenspel p50 ÷ raw p50 |\n| ---: | --- | ---: | ---: | ---: |\n")
	for _, s := range rep.Scales {
		for _, c := range rep.Cases {
			for _, n := range rep.Settings.Clients {
				sm, pm, rm := ix.get(s.Scale, c.Name, "samenspel", n), ix.get(s.Scale, c.Name, "peer", n), ix.get(s.Scale, c.Name, "raw", n)
				ratio := "–"
				if sm != nil && pm != nil && pm.ReqPerSec > 0 {
					ratio = mark(sm.ReqPerSec/pm.ReqPerSec, 2, true)
				}
				floor := "–"
				if n == 1 && sm != nil && rm != nil && rm.P50ms > 0 {
					floor = mark(sm.P50ms/rm.P50ms, 1.5, false)
				}
				w("| %d | %s | %d | %s | %s |\n", s.Scale, c.Name, n, ratio, floor)
			}
		}
	}
	w("\n✅ meets the goal, ❌ does not; – : no peer query (see below) or not asked.\n\n")

	for _, s := range rep.Scales {
		w("## Scale %d\n\n", s.Scale)
		if s.Failed != "" {
			w("**This scale did not complete**: %s\n\n", oneLine(s.Failed))
			if len(s.RSSMB) == 0 {
				continue
			}
		}
		demo := s.Demo
		if !strings.HasPrefix(demo, "generated demo set") {
			demo = fmt.Sprintf("The CBS dataset and the demo set at scale %d (%d opgaven)", s.Scale, 300*s.Scale)
		}
		w("%s; loaded in %.0f s. Memory at the end (RSS): Samenspel %.0f MB, peer %.0f MB, raw floor %.0f MB, Neo4j %.0f MB.\n\n",
			demo, s.LoadSeconds, s.RSSMB["samenspel"], s.RSSMB["peer"], s.RSSMB["raw"], s.RSSMB["neo4j"])
		for _, n := range rep.Settings.Clients {
			w("### %d client%s\n\n", n, plural(n))
			w("| query | req/s Samenspel | peer | raw | p50 ms Samenspel | peer | raw | p99 ms Samenspel | peer | raw | CPU ms/req Samenspel | peer | raw | Neo4j CPU ms/req (S / peer / raw) |\n")
			w("%s", "| --- |"+strings.Repeat(" ---: |", 13)+" --- |\n")
			for _, c := range rep.Cases {
				ms := []*measure{ix.get(s.Scale, c.Name, "samenspel", n), ix.get(s.Scale, c.Name, "peer", n), ix.get(s.Scale, c.Name, "raw", n)}
				row := "| " + c.Name
				for _, f := range []func(*measure) string{
					func(m *measure) string { return num(m.ReqPerSec) }, func(m *measure) string { return num(m.P50ms) },
					func(m *measure) string { return num(m.P99ms) }, func(m *measure) string { return num(m.CPUms[m.Target]) },
				} {
					for _, m := range ms {
						row += " | " + orDash(m, f)
					}
				}
				var neo []string
				for _, m := range ms {
					neo = append(neo, orDash(m, func(m *measure) string { return num(m.CPUms["neo4j"]) }))
				}
				row += " | " + strings.Join(neo, " / ") + " |"
				w("%s\n", row)
			}
			for _, c := range rep.Cases {
				for _, t := range targets {
					if m := ix.get(s.Scale, c.Name, t, n); m != nil && m.Errors > 0 {
						w("\n%s, %s: %d failed requests, the first: `%s`\n", c.Name, labels[t], m.Errors, oneLine(m.FirstError))
					}
				}
			}
			name := fmt.Sprintf("throughput-scale%d-c%d.png", s.Scale, n)
			if err := barPlot(rep, ix, s.Scale, n, filepath.Join(results, name)); err != nil {
				return err
			}
			w("\n![Throughput at scale %d, %d client%s](%s/%s)\n\n", s.Scale, n, plural(n), rel, name)
		}
		w("Answers compared before timing:\n\n")
		for _, c := range rep.Cases {
			w("- %s: %s\n", c.Name, oneLine(s.Equality[c.Name]))
		}
		w("\n")
	}
	if len(rep.Scales) > 1 {
		w("## p50 against data scale (1 client)\n\n")
		for _, c := range rep.Cases {
			name := "p50-" + slug(c.Name) + ".png"
			if err := scalePlot(rep, ix, c.Name, filepath.Join(results, name)); err != nil {
				return err
			}
			w("![%s](%s/%s) ", c.Name, rel, name)
		}
		w("\n\n")
	}
	w("## The queries\n\n")
	for _, c := range rep.Cases {
		w("**%s**\n\n```graphql\n%s\n```\n\n", c.Name, c.Samenspel)
		if c.Peer != "" {
			w("Peer:\n\n```graphql\n%s\n```\n\n", c.Peer)
		} else {
			w("No peer query: %s\n\n", c.PeerWhy)
		}
		if c.Note != "" {
			w("Note: %s\n\n", c.Note)
		}
	}
	return os.WriteFile(out, []byte(b.String()), 0o644)
}

func barPlot(rep *report, ix index, scale, n int, path string) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Throughput, scale %d, %d client%s (req/s, higher is better)", scale, n, plural(n))
	p.Y.Label.Text = "req/s"
	var names []string
	for _, c := range rep.Cases {
		names = append(names, c.Name)
	}
	width := vg.Points(9)
	for i, t := range targets {
		vals := make(plotter.Values, len(rep.Cases))
		for j, c := range rep.Cases {
			if m := ix.get(scale, c.Name, t, n); m != nil {
				vals[j] = m.ReqPerSec
			}
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return err
		}
		bars.Color = colours[t]
		bars.LineStyle.Width = 0
		bars.Offset = width * vg.Length(i-1)
		p.Add(bars)
		p.Legend.Add(labels[t], bars)
	}
	p.Legend.Top = true
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = math.Pi / 6
	p.X.Tick.Label.XAlign = -1
	p.X.Tick.Label.YAlign = -0.5
	return p.Save(11*vg.Inch, 5*vg.Inch, path)
}

func scalePlot(rep *report, ix index, c, path string) error {
	p := plot.New()
	p.Title.Text = c + ": p50 at 1 client"
	p.X.Label.Text = "scale"
	p.Y.Label.Text = "ms"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	for _, t := range targets {
		var pts plotter.XYs
		for _, s := range rep.Scales {
			if m := ix.get(s.Scale, c, t, 1); m != nil && m.P50ms > 0 {
				pts = append(pts, plotter.XY{X: float64(s.Scale), Y: m.P50ms})
			}
		}
		if len(pts) == 0 {
			continue
		}
		l, s, err := plotter.NewLinePoints(pts)
		if err != nil {
			return err
		}
		l.Color, s.Color = colours[t], colours[t]
		s.Shape = plotutil.Shape(0)
		p.Add(l, s)
		p.Legend.Add(labels[t], l, s)
	}
	p.Legend.Top, p.Legend.Left = true, true
	return p.Save(4*vg.Inch, 3*vg.Inch, path)
}

func mark(v, goal float64, higher bool) string {
	ok := v >= goal
	if !higher {
		ok = v <= goal
	}
	if ok {
		return fmt.Sprintf("%.2f ✅", v)
	}
	return fmt.Sprintf("%.2f ❌", v)
}

func num(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

func orDash(m *measure, f func(*measure) string) string {
	if m == nil {
		return "–"
	}
	return f(m)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func joinInts(v []int) string {
	var s []string
	for _, n := range v {
		s = append(s, fmt.Sprint(n))
	}
	return strings.Join(s, ", ")
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", "\\|")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(nonWord.ReplaceAllString(strings.ToLower(s), "-"), "-")
}
