package samenspel

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ThemeAffinity is the documented table of related themes: themes in one group are worked on
// together so often (a housing programme meets mobility, energy and climate adaptation in the same
// streets; youth care meets health and poverty) that who works on one is worth knowing for the
// other. Who-else finds organisations on related themes as well, ranked below shared themes. The
// schema's description of WhoElseHit.relatedThemes repeats the groups.
var ThemeAffinity = [][]string{
	{"wonen", "mobiliteit", "energie", "klimaatadaptatie"},            // de fysieke leefomgeving, de omgevingsvisie
	{"landelijk_gebied", "natuur", "water", "klimaatadaptatie"},       // het landelijk gebied en het watersysteem
	{"energie", "economie", "digitalisering"},                         // de energietransitie als economische opgave
	{"jeugd", "zorg", "gezondheid", "sociaal_domein", "onderwijs"},    // het sociaal domein rond het kind
	{"armoede_en_schulden", "sociaal_domein", "arbeidsmarkt", "zorg"}, // bestaanszekerheid
	{"arbeidsmarkt", "onderwijs", "economie"},                         // leren en werken in de regio
	{"veiligheid", "sociaal_domein", "jeugd"},                         // zorg en veiligheid
	{"bestuur", "digitalisering", "cultuur"},                          // de organisatie van de samenwerking zelf, en wat een regio bindt
}

// RelatedThemes is every theme that shares a group of ThemeAffinity with one of themes, without
// themes themselves, sorted.
func RelatedThemes(themes []string) []string {
	asked := map[string]bool{}
	for _, t := range themes {
		asked[t] = true
	}
	rel := map[string]bool{}
	for _, g := range ThemeAffinity {
		in := false
		for _, t := range g {
			if asked[t] {
				in = true
			}
		}
		if !in {
			continue
		}
		for _, t := range g {
			if !asked[t] {
				rel[t] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(rel))
}

var roleNoun = map[string]string{
	"TREKKER": "trekker", "MEDETREKKER": "medetrekker", "OPDRACHTGEVER": "opdrachtgever", "FINANCIER": "financier",
	"UITVOERDER": "uitvoerder", "DEELNEMER": "deelnemer", "ADVISEUR": "adviseur",
}

// ThemeLabel is a theme's Dutch label in lower case ("landelijk gebied"), or the key when unknown.
func ThemeLabel(key string) string {
	for _, t := range Themes {
		if t.Key == key {
			return strings.ToLower(t.Label)
		}
	}
	return key
}

// dutchList joins words as Dutch does: "a", "a en b", "a, b en c".
func dutchList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " en " + xs[len(xs)-1]
}

func labels(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = ThemeLabel(k)
	}
	return out
}

// Explain says in one Dutch sentence why an organisation is on the who-else list: its heaviest
// role on the opgave that put it there and how many more there are, then (of those opgaven
// together) the themes, shared and related, and the gemeenten they share with the asked area (of
// areaSize), and the opgaven it already shares with the participants.
func Explain(h WhoElseHit, name string, areaSize int) string {
	var main *WhoElseEvidence
	var role string
	for i := range h.Evidence {
		for _, r := range h.Evidence[i].Roles {
			if main == nil || RoleWeight[r.Type] > RoleWeight[role] {
				main, role = &h.Evidence[i], r.Type
			}
		}
	}
	var b strings.Builder
	b.WriteString(name)
	if main == nil {
		b.WriteString(" werkt aan een lopende opgave")
	} else {
		fmt.Fprintf(&b, " is %s van ‘%s’", roleNoun[role], main.Opgave.Title)
		if n := len(h.Evidence) - 1; n == 1 {
			b.WriteString(" en werkt aan nog één andere lopende opgave")
		} else if n > 1 {
			fmt.Fprintf(&b, " en werkt aan nog %d andere lopende opgaven", n)
		}
	}
	var about []string
	related := ""
	if n := len(h.RelatedThemes); n == 1 {
		related = "het verwante thema " + ThemeLabel(h.RelatedThemes[0])
	} else if n > 1 {
		related = "de verwante thema's " + dutchList(labels(h.RelatedThemes))
	}
	switch {
	case len(h.SharedThemes) > 0 && related != "":
		about = append(about, fmt.Sprintf("over %s en %s", dutchList(labels(h.SharedThemes)), related))
	case len(h.SharedThemes) > 0:
		about = append(about, "over "+dutchList(labels(h.SharedThemes)))
	case related != "":
		about = append(about, "over "+related)
	}
	if areaSize > 0 && h.SharedGemeenten > 0 {
		switch {
		case h.AreaOverlap == 1:
			about = append(about, "in hetzelfde gebied")
		case h.SharedGemeenten == areaSize && areaSize == 1:
			about = append(about, "in een gebied dat deze gemeente omvat")
		case h.SharedGemeenten == areaSize:
			about = append(about, fmt.Sprintf("in een gebied dat alle %d gemeenten omvat", areaSize))
		default:
			about = append(about, fmt.Sprintf("in een gebied met %d van de %d gemeenten", h.SharedGemeenten, areaSize))
		}
	}
	if len(about) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(about, ", "))
	}
	if h.SharedOpgaven == 1 {
		fmt.Fprintf(&b, "; met de deelnemers werkt %s al samen aan één andere opgave", name)
	} else if h.SharedOpgaven > 1 {
		fmt.Fprintf(&b, "; met de deelnemers werkt %s al samen aan %d andere opgaven", name, h.SharedOpgaven)
	}
	b.WriteString(".")
	return b.String()
}

// ThemeList names themes in Dutch as a list: "wonen, energie en water".
func ThemeList(keys []string) string { return dutchList(labels(keys)) }
