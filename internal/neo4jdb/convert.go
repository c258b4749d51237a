package neo4jdb

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Projections and fragments shared by the statements. They are Go constants, never user input.
const (
	orgProjection        = "{.id, .code, .name, .kind, .validFrom, .validUntil, .generated}"
	regionProjection     = "{.key, .division, .code, .name}"
	opgaveProjection     = "{.id, .title, .goal, .description, .themes, .scale, .status, .startDate, .endDate, .generated, .checkInRhythmDays}"
	roleProjection       = "{.id, .type, .level, .from, .until, .contributionEuros, .contributionFte, .generated, opgave: o.id, organisation: org.id, person: p.id}"
	personProjection     = "{.id, .name, .function, .generated, organisation: org.id}" // never email or phone
	instrumentProjection = "{.id, .name, .type, .description, .amountEuros, .generated}"
	// Notes and who recorded an assessment only for callers who may read them ($notesAll, or
	// $notesOrg the assessing organisation): see visibility.
	trustProjection = "{.id, .score, .date, .generated, from: a.id, to: b.id, opgave: o.id, " +
		"note: CASE WHEN $notesAll OR a.id = $notesOrg THEN t.note END, recordedBy: CASE WHEN $notesAll OR a.id = $notesOrg THEN t.recordedBy END, " +
		"withheld: NOT ($notesAll OR a.id = $notesOrg)}"
)

// orgActive is the condition that organisation variable v exists on $at.
func orgActive(v string) string { return orgActiveOn(v, "$at") }

// orgActiveOn is the condition that organisation variable v exists on the date expression at.
func orgActiveOn(v, at string) string {
	return fmt.Sprintf("(%[1]s.validFrom IS NULL OR %[1]s.validFrom <= %[2]s) AND (%[1]s.validUntil IS NULL OR %[2]s < %[1]s.validUntil)", v, at)
}

// memberActive is the condition that membership relationship m holds on $at.
func memberActive(m string) string { return heldOn(m, "$at") }

// heldOn is the condition that membership or role v (from, until exclusive) holds on the date
// expression at.
func heldOn(v, at string) string {
	return fmt.Sprintf("%[1]s.from <= %[2]s AND (%[1]s.until IS NULL OR %[2]s < %[1]s.until)", v, at)
}

// roleActive is the condition that role r holds on $at, or any role when $at is null.
func roleActive(r string) string {
	return fmt.Sprintf("($at IS NULL OR (%[1]s.from <= $at AND (%[1]s.until IS NULL OR $at < %[1]s.until)))", r)
}

// activeMember matches gemeente g in region r on $at.
func activeMember(g, m, r string) string {
	return fmt.Sprintf("MATCH (%s:Organisation)-[%s:MEMBER_OF]->(%s) WHERE %s AND %s", g, m, r, memberActive(m), orgActive(g))
}

// Converters from Cypher values to domain types.

func recValue(rec *neo4j.Record, key string) any {
	v, _ := rec.Get(key)
	return v
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func integer(v any) int {
	n, _ := v.(int64)
	return int(n)
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nilIfEmptyList(l []string) any {
	if len(l) == 0 {
		return nil
	}
	return l
}

func anySlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func toStrings(v any) []string {
	var out []string
	for _, x := range anySlice(v) {
		out = append(out, str(x))
	}
	return out
}

func toDate(v any) samenspel.Date {
	if d, ok := v.(neo4j.Date); ok {
		return samenspel.DateOf(d.Time())
	}
	return samenspel.Date{}
}

func toOptDate(v any) *samenspel.Date {
	if v == nil {
		return nil
	}
	d := toDate(v)
	return &d
}

func toFloatPtr(v any) *float64 {
	switch x := v.(type) {
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	}
	return nil
}

func toOrganisation(v any) samenspel.Organisation {
	m, _ := v.(map[string]any)
	return samenspel.Organisation{
		ID:         str(m["id"]),
		Code:       str(m["code"]),
		Name:       str(m["name"]),
		Kind:       samenspel.OrganisationKind(str(m["kind"])),
		ValidFrom:  toOptDate(m["validFrom"]),
		ValidUntil: toOptDate(m["validUntil"]),
		Generated:  m["generated"] == true,
	}
}

func toRegion(v any) samenspel.Region {
	m, _ := v.(map[string]any)
	return samenspel.Region{Division: str(m["division"]), Code: str(m["code"]), Name: str(m["name"])}
}

func toMerger(v any) samenspel.Merger {
	m, _ := v.(map[string]any)
	return samenspel.Merger{FromID: str(m["from"]), IntoID: str(m["into"]), Date: toDate(m["date"]), Type: str(m["type"])}
}

func toOpgave(v any) samenspel.Opgave {
	m, _ := v.(map[string]any)
	return samenspel.Opgave{
		ID: str(m["id"]), Title: str(m["title"]), Goal: str(m["goal"]), Description: str(m["description"]),
		Themes: toStrings(m["themes"]), Scale: str(m["scale"]), Status: str(m["status"]),
		StartDate: toOptDate(m["startDate"]), EndDate: toOptDate(m["endDate"]), Generated: m["generated"] == true,
		CheckInRhythmDays: integer(m["checkInRhythmDays"]),
	}
}

func toRole(v any) samenspel.Role {
	m, _ := v.(map[string]any)
	return samenspel.Role{
		ID: str(m["id"]), OpgaveID: str(m["opgave"]), OrganisationID: str(m["organisation"]), PersonID: str(m["person"]),
		Type: str(m["type"]), Level: str(m["level"]), From: toDate(m["from"]), Until: toOptDate(m["until"]),
		ContributionEuros: toFloatPtr(m["contributionEuros"]), ContributionFTE: toFloatPtr(m["contributionFte"]), Generated: m["generated"] == true,
	}
}

// toPerson converts a person without contact details: the projections lists use never carry them.
func toPerson(v any) samenspel.Person {
	m, _ := v.(map[string]any)
	return samenspel.Person{ID: str(m["id"]), Name: str(m["name"]), Function: str(m["function"]), OrganisationID: str(m["organisation"]),
		Generated: m["generated"] == true}
}

func toInstrument(v any) samenspel.Instrument {
	m, _ := v.(map[string]any)
	return samenspel.Instrument{ID: str(m["id"]), Name: str(m["name"]), Type: str(m["type"]), Description: str(m["description"]),
		AmountEuros: toFloatPtr(m["amountEuros"]), Generated: m["generated"] == true}
}

func toTrust(v any) samenspel.TrustAssessment {
	m, _ := v.(map[string]any)
	return samenspel.TrustAssessment{ID: str(m["id"]), FromID: str(m["from"]), ToID: str(m["to"]), Score: integer(m["score"]), Date: toDate(m["date"]),
		OpgaveID: str(m["opgave"]), Note: str(m["note"]), RecordedBy: str(m["recordedBy"]), Generated: m["generated"] == true,
		Withheld: m["withheld"] == true}
}

// visibility adds the caller's rights to read trust notes and people to a statement's
// parameters: the rules are applied in the statements themselves.
func visibility(ctx context.Context, params map[string]any) map[string]any {
	c := samenspel.CallerIn(ctx)
	params["notesAll"] = c.Is(samenspel.Admin)
	params["notesOrg"] = nil
	if c.Is(samenspel.Editor) {
		params["notesOrg"] = c.Organisation
	}
	params["people"] = c.SeesPeople()
	return params
}

// rows runs a read whose single record holds one list of rows (the driver costs about 15 µs per
// record, so large results come back as one collected list) and returns the rows.
func (db *DB) rows(ctx context.Context, op, cypher string, params map[string]any) ([]map[string]any, error) {
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return nil, fmt.Errorf("neo4j: %s: %w", op, err)
	}
	var out []map[string]any
	for _, rec := range recs {
		for _, row := range anySlice(rec.Values[0]) {
			out = append(out, row.(map[string]any))
		}
	}
	return out, nil
}

func dateString(d *samenspel.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}
