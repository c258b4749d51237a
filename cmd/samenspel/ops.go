package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/samenspel/samenspel/internal/metrics"
)

// tracing sets up OpenTelemetry traces when an OTLP endpoint is configured (the exporter reads
// the standard OTEL_EXPORTER_OTLP_* variables; OTEL_SERVICE_NAME names the service, default
// "samenspel"): a span per HTTP request (otelhttp) with a child per Cypher statement (neo4jdb).
// Without an endpoint it changes nothing and wrap returns the handler as it is.
func tracing(ctx context.Context, getenv func(string) string, log *slog.Logger) (wrap func(http.Handler) http.Handler, stop func(), err error) {
	if getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == "" && getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == "" {
		return func(h http.Handler) http.Handler { return h }, func() {}, nil
	}
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, nil, err
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	log.Info("sending traces to the OTLP endpoint")
	return func(h http.Handler) http.Handler {
			return otelhttp.NewHandler(h, "samenspel", otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
				return r.Method + " " + metrics.Route(r.URL.Path)
			}))
		}, func() {
			if err := tp.Shutdown(context.Background()); err != nil {
				log.Warn("flushing traces", "err", err.Error())
			}
		}, nil
}

// metricsServer serves only the metrics, without credentials, on an address meant for an internal
// network where Prometheus scrapes it.
func metricsServer(addr string, met *metrics.Metrics, log *slog.Logger) (stop func(), err error) {
	mux := http.NewServeMux()
	mux.Handle("/metrics", met.Handler())
	return listen(addr, mux, log, "serving metrics for Prometheus", "metrics_addr")
}

// adminServer serves pprof's profiles and the metrics on a local-only address (config checks that
// it is one), apart from the service's own address, so that profiles never reach the network.
func adminServer(addr string, met *metrics.Metrics, log *slog.Logger) (stop func(), err error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	mux.Handle("/metrics", met.Handler())
	return listen(addr, mux, log, "serving profiles and metrics", "admin_addr")
}

func listen(addr string, h http.Handler, log *slog.Logger, msg, key string) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error(msg, "err", err.Error())
		}
	}()
	log.Info(msg, key, ln.Addr().String())
	return func() { srv.Close() }, nil
}
