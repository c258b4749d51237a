package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/export"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
)

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// exportCmd writes a subgraph for Gephi or a spreadsheet: GraphML or JSON to -o (or stdout), or
// CSV as nodes.csv and edges.csv in the folder -o.
func exportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	graph := fs.String("graph", "network", "network, coalition or trust")
	format := fs.String("format", "graphml", "graphml, json, csv (nodes.csv and edges.csv), or xlsx (the workbook of opgaven, people, roles, instruments, links, trust and the practice on the opgaven, every column; -graph and the filters do not apply)")
	out := fs.String("o", "", "output file (graphml, json; default stdout) or folder (csv; default .)")
	gemeente := fs.String("gemeente", "", "only opgaven whose area overlaps this gemeente (CBS code)")
	region := fs.String("region", "", "only opgaven whose area overlaps this region, as division/code")
	opgave := fs.String("opgave", "", "only this opgave (required for -graph coalition)")
	at := fs.String("at", "", "roles current on this date (YYYY-MM-DD); default today")
	var themes multi
	fs.Var(&themes, "theme", "only opgaven with this theme (repeatable)")
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	if *format == "xlsx" {
		return exportWorkbook(ctx, cfg, *out, stdout, stderr)
	}
	if *format != "csv" && !slices.Contains(export.Formats, *format) {
		return fmt.Errorf("-format %q: use graphml, json, csv or xlsx", *format)
	}
	req := service.ExportRequest{Graph: *graph, Themes: themes, Gemeente: *gemeente, OpgaveID: *opgave}
	if *region != "" {
		div, code, ok := strings.Cut(*region, "/")
		if !ok {
			return fmt.Errorf("-region %q: give division/code, e.g. veiligheidsregio/VR13", *region)
		}
		req.Division, req.Code = div, code
	}
	if *at != "" {
		if req.At, err = samenspel.ParseDate(*at); err != nil {
			return fmt.Errorf("-at: %w", err)
		}
	}
	level, _ := cfg.SlogLevel()
	db, closeDB, err := connect(ctx, cfg, newLogger(stderr, level))
	if err != nil {
		return err
	}
	defer closeDB()
	g, err := service.New(db, service.Options{}).Export(ctx, req)
	if err != nil {
		return fmt.Errorf("%s", samenspel.ErrorMessage(err))
	}
	if *format == "csv" {
		dir := *out
		if dir == "" {
			dir = "."
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, f := range []string{"nodes.csv", "edges.csv"} {
			if err := writeFile(filepath.Join(dir, f), g, f); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "wrote %d nodes and %d edges to %s\n", len(g.Nodes), len(g.Edges), filepath.Join(dir, "{nodes,edges}.csv"))
		return nil
	}
	if *out == "" {
		return export.Write(stdout, g, *format)
	}
	if err := writeFile(*out, g, *format); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d nodes and %d edges to %s\n", len(g.Nodes), len(g.Edges), *out)
	return nil
}

func writeFile(path string, g service.Graph, format string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := export.Write(f, g, format); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// exportWorkbook writes every opgave, person, role, instrument, link and trust assessment as the
// workbook that samenspel import reads back.
func exportWorkbook(ctx context.Context, cfg config.Config, out string, stdout, stderr io.Writer) error {
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return fmt.Errorf("-o: give the workbook's file name, ending in .xlsx")
	}
	level, _ := cfg.SlogLevel()
	db, closeDB, err := connect(ctx, cfg, newLogger(stderr, level))
	if err != nil {
		return err
	}
	defer closeDB()
	start := time.Now()
	b, err := db.ExportWorkbook(ctx, nil, nil)
	if err != nil {
		return fmt.Errorf("%s", samenspel.ErrorMessage(err))
	}
	if err := writeWorkbook(out, b); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d rows in %s\n", out, b.Rows(), time.Since(start).Round(time.Millisecond))
	return nil
}
