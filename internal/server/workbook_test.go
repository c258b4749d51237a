package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
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
	if vars == nil {
		vars = map[string]any{}
	}
	vars["file"] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("operations", string(ops))
	mw.WriteField("map", `{"0": ["variables.file"]}`)
	fw, _ := mw.CreateFormFile("0", filename)
	fw.Write(content)
	mw.Close()
	status, _, raw := a.post(mw.FormDataContentType(), body.Bytes())
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil || status != http.StatusOK {
		a.t.Fatalf("upload: status %d: %s", status, raw)
	}
	r.raw = raw
	return r
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
	export := a.with(t, serverOptions(2*time.Minute))
	start := time.Now()
	resp, err := export.request(http.MethodGet, "/export/workbook.xlsx", "", nil)
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

var _ = context.Background
var _ = samenspel.Admin
