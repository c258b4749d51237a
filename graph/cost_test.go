package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/complexity"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestEveryListHasABound walks the schema: every list of objects has a `first` argument or a bound
// in listSize, and every entry of listSize and weight names a field that exists.
func TestEveryListHasABound(t *testing.T) {
	s := NewExecutableSchema(Config{}).Schema()
	for name, def := range s.Types {
		if def.Kind != ast.Object || strings.HasPrefix(name, "__") {
			continue
		}
		for _, f := range def.Fields {
			elem := f.Type.Elem
			if elem == nil || strings.HasPrefix(f.Name, "__") || s.Types[elem.Name()].Kind != ast.Object {
				continue
			}
			if _, ok := listSize[name+"."+f.Name]; !ok && f.Arguments.ForName("first") == nil {
				t.Errorf("%s.%s is a list of %s without `first` and without a bound in listSize", name, f.Name, elem.Name())
			}
		}
	}
	exists := func(key string) bool {
		typ, field, _ := strings.Cut(key, ".")
		def := s.Types[typ]
		return def != nil && def.Fields.ForName(field) != nil
	}
	for _, table := range []map[string]int{listSize, listSizeOfDivision, weight} {
		for key := range table {
			if !exists(key) {
				t.Errorf("the cost tables name %s, which the schema does not have", key)
			}
		}
	}
}

func cost(t *testing.T, query string, vars map[string]any) int {
	t.Helper()
	es := WithCost(NewExecutableSchema(Config{}))
	doc, err := gqlparser.LoadQuery(es.Schema(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return complexity.Calculate(context.Background(), es, doc.Operations[0], vars)
}

// TestCostModel checks the rules the schema and the README describe, on small queries.
func TestCostModel(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  int
	}{
		// 1 per field.
		{`{ organisation(code: "GM0363") { name code } }`, 3},
		// A list without `first` multiplies what it selects by its bound (Organisation.regions: 30).
		{`{ organisation(code: "GM0363") { regions { name } } }`, 1 + 1 + 30*1},
		// A `division` narrows it (3).
		{`{ organisation(code: "GM0363") { regions(division: "provincie") { name } } }`, 1 + 1 + 3*1},
		// `first` multiplies a connection's page (edges count once).
		{`{ organisations(first: 50) { totalCount edges { node { name } } } }`, 1 + 50*(1+1+(1+1))},
		// A list of scalars costs 1.
		{`{ themes { key } }`, 1 + 20*1},
		// Weighted fields: the network costs 2,000 before what it returns.
		{`{ collaborationNetwork { modularity } }`, 2000 + 1},
		// connected costs 100 per level of maxDepth, and `first` multiplies what it selects.
		{`{ opgave(id: "x") { connected(maxDepth: 3, first: 10) { depth } } }`, 1 + 300 + 10*1},
	} {
		if got := cost(t, tt.query, nil); got != tt.want {
			t.Errorf("cost of %s = %d, want %d", tt.query, got, tt.want)
		}
	}
}

// TestEverydayQueriesFitTheLimit: the queries of the README and of a dashboard's day cost less than
// the default limit, and the queries that once took a server down cost more.
func TestEverydayQueriesFitTheLimit(t *testing.T) {
	const limit = 100000
	for _, q := range []string{
		`{ organisation(code: "GM0363") { name regions { id name division { key name } } in2020: memberships(at: "2020-06-01") { region { id name } vintage from until } } }`,
		`{ region(division: "veiligheidsregio", code: "VR13") { name memberCount overlaps { region { id name } shared jaccard shareOfThis shareOfOther } } }`,
		`{ divisionCongruence(a: "res_regio", b: "provincie") { score aInB bInA splitA { name } pairs { a { name } b { name } shared } } borderConflicts(first: 5) { organisation { name } count pairs { a b } } }`,
		`{ organisations(filter: { kind: [GEMEENTE] }, first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { code name regions(division: "provincie") { name } } } } }`,
		`{ opgave(id: "x") { title goal status themes trekker { organisation { name } person { name function } } participants { organisation { name kind } roles { type level } contributionEuros contributionFte } contacts { person { id name function organisation { name } } roles { type } } instruments { name type amountEuros } } }`,
		`{ whoElse(theme: "wonen", first: 10) { organisation { name } score sharedThemes areaOverlap sharedOpgaven evidence { opgave { title } roles { type level } } } }`,
		`{ opgave(id: "x") { connected(maxDepth: 2) { depth opgave { title } reasons { kind via { title } linkType organisation { name } region { name } } } } connection(from: "a", to: "b") { length steps { kind relation opgave { title } organisation { name } region { name } } } }`,
		`{ opgaven(first: 50) { edges { node { title participants { organisation { name } } } } } }`,
		`{ collaborationNetwork { modularity computeMillis cached brokers { name } communities { size members { name } } nodes { organisation { name } betweenness pageRank community } } weakLinks(first: 10) { a { name } b { name } sharedOpgaven trust } }`,
		`{ collaborationNetwork { nodes { organisation { id name kind } degree betweenness pageRank community broker isolated } edges { a { id } b { id } weight sharedOpgaven } } }`,
		`{ opgaveStats(groupBy: [THEME, REGION], division: "veiligheidsregio") { theme region { id name } opgaven contributionEuros contributionFte } participation { country { mean median } perProvincie { provincie { name } mean median min max } } }`,
		`{ opgaveStatsSeries(groupBy: [THEME], fromYear: 2016, toYear: 2026, first: 20) { year groups { theme opgaven contributionEuros } } participationSeries(fromYear: 2016, toYear: 2026) { at country { mean } } }`,
	} {
		if c := cost(t, q, nil); c > limit {
			t.Errorf("cost %d > %d for an everyday query: %s", c, limit, q)
		}
	}
	for _, q := range []string{
		`{ organisations(first: 100) { edges { node { naturalPartners(first: 100) { organisation { naturalPartners(first: 100) { organisation { name } } } } } } } }`,
		`{ organisation(code: "GM0344") { regions { members(first: 100) { edges { node { regions { members(first: 100) { edges { node { name } } } } } } } } } }`,
	} {
		if c := cost(t, q, nil); c <= limit {
			t.Errorf("cost %d <= %d for a query that returns millions of objects: %s", c, limit, q)
		}
	}
}

// TestSeriesCostGrowsWithTheYears: a series costs its weight and its selection once per year.
func TestSeriesCostGrowsWithTheYears(t *testing.T) {
	for _, q := range []string{
		`query($f: Int!, $t: Int!) { participationSeries(fromYear: $f, toYear: $t) { at country { mean } } }`,
		`query($f: Int!, $t: Int!) { opgaveStatsSeries(fromYear: $f, toYear: $t, first: 10) { year groups { opgaven } } }`,
	} {
		one := cost(t, q, map[string]any{"f": 2020, "t": 2020})
		ten := cost(t, q, map[string]any{"f": 2016, "t": 2025})
		if ten != 10*one {
			t.Errorf("%s: 1 year costs %d, 10 years %d; want 10 times as much", q, one, ten)
		}
	}
}

// TestSchemaDescribesCost: every bound of the cost tables is in the description of its field, so
// that a dashboard author can predict a request's cost from the schema alone.
func TestSchemaDescribesCost(t *testing.T) {
	s := NewExecutableSchema(Config{}).Schema()
	desc := func(key string) string {
		typ, field, _ := strings.Cut(key, ".")
		return s.Types[typ].Fields.ForName(field).Description
	}
	for key, n := range listSize {
		if _, weighted := weight[key]; n > 1 && !weighted && !strings.Contains(desc(key), fmt.Sprintf("Cost: counts as %d items", n)) {
			t.Errorf("%s counts as %d items, but its description does not say so", key, n)
		}
	}
	for key, w := range weight {
		if !strings.Contains(desc(key), fmt.Sprintf("Cost: %d", w)) {
			t.Errorf("%s costs %d more, but its description does not say so", key, w)
		}
		if n := listSize[key]; n > 1 && !strings.Contains(desc(key), fmt.Sprintf("plus %d times", n)) {
			t.Errorf("%s counts as %d items, but its description does not say so", key, n)
		}
	}
	for name, def := range s.Types {
		for _, f := range def.Fields {
			if f.Arguments.ForName("first") != nil && !strings.Contains(f.Description, "Cost:") {
				t.Errorf("%s.%s takes `first`, but its description does not say what it costs", name, f.Name)
			}
		}
	}
}

// TestSchemaDescribesInputLimits: every bound of an input list is in its description.
func TestSchemaDescribesInputLimits(t *testing.T) {
	s := NewExecutableSchema(Config{}).Schema()
	for key, n := range inputLimits {
		var d string
		if typ, rest, ok := strings.Cut(key, "."); ok {
			if field, arg, isArg := strings.Cut(strings.TrimSuffix(rest, ")"), "("); isArg {
				d = s.Types[typ].Fields.ForName(field).Arguments.ForName(arg).Description
			} else {
				d = s.Types[typ].Fields.ForName(field).Description
			}
		}
		if !strings.Contains(d, fmt.Sprintf("at most %d", n)) {
			t.Errorf("%s holds at most %d items, but its description (%q) does not say so", key, n, d)
		}
	}
}
