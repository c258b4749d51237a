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
	ECodeInternal = "internal"  // anything else; details are logged, not shown
)

// Error is an error meant for the user: a code, the field or argument it concerns, and a message
// that says what was wrong in the user's terms.
type Error struct {
	Code    string
	Field   string // argument or input field, e.g. "filter.kind"; empty when not about one
	Message string
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
