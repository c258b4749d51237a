package workbook

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestTemplateHasEverySheetWithHeadersHelpAndLists(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, NewBook("")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, spec := range Specs {
		header, err := f.GetRows(spec.Name)
		if err != nil || len(header) != 1 || len(header[0]) != len(spec.Columns) {
			t.Fatalf("%s: header rows %v (%v)", spec.Name, header, err)
		}
		for i, c := range spec.Columns {
			if header[0][i] != c.Header {
				t.Errorf("%s column %s: header %q, want %q", spec.Name, columnLetter(i), header[0][i], c.Header)
			}
		}
		comments, err := f.GetComments(spec.Name)
		if err != nil || len(comments) != len(spec.Columns) {
			t.Errorf("%s: %d explanations on the headers, want %d (%v)", spec.Name, len(comments), len(spec.Columns), err)
		}
		dvs, err := f.GetDataValidations(spec.Name)
		if err != nil {
			t.Fatal(err)
		}
		lists := 0
		for _, c := range spec.Columns {
			if c.Kind == Enum || c.Kind == Theme || c.Kind == Score {
				lists++
			}
		}
		if len(dvs) != lists {
			t.Errorf("%s: %d drop-down lists, want %d", spec.Name, len(dvs), lists)
		}
	}
	// The role types' list holds every role type.
	dvs, _ := f.GetDataValidations(SheetRollen)
	var typeList string
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "E2:") {
			typeList = dv.Formula1
		}
	}
	if !strings.Contains(typeList, "Lijsten!") {
		t.Fatalf("the Type column's list is %q, want a range on the Lijsten sheet", typeList)
	}
	values, _ := f.GetCols("Lijsten")
	if got := strings.Trim(strings.Join(values[3][1:], ","), ","); got != "TREKKER,MEDETREKKER,DEELNEMER,FINANCIER,UITVOERDER,ADVISEUR,OPDRACHTGEVER" {
		t.Errorf("role types listed: %s", got)
	}
	help, _ := f.GetRows("Toelichting")
	if len(help) < 40 {
		t.Errorf("the Toelichting sheet has %d rows; want one per sheet and column", len(help))
	}
	// Read back, the template is every sheet without a row.
	b := Empty()
	if err := Read(b, "leeg.xlsx", bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	if len(b.Sheets) != len(Specs) || b.Rows() != 0 {
		t.Errorf("template read back: %d sheets, %d rows", len(b.Sheets), b.Rows())
	}
}

func TestReadNormalisesCells(t *testing.T) {
	csv := "Beheerder;Sleutel;Titel;Doel;Thema 1;Thema 2;Schaal;Status;Start;Einde;Gebied\n" +
		"GM0363; OPG-1 ;Woondeal;5.000 woningen;Wonen;mobiliteit;regionaal;;15-1-2024;45658;\"GM0344; corop/CR17 ;gm0363\"\n"
	b := Empty()
	if err := Read(b, "opgaven.csv", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	r := b.Sheet(SheetOpgaven).Rows[0]
	want := map[string]string{"beheerder": "GM0363", "sleutel": "OPG-1", "thema1": "wonen", "thema2": "mobiliteit", "schaal": "REGIONAAL",
		"status": "", "start": "2024-01-15", "einde": "2025-01-01", "gebied": "GM0344; GM0363; corop/CR17"}
	for k, v := range want {
		if r.Values[k] != v {
			t.Errorf("%s = %q, want %q", k, r.Values[k], v)
		}
	}
	if r.Has("thema3") || r.Has("omschrijving") {
		t.Error("columns the file lacks must be absent from the row, so that an import leaves them alone")
	}
	roles := "beheerder,sleutel,opgave,organisatie,type,niveau,van,persoon,Bijdrage euro,Bijdrage fte\n" +
		"GM0363,R1,OPG-1,GM0363,trekker,ambtelijk,2024-01-01,PV27/P9,\"1.250.000,50\",\"0,5\"\n"
	if err := Read(b, "rollen.csv", strings.NewReader(roles)); err != nil {
		t.Fatal(err)
	}
	r = b.Sheet(SheetRollen).Rows[0]
	for k, v := range map[string]string{"opgave": "GM0363/OPG-1", "persoon": "PV27/P9", "type": "TREKKER", "euro": "1250000.5", "fte": "0.5"} {
		if r.Values[k] != v {
			t.Errorf("role %s = %q, want %q", k, r.Values[k], v)
		}
	}
	if Shorten(r.Values["opgave"], "GM0363") != "OPG-1" || Shorten(r.Values["persoon"], "GM0363") != "PV27/P9" {
		t.Error("a reference to a row of the same beheerder is written as its sleutel, others in full")
	}
}

func TestReadNamesEveryBadCell(t *testing.T) {
	csv := "Beheerder,Sleutel,Titel,Doel,Thema 1,Thema 2,Schaal,Start,Einde,Gebied\n" +
		"GM0363,A,Goed,Doel,wonen,,LOKAAL,2024-01-01,2025-01-01,GM0363\n" +
		"GM0363,B,Slecht,Doel,wonnen,,LOKAAL,2024-01-01,2023-01-01,GM0363\n" +
		"GM0363,A,Dubbel,Doel,wonen,wonen,LOKAAL,,,GM0363\n" +
		"GM0363,C/D,,Doel,wonen,,ergens,1 januari,,Utrecht\n"
	err := Read(Empty(), "register.csv", strings.NewReader(csv))
	if err == nil || !strings.Contains(err.Error(), "a CSV file is named after its sheet") {
		t.Fatalf("a CSV file not named after a sheet: %v", err)
	}
	err = Read(Empty(), "opgaven.csv", strings.NewReader(csv))
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *CellError
		if !errors.As(e, &ce) {
			t.Fatalf("%v is not a CellError", e)
		}
		got = append(got, ce.Error())
	}
	want := []string{
		`opgaven.csv:Opgaven:3:E (Thema 1): unknown theme "wonnen"`,
		`opgaven.csv:Opgaven:4:F (Thema 2): theme "wonen" is already in Thema 1`,
		`opgaven.csv:Opgaven:4:B (Sleutel): the same beheerder and sleutel as row 2`,
		`opgaven.csv:Opgaven:5:B (Sleutel): "C/D": a key may not contain '/'`,
		`opgaven.csv:Opgaven:5:C (Titel): must not be empty`,
		`opgaven.csv:Opgaven:5:G (Schaal): "ergens" is not one of LOKAAL`,
		`opgaven.csv:Opgaven:5:H (Start): "1 januari" is not a date`,
		`opgaven.csv:Opgaven:5:J (Gebied): "UTRECHT": write a gemeente as its CBS code`,
	}
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("missing %q in\n%s", w, joined)
		}
	}
	// Row 3's end before its start is reported once its theme is right.
	fixed := strings.Replace(csv, "wonnen", "wonen", 1)
	if err := Read(Empty(), "opgaven.csv", strings.NewReader(fixed)); !strings.Contains(err.Error(), "opgaven.csv:Opgaven:3:I (Einde): the end 2023-01-01 is before the start 2024-01-01") {
		t.Errorf("end before start: %v", err)
	}
	if err := Read(Empty(), "rollen.csv", strings.NewReader("Beheerder,Sleutel,Opgave\n")); err == nil ||
		!strings.Contains(err.Error(), `rollen.csv:Rollen:1: the column "Organisatie" is missing`) {
		t.Errorf("missing column: %v", err)
	}
}

func TestReadKeepsColumnsInPlaceAndRefusesAmbiguousCells(t *testing.T) {
	b := Empty()
	csv := "Beheerder,Sleutel,,Naam,Organisatie\nGM0344,P1,een notitie,Jan,GM0344\n"
	if err := Read(b, "personen.csv", strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	if r := b.Sheet(SheetPersonen).Rows[0]; r.Values["naam"] != "Jan" || r.Values["organisatie"] != "GM0344" {
		t.Errorf("a column without a header shifted the others: %v", r.Values)
	}
	bad := "Beheerder,Sleutel,Opgave,Organisatie,Type,Niveau,Van,Bijdrage euro\nGM0344,A;B,X,GM0344,DEELNEMER,AMBTELIJK,2024-01-01,1.500\n"
	err := Read(Empty(), "rollen.csv", strings.NewReader(bad))
	for _, w := range []string{`rollen.csv:Rollen:2:B (Sleutel): "A;B": a key may not contain`, `rollen.csv:Rollen:2:H (Bijdrage euro): "1.500" is ambiguous; write 1500 or 1,5`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in %v", w, err)
		}
	}
	long := "Beheerder,Sleutel,Titel,Doel,Thema 1,Thema 3,Schaal,Gebied\nGM0344,A,T," + strings.Repeat("x", MaxCell+1) + ",wonen,\"energie; Water\",LOKAAL,GM0344\n"
	err = Read(Empty(), "opgaven.csv", strings.NewReader(long))
	if err == nil || !strings.Contains(err.Error(), "opgaven.csv:Opgaven:2:D (Doel): has 32768 characters; a spreadsheet cell holds at most 32767") {
		t.Errorf("a cell longer than a spreadsheet holds: %v", err)
	}
	ok := Empty()
	if err := Read(ok, "opgaven.csv", strings.NewReader(strings.Replace(long, strings.Repeat("x", MaxCell+1), "Doel", 1))); err != nil {
		t.Fatal(err)
	}
	if v := ok.Sheet(SheetOpgaven).Rows[0].Values["thema3"]; v != "energie; water" {
		t.Errorf("Thema 3 holds the further themes in order: %q", v)
	}
}
