package samenspel

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComputeOverlap(t *testing.T) {
	tests := []struct {
		name               string
		a, b, shared       int
		jac, thisS, otherS float64
	}{
		{"identical", 4, 4, 4, 1, 1, 1},
		{"a inside b", 2, 8, 2, 0.25, 1, 0.25},
		{"partial", 3, 3, 1, 0.2, 1.0 / 3, 1.0 / 3},
		{"disjoint", 3, 5, 0, 0, 0, 0},
		{"empty", 0, 0, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeOverlap(tt.a, tt.b, tt.shared)
			want := Overlap{Shared: tt.shared, Jaccard: tt.jac, ShareOfThis: tt.thisS, ShareOfOther: tt.otherS}
			if diff := cmp.Diff(want, got, cmp.Comparer(approx)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func approx(x, y float64) bool { return math.Abs(x-y) < 1e-9 }

func TestComputeCongruence(t *testing.T) {
	tests := []struct {
		name           string
		cells          []Cell
		aInB, bInA     float64
		score          float64
		splitA, splitB []string
	}{
		{
			name:  "A nests in B",
			cells: []Cell{{"a1", "b1", 3}, {"a2", "b1", 2}, {"a3", "b2", 5}},
			aInB:  1, bInA: 0.8, score: 1,
			splitA: []string{}, splitB: []string{"b1"},
		},
		{
			name:  "identical divisions",
			cells: []Cell{{"a1", "b1", 3}, {"a2", "b2", 7}},
			aInB:  1, bInA: 1, score: 1,
			splitA: []string{}, splitB: []string{},
		},
		{
			// 10 gemeenten; a1 = {4 in b1, 1 in b2}, a2 = {5 in b2}
			// AInB = (4+5)/10; BInA: b1 best 4, b2 best 5 → 0.9; neither nests.
			name:  "crossing border",
			cells: []Cell{{"a1", "b1", 4}, {"a1", "b2", 1}, {"a2", "b2", 5}},
			aInB:  0.9, bInA: 0.9, score: 0.9,
			splitA: []string{"a1"}, splitB: []string{"b2"},
		},
		{
			name:   "no data",
			cells:  nil,
			splitA: nil, splitB: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeCongruence(tt.cells)
			if !approx(got.AInB, tt.aInB) || !approx(got.BInA, tt.bInA) || !approx(got.Score, tt.score) {
				t.Errorf("AInB, BInA, Score = %v, %v, %v; want %v, %v, %v", got.AInB, got.BInA, got.Score, tt.aInB, tt.bInA, tt.score)
			}
			if diff := cmp.Diff(tt.splitA, got.SplitA); diff != "" {
				t.Errorf("SplitA mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.splitB, got.SplitB); diff != "" {
				t.Errorf("SplitB mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestComputeCongruenceSortsCells(t *testing.T) {
	got := ComputeCongruence([]Cell{{"a2", "b1", 1}, {"a1", "b2", 5}, {"a1", "b1", 1}, {"a3", "b3", 0}})
	want := []Cell{{"a1", "b2", 5}, {"a1", "b1", 1}, {"a2", "b1", 1}}
	if diff := cmp.Diff(want, got.Cells); diff != "" {
		t.Errorf("cells mismatch (-want +got):\n%s", diff)
	}
	if got.Gemeenten != 7 {
		t.Errorf("Gemeenten = %d, want 7", got.Gemeenten)
	}
}
