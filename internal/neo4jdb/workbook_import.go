package neo4jdb

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/workbook"
)

// ImportWorkbook checks a read workbook against the database and writes the rows that are new or
// changed, all in one transaction: one bad row (an unknown gemeente, a second trekker, a reference
// to no row) and nothing is written. An unchanged workbook writes nothing at all. With dryRun it
// only checks. An editor imports only rows its own organisation keeps (beheerder), its own
// people and its own trust assessments, and of the practice on opgaven what the practice
// mutations allow it; an admin anything.
func (db *DB) ImportWorkbook(ctx context.Context, b *workbook.Book, dryRun bool, progress func(done, total int)) (workbook.Summary, error) {
	c, err := mayWrite(ctx)
	if err != nil {
		return workbook.Summary{}, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	sum, err := update(ctx, db, func(w *txRunner) (workbook.Summary, error) {
		run := func(cypher string, params map[string]any) ([]*neo4j.Record, error) {
			return w.run("import workbook", cypher, params)
		}
		keys, linksFrom, contributionsTo := bookKeys(b)
		s, err := readStored(w.ctx, run, keys, false, linksFrom, contributionsTo)
		if err != nil {
			return workbook.Summary{}, err
		}
		facts, err := readFacts(run, b, s, c, samenspel.TodayIn(w.ctx))
		if err != nil {
			return workbook.Summary{}, err
		}
		p := &plan{book: b, stored: s, facts: facts, caller: c, today: samenspel.TodayIn(w.ctx)}
		p.prepare()
		if err := p.readPractice(run); err != nil {
			return workbook.Summary{}, err
		}
		if err := p.check(); err != nil {
			return workbook.Summary{}, err
		}
		sum := p.summary()
		sum.DryRun = dryRun
		writing := !dryRun && sum.Changed()
		// The opgaven whose trekkers the import changes are locked before their trekkers are read,
		// so that a role assigned meanwhile (assignRole locks them too) is checked one after the other.
		if err := p.readTrekkers(run, writing); err != nil {
			return workbook.Summary{}, err
		}
		if err := p.checkTrekkers(); err != nil {
			return workbook.Summary{}, err
		}
		if !writing {
			w.unchanged = true
			return sum, nil
		}
		if err := p.write(w, progress); err != nil {
			return sum, err
		}
		if err := p.verify(run); err != nil {
			return sum, err
		}
		w.record(p.changedIDs(), nil, map[string]any{"workbook": sum.String()})
		return sum, nil
	})
	if errors.Is(err, errTransactionMemory) {
		return sum, samenspel.Invalidf("file", "the workbook's %d rows do not fit in one transaction of this database (its transaction memory, dbms.memory.transaction.total.max, ran out); nothing was written. Import it in parts (opgaven and people first, then roles, then the rest) or give Neo4j more memory", b.Rows())
	}
	return sum, err
}

// bookKeys lists, per sheet, the keys of the rows the book holds and of the rows it refers to,
// the opgaven its links start at and the results its contributions are to.
func bookKeys(b *workbook.Book) (map[string][]string, []string, []string) {
	keys := map[string][]string{}
	add := func(sheet, ref string) {
		if ref != "" {
			keys[sheet] = append(keys[sheet], ref)
		}
	}
	var linksFrom, contributionsTo []string
	for _, spec := range workbook.Specs {
		sh := b.Sheet(spec.Name)
		for _, r := range sh.Rows {
			if spec.Keyed {
				add(spec.Name, r.Key().String())
			}
			for _, c := range spec.Columns {
				switch c.Kind {
				case workbook.Reference:
					add(c.Target, r.Values[c.Key])
				case workbook.References:
					for _, ref := range splitList(r.Values[c.Key]) {
						add(c.Target, ref)
					}
				}
			}
			switch spec.Name {
			case workbook.SheetKoppelingen:
				linksFrom = append(linksFrom, r.Values["van"])
			case workbook.SheetBijdragen:
				contributionsTo = append(contributionsTo, r.Values["resultaat"])
			}
		}
	}
	for k, v := range keys {
		slices.Sort(v)
		keys[k] = slices.Compact(v)
	}
	return keys, linksFrom, contributionsTo
}

func splitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, "; ")
}

// facts are the references outside the book: organisations, regions and gemeenten that exist,
// and the TREKKER roles stored on the opgaven the book gives roles.
type facts struct {
	orgs      map[string]string // id → name
	orgKinds  map[string]samenspel.OrganisationKind
	areas     map[string]bool // region key or gemeente code
	trekkers  []storedTrekker
	personOrg map[string]string // person key → organisation id, as stored
	// For an editor: the stored opgaven its organisation leads, and those it takes part in, today,
	// and those it ever had a role on.
	leads, takesPart, tookPart map[string]bool
}

type storedTrekker struct {
	key, opgave, level, org string
	from                    samenspel.Date
	until                   *samenspel.Date
}

func readFacts(run func(string, map[string]any) ([]*neo4j.Record, error), b *workbook.Book, s *stored, c samenspel.Caller, today samenspel.Date) (facts, error) {
	f := facts{orgs: map[string]string{}, orgKinds: map[string]samenspel.OrganisationKind{}, areas: map[string]bool{}, personOrg: map[string]string{},
		leads: map[string]bool{}, takesPart: map[string]bool{}, tookPart: map[string]bool{}}
	var orgIDs, regionKeys, codes []string
	for _, spec := range workbook.Specs {
		for _, r := range b.Sheet(spec.Name).Rows {
			for _, c := range spec.Columns {
				v := r.Values[c.Key]
				switch {
				case c.Kind == workbook.Org && v != "", c.Key == "beheerder" && v != workbook.Samenspel:
					orgIDs = append(orgIDs, v)
				case c.Kind == workbook.Area:
					for _, a := range splitList(v) {
						if strings.Contains(a, "/") {
							regionKeys = append(regionKeys, a)
						} else {
							codes = append(codes, a)
						}
					}
				}
			}
		}
	}
	recs, err := run(`
CALL () { UNWIND $orgs AS id MATCH (o:Organisation {id: id}) RETURN 'org' AS kind, o.id AS key, o.name AS name, o.kind AS orgKind
  UNION UNWIND $regions AS k MATCH (r:Region {key: k}) RETURN 'area' AS kind, r.key AS key, '' AS name, '' AS orgKind
  UNION UNWIND $codes AS c MATCH (g:Organisation {code: c, kind: 'GEMEENTE'}) RETURN DISTINCT 'area' AS kind, g.code AS key, '' AS name, '' AS orgKind }
RETURN kind, key, name, orgKind`, map[string]any{"orgs": orgIDs, "regions": regionKeys, "codes": codes})
	if err != nil {
		return f, err
	}
	for _, rec := range recs {
		if str(rec.Values[0]) == "org" {
			f.orgs[str(rec.Values[1])] = str(rec.Values[2])
			f.orgKinds[str(rec.Values[1])] = samenspel.OrganisationKind(str(rec.Values[3]))
		} else {
			f.areas[str(rec.Values[1])] = true
		}
	}
	if c.Is(samenspel.Editor) {
		var ids []string
		for _, id := range s.ids[workbook.SheetOpgaven] {
			ids = append(ids, id)
		}
		// The opgaven of stored practice rows too: a conflict's opgave is its interest's.
		for _, sheet := range practiceSheets {
			for _, row := range s.rows[sheet] {
				if id := row.Values["opgaveid"]; id != "" {
					ids = append(ids, id)
				}
			}
		}
		slices.Sort(ids)
		recs, err := run(`
UNWIND $ids AS id
MATCH (o:Opgave {id: id})
CALL (o) {
  OPTIONAL MATCH (:Organisation {id: $org})-[:HOLDS]->(r:Role)-[:ON]->(o)
  WHERE `+roleActive("r")+`
  RETURN coalesce(max(r.type IN ['TREKKER', 'MEDETREKKER']), false) AS leads, count(r) > 0 AS takesPart
}
RETURN o.id, leads, takesPart, EXISTS { (:Organisation {id: $org})-[:HOLDS]->(:Role)-[:ON]->(o) }`, map[string]any{"ids": slices.Compact(ids), "org": c.Organisation, "at": dateParam(today)})
		if err != nil {
			return f, err
		}
		for _, rec := range recs {
			id := str(rec.Values[0])
			f.leads[id], _ = rec.Values[1].(bool)
			f.takesPart[id], _ = rec.Values[2].(bool)
			f.tookPart[id], _ = rec.Values[3].(bool)
		}
	}
	for key, row := range s.rows[workbook.SheetPersonen] {
		f.personOrg[key] = row.Values["organisatie"]
	}
	return f, nil
}

// readTrekkers reads the stored TREKKER roles of the opgaven the book's roles are on; when the
// import writes, it locks those opgaven first.
func (p *plan) readTrekkers(run func(string, map[string]any) ([]*neo4j.Record, error), lock bool) error {
	var opgaven []string
	for _, r := range p.book.Sheet(workbook.SheetRollen).Rows {
		if id, ok := p.stored.ids[workbook.SheetOpgaven][r.Values["opgave"]]; ok {
			opgaven = append(opgaven, id)
		}
	}
	if len(opgaven) == 0 {
		return nil
	}
	slices.Sort(opgaven)
	opgaven = slices.Compact(opgaven)
	if lock {
		if _, err := run(`UNWIND $opgaven AS oid MATCH (o:Opgave {id: oid}) SET o.version = coalesce(o.version, 0) + 1`, map[string]any{"opgaven": opgaven}); err != nil {
			return err
		}
	}
	recs, err := run(`
UNWIND $opgaven AS oid
MATCH (org:Organisation)-[:HOLDS]->(r:Role {type: 'TREKKER'})-[:ON]->(o:Opgave {id: oid})
RETURN DISTINCT coalesce(r.externalKey, 'samenspel/' + r.id), o.id, r.level, r.from, r.until, org.id, org.name`, map[string]any{"opgaven": opgaven})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		p.facts.trekkers = append(p.facts.trekkers, storedTrekker{key: str(rec.Values[0]), opgave: str(rec.Values[1]), level: str(rec.Values[2]),
			from: toDate(rec.Values[3]), until: toOptDate(rec.Values[4]), org: str(rec.Values[5])})
		if n := str(rec.Values[6]); n != "" {
			p.facts.orgs[str(rec.Values[5])] = n
		}
	}
	return nil
}

// checkTrekkers reports every second trekker the import would make.
func (p *plan) checkTrekkers() error {
	var errs workbook.Errors
	for _, err := range p.trekkerClashes() {
		if !errs.Add(err) {
			break
		}
	}
	return errs.Err()
}

// plan is an import being checked and then written.
type plan struct {
	book   *workbook.Book
	stored *stored
	facts  facts
	caller samenspel.Caller
	today  samenspel.Date
	// created holds the opgaven the book makes (their ids): an editor builds those as it likes.
	created map[string]bool
	ids     map[string]map[string]string // sheet → key → node id, for every row the book holds
	action  map[string][]string          // sheet → per row: "create", "update" or "" (unchanged)
	// bookPersonOrg is where the book's people work, by key (built when first needed).
	bookPersonOrg map[string]string
	// invalid holds per sheet and row (its line) the problem the rules of its input found.
	invalid map[string]map[int]error
	// practice is what the practice sheets are checked against (readPractice).
	practice practiceFacts
}

const (
	actCreate = "create"
	actUpdate = "update"
)

// nouns name the objects of a sheet in messages.
var nouns = map[string]string{workbook.SheetOpgaven: "opgave", workbook.SheetPersonen: "person", workbook.SheetRollen: "role",
	workbook.SheetInstrumenten: "instrument", workbook.SheetVertrouwen: "trust assessment", workbook.SheetBelangen: "interest",
	workbook.SheetConflicten: "interest conflict", workbook.SheetAfspraken: "agreement", workbook.SheetCheckIns: "check-in",
	workbook.SheetResultaten: "result", workbook.SheetLessen: "lesson"}

// check applies every rule that needs the database to the rows prepare made ready, after the
// problem the row's input rules found. Every problem found is reported (up to
// workbook.MaxErrors); a row its caller may not import is FORBIDDEN.
func (p *plan) check() error {
	var errs workbook.Errors
	var forbidden error
	for _, spec := range workbook.Specs {
		sh := p.book.Sheet(spec.Name)
		for i, r := range sh.Rows {
			problems := p.checkRow(sh, r, p.action[spec.Name][i])
			if err := p.invalid[spec.Name][r.Line]; err != nil {
				problems = append([]error{err}, problems...)
			}
			for _, err := range problems {
				var ce *workbook.CellError
				if errors.As(err, &ce) && ce.Forbidden && forbidden == nil {
					forbidden = err
				}
				if !errs.Add(err) {
					return errs.Err()
				}
			}
		}
	}
	if forbidden != nil {
		return forbidden
	}
	return errs.Err()
}

// prepare assigns the node ids, applies the rules of the practice sheets' inputs to every row
// (workbook.Sheet.Validate, which writes their defaults into the row) and decides per row whether
// it is created, updated or unchanged.
func (p *plan) prepare() {
	p.ids, p.action, p.invalid = map[string]map[string]string{}, map[string][]string{}, map[string]map[int]error{}
	// First every row's id, so that references between rows of the book resolve.
	for _, spec := range workbook.Specs {
		p.ids[spec.Name] = map[string]string{}
		if !spec.Keyed {
			continue
		}
		for _, r := range p.book.Sheet(spec.Name).Rows {
			k := r.Key().String()
			if id, ok := p.stored.ids[spec.Name][k]; ok {
				p.ids[spec.Name][k] = id
			} else if r.Key().Beheerder != workbook.Samenspel {
				p.ids[spec.Name][k] = newID()
			}
		}
	}
	p.created = map[string]bool{}
	for _, spec := range workbook.Specs {
		sh := p.book.Sheet(spec.Name)
		p.invalid[spec.Name] = map[int]error{}
		for _, r := range sh.Rows {
			act := ""
			old, ok := p.stored.row(spec.Name, spec.Identity(r))
			var stored *workbook.Row
			if ok {
				stored = &old
			}
			if err := sh.Validate(r, stored, p.today); err != nil {
				p.invalid[spec.Name][r.Line] = err
			}
			if !ok {
				act = actCreate
				if spec.Name == workbook.SheetOpgaven {
					p.created[p.ids[spec.Name][r.Key().String()]] = true
				}
			} else if !sameRow(r, old) {
				act = actUpdate
			}
			p.action[spec.Name] = append(p.action[spec.Name], act)
		}
	}
}

// sameRow reports whether a row holds what is stored, in the columns the row's sheet has.
func sameRow(r, old workbook.Row) bool {
	for k, v := range r.Values {
		if k == "status" && v == "" {
			v = "VERKENNING"
		}
		if k != "beheerder" && old.Values[k] != v {
			return false
		}
	}
	return true
}

// row finds a stored row by key, also by samenspel/<id> for an object that has a keeper's key.
func (s *stored) row(sheet, key string) (workbook.Row, bool) {
	if r, ok := s.rows[sheet][key]; ok {
		return r, true
	}
	if k, ok := s.alias[sheet][key]; ok {
		r, ok := s.rows[sheet][k]
		return r, ok
	}
	return workbook.Row{}, false
}

// resolve finds the node id of a reference: a row of the book or a stored one.
func (p *plan) resolve(sheet, ref string) (string, bool) {
	if id, ok := p.ids[sheet][ref]; ok {
		return id, true
	}
	id, ok := p.stored.ids[sheet][ref]
	return id, ok
}

func (p *plan) checkRow(sh *workbook.Sheet, r workbook.Row, action string) []error {
	var errs []error
	bad := func(err error) { errs = append(errs, err) }
	spec, v := sh.Spec, r.Values
	own := v["beheerder"]
	switch {
	case own == workbook.Samenspel && spec.Keyed:
		if _, ok := p.stored.row(spec.Name, r.Key().String()); !ok {
			bad(sh.Errorf(r, "sleutel", "no %s in Samenspel has id %q; rows kept by samenspel come from an export. Give a new row your own organisation as beheerder", nouns[spec.Name], v["sleutel"]))
		}
	case own != workbook.Samenspel:
		if _, ok := p.facts.orgs[own]; !ok {
			bad(sh.Errorf(r, "beheerder", "no organisation has id %q", own))
		}
	}
	if p.caller.Is(samenspel.Editor) {
		if own != p.caller.Organisation {
			e := sh.Errorf(r, "beheerder", "your organisation (%s) may import only the rows it keeps itself (beheerder %s)", p.caller.Organisation, p.caller.Organisation)
			e.Forbidden = true
			return []error{e}
		}
		if err := p.editorMay(sh, r, action); err != nil {
			return []error{err}
		}
	}
	for _, c := range spec.Columns {
		val := v[c.Key]
		if val == "" {
			continue
		}
		switch c.Kind {
		case workbook.Org:
			if _, ok := p.facts.orgs[val]; !ok {
				bad(sh.Errorf(r, c.Key, "no organisation has id %q", val))
			}
		case workbook.Area:
			for _, a := range splitList(val) {
				if !p.facts.areas[a] {
					if div, code, ok := strings.Cut(a, "/"); ok {
						bad(sh.Errorf(r, c.Key, "no region %q in division %q", code, div))
					} else {
						bad(sh.Errorf(r, c.Key, "unknown gemeente code %q", a))
					}
				}
			}
		case workbook.Reference, workbook.References:
			for _, ref := range splitList(val) {
				if _, ok := p.resolve(c.Target, ref); !ok {
					bad(sh.Errorf(r, c.Key, "no %s %q, neither on the sheet %s nor in Samenspel", nouns[c.Target], workbook.Shorten(ref, own), c.Target))
				}
			}
		}
	}
	switch spec.Name {
	case workbook.SheetRollen:
		if person := v["persoon"]; person != "" {
			org, ok := p.personOrganisation(person)
			if ok && r.Has("organisatie") && org != v["organisatie"] {
				bad(sh.Errorf(r, "persoon", "%s works for %q, not for the role's organisation %q", workbook.Shorten(person, own), org, v["organisatie"]))
			}
		}
	case workbook.SheetVertrouwen:
		if d := v["datum"]; d != "" && d > p.today.String() {
			bad(sh.Errorf(r, "datum", "%s is in the future", d))
		}
	case workbook.SheetKoppelingen:
		if v["van"] == v["naar"] {
			bad(sh.Errorf(r, "naar", "an opgave is not linked to itself"))
		}
	case workbook.SheetBelangen, workbook.SheetConflicten, workbook.SheetAfspraken, workbook.SheetCheckIns, workbook.SheetResultaten, workbook.SheetLessen:
		if p.invalid[spec.Name][r.Line] == nil { // what the database knows, of values that hold
			errs = append(errs, p.checkPractice(sh, r, action)...)
		}
	}
	return errs
}

// editorMay applies an editor's scope to a row, as the mutations do, to the row's new values and
// to what is stored: it keeps the row (beheerder), changes only opgaven its organisation leads
// (or that the book makes), gives roles there and takes its own (not the lead) on opgaven it takes
// part in, names only its own people, links from and attaches instruments to opgaven it leads,
// changes an instrument only while it leads every opgave it supports (or made it), imports
// only its own people and assessments, and of the practice what the practice mutations allow it
// (editorMayPractice).
func (p *plan) editorMay(sh *workbook.Sheet, r workbook.Row, action string) error {
	org, v := p.caller.Organisation, r.Values
	old, _ := p.stored.row(sh.Spec.Name, sh.Spec.Identity(r))
	updating := action != actCreate
	refuse := func(col, format string, args ...any) error {
		e := sh.Errorf(r, col, format, args...)
		e.Forbidden = true
		return e
	}
	leads := func(ref string) bool {
		id, _ := p.resolve(workbook.SheetOpgaven, ref)
		return p.created[id] || p.facts.leads[id]
	}
	takesPart := func(ref string) bool {
		id, _ := p.resolve(workbook.SheetOpgaven, ref)
		return p.created[id] || p.facts.takesPart[id]
	}
	switch sh.Spec.Name {
	case workbook.SheetOpgaven:
		if updating && !leads(r.Key().String()) {
			return refuse("sleutel", "your organisation (%s) does not lead this opgave, so it may not change it", org)
		}
	case workbook.SheetPersonen:
		if (r.Has("organisatie") && v["organisatie"] != org) || (updating && old.Values["organisatie"] != org) {
			return refuse("organisatie", "your organisation (%s) may import its own people only", org)
		}
	case workbook.SheetVertrouwen:
		if (r.Has("van") && v["van"] != org) || (updating && old.Values["van"] != org) {
			return refuse("van", "your organisation (%s) may import its own assessments only", org)
		}
	case workbook.SheetRollen:
		may := func(opgave, roleOrg, typ string) bool {
			lead := typ == "TREKKER" || typ == "MEDETREKKER"
			return leads(opgave) || (roleOrg == org && !lead && takesPart(opgave))
		}
		val := func(col string) string {
			if r.Has(col) {
				return v[col]
			}
			return old.Values[col]
		}
		if !may(val("opgave"), val("organisatie"), val("type")) || (updating && !may(old.Values["opgave"], old.Values["organisatie"], old.Values["type"])) {
			return refuse("opgave", "your organisation (%s) may give roles on opgaven it leads, and take its own (not the lead) on opgaven it takes part in", org)
		}
		if val("persoon") != "" && val("organisatie") != org {
			return refuse("persoon", "your organisation (%s) may name only its own people on a role; %s names its own", org, val("organisatie"))
		}
	case workbook.SheetKoppelingen:
		if !leads(v["van"]) {
			return refuse("van", "your organisation (%s) may link only from opgaven it leads", org)
		}
	case workbook.SheetInstrumenten:
		refs := splitList(v["opgaven"])
		if updating {
			refs = append(refs, splitList(old.Values["opgaven"])...)
			if old.Values["opgaven"] == "" && old.Values["maker"] != org {
				return refuse("sleutel", "your organisation (%s) did not make this instrument", org)
			}
		}
		for _, ref := range refs {
			if !leads(ref) {
				return refuse("opgaven", "your organisation (%s) may change an instrument only while it leads every opgave it supports; it does not lead %s", org, ref)
			}
		}
	default:
		return p.editorMayPractice(sh, r, old, updating, refuse)
	}
	return nil
}

// personOrganisation is where a person works: as the book says, else as stored.
func (p *plan) personOrganisation(ref string) (string, bool) {
	if p.bookPersonOrg == nil {
		p.bookPersonOrg = map[string]string{}
		for _, r := range p.book.Sheet(workbook.SheetPersonen).Rows {
			if r.Has("organisatie") {
				p.bookPersonOrg[r.Key().String()] = r.Values["organisatie"]
			}
		}
	}
	if org, ok := p.bookPersonOrg[ref]; ok {
		return org, true
	}
	org, ok := p.facts.personOrg[ref]
	return org, ok
}

// trekkerClashes finds opgaven that would have two TREKKER roles at one level at the same time,
// counting the stored roles the book does not change and the book's own.
func (p *plan) trekkerClashes() []error {
	type trekker struct {
		role samenspel.Role
		line int // 0 for a stored role
	}
	byOpgave := map[string][]trekker{}
	inBook := map[string]bool{}
	sh := p.book.Sheet(workbook.SheetRollen)
	var errs []error
	for _, r := range sh.Rows {
		inBook[r.Key().String()] = true
		old := p.stored.rows[workbook.SheetRollen][r.Key().String()]
		val := func(col string) string {
			if r.Has(col) {
				return r.Values[col]
			}
			return old.Values[col]
		}
		if val("type") != "TREKKER" {
			continue
		}
		opgave, _ := p.resolve(workbook.SheetOpgaven, val("opgave"))
		from, err := samenspel.ParseDate(val("van"))
		if err != nil || opgave == "" {
			continue
		}
		role := samenspel.Role{OpgaveID: opgave, OrganisationID: val("organisatie"), Level: val("niveau"), From: from}
		if t := val("tot"); t != "" {
			d, _ := samenspel.ParseDate(t)
			role.Until = &d
		}
		for _, other := range byOpgave[opgave] {
			if other.role.Level == role.Level && other.role.Overlaps(role) {
				errs = append(errs, sh.Errorf(r, "type", "the opgave already has a %s trekker in that period: %s from %s (row %d); end that role first",
					role.Level, other.role.OrganisationID, other.role.From, other.line))
			}
		}
		byOpgave[opgave] = append(byOpgave[opgave], trekker{role, r.Line})
	}
	for _, t := range p.facts.trekkers {
		if inBook[t.key] {
			continue
		}
		stored := samenspel.Role{OpgaveID: t.opgave, OrganisationID: t.org, Level: t.level, From: t.from, Until: t.until}
		for _, other := range byOpgave[t.opgave] {
			if other.role.Level == stored.Level && other.role.Overlaps(stored) {
				row := workbook.Row{Line: other.line}
				name := p.facts.orgs[t.org]
				if name == "" {
					name = t.org
				}
				errs = append(errs, sh.Errorf(row, "type", "the opgave already has a %s trekker in that period: %s (from %s); end that role first",
					stored.Level, name, stored.From))
			}
		}
	}
	return errs
}

func (p *plan) summary() workbook.Summary {
	var sum workbook.Summary
	for _, spec := range workbook.Specs {
		sh, ok := p.book.Sheets[spec.Name]
		if !ok {
			continue
		}
		s := workbook.SheetSummary{Sheet: sh.Spec.Name}
		for _, a := range p.action[spec.Name] {
			switch a {
			case actCreate:
				s.Created++
			case actUpdate:
				s.Updated++
			default:
				s.Unchanged++
			}
		}
		sum.Sheets = append(sum.Sheets, s)
	}
	return sum
}

// changedIDs lists the objects the import writes, for the audit trail (at most 1,000).
func (p *plan) changedIDs() []string {
	var ids []string
	for _, spec := range workbook.Specs {
		for i, r := range p.book.Sheet(spec.Name).Rows {
			if p.action[spec.Name][i] != "" && spec.Keyed && len(ids) < 1000 {
				ids = append(ids, p.ids[spec.Name][r.Key().String()])
			}
		}
	}
	return ids
}
