package workbook

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The practice sheets are checked with the rules of the inputs the practice mutations take
// (samenspel.InterestInput, ConflictInput, AgreementInput, CheckInInput, ResultInput,
// Contribution, LessonInput): the same limits, required fields and defaults, each problem on its
// cell. What needs the database (who takes part, what is stored, who may) the store checks.

// practiceFields maps the fields samenspel's errors name to the columns of each practice sheet.
var practiceFields = map[string]map[string]string{
	SheetBelangen:   {"input.wants": "wil", "input.brings": "brengt", "input.cannotGiveUp": "nietopgeven"},
	SheetConflicten: {"input.a": "a", "input.b": "b", "input.note": "toelichting", "since": "sinds", "on": "opgelost"},
	SheetAfspraken: {"input.title": "titel", "input.description": "omschrijving", "input.body": "orgaan", "input.decider": "beslisser",
		"input.dueDate": "uiterlijk", "input.decidedOn": "besloten", "input.mandate": "mandaat"},
	SheetCheckIns:   {"input.date": "datum", "input.rightThings": "goede", "input.thingsRight": "goed", "input.together": "samen", "input.note": "notitie"},
	SheetResultaten: {"input.title": "titel", "input.description": "omschrijving", "input.plannedDate": "gepland", "input.achievedDate": "behaald"},
	SheetBijdragen:  {"contribution.description": "omschrijving"},
	SheetLessen:     {"input.title": "titel", "input.text": "tekst", "input.themes": "themas", "input.date": "datum"},
}

// keepsStored are the dates whose empty cell means today for a new row, and the stored date for
// a stored one (the mutations record them as today).
var keepsStored = map[string]string{SheetConflicten: "sinds", SheetCheckIns: "datum", SheetLessen: "datum"}

// defaults are the columns the rules fill in when they are empty or the sheet lacks them.
var defaults = map[string][]string{SheetConflicten: {"sinds"}, SheetAfspraken: {"mandaat"}, SheetCheckIns: {"datum"}, SheetLessen: {"datum"}}

// Validate applies the rules of the sheet's samenspel input to a row, against today, as the
// mutation that records it does. The rules see the row as it will be stored: for a row of a stored
// object (stored is not nil), the stored values with the row's over them, so a column the sheet
// lacks keeps its stored value and so does an empty Sinds or Datum. The normalised values are
// written back into the row (trimmed text; today for an empty date of a new row; MISSING for an
// empty Mandaat), so that the import compares and writes what the mutations would. It returns the
// first problem, on its cell; a sheet without such rules (the register's own) has none.
func (s *Sheet) Validate(r Row, stored *Row, today samenspel.Date) error {
	name := s.Spec.Name
	fields, ok := practiceFields[name]
	if !ok {
		return nil
	}
	v := map[string]string{}
	if stored != nil {
		maps.Copy(v, stored.Values)
	}
	for k, x := range r.Values {
		if x == "" && stored != nil && keepsStored[name] == k {
			continue
		}
		v[k] = x
	}
	date := func(col string) samenspel.Date {
		d, _ := samenspel.ParseDate(v[col]) // checked when read; zero when empty
		return d
	}
	optDate := func(col string) *samenspel.Date {
		if v[col] == "" {
			return nil
		}
		d := date(col)
		return &d
	}
	score := func(col string) int {
		n, _ := strconv.Atoi(v[col])
		return n
	}
	var err error
	switch name {
	case SheetBelangen:
		in := samenspel.InterestInput{Wants: v["wil"], Brings: v["brengt"], CannotGiveUp: v["nietopgeven"]}
		err = in.Validate()
		v["wil"], v["brengt"], v["nietopgeven"] = in.Wants, in.Brings, in.CannotGiveUp
	case SheetConflicten:
		in := samenspel.ConflictInput{AID: v["a"], BID: v["b"], Note: v["toelichting"]}
		err = in.Validate()
		v["toelichting"] = in.Note
		if v["sinds"] == "" {
			v["sinds"] = today.String() // markInterestConflict marks it today
		}
		// resolveInterestConflict's rules for the day it was resolved.
		since, on := date("sinds"), optDate("opgelost")
		switch {
		case err != nil:
		case today.Before(since):
			err = samenspel.Invalidf("since", "%s is in the future", since)
		case on != nil && today.Before(*on):
			err = samenspel.Invalidf("on", "%s is in the future", on)
		case on != nil && on.Before(since):
			err = samenspel.Invalidf("on", "%s is before the conflict was marked (%s)", on, since)
		}
	case SheetAfspraken:
		in := samenspel.AgreementInput{Title: v["titel"], Description: v["omschrijving"], Body: v["orgaan"], DeciderID: v["beslisser"],
			DueDate: date("uiterlijk"), DecidedOn: optDate("besloten"), Mandate: v["mandaat"]}
		err = in.Validate(today)
		v["titel"], v["omschrijving"], v["mandaat"] = in.Title, in.Description, in.Mandate
	case SheetCheckIns:
		in := samenspel.CheckInInput{Date: date("datum"), RightThings: score("goede"), ThingsRight: score("goed"), Together: score("samen"), Note: v["notitie"]}
		err = in.Validate(today)
		v["datum"], v["notitie"] = in.Date.String(), in.Note
	case SheetResultaten:
		in := samenspel.ResultInput{Title: v["titel"], Description: v["omschrijving"], PlannedDate: date("gepland"), AchievedDate: optDate("behaald")}
		err = in.Validate(today)
		v["titel"], v["omschrijving"] = in.Title, in.Description
	case SheetBijdragen:
		c := samenspel.Contribution{OrganisationID: v["organisatie"], Description: v["omschrijving"]}
		err = c.Validate("contribution")
		v["omschrijving"] = c.Description
	case SheetLessen:
		in := samenspel.LessonInput{Title: v["titel"], Text: v["tekst"], Themes: splitValues(v["themas"]), Date: date("datum")}
		err = in.Validate(today)
		v["titel"], v["tekst"] = in.Title, in.Text
		if !in.Date.IsZero() {
			v["datum"] = in.Date.String()
		}
	}
	for _, c := range s.Spec.Columns {
		if r.Has(c.Key) || slices.Contains(defaults[name], c.Key) {
			r.Values[c.Key] = v[c.Key]
		}
	}
	if err == nil {
		return nil
	}
	var e *samenspel.Error
	if !errors.As(err, &e) {
		return s.Errorf(r, "", "%s", err)
	}
	field, _, _ := strings.Cut(e.Field, "[") // input.themes[1]: the column of the list
	return s.Errorf(r, fields[field], "%s", e.Message)
}

// splitValues reads a list as Row values hold it ("; "-separated).
func splitValues(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, "; ")
}
