package graph

import (
	"time"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// Converters for the audit trail and API keys.

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func optRFC3339(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := rfc3339(*t)
	return &s
}

func toAPIKey(k samenspel.APIKey) *model.APIKey {
	return &model.APIKey{ID: k.ID, Name: k.Name, Organisation: nilIfEmpty(k.Organisation), Role: string(k.Access), Created: rfc3339(k.Created),
		Expires: optRFC3339(k.Expires), Revoked: optRFC3339(k.Revoked), LastUsed: optRFC3339(k.LastUsed)}
}

func toAuditEvent(e samenspel.AuditEvent) *model.AuditEvent {
	subjects := e.Subjects
	if subjects == nil {
		subjects = []string{}
	}
	return &model.AuditEvent{ID: e.ID, At: e.At.UTC().Format(time.RFC3339Nano), Actor: nilIfEmpty(e.Actor), ActorName: nilIfEmpty(e.ActorName),
		Via: nilIfEmpty(e.Via), Organisation: nilIfEmpty(e.Organisation), Role: string(e.Access), Operation: e.Operation, Subjects: subjects,
		Before: nilIfEmpty(e.Before), After: nilIfEmpty(e.After)}
}

func toAuditFilter(f *model.AuditFilter) (samenspel.AuditFilter, error) {
	var out samenspel.AuditFilter
	if f == nil {
		return out, nil
	}
	out.Actor, out.Organisation, out.Operation, out.Subject = deref(f.Actor, ""), deref(f.Organisation, ""), deref(f.Operation, ""), deref(f.Subject, "")
	for _, t := range []struct {
		field string
		in    *string
		out   **time.Time
	}{{"filter.since", f.Since, &out.Since}, {"filter.until", f.Until, &out.Until}} {
		if t.in == nil {
			continue
		}
		v, err := time.Parse(time.RFC3339, *t.in)
		if err != nil {
			return out, samenspel.Invalidf(t.field, "%q is not a time such as 2026-12-01T09:00:00Z", *t.in)
		}
		*t.out = &v
	}
	return out, nil
}
