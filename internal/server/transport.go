package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/samenspel/samenspel/graph"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// transport is GraphQL over HTTP as https://graphql.github.io/graphql-over-http/ describes it:
// GET for queries, POST with an application/json body for everything. Unlike gqlgen's own
// transports it bounds the body (413 beyond MaxBody), never echoes the body in an error, refuses
// a mutation over GET with 405 and another media type with 415, and answers 503 with Retry-After
// when the whole request failed because the database could not be reached.
type transport struct {
	maxBody int64
}

var _ graphql.Transport = transport{}

// retryAfter is what a client is told to wait after a 503, in seconds.
const retryAfter = "2"

func (transport) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "" && (r.Method == http.MethodGet || r.Method == http.MethodPost)
}

func (t transport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	w.Header().Set("Content-Type", "application/json")
	params := &graphql.RawParams{Headers: r.Header}
	params.ReadTime.Start = graphql.Now()
	switch r.Method {
	case http.MethodGet:
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			writeError(w, http.StatusBadRequest, "the query string cannot be parsed: "+err.Error())
			return
		}
		params.Query, params.OperationName = q.Get("query"), q.Get("operationName")
		for name, dst := range map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
			if v := q.Get(name); v != "" {
				if err := decode(strings.NewReader(v), dst); err != nil {
					writeError(w, http.StatusBadRequest, name+" is not a JSON object: "+err.Error())
					return
				}
			}
		}
	case http.MethodPost:
		media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || (media != "application/json" && media != "application/graphql-response+json") {
			w.Header().Set("Accept-Post", "application/json")
			writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("send the request as application/json (or a file upload as multipart/form-data), not %q", r.Header.Get("Content-Type")))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, t.maxBody))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the request body is larger than %d bytes", t.maxBody))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, "the request body could not be read")
			return
		}
		if err := decode(bytes.NewReader(body), params); err != nil {
			writeError(w, http.StatusBadRequest, "the request body is not a JSON object with query, variables and operationName: "+err.Error())
			return
		}
	}
	params.ReadTime.End = graphql.Now()

	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		if errcode.GetErrorKind(errs) == errcode.KindProtocol {
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		write(w, exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs))
		return
	}
	if r.Method == http.MethodGet && oc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "a mutation must be sent with POST")
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	resp := responses(ctx)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) && oc.Operation.Operation == ast.Query {
		// The answer is incomplete: one error says why, instead of one per field that was cut off.
		// (A mutation's answer is kept: it says which mutations took effect before the deadline.)
		resp = &graphql.Response{Errors: gqlerror.List{{Message: samenspel.ErrDeadline.Message,
			Extensions: map[string]any{"code": graph.CodeDeadline}}}, Extensions: resp.Extensions}
	}
	if unavailable(resp) {
		w.Header().Set("Retry-After", retryAfter)
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	write(w, resp)
}

// decode reads one JSON value, keeping numbers exact; its error says where, not what was sent.
func decode(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fmt.Errorf("invalid JSON at byte %d", syn.Offset)
		case errors.As(err, &typ):
			return fmt.Errorf("%s must not be a JSON %s", strings.TrimPrefix(typ.Field, "."), typ.Value)
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return errors.New("the JSON ends too early")
		}
		return errors.New("invalid JSON")
	}
	return nil
}

// unavailable reports whether every error of a response says the database could not be reached
// and no field has data: the whole request depended on it.
func unavailable(resp *graphql.Response) bool {
	if resp == nil || len(resp.Errors) == 0 {
		return false
	}
	for _, e := range resp.Errors {
		if code, _ := e.Extensions["code"].(string); code != graph.CodeUnavailable {
			return false
		}
	}
	if len(resp.Data) == 0 || string(resp.Data) == "null" {
		return true
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(resp.Data, &fields); err != nil {
		return false
	}
	for _, v := range fields {
		if string(v) != "null" {
			return false
		}
	}
	return true
}

func write(w io.Writer, resp *graphql.Response) {
	b, err := json.Marshal(resp)
	if err != nil {
		b = []byte(`{"errors":[{"message":"internal error: the response could not be encoded"}]}`)
	}
	w.Write(b)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.WriteHeader(status)
	write(w, &graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": "BAD_REQUEST"}}}})
}
