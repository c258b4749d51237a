package graph

import (
	"context"

	"github.com/graph-gophers/dataloader/v7"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// loadPtr loads one value and returns a pointer to it (nil with the loader's error).
func loadPtr[K comparable, V any](ctx context.Context, l *dataloader.Loader[K, V], key K) (*V, error) {
	v, err := l.Load(ctx, key)()
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// congruence compares two divisions: the cells come from the store, the figures from the pure
// samenspel.ComputeCongruence, and the regions' names from one batched lookup.
func (r *queryResolver) congruence(ctx context.Context, a, b string, at samenspel.Date) (*model.DivisionCongruence, error) {
	l := For(ctx)
	da, err := loadPtrField(ctx, l.Division, a, "a")
	if err != nil {
		return nil, err
	}
	db, err := loadPtrField(ctx, l.Division, b, "b")
	if err != nil {
		return nil, err
	}
	cells, err := r.DB.CongruenceCells(ctx, a, b, at)
	if err != nil {
		return nil, err
	}
	c := samenspel.ComputeCongruence(cells)
	var keys []string
	for _, cell := range c.Cells {
		keys = append(keys, samenspel.RegionKey(a, cell.A), samenspel.RegionKey(b, cell.B))
	}
	regions, err := r.DB.RegionsByKey(ctx, keys)
	if err != nil {
		return nil, err
	}
	region := func(div, code string) *samenspel.Region {
		reg, ok := regions[samenspel.RegionKey(div, code)]
		if !ok {
			reg = samenspel.Region{Division: div, Code: code, Name: code}
		}
		return &reg
	}
	out := &model.DivisionCongruence{A: da, B: db, At: at, Gemeenten: c.Gemeenten, AInB: c.AInB, BInA: c.BInA, Score: c.Score,
		Pairs: make([]model.RegionPair, len(c.Cells)), SplitA: []samenspel.Region{}, SplitB: []samenspel.Region{}}
	for i, cell := range c.Cells {
		out.Pairs[i] = model.RegionPair{A: region(a, cell.A), B: region(b, cell.B), Shared: cell.Shared}
	}
	for _, code := range c.SplitA {
		out.SplitA = append(out.SplitA, *region(a, code))
	}
	for _, code := range c.SplitB {
		out.SplitB = append(out.SplitB, *region(b, code))
	}
	return out, nil
}

// loadPtrField loads a division, reporting an unknown key against the argument field.
func loadPtrField(ctx context.Context, l *divisionMemo, key, field string) (*samenspel.Division, error) {
	d, err := l.Load(ctx, key)
	if samenspel.ErrorCode(err) == samenspel.ECodeNotFound {
		return nil, samenspel.Invalidf(field, "no division %q; see `divisions { key }`", key)
	}
	return d, err
}

func (r *queryResolver) borderConflicts(ctx context.Context, divisions []string, at samenspel.Date, first int) ([]model.BorderConflict, error) {
	for _, key := range divisions {
		if _, err := loadPtrField(ctx, For(ctx).Division, key, "divisions"); err != nil {
			return nil, err
		}
	}
	assign, err := r.DB.Assignments(ctx, at, divisions)
	if err != nil {
		return nil, err
	}
	ranked := samenspel.ComputeBorderConflicts(assign)
	if len(ranked) > first {
		ranked = ranked[:first]
	}
	ids := make([]string, len(ranked))
	for i, bc := range ranked {
		ids[i] = bc.Gemeente
	}
	orgs, err := r.DB.OrganisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	found := make([]samenspel.Organisation, 0, len(ranked))
	for _, bc := range ranked {
		found = append(found, orgs[bc.Gemeente])
	}
	primeOrganisations(ctx, found, "organisation")
	out := make([]model.BorderConflict, len(ranked))
	for i, bc := range ranked {
		o := orgs[bc.Gemeente]
		out[i] = model.BorderConflict{Organisation: &o, Count: len(bc.Pairs), Pairs: make([]model.DivisionKeyPair, len(bc.Pairs))}
		for j, p := range bc.Pairs {
			out[i].Pairs[j] = model.DivisionKeyPair{A: p.A, B: p.B}
		}
	}
	return out, nil
}
