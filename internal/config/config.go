// Package config reads Samenspel's configuration from environment variables and flags; a flag
// overrides its environment variable, which overrides the default.
package config

import (
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Config is the whole configuration of the service and its commands.
type Config struct {
	Addr          string // SAMENSPEL_ADDR, -addr: where to serve HTTP
	Neo4jURI      string // NEO4J_URI, -neo4j-uri: empty starts a local Neo4j
	Neo4jUser     string // NEO4J_USER
	Neo4jPassword string // NEO4J_PASSWORD
	Neo4jDatabase string // NEO4J_DATABASE: empty uses the server's default database
	Home          string // SAMENSPEL_HOME, -home: folder for the local Neo4j (launcher cache and data)
	Neo4jHeap     string // SAMENSPEL_NEO4J_HEAP: JVM heap of the local Neo4j
	CORSOrigins   []string
	ImportIfEmpty bool          // SAMENSPEL_IMPORT_IF_EMPTY, -import-if-empty: load the default dataset into an empty database
	DemoIfEmpty   bool          // SAMENSPEL_DEMO_IF_EMPTY: load the generated demo set (scale 1) when there are no opgaven
	LogLevel      string        // SAMENSPEL_LOG_LEVEL, -log-level: debug, info, warn, error
	CostLimit     int           // SAMENSPEL_COST_LIMIT: the most one request may cost
	Timeout       time.Duration // SAMENSPEL_REQUEST_TIMEOUT: the deadline of one request
	Workers       int           // SAMENSPEL_ANALYSIS_WORKERS: network analyses that run at once
}

// Vars documents every environment variable, for `samenspel help` and the README.
var Vars = [][2]string{
	{"SAMENSPEL_ADDR", "address to serve HTTP on (default :8080)"},
	{"NEO4J_URI", "Bolt URI of Neo4j, e.g. bolt://localhost:7687; unset: start a local Neo4j in $SAMENSPEL_HOME"},
	{"NEO4J_USER", "Neo4j user (default neo4j; ignored by the local Neo4j, which has no auth)"},
	{"NEO4J_PASSWORD", "Neo4j password"},
	{"NEO4J_DATABASE", "Neo4j database name (default: the server's default database)"},
	{"SAMENSPEL_HOME", "folder for the local Neo4j's launcher build and data (default .neo4j)"},
	{"SAMENSPEL_NEO4J_HEAP", "JVM heap of the local Neo4j (default 2g)"},
	{"SAMENSPEL_CORS_ORIGINS", "comma-separated origins allowed by CORS (default: any)"},
	{"SAMENSPEL_IMPORT_IF_EMPTY", "serve: import the default dataset when the database is empty (default true)"},
	{"SAMENSPEL_DEMO_IF_EMPTY", "serve: load the generated demo opgaven (seed 1, scale 1) when there are none (default true)"},
	{"SAMENSPEL_LOG_LEVEL", "debug, info, warn or error (default info)"},
	{"SAMENSPEL_COST_LIMIT", "the most one request may cost, counted before it runs (default 100000; see \"Limits\" in the README)"},
	{"SAMENSPEL_REQUEST_TIMEOUT", "deadline of one request, also of its Neo4j transactions (default 10s)"},
	{"SAMENSPEL_ANALYSIS_WORKERS", "collaboration-network analyses that run at once (default 1)"},
}

// Load reads the environment through getenv and then the flags in args.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	c := Config{}
	fs.StringVar(&c.Addr, "addr", env("SAMENSPEL_ADDR", ":8080"), "address to serve HTTP on")
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", env("NEO4J_URI", ""), "Bolt URI of Neo4j; empty starts a local one")
	fs.StringVar(&c.Home, "home", env("SAMENSPEL_HOME", ".neo4j"), "folder for the local Neo4j")
	fs.StringVar(&c.LogLevel, "log-level", env("SAMENSPEL_LOG_LEVEL", "info"), "debug, info, warn or error")
	importIfEmpty := env("SAMENSPEL_IMPORT_IF_EMPTY", "true")
	fs.Func("import-if-empty", "import the default dataset into an empty database (true/false)", func(s string) error {
		importIfEmpty = s
		return nil
	})
	cost := env("SAMENSPEL_COST_LIMIT", "100000")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.Neo4jUser = env("NEO4J_USER", "neo4j")
	c.Neo4jPassword = getenv("NEO4J_PASSWORD")
	c.Neo4jDatabase = getenv("NEO4J_DATABASE")
	c.Neo4jHeap = env("SAMENSPEL_NEO4J_HEAP", "2g")
	if o := getenv("SAMENSPEL_CORS_ORIGINS"); o != "" {
		for _, s := range strings.Split(o, ",") {
			c.CORSOrigins = append(c.CORSOrigins, strings.TrimSpace(s))
		}
	}
	switch v := env("SAMENSPEL_DEMO_IF_EMPTY", "true"); v {
	case "true", "1", "yes":
		c.DemoIfEmpty = true
	case "false", "0", "no":
	default:
		return c, fmt.Errorf("SAMENSPEL_DEMO_IF_EMPTY: %q is not true or false", v)
	}
	switch importIfEmpty {
	case "true", "1", "yes":
		c.ImportIfEmpty = true
	case "false", "0", "no":
	default:
		return c, fmt.Errorf("SAMENSPEL_IMPORT_IF_EMPTY / -import-if-empty: %q is not true or false", importIfEmpty)
	}
	if _, err := fmt.Sscan(cost, &c.CostLimit); err != nil || c.CostLimit < 1 {
		return c, fmt.Errorf("SAMENSPEL_COST_LIMIT: %q is not a positive number", cost)
	}
	timeout, err := time.ParseDuration(env("SAMENSPEL_REQUEST_TIMEOUT", "10s"))
	if err != nil || timeout <= 0 {
		return c, fmt.Errorf("SAMENSPEL_REQUEST_TIMEOUT: %q is not a duration such as 10s", getenv("SAMENSPEL_REQUEST_TIMEOUT"))
	}
	c.Timeout = timeout
	workers := env("SAMENSPEL_ANALYSIS_WORKERS", "1")
	if _, err := fmt.Sscan(workers, &c.Workers); err != nil || c.Workers < 1 {
		return c, fmt.Errorf("SAMENSPEL_ANALYSIS_WORKERS: %q is not a positive number", workers)
	}
	if _, err := c.SlogLevel(); err != nil {
		return c, err
	}
	return c, nil
}

// SlogLevel returns the log level.
func (c Config) SlogLevel() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return l, fmt.Errorf("SAMENSPEL_LOG_LEVEL / -log-level: %q is not debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}
