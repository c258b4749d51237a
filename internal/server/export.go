package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/export"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
)

// exportHandler serves GET /export/{graph}/{format}: graph is network, coalition or trust; format
// is graphml, json, nodes.csv or edges.csv. Query parameters filter as in the GraphQL queries:
// theme (repeatable), gemeente (CBS code), region (division/code), opgave (id), at (date).
func exportHandler(ins *service.Service, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		graph, format := r.PathValue("graph"), r.PathValue("format")
		if err := auth.Check(samenspel.CallerIn(r.Context()), "GET /export/"+graph); err != nil {
			writeAccessError(w, err)
			return
		}
		q := r.URL.Query()
		req := service.ExportRequest{Graph: graph, Themes: q["theme"], Gemeente: q.Get("gemeente"), OpgaveID: q.Get("opgave")}
		fail := func(status int, err error) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			body := map[string]any{"error": samenspel.ErrorMessage(err)}
			var e *samenspel.Error
			if errors.As(err, &e) && e.Field != "" {
				body["field"] = e.Field
			}
			json.NewEncoder(w).Encode(body)
		}
		if !slices.Contains(export.Formats, format) {
			fail(http.StatusBadRequest, samenspel.Invalidf("format", "use graphml, json, nodes.csv or edges.csv"))
			return
		}
		if region := q.Get("region"); region != "" {
			div, code, ok := strings.Cut(region, "/")
			if !ok || div == "" || code == "" {
				fail(http.StatusBadRequest, samenspel.Invalidf("region", "give a region as division/code, e.g. veiligheidsregio/VR13"))
				return
			}
			req.Division, req.Code = div, code
		}
		if at := q.Get("at"); at != "" {
			d, err := samenspel.ParseDate(at)
			if err != nil {
				fail(http.StatusBadRequest, samenspel.Invalidf("at", "%s", err))
				return
			}
			req.At = d
		}
		g, err := ins.Export(r.Context(), req)
		if err != nil {
			status := statusOf(err)
			if status == http.StatusInternalServerError {
				log.ErrorContext(r.Context(), "export failed", "err", err.Error())
			}
			if status == http.StatusServiceUnavailable {
				w.Header().Set("Retry-After", retryAfter)
			}
			fail(status, err)
			return
		}
		var buf bytes.Buffer
		if err := export.Write(&buf, g, format); err != nil {
			log.ErrorContext(r.Context(), "export failed", "err", err.Error())
			fail(http.StatusInternalServerError, err)
			return
		}
		w.Header().Set("Content-Type", export.ContentType(format))
		w.Header().Set("Content-Disposition", `attachment; filename="`+graph+"-"+format+fileExtension(format)+`"`)
		w.Write(buf.Bytes())
	})
}

// statusOf is the HTTP status of a failed export.
func statusOf(err error) int {
	switch samenspel.ErrorCode(err) {
	case samenspel.ECodeInvalid, samenspel.ECodeNotFound:
		return http.StatusBadRequest
	case samenspel.ECodeConflict:
		return http.StatusConflict
	case samenspel.ECodeUnavailable:
		return http.StatusServiceUnavailable
	case samenspel.ECodeDeadline, samenspel.ECodeCanceled:
		return http.StatusGatewayTimeout
	}
	return http.StatusInternalServerError
}

func fileExtension(format string) string {
	switch format {
	case "graphml":
		return ".graphml"
	case "json":
		return ".json"
	}
	return ""
}

// writeAccessError refuses an endpoint the policy does not allow the caller: 401 with
// WWW-Authenticate without credentials, 403 for a role that may not.
func writeAccessError(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "application/json")
	status := http.StatusForbidden
	if samenspel.ErrorCode(err) == samenspel.ECodeUnauthenticated {
		w.Header().Set("WWW-Authenticate", `Bearer realm="samenspel"`)
		status = http.StatusUnauthorized
	}
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": samenspel.ErrorMessage(err)})
}
