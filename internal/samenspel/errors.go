package samenspel

import (
	"errors"
	"fmt"
)

// Error codes. The GraphQL layer maps them onto extensions.code; only ECodeInternal errors are
// logged, and their message never reaches a client.
const (
	ECodeInvalid  = "invalid"   // the caller's input is wrong (BAD_USER_INPUT)
	ECodeNotFound = "not_found" // the thing asked for does not exist (NOT_FOUND)
	ECodeConflict = "conflict"  // the input is valid but clashes with stored data
	// ECodeUnavailable: the database cannot be reached (or the service is overloaded); the same
	// request may succeed a few seconds later.
	ECodeUnavailable = "unavailable"
	ECodeDeadline    = "deadline" // the request ran out of time and its work was stopped
	ECodeCanceled    = "canceled" // the client went away; nobody reads the answer
	// ECodeForbidden: the caller's role or organisation may not see or do this (FORBIDDEN).
	ECodeForbidden = "forbidden"
	// ECodeUnauthenticated: this needs credentials and the request had none (UNAUTHENTICATED).
	ECodeUnauthenticated = "unauthenticated"
	ECodeInternal        = "internal" // anything else; details are logged, not shown
)

// The errors the store gives for conditions that are not the user's input.
var (
	ErrUnavailable = &Error{Code: ECodeUnavailable, Message: "the database cannot be reached at the moment; try again in a few seconds"}
	ErrDeadline    = &Error{Code: ECodeDeadline, Message: "the request took longer than its time limit and was stopped; ask for less (smaller pages, fewer nested lists) or narrow the filter"}
	ErrCanceled    = &Error{Code: ECodeCanceled, Message: "the request was canceled by the client"}
)

// Error is an error meant for the user: a code, the field or argument it concerns, and a message
// that says what was wrong in the user's terms.
type Error struct {
	Code    string
	Field   string // argument or input field, e.g. "filter.kind"; empty when not about one
	Message string
}

// Is matches errors by code, so that errors.Is(err, ErrUnavailable) holds for a wrapped copy.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Field == "" && t.Message == e.Message && t.Code == e.Code
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Invalidf returns an ECodeInvalid error about field.
func Invalidf(field, format string, args ...any) *Error {
	return &Error{Code: ECodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFoundf returns an ECodeNotFound error about field.
func NotFoundf(field, format string, args ...any) *Error {
	return &Error{Code: ECodeNotFound, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Conflictf returns an ECodeConflict error about field: the input is valid on its own but clashes
// with what is stored (a second trekker in the same period).
func Conflictf(field, format string, args ...any) *Error {
	return &Error{Code: ECodeConflict, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, or ECodeInternal.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ECodeInternal
}

// ErrorMessage returns the user-facing message of err: the *Error's text, or a generic message
// for internal errors so that no driver or Cypher text ever reaches a client.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error; the server log has the details"
}
