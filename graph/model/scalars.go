// Package model holds the GraphQL-only types: those gqlgen generates and the Date scalar.
package model

import (
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// MarshalDate writes a date as "YYYY-MM-DD".
func MarshalDate(d samenspel.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDate reads a "YYYY-MM-DD" string.
func UnmarshalDate(v any) (samenspel.Date, error) {
	s, ok := v.(string)
	if !ok {
		return samenspel.Date{}, samenspel.Invalidf("", "a Date must be a string of the form YYYY-MM-DD, got %v", fmt.Sprint(v))
	}
	d, err := samenspel.ParseDate(s)
	if err != nil {
		return samenspel.Date{}, samenspel.Invalidf("", "%s", err.Error())
	}
	return d, nil
}
