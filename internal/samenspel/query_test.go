package samenspel

import (
	"errors"
	"testing"
)

func TestCursorRoundTrip(t *testing.T) {
	c := Cursor{Key: "'s-Gravenhage", ID: "GM0518"}
	got, err := DecodeCursor("after", c.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if *got != c {
		t.Errorf("got %+v, want %+v", *got, c)
	}
	if got, err := DecodeCursor("after", ""); got != nil || err != nil {
		t.Errorf("empty cursor: got %v, %v; want nil, nil", got, err)
	}
	for _, bad := range []string{"not base64!", "e30", "bm9wZQ"} {
		_, err := DecodeCursor("after", bad)
		var e *Error
		if !errors.As(err, &e) || e.Code != ECodeInvalid || e.Field != "after" {
			t.Errorf("DecodeCursor(%q) err = %v, want invalid error on field after", bad, err)
		}
	}
}

func TestPageValidate(t *testing.T) {
	for _, n := range []int{0, -1, 101} {
		if err := (Page{First: n}).Validate(); ErrorCode(err) != ECodeInvalid {
			t.Errorf("first=%d: err = %v, want invalid", n, err)
		}
	}
	for _, n := range []int{1, 100} {
		if err := (Page{First: n}).Validate(); err != nil {
			t.Errorf("first=%d: err = %v", n, err)
		}
	}
}
