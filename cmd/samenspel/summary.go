package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
	"github.com/samenspel/samenspel/internal/summary"
)

// summaryCmd writes the shareable joint result of an opgave, every partner's contribution named,
// as Markdown (default) or as the same HTML page the service serves at /opgaven/{id}/summary.html.
func summaryCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opgave := fs.String("opgave", "", "the opgave's id (required)")
	format := fs.String("format", "markdown", "markdown or html")
	out := fs.String("o", "", "output file (default stdout)")
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	render := map[string]func(io.Writer, service.Summary) error{"markdown": summary.Markdown, "html": summary.HTML}[*format]
	switch {
	case *opgave == "":
		return fmt.Errorf("-opgave: give the opgave's id")
	case render == nil:
		return fmt.Errorf("-format %q: use markdown or html", *format)
	}
	level, _ := cfg.SlogLevel()
	db, closeDB, err := connect(ctx, cfg, newLogger(stderr, level))
	if err != nil {
		return err
	}
	defer closeDB()
	s, err := service.New(db, service.Options{}).OpgaveSummary(ctx, *opgave, samenspel.TodayIn(ctx))
	if err != nil {
		return fmt.Errorf("%s", samenspel.ErrorMessage(err))
	}
	var b bytes.Buffer
	if err := render(&b, s); err != nil {
		return err
	}
	if *out == "" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the summary of %s (%d partners) to %s\n", s.Opgave.Title, len(s.Result.Partners), *out)
	return nil
}
