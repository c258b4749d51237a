package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func load(args []string, env map[string]string) (Config, error) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(fs, args, func(k string) string { return env[k] })
}

func TestDefaults(t *testing.T) {
	c, err := load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.Neo4jURI != "" || c.Home != ".neo4j" || !c.ImportIfEmpty || c.Timeout != 10*time.Second || c.CostLimit != 100000 || c.Workers != 1 || c.Neo4jUser != "neo4j" {
		t.Errorf("defaults = %+v", c)
	}
}

func TestFlagsOverrideEnv(t *testing.T) {
	env := map[string]string{"SAMENSPEL_ADDR": ":9000", "NEO4J_URI": "bolt://db:7687", "SAMENSPEL_CORS_ORIGINS": "https://a.example, https://b.example", "SAMENSPEL_REQUEST_TIMEOUT": "5s"}
	c, err := load([]string{"-addr", ":9100", "-import-if-empty", "false"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9100" || c.Neo4jURI != "bolt://db:7687" || c.ImportIfEmpty || c.Timeout != 5*time.Second {
		t.Errorf("config = %+v", c)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "https://b.example" {
		t.Errorf("CORS origins = %q", c.CORSOrigins)
	}
}

func TestInvalidValuesNameTheSetting(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"SAMENSPEL_LOG_LEVEL": "loud"}, "SAMENSPEL_LOG_LEVEL"},
		{map[string]string{"SAMENSPEL_IMPORT_IF_EMPTY": "maybe"}, "SAMENSPEL_IMPORT_IF_EMPTY"},
		{map[string]string{"SAMENSPEL_COST_LIMIT": "-3"}, "SAMENSPEL_COST_LIMIT"},
		{map[string]string{"SAMENSPEL_REQUEST_TIMEOUT": "soon"}, "SAMENSPEL_REQUEST_TIMEOUT"},
		{map[string]string{"SAMENSPEL_ANALYSIS_WORKERS": "0"}, "SAMENSPEL_ANALYSIS_WORKERS"},
		{map[string]string{"SAMENSPEL_ADMIN_ADDR": "0.0.0.0:6060"}, "SAMENSPEL_ADMIN_ADDR"},
		{map[string]string{"SAMENSPEL_ADMIN_ADDR": ":6060"}, "SAMENSPEL_ADMIN_ADDR"},
		{map[string]string{"SAMENSPEL_ADMIN_ADDR": "10.0.0.5:6060"}, "SAMENSPEL_ADMIN_ADDR"},
	} {
		if _, err := load(nil, tt.env); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want it to name %s", tt.env, err, tt.want)
		}
	}
}
