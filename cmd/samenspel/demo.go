package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/demo"
	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// demoCmd replaces the generated demo set (opgaven, roles, people, links, instruments).
func demoCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	seed := fs.Uint64("seed", 1, "random seed; the same seed and scale give the same demo set")
	scale := fs.Int("scale", 1, "size factor: scale 1 is calibrated to the country (KWINK 2020: 1,284 running samenwerkingsverbanden, 33 per gemeente); N gives N times as many")
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	if *scale < 1 || *scale > 1000 {
		return fmt.Errorf("-scale must be between 1 and 1000, got %d", *scale)
	}
	level, _ := cfg.SlogLevel()
	log := newLogger(stderr, level)
	db, closeDB, err := connect(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()
	progress := terminalProgress(stderr, "demo")
	set, err := loadDemo(ctx, db, *seed, *scale, progress)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generated demo set (seed %d, scale %d): %d opgaven, %d roles, %d people, %d organisations, %d links, %d instruments, %d trust assessments\n",
		*seed, *scale, len(set.Opgaven), len(set.Roles), len(set.People), len(set.Organisations), len(set.Links), len(set.Instruments), len(set.Assessments))
	fmt.Fprintln(stdout, "these are generated, not real data: every such node has generated: true and an id starting with demo-")
	return nil
}

// loadDemo generates the demo set on today's regions and replaces the stored one.
func loadDemo(ctx context.Context, db *neo4jdb.DB, seed uint64, scale int, progress neo4jdb.Progress) (demo.Set, error) {
	w, err := db.DemoWorld(ctx, samenspel.NewDate(2025, 6, 1))
	if err != nil {
		return demo.Set{}, err
	}
	set := demo.Generate(w, seed, scale)
	return set, db.ReplaceDemo(ctx, set, progress)
}
