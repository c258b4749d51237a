package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/samenspel/samenspel/internal/plan"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/workbook"
)

// GraphQL error codes in extensions.code.
const (
	CodeBadUserInput = "BAD_USER_INPUT"
	CodeNotFound     = "NOT_FOUND"
	CodeConflict     = "CONFLICT"
	// CodeUnavailable: the database cannot be reached; retry in a few seconds (HTTP 503 with
	// Retry-After when the whole request failed for it).
	CodeUnavailable = "SERVICE_UNAVAILABLE"
	// CodeDeadline: the request ran out of time and its work was stopped.
	CodeDeadline = "DEADLINE_EXCEEDED"
	// CodeCanceled: the client went away before the answer was ready.
	CodeCanceled = "CANCELED"
	// CodeForbidden: the caller's role or organisation may not see or do this.
	CodeForbidden = "FORBIDDEN"
	// CodeUnauthenticated: this needs credentials (a token or an API key) and there were none.
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeInternal        = "INTERNAL_SERVER_ERROR"
)

// ErrorPresenter turns resolver errors into GraphQL errors: domain errors keep their message and
// get a code (and the field they concern); every other error is logged with its details and
// shown only as a generic internal error, so no Cypher or driver text reaches a client.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			return gqlErr // parse and validation errors from gqlgen itself
		}
		out := graphql.DefaultErrorPresenter(ctx, err)
		var ce *workbook.CellError
		if errors.As(err, &ce) {
			return cellError(out, ce)
		}
		var e *samenspel.Error
		if !errors.As(err, &e) {
			var fe *plan.FetchError
			if !errors.As(err, &fe) { // a failed fetch of the plan was logged once, not per field
				log.ErrorContext(ctx, "internal error", "path", out.Path.String(), "err", err.Error())
			}
			out.Message = samenspel.ErrorMessage(err)
			out.Extensions = map[string]any{"code": CodeInternal}
			return out
		}
		code := map[string]string{
			samenspel.ECodeInvalid:         CodeBadUserInput,
			samenspel.ECodeNotFound:        CodeNotFound,
			samenspel.ECodeConflict:        CodeConflict,
			samenspel.ECodeUnavailable:     CodeUnavailable,
			samenspel.ECodeDeadline:        CodeDeadline,
			samenspel.ECodeCanceled:        CodeCanceled,
			samenspel.ECodeForbidden:       CodeForbidden,
			samenspel.ECodeUnauthenticated: CodeUnauthenticated,
		}[e.Code]
		if code == "" {
			code = CodeInternal
		}
		out.Message = e.Error()
		out.Extensions = map[string]any{"code": code}
		if e.Field != "" {
			out.Extensions["field"] = e.Field
		}
		if e.Field == "" && out.Path != nil && code == CodeBadUserInput {
			// Argument coercion errors (a malformed Date) carry no field of their own.
			out.Message = fmt.Sprintf("%s (at %s)", e.Message, out.Path.String())
		}
		return out
	}
}

// RecoverFunc turns a panic in a resolver into an internal error; the stack goes to the log only.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errors.New("internal error")
	}
}

// eachProblem reports every problem of a joined error (a workbook's cells) as an error of its
// own, in order, so that a client sees all of them at once.
func eachProblem(ctx context.Context, err error) error {
	errs := workbook.Flatten(err)
	if len(errs) == 0 {
		return err
	}
	// The field's own error comes after those added, so the last is returned to keep the order.
	for _, e := range errs[:len(errs)-1] {
		graphql.AddError(ctx, e)
	}
	return errs[len(errs)-1]
}

// cellError is the error of a cell of an uploaded workbook: BAD_USER_INPUT (FORBIDDEN for a row
// the caller's role may not import) on the field "file", with where it is.
func cellError(out *gqlerror.Error, e *workbook.CellError) *gqlerror.Error {
	out.Message = e.Error()
	code := CodeBadUserInput
	if e.Forbidden {
		code = CodeForbidden
	}
	out.Extensions = map[string]any{"code": code, "field": "file", "file": e.File, "sheet": e.Sheet}
	if e.Row > 0 {
		out.Extensions["row"] = e.Row
	}
	if e.Column != "" {
		out.Extensions["column"], out.Extensions["header"] = e.Column, e.Header
	}
	return out
}
