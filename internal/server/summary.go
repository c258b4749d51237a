package server

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
	"github.com/samenspel/samenspel/internal/summary"
)

// summaryHandler serves GET /opgaven/{id}/summary.html: the shareable joint result of an opgave,
// a self-contained page. Public, like Opgave.resultSummary.
func summaryHandler(svc *service.Service, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, err := svc.OpgaveSummary(r.Context(), r.PathValue("id"), samenspel.TodayIn(r.Context()))
		var e *samenspel.Error
		switch {
		case errors.As(err, &e) && e.Code == samenspel.ECodeNotFound:
			http.Error(w, samenspel.ErrorMessage(err), http.StatusNotFound)
			return
		case err != nil:
			log.ErrorContext(r.Context(), "summary", "err", err)
			http.Error(w, "the summary could not be made; try again later", http.StatusInternalServerError)
			return
		}
		var b bytes.Buffer
		if err := summary.HTML(&b, s); err != nil {
			log.ErrorContext(r.Context(), "summary", "err", err)
			http.Error(w, "the summary could not be made; try again later", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		w.Write(b.Bytes())
	})
}
