package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/samenspel/samenspel/data"
	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/importer"
	"github.com/samenspel/samenspel/internal/samenspel"
)

func importCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dryRun := fs.Bool("dry-run", false, "read and check the files, write nothing")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: samenspel import [flags] [MANIFEST]\n       samenspel import [flags] FILE.xlsx | SHEET.csv...\n\nImports the files a manifest lists (see data/cbs/manifest.json); without MANIFEST, the built-in CBS dataset.\nWith a workbook (samenspel template writes an empty one) or CSV files named after its sheets (opgaven.csv, rollen.csv, ...),\nimports opgaven, people, roles, instruments, links, trust and the practice on the opgaven: all rows or, if one is wrong, none.")
		fs.PrintDefaults()
	}
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	if isWorkbook(fs.Args()) {
		return importWorkbook(ctx, cfg, fs.Args(), *dryRun, stdout, stderr)
	}
	level, _ := cfg.SlogLevel()
	log := newLogger(stderr, level)

	var ds samenspel.Dataset
	var m importer.Manifest
	if fs.NArg() > 0 {
		path, err := filepath.Abs(fs.Arg(0))
		if err != nil {
			return err
		}
		ds, m, err = importer.LoadManifest(os.DirFS(filepath.Dir(path)), filepath.Base(path))
		if err != nil {
			return err
		}
	} else {
		ds, m, err = importer.LoadManifest(data.CBS, data.CBSRoot+"/manifest.json")
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "read %q: %d organisations, %d divisions, %d regions, %d memberships, %d mergers\n",
		m.Name, len(ds.Organisations), len(ds.Divisions), len(ds.Regions), len(ds.Memberships), len(ds.Mergers))
	if *dryRun {
		fmt.Fprintln(stdout, "dry run: the files are valid; nothing was written")
		return nil
	}

	db, closeDB, err := connect(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeDB()

	progress := terminalProgress(stderr, "importing")
	sum, err := db.Import(ctx, ds, progress)
	if err != nil {
		var ie *samenspel.InputError
		if errors.As(err, &ie) {
			return fmt.Errorf("%w (nothing was written)", ie)
		}
		return fmt.Errorf("import failed, nothing was written: %w", err)
	}
	if sum.Changed() {
		fmt.Fprintf(stdout, "imported: %d nodes created, %d relationships created, %d removed, %d properties set\n",
			sum.NodesCreated, sum.RelationshipsAdded, sum.RelationshipsGone, sum.PropertiesSet)
	} else {
		fmt.Fprintln(stdout, "imported: the database already held this data; nothing changed")
	}
	if m.Attribution != "" {
		fmt.Fprintln(stdout, m.Attribution)
	}
	return nil
}

// terminalProgress returns a progress bar callback when w is a terminal, and nil otherwise (logs
// and CI output stay free of control characters).
func terminalProgress(w io.Writer, description string) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int) {
		if bar == nil {
			bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(description),
				progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		}
		bar.Set(done)
	}
}
