// Package samenspel holds the domain of Samenspel: organisations, region divisions, regions and
// memberships over time, the errors the service reports, and the pure calculations on them
// (overlap and congruence figures). It imports no storage or transport packages; the Neo4j store
// (internal/neo4jdb) and the GraphQL adapter (graph) depend on it, never the other way round.
package samenspel
