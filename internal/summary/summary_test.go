package summary

import (
	"strings"
	"testing"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
)

func date(s string) samenspel.Date {
	d, err := samenspel.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func example() service.Summary {
	today := date("2026-12-01")
	achieved := date("2026-03-10")
	results := []samenspel.Result{
		{ID: "r1", Title: "Convenant | getekend", PlannedDate: date("2026-03-01"), AchievedDate: &achieved,
			Contributions: []samenspel.Contribution{{OrganisationID: "a", Description: "trok <het> overleg"}, {OrganisationID: "b", Description: "leverde *data*"}}},
		{ID: "r2", Title: "Loket open", PlannedDate: date("2026-06-01")},
	}
	return service.Summary{Opgave: samenspel.Opgave{ID: "o", Title: "Woondeal Zuid", Goal: "Betaalbaar wonen"}, Today: today,
		Result:  samenspel.ComputeResultSummary("o", results, []string{"a", "c"}, map[string]string{"a": "Gemeente A", "b": "Bureau B", "c": "Provincie C"}, today),
		Results: results, Names: map[string]string{"a": "Gemeente A", "b": "Bureau B", "c": "Provincie C"}}
}

func TestHTMLNamesEveryPartnerAndEscapes(t *testing.T) {
	var b strings.Builder
	if err := HTML(&b, example()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"Woondeal Zuid", "<strong>1</strong> behaald", "<strong>1</strong> te laat", "Gemeente A", "Bureau B (geen huidige rol)",
		"Provincie C", "Nog geen bijdrage beschreven", "trok &lt;het&gt; overleg", "Gemeente A, Bureau B"} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(out, "http://") || strings.Contains(out, "https://") || strings.Contains(out, "<script") {
		t.Error("the page loads something from elsewhere or runs a script")
	}
}

func TestMarkdownEscapesTableCells(t *testing.T) {
	var b strings.Builder
	if err := Markdown(&b, example()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"# Gezamenlijk resultaat: Woondeal Zuid", `| Convenant \| getekend | behaald | 2026-03-01 | 2026-03-10 | Gemeente A, Bureau B |`,
		"### Bureau B (geen huidige rol)", `- Convenant \| getekend: leverde \*data\*`, "| Loket open | te laat |"} {
		if !strings.Contains(out, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, out)
		}
	}
}
