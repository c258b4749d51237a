// Command samenspel-bench is the benchmark suite: it measures Samenspel against the peer (the Neo4j
// GraphQL Library, bench/peer) and against the raw floor (the very Cypher statements Samenspel
// sends, run through the Go driver), on the same Neo4j and the same data, at several data scales
// and client counts, and writes BENCHMARKS.md with its tables and plots. `make bench-peer` runs it.
//
// For each scale it starts a throw-away local Neo4j, imports the CBS dataset and the demo set at
// that scale, and starts three processes: `samenspel serve`, the peer (node) and the raw floor
// (this binary's `raw` command). Before any timing it checks, for every case, that Samenspel and
// the peer give the same answer (bench/cases.json says how). Then it runs interleaved rounds:
// in each round every case against every target at every client count, after a warm-up. The load
// comes from vegeta (as a library): a fixed number of clients, each sending its next request when
// the last one is answered. CPU per request is read from /proc for each process.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	if len(os.Args) > 1 && os.Args[1] == "raw" {
		err = rawMain(ctx, os.Args[2:])
	} else {
		err = runMain(ctx, os.Args[1:])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "samenspel-bench:", err)
		os.Exit(1)
	}
}
