package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/samenspel/samenspel/internal/samenspel"
	"github.com/samenspel/samenspel/internal/server"
	"github.com/samenspel/samenspel/internal/workbook"
)

// upload sends a GraphQL request with one file as the variable $file (the multipart request spec).
func (a *api) upload(query string, vars map[string]any, filename string, content []byte) gqlResponse {
	a.t.Helper()
	status, _, raw := a.post(multipartRequest(query, vars, filename, content))
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil || status != http.StatusOK {
		a.t.Fatalf("upload: status %d: %s", status, raw)
	}
	r.raw = raw
	return r
}

// multipartRequest is the body and content type of a GraphQL request with a file as $file.
func multipartRequest(query string, vars map[string]any, filename string, content []byte) (string, []byte) {
	v := map[string]any{"file": nil}
	for k, x := range vars {
		v[k] = x
	}
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": v})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("operations", string(ops))
	mw.WriteField("map", `{"0": ["variables.file"]}`)
	fw, _ := mw.CreateFormFile("0", filename)
	fw.Write(content)
	mw.Close()
	return mw.FormDataContentType(), body.Bytes()
}

const importWorkbook = `mutation($file: Upload!, $dry: Boolean) { importWorkbook(file: $file, dryRun: $dry) { dryRun changed sheets { sheet created updated unchanged } } }`

// sheetCounts reads an import's answer as sheet → [created, updated, unchanged].
func sheetCounts(t testing.TB, r gqlResponse) map[string][3]int {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("import failed: %s", r.raw)
	}
	out := map[string][3]int{}
	for _, s := range list(r.Data, "importWorkbook.sheets") {
		out[get(s, "sheet").(string)] = [3]int{int(get(s, "created").(float64)), int(get(s, "updated").(float64)), int(get(s, "unchanged").(float64))}
	}
	return out
}

// filledTemplate is the template as a programme office fills it in: two opgaven of Amsterdam
// (GM0363), a person, three roles, an instrument, a link and a trust assessment.
func filledTemplate(t testing.TB, suffix string, edit func(f *excelize.File)) []byte {
	t.Helper()
	var tpl bytes.Buffer
	if err := workbook.Write(&tpl, workbook.NewBook("")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&tpl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string][][]any{
		workbook.SheetOpgaven: {
			{"GM0363", "W-" + suffix, "Woondeal Amsterdam " + suffix, "7.500 betaalbare woningen in 2030", "Uit het spreadsheet", "wonen", "mobiliteit", "", "REGIONAAL", "UITVOERING", "2024-01-01", "2030-12-31", "GM0363; veiligheidsregio/VR13"},
			{"GM0363", "E-" + suffix, "Warmtenet Amsterdam " + suffix, "20.000 woningen aardgasvrij", "", "energie", "", "", "LOKAAL", "", "2025-03-01", "", "GM0363"},
		},
		workbook.SheetPersonen: {{"GM0363", "P-" + suffix, "Sanne Spreadsheet", "programmamanager", "GM0363", "s.spreadsheet@amsterdam.example", "020 555 0101"}},
		workbook.SheetRollen: {
			{"GM0363", "R1-" + suffix, "W-" + suffix, "GM0363", "TREKKER", "AMBTELIJK", "2024-01-01", "", "P-" + suffix, "250000", "2,5"},
			{"GM0363", "R2-" + suffix, "W-" + suffix, "GM0344", "DEELNEMER", "AMBTELIJK", "2024-01-01", "", "", "", "0.5"},
			{"GM0363", "R3-" + suffix, "E-" + suffix, "GM0363", "TREKKER", "BESTUURLIJK", "2025-03-01", "", "", "", ""},
		},
		workbook.SheetInstrumenten: {{"GM0363", "I-" + suffix, "Woondeal-middelen " + suffix, "CONVENANT", "", "1500000", "W-" + suffix + "; E-" + suffix}},
		workbook.SheetKoppelingen:  {{"GM0363", "E-" + suffix, "W-" + suffix, "DEPENDS_ON", "warmte volgt de woningbouw"}},
		workbook.SheetVertrouwen:   {{"GM0363", "V-" + suffix, "GM0363", "GM0344", "4", "2025-06-01", "W-" + suffix, "afspraken nagekomen"}},
	}
	for sheet, rs := range rows {
		for i, r := range rs {
			if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if edit != nil {
		edit(f)
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestWorkbookRoundTrip: template → filled workbook → import → export → re-import changes
// nothing; a corrected row updates its object; a dry run writes nothing.
func TestWorkbookRoundTrip(t *testing.T) {
	a := withDemo(t)
	resp, err := a.as("").request(http.MethodGet, "/export/template.xlsx", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	tpl, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if b := workbook.Empty(); resp.StatusCode != http.StatusOK || workbook.Read(b, "sjabloon.xlsx", bytes.NewReader(tpl)) != nil || len(b.Sheets) != len(workbook.Specs) || b.Rows() != 0 {
		t.Errorf("GET /export/template.xlsx, anonymous: %d, %d bytes; want the empty workbook", resp.StatusCode, len(tpl))
	}
	suffix := fmt.Sprintf("%d", time.Now().UnixNano()%1e9)
	filled := filledTemplate(t, suffix, nil)

	dry := sheetCounts(t, a.upload(importWorkbook, map[string]any{"dry": true}, "register.xlsx", filled))
	if dry[workbook.SheetOpgaven] != [3]int{2, 0, 0} {
		t.Errorf("dry run: opgaven %v, want 2 to create", dry[workbook.SheetOpgaven])
	}
	find := `query($t: String) { opgaven(filter: {titleContains: $t}) { totalCount edges { node { id title goal description themes scale status startDate endDate
		area { gemeenten { code } regions { code } } roles { organisation { id } type level from contributionEuros contributionFte person { name } }
		instruments { name amountEuros } links { type note opgave { title } } } } } }`
	if n := get(a.mustQuery(find, map[string]any{"t": suffix}).Data, "opgaven.totalCount"); n != 0.0 {
		t.Fatalf("a dry run wrote %v opgaven", n)
	}

	first := sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filled))
	want := map[string][3]int{workbook.SheetOpgaven: {2, 0, 0}, workbook.SheetPersonen: {1, 0, 0}, workbook.SheetRollen: {3, 0, 0},
		workbook.SheetInstrumenten: {1, 0, 0}, workbook.SheetKoppelingen: {1, 0, 0}, workbook.SheetVertrouwen: {1, 0, 0}}
	for s, w := range want {
		if first[s] != w {
			t.Errorf("first import, %s: %v, want %v", s, first[s], w)
		}
	}
	r := a.mustQuery(find, map[string]any{"t": "Woondeal Amsterdam " + suffix})
	o := get(list(r.Data, "opgaven.edges")[0], "node")
	if get(o, "goal") != "7.500 betaalbare woningen in 2030" || fmt.Sprint(get(o, "themes")) != "[wonen mobiliteit]" || get(o, "status") != "UITVOERING" ||
		get(o, "endDate") != "2030-12-31" || len(list(o, "area.gemeenten")) != 1 || len(list(o, "area.regions")) != 1 {
		t.Errorf("the imported opgave: %v", o)
	}
	roles := list(o, "roles")
	if len(roles) != 2 {
		t.Fatalf("roles %v", roles)
	}
	for _, role := range roles {
		if get(role, "type") == "TREKKER" && (get(role, "person.name") != "Sanne Spreadsheet" || get(role, "contributionEuros") != 250000.0 || get(role, "contributionFte") != 2.5) {
			t.Errorf("the trekker's role: %v", role)
		}
	}
	if in := list(o, "instruments"); len(in) != 1 || get(in[0], "amountEuros") != 1.5e6 {
		t.Errorf("instruments %v", in)
	}

	// The same file again, and then the whole export (demo set and API-made opgaven included),
	// change nothing.
	for s, c := range sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filled)) {
		if c[0]+c[1] != 0 {
			t.Errorf("second import of the same file, %s: %v", s, c)
		}
	}
	// An opgave made through the API with five themes and a description with spaces around it
	// goes out and comes back unchanged too.
	a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Vijf thema's " + suffix, "goal": "Alles tegelijk",
		"description": "  met spaties  ", "themes": []string{"wonen", "energie", "mobiliteit", "water", "zorg"}, "scale": "LOKAAL",
		"area": map[string]any{"gemeenten": []string{"GM0363"}}}})
	export := a.with(t, serverOptions(2*time.Minute))
	start := time.Now()
	resp, err = export.request(http.MethodGet, "/export/workbook.xlsx", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	xlsx, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("export: %d %s", resp.StatusCode, xlsx[:min(len(xlsx), 300)])
	}
	t.Logf("export of the whole register: %d bytes in %s", len(xlsx), time.Since(start).Round(time.Millisecond))
	start = time.Now()
	again := sheetCounts(t, export.upload(importWorkbook, nil, "samenspel-register.xlsx", xlsx))
	t.Logf("re-import of the export: %v in %s", again, time.Since(start).Round(time.Millisecond))
	for s, c := range again {
		if c[0]+c[1] != 0 || (c[2] == 0 && s != workbook.SheetKoppelingen) {
			t.Errorf("re-import of the export, %s: %v, want every row unchanged", s, c)
		}
	}

	// A corrected row updates its object and nothing else.
	corrected := filledTemplate(t, suffix, func(f *excelize.File) {
		f.SetCellValue(workbook.SheetOpgaven, "D2", "8.000 betaalbare woningen in 2030")
	})
	upd := sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", corrected))
	if upd[workbook.SheetOpgaven] != [3]int{0, 1, 1} || upd[workbook.SheetRollen] != [3]int{0, 0, 3} {
		t.Errorf("corrected goal: %v", upd)
	}
	r = a.mustQuery(find, map[string]any{"t": "Woondeal Amsterdam " + suffix})
	if g := get(list(r.Data, "opgaven.edges")[0], "node.goal"); g != "8.000 betaalbare woningen in 2030" {
		t.Errorf("goal after the correction: %v", g)
	}
}

func serverOptions(timeout time.Duration) server.Options { return server.Options{Timeout: timeout} }

// TestWorkbookWithOneBadRowWritesNothing: one wrong cell and nothing of the workbook is stored;
// the error names the cell.
func TestWorkbookWithOneBadRowWritesNothing(t *testing.T) {
	a := newAPI(t)
	suffix := fmt.Sprintf("bad%d", time.Now().UnixNano()%1e9)
	bad := filledTemplate(t, suffix, func(f *excelize.File) {
		f.SetCellValue(workbook.SheetOpgaven, "M3", "GM0363; GM9999")
	})
	r := a.upload(importWorkbook, nil, "register.xlsx", bad)
	if len(r.Errors) != 1 || get(r.Data, "importWorkbook") != nil {
		t.Fatalf("want one error and no answer: %s", r.raw)
	}
	e := r.Errors[0]
	want := map[string]any{"code": "BAD_USER_INPUT", "field": "file", "file": "register.xlsx", "sheet": "Opgaven", "row": 3.0, "column": "M", "header": "Gebied"}
	for k, v := range want {
		if e.Extensions[k] != v {
			t.Errorf("extensions.%s = %v, want %v (%s)", k, e.Extensions[k], v, r.raw)
		}
	}
	if e.Message != `register.xlsx:Opgaven:3:M (Gebied): unknown gemeente code "GM9999"` {
		t.Errorf("message %q", e.Message)
	}
	twice := filledTemplate(t, suffix, func(f *excelize.File) {
		f.SetCellValue(workbook.SheetOpgaven, "M3", "Utrecht")
		f.SetCellValue(workbook.SheetOpgaven, "F2", "fietsen")
	})
	if r := a.upload(importWorkbook, nil, "register.xlsx", twice); len(r.Errors) != 2 || r.Errors[0].Extensions["row"] != 2.0 || r.Errors[1].Extensions["row"] != 3.0 {
		t.Errorf("two bad cells on one sheet: want both, in order: %s", r.raw)
	}
	// multipart/form-data is for uploads to importWorkbook only.
	ct, body := multipartRequest(`{ themes { key } }`, nil, "x.csv", []byte("x"))
	if _, _, raw := a.post(ct, body); !strings.Contains(string(raw), "multipart/form-data is for uploads to the importWorkbook mutation") {
		t.Errorf("a query sent as multipart: %s", raw)
	}
	counts := a.mustQuery(`query($t: String) { opgaven(filter: {titleContains: $t}) { totalCount } search(text: "Sanne Spreadsheet", first: 5) { label } }`, map[string]any{"t": suffix})
	if n := get(counts.Data, "opgaven.totalCount"); n != 0.0 {
		t.Errorf("%v opgaven of the bad workbook were stored", n)
	}
	cy := cypher(t, os.Getenv("NEO4J_URI"), `MATCH (n) WHERE n.externalKey STARTS WITH 'GM0363/' AND n.externalKey ENDS WITH $s RETURN count(n)`, map[string]any{"s": suffix})
	if n := cy[0].Values[0].(int64); n != 0 {
		t.Errorf("%d nodes of the bad workbook were stored", n)
	}
}

// TestWorkbookProblemsNameTheirCell: what the database knows makes a row wrong too; each such
// problem names its cell, and several are reported at once.
func TestWorkbookProblemsNameTheirCell(t *testing.T) {
	a := newAPI(t)
	s := fmt.Sprintf("c%d", time.Now().UnixNano()%1e9)
	opgaven := "Beheerder,Sleutel,Titel,Doel,Thema 1,Schaal,Start,Gebied\n" +
		"GM0363,A" + s + ",Opgave A " + s + ",Doel,wonen,LOKAAL,2024-01-01,GM0363\n"
	cases := []struct {
		file, content string
		want          []string
	}{
		{"opgaven.csv", "Beheerder,Sleutel,Titel,Doel,Thema 1,Schaal,Gebied\n" +
			"GM9998,X" + s + ",T,D,wonen,LOKAAL,GM0363\n" +
			"GM0363,Y" + s + ",T,D,wonen,LOKAAL,veiligheidsregio/VR99\n" +
			"samenspel,no-such-id,T,D,wonen,LOKAAL,GM0363\n",
			[]string{`opgaven.csv:Opgaven:2:A (Beheerder): no organisation has id "GM9998"`,
				`opgaven.csv:Opgaven:3:G (Gebied): no region "VR99" in division "veiligheidsregio"`,
				`opgaven.csv:Opgaven:4:B (Sleutel): no opgave in Samenspel has id "no-such-id"`}},
		{"rollen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van,Persoon\n" +
			"GM0363,R" + s + ",nergens,GM0363,TREKKER,AMBTELIJK,2024-01-01,\n" +
			"GM0363,S" + s + ",samenspel/no-such-id,GM0000,DEELNEMER,AMBTELIJK,2024-01-01,\n",
			[]string{`rollen.csv:Rollen:2:C (Opgave): no opgave "nergens", neither on the sheet Opgaven nor in Samenspel`,
				`rollen.csv:Rollen:3:C (Opgave): no opgave "samenspel/no-such-id"`,
				`rollen.csv:Rollen:3:D (Organisatie): no organisation has id "GM0000"`}},
	}
	for _, c := range cases {
		r := a.upload(importWorkbook, nil, c.file, []byte(c.content))
		var msgs []string
		for _, e := range r.Errors {
			msgs = append(msgs, e.Message)
			if e.Extensions["code"] != "BAD_USER_INPUT" || e.Extensions["field"] != "file" {
				t.Errorf("%s: %v", e.Message, e.Extensions)
			}
		}
		joined := strings.Join(msgs, "\n")
		for _, w := range c.want {
			if !strings.Contains(joined, w) {
				t.Errorf("%s: missing %q in\n%s", c.file, w, joined)
			}
		}
	}

	// A second trekker at one level in the same period: against a stored role and within the file.
	sheetCounts(t, a.upload(importWorkbook, nil, "opgaven.csv", []byte(opgaven)))
	roles := "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van,Tot\n" +
		"GM0363,T1" + s + ",A" + s + ",GM0363,TREKKER,AMBTELIJK,2024-01-01,\n"
	sheetCounts(t, a.upload(importWorkbook, nil, "rollen.csv", []byte(roles)))
	clash := "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van,Tot\n" +
		"GM0363,T2" + s + ",A" + s + ",GM0344,TREKKER,AMBTELIJK,2025-01-01,\n" +
		"GM0363,T3" + s + ",A" + s + ",GM0599,TREKKER,BESTUURLIJK,2024-01-01,2025-01-01\n" +
		"GM0363,T4" + s + ",A" + s + ",GM0394,TREKKER,BESTUURLIJK,2024-06-01,\n"
	r := a.upload(importWorkbook, nil, "rollen.csv", []byte(clash))
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Message)
	}
	joined := strings.Join(msgs, "\n")
	for _, w := range []string{
		`rollen.csv:Rollen:2:E (Type): the opgave already has a AMBTELIJK trekker in that period: `, `Amsterdam (from 2024-01-01); end that role first`,
		`rollen.csv:Rollen:4:E (Type): the opgave already has a BESTUURLIJK trekker in that period: GM0599 from 2024-01-01 (row 3)`,
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in\n%s", w, joined)
		}
	}
	if len(r.Errors) != 2 {
		t.Errorf("%d problems, want 2: %s", len(r.Errors), joined)
	}
	// Ending the stored role where the new one starts makes room: the role is updated, the new one made.
	fixed := "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van,Tot\n" +
		"GM0363,T1" + s + ",A" + s + ",GM0363,TREKKER,AMBTELIJK,2024-01-01,2025-01-01\n" +
		"GM0363,T2" + s + ",A" + s + ",GM0344,TREKKER,AMBTELIJK,2025-01-01,\n"
	if c := sheetCounts(t, a.upload(importWorkbook, nil, "rollen.csv", []byte(fixed)))[workbook.SheetRollen]; c != [3]int{1, 1, 0} {
		t.Errorf("ending the first trekker and adding the next: %v", c)
	}
}

// TestWorkbookExportFollowsTheFieldRules: a viewer's export leaves out the trust sheet and the
// contact columns, an analyst's the contact columns; imported again, what was left out stays.
func TestWorkbookExportFollowsTheFieldRules(t *testing.T) {
	a := newAPI(t)
	suffix := fmt.Sprintf("rules%d", time.Now().UnixNano()%1e9)
	sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filledTemplate(t, suffix, nil)))
	for _, c := range []struct {
		who                    string
		cred                   string
		trust, notes, contacts bool
	}{
		{"viewer", a.iss.user(t, matrixOrg, "viewer"), false, false, false},
		{"analyst", a.key(samenspel.Analyst, matrixOrg), true, false, false},
		{"admin", a.admin, true, true, true},
	} {
		resp, err := a.as(c.cred).request(http.MethodGet, "/export/workbook.xlsx", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", c.who, resp.StatusCode, raw)
		}
		b := workbook.Empty()
		if err := workbook.Read(b, "export.xlsx", bytes.NewReader(raw)); err != nil {
			t.Fatal(err)
		}
		_, hasTrust := b.Sheets[workbook.SheetVertrouwen]
		hasContacts := b.Sheets[workbook.SheetPersonen].Letter("email") != ""
		hasNotes := hasTrust && b.Sheets[workbook.SheetVertrouwen].Letter("toelichting") != ""
		if hasTrust != c.trust || hasContacts != c.contacts || hasNotes != c.notes {
			t.Errorf("%s: trust sheet %v (want %v), its notes %v (want %v), contact columns %v (want %v)", c.who, hasTrust, c.trust, hasNotes, c.notes, hasContacts, c.contacts)
		}
		if !c.notes && strings.Contains(string(raw), "afspraken nagekomen") {
			t.Errorf("%s: the export holds a trust note", c.who)
		}
		for _, r := range b.Sheets[workbook.SheetPersonen].Rows {
			if r.Values["naam"] == "Sanne Spreadsheet" && !c.contacts && strings.Contains(string(raw), "s.spreadsheet@amsterdam.example") {
				t.Errorf("%s: the export holds the e-mail address", c.who)
			}
		}
		// The admin imports the limited export: nothing changes, the contacts stay.
		for s, n := range sheetCounts(t, a.upload(importWorkbook, nil, "export.xlsx", raw)) {
			if n[0]+n[1] != 0 {
				t.Errorf("%s's export imported again, %s: %v", c.who, s, n)
			}
		}
	}
	id := cypher(t, os.Getenv("NEO4J_URI"), `MATCH (p:Person {externalKey: $k}) RETURN p.id`, map[string]any{"k": "GM0363/P-" + suffix})[0].Values[0]
	r := a.mustQuery(`query($id: ID!) { personContact(id: $id) { email phone } }`, map[string]any{"id": id})
	if get(r.Data, "personContact.email") != "s.spreadsheet@amsterdam.example" {
		t.Errorf("contacts after importing exports without them: %v", r.Data)
	}
}

// TestWorkbookEditorScope: an editor imports the rows its organisation keeps, as the mutations
// allow them: its own people and assessments, and no lead on another's opgave.
func TestWorkbookEditorScope(t *testing.T) {
	a := newAPI(t)
	editor := a.as(a.iss.user(t, matrixOrg, "editor"))
	s := fmt.Sprintf("ed%d", time.Now().UnixNano()%1e9)
	other := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Andermans opgave " + s, "goal": "Doel",
		"themes": []string{"wonen"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0344"}}}}).(string)
	for _, c := range []struct{ file, content, where string }{
		{"opgaven.csv", "Beheerder,Sleutel,Titel,Doel,Thema 1,Schaal,Gebied\nGM0518,X" + s + ",T,D,wonen,LOKAAL,GM0518\n", "opgaven.csv:Opgaven:2:A (Beheerder)"},
		{"personen.csv", "Beheerder,Sleutel,Naam,Organisatie\n" + matrixOrg + ",P" + s + ",Iemand,GM0344\n", "personen.csv:Personen:2:D (Organisatie)"},
		{"vertrouwen.csv", "Beheerder,Sleutel,Van,Over,Score,Datum\n" + matrixOrg + ",V" + s + ",GM0344,GM0599,2,2025-01-01\n", "vertrouwen.csv:Vertrouwen:2:C (Van)"},
		{"rollen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van\n" + matrixOrg + ",R" + s + ",samenspel/" + other + "," + matrixOrg + ",TREKKER,AMBTELIJK,2025-01-01\n", "rollen.csv:Rollen:2:C (Opgave)"},
	} {
		r := editor.upload(importWorkbook, nil, c.file, []byte(c.content))
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, c.where) {
			t.Errorf("%s: want FORBIDDEN at %s, got %s", c.file, c.where, r.raw)
		}
	}
	// Its own new opgave: the editor's organisation leads it from the start, as with createOpgave.
	own := "Beheerder,Sleutel,Titel,Doel,Thema 1,Schaal,Start,Gebied\n" + matrixOrg + ",O" + s + ",Eigen opgave " + s + ",Doel,wonen,LOKAAL,2025-01-01," + matrixOrg + "\n"
	sheetCounts(t, editor.upload(importWorkbook, nil, "opgaven.csv", []byte(own)))
	r := a.mustQuery(`query($t: String) { opgaven(filter: {titleContains: $t}) { edges { node { id roles { organisation { id } type level from } } } } }`, map[string]any{"t": "Eigen opgave " + s})
	node := get(list(r.Data, "opgaven.edges")[0], "node")
	if roles := list(node, "roles"); len(roles) != 1 || get(roles[0], "organisation.id") != matrixOrg || get(roles[0], "type") != "TREKKER" || get(roles[0], "from") != "2025-01-01" {
		t.Errorf("the editor's new opgave: roles %v, want its organisation as trekker from the start", roles)
	}
	// On it, roles for others; on another's opgave it takes no part in, not even its own.
	roles := "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van\n" + matrixOrg + ",R1" + s + ",O" + s + ",GM0344,DEELNEMER,AMBTELIJK,2025-01-01\n"
	if c := sheetCounts(t, editor.upload(importWorkbook, nil, "rollen.csv", []byte(roles)))[workbook.SheetRollen]; c != [3]int{1, 0, 0} {
		t.Errorf("a role for another organisation on the editor's opgave: %v", c)
	}
	for name, row := range map[string]string{
		"own role on another's opgave": matrixOrg + ",R2" + s + ",samenspel/" + other + "," + matrixOrg + ",DEELNEMER,AMBTELIJK,2025-01-01",
		"the lead of another's opgave": matrixOrg + ",R3" + s + ",samenspel/" + other + ",GM0344,MEDETREKKER,AMBTELIJK,2025-01-01",
	} {
		r := editor.upload(importWorkbook, nil, "rollen.csv", []byte("Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van\n"+row+"\n"))
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" || r.Errors[0].Extensions["column"] != "C" {
			t.Errorf("%s: want FORBIDDEN at column C, got %s", name, r.raw)
		}
	}
	// An opgave its organisation keeps but does not lead (an admin imported it so) it may not change.
	kept := "Beheerder,Sleutel,Titel,Doel,Thema 1,Schaal,Gebied\n" + matrixOrg + ",K" + s + ",Bewaard " + s + ",Doel,wonen,LOKAAL," + matrixOrg + "\n"
	sheetCounts(t, a.upload(importWorkbook, nil, "opgaven.csv", []byte(kept)))
	changed := strings.Replace(kept, ",Doel,wonen,", ",Ander doel,wonen,", 1)
	if r := editor.upload(importWorkbook, nil, "opgaven.csv", []byte(changed)); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" ||
		!strings.Contains(r.Errors[0].Message, "does not lead this opgave") {
		t.Errorf("changing an opgave it does not lead: %s", r.raw)
	}

}

// practiceRows are the practice on filledTemplate's opgaven (W-: GM0363 trekker, GM0344
// deelnemer; E-: GM0363 trekker): two interests in conflict, two agreements, two check-ins (one
// with a note), a result with a contribution and a lesson.
func practiceRows(suffix string) map[string][][]any {
	return map[string][][]any{
		workbook.SheetBelangen: {
			{"GM0363", "B1-" + suffix, "W-" + suffix, "GM0363", "betaalbare woningen", "grond", "financieel neutraal"},
			{"GM0363", "B2-" + suffix, "W-" + suffix, "GM0344", "snelle vergunningen", "", ""},
		},
		workbook.SheetConflicten: {{"GM0363", "C-" + suffix, "B1-" + suffix, "B2-" + suffix, "dezelfde grond", "2025-05-01", ""}},
		workbook.SheetAfspraken: {
			{"GM0363", "A1-" + suffix, "W-" + suffix, "Verdeling van de kosten " + suffix, "", "COLLEGE", "GM0363", "2027-01-01", "", "REQUESTED"},
			{"GM0363", "A2-" + suffix, "W-" + suffix, "Governance " + suffix, "", "STUURGROEP", "", "2025-01-01", "2024-12-15", "IN_PLACE"},
		},
		workbook.SheetCheckIns: {
			{"GM0363", "K1-" + suffix, "W-" + suffix, "GM0363", "2025-06-01", "4", "4", "5", "geheime notitie " + suffix},
			{"GM0363", "K2-" + suffix, "W-" + suffix, "GM0344", "2025-06-02", "3", "2", "2", ""},
		},
		workbook.SheetResultaten: {{"GM0363", "R-" + suffix, "W-" + suffix, "Convenant ondertekend " + suffix, "", "2025-03-01", "2025-03-10"}},
		workbook.SheetBijdragen:  {{"GM0363", "R-" + suffix, "GM0344", "stelde gronden beschikbaar"}},
		workbook.SheetLessen:     {{"GM0363", "L-" + suffix, "W-" + suffix, "GM0363", "Betrek de raden vroeg " + suffix, "", "wonen; bestuur", "2025-07-01"}},
	}
}

// filledPractice is filledTemplate with practiceRows.
func filledPractice(t testing.TB, suffix string, edit func(f *excelize.File)) []byte {
	return filledTemplate(t, suffix, func(f *excelize.File) {
		for sheet, rs := range practiceRows(suffix) {
			for i, r := range rs {
				if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &r); err != nil {
					t.Fatal(err)
				}
			}
		}
		if edit != nil {
			edit(f)
		}
	})
}

var practiceSheets = []string{workbook.SheetBelangen, workbook.SheetConflicten, workbook.SheetAfspraken, workbook.SheetCheckIns,
	workbook.SheetResultaten, workbook.SheetBijdragen, workbook.SheetLessen}

const practiceOf = `query($t: String) { opgaven(filter: {titleContains: $t}) { edges { node { id
	interests { organisation { id } wants brings cannotGiveUp }
	interestConflicts(includeResolved: true) { a { organisation { id } } b { organisation { id } } note since resolvedOn }
	agreements { title body decider { id } dueDate decidedOn mandate }
	checkIns { organisation { id } date rightThings thingsRight together note }
	results { title plannedDate achievedDate contributions { organisation { id } description } }
	lessons { organisation { id } title themes date } } } } }`

// TestWorkbookPracticeImport: the practice sheets import as the mutations record, again unchanged;
// a corrected row updates its entry, and a stored entry stays on its opgave.
func TestWorkbookPracticeImport(t *testing.T) {
	a := newAPI(t)
	suffix := fmt.Sprintf("pr%d", time.Now().UnixNano()%1e9)
	filled := filledPractice(t, suffix, nil)
	first := sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filled))
	for s, w := range map[string][3]int{workbook.SheetBelangen: {2, 0, 0}, workbook.SheetConflicten: {1, 0, 0}, workbook.SheetAfspraken: {2, 0, 0},
		workbook.SheetCheckIns: {2, 0, 0}, workbook.SheetResultaten: {1, 0, 0}, workbook.SheetBijdragen: {1, 0, 0}, workbook.SheetLessen: {1, 0, 0}} {
		if first[s] != w {
			t.Errorf("first import, %s: %v, want %v", s, first[s], w)
		}
	}
	o := get(list(a.mustQuery(practiceOf, map[string]any{"t": "Woondeal Amsterdam " + suffix}).Data, "opgaven.edges")[0], "node")
	check := func(what string, got any, want string) {
		t.Helper()
		if s := fmt.Sprint(got); s != want {
			t.Errorf("%s: %s, want %s", what, s, want)
		}
	}
	interests := list(o, "interests")
	check("interests", len(interests), "2")
	for _, i := range interests {
		if get(i, "organisation.id") == "GM0363" {
			check("GM0363's interest", []any{get(i, "wants"), get(i, "brings"), get(i, "cannotGiveUp")}, "[betaalbare woningen grond financieel neutraal]")
		}
	}
	c := list(o, "interestConflicts")
	check("conflicts", len(c), "1")
	check("the conflict", []any{get(c[0], "a.organisation.id"), get(c[0], "b.organisation.id"), get(c[0], "note"), get(c[0], "since"), get(c[0], "resolvedOn")},
		"[GM0363 GM0344 dezelfde grond 2025-05-01 <nil>]")
	for _, g := range list(o, "agreements") {
		switch get(g, "body") {
		case "COLLEGE":
			check("the college's agreement", []any{get(g, "decider.id"), get(g, "dueDate"), get(g, "decidedOn"), get(g, "mandate")}, "[GM0363 2027-01-01 <nil> REQUESTED]")
		case "STUURGROEP":
			check("the stuurgroep's agreement", []any{get(g, "decider"), get(g, "decidedOn"), get(g, "mandate")}, "[<nil> 2024-12-15 IN_PLACE]")
		}
	}
	ks := list(o, "checkIns")
	check("check-ins", len(ks), "2")
	for _, k := range ks {
		if get(k, "organisation.id") == "GM0363" {
			check("GM0363's check-in", []any{get(k, "date"), get(k, "rightThings"), get(k, "thingsRight"), get(k, "together"), get(k, "note")}, "[2025-06-01 4 4 5 geheime notitie "+suffix+"]")
		}
	}
	r := list(o, "results")
	check("results", len(r), "1")
	check("the result", []any{get(r[0], "plannedDate"), get(r[0], "achievedDate"), get(r[0], "contributions.0.organisation.id"), get(r[0], "contributions.0.description")},
		"[2025-03-01 2025-03-10 GM0344 stelde gronden beschikbaar]")
	l := list(o, "lessons")
	check("the lesson", []any{len(l), get(l[0], "organisation.id"), get(l[0], "themes"), get(l[0], "date")}, "[1 GM0363 [wonen bestuur] 2025-07-01]")

	// Again: nothing changes (the interests keep their date, nothing is written).
	for s, n := range sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filled)) {
		if n[0]+n[1] != 0 {
			t.Errorf("second import, %s: %v", s, n)
		}
	}
	// A corrected score and mandate update their entries only.
	corrected := filledPractice(t, suffix, func(f *excelize.File) {
		f.SetCellValue(workbook.SheetCheckIns, "H2", "2")
		f.SetCellValue(workbook.SheetAfspraken, "J2", "IN_PLACE")
		f.SetCellValue(workbook.SheetBijdragen, "D2", "stelde gronden en geld beschikbaar")
	})
	upd := sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", corrected))
	for s, w := range map[string][3]int{workbook.SheetCheckIns: {0, 1, 1}, workbook.SheetAfspraken: {0, 1, 1}, workbook.SheetBijdragen: {0, 1, 0}, workbook.SheetBelangen: {0, 0, 2}} {
		if upd[s] != w {
			t.Errorf("corrected, %s: %v, want %v", s, upd[s], w)
		}
	}
	stored := cypher(t, os.Getenv("NEO4J_URI"), `MATCH (k:CheckIn {externalKey: $k}) MATCH (g:Agreement {externalKey: $g}) RETURN k.together, g.mandate`,
		map[string]any{"k": "GM0363/K1-" + suffix, "g": "GM0363/A1-" + suffix})
	if stored[0].Values[0] != int64(2) || stored[0].Values[1] != "IN_PLACE" {
		t.Errorf("after the correction: %v", stored[0].Values)
	}
	// A stored entry stays on its opgave and with its organisation.
	moved := filledPractice(t, suffix, func(f *excelize.File) {
		f.SetCellValue(workbook.SheetLessen, "C2", "E-"+suffix)
		f.SetCellValue(workbook.SheetBelangen, "D3", "GM0599")
	})
	res := a.upload(importWorkbook, nil, "register.xlsx", moved)
	var msgs []string
	for _, e := range res.Errors {
		msgs = append(msgs, e.Message)
	}
	joined := strings.Join(msgs, "\n")
	for _, w := range []string{
		`register.xlsx:Belangen:3:D (Organisatie): this interest is stored with Organisatie GM0344 and stays there; give the row a new sleutel for another`,
		`register.xlsx:Lessen:2:C (Opgave): this lesson is stored with Opgave W-` + suffix + ` and stays there`,
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in\n%s", w, joined)
		}
	}
}

// TestWorkbookPracticeBadRowWritesNothing: a practice row that breaks a rule of its mutation names
// its cell, and nothing of the workbook is written: neither its new rows nor its changes.
func TestWorkbookPracticeBadRowWritesNothing(t *testing.T) {
	a := newAPI(t)
	suffix := fmt.Sprintf("pb%d", time.Now().UnixNano()%1e9)
	cases := []struct {
		name string
		edit func(f *excelize.File)
		want string
	}{
		{"a decider of the wrong kind", func(f *excelize.File) { f.SetCellValue(workbook.SheetAfspraken, "G2", "PV27") },
			`register.xlsx:Afspraken:2:G (Beslisser): a COLLEGE decision is taken by a [GEMEENTE], not by a PROVINCIE`},
		{"an interest of an organisation without a role", func(f *excelize.File) { f.SetCellValue(workbook.SheetBelangen, "D3", "GM0599") },
			`register.xlsx:Belangen:3:D (Organisatie): GM0599 holds no current role on this opgave`},
		{"a second interest of one organisation", func(f *excelize.File) {
			f.SetSheetRow(workbook.SheetBelangen, "A4", &[]any{"GM0363", "B3-" + suffix, "W-" + suffix, "GM0363", "nog iets"})
		}, `register.xlsx:Belangen:4:D (Organisatie): GM0363 already has an interest on this opgave (B1-` + suffix + `): change that row instead`},
		{"a conflict of an interest with itself", func(f *excelize.File) { f.SetCellValue(workbook.SheetConflicten, "D2", "B1-"+suffix) },
			`register.xlsx:Belangenconflicten:2:D (Belang B): is the same interest as a`},
		{"a check-in in the future", func(f *excelize.File) { f.SetCellValue(workbook.SheetCheckIns, "E2", "2099-01-01") },
			`register.xlsx:Check-ins:2:E (Datum): 2099-01-01 is in the future`},
		{"a check-in of a non-participant", func(f *excelize.File) { f.SetCellValue(workbook.SheetCheckIns, "C3", "E-"+suffix) },
			`register.xlsx:Check-ins:3:D (Organisatie): GM0344 holds no current role on this opgave`},
		{"a contribution to no result", func(f *excelize.File) { f.SetCellValue(workbook.SheetBijdragen, "B2", "nergens") },
			`register.xlsx:Bijdragen:2:B (Resultaat): no result "nergens", neither on the sheet Resultaten nor in Samenspel`},
		{"a lesson's theme twice", func(f *excelize.File) { f.SetCellValue(workbook.SheetLessen, "G2", "wonen; Wonen") },
			`register.xlsx:Lessen:2:G (Thema's): theme "wonen" is given twice`},
		{"a result without a title", func(f *excelize.File) { f.SetCellValue(workbook.SheetResultaten, "D2", " ") },
			`register.xlsx:Resultaten:2:D (Titel): must not be empty`},
	}
	for _, c := range cases {
		r := a.upload(importWorkbook, nil, "register.xlsx", filledPractice(t, suffix, c.edit))
		if len(r.Errors) != 1 || get(r.Data, "importWorkbook") != nil || r.Errors[0].Message != c.want || r.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
			t.Errorf("%s: want the one error %q, got %s", c.name, c.want, r.raw)
		}
	}
	count := func() int64 {
		cy := cypher(t, os.Getenv("NEO4J_URI"), `MATCH (n) WHERE n.externalKey STARTS WITH 'GM0363/' AND n.externalKey ENDS WITH $s RETURN count(n)`, map[string]any{"s": suffix})
		return cy[0].Values[0].(int64)
	}
	if n := count(); n != 0 {
		t.Errorf("%d nodes of the bad workbooks were stored", n)
	}
	// Stored, then changed together with a bad row: the database stays as it was.
	sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filledPractice(t, suffix, nil)))
	before := count()
	bad := filledPractice(t, suffix, func(f *excelize.File) {
		f.SetCellValue(workbook.SheetCheckIns, "F2", "1")
		f.SetSheetRow(workbook.SheetLessen, "A3", &[]any{"GM0363", "L2-" + suffix, "W-" + suffix, "GM0363", "Nog een les", "", "wonen", "2025-08-01"})
		f.SetCellValue(workbook.SheetAfspraken, "I3", "2099-01-01")
	})
	r := a.upload(importWorkbook, nil, "register.xlsx", bad)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["sheet"] != "Afspraken" || r.Errors[0].Extensions["row"] != 3.0 || r.Errors[0].Extensions["column"] != "I" ||
		r.Errors[0].Extensions["header"] != "Besloten op" {
		t.Errorf("a decision in the future: %s", r.raw)
	}
	score := cypher(t, os.Getenv("NEO4J_URI"), `MATCH (k:CheckIn {externalKey: $k}) RETURN k.rightThings`, map[string]any{"k": "GM0363/K1-" + suffix})
	if n := count(); n != before || score[0].Values[0] != int64(4) {
		t.Errorf("after a failed import: %d nodes (was %d), score %v (was 4)", n, before, score[0].Values[0])
	}
}

// TestWorkbookPracticeExportFollowsTheFieldRules: the check-ins sheet only for analysts and admins
// (Opgave.checkIns everywhere), its notes only for admins (CheckIn.note); the other practice
// sheets for every signed-in role. The admin imports each export again and nothing changes.
func TestWorkbookPracticeExportFollowsTheFieldRules(t *testing.T) {
	a := newAPI(t)
	suffix := fmt.Sprintf("px%d", time.Now().UnixNano()%1e9)
	sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filledPractice(t, suffix, nil)))
	note := "geheime notitie " + suffix
	for _, c := range []struct {
		who             string
		cred            string
		checkIns, notes bool
	}{
		{"viewer", a.iss.user(t, matrixOrg, "viewer"), false, false},
		{"editor", a.iss.user(t, matrixOrg, "editor"), false, false},
		{"analyst", a.key(samenspel.Analyst, matrixOrg), true, false},
		{"admin", a.admin, true, true},
	} {
		resp, err := a.as(c.cred).request(http.MethodGet, "/export/workbook.xlsx", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", c.who, resp.StatusCode, raw)
		}
		b := workbook.Empty()
		if err := workbook.Read(b, "export.xlsx", bytes.NewReader(raw)); err != nil {
			t.Fatal(err)
		}
		for _, s := range practiceSheets {
			if _, ok := b.Sheets[s]; ok != (s != workbook.SheetCheckIns || c.checkIns) {
				t.Errorf("%s: sheet %s in the export: %v", c.who, s, ok)
			}
		}
		ks, hasCheckIns := b.Sheets[workbook.SheetCheckIns]
		if hasNotes := hasCheckIns && ks.Letter("notitie") != ""; hasNotes != c.notes {
			t.Errorf("%s: check-in notes %v, want %v", c.who, hasNotes, c.notes)
		}
		holds := false // the note anywhere in the export (the .xlsx is compressed: read, not its bytes)
		for _, sh := range b.Sheets {
			for _, r := range sh.Rows {
				for _, v := range r.Values {
					holds = holds || strings.Contains(v, note)
				}
			}
		}
		if holds != c.notes {
			t.Errorf("%s: the export holds the check-in's note: %v", c.who, holds)
		}
		var lesson workbook.Row
		for _, r := range b.Sheet(workbook.SheetLessen).Rows {
			if r.Key().String() == "GM0363/L-"+suffix {
				lesson = r
			}
		}
		if lesson.Values["themas"] != "wonen; bestuur" || lesson.Values["opgave"] != "GM0363/W-"+suffix {
			t.Errorf("%s: the lesson exported as %v", c.who, lesson.Values)
		}
		for s, n := range sheetCounts(t, a.upload(importWorkbook, nil, "export.xlsx", raw)) {
			if n[0]+n[1] != 0 {
				t.Errorf("%s's export imported again, %s: %v", c.who, s, n)
			}
		}
	}
	stored := cypher(t, os.Getenv("NEO4J_URI"), `MATCH (k:CheckIn {externalKey: $k}) RETURN k.note`, map[string]any{"k": "GM0363/K1-" + suffix})
	if stored[0].Values[0] != note {
		t.Errorf("the note after importing exports without it: %v", stored[0].Values[0])
	}
}

// TestWorkbookPracticeEditorScope: an editor imports what the practice mutations allow it: on an
// opgave it leads everything of its own organisation and any contribution; where it only takes
// part its own interests, check-ins, lessons and contribution; nothing where it takes no part.
func TestWorkbookPracticeEditorScope(t *testing.T) {
	a := newAPI(t)
	s := fmt.Sprintf("pe%d", time.Now().UnixNano()%1e9)
	sheetCounts(t, a.upload(importWorkbook, nil, "register.xlsx", filledTemplate(t, s, nil)))
	other := a.mutate("createOpgave.id", createOpgave, map[string]any{"in": map[string]any{"title": "Andermans opgave " + s, "goal": "Doel",
		"themes": []string{"wonen"}, "scale": "LOKAAL", "area": map[string]any{"gemeenten": []string{"GM0344"}}}}).(string)
	lead := a.as(a.iss.user(t, matrixOrg, "editor"))   // GM0363 leads W- and E-
	partner := a.as(a.iss.user(t, "GM0344", "editor")) // GM0344 takes part in W-
	w, elsewhere := "GM0363/W-"+s, "samenspel/"+other  // as the other organisations refer to them
	forbidden := []struct {
		who      *api
		file     string
		csv      string
		where    string
		contains string
	}{
		{lead, "belangen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Wil bereiken\nGM0363,B9" + s + ",W-" + s + ",GM0344,iets\n", "belangen.csv:Belangen:2:D (Organisatie)", "its own interests only"},
		{lead, "belangen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Wil bereiken\nGM0363,B9" + s + "," + elsewhere + ",GM0363,iets\n", "belangen.csv:Belangen:2:C (Opgave)", "takes no part in this opgave"},
		{lead, "afspraken.csv", "Beheerder,Sleutel,Opgave,Titel,Orgaan,Uiterlijk\nGM0363,A9" + s + "," + elsewhere + ",Besluit,STUURGROEP,2027-01-01\n", "afspraken.csv:Afspraken:2:C (Opgave)", "on opgaven it leads"},
		{lead, "resultaten.csv", "Beheerder,Sleutel,Opgave,Titel,Gepland\nGM0363,R9" + s + "," + elsewhere + ",Resultaat,2027-01-01\n", "resultaten.csv:Resultaten:2:C (Opgave)", "on opgaven it leads"},
		{lead, "lessen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Titel,Thema's\nGM0363,L9" + s + "," + elsewhere + ",GM0363,Les,wonen\n", "lessen.csv:Lessen:2:C (Opgave)", "never had a role on this opgave"},
		{partner, "afspraken.csv", "Beheerder,Sleutel,Opgave,Titel,Orgaan,Uiterlijk\nGM0344,A9" + s + "," + w + ",Besluit,STUURGROEP,2027-01-01\n", "afspraken.csv:Afspraken:2:C (Opgave)", "on opgaven it leads"},
		{partner, "check-ins.csv", "Beheerder,Sleutel,Opgave,Organisatie,Doen we het goede?,Doen we het goed?,Doen we het goed met elkaar?\nGM0344,K9" + s + "," + w + ",GM0363,4,4,4\n", "check-ins.csv:Check-ins:2:D (Organisatie)", "its own check-ins only"},
		{partner, "belangen.csv", "Beheerder,Sleutel,Opgave,Organisatie,Wil bereiken\nGM0363,B9" + s + ",W-" + s + ",GM0344,iets\n", "belangen.csv:Belangen:2:A (Beheerder)", "only the rows it keeps"},
	}
	for _, c := range forbidden {
		r := c.who.upload(importWorkbook, nil, c.file, []byte(c.csv))
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, c.where) || !strings.Contains(r.Errors[0].Message, c.contains) {
			t.Errorf("%s: want FORBIDDEN at %s (%s), got %s", c.file, c.where, c.contains, r.raw)
		}
	}
	// The lead: the practice of its opgave as its organisation records it (the partner's interest
	// and check-in, and so the conflict, left out), a contribution of its partner included.
	got := sheetCounts(t, lead.upload(importWorkbook, nil, "register.xlsx", filledPractice(t, s, func(f *excelize.File) {
		f.RemoveRow(workbook.SheetBelangen, 3)
		f.RemoveRow(workbook.SheetCheckIns, 3)
		f.RemoveRow(workbook.SheetConflicten, 2)
	})))
	for _, sheet := range practiceSheets {
		if got[sheet][0] == 0 && sheet != workbook.SheetConflicten {
			t.Errorf("the lead's practice, %s: %v", sheet, got[sheet])
		}
	}
	// The partner: its own entries on the opgave it takes part in, and its own contribution.
	own := map[string]string{
		"belangen.csv":  "Beheerder,Sleutel,Opgave,Organisatie,Wil bereiken\nGM0344,B-" + s + "," + w + ",GM0344,ruimte voor bedrijven\n",
		"check-ins.csv": "Beheerder,Sleutel,Opgave,Organisatie,Doen we het goede?,Doen we het goed?,Doen we het goed met elkaar?,Notitie\nGM0344,K-" + s + "," + w + ",GM0344,3,3,2,eigen notitie\n",
		"lessen.csv":    "Beheerder,Sleutel,Opgave,Organisatie,Titel,Thema's\nGM0344,L-" + s + "," + w + ",GM0344,Vier kleine successen,wonen\n",
		"bijdragen.csv": "Beheerder,Resultaat,Organisatie,Omschrijving\nGM0344,GM0363/R-" + s + ",GM0344,gronden en een projectleider\n",
	}
	for file, csv := range own {
		for sheet, c := range sheetCounts(t, partner.upload(importWorkbook, nil, file, []byte(csv))) {
			if c[0]+c[1] != 1 {
				t.Errorf("the partner's own %s: %v", sheet, c)
			}
		}
	}
	// Where the two interests conflict, the lead (who takes part) marks it.
	conflict := "Beheerder,Sleutel,Belang A,Belang B,Toelichting\nGM0363,C-" + s + ",B1-" + s + ",GM0344/B-" + s + ",zelfde grond\n"
	if c := sheetCounts(t, lead.upload(importWorkbook, nil, "belangenconflicten.csv", []byte(conflict)))[workbook.SheetConflicten]; c != [3]int{1, 0, 0} {
		t.Errorf("the conflict: %v", c)
	}
	// The partner may not describe the lead's contribution, nor change a lesson of the lead's that
	// its organisation keeps (an admin imported it so).
	if r := partner.upload(importWorkbook, nil, "bijdragen.csv", []byte("Beheerder,Resultaat,Organisatie,Omschrijving\nGM0344,GM0363/R-"+s+",GM0363,ook van ons\n")); len(r.Errors) != 1 ||
		r.Errors[0].Extensions["code"] != "FORBIDDEN" || r.Errors[0].Extensions["column"] != "C" {
		t.Errorf("the partner describing the lead's contribution: %s", r.raw)
	}
	kept := "Beheerder,Sleutel,Opgave,Organisatie,Titel,Thema's\nGM0344,L2-" + s + "," + w + ",GM0363,%s,wonen\n"
	sheetCounts(t, a.upload(importWorkbook, nil, "lessen.csv", []byte(fmt.Sprintf(kept, "Les van de trekker"))))
	if r := partner.upload(importWorkbook, nil, "lessen.csv", []byte(fmt.Sprintf(kept, "Andere titel"))); len(r.Errors) != 1 ||
		r.Errors[0].Extensions["code"] != "FORBIDDEN" || r.Errors[0].Extensions["column"] != "D" {
		t.Errorf("the partner changing the lead's lesson: %s", r.raw)
	}
	// Of an agreement its organisation decides it changes the mandate and the decision (not its
	// body or due date), where it does not lead.
	decided := "Beheerder,Sleutel,Opgave,Titel,Orgaan,Beslisser,Uiterlijk,Mandaat\nGM0344,A-" + s + "," + w + ",Instemming,COLLEGE,GM0344,2027-01-01,%s\n"
	sheetCounts(t, a.upload(importWorkbook, nil, "afspraken.csv", []byte(fmt.Sprintf(decided, "MISSING"))))
	if c := sheetCounts(t, partner.upload(importWorkbook, nil, "afspraken.csv", []byte(fmt.Sprintf(decided, "IN_PLACE"))))[workbook.SheetAfspraken]; c != [3]int{0, 1, 0} {
		t.Errorf("the decider's mandate: %v", c)
	}
	body := strings.Replace(fmt.Sprintf(decided, "IN_PLACE"), ",COLLEGE,", ",RAAD,", 1)
	if r := partner.upload(importWorkbook, nil, "afspraken.csv", []byte(body)); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
		t.Errorf("the decider changing the body: %s", r.raw)
	}
	due := strings.Replace(fmt.Sprintf(decided, "IN_PLACE"), ",2027-01-01,", ",2028-01-01,", 1)
	if r := partner.upload(importWorkbook, nil, "afspraken.csv", []byte(due)); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
		t.Errorf("the decider moving the due date: %s", r.raw)
	}
}
