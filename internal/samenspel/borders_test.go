package samenspel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComputeBorderConflicts(t *testing.T) {
	a := Assignments{}
	// vr nests in politie: no crossings between them.
	for g, r := range map[string]string{"g1": "vr1", "g2": "vr1", "g3": "vr2", "g4": "vr3"} {
		a.Add("vr", g, r)
	}
	for g, r := range map[string]string{"g1": "pol1", "g2": "pol1", "g3": "pol1", "g4": "pol2"} {
		a.Add("politie", g, r)
	}
	// res crosses vr: res1 = {g1, g3} spans vr1 and vr2; vr1 = {g1, g2} spans res1 and res2.
	for g, r := range map[string]string{"g1": "res1", "g2": "res2", "g3": "res1", "g4": "res3"} {
		a.Add("res", g, r)
	}
	got := ComputeBorderConflicts(a)
	// vr×res: g1 (vr1 spread over res1,res2; res1 spread over vr1,vr2) crosses; g3: vr2 lies inside
	// res1 only, so no. g2: res2 lies inside vr1 only, so no.
	// politie×res: pol1 spreads over res1,res2; res1 lies inside pol1 → no crossing anywhere.
	want := []BorderConflict{{Gemeente: "g1", Pairs: []DivisionPair{{"res", "vr"}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}
