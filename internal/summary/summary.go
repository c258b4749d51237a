// Package summary renders the shareable joint result of an opgave ("belicht de winst voor alle
// betrokkenen"): as a self-contained HTML page (served at /opgaven/{id}/summary.html) and as
// Markdown (`samenspel summary`). Both show the same content from the same data.
package summary

import (
	htmltemplate "html/template"
	"io"
	"strings"
	texttemplate "text/template"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/service"
)

// view is what the templates show.
type view struct {
	service.Summary
	Partners []partner
	Results  []result
}

type partner struct {
	Name          string
	Participant   bool
	Contributions []contribution
}

type contribution struct{ Result, Description string }

type result struct {
	Title, Status, Planned, Achieved, Description string
	Contributors                                  []string
}

var statusNL = map[string]string{samenspel.ResultAchieved: "behaald", samenspel.ResultPlanned: "gepland", samenspel.ResultLate: "te laat"}

func viewOf(s service.Summary) view {
	v := view{Summary: s}
	name := func(id string) string {
		if n, ok := s.Names[id]; ok {
			return n
		}
		return id
	}
	for _, p := range s.Result.Partners {
		pv := partner{Name: name(p.OrganisationID), Participant: p.Participant}
		for _, c := range p.Contributions {
			pv.Contributions = append(pv.Contributions, contribution{Result: c.Result.Title, Description: c.Description})
		}
		v.Partners = append(v.Partners, pv)
	}
	for _, r := range s.Results {
		rv := result{Title: r.Title, Status: statusNL[r.Status(s.Today)], Planned: r.PlannedDate.String(), Description: r.Description}
		if r.AchievedDate != nil {
			rv.Achieved = r.AchievedDate.String()
		}
		for _, c := range r.Contributions {
			rv.Contributors = append(rv.Contributors, name(c.OrganisationID))
		}
		v.Results = append(v.Results, rv)
	}
	return v
}

var funcs = map[string]any{"join": strings.Join, "md": escapeMarkdown}

var page = htmltemplate.Must(htmltemplate.New("summary").Funcs(funcs).Parse(`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gezamenlijk resultaat: {{.Opgave.Title}}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
.meta { color: #444; } .none { color: #555; font-style: italic; }
</style>
</head>
<body>
<main>
<h1>Gezamenlijk resultaat: {{.Opgave.Title}}</h1>
<p class="meta">{{.Opgave.Goal}}</p>
<p>Stand op {{.Today}}: <strong>{{.Result.Achieved}}</strong> behaald, <strong>{{.Result.Planned}}</strong> gepland, <strong>{{.Result.Late}}</strong> te laat.</p>
<h2>Resultaten</h2>
{{if .Results}}<table>
<thead><tr><th scope="col">Resultaat</th><th scope="col">Stand</th><th scope="col">Gepland</th><th scope="col">Behaald</th><th scope="col">Met bijdragen van</th></tr></thead>
<tbody>{{range .Results}}<tr><td>{{.Title}}</td><td>{{.Status}}</td><td>{{.Planned}}</td><td>{{.Achieved}}</td><td>{{join .Contributors ", "}}</td></tr>
{{end}}</tbody></table>{{else}}<p class="none">Nog geen resultaten vastgelegd.</p>{{end}}
<h2>Wat ieder bijdroeg</h2>
{{range .Partners}}<h3>{{.Name}}{{if not .Participant}} (geen huidige rol){{end}}</h3>
{{if .Contributions}}<ul>{{range .Contributions}}<li>{{.Result}}: {{.Description}}</li>{{end}}</ul>{{else}}<p class="none">Nog geen bijdrage beschreven.</p>{{end}}
{{end}}
<p class="meta">Gedeeld vanuit Samenspel. Vraag partners ook hun eigen bijdragen te communiceren.</p>
</main>
</body>
</html>
`))

var markdown = texttemplate.Must(texttemplate.New("summary").Funcs(funcs).Parse(`# Gezamenlijk resultaat: {{.Opgave.Title}}

{{.Opgave.Goal}}

Stand op {{.Today}}: **{{.Result.Achieved}}** behaald, **{{.Result.Planned}}** gepland, **{{.Result.Late}}** te laat.

## Resultaten
{{if .Results}}
| Resultaat | Stand | Gepland | Behaald | Met bijdragen van |
| --- | --- | --- | --- | --- |
{{range .Results}}| {{md .Title}} | {{.Status}} | {{.Planned}} | {{.Achieved}} | {{md (join .Contributors ", ")}} |
{{end}}{{else}}
Nog geen resultaten vastgelegd.
{{end}}
## Wat ieder bijdroeg
{{range .Partners}}
### {{md .Name}}{{if not .Participant}} (geen huidige rol){{end}}
{{if .Contributions}}
{{range .Contributions}}- {{md .Result}}: {{md .Description}}
{{end}}{{else}}
Nog geen bijdrage beschreven.
{{end}}{{end}}`))

// escapeMarkdown keeps text from being read as Markdown structure (table cells, emphasis, links).
func escapeMarkdown(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, "`", "\\`", "\n", " ")
	return r.Replace(s)
}

// HTML writes the summary as a self-contained HTML page.
func HTML(w io.Writer, s service.Summary) error { return page.Execute(w, viewOf(s)) }

// Markdown writes the summary as Markdown.
func Markdown(w io.Writer, s service.Summary) error { return markdown.Execute(w, viewOf(s)) }
