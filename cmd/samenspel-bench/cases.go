package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
)

// benchCase is one question of bench/cases.json, asked of Samenspel and (where it can be asked
// equivalently) of the peer.
type benchCase struct {
	Name      string `json:"name"`
	Samenspel string `json:"samenspel"`
	Peer      string `json:"peer"`
	PeerWhy   string `json:"peerWhy"`
	Compare   string `json:"compare"`
	Note      string `json:"note"`
}

var mutationRE = regexp.MustCompile(`^\s*mutation\b`)

func (c benchCase) mutation() bool { return mutationRE.MatchString(c.Samenspel) }

func loadCases(path string) ([]benchCase, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cs []benchCase
	if err := json.Unmarshal(raw, &cs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, c := range cs {
		if c.Name == "" || c.Samenspel == "" {
			return nil, fmt.Errorf("%s: case %d has no name or no samenspel query", path, i+1)
		}
		if c.Peer == "" && c.PeerWhy == "" {
			return nil, fmt.Errorf("%s: case %q has neither a peer query nor a peerWhy", path, c.Name)
		}
	}
	return cs, nil
}

// leaves collects every scalar leaf of a decoded JSON value, whatever its keys and nesting:
// strings, numbers rounded to 6 decimals, booleans; nulls are left out. Two answers are equal when
// their sorted leaves are: the same values in possibly different shapes (edges/node against plain
// lists, other field names).
func leaves(v any, out []string) []string {
	switch x := v.(type) {
	case nil:
	case []any:
		for _, e := range x {
			out = leaves(e, out)
		}
	case map[string]any:
		for _, e := range x {
			out = leaves(e, out)
		}
	case float64:
		r := math.Round(x*1e6) / 1e6
		if r == 0 {
			r = 0 // no -0
		}
		out = append(out, "number:"+strconv.FormatFloat(r, 'f', -1, 64))
	case bool:
		out = append(out, "boolean:"+strconv.FormatBool(x))
	case string:
		out = append(out, "string:"+x)
	default:
		out = append(out, fmt.Sprintf("other:%v", x))
	}
	return out
}

// sameLeaves compares two answers' data; on a difference it says which leaves only one side has
// (the first few of each).
func sameLeaves(a, b any) (bool, int, string) {
	la, lb := leaves(a, nil), leaves(b, nil)
	sort.Strings(la)
	sort.Strings(lb)
	count := map[string]int{}
	for _, x := range lb {
		count[x]++
	}
	var onlyA []string
	for _, x := range la {
		if count[x] > 0 {
			count[x]--
		} else {
			onlyA = append(onlyA, x)
		}
	}
	var onlyB []string
	for x, n := range count {
		for range n {
			onlyB = append(onlyB, x)
		}
	}
	sort.Strings(onlyB)
	if len(onlyA) == 0 && len(onlyB) == 0 {
		return true, len(la), ""
	}
	first := func(s []string) []string {
		if len(s) > 5 {
			return s[:5]
		}
		return s
	}
	return false, len(la), fmt.Sprintf("only Samenspel: %d %q; only peer: %d %q", len(onlyA), first(onlyA), len(onlyB), first(onlyB))
}
