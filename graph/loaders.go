package graph

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/graph-gophers/dataloader/v7"

	"github.com/samenspel/samenspel/internal/neo4jdb"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// Loaders batch the field lookups of one request, so that the number of Cypher round trips does
// not grow with the size of the result: the regions of 342 gemeenten are one query, not 342.
// A new set is made per request (Middleware) because loaders cache what they fetched.
type Loaders struct {
	db              *neo4jdb.DB
	Organisation    *dataloader.Loader[string, samenspel.Organisation]
	Region          *dataloader.Loader[string, samenspel.Region]
	Division        *divisionMemo
	Memberships     *dataloader.Loader[membershipKey, []samenspel.Membership]
	Members         *dataloader.Loader[membersKey, samenspel.Connection[samenspel.Organisation]]
	Overlaps        *dataloader.Loader[overlapKey, []samenspel.RegionOverlap]
	Partners        *dataloader.Loader[partnersKey, []samenspel.NaturalPartner]
	Mergers         *dataloader.Loader[string, samenspel.MergerSet]
	Territory       *dataloader.Loader[string, *samenspel.Region]
	DivisionRegions *dataloader.Loader[divisionRegionsKey, []samenspel.Region]

	Opgave             *dataloader.Loader[string, samenspel.Opgave]
	OpgaveArea         *dataloader.Loader[string, neo4jdb.OpgaveArea]
	OpgaveRoles        *dataloader.Loader[string, []samenspel.Role]
	OrganisationRoles  *dataloader.Loader[string, []samenspel.Role]
	PersonRoles        *dataloader.Loader[string, []samenspel.Role]
	Person             *dataloader.Loader[string, samenspel.Person]
	OrganisationPeople *dataloader.Loader[string, []samenspel.Person]
	Instrument         *dataloader.Loader[string, samenspel.Instrument]
	OpgaveInstruments  *dataloader.Loader[string, []samenspel.Instrument]
	InstrumentOpgaven  *dataloader.Loader[string, []samenspel.Opgave]
	OpgaveLinks        *dataloader.Loader[string, []neo4jdb.LinkInfo]
	// OpgaveTrust holds, per opgave, the assessments among its current participants.
	OpgaveTrust *dataloader.Loader[string, []samenspel.TrustAssessment]
}

// membershipKey asks for an organisation's memberships; At "" means the whole history.
type membershipKey struct{ ID, At, Division string }

type membersKey struct {
	Region, At, After string
	First             int
}

// divisionRegionsKey asks for a division's regions on At ("" means every region ever).
type divisionRegionsKey struct{ Division, At string }

type overlapKey struct{ Region, At, Division string }

type partnersKey struct {
	ID, At string
	First  int
}

// BatchWait is how long a loader collects keys before it queries. Root resolvers prime the
// loaders for everything their query selects (prime.go), so a batch window only matters for the
// few fields that are not primed; there it trades latency against splitting one batch in two when
// the keys of a list trickle in on a busy machine.
var BatchWait = 10 * time.Millisecond

// NewLoaders makes the loaders for one request.
func NewLoaders(db *neo4jdb.DB) *Loaders {
	return &Loaders{
		db: db,
		Organisation: byID(func(ctx context.Context, ids []string) (map[string]samenspel.Organisation, error) {
			return db.OrganisationsByID(ctx, ids)
		}, func(id string) error { return samenspel.NotFoundf("id", "no organisation has id %q", id) }),
		Region: byID(func(ctx context.Context, keys []string) (map[string]samenspel.Region, error) {
			return db.RegionsByKey(ctx, keys)
		}, func(key string) error { return samenspel.NotFoundf("region", "no region %q", key) }),
		Division: &divisionMemo{db: db},
		Memberships: grouped(
			func(k membershipKey) [2]string { return [2]string{k.At, k.Division} },
			func(k membershipKey) string { return k.ID },
			func(ctx context.Context, g [2]string, ids []string) (map[string][]samenspel.Membership, error) {
				return db.Memberships(ctx, ids, optDate(g[0]), g[1])
			}),
		Members: grouped(
			func(k membersKey) membersKey { return membersKey{At: k.At, After: k.After, First: k.First} },
			func(k membersKey) string { return k.Region },
			func(ctx context.Context, g membersKey, keys []string) (map[string]samenspel.Connection[samenspel.Organisation], error) {
				return db.RegionMembers(ctx, keys, mustDate(g.At), samenspel.Page{First: g.First, After: g.After})
			}),
		Overlaps: grouped(
			func(k overlapKey) [2]string { return [2]string{k.At, k.Division} },
			func(k overlapKey) string { return k.Region },
			func(ctx context.Context, g [2]string, keys []string) (map[string][]samenspel.RegionOverlap, error) {
				return db.Overlaps(ctx, keys, mustDate(g[0]), g[1])
			}),
		Partners: grouped(
			func(k partnersKey) partnersKey { return partnersKey{At: k.At, First: k.First} },
			func(k partnersKey) string { return k.ID },
			func(ctx context.Context, g partnersKey, ids []string) (map[string][]samenspel.NaturalPartner, error) {
				return db.NaturalPartners(ctx, ids, mustDate(g.At), g.First)
			}),
		Mergers: grouped(
			func(string) struct{} { return struct{}{} },
			func(id string) string { return id },
			func(ctx context.Context, _ struct{}, ids []string) (map[string]samenspel.MergerSet, error) {
				return db.Mergers(ctx, ids)
			}),
		Territory: grouped(
			func(string) struct{} { return struct{}{} },
			func(id string) string { return id },
			func(ctx context.Context, _ struct{}, ids []string) (map[string]*samenspel.Region, error) {
				found, err := db.Governs(ctx, ids)
				out := make(map[string]*samenspel.Region, len(found))
				for id, r := range found {
					out[id] = &r
				}
				return out, err
			}),
		Opgave: byID(db.OpgavenByID, func(id string) error { return samenspel.NotFoundf("id", "no opgave has id %q", id) }),
		Person: byID(func(ctx context.Context, ids []string) (map[string]samenspel.Person, error) {
			found, err := db.PeopleByID(ctx, ids)
			for id, p := range found {
				p.Email, p.Phone = "", "" // contact details only through personContact
				found[id] = p
			}
			return found, err
		}, func(id string) error { return samenspel.NotFoundf("id", "no person has id %q", id) }),
		Instrument:         byID(db.InstrumentsByID, func(id string) error { return samenspel.NotFoundf("id", "no instrument has id %q", id) }),
		OpgaveArea:         byIDList(db.OpgaveAreas),
		OpgaveRoles:        byIDList(db.RolesOfOpgaven),
		OrganisationRoles:  byIDList(db.RolesOfOrganisations),
		PersonRoles:        byIDList(db.RolesOfPeople),
		OrganisationPeople: byIDList(db.PeopleOfOrganisations),
		OpgaveInstruments:  byIDList(db.InstrumentsOfOpgaven),
		InstrumentOpgaven:  byIDList(db.OpgavenOfInstruments),
		OpgaveLinks:        byIDList(db.LinksOfOpgaven),
		OpgaveTrust: byIDList(func(ctx context.Context, ids []string) (map[string][]samenspel.TrustAssessment, error) {
			roles, err := db.RolesOfOpgaven(ctx, ids)
			if err != nil {
				return nil, err
			}
			return trustAmongParticipants(ctx, db, ids, roles)
		}),
		DivisionRegions: grouped(
			func(k divisionRegionsKey) string { return k.At },
			func(k divisionRegionsKey) string { return k.Division },
			func(ctx context.Context, at string, keys []string) (map[string][]samenspel.Region, error) {
				return db.RegionsOfDivisions(ctx, keys, optDate(at))
			}),
	}
}

// divisionMemo loads every division once per request: there are only a few dozen, and regions
// at any depth of a query ask for theirs, so one query serves them all without a batch wait.
type divisionMemo struct {
	db   *neo4jdb.DB
	once sync.Once
	all  map[string]samenspel.Division
	err  error
}

// Load returns the division with key, or a not-found error.
func (m *divisionMemo) Load(ctx context.Context, key string) (*samenspel.Division, error) {
	m.once.Do(func() {
		var list []samenspel.Division
		list, m.err = m.db.Divisions(ctx, "")
		m.all = make(map[string]samenspel.Division, len(list))
		for _, d := range list {
			m.all[d.Key] = d
		}
	})
	if m.err != nil {
		return nil, m.err
	}
	d, ok := m.all[key]
	if !ok {
		return nil, samenspel.NotFoundf("division", "no division %q", key)
	}
	return &d, nil
}

// byID makes a loader whose keys are IDs and whose missing keys are errors.
func byID[V any](fetch func(context.Context, []string) (map[string]V, error), missing func(string) error) *dataloader.Loader[string, V] {
	return dataloader.NewBatchedLoader(func(ctx context.Context, keys []string) []*dataloader.Result[V] {
		found, err := fetch(ctx, keys)
		out := make([]*dataloader.Result[V], len(keys))
		for i, k := range keys {
			switch v, ok := found[k]; {
			case err != nil:
				out[i] = &dataloader.Result[V]{Error: err}
			case !ok:
				out[i] = &dataloader.Result[V]{Error: missing(k)}
			default:
				out[i] = &dataloader.Result[V]{Data: v}
			}
		}
		return out
	}, dataloader.WithWait[string, V](BatchWait))
}

// byIDList makes a loader of values per ID where a missing ID means an empty value.
func byIDList[V any](fetch func(context.Context, []string) (map[string]V, error)) *dataloader.Loader[string, V] {
	return grouped(
		func(string) struct{} { return struct{}{} },
		func(id string) string { return id },
		func(ctx context.Context, _ struct{}, ids []string) (map[string]V, error) { return fetch(ctx, ids) })
}

// grouped makes a loader whose keys carry arguments besides an ID (a date, a page): keys are
// grouped by their arguments and each group is one query for all its IDs. Missing IDs get V's
// zero value (an empty list).
func grouped[K comparable, G comparable, V any](group func(K) G, id func(K) string, fetch func(context.Context, G, []string) (map[string]V, error)) *dataloader.Loader[K, V] {
	return dataloader.NewBatchedLoader(func(ctx context.Context, keys []K) []*dataloader.Result[V] {
		out := make([]*dataloader.Result[V], len(keys))
		groups := map[G][]int{}
		var order []G
		for i, k := range keys {
			g := group(k)
			if _, ok := groups[g]; !ok {
				order = append(order, g)
			}
			groups[g] = append(groups[g], i)
		}
		for _, g := range order {
			idx := groups[g]
			ids := make([]string, 0, len(idx))
			seen := map[string]bool{}
			for _, i := range idx {
				if k := id(keys[i]); !seen[k] {
					seen[k] = true
					ids = append(ids, k)
				}
			}
			found, err := fetch(ctx, g, ids)
			for _, i := range idx {
				if err != nil {
					out[i] = &dataloader.Result[V]{Error: err}
				} else {
					out[i] = &dataloader.Result[V]{Data: found[id(keys[i])]}
				}
			}
		}
		return out
	}, dataloader.WithWait[K, V](BatchWait))
}

type loadersKey struct{}

// Middleware puts a fresh set of loaders and a round-trip counter in each request's context.
func Middleware(db *neo4jdb.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, _ := neo4jdb.WithRoundTrips(r.Context())
		ctx = context.WithValue(ctx, loadersKey{}, NewLoaders(db))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// For returns the request's loaders.
func For(ctx context.Context) *Loaders {
	return ctx.Value(loadersKey{}).(*Loaders)
}

func optDate(s string) *samenspel.Date {
	if s == "" {
		return nil
	}
	d := mustDate(s)
	return &d
}

// mustDate parses a date the resolvers formatted themselves.
func mustDate(s string) samenspel.Date {
	d, err := samenspel.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// trustAmongParticipants fetches, in one query, the assessments among the current participants of
// each opgave.
func trustAmongParticipants(ctx context.Context, db *neo4jdb.DB, ids []string, roles map[string][]samenspel.Role) (map[string][]samenspel.TrustAssessment, error) {
	members := map[string]map[string]bool{}
	var union []string
	seen := map[string]bool{}
	for _, id := range ids {
		members[id] = map[string]bool{}
		for _, r := range currentRoles(roles[id], "", "", false) {
			members[id][r.OrganisationID] = true
			if !seen[r.OrganisationID] {
				seen[r.OrganisationID] = true
				union = append(union, r.OrganisationID)
			}
		}
	}
	as, err := db.TrustAmong(ctx, union)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]samenspel.TrustAssessment, len(ids))
	for _, id := range ids {
		for _, a := range as {
			if members[id][a.FromID] && members[id][a.ToID] {
				out[id] = append(out[id], a)
			}
		}
	}
	return out, nil
}
