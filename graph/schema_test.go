package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// TestSchemaIsDocumented: every type, field, argument, input field and enum value has a
// description, because the schema is the documentation dashboard authors read.
func TestSchemaIsDocumented(t *testing.T) {
	schema := NewExecutableSchema(Config{}).Schema() // every file of schema.graphqls and schema/
	var missing []string
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			missing = append(missing, name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				missing = append(missing, name+"."+f.Name)
			}
			for _, a := range f.Arguments {
				if strings.TrimSpace(a.Description) == "" {
					missing = append(missing, fmt.Sprintf("%s.%s(%s)", name, f.Name, a.Name))
				}
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				missing = append(missing, name+"."+v.Name)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("undocumented schema elements: %s", strings.Join(missing, ", "))
	}
}

func TestErrorPresenterHidesInternalErrors(t *testing.T) {
	var logs bytes.Buffer
	present := ErrorPresenter(slog.New(slog.NewJSONHandler(&logs, nil)))
	internal := fmt.Errorf("neo4j: overlaps: %w", errors.New("Neo4jError: Neo.ClientError.Statement.SyntaxError (Invalid input 'MATCH')"))
	got := present(context.Background(), internal)
	if got.Extensions["code"] != CodeInternal || strings.Contains(got.Message, "Neo4j") || strings.Contains(got.Message, "MATCH") {
		t.Errorf("internal error shown as %q %v", got.Message, got.Extensions)
	}
	if !strings.Contains(logs.String(), "SyntaxError") {
		t.Error("the internal error's details were not logged")
	}

	got = present(context.Background(), samenspel.Invalidf("first", "must be between 1 and 100, got 0"))
	if got.Extensions["code"] != CodeBadUserInput || got.Extensions["field"] != "first" || got.Message != "first: must be between 1 and 100, got 0" {
		t.Errorf("invalid input shown as %q %v", got.Message, got.Extensions)
	}
	got = present(context.Background(), samenspel.NotFoundf("code", "no organisation has code %q", "GM0000"))
	if got.Extensions["code"] != CodeNotFound {
		t.Errorf("not found shown as %v", got.Extensions)
	}
}
