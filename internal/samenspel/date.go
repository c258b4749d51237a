package samenspel

import (
	"context"
	"fmt"
	"time"
	_ "time/tzdata" // the zone data is in the binary: Today never depends on the host's files
)

// Date is a calendar date without time or zone (ISO 8601 "2006-01-02"). Validity periods are
// half-open: a membership with From 2016-01-01 and Until 2025-01-01 holds on 2024-12-31 and not on
// 2025-01-01.
type Date struct{ t time.Time }

// DateLayout is the textual form of a Date.
const DateLayout = "2006-01-02"

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

// ParseDate parses "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// amsterdam is loaded once, from the embedded zone data.
var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic("samenspel: no zone data for Europe/Amsterdam: " + err.Error())
	}
	return loc
}()

// Today is the current date in the Netherlands. Code that serves a request uses TodayIn(ctx),
// so that one answer never straddles midnight.
func Today() Date { return DateOf(time.Now().In(amsterdam)) }

type todayKey struct{}

// WithToday pins "today" for everything done with the returned context: a request fixes its date
// once, when it starts.
func WithToday(ctx context.Context, d Date) context.Context {
	return context.WithValue(ctx, todayKey{}, d)
}

// TodayIn returns the date pinned in ctx (see WithToday), or Today when none is.
func TodayIn(ctx context.Context) Date {
	if d, ok := ctx.Value(todayKey{}).(Date); ok {
		return d
	}
	return Today()
}

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.t.Format(DateLayout) }

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }

// AddDays returns d plus n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// Equal reports whether d and o are the same date (also used by go-cmp).
func (d Date) Equal(o Date) bool { return d.t.Equal(o.t) }
