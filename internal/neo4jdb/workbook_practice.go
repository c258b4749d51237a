package neo4jdb

import (
	"errors"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/workbook"
)

// The practice sheets of a workbook import (Belangen to Lessen) are checked as the practice
// mutations check their input (internal/neo4jdb/practice.go): the input's own rules
// (workbook.Sheet.Validate), then what needs the database here, and for an editor the scope of the
// mutation that records (a new row) or changes (a stored one) the entry.

// practiceSheets are the keyed sheets of the practice, whose stored rows carry opgaveid.
var practiceSheets = []string{workbook.SheetBelangen, workbook.SheetConflicten, workbook.SheetAfspraken, workbook.SheetCheckIns,
	workbook.SheetResultaten, workbook.SheetLessen}

// fixedColumns are what a stored entry hangs off: the mutations change its values, never its
// opgave, its organisation or a conflict's interests, so an import does not move them either.
var fixedColumns = map[string][]string{
	workbook.SheetBelangen:   {"opgave", "organisatie"},
	workbook.SheetConflicten: {"a", "b"},
	workbook.SheetAfspraken:  {"opgave"},
	workbook.SheetCheckIns:   {"opgave", "organisatie"},
	workbook.SheetResultaten: {"opgave"},
	workbook.SheetLessen:     {"opgave", "organisatie"},
}

// practiceFacts is what the practice rows are checked against besides the stored rows.
type practiceFacts struct {
	// roles are, per opgave id, the roles it will have after the import: the stored ones the book
	// does not change, the book's, and an editor's new leads. Only for the opgaven of new
	// interests, check-ins and lessons, whose organisation must (have) hold a role there.
	roles map[string][]samenspel.Role
	// interests holds the stored interest ("org opgave" → its key) of the pairs of new Belangen rows.
	interests map[string]string
	// bookRows finds a row of the book by its key, per sheet (built when first needed).
	bookRows map[string]map[string]workbook.Row
}

// readPractice reads the roles and interests the new practice rows are checked against.
func (p *plan) readPractice(run func(string, map[string]any) ([]*neo4j.Record, error)) error {
	p.practice = practiceFacts{roles: map[string][]samenspel.Role{}, interests: map[string]string{}}
	var opgaven []string
	var pairs []map[string]any
	for _, sheet := range []string{workbook.SheetBelangen, workbook.SheetCheckIns, workbook.SheetLessen} {
		for i, r := range p.book.Sheet(sheet).Rows {
			if p.action[sheet][i] != actCreate {
				continue
			}
			id, ok := p.resolve(workbook.SheetOpgaven, r.Values["opgave"])
			if !ok {
				continue
			}
			opgaven = append(opgaven, id)
			if sheet == workbook.SheetBelangen {
				pairs = append(pairs, map[string]any{"org": r.Values["organisatie"], "opgave": id})
			}
		}
	}
	if len(opgaven) == 0 {
		return nil
	}
	slices.Sort(opgaven)
	opgaven = slices.Compact(opgaven)
	recs, err := run(`
UNWIND $opgaven AS oid
MATCH (org:Organisation)-[:HOLDS]->(r:Role)-[:ON]->(o:Opgave {id: oid})
RETURN r.id, o.id, org.id, r.from, r.until`, map[string]any{"opgaven": opgaven})
	if err != nil {
		return err
	}
	// The book's roles replace their stored selves.
	inBook := map[string]bool{}
	for _, r := range p.book.Sheet(workbook.SheetRollen).Rows {
		id, ok := p.ids[workbook.SheetRollen][r.Key().String()]
		if !ok {
			continue
		}
		inBook[id] = true
		old := p.stored.rows[workbook.SheetRollen][r.Key().String()]
		val := func(col string) string {
			if r.Has(col) {
				return r.Values[col]
			}
			return old.Values[col]
		}
		opgave, ok := p.resolve(workbook.SheetOpgaven, val("opgave"))
		from, err := samenspel.ParseDate(val("van"))
		if !ok || err != nil {
			continue
		}
		role := samenspel.Role{ID: id, OpgaveID: opgave, OrganisationID: val("organisatie"), From: from}
		if until, err := samenspel.ParseDate(val("tot")); err == nil {
			role.Until = &until
		}
		p.practice.roles[opgave] = append(p.practice.roles[opgave], role)
	}
	for _, rec := range recs {
		if inBook[str(rec.Values[0])] {
			continue
		}
		opgave := str(rec.Values[1])
		p.practice.roles[opgave] = append(p.practice.roles[opgave], samenspel.Role{ID: str(rec.Values[0]), OpgaveID: opgave,
			OrganisationID: str(rec.Values[2]), From: toDate(rec.Values[3]), Until: toOptDate(rec.Values[4])})
	}
	for _, l := range p.newLeads() {
		p.practice.roles[l.OpgaveID] = append(p.practice.roles[l.OpgaveID], l)
	}
	if len(pairs) == 0 {
		return nil
	}
	recs, err = run(`
UNWIND $pairs AS x
MATCH (:Organisation {id: x.org})-[:HAS_INTEREST]->(i:Interest)-[:FOR]->(:Opgave {id: x.opgave})
RETURN x.org + ' ' + x.opgave, coalesce(i.externalKey, 'samenspel/' + i.id)`, map[string]any{"pairs": pairs})
	if err != nil {
		return err
	}
	for _, rec := range recs {
		p.practice.interests[str(rec.Values[0])] = str(rec.Values[1])
	}
	return nil
}

// participates reports whether org holds a role on the opgave on at (nil: ever) after the import.
func (p *plan) participates(org, opgave string, at *samenspel.Date) bool {
	for _, r := range p.practice.roles[opgave] {
		if r.OrganisationID == org && (at == nil || r.ActiveAt(*at)) {
			return true
		}
	}
	return false
}

// bookRow finds a row of the book by its key.
func (p *plan) bookRow(sheet, key string) (workbook.Row, bool) {
	if p.practice.bookRows == nil {
		p.practice.bookRows = map[string]map[string]workbook.Row{}
	}
	rows, ok := p.practice.bookRows[sheet]
	if !ok {
		rows = map[string]workbook.Row{}
		for _, r := range p.book.Sheet(sheet).Rows {
			rows[r.Key().String()] = r
		}
		p.practice.bookRows[sheet] = rows
	}
	r, ok := rows[key]
	return r, ok
}

// entryOf finds what a reference to an interest or result stands for: its node id, its opgave's
// node id and (for an interest) its organisation, as the book has it or else as stored.
func (p *plan) entryOf(sheet, ref string) (id, opgave, org string, ok bool) {
	if id, ok = p.resolve(sheet, ref); !ok {
		return "", "", "", false
	}
	if r, inBook := p.bookRow(sheet, ref); inBook {
		opgave, _ = p.resolve(workbook.SheetOpgaven, r.Values["opgave"])
		return id, opgave, r.Values["organisatie"], opgave != ""
	}
	if r, stored := p.stored.row(sheet, ref); stored {
		return id, r.Values["opgaveid"], r.Values["organisatie"], r.Values["opgaveid"] != ""
	}
	return "", "", "", false
}

// checkPractice applies the rules of the practice mutations that need the database to a row.
func (p *plan) checkPractice(sh *workbook.Sheet, r workbook.Row, action string) []error {
	var errs []error
	bad := func(col, format string, args ...any) { errs = append(errs, sh.Errorf(r, col, format, args...)) }
	name, v := sh.Spec.Name, r.Values
	old, stored := p.stored.row(name, sh.Spec.Identity(r))
	if stored {
		for _, col := range fixedColumns[name] {
			if r.Has(col) && p.moves(sh.Spec.Column(col), v[col], old.Values[col]) {
				bad(col, "this %s is stored with %s %s and stays there; give the row a new sleutel for another", nouns[name],
					sh.Spec.Column(col).Header, workbook.Shorten(old.Values[col], v["beheerder"]))
			}
		}
	}
	opgave, found := p.resolve(workbook.SheetOpgaven, v["opgave"])
	org := v["organisatie"]
	if _, known := p.facts.orgs[org]; !known {
		found = false // an unknown organisation is reported as such, not as one without a role
	}
	switch name {
	case workbook.SheetBelangen:
		if action != actCreate || !found {
			break
		}
		// recordInterest: a participant's, at most one per organisation and opgave.
		if !p.participates(org, opgave, &p.today) {
			bad("organisatie", "%s holds no current role on this opgave", org)
		}
		pair := org + " " + opgave
		if key, dup := p.practice.interests[pair]; dup {
			bad("organisatie", "%s already has an interest on this opgave (%s): change that row instead", org, workbook.Shorten(key, v["beheerder"]))
		} else {
			p.practice.interests[pair] = r.Key().String() // a second new row of the book meets this one
		}
	case workbook.SheetCheckIns:
		if action == actCreate && found && !p.participates(org, opgave, &p.today) {
			bad("organisatie", "%s holds no current role on this opgave", org)
		}
	case workbook.SheetLessen:
		if action == actCreate && found && !p.participates(org, opgave, nil) {
			bad("organisatie", "%s has never held a role on this opgave", org)
		}
	case workbook.SheetConflicten:
		// markInterestConflict: two interests of two organisations on one opgave.
		a, opgaveA, orgA, okA := p.entryOf(workbook.SheetBelangen, v["a"])
		b, opgaveB, orgB, okB := p.entryOf(workbook.SheetBelangen, v["b"])
		switch {
		case !okA || !okB:
		case a == b: // by two references to one interest (samenspel/<id> and its key)
			bad("b", "is the same interest as %s", sh.Spec.Column("a").Header)
		case opgaveA != opgaveB:
			bad("b", "is an interest on another opgave than %s", sh.Spec.Column("a").Header)
		case orgA == orgB:
			bad("b", "is an interest of the same organisation as %s (%s)", sh.Spec.Column("a").Header, orgA)
		}
	case workbook.SheetAfspraken:
		val := func(col string) string {
			if r.Has(col) {
				return v[col]
			}
			return old.Values[col]
		}
		if kind, ok := p.facts.orgKinds[val("beslisser")]; ok {
			var e *samenspel.Error
			if err := samenspel.CheckDecider(val("orgaan"), kind); errors.As(err, &e) {
				bad("beslisser", "%s", e.Message)
			}
		}
	}
	return errs
}

// moves reports whether a row's value of a fixed column names another object than the stored one.
func (p *plan) moves(c *workbook.Column, now, was string) bool {
	if c.Kind != workbook.Reference {
		return now != was
	}
	id, ok := p.resolve(c.Target, now)
	wasID, _ := p.resolve(c.Target, was)
	return ok && id != wasID
}

// editorMayPractice applies to a practice row the scope an editor has in the mutation that records
// it (a new row) or changes it (a stored one): its own organisation's interests and check-ins, on
// opgaven it takes part in; conflicts on opgaven it takes part in; agreements and results on
// opgaven it leads, and of the agreements its own organisation decides the mandate and the decision;
// any contribution on opgaven it leads and its own where it takes part; its own lessons on opgaven
// it has (had) a role on, and any on opgaven it leads. An unresolved reference is left to check.
func (p *plan) editorMayPractice(sh *workbook.Sheet, r workbook.Row, old workbook.Row, updating bool, refuse func(col, format string, args ...any) error) error {
	org, v := p.caller.Organisation, r.Values
	leads := func(id string) bool { return p.created[id] || p.facts.leads[id] }
	takesPart := func(id string) bool { return p.created[id] || p.facts.takesPart[id] }
	tookPart := func(id string) bool { return p.created[id] || p.facts.tookPart[id] }
	// The opgave of an entry: a stored one stays on its own.
	opgave, found := p.resolve(workbook.SheetOpgaven, v["opgave"])
	if updating {
		opgave, found = old.Values["opgaveid"], old.Values["opgaveid"] != ""
	}
	switch sh.Spec.Name {
	case workbook.SheetBelangen, workbook.SheetCheckIns:
		what := map[string]string{workbook.SheetBelangen: "interests", workbook.SheetCheckIns: "check-ins"}[sh.Spec.Name]
		if v["organisatie"] != org || (updating && old.Values["organisatie"] != org) {
			return refuse("organisatie", "your organisation (%s) records and changes its own %s only", org, what)
		}
		if !updating && found && !takesPart(opgave) {
			return refuse("opgave", "your organisation (%s) takes no part in this opgave", org)
		}
	case workbook.SheetConflicten:
		if _, opgaveA, _, ok := p.entryOf(workbook.SheetBelangen, v["a"]); ok && !takesPart(opgaveA) {
			return refuse("a", "your organisation (%s) marks and resolves conflicts only on opgaven it takes part in", org)
		}
	case workbook.SheetAfspraken:
		same := func(col string) bool { return !r.Has(col) || v[col] == old.Values[col] }
		decidersPart := same("titel") && same("omschrijving") && same("uiterlijk") && same("orgaan") && same("beslisser")
		if found && !leads(opgave) && !(updating && old.Values["beslisser"] == org && decidersPart) {
			return refuse("opgave", "your organisation (%s) records agreements on opgaven it leads, and of the ones it decides itself changes only the mandaat and besloten op", org)
		}
	case workbook.SheetResultaten:
		if found && !leads(opgave) {
			return refuse("opgave", "your organisation (%s) records and changes results on opgaven it leads only", org)
		}
	case workbook.SheetBijdragen:
		if _, id, _, ok := p.entryOf(workbook.SheetResultaten, v["resultaat"]); ok && !leads(id) && !(v["organisatie"] == org && takesPart(id)) {
			return refuse("organisatie", "your organisation (%s) describes any contribution on opgaven it leads, and its own on opgaven it takes part in", org)
		}
	case workbook.SheetLessen:
		switch {
		case !updating && v["organisatie"] != org:
			return refuse("organisatie", "your organisation (%s) records its own lessons only", org)
		case !updating && found && !tookPart(opgave):
			return refuse("opgave", "your organisation (%s) has never had a role on this opgave", org)
		case updating && old.Values["organisatie"] != org && !(found && leads(opgave)):
			return refuse("organisatie", "your organisation (%s) changes the lessons it recorded, and those on opgaven it leads, only", org)
		}
	}
	return nil
}
