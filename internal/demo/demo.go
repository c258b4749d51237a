// Package demo generates a plausible, clearly labelled demo set of opgaven, roles, people, links
// and instruments on top of the real organisations and regions. Opgaven, roles and trust are not
// public at this level, so the service ships with generated ones: deterministic for a seed,
// shaped like real programmes (RES-regio's, woondeals, jeugdregio's, Regio Deals, ...), with one
// trekker organisation per opgave, and scalable by a factor for benchmarks. Every generated node
// has generated: true and an ID starting with "demo-".
//
// Scale 1 is calibrated to the country on the world's date (World.At): the KWINK/PROOF inventory
// of 2020 counts 1,284 samenwerkingsverbanden, 33 per gemeente (Limburg 52, Fryslân 23), 47 per
// provincie and 19 per waterschap, and the generator aims at the per-organisation figures, counted
// as running opgaven on which an organisation holds a role (the number of samenwerkingsverbanden
// follows from them and is checked to lie within 10 % of 1,284). Every region gets one opgave of each template of its division
// (several opgaven on related themes in overlapping areas); local samenwerkingsverbanden among
// neighbouring gemeenten then bring each provincie's gemeenten to their mean (gemeenteTargets);
// last, provincies and waterschappen (of the gemeenten of the area, World.WaterschappenOf) join
// running opgaven with the one chance that brings their mean to the target (takePart). Scale N
// repeats this N times over and multiplies the targets by N.
package demo

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// The generator's input and output are domain types, so that the store writes them without
// depending on the generator.
type (
	World                 = samenspel.DemoWorld
	Set                   = samenspel.DemoSet
	OpgaveWithArea        = samenspel.DemoOpgave
	InstrumentWithOpgaven = samenspel.DemoInstrument
)

// The figures scale 1 is calibrated to: KWINK groep and PROOF adviseurs, "Samenwerkingsverbanden in
// bestuurlijk Nederland" (2020, for BZK). A samenwerkingsverband is here a running opgave; an
// organisation takes part when it holds a role on it. The inventory gives the provincie mean of the
// gemeenten for Limburg and Fryslân only; the other provincies share what is left of the country
// mean (see gemeenteTargets).
const (
	KwinkSamenwerkingsverbanden = 1284 // in the whole country
	KwinkGemeenteMean           = 33.0 // samenwerkingsverbanden an average gemeente takes part in
	KwinkProvincieMean          = 47.0 // ... an average provincie
	KwinkWaterschapMean         = 19.0 // ... an average waterschap
)

// KwinkGemeentePerProvincie is the inventory's mean for the gemeenten of a provincie, where it
// gives one.
var KwinkGemeentePerProvincie = map[string]float64{"PV31": 52, "PV21": 23} // Limburg, Fryslân

type template struct {
	division   string
	theme      []string
	title      string // %s: region name
	goal       func(r *rand.Rand) string
	scale      string
	trekker    string // "centrum", "provincie", "waterschap" or "partner:<kind>"
	rijk       []string
	partners   []string // partner kinds: netbeheerder, corporatie, jeugdzorg, zorgkantoor, ggd, roc
	instrument string   // type; "" for none
	instrName  string   // %s: region name; a name without %s is one shared instrument
	share      float64  // the share of the region's other gemeenten that take part
}

func goal(format string, args ...func(r *rand.Rand) any) func(r *rand.Rand) string {
	return func(r *rand.Rand) string {
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = a(r)
		}
		return fmt.Sprintf(format, vals...)
	}
}

// between gives a random multiple of step from lo to hi.
func between(lo, hi, step int) func(r *rand.Rand) any {
	return func(r *rand.Rand) any { return lo + r.IntN((hi-lo)/step+1)*step }
}

// Every region of the division gets one opgave of each template: several opgaven on related
// themes (ThemeAffinity) in overlapping areas, as in real life.
var templates = []template{
	{"res_regio", []string{"energie"}, "RES %s: regionale energiestrategie", func(r *rand.Rand) string {
		return fmt.Sprintf("%.1f TWh duurzame opwek op land in 2030, met 50%% lokaal eigendom", 0.5+r.Float64()*2.5)
	}, "REGIONAAL", "centrum", []string{"kgg"}, []string{"netbeheerder"}, "BUDGET", "Nationaal Programma RES: procesgeld", 0.85},
	{"res_regio", []string{"energie", "economie"}, "Netcongestie en energie-infrastructuur %s", goal("%d MW aan aansluitingen uit de wachtrij in 2028 door flexibel netgebruik", between(20, 200, 10)),
		"REGIONAAL", "centrum", []string{"kgg"}, []string{"netbeheerder"}, "", "", 0.85},
	{"res_subregio", []string{"energie", "wonen"}, "Warmtetransitie %s", goal("%d woningen van het aardgas af in 2030", between(1000, 12000, 500)),
		"REGIONAAL", "centrum", []string{"kgg"}, []string{"corporatie"}, "SUBSIDIE", "Programma Aardgasvrije Wijken", 0.85},
	{"corop", []string{"wonen"}, "Woondeal %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d woningen erbij tot en met 2030, waarvan twee derde betaalbaar", 2000+r.IntN(30)*500)
	}, "REGIONAAL", "centrum", []string{"vro"}, []string{"corporatie"}, "CONVENANT", "Woondeal %s", 0.85},
	{"corop", []string{"economie"}, "Regio Deal %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Brede welvaart: %d projecten voor werk, wonen en leefbaarheid afgerond in 2027", 8+r.IntN(10))
	}, "REGIONAAL", "provincie", []string{"lvvn", "bzk"}, nil, "REGIO_DEAL", "Regio Deal %s", 0.85},
	{"corop_sub", []string{"wonen", "mobiliteit"}, "Verstedelijking en bereikbaarheid %s", goal("%d woningen binnen tien minuten fietsen van een ov-knoop in 2035", between(1000, 20000, 1000)),
		"REGIONAAL", "centrum", []string{"vro", "ienw"}, nil, "", "", 0.85},
	{"corop_sub", []string{"water", "klimaatadaptatie"}, "Samenwerking waterketen %s", goal("%d%% minder regenwater in het riool en een gedeeld rioleringsplan in 2027", between(5, 30, 5)),
		"REGIONAAL", "waterschap", []string{"ienw"}, nil, "", "", 0.85},
	{"corop_plus", []string{"klimaatadaptatie", "water"}, "Klimaatadaptatie werkregio %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Stresstest, risicodialoog en uitvoeringsagenda klaar; %d maatregelen uitgevoerd in 2027", 10+r.IntN(20))
	}, "REGIONAAL", "centrum", []string{"ienw"}, nil, "SUBSIDIE", "Impulsregeling klimaatadaptatie", 0.85},
	{"jeugdregio", []string{"jeugd", "sociaal_domein"}, "Transformatie jeugdhulp %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d%% minder jeugdigen in residentiële jeugdhulp in 2028 dan in 2023", 10+r.IntN(5)*5)
	}, "REGIONAAL", "centrum", []string{"vws"}, []string{"jeugdzorg"}, "GEMEENSCHAPPELIJKE_REGELING", "GR Jeugdhulp %s", 0.95},
	{"jeugdregio", []string{"jeugd", "gezondheid"}, "Kansrijke Start %s", goal("Elk gezin in een kwetsbare situatie binnen %d weken na de geboorte in beeld", between(2, 8, 1)),
		"REGIONAAL", "centrum", []string{"vws"}, []string{"ggd"}, "", "", 0.85},
	{"veilig_thuis_regio", []string{"veiligheid", "sociaal_domein", "jeugd"}, "Aanpak huiselijk geweld %s", goal("Na een melding binnen %d dagen hulp op gang; %d%% minder herhaald geweld in 2028", between(3, 10, 1), between(10, 30, 5)),
		"REGIONAAL", "centrum", []string{"vws", "jenv"}, nil, "GEMEENSCHAPPELIJKE_REGELING", "GR Veilig Thuis %s", 0.95},
	{"veiligheidsregio", []string{"veiligheid"}, "Aanpak ondermijning %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d integrale controles per jaar en een gedeeld informatiebeeld", 20+r.IntN(20)*5)
	}, "REGIONAAL", "centrum", []string{"jenv", "politie", "om"}, nil, "BUDGET", "Versterkingsgelden ondermijning", 0.85},
	{"veiligheidsregio", []string{"veiligheid", "zorg"}, "Zorg- en Veiligheidshuis %s", goal("%d casussen per jaar met zorg, politie en gemeente samen aangepakt", between(100, 600, 50)),
		"REGIONAAL", "centrum", []string{"jenv", "politie"}, []string{"ggd"}, "", "", 0.85},
	{"ggd_regio", []string{"gezondheid", "zorg"}, "Gezond en actief leven %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Gezonde levensverwachting in de wijken met de laagste score %d jaar omhoog in 2030", 1+r.IntN(3))
	}, "REGIONAAL", "centrum", []string{"vws"}, []string{"ggd"}, "SUBSIDIE", "SPUK Gezond en Actief Leven", 0.85},
	{"zorgkantoorregio", []string{"zorg"}, "Regioplan ouderenzorg %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d extra geclusterde woonvormen voor ouderen in 2030", 100+r.IntN(20)*25)
	}, "REGIONAAL", "partner:zorgkantoor", []string{"vws"}, []string{"zorgkantoor"}, "CONVENANT", "Regioplan ouderenzorg %s", 0.85},
	{"zorgkantoorregio", []string{"zorg", "wonen"}, "Wonen en zorg voor ouderen %s", goal("%d nultredenwoningen erbij in 2030", between(200, 3000, 100)),
		"REGIONAAL", "centrum", []string{"vro", "vws"}, []string{"corporatie", "zorgkantoor"}, "", "", 0.85},
	{"arbeidsmarktregio", []string{"arbeidsmarkt"}, "Regionaal Werkcentrum %s", func(r *rand.Rand) string {
		return fmt.Sprintf("%d werkzoekenden per jaar van werk naar werk begeleid", 300+r.IntN(20)*50)
	}, "REGIONAAL", "centrum", []string{"szw", "uwv"}, []string{"roc"}, "SUBSIDIE", "Regionale mobiliteitsteams", 0.85},
	{"arbeidsmarktregio", []string{"armoede_en_schulden", "sociaal_domein"}, "Bestaanszekerheid %s", goal("%d%% minder huishoudens met problematische schulden in 2030", between(10, 30, 5)),
		"REGIONAAL", "centrum", []string{"szw"}, nil, "", "", 0.85},
	{"arbeidsmarktregio_regioplus", []string{"arbeidsmarkt", "onderwijs", "economie"}, "Human Capital Agenda %s", goal("%d extra leerwerkplekken in techniek en zorg in 2028", between(200, 2000, 100)),
		"REGIONAAL", "centrum", []string{"szw", "ocw"}, []string{"roc"}, "", "", 0.85},
	{"rmc_regio", []string{"onderwijs", "jeugd"}, "Aanpak voortijdig schoolverlaten %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Nieuwe voortijdig schoolverlaters onder %.1f%% in 2027", 1.2+r.Float64())
	}, "REGIONAAL", "centrum", []string{"ocw"}, []string{"roc"}, "SUBSIDIE", "Regionale middelen VSV", 0.95},
	{"landbouwgebied", []string{"landelijk_gebied", "natuur", "water"}, "Gebiedsproces %s", goal("%d%% minder stikstofuitstoot en het grondwater %d cm omhoog rond de Natura 2000-gebieden in 2035", between(20, 50, 5), between(10, 40, 10)),
		"REGIONAAL", "provincie", []string{"lvvn"}, nil, "BUDGET", "Transitiefonds landelijk gebied", 0.85},
	{"landbouwgroep", []string{"water", "landelijk_gebied"}, "Zoetwatervoorziening %s", goal("Droogteschade in de landbouw %d%% lager in 2035", between(20, 60, 10)),
		"REGIONAAL", "waterschap", []string{"ienw", "rws"}, nil, "BUDGET", "Deltaprogramma Zoetwater", 0.4},
	{"toeristengebied", []string{"economie", "natuur"}, "Vrijetijdseconomie %s", goal("%d%% meer bestedingen buiten het hoogseizoen in 2030", between(5, 25, 5)),
		"REGIONAAL", "centrum", nil, nil, "", "", 0.5},
	{"provincie", []string{"landelijk_gebied", "natuur", "water"}, "Gebiedsprogramma landelijk gebied %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Stikstofdepositie op Natura 2000-gebieden %d%% omlaag in 2035", 30+r.IntN(5)*5)
	}, "PROVINCIAAL", "provincie", []string{"lvvn"}, nil, "BUDGET", "Transitiefonds landelijk gebied", 0.2},
	{"provincie", []string{"mobiliteit"}, "Bereikbaarheidsprogramma %s", func(r *rand.Rand) string {
		return fmt.Sprintf("Reistijd per ov tussen de kernen %d%% korter in 2030", 10+r.IntN(3)*5)
	}, "PROVINCIAAL", "provincie", []string{"ienw", "rws"}, nil, "BESTUURSAKKOORD", "MIRT-afspraken %s", 0.2},
}

// localTemplates are the smaller samenwerkingsverbanden of a few neighbouring gemeenten (shared
// services, inkoop, recreatieschappen), without the Rijk, with which the generator brings every provincie to its
// calibration target; their area is a region of one of localDivisions.
var localTemplates = []template{
	{"", []string{"sociaal_domein", "zorg"}, "Inkoop Wmo en beschermd wonen %s", goal("Eén inkoopkader voor %d aanbieders in 2026", between(20, 120, 10)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
	{"", []string{"armoede_en_schulden", "sociaal_domein"}, "Schuldhulpverlening %s", goal("Wachttijd voor schuldhulp onder %d weken", between(2, 6, 1)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
	{"", []string{"onderwijs", "jeugd"}, "Leerplicht en jongerenloket %s", goal("%d jongeren per jaar terug naar school of werk", between(50, 400, 25)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
	{"", []string{"mobiliteit", "zorg"}, "Doelgroepenvervoer %s", goal("%d%% van de ritten op tijd, %d%% minder lege kilometers", between(90, 98, 1), between(5, 20, 5)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
	{"", []string{"natuur", "economie"}, "Recreatieschap %s", goal("%d km wandel- en fietspad onderhouden en %d natuurgebieden beheerd", between(50, 400, 25), between(2, 12, 1)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
	{"", []string{"wonen", "economie"}, "Leefbare kernen %s", goal("%d dorpen met een eigen leefbaarheidsagenda in 2027", between(5, 30, 1)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
	{"", []string{"economie"}, "Circulaire economie en afval %s", goal("Restafval onder %d kg per inwoner in 2027", between(50, 150, 10)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
	{"", []string{"natuur", "klimaatadaptatie"}, "Omgevingsdienst en vergunningen %s", goal("%d%% van de vergunningen binnen de wettelijke termijn", between(85, 99, 1)), "REGIONAAL", "centrum", nil, nil, "", "", 0.9},
}

var localDivisions = []string{"corop_sub", "res_subregio", "corop", "corop_plus"}

// waterThemes are the themes on which the waterschappen of an opgave's area take part.
var waterThemes = []string{"water", "klimaatadaptatie", "landelijk_gebied", "energie"}

var rijk = []struct{ key, name string }{
	{"bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"},
	{"vro", "Ministerie van Volkshuisvesting en Ruimtelijke Ordening"},
	{"kgg", "Ministerie van Klimaat en Groene Groei"},
	{"vws", "Ministerie van Volksgezondheid, Welzijn en Sport"},
	{"szw", "Ministerie van Sociale Zaken en Werkgelegenheid"},
	{"ienw", "Ministerie van Infrastructuur en Waterstaat"},
	{"lvvn", "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur"},
	{"jenv", "Ministerie van Justitie en Veiligheid"},
	{"ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap"},
	{"uwv", "UWV"},
	{"politie", "Politie"},
	{"om", "Openbaar Ministerie"},
	{"rws", "Rijkswaterstaat"},
}

var netbeheerders = []string{"Alliander", "Stedin", "Enexis"}

var firstNames = []string{"Anne", "Bas", "Carla", "Daan", "Eva", "Femke", "Gerrit", "Hanna", "Ilse", "Jeroen", "Karin", "Lars", "Marieke", "Noor", "Olaf", "Petra", "Quinten", "Rianne", "Sander", "Tessa", "Ursula", "Vincent", "Wendy", "Youssef", "Zeynep", "Fatima", "Mohamed", "Sanne", "Thijs", "Lotte"}
var lastNames = []string{"de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "el Amrani", "Yılmaz", "Postma", "Hoekstra", "van Dijk"}
var functions = map[string][]string{
	"BESTUURLIJK": {"wethouder", "gedeputeerde", "burgemeester", "dijkgraaf", "bestuurder", "directeur-generaal"},
	"AMBTELIJK":   {"programmamanager", "beleidsadviseur", "projectleider", "strategisch adviseur", "accountmanager"},
}

// Generate makes the demo set for seed and scale (1, 10, 100, ...). Scale 1 is calibrated to the
// KWINK figures on the world's date (w.At): each of the scale rounds gives every region an opgave
// of each template and then adds local opgaven per provincie until its gemeenten reach their
// target; provincies and waterschappen then take part in as many running opgaven as their targets
// ask. A larger scale multiplies every figure. The same world, seed and scale always give the
// same set.
func Generate(w World, seed uint64, scale int) Set {
	g := &gen{w: w, r: rand.New(rand.NewPCG(seed, 0x5a3e5b31)), orgs: map[string]samenspel.Organisation{}, people: map[string][]samenspel.Person{},
		instruments: map[string]*InstrumentWithOpgaven{}, running: map[string]int{}, titles: map[string]int{}, regionsOf: map[string]map[string]samenspel.Region{}}
	for _, rk := range rijk {
		g.org("demo-org-"+rk.key, rk.name, samenspel.KindRijk)
	}
	for _, d := range localDivisions {
		for _, r := range w.Regions[d] {
			for _, m := range w.Members[r.Key()] {
				if g.regionsOf[m] == nil {
					g.regionsOf[m] = map[string]samenspel.Region{}
				}
				g.regionsOf[m][d] = r
			}
		}
	}
	type slot struct {
		t template
		r samenspel.Region
	}
	var slots []slot
	for _, t := range templates {
		for _, r := range w.Regions[t.division] {
			if len(w.Members[r.Key()]) > 0 {
				slots = append(slots, slot{t, r})
			}
		}
	}
	scale = max(scale, 1)
	targets := gemeenteTargets(w)
	for round := 1; round <= scale; round++ {
		g.r.Shuffle(len(slots), func(i, j int) { slots[i], slots[j] = slots[j], slots[i] })
		for _, s := range slots {
			g.opgave(s.t, s.r, w.Members[s.r.Key()])
		}
		for _, p := range slices.Sorted(maps.Keys(targets)) {
			g.topUp(p, targets[p]*float64(round))
		}
	}
	g.takePart(KwinkProvincieMean*float64(scale*len(w.Provincies)), func(i int) []string {
		if p := g.meta[i].provincie; p != "" {
			return []string{p}
		}
		return nil
	})
	g.takePart(KwinkWaterschapMean*float64(scale*len(w.Waterschappen)), func(i int) []string {
		if !slices.ContainsFunc(g.opgaven[i].Themes, func(t string) bool { return slices.Contains(waterThemes, t) }) {
			return nil
		}
		return g.waterschappen(g.meta[i].area)
	})
	g.makeLinks()
	g.makeTrust()
	s := g.set()
	g.makePractice(&s)
	return s
}

// gemeenteTargets gives each provincie's target mean for its gemeenten: the KWINK figure where
// the inventory gives one, and for the others the same mean, chosen so that the country's mean
// comes to KwinkGemeenteMean.
func gemeenteTargets(w World) map[string]float64 {
	count := map[string]int{}
	for id := range w.Gemeenten {
		if p := w.ProvincieOf[id]; p != "" {
			count[p]++
		}
	}
	rest, restN := KwinkGemeenteMean*float64(len(w.Gemeenten)), 0
	for p, n := range count {
		if v, ok := KwinkGemeentePerProvincie[p]; ok {
			rest -= v * float64(n)
		} else {
			restN += n
		}
	}
	targets := map[string]float64{}
	for p := range count {
		if v, ok := KwinkGemeentePerProvincie[p]; ok {
			targets[p] = v
		} else {
			targets[p] = rest / float64(restN)
		}
	}
	return targets
}

// topUp adds local opgaven in provincie p, each among neighbouring gemeenten around the one that
// takes part in the fewest running opgaven, until its gemeenten take part in target running
// opgaven on average (on w.At).
func (g *gen) topUp(p string, target float64) {
	var ids []string
	for _, id := range slices.Sorted(maps.Keys(g.w.Gemeenten)) {
		if g.w.ProvincieOf[id] == p {
			ids = append(ids, id)
		}
	}
	sum := func() int {
		n := 0
		for _, id := range ids {
			n += g.running[id]
		}
		return n
	}
	for float64(sum()) < target*float64(len(ids)) {
		low := ids[0]
		for _, id := range ids {
			if g.running[id] < g.running[low] || g.running[id] == g.running[low] && g.r.IntN(3) == 0 {
				low = id
			}
		}
		r, ok := g.regionsOf[low][localDivisions[g.r.IntN(len(localDivisions))]]
		if !ok {
			r = samenspel.Region{Division: "provincie", Code: p, Name: g.w.Provincies[p].Name}
		}
		var members []string
		for _, m := range g.w.Members[r.Key()] {
			if g.w.ProvincieOf[m] == p && (m == low || g.running[m] < int(target)+5) {
				members = append(members, m)
			}
		}
		if !slices.Contains(members, low) { // a provincie-wide fallback region lists its members
			members = []string{low}
		}
		g.opgave(localTemplates[g.r.IntN(len(localTemplates))], r, members)
	}
}

// takePart lets the organisations candidates gives for an opgave (by index) take part in it, each
// with the same chance, chosen so that they take part in about target running opgaven together
// (opgaven that are not running on the world's date get roles with the same chance).
func (g *gen) takePart(target float64, candidates func(i int) []string) {
	held := map[string]bool{}
	for _, r := range g.roles {
		held[r.OpgaveID+"|"+r.OrganisationID] = true
	}
	have, open := 0, 0
	for i, o := range g.opgaven {
		for _, c := range candidates(i) {
			switch {
			case !g.meta[i].runs:
			case held[o.ID+"|"+c]:
				have++
			default:
				open++
			}
		}
	}
	chance := min(1, (target-float64(have))/float64(max(open, 1)))
	// The chance is computed on the running opgaven but applied to all of them, so that the set
	// looks the same on other dates (today's figures stay near the inventory's too).
	for i, o := range g.opgaven {
		for _, c := range candidates(i) {
			if !held[o.ID+"|"+c] && g.r.Float64() < chance {
				typ, level := "DEELNEMER", "AMBTELIJK"
				if _, ok := g.w.Provincies[c]; ok {
					typ, level = "MEDETREKKER", "BESTUURLIJK"
				}
				g.role(i, c, typ, level, round(20_000+g.r.Float64()*480_000), float64(g.r.IntN(10))/10)
			}
		}
	}
}

// waterschappen is the waterschappen the gemeenten lie in, most gemeenten first.
func (g *gen) waterschappen(gemeenten []string) []string {
	n := map[string]int{}
	for _, m := range gemeenten {
		for _, ws := range g.w.WaterschappenOf[m] {
			n[ws]++
		}
	}
	ws := slices.Sorted(maps.Keys(n))
	sort.SliceStable(ws, func(i, j int) bool { return n[ws[i]] > n[ws[j]] })
	return ws
}

type gen struct {
	w           World
	r           *rand.Rand
	orgs        map[string]samenspel.Organisation
	orgOrder    []string
	people      map[string][]samenspel.Person // by organisation
	personCount int
	opgaven     []OpgaveWithArea
	meta        []opgaveMeta // by index of opgaven
	roles       []samenspel.Role
	links       []samenspel.OpgaveLink
	instruments map[string]*InstrumentWithOpgaven
	instrOrder  []string
	fameOf      map[string]int
	assessments []samenspel.TrustAssessment
	running     map[string]int                         // gemeente → running opgaven (on w.At) it takes part in
	titles      map[string]int                         // title → opgaven with it
	regionsOf   map[string]map[string]samenspel.Region // gemeente → local division → region
}

// opgaveMeta is what the generator keeps of an opgave while it adds roles.
type opgaveMeta struct {
	area      []string // the gemeenten of its area
	provincie string   // the provincie of its centrum
	runs      bool     // whether it runs on w.At
	gemeenten map[string]bool
}

func (g *gen) org(id, name string, kind samenspel.OrganisationKind) string {
	if _, ok := g.orgs[id]; !ok {
		g.orgs[id] = samenspel.Organisation{ID: id, Name: name, Kind: kind}
		g.orgOrder = append(g.orgOrder, id)
	}
	return id
}

// centrum picks the gemeente a region is named after; otherwise the member whose name occurs in
// the most region names of any division (Rotterdam for "Rijnmond"), a stand-in for the
// centrumgemeente.
func (g *gen) centrum(r samenspel.Region) string {
	members := g.w.Members[r.Key()]
	best, bestScore := members[0], -1
	for _, id := range members {
		name := strings.ToLower(g.w.Gemeenten[id].Name)
		score := g.fame(id)
		if name != "" && strings.Contains(strings.ToLower(r.Name), name) {
			score += 1000 + len(name)
		}
		if score > bestScore {
			best, bestScore = id, score
		}
	}
	return best
}

// fame counts the region names, over all divisions, that contain the gemeente's name.
func (g *gen) fame(id string) int {
	if g.fameOf == nil {
		g.fameOf = map[string]int{}
		var names []string
		for _, regions := range g.w.Regions {
			for _, r := range regions {
				names = append(names, strings.ToLower(r.Name))
			}
		}
		for gid, o := range g.w.Gemeenten {
			n := strings.ToLower(o.Name)
			for _, rn := range names {
				if n != "" && strings.Contains(rn, n) {
					g.fameOf[gid]++
				}
			}
		}
	}
	return g.fameOf[id]
}

func (g *gen) partner(kind string, r samenspel.Region, centrum string) string {
	slug := func(s string) string {
		return strings.ToLower(strings.NewReplacer(" ", "-", "'", "", "/", "-").Replace(samenspel.Fold(s)))
	}
	switch kind {
	case "netbeheerder":
		name := netbeheerders[int(hash(r.Key()))%len(netbeheerders)]
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "corporatie":
		name := "Woonstichting " + g.w.Gemeenten[centrum].Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "jeugdzorg":
		name := "Jeugdhulp " + r.Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "zorgkantoor":
		name := "Zorgkantoor " + r.Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	case "ggd":
		name := r.Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindSamenwerkingsverband)
	case "roc":
		name := "ROC " + g.w.Gemeenten[centrum].Name
		return g.org("demo-org-"+slug(name), name, samenspel.KindPartner)
	}
	panic("unknown partner kind " + kind)
}

func hash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// person returns one of the organisation's people for a role at level, creating up to three.
func (g *gen) person(orgID, level string) string {
	ps := g.people[orgID]
	if len(ps) < 3 && (len(ps) == 0 || g.r.IntN(3) == 0) {
		g.personCount++
		first, last := firstNames[g.r.IntN(len(firstNames))], lastNames[g.r.IntN(len(lastNames))]
		fns := functions[level]
		p := samenspel.Person{
			ID: fmt.Sprintf("demo-person-%06d", g.personCount), Name: first + " " + last, Function: fns[g.r.IntN(len(fns))],
			OrganisationID: orgID, Generated: true,
			Email: strings.ToLower(samenspel.Fold(first)) + "." + strings.ReplaceAll(strings.ToLower(samenspel.Fold(last)), " ", "") + "@" + strings.TrimPrefix(orgID, "demo-org-") + ".demo.invalid",
			Phone: fmt.Sprintf("+31 6 0000 %04d", g.personCount%10000),
		}
		g.people[orgID] = append(ps, p)
		return p.ID
	}
	return ps[g.r.IntN(len(ps))].ID
}

// today is the date the generated statuses describe: AFGEROND once the end date has passed,
// VERKENNING in the first half year.
var today = samenspel.NewDate(2026, 12, 1)

func round(x float64) float64 { return float64(int(x/1000)) * 1000 }

// opgave adds an opgave of template t on region r, in which members take part (the region's
// gemeenten, or those of them a local opgave brings together).
func (g *gen) opgave(t template, r samenspel.Region, members []string) {
	id := fmt.Sprintf("demo-opgave-%06d", len(g.opgaven)+1)
	title := fmt.Sprintf(t.title, r.Name)
	if g.titles[title]++; g.titles[title] > 1 {
		title += fmt.Sprintf(" (fase %d)", g.titles[title])
	}
	start := samenspel.NewDate(2015+g.r.IntN(12), time.Month(1+g.r.IntN(12)), 1)
	end := start.AddDays(365 * (4 + g.r.IntN(8)))
	status := "UITVOERING"
	switch {
	case g.r.IntN(30) == 0:
		status = "GESTOPT"
	case end.Before(today):
		status = "AFGEROND"
	case today.Before(start.AddDays(180)):
		status = "VERKENNING"
	}
	o := OpgaveWithArea{Opgave: samenspel.Opgave{
		ID: id, Title: title, Goal: t.goal(g.r), Themes: t.theme, Scale: t.scale, Status: status,
		StartDate: &start, EndDate: &end, Generated: true,
		Description: "Gegenereerde demo-opgave (geen echte gegevens), gebaseerd op de regio-indeling " + r.Division + ".",
	}, Area: samenspel.Area{Regions: []samenspel.RegionRef{{Division: r.Division, Code: r.Code}}}}
	centrum := g.centrum(r)
	if !slices.Contains(members, centrum) {
		centrum = members[0]
	}
	provincie := g.w.ProvincieOf[centrum]
	runs := !g.w.At.Before(start) && g.w.At.Before(end)
	g.opgaven = append(g.opgaven, o)
	g.meta = append(g.meta, opgaveMeta{area: g.w.Members[r.Key()], provincie: provincie, runs: runs, gemeenten: map[string]bool{}})
	i := len(g.opgaven) - 1

	var trekker string
	switch {
	case t.trekker == "centrum":
		trekker = centrum
	case t.trekker == "provincie":
		trekker = provincie
	case t.trekker == "waterschap":
		if ws := g.waterschappen(members); len(ws) > 0 {
			trekker = ws[0]
		} else {
			trekker = centrum
		}
	case strings.HasPrefix(t.trekker, "partner:"):
		trekker = g.partner(strings.TrimPrefix(t.trekker, "partner:"), r, centrum)
	}
	g.role(i, trekker, "TREKKER", "BESTUURLIJK", 0, 0)
	g.role(i, trekker, "TREKKER", "AMBTELIJK", round(100_000+g.r.Float64()*1_900_000), 1+float64(g.r.IntN(30))/10)
	for _, m := range members {
		if m != trekker && g.r.Float64() < t.share {
			g.role(i, m, "DEELNEMER", "AMBTELIJK", round(10_000+g.r.Float64()*240_000), float64(1+g.r.IntN(8))/10)
		}
	}
	for k, rk := range t.rijk {
		if k == 0 {
			g.role(i, "demo-org-"+rk, "FINANCIER", "BESTUURLIJK", round(1_000_000+g.r.Float64()*24_000_000), 0)
		} else {
			g.role(i, "demo-org-"+rk, "ADVISEUR", "AMBTELIJK", 0, float64(1+g.r.IntN(5))/10)
		}
	}
	for _, p := range t.partners {
		if org := g.partner(p, r, centrum); org != trekker {
			g.role(i, org, "UITVOERDER", "AMBTELIJK", round(g.r.Float64()*500_000), float64(1+g.r.IntN(20))/10)
		}
	}
	if t.trekker == "centrum" && g.r.IntN(2) == 0 {
		g.role(i, centrum, "OPDRACHTGEVER", "BESTUURLIJK", 0, 0)
	}
	if t.instrument != "" {
		name := t.instrName
		if strings.Contains(name, "%s") {
			name = fmt.Sprintf(name, r.Name)
		}
		key := t.instrument + "|" + name
		in, ok := g.instruments[key]
		if !ok {
			in = &InstrumentWithOpgaven{Instrument: samenspel.Instrument{
				ID: fmt.Sprintf("demo-instrument-%05d", len(g.instrOrder)+1), Name: name, Type: t.instrument, Generated: true,
				Description: "Gegenereerd demo-instrument (geen echte gegevens).",
			}}
			amount := round(500_000 + g.r.Float64()*49_500_000)
			in.AmountEuros = &amount
			g.instruments[key] = in
			g.instrOrder = append(g.instrOrder, key)
		}
		in.OpgaveIDs = append(in.OpgaveIDs, id)
	}
}

// role adds a role of org on the i-th opgave, from its start; on a finished or stopped opgave the
// role ends with it.
func (g *gen) role(i int, org, typ, level string, euros, fte float64) {
	o := g.opgaven[i].Opgave
	role := samenspel.Role{
		ID: fmt.Sprintf("demo-role-%07d", len(g.roles)+1), OpgaveID: o.ID, OrganisationID: org, Type: typ, Level: level,
		From: *o.StartDate, Generated: true,
	}
	if o.Status == "AFGEROND" || o.Status == "GESTOPT" {
		role.Until = o.EndDate
	}
	if euros > 0 {
		role.ContributionEuros = &euros
	}
	if fte > 0 {
		role.ContributionFTE = &fte
	}
	if g.r.IntN(10) < 7 {
		role.PersonID = g.person(org, level)
	}
	g.roles = append(g.roles, role)
	if m := g.meta[i]; m.runs && !m.gemeenten[org] {
		if _, ok := g.w.Gemeenten[org]; ok {
			m.gemeenten[org] = true
			g.running[org]++
		}
	}
}

// links connects opgaven that share a gemeente and have different themes, with a link type
// that fits the pair of themes.
func (g *gen) makeLinks() {
	byGemeente := map[string][]int{}
	for i, o := range g.opgaven {
		for _, ref := range o.Area.Regions {
			for _, m := range g.w.Members[samenspel.RegionKey(ref.Division, ref.Code)] {
				byGemeente[m] = append(byGemeente[m], i)
			}
		}
	}
	seen := map[[2]int]bool{}
	for i, o := range g.opgaven {
		if g.r.IntN(10) >= 3 {
			continue
		}
		ref := o.Area.Regions[0]
		members := g.w.Members[samenspel.RegionKey(ref.Division, ref.Code)]
		cands := byGemeente[members[g.r.IntN(len(members))]]
		j := cands[g.r.IntN(len(cands))]
		if j == i || seen[[2]int{i, j}] || seen[[2]int{j, i}] || g.opgaven[j].Themes[0] == o.Themes[0] {
			continue
		}
		seen[[2]int{i, j}] = true
		typ, note := linkType(o.Themes[0], g.opgaven[j].Themes[0])
		g.links = append(g.links, samenspel.OpgaveLink{FromID: o.ID, ToID: g.opgaven[j].ID, Type: typ, Note: note})
	}
}

func linkType(a, b string) (string, string) {
	pair := a + "/" + b
	switch pair {
	case "energie/wonen", "wonen/energie", "energie/landelijk_gebied", "landelijk_gebied/energie", "wonen/landelijk_gebied", "landelijk_gebied/wonen":
		return "CONFLICTS_WITH", "concurreert om dezelfde ruimte"
	case "jeugd/onderwijs", "onderwijs/jeugd", "arbeidsmarkt/onderwijs", "onderwijs/arbeidsmarkt", "gezondheid/zorg", "zorg/gezondheid":
		return "REINFORCES", "versterken elkaar"
	case "wonen/mobiliteit", "economie/mobiliteit", "wonen/klimaatadaptatie":
		return "DEPENDS_ON", "hangt af van de andere opgave"
	}
	return "REINFORCES", "gedeeld belang in dezelfde regio"
}

func (g *gen) set() Set {
	var s Set
	for _, id := range g.orgOrder {
		o := g.orgs[id]
		s.Organisations = append(s.Organisations, o)
	}
	var orgIDs []string
	for id := range g.people {
		orgIDs = append(orgIDs, id)
	}
	sort.Strings(orgIDs)
	for _, id := range orgIDs {
		s.People = append(s.People, g.people[id]...)
	}
	sort.Slice(s.People, func(i, j int) bool { return s.People[i].ID < s.People[j].ID })
	s.Opgaven = g.opgaven
	s.Roles = g.roles
	s.Assessments = g.assessments
	s.Links = g.links
	for _, k := range g.instrOrder {
		s.Instruments = append(s.Instruments, *g.instruments[k])
	}
	return s
}

// makeTrust adds assessments between two pairs of partners (at most) of every running and finished opgave over several
// years: mostly moderate to high, some one-sided (only one partner ever assessed the other), and
// a few that decline year by year.
func (g *gen) makeTrust() {
	byOpgave := map[string][]string{}
	seen := map[string]bool{}
	for _, r := range g.roles {
		if k := r.OpgaveID + "|" + r.OrganisationID; !seen[k] {
			seen[k] = true
			byOpgave[r.OpgaveID] = append(byOpgave[r.OpgaveID], r.OrganisationID)
		}
	}
	pairsDone := map[[2]string]bool{}
	for _, o := range g.opgaven {
		if o.Status != "UITVOERING" && o.Status != "AFGEROND" {
			continue
		}
		ps := byOpgave[o.ID]
		if len(ps) < 2 {
			continue
		}
		for k := 0; k < 2; k++ {
			a, b := ps[g.r.IntN(len(ps))], ps[g.r.IntN(len(ps))]
			if a == b || pairsDone[[2]string{a, b}] || pairsDone[[2]string{b, a}] {
				continue
			}
			pairsDone[[2]string{a, b}] = true
			pattern := g.r.IntN(100)
			oneSided := pattern < 20
			declining := pattern >= 93
			base := []int{3, 4, 4, 4, 5, 5, 3}[g.r.IntN(7)]
			first := 2021 + g.r.IntN(3)
			for year := first; year <= 2025; year++ {
				for dir := 0; dir < 2; dir++ {
					if dir == 1 && oneSided {
						continue
					}
					from, to := a, b
					if dir == 1 {
						from, to = b, a
					}
					score := base + g.r.IntN(3) - 1
					if declining {
						score = 5 - (year - first)
					}
					score = max(1, min(5, score))
					note := "jaarlijkse evaluatie van de samenwerking"
					if declining && year > first {
						note = "afspraken over inzet niet nagekomen"
					}
					g.assessments = append(g.assessments, samenspel.TrustAssessment{
						ID: fmt.Sprintf("demo-trust-%07d", len(g.assessments)+1), FromID: from, ToID: to, Score: score,
						Date: samenspel.NewDate(year, time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28)), OpgaveID: o.ID,
						Note: note, RecordedBy: "demo-generator", Generated: true,
					})
				}
			}
		}
	}
}
