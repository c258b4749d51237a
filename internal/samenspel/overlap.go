package samenspel

import "sort"

// Overlap figures for two sets of gemeenten A (this region) and B (the other region):
// Jaccard = |A∩B| / |A∪B|, ShareOfThis = |A∩B| / |A|, ShareOfOther = |A∩B| / |B|.
type Overlap struct {
	Shared       int
	Jaccard      float64
	ShareOfThis  float64
	ShareOfOther float64
}

// ComputeOverlap returns the overlap figures for sets of sizes sizeA and sizeB sharing shared
// members. Empty sets give zeros, never NaN.
func ComputeOverlap(sizeA, sizeB, shared int) Overlap {
	o := Overlap{Shared: shared}
	if union := sizeA + sizeB - shared; union > 0 {
		o.Jaccard = float64(shared) / float64(union)
	}
	if sizeA > 0 {
		o.ShareOfThis = float64(shared) / float64(sizeA)
	}
	if sizeB > 0 {
		o.ShareOfOther = float64(shared) / float64(sizeB)
	}
	return o
}

// Cell is one non-empty cell of the contingency matrix of two divisions: region A of the first and
// region B of the second share Shared gemeenten.
type Cell struct {
	A, B   string
	Shared int
}

// Congruence summarises how well two divisions line up.
//
// For each region a of division A, let best(a) be the largest number of its gemeenten that lie in a
// single region of B. AInB = Σ best(a) / N, where N is the number of gemeenten in both divisions:
// the share of gemeenten that sit in the dominant B-region of their A-region. AInB is 1 exactly when
// every A-region lies inside one B-region. BInA is the same the other way round, and
// Score = max(AInB, BInA): 1 exactly when one division nests inside the other (equal divisions
// score 1 both ways).
type Congruence struct {
	Cells      []Cell // sorted by Shared descending, then A, then B
	Gemeenten  int    // N
	AInB, BInA float64
	Score      float64
	SplitA     []string // A-regions that do not lie inside a single B-region, sorted
	SplitB     []string // B-regions that do not lie inside a single A-region, sorted
}

// ComputeCongruence computes the congruence of two divisions from the cells of their contingency
// matrix. The input order does not matter; cells with Shared <= 0 are ignored.
func ComputeCongruence(cells []Cell) Congruence {
	var c Congruence
	bestA, bestB := map[string]int{}, map[string]int{}
	rowsA, rowsB := map[string]int{}, map[string]int{}
	for _, cell := range cells {
		if cell.Shared <= 0 {
			continue
		}
		c.Cells = append(c.Cells, cell)
		c.Gemeenten += cell.Shared
		bestA[cell.A] = max(bestA[cell.A], cell.Shared)
		bestB[cell.B] = max(bestB[cell.B], cell.Shared)
		rowsA[cell.A]++
		rowsB[cell.B]++
	}
	sort.Slice(c.Cells, func(i, j int) bool {
		x, y := c.Cells[i], c.Cells[j]
		if x.Shared != y.Shared {
			return x.Shared > y.Shared
		}
		if x.A != y.A {
			return x.A < y.A
		}
		return x.B < y.B
	})
	if c.Gemeenten == 0 {
		return c
	}
	c.AInB = float64(sum(bestA)) / float64(c.Gemeenten)
	c.BInA = float64(sum(bestB)) / float64(c.Gemeenten)
	c.Score = max(c.AInB, c.BInA)
	c.SplitA = keysWithMoreThanOne(rowsA)
	c.SplitB = keysWithMoreThanOne(rowsB)
	return c
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func keysWithMoreThanOne(m map[string]int) []string {
	out := []string{}
	for k, n := range m {
		if n > 1 {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
