package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/workbook"
)

// isWorkbook reports whether import's arguments are spreadsheets (an .xlsx workbook or CSV files
// named after its sheets) rather than a region-data manifest.
func isWorkbook(args []string) bool {
	for _, a := range args {
		switch strings.ToLower(filepath.Ext(a)) {
		case ".xlsx", ".csv":
			return true
		}
	}
	return false
}

// readBook reads the files into one book; every problem names file:sheet:row:column.
func readBook(paths []string) (*workbook.Book, error) {
	b := workbook.Empty()
	var errs []error
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot be opened: %w", p, errors.Unwrap(err))
		}
		err = workbook.Read(b, filepath.Base(p), f)
		f.Close()
		if err != nil {
			errs = append(errs, err)
		}
	}
	return b, errors.Join(errs...)
}

// importWorkbook imports spreadsheets of opgaven, people, roles, instruments, links and trust, and
// of the practice on the opgaven (interests, conflicts, agreements, check-ins, results,
// contributions, lessons).
func importWorkbook(ctx context.Context, cfg config.Config, paths []string, dryRun bool, stdout, stderr io.Writer) error {
	start := time.Now()
	b, err := readBook(paths)
	if err != nil {
		return fmt.Errorf("nothing was written:\n%w", err)
	}
	fmt.Fprintf(stdout, "read %s: %d rows\n", strings.Join(paths, ", "), b.Rows())
	level, _ := cfg.SlogLevel()
	db, closeDB, err := connect(ctx, cfg, newLogger(stderr, level))
	if err != nil {
		return err
	}
	defer closeDB()
	sum, err := db.ImportWorkbook(ctx, b, dryRun, terminalProgress(stderr, "importing"))
	if err != nil {
		return fmt.Errorf("nothing was written:\n%s", samenspel.ErrorMessage(err))
	}
	for _, s := range sum.Sheets {
		fmt.Fprintf(stdout, "  %-18s %6d created %6d updated %6d unchanged\n", s.Sheet, s.Created, s.Updated, s.Unchanged)
	}
	switch {
	case dryRun:
		fmt.Fprintln(stdout, "dry run: the workbook is valid; nothing was written")
	case !sum.Changed():
		fmt.Fprintln(stdout, "imported: the database already held these rows; nothing changed")
	default:
		fmt.Fprintf(stdout, "imported in %s\n", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// templateCmd writes the empty workbook: every sheet with its headers, explanations and lists.
func templateCmd(args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 || !strings.EqualFold(filepath.Ext(args[0]), ".xlsx") {
		fmt.Fprintln(stderr, "Usage: samenspel template FILE.xlsx\n\nWrites an empty workbook of opgaven, people, roles, instruments, links and trust, and of the practice on the opgaven (interests, conflicts, agreements, check-ins, results, contributions, lessons), to fill in and import.")
		return errors.New("give one file name ending in .xlsx")
	}
	if err := writeWorkbook(args[0], workbook.NewBook("")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: fill it in and run samenspel import --dry-run %s\n", args[0], args[0])
	return nil
}

func writeWorkbook(path string, b *workbook.Book) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := workbook.Write(f, b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
