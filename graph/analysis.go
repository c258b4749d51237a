package graph

import (
	"context"

	"github.com/samenspel/samenspel/graph/model"
	"github.com/samenspel/samenspel/internal/samenspel"
)

// congruence compares two divisions: the cells come from the store, the figures from the pure
// samenspel.ComputeCongruence, and the regions' names from one batched lookup.
func (r *Resolver) congruence(ctx context.Context, a, b string, at samenspel.Date) (*model.DivisionCongruence, error) {
	da, err := r.divisionArg(ctx, a, "a")
	if err != nil {
		return nil, err
	}
	db, err := r.divisionArg(ctx, b, "b")
	if err != nil {
		return nil, err
	}
	cells, err := r.Store.CongruenceCells(ctx, a, b, at)
	if err != nil {
		return nil, err
	}
	c := samenspel.ComputeCongruence(cells)
	var keys []string
	for _, cell := range c.Cells {
		keys = append(keys, samenspel.RegionKey(a, cell.A), samenspel.RegionKey(b, cell.B))
	}
	regions := map[string]samenspel.Region{}
	if len(keys) > 0 {
		if regions, err = r.Store.RegionsByKey(ctx, keys); err != nil {
			return nil, err
		}
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

// divisionArg reads a division named by an argument; an unknown key is the caller's mistake.
func (r *Resolver) divisionArg(ctx context.Context, key, field string) (*samenspel.Division, error) {
	d, err := r.division(ctx, key, field)
	if samenspel.ErrorCode(err) == samenspel.ECodeNotFound {
		return nil, samenspel.Invalidf(field, "no division %q; see `divisions { key }`", key)
	}
	return d, err
}

func (r *Resolver) borderConflicts(ctx context.Context, divisions []string, at samenspel.Date, first int) ([]model.BorderConflict, error) {
	for _, key := range divisions {
		if _, err := r.divisionArg(ctx, key, "divisions"); err != nil {
			return nil, err
		}
	}
	assign, err := r.Store.Assignments(ctx, at, divisions)
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
	orgs := map[string]samenspel.Organisation{}
	if len(ids) > 0 {
		if orgs, err = r.Store.OrganisationsByID(ctx, ids); err != nil {
			return nil, err
		}
	}
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
