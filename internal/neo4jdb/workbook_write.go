package neo4jdb

import (
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/workbook"
)

// How a column is stored: the node property and how the cell's text becomes its value.
type wbProp struct {
	column, property string
	kind             workbook.Kind
}

var wbProps = map[string][]wbProp{
	workbook.SheetOpgaven: {{"titel", "title", workbook.Text}, {"doel", "goal", workbook.Text}, {"omschrijving", "description", workbook.Text},
		{"schaal", "scale", workbook.Enum}, {"status", "status", workbook.Enum}, {"start", "startDate", workbook.Date}, {"einde", "endDate", workbook.Date}},
	workbook.SheetPersonen: {{"naam", "name", workbook.Text}, {"functie", "function", workbook.Text}, {"email", "email", workbook.Text}, {"telefoon", "phone", workbook.Text}},
	workbook.SheetRollen: {{"type", "type", workbook.Enum}, {"niveau", "level", workbook.Enum}, {"van", "from", workbook.Date}, {"tot", "until", workbook.Date},
		{"euro", "contributionEuros", workbook.Number}, {"fte", "contributionFte", workbook.Number}},
	workbook.SheetInstrumenten: {{"naam", "name", workbook.Text}, {"type", "type", workbook.Enum}, {"omschrijving", "description", workbook.Text},
		{"bedrag", "amountEuros", workbook.Number}},
	workbook.SheetVertrouwen: {{"score", "score", workbook.Score}, {"datum", "date", workbook.Date}, {"toelichting", "note", workbook.Text}},
	workbook.SheetBelangen:   {{"wil", "wants", workbook.Text}, {"brengt", "brings", workbook.Text}, {"nietopgeven", "cannotGiveUp", workbook.Text}},
	workbook.SheetConflicten: {{"toelichting", "note", workbook.Text}, {"sinds", "since", workbook.Date}, {"opgelost", "resolvedOn", workbook.Date}},
	workbook.SheetAfspraken: {{"titel", "title", workbook.Text}, {"omschrijving", "description", workbook.Text}, {"orgaan", "body", workbook.Enum},
		{"uiterlijk", "dueDate", workbook.Date}, {"besloten", "decidedOn", workbook.Date}, {"mandaat", "mandate", workbook.Enum}},
	workbook.SheetCheckIns: {{"datum", "date", workbook.Date}, {"goede", "rightThings", workbook.Score}, {"goed", "thingsRight", workbook.Score},
		{"samen", "together", workbook.Score}, {"notitie", "note", workbook.Text}},
	workbook.SheetResultaten: {{"titel", "title", workbook.Text}, {"omschrijving", "description", workbook.Text}, {"gepland", "plannedDate", workbook.Date},
		{"behaald", "achievedDate", workbook.Date}},
	workbook.SheetLessen: {{"titel", "title", workbook.Text}, {"tekst", "text", workbook.Text}, {"datum", "date", workbook.Date}},
}

// propValue is a cell's text as a property value; an empty date or number removes the property.
func propValue(kind workbook.Kind, v string) any {
	switch kind {
	case workbook.Date:
		if v == "" {
			return nil
		}
		d, _ := samenspel.ParseDate(v) // checked when read
		return dateParam(d)
	case workbook.Number:
		if v == "" {
			return nil
		}
		f, _ := strconv.ParseFloat(v, 64)
		return f
	case workbook.Score:
		n, _ := strconv.Atoi(v)
		return int64(n)
	}
	return v
}

// The statements that write one sheet's new and changed rows. Each replaces the relationships of
// a column only when the row's sheet has that column.
var wbWrites = map[string]string{
	workbook.SheetOpgaven: `
UNWIND $rows AS row
MERGE (n:Opgave {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.description = ''
SET n += row.props
WITH n, row WHERE row.area IS NOT NULL
OPTIONAL MATCH (n)-[c:COVERS]->()
DELETE c
WITH DISTINCT n, row
` + coverArea("n", "n, row", "row.area.regions", "row.area.codes"),
	workbook.SheetPersonen: `
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key
SET n += row.props
WITH n, row WHERE row.org IS NOT NULL
OPTIONAL MATCH (n)-[x:WORKS_FOR]->()
DELETE x
WITH DISTINCT n, row
MATCH (org:Organisation {id: row.org})
CREATE (n)-[:WORKS_FOR]->(org)`,
	workbook.SheetRollen: `
UNWIND $rows AS row
MERGE (n:Role {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key
SET n += row.props
WITH n, row
CALL (n, row) {
  WITH n, row WHERE row.opgave IS NOT NULL
  OPTIONAL MATCH (n)-[x:ON]->()
  DELETE x
  WITH DISTINCT n, row
  MATCH (o:Opgave {id: row.opgave})
  CREATE (n)-[:ON]->(o)
}
CALL (n, row) {
  WITH n, row WHERE row.org IS NOT NULL
  OPTIONAL MATCH ()-[x:HOLDS]->(n)
  DELETE x
  WITH DISTINCT n, row
  MATCH (org:Organisation {id: row.org})
  CREATE (org)-[:HOLDS]->(n)
}
CALL (n, row) {
  WITH n, row WHERE row.setPerson
  OPTIONAL MATCH ()-[x:PLAYS]->(n)
  DELETE x
  WITH DISTINCT n, row WHERE row.person IS NOT NULL
  MATCH (p:Person {id: row.person})
  CREATE (p)-[:PLAYS]->(n)
}`,
	workbook.SheetInstrumenten: `
UNWIND $rows AS row
MERGE (n:Instrument {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.organisation = $org
SET n += row.props
WITH n, row WHERE row.opgaven IS NOT NULL
OPTIONAL MATCH (n)-[x:SUPPORTS]->()
DELETE x
WITH DISTINCT n, row
UNWIND row.opgaven AS oid
MATCH (o:Opgave {id: oid})
CREATE (n)-[:SUPPORTS]->(o)`,
	workbook.SheetKoppelingen: `
UNWIND $rows AS row
MATCH (a:Opgave {id: row.from}), (b:Opgave {id: row.to})
MERGE (a)-[l:LINKED {type: row.type}]->(b)
SET l.note = CASE WHEN row.setNote THEN row.note ELSE l.note END`,
	workbook.SheetVertrouwen: `
UNWIND $rows AS row
MERGE (n:TrustAssessment {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.recordedBy = $by
SET n += row.props
WITH n, row
CALL (n, row) {
  WITH n, row WHERE row.from IS NOT NULL
  OPTIONAL MATCH ()-[x:ASSESSED]->(n)
  DELETE x
  WITH DISTINCT n, row
  MATCH (a:Organisation {id: row.from})
  CREATE (a)-[:ASSESSED]->(n)
}
CALL (n, row) {
  WITH n, row WHERE row.about IS NOT NULL
  OPTIONAL MATCH (n)-[x:ABOUT]->()
  DELETE x
  WITH DISTINCT n, row
  MATCH (b:Organisation {id: row.about})
  CREATE (n)-[:ABOUT]->(b)
}
CALL (n, row) {
  WITH n, row WHERE row.setOpgave
  OPTIONAL MATCH (n)-[x:CONCERNS]->()
  DELETE x
  WITH DISTINCT n, row WHERE row.opgave IS NOT NULL
  MATCH (o:Opgave {id: row.opgave})
  CREATE (n)-[:CONCERNS]->(o)
}`,
	// A practice entry gets its opgave and organisation when it is made; they do not change
	// (fixedColumns). An interest is dated the day it is recorded or changed, as the mutations do.
	workbook.SheetBelangen: `
UNWIND $rows AS row
MERGE (n:Interest {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.brings = '', n.cannotGiveUp = ''
SET n += row.props, n.date = $today
WITH n, row WHERE row.create
MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: row.org})
CREATE (org)-[:HAS_INTEREST]->(n)-[:FOR]->(o)`,
	workbook.SheetConflicten: `
UNWIND $rows AS row
MERGE (n:InterestConflict {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.note = ''
SET n += row.props
WITH n, row WHERE row.create
MATCH (a:Interest {id: row.a})-[:FOR]->(o:Opgave), (b:Interest {id: row.b})
CREATE (n)-[:FOR]->(o), (n)-[:BETWEEN {side: 'a'}]->(a), (n)-[:BETWEEN {side: 'b'}]->(b)`,
	workbook.SheetAfspraken: `
UNWIND $rows AS row
MERGE (n:Agreement {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.description = '', n.mandate = 'MISSING'
SET n += row.props
WITH n, row
CALL (n, row) {
  WITH n, row WHERE row.create
  MATCH (o:Opgave {id: row.opgave})
  CREATE (n)-[:FOR]->(o)
}
CALL (n, row) {
  WITH n, row WHERE row.setDecider
  OPTIONAL MATCH (n)-[x:DECIDED_BY]->()
  DELETE x
  WITH DISTINCT n, row WHERE row.decider IS NOT NULL
  MATCH (d:Organisation {id: row.decider})
  CREATE (n)-[:DECIDED_BY]->(d)
}`,
	workbook.SheetCheckIns: `
UNWIND $rows AS row
MERGE (n:CheckIn {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.note = ''
SET n += row.props
WITH n, row WHERE row.create
MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: row.org})
CREATE (org)-[:CHECKED_IN]->(n)-[:FOR]->(o)`,
	workbook.SheetResultaten: `
UNWIND $rows AS row
MERGE (n:Result {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.description = ''
SET n += row.props
WITH n, row WHERE row.create
MATCH (o:Opgave {id: row.opgave})
CREATE (n)-[:FOR]->(o)`,
	workbook.SheetBijdragen: `
UNWIND $rows AS row
MATCH (r:Result {id: row.result}), (org:Organisation {id: row.org})
MERGE (org)-[c:CONTRIBUTED]->(r)
SET c.description = row.description`,
	workbook.SheetLessen: `
UNWIND $rows AS row
MERGE (n:Lesson {id: row.id})
ON CREATE SET n.generated = false, n.externalKey = row.key, n.text = ''
SET n += row.props
WITH n, row WHERE row.create
MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: row.org})
CREATE (org)-[:LEARNED]->(n)-[:FOR]->(o)`,
}

// write writes the new and changed rows, sheet by sheet in the order of workbook.Specs (so that
// a role's opgave and person exist before the role).
func (p *plan) write(w *txRunner, progress func(done, total int)) error {
	total, done := 0, 0
	for _, spec := range workbook.Specs {
		for _, a := range p.action[spec.Name] {
			if a != "" {
				total++
			}
		}
	}
	by := samenspel.CallerIn(w.ctx).Name
	for _, spec := range workbook.Specs {
		var rows []map[string]any
		for i, r := range p.book.Sheet(spec.Name).Rows {
			if p.action[spec.Name][i] != "" {
				row := p.params(spec, r)
				row["create"] = p.action[spec.Name][i] == actCreate
				rows = append(rows, row)
			}
		}
		for start := 0; start < len(rows); start += batchSize {
			end := min(start+batchSize, len(rows))
			if _, err := w.run("import workbook", wbWrites[spec.Name], map[string]any{"rows": rows[start:end], "by": by, "org": nilIfEmpty(p.caller.Organisation),
				"today": dateParam(p.today)}); err != nil {
				return err
			}
			done += end - start
			progress(done, total)
		}
		if spec.Name == workbook.SheetRollen {
			if err := p.ownLeads(w); err != nil {
				return err
			}
		}
	}
	return nil
}

// ownLeads gives an editor's organisation the lead of the opgaven its workbook makes (newLeads).
func (p *plan) ownLeads(w *txRunner) error {
	var rows []map[string]any
	for _, l := range p.newLeads() {
		rows = append(rows, map[string]any{"id": newID(), "opgave": l.OpgaveID, "type": l.Type, "from": dateParam(l.From)})
	}
	if len(rows) == 0 {
		return nil
	}
	_, err := w.run("import workbook", `
UNWIND $rows AS row
MATCH (o:Opgave {id: row.opgave}), (org:Organisation {id: $org})
CREATE (org)-[:HOLDS]->(:Role {id: row.id, type: row.type, level: 'AMBTELIJK', from: row.from, generated: false})-[:ON]->(o)`,
		map[string]any{"rows": rows, "org": p.caller.Organisation})
	return err
}

// newLeads are the roles an editor's organisation gets on the opgaven its workbook makes, as
// createOpgave gives them, unless the workbook gives it one: TREKKER at the ambtelijk level
// (MEDETREKKER when the workbook names another ambtelijk trekker), from the opgave's start.
func (p *plan) newLeads() []samenspel.Role {
	if !p.caller.Is(samenspel.Editor) || len(p.created) == 0 {
		return nil
	}
	led, trekker := map[string]bool{}, map[string]bool{}
	for _, r := range p.book.Sheet(workbook.SheetRollen).Rows {
		id, _ := p.resolve(workbook.SheetOpgaven, r.Values["opgave"])
		t := r.Values["type"]
		if r.Values["organisatie"] == p.caller.Organisation && (t == "TREKKER" || t == "MEDETREKKER") {
			led[id] = true
		}
		if t == "TREKKER" && r.Values["niveau"] == "AMBTELIJK" {
			trekker[id] = true
		}
	}
	var out []samenspel.Role
	for i, r := range p.book.Sheet(workbook.SheetOpgaven).Rows {
		id := p.ids[workbook.SheetOpgaven][r.Key().String()]
		if p.action[workbook.SheetOpgaven][i] != actCreate || led[id] {
			continue
		}
		typ := "TREKKER"
		if trekker[id] {
			typ = "MEDETREKKER"
		}
		from := p.today
		if d, err := samenspel.ParseDate(r.Values["start"]); err == nil {
			from = d
		}
		out = append(out, samenspel.Role{OpgaveID: id, OrganisationID: p.caller.Organisation, Type: typ, Level: "AMBTELIJK", From: from})
	}
	return out
}

// verify checks, after the writes, that every role, person, assessment and practice entry the
// import wrote hangs where it should, every link and contribution was made, and every area and instrument has all of its entries: a node a row refers to that was deleted by another
// transaction during the import would otherwise leave a role without its opgave. Then the whole
// import is undone with a conflict.
func (p *plan) verify(run func(string, map[string]any) ([]*neo4j.Record, error)) error {
	written := map[string][]string{}
	links := 0
	for _, spec := range workbook.Specs {
		for i, r := range p.book.Sheet(spec.Name).Rows {
			if p.action[spec.Name][i] == "" {
				continue
			}
			if spec.Keyed {
				written[spec.Name] = append(written[spec.Name], p.ids[spec.Name][r.Key().String()])
			} else {
				links++
			}
		}
	}
	recs, err := run(`
CALL () { UNWIND $roles AS id MATCH (r:Role {id: id}) WHERE NOT (r)-[:ON]->(:Opgave) OR NOT (:Organisation)-[:HOLDS]->(r) RETURN count(r) AS bad
  UNION ALL UNWIND $people AS id MATCH (p:Person {id: id}) WHERE NOT (p)-[:WORKS_FOR]->(:Organisation) RETURN count(p) AS bad
  UNION ALL UNWIND $trust AS id MATCH (t:TrustAssessment {id: id}) WHERE NOT (:Organisation)-[:ASSESSED]->(t) OR NOT (t)-[:ABOUT]->(:Organisation) RETURN count(t) AS bad
  UNION ALL UNWIND $links AS l MATCH (a:Opgave {id: l.from}) WHERE NOT (a)-[:LINKED {type: l.type}]->(:Opgave {id: l.to}) RETURN count(a) AS bad
  UNION ALL UNWIND $links AS l OPTIONAL MATCH (a:Opgave {id: l.from}) WITH l, a WHERE a IS NULL RETURN count(l) AS bad
  UNION ALL UNWIND $areas AS x MATCH (o:Opgave {id: x.id}) WHERE COUNT { (o)-[:COVERS]->() } <> x.n RETURN count(o) AS bad
  UNION ALL UNWIND $supports AS x MATCH (i:Instrument {id: x.id}) WHERE COUNT { (i)-[:SUPPORTS]->() } <> x.n RETURN count(i) AS bad
  UNION ALL UNWIND $interests AS id MATCH (n:Interest {id: id}) WHERE NOT (n)-[:FOR]->(:Opgave) OR NOT (:Organisation)-[:HAS_INTEREST]->(n) RETURN count(n) AS bad
  UNION ALL UNWIND $conflicts AS id MATCH (n:InterestConflict {id: id}) WHERE NOT (n)-[:FOR]->(:Opgave) OR COUNT { (n)-[:BETWEEN]->(:Interest) } <> 2 RETURN count(n) AS bad
  UNION ALL UNWIND $agreements AS id MATCH (n:Agreement {id: id}) WHERE NOT (n)-[:FOR]->(:Opgave) OR (n.body <> 'STUURGROEP' AND NOT (n)-[:DECIDED_BY]->(:Organisation)) RETURN count(n) AS bad
  UNION ALL UNWIND $checkIns AS id MATCH (n:CheckIn {id: id}) WHERE NOT (n)-[:FOR]->(:Opgave) OR NOT (:Organisation)-[:CHECKED_IN]->(n) RETURN count(n) AS bad
  UNION ALL UNWIND $results AS id MATCH (n:Result {id: id}) WHERE NOT (n)-[:FOR]->(:Opgave) RETURN count(n) AS bad
  UNION ALL UNWIND $lessons AS id MATCH (n:Lesson {id: id}) WHERE NOT (n)-[:FOR]->(:Opgave) OR NOT (:Organisation)-[:LEARNED]->(n) RETURN count(n) AS bad
  UNION ALL UNWIND $contributions AS c OPTIONAL MATCH (:Organisation {id: c.org})-[x:CONTRIBUTED]->(:Result {id: c.result}) WITH c, x WHERE x IS NULL RETURN count(c) AS bad }
RETURN sum(bad)`, map[string]any{"roles": written[workbook.SheetRollen], "people": written[workbook.SheetPersonen],
		"trust": written[workbook.SheetVertrouwen], "links": p.linkParams(), "areas": p.listCounts(workbook.SheetOpgaven, "gebied"),
		"supports": p.listCounts(workbook.SheetInstrumenten, "opgaven"), "interests": written[workbook.SheetBelangen],
		"conflicts": written[workbook.SheetConflicten], "agreements": written[workbook.SheetAfspraken], "checkIns": written[workbook.SheetCheckIns],
		"results": written[workbook.SheetResultaten], "lessons": written[workbook.SheetLessen], "contributions": p.contributionParams()})
	if err != nil {
		return err
	}
	if n := integer(recs[0].Values[0]); n > 0 {
		return samenspel.Conflictf("file", "%d rows refer to something deleted while the workbook was imported; nothing was written, import it again", n)
	}
	return nil
}

// listCounts gives, for the written rows of a sheet that have the list column, the node id and
// how many relationships the list makes (its distinct entries).
func (p *plan) listCounts(sheet, col string) []map[string]any {
	var out []map[string]any
	for i, r := range p.book.Sheet(sheet).Rows {
		if p.action[sheet][i] == "" || !r.Has(col) {
			continue
		}
		out = append(out, map[string]any{"id": p.ids[sheet][r.Key().String()], "n": len(splitList(r.Values[col]))})
	}
	return out
}

// contributionParams are the contributions the import writes, by node ids.
func (p *plan) contributionParams() []map[string]any {
	out := []map[string]any{}
	for i, r := range p.book.Sheet(workbook.SheetBijdragen).Rows {
		if p.action[workbook.SheetBijdragen][i] == "" {
			continue
		}
		result, _ := p.resolve(workbook.SheetResultaten, r.Values["resultaat"])
		out = append(out, map[string]any{"result": result, "org": r.Values["organisatie"]})
	}
	return out
}

// linkParams are the links the import writes, by node ids.
func (p *plan) linkParams() []map[string]any {
	var out []map[string]any
	for i, r := range p.book.Sheet(workbook.SheetKoppelingen).Rows {
		if p.action[workbook.SheetKoppelingen][i] == "" {
			continue
		}
		from, _ := p.resolve(workbook.SheetOpgaven, r.Values["van"])
		to, _ := p.resolve(workbook.SheetOpgaven, r.Values["naar"])
		out = append(out, map[string]any{"from": from, "to": to, "type": r.Values["type"]})
	}
	return out
}

// params is one row as the sheet's write statement takes it.
func (p *plan) params(spec *workbook.Spec, r workbook.Row) map[string]any {
	v := r.Values
	row := map[string]any{}
	if spec.Keyed {
		k := r.Key()
		row["id"] = p.ids[spec.Name][k.String()]
		if k.Beheerder != workbook.Samenspel {
			row["key"] = k.String()
		}
		props := map[string]any{}
		for _, pr := range wbProps[spec.Name] {
			if r.Has(pr.column) {
				val := v[pr.column]
				if pr.column == "status" && val == "" {
					val = "VERKENNING"
				}
				props[pr.property] = propValue(pr.kind, val)
			}
		}
		row["props"] = props
	}
	ref := func(sheet, col string) any {
		if !r.Has(col) || v[col] == "" {
			return nil
		}
		id, _ := p.resolve(sheet, v[col])
		return id
	}
	orNil := func(col string) any {
		if !r.Has(col) {
			return nil
		}
		return v[col]
	}
	switch spec.Name {
	case workbook.SheetOpgaven:
		props := row["props"].(map[string]any)
		if r.Has("thema1") || r.Has("thema2") || r.Has("thema3") {
			var themes []string
			for _, c := range []string{"thema1", "thema2", "thema3"} {
				themes = append(themes, splitList(v[c])...)
			}
			props["themes"] = themes
		}
		if r.Has("gebied") {
			regions, codes := []string{}, []string{}
			for _, a := range splitList(v["gebied"]) {
				if strings.Contains(a, "/") {
					regions = append(regions, a)
				} else {
					codes = append(codes, a)
				}
			}
			row["area"] = map[string]any{"regions": regions, "codes": codes}
		}
	case workbook.SheetPersonen:
		row["org"] = orNil("organisatie")
	case workbook.SheetRollen:
		row["opgave"] = ref(workbook.SheetOpgaven, "opgave")
		row["org"] = orNil("organisatie")
		row["setPerson"] = r.Has("persoon")
		row["person"] = ref(workbook.SheetPersonen, "persoon")
	case workbook.SheetInstrumenten:
		if r.Has("opgaven") {
			ids := []string{}
			for _, x := range splitList(v["opgaven"]) {
				id, _ := p.resolve(workbook.SheetOpgaven, x)
				ids = append(ids, id)
			}
			row["opgaven"] = ids
		}
	case workbook.SheetKoppelingen:
		row["from"] = ref(workbook.SheetOpgaven, "van")
		row["to"] = ref(workbook.SheetOpgaven, "naar")
		row["type"] = v["type"]
		row["setNote"] = r.Has("toelichting")
		row["note"] = v["toelichting"]
	case workbook.SheetVertrouwen:
		row["from"] = orNil("van")
		row["about"] = orNil("over")
		row["setOpgave"] = r.Has("opgave")
		row["opgave"] = ref(workbook.SheetOpgaven, "opgave")
	case workbook.SheetBelangen, workbook.SheetCheckIns, workbook.SheetResultaten, workbook.SheetLessen:
		row["opgave"] = ref(workbook.SheetOpgaven, "opgave")
		row["org"] = orNil("organisatie")
		if spec.Name == workbook.SheetLessen && r.Has("themas") {
			row["props"].(map[string]any)["themes"] = splitList(v["themas"])
		}
	case workbook.SheetConflicten:
		row["a"] = ref(workbook.SheetBelangen, "a")
		row["b"] = ref(workbook.SheetBelangen, "b")
	case workbook.SheetAfspraken:
		row["opgave"] = ref(workbook.SheetOpgaven, "opgave")
		row["setDecider"] = r.Has("beslisser")
		row["decider"] = nilIfEmpty(v["beslisser"])
	case workbook.SheetBijdragen:
		row["result"] = ref(workbook.SheetResultaten, "resultaat")
		row["org"] = v["organisatie"]
		row["description"] = v["omschrijving"]
	}
	return row
}
