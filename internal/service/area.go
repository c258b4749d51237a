package service

import (
	"context"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Area resolves an area given as a gemeente code or a region (division and code) into the IDs of
// its gemeenten on at, checking that it exists: one statement. field names the argument for
// errors. A store failure stays a store failure; only what the user named wrongly is their error.
func (s *Service) Area(ctx context.Context, field, gemeente, division, code string, at samenspel.Date) ([]string, error) {
	region := ""
	switch {
	case (gemeente == "") == (division == "" && code == ""):
		return nil, samenspel.Invalidf(field, "give exactly one of gemeente and region")
	case gemeente == "":
		region = samenspel.RegionKey(division, code)
	}
	gs, gemeenteExists, regionExists, err := s.store.AreaFootprint(ctx, gemeente, region, at)
	switch {
	case err != nil:
		return nil, err
	case gemeente != "" && !gemeenteExists:
		return nil, samenspel.Invalidf(field+".gemeente", "no gemeente has code %q", gemeente)
	case region != "" && !regionExists:
		return nil, samenspel.Invalidf(field+".region", "no region %q in division %q", code, division)
	}
	if gs == nil {
		gs = []string{}
	}
	return gs, nil
}
