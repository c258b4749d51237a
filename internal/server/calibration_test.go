package server_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/samenspel/samenspel/internal/demo"
)

// The demo set at scale 1 is calibrated to the KWINK/PROOF inventory of 2020 (internal/demo): the
// API's participation figures on the calibration date must stay near the inventory's, so that a
// change of the generator or of the counting that moves them fails here. The test prints the
// calibration table.
func TestDemoSetMatchesTheKwinkInventory(t *testing.T) {
	a := withDemo(t).as("")
	q := `query($at: Date, $kind: OrganisationKind) { participation(kind: $kind, at: $at) {
		country { organisations mean median min max withoutAny } perProvincie { provincie { code name } organisations mean } } }`
	part := func(kind string) any {
		return get(a.mustQuery(q, map[string]any{"at": statsAt, "kind": kind}).Data, "participation")
	}
	running := num(get(a.mustQuery(`query($at: Date) { opgaveStats(at: $at) { opgaven } }`, map[string]any{"at": statsAt}).Data, "opgaveStats.0.opgaven"))
	gm, pv, ws := part("GEMEENTE"), part("PROVINCIE"), part("WATERSCHAP")

	fmt.Printf("calibration of the demo set (scale 1) on %s: KWINK/PROOF 2020 and the API's participation\n", statsAt)
	fmt.Printf("| %-19s | %9s | %6s | %8s |\n", "gemeenten in", "gemeenten", "KWINK", "achieved")
	check := func(what string, got, want, tol float64) {
		if math.Abs(got-want) > tol {
			t.Errorf("%s: %.1f, KWINK %.0f (allowed: %.0f either side)", what, got, want, tol)
		}
	}
	// The provincies the inventory gives no figure for share what is left of the country's mean.
	rest, restN := demo.KwinkGemeenteMean*num(get(gm, "country.organisations")), 0.0
	for _, p := range list(gm, "perProvincie") {
		if want, ok := demo.KwinkGemeentePerProvincie[get(p, "provincie.code").(string)]; ok {
			rest -= want * num(get(p, "organisations"))
		} else {
			restN += num(get(p, "organisations"))
		}
	}
	for _, p := range list(gm, "perProvincie") {
		name, mean := get(p, "provincie.name").(string), num(get(p, "mean"))
		want, ok := demo.KwinkGemeentePerProvincie[get(p, "provincie.code").(string)]
		label := fmt.Sprintf("(%.1f)", rest/restN)
		if ok {
			label = fmt.Sprintf("%.0f", want)
			check("gemeenten in "+name, mean, want, 3)
		}
		fmt.Printf("| %-19s | %9.0f | %6s | %8.1f |\n", name, num(get(p, "organisations")), label, mean)
	}
	for _, row := range []struct {
		what      string
		c         any
		want, tol float64
	}{{"gemeente", get(gm, "country"), demo.KwinkGemeenteMean, 2}, {"provincie", get(pv, "country"), demo.KwinkProvincieMean, 4},
		{"waterschap", get(ws, "country"), demo.KwinkWaterschapMean, 2}} {
		fmt.Printf("| %-19s | %9.0f | %6.0f | %8.1f | (median %v, min %v, max %v, without any %v)\n", "mean per "+row.what,
			num(get(row.c, "organisations")), row.want, num(get(row.c, "mean")), get(row.c, "median"), get(row.c, "min"), get(row.c, "max"), get(row.c, "withoutAny"))
		check("mean per "+row.what, num(get(row.c, "mean")), row.want, row.tol)
		if get(row.c, "withoutAny") != float64(0) {
			t.Errorf("%v %s(s) take part in no running opgave", get(row.c, "withoutAny"), row.what)
		}
	}
	fmt.Printf("| %-19s | %9s | %6d | %8.0f |\n", "running opgaven", "", demo.KwinkSamenwerkingsverbanden, running)
	check("running opgaven", running, demo.KwinkSamenwerkingsverbanden, 0.1*demo.KwinkSamenwerkingsverbanden)
	// Not calibrated, only shown: the statuses make the set plausible on today's date as well.
	now := a.mustQuery(`{ opgaveStats { opgaven } g: participation { at country { mean } } p: participation(kind: PROVINCIE) { country { mean } }
		w: participation(kind: WATERSCHAP) { country { mean } } }`, nil).Data
	fmt.Printf("today (%v): %v running opgaven; mean per gemeente %.1f, provincie %.1f, waterschap %.1f\n", get(now, "g.at"), get(now, "opgaveStats.0.opgaven"),
		num(get(now, "g.country.mean")), num(get(now, "p.country.mean")), num(get(now, "w.country.mean")))
}
