package samenspel

import "sort"

// Assignments maps division key → gemeente ID → the codes of the regions it is in.
type Assignments map[string]map[string][]string

// Add records that gemeente g is in region code of division div.
func (a Assignments) Add(div, g, code string) {
	if a[div] == nil {
		a[div] = map[string][]string{}
	}
	a[div][g] = append(a[div][g], code)
}

// DivisionPair names two divisions, A < B.
type DivisionPair struct{ A, B string }

// BorderConflict says in how many pairs of divisions a gemeente sits where their borders cross.
type BorderConflict struct {
	Gemeente string
	Pairs    []DivisionPair // sorted
}

// ComputeBorderConflicts ranks gemeenten by the number of division pairs whose borders cross at
// them. For divisions A and B, gemeente g sits on a crossing when its A-region is spread over
// several B-regions and its B-region is spread over several A-regions: neither region contains the
// other, so g's partners differ depending on which division one asks. Nested divisions (every
// veiligheidsregio inside one politie-eenheid) never cross. The result is sorted by the number of
// pairs descending, then gemeente ID; gemeenten without crossings are left out.
func ComputeBorderConflicts(a Assignments) []BorderConflict {
	divs := make([]string, 0, len(a))
	for d := range a {
		divs = append(divs, d)
	}
	sort.Strings(divs)
	pairs := map[string][]DivisionPair{}
	for i, da := range divs {
		for _, db := range divs[i+1:] {
			for _, g := range crossings(a[da], a[db]) {
				pairs[g] = append(pairs[g], DivisionPair{da, db})
			}
		}
	}
	out := make([]BorderConflict, 0, len(pairs))
	for g, ps := range pairs {
		out = append(out, BorderConflict{Gemeente: g, Pairs: ps})
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Pairs) != len(out[j].Pairs) {
			return len(out[i].Pairs) > len(out[j].Pairs)
		}
		return out[i].Gemeente < out[j].Gemeente
	})
	return out
}

func crossings(ga, gb map[string][]string) []string {
	spreadA := map[string]map[string]bool{} // A-region → B-regions it touches
	spreadB := map[string]map[string]bool{}
	for g, ras := range ga {
		for _, ra := range ras {
			for _, rb := range gb[g] {
				addTo(spreadA, ra, rb)
				addTo(spreadB, rb, ra)
			}
		}
	}
	var out []string
	for g, ras := range ga {
	outer:
		for _, ra := range ras {
			for _, rb := range gb[g] {
				if len(spreadA[ra]) > 1 && len(spreadB[rb]) > 1 {
					out = append(out, g)
					break outer
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func addTo(m map[string]map[string]bool, k, v string) {
	if m[k] == nil {
		m[k] = map[string]bool{}
	}
	m[k][v] = true
}
