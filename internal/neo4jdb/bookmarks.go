package neo4jdb

import (
	"context"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Reading one's own writes on any replica. Within one replica the driver's bookmark manager
// already orders a read after the writes before it. Across replicas on a Neo4j cluster a client
// carries the bookmarks of its last write (the HTTP layer gives them out after every write and
// takes them back from the next request): the reads and writes of a request that brings them wait
// until the cluster member they go to has seen those writes.

// BookmarkHeader is the HTTP header that carries bookmarks to the client and back.
const BookmarkHeader = "Samenspel-Bookmark"

// Causal carries a request's bookmarks: those the client brought, and those of the writes it made.
type Causal struct {
	in []string
	bm neo4j.BookmarkManager // over in; nil when the client brought none

	mu  sync.Mutex
	out []string
}

type causalKey struct{}

// WithCausal returns a context whose statements wait for the writes that bookmarks stand for and
// that collects the bookmarks of its own writes.
func WithCausal(ctx context.Context, bookmarks []string) (context.Context, *Causal) {
	c := &Causal{in: bookmarks}
	if len(bookmarks) > 0 {
		c.bm = neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{InitialBookmarks: neo4j.BookmarksFromRawValues(bookmarks...)})
	}
	return context.WithValue(ctx, causalKey{}, c), c
}

// Bookmarks returns the bookmarks of the request's last write, or nil when it wrote nothing.
func (c *Causal) Bookmarks() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.out...)
}

func (c *Causal) wrote(bookmarks []string) {
	if len(bookmarks) == 0 {
		return
	}
	c.mu.Lock()
	c.out = append([]string(nil), bookmarks...)
	c.mu.Unlock()
	if c.bm != nil {
		c.bm.UpdateBookmarks(context.Background(), nil, bookmarks)
	}
}

func causalIn(ctx context.Context) *Causal {
	c, _ := ctx.Value(causalKey{}).(*Causal)
	return c
}

// readBookmarks returns the ExecuteQuery option that makes a read wait for the client's
// bookmarks, or none (the replica's own bookmark manager).
func readBookmarks(ctx context.Context) []neo4j.ExecuteQueryConfigurationOption {
	if c := causalIn(ctx); c != nil && c.bm != nil {
		return []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithBookmarkManager(c.bm)}
	}
	return nil
}

// sessionBookmarks are the bookmarks a write session starts from besides the replica's own.
func sessionBookmarks(ctx context.Context) neo4j.Bookmarks {
	if c := causalIn(ctx); c != nil {
		return neo4j.BookmarksFromRawValues(c.in...)
	}
	return nil
}

// afterWrite hands the bookmarks of a committed write to the request.
func afterWrite(ctx context.Context, bookmarks neo4j.Bookmarks) {
	if c := causalIn(ctx); c != nil {
		c.wrote(neo4j.BookmarksToRawValues(bookmarks))
	}
}

// afterQueryWrite hands the request the bookmarks of a write ExecuteQuery just committed: they
// are in the bookmark manager the write used (the request's, when the client brought bookmarks,
// else the replica's); the replica's manager learns them too.
func (db *DB) afterQueryWrite(ctx context.Context) {
	c := causalIn(ctx)
	if c == nil {
		return
	}
	replica := db.driver.ExecuteQueryBookmarkManager()
	used := replica
	if c.bm != nil {
		used = c.bm
	}
	bms, err := used.GetBookmarks(ctx)
	if err != nil {
		return
	}
	if used != replica {
		replica.UpdateBookmarks(ctx, nil, bms)
	}
	afterWrite(ctx, bms)
}
