package neo4jdb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/workbook"
)

// A spreadsheet row is found again by its external key, stored as externalKey
// ("beheerder/sleutel"); objects made in Samenspel have none and are known as samenspel/<id>.
// Every statement below reads a node's key as refExpr, so export and import agree on it.

// wbRead is how one keyed sheet is read: the node label (a constant, never input) and the map
// of the sheet's columns for node n.
type wbRead struct {
	sheet, label, columns string
}

var wbReads = []wbRead{
	{workbook.SheetOpgaven, "Opgave", `{titel: n.title, doel: n.goal, omschrijving: n.description, themes: n.themes, schaal: n.scale,
	  status: n.status, start: toString(n.startDate), einde: toString(n.endDate),
	  gebied: [(n)-[:COVERS]->(a) | CASE WHEN a:Region THEN a.key ELSE a.code END]}`},
	{workbook.SheetPersonen, "Person", `{naam: n.name, functie: n.function, email: n.email, telefoon: n.phone,
	  organisatie: head([(n)-[:WORKS_FOR]->(o) | o.id])}`},
	{workbook.SheetRollen, "Role", `{opgave: head([(n)-[:ON]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)]),
	  organisatie: head([(o)-[:HOLDS]->(n) | o.id]), type: n.type, niveau: n.level, van: toString(n.from), tot: toString(n.until),
	  persoon: head([(p)-[:PLAYS]->(n) | coalesce(p.externalKey, 'samenspel/' + p.id)]), euro: n.contributionEuros, fte: n.contributionFte}`},
	{workbook.SheetInstrumenten, "Instrument", `{naam: n.name, type: n.type, omschrijving: n.description, bedrag: n.amountEuros, maker: n.organisation,
	  opgaven: [(n)-[:SUPPORTS]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)]}`},
	{workbook.SheetVertrouwen, "TrustAssessment", `{van: head([(o)-[:ASSESSED]->(n) | o.id]), over: head([(n)-[:ABOUT]->(o) | o.id]),
	  score: n.score, datum: toString(n.date), toelichting: n.note,
	  opgave: head([(n)-[:CONCERNS]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)])}`},
	// The practice rows also carry opgaveid, their opgave's node id (no column): the import checks
	// a conflict's or contribution's opgave by it when its interest or result is stored.
	{workbook.SheetBelangen, "Interest", `{opgave: head([(n)-[:FOR]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)]), opgaveid: head([(n)-[:FOR]->(o) | o.id]),
	  organisatie: head([(o)-[:HAS_INTEREST]->(n) | o.id]), wil: n.wants, brengt: n.brings, nietopgeven: n.cannotGiveUp}`},
	{workbook.SheetConflicten, "InterestConflict", `{a: head([(n)-[:BETWEEN {side: 'a'}]->(i) | coalesce(i.externalKey, 'samenspel/' + i.id)]),
	  b: head([(n)-[:BETWEEN {side: 'b'}]->(i) | coalesce(i.externalKey, 'samenspel/' + i.id)]), opgaveid: head([(n)-[:FOR]->(o) | o.id]),
	  toelichting: n.note, sinds: toString(n.since), opgelost: toString(n.resolvedOn)}`},
	{workbook.SheetAfspraken, "Agreement", `{opgave: head([(n)-[:FOR]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)]), opgaveid: head([(n)-[:FOR]->(o) | o.id]),
	  titel: n.title, omschrijving: n.description, orgaan: n.body, beslisser: head([(n)-[:DECIDED_BY]->(d) | d.id]),
	  uiterlijk: toString(n.dueDate), besloten: toString(n.decidedOn), mandaat: n.mandate}`},
	{workbook.SheetCheckIns, "CheckIn", `{opgave: head([(n)-[:FOR]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)]), opgaveid: head([(n)-[:FOR]->(o) | o.id]),
	  organisatie: head([(o)-[:CHECKED_IN]->(n) | o.id]), datum: toString(n.date), goede: n.rightThings, goed: n.thingsRight, samen: n.together, notitie: n.note}`},
	{workbook.SheetResultaten, "Result", `{opgave: head([(n)-[:FOR]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)]), opgaveid: head([(n)-[:FOR]->(o) | o.id]),
	  titel: n.title, omschrijving: n.description, gepland: toString(n.plannedDate), behaald: toString(n.achievedDate)}`},
	{workbook.SheetLessen, "Lesson", `{opgave: head([(n)-[:FOR]->(o) | coalesce(o.externalKey, 'samenspel/' + o.id)]), opgaveid: head([(n)-[:FOR]->(o) | o.id]),
	  organisatie: head([(o)-[:LEARNED]->(n) | o.id]), titel: n.title, tekst: n.text, themas: n.themes, datum: toString(n.date)}`},
}

// nodesByKey matches the nodes of a label by external keys ($ext) and ids ($ids), each by its
// index; all is the whole label (an export).
func nodesByKey(v, label string, all bool) string {
	if all {
		return "MATCH (" + v + ":" + label + ")"
	}
	return "CALL () { UNWIND $ext AS k MATCH (" + v + ":" + label + " {externalKey: k}) RETURN " + v +
		" UNION UNWIND $ids AS i MATCH (" + v + ":" + label + " {id: i}) RETURN " + v + " }"
}

// keyParams splits references into external keys and the ids of samenspel/<id>.
func keyParams(refs []string) map[string]any {
	ext, ids := []string{}, []string{}
	for _, r := range refs {
		if id, ok := strings.CutPrefix(r, workbook.Samenspel+"/"); ok {
			ids = append(ids, id)
		} else {
			ext = append(ext, r)
		}
	}
	return map[string]any{"ext": ext, "ids": ids}
}

// stored is what the database holds of the rows a book names (or of everything, for an export).
type stored struct {
	rows map[string]map[string]workbook.Row // sheet → key (beheerder/sleutel, or van naar type) → row
	ids  map[string]map[string]string       // sheet → key → node id (also by samenspel/<id>)
	// alias finds a row with a keeper's key by samenspel/<id> too (sheet → samenspel/<id> → key).
	alias map[string]map[string]string
}

func newStored() *stored {
	s := &stored{rows: map[string]map[string]workbook.Row{}, ids: map[string]map[string]string{}, alias: map[string]map[string]string{}}
	for _, spec := range workbook.Specs {
		s.rows[spec.Name], s.ids[spec.Name], s.alias[spec.Name] = map[string]workbook.Row{}, map[string]string{}, map[string]string{}
	}
	return s
}

// readStored reads the rows with the given keys per sheet (nil: every row), the links that
// start at the given opgaven and the contributions to the given results (all: every one).
func readStored(ctx context.Context, run func(string, map[string]any) ([]*neo4j.Record, error), keys map[string][]string, all bool, linksFrom, contributionsTo []string) (*stored, error) {
	s := newStored()
	for _, r := range wbReads {
		if !all && len(keys[r.sheet]) == 0 {
			continue
		}
		cypher := nodesByKey("n", r.label, all) + `
WITH n, coalesce(n.externalKey, 'samenspel/' + n.id) AS key
RETURN key, n.id AS id, ` + r.columns + ` AS v ORDER BY key`
		recs, err := run(cypher, keyParams(keys[r.sheet]))
		if err != nil {
			return nil, err
		}
		spec := workbook.SpecNamed(r.sheet)
		for _, rec := range recs {
			key, id := str(rec.Values[0]), str(rec.Values[1])
			row := storedRow(spec, key, rec.Values[2].(map[string]any))
			s.rows[r.sheet][key], s.ids[r.sheet][key] = row, id
			if own := workbook.Samenspel + "/" + id; own != key {
				s.alias[r.sheet][own], s.ids[r.sheet][own] = key, id
			}
		}
	}
	if all || len(linksFrom) > 0 {
		cypher := nodesByKey("a", "Opgave", all) + `
MATCH (a)-[l:LINKED]->(b:Opgave)
RETURN coalesce(a.externalKey, 'samenspel/' + a.id) AS van, coalesce(b.externalKey, 'samenspel/' + b.id) AS naar, l.type, l.note
ORDER BY van, naar, l.type`
		recs, err := run(cypher, keyParams(linksFrom))
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			van, naar := str(rec.Values[0]), str(rec.Values[1])
			row := workbook.Row{Values: map[string]string{"beheerder": workbook.ParseRef(van).Beheerder, "van": van, "naar": naar,
				"type": str(rec.Values[2]), "toelichting": str(rec.Values[3])}}
			s.rows[workbook.SheetKoppelingen][van+" "+naar+" "+row.Values["type"]] = row
		}
	}
	if all || len(contributionsTo) > 0 {
		// A contribution is kept by its result's keeper.
		cypher := nodesByKey("r", "Result", all) + `
MATCH (org:Organisation)-[c:CONTRIBUTED]->(r)
RETURN coalesce(r.externalKey, 'samenspel/' + r.id) AS resultaat, org.id AS org, c.description, r.id
ORDER BY resultaat, org`
		recs, err := run(cypher, keyParams(contributionsTo))
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			result, org := str(rec.Values[0]), str(rec.Values[1])
			row := workbook.Row{Values: map[string]string{"beheerder": workbook.ParseRef(result).Beheerder, "resultaat": result, "organisatie": org,
				"omschrijving": strings.TrimSpace(str(rec.Values[2]))}}
			s.rows[workbook.SheetBijdragen][result+" "+org] = row
		}
	}
	return s, nil
}

// storedRow writes what a node holds as the sheet's normalised row.
func storedRow(spec *workbook.Spec, key string, v map[string]any) workbook.Row {
	ref := workbook.ParseRef(key)
	row := workbook.Row{Values: map[string]string{"beheerder": ref.Beheerder, "sleutel": ref.Sleutel}}
	for k, x := range v {
		switch x := x.(type) {
		case nil:
			row.Values[k] = ""
		case string:
			row.Values[k] = strings.TrimSpace(x) // as the import reads a cell
		case float64:
			row.Values[k] = workbook.FormatNumber(x)
		case int64:
			row.Values[k] = workbook.FormatNumber(float64(x))
		case []any:
			parts := toStrings(x)
			if k == "themes" {
				// Thema 1 and 2 hold one theme each, Thema 3 the rest (an opgave may have up to 19).
				for i, col := range []string{"thema1", "thema2"} {
					row.Values[col] = ""
					if i < len(parts) {
						row.Values[col] = parts[i]
					}
				}
				row.Values["thema3"] = ""
				if len(parts) > 2 {
					row.Values["thema3"] = strings.Join(parts[2:], "; ")
				}
				continue
			}
			if k == "themas" {
				row.Values[k] = strings.Join(parts, "; ") // a lesson's themes, in their order
				continue
			}
			slices.Sort(parts)
			row.Values[k] = strings.Join(slices.Compact(parts), "; ")
		}
	}
	delete(row.Values, "themes")
	if spec.Name == workbook.SheetOpgaven && row.Values["status"] == "" {
		row.Values["status"] = "VERKENNING"
	}
	return row
}

// ExportWorkbook reads every opgave, person, role, instrument, link and trust assessment, and the
// practice on the opgaven (interests, conflicts, agreements, check-ins, results, contributions,
// lessons), as the rows of a workbook. sheets limits the sheets (nil: all); hidden names columns to leave out
// (sheet → column keys), for a caller who may not see them.
func (db *DB) ExportWorkbook(ctx context.Context, sheets []string, hidden map[string][]string) (*workbook.Book, error) {
	var s *stored
	_, err := db.readTx(ctx, "export workbook", func(run func(string, map[string]any) ([]*neo4j.Record, error)) error {
		var err error
		s, err = readStored(ctx, run, nil, true, nil, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	b := workbook.NewBook("")
	for _, spec := range workbook.Specs {
		if sheets != nil && !slices.Contains(sheets, spec.Name) {
			delete(b.Sheets, spec.Name)
			continue
		}
		sh := b.Sheets[spec.Name]
		sh.Columns = slices.DeleteFunc(sh.Columns, func(c string) bool { return slices.Contains(hidden[spec.Name], c) })
		keys := make([]string, 0, len(s.rows[spec.Name]))
		for k := range s.rows[spec.Name] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			row := s.rows[spec.Name][k]
			row.Line = i + 2
			sh.Rows = append(sh.Rows, row)
		}
	}
	return b, nil
}

// readTx runs fn in one read transaction, so that an export is one consistent snapshot.
func (db *DB) readTx(ctx context.Context, op string, fn func(run func(string, map[string]any) ([]*neo4j.Record, error)) error) (any, error) {
	if err := db.before(ctx); err != nil {
		return nil, err
	}
	session := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeRead,
		BookmarkManager: db.driver.ExecuteQueryBookmarkManager(), Bookmarks: sessionBookmarks(ctx)})
	defer session.Close(ctx)
	_, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(func(cypher string, params map[string]any) ([]*neo4j.Record, error) {
			recs, _, err := runTx(ctx, tx, cypher, params)
			if err != nil {
				return nil, fmt.Errorf("neo4j: %s: %w", op, err)
			}
			return recs, nil
		})
	}, txConfig(ctx)...)
	if err != nil {
		return nil, db.classify(ctx, err)
	}
	return nil, nil
}
