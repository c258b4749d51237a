package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// TestSameLeaves: answers of different shapes with the same values are equal; a missing item, an
// extra one or a changed number is not, and the difference names it.
func TestSameLeaves(t *testing.T) {
	var sam, peer, short, other any
	json.Unmarshal([]byte(`{"region":{"members":{"edges":[{"node":{"name":"Utrecht","share":0.3333333}},{"node":{"name":"Zeist","share":null}}]}}}`), &sam)
	json.Unmarshal([]byte(`{"regions":[{"members":[{"name":"Zeist"},{"name":"Utrecht","share":0.33333334}]}]}`), &peer)
	json.Unmarshal([]byte(`{"regions":[{"members":[{"name":"Utrecht","share":0.3333333}]}]}`), &short)
	json.Unmarshal([]byte(`{"regions":[{"members":[{"name":"Zeist"},{"name":"Utrecht","share":0.34}]}]}`), &other)
	if same, n, diff := sameLeaves(sam, peer); !same || n != 3 {
		t.Errorf("same values in another shape: %v %d %s", same, n, diff)
	}
	if same, _, diff := sameLeaves(sam, short); same || !strings.Contains(diff, "Zeist") {
		t.Errorf("a missing member: %v %s", same, diff)
	}
	if same, _, diff := sameLeaves(sam, other); same || !strings.Contains(diff, "0.34") {
		t.Errorf("another number: %v %s", same, diff)
	}
}

// TestTheCasesFile: every case of bench/cases.json has a Samenspel query and a peer query or the
// reason it has none; the mutation case is recognised as one.
func TestTheCasesFile(t *testing.T) {
	cases, err := loadCases("../../bench/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	mutations := 0
	for _, c := range cases {
		if c.mutation() {
			mutations++
		}
	}
	if len(cases) < 10 || mutations != 1 {
		t.Errorf("%d cases, %d mutations", len(cases), mutations)
	}
}

func TestQuantileAndCPU(t *testing.T) {
	lat := []time.Duration{1 * time.Millisecond, 2 * time.Millisecond, 3 * time.Millisecond, 4 * time.Millisecond, 100 * time.Millisecond}
	if got := quantile(lat, 0.5); got != 3 {
		t.Errorf("p50 = %v, want 3", got)
	}
	if got := quantile(lat, 0.99); got != 4 {
		t.Errorf("p99 of five = %v, want the fourth (nearest rank below)", got)
	}
	if quantile(nil, 0.5) != 0 {
		t.Error("p50 of nothing")
	}
	before := cpuTicks(os.Getpid())
	for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
	}
	if after := cpuTicks(os.Getpid()); after <= before {
		t.Errorf("50 ms of work read as %d ticks", after-before)
	}
}
