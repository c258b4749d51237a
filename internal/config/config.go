// Package config reads Samenspel's configuration from environment variables and flags; a flag
// overrides its environment variable, which overrides the default.
package config

import (
	"flag"
	"fmt"
	"log/slog"
	"net"
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

	OIDCIssuer, OIDCAudience, OIDCJWKS string // SAMENSPEL_OIDC_ISSUER, _AUDIENCE, _JWKS_URL
	OIDCOrgClaim, OIDCRolesClaim       string // SAMENSPEL_OIDC_ORG_CLAIM, _ROLES_CLAIM
	Introspection                      string // SAMENSPEL_INTROSPECTION: all, signed-in or off
	RatePerAddress, RatePerCredential  float64
	AdminKeyFile                       string // SAMENSPEL_ADMIN_KEY_FILE: where serve writes the first admin key
	AdminAddr                          string // SAMENSPEL_ADMIN_ADDR, -admin-addr: local address for pprof and metrics; empty: off
	MetricsAddr                        string // SAMENSPEL_METRICS_ADDR, -metrics-addr: address for Prometheus to scrape /metrics; empty: off
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
	{"SAMENSPEL_CORS_ORIGINS", "comma-separated origins of other web pages allowed to call the API from a browser (default: none)"},
	{"SAMENSPEL_IMPORT_IF_EMPTY", "serve: import the default dataset when the database is empty (default true)"},
	{"SAMENSPEL_DEMO_IF_EMPTY", "serve: load the generated demo opgaven (seed 1, scale 1) when there are none (default true)"},
	{"SAMENSPEL_LOG_LEVEL", "debug, info, warn or error (default info)"},
	{"SAMENSPEL_COST_LIMIT", "the most one request may cost, counted before it runs (default 100000; see \"Limits\" in the README)"},
	{"SAMENSPEL_REQUEST_TIMEOUT", "deadline of one request, also of its Neo4j transactions (default 10s)"},
	{"SAMENSPEL_ANALYSIS_WORKERS", "collaboration-network analyses that run at once (default 1)"},
	{"SAMENSPEL_OIDC_ISSUER", "OpenID Connect issuer whose tokens sign people in (default: none, API keys only)"},
	{"SAMENSPEL_OIDC_AUDIENCE", "the audience (client ID) tokens must carry; required with an issuer"},
	{"SAMENSPEL_OIDC_JWKS_URL", "the issuer's JWKS; default: from its discovery document"},
	{"SAMENSPEL_OIDC_ORG_CLAIM", "the token claim with the organisation's code (default samenspel_org)"},
	{"SAMENSPEL_OIDC_ROLES_CLAIM", "the token claim with the role(s) (default samenspel_roles)"},
	{"SAMENSPEL_INTROSPECTION", "who may read the schema by introspection: all (default), signed-in or off"},
	{"SAMENSPEL_RATE_PER_ADDRESS", "requests per second per client address (default 20, bursts of twice that)"},
	{"SAMENSPEL_RATE_PER_CREDENTIAL", "requests per second per API key or signed-in person (default 50, bursts of twice that)"},
	{"SAMENSPEL_ADMIN_ADDR", "local-only address (127.0.0.1:6060) for pprof profiles and /metrics; default: off"},
	{"SAMENSPEL_METRICS_ADDR", "address (on an internal network, e.g. :9464) where Prometheus scrapes /metrics without credentials; default: off (admins read /metrics on the service's address)"},
	{"OTEL_EXPORTER_OTLP_ENDPOINT", "OpenTelemetry collector (OTLP over HTTP) to send traces to: a span per request and per Cypher statement; default: no tracing"},
	{"SAMENSPEL_ADMIN_KEY_FILE", "serve: where the first admin API key of a new database is written (default .samenspel-admin-key)"},
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
	fs.StringVar(&c.AdminAddr, "admin-addr", env("SAMENSPEL_ADMIN_ADDR", ""), "local address for pprof profiles and /metrics; empty: off")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", env("SAMENSPEL_METRICS_ADDR", ""), "address where Prometheus scrapes /metrics; empty: off")
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
	c.OIDCIssuer, c.OIDCAudience, c.OIDCJWKS = getenv("SAMENSPEL_OIDC_ISSUER"), getenv("SAMENSPEL_OIDC_AUDIENCE"), getenv("SAMENSPEL_OIDC_JWKS_URL")
	c.OIDCOrgClaim, c.OIDCRolesClaim = env("SAMENSPEL_OIDC_ORG_CLAIM", "samenspel_org"), env("SAMENSPEL_OIDC_ROLES_CLAIM", "samenspel_roles")
	if c.OIDCIssuer != "" && c.OIDCAudience == "" {
		return c, fmt.Errorf("SAMENSPEL_OIDC_AUDIENCE: set the audience tokens of %s must carry", c.OIDCIssuer)
	}
	c.Introspection = env("SAMENSPEL_INTROSPECTION", "all")
	if c.Introspection != "all" && c.Introspection != "signed-in" && c.Introspection != "off" {
		return c, fmt.Errorf("SAMENSPEL_INTROSPECTION: %q is not all, signed-in or off", c.Introspection)
	}
	for _, r := range []struct {
		name, def string
		dst       *float64
	}{{"SAMENSPEL_RATE_PER_ADDRESS", "20", &c.RatePerAddress}, {"SAMENSPEL_RATE_PER_CREDENTIAL", "50", &c.RatePerCredential}} {
		v := env(r.name, r.def)
		if _, err := fmt.Sscan(v, r.dst); err != nil || *r.dst <= 0 {
			return c, fmt.Errorf("%s: %q is not a positive number", r.name, v)
		}
	}
	c.AdminKeyFile = env("SAMENSPEL_ADMIN_KEY_FILE", ".samenspel-admin-key")
	if c.AdminAddr != "" {
		host, _, err := net.SplitHostPort(c.AdminAddr)
		if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
			return c, fmt.Errorf("SAMENSPEL_ADMIN_ADDR / -admin-addr: %q is not a local address such as 127.0.0.1:6060 (profiles are never served to the network)", c.AdminAddr)
		}
	}
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
