package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/samenspel"
)

// Who else on the demo set: every hit explains itself in Dutch and names only related themes the
// affinity table allows; scores separate the hits; most running opgaven get an answer.

func TestWhoElseExplainsAndRanksOnTheDemoSet(t *testing.T) {
	a := withDemo(t)
	// A sample of 100 spread over all running opgaven (ids follow the generator's order: regional
	// programmes by division first, local samenwerkingsverbanden last).
	all := cypherAt(t, "2025-06-01", `MATCH (o:Opgave {generated: true}) WHERE o.status IN ['VERKENNING', 'UITVOERING'] RETURN o.id AS id, o.themes AS themes ORDER BY id`, nil)
	if len(all) < 100 {
		t.Fatalf("%d running opgaven on the demo set", len(all))
	}
	var edges []any
	for i := 0; i < 100; i++ {
		edges = append(edges, map[string]any{"node": all[i*len(all)/100]})
	}
	answered, distinct := 0, 0
	for _, e := range edges {
		id := get(e, "node.id").(string)
		var themes []string
		for _, th := range list(e, "node.themes") {
			themes = append(themes, th.(string))
		}
		allowed := map[string]bool{}
		for _, th := range samenspel.RelatedThemes(themes) {
			allowed[th] = true
		}
		ans := a.mustQuery(`query($id: ID!) { whoElseAnswer(opgave: $id, first: 10) { themes relatedThemes areaGemeenten emptyReason
			hits { organisation { name } score sharedThemes relatedThemes sharedGemeenten roleWeight latestRoleFrom explanation } } }`, map[string]any{"id": id})
		hits := list(ans.Data, "whoElseAnswer.hits")
		reason := get(ans.Data, "whoElseAnswer.emptyReason")
		if len(hits) == 0 {
			if s, _ := reason.(string); !strings.HasSuffix(s, ".") || len(s) < 20 {
				t.Errorf("%s: no hits and no reason (%v)", id, reason)
			}
			continue
		}
		if reason != nil {
			t.Errorf("%s: %d hits and yet an emptyReason %v", id, len(hits), reason)
		}
		answered++
		scores := map[float64]bool{}
		for _, h := range hits {
			name := get(h, "organisation.name").(string)
			if ex := get(h, "explanation").(string); !strings.HasPrefix(ex, name+" ") || !strings.HasSuffix(ex, ".") {
				t.Errorf("%s: %s's explanation %q does not start with its name and end a sentence", id, name, ex)
			}
			for _, rt := range list(h, "relatedThemes") {
				if !allowed[rt.(string)] {
					t.Errorf("%s: %s is related on %v, which ThemeAffinity does not relate to %v", id, name, rt, themes)
				}
			}
			if w := get(h, "roleWeight").(float64); w < 0.5 || w > 3 || get(h, "latestRoleFrom") == nil {
				t.Errorf("%s: %s has role weight %v and latest role %v", id, name, w, get(h, "latestRoleFrom"))
			}
			scores[get(h, "score").(float64)] = true
		}
		if len(hits) > 1 && len(scores) > 1 {
			distinct++
		}
	}
	share := float64(answered) / float64(len(edges))
	fmt.Printf("who-else on the demo set (scale 1): %d of %d running opgaven answered (%.0f %%); %d answers with more than one score\n", answered, len(edges), 100*share, distinct)
	if share < 0.8 {
		t.Errorf("who-else answers for %.0f %% of running opgaven, want at least 80 %%", 100*share)
	}
	if distinct < answered/2 {
		t.Errorf("only %d of %d answers rank their hits with different scores", distinct, answered)
	}
}

func TestWhoElseSaysWhyItIsEmpty(t *testing.T) {
	a := withDemo(t)
	// A gemeente that no running opgave on cultuur or its related themes covers (Cypher decides),
	// and one theme nobody works on in it.
	rows := cypherAt(t, "2025-06-01", `MATCH (g:Organisation {kind: 'GEMEENTE'}) WHERE g.validUntil IS NULL
		AND NOT EXISTS {
		  MATCH (o:Opgave)-[:COVERS]->(x) WHERE o.status IN ['VERKENNING', 'UITVOERING'] AND any(t IN o.themes WHERE t IN $themes)
		    AND (x = g OR EXISTS { MATCH (g)-[m:MEMBER_OF]->(x) WHERE m.until IS NULL })
		}
		RETURN g.code AS code ORDER BY code LIMIT 1`, map[string]any{"themes": append([]string{"cultuur"}, samenspel.RelatedThemes([]string{"cultuur"})...)})
	if len(rows) == 0 {
		t.Fatal("every gemeente has a running opgave on cultuur or a related theme: pick another theme for this test")
	}
	code := rows[0]["code"].(string)
	r := a.mustQuery(`query($g: String!) { whoElseAnswer(theme: "cultuur", area: {gemeente: $g}) { hits { score } themes relatedThemes areaGemeenten emptyReason } }`, map[string]any{"g": code})
	ans := get(r.Data, "whoElseAnswer")
	if len(list(ans, "hits")) != 0 {
		t.Fatalf("%s: hits %v, Cypher finds no running opgave on cultuur there", code, list(ans, "hits"))
	}
	reason, _ := get(ans, "emptyReason").(string)
	if !strings.Contains(reason, "cultuur") || !strings.Contains(reason, "overlapt dit gebied van 1 gemeente") && !strings.Contains(reason, "geen lopende opgave") {
		t.Errorf("%s: emptyReason %q does not say that nothing on cultuur overlaps the area", code, reason)
	}
	if get(ans, "areaGemeenten") != float64(1) || fmt.Sprint(list(ans, "relatedThemes")) != fmt.Sprint([]any{"bestuur", "digitalisering"}) {
		t.Errorf("%s: answer says area %v, related %v", code, get(ans, "areaGemeenten"), list(ans, "relatedThemes"))
	}
}
