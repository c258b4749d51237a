// Package webui serves the explorer (the TypeScript app in web/, built by `make build` into dist/)
// and the bundled GraphiQL from the binary, so that nothing is loaded from outside the service.
package webui

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed all:dist
var dist embed.FS

// csp allows only the service's own origin: scripts, styles, data, fonts and the /graphql calls.
// Styles may be inline (the map and graph components set colours per element); workers come from
// blob: URLs (GraphiQL's editor).
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
	"font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// Built reports whether the app was built into the binary (make build does it).
func Built() bool {
	_, err := fs.Stat(dist, "dist/index.html")
	return err == nil
}

// Handler serves the built files: hashed assets under /assets/ for a year, the pages themselves
// without caching. App serves index.html for every other path, so the app's own URLs
// (/gemeente/GM0344, /vergelijk?a=…) can be opened, shared and reloaded.
type Handler struct{ files fs.FS }

// New returns the handler over the embedded build.
func New() *Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return &Handler{files: sub}
}

// Assets serves /assets/… (content-hashed names: cached for a year).
func (h *Handler) Assets() http.Handler {
	fsrv := http.FileServerFS(h.files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if _, err := fs.Stat(h.files, name); err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		fsrv.ServeHTTP(w, r)
	})
}

// appPaths are the explorer's own pages (web/src/main.tsx): "/" and the paths under these
// prefixes get the app; every other path is a 404, as before the app.
var appPaths = []string{"/aanmelden", "/gemeente/", "/organisatie/", "/regio/", "/vergelijk", "/netwerk", "/vertrouwen", "/opgave/", "/spreadsheet", "/lessen"}

// IsAppPath reports whether a path is one of the explorer's pages.
func IsAppPath(p string) bool {
	if p == "/" {
		return true
	}
	for _, a := range appPaths {
		if strings.HasSuffix(a, "/") && strings.HasPrefix(p, a) && len(p) > len(a) || p == a && !strings.HasSuffix(a, "/") {
			return true
		}
	}
	return false
}

// App serves the explorer's page for the paths of the app and 404 for the rest.
func (h *Handler) App() http.Handler {
	page := h.page("index.html")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusMethodNotAllowed)
			w.Write([]byte(`{"error":"the explorer's pages are read with GET; the API is at /graphql"}`))
			return
		}
		if !IsAppPath(r.URL.Path) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"error":"not found: the API is at /graphql, GraphiQL at /graphiql, the explorer at /"}`))
			return
		}
		page.ServeHTTP(w, r)
	})
}

// GraphiQL serves the bundled GraphiQL page.
func (h *Handler) GraphiQL() http.Handler { return h.page("graphiql.html") }

func (h *Handler) page(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := fs.ReadFile(h.files, name)
		if err != nil {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("The explorer was not built into this binary: build it with `make build` (it runs npm ci and the Vite build in web/). GraphQL itself is served at /graphql.\n"))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Write(body)
	})
}
