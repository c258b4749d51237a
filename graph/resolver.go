// Package graph is the GraphQL adapter: resolvers, the batch plan's declarations (fields.go),
// converters and the error presenter. gqlgen generates *.generated.go and model/models_gen.go
// from schema.graphqls and schema/*.graphqls; run `go generate ./...` after changing the schema.
// Resolvers stay thin: root fields check their arguments and call the store or the service;
// nested store-backed fields resolve through the plan.
package graph

//go:generate go run github.com/99designs/gqlgen generate

import (
	"context"
	"log/slog"

	"github.com/samenspel/samenspel/internal/auth"
	"github.com/samenspel/samenspel/internal/plan"
	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
	"github.com/samenspel/samenspel/internal/workbook"
)

// Store is what the GraphQL layer reads and writes directly: the batched reads of the plan and of
// the root fields, and the changes that need no use case of their own.
type Store interface {
	OrganisationByCode(ctx context.Context, code string) (samenspel.Organisation, error)
	OrganisationsByID(ctx context.Context, ids []string) (map[string]samenspel.Organisation, error)
	Organisations(ctx context.Context, f samenspel.OrganisationFilter, order samenspel.OrganisationOrder, page samenspel.Page) (samenspel.Connection[samenspel.Organisation], error)
	Memberships(ctx context.Context, ids []string, at *samenspel.Date, division string) (map[string][]samenspel.Membership, error)
	NaturalPartners(ctx context.Context, ids []string, at samenspel.Date, first int) (map[string][]samenspel.NaturalPartner, error)
	Mergers(ctx context.Context, ids []string) (map[string]samenspel.MergerSet, error)
	Governs(ctx context.Context, ids []string) (map[string]samenspel.Region, error)
	OpgavenOfOrganisations(ctx context.Context, ids []string, f samenspel.OrganisationOpgaveFilter) (map[string][]samenspel.OrganisationOpgave, error)
	OpgaveCounts(ctx context.Context, ids []string) (map[string]int, error)
	PeopleOfOrganisations(ctx context.Context, ids []string) (map[string][]samenspel.Person, error)

	Divisions(ctx context.Context, key string) ([]samenspel.Division, error)
	RegionsByKey(ctx context.Context, keys []string) (map[string]samenspel.Region, error)
	Regions(ctx context.Context, f samenspel.RegionFilter, page samenspel.Page) (samenspel.Connection[samenspel.Region], error)
	RegionsOfDivisions(ctx context.Context, keys []string, at *samenspel.Date) (map[string][]samenspel.Region, error)
	RegionMembers(ctx context.Context, keys []string, at samenspel.Date, page samenspel.Page) (map[string]samenspel.Connection[samenspel.Organisation], error)
	RegionMemberCounts(ctx context.Context, keys []string, at samenspel.Date) (map[string]int, error)
	Overlaps(ctx context.Context, keys []string, at samenspel.Date, division string) (map[string][]samenspel.RegionOverlap, error)
	CongruenceCells(ctx context.Context, a, b string, at samenspel.Date) ([]samenspel.Cell, error)
	Assignments(ctx context.Context, at samenspel.Date, divisions []string) (samenspel.Assignments, error)

	OpgavenByID(ctx context.Context, ids []string) (map[string]samenspel.Opgave, error)
	Opgaven(ctx context.Context, f samenspel.OpgaveFilter, order samenspel.OpgaveOrder, page samenspel.Page) (samenspel.Connection[samenspel.Opgave], error)
	OpgaveAreas(ctx context.Context, ids []string) (map[string]samenspel.StoredArea, error)
	ImportWorkbook(ctx context.Context, b *workbook.Book, dryRun bool, progress func(done, total int)) (workbook.Summary, error)
	LinksOfOpgaven(ctx context.Context, ids []string) (map[string][]samenspel.LinkInfo, error)
	RolesOfOpgaven(ctx context.Context, ids []string, f samenspel.RoleFilter) (map[string][]samenspel.Role, error)
	RolesOfPeople(ctx context.Context, ids []string) (map[string][]samenspel.Role, error)
	ParticipantCounts(ctx context.Context, ids []string, at samenspel.Date) (map[string]int, error)
	ContributionTotals(ctx context.Context, ids []string, at samenspel.Date) (map[string]float64, error)
	Coalitions(ctx context.Context, ids []string, at samenspel.Date) (map[string]samenspel.Coalition, error)
	InstrumentsByID(ctx context.Context, ids []string) (map[string]samenspel.Instrument, error)
	InstrumentsOfOpgaven(ctx context.Context, ids []string) (map[string][]samenspel.Instrument, error)
	OpgavenOfInstruments(ctx context.Context, ids []string) (map[string][]samenspel.Opgave, error)
	PeopleByID(ctx context.Context, ids []string) (map[string]samenspel.Person, error)
	PersonContact(ctx context.Context, id string) (samenspel.Person, bool, bool, error)
	PersonData(ctx context.Context, id string) (samenspel.PersonData, bool, error)
	ErasePerson(ctx context.Context, id string) (bool, error)
	AuditLog(ctx context.Context, f samenspel.AuditFilter, page samenspel.Page) (samenspel.Connection[samenspel.AuditEvent], error)
	AuditRead(ctx context.Context, subjects []string) error
	APIKeys(ctx context.Context) ([]samenspel.APIKey, error)
	CreateAPIKey(ctx context.Context, k samenspel.APIKey) (samenspel.APIKey, error)
	RevokeAPIKey(ctx context.Context, id string) (samenspel.APIKey, error)
	Search(ctx context.Context, text string, first int) ([]samenspel.SearchHit, error)

	CreateOpgave(ctx context.Context, in samenspel.OpgaveInput) (samenspel.Opgave, error)
	UpdateOpgave(ctx context.Context, id string, u samenspel.OpgaveUpdate) (samenspel.Opgave, error)
	DeleteOpgave(ctx context.Context, id string) (bool, error)
	EndRole(ctx context.Context, id string, until samenspel.Date) (samenspel.Role, error)
	CreatePerson(ctx context.Context, in samenspel.PersonInput) (samenspel.Person, error)
	UpdatePerson(ctx context.Context, id string, u samenspel.PersonUpdate) (samenspel.Person, error)
	DeletePerson(ctx context.Context, id string) (bool, error)
	CreateOrganisation(ctx context.Context, in samenspel.OrganisationInput) (samenspel.Organisation, error)
	UpdateOrganisation(ctx context.Context, id string, u samenspel.OrganisationUpdate) (samenspel.Organisation, error)
	DeleteOrganisation(ctx context.Context, id string) (bool, error)
	CreateInstrument(ctx context.Context, in samenspel.InstrumentInput) (samenspel.Instrument, error)
	UpdateInstrument(ctx context.Context, id string, u samenspel.InstrumentUpdate) (samenspel.Instrument, error)
	DeleteInstrument(ctx context.Context, id string) (bool, error)
	AttachInstrument(ctx context.Context, instrumentID, opgaveID string, attach bool) (samenspel.Instrument, error)
	LinkOpgaven(ctx context.Context, l samenspel.OpgaveLink) (samenspel.OpgaveLink, error)
	UnlinkOpgaven(ctx context.Context, from, to, typ string) (bool, error)
	RecordTrust(ctx context.Context, in samenspel.TrustInput) (samenspel.TrustAssessment, error)

	PracticeStore
}

// Resolver is the dependency-injection root: one per server.
type Resolver struct {
	Store Store
	Svc   *service.Service
	Log   *slog.Logger
	// Revoked is told the id of every key revoked here (the authenticator's cache forgets it).
	Revoked func(id string)
	plan    *plan.Registry
	f       *fields
}

// NewResolver returns the resolver with its batch plan declared.
func NewResolver(store Store, svc *service.Service, log *slog.Logger) *Resolver {
	r := &Resolver{Store: store, Svc: svc, Log: log, plan: plan.NewRegistry()}
	r.plan.OnFetchError = func(ctx context.Context, field string, err error) {
		if samenspel.ErrorCode(err) == samenspel.ECodeInternal {
			log.ErrorContext(ctx, "fetch failed", "field", field, "err", err.Error())
		}
	}
	r.plan.Allow = func(ctx context.Context, field string) bool { return auth.Check(samenspel.CallerIn(ctx), field) == nil }
	r.f = r.declare(r.plan)
	return r
}

// Plan returns the batch plan's registry (for tests that walk the schema).
func (r *Resolver) Plan() *plan.Registry { return r.plan }
