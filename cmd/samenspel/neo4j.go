package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/samenspel/samenspel/internal/config"
	"github.com/samenspel/samenspel/internal/localneo4j"
)

// withNeo4j starts a throw-away Neo4j, runs the command after "--" with NEO4J_URI pointing at it,
// stops Neo4j and removes its data, and returns the command's exit code.
func withNeo4j(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("with-neo4j", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return 0, err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return 0, errors.New("usage: samenspel with-neo4j -- COMMAND [ARGS...]")
	}
	level, _ := cfg.SlogLevel()
	log := newLogger(stderr, level)
	if err := os.MkdirAll(cfg.Home, 0o755); err != nil {
		return 0, err
	}
	dir, err := os.MkdirTemp(cfg.Home, "throwaway-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	heap := getenv("SAMENSPEL_NEO4J_HEAP")
	if heap == "" {
		heap = "1g"
	}
	inst, err := localneo4j.Start(ctx, localneo4j.Options{Home: cfg.Home, DataDir: dir, Heap: heap, Log: log})
	if err != nil {
		return 0, err
	}
	defer inst.Stop()

	cmd := exec.CommandContext(ctx, rest[0], rest[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	home, err := filepath.Abs(cfg.Home)
	if err != nil {
		return 0, err
	}
	// SAMENSPEL_HOME lets tests start Neo4j instances of their own (the outage test) from the
	// launcher already built there.
	cmd.Env = append(os.Environ(), "NEO4J_URI="+inst.URI, "NEO4J_USER=neo4j", "NEO4J_PASSWORD=", "NEO4J_DATABASE=", "SAMENSPEL_HOME="+home)
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		return exit.ExitCode(), nil
	case err != nil:
		return 0, err
	}
	return 0, nil
}

// neo4jCmd runs the local Neo4j in the foreground until interrupted.
func neo4jCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("neo4j", flag.ContinueOnError)
	fs.SetOutput(stderr)
	port := fs.Int("port", 7687, "Bolt port on 127.0.0.1 (0 picks a free one)")
	cfg, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	level, _ := cfg.SlogLevel()
	inst, err := localneo4j.Start(ctx, localneo4j.Options{Home: cfg.Home, DataDir: filepath.Join(cfg.Home, "data"), Port: *port, Heap: cfg.Neo4jHeap, Log: newLogger(stderr, level)})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Neo4j %s is running: NEO4J_URI=%s (no auth). Ctrl-C stops it.\n", localneo4j.Version, inst.URI)
	select {
	case <-ctx.Done():
	case <-inst.Done():
		return errors.New("neo4j exited")
	}
	return inst.Stop()
}
