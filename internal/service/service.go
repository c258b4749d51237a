// Package service holds Samenspel's use cases: the answers that combine several store reads with
// the domain's pure calculations (who else, the connected walk, participants and their sums, trust
// climates, collaboration health, the collaboration network and its exports) and the changes
// whose rules the domain decides (a role assignment). GraphQL, the HTTP export and the CLI all
// call it, so they give the same answers.
//
// The service declares the store it needs (Store) and works on the domain's types; it knows
// nothing of GraphQL or Neo4j.
package service

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Store is what the use cases read and write.
type Store interface {
	DataVersion(ctx context.Context) (int64, error)
	Collaboration(ctx context.Context, f samenspel.CollaborationFilter) ([][]samenspel.CoalitionMember, []string, error)
	OrganisationsByID(ctx context.Context, ids []string) (map[string]samenspel.Organisation, error)
	OpgavenByID(ctx context.Context, ids []string) (map[string]samenspel.Opgave, error)
	RegionsByKey(ctx context.Context, keys []string) (map[string]samenspel.Region, error)
	InstrumentsByID(ctx context.Context, ids []string) (map[string]samenspel.Instrument, error)
	TrustAmong(ctx context.Context, ids []string, from string) ([]samenspel.TrustAssessment, error)
	AuditRead(ctx context.Context, subjects []string) error
	Coalitions(ctx context.Context, ids []string, at samenspel.Date) (map[string]samenspel.Coalition, error)
	AreaFootprint(ctx context.Context, gemeente, region string, at samenspel.Date) ([]string, bool, bool, error)
	OpgaveFootprint(ctx context.Context, id string, at samenspel.Date) (samenspel.Opgave, []string, bool, error)
	RolesOfOpgaven(ctx context.Context, ids []string, f samenspel.RoleFilter) (map[string][]samenspel.Role, error)
	RolesWithOrganisations(ctx context.Context, ids []string, at samenspel.Date) (map[string][]samenspel.Role, map[string]samenspel.Organisation, error)
	RolesWithPeople(ctx context.Context, ids []string, at samenspel.Date) (map[string][]samenspel.Role, map[string]samenspel.Person, error)
	WhoElseCandidates(ctx context.Context, exclude string, themes, gs []string, at samenspel.Date) ([]samenspel.WhoElseCandidate, error)
	SharedOpgaven(ctx context.Context, exclude string, participants, candidates []string) (map[string]int, error)
	Neighbours(ctx context.Context, frontier []string, at samenspel.Date) ([]samenspel.Edge, error)
	Connection(ctx context.Context, from, to string, at samenspel.Date, first int) ([][]samenspel.PathStep, error)
	Named(ctx context.Context, n samenspel.Names) (samenspel.Named, error)
	Divisions(ctx context.Context, key string) ([]samenspel.Division, error)
	OpgaveFacts(ctx context.Context, dates []samenspel.Date, division string) (map[samenspel.Date][]samenspel.OpgaveFacts, error)
	Participations(ctx context.Context, dates []samenspel.Date, kind samenspel.OrganisationKind) (map[samenspel.Date][]samenspel.GemeenteCount, error)
	ResultsOf(ctx context.Context, ids []string) (map[string][]samenspel.Result, error)
	AssignRole(ctx context.Context, in samenspel.RoleInput, check func(samenspel.RoleInput, samenspel.RoleFacts) error) (samenspel.Role, error)
}

// Options tune the service.
type Options struct {
	// Workers bounds the expensive analytics that run at once (the collaboration network and its
	// measures); others wait their turn, so that one client's heavy requests cannot take every
	// core from a small query of another client. Default 1.
	Workers int
	// AnalysisTimeout bounds one network analysis, which may outlive the request that started it
	// while other requests wait for the same result. Default 60 s.
	AnalysisTimeout time.Duration
}

// Service is safe for concurrent use.
type Service struct {
	store   Store
	workers *semaphore.Weighted
	timeout time.Duration

	mu      sync.Mutex
	cache   map[string]cached
	flights map[string]*flight

	hits, misses atomic.Int64 // of the network cache
}

// CacheStats counts the requests for a collaboration network answered from the cache (hits) and
// those that waited for an analysis (misses), for the metrics.
func (s *Service) CacheStats() (hits, misses int64) { return s.hits.Load(), s.misses.Load() }

// New returns a service over store.
func New(store Store, opts Options) *Service {
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.AnalysisTimeout <= 0 {
		opts.AnalysisTimeout = 60 * time.Second
	}
	return &Service{store: store, workers: semaphore.NewWeighted(int64(opts.Workers)), timeout: opts.AnalysisTimeout,
		cache: map[string]cached{}, flights: map[string]*flight{}}
}

// AssignRole gives an organisation a role on an opgave; the store reads the facts inside its
// transaction and samenspel.CheckRole decides whether the assignment keeps the rules.
func (s *Service) AssignRole(ctx context.Context, in samenspel.RoleInput) (samenspel.Role, error) {
	return s.store.AssignRole(ctx, in, samenspel.CheckRole)
}
