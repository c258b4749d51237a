package samenspel

import (
	"context"
	"fmt"
	"time"
)

// Access is what a caller may do, by role. Roles are not a ladder: an analyst sees every trust
// score but no contact details; an editor sees the contact details of its own opgaven.
type Access string

// The roles. Anonymous is a caller without credentials.
const (
	Anonymous Access = "anonymous"
	Viewer    Access = "viewer"
	Editor    Access = "editor"
	Analyst   Access = "analyst"
	Admin     Access = "admin"
)

// Accesses lists the roles a credential can carry.
var Accesses = []Access{Viewer, Editor, Analyst, Admin}

// ParseAccess reads a role name.
func ParseAccess(s string) (Access, error) {
	for _, a := range Accesses {
		if string(a) == s {
			return a, nil
		}
	}
	return "", fmt.Errorf("%q is not a role; use viewer, editor, analyst or admin", s)
}

// Caller is who is asking: a person signed in with a token, a script with an API key, or nobody.
type Caller struct {
	Access       Access
	Organisation string // the organisation the caller speaks for (its ID); empty for anonymous
	Subject      string // the token's subject or the API key's ID; empty for anonymous
	Name         string // for the audit trail: the person's or the key's name
	Via          string // "token", "apikey" or "" (anonymous)
}

// SignedIn reports whether the caller has credentials.
func (c Caller) SignedIn() bool { return c.Access != "" && c.Access != Anonymous }

// Is reports whether the caller has one of the roles.
func (c Caller) Is(roles ...Access) bool {
	for _, r := range roles {
		if c.Access == r {
			return true
		}
	}
	return false
}

// SeesPeople reports whether the caller may see people's names and functions.
func (c Caller) SeesPeople() bool { return c.SignedIn() }

// SeesAllTrust reports whether the caller may see every trust score (not only its own).
func (c Caller) SeesAllTrust() bool { return c.Is(Analyst, Admin) }

// SeesTrustNotes reports whether the caller may read the notes of assessments made by from.
func (c Caller) SeesTrustNotes(from string) bool {
	return c.Is(Admin) || (c.Is(Editor) && c.Organisation == from)
}

// MinAssessments is the number of other organisations whose latest assessments an aggregate of
// trust must stand on before a viewer or editor sees it.
const MinAssessments = 3

type callerKey struct{}

// WithCaller puts the caller in ctx.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerIn returns the caller in ctx; without one, an anonymous caller. Code that runs outside a
// request (the CLI) puts a caller in its context itself.
func CallerIn(ctx context.Context) Caller {
	if c, ok := ctx.Value(callerKey{}).(Caller); ok {
		return c
	}
	return Caller{Access: Anonymous}
}

// System is the caller of the CLI and of the service's own work (imports, the demo set): it may
// do everything and is named in the audit trail.
func System(name string) Caller {
	return Caller{Access: Admin, Subject: "system", Name: name, Via: "cli"}
}

// Forbiddenf returns an ECodeForbidden error: the caller may not see or do this.
func Forbiddenf(field, format string, args ...any) *Error {
	return &Error{Code: ECodeForbidden, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Unauthenticatedf returns an ECodeUnauthenticated error: this needs credentials, and there were none.
func Unauthenticatedf(field, format string, args ...any) *Error {
	return &Error{Code: ECodeUnauthenticated, Field: field, Message: fmt.Sprintf(format, args...)}
}

// APIKey is a key for dashboards and scripts: it speaks for an organisation with a role. The
// service stores only the key's hash.
type APIKey struct {
	ID           string
	Name         string
	Organisation string
	Access       Access
	Hash         string
	Created      time.Time
	Expires      *time.Time
	Revoked      *time.Time
	LastUsed     *time.Time
	CreatedBy    string
}

// Valid reports whether the key may be used at now: not revoked, not expired.
func (k APIKey) Valid(now time.Time) bool {
	return k.Revoked == nil && (k.Expires == nil || now.Before(*k.Expires))
}

// AuditEvent is one entry of the audit trail: who did (or read) what, when, on which objects,
// and for changes the fields before and after (personal data masked).
type AuditEvent struct {
	ID           string
	At           time.Time
	Actor        string // the token's subject or the API key's ID; "system" for the CLI
	ActorName    string
	Via          string
	Organisation string
	Access       Access
	Operation    string
	Subjects     []string
	Before       string // JSON, empty when none
	After        string
}

// AuditFilter narrows the audit trail; zero fields do not filter.
type AuditFilter struct {
	Actor, Organisation, Operation, Subject string
	Since, Until                            *time.Time
}

type actionKey struct{}

// WithAction names what is being done with ctx (a mutation's name, a CLI command), for the audit
// trail.
func WithAction(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actionKey{}, name)
}

// ActionIn returns the action named in ctx, or "unnamed".
func ActionIn(ctx context.Context) string {
	if s, ok := ctx.Value(actionKey{}).(string); ok && s != "" {
		return s
	}
	return "unnamed"
}

// PersonData is everything the service holds about a person, for a data request under the AVG.
type PersonData struct {
	Person Person // with contact details
	Roles  []Role
	Events []AuditEvent // the audit events that name the person
}

// TrustShown says what of an aggregate of trust (a climate, the trust indicators of health) a
// caller sees: analysts and admins all of it; viewers and editors the aggregate only where at
// least MinAssessments other organisations than their own made the latest assessments behind it
// (their own assessments do not count, or a caller could record enough of them to unlock, and
// subtract, the rest), and never the pairs it names; others nothing.
func TrustShown(c Caller, assessments []TrustAssessment) (aggregate, pairs bool) {
	switch {
	case c.SeesAllTrust():
		return true, true
	case c.Is(Viewer, Editor):
		others := map[string]bool{}
		for _, a := range Latest(assessments) {
			if a.FromID != c.Organisation {
				others[a.FromID] = true
			}
		}
		return len(others) >= MinAssessments, false
	}
	return false, false
}

// TrustIndicator reports whether a health indicator rests on trust.
func TrustIndicator(key string) bool {
	return key == IndTrustCoverage || key == IndTrustLevel || key == IndFreshness
}
