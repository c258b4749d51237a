package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/samenspel/samenspel/internal/plan"
	"github.com/samenspel/samenspel/internal/service"
)

// The cost model: what a request may cost before any Cypher runs. Every field costs 1 plus what
// is selected below it; a list multiplies what is selected below it by how many items it can
// hold: its `first` argument where it has one, otherwise the bound in listSize (measured on the
// real data, with room). A few fields cost more for the work they do (weight). The schema's
// description of Query repeats these rules; costs are counted by gqlgen's complexity walker
// (fragments and aliases included) with the arguments the query gives and the schema's defaults.

// listSize bounds the lists without a `first` argument: the most items one can hold in the
// default data at scale 10, rounded up.
var listSize = map[string]int{
	"Query.divisions":                   30,
	"Query.themes":                      20,
	"Query.apiKeys":                     100,
	"AuditEventConnection.edges":        1,
	"PersonData.roles":                  40,
	"PersonData.auditEvents":            100,
	"Organisation.regions":              30,
	"Organisation.memberships":          80,
	"Organisation.mergedInto":           5,
	"Organisation.mergedFrom":           10,
	"Organisation.opgaven":              100,
	"Organisation.people":               30,
	"Division.regions":                  80,
	"Region.overlaps":                   150,
	"NaturalPartner.regions":            30,
	"OrganisationConnection.edges":      1, // the connection's `first` already multiplies
	"RegionConnection.edges":            1,
	"OpgaveConnection.edges":            1,
	"Opgave.roles":                      40,
	"Opgave.participants":               40,
	"Opgave.contacts":                   40,
	"Opgave.instruments":                10,
	"Opgave.links":                      20,
	"Opgave.health":                     12,
	"Opgave.interests":                  40,
	"Opgave.interestConflicts":          20,
	"Opgave.agreements":                 40,
	"Opgave.results":                    40,
	"Opgave.lessons":                    40,
	"CheckInSummary.trend":              8,
	"CheckInSummary.spread":             3,
	"CheckInSummary.missing":            40,
	"QuestionSpread.differMost":         10,
	"Result.contributions":              20,
	"ResultSummary.partners":            40,
	"PartnerContribution.contributions": 20,
	"Area.regions":                      20,
	"Area.gemeenten":                    100,
	"Participant.roles":                 5,
	"Contact.roles":                     5,
	"OrganisationOpgave.roles":          5,
	"Person.roles":                      40,
	"Instrument.opgaven":                40,
	"WhoElseHit.evidence":               20,
	"WhoElseAnswer.hits":                1, // the query's `first` already multiplies
	"WhoElseEvidence.roles":             5,
	"ConnectedOpgave.reasons":           10,
	"OpgavePath.steps":                  11,
	"HealthIndicator.organisations":     40,
	"HealthIndicator.roles":             40,
	"TrustRelation.history":             40,
	"TrustClimate.weakestPairs":         5,
	"CollaborationNetwork.nodes":        1000,
	"CollaborationNetwork.edges":        10000,
	"CollaborationNetwork.communities":  20,
	"CollaborationNetwork.brokers":      200,
	"CollaborationNetwork.isolated":     200,
	"NetworkCommunity.members":          100,
	"DivisionCongruence.pairs":          400,
	"DivisionCongruence.splitA":         400,
	"DivisionCongruence.splitB":         400,
	"BorderConflict.pairs":              300,
	"OpgaveStatsYear.groups":            1, // the series' `first` and its years already multiply
	"Participation.perProvincie":        12,
	"WorkbookImport.sheets":             13, // one per sheet
	"Query.participationSeries":         30, // a series holds at most 30 years; costOf counts the years asked
}

// listSizeOfDivision bounds the same lists when a `division` argument narrows them to one division.
var listSizeOfDivision = map[string]int{
	"Organisation.regions":     3,
	"Organisation.memberships": 6,
	"Region.overlaps":          5,
}

// weight is the extra cost of fields that do more than read: the analyses and the walks.
var weight = map[string]int{
	"Query.collaborationNetwork": 2000, // the network analysis (cached per filter)
	"Query.weakLinks":            2000, // reads the same analysis
	"Query.borderConflicts":      500,  // every membership of every gemeente
	"Query.divisionCongruence":   100,
	"Query.connection":           200, // shortest paths through the whole graph
	"Query.whoElse":              100,
	"Query.whoElseAnswer":        100,
	"Query.search":               20,
	"Opgave.connected":           100, // per level of maxDepth
	"Opgave.trustClimate":        20,
	"Opgave.health":              20,
	"Opgave.checkInSummary":      20,
	"Opgave.resultSummary":       20,
	"Opgave.relatedLessons":      100,  // themes and area overlap with every other opgave
	"Query.opgaveStats":          200,  // one pass over the running opgaven and their roles
	"Query.opgaveStatsSeries":    200,  // per year
	"Query.participation":        300,  // one pass over the organisations and their roles
	"Query.participationSeries":  300,  // per year
	"Mutation.importWorkbook":    1000, // reads and writes up to a whole register
}

// seriesYears is the number of years a series asks for (1 when the arguments are not valid: the
// resolver refuses those).
func seriesYears(args map[string]any) int {
	from, ok1 := plan.Args(args).Int("fromYear")
	to, ok2 := plan.Args(args).Int("toYear")
	if !ok1 || !ok2 || to < from || to-from >= service.MaxSeriesYears {
		return 1
	}
	return to - from + 1
}

// costOf is the cost of one field: its weight (1 by default) plus its children's cost times the
// number of items it can hold.
func (c *costModel) costOf(typeName, field string, child int, args map[string]any) int {
	key := typeName + "." + field
	w, ok := weight[key]
	if !ok {
		w = 1
	}
	if key == "Opgave.connected" {
		depth, _ := plan.Args(args).Int("maxDepth")
		w *= max(depth, 1)
	}
	n := 1
	switch key {
	case "Query.opgaveStatsSeries": // the weight and the groups per year asked
		years := seriesYears(args)
		first, ok := plan.Args(args).Int("first")
		if !ok {
			first = c.defaultFirst[key]
		}
		return safeAdd(safeMul(w, years), safeMul(safeMul(years, max(first, 1)), child))
	case "Query.participationSeries": // the weight and the selection per year asked
		years := seriesYears(args)
		return safeAdd(safeMul(w, years), safeMul(years, child))
	}
	if c.hasFirst[key] {
		first, ok := plan.Args(args).Int("first")
		if !ok { // null: the schema's default
			first = c.defaultFirst[key]
		}
		n = max(first, 1)
	} else if c.isList[key] {
		n = listSize[key]
		if d, ok := listSizeOfDivision[key]; ok && plan.Args(args).String("division") != "" {
			n = d
		}
		if n == 0 {
			n = defaultListSize
		}
	}
	return safeAdd(w, safeMul(n, child))
}

// defaultListSize is the bound of a list the table does not name (TestEveryListHasABound makes
// sure there is none).
const defaultListSize = 100

const maxCost = 1 << 40

func safeAdd(a, b int) int { return min(a+b, maxCost) }
func safeMul(a, b int) int {
	if a != 0 && b > maxCost/a {
		return maxCost
	}
	return a * b
}

// costModel knows which fields are lists and which take `first`, from the schema.
type costModel struct {
	isList, hasFirst map[string]bool
	defaultFirst     map[string]int
}

func newCostModel(s *ast.Schema) *costModel {
	c := &costModel{isList: map[string]bool{}, hasFirst: map[string]bool{}, defaultFirst: map[string]int{}}
	for name, def := range s.Types {
		if def.Kind != ast.Object {
			continue
		}
		for _, f := range def.Fields {
			key := name + "." + f.Name
			c.isList[key] = f.Type.Elem != nil
			if a := f.Arguments.ForName("first"); a != nil {
				c.hasFirst[key] = true
				if a.DefaultValue != nil {
					if v, err := a.DefaultValue.Value(nil); err == nil {
						c.defaultFirst[key], _ = plan.Args{"first": v}.Int("first")
					}
				}
			}
		}
	}
	return c
}

// Costed wraps an executable schema with the cost model, for gqlgen's complexity walker.
type Costed struct {
	graphql.ExecutableSchema
	model *costModel
}

// WithCost returns es with the cost model as its complexity.
func WithCost(es graphql.ExecutableSchema) Costed {
	return Costed{ExecutableSchema: es, model: newCostModel(es.Schema())}
}

// Complexity implements graphql.ExecutableSchema.
func (c Costed) Complexity(ctx context.Context, typeName, field string, childComplexity int, args map[string]any) (int, bool) {
	return c.model.costOf(typeName, field, childComplexity, args), true
}
