// Package graph is the GraphQL adapter: resolvers, dataloaders, converters and the error
// presenter. gqlgen generates generated.go and model/models_gen.go from schema.graphqls; run
// `go generate ./...` after changing the schema. Resolvers stay thin: they check arguments,
// call the store through the request's dataloaders, and convert the result.
package graph

//go:generate go run github.com/99designs/gqlgen generate

import (
	"log/slog"

	"github.com/samenspel/samenspel/internal/insight"
	"github.com/samenspel/samenspel/internal/neo4jdb"
)

// Resolver is the dependency-injection root: one per server.
type Resolver struct {
	DB      *neo4jdb.DB
	Insight *insight.Service
	Log     *slog.Logger
}
