package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/plan"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// The batch plan: every store-backed field of the schema, declared once with how its key is made
// from the parent and the arguments, and the one statement that fetches it for all parents (see
// internal/plan). The resolvers of these fields only call Resolve. Adding a nested field N+1-free
// is one declaration here plus its fetch in the store; TestRoundTripsFollowTheShape walks every
// field of the schema and fails for one that is fetched outside the plan.

// Argument groups: the part of a key the arguments give.
type (
	noArgs     struct{}
	atArgs     struct{ At string }
	atDivision struct{ At, Division string }
	atFirst    struct {
		At    string
		First int
	}
	membersArgs struct {
		At, After string
		First     int
	}
	rolesArgs struct {
		At, Type, Level string
	}
	orgOpgavenArgs struct {
		At, Role, Statuses string
	}
	connectedArgs struct {
		At           string
		Depth, First int
	}
)

// fields holds the declarations the resolvers resolve through.
type fields struct {
	orgRegions                   *plan.Field[samenspel.Organisation, []samenspel.Region, atDivision]
	orgMemberships               *plan.Field[samenspel.Organisation, []samenspel.Membership, atDivision]
	orgPartners                  *plan.Field[samenspel.Organisation, []samenspel.NaturalPartner, atFirst]
	orgMergedInto, orgMergedFrom *plan.Field[samenspel.Organisation, []samenspel.Merger, noArgs]
	orgTerritory                 *plan.Field[samenspel.Organisation, *samenspel.Region, noArgs]
	orgOpgaven                   *plan.Field[samenspel.Organisation, []samenspel.OrganisationOpgave, orgOpgavenArgs]
	orgOpgaveCount               *plan.Field[samenspel.Organisation, int, noArgs]
	orgPeople                    *plan.Field[samenspel.Organisation, []samenspel.Person, noArgs]

	regionDivision    *plan.Field[samenspel.Region, *samenspel.Division, noArgs]
	regionMembers     *plan.Field[samenspel.Region, *model.OrganisationConnection, membersArgs]
	regionMemberCount *plan.Field[samenspel.Region, int, atArgs]
	regionOverlaps    *plan.Field[samenspel.Region, []samenspel.RegionOverlap, atDivision]

	divRegions     *plan.Field[samenspel.Division, []samenspel.Region, atArgs]
	divRegionCount *plan.Field[samenspel.Division, int, atArgs]

	mergerFrom, mergerInto *plan.Field[samenspel.Merger, *samenspel.Organisation, noArgs]

	opgaveArea         *plan.Field[samenspel.Opgave, *samenspel.StoredArea, noArgs]
	opgaveRoles        *plan.Field[samenspel.Opgave, []samenspel.Role, rolesArgs]
	opgaveTrekker      *plan.Field[samenspel.Opgave, *samenspel.Role, rolesArgs]
	opgaveParticipants *plan.Field[samenspel.Opgave, []samenspel.Participant, atArgs]
	opgaveContacts     *plan.Field[samenspel.Opgave, []samenspel.Contact, atArgs]
	opgaveInstruments  *plan.Field[samenspel.Opgave, []samenspel.Instrument, noArgs]
	opgaveLinks        *plan.Field[samenspel.Opgave, []samenspel.LinkInfo, noArgs]
	opgaveCount        *plan.Field[samenspel.Opgave, int, atArgs]
	opgaveEuros        *plan.Field[samenspel.Opgave, float64, atArgs]
	opgaveConnected    *plan.Field[samenspel.Opgave, []samenspel.ConnectedOpgave, connectedArgs]
	opgaveClimate      *plan.Field[samenspel.Opgave, *model.TrustClimate, atArgs]
	opgaveHealth       *plan.Field[samenspel.Opgave, []model.HealthIndicator, atArgs]

	linkFrom, linkTo *plan.Field[samenspel.OpgaveLink, *samenspel.Opgave, noArgs]

	personOrganisation *plan.Field[samenspel.Person, *samenspel.Organisation, noArgs]
	personRoles        *plan.Field[samenspel.Person, []samenspel.Role, noArgs]

	roleOrganisation *plan.Field[samenspel.Role, *samenspel.Organisation, noArgs]
	rolePerson       *plan.Field[samenspel.Role, *samenspel.Person, noArgs]
	roleOpgave       *plan.Field[samenspel.Role, *samenspel.Opgave, noArgs]

	trustFrom, trustTo *plan.Field[samenspel.TrustAssessment, *samenspel.Organisation, noArgs]
	trustOpgave        *plan.Field[samenspel.TrustAssessment, *samenspel.Opgave, noArgs]

	instrumentOpgaven *plan.Field[samenspel.Instrument, []samenspel.Opgave, noArgs]

	practiceFields
}

// argAt reads the `at` argument; absent, it is the request's today.
func argAt(ctx context.Context, a plan.Args) (samenspel.Date, error) {
	s := a.String("at")
	if s == "" {
		return samenspel.TodayIn(ctx), nil
	}
	d, err := samenspel.ParseDate(s)
	if err != nil {
		return d, samenspel.Invalidf("at", "%v", err)
	}
	return d, nil
}

func atOf(ctx context.Context, a plan.Args) (atArgs, error) {
	d, err := argAt(ctx, a)
	return atArgs{At: d.String()}, err
}

// argFirst reads the `first` argument (its default is in the schema) and checks it is 1 to max.
func argFirst(a plan.Args, max int) (int, error) {
	n, _ := a.Int("first")
	if n < 1 || n > max {
		return n, samenspel.Invalidf("first", "must be between 1 and %d, got %d", max, n)
	}
	return n, nil
}

// mustDate parses a date the argument functions formatted.
func mustDate(s string) samenspel.Date {
	d, err := samenspel.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func byOrgID(o *samenspel.Organisation) (string, bool)    { return o.ID, true }
func byOpgaveID(o *samenspel.Opgave) (string, bool)       { return o.ID, true }
func byRegionKey(r *samenspel.Region) (string, bool)      { return r.Key(), true }
func byDivisionKey(d *samenspel.Division) (string, bool)  { return d.Key, true }
func idOrNone(id string) (string, bool)                   { return id, id != "" }
func noArgsOf(context.Context, plan.Args) (noArgs, error) { return noArgs{}, nil }

// pointers turns a map of values into a map of pointers to them.
func pointers[V any](m map[string]V, err error) (map[string]*V, error) {
	if err != nil {
		return nil, err
	}
	out := make(map[string]*V, len(m))
	for k, v := range m {
		out[k] = &v
	}
	return out, nil
}

// dangling is the error of a reference the store holds to something it does not hold: not the
// user's doing, so an internal error (logged), never NOT_FOUND.
func dangling(noun string) func(string) error {
	return func(id string) error { return fmt.Errorf("data: a reference to %s %q that does not exist", noun, id) }
}

// shownHealth leaves out the trust indicators a caller may not see, and their pairs.
func shownHealth(ind []model.HealthIndicator, aggregate, pairs bool) []model.HealthIndicator {
	out := ind[:0:0]
	for _, x := range ind {
		if samenspel.TrustIndicator(string(x.Key)) {
			if !aggregate {
				continue
			}
			if !pairs {
				x.Evidence, x.Organisations = []string{}, []samenspel.Organisation{}
				if x.Key == model.HealthKeyTrustLevel {
					x.Evidence = []string{"the pairs behind it are for analysts"}
				}
			}
		}
		out = append(out, x)
	}
	return out
}

// declare builds the batch plan over the resolver's store and service.
func (r *Resolver) declare(reg *plan.Registry) *fields {
	st, svc := r.Store, r.Svc
	f := &fields{}
	plan.Identity(reg, "Organisation", func(o *samenspel.Organisation) string { return o.ID })
	plan.Identity(reg, "Region", func(x *samenspel.Region) string { return x.Key() })
	plan.Identity(reg, "Division", func(d *samenspel.Division) string { return d.Key })
	plan.Identity(reg, "Opgave", func(o *samenspel.Opgave) string { return o.ID })
	plan.Identity(reg, "Role", func(x *samenspel.Role) string { return x.ID })
	plan.Identity(reg, "Person", func(p *samenspel.Person) string { return p.ID })
	plan.Identity(reg, "Instrument", func(i *samenspel.Instrument) string { return i.ID })
	plan.Identity(reg, "TrustAssessment", func(t *samenspel.TrustAssessment) string { return t.ID })

	// ---- Organisation ----
	memberships := func(ctx context.Context, g atDivision, ids []string) (map[string][]samenspel.Membership, error) {
		var at *samenspel.Date
		if g.At != "" {
			d := mustDate(g.At)
			at = &d
		}
		return st.Memberships(ctx, ids, at, g.Division)
	}
	f.orgRegions = plan.Add(reg, &plan.Field[samenspel.Organisation, []samenspel.Region, atDivision]{
		Type: "Organisation", Name: "regions", Key: byOrgID,
		Args: func(ctx context.Context, a plan.Args) (atDivision, error) {
			d, err := argAt(ctx, a) // regions default to today, the latest data
			return atDivision{At: d.String(), Division: a.String("division")}, err
		},
		Fetch: func(ctx context.Context, g atDivision, ids []string) (map[string][]samenspel.Region, error) {
			ms, err := memberships(ctx, g, ids)
			if err != nil {
				return nil, err
			}
			out := make(map[string][]samenspel.Region, len(ms))
			for id, list := range ms {
				regions := make([]samenspel.Region, len(list))
				for i, m := range list {
					regions[i] = m.Region
				}
				out[id] = regions
			}
			return out, nil
		},
	})
	f.orgMemberships = plan.Add(reg, &plan.Field[samenspel.Organisation, []samenspel.Membership, atDivision]{
		Type: "Organisation", Name: "memberships", Key: byOrgID,
		Args: func(ctx context.Context, a plan.Args) (atDivision, error) {
			g := atDivision{Division: a.String("division")} // without `at`: the whole history
			if a.Has("at") {
				d, err := argAt(ctx, a)
				g.At = d.String()
				return g, err
			}
			return g, nil
		},
		Fetch: memberships,
	})
	f.orgPartners = plan.Add(reg, &plan.Field[samenspel.Organisation, []samenspel.NaturalPartner, atFirst]{
		Type: "Organisation", Name: "naturalPartners", Key: byOrgID,
		Args: func(ctx context.Context, a plan.Args) (atFirst, error) {
			n, err := argFirst(a, samenspel.MaxPageSize)
			if err != nil {
				return atFirst{}, err
			}
			d, err := argAt(ctx, a)
			return atFirst{At: d.String(), First: n}, err
		},
		Fetch: func(ctx context.Context, g atFirst, ids []string) (map[string][]samenspel.NaturalPartner, error) {
			return st.NaturalPartners(ctx, ids, mustDate(g.At), g.First)
		},
	})
	mergers := func(into bool) func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Merger, error) {
		return func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Merger, error) {
			sets, err := plan.Memo(ctx, "mergers", strings.Join(ids, ","), func() (map[string]samenspel.MergerSet, error) { return st.Mergers(ctx, ids) })
			if err != nil {
				return nil, err
			}
			out := make(map[string][]samenspel.Merger, len(sets))
			for id, s := range sets {
				if into {
					out[id] = s.Into
				} else {
					out[id] = s.From
				}
			}
			return out, nil
		}
	}
	f.orgMergedInto = plan.Add(reg, &plan.Field[samenspel.Organisation, []samenspel.Merger, noArgs]{
		Type: "Organisation", Name: "mergedInto", Key: byOrgID, Args: noArgsOf, Fetch: mergers(true)})
	f.orgMergedFrom = plan.Add(reg, &plan.Field[samenspel.Organisation, []samenspel.Merger, noArgs]{
		Type: "Organisation", Name: "mergedFrom", Key: byOrgID, Args: noArgsOf, Fetch: mergers(false)})
	f.orgTerritory = plan.Add(reg, &plan.Field[samenspel.Organisation, *samenspel.Region, noArgs]{
		Type: "Organisation", Name: "territory", Key: byOrgID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string]*samenspel.Region, error) {
			return pointers(st.Governs(ctx, ids))
		},
	})
	f.orgOpgaven = plan.Add(reg, &plan.Field[samenspel.Organisation, []samenspel.OrganisationOpgave, orgOpgavenArgs]{
		Type: "Organisation", Name: "opgaven", Key: byOrgID,
		Args: func(ctx context.Context, a plan.Args) (orgOpgavenArgs, error) {
			statuses := a.Strings("status")
			sort.Strings(statuses)
			g := orgOpgavenArgs{Role: a.String("role"), Statuses: strings.Join(statuses, ",")}
			if !a.Bool("includeEnded") {
				g.At = samenspel.TodayIn(ctx).String()
			}
			return g, nil
		},
		Fetch: func(ctx context.Context, g orgOpgavenArgs, ids []string) (map[string][]samenspel.OrganisationOpgave, error) {
			ff := samenspel.OrganisationOpgaveFilter{RoleType: g.Role}
			if g.Statuses != "" {
				ff.Statuses = strings.Split(g.Statuses, ",")
			}
			if g.At != "" {
				d := mustDate(g.At)
				ff.At = &d
			}
			return st.OpgavenOfOrganisations(ctx, ids, ff)
		},
	})
	f.orgOpgaveCount = plan.Add(reg, &plan.Field[samenspel.Organisation, int, noArgs]{
		Type: "Organisation", Name: "opgaveCount", Key: byOrgID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string]int, error) {
			return st.OpgaveCounts(ctx, ids)
		},
	})
	f.orgPeople = plan.Add(reg, &plan.Field[samenspel.Organisation, []samenspel.Person, noArgs]{
		Type: "Organisation", Name: "people", Key: byOrgID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Person, error) {
			return st.PeopleOfOrganisations(ctx, ids)
		},
	})

	// ---- Region ----
	f.regionDivision = plan.Add(reg, &plan.Field[samenspel.Region, *samenspel.Division, noArgs]{
		Type: "Region", Name: "division", Args: noArgsOf,
		Key: func(x *samenspel.Region) (string, bool) { return x.Division, true },
		Fetch: func(ctx context.Context, _ noArgs, keys []string) (map[string]*samenspel.Division, error) {
			all, err := r.divisions(ctx)
			if err != nil {
				return nil, err
			}
			out := make(map[string]*samenspel.Division, len(keys))
			for _, k := range keys {
				if d, ok := all[k]; ok {
					out[k] = &d
				}
			}
			return out, nil
		},
		Missing: dangling("division"),
	})
	f.regionMembers = plan.Add(reg, &plan.Field[samenspel.Region, *model.OrganisationConnection, membersArgs]{
		Type: "Region", Name: "members", Key: byRegionKey,
		Args: func(ctx context.Context, a plan.Args) (membersArgs, error) {
			n, err := argFirst(a, samenspel.MaxPageSize)
			if err != nil {
				return membersArgs{}, err
			}
			after := a.String("after")
			if _, err := samenspel.DecodeCursor("after", after); err != nil {
				return membersArgs{}, err
			}
			d, err := argAt(ctx, a)
			return membersArgs{At: d.String(), After: after, First: n}, err
		},
		Fetch: func(ctx context.Context, g membersArgs, keys []string) (map[string]*model.OrganisationConnection, error) {
			conns, err := st.RegionMembers(ctx, keys, mustDate(g.At), samenspel.Page{First: g.First, After: g.After})
			if err != nil {
				return nil, err
			}
			out := make(map[string]*model.OrganisationConnection, len(keys))
			for _, k := range keys {
				out[k] = toOrganisationConnection(conns[k])
			}
			return out, nil
		},
	})
	f.regionMemberCount = plan.Add(reg, &plan.Field[samenspel.Region, int, atArgs]{
		Type: "Region", Name: "memberCount", Key: byRegionKey, Args: atOf,
		Fetch: func(ctx context.Context, g atArgs, keys []string) (map[string]int, error) {
			return st.RegionMemberCounts(ctx, keys, mustDate(g.At))
		},
	})
	f.regionOverlaps = plan.Add(reg, &plan.Field[samenspel.Region, []samenspel.RegionOverlap, atDivision]{
		Type: "Region", Name: "overlaps", Key: byRegionKey,
		Args: func(ctx context.Context, a plan.Args) (atDivision, error) {
			d, err := argAt(ctx, a)
			return atDivision{At: d.String(), Division: a.String("division")}, err
		},
		Fetch: func(ctx context.Context, g atDivision, keys []string) (map[string][]samenspel.RegionOverlap, error) {
			return st.Overlaps(ctx, keys, mustDate(g.At), g.Division)
		},
	})

	// ---- Division ----
	divArgs := func(ctx context.Context, a plan.Args) (atArgs, error) {
		if a.Bool("includeHistorical") {
			return atArgs{}, nil // every region of any vintage
		}
		return atOf(ctx, a)
	}
	divisionRegions := func(ctx context.Context, g atArgs, keys []string) (map[string][]samenspel.Region, error) {
		return plan.Memo(ctx, "division regions", g.At+"|"+strings.Join(keys, ","), func() (map[string][]samenspel.Region, error) {
			var at *samenspel.Date
			if g.At != "" {
				d := mustDate(g.At)
				at = &d
			}
			return st.RegionsOfDivisions(ctx, keys, at)
		})
	}
	f.divRegions = plan.Add(reg, &plan.Field[samenspel.Division, []samenspel.Region, atArgs]{
		Type: "Division", Name: "regions", Key: byDivisionKey, Args: divArgs, Fetch: divisionRegions})
	f.divRegionCount = plan.Add(reg, &plan.Field[samenspel.Division, int, atArgs]{
		Type: "Division", Name: "regionCount", Key: byDivisionKey, Args: divArgs,
		Fetch: func(ctx context.Context, g atArgs, keys []string) (map[string]int, error) {
			regions, err := divisionRegions(ctx, g, keys)
			if err != nil {
				return nil, err
			}
			out := make(map[string]int, len(keys))
			for _, k := range keys {
				out[k] = len(regions[k])
			}
			return out, nil
		},
	})

	// ---- Organisations by id, for every field that names one ----
	orgByID := func(ctx context.Context, _ noArgs, ids []string) (map[string]*samenspel.Organisation, error) {
		return pointers(st.OrganisationsByID(ctx, ids))
	}
	opgaveByID := func(ctx context.Context, _ noArgs, ids []string) (map[string]*samenspel.Opgave, error) {
		return pointers(st.OpgavenByID(ctx, ids))
	}
	f.mergerFrom = plan.Add(reg, &plan.Field[samenspel.Merger, *samenspel.Organisation, noArgs]{
		Type: "Merger", Name: "from", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(m *samenspel.Merger) (string, bool) { return m.FromID, true }})
	f.mergerInto = plan.Add(reg, &plan.Field[samenspel.Merger, *samenspel.Organisation, noArgs]{
		Type: "Merger", Name: "into", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(m *samenspel.Merger) (string, bool) { return m.IntoID, true }})

	// ---- Opgave ----
	f.opgaveArea = plan.Add(reg, &plan.Field[samenspel.Opgave, *samenspel.StoredArea, noArgs]{
		Type: "Opgave", Name: "area", Key: byOpgaveID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string]*samenspel.StoredArea, error) {
			areas, err := st.OpgaveAreas(ctx, ids)
			if err != nil {
				return nil, err
			}
			out := make(map[string]*samenspel.StoredArea, len(ids))
			for _, id := range ids {
				a := areas[id]
				if a.Regions == nil {
					a.Regions = []samenspel.Region{}
				}
				if a.Gemeenten == nil {
					a.Gemeenten = []samenspel.Organisation{}
				}
				out[id] = &a
			}
			return out, nil
		},
	})
	roles := func(ctx context.Context, g rolesArgs, ids []string) (map[string][]samenspel.Role, error) {
		ff := samenspel.RoleFilter{Type: g.Type, Level: g.Level}
		if g.At != "" {
			d := mustDate(g.At)
			ff.At = &d
		}
		return st.RolesOfOpgaven(ctx, ids, ff)
	}
	f.opgaveRoles = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Role, rolesArgs]{
		Type: "Opgave", Name: "roles", Key: byOpgaveID, Fetch: roles,
		Args: func(ctx context.Context, a plan.Args) (rolesArgs, error) {
			g := rolesArgs{Type: a.String("type"), Level: a.String("level")}
			if !a.Bool("includeEnded") {
				g.At = samenspel.TodayIn(ctx).String()
			}
			return g, nil
		},
	})
	f.opgaveTrekker = plan.Add(reg, &plan.Field[samenspel.Opgave, *samenspel.Role, rolesArgs]{
		Type: "Opgave", Name: "trekker", Key: byOpgaveID,
		Args: func(ctx context.Context, a plan.Args) (rolesArgs, error) {
			return rolesArgs{At: samenspel.TodayIn(ctx).String(), Type: "TREKKER", Level: a.String("level")}, nil
		},
		Fetch: func(ctx context.Context, g rolesArgs, ids []string) (map[string]*samenspel.Role, error) {
			found, err := roles(ctx, g, ids)
			if err != nil {
				return nil, err
			}
			out := make(map[string]*samenspel.Role, len(found))
			for id, rs := range found {
				if len(rs) > 0 {
					out[id] = &rs[0]
				}
			}
			return out, nil
		},
	})
	todayOf := func(ctx context.Context, _ plan.Args) (atArgs, error) {
		return atArgs{At: samenspel.TodayIn(ctx).String()}, nil
	}
	f.opgaveParticipants = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Participant, atArgs]{
		Type: "Opgave", Name: "participants", Key: byOpgaveID, Args: todayOf,
		Fetch: func(ctx context.Context, g atArgs, ids []string) (map[string][]samenspel.Participant, error) {
			return svc.Participants(ctx, ids, mustDate(g.At))
		},
	})
	f.opgaveContacts = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Contact, atArgs]{
		Type: "Opgave", Name: "contacts", Key: byOpgaveID, Args: todayOf,
		Fetch: func(ctx context.Context, g atArgs, ids []string) (map[string][]samenspel.Contact, error) {
			return svc.Contacts(ctx, ids, mustDate(g.At))
		},
	})
	f.opgaveInstruments = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.Instrument, noArgs]{
		Type: "Opgave", Name: "instruments", Key: byOpgaveID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Instrument, error) {
			return st.InstrumentsOfOpgaven(ctx, ids)
		},
	})
	f.opgaveLinks = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.LinkInfo, noArgs]{
		Type: "Opgave", Name: "links", Key: byOpgaveID, Args: noArgsOf,
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.LinkInfo, error) {
			return st.LinksOfOpgaven(ctx, ids)
		},
	})
	f.opgaveCount = plan.Add(reg, &plan.Field[samenspel.Opgave, int, atArgs]{
		Type: "Opgave", Name: "participantCount", Key: byOpgaveID, Args: todayOf,
		Fetch: func(ctx context.Context, g atArgs, ids []string) (map[string]int, error) {
			return st.ParticipantCounts(ctx, ids, mustDate(g.At))
		},
	})
	f.opgaveEuros = plan.Add(reg, &plan.Field[samenspel.Opgave, float64, atArgs]{
		Type: "Opgave", Name: "totalContributionEuros", Key: byOpgaveID, Args: todayOf,
		Fetch: func(ctx context.Context, g atArgs, ids []string) (map[string]float64, error) {
			return st.ContributionTotals(ctx, ids, mustDate(g.At))
		},
	})
	f.opgaveConnected = plan.Add(reg, &plan.Field[samenspel.Opgave, []samenspel.ConnectedOpgave, connectedArgs]{
		Type: "Opgave", Name: "connected", Key: byOpgaveID,
		Args: func(ctx context.Context, a plan.Args) (connectedArgs, error) {
			depth, _ := a.Int("maxDepth")
			if depth < 1 || depth > samenspel.MaxConnectedDepth {
				return connectedArgs{}, samenspel.Invalidf("maxDepth", "must be between 1 and %d, got %d", samenspel.MaxConnectedDepth, depth)
			}
			n, err := argFirst(a, samenspel.MaxPageSize)
			return connectedArgs{At: samenspel.TodayIn(ctx).String(), Depth: depth, First: n}, err
		},
		Fetch: func(ctx context.Context, g connectedArgs, ids []string) (map[string][]samenspel.ConnectedOpgave, error) {
			return svc.Connected(ctx, ids, g.Depth, g.First, mustDate(g.At))
		},
	})
	// The trust climate and the health of an opgave both stand on its coalition (and health on its
	// current roles): read once per level for both.
	coalitions := func(ctx context.Context, at string, ids []string) (map[string]samenspel.Coalition, error) {
		return plan.Memo(ctx, "coalitions", at+"|"+strings.Join(ids, ","), func() (map[string]samenspel.Coalition, error) {
			return st.Coalitions(ctx, ids, mustDate(at))
		})
	}
	f.opgaveClimate = plan.Add(reg, &plan.Field[samenspel.Opgave, *model.TrustClimate, atArgs]{
		Type: "Opgave", Name: "trustClimate", Key: byOpgaveID, Args: todayOf,
		// A climate the caller may not see is left out of the fetch; Missing says why.
		Missing: func(string) error {
			return samenspel.Forbiddenf("", "fewer than %d organisations other than yours assessed trust in this coalition; analysts see it all the same", samenspel.MinAssessments)
		},
		Fetch: func(ctx context.Context, g atArgs, ids []string) (map[string]*model.TrustClimate, error) {
			cs, err := coalitions(ctx, g.At, ids)
			if err != nil {
				return nil, err
			}
			climates := svc.TrustClimates(cs, mustDate(g.At))
			caller := samenspel.CallerIn(ctx)
			out := make(map[string]*model.TrustClimate, len(climates))
			for id, c := range climates {
				if shown, _ := samenspel.TrustShown(caller, cs[id].Assessments); shown {
					out[id] = toClimate(c)
				}
			}
			return out, nil
		},
	})
	f.opgaveHealth = plan.Add(reg, &plan.Field[samenspel.Opgave, []model.HealthIndicator, atArgs]{
		Type: "Opgave", Name: "health", Key: byOpgaveID, Args: todayOf,
		Fetch: func(ctx context.Context, g atArgs, ids []string) (map[string][]model.HealthIndicator, error) {
			cs, err := coalitions(ctx, g.At, ids)
			if err != nil {
				return nil, err
			}
			current, err := roles(ctx, rolesArgs{At: g.At}, ids)
			if err != nil {
				return nil, err
			}
			hs := svc.Healths(current, cs, mustDate(g.At))
			practice, spreadShown, err := r.practiceHealth(ctx, ids, mustDate(g.At))
			if err != nil {
				return nil, err
			}
			caller := samenspel.CallerIn(ctx)
			out := make(map[string][]model.HealthIndicator, len(hs))
			for id, h := range hs {
				aggregate, pairs := samenspel.TrustShown(caller, cs[id].Assessments)
				p := h
				p.Indicators = practice[id]
				out[id] = withPractice(shownHealth(toHealth(h), aggregate, pairs), toHealth(p), spreadShown[id])
			}
			return out, nil
		},
	})
	f.linkFrom = plan.Add(reg, &plan.Field[samenspel.OpgaveLink, *samenspel.Opgave, noArgs]{
		Type: "OpgaveLink", Name: "from", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(l *samenspel.OpgaveLink) (string, bool) { return l.FromID, true }})
	f.linkTo = plan.Add(reg, &plan.Field[samenspel.OpgaveLink, *samenspel.Opgave, noArgs]{
		Type: "OpgaveLink", Name: "to", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(l *samenspel.OpgaveLink) (string, bool) { return l.ToID, true }})

	// ---- Person, Role, TrustAssessment, Instrument ----
	f.personOrganisation = plan.Add(reg, &plan.Field[samenspel.Person, *samenspel.Organisation, noArgs]{
		Type: "Person", Name: "organisation", Args: noArgsOf, Fetch: orgByID,
		Key: func(p *samenspel.Person) (string, bool) { return idOrNone(p.OrganisationID) }})
	f.personRoles = plan.Add(reg, &plan.Field[samenspel.Person, []samenspel.Role, noArgs]{
		Type: "Person", Name: "roles", Args: noArgsOf,
		Key: func(p *samenspel.Person) (string, bool) { return p.ID, true },
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Role, error) {
			return st.RolesOfPeople(ctx, ids)
		},
	})
	f.roleOrganisation = plan.Add(reg, &plan.Field[samenspel.Role, *samenspel.Organisation, noArgs]{
		Type: "Role", Name: "organisation", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(x *samenspel.Role) (string, bool) { return x.OrganisationID, true }})
	f.rolePerson = plan.Add(reg, &plan.Field[samenspel.Role, *samenspel.Person, noArgs]{
		Type: "Role", Name: "person", Args: noArgsOf,
		Key: func(x *samenspel.Role) (string, bool) { return idOrNone(x.PersonID) },
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string]*samenspel.Person, error) {
			return pointers(st.PeopleByID(ctx, ids))
		},
	})
	f.roleOpgave = plan.Add(reg, &plan.Field[samenspel.Role, *samenspel.Opgave, noArgs]{
		Type: "Role", Name: "opgave", Args: noArgsOf, Fetch: opgaveByID, Missing: dangling("opgave"),
		Key: func(x *samenspel.Role) (string, bool) { return x.OpgaveID, true }})
	f.trustFrom = plan.Add(reg, &plan.Field[samenspel.TrustAssessment, *samenspel.Organisation, noArgs]{
		Type: "TrustAssessment", Name: "from", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(t *samenspel.TrustAssessment) (string, bool) { return t.FromID, true }})
	f.trustTo = plan.Add(reg, &plan.Field[samenspel.TrustAssessment, *samenspel.Organisation, noArgs]{
		Type: "TrustAssessment", Name: "to", Args: noArgsOf, Fetch: orgByID, Missing: dangling("organisation"),
		Key: func(t *samenspel.TrustAssessment) (string, bool) { return t.ToID, true }})
	f.trustOpgave = plan.Add(reg, &plan.Field[samenspel.TrustAssessment, *samenspel.Opgave, noArgs]{
		Type: "TrustAssessment", Name: "opgave", Args: noArgsOf, Fetch: opgaveByID,
		Key: func(t *samenspel.TrustAssessment) (string, bool) { return idOrNone(t.OpgaveID) }})
	f.instrumentOpgaven = plan.Add(reg, &plan.Field[samenspel.Instrument, []samenspel.Opgave, noArgs]{
		Type: "Instrument", Name: "opgaven", Args: noArgsOf,
		Key: func(i *samenspel.Instrument) (string, bool) { return i.ID, true },
		Fetch: func(ctx context.Context, _ noArgs, ids []string) (map[string][]samenspel.Opgave, error) {
			return st.OpgavenOfInstruments(ctx, ids)
		},
	})
	f.practiceFields = r.declarePractice(reg, orgByID, opgaveByID)
	return f
}
