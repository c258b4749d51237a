// Command samenspel serves the Samenspel GraphQL API and imports its data.
//
//	samenspel serve              serve GraphQL (starts a local Neo4j when NEO4J_URI is unset)
//	samenspel import [MANIFEST]  import a dataset (default: the embedded CBS dataset)
//	samenspel with-neo4j -- CMD  run CMD against a throw-away local Neo4j (used by `make test`)
//	samenspel demo               replace the generated demo opgaven, roles, people and instruments
//	samenspel export             export a subgraph as GraphML, CSV or JSON (for Gephi)
//	samenspel neo4j              run the local Neo4j in the foreground and print its URI
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/samenspel"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// What the command line does is done by "system" (an admin) in the audit trail; the server
	// serves each request as its own caller.
	ctx = samenspel.WithCaller(ctx, samenspel.System("samenspel "+strings.Join(os.Args[1:min(len(os.Args), 3)], " ")))
	defer stop()
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one subcommand and returns the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	ctx = samenspel.WithAction(ctx, cmd)
	if !samenspel.CallerIn(ctx).SignedIn() {
		ctx = samenspel.WithCaller(ctx, samenspel.System("samenspel "+cmd))
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, args, getenv, stderr)
	case "import":
		err = importCmd(ctx, args, getenv, stdout, stderr)
	case "with-neo4j":
		var code int
		code, err = withNeo4j(ctx, args, getenv, stderr)
		if err == nil {
			return code
		}
	case "neo4j":
		err = neo4jCmd(ctx, args, getenv, stdout, stderr)
	case "demo":
		err = demoCmd(ctx, args, getenv, stdout, stderr)
	case "template":
		err = templateCmd(args, stdout, stderr)
	case "export":
		err = exportCmd(ctx, args, getenv, stdout, stderr)
	case "summary":
		err = summaryCmd(ctx, args, getenv, stdout, stderr)
	case "apikey":
		err = apikeyCmd(ctx, args, getenv, stdout, stderr)
	case "audit":
		err = auditCmd(ctx, args, getenv, stdout, stderr)
	case "policy":
		fmt.Fprint(stdout, auth.Table())
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "samenspel: unknown command %q\n\n", cmd)
		usage(stderr)
		return 2
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "samenspel %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage: samenspel <command> [flags]

Commands:
  serve              serve GraphQL at /graphql, the explorer at /, GraphiQL at /graphiql, /healthz and /readyz
  import [MANIFEST]  import a dataset described by a manifest (default: the built-in CBS dataset)
  import [--dry-run] FILE.xlsx | SHEET.csv...  import opgaven, people, roles, instruments, links, trust
  template FILE.xlsx write the empty workbook to fill in (headers, explanations, drop-down lists)
  demo [-seed N] [-scale F]  replace the generated demo opgaven, roles and people (scale 1 is as large as the real country)
  export -graph G -format F [-o OUT]  export network, coalition or trust as graphml, json or csv
  export -format xlsx -o FILE.xlsx  export every opgave, person, role, instrument, link and trust as the workbook
  summary -opgave ID [-format markdown|html] [-o FILE]  the joint result of an opgave, every partner's contribution named
  apikey create --org ID --role R --name N [--expires-days D]  make an API key (printed once)
  apikey list        list the API keys (never the keys themselves)
  apikey revoke ID   revoke an API key
  audit export [-since T] [-o FILE]  write the audit trail as JSON lines
  policy             print who may read and change what (the policy table, as Markdown)
  with-neo4j -- CMD  start a throw-away local Neo4j, run CMD with NEO4J_URI set, stop it
  neo4j              run the local Neo4j in the foreground (data in $SAMENSPEL_HOME/data)
  help               show this help

Run 'samenspel <command> -h' for the flags of a command. Environment variables:
`)
	for _, v := range configVars() {
		fmt.Fprintf(w, "  %-28s %s\n", v[0], v[1])
	}
}

func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level}))
}
